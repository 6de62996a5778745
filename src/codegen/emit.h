/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Writing an output folder: per event its header, BPF program and loader;
 * once, the Makefile and the code every program and loader shares.
 */
#ifndef TPGEN_EMIT_H
#define TPGEN_EMIT_H

#include <stdbool.h>

#include "deps.h"
#include "diag.h"
#include "filter.h"
#include "layout.h"

struct tp_staged;

struct tp_emit_filter {
	struct tp_filter *tree;
	const struct tp_source *src;
};

struct tp_emit {
	const char *templates; /* --templates DIR, or NULL */
	const char *outdir;
	/* --program NAME: one program and loader for all events, NAME.bpf.c
	 * and NAME.c; NULL: one per event. */
	const char *program;
	unsigned long_size; /* the traced kernel's */
	/* For the banners: the kernel the layouts are from, as
	 * tp_tree_kernel() names it; NULL for none named. */
	const char *kernel;
	struct tp_diags *d;
	/* --filter: per event, in the order of the layouts, the filter
	 * parsed, checked here against the event, and its text, where
	 * messages point; NULL, or a NULL tree: none. */
	const struct tp_emit_filter *filters;
	/* Counted as files are written, or left as they were, or kept as
	 * the user edited them. */
	unsigned written, unchanged, kept;
	/* Replace files in outdir that tpgen did not write, and edited ones
	 * (--force). */
	bool force;
	/* Replace files that are not tpgen's, or tpgen's own edited, but keep
	 * the scaffolds the user edited: the folder is tpgen's (tpgen run's
	 * cache), the programs in it the user's. */
	bool own_folder;
	/* What failed was writing, not the input or the templates. */
	bool system_error;
	/* A file in the way was refused: nothing is written. */
	bool refused;
	/* When set, every file of the output is added to `outputs`, and
	 * every template read from e->templates to `inputs`. */
	struct tp_paths *outputs, *inputs;
	/* The templates read, which diagnostics in d may point into: they
	 * live until tp_emit_fini(), to be called after flushing d. */
	struct tp_source *sources[16];
	size_t nsources;
	/* Files made but not yet in place: all go, or none. */
	struct tp_staged *staged;
	size_t nstaged, staged_cap;
};

/* The longest stem (the start of an event's file names) tpgen writes. */
#define TP_EMIT_STEM_MAX 200u

/* Whether the event's names can become file names and C identifiers;
 * when not, says why to d and returns -1. */
int tp_emit_check(const struct tp_layout *l, struct tp_diags *d);

/* The files tpgen copies into every output folder as they are. */
extern const char *const tp_emit_support_files[];

/*
 * Writes everything for the n laid-out events into e->outdir, which must
 * exist.  Each file is written to a temporary file as it is made, and only
 * when all could be are they renamed into place, so that an error leaves
 * the previous output as it was.
 * Problems are reported to e->d.  Returns 0, or -1 when something was not
 * written.
 */
int tp_emit(struct tp_emit *e, const struct tp_layout *layouts, size_t n);

/* Releases the templates.  Call it after flushing e->d. */
void tp_emit_fini(struct tp_emit *e);

/* Whether an event's group and name can be used in generated code as
 * they are (tracefs allows letters, digits, '_', '-' and '.'). */
bool tp_emit_name_ok(const char *name);

#endif
