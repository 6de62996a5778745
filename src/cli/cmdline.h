/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The command line as a source, and usage errors located in it. */
#ifndef TPGEN_CMDLINE_H
#define TPGEN_CMDLINE_H

#include <stdbool.h>

#include "commands.h"
#include "loc.h"

/* Keeps argv's words in their order and makes c->cmdline: "tpgen" and
 * the words after it as a shell takes them.  0 or ENOMEM. */
int tp_cmdline_init(struct tp_cli *c, int argc, char **argv);

/*
 * Where `at` is on the command line: a pointer into one of its words
 * (from there to the word's end), or else an option's spelling ("--json",
 * "-o"), the word that gives it.  False when it is neither.
 */
bool tp_cmdline_locate(const struct tp_cli *c, const char *at,
		       struct tp_loc *loc);

/* tp_usage_error() (commands.h); for run's (run set), a note on where a
 * loader's options go stands in for the pointer to --help, when the
 * words before "--" hold some. */
enum tp_exit tp_run_usage_error(struct tp_cli *c, bool run, const char *at,
				const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
