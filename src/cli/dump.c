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
	if (f->has_array_expr)
		err |= add_str(o, "array_expr", tp_field_array_expr(f));
	err |= add_str(o, "member", m && m->kind == TP_MEMBER_FIELD ?
				    m->name : NULL);
	if (m && m->kind == TP_MEMBER_ACCESSOR) {
		char *name;

		if (asprintf(&name, "%s_%s", l->tag, m->accessor) < 0)
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
 * Where a value is written as it stands depth levels into the dump.
 * json-c indents what it writes for its depth, so the value is put in
 * depth arrays, each the other's only element, and written without their
 * brackets.  A tree of the whole dump, printed at the end, took 40 times
 * the format file's size.
 */
struct nest {
	json_object *top; /* the outermost array */
	json_object *in;  /* the innermost, holding the value */
	size_t before;    /* bytes before the newline that leads the value */
	size_t after;     /* bytes after the value */
};

static void nest_fini(struct nest *n)
{
	json_object_put(n->top);
}

/* v's text, from the newline that leads it, until the next call.  n
 * takes v, and frees it on failure as well. */
static const char *nest_text(struct nest *n, json_object *v, size_t *len)
{
	const char *text;

	if (json_object_array_put_idx(n->in, 0, v)) {
		json_object_put(v);
		return NULL;
	}
	text = json_object_to_json_string_length(n->top, json_flags, len);
	if (!text)
		return NULL;
	*len -= n->before + n->after;
	return text + n->before;
}

static int nest_init(struct nest *n, unsigned depth)
{
	const char *text = NULL, *at = NULL;
	json_object *a;
	size_t len;

	n->top = n->in = json_object_new_array();
	while (n->in && --depth) {
		a = json_object_new_array();
		if (!a || json_object_array_add(n->in, a)) {
			json_object_put(a);
			a = NULL;
		}
		n->in = a;
	}
	/* Measured on a null: "[\n  [\n    null\n  ]\n]" at depth 2. */
	if (n->in && !json_object_array_add(n->in, NULL))
		text = json_object_to_json_string_length(n->top, json_flags,
							 &len);
	if (text)
		at = strstr(text, "null");
	if (!at) {
		nest_fini(n);
		return -1;
	}
	n->after = len - (size_t)(at - text) - strlen("null");
	while (*at != '\n')
		at--;
	n->before = (size_t)(at - text);
	return 0;
}

/*
 * One event of the array: the event with an empty "fields" array, its
 * fields made and written into it one at a time.
 */
static int put_event(FILE *out, const struct tp_layout *l, struct nest *ev,
		     struct nest *field)
{
	static const char fields[] = "\"fields\": [";
	json_object *o = event_json(l);
	size_t len, flen, head, i;
	const char *text = o ? nest_text(ev, o, &len) : NULL;
	const char *at = text ? strstr(text, fields) : NULL;
	int err = 0;

	if (!at)
		return -1;
	head = (size_t)(at - text) + strlen(fields);
	fwrite(text, 1, head, out);
	for (i = 0; !err && i < l->ev->nfields; i++) {
		json_object *f = field_json(l, &l->ev->fields[i]);
		const char *ft = f ? nest_text(field, f, &flen) : NULL;

		err = !ft;
		if (i && ft)
			fputc(',', out);
		if (ft)
			fwrite(ft, 1, flen, out);
	}
	fwrite(text + head, 1, len - head, out);
	return err ? -1 : 0;
}

int tp_dump_json(FILE *out, const struct tp_layout *layouts, size_t n)
{
	struct nest ev, field;
	size_t i;
	int err;

	/* An event in the array; a field in the event's "fields". */
	if (nest_init(&ev, 1))
		return -1;
	if (nest_init(&field, 3)) {
		nest_fini(&ev);
		return -1;
	}
	fputc('[', out);
	for (i = 0, err = 0; !err && i < n; i++) {
		if (i)
			fputc(',', out);
		err = put_event(out, &layouts[i], &ev, &field);
	}
	fputs("\n]\n", out);
	nest_fini(&ev);
	nest_fini(&field);
	return err || ferror(out) ? -1 : 0;
}
