/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A loader's statements printing an event's fields, field=value. */
#ifndef TPGEN_FIELDS_H
#define TPGEN_FIELDS_H

#include "buf.h"
#include "layout.h"

/* What the code made for an event is made from. */
struct tp_event_code {
	const struct tp_layout *l;
	unsigned long_size; /* the traced kernel's */
	const char *reloc;  /* the loader's struct tpgen_reloc of the event */
};

/*
 * A template variable's writer (arg: a struct tp_event_code): the
 * statements printing the event's fields of `ctx` and `rec` to `o`,
 * saying which the running kernel lacks.
 */
void tp_print_fields(struct tp_buf *f, const void *arg);

#endif
