/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Writing generated files: atomically (a temporary file in the same folder,
 * then rename), and not at all when the content would not change, so that
 * build systems see no new mtime.
 */
#ifndef TPGEN_OUTPUT_H
#define TPGEN_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/uio.h>

/*
 * Makes path hold the len bytes of data.  *changed (may be NULL) tells
 * whether the file was written.  Returns 0 or an errno value; on error the
 * previous file is left as it was and no temporary file remains.
 */
int tp_output_file(const char *path, const char *data, size_t len,
		   bool *changed);
/* An iovec of len bytes at p, which writing does not change. */
static inline struct iovec tp_output_piece(const void *p, size_t len)
{
	union { const void *c; void *v; } u = { .c = p };

	return (struct iovec){ .iov_base = u.v, .iov_len = len };
}

/* The same, the content given as n pieces to be joined (any number). */
int tp_output_filev(const char *path, const struct iovec *iov, size_t n,
		    bool *changed);

/*
 * The two halves of tp_output_file(), for writing many files all or none:
 * tp_output_stage() writes data to a temporary file beside path (*tmp,
 * NULL when path already holds data); tp_output_commit() renames it into
 * place, and tp_output_abandon() removes it.  Each returns 0 or errno.
 */
int tp_output_stage(const char *path, const char *data, size_t len,
		    char **tmp);
int tp_output_stagev(const char *path, const struct iovec *iov, size_t n,
		     char **tmp);
int tp_output_commit(char *tmp, const char *path);
void tp_output_abandon(char *tmp);

/*
 * Whether path is a file that tpgen did not write, which it must not
 * replace unless told to (--force): a file or symbolic link whose first
 * kilobyte lacks the line tpgen puts at the top of every file it makes.
 * A path that does not exist (or cannot be looked at) is not foreign.
 */
bool tp_output_foreign(const char *path);

/*
 * Between tp_output_hold() and tp_output_release(), SIGINT, SIGTERM, SIGHUP
 * and SIGQUIT wait: an interrupted run then leaves neither a temporary file
 * nor half of a set of files committed.  Nest them as pairs.
 */
void tp_output_hold(void);
void tp_output_release(void);

/* Creates the folder path and its parents as needed.  0 or errno (EINVAL
 * for an empty path). */
int tp_output_mkdirs(const char *path);

#endif
