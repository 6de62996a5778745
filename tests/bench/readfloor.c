/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The floor of `make bench`: opens and reads every format file of a tree
 * (and header_page, as tpgen does), with tpgen's traversal, and does
 * nothing with the text.  With an output path, it also writes a file of
 * the given size in one write(), the least any generator of that much
 * output must do: the "read + write" floor.
 *
 * Usage: readfloor ROOT [OUTPUT BYTES]
 */
#define _GNU_SOURCE /* asprintf */
#include "walk.h"

static void touch(void *arg, const char *group, const char *event,
		  char *text, size_t len)
{
	unsigned *sum = arg;

	(void)group;
	(void)event;
	/* Look at the text once, so that nothing can be skipped. */
	*sum += len ? (unsigned char)text[len - 1] : 0;
}

int main(int argc, char **argv)
{
	struct walk_buf b = { 0 };
	unsigned long long bytes = 0;
	unsigned sum = 0;
	char *events;
	long files, hp;
	int dfd;

	if (argc != 2 && argc != 4) {
		fprintf(stderr, "usage: readfloor ROOT [OUTPUT BYTES]\n");
		return 2;
	}
	events = walk_events_dir(argv[1]);
	files = events ? walk_events(events, &b, touch, &sum, &bytes) : -1;
	if (files < 0) {
		fprintf(stderr, "readfloor: cannot read %s\n", argv[1]);
		return 1;
	}
	dfd = open(events, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	hp = dfd >= 0 ? walk_read(dfd, "header_page", &b) : -1;
	if (dfd >= 0)
		close(dfd);
	if (argc == 4) {
		size_t n = strtoull(argv[3], NULL, 10), off = 0;
		char *out = malloc(n ? n : 1);
		int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			      0666);

		if (!out || fd < 0) {
			perror(argv[2]);
			return 1;
		}
		memset(out, 'x', n);
		while (off < n) {
			ssize_t w = write(fd, out + off, n - off);

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				perror(argv[2]);
				return 1;
			}
			off += (size_t)w;
		}
		close(fd);
		free(out);
	}
	fprintf(stderr, "readfloor: %ld files, %llu bytes (+%ld header_page), "
		"check %u\n", files, bytes, hp, sum);
	free(b.p);
	free(events);
	return 0;
}
