/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "deps.h"
#include "grow.h"
#include "output.h"

int tp_paths_add(struct tp_paths *p, const char *path)
{
	char **v;

	if (!p->index.slots && tp_name_set_init(&p->index, 64))
		return -1;
	if (tp_name_set_has(&p->index, path))
		return 0;
	v = tp_grow(p->v, &p->cap, p->n, sizeof(*v), 16);
	if (!v)
		return -1;
	p->v = v;
	v[p->n] = strdup(path);
	if (!v[p->n])
		return -1;
	/* The index keeps a pointer to the copy, which the list owns. */
	if (tp_name_set_add(&p->index, v[p->n])) {
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
	tp_name_set_fini(&p->index);
	memset(p, 0, sizeof(*p));
}

/* A path as make reads it: blanks and '#' escaped, '$' doubled. */
static void put_path(struct tp_buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '#' || *s == ':')
			tp_buf_addc(out, '\\');
		else if (*s == '$')
			tp_buf_addc(out, '$');
		tp_buf_addc(out, *s);
	}
}

int tp_deps_write(const char *path, const struct tp_paths *targets,
		  const struct tp_paths *prereqs, struct tp_diags *d)
{
	struct tp_buf text = { 0 };
	size_t i;
	int err;

	for (i = 0; i < targets->n; i++) {
		put_path(&text, targets->v[i]);
		tp_buf_adds(&text, i + 1 < targets->n ? " \\\n" : ":");
	}
	for (i = 0; i < prereqs->n; i++) {
		tp_buf_adds(&text, " \\\n ");
		put_path(&text, prereqs->v[i]);
	}
	tp_buf_addc(&text, '\n');
	for (i = 0; i < prereqs->n; i++) {
		tp_buf_addc(&text, '\n');
		put_path(&text, prereqs->v[i]);
		tp_buf_adds(&text, ":\n");
	}
	if (text.failed) {
		tp_buf_fini(&text);
		return tp_oom(d, NULL);
	}
	err = tp_output_file(path, text.data, text.len, NULL);
	tp_buf_fini(&text);
	if (err)
		return tp_error(d, NULL, NULL, "cannot write %s: %s", path,
				strerror(err));
	return 0;
}
