/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "tarball.h"
#include "grow.h"
#include "pool.h"
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

/* What keeps path from being read: out of memory, said as such, or the
 * system's word for it. */
static void cannot_read(struct tp_diags *d, const char *path, int err)
{
	if (err == ENOMEM)
		tp_oom(d, NULL);
	else
		tp_error(d, NULL, NULL, "cannot read %s: %s", path,
			 strerror(err));
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

/* 0 when name, in the folder dfd, is a regular file (of *size bytes, when
 * size is not NULL); ELOOP for a symbolic link, EINVAL for anything else,
 * or fstatat()'s errno. */
static int file_kind_at(int dfd, const char *name, size_t *size)
{
	struct stat st;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno;
	if (S_ISLNK(st.st_mode))
		return ELOOP;
	if (size)
		*size = (size_t)st.st_size;
	return S_ISREG(st.st_mode) ? 0 : EINVAL;
}

/*
 * Reports what file_kind_at() found wrong with path, a file tpgen would
 * read.  Symbolic links are not followed, so that a copied tree cannot
 * lead out of itself, and only regular files are read, so that a FIFO
 * cannot make tpgen wait forever.  ENOENT (silently absent) and other
 * errors of fstatat() go unreported.
 */
static void report_kind(int err, const char *path, struct tp_diags *d)
{
	if (err == ELOOP)
		tp_warn(d, NULL, NULL, "%s is a symbolic link; it is not "
			"followed", path);
	else if (err == EINVAL)
		tp_warn(d, NULL, NULL, "%s is not a regular file; it is "
			"skipped", path);
}

/* Whether name, in the folder dfd, is a file tpgen will read; path is
 * what messages call it. */
static int check_file_at(int dfd, const char *name, const char *path,
			 struct tp_diags *d)
{
	int err = file_kind_at(dfd, name, NULL);

	report_kind(err, path, d);
	return err;
}

static int check_file(const char *path, struct tp_diags *d)
{
	return check_file_at(AT_FDCWD, path, path, d);
}

/* Adds an event; data (may be NULL) is copied. */
static int add_ref(struct tp_tree *t, const char *group, const char *name,
		   const char *path, const char *data, size_t len,
		   bool unchecked)
{
	struct tp_event_ref *r;

	r = tp_grow(t->refs, &t->refs_cap, t->nrefs, sizeof(*r), 256);
	if (!r)
		return ENOMEM;
	t->refs = r;
	r = &t->refs[t->nrefs];
	memset(r, 0, sizeof(*r));
	r->group = strdup(group);
	r->name = strdup(name);
	r->path = strdup(path);
	r->unchecked = unchecked;
	if (data) {
		r->data = malloc(len + 1);
		if (r->data) {
			memcpy(r->data, data, len);
			r->data[len] = '\0';
			r->len = len;
		}
	}
	if (!r->group || !r->name || !r->path || (data && !r->data)) {
		free(r->group);
		free(r->name);
		free(r->path);
		free(r->data);
		return ENOMEM;
	}
	t->nrefs++;
	return 0;
}

/* Adds the events of one group folder: its sub-folders, whose format files
 * tp_tree_check() looks at. */
static int scan_group(struct tp_tree *t, const char *group)
{
	char *gpath = join(t->events, group), *fpath = NULL, *p;
	size_t glen, cap = 0;
	struct dirent *e;
	int err = 0;
	DIR *dir;

	if (!gpath)
		return ENOMEM;
	dir = opendir(gpath);
	if (!dir) {
		free(gpath);
		/* A folder we may not read is not a group of ours. */
		return errno == ENOMEM ? ENOMEM : 0;
	}
	/* GROUP_PATH/EVENT/format, made in one buffer kept for the group's
	 * events (asprintf() cost as much as the rest of the scan). */
	glen = strlen(gpath);
	while (!err && (e = readdir(dir))) {
		size_t need = glen + strlen(e->d_name) + sizeof("//format");

		if (e->d_name[0] == '.' || !entry_is_dir(dirfd(dir), e))
			continue;
		if (need > cap) {
			p = realloc(fpath, need * 2);
			if (!p) {
				err = ENOMEM;
				break;
			}
			fpath = p;
			cap = need * 2;
		}
		stpcpy(stpcpy(stpcpy(stpcpy(fpath, gpath), "/"), e->d_name),
		       "/format");
		err = add_ref(t, group, e->d_name, fpath, NULL, 0, true);
	}
	closedir(dir);
	free(fpath);
	free(gpath);
	return err;
}

static int scan(struct tp_tree *t)
{
	struct dirent *e;
	int err = 0;
	DIR *dir = opendir(t->events);

	if (!dir)
		return errno;
	while (!err && (e = readdir(dir))) {
		if (e->d_name[0] == '.' || !entry_is_dir(dirfd(dir), e))
			continue;
		err = scan_group(t, e->d_name);
	}
	closedir(dir);
	return err;
}

/* Reads an optional file of the events folder, or of the folder above
 * it (the manifest of a captured folder). */
static char *read_optional(const char *dir, const char *name, size_t *len,
			   struct tp_diags *d)
{
	char *path = join(dir, name), *text = NULL;
	struct tp_source *src;
	int err;

	if (!path || check_file(path, d) != 0) {
		free(path);
		return NULL;
	}
	err = tp_source_read(path, NULL, &src);
	if (err) {
		cannot_read(d, path, err);
	} else {
		text = src->text;
		*len = src->len;
		src->text = NULL;
		tp_source_free(src);
	}
	free(path);
	return text;
}

/* header_page records the kernel's long size (the size of "commit") and
 * the room for data in a page, which bounds every record. */
static void parse_header_page(struct tp_tree *t, struct tp_diags *d)
{
	struct tp_target host = TP_TARGET_HOST;
	struct tp_event *hp;
	size_t i;

	t->target = host;
	if (!t->header_src)
		return;
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

static int by_group_name(const void *a, const void *b)
{
	const struct tp_event_ref *x = a, *y = b;
	int c = strcmp(x->group, y->group);

	return c ? c : strcmp(x->name, y->name);
}

static int by_ref_name(const void *a, const void *b)
{
	const struct tp_event_ref *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/* Indexes the events by name, to tell which are used by more than one
 * group. */
static int index_names(struct tp_tree *t)
{
	size_t i;

	free(t->by_name);
	t->by_name = malloc((t->nrefs ? t->nrefs : 1) * sizeof(*t->by_name));
	if (!t->by_name)
		return ENOMEM;
	for (i = 0; i < t->nrefs; i++)
		t->by_name[i] = &t->refs[i];
	if (t->nrefs)
		qsort(t->by_name, t->nrefs, sizeof(*t->by_name), by_ref_name);
	return 0;
}

static int finish(struct tp_tree *t)
{
	if (t->nrefs)
		qsort(t->refs, t->nrefs, sizeof(*t->refs), by_group_name);
	return index_names(t);
}

/* What an archive entry is, by its path below an "events" folder:
 * header_page, header_event, GROUP/EVENT/format, or the manifest. */
struct archive_walk {
	struct tp_tree *t;
	const char *archive;
	struct tp_diags *d;
	int err;
};

static int archive_entry(void *arg, const char *name, const char *data,
			 size_t len)
{
	struct archive_walk *w = arg;
	struct tp_tree *t = w->t;
	const char *rel = strstr(name, "events/");
	char group[256], event[256], rest[16], *label;

	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;

	if (strcmp(base, "manifest.json") == 0 && !strstr(name, "events/")) {
		tp_manifest_parse(data, len, &t->manifest);
		return 0;
	}
	if (rel != name && !(rel && rel[-1] == '/'))
		rel = NULL;
	rel = rel ? rel + strlen("events/") : name;
	if (asprintf(&label, "%s:%s", w->archive, name) < 0)
		return w->err = ENOMEM;
	if (strcmp(rel, "header_page") == 0) {
		tp_source_free(t->header_src);
		t->header_src = tp_source_from_mem(label, data, len);
		if (!t->header_src)
			w->err = ENOMEM;
	} else if (strcmp(rel, "header_event") == 0) {
		free(t->header_event);
		t->header_event = malloc(len + 1);
		if (t->header_event) {
			memcpy(t->header_event, data, len);
			t->header_event_len = len;
		} else {
			w->err = ENOMEM;
		}
	} else if (sscanf(rel, "%255[^/]/%255[^/]/%15s", group, event,
			  rest) == 3 && strcmp(rest, "format") == 0) {
		w->err = add_ref(t, group, event, label, data, len, false);
	}
	free(label);
	return w->err;
}

static int open_archive(struct tp_tree *t, const char *path,
			struct tp_diags *d)
{
	struct archive_walk w = { t, path, d, 0 };

	t->archive = true;
	t->events = strdup(path);
	if (!t->events)
		return ENOMEM;
	if (tp_archive_read(path, archive_entry, &w, d))
		return w.err ? w.err : EIO;
	return 0;
}

static bool on_tracefs(const char *path)
{
	struct statfs st;

	return statfs(path, &st) == 0 && st.f_type == TRACEFS_MAGIC;
}

static int open_dir(struct tp_tree *t, const char *root, bool live,
		    struct tp_diags *d)
{
	char *events = join(root, "events"), *manifest;
	size_t len = 0;
	int err;

	if (!events)
		return ENOMEM;
	if (is_dir(events)) {
		t->events = events;
		live = live || on_tracefs(events);
		/* A captured folder has a manifest beside events/. */
		manifest = live ? NULL : read_optional(root, "manifest.json",
						       &len, d);
		if (manifest)
			tp_manifest_parse(manifest, len, &t->manifest);
		free(manifest);
	} else {
		free(events);
		t->events = strdup(root);
		if (!t->events)
			return ENOMEM;
		live = live || on_tracefs(root);
	}
	err = live ? tp_manifest_live(&t->manifest) : 0;
	if (!err)
		err = scan(t);
	if (err) {
		cannot_read(d, t->events, err);
		if (err == EACCES || err == EPERM)
			tp_note(d, NULL, NULL, "tracefs is readable by root "
				"only; run tpgen as root, or read a captured "
				"tree with '--tracefs DIR'");
		else if (live && err == ENOENT)
			tp_note(d, NULL, NULL, MOUNT_HINT);
		return err;
	}
	{
		char *path = join(t->events, "header_page");

		if (!path)
			return ENOMEM;
		if (check_file(path, d) == 0) {
			err = tp_source_read(path, NULL, &t->header_src);
			if (err)
				cannot_read(d, path, err);
		}
		free(path);
	}
	t->header_event = read_optional(t->events, "header_event",
					&t->header_event_len, d);
	return d->oom ? ENOMEM : 0;
}

/* Says that t has no event (hint ends the note); returns ENOENT. */
static int no_events(const struct tp_tree *t, const char *hint,
		     struct tp_diags *d)
{
	tp_error(d, NULL, NULL, "no events in %s", t->events);
	tp_note(d, NULL, NULL, "expected GROUP/EVENT/format files below it%s",
		hint);
	return ENOENT;
}

int tp_tree_open(const char *dir, struct tp_tree **out, struct tp_diags *d)
{
	struct tp_tree *t = calloc(1, sizeof(*t));
	char *root = NULL;
	struct stat st;
	int err;

	*out = NULL;
	if (!t)
		return ENOMEM;
	if (!dir) {
		root = tp_tracefs_find("/proc/mounts");
		if (!root && is_dir(LIVE_DEFAULT "/events"))
			root = strdup(LIVE_DEFAULT);
		if (!root) {
			tp_error(d, NULL, NULL, "tracefs is not mounted");
			tp_note(d, NULL, NULL, MOUNT_HINT);
			free(t);
			return ENOENT;
		}
		err = open_dir(t, root, true, d);
		free(root);
	} else if (stat(dir, &st) == 0 && S_ISREG(st.st_mode)) {
		err = open_archive(t, dir, d);
	} else {
		err = open_dir(t, dir, false, d);
	}
	if (!err && !t->nrefs)
		err = no_events(t, dir ? "" : "; " MOUNT_HINT, d);
	if (!err)
		err = finish(t);
	if (err) {
		tp_tree_free(t);
		return err;
	}
	parse_header_page(t, d);
	*out = t;
	return 0;
}

/*
 * The group and event of a single format file: .../GROUP/EVENT/format, or
 * .../GROUP/EVENT.format (any extension).  group overrides the path's.
 */
static int name_file(const char *path, const char *group, char **g, char **e)
{
	char *full = realpath(path, NULL), *base, *dot, *parent;
	int err = 0;

	*g = *e = NULL;
	if (!full)
		return errno;
	base = strrchr(full, '/');
	*base++ = '\0';
	if (strcmp(base, "format") == 0) {
		/* .../GROUP/EVENT/format */
		parent = strrchr(full, '/');
		*e = strdup(parent ? parent + 1 : full);
		if (parent)
			*parent = '\0';
	} else {
		dot = strchr(base, '.');
		*e = dot ? strndup(base, (size_t)(dot - base)) : strdup(base);
	}
	parent = strrchr(full, '/');
	*g = strdup(group ? group : parent ? parent + 1 : full);
	if (!*g || !*e)
		err = ENOMEM;
	free(full);
	return err;
}

int tp_tree_from_files(char *const *paths, size_t n, const char *group,
		       struct tp_tree **out, struct tp_diags *d)
{
	struct tp_tree *t = calloc(1, sizeof(*t));
	size_t i;
	int err = 0;

	*out = NULL;
	if (!t)
		return ENOMEM;
	t->events = strdup("--format");
	if (!t->events)
		err = ENOMEM;
	for (i = 0; !err && i < n; i++) {
		char *g, *e;

		err = check_file(paths[i], d);
		if (!err)
			err = name_file(paths[i], group, &g, &e);
		if (err) {
			cannot_read(d, paths[i], err);
			break;
		}
		if (!*g || !*e) {
			tp_error(d, NULL, NULL, "%s: cannot tell the event's "
				 "group from its path; give it with --group",
				 paths[i]);
			err = EINVAL;
		} else {
			err = add_ref(t, g, e, paths[i], NULL, 0, false);
		}
		free(g);
		free(e);
	}
	if (!err)
		err = finish(t);
	if (err) {
		tp_tree_free(t);
		return err;
	}
	t->target = TP_TARGET_HOST;
	*out = t;
	return 0;
}

/* Whether ref's format file is there to be read, as tp_tree_check() would
 * find, without a word: for events not picked, which nothing reads. */
static bool present(const struct tp_event_ref *ref)
{
	return !ref->unchecked || file_kind_at(AT_FDCWD, ref->path, NULL) == 0;
}

bool tp_tree_name_shared(const struct tp_tree *tree, const char *name)
{
	size_t lo = 0, hi = tree->nrefs, i, found = 0;

	/* The first of the sorted names not below name. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(tree->by_name[mid]->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Folders of the name in two groups or more (hardly ever): only
	 * then are their format files looked at. */
	if (lo + 1 >= tree->nrefs || strcmp(tree->by_name[lo]->name, name) ||
	    strcmp(tree->by_name[lo + 1]->name, name))
		return false;
	for (i = lo; i < tree->nrefs && !strcmp(tree->by_name[i]->name, name);
	     i++)
		if (present(tree->by_name[i]) && ++found == 2)
			return true;
	return false;
}

/* A thread's open group folder, kept for the group's next event. */
struct group_dir {
	int fd;
	const char *group;
};

/* What file_kind_at() finds of the ref's format file, looked up from its
 * group's folder, so that the kernel looks up two names, not the whole
 * path, for each of thousands of events.  With load, a regular file is
 * read too, into r->loaded; one that cannot be read is left to be read
 * (and the error reported) when it is parsed. */
static int ref_kind(const struct tp_tree *t, struct tp_event_ref *r,
		    struct group_dir *g, bool load)
{
	/* path is EVENTS/GROUP/EVENT/format. */
	size_t rel = strlen(r->path) - strlen(r->name) - strlen("/format");
	size_t size = 0;
	int dfd, kind;

	if (!g->group || strcmp(g->group, r->group) != 0) {
		char *gpath = join(t->events, r->group);

		if (g->fd >= 0)
			close(g->fd);
		g->fd = gpath ? open(gpath, O_RDONLY | O_DIRECTORY |
				     O_CLOEXEC) : -1;
		g->group = r->group;
		free(gpath);
	}
	dfd = g->fd >= 0 ? g->fd : AT_FDCWD;
	if (dfd == AT_FDCWD)
		rel = 0;
	kind = file_kind_at(dfd, r->path + rel, &size);
	if (kind == 0 && load &&
	    tp_source_read_at(dfd, r->path + rel, r->path, size, &r->loaded))
		r->loaded = NULL;
	return kind;
}

struct check {
	struct tp_tree *t;
	const size_t *idx;
	bool load;
	int *kind; /* ref_kind() of each event looked at */
	struct group_dir dirs[TP_POOL_MAX_THREADS];
};

static void check_item(void *arg, size_t i, unsigned th)
{
	struct check *c = arg;
	struct tp_event_ref *r = &c->t->refs[c->idx ? c->idx[i] : i];

	if (r->unchecked)
		c->kind[i] = ref_kind(c->t, r, &c->dirs[th], c->load);
}

long tp_tree_check(struct tp_tree *t, const size_t *idx, size_t n,
		   bool load, struct tp_pool *pool, struct tp_diags *d)
{
	struct check c = { .t = t, .idx = idx, .load = load };
	size_t i, kept, dropped = 0;
	unsigned th;

	if (!idx)
		n = t->nrefs;
	c.kind = calloc(n ? n : 1, sizeof(*c.kind));
	if (!c.kind) {
		tp_oom(d, NULL);
		return -ENOMEM;
	}
	for (th = 0; th < TP_POOL_MAX_THREADS; th++)
		c.dirs[th].fd = -1;
	/* Looked at on the pool's threads, in chunks that keep to a group;
	 * reported here, in order. */
	tp_pool_for(pool, n, 32, check_item, &c);
	for (th = 0; th < TP_POOL_MAX_THREADS; th++)
		if (c.dirs[th].fd >= 0)
			close(c.dirs[th].fd);
	for (i = 0; i < n; i++) {
		struct tp_event_ref *r = &t->refs[idx ? idx[i] : i];

		if (!r->unchecked || !r->path)
			continue;
		if (c.kind[i] == 0) {
			r->unchecked = false;
			continue;
		}
		report_kind(c.kind[i], r->path, d);
		/* Marked for removal below. */
		free(r->path);
		r->path = NULL;
		dropped++;
	}
	free(c.kind);
	if (!dropped)
		return 0;
	for (i = kept = 0; i < t->nrefs; i++) {
		if (t->refs[i].path) {
			t->refs[kept++] = t->refs[i];
			continue;
		}
		free(t->refs[i].group);
		free(t->refs[i].name);
		free(t->refs[i].data);
	}
	t->nrefs = kept;
	if (index_names(t))
		return -ENOMEM;
	if (!t->nrefs)
		return -no_events(t, "", d);
	return (long)dropped;
}

int tp_tree_read(const struct tp_event_ref *ref, struct tp_source **src)
{
	if (!ref->data)
		return tp_source_read(ref->path, NULL, src);
	*src = tp_source_from_mem(ref->path, ref->data, ref->len);
	return *src ? 0 : ENOMEM;
}

struct tp_event *tp_tree_parse(const struct tp_tree *tree,
			       struct tp_event_ref *ref,
			       enum tp_print_use use, struct tp_diags *d,
			       struct tp_source **src)
{
	struct tp_event *ev;
	int err = 0;

	if (ref->loaded) {
		*src = ref->loaded;
		ref->loaded = NULL;
	} else {
		err = tp_tree_read(ref, src);
	}
	if (err == ENOMEM) {
		tp_oom(d, NULL);
		return NULL;
	}
	if (err) {
		cannot_read(d, ref->path, err);
		return NULL;
	}
	ev = tp_format_parse_for(*src, TP_FORMAT_EVENT, &tree->target, use,
				 d);
	if (!ev)
		return NULL;
	if (strcmp(ev->name, ref->name) != 0)
		/* A name can be kilobytes long: its start will do. */
		tp_warn(d, *src, NULL, "the event calls itself '%.64s%s' but "
			"its folder is '%s'", ev->name,
			strlen(ev->name) > 64 ? "..." : "", ref->name);
	ev->group = strdup(ref->group);
	ev->path = strdup(ref->path);
	if (!ev->group || !ev->path) {
		tp_oom(d, NULL);
		tp_event_free(ev);
		return NULL;
	}
	return ev;
}

char *tp_tree_kernel(const struct tp_tree *tree)
{
	return tp_manifest_kernel(&tree->manifest);
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
		free(tree->refs[i].data);
		tp_source_free(tree->refs[i].loaded);
	}
	free(tree->refs);
	free(tree->by_name);
	free(tree->events);
	free(tree->header_event);
	tp_manifest_fini(&tree->manifest);
	tp_source_free(tree->header_src);
	free(tree);
}
