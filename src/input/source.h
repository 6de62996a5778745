/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Source text: a whole input file held in memory, so that the scanner can
 * run over it and diagnostics can quote any of its lines.
 */
#ifndef TPGEN_SOURCE_H
#define TPGEN_SOURCE_H

#include <stddef.h>

/* Inputs larger than this are refused: no format file comes near it, and
 * it keeps a runaway input from exhausting memory. */
#define TP_SOURCE_MAX ((size_t)256 << 20)

struct tp_source {
	char *name;   /* as diagnostics show it */
	char *text;   /* len bytes plus a terminating NUL; may hold NULs */
	size_t len;
	/* Made when a line is first asked for: use the functions. */
	size_t *line_starts; /* offsets of each line's first byte */
	size_t nlines;
	struct tp_source *self; /* this source, for that, when passed const */
};

/*
 * Reads the file at path to its end (tracefs reports size 0 to stat, so the
 * size is never trusted).  name is what diagnostics call it (path when
 * NULL).  Returns 0 and a source the caller owns, or an errno value
 * (EFBIG past TP_SOURCE_MAX).
 */
int tp_source_read(const char *path, const char *name, struct tp_source **out);

/*
 * The same for path relative to the folder dirfd (openat()), with size,
 * when not 0, the size fstat() gave a moment ago: a file of that size is
 * read with one read() of one byte more, not two (the second only to
 * find the end).  A file that has since changed size is still read to
 * its end.
 */
int tp_source_read_at(int dirfd, const char *path, const char *name,
		      size_t size, struct tp_source **out);

/* Copies len bytes of buf into a new source.  NULL when out of memory. */
struct tp_source *tp_source_from_mem(const char *name, const char *buf,
				     size_t len);

/*
 * The text of line n (1-based) without its newline, and its length.  NULL
 * when the source has no such line (or, the first time, no memory to
 * find it).
 */
const char *tp_source_line(const struct tp_source *src, unsigned n,
			   size_t *len);

/*
 * The line (1-based) and column (1-based, in bytes) of the byte at offset
 * at; an offset at or past the end is on the last line, after its last
 * byte.  Line 0 when out of memory.
 */
void tp_source_locate(const struct tp_source *src, size_t at,
		      unsigned *line, unsigned *column);

/* How many lines the source has (a last one without a newline counts,
 * and so does an empty one after a final newline); 0 when out of
 * memory. */
size_t tp_source_nlines(const struct tp_source *src);

/* Accepts NULL. */
void tp_source_free(struct tp_source *src);

#endif
