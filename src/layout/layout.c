/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "grow.h"
#include "names.h"
#include "ctypes.h"
#include "layout.h"
#include "sort.h"

/*
 * A name for a member that no other member of the struct has: prefix and
 * raw made an identifier, a '_' when it is reserved, or when that is
 * taken in n, the identifier followed by "_2", "_3"... (with n NULL, the
 * first of these, taken or not).
 */
static char *unique_name(struct tp_names *n, const char *prefix,
			 const char *raw, bool check_reserved)
{
	size_t lp = strlen(prefix), lr = strlen(raw), stem;
	char *name = malloc(lp + lr + 3), *unique;

	if (!name)
		return NULL;
	memcpy(name, prefix, lp);
	stem = lp + tp_c_identifier_into(name + lp, raw, lr);
	if (check_reserved && !lp && tp_c_reserved(name)) {
		name[stem] = '_';
		name[stem + 1] = '\0';
	}
	if (!n)
		return name;
	unique = tp_names_take(n, name, stem, false);
	free(name);
	return unique;
}

static bool is_width(unsigned n)
{
	return n == 1 || n == 2 || n == 4 || n == 8;
}

/* Element width, count and sign of the member that holds f. */
static void shape(const struct tp_field *f, struct tp_member *m)
{
	m->width = 1;
	m->count = 0;
	m->is_signed = f->is_signed;
	switch (f->kind) {
	case TP_FIELD_DATA_LOC:
	case TP_FIELD_REL_LOC:
		m->is_signed = false;
		/* A word of 4 bytes, or 2 in the old form; anything else
		 * cannot be decoded and stays bytes. */
		if (f->size != 2 && f->size != 4) {
			m->count = f->size;
			return;
		}
		break;
	case TP_FIELD_POINTER:
		m->is_signed = false;
		break;
	case TP_FIELD_ARRAY:
		if (is_width(f->elem_size) &&
		    (unsigned long)f->elem_count * f->elem_size == f->size) {
			m->width = f->elem_size;
			m->count = f->elem_count;
		} else {
			m->count = f->size;
		}
		return;
	case TP_FIELD_FLEX_ARRAY:
		m->width = is_width(f->elem_size) ? f->elem_size : 1;
		m->flexible = true;
		return;
	case TP_FIELD_SCALAR:
		break;
	}
	if (is_width(f->size)) {
		m->width = f->size;
	} else {
		/* Odd sizes (a 16-byte struct in6_addr): bytes. */
		m->count = f->size;
		m->is_signed = false;
	}
}

static void set_align(struct tp_member *m)
{
	/* The largest power of two that divides the offset. */
	unsigned allowed = m->offset ? m->offset & -m->offset : m->width;

	m->align = allowed < m->width ? allowed : 0;
}

static struct tp_member *push(struct tp_layout *l, size_t *cap)
{
	struct tp_member *v = tp_grow(l->members, cap, l->nmembers,
				      sizeof(*v), 16);

	if (!v)
		return NULL;
	l->members = v;
	memset(&v[l->nmembers], 0, sizeof(*v));
	return &v[l->nmembers++];
}

/* What a member's name is made of (see unique_name()); raw may be put in
 * buf, of 32 bytes. */
static void wish(const struct tp_member *m, const char **prefix,
		 const char **raw, bool *check_reserved, char *buf)
{
	if (m->kind == TP_MEMBER_PAD) {
		snprintf(buf, 32, "_%u", m->offset);
		*prefix = "__pad";
		*raw = buf;
		*check_reserved = false;
		return;
	}
	*prefix = "";
	if (m->kind == TP_MEMBER_FIELD && m->field->kind == TP_FIELD_DATA_LOC)
		*prefix = "__data_loc_";
	else if (m->kind == TP_MEMBER_FIELD &&
		 m->field->kind == TP_FIELD_REL_LOC)
		*prefix = "__rel_loc_";
	*raw = m->field->name;
	*check_reserved = true;
}

/* Whether s is the name of m's field: most members are called as their
 * field is, and point at its name rather than hold a copy of it. */
static bool borrowed(const struct tp_member *m, const char *s)
{
	return m->field && s == m->field->name;
}

static void name_fini(const struct tp_member *m, char *s)
{
	if (!borrowed(m, s))
		free(s);
}

/* The name m asks for, which others may ask for too (see unique()). */
static int wanted_name(struct tp_member *m)
{
	const char *prefix, *raw;
	bool check;
	char buf[32];

	wish(m, &prefix, &raw, &check, buf);
	if (!*prefix && tp_is_c_identifier(raw) &&
	    !(check && tp_c_reserved(raw))) {
		m->name = m->field->name;
		return 0;
	}
	m->name = unique_name(NULL, prefix, raw, check);
	return m->name ? 0 : ENOMEM;
}

/* Points the names that came out as their field's at it, freeing the
 * copies. */
static void borrow_names(struct tp_layout *l)
{
	size_t i;

	for (i = 0; i < l->nmembers; i++) {
		struct tp_member *m = &l->members[i];

		if (m->field && !borrowed(m, m->name) &&
		    strcmp(m->name, m->field->name) == 0) {
			free(m->name);
			m->name = m->field->name;
		}
	}
}

static int by_name_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Makes the members' names unique.  Most structs' wanted names are: a sort
 * shows it, for a fraction of what a hash table of every name cost (a
 * table made, filled and freed for each of thousands of events).  When
 * some repeat, every name is given again in order, each taken in turn,
 * "_2", "_3"... added to those asked for again.
 */
static int unique(struct tp_layout *l)
{
	char **v = malloc((l->nmembers ? l->nmembers : 1) * sizeof(*v));
	bool repeat = !v;
	struct tp_names *names;
	size_t i;

	for (i = 0; v && i < l->nmembers; i++)
		v[i] = l->members[i].name;
	if (v)
		tp_sort(v, l->nmembers, sizeof(*v), by_name_ptr);
	for (i = 1; v && i < l->nmembers && !repeat; i++)
		repeat = strcmp(v[i - 1], v[i]) == 0;
	free(v);
	if (!repeat)
		return 0;
	names = tp_names_new(l->nmembers, NULL);
	if (!names)
		return ENOMEM;
	for (i = 0; i < l->nmembers; i++) {
		struct tp_member *m = &l->members[i];
		const char *prefix, *raw;
		bool check;
		char buf[32];

		name_fini(m, m->name);
		wish(m, &prefix, &raw, &check, buf);
		m->name = unique_name(names, prefix, raw, check);
		if (!m->name) {
			tp_names_free(names);
			return ENOMEM;
		}
	}
	/* The scope pointed at the copies until now. */
	tp_names_free(names);
	borrow_names(l);
	return 0;
}

static int add_pad(struct tp_layout *l, size_t *cap, unsigned from,
		   unsigned to)
{
	struct tp_member *m;

	m = push(l, cap);
	if (!m)
		return ENOMEM;
	m->kind = TP_MEMBER_PAD;
	m->offset = from;
	m->size = to - from;
	m->width = 1;
	m->count = to - from;
	return wanted_name(m);
}

static int add_field(struct tp_layout *l, size_t *cap,
		     const struct tp_field *f, enum tp_member_kind kind)
{
	struct tp_member *m = push(l, cap);

	if (!m)
		return ENOMEM;
	m->kind = kind;
	m->field = f;
	m->offset = f->offset;
	m->size = f->size;
	shape(f, m);
	set_align(m);
	return wanted_name(m);
}

/* The tag from the user's pattern: %e event, %g group, %% a '%'. */
static char *expand(const char *pattern, const char *group, const char *event)
{
	struct tp_buf out = { 0 };
	const char *p;
	char *id = NULL;

	for (p = pattern; *p; p++) {
		if (*p == '%' && (p[1] == 'e' || p[1] == 'g')) {
			tp_buf_adds(&out, p[1] == 'e' ? event : group);
			p++;
		} else if (*p == '%' && p[1] == '%') {
			tp_buf_addc(&out, '%');
			p++;
		} else {
			tp_buf_addc(&out, *p);
		}
	}
	tp_buf_addc(&out, '\0');
	if (!out.failed)
		id = tp_c_identifier(out.data);
	tp_buf_fini(&out);
	return id;
}

static int name_struct(const struct tp_event *ev,
		       const struct tp_naming *naming, struct tp_layout *l)
{
	char *group = tp_c_identifier(ev->group ? ev->group : "");
	char *event = tp_c_identifier(ev->name);
	int err = 0;

	if (!group || !event) {
		err = ENOMEM;
	} else if (naming->ambiguous && ev->group) {
		if (asprintf(&l->stem, "%s_%s", group, event) < 0)
			l->stem = NULL;
	} else {
		l->stem = strdup(event);
	}
	if (!err && l->stem) {
		if (naming->pattern)
			l->tag = expand(naming->pattern, group, event);
		else if (asprintf(&l->tag, "%s_tp", l->stem) < 0)
			l->tag = NULL;
	}
	if (!err && (!l->stem || !l->tag))
		err = ENOMEM;
	free(group);
	free(event);
	return err;
}

bool tp_member_dynamic(const struct tp_member *m)
{
	return m->kind == TP_MEMBER_FIELD && !m->count &&
	       (m->field->kind == TP_FIELD_DATA_LOC ||
		m->field->kind == TP_FIELD_REL_LOC);
}

unsigned tp_layout_slots(const struct tp_layout *l)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < l->nmembers; i++)
		n += tp_member_dynamic(&l->members[i]);
	return n;
}

/*
 * Accessor names, unique among the struct's functions: a dynamic field
 * takes its name and its name with _len, other accessors their member's
 * name.  Also numbers the dynamic fields' slots, in member order.
 */
static int name_accessors(struct tp_layout *l)
{
	struct tp_names *fns = NULL;
	size_t i, j, names = 0;
	int slot = 0, err = 0;

	for (i = 0; !err && i < l->nmembers; i++) {
		struct tp_member *m = &l->members[i];
		bool dynamic = tp_member_dynamic(m);
		char *stem;

		m->slot = dynamic ? slot++ : -1;
		if (!dynamic && m->kind != TP_MEMBER_ACCESSOR)
			continue;
		/* Most events have no accessor: the scope is made for those
		 * that do, with room for the names of the rest. */
		for (j = i; !fns && j < l->nmembers; j++)
			names += tp_member_dynamic(&l->members[j]) ? 2 :
				 l->members[j].kind == TP_MEMBER_ACCESSOR;
		if (!fns)
			fns = tp_names_new(names, "_len");
		/* A field's name is a word, never empty: its identifier
		 * followed by "_2" is that of its name followed by "_2". */
		stem = fns ? tp_c_identifier(m->field->name) : NULL;
		if (stem)
			m->accessor = tp_names_take(fns, stem, strlen(stem),
						    dynamic);
		free(stem);
		if (!m->accessor)
			err = ENOMEM;
	}
	/* The scope pointed at the copies until now.  Most accessors are
	 * called as their member or their field. */
	tp_names_free(fns);
	for (i = 0; !err && i < l->nmembers; i++) {
		struct tp_member *m = &l->members[i];
		char *same = NULL;

		if (!m->accessor || m->accessor == m->name)
			continue;
		if (strcmp(m->accessor, m->name) == 0)
			same = m->name;
		else if (strcmp(m->accessor, m->field->name) == 0)
			same = m->field->name;
		if (same) {
			free(m->accessor);
			m->accessor = same;
		}
	}
	return err;
}

/* Members in a layout of 64 KiB at most (larger arrays were sized
 * for their event, and a copy would hold them twice for a while). */
#define FIT_MOST ((64u << 10) / sizeof(struct tp_member))

/* Moves the members to an array of their number: room for one a field
 * and two pads left 96 bytes unused in most events, of which dump and
 * -o keep thousands until the end.  Kept as they are when no memory is
 * to be had. */
static void fit_members(struct tp_layout *l, size_t cap)
{
	if (l->nmembers && l->nmembers != cap && l->nmembers <= FIT_MOST)
		l->members = tp_fit(l->members, l->nmembers,
				    sizeof(*l->members));
}

/* Which member holds each field, for lookups in constant time. */
static int index_fields(struct tp_layout *l)
{
	size_t i;

	/* Never so many (two a field at most, from a file under 2 GiB),
	 * but an index must not wrap. */
	if (l->nmembers >= UINT32_MAX)
		return ENOMEM;
	l->by_field = malloc((l->ev->nfields ? l->ev->nfields : 1) *
			     sizeof(*l->by_field));
	if (!l->by_field)
		return ENOMEM;
	for (i = 0; i < l->ev->nfields; i++)
		l->by_field[i] = UINT32_MAX;
	for (i = 0; i < l->nmembers; i++)
		if (l->members[i].field)
			l->by_field[l->members[i].field - l->ev->fields] =
				(uint32_t)i;
	return 0;
}

int tp_layout_build(const struct tp_event *ev, const struct tp_naming *naming,
		    struct tp_layout *l)
{
	const struct tp_field **order = NULL, *flex_member = NULL;
	size_t cap = 0, i;
	unsigned cursor = 0;
	int err;

	memset(l, 0, sizeof(*l));
	l->ev = ev;
	l->fixed_size = tp_event_fixed_size(ev);
	err = name_struct(ev, naming, l);
	if (err) {
		tp_layout_fini(l);
		return err;
	}
	order = malloc((ev->nfields ? ev->nfields : 1) * sizeof(*order));
	/* A member for each field, and the padding of most events: growing
	 * the array by doubling took up to three times this. */
	cap = ev->nfields + 2;
	l->members = malloc(cap * sizeof(*l->members));
	if (!order || !l->members)
		err = ENOMEM;
	for (i = 0; !err && i < ev->nfields; i++)
		order[i] = &ev->fields[i];
	if (!err)
		tp_fields_by_offset(order, ev->nfields);

	/* Fields in offset order; what overlaps its predecessor, or is a
	 * flexible array, is set aside. */
	for (i = 0; !err && i < ev->nfields; i++) {
		const struct tp_field *f = order[i];

		if (!f->size || f->offset < cursor)
			continue;
		if (f->offset > cursor)
			err = add_pad(l, &cap, cursor, f->offset);
		if (!err)
			err = add_field(l, &cap, f, TP_MEMBER_FIELD);
		cursor = f->offset + f->size;
		order[i] = NULL;
	}
	/* A field that overlaps its predecessor may end past everything. */
	if (!err && cursor < l->fixed_size) {
		err = add_pad(l, &cap, cursor, l->fixed_size);
		cursor = l->fixed_size;
	}
	/* One flexible array can be the last member: the first that starts
	 * where the fixed part ends.  C allows no more. */
	for (i = 0; !err && i < ev->nfields; i++) {
		const struct tp_field *f = order[i];

		if (f && f->kind == TP_FIELD_FLEX_ARRAY &&
		    f->offset == cursor) {
			err = add_field(l, &cap, f, TP_MEMBER_FIELD);
			flex_member = f;
			break;
		}
	}
	for (i = 0; !err && i < ev->nfields; i++) {
		const struct tp_field *f = order[i];

		if (f && f != flex_member &&
		    (f->size || f->kind == TP_FIELD_FLEX_ARRAY))
			err = add_field(l, &cap, f, TP_MEMBER_ACCESSOR);
	}
	free(order);
	if (!err)
		fit_members(l, cap);
	if (!err)
		err = unique(l);
	if (!err)
		err = name_accessors(l);
	if (!err)
		err = index_fields(l);
	if (err)
		tp_layout_fini(l);
	return err;
}

const struct tp_member *tp_layout_member(const struct tp_layout *l,
					 const struct tp_field *f)
{
	uint32_t i = l->by_field[f - l->ev->fields];

	return i == UINT32_MAX ? NULL : &l->members[i];
}

void tp_layout_fini(struct tp_layout *l)
{
	size_t i;

	for (i = 0; i < l->nmembers; i++) {
		struct tp_member *m = &l->members[i];

		if (m->accessor != m->name)
			name_fini(m, m->accessor);
		name_fini(m, m->name);
	}
	free(l->members);
	free(l->by_field);
	free(l->stem);
	free(l->tag);
	memset(l, 0, sizeof(*l));
}
