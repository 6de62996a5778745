/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `tpgen run`: building generated code in a cache folder and running it. */
#ifndef TPGEN_RUN_H
#define TPGEN_RUN_H

#include <stdbool.h>

#include "diag.h"

/* Whether what generated code needs to build is installed; reports each
 * missing tool with the Debian package that has it. */
bool tp_run_tools_ok(struct tp_diags *d);

/* $XDG_CACHE_HOME/tpgen/<name> (or ~/.cache/...), created.  Newly
 * allocated; NULL after reporting why. */
char *tp_run_cache_dir(const char *name, struct tp_diags *d);

/* Runs `make -s -C dir`.  Returns 0, or -1 after reporting. */
int tp_run_make(const char *dir, struct tp_diags *d);

#endif
