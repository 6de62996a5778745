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

int tp_output_stage(const char *path, const char *data, size_t len,
		    char **tmp)
{
	struct stat st;
	mode_t mask;
	int fd, err;

	*tmp = NULL;
	/* A folder (or a device) where the file goes would fail the rename,
	 * after other files were renamed: fail here instead. */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISLNK(st.st_mode))
		return S_ISDIR(st.st_mode) ? EISDIR : EEXIST;
	if (same_content(path, data, len))
		return 0;
	if (asprintf(tmp, "%s.tmp-XXXXXX", path) < 0) {
		*tmp = NULL;
		return ENOMEM;
	}
	fd = mkstemp(*tmp);
	if (fd < 0) {
		err = errno;
		free(*tmp);
		*tmp = NULL;
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
	if (err) {
		tp_output_abandon(*tmp);
		*tmp = NULL;
	}
	return err;
}

int tp_output_commit(char *tmp, const char *path)
{
	int err = rename(tmp, path) != 0 ? errno : 0;

	if (err)
		unlink(tmp);
	free(tmp);
	return err;
}

void tp_output_abandon(char *tmp)
{
	if (!tmp)
		return;
	unlink(tmp);
	free(tmp);
}

int tp_output_file(const char *path, const char *data, size_t len,
		   bool *changed)
{
	char *tmp;
	int err = tp_output_stage(path, data, len, &tmp);

	if (!err && tmp)
		err = tp_output_commit(tmp, path);
	if (changed)
		*changed = !err && tmp;
	return err;
}

int tp_output_mkdirs(const char *path)
{
	char *p, *s;
	int err = 0;

	if (!*path)
		return EINVAL;
	p = strdup(path);
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
