/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What both fuzz harnesses do with an event that laid out. */
#ifndef TPGEN_FUZZ_H
#define TPGEN_FUZZ_H

#include <stdlib.h>

#include "layout.h"
#include "pfgen.h"

/* Compiles the event's print fmt into loader code, thrown away, and
 * releases the layout. */
static void fuzz_print_code(struct tp_layout *l)
{
	char *tables, *why, *code = tp_pfgen(l, 8, "table", &tables, &why);

	free(code);
	free(tables);
	free(why);
	tp_layout_fini(l);
}

#endif
