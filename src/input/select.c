/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "select.h"

#define MAX_SUGGESTIONS 3

struct pattern {
	char *group; /* NULL: any group */
	const char *name;
	const char *text; /* the selector without a probe type */
	char *buf;
};

/* Whether sel begins with a probe type that names tracepoints, as
 * bpftrace writes them ("tracepoint:sched:sched_switch", "t:sched:*"),
 * or libbpf's short name for them: how many characters it takes. */
static size_t probe_type(const char *sel)
{
	static const char *const types[] = { "tracepoint:", "tp:", "t:" };
	size_t i, len;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		len = strlen(types[i]);
		/* A group and an event must follow, or the first word was
		 * the group. */
		if (strncmp(sel, types[i], len) == 0 &&
		    sel[len + strcspn(sel + len, "/:")])
			return len;
	}
	return 0;
}

static int split(const char *sel, struct pattern *p)
{
	size_t cut;

	p->text = sel + probe_type(sel);
	cut = strcspn(p->text, "/:");
	p->buf = strdup(p->text);
	if (!p->buf)
		return ENOMEM;
	if (!p->text[cut]) {
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

int tp_selects(const char *selector, const char *group, const char *name,
	       bool *yes)
{
	struct tp_event_ref r = { 0 };
	struct pattern p;

	if (split(selector, &p))
		return ENOMEM;
	r.group = (char *)(uintptr_t)group;
	r.name = (char *)(uintptr_t)name;
	*yes = matches(&p, &r);
	free(p.buf);
	return 0;
}

size_t tp_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *rows, result;
	size_t *prev2, *prev, *row, *t;

	/* Three rows of the table: two letters swapped look two rows
	 * back. */
	rows = malloc(3 * (lb + 1) * sizeof(*rows));
	if (!rows)
		return (size_t)-1;
	prev2 = rows;
	prev = rows + lb + 1;
	row = rows + 2 * (lb + 1);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			row[j] = best;
		}
	}
	result = row[lb];
	free(rows);
	return result;
}

struct candidate {
	size_t dist;
	size_t ref;
};

/* A note when a word that names no event is a group's name (a glob
 * matching groups' names): the events of the group were likely meant. */
static bool suggest_group(const struct tp_tree *tree, const struct pattern *p,
			  struct tp_diags *d)
{
	size_t i;

	if (p->group)
		return false;
	for (i = 0; i < tree->nrefs; i++) {
		if (fnmatch(p->name, tree->refs[i].group, 0) == 0) {
			tp_note(d, NULL, NULL, "'%s' is a group: did you mean "
				"'%s/*'?", p->name, p->name);
			return true;
		}
	}
	return false;
}

/*
 * A glob of names that matched nothing: no name is nearer than another,
 * but the group may be a slip.  Notes naming the selector with the groups
 * a few edits from the one typed (as suggest() counts them).
 */
static void suggest_glob(const struct tp_tree *tree, const struct pattern *p,
			 struct tp_diags *d)
{
	const char *last = NULL;
	size_t i, n = 0, limit;
	char sep;

	if (!p->group)
		return;
	limit = strlen(p->group) / 4 ? strlen(p->group) / 4 : 1;
	sep = p->text[strlen(p->group)];
	/* The refs are sorted by group: each group once. */
	for (i = 0; i < tree->nrefs && n < MAX_SUGGESTIONS; i++) {
		const char *g = tree->refs[i].group;
		size_t dist;

		if (last && strcmp(last, g) == 0)
			continue;
		last = g;
		dist = tp_edit_distance(p->group, g);
		if (dist == 0 || dist > limit)
			continue;
		tp_note(d, NULL, NULL, "did you mean '%s%c%s'?", g, sep,
			p->name);
		n++;
	}
}

/*
 * Notes naming the events closest to what was asked for.  An event of the
 * same name in another group is the likeliest slip, then names a few edits
 * away: at most one in four characters typed (a swap of two letters is
 * one), as a slip of the fingers leaves most of a word as it was.  Only
 * the nearest are named: one slip in "sched_switch" must not also bring in
 * "sched_waking", however near that is too.
 */
static void suggest(const struct tp_tree *tree, const struct pattern *p,
		    struct tp_diags *d)
{
	struct candidate best[MAX_SUGGESTIONS];
	const char *typed = p->group ? p->text : p->name;
	size_t nbest = 0, i, k, limit = strlen(typed) / 4;

	if (suggest_group(tree, p, d))
		return;
	if (strpbrk(p->name, "*?[")) {
		suggest_glob(tree, p, d);
		return;
	}
	if (limit < 1)
		limit = 1;
	for (i = 0; i < tree->nrefs; i++) {
		const struct tp_event_ref *r = &tree->refs[i];
		char *full;
		size_t dist;

		if (fnmatch(p->name, r->name, 0) == 0) {
			dist = 0;
		} else {
			/* With the separator typed: ':' for '/' is no slip. */
			if (asprintf(&full, "%s%c%s", r->group, p->group ?
				     p->text[strlen(p->group)] : '/',
				     r->name) < 0)
				return;
			dist = tp_edit_distance(typed, p->group ? full :
						r->name);
			free(full);
			if (dist > limit)
				continue;
		}
		/* A nearer name replaces those kept; among equals, the
		 * earliest few stay. */
		if (nbest && dist < best[0].dist)
			nbest = 0;
		if (nbest == MAX_SUGGESTIONS || (nbest && dist > best[0].dist))
			continue;
		best[nbest].dist = dist;
		best[nbest++].ref = i;
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
			suggest(tree, &p, d);
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
