/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the filter scanner and grammar share (flexer.l, fparser.y). */
#ifndef TPGEN_FSCAN_H
#define TPGEN_FSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "filter.h"
#include "loc.h"
#include "source.h"

struct tf_state {
	const struct tp_source *src;
	struct tp_diags *d;
	const char *in; /* the filter's bytes not yet scanned */
	size_t left;
	size_t byte; /* offset of the next byte in src */
	struct tp_filter *root;
	bool nomem;
	bool function; /* the last name ended in .function */
};

typedef void *yyscan_t;

int tflex_init_extra(struct tf_state *extra, yyscan_t *scanner);
int tflex_destroy(yyscan_t scanner);

/* A predicate's node: the name, operator and value at their places in
 * the source (the value's kind given).  NULL when out of memory. */
struct tp_filter *tf_pred(struct tf_state *st, const struct tp_loc *name,
			  enum tp_filter_op op, const struct tp_loc *op_loc,
			  enum tp_filter_value kind,
			  const struct tp_loc *value);

/* An OR, AND or NOT node over its kids (b NULL for NOT); the kids are
 * freed when out of memory. */
struct tp_filter *tf_node(struct tf_state *st, enum tp_filter_kind kind,
			  const struct tp_loc *loc, struct tp_filter *a,
			  struct tp_filter *b);

#endif
