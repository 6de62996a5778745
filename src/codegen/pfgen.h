/* SPDX-License-Identifier: GPL-2.0-or-later */
/* print fmt compiled to loader code (see pfgen.c). */
#ifndef TPGEN_PFGEN_H
#define TPGEN_PFGEN_H

#include "layout.h"

/*
 * The statements that print l's event as the kernel's trace file does,
 * given `o` (struct tpgen_out *), `ctx` (the record) and `rec`; *tables
 * receives the static tables they use, named PREFIX_0, PREFIX_1...  Both
 * newly allocated.  Returns
 * NULL when the print fmt cannot be compiled, with *why saying what stood
 * in the way (NULL when out of memory).
 */
char *tp_pfgen(const struct tp_layout *l, unsigned long_size,
	       const char *prefix, char **tables, char **why);

#endif
