/* SPDX-License-Identifier: GPL-2.0-or-later */
/* State shared by the scanner, the parser and the parse driver. */
#ifndef TPGEN_SCAN_H
#define TPGEN_SCAN_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

#include "format-build.h"
#include "loc.h"

/* Deeper nesting of brackets in a declaration is an error. */
#define TP_MAX_NESTING 256

struct tp_scan {
	struct tp_builder *b;
	size_t byte;       /* offset of the next byte */
	size_t line_start; /* offset of the line's first byte */
	/* print fmt text is gathered over several scanner rules. */
	bool in_print_fmt;
	struct tp_loc print_fmt;
	/* A token to hand out on the next call before scanning further. */
	int pending;
	struct tp_loc pending_loc;
	bool cr_reported;
	/* Where the last bad character reported was: one report a line. */
	size_t bad_byte;
	bool bad_reported;
	bool end_sent;     /* the END token closing the last line */
	int depth;         /* [ and ( nesting inside a declaration */
	/* Where the scanner returns to when it runs out of memory, where
	 * flex would print a message and exit: out_of_memory is set. */
	jmp_buf fatal;
	bool out_of_memory;
};

typedef void *yyscan_t;

int yylex_init_extra(struct tp_scan *extra, yyscan_t *scanner);
int yylex_destroy(yyscan_t scanner);
struct yy_buffer_state *yy_scan_bytes(const char *bytes, int len,
				      yyscan_t scanner);

#endif
