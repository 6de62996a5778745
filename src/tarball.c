/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tarball.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

bool tp_archive_name(const char *path)
{
	return ends_with(path, ".tar") || ends_with(path, ".tar.gz") ||
	       ends_with(path, ".tgz") || ends_with(path, ".tar.xz");
}

/* A name that stays inside the archive's folder, without "./". */
static const char *safe_name(const char *name)
{
	const char *p;

	while (name[0] == '.' && name[1] == '/')
		name += 2;
	if (name[0] == '/')
		return NULL;
	for (p = name; p; p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL)
		if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || !p[2]))
			return NULL;
	return name;
}

int tp_archive_read(const char *path,
		    int (*fn)(void *arg, const char *name, const char *data,
			      size_t len),
		    void *arg, struct tp_diags *d)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	char *buf = NULL;
	int rc = 0, r;

	if (!a)
		return tp_error(d, NULL, NULL, "out of memory");
	archive_read_support_filter_all(a);
	archive_read_support_format_all(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		rc = tp_error(d, NULL, NULL, "cannot read %s: %s", path,
			      archive_error_string(a));
		archive_read_free(a);
		return rc;
	}
	while (!rc && (r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *name = safe_name(archive_entry_pathname(e));
		la_int64_t size = archive_entry_size(e);
		la_ssize_t got;

		if (archive_entry_filetype(e) == AE_IFDIR)
			continue;
		if (!name) {
			tp_warn(d, NULL, NULL, "%s: skipping '%s': it would "
				"lead out of the archive", path,
				archive_entry_pathname(e));
			continue;
		}
		if (archive_entry_filetype(e) != AE_IFREG) {
			tp_warn(d, NULL, NULL, "%s: skipping '%s': not a "
				"regular file", path, name);
			continue;
		}
		if (size < 0 || (unsigned long long)size > 256ULL << 20) {
			rc = tp_error(d, NULL, NULL, "%s: '%s' is too large",
				      path, name);
			break;
		}
		free(buf);
		buf = malloc((size_t)size + 1);
		if (!buf) {
			rc = tp_error(d, NULL, NULL, "out of memory");
			break;
		}
		got = archive_read_data(a, buf, (size_t)size);
		if (got != size) {
			rc = tp_error(d, NULL, NULL, "%s: cannot read '%s': %s",
				      path, name, got < 0 ?
				      archive_error_string(a) : "truncated");
			break;
		}
		rc = fn(arg, name, buf, (size_t)size);
	}
	if (!rc && r != ARCHIVE_EOF)
		rc = tp_error(d, NULL, NULL, "cannot read %s: %s", path,
			      archive_error_string(a));
	free(buf);
	archive_read_free(a);
	return rc;
}

int tp_archive_write(const char *path, const struct tp_archive_entry *entries,
		     size_t n, struct tp_diags *d)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	char *tmp = NULL;
	size_t i;
	int fd = -1, rc = 0;

	if (!a || !e || asprintf(&tmp, "%s.tmp-XXXXXX", path) < 0) {
		tmp = NULL;
		rc = tp_error(d, NULL, NULL, "out of memory");
		goto out;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = tp_error(d, NULL, NULL, "cannot create %s: %s", tmp,
			      strerror(errno));
		goto out;
	}
	archive_write_set_format_pax_restricted(a);
	if (ends_with(path, ".gz") || ends_with(path, ".tgz"))
		archive_write_add_filter_gzip(a);
	else if (ends_with(path, ".xz"))
		archive_write_add_filter_xz(a);
	/* gzip would record the time of writing. */
	archive_write_set_filter_option(a, "gzip", "timestamp", NULL);
	if (archive_write_open_fd(a, fd) != ARCHIVE_OK) {
		rc = tp_error(d, NULL, NULL, "cannot write %s: %s", path,
			      archive_error_string(a));
		goto out;
	}
	for (i = 0; !rc && i < n; i++) {
		archive_entry_clear(e);
		archive_entry_set_pathname(e, entries[i].name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)entries[i].len);
		archive_entry_set_uname(e, "root");
		archive_entry_set_gname(e, "root");
		if (archive_write_header(a, e) != ARCHIVE_OK ||
		    archive_write_data(a, entries[i].data, entries[i].len) !=
		    (la_ssize_t)entries[i].len)
			rc = tp_error(d, NULL, NULL, "cannot write %s: %s",
				      path, archive_error_string(a));
	}
	if (archive_write_close(a) != ARCHIVE_OK && !rc)
		rc = tp_error(d, NULL, NULL, "cannot write %s: %s", path,
			      archive_error_string(a));
	if (!rc && fsync(fd) != 0)
		rc = tp_error(d, NULL, NULL, "cannot write %s: %s", path,
			      strerror(errno));
	if (!rc && fchmod(fd, 0644) != 0)
		rc = tp_error(d, NULL, NULL, "cannot write %s: %s", path,
			      strerror(errno));
	if (!rc && rename(tmp, path) != 0)
		rc = tp_error(d, NULL, NULL, "cannot write %s: %s", path,
			      strerror(errno));
out:
	if (fd >= 0)
		close(fd);
	if (rc && tmp)
		unlink(tmp);
	free(tmp);
	archive_entry_free(e);
	archive_write_free(a);
	return rc;
}
