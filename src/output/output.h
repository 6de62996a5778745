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
#include <stdint.h>
#include <sys/types.h>

#include "buf.h"

/*
 * Makes path hold the len bytes of data.  *changed (may be NULL) tells
 * whether the file was written.  Returns 0 or an errno value; on error the
 * previous file is left as it was and no temporary file remains.
 */
int tp_output_file(const char *path, const char *data, size_t len,
		   bool *changed);
/*
 * A piece of a text: len bytes at p, or when p is NULL, at offset off of
 * the file fd (what a buffer spilled: a header of tens of megabytes is
 * never in memory whole).  Only tp_output_seal() changes pieces.
 */
struct tp_piece {
	const void *p;
	size_t len;
	int fd;
	off_t off;
};

/* The piece of len bytes at p. */
static inline struct tp_piece tp_output_piece(const void *p, size_t len)
{
	return (struct tp_piece){ .p = p, .len = len, .fd = -1 };
}

/* Adds to the n pieces at v (room for two more) those that hold the len
 * bytes of b's text at off, in its file or in its memory: a piece that
 * continues the last one is joined to it, so that texts written one
 * after another are read back as one.  Returns the new number. */
size_t tp_output_buf_pieces(const struct tp_buf *b, size_t off, size_t len,
			    struct tp_piece *v, size_t n);

/* The same, the content given as n pieces to be joined (any number). */
int tp_output_filev(const char *path, const struct tp_piece *v, size_t n,
		    bool *changed);

/* Whether path is a regular file that holds exactly the pieces. */
bool tp_output_same(const char *path, const struct tp_piece *v, size_t n);

/* Writes the pieces to fd.  0 or errno. */
int tp_output_write(int fd, const struct tp_piece *v, size_t n);

/*
 * The two halves of tp_output_file(), for writing many files all or none:
 * tp_output_stagev() writes the pieces to a temporary file beside path
 * (*tmp, NULL when path already holds them); tp_output_commit() renames
 * it into place, and tp_output_abandon() removes it.  Each returns 0 or
 * errno.
 * Until then, an interrupt (SIGINT, SIGTERM, SIGHUP, SIGQUIT) removes
 * every temporary file before it ends tpgen, so files may be staged as
 * they are made.
 */
int tp_output_stagev(const char *path, const struct tp_piece *v, size_t n,
		     char **tmp);
int tp_output_commit(char *tmp, const char *path);
void tp_output_abandon(char *tmp);

/*
 * Every file tpgen writes carries, in its first kilobyte, a digest of its
 * own bytes: this mark, then 16 hexadecimal digits, which count as zeros
 * while the digest is taken.  A file whose digest no longer matches was
 * edited since tpgen wrote it.
 */
#define TP_OUTPUT_DIGEST_MARK "tpgen-digest: xxh3-64 "
#define TP_OUTPUT_DIGEST_DIGITS 16
/* The line as a banner holds it before the digest is filled in. */
#define TP_OUTPUT_DIGEST_BLANK TP_OUTPUT_DIGEST_MARK "0000000000000000"

/*
 * Fills in the digest of the text the n pieces make, when its first
 * kilobyte (whose bytes change) holds the mark.  Returns 1 when it did,
 * the digest in *digest; 0 when there is no mark; -1 when out of memory
 * or a piece in a file cannot be read or written.
 */
int tp_output_seal(const struct tp_piece *v, size_t n, uint64_t *digest);

/* What a path holds, as far as replacing it goes. */
enum tp_output_state {
	TP_OUTPUT_NONE,     /* nothing (or nothing that can be looked at) */
	TP_OUTPUT_FOREIGN,  /* not a file tpgen wrote, or not a file */
	TP_OUTPUT_OURS,     /* tpgen's, as tpgen wrote it */
	TP_OUTPUT_EDITED,   /* tpgen's, edited since */
};

/*
 * Looks at path.  A file tpgen wrote has one of tpgen's marks in its first
 * kilobyte (the line at the top of every file it makes); when it has a
 * digest, the digest is put in *digest (may be NULL) and compared with the
 * file's bytes.  Errors reading make a file foreign: replacing it would
 * not be safe.
 */
enum tp_output_state tp_output_state(const char *path, uint64_t *digest);

/* Why a file in that state is not replaced without --force ("is not a
 * file tpgen wrote"); NULL when it may be. */
const char *tp_output_refusal(enum tp_output_state state);

/*
 * Between tp_output_hold() and tp_output_release(), SIGINT, SIGTERM, SIGHUP
 * and SIGQUIT wait: held while staged files are renamed, an interrupted
 * run leaves no half of a set of files committed.  Nest them as pairs.
 */
void tp_output_hold(void);
void tp_output_release(void);

/* Creates the folder path and its parents as needed.  0 or errno (EINVAL
 * for an empty path). */
int tp_output_mkdirs(const char *path);

#endif
