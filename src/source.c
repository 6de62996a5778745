/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"

/* memchr finds each newline many bytes at a time: every byte of every
 * format file passes here twice. */
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

static struct tp_source *source_new(const char *name, char *text, size_t len)
{
	struct tp_source *src = calloc(1, sizeof(*src));

	if (!src)
		return NULL;
	src->name = strdup(name);
	src->text = text;
	src->len = len;
	if (!src->name || index_lines(src)) {
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

int tp_source_read(const char *path, const char *name, struct tp_source **out)
{
	/* Most files fit: they are read here, then copied to an allocation
	 * of their size.  A 4 KiB allocation for each of thousands of small
	 * files made malloc tidy its free lists each time. */
	char first[4096], *buf = NULL, *nbuf;
	size_t len = 0, cap = sizeof(first);
	bool full;
	int fd, err;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	err = fill(fd, first, cap, &len);
	full = len == cap;
	if (!err && !(buf = malloc(full ? cap : len + 1)))
		err = ENOMEM;
	if (!err)
		memcpy(buf, first, len);
	/* Full: there may be more.  The copy doubles until a read leaves
	 * room, a byte of which is for the NUL. */
	while (!err && full) {
		if (!(nbuf = realloc(buf, cap *= 2))) {
			err = ENOMEM;
			break;
		}
		buf = nbuf;
		err = fill(fd, buf, cap - 1, &len);
		full = len == cap - 1;
		if (!err && len > TP_SOURCE_MAX)
			err = EFBIG;
	}
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

	if (n == 0 || n > src->nlines)
		return NULL;
	start = src->line_starts[n - 1];
	end = n < src->nlines ? src->line_starts[n] - 1 : src->len;
	*len = end - start;
	return src->text + start;
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
