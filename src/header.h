/* SPDX-License-Identifier: GPL-2.0-or-later */
/* C headers with one exact-layout struct per event. */
#ifndef TPGEN_HEADER_H
#define TPGEN_HEADER_H

#include <stdio.h>

#include "layout.h"

/*
 * Writes a header holding the structs of the n laid-out events, with the
 * include guard `guard` (a C identifier).  The output depends on nothing
 * but its input: no dates, no paths.  Returns 0, or -1 on a write error.
 */
int tp_header_write(FILE *out, const char *guard,
		    const struct tp_layout *layouts, size_t n);

/* The include guard for a file called name: TPGEN_<NAME>_H, upper case,
 * other characters as '_'.  Newly allocated; NULL when out of memory. */
char *tp_header_guard(const char *name);

#endif
