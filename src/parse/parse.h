/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parsing and laying out many events of a tree at once, on the threads of
 * a pool.  Each event's result, diagnostics included,
 * is kept apart, so that the caller takes them in order: the output and
 * the messages are the same whatever the number of threads.
 */
#ifndef TPGEN_PARSE_H
#define TPGEN_PARSE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "layout.h"
#include "pool.h"
#include "tree.h"

/* One event's outcome. */
struct tp_parsed {
	struct tp_source *src;  /* its text, which diags refer to */
	struct tp_event *ev;    /* NULL when it did not parse (see diags) */
	struct tp_layout layout;
	int err;                /* 0, or ENOMEM from the layout */
	struct tp_diags diags;
	/* With a render function, what it wrote for this event: text_len
	 * bytes at text_off of tp_texts' buffer text_buf (which may have
	 * spilled them to its file).  rendered is false when the event was
	 * not laid out. */
	bool rendered;
	unsigned text_buf;
	size_t text_off, text_len;
};

#define TP_PARSE_MAX_THREADS TP_POOL_MAX_THREADS

/* Writes one laid-out event's part of the output. */
typedef void tp_render_fn(struct tp_buf *out, const struct tp_layout *l);

/* How to parse, and what to do with each event once laid out. */
struct tp_parse_opts {
	enum tp_print_use use; /* how much of the print fmt to parse */
	const char *pattern;   /* struct names (see tp_naming) */
	struct tp_pool *pool;  /* NULL: on the caller's thread */
	/* When set, called on the thread that laid the event out, to write
	 * its part of the output.  After it, only the names of the event and
	 * of its layout are kept (tp_event_shed(), tp_layout_shed()), and
	 * its source only when a message refers to it. */
	tp_render_fn *render;
	/* About how many bytes render writes for a byte of format file:
	 * each thread's buffer is reserved for its share at once, not grown
	 * by copies into new memory as it fills.  0: grown as it fills. */
	unsigned render_ratio;
};

/* The memory that rendered texts live in, one buffer a thread. */
struct tp_texts {
	struct tp_buf bufs[TP_PARSE_MAX_THREADS];
	int err; /* ENOMEM when some text could not be written */
};

/*
 * How many threads are worth starting for n events: threads (0: one a CPU
 * online), fewer when some would have too little to do.
 */
unsigned tp_parse_threads(size_t n, unsigned threads);

/*
 * Parses tree->refs[idx[i]] and lays it out into out[i], for i < n, on
 * the threads of opts->pool, taking the text tp_tree_check() loaded.
 * Every out[i] is filled in, and each is the caller's to hand to
 * tp_parsed_fini() (after taking what it keeps); texts (with
 * opts->render) to tp_texts_fini().
 */
void tp_parse_events(struct tp_tree *tree, const size_t *idx,
		     size_t n, const struct tp_parse_opts *opts,
		     struct tp_parsed *out, struct tp_texts *texts);

void tp_texts_fini(struct tp_texts *texts);

/* Frees what p still holds: the event and layout unless taken (set to
 * NULL and zeroed), the source and the diagnostics. */
void tp_parsed_fini(struct tp_parsed *p);

#endif
