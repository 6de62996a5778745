/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Diagnostics.  Problems are queued as records while work goes on and are
 * printed once, in one format everywhere:
 *
 *   FILE:LINE:COL: error: MESSAGE
 *   <the source line>
 *        ^~~~~
 *
 * Helpers report and fail in one line: `return tp_error(d, src, loc, ...);`
 */
#ifndef TPGEN_DIAG_H
#define TPGEN_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "loc.h"
#include "source.h"

enum tp_severity { TP_NOTE, TP_WARNING, TP_ERROR };

struct tp_diag {
	enum tp_severity severity;
	const struct tp_source *src; /* borrowed; NULL: not about a file */
	bool has_loc;
	struct tp_loc loc;
	char *msg;
};

struct tp_diags {
	struct tp_diag *v;
	size_t n, cap;
	unsigned errors, warnings;
	/* After this many errors since the last flush further ones are
	 * dropped and `full` is set: a binary file must not produce a
	 * million lines.  Callers flush once per input file. */
	unsigned max_errors;
	bool full;
	bool dropping; /* the last error was dropped: so are its notes */
	/* Memory ran out, for the work or for a message: the run is to
	 * end with exit status 4.  Kept across flushes. */
	bool oom;
	bool oom_unsaid; /* and its message could not be kept */
};

#define TP_DIAGS_MAX_ERRORS 20

void tp_diags_init(struct tp_diags *d);
/* Frees every record.  The sources they borrow must outlive them. */
void tp_diags_fini(struct tp_diags *d);

/* Each returns -1 so that callers can `return tp_error(...)`.  src and loc
 * may be NULL. */
int tp_error(struct tp_diags *d, const struct tp_source *src,
	     const struct tp_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int tp_warn(struct tp_diags *d, const struct tp_source *src,
	    const struct tp_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int tp_note(struct tp_diags *d, const struct tp_source *src,
	    const struct tp_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Prints every record in order, then forgets them and resets the counts.
 * Returns how many errors were reported since the last flush. */
/* Reports that memory ran out ("out of memory", about src when it is
 * not NULL) and sets d->oom.  Returns -1. */
int tp_oom(struct tp_diags *d, const struct tp_source *src);

unsigned tp_diags_flush(struct tp_diags *d, FILE *out);

#endif
