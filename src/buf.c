/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"

/* No room is left after a failure, so that the inline adds, which look
 * only at the room, add nothing more either. */
static bool fail(struct tp_buf *b)
{
	b->failed = true;
	b->cap = b->len;
	return false;
}

bool tp_buf_reserve(struct tp_buf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 4096;
	char *data;

	if (b->failed)
		return false;
	if (n <= b->cap - b->len)
		return true;
	while (cap - b->len < n) {
		if (cap > SIZE_MAX / 2)
			return fail(b);
		cap *= 2;
	}
	data = realloc(b->data, cap);
	if (!data)
		return fail(b);
	b->data = data;
	b->cap = cap;
	return true;
}

void tp_buf_printf(struct tp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->failed)
		return;
	/* Straight into the room there is; again once there is enough (one
	 * more byte for the NUL that vsnprintf() writes). */
	va_start(ap, fmt);
	n = vsnprintf(b->data ? b->data + b->len : NULL, b->cap - b->len, fmt,
		      ap);
	va_end(ap);
	if (n < 0) {
		fail(b);
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		if (!tp_buf_reserve(b, (size_t)n + 1))
			return;
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void tp_buf_fini(struct tp_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = false;
}
