/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Dependency files for build systems (--depfile): make syntax, the files
 * written as targets, every file read as a prerequisite, and an empty rule
 * per prerequisite so that a deleted one does not break the build (as
 * gcc -MP does).
 */
#ifndef TPGEN_DEPS_H
#define TPGEN_DEPS_H

#include <stddef.h>

#include "diag.h"
#include "nameset.h"

/* A list of paths, each kept once, in the order first added.  index, the
 * set of the paths in v, keeps adding constant time when a run reads
 * tens of thousands of files.  All zero is an empty list. */
struct tp_paths {
	char **v;
	size_t n, cap;
	struct tp_name_set index;
};

/* Adds a copy of path unless it is there already.  0, or -1 when out of
 * memory. */
int tp_paths_add(struct tp_paths *p, const char *path);
void tp_paths_fini(struct tp_paths *p);

/* Writes the depfile at path (atomically).  Returns 0, or -1 after
 * reporting. */
int tp_deps_write(const char *path, const struct tp_paths *targets,
		  const struct tp_paths *prereqs, struct tp_diags *d);

#endif
