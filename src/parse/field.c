/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One field line into a struct tp_field: its declaration split into type,
 * name and array bounds (which needs the whole line: compare "char buf[]"
 * with "__data_loc char[] buf"), its properties read, and its strings
 * packed into one allocation.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ctypes.h"
#include "format-build.h"
#include "grow.h"

/*
 * The words of items [from, to) without qualifiers and attributes, joined
 * by single spaces: the name a type goes by in tp_ctype_size().  *stars
 * counts the '*' among them.  Written to buf (of size bytes) when it fits,
 * else to a new allocation; NULL when out of memory.
 */
static char *base_type(const struct tp_builder *b,
		       const struct tp_decl_item *items, size_t from,
		       size_t to, unsigned *stars, char *buf, size_t size)
{
	size_t i, cap = from < to ? items[to - 1].loc.end_byte -
				    items[from].loc.first_byte : 0;
	char *out = cap < size ? buf : malloc(cap + 1), *o = out;

	*stars = 0;
	if (!out)
		return NULL;
	for (i = from; i < to; i++) {
		const struct tp_decl_item *it = &items[i];
		const char *w = b->src->text + it->loc.first_byte;
		size_t len = it->loc.end_byte - it->loc.first_byte;

		if (it->kind == TP_DI_STAR) {
			(*stars)++;
			continue;
		}
		if (it->kind != TP_DI_WORD)
			continue;
		if (tp_build_is_word(b, &it->loc, "__attribute__") ||
		    tp_build_is_word(b, &it->loc, "__attribute")) {
			if (i + 1 < to && items[i + 1].kind == TP_DI_PARENS)
				i++;
			continue;
		}
		if (tp_ctype_is_qualifier(w, (unsigned)len))
			continue;
		if (o != out)
			*o++ = ' ';
		memcpy(o, w, len);
		o += len;
	}
	*o = '\0';
	return out;
}

/* Text between the brackets of a TP_DI_BRACKETS item, blanks folded. */
static char *bracket_text(const struct tp_builder *b,
			  const struct tp_decl_item *it)
{
	return tp_build_cut(b, it->loc.first_byte + 1, it->loc.end_byte - 1);
}

/* A plain decimal number, as an array bound. */
static bool decimal(const char *s, unsigned long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoul(s, &end, 10);
	return !*end && errno == 0 && *v <= UINT_MAX;
}

/* The element count and size of a fixed array of f->size bytes whose
 * bounds are items [from, to), all brackets; *expr the bounds' text when
 * they are not plain numbers (see tp_field_array_expr()). */
static void size_array(struct tp_builder *b, struct tp_field *f,
		       const struct tp_decl_item *items, size_t from,
		       size_t to, unsigned type_size, char **expr)
{
	unsigned long count = 1, v;
	bool numeric = true;
	size_t i;

	for (i = from; i < to && numeric; i++) {
		char *text = bracket_text(b, &items[i]);

		if (!text) {
			tp_build_oom(b);
			return;
		}
		if (decimal(text, &v) && count * v <= UINT_MAX)
			count *= v;
		else
			numeric = false;
		free(text);
	}
	if (!numeric) {
		/* An identifier or expression: kept as text, never
		 * evaluated; size and element size say the count. */
		if (to - from == 1)
			*expr = bracket_text(b, &items[from]);
		else
			*expr = tp_build_cut(b, items[from].loc.first_byte,
					     items[to - 1].loc.end_byte);
		if (!*expr) {
			tp_build_oom(b);
			return;
		}
		if (!**expr) {
			/* "u8 b[]" with a size: no bound to keep. */
			free(*expr);
			*expr = NULL;
		}
		if (!type_size) {
			tp_warn(b->d, b->src, &f->loc,
				"cannot tell the size of one '%s' in field "
				"'%s'; taking it as an array of %u bytes",
				f->elem_type, f->name, f->size);
			type_size = 1;
		}
		f->elem_size = type_size;
		f->elem_count = f->size / type_size;
		if (f->size % type_size)
			tp_warn(b->d, b->src, &f->loc,
				"size %u of field '%s' is not a multiple of "
				"its element size %u", f->size, f->name,
				type_size);
		return;
	}
	f->elem_count = (unsigned)count;
	if (count && f->size % count == 0) {
		f->elem_size = f->size / (unsigned)count;
		if (type_size && type_size != f->elem_size)
			tp_warn(b->d, b->src, &f->loc,
				"field '%s' has %lu elements of %u bytes, "
				"but '%s' has %u bytes", f->name, count,
				f->elem_size, f->elem_type, type_size);
		return;
	}
	tp_warn(b->d, b->src, &f->loc,
		"size %u of field '%s' is not a multiple of its element "
		"count %lu", f->size, f->name, count);
	f->elem_size = type_size ? type_size : (count ? f->size / count : 0);
}

/* The kind (a dynamic field or not), the name and the type's text of a
 * declaration; in *first, *name and *end its first item after
 * __data_loc or __rel_loc, its name's item, and the item after the name
 * and the array bounds that follow it. */
static bool name_and_type(struct tp_builder *b, struct tp_field *f,
			  const struct tp_decl *decl, size_t *first,
			  size_t *name, size_t *end)
{
	const struct tp_decl_item *it = decl->items;
	size_t n = decl->n;

	*first = 0;
	if (tp_build_is_word(b, &it[0].loc, "__data_loc")) {
		f->kind = TP_FIELD_DATA_LOC;
		*first = 1;
	} else if (tp_build_is_word(b, &it[0].loc, "__rel_loc")) {
		f->kind = TP_FIELD_REL_LOC;
		*first = 1;
	} else {
		f->kind = TP_FIELD_SCALAR;
	}
	*end = n;
	while (*end > *first && it[*end - 1].kind == TP_DI_BRACKETS)
		(*end)--;
	if (*end == *first || it[*end - 1].kind != TP_DI_WORD)
		return tp_error(b->d, b->src, &f->loc,
				"cannot find the field name in '%s'",
				f->decl), false;
	*name = *end - 1;
	if (f->kind == TP_FIELD_DATA_LOC && *end < n)
		/* "__data_loc char[]": the brackets belong to the type. */
		return tp_error(b->d, b->src, &f->loc, "'%s' has no field "
				"name", f->decl), false;
	f->name = tp_build_cut_loc(b, &it[*name].loc);
	f->type = *name > 0 ? tp_build_cut(b, it[0].loc.first_byte,
					   it[*name - 1].loc.end_byte) :
			      strdup("");
	if (!f->name || !f->type)
		return tp_build_oom(b);
	if (*name == *first && f->kind == TP_FIELD_SCALAR) {
		if (tp_ctype_size(f->name, 8, NULL) ||
		    strcmp(f->name, "void") == 0)
			tp_error(b->d, b->src, &f->loc,
				 "declaration '%s' has no field name",
				 f->decl);
		else
			tp_error(b->d, b->src, &f->loc,
				 "field '%s' has no type", f->name);
		return false;
	}
	return true;
}

/* The element type of the declaration whose items classify() found (see
 * name_and_type()), its size and sign, and the kind of field that makes
 * with the size the properties gave: array, flexible array, pointer. */
static bool element_type(struct tp_builder *b, struct tp_field *f,
			 const struct tp_decl *decl, size_t first,
			 size_t name, size_t end, char **expr)
{
	const struct tp_decl_item *it = decl->items;
	size_t n = decl->n, type_end;
	unsigned stars, type_size;
	bool sign = false;
	char *base, buf[128]; /* most base types fit */

	/* The element type: the type without the brackets that follow it
	 * in "__data_loc char[]". */
	type_end = name;
	while (type_end > first && it[type_end - 1].kind == TP_DI_BRACKETS)
		type_end--;
	base = base_type(b, it, first, type_end, &stars, buf, sizeof(buf));
	if (!base)
		return tp_build_oom(b);
	if (!*base && !stars && name > first) {
		if (base != buf)
			free(base);
		return tp_error(b->d, b->src, &f->loc, "field '%s' has no "
				"type", f->name), false;
	}
	type_size = stars ? b->target->long_size
			  : tp_ctype_size(base, b->target->long_size, &sign);
	if (base != buf)
		free(base);
	/* Only arrays, old flexible arrays and dynamic fields keep an
	 * element type: cut for those alone. */
	if (type_end > first &&
	    (f->kind != TP_FIELD_SCALAR || end < n || (!stars && !f->size))) {
		f->elem_type = tp_build_cut(b, it[first].loc.first_byte,
					    it[type_end - 1].loc.end_byte);
		if (!f->elem_type)
			return tp_build_oom(b);
	}
	if (!f->has_signed)
		f->is_signed = !stars && type_size && sign;

	if (f->kind == TP_FIELD_DATA_LOC || f->kind == TP_FIELD_REL_LOC) {
		f->elem_size = type_size;
		return true;
	}
	if (end < n) {
		if (f->size == 0) {
			f->kind = TP_FIELD_FLEX_ARRAY;
			f->elem_size = type_size;
		} else {
			f->kind = TP_FIELD_ARRAY;
			size_array(b, f, it, end, n, type_size, expr);
		}
		return true;
	}
	/* The element type is the type for anything but an array; it was
	 * cut above only for an old flexible array. */
	if (stars) {
		f->kind = TP_FIELD_POINTER;
	} else if (f->size == 0) {
		/* Old kernels: "char buf; size:0" for a flexible array. */
		f->kind = TP_FIELD_FLEX_ARRAY;
		f->elem_size = type_size;
	}
	return true;
}

/*
 * Splits a declaration into type, name and array and decides the field's
 * kind.  The name is the last word followed only by bracket groups: this
 * holds for "char comm[16]", "__data_loc char[] name", "__rel_loc char
 * foo[]", "const char * filename" and "__data_loc name" alike.
 */
static bool classify(struct tp_builder *b, struct tp_field *f,
		     const struct tp_decl *decl, char **expr)
{
	size_t first, name, end;

	return name_and_type(b, f, decl, &first, &name, &end) &&
	       element_type(b, f, decl, first, name, end, expr);
}

/* Reads offset, size and signed from the "key:value;" list. */
static bool read_props(struct tp_builder *b, struct tp_field *f,
		       const struct tp_props *props)
{
	bool have_offset = false, have_size = false, have_signed = false;
	size_t i;

	for (i = 0; props && i < props->n; i++) {
		const struct tp_prop *p = &props->v[i];
		bool *seen;

		if (tp_build_is_word(b, &p->key, "offset"))
			seen = &have_offset;
		else if (tp_build_is_word(b, &p->key, "size"))
			seen = &have_size;
		else if (tp_build_is_word(b, &p->key, "signed"))
			seen = &have_signed;
		else {
			char *key = tp_build_cut_loc(b, &p->key);

			tp_warn(b->d, b->src, &p->key,
				"unknown property '%s' ignored",
				key ? key : "?");
			free(key);
			continue;
		}
		if (*seen) {
			tp_error(b->d, b->src, &p->key,
				 "property given twice");
			return false;
		}
		*seen = true;
		if (seen == &have_offset) {
			f->offset = (unsigned)p->num;
		} else if (seen == &have_size) {
			f->size = (unsigned)p->num;
		} else if (p->num > 1) {
			tp_error(b->d, b->src, &p->value,
				 "'signed' must be 0 or 1");
			return false;
		} else {
			f->is_signed = p->num == 1;
		}
	}
	f->has_signed = have_signed;
	if (!have_offset || !have_size) {
		tp_error(b->d, b->src, &f->loc, "field has no '%s:'",
			 have_offset ? "size" : "offset");
		return false;
	}
	if ((unsigned long)f->offset + f->size > UINT_MAX) {
		tp_error(b->d, b->src, &f->loc, "field ends past 4 GiB "
			 "(offset %u, size %u)", f->offset, f->size);
		return false;
	}
	return true;
}

/* Frees the strings of a field that was not packed, and expr. */
static void loose_free(struct tp_field *f, char *expr)
{
	free(f->decl);
	free(f->type);
	free(f->name);
	free(f->elem_type);
	free(expr);
}

/* Copies s (len bytes and its NUL) to *at, moves *at past it and returns
 * the copy. */
static char *put(char **at, const char *s, size_t len)
{
	char *copy = memcpy(*at, s, len + 1);

	*at += len + 1;
	return copy;
}

/*
 * Moves f's strings and expr into one allocation, in the order
 * tp_field_array_expr() finds them: decl, type, the name unless decl
 * ends with it, the element type unless it is the type, expr.  One
 * allocation where there were up to five, for every field of a file.
 * Frees the copies; false, with them kept, when out of memory.
 */
static bool pack(struct tp_builder *b, struct tp_field *f, char *expr)
{
	size_t ld = strlen(f->decl), lt = strlen(f->type);
	size_t ln = strlen(f->name);
	size_t le = f->elem_type ? strlen(f->elem_type) : 0;
	size_t lx = expr ? strlen(expr) : 0;
	bool name_ends = ln <= ld && strcmp(f->decl + ld - ln, f->name) == 0;
	bool own_elem = f->elem_type && strcmp(f->elem_type, f->type) != 0;
	char *block = malloc(ld + 1 + lt + 1 + (name_ends ? 0 : ln + 1) +
			     (own_elem ? le + 1 : 0) + (expr ? lx + 1 : 0));
	char *at = block, *type, *name, *elem = NULL;

	if (!block)
		return tp_build_oom(b);
	put(&at, f->decl, ld);
	type = put(&at, f->type, lt);
	name = name_ends ? block + ld - ln : put(&at, f->name, ln);
	if (f->elem_type)
		elem = own_elem ? put(&at, f->elem_type, le) : type;
	if (expr)
		put(&at, expr, lx);
	loose_free(f, expr);
	f->decl = block;
	f->type = type;
	f->name = name;
	f->elem_type = elem;
	f->has_array_expr = expr != NULL;
	return true;
}

void tp_build_field(struct tp_builder *b, const struct tp_loc *decl_loc,
		    bool special, struct tp_decl *decl, struct tp_props *props)
{
	struct tp_event *ev = b->ev;
	struct tp_field f = { 0 }, *fields;
	char *expr = NULL;
	bool packed = false;

	f.loc = *decl_loc;
	f.special = special;
	f.common = b->seen_format && !b->past_common;
	if (b->kind == TP_FORMAT_EVENT && !b->seen_format)
		tp_error(b->d, b->src, decl_loc, "field before the 'format:' "
			 "line");
	else if (b->seen_print_fmt)
		tp_error(b->d, b->src, decl_loc, "field after 'print fmt:'");
	else if (!(f.decl = tp_build_cut_loc(b, decl_loc)))
		tp_build_oom(b);
	else if (read_props(b, &f, props) && classify(b, &f, decl, &expr))
		packed = pack(b, &f, expr);
	if (!packed) {
		loose_free(&f, expr);
		return;
	}
	fields = tp_grow(ev->fields, &b->fields_cap, ev->nfields,
			 sizeof(*fields), 16);
	if (!fields) {
		tp_build_oom(b);
		tp_field_fini(&f);
		return;
	}
	ev->fields = fields;
	fields[ev->nfields++] = f;
}
