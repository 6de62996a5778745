/* SPDX-License-Identifier: GPL-2.0-or-later */
/* State shared by the print fmt scanner, parser and src/parse/print.c. */
#ifndef TPGEN_PFSCAN_H
#define TPGEN_PFSCAN_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

#include "loc.h"
#include "print.h"

struct pf_state {
	struct tp_print *print;
	const char *in; /* the print fmt's bytes not yet scanned */
	size_t left;
	size_t byte; /* offset of the next byte in the format file */
	int depth; /* braces of a statement expression */
	struct tp_loc stmt;
	bool nomem;
	/* Where the scanner returns to when flex runs out of memory, with
	 * nomem set: flex would print a message and exit. */
	jmp_buf fatal;
	bool too_deep; /* the parser's stack outgrew YYMAXDEPTH */
	/* Only the calls that name symbols go to the parser, after a
	 * SYMBOLS token (tp_print_parse_symbols(), pflex()). */
	bool symbols_only;
	bool started;      /* SYMBOLS sent */
	unsigned calls;    /* calls sent so far */
	int call_depth;    /* parentheses open in the call being sent */
	int queued;        /* of ',', the name and '(' still to send: 3 to 0 */
	char *name;        /* the call's name, while queued */
	struct tp_loc name_loc, paren_loc;
};

/* A decoded string literal. */
struct pf_str {
	char *s;
	size_t len;
};

/* The arguments of a call or a list, being gathered: pf_take_list()
 * copies them to the print's nodes when they are all there. */
struct pf_list {
	struct tp_expr **v;
	size_t n, cap;
};

/* The first thing not understood, at loc (later reports are dropped). */
void pf_problem(struct pf_state *st, const struct tp_loc *loc,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

struct tp_expr *pf_node(struct pf_state *st, enum tp_expr_kind kind,
			const struct tp_loc *loc);
/* A TP_E_STRING of s, which it frees. */
struct tp_expr *pf_string(struct pf_state *st, const struct tp_loc *loc,
			  struct pf_str s);
struct tp_expr *pf_node1(struct pf_state *st, enum tp_expr_kind kind, int op,
			 const struct tp_loc *loc, struct tp_expr *a);
struct tp_expr *pf_node2(struct pf_state *st, int op, const struct tp_loc *loc,
			 struct tp_expr *a, struct tp_expr *b);
struct tp_expr *pf_node3(struct pf_state *st, const struct tp_loc *loc,
			 struct tp_expr *a, struct tp_expr *b,
			 struct tp_expr *c);
struct pf_list *pf_list_add(struct pf_state *st, struct pf_list *l,
			    struct tp_expr *e);
void pf_list_free(struct pf_list *l);
/* A node of kind with text (from pf_text()) and the list's items as its
 * kids; frees the list. */
struct tp_expr *pf_take_list(struct pf_state *st, const struct tp_loc *loc,
			     enum tp_expr_kind kind, char *text,
			     struct pf_list *l);
/* A copy of s (len bytes and a NUL) among the print's nodes; frees s.
 * NULL when s is. */
char *pf_text(struct pf_state *st, char *s, size_t len);

typedef void *yyscan_t;

int pflex_init_extra(struct pf_state *extra, yyscan_t *scanner);
int pflex_destroy(yyscan_t scanner);

#endif
