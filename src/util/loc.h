/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A span of source text.  This is the parser's location type
 * (api.location.type), owned by tpgen rather than by bison.
 */
#ifndef TPGEN_LOC_H
#define TPGEN_LOC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct tp_loc {
	unsigned first_line;   /* 1-based */
	unsigned first_column; /* 1-based, in bytes */
	unsigned last_line;
	unsigned last_column;  /* column of the last byte of the span */
	size_t first_byte;     /* offset of the first byte in the source */
	size_t end_byte;       /* offset one past the last byte */
};

/*
 * Sets loc to the span of the len bytes of text at a scanner's position
 * (*line, *column, *byte: that of the next byte), and moves the position
 * past them.  Both scanners call this for every token.
 */
static inline void tp_loc_step(unsigned *line, unsigned *column,
			       size_t *byte, struct tp_loc *loc,
			       const char *text, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL;
	size_t i = 0;

	loc->first_line = loc->last_line = *line;
	loc->first_column = loc->last_column = *column;
	loc->first_byte = *byte;
	/* Most tokens hold no newline: the column moves by their length.
	 * Eight bytes at a time while eight are left (a newline is a zero
	 * byte of the word xor eight newlines), then a byte at a time. */
	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, text + i, sizeof(w));
		w ^= '\n' * ones;
		if ((w - ones) & ~w & (0x80 * ones))
			break;
	}
	for (; i < len && text[i] != '\n'; i++)
		;
	if (len && i == len) {
		loc->last_column = *column + (unsigned)len - 1;
		*column += (unsigned)len;
		*byte += len;
		loc->end_byte = *byte;
		return;
	}
	/* From the first newline on, a byte at a time; the bytes before it
	 * only move the column. */
	*column += (unsigned)i;
	for (; i < len; i++) {
		loc->last_line = *line;
		loc->last_column = *column;
		if (text[i] == '\n') {
			++*line;
			*column = 1;
		} else {
			++*column;
		}
	}
	*byte += len;
	loc->end_byte = *byte;
}

#endif
