/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deps.h"
#include "grow.h"
#include "output.h"

/* FNV-1a: paths of one run differ in their ends, which it mixes in. */
static size_t path_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

/* The slot that holds path, or the empty slot where it would go. */
static size_t *path_slot(const struct tp_paths *p, const char *path)
{
	size_t mask = p->nslots - 1, i = path_hash(path) & mask;

	while (p->slots[i] && strcmp(p->v[p->slots[i] - 1], path) != 0)
		i = (i + 1) & mask;
	return &p->slots[i];
}

/* Keeps the index at most half full: doubles it and puts v back in. */
static int reindex(struct tp_paths *p)
{
	size_t n = p->nslots ? 2 * p->nslots : 64, i;
	size_t *slots = calloc(n, sizeof(*slots));

	if (!slots)
		return -1;
	free(p->slots);
	p->slots = slots;
	p->nslots = n;
	for (i = 0; i < p->n; i++)
		*path_slot(p, p->v[i]) = i + 1;
	return 0;
}

int tp_paths_add(struct tp_paths *p, const char *path)
{
	size_t *slot;
	char **v;

	if (2 * (p->n + 1) > p->nslots && reindex(p))
		return -1;
	slot = path_slot(p, path);
	if (*slot)
		return 0;
	v = tp_grow(p->v, &p->cap, p->n, sizeof(*v), 16);
	if (!v)
		return -1;
	p->v = v;
	v[p->n] = strdup(path);
	if (!v[p->n])
		return -1;
	*slot = ++p->n;
	return 0;
}

void tp_paths_fini(struct tp_paths *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	free(p->slots);
	memset(p, 0, sizeof(*p));
}

/* A path as make reads it: blanks and '#' escaped, '$' doubled. */
static void put_path(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '#' || *s == ':')
			fputc('\\', f);
		else if (*s == '$')
			fputc('$', f);
		fputc(*s, f);
	}
}

int tp_deps_write(const char *path, const struct tp_paths *targets,
		  const struct tp_paths *prereqs, struct tp_diags *d)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);
	int err;

	if (!f)
		return tp_error(d, NULL, NULL, "out of memory");
	for (i = 0; i < targets->n; i++) {
		put_path(f, targets->v[i]);
		fputs(i + 1 < targets->n ? " \\\n" : ":", f);
	}
	for (i = 0; i < prereqs->n; i++) {
		fputs(" \\\n ", f);
		put_path(f, prereqs->v[i]);
	}
	fputc('\n', f);
	for (i = 0; i < prereqs->n; i++) {
		fputc('\n', f);
		put_path(f, prereqs->v[i]);
		fputs(":\n", f);
	}
	if (fclose(f) != 0) {
		free(text);
		return tp_error(d, NULL, NULL, "out of memory");
	}
	err = tp_output_file(path, text, len, NULL);
	free(text);
	if (err)
		return tp_error(d, NULL, NULL, "cannot write %s: %s", path,
				strerror(err));
	return 0;
}
