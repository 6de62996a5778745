/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parsing and laying out many events of a tree at once, on as many
 * threads as there are CPUs.  Each event's result, diagnostics included,
 * is kept apart, so that the caller takes them in order: the output and
 * the messages are the same whatever the number of threads.
 */
#ifndef TPGEN_PARSE_H
#define TPGEN_PARSE_H

#include <stddef.h>

#include "diag.h"
#include "layout.h"
#include "tree.h"

/* One event's outcome. */
struct tp_parsed {
	struct tp_source *src;  /* its text, which diags refer to */
	struct tp_event *ev;    /* NULL when it did not parse (see diags) */
	struct tp_layout layout;
	int err;                /* 0, or ENOMEM from the layout */
	struct tp_diags diags;
};

/*
 * Parses tree->refs[idx[i]] (print fmts as far as `use` needs) and lays it
 * out (names after pattern) into out[i], for i < n.  threads 0 means one a CPU online; fewer events than
 * are worth a thread take fewer.  Every out[i] is filled in, and each is
 * the caller's to hand to tp_parsed_fini() (after taking what it keeps).
 */
void tp_parse_events(const struct tp_tree *tree, const size_t *idx,
		     size_t n, enum tp_print_use use, const char *pattern,
		     unsigned threads, struct tp_parsed *out);

/* Frees what p still holds: the event and layout unless taken (set to
 * NULL and zeroed), the source and the diagnostics. */
void tp_parsed_fini(struct tp_parsed *p);

#endif
