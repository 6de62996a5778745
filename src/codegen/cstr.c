/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "cstr.h"

void tp_c_chars(struct tp_buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			tp_buf_addc(out, '\\');
			tp_buf_addc(out, (char)c);
		} else if (c == '\n') {
			tp_buf_adds(out, "\\n");
		} else if (c == '\t') {
			tp_buf_adds(out, "\\t");
		} else if (c == '?' && i > 0 && s[i - 1] == '?') {
			/* No trigraph: "??=" is written "?\?=". */
			tp_buf_adds(out, "\\?");
		} else if (c >= 0x20 && c < 0x7f) {
			tp_buf_addc(out, (char)c);
		} else {
			/* Three digits, so that a digit after it is not
			 * taken into it (as \x would take it). */
			tp_buf_printf(out, "\\%03o", c);
		}
	}
}

void tp_c_string(struct tp_buf *out, const char *s, size_t len)
{
	tp_buf_addc(out, '"');
	tp_c_chars(out, s, len);
	tp_buf_addc(out, '"');
}
