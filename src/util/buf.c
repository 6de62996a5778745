/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"

/* No room is left after a failure, so that the inline adds, which look
 * only at the room, add nothing more either. */
static bool fail(struct tp_buf *b)
{
	b->failed = true;
	b->cap = b->len;
	return false;
}

/* Writes len bytes at p to the end of the temporary file. */
static bool write_bytes(struct tp_buf *b, const char *p, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t w = write(b->fd, p + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		done += (size_t)w;
	}
	b->spilled += len;
	return true;
}

/* Writes the bytes held to the end of the temporary file. */
static bool write_out(struct tp_buf *b)
{
	if (!write_bytes(b, b->data, b->len))
		return false;
	b->len = 0;
	return true;
}

/* Makes the temporary file, before the first spill.  With none to be
 * had, the buffer stops spilling and grows instead. */
static void open_spill(struct tp_buf *b)
{
	const char *dir = getenv("TMPDIR");

	if (b->spilled)
		return;
	b->fd = open(dir && *dir ? dir : "/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC,
		     0600);
	if (b->fd < 0)
		b->spill = 0;
}

/* Moves the bytes held to the temporary file: false only when writing
 * failed. */
static bool spill(struct tp_buf *b)
{
	open_spill(b);
	return !b->spill || write_out(b);
}

bool tp_buf_reserve(struct tp_buf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 4096;
	char *data;

	if (b->failed)
		return fail(b);
	if (n <= b->cap - b->len)
		return true;
	if (b->spill && b->len && (b->len >= b->spill ||
				   n > b->spill - b->len)) {
		if (!spill(b))
			return fail(b);
		if (n <= b->cap - b->len)
			return true;
	}
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

void tp_buf_add_big(struct tp_buf *b, const void *s, size_t n)
{
	/* A piece as big as what is spilled at once goes to the file as it
	 * is, not through memory (a value of megabytes put in a template). */
	if (b->spill && n >= b->spill && !b->failed) {
		open_spill(b);
		if (b->spill) {
			if (!write_out(b) || !write_bytes(b, s, n))
				fail(b);
			return;
		}
	}
	if (tp_buf_reserve(b, n)) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
	}
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
	if (b->spilled)
		close(b->fd);
	b->data = NULL;
	b->len = b->cap = b->spilled = 0;
	b->failed = false;
}
