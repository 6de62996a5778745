/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `tpgen dump`: the event model for people (text) and for tools (JSON). */
#ifndef TPGEN_DUMP_H
#define TPGEN_DUMP_H

#include <stdio.h>

#include "event.h"
#include "layout.h"

/* One event as an aligned table, then its print fmt. */
int tp_dump_text(FILE *out, const struct tp_event *ev);

/*
 * A JSON array of the n laid-out events.  The shape is documented in
 * tpgen(1) and kept stable: tools and tests build on it.
 */
int tp_dump_json(FILE *out, const struct tp_layout *layouts, size_t n);

#endif
