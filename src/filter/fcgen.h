/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Checked filters compiled to C for BPF programs. */
#ifndef TPGEN_FCGEN_H
#define TPGEN_FCGEN_H

#include "buf.h"
#include "filter.h"
#include "layout.h"

/*
 * Adds to out the C expression of the filter f (checked against l's
 * event): true for a record the kernel's filter keeps.  It reads the
 * program's ctx and sign (tpgen_core.bpf.h, TPGEN_CMP in tpgen.bpf.h).
 * -1 for what it does not compile yet (strings).
 */
int tp_filter_c(struct tp_buf *out, const struct tp_filter *f,
		const struct tp_layout *l);

#endif
