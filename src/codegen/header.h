/* SPDX-License-Identifier: GPL-2.0-or-later */
/* C headers with one exact-layout struct per event. */
#ifndef TPGEN_HEADER_H
#define TPGEN_HEADER_H

#include <stdio.h>

#include "buf.h"
#include "layout.h"

/*
 * Writes a header holding the structs of the n laid-out events, with the
 * include guard `guard` (a C identifier) and, unless NULL, the kernel they
 * are from in its banner (tp_tree_kernel()).  The output depends on
 * nothing but its input: no dates, no paths.  Returns 0, or -1 on a write
 * error.
 */
int tp_header_write(FILE *out, const char *guard, const char *kernel,
		    const struct tp_layout *layouts, size_t n);

/*
 * The three parts of tp_header_write(), for a caller that writes the
 * events' parts apart (on several threads) and joins them in order:
 * begin, then each event's struct, then end.  Out of memory leaves
 * out->failed set.
 */
void tp_header_begin(struct tp_buf *out, const char *guard,
		     const char *kernel);
void tp_header_event(struct tp_buf *out, const struct tp_layout *l);
void tp_header_end(struct tp_buf *out, const char *guard);

/* The include guard for a file called name: TPGEN_<NAME>_H, upper case,
 * other characters as '_'.  Newly allocated; NULL when out of memory. */
char *tp_header_guard(const char *name);

/*
 * The name (after <tag>_) of the function that gives m's syscall argument
 * as its declared type ("dfd_value"), unique among l's accessors.  NULL
 * when m has none (see tp_syscall_arg_type()) or when out of memory.
 * Newly allocated.
 */
char *tp_header_value_name(const struct tp_layout *l,
			   const struct tp_member *m);

#endif
