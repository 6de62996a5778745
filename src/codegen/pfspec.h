/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One printf conversion of a print fmt ("%-08llx", "%pISpc"), read apart
 * so that the loader's code can print it as the kernel does. */
#ifndef TPGEN_PFSPEC_H
#define TPGEN_PFSPEC_H

#include <stdbool.h>

/* Its parts, each as the format string spells it. */
struct tp_pfspec {
	char flags[8];
	bool star_width, star_precision;
	char width[16], precision[16];
	char length[3];
	char conv;
	char ext[8]; /* %p extensions: "S", "I4", "ISpc"... */
};

/* Reads the conversion at *p (after its '%') and advances past it.  False
 * for one the loader cannot print: a part too long, or an unknown
 * conversion. */
bool tp_pfspec_read(const char **p, struct tp_pfspec *s);

#endif
