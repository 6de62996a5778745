/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Event selectors: "group/event" or "group:event", each part a shell glob;
 * a selector without a separator names events in any group.  bpftrace's
 * "tracepoint:group:event" (or "t:", "tp:") is "group:event".
 */
#ifndef TPGEN_SELECT_H
#define TPGEN_SELECT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "tree.h"

/*
 * The events of tree that any of the n selectors matches, in the tree's
 * order, each once: an array of n_out indexes into tree->refs, owned by the
 * caller.  A selector that matches nothing is an error in d, with the
 * nearest names as notes.  Returns 0, ENOENT when a selector matched
 * nothing, or ENOMEM.
 */
int tp_select(const struct tp_tree *tree, char *const *selectors, size_t n,
	      size_t **out, size_t *n_out, struct tp_diags *d);

/* Whether selector chooses the event group/name: 0 with *yes set, or
 * ENOMEM. */
int tp_selects(const char *selector, const char *group, const char *name,
	       bool *yes);

/* How many edits make a into b: characters inserted, deleted, replaced
 * or two neighbours swapped (for suggestions). */
size_t tp_edit_distance(const char *a, const char *b);

#endif
