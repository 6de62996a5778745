/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Templates: files in which {{name}} stands for the value of a variable.
 * They are built into the binary; a folder given with --templates holds
 * edited copies that are used instead, file by file.
 */
#ifndef TPGEN_TEMPLATE_H
#define TPGEN_TEMPLATE_H

#include <stdbool.h>

#include "buf.h"
#include "deps.h"
#include "diag.h"
#include "source.h"

struct tp_var {
	const char *name;
	const char *value;
	/* When value is NULL: writes the value where it is used, so that one
	 * of megabytes is never held whole (the loader's code for an event
	 * of 100,000 fields). */
	void (*write)(struct tp_buf *out, const void *arg);
	const void *arg;
};

/*
 * The file called name: from dir when dir is set and holds it, else the
 * built-in one.  A file read is added to inputs (the depfile's), unless
 * inputs is NULL.  Returns a source the caller owns, or NULL after
 * reporting why.
 */
struct tp_source *tp_template_load(const char *dir, const char *name,
				   struct tp_paths *inputs, struct tp_diags *d);

/* Adds tpl to out with every {{name}} replaced by its value.  In a C
 * template (c_code), a line that values made longer than a line is
 * broken as tp_c_wrap() breaks generated code.  An unknown or
 * unterminated variable is an error in d.  Returns 0 or -1. */
int tp_template_expand(const struct tp_source *tpl, const struct tp_var *vars,
		       size_t nvars, bool c_code, struct tp_buf *out,
		       struct tp_diags *d);

#endif
