/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "source.h"

static bool same_content(const char *path, const char *data, size_t len)
{
	struct tp_source *old;
	bool same;

	if (tp_source_read(path, NULL, &old))
		return false;
	same = old->len == len && memcmp(old->text, data, len) == 0;
	tp_source_free(old);
	return same;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t w = write(fd, data, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

int tp_output_file(const char *path, const char *data, size_t len,
		   bool *changed)
{
	mode_t mask;
	char *tmp;
	int fd, err;

	if (changed)
		*changed = false;
	if (same_content(path, data, len))
		return 0;
	if (asprintf(&tmp, "%s.tmp-XXXXXX", path) < 0)
		return ENOMEM;
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		free(tmp);
		return err;
	}
	/* mkstemp makes the file private; generated files are ordinary. */
	mask = umask(0);
	umask(mask);
	err = write_all(fd, data, len);
	if (!err && fchmod(fd, 0666 & ~mask) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err)
		unlink(tmp);
	else if (changed)
		*changed = true;
	free(tmp);
	return err;
}

int tp_output_mkdirs(const char *path)
{
	char *p = strdup(path), *s;
	int err = 0;

	if (!p)
		return ENOMEM;
	for (s = p + 1; !err; s++) {
		bool end = *s == '\0';

		if (*s != '/' && !end)
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			err = errno;
		if (end)
			break;
		*s = '/';
	}
	free(p);
	return err;
}
