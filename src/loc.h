/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A span of source text.  This is the parser's location type
 * (api.location.type), owned by tpgen rather than by bison.
 */
#ifndef TPGEN_LOC_H
#define TPGEN_LOC_H

#include <stddef.h>

struct tp_loc {
	unsigned first_line;   /* 1-based */
	unsigned first_column; /* 1-based, in bytes */
	unsigned last_line;
	unsigned last_column;  /* column of the last byte of the span */
	size_t first_byte;     /* offset of the first byte in the source */
	size_t end_byte;       /* offset one past the last byte */
};

#endif
