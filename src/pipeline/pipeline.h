/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The pipeline that every command drives, in this order:
 *
 *   open     the events tree: --format files, a folder, a capture or the
 *            live tracefs (the shipped capture standing in for it);
 *   select   the events the selectors name;
 *   parse    their format files, lay each out and render its text
 *            (headers), on the threads of a pool when there are many;
 *   emit     (output folders) the layouts handed to tp_emit().
 *
 * A command stops at the stage that gives it what it needs: list after
 * select, dump and compare after parse.  Each stage's messages are
 * queued in p->diags and printed when it ends; those of each event in
 * the selection's order, whatever the number of threads.
 */
#ifndef TPGEN_PIPELINE_H
#define TPGEN_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "deps.h"
#include "diag.h"
#include "exit.h"
#include "layout.h"
#include "pool.h"
#include "print.h"
#include "tree.h"

struct tp_pipeline_opts {
	const char *tracefs;     /* NULL: the live tracefs */
	char **formats;          /* or these format files */
	size_t nformats;
	const char *group;       /* their group, when their paths lack it */
	const char *struct_name; /* the pattern of struct names */
	/* Only the live tracefs will do (a capture of the shipped capture
	 * is no capture of this machine). */
	bool no_fallback;
	/* The output is one kernel's layout: the shipped capture may not
	 * stand in for it unnamed. */
	bool exact;
	bool list_inputs;        /* keep the files read, for a depfile */
};

#define TP_PIPELINE_MAX_THREADS TP_POOL_MAX_THREADS

/* Where one event's rendered text is: len bytes at off of buffer buf. */
struct tp_text {
	unsigned buf;
	size_t off, len;
};

/* Writes one laid-out event's part of the output. */
typedef void tp_render_fn(struct tp_buf *out, const struct tp_layout *l);

struct tp_pipeline {
	struct tp_pipeline_opts opts;
	struct tp_diags diags;
	/* open */
	struct tp_tree *tree;
	char *kernel;            /* what tp_tree_kernel() says */
	struct tp_pool *pool;    /* threads for many events, or NULL */
	/* parse: the selected events that parsed, and their layouts */
	struct tp_event **events;
	struct tp_layout *layouts;
	size_t n;
	struct tp_paths inputs;  /* with opts.list_inputs */
	/* with a render function: each event's text, in the buffer of
	 * the thread that wrote it (which spills past TP_BUF_SPILL to a
	 * file) */
	struct tp_buf texts[TP_PIPELINE_MAX_THREADS];
	struct tp_text *text;
	bool input_errors;       /* some input had errors */
};

void tp_pipeline_init(struct tp_pipeline *p,
		      const struct tp_pipeline_opts *opts);

/* Opens the tree into p->tree. */
enum tp_exit tp_pipeline_open(struct tp_pipeline *p);

/*
 * Opens the tree and picks the events the selectors name (every event
 * when there are none), as indexes into p->tree->refs in *idx (the
 * caller's to free); with load, reads their format files for the parse.
 */
enum tp_exit tp_pipeline_select(struct tp_pipeline *p, char **sel,
				size_t nsel, bool load, size_t **idx,
				size_t *n);

/* Opens the tree and looks at every event's format file, leaving out
 * the events that have none (for a capture of the whole tree). */
enum tp_exit tp_pipeline_check_all(struct tp_pipeline *p);

/*
 * Selects, parses and lays out events into p->events and p->layouts,
 * their print fmts parsed as far as use needs; with render, renders each
 * into p->texts and p->text.  An event that does not parse is reported
 * and left out.  Two events may not take one struct or file name
 * (TP_EXIT_INPUT).
 */
enum tp_exit tp_pipeline_parse(struct tp_pipeline *p, char **sel,
			       size_t nsel, enum tp_print_use use,
			       tp_render_fn *render);

/* Checks the names of p's events again (after --name renamed one). */
bool tp_pipeline_names_clash(struct tp_pipeline *p);

/* Leaves out, with an error, the events whose names cannot become file
 * names or C identifiers (tp_emit_check()): the others are still
 * written. */
void tp_pipeline_drop_unwritable(struct tp_pipeline *p);

/* Reports that what failed with errno err, and returns
 * TP_EXIT_SYSTEM. */
enum tp_exit tp_pipeline_fail(struct tp_pipeline *p, const char *what,
			      int err);

/* Prints what was queued; true when errors were among it. */
bool tp_pipeline_flush(struct tp_pipeline *p);

/* The exit status once everything selected has been handled. */
enum tp_exit tp_pipeline_finish(struct tp_pipeline *p);

void tp_pipeline_fini(struct tp_pipeline *p);

/* Whether stem names what an output folder holds besides each event's
 * files (its Makefile, the support files, the Makefile's targets). */
bool tp_reserved_stem(const char *stem);

#endif
