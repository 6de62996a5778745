/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "grow.h"
#include "print.h"

void tp_field_fini(struct tp_field *f)
{
	free(f->decl);
}

const char *tp_field_array_expr(const struct tp_field *f)
{
	const char *s;

	if (!f->has_array_expr)
		return NULL;
	/* The last of the strings that follow decl in turn: type, the name
	 * unless it ends decl, the element type unless it is type. */
	s = f->type + strlen(f->type) + 1;
	if (s == f->name)
		s += strlen(s) + 1;
	if (s == f->elem_type)
		s += strlen(s) + 1;
	return s;
}

unsigned tp_event_fixed_size(const struct tp_event *ev)
{
	unsigned size = 0;
	size_t i;

	/* The parser refuses fields whose end does not fit an unsigned. */
	for (i = 0; i < ev->nfields; i++)
		if (ev->fields[i].offset + ev->fields[i].size > size)
			size = ev->fields[i].offset + ev->fields[i].size;
	return size;
}

static int by_offset(const void *a, const void *b)
{
	const struct tp_field *x = *(const struct tp_field *const *)a;
	const struct tp_field *y = *(const struct tp_field *const *)b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x < y ? -1 : x > y;
}

void tp_fields_by_offset(const struct tp_field **v, size_t n)
{
	size_t i;

	/* Format files list fields in offset order, nearly always: sorting
	 * is then only a look (merge sort compared them all again). */
	for (i = 1; i < n; i++)
		if (by_offset(&v[i - 1], &v[i]) > 0)
			break;
	if (i < n)
		qsort(v, n, sizeof(*v), by_offset);
}

const char *tp_field_kind_name(enum tp_field_kind kind)
{
	switch (kind) {
	case TP_FIELD_SCALAR:
		return "scalar";
	case TP_FIELD_POINTER:
		return "pointer";
	case TP_FIELD_ARRAY:
		return "array";
	case TP_FIELD_FLEX_ARRAY:
		return "flex_array";
	case TP_FIELD_DATA_LOC:
		return "data_loc";
	case TP_FIELD_REL_LOC:
		return "rel_loc";
	}
	return "scalar";
}

/* Fields in a file of 64 KiB at most (format.c sizes larger ones). */
#define FIT_MOST ((64u << 10) / 16)

const struct tp_field *tp_event_field(const struct tp_event *ev,
				      const char *name)
{
	size_t i;

	for (i = 0; i < ev->nfields; i++)
		if (strcmp(ev->fields[i].name, name) == 0)
			return &ev->fields[i];
	return NULL;
}

void tp_event_fit(struct tp_event *ev)
{
	/* Large arrays were sized from their file's lines, and a copy
	 * would hold them twice for a while. */
	if (ev->nfields && ev->nfields <= FIT_MOST)
		ev->fields = tp_fit(ev->fields, ev->nfields,
				    sizeof(*ev->fields));
}

void tp_event_free(struct tp_event *ev)
{
	size_t i;

	if (!ev)
		return;
	for (i = 0; i < ev->nfields; i++)
		tp_field_fini(&ev->fields[i]);
	free(ev->fields);
	free(ev->print_fmt);
	tp_print_free(ev->print);
	free(ev->group);
	free(ev->name);
	free(ev->path);
	free(ev);
}
