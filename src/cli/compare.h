/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tpgen compare: one kernel's layouts of events against another's. */
#ifndef TPGEN_COMPARE_H
#define TPGEN_COMPARE_H

#include <stdio.h>

#include "buf.h"
#include "layout.h"
#include "tree.h"

/* What a loader built for an event does on the other kernel; the first
 * three in the order of how much differs. */
enum tp_verdict {
	TP_SAME,     /* runs: the layouts are the same */
	TP_FOLLOWED, /* runs, following what moved (or printing it absent) */
	TP_REFUSED,  /* refuses to start: a field it cannot follow */
	TP_GONE,     /* refuses to start: the other kernel lacks the event */
};

/*
 * Compares l (as programs are built from it) with the other kernel's
 * layout of its event in `to`, by the loaders' own rules: writes into b a
 * line for each field that differs, and sets *verdict.  Returns 0, or an
 * errno when the other kernel's format file cannot be read.
 */
int tp_compare_event(struct tp_buf *b, const struct tp_layout *l,
		     const struct tp_tree *to, enum tp_verdict *verdict);

/*
 * Compares each of the n layouts with `to`'s: writes to out a paragraph
 * for each that differs, then the counts.  Returns how many would be
 * refused, or minus an errno when `to` cannot be read.
 */
long tp_compare_events(FILE *out, const struct tp_layout *layouts, size_t n,
		       const struct tp_tree *to);

#endif
