/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"
#include "tree.h"

#define LIVE_DEFAULT "/sys/kernel/tracing"
#define MOUNT_HINT "mount it with 'mount -t tracefs nodev " LIVE_DEFAULT \
	"' (as root), or read a captured tree with '--tracefs DIR'"

static char *join(const char *a, const char *b)
{
	char *s;

	return asprintf(&s, "%s/%s", a, b) < 0 ? NULL : s;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *tp_tracefs_find(const char *mounts)
{
	struct mntent *m;
	char *found = NULL, *debugfs = NULL;
	FILE *f = setmntent(mounts, "r");

	if (!f)
		return NULL;
	while (!found && (m = getmntent(f))) {
		if (strcmp(m->mnt_type, "tracefs") == 0)
			found = strdup(m->mnt_dir);
		else if (!debugfs && strcmp(m->mnt_type, "debugfs") == 0)
			debugfs = join(m->mnt_dir, "tracing");
	}
	endmntent(f);
	/* Old kernels: tracefs only appears under debugfs. */
	if (!found && debugfs && is_dir(debugfs))
		return debugfs;
	free(debugfs);
	return found;
}

static bool entry_is_dir(int dfd, const struct dirent *e)
{
	struct stat st;

	if (e->d_type == DT_DIR)
		return true;
	if (e->d_type != DT_UNKNOWN)
		return false;
	return fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISDIR(st.st_mode);
}

/*
 * Whether path is a file tpgen will read.  Symbolic links are not
 * followed, so that a copied tree cannot lead out of itself, and only
 * regular files are read, so that a FIFO cannot make tpgen wait forever.
 * Anything else is reported (ENOENT: silently absent).
 */
static int check_file(const char *path, struct tp_diags *d)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno;
	if (S_ISLNK(st.st_mode)) {
		tp_warn(d, NULL, NULL, "%s is a symbolic link; it is not "
			"followed", path);
		return ELOOP;
	}
	if (!S_ISREG(st.st_mode)) {
		tp_warn(d, NULL, NULL, "%s is not a regular file; it is "
			"skipped", path);
		return EINVAL;
	}
	return 0;
}

static int add_ref(struct tp_tree *t, size_t *cap, const char *group,
		   const char *name, const char *path)
{
	struct tp_event_ref *r;

	r = tp_grow(t->refs, cap, t->nrefs, sizeof(*r), 256);
	if (!r)
		return ENOMEM;
	t->refs = r;
	r = &t->refs[t->nrefs];
	r->group = strdup(group);
	r->name = strdup(name);
	r->path = strdup(path);
	if (!r->group || !r->name || !r->path) {
		free(r->group);
		free(r->name);
		free(r->path);
		return ENOMEM;
	}
	t->nrefs++;
	return 0;
}

/* Adds the events of one group folder: its sub-folders with a format. */
static int scan_group(struct tp_tree *t, size_t *cap, const char *group,
		      struct tp_diags *d)
{
	char *gpath = join(t->events, group);
	struct dirent *e;
	int err = 0;
	DIR *dir;

	if (!gpath)
		return ENOMEM;
	dir = opendir(gpath);
	if (!dir) {
		free(gpath);
		/* A folder we may not read is not a group of ours. */
		return 0;
	}
	while (!err && (e = readdir(dir))) {
		char *fpath;

		if (e->d_name[0] == '.' || !entry_is_dir(dirfd(dir), e))
			continue;
		if (asprintf(&fpath, "%s/%s/format", gpath, e->d_name) < 0) {
			err = ENOMEM;
			break;
		}
		if (check_file(fpath, d) == 0)
			err = add_ref(t, cap, group, e->d_name, fpath);
		free(fpath);
	}
	closedir(dir);
	free(gpath);
	return err;
}

static int by_group_name(const void *a, const void *b)
{
	const struct tp_event_ref *x = a, *y = b;
	int c = strcmp(x->group, y->group);

	return c ? c : strcmp(x->name, y->name);
}

static int scan(struct tp_tree *t, struct tp_diags *d)
{
	struct dirent *e;
	size_t cap = 0;
	int err = 0;
	DIR *dir = opendir(t->events);

	if (!dir)
		return errno;
	while (!err && (e = readdir(dir))) {
		if (e->d_name[0] == '.' || !entry_is_dir(dirfd(dir), e))
			continue;
		err = scan_group(t, &cap, e->d_name, d);
	}
	closedir(dir);
	if (!err && t->nrefs)
		qsort(t->refs, t->nrefs, sizeof(*t->refs), by_group_name);
	return err;
}

/* header_page records the kernel's long size (the size of "commit") and
 * the room for data in a page, which bounds every record. */
static void read_header_page(struct tp_tree *t, struct tp_diags *d)
{
	struct tp_target host = TP_TARGET_HOST;
	struct tp_event *hp;
	char *path = join(t->events, "header_page");
	size_t i;
	int err;

	t->target = host;
	if (!path || check_file(path, d) != 0) {
		free(path);
		return;
	}
	err = tp_source_read(path, NULL, &t->header_src);
	if (err) {
		tp_error(d, NULL, NULL, "cannot read %s: %s", path,
			 strerror(err));
		free(path);
		return;
	}
	free(path);
	t->has_header_page = true;
	hp = tp_format_parse(t->header_src, TP_FORMAT_HEADER_PAGE, &host, d);
	if (!hp)
		return;
	for (i = 0; i < hp->nfields; i++) {
		const struct tp_field *f = &hp->fields[i];

		if (strcmp(f->name, "commit") == 0) {
			if (f->size == 4 || f->size == 8)
				t->target.long_size = f->size;
			else
				tp_warn(d, t->header_src, &f->loc,
					"'commit' has size %u; a long has 4 "
					"or 8 bytes", f->size);
		} else if (strcmp(f->name, "data") == 0 && f->size) {
			t->target.max_record = f->size;
		}
	}
	tp_event_free(hp);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Event names, sorted, to tell which are used by more than one group. */
static int index_names(struct tp_tree *t)
{
	size_t i;

	t->names = malloc((t->nrefs ? t->nrefs : 1) * sizeof(*t->names));
	if (!t->names)
		return ENOMEM;
	for (i = 0; i < t->nrefs; i++)
		t->names[i] = t->refs[i].name;
	if (t->nrefs)
		qsort(t->names, t->nrefs, sizeof(*t->names), by_string);
	return 0;
}

int tp_tree_open(const char *dir, struct tp_tree **out, struct tp_diags *d)
{
	struct tp_tree *t = calloc(1, sizeof(*t));
	char *root = NULL, *events;
	int err;

	*out = NULL;
	if (!t)
		return ENOMEM;
	if (dir) {
		root = strdup(dir);
	} else {
		root = tp_tracefs_find("/proc/mounts");
		if (!root && is_dir(LIVE_DEFAULT "/events"))
			root = strdup(LIVE_DEFAULT);
		if (!root) {
			tp_error(d, NULL, NULL, "tracefs is not mounted");
			tp_note(d, NULL, NULL, MOUNT_HINT);
			free(t);
			return ENOENT;
		}
	}
	if (!root) {
		free(t);
		return ENOMEM;
	}
	events = join(root, "events");
	if (!events) {
		free(root);
		free(t);
		return ENOMEM;
	}
	if (is_dir(events)) {
		free(root);
		t->events = events;
	} else {
		free(events);
		t->events = root;
	}
	err = scan(t, d);
	if (err) {
		tp_error(d, NULL, NULL, "cannot read %s: %s", t->events,
			 strerror(err));
		if (err == EACCES || err == EPERM)
			tp_note(d, NULL, NULL, "tracefs is readable by root "
				"only; run tpgen as root, or read a captured "
				"tree with '--tracefs DIR'");
		else if (!dir && err == ENOENT)
			tp_note(d, NULL, NULL, MOUNT_HINT);
	} else if (!t->nrefs) {
		err = ENOENT;
		tp_error(d, NULL, NULL, "no events in %s", t->events);
		tp_note(d, NULL, NULL, "expected GROUP/EVENT/format files "
			"below it%s", dir ? "" : "; " MOUNT_HINT);
	}
	if (err) {
		tp_tree_free(t);
		return err;
	}
	err = index_names(t);
	if (err) {
		tp_tree_free(t);
		return err;
	}
	read_header_page(t, d);
	*out = t;
	return 0;
}

bool tp_tree_name_shared(const struct tp_tree *tree, const char *name)
{
	size_t lo = 0, hi = tree->nrefs;

	/* The first of the sorted names not below name. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(tree->names[mid], name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo + 1 < tree->nrefs && strcmp(tree->names[lo], name) == 0 &&
	       strcmp(tree->names[lo + 1], name) == 0;
}

struct tp_event *tp_tree_parse(const struct tp_tree *tree,
			       const struct tp_event_ref *ref,
			       struct tp_diags *d, struct tp_source **src)
{
	struct tp_event *ev;
	int err;

	err = tp_source_read(ref->path, NULL, src);
	if (err) {
		tp_error(d, NULL, NULL, "cannot read %s: %s", ref->path,
			 strerror(err));
		return NULL;
	}
	ev = tp_format_parse(*src, TP_FORMAT_EVENT, &tree->target, d);
	if (!ev)
		return NULL;
	if (strcmp(ev->name, ref->name) != 0)
		tp_warn(d, *src, NULL, "the event calls itself '%s' but its "
			"folder is '%s'", ev->name, ref->name);
	ev->group = strdup(ref->group);
	ev->path = strdup(ref->path);
	if (!ev->group || !ev->path) {
		tp_error(d, NULL, NULL, "out of memory");
		tp_event_free(ev);
		return NULL;
	}
	return ev;
}

void tp_tree_free(struct tp_tree *tree)
{
	size_t i;

	if (!tree)
		return;
	for (i = 0; i < tree->nrefs; i++) {
		free(tree->refs[i].group);
		free(tree->refs[i].name);
		free(tree->refs[i].path);
	}
	free(tree->refs);
	free(tree->names);
	free(tree->events);
	tp_source_free(tree->header_src);
	free(tree);
}
