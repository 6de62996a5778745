/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tarball.h"

/*
 * libarchive is loaded the first time an archive is read or written, not
 * at every start: Debian's brings 14 more libraries with it (libxml2, ICU
 * and libstdc++ among them), whose loading took 2.3 ms of the 3.3 ms that
 * tpgen took to start, in runs most of which read no archive.  The calls
 * keep the types archive.h gives them.  The note below declares the
 * dependency to packaging tools, as a DT_NEEDED entry would have
 * (https://systemd.io/ELF_DLOPEN_METADATA/).
 */
#define ARCHIVE_CALLS(X) \
	X(archive_error_string) \
	X(archive_read_new) X(archive_read_free) \
	X(archive_read_support_filter_all) \
	X(archive_read_support_format_all) \
	X(archive_read_open_filename) X(archive_read_next_header) \
	X(archive_read_data) \
	X(archive_entry_pathname) X(archive_entry_size) \
	X(archive_entry_filetype) \
	X(archive_write_new) X(archive_write_free) \
	X(archive_write_set_format_pax_restricted) \
	X(archive_write_add_filter_gzip) X(archive_write_add_filter_xz) \
	X(archive_write_set_filter_option) X(archive_write_open_fd) \
	X(archive_write_header) X(archive_write_data) \
	X(archive_write_close) \
	X(archive_entry_new) X(archive_entry_free) X(archive_entry_clear) \
	X(archive_entry_set_pathname) X(archive_entry_set_filetype) \
	X(archive_entry_set_perm) X(archive_entry_set_size) \
	X(archive_entry_set_uname) X(archive_entry_set_gname)

static struct {
#define POINTER(f) __typeof__(f) *f;
	ARCHIVE_CALLS(POINTER)
#undef POINTER
} ar;

static pthread_once_t ar_once = PTHREAD_ONCE_INIT;
static char ar_error[512]; /* why libarchive could not be loaded */

#define NOTE_JSON "[{\"feature\":\"archive\",\"description\":\"captured " \
	"trees as .tar, .tar.gz and .tar.xz files\",\"priority\":" \
	"\"required\",\"soname\":[\"" LIBARCHIVE_SONAME "\"]}]"

__attribute__((used, section(".note.dlopen"), aligned(4)))
static const struct {
	uint32_t namesz, descsz, type;
	char name[4];
	char desc[(sizeof(NOTE_JSON) + 3) / 4 * 4];
} dlopen_note = {
	/* The size of the text and its NUL; the padding is not counted. */
	.namesz = 4, .descsz = sizeof(NOTE_JSON),
	.type = 0x407c0c0a, .name = "FDO", .desc = NOTE_JSON,
};

static void load(void)
{
	void *h = dlopen(LIBARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL);
	void *f;

	if (!h) {
		snprintf(ar_error, sizeof(ar_error), "%s", dlerror());
		return;
	}
	/* Kept open: the calls are used until the end. */
#define RESOLVE(name) \
	if (!ar_error[0]) { \
		f = dlsym(h, #name); \
		if (f) \
			memcpy(&ar.name, &f, sizeof(f)); \
		else \
			snprintf(ar_error, sizeof(ar_error), "%s has no " \
				 "%s()", LIBARCHIVE_SONAME, #name); \
	}
	ARCHIVE_CALLS(RESOLVE)
#undef RESOLVE
}

/* 0 once libarchive is there to call, or -1 after reporting why not. */
static int have_libarchive(const char *path, struct tp_diags *d)
{
	pthread_once(&ar_once, load);
	if (!ar_error[0])
		return 0;
	return tp_error(d, NULL, NULL, "%s: archives need libarchive, which "
			"could not be loaded: %s (Debian 12: apt-get install "
			"libarchive13)", path, ar_error);
}

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
	struct archive *a;
	struct archive_entry *e;
	char *buf = NULL;
	int rc = 0, r;

	if (have_libarchive(path, d))
		return -1;
	a = ar.archive_read_new();
	if (!a)
		return tp_oom(d, NULL);
	ar.archive_read_support_filter_all(a);
	ar.archive_read_support_format_all(a);
	if (ar.archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		rc = tp_error(d, NULL, NULL, "cannot read %s: %s", path,
			      ar.archive_error_string(a));
		ar.archive_read_free(a);
		return rc;
	}
	while (!rc && (r = ar.archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *name = safe_name(ar.archive_entry_pathname(e));
		la_int64_t size = ar.archive_entry_size(e);
		la_ssize_t got;

		if (ar.archive_entry_filetype(e) == AE_IFDIR)
			continue;
		if (!name) {
			tp_warn(d, NULL, NULL, "%s: skipping '%s': it would "
				"lead out of the archive", path,
				ar.archive_entry_pathname(e));
			continue;
		}
		if (ar.archive_entry_filetype(e) != AE_IFREG) {
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
			rc = tp_oom(d, NULL);
			break;
		}
		got = ar.archive_read_data(a, buf, (size_t)size);
		if (got != size) {
			rc = tp_error(d, NULL, NULL, "%s: cannot read '%s': %s",
				      path, name, got < 0 ?
				      ar.archive_error_string(a) : "truncated");
			break;
		}
		rc = fn(arg, name, buf, (size_t)size);
	}
	if (!rc && r != ARCHIVE_EOF)
		rc = tp_error(d, NULL, NULL, "cannot read %s: %s", path,
			      ar.archive_error_string(a));
	free(buf);
	ar.archive_read_free(a);
	return rc;
}

int tp_archive_write(const char *path, const struct tp_archive_entry *entries,
		     size_t n, struct tp_diags *d)
{
	struct archive *a;
	struct archive_entry *e;
	char *tmp = NULL;
	size_t i;
	int fd = -1, rc = 0;

	if (have_libarchive(path, d))
		return -1;
	a = ar.archive_write_new();
	e = ar.archive_entry_new();
	if (!a || !e || asprintf(&tmp, "%s.tmp-XXXXXX", path) < 0) {
		tmp = NULL;
		rc = tp_oom(d, NULL);
		goto out;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = tp_error(d, NULL, NULL, "cannot create %s: %s", tmp,
			      strerror(errno));
		goto out;
	}
	ar.archive_write_set_format_pax_restricted(a);
	if (ends_with(path, ".gz") || ends_with(path, ".tgz"))
		ar.archive_write_add_filter_gzip(a);
	else if (ends_with(path, ".xz"))
		ar.archive_write_add_filter_xz(a);
	/* gzip would record the time of writing. */
	ar.archive_write_set_filter_option(a, "gzip", "timestamp", NULL);
	if (ar.archive_write_open_fd(a, fd) != ARCHIVE_OK) {
		rc = tp_error(d, NULL, NULL, "cannot write %s: %s", path,
			      ar.archive_error_string(a));
		goto out;
	}
	for (i = 0; !rc && i < n; i++) {
		ar.archive_entry_clear(e);
		ar.archive_entry_set_pathname(e, entries[i].name);
		ar.archive_entry_set_filetype(e, AE_IFREG);
		ar.archive_entry_set_perm(e, 0644);
		ar.archive_entry_set_size(e, (la_int64_t)entries[i].len);
		ar.archive_entry_set_uname(e, "root");
		ar.archive_entry_set_gname(e, "root");
		if (ar.archive_write_header(a, e) != ARCHIVE_OK ||
		    ar.archive_write_data(a, entries[i].data, entries[i].len) !=
		    (la_ssize_t)entries[i].len)
			rc = tp_error(d, NULL, NULL, "cannot write %s: %s",
				      path, ar.archive_error_string(a));
	}
	if (ar.archive_write_close(a) != ARCHIVE_OK && !rc)
		rc = tp_error(d, NULL, NULL, "cannot write %s: %s", path,
			      ar.archive_error_string(a));
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
	ar.archive_entry_free(e);
	ar.archive_write_free(a);
	return rc;
}
