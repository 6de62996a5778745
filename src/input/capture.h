/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Captures: a copy of an events tree (every format file, header_page,
 * header_event) and a manifest saying which kernel it came from, as a
 * folder or a tar archive, for generating code on another machine.
 */
#ifndef TPGEN_CAPTURE_H
#define TPGEN_CAPTURE_H

#include <stdbool.h>

#include "diag.h"
#include "tree.h"

/*
 * Writes tree to path: a folder (manifest.json and events/), or an archive
 * of the same when path ends in .tar, .tar.gz or .tar.xz, with the tree's
 * manifest (for the live tree, this machine's).
 * Returns 0, or -1 after reporting.
 */
int tp_capture_write(const struct tp_tree *tree, const char *path,
		     struct tp_diags *d);

#endif
