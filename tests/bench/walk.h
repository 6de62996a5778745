/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the generation drivers of `make bench`: walks an events tree
 * the way tpgen does (EVENTS/GROUP/EVENT/format, in readdir order, folders
 * starting with '.' skipped) and hands each file's text to a callback.
 * One buffer is reused for every file, so what the walk costs is the
 * system calls and the copies, nothing else.
 */
#ifndef BENCH_WALK_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* asprintf */
#endif
#define BENCH_WALK_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct walk_buf {
	char *p;
	size_t cap;
};

typedef void walk_fn(void *arg, const char *group, const char *event,
		     char *text, size_t len);

/* Reads the whole file at dfd/path into b (NUL-ended); -1 on error. */
static long walk_read(int dfd, const char *path, struct walk_buf *b)
{
	size_t len = 0;
	int fd = openat(dfd, path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t r;

		if (b->cap - len < 2) {
			size_t cap = b->cap ? 2 * b->cap : 65536;
			char *p = realloc(b->p, cap);

			if (!p) {
				close(fd);
				return -1;
			}
			b->p = p;
			b->cap = cap;
		}
		r = read(fd, b->p + len, b->cap - len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	b->p[len] = '\0';
	return (long)len;
}

static int walk_is_dir(int dfd, const struct dirent *e)
{
	struct stat st;

	if (e->d_type != DT_UNKNOWN)
		return e->d_type == DT_DIR;
	return fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISDIR(st.st_mode);
}

/* Calls fn for every GROUP/EVENT/format below events; returns the number
 * of files read, or -1 when events cannot be opened. */
static long walk_events(const char *events, struct walk_buf *b, walk_fn *fn,
			void *arg, unsigned long long *bytes)
{
	DIR *top = opendir(events);
	struct dirent *g;
	long files = 0;

	if (!top)
		return -1;
	while ((g = readdir(top))) {
		DIR *gd;
		struct dirent *e;
		int gfd;

		if (g->d_name[0] == '.' || !walk_is_dir(dirfd(top), g))
			continue;
		gfd = openat(dirfd(top), g->d_name,
			     O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (gfd < 0 || !(gd = fdopendir(gfd))) {
			if (gfd >= 0)
				close(gfd);
			continue;
		}
		while ((e = readdir(gd))) {
			char path[NAME_MAX + 8];
			long len;

			if (e->d_name[0] == '.' || !walk_is_dir(gfd, e))
				continue;
			snprintf(path, sizeof(path), "%s/format", e->d_name);
			len = walk_read(gfd, path, b);
			if (len < 0)
				continue;
			files++;
			*bytes += (unsigned long long)len;
			fn(arg, g->d_name, e->d_name, b->p, (size_t)len);
		}
		closedir(gd);
	}
	closedir(top);
	return files;
}

/* EVENTS: ROOT/events when it exists, else ROOT itself. */
static char *walk_events_dir(const char *root)
{
	struct stat st;
	char *ev;

	if (asprintf(&ev, "%s/events", root) < 0)
		return NULL;
	if (stat(ev, &st) == 0 && S_ISDIR(st.st_mode))
		return ev;
	free(ev);
	return strdup(root);
}

#endif
