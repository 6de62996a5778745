/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/linkhash.h>

#include "deps.h"
#include "grow.h"
#include "output.h"

int tp_paths_add(struct tp_paths *p, const char *path)
{
	char **v;

	if (!p->index && !(p->index = lh_kchar_table_new(64, NULL)))
		return -1;
	if (lh_table_lookup_ex(p->index, path, NULL))
		return 0;
	v = tp_grow(p->v, &p->cap, p->n, sizeof(*v), 16);
	if (!v)
		return -1;
	p->v = v;
	v[p->n] = strdup(path);
	if (!v[p->n])
		return -1;
	/* The index keeps a pointer to the copy, which the list owns. */
	if (lh_table_insert(p->index, v[p->n], NULL)) {
		free(v[p->n]);
		return -1;
	}
	p->n++;
	return 0;
}

void tp_paths_fini(struct tp_paths *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	if (p->index)
		lh_table_free(p->index);
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
		return tp_oom(d, NULL);
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
		return tp_oom(d, NULL);
	}
	err = tp_output_file(path, text, len, NULL);
	free(text);
	if (err)
		return tp_error(d, NULL, NULL, "cannot write %s: %s", path,
				strerror(err));
	return 0;
}
