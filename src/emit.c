/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctypes.h"
#include "emit.h"
#include "grow.h"
#include "header.h"
#include "output.h"
#include "template.h"

const char *const tp_emit_support_files[] = {
	"tpgen_record.h", "tpgen.bpf.h", "tpgen_loader.h", NULL,
};

/* The templates expanded once per event, and what each one becomes. */
static const struct {
	const char *name;
	const char *suffix;
} per_event[] = {
	{ "event.bpf.c", ".bpf.c" },
	{ "event.c", ".c" },
};

bool tp_emit_name_ok(const char *name)
{
	return *name && strspn(name, "abcdefghijklmnopqrstuvwxyz"
				     "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				     "0123456789_-.") == strlen(name);
}

static bool is_dynamic(const struct tp_member *m)
{
	return m->kind == TP_MEMBER_FIELD && !m->count &&
	       (m->field->kind == TP_FIELD_DATA_LOC ||
		m->field->kind == TP_FIELD_REL_LOC);
}

/* BPF code copying each dynamic field's data into the record, in the
 * order of the format file (which is the order of the members). */
static void copy_dynamic(FILE *f, const struct tp_layout *l)
{
	unsigned k = 0;
	size_t i;

	for (i = 0; i < l->nmembers; i++) {
		const struct tp_member *m = &l->members[i];
		const char *sfx = tp_member_suffix(m);

		if (!is_dynamic(m))
			continue;
		if (m->width == 2)
			fprintf(f, "\ttpgen_copy_str(tpgen_dyn(rec->data, %u, %u),"
				" %s_%s(ctx));\n", l->fixed_size, k, l->tag, sfx);
		else
			fprintf(f, "\ttpgen_copy(tpgen_dyn(rec->data, %u, %u), "
				"%s_%s(ctx),\n\t\t   %s_%s_len(ctx));\n",
				l->fixed_size, k, l->tag, sfx, l->tag, sfx);
		k++;
	}
}

static unsigned dynamic_count(const struct tp_layout *l)
{
	unsigned k = 0;
	size_t i;

	for (i = 0; i < l->nmembers; i++)
		k += is_dynamic(&l->members[i]);
	return k;
}

/* What a field's elements are: characters, integers of a width, or bytes
 * of no known type. */
struct elements {
	bool chars;
	unsigned width; /* 0: bytes */
	bool is_signed;
};

static struct elements elements_of(const char *type, unsigned long_size)
{
	struct elements e = { false, 0, false };
	unsigned stars;
	char *base;

	if (!type)
		return e;
	base = tp_ctype_base(type, &stars);
	if (!base)
		return e;
	if (stars) {
		e.width = long_size;
	} else {
		e.chars = strcmp(base, "char") == 0;
		e.width = tp_ctype_size(base, long_size, &e.is_signed);
	}
	free(base);
	return e;
}

static void print_dynamic(FILE *f, const struct tp_layout *l,
			  const struct tp_member *m, unsigned k,
			  unsigned long_size)
{
	const struct tp_field *fd = m->field;
	struct elements e = elements_of(fd->elem_type, long_size);
	char d[64];

	snprintf(d, sizeof(d), "tpgen_dyn((void *)rec->data, %u, %u)",
		 l->fixed_size, k);
	if (e.chars || m->width == 2)
		fprintf(f, "\ttpgen_str(o, \"%s\", %s->data, %s->len);\n",
			fd->name, d, d);
	else if (e.width == 1 || e.width == 2 || e.width == 4 || e.width == 8)
		fprintf(f, "\ttpgen_dyn_array(o, \"%s\", %s, %u, %s);\n",
			fd->name, d, e.width, e.is_signed ? "true" : "false");
	else
		fprintf(f, "\ttpgen_bytes(o, \"%s\", %s->data, %s->len);\n",
			fd->name, d, d);
}

static void print_member(FILE *f, const struct tp_layout *l,
			 const struct tp_member *m, unsigned long_size)
{
	const struct tp_field *fd = m->field;
	struct elements e = elements_of(fd->elem_type, long_size);
	const char *name = fd->name;

	if (m->kind == TP_MEMBER_ACCESSOR) {
		if (m->count || m->flexible)
			fprintf(f, "\ttpgen_bytes(o, \"%s\", %s_%s(ctx), %u);\n",
				name, l->tag, m->name, m->size);
		else
			fprintf(f, "\ttpgen_%s(o, \"%s\", %s_%s(ctx));\n",
				m->is_signed ? "int" : "uint", name, l->tag,
				m->name);
		return;
	}
	if (fd->kind == TP_FIELD_POINTER) {
		fprintf(f, "\ttpgen_hex(o, \"%s\", ctx->%s);\n", name, m->name);
	} else if (fd->kind == TP_FIELD_ARRAY && m->width == 1 && e.chars) {
		fprintf(f, "\ttpgen_str(o, \"%s\", ctx->%s, sizeof(ctx->%s));\n",
			name, m->name, m->name);
	} else if (m->count && (fd->kind != TP_FIELD_ARRAY || !e.width)) {
		fprintf(f, "\ttpgen_bytes(o, \"%s\", ctx->%s, sizeof(ctx->%s));\n",
			name, m->name, m->name);
	} else if (m->count) {
		fprintf(f, "\t{\n\t\tunsigned saved, i;\n\n"
			"\t\ttpgen_array_begin(o, \"%s\", &saved);\n"
			"\t\tfor (i = 0; i < %u; i++)\n"
			"\t\t\ttpgen_%s(o, NULL, ctx->%s[i]);\n"
			"\t\ttpgen_array_end(o, saved);\n\t}\n", name, m->count,
			m->is_signed ? "int" : "uint", m->name);
	} else {
		fprintf(f, "\ttpgen_%s(o, \"%s\", ctx->%s);\n",
			m->is_signed ? "int" : "uint", name, m->name);
	}
}

/* Loader code printing the event's own fields in the order of the format
 * file.  Common fields are left to the line's prefix; flexible arrays
 * have no length to print with. */
static void print_fields(FILE *f, const struct tp_layout *l,
			 unsigned long_size)
{
	const struct tp_event *ev = l->ev;
	unsigned k = 0;
	size_t i;

	for (i = 0; i < ev->nfields; i++) {
		const struct tp_member *m = tp_layout_member(l, &ev->fields[i]);

		if (!m || m->flexible)
			continue;
		if (is_dynamic(m))
			print_dynamic(f, l, m, k++, long_size);
		else if (!ev->fields[i].common)
			print_member(f, l, m, long_size);
	}
	if (ftell(f) == 0)
		fputs("\t(void)o;\n\t(void)ctx;\n", f);
	fputs("\t(void)rec;\n", f);
}

/* Runs fn into a string. */
static char *capture(void (*fn)(FILE *, const struct tp_layout *, unsigned),
		     const struct tp_layout *l, unsigned long_size)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	fn(f, l, long_size);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static void copy_dynamic_fn(FILE *f, const struct tp_layout *l, unsigned ls)
{
	(void)ls;
	copy_dynamic(f, l);
}

struct tp_staged {
	char *path;
	char *text;
	size_t len;
};

/* Keeps a copy of a file to write once everything is made. */
static int write_file(struct tp_emit *e, const char *name, const char *text,
		      size_t len)
{
	struct tp_staged *v = tp_grow(e->staged, &e->staged_cap, e->nstaged,
				      sizeof(*v), 16);
	struct tp_staged *f;

	if (!v)
		return tp_error(e->d, NULL, NULL, "out of memory");
	e->staged = v;
	f = &v[e->nstaged];
	f->text = malloc(len + 1);
	if (!f->text || asprintf(&f->path, "%s/%s", e->outdir, name) < 0) {
		free(f->text);
		return tp_error(e->d, NULL, NULL, "out of memory");
	}
	memcpy(f->text, text, len);
	f->len = len;
	e->nstaged++;
	return 0;
}

/* Writes what was made, each file atomically. */
static int commit(struct tp_emit *e)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < e->nstaged; i++) {
		const struct tp_staged *f = &e->staged[i];
		bool changed;
		int err = tp_output_file(f->path, f->text, f->len, &changed);

		if (err)
			rc = tp_error(e->d, NULL, NULL, "cannot write %s: %s",
				      f->path, strerror(err));
		else if (changed)
			e->written++;
		else
			e->unchanged++;
		if (e->outputs && tp_paths_add(e->outputs, f->path))
			rc = tp_error(e->d, NULL, NULL, "out of memory");
	}
	return rc;
}

/* Expands a template into a file, or copies it when vars is NULL. */
static int from_template(struct tp_emit *e, const struct tp_source *tpl,
			 const struct tp_var *vars, size_t nvars,
			 const char *name)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	if (!vars)
		return write_file(e, name, tpl->text, tpl->len);
	f = open_memstream(&text, &len);
	if (!f)
		return tp_error(e->d, NULL, NULL, "out of memory");
	rc = tp_template_expand(tpl, vars, nvars, f, e->d);
	if (fclose(f) != 0)
		rc = tp_error(e->d, NULL, NULL, "out of memory");
	if (!rc)
		rc = write_file(e, name, text, len);
	free(text);
	return rc;
}

static int emit_event(struct tp_emit *e, const struct tp_layout *l,
		      struct tp_source *const *tpls, unsigned long_size)
{
	char fixed[16], ndyn[16], *copy = NULL, *print = NULL, *header = NULL;
	char *guard = NULL, *name = NULL;
	size_t len = 0, i;
	FILE *f;
	int rc = 0;

	if (!tp_emit_name_ok(l->ev->group) || !tp_emit_name_ok(l->ev->name))
		return tp_error(e->d, NULL, NULL, "%s/%s: names with "
				"characters other than letters, digits, '_', "
				"'-' and '.' cannot go into generated code",
				l->ev->group, l->ev->name);
	snprintf(fixed, sizeof(fixed), "%u", l->fixed_size);
	snprintf(ndyn, sizeof(ndyn), "%u", dynamic_count(l));
	copy = capture(copy_dynamic_fn, l, long_size);
	print = capture(print_fields, l, long_size);
	if (asprintf(&name, "%s.h", l->stem) < 0)
		name = NULL;
	guard = name ? tp_header_guard(name) : NULL;
	f = open_memstream(&header, &len);
	if (!copy || !print || !name || !guard || !f) {
		if (f)
			fclose(f);
		rc = tp_error(e->d, NULL, NULL, "out of memory");
		goto out;
	}
	tp_header_write(f, guard, l, 1);
	if (fclose(f) != 0) {
		rc = tp_error(e->d, NULL, NULL, "out of memory");
		goto out;
	}
	rc = write_file(e, name, header, len);
	{
		const struct tp_var vars[] = {
			{ "tpgen_version", PACKAGE_VERSION },
			{ "group", l->ev->group },
			{ "event", l->ev->name },
			{ "stem", l->stem },
			{ "tag", l->tag },
			{ "fixed_size", fixed },
			{ "dynamic_count", ndyn },
			{ "copy_dynamic", copy },
			{ "print_fields", print },
		};

		for (i = 0; !rc && i < sizeof(per_event) / sizeof(*per_event);
		     i++) {
			free(name);
			if (asprintf(&name, "%s%s", l->stem,
				     per_event[i].suffix) < 0) {
				name = NULL;
				rc = tp_error(e->d, NULL, NULL, "out of memory");
				break;
			}
			rc = from_template(e, tpls[i], vars,
					   sizeof(vars) / sizeof(*vars), name);
		}
	}
out:
	free(copy);
	free(print);
	free(header);
	free(guard);
	free(name);
	return rc;
}

/* Loads a template and keeps it for diagnostics until tp_emit_fini(). */
static struct tp_source *load(struct tp_emit *e, const char *name)
{
	struct tp_source *src;
	char *path;

	if (e->nsources == sizeof(e->sources) / sizeof(e->sources[0])) {
		tp_error(e->d, NULL, NULL, "too many templates");
		return NULL;
	}
	src = tp_template_load(e->templates, name, &path, e->d);
	if (src && path && e->inputs && tp_paths_add(e->inputs, path))
		tp_error(e->d, NULL, NULL, "out of memory");
	free(path);
	if (src)
		e->sources[e->nsources++] = src;
	return src;
}

int tp_emit(struct tp_emit *e, const struct tp_layout *layouts, size_t n)
{
	const size_t nper = sizeof(per_event) / sizeof(*per_event);
	struct tp_source *tpls[sizeof(per_event) / sizeof(*per_event)];
	const struct tp_var common[] = {
		{ "tpgen_version", PACKAGE_VERSION },
	};
	struct tp_source *src;
	size_t i;
	int rc = 0;

	for (i = 0; i < nper; i++) {
		tpls[i] = load(e, per_event[i].name);
		if (!tpls[i])
			rc = -1;
	}
	for (i = 0; !rc && i < n; i++)
		rc = emit_event(e, &layouts[i], tpls, e->long_size);
	/* What all events share. */
	if (!rc) {
		src = load(e, "Makefile");
		rc = src ? from_template(e, src, common, 1, "Makefile") : -1;
	}
	for (i = 0; !rc && tp_emit_support_files[i]; i++) {
		src = load(e, tp_emit_support_files[i]);
		rc = src ? from_template(e, src, NULL, 0,
					 tp_emit_support_files[i]) : -1;
	}
	return rc ? rc : commit(e);
}

void tp_emit_fini(struct tp_emit *e)
{
	size_t i;

	for (i = 0; i < e->nsources; i++)
		tp_source_free(e->sources[i]);
	e->nsources = 0;
	for (i = 0; i < e->nstaged; i++) {
		free(e->staged[i].path);
		free(e->staged[i].text);
	}
	free(e->staged);
	e->staged = NULL;
	e->nstaged = e->staged_cap = 0;
}
