/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/linkhash.h>

#include "grow.h"
#include "ctypes.h"
#include "layout.h"
#include "sort.h"

/* Writes tp_c_identifier(s) (len bytes) to out, which has room for
 * len + 2; returns its length. */
static size_t c_identifier_into(char *out, const char *s, size_t len)
{
	char *o = out;
	size_t i;

	if (*s >= '0' && *s <= '9')
		*o++ = '_';
	for (i = 0; i < len; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '_';

		*o++ = ok ? c : '_';
	}
	if (o == out)
		*o++ = '_';
	*o = '\0';
	return (size_t)(o - out);
}

char *tp_c_identifier(const char *s)
{
	size_t len = strlen(s);
	char *out = malloc(len + 2);

	if (out)
		c_identifier_into(out, s, len);
	return out;
}

bool tp_c_reserved(const char *name)
{
	/* Keywords of C11 and C++20; names that libc, the kernel's uapi
	 * headers or compilers in GNU mode define as macros; and glibc's
	 * macros in headers generated loaders include (<signal.h>,
	 * <sys/stat.h>, <getopt.h>): si_*, sa_handler, sa_sigaction,
	 * st_[acm]time, *_argument.  One list, sorted (strcmp), for one
	 * tp_word_in() a member name, not one a list: this runs for each
	 * of the tens of thousands of members of every event. */
	static const char *const words[] = {
		"_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex",
		"_Generic", "_Imaginary", "_Noreturn", "_Static_assert",
		"_Thread_local", "alignas", "alignof", "and", "and_eq", "asm",
		"assert", "auto", "bitand", "bitor", "bool", "break", "case",
		"catch", "char", "char16_t", "char32_t", "char8_t", "class",
		"co_await", "co_return", "co_yield", "compl", "complex",
		"concept", "const", "const_cast", "consteval", "constexpr",
		"constinit", "continue", "decltype", "default", "delete", "do",
		"double", "dynamic_cast", "else", "enum", "errno", "explicit",
		"export", "extern", "false", "float", "for", "friend", "goto",
		"i386", "if", "imaginary", "inline", "int", "linux", "long",
		"major", "makedev", "minor", "mutable", "namespace", "new",
		"no_argument", "noexcept", "noreturn", "not", "not_eq",
		"nullptr", "offsetof", "operator", "optional_argument", "or",
		"or_eq", "private", "protected", "public", "register",
		"reinterpret_cast", "required_argument", "requires",
		"restrict", "return", "sa_handler", "sa_sigaction", "short",
		"si_addr", "si_addr_lsb", "si_arch", "si_band", "si_call_addr",
		"si_fd", "si_int", "si_lower", "si_overrun", "si_pid",
		"si_pkey", "si_ptr", "si_status", "si_stime", "si_syscall",
		"si_timerid", "si_uid", "si_upper", "si_utime", "si_value",
		"signed", "sizeof", "st_atime", "st_ctime", "st_mtime",
		"static", "static_assert", "static_cast", "stderr", "stdin",
		"stdout", "struct", "switch", "template", "this",
		"thread_local", "throw", "true", "try", "typedef", "typeid",
		"typename", "typeof", "typeof_unqual", "union", "unix",
		"unsigned", "using", "virtual", "void", "volatile", "wchar_t",
		"while", "xor", "xor_eq",
	};

	return tp_word_in(name, words, sizeof(words) / sizeof(words[0]));
}

/* Names already given in one struct.  The hash table only points at the
 * names, which the members own.  json-c's: glibc's hsearch hashes only a
 * name's first bytes, and 100,000 fields can share them. */
struct names {
	struct lh_table *table;
};

static int names_init(struct names *n, size_t count)
{
	n->table = lh_kchar_table_new(count < 1u << 20 ? (int)count + 16 :
				      1 << 20, NULL);
	return n->table ? 0 : ENOMEM;
}

static bool names_taken(struct names *n, char *name)
{
	return lh_table_lookup_ex(n->table, name, NULL);
}

static int names_add(struct names *n, char *name)
{
	return lh_table_insert(n->table, name, NULL) ? ENOMEM : 0;
}

static void names_fini(struct names *n)
{
	if (n->table)
		lh_table_free(n->table);
	n->table = NULL;
}

/*
 * A name for a member that no other member of the struct has: prefix and
 * raw made an identifier, a '_' when it is reserved, then "_2", "_3"...
 * while taken in n (with n NULL, the first of these, taken or not).  Put
 * together in one allocation, by hand: this runs for every member of
 * every event.
 */
static char *unique_name(struct names *n, const char *prefix, const char *raw,
			 bool check_reserved)
{
	size_t lp = strlen(prefix), lr = strlen(raw), stem;
	char *name = malloc(lp + lr + 3), *next;
	unsigned k;

	if (!name)
		return NULL;
	memcpy(name, prefix, lp);
	/* prefix and identifier: the part every try begins with. */
	stem = lp + c_identifier_into(name + lp, raw, lr);
	if (check_reserved && !lp && tp_c_reserved(name)) {
		name[stem] = '_';
		name[stem + 1] = '\0';
	}
	for (k = 2; n && name && names_taken(n, name); k++) {
		if (asprintf(&next, "%.*s_%u", (int)stem, name, k) < 0)
			next = NULL;
		free(name);
		name = next;
	}
	if (n && name && names_add(n, name)) {
		free(name);
		name = NULL;
	}
	return name;
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

/* The name m asks for, which others may ask for too (see unique()). */
static int wanted_name(struct tp_member *m)
{
	const char *prefix, *raw;
	bool check;
	char buf[32];

	wish(m, &prefix, &raw, &check, buf);
	m->name = unique_name(NULL, prefix, raw, check);
	return m->name ? 0 : ENOMEM;
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
	struct names names;
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
	if (names_init(&names, l->nmembers))
		return ENOMEM;
	for (i = 0; i < l->nmembers; i++) {
		struct tp_member *m = &l->members[i];
		const char *prefix, *raw;
		bool check;
		char buf[32];

		free(m->name);
		wish(m, &prefix, &raw, &check, buf);
		m->name = unique_name(&names, prefix, raw, check);
		if (!m->name) {
			names_fini(&names);
			return ENOMEM;
		}
	}
	names_fini(&names);
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
	char *out = NULL, *id;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	const char *p;

	if (!f)
		return NULL;
	for (p = pattern; *p; p++) {
		if (*p == '%' && (p[1] == 'e' || p[1] == 'g')) {
			fputs(p[1] == 'e' ? event : group, f);
			p++;
		} else if (*p == '%' && p[1] == '%') {
			fputc('%', f);
			p++;
		} else {
			fputc(*p, f);
		}
	}
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	id = tp_c_identifier(out);
	free(out);
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
	/* The table points at the _len names: they live until it goes. */
	char **lens = calloc(l->nmembers + 1, sizeof(*lens));
	struct names fns = { NULL };
	size_t i;
	int slot = 0, err = 0;

	if (!lens)
		return ENOMEM;
	for (i = 0; !err && i < l->nmembers; i++) {
		struct tp_member *m = &l->members[i];
		bool dynamic = tp_member_dynamic(m);
		unsigned k;

		m->slot = dynamic ? slot++ : -1;
		if (!dynamic && m->kind != TP_MEMBER_ACCESSOR)
			continue;
		/* Most events have no accessor: the table is made for those
		 * that do. */
		if (!fns.table && names_init(&fns, 2 * l->nmembers)) {
			err = ENOMEM;
			break;
		}
		/* "x" and "x_len" are taken together, or both renamed. */
		for (k = 1; !err; k++) {
			char raw[32], *name;

			free(m->accessor);
			free(lens[i]);
			m->accessor = lens[i] = NULL;
			snprintf(raw, sizeof(raw), "_%u", k);
			if (asprintf(&name, "%s%s", m->field->name,
				     k == 1 ? "" : raw) < 0) {
				err = ENOMEM;
				break;
			}
			m->accessor = tp_c_identifier(name);
			free(name);
			if (!m->accessor || (dynamic &&
			    asprintf(&lens[i], "%s_len", m->accessor) < 0)) {
				lens[i] = NULL;
				err = ENOMEM;
				break;
			}
			if (!names_taken(&fns, m->accessor) &&
			    (!lens[i] || !names_taken(&fns, lens[i])))
				break;
		}
		if (!err && (names_add(&fns, m->accessor) ||
			     (lens[i] && names_add(&fns, lens[i]))))
			err = ENOMEM;
	}
	names_fini(&fns);
	for (i = 0; i < l->nmembers; i++)
		free(lens[i]);
	free(lens);
	return err;
}

/* Which member holds each field, for lookups in constant time. */
static int index_fields(struct tp_layout *l)
{
	size_t i;

	l->by_field = malloc((l->ev->nfields ? l->ev->nfields : 1) *
			     sizeof(*l->by_field));
	if (!l->by_field)
		return ENOMEM;
	for (i = 0; i < l->ev->nfields; i++)
		l->by_field[i] = SIZE_MAX;
	for (i = 0; i < l->nmembers; i++)
		if (l->members[i].field)
			l->by_field[l->members[i].field - l->ev->fields] = i;
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
	if (!order)
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
	size_t i = l->by_field[f - l->ev->fields];

	return i == SIZE_MAX ? NULL : &l->members[i];
}


void tp_layout_shed(struct tp_layout *l)
{
	size_t i;

	for (i = 0; i < l->nmembers; i++) {
		free(l->members[i].name);
		free(l->members[i].accessor);
	}
	free(l->members);
	free(l->by_field);
	l->members = NULL;
	l->nmembers = 0;
	l->by_field = NULL;
}

void tp_layout_fini(struct tp_layout *l)
{
	tp_layout_shed(l);
	free(l->stem);
	free(l->tag);
	memset(l, 0, sizeof(*l));
}
