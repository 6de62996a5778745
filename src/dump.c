/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "print.h"

static void kind_text(char *buf, size_t len, const struct tp_field *f)
{
	switch (f->kind) {
	case TP_FIELD_ARRAY:
		snprintf(buf, len, "array %ux%u", f->elem_count, f->elem_size);
		return;
	case TP_FIELD_FLEX_ARRAY:
		snprintf(buf, len, "flex x%u", f->elem_size);
		return;
	case TP_FIELD_DATA_LOC:
	case TP_FIELD_REL_LOC:
		snprintf(buf, len, "%s %s", tp_field_kind_name(f->kind),
			 f->elem_type ? f->elem_type : "?");
		return;
	case TP_FIELD_SCALAR:
	case TP_FIELD_POINTER:
		break;
	}
	snprintf(buf, len, "%s", tp_field_kind_name(f->kind));
}

int tp_dump_text(FILE *out, const struct tp_event *ev)
{
	size_t i;

	fprintf(out, "%s/%s", ev->group ? ev->group : "-",
		ev->name ? ev->name : "-");
	if (ev->id >= 0)
		fprintf(out, "  id %ld", ev->id);
	fprintf(out, "  fixed size %u\n", tp_event_fixed_size(ev));
	fprintf(out, "  %6s %5s %4s  %-18s %s\n", "offset", "size", "sign",
		"kind", "declaration");
	for (i = 0; i < ev->nfields; i++) {
		const struct tp_field *f = &ev->fields[i];
		char kind[64];

		kind_text(kind, sizeof(kind), f);
		fprintf(out, "  %6u %5u %4s  %-18s %s%s\n", f->offset, f->size,
			f->is_signed ? "s" : "u", kind, f->decl,
			f->common ? "  (common)" : "");
	}
	if (ev->print_fmt)
		fprintf(out, "  print fmt: %s\n", ev->print_fmt);
	if (ev->print && ev->print->problem)
		fprintf(out, "  print fmt not understood at %u:%u: %s\n",
			ev->print->problem_line, ev->print->problem_column,
			ev->print->problem);
	return ferror(out) ? -1 : 0;
}

static int add(json_object *o, const char *key, json_object *v)
{
	if (!v)
		return -1;
	if (json_object_object_add(o, key, v)) {
		json_object_put(v);
		return -1;
	}
	return 0;
}

/* json-c stands for null with a NULL value. */
static int add_null(json_object *o, const char *key)
{
	return json_object_object_add(o, key, NULL) ? -1 : 0;
}

static int add_str(json_object *o, const char *key, const char *s)
{
	return s ? add(o, key, json_object_new_string(s)) : add_null(o, key);
}

static json_object *field_json(const struct tp_layout *l,
			       const struct tp_field *f)
{
	const struct tp_member *m = tp_layout_member(l, f);
	json_object *o = json_object_new_object();
	int err = 0;

	if (!o)
		return NULL;
	err |= add_str(o, "name", f->name);
	err |= add_str(o, "type", f->type);
	err |= add_str(o, "decl", f->decl);
	err |= add(o, "offset", json_object_new_int64(f->offset));
	err |= add(o, "size", json_object_new_int64(f->size));
	err |= add(o, "signed", json_object_new_boolean(f->is_signed));
	err |= add(o, "common", json_object_new_boolean(f->common));
	err |= add_str(o, "kind", tp_field_kind_name(f->kind));
	if (f->elem_type)
		err |= add_str(o, "element_type", f->elem_type);
	if (f->kind == TP_FIELD_ARRAY)
		err |= add(o, "elements", json_object_new_int64(f->elem_count));
	if (f->elem_size)
		err |= add(o, "element_size",
			   json_object_new_int64(f->elem_size));
	if (f->array_expr)
		err |= add_str(o, "array_expr", f->array_expr);
	err |= add_str(o, "member", m && m->kind == TP_MEMBER_FIELD ?
				    m->name : NULL);
	if (m && m->kind == TP_MEMBER_ACCESSOR) {
		char *name;

		if (asprintf(&name, "%s_%s", l->tag, m->name) < 0)
			err = -1;
		else
			err |= add_str(o, "accessor", name);
		free(name);
	}
	if (err) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* What json-c writes: two spaces an indent level. */
static const int json_flags = JSON_C_TO_STRING_PRETTY |
			      JSON_C_TO_STRING_SPACED |
			      JSON_C_TO_STRING_NOSLASHESCAPE;

/* Writes the len bytes of JSON text s as if it stood indent spaces
 * further right.  Strings in it have their newlines escaped: every
 * newline starts a line. */
static void put_indented(FILE *out, const char *s, size_t len, int indent)
{
	const char *end = s + len, *nl;

	while ((nl = memchr(s, '\n', (size_t)(end - s)))) {
		fwrite(s, 1, (size_t)(nl - s) + 1, out);
		fprintf(out, "%*s", indent, "");
		s = nl + 1;
	}
	fwrite(s, 1, (size_t)(end - s), out);
}

/* The event without its fields: "fields" is an empty array, which the
 * fields are written into one by one. */
static json_object *event_json(const struct tp_layout *l)
{
	const struct tp_event *ev = l->ev;
	json_object *o = json_object_new_object();
	int err = 0;

	if (!o)
		return NULL;
	err |= add_str(o, "group", ev->group);
	err |= add_str(o, "name", ev->name);
	err |= ev->id >= 0 ? add(o, "id", json_object_new_int64(ev->id))
			   : add_null(o, "id");
	err |= add(o, "fixed_size",
		   json_object_new_int64(tp_event_fixed_size(ev)));
	err |= add_str(o, "struct", l->tag);
	err |= add(o, "fields", json_object_new_array());
	err |= add_str(o, "print_fmt", ev->print_fmt);
	if (ev->print && ev->print->problem) {
		json_object *why = json_object_new_object();

		err |= add(o, "print_fmt_problem", why);
		if (why) {
			err |= add(why, "line", json_object_new_int(
				   (int)ev->print->problem_line));
			err |= add(why, "column", json_object_new_int(
				   (int)ev->print->problem_column));
			err |= add_str(why, "message", ev->print->problem);
		}
	} else {
		err |= add_null(o, "print_fmt_problem");
	}
	if (err) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/*
 * One event of the array, its fields made and written one at a time: a
 * tree of the whole dump took 40 times the format file's size.  Written
 * as json-c writes the tree, each field 3 levels in.
 */
static int put_event(FILE *out, const struct tp_layout *l)
{
	static const char empty[] = "\"fields\": [\n  ]";
	json_object *o = event_json(l);
	const char *text = o ? json_object_to_json_string_ext(o, json_flags)
			     : NULL;
	const char *at = text ? strstr(text, empty) : NULL;
	size_t i, head;
	int err = !at;

	if (err) {
		json_object_put(o);
		return -1;
	}
	head = (size_t)(at - text) + strlen("\"fields\": [");
	fputs("  ", out);
	put_indented(out, text, head, 2);
	for (i = 0; !err && i < l->ev->nfields; i++) {
		json_object *f = field_json(l, &l->ev->fields[i]);
		const char *ft = f ? json_object_to_json_string_ext(f,
							json_flags) : NULL;

		err = !ft;
		if (ft) {
			fputs(i ? ",\n      " : "\n      ", out);
			put_indented(out, ft, strlen(ft), 6);
		}
		json_object_put(f);
	}
	if (l->ev->nfields) {
		fputs("\n    ]", out);
		head += strlen("\n  ]");
	}
	put_indented(out, text + head, strlen(text + head), 2);
	json_object_put(o);
	return err ? -1 : 0;
}

int tp_dump_json(FILE *out, const struct tp_layout *layouts, size_t n)
{
	size_t i;
	int err = 0;

	fputc('[', out);
	for (i = 0; !err && i < n; i++) {
		fputs(i ? ",\n" : "\n", out);
		err = put_event(out, &layouts[i]);
	}
	fputs("\n]\n", out);
	return err || ferror(out) ? -1 : 0;
}
