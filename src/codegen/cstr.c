/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "cstr.h"

void tp_c_chars(struct tp_buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			tp_buf_printf(out, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f && c != '?')
			tp_buf_addc(out, (char)c);
		else
			tp_buf_printf(out, "\\%03o", c);
	}
}

void tp_c_string(struct tp_buf *out, const char *s, size_t len)
{
	tp_buf_addc(out, '"');
	tp_c_chars(out, s, len);
	tp_buf_addc(out, '"');
}
