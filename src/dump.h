/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `tpgen dump`: the event model for people (text) and for tools (JSON). */
#ifndef TPGEN_DUMP_H
#define TPGEN_DUMP_H

#include <stdio.h>

#include "event.h"

/* One event as an aligned table, then its print fmt. */
int tp_dump_text(FILE *out, const struct tp_event *ev);

/*
 * A JSON array of events.  The shape is documented in tpgen(1) and kept
 * stable: tools and tests build on it.
 */
int tp_dump_json(FILE *out, struct tp_event *const *evs, size_t n);

#endif
