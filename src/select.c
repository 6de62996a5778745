/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "select.h"

#define MAX_SUGGESTIONS 3

struct pattern {
	char *group; /* NULL: any group */
	const char *name;
	char *buf;
};

static int split(const char *sel, struct pattern *p)
{
	size_t cut = strcspn(sel, "/:");

	p->buf = strdup(sel);
	if (!p->buf)
		return ENOMEM;
	if (!sel[cut]) {
		p->group = NULL;
		p->name = p->buf;
		return 0;
	}
	p->buf[cut] = '\0';
	p->group = p->buf;
	/* "sched/" names the whole group. */
	p->name = p->buf[cut + 1] ? p->buf + cut + 1 : "*";
	return 0;
}

static bool matches(const struct pattern *p, const struct tp_event_ref *r)
{
	return (!p->group || fnmatch(p->group, r->group, 0) == 0) &&
	       fnmatch(p->name, r->name, 0) == 0;
}

size_t tp_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, result;

	row = malloc((lb + 1) * sizeof(*row));
	if (!row)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	result = row[lb];
	free(row);
	return result;
}

struct candidate {
	size_t dist;
	size_t ref;
};

/*
 * Notes naming the events closest to what was asked for.  An event of the
 * same name in another group is the likeliest slip, then names within a
 * few edits of the selector.
 */
static void suggest(const struct tp_tree *tree, const struct pattern *p,
		    const char *sel, struct tp_diags *d)
{
	struct candidate best[MAX_SUGGESTIONS];
	size_t nbest = 0, i, k, limit = strlen(sel) / 3;

	if (limit < 2)
		limit = 2;
	for (i = 0; i < tree->nrefs; i++) {
		const struct tp_event_ref *r = &tree->refs[i];
		char *full;
		size_t dist;

		if (fnmatch(p->name, r->name, 0) == 0) {
			dist = 0;
		} else {
			if (asprintf(&full, "%s/%s", r->group, r->name) < 0)
				return;
			dist = tp_edit_distance(p->group ? sel : p->name,
						p->group ? full : r->name);
			free(full);
			if (dist > limit)
				continue;
		}
		/* Keep the closest few, earliest first among equals. */
		for (k = nbest; k > 0 && best[k - 1].dist > dist; k--)
			if (k < MAX_SUGGESTIONS)
				best[k] = best[k - 1];
		if (k < MAX_SUGGESTIONS) {
			best[k].dist = dist;
			best[k].ref = i;
			if (nbest < MAX_SUGGESTIONS)
				nbest++;
		}
	}
	for (k = 0; k < nbest; k++) {
		const struct tp_event_ref *r = &tree->refs[best[k].ref];

		tp_note(d, NULL, NULL, "did you mean '%s/%s'?", r->group,
			r->name);
	}
}

int tp_select(const struct tp_tree *tree, char *const *selectors, size_t n,
	      size_t **out, size_t *n_out, struct tp_diags *d)
{
	bool *chosen = calloc(tree->nrefs ? tree->nrefs : 1, sizeof(*chosen));
	size_t i, j, k = 0;
	int err = 0;

	*out = NULL;
	*n_out = 0;
	if (!chosen)
		return ENOMEM;
	for (i = 0; i < n; i++) {
		struct pattern p;
		bool any = false;

		if (split(selectors[i], &p)) {
			err = ENOMEM;
			break;
		}
		for (j = 0; j < tree->nrefs; j++) {
			if (matches(&p, &tree->refs[j])) {
				any = true;
				k += !chosen[j];
				chosen[j] = true;
			}
		}
		if (!any) {
			tp_error(d, NULL, NULL, "no event matches '%s' in %s",
				 selectors[i], tree->events);
			suggest(tree, &p, selectors[i], d);
			err = ENOENT;
		}
		free(p.buf);
	}
	if (!err) {
		*out = malloc((k ? k : 1) * sizeof(**out));
		if (!*out)
			err = ENOMEM;
	}
	if (!err) {
		for (i = 0, j = 0; i < tree->nrefs; i++)
			if (chosen[i])
				(*out)[j++] = i;
		*n_out = k;
	}
	free(chosen);
	return err;
}
