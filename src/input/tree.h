/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An events tree: the live tracefs or a copy of one.  Knows which events
 * it holds and what its header_page says of the kernel that wrote it.
 */
#ifndef TPGEN_TREE_H
#define TPGEN_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "event.h"
#include "format.h"
#include "manifest.h"
#include "source.h"

struct tp_pool;

struct tp_event_ref {
	char *group;
	char *name;   /* the event's folder name */
	/* Its format file, or for an archive "ARCHIVE:events/G/E/format":
	 * what diagnostics call it. */
	char *path;
	/* The file's text when it came from an archive; NULL: read path. */
	char *data;
	size_t len;
	/* In a folder, not yet looked at: the format file may be missing, a
	 * symbolic link or no regular file (tp_tree_check()). */
	bool unchecked;
	/* Read by tp_tree_check() with load, until tp_tree_parse() takes
	 * it; NULL otherwise. */
	struct tp_source *loaded;
};

struct tp_tree {
	char *events;              /* the events/ folder, or the archive */
	bool archive;
	struct tp_target target;   /* from header_page, else this host */
	bool has_header_page;
	/* header_page's text, which diagnostics about it refer to. */
	struct tp_source *header_src;
	/* events/header_event (free text, kept for captures), or NULL. */
	char *header_event;
	size_t header_event_len;
	struct tp_manifest manifest;
	struct tp_event_ref *refs; /* sorted by group, then name */
	size_t nrefs;
	size_t refs_cap;
	const struct tp_event_ref **by_name; /* the refs, sorted by name */
};

/*
 * Opens dir (a tracefs root, its events/ folder, a copy of either, or a
 * capture: a folder or a .tar, .tar.gz or .tar.xz archive), or when dir is
 * NULL the live tracefs, found through /proc/mounts.  A folder's events
 * are its GROUP/EVENT folders, their format files unchecked: call
 * tp_tree_check() before using an event's ref.  Problems, with how to fix
 * them, go to d.  Returns 0 and a tree the caller owns, or an errno value:
 * ENOENT when there is no tracefs or no event in dir.
 */
int tp_tree_open(const char *dir, struct tp_tree **out, struct tp_diags *d);

/*
 * Looks at the format files of the events idx[0..n) of a folder, or of
 * every event when idx is NULL: tp_tree_open() lists a folder's events
 * without, so that picking one of thousands costs one look, not
 * thousands.  An event whose format file is missing is dropped, and one
 * whose format file is a symbolic link (never followed, so that a copied
 * tree cannot lead out of itself) or not a regular file (a FIFO would
 * make tpgen wait forever) is dropped with a warning.  Returns the number
 * of events dropped (then indices into refs have changed), or a negative
 * errno value after reporting: -ENOENT when no event is left.  The files
 * are looked at on pool's threads (NULL: this one); the messages come in
 * the events' order all the same.  With load, the format files of the
 * events kept are read as well (each ref's loaded), for a parse to
 * follow: the same threads then look up each file once, not twice.
 */
long tp_tree_check(struct tp_tree *t, const size_t *idx, size_t n,
		   bool load, struct tp_pool *pool, struct tp_diags *d);

/*
 * A tree of single format files (--format).  Each event's group is group
 * when set, else the name of the folder above the event's folder
 * (.../GROUP/EVENT/format).  Returns 0 or an errno value after reporting.
 */
int tp_tree_from_files(char *const *paths, size_t n, const char *group,
		       struct tp_tree **out, struct tp_diags *d);

/* The text of a ref's format file, read or from memory: see
 * tp_source_read(). */
int tp_tree_read(const struct tp_event_ref *ref, struct tp_source **src);

/* Where the live tracefs is mounted, newly allocated; NULL when it is not
 * mounted.  mounts is the mount table to read (normally /proc/mounts). */
char *tp_tracefs_find(const char *mounts);

/*
 * Parses one event, its print fmt as far as `use` needs, from the text
 * loaded by tp_tree_check() (which it takes) or read now.  *src receives
 * the source, which the diagnostics in d refer to: free it after flushing
 * d.  Returns the event (group and path set) or NULL after reporting why.
 */
struct tp_event *tp_tree_parse(const struct tp_tree *tree,
			       struct tp_event_ref *ref,
			       enum tp_print_use use, struct tp_diags *d,
			       struct tp_source **src);

/* True when more than one group of the tree has an event called name
 * (with a format file: see tp_tree_check()).  Safe on threads. */
bool tp_tree_name_shared(const struct tp_tree *tree, const char *name);

/* The kernel the tree's format files are from, for generated files'
 * banners: "Linux RELEASE (MACHINE)" from the running kernel (a tracefs)
 * or a capture's manifest, else a phrase that says it is not named.
 * Newly allocated; NULL when out of memory. */
char *tp_tree_kernel(const struct tp_tree *tree);

/* Accepts NULL. */
void tp_tree_free(struct tp_tree *tree);

#endif
