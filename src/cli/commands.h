/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The commands: each checks its words, then drives the pipeline
 * (pipeline.h) as far as it needs.  cli.c parses the options into
 * struct tp_cli and picks the command.
 */
#ifndef TPGEN_COMMANDS_H
#define TPGEN_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

#include "deps.h"
#include "emit.h"
#include "exit.h"
#include "filter.h"
#include "pipeline.h"
#include "source.h"

/* A --filter: for the events of the selector just before it on the
 * command line, or, given before any, for the others. */
struct tp_cli_filter {
	const char *text;
	const char *selector; /* NULL: before any */
	struct tp_source *src; /* its text, for messages */
	struct tp_filter *tree;
};

/* What the command line asked for, and the pipeline it drives. */
struct tp_cli {
	struct tp_pipeline_opts in; /* --tracefs, --format, --group, ... */
	const char *output;         /* -o */
	const char *templates;      /* --templates */
	const char *depfile;        /* --depfile */
	const char *name;           /* --name: the one event's file names */
	const char *program;        /* --program */
	/* --filter, in the order given; then per event (emit's), which. */
	struct tp_cli_filter *filters;
	size_t nfilters;
	struct tp_emit_filter *event_filters;
	bool json;                  /* --json */
	bool force;                 /* --force */
	bool relocatable;           /* --relocatable */
	char **loader_args;         /* run: what follows "--" */
	size_t nloader_args;
	char **words;               /* the words before "--", in order */
	size_t nwords;
	/* The whole command line as one line, for messages to point into:
	 * argc words of argv, each at word_at[i] in it. */
	struct tp_source *cmdline;
	char **argv;
	int argc;
	size_t *word_at;
	struct tp_pipeline p;
	struct tp_paths outputs;    /* for --depfile: the files written */
};

typedef enum tp_exit tp_command_fn(struct tp_cli *c, char **args,
				   size_t nargs);

tp_command_fn tp_cmd_generate, tp_cmd_list, tp_cmd_dump, tp_cmd_header,
	tp_cmd_run, tp_cmd_capture, tp_cmd_compare;

/*
 * Reports a usage error, with the pointer to --help.  at locates it on
 * the command line: a pointer into one of argv's words (a selector, an
 * option's value), or an option's spelling ("--json", "-o"); NULL when
 * it is about what is missing.
 */
enum tp_exit tp_usage_error(struct tp_cli *c, const char *at,
			    const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
