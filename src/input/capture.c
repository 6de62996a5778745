/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tarball.h"
#include "capture.h"
#include "manifest.h"
#include "output.h"

static int add(json_object *o, const char *key, json_object *v)
{
	return json_object_object_add(o, key, v) ? -1 : 0;
}

static json_object *str(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static char *manifest_json(const struct tp_tree *t)
{
	json_object *o = json_object_new_object();
	const struct tp_manifest *m = &t->manifest;
	char *text = NULL;
	int err = !o;

	err |= add(o, "kernel_release", str(m->kernel_release));
	err |= add(o, "machine", str(m->machine));
	err |= add(o, "byte_order", str(m->byte_order));
	err |= add(o, "long_size", json_object_new_int(
		   (int)t->target.long_size));
	err |= add(o, "events", json_object_new_int64((int64_t)t->nrefs));
	err |= add(o, "format", str("tpgen-capture 1"));
	if (!err)
		err = asprintf(&text, "%s\n", json_object_to_json_string_ext(o,
			       JSON_C_TO_STRING_PRETTY |
			       JSON_C_TO_STRING_SPACED |
			       JSON_C_TO_STRING_NOSLASHESCAPE)) < 0;
	json_object_put(o);
	return err ? NULL : text;
}

/* The capture's files, in order: every one a copy that the caller frees
 * (data), named within the capture. */
struct files {
	struct tp_archive_entry *v;
	char **owned;
	size_t n;
};

static int add_file(struct files *f, const char *name, char *data, size_t len)
{
	char *copy_name = data || !len ? strdup(name) : NULL;

	if (!copy_name) {
		free(data);
		return -1;
	}
	f->owned[2 * f->n] = copy_name;
	f->owned[2 * f->n + 1] = data;
	f->v[f->n].name = copy_name;
	f->v[f->n].data = data;
	f->v[f->n].len = len;
	f->n++;
	return 0;
}

static char *dup_bytes(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

static int collect(const struct tp_tree *t, struct files *f,
		   struct tp_diags *d)
{
	char *manifest = manifest_json(t), *name;
	size_t i;

	if (!manifest || add_file(f, "manifest.json", manifest,
				  strlen(manifest)))
		return tp_oom(d, NULL);
	if (t->header_src &&
	    add_file(f, "events/header_page",
		     dup_bytes(t->header_src->text, t->header_src->len),
		     t->header_src->len))
		return tp_oom(d, NULL);
	if (t->header_event &&
	    add_file(f, "events/header_event",
		     dup_bytes(t->header_event, t->header_event_len),
		     t->header_event_len))
		return tp_oom(d, NULL);
	for (i = 0; i < t->nrefs; i++) {
		const struct tp_event_ref *r = &t->refs[i];
		struct tp_source *src;
		int err = tp_tree_read(r, &src);

		if (err)
			return tp_error(d, NULL, NULL, "cannot read %s: %s",
					r->path, strerror(err));
		if (asprintf(&name, "events/%s/%s/format", r->group,
			     r->name) < 0) {
			tp_source_free(src);
			return tp_oom(d, NULL);
		}
		err = add_file(f, name, src->text, src->len);
		src->text = NULL;
		tp_source_free(src);
		free(name);
		if (err)
			return tp_oom(d, NULL);
	}
	return 0;
}

/* A folder: each file written atomically, unchanged ones left alone. */
static int write_folder(const char *path, const struct files *f,
			struct tp_diags *d)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		char *full, *slash;
		int err;

		if (asprintf(&full, "%s/%s", path, f->v[i].name) < 0)
			return tp_oom(d, NULL);
		slash = strrchr(full, '/');
		*slash = '\0';
		err = tp_output_mkdirs(full);
		*slash = '/';
		if (!err)
			err = tp_output_file(full, f->v[i].data, f->v[i].len,
					     NULL);
		if (err) {
			tp_error(d, NULL, NULL, "cannot write %s: %s", full,
				 strerror(err));
			free(full);
			return -1;
		}
		free(full);
	}
	return 0;
}

int tp_capture_write(const struct tp_tree *tree, const char *path,
		     struct tp_diags *d)
{
	size_t max = tree->nrefs + 3, i;
	struct files f = {
		.v = calloc(max, sizeof(*f.v)),
		.owned = calloc(2 * max, sizeof(*f.owned)),
	};
	int rc;

	if (!f.v || !f.owned)
		rc = tp_oom(d, NULL);
	else
		rc = collect(tree, &f, d);
	if (!rc)
		rc = tp_archive_name(path) ? tp_archive_write(path, f.v, f.n, d)
					   : write_folder(path, &f, d);
	for (i = 0; f.owned && i < 2 * f.n; i++)
		free(f.owned[i]);
	free(f.owned);
	free(f.v);
	return rc;
}
