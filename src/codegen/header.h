/* SPDX-License-Identifier: GPL-2.0-or-later */
/* C headers with one exact-layout struct per event. */
#ifndef TPGEN_HEADER_H
#define TPGEN_HEADER_H

#include "buf.h"
#include "diag.h"
#include "layout.h"
#include "source.h"

/*
 * A header's frame: its template (tracepoints.h, see tp_template_load())
 * expanded with the include guard and the kernel, up to where the events'
 * structs go ({{events}}) and after.  The events' parts are made apart (on
 * several threads, with tp_header_event()) and joined in order between
 * the two.
 */
struct tp_header_frame {
	struct tp_buf text;
	size_t events_at; /* the end of the part before the events */
};

/* 0, or -1 after reporting (out of memory, a template without
 * {{events}} or with an unknown variable). */
int tp_header_frame(struct tp_header_frame *f, const struct tp_source *tpl,
		    const char *guard, const char *kernel, struct tp_diags *d);
void tp_header_frame_fini(struct tp_header_frame *f);

/* An event's part: its struct, its checks, its accessors and the names of
 * its symbols.  Out of memory leaves out->failed set. */
void tp_header_event(struct tp_buf *out, const struct tp_layout *l);

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
