/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Checked filters compiled to C for BPF programs. */
#ifndef TPGEN_FCGEN_H
#define TPGEN_FCGEN_H

#include "buf.h"
#include "diag.h"
#include "filter.h"
#include "reloc.h"

/*
 * Adds to out the C expression of the filter f, checked against the
 * event of r's layout: true for a record the kernel's filter keeps.  It
 * reads the program's ctx and sign, with the helpers of
 * runtime/tpgen_filter.bpf.h.  0, or -1 after saying in d (pointing into
 * src) what a BPF program cannot test.
 */
int tp_filter_c(struct tp_buf *out, const struct tp_filter *f,
		const struct tp_reloc *r, const struct tp_source *src,
		struct tp_diags *d);

/* Sets used[i] for each field i of ev that f, checked against ev, tests
 * (the common fields left out: every kernel has them). */
void tp_filter_fields(const struct tp_filter *f, const struct tp_event *ev,
		      bool *used);

#endif
