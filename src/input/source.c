/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"

/* Where each line starts, found the first time a line is asked for: only
 * a diagnostic quotes one, and most files never have any.  memchr finds
 * each newline many bytes at a time. */
static int index_lines(struct tp_source *src)
{
	const char *t = src->text, *end = t + src->len, *p;
	size_t n = 1, k = 0;

	for (p = t; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		n++;
	src->line_starts = malloc(n * sizeof(*src->line_starts));
	if (!src->line_starts)
		return ENOMEM;
	src->line_starts[k++] = 0;
	for (p = t; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		src->line_starts[k++] = (size_t)(p - t) + 1;
	src->nlines = n;
	return 0;
}

/* The index, made on first use, through the source's pointer to itself
 * (sources are only ever passed const, never defined so).  A source is
 * quoted only by the thread that parses it, or after that thread is
 * done, so the cache needs no lock. */
static bool indexed(const struct tp_source *src)
{
	return src->line_starts || index_lines(src->self) == 0;
}

static struct tp_source *source_new(const char *name, char *text, size_t len)
{
	struct tp_source *src = calloc(1, sizeof(*src));

	if (!src)
		return NULL;
	src->self = src;
	src->name = strdup(name);
	src->text = text;
	src->len = len;
	if (!src->name) {
		src->text = NULL;
		tp_source_free(src);
		return NULL;
	}
	return src;
}

/* Reads fd into buf[*len, cap) until it is full or the file ends. */
static int fill(int fd, char *buf, size_t cap, size_t *len)
{
	while (*len < cap) {
		ssize_t r = read(fd, buf + *len, cap - *len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return errno;
		if (r == 0)
			break;
		*len += (size_t)r;
	}
	return 0;
}

/* The rest of fd after buf's len bytes: the copy doubles until a read
 * leaves room, a byte of which is for the NUL. */
static int read_rest(int fd, char **buf, size_t *len, size_t cap)
{
	bool full = *len == cap;
	char *nbuf;
	int err = 0;

	while (!err && full) {
		if (!(nbuf = realloc(*buf, cap *= 2)))
			return ENOMEM;
		*buf = nbuf;
		err = fill(fd, *buf, cap - 1, len);
		full = *len == cap - 1;
		if (!err && *len > TP_SOURCE_MAX)
			err = EFBIG;
	}
	return err;
}

/* Reads fd, of size bytes by fstat() when more than 0, into *buf. */
static int read_fd(int fd, size_t size, char **buf, size_t *len)
{
	/* Most files fit: they are read here, then copied to an allocation
	 * of their size.  A 4 KiB allocation for each of thousands of small
	 * files made malloc tidy its free lists each time. */
	char first[4096];
	ssize_t r;
	int err;

	*buf = NULL;
	*len = 0;
	if (size && size <= TP_SOURCE_MAX) {
		/* One byte more than there should be: reading size bytes
		 * means the end was reached, without a read that says so. */
		if (!(*buf = malloc(size + 1)))
			return ENOMEM;
		do
			r = read(fd, *buf, size + 1);
		while (r < 0 && errno == EINTR);
		if (r < 0)
			return errno;
		*len = (size_t)r;
		if (*len == size)
			return 0;
		/* Shorter or longer than it was: read on to the end. */
		err = fill(fd, *buf, size + 1, len);
		return err ? err : read_rest(fd, buf, len, size + 1);
	}
	err = fill(fd, first, sizeof(first), len);
	if (err)
		return err;
	if (!(*buf = malloc(*len == sizeof(first) ? sizeof(first) : *len + 1)))
		return ENOMEM;
	memcpy(*buf, first, *len);
	return read_rest(fd, buf, len, sizeof(first));
}

int tp_source_read_at(int dirfd, const char *path, const char *name,
		      size_t size, struct tp_source **out)
{
	struct stat st;
	char *buf;
	size_t len;
	int fd, err;

	*out = NULL;
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	/* A file of megabytes read into a buffer that doubles leaves the
	 * smaller ones behind, with malloc for a while: sized when its size
	 * is known.  tracefs says 0 for its files. */
	if (!size && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0)
		size = (size_t)st.st_size;
	err = read_fd(fd, size, &buf, &len);
	close(fd);
	if (!err) {
		buf[len] = '\0';
		*out = source_new(name ? name : path, buf, len);
		if (!*out)
			err = ENOMEM;
	}
	if (err)
		free(buf);
	return err;
}

int tp_source_read(const char *path, const char *name, struct tp_source **out)
{
	return tp_source_read_at(AT_FDCWD, path, name, 0, out);
}

struct tp_source *tp_source_from_mem(const char *name, const char *buf,
				     size_t len)
{
	struct tp_source *src;
	char *text = malloc(len + 1);

	if (!text)
		return NULL;
	memcpy(text, buf, len);
	text[len] = '\0';
	src = source_new(name, text, len);
	if (!src)
		free(text);
	return src;
}

const char *tp_source_line(const struct tp_source *src, unsigned n,
			   size_t *len)
{
	size_t start, end;

	if (n == 0 || !indexed(src) || n > src->nlines)
		return NULL;
	start = src->line_starts[n - 1];
	end = n < src->nlines ? src->line_starts[n] - 1 : src->len;
	*len = end - start;
	return src->text + start;
}

void tp_source_locate(const struct tp_source *src, size_t at,
		      unsigned *line, unsigned *column)
{
	size_t lo = 0, hi;

	*line = *column = 0;
	if (!indexed(src))
		return;
	if (at > src->len)
		at = src->len;
	/* The last line that starts at or before at. */
	hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (src->line_starts[mid] <= at)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned)lo + 1;
	*column = (unsigned)(at - src->line_starts[lo]) + 1;
}

size_t tp_source_nlines(const struct tp_source *src)
{
	return indexed(src) ? src->nlines : 0;
}

void tp_source_free(struct tp_source *src)
{
	if (!src)
		return;
	free(src->name);
	free(src->text);
	free(src->line_starts);
	free(src);
}
