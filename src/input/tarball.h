/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Tar archives (plain, gzip or xz) of captured trees, through libarchive.
 */
#ifndef TPGEN_TARBALL_H
#define TPGEN_TARBALL_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct tp_archive_entry {
	const char *name; /* relative path, '/'-separated */
	const char *data;
	size_t len;
};

/*
 * Calls fn for each regular file of the archive at path, with its
 * normalised name ("./" removed).  Entries that could lead out of the
 * archive (absolute names, ".." components) and entries that are not
 * regular files are reported as warnings and skipped.  fn returns 0 to go
 * on.  Returns 0, or -1 after reporting.
 */
int tp_archive_read(const char *path,
		    int (*fn)(void *arg, const char *name, const char *data,
			      size_t len),
		    void *arg, struct tp_diags *d);

/* Whether path names an archive tp_archive_write() can write: it ends in
 * .tar, .tar.gz, .tgz or .tar.xz. */
bool tp_archive_name(const char *path);

/*
 * Writes the n entries to a new archive at path, compressed as its name
 * says, through a temporary file renamed into place.  Entries get fixed
 * owners, modes and times, so that the same entries make the same bytes.
 * Returns 0, or -1 after reporting.
 */
int tp_archive_write(const char *path, const struct tp_archive_entry *entries,
		     size_t n, struct tp_diags *d);

#endif
