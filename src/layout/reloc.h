/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Programs that follow the running kernel's layout.  The BPF program reads
 * each field by name (CO-RE): through a struct of the event's fields with
 * preserve_access_index, which libbpf relocates when it loads the program.
 * The loader describes the running kernel's layout to libbpf from tracefs
 * (runtime/tpgen_reloc.h), after checking it against the layout the
 * program was built for, which this module writes into the loader.
 *
 * What is relocated: integers and pointers of 1, 2, 4 or 8 bytes at
 * aligned offsets, arrays of such elements, and 4-byte __data_loc and
 * __rel_loc words, when the field's name is a C identifier of its own.
 * Other fields are copied from where they were at build time, and the
 * loader refuses to start where they moved.
 */
/* Not TPGEN_RELOC_H: that guards runtime/tpgen_reloc.h, which compare.c
 * includes too. */
#ifndef TPGEN_SRC_RELOC_H
#define TPGEN_SRC_RELOC_H

#include <stdbool.h>

#include "buf.h"
#include "layout.h"
#include "nameset.h"

/* Whether the program reads m's field by name. */
bool tp_reloc_relocated(const struct tp_member *m);

/* What the code that reads an event's fields by name is made from. */
struct tp_reloc {
	const struct tp_layout *l;
	/* The struct of the event's fields that the program reads
	 * ("tpgen__sched__sched_switch"), and that of their signs. */
	char *name, *sign;
	/* The names of the members read by name. */
	struct tp_name_set names;
	/* The fields in the loader's table (below), and where each field
	 * of the event is or would be in it. */
	size_t ntable, *index;
	/* The program's filter, a C expression, or NULL; and the filter as
	 * written, for a comment.  filtered[i]: the filter tests the
	 * event's field i (NULL: none). */
	const char *filter, *filter_text;
	bool *filtered;
	/* In a program of many events, the event's place in it; -1 for a
	 * program of its own. */
	int place;
};

/* Fills r for l.  0, or ENOMEM (r is then finished already). */
int tp_reloc_init(struct tp_reloc *r, const struct tp_layout *l);

void tp_reloc_fini(struct tp_reloc *r);

/* Whether the program reads m's field, a string, by name in both forms a
 * kernel may record it: char[N] and __data_loc char[]. */
bool tp_reloc_both_forms(const struct tp_reloc *r, const struct tp_member *m);

/* BPF code: the structs of the event's fields by name, for the header. */
void tp_reloc_structs(struct tp_buf *f, const struct tp_reloc *r);

/* Template variables, with a struct tp_reloc as arg: the program's reads
 * of the event's fields into the record, and the loader's table of the
 * layout the program was built for. */
void tp_reloc_reads(struct tp_buf *f, const void *reloc);
void tp_reloc_table(struct tp_buf *f, const void *reloc);

/*
 * For `tpgen header --relocatable`: what tp_header_event() writes, then
 * the structs of l's fields by name (for BPF) and the table of the layout
 * they were built for, as tpgen_fields__GROUP__EVENT[] and
 * tpgen_built__GROUP__EVENT (for a loader that includes tpgen_reloc.h
 * first).  Out of memory leaves out->failed set.
 */
void tp_reloc_header_event(struct tp_buf *out, const struct tp_layout *l);

/* Whether field f is in that table: fields are there in the order of the
 * format file, without the common ones. */
bool tp_reloc_in_table(const struct tp_layout *l, const struct tp_field *f);

/* A row of that table: what the loader checks of a field (struct
 * tpgen_field in runtime/tpgen_reloc.h, whose kinds these are, in their
 * order). */
enum tp_reloc_kind {
	TP_RELOC_SCALAR, TP_RELOC_ARRAY, TP_RELOC_DATA_LOC, TP_RELOC_REL_LOC,
	TP_RELOC_OTHER,
};
struct tp_reloc_field {
	const char *name;     /* borrowed from the field */
	unsigned offset, size;
	unsigned count;       /* an array's elements; 0 when not a number */
	enum tp_reloc_kind kind;
	bool is_signed;
	bool string;          /* read both as char[N] and as __data_loc */
	bool relocated;       /* read by name */
	bool filtered;        /* the program's filter tests it */
};
void tp_reloc_describe(const struct tp_reloc *r, const struct tp_field *f,
		       struct tp_reloc_field *out);

#endif
