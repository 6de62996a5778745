/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * From an event to the C struct that matches its record byte for byte: the
 * struct's name, its members in offset order with explicit padding, and the
 * fields that cannot be members (overlapping ones, flexible arrays that are
 * not last), which get accessor functions instead.
 *
 * Types come from each field's size and sign, never from its declared type.
 */
#ifndef TPGEN_LAYOUT_H
#define TPGEN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "names.h"

enum tp_member_kind {
	TP_MEMBER_FIELD,    /* holds a field */
	TP_MEMBER_PAD,      /* fills a gap between fields */
	TP_MEMBER_ACCESSOR, /* a field read through an accessor only */
};

/* Pointers first, small fields last, in 48 bytes: an event may have
 * millions of members. */
struct tp_member {
	const struct tp_field *field; /* NULL for padding */
	/* The C name: the member's, or for TP_MEMBER_ACCESSOR the field's
	 * (its function is named after `accessor`, which is unique).  Often
	 * the field's own name (the layout then points at it and frees it
	 * not). */
	char *name;
	/* What its accessor functions are called after <tag>_ (dynamic
	 * fields have <accessor> and <accessor>_len), unique in the struct;
	 * NULL when it has none.  It may be name, or the field's name. */
	char *accessor;
	unsigned offset;
	unsigned size;
	/* Elements: 0 for a plain member, the count for an array, and for a
	 * flexible array member `flexible` is set. */
	unsigned count;
	/* Dynamic fields: which record slot holds their data (offset
	 * order); -1 for others. */
	int slot;
	enum tp_member_kind kind : 8;
	/* The integer type of one element: 1, 2, 4 or 8 bytes, signed or
	 * not.  Fields of any other width are arrays of __u8. */
	unsigned width : 8;
	/* The alignment the offset allows when it is below the type's own
	 * (1, 2 or 4): the member is then declared packed and aligned to
	 * it.  0 when the natural alignment holds. */
	unsigned align : 8;
	bool is_signed : 1;
	bool flexible : 1;
};

struct tp_layout {
	const struct tp_event *ev; /* borrowed */
	char *stem; /* event name, or group_event when the name is ambiguous */
	char *tag;  /* the struct's tag: by default <stem>_tp */
	struct tp_member *members; /* in offset order; accessors last */
	size_t nmembers;
	unsigned fixed_size;
	/* Member index of each field, UINT32_MAX for none: 4 bytes a
	 * field, as a layout never has 2^32 members. */
	uint32_t *by_field;
};

/*
 * How names are made.  ambiguous tells whether the event's name is used by
 * more than one group of its tree.  pattern, when set, makes the tag:
 * "%e" stands for the event name, "%g" for the group, "%%" for '%'.
 */
struct tp_naming {
	bool ambiguous;
	const char *pattern;
};

/* Lays out ev.  Returns 0, or ENOMEM. */
int tp_layout_build(const struct tp_event *ev, const struct tp_naming *naming,
		    struct tp_layout *out);

/* The member (or accessor) that holds field f, or NULL for none (fields
 * of size 0 that are not flexible arrays). */
const struct tp_member *tp_layout_member(const struct tp_layout *l,
					 const struct tp_field *f);

/* Whether m is a __data_loc or __rel_loc word tpgen can decode (2 or 4
 * bytes); such members have slot and accessor set. */
bool tp_member_dynamic(const struct tp_member *m);

/* The number of dynamic members of l: the record's slots. */
unsigned tp_layout_slots(const struct tp_layout *l);

/* Releases what l owns, before l->ev is freed.  Accepts a zeroed
 * layout. */
void tp_layout_fini(struct tp_layout *l);

#endif
