/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The event model: what a tracefs format file says about one event.
 *
 * The parser (grammar/) fills these structures; every other module only reads
 * them.  All strings and arrays are owned by the structure that points to
 * them and are released by tp_event_free().  A field's strings are in one
 * allocation, which decl points to: a capture may have millions of fields.
 */
#ifndef TPGEN_EVENT_H
#define TPGEN_EVENT_H

#include <stdbool.h>
#include <stddef.h>

#include "loc.h"

struct tp_print;

/* How a field's bytes are to be read. */
enum tp_field_kind {
	TP_FIELD_SCALAR,     /* an integer (or an unknown type) of `size` bytes */
	TP_FIELD_POINTER,    /* a kernel pointer: an address of `size` bytes */
	TP_FIELD_ARRAY,      /* `elem_count` elements of `elem_size` bytes */
	TP_FIELD_FLEX_ARRAY, /* a trailing array of unknown length (size 0) */
	TP_FIELD_DATA_LOC,   /* u32: len << 16 | offset from the record start */
	TP_FIELD_REL_LOC,    /* u32: len << 16 | offset from the field's end */
};

/* Pointers first, flags last, in 88 bytes. */
struct tp_field {
	/* Declaration as written, whitespace folded: "char comm[16]".  The
	 * field's other strings follow it in its allocation, but for the
	 * name when it ends the declaration. */
	char *decl;
	/*
	 * The declared type: the declaration without the name and without the
	 * array suffix that follows the name ("char", "const char *",
	 * "__data_loc char[]").  A hint only: offset, size and is_signed are
	 * the truth.
	 */
	char *type;
	char *name;
	/*
	 * TP_FIELD_ARRAY and TP_FIELD_FLEX_ARRAY: the element type
	 * ("char"), and for TP_FIELD_DATA_LOC / TP_FIELD_REL_LOC the type of
	 * the data pointed to ("char", "u8", "cpumask_t"), or NULL for the old
	 * "__data_loc name" form that names none.  NULL otherwise.  It may
	 * be type itself.
	 */
	char *elem_type;
	/* Where the declaration stands in the format file. */
	struct tp_loc loc;
	unsigned offset;
	unsigned size;
	/*
	 * TP_FIELD_ARRAY: the number of elements (all bounds multiplied) and
	 * the size of one.  With plain numeric bounds, elem_size is size /
	 * elem_count; otherwise it is the element type's size (1 when that is
	 * unknown, with a warning) and elem_count is size / elem_size.
	 * TP_FIELD_FLEX_ARRAY, TP_FIELD_DATA_LOC and TP_FIELD_REL_LOC have
	 * elem_size when their element type's size is known, else 0.  Both
	 * are 0 for other kinds.
	 */
	unsigned elem_count;
	unsigned elem_size;
	enum tp_field_kind kind : 8;
	bool is_signed : 1;
	/* false when the line had no "signed:" (old kernels): is_signed was
	 * then inferred from the type. */
	bool has_signed : 1;
	/* Declared before the first blank line after "format:". */
	bool common : 1;
	/* "field special:" (very old kernels). */
	bool special : 1;
	/* An array bound that is not a plain number was kept (see
	 * tp_field_array_expr()). */
	bool has_array_expr : 1;
};

struct tp_event {
	/* Subsystem folder name ("sched"); NULL for header_page. */
	char *group;
	/* From the "name:" line; NULL for header_page. */
	char *name;
	/* From the "ID:" line; -1 when there is none. */
	long id;
	struct tp_field *fields; /* in file order */
	size_t nfields;
	/* The text after "print fmt: " up to the end of its line (strings
	 * may span lines), or NULL when the file has none or the parse did
	 * not keep it (TP_PRINT_CODE, TP_PRINT_SYMBOLS). */
	char *print_fmt;
	struct tp_loc print_fmt_loc;
	/* XXH3-64 of that text, kept when the text is not: a loader compares
	 * it with the running kernel's.  0 when there is none. */
	unsigned long long print_fmt_xxh3;
	/* The print fmt parsed, with what tpgen does not understand of it;
	 * NULL when there is no print fmt. */
	struct tp_print *print;
	/* Path of the format file as named to the user. */
	char *path;
};

/* Size in bytes of the fixed part of the record: the end of the field
 * that ends last.  Flexible arrays and dynamic data follow it. */
unsigned tp_event_fixed_size(const struct tp_event *ev);

/* The field called name, or NULL.  The first, when names repeat. */
const struct tp_field *tp_event_field(const struct tp_event *ev,
				      const char *name);

/* Sorts n pointers to fields by offset, then by place in their array. */
void tp_fields_by_offset(const struct tp_field **v, size_t n);

const char *tp_field_kind_name(enum tp_field_kind kind);

/* The bound of f when it is not a plain decimal number: the text between
 * the brackets ("TASK_COMM_LEN", "sizeof(struct x)"), or for several
 * bounds all of them with their brackets ("[2][N]").  Else NULL. */
const char *tp_field_array_expr(const struct tp_field *f);

/* Moves ev's fields to an array of their number: arrays grow by doubling,
 * and events kept whole until the output is written (dump, -o) left a
 * third of their fields' memory unused.  Kept as they are when no memory
 * is to be had. */
void tp_event_fit(struct tp_event *ev);

/* Releases what f owns, not f itself: its strings' one allocation. */
void tp_field_fini(struct tp_field *f);

/* Releases ev and everything it owns.  Accepts NULL. */
void tp_event_free(struct tp_event *ev);

#endif
