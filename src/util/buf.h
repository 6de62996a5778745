/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A growing byte buffer that text is appended to.  Headers are written
 * through one, not through stdio: a header is hundreds of thousands of
 * short pieces, and each call into a FILE cost some 30 instructions
 * before its bytes were copied, a tenth of all that 'tpgen header' did.
 * Here a piece is a length check and a memcpy().
 */
#ifndef TPGEN_BUF_H
#define TPGEN_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct tp_buf {
	/* Not NUL-terminated; the caller's to free() unless the buffer
	 * spilled (then tp_buf_fini() releases it). */
	char *data;
	size_t len, cap;
	bool failed; /* out of memory once: nothing more is added */
	/*
	 * Set by the caller: once the bytes held would pass spill, they are
	 * written to a temporary file, and data holds those after the first
	 * `spilled`.  A text many times its input's size (the header of an
	 * event of a million fields) is then never in memory whole: it is
	 * written out from the file (tp_output_buf_pieces()).  0: never.
	 */
	size_t spill;
	size_t spilled;
	int fd; /* the temporary file, when spilled is not 0 */
};

/* The spill of buffers that may hold texts of many megabytes: 16 writes
 * for a header of every event of a machine (4 MB), and a quarter of the
 * input's size in memory for an input of 1 MB. */
#define TP_BUF_SPILL (256u << 10)

/* Room for n more bytes; false (and failed set) when there is none. */
bool tp_buf_reserve(struct tp_buf *b, size_t n);

/* How many bytes were added, spilled ones too. */
static inline size_t tp_buf_pos(const struct tp_buf *b)
{
	return b->spilled + b->len;
}

/* tp_buf_add() when the room is short. */
void tp_buf_add_big(struct tp_buf *b, const void *s, size_t n);

static inline void tp_buf_add(struct tp_buf *b, const void *s, size_t n)
{
	/* Nothing to copy (data may still be NULL, which memcpy() may not
	 * be given). */
	if (!n)
		return;
	if (n > b->cap - b->len) {
		tp_buf_add_big(b, s, n);
		return;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

static inline void tp_buf_adds(struct tp_buf *b, const char *s)
{
	tp_buf_add(b, s, strlen(s));
}

static inline void tp_buf_addc(struct tp_buf *b, char c)
{
	if (b->len == b->cap && !tp_buf_reserve(b, 1))
		return;
	b->data[b->len++] = c;
}

__attribute__((format(printf, 2, 3)))
void tp_buf_printf(struct tp_buf *b, const char *fmt, ...);

/* Frees the bytes (and the file); b is empty again, spill kept. */
void tp_buf_fini(struct tp_buf *b);

#endif
