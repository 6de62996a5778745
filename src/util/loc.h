/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A span of source text, as byte offsets.  This is the parsers' location
 * type (api.location.type), owned by tpgen rather than by bison.  Lines
 * and columns are found from the offsets when a message is printed
 * (tp_source_locate()): nothing on the way counts them.
 */
#ifndef TPGEN_LOC_H
#define TPGEN_LOC_H

#include <stddef.h>

struct tp_loc {
	size_t first_byte; /* offset of the first byte in the source */
	size_t end_byte;   /* one past the last; equal for an empty span */
};

/* The span of the len bytes at a scanner's position *byte, which moves
 * past them.  Both scanners call this for every token. */
static inline void tp_loc_step(size_t *byte, struct tp_loc *loc, size_t len)
{
	loc->first_byte = *byte;
	*byte += len;
	loc->end_byte = *byte;
}

/* Both grammars' YYLLOC_DEFAULT: a rule spans its first symbol's start
 * to its last symbol's end; an empty rule is an empty span where the
 * symbol before it ends. */
#define TP_LOC_DEFAULT(cur, rhs, n)                                       \
	do {                                                              \
		if (n) {                                                  \
			(cur).first_byte = YYRHSLOC(rhs, 1).first_byte;   \
			(cur).end_byte = YYRHSLOC(rhs, n).end_byte;       \
		} else {                                                  \
			(cur).first_byte = (cur).end_byte =               \
				YYRHSLOC(rhs, 0).end_byte;                \
		}                                                         \
	} while (0)

#endif
