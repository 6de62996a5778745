/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture.h"
#include "compare.h"
#include "cli.h"
#include "deps.h"
#include "diag.h"
#include "dump.h"
#include "emit.h"
#include "header.h"
#include "layout.h"
#include "output.h"
#include "parse.h"
#include "reloc.h"
#include "run.h"
#include "select.h"
#include "tree.h"

/* What the command line asked for, shared by every command. */
struct ctx {
	const char *tracefs;     /* --tracefs, or NULL for the live tree */
	const char *output;      /* -o */
	const char *struct_name; /* --struct-name */
	const char *templates;   /* --templates */
	char **formats;          /* --format, repeated */
	size_t nformats;
	const char *group;       /* --group */
	const char *depfile;     /* --depfile */
	const char *name;        /* --name: the one event's file names */
	/* For --depfile: the files read and the files written. */
	struct tp_paths inputs, outputs;
	char **loader_args;      /* run: what follows "--" */
	size_t nloader_args;
	char **words;            /* the words before "--", in their order */
	size_t nwords;
	bool json;
	bool force;              /* --force */
	bool relocatable;        /* --relocatable */
	struct tp_diags diags;
	struct tp_tree *tree;
	struct tp_pool *pool;    /* threads for many events, or NULL */
	/* The selected events that parsed, and their layouts. */
	struct tp_event **events;
	struct tp_layout *layouts;
	size_t n;
	/* header: each event's struct, written as it was laid out */
	struct tp_texts texts;
	/* With header: where each event's text is in texts. */
	struct tp_text { unsigned buf; size_t off, len; } *text;
	bool input_errors;       /* some selected event did not parse */
	bool no_fallback;        /* capture: only the live tracefs will do */
	/* header, dump, compare: the output is one kernel's layout, which
	 * the shipped capture may not stand in for unnamed. */
	bool exact;
	char *kernel;            /* what tp_tree_kernel() says */
};

enum opt_use {
	USE_JSON = 1, USE_OUTPUT = 2, USE_STRUCT_NAME = 4, USE_TEMPLATES = 8,
	USE_FORMAT = 16, USE_DEPFILE = 32, USE_FORCE = 64,
	USE_RELOCATABLE = 128,
};

struct command {
	const char *name;
	const char *args;
	const char *summary;
	enum tp_exit (*run)(struct ctx *ctx, char **args, size_t nargs);
	unsigned options; /* the enum opt_use options it takes */
};

static enum tp_exit cmd_generate(struct ctx *ctx, char **args, size_t nargs);
static enum tp_exit cmd_list(struct ctx *ctx, char **args, size_t nargs);
static enum tp_exit cmd_dump(struct ctx *ctx, char **args, size_t nargs);
static enum tp_exit cmd_header(struct ctx *ctx, char **args, size_t nargs);
static enum tp_exit cmd_run(struct ctx *ctx, char **args, size_t nargs);
static enum tp_exit cmd_capture(struct ctx *ctx, char **args, size_t nargs);
static enum tp_exit cmd_compare(struct ctx *ctx, char **args, size_t nargs);
static enum tp_exit cmd_help(struct ctx *ctx, char **args, size_t nargs);

/* The first entry runs when the first word is not a command's name. */
static const struct command commands[] = {
	{ "", "SELECTOR... -o DIR",
	  "write a struct, BPF program and loader per event, and a Makefile",
	  cmd_generate, USE_OUTPUT | USE_STRUCT_NAME | USE_TEMPLATES |
	  USE_FORMAT | USE_DEPFILE | USE_FORCE },
	{ "list", "[SELECTOR...]",
	  "list events as GROUP/EVENT, sorted (all when no selector)",
	  cmd_list, USE_FORMAT },
	{ "dump", "SELECTOR...",
	  "print the parsed layout of events (--json for tools)",
	  cmd_dump, USE_JSON | USE_STRUCT_NAME | USE_FORMAT },
	{ "header", "SELECTOR... [-o FILE]",
	  "write one header with the structs of all selected events",
	  cmd_header, USE_OUTPUT | USE_STRUCT_NAME | USE_FORMAT | USE_DEPFILE |
	  USE_FORCE | USE_RELOCATABLE },
	{ "run", "SELECTOR [-- OPTIONS]",
	  "generate, build and run the loader of one event",
	  cmd_run, USE_STRUCT_NAME | USE_TEMPLATES | USE_FORMAT },
	{ "capture", "-o PATH",
	  "copy the events tree into a folder or .tar[.gz|.xz] archive",
	  cmd_capture, USE_OUTPUT },
	{ "compare", "KERNEL [SELECTOR...]",
	  "check programs built here against KERNEL, a capture or tracefs",
	  cmd_compare, USE_FORMAT },
	{ "help", "", "show this help", cmd_help, 0 },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	size_t i;

	fputs("Usage: tpgen [OPTIONS] SELECTOR... -o DIR\n"
	      "       tpgen [OPTIONS] COMMAND [SELECTOR...]\n"
	      "\n"
	      "Read Linux tracepoint format files, live from tracefs or "
	      "captured on another\nmachine, and write C structs that match "
	      "each event's record byte for byte.\n"
	      "\nCommands:\n", out);
	for (i = 0; i < NCOMMANDS; i++) {
		char head[40];

		snprintf(head, sizeof(head), "%s%s%s", commands[i].name,
			 *commands[i].name ? " " : "", commands[i].args);
		fprintf(out, "  %-29s %s\n", head, commands[i].summary);
	}
	fputs("\nSelectors:\n"
	      "  GROUP/EVENT or GROUP:EVENT, each part a shell glob (quote "
	      "it from the shell).\n"
	      "  A selector without '/' or ':' matches event names in every "
	      "group;\n"
	      "  'GROUP/' is every event of GROUP; '*' is every event.\n"
	      "  bpftrace's tracepoint:GROUP:EVENT (or t:, tp:) works "
	      "too.\n"
	      "\nOptions:\n"
	      "  -o, --output PATH     where to write: a folder for the "
	      "default command, a\n"
	      "                        file for header ('-' or none: "
	      "standard output)\n"
	      "      --tracefs DIR     read events from DIR: a tracefs root, "
	      "its events/\n"
	      "                        folder, a copy of either or a capture "
	      "(default:\n"
	      "                        the live tracefs, found in "
	      "/proc/mounts)\n"
	      "      --format FILE     read this format file (repeatable) "
	      "instead of a tree;\n"
	      "                        its group from .../GROUP/EVENT/format "
	      "or --group\n"
	      "      --depfile FILE    also write make dependencies: files "
	      "written, files read\n"
	      "      --name NAME       name the one event's files NAME.h, "
	      "NAME.bpf.c, NAME.c\n"
	      "      --force           replace files in the way that tpgen "
	      "did not write,\n"
	      "                        and edited ones (without it, such a "
	      "file stops the\n"
	      "                        run, exit 4; an edited EVENT.bpf.c "
	      "or EVENT.c is kept)\n"
	      "      --templates DIR   use edited copies of the templates "
	      "found in DIR\n"
	      "      --struct-name PATTERN\n"
	      "                        name structs by PATTERN: %e the "
	      "event, %g the group\n"
	      "                        (default '%e_tp', or '%g_%e_tp' "
	      "when groups share\n"
	      "                        the event's name)\n"
	      "      --relocatable     header: add, per event, the struct "
	      "your own BPF\n"
	      "                        program reads its fields by name "
	      "through (CO-RE),\n"
	      "                        and the table your loader gives "
	      "tpgen_reloc.h\n"
	      "  -j, --json            dump: one JSON array of events, for "
	      "tools\n"
	      "  -h, --help            show this help and exit\n"
	      "  -V, --version         show the version and exit\n"
	      "\nExamples:\n"
	      "  tpgen xdp/xdp_exception -o out/        struct, program, "
	      "loader; make -C out\n"
	      "  tpgen run sched/sched_switch -- -c 5   build and run a "
	      "loader\n"
	      "  tpgen header 'sched/*' -o sched.h      one header for the "
	      "sched group\n"
	      "  tpgen list '*/sys_enter_open*'         the open family of "
	      "syscalls\n"
	      "  tpgen dump xdp/xdp_exception           offsets, sizes and "
	      "kinds of one event\n"
	      "  tpgen dump --json '*' | jq length      every event, as "
	      "JSON\n"
	      "  tpgen capture -o box.tar.xz            copy this machine's "
	      "events...\n"
	      "  tpgen --tracefs box.tar.xz '*' -o out/ ...and generate for "
	      "it elsewhere\n"
	      "  tpgen compare rt-box.tar.xz 'sched/*'  would loaders built "
	      "here run there?\n"
	      "\nExit status: 0 success; 1 a format file had errors; 2 usage "
	      "error;\n"
	      "3 a selector matched nothing; 4 no tracefs, a system error, "
	      "or a file\n"
	      "tpgen did not write, or an edited one of its own, in the way "
	      "(see --force);\n5 compare: a loader would refuse to start on "
	      "the other kernel.\n"
	      "\nSee tpgen(1) for the naming rules, the JSON format and the "
	      "details.\n", out);
}

static void vusage_error(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

static void vusage_error(const char *fmt, va_list ap)
{
	fputs("tpgen: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

static enum tp_exit usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static enum tp_exit usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vusage_error(fmt, ap);
	va_end(ap);
	fputs("Try 'tpgen --help'.\n", stderr);
	return TP_EXIT_USAGE;
}

/*
 * The options of the loaders (runtime/tpgen_loader.h; tests/e2e/cli.sh
 * checks that each is here).  Given to run before "--", they were meant
 * for the loader; but for --tracefs, which is tpgen's own too (no name).
 */
static const struct loader_option {
	char key;
	const char *name;
	bool arg;
} loader_options[] = {
	{ 'p', "pid", true }, { 't', "tid", true }, { 'c', "count", true },
	{ 'd', "duration", true }, { 'j', "json", false },
	{ 'f', "fields", false }, { 'a', "attach", true },
	{ 'b', "ringbuf-size", true }, { 'v', "verbose", false },
	{ 'C', "check", false }, { 'T', NULL, true },
};

#define NLOADER_OPTIONS (sizeof(loader_options) / sizeof(loader_options[0]))

/* How many of the words from words[i] are a loader's option: 0, 1, or 2
 * when its argument is the next word. */
static size_t loader_words(char *const *words, size_t n, size_t i)
{
	const char *w = words[i];
	size_t k, len;

	if (w[0] != '-' || !w[1])
		return 0;
	for (k = 0; k < NLOADER_OPTIONS; k++) {
		const struct loader_option *o = &loader_options[k];

		len = o->name ? strlen(o->name) : 0;
		if (o->name && w[1] == '-' &&
		    strncmp(w + 2, o->name, len) == 0 &&
		    (!w[len + 2] || w[len + 2] == '='))
			return 1 + (o->arg && !w[len + 2] && i + 1 < n);
		if (w[1] == o->key)
			return 1 + (o->arg && !w[2] && i + 1 < n);
	}
	return 0;
}

/* w as a word for a shell: as it is, or in single quotes. */
static void put_shell_word(const char *w, FILE *out)
{
	fputc(' ', out);
	if (*w && strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789_-+=.,:/@%") == strlen(w)) {
		fputs(w, out);
		return;
	}
	fputc('\'', out);
	for (; *w; w++) {
		if (*w == '\'')
			fputs("'\\''", out);
		else
			fputc(*w, out);
	}
	fputc('\'', out);
}

/*
 * When the words before "--" hold a loader's options, a note says where
 * they go, with the command that puts them there: tpgen's words in their
 * order, "--", the loader's, then those already after "--".  Returns
 * whether there was one.
 */
static bool loader_options_note(const struct ctx *ctx)
{
	size_t i, j, k, round;

	for (i = 0; i < ctx->nwords; i++)
		if (loader_words(ctx->words, ctx->nwords, i))
			break;
	if (i == ctx->nwords)
		return false;
	fputs("tpgen: note: loader options go after '--': tpgen", stderr);
	for (round = 0; round < 2; round++) {
		for (i = 0; i < ctx->nwords; i += k ? k : 1) {
			k = loader_words(ctx->words, ctx->nwords, i);
			/* tpgen's words, then the loader's. */
			for (j = i; round == (k > 0) && j < i + (k ? k : 1); j++)
				put_shell_word(ctx->words[j], stderr);
		}
		if (!round)
			fputs(" --", stderr);
	}
	for (i = 0; i < ctx->nloader_args; i++)
		put_shell_word(ctx->loader_args[i], stderr);
	fputc('\n', stderr);
	return true;
}

/* A usage error; for run's, a note on where a loader's options go stands
 * in for the pointer to --help, when there are some. */
static enum tp_exit run_usage_error(const struct ctx *ctx, bool run,
				    const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum tp_exit run_usage_error(const struct ctx *ctx, bool run,
				    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vusage_error(fmt, ap);
	va_end(ap);
	if (!run || !loader_options_note(ctx))
		fputs("Try 'tpgen --help'.\n", stderr);
	return TP_EXIT_USAGE;
}

static enum tp_exit system_error(const char *what, int err)
{
	fprintf(stderr, "tpgen: error: %s: %s\n", what, strerror(err));
	return TP_EXIT_SYSTEM;
}

/* Prints what was queued; true when errors were among it. */
static bool flush(struct ctx *ctx)
{
	return tp_diags_flush(&ctx->diags, stderr) > 0;
}

/* The capture shipped with tpgen: $TPGEN_CAPTURE (empty: none), else
 * installed, else beside the binary in the build tree.  NULL when there
 * is none. */
static char *shipped_capture(void)
{
	const char *env = getenv("TPGEN_CAPTURE");
	char self[4096], *slash, *path;
	ssize_t len;

	if (env)
		return *env ? strdup(env) : NULL;
	if (access(PKGDATADIR "/capture.tar.xz", R_OK) == 0)
		return strdup(PKGDATADIR "/capture.tar.xz");
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len <= 0)
		return NULL;
	self[len] = '\0';
	slash = strrchr(self, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	if (asprintf(&path, "%s/examples/capture.tar.xz", self) < 0)
		return NULL;
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	return NULL;
}

/* Says that the capture shipped with tpgen stands in for the live tracefs,
 * or, for exact output, that it may not. */
static void fallback_said(struct ctx *ctx, const char *capture)
{
	const struct tp_manifest *m = &ctx->tree->manifest;
	const char *release = m->kernel_release ? m->kernel_release : "?";
	const char *machine = m->machine ? m->machine : "?";

	if (!ctx->exact) {
		tp_note(&ctx->diags, NULL, NULL, "no live tracefs here: "
			"reading the capture shipped with tpgen (Linux %s, %s) "
			"from %s", release, machine, capture);
		return;
	}
	tp_error(&ctx->diags, NULL, NULL, "no live tracefs here: not laying "
		 "out structs as the capture shipped with tpgen has them "
		 "(Linux %s, %s), which this kernel may not match", release,
		 machine);
	tp_note(&ctx->diags, NULL, NULL, "mount it (mount -t tracefs nodev "
		"/sys/kernel/tracing), or name a capture of the kernel the "
		"structs are for: --tracefs %s", capture);
}

/*
 * Opens the tree: --format files, --tracefs, or the live tracefs.  Without
 * a live tracefs, the capture shipped with tpgen stands in, and a note
 * says so; not for output laid out as one kernel has it (ctx->exact),
 * which would be another kernel's.
 */
static enum tp_exit open_tree(struct ctx *ctx)
{
	struct tp_diags live;
	char *capture;
	int err;

	if (ctx->nformats)
		err = tp_tree_from_files(ctx->formats, ctx->nformats,
					 ctx->group, &ctx->tree, &ctx->diags);
	else if (ctx->tracefs || ctx->no_fallback)
		err = tp_tree_open(ctx->tracefs, &ctx->tree, &ctx->diags);
	else {
		tp_diags_init(&live);
		err = tp_tree_open(NULL, &ctx->tree, &live);
		capture = err == ENOENT ? shipped_capture() : NULL;
		if (capture) {
			tp_diags_fini(&live);
			err = tp_tree_open(capture, &ctx->tree, &ctx->diags);
			if (!err)
				fallback_said(ctx, capture);
			if (!err && ctx->exact)
				err = ENOENT;
			free(capture);
		} else {
			tp_diags_flush(&live, stderr);
			tp_diags_fini(&live);
		}
	}
	if (!err) {
		ctx->kernel = tp_tree_kernel(ctx->tree);
		if (!ctx->kernel) {
			tp_error(&ctx->diags, NULL, NULL, "out of memory");
			err = ENOMEM;
		}
	}
	/* A bad header_page is an input error, but events can still be
	 * read with this host's sizes. */
	ctx->input_errors |= flush(ctx);
	return err ? TP_EXIT_SYSTEM : TP_EXIT_OK;
}

/* TPGEN_THREADS: how many threads look at and parse format files (0 or
 * unset: one a CPU online). */
static unsigned parse_threads(void)
{
	const char *env = getenv("TPGEN_THREADS");
	char *end;
	unsigned long v;

	if (!env || !*env)
		return 0;
	v = strtoul(env, &end, 10);
	return *end || v > 1024 ? 0 : (unsigned)v;
}

/* Starts the threads for n events, if they are worth it, before their
 * format files are looked at: a thread that is slow to start then holds
 * up that, not the parse. */
static void start_pool(struct ctx *ctx, size_t n)
{
	if (!ctx->pool)
		ctx->pool = tp_pool_new(tp_parse_threads(n, parse_threads()));
}

/* Opens the tree and picks the events the selectors name (every event
 * when there are none); with load, reads their format files for a parse
 * to follow. */
static enum tp_exit select_events(struct ctx *ctx, char **sel, size_t nsel,
				  bool load, size_t **idx, size_t *n)
{
	static char every[] = "*";
	char *all[] = { every };
	struct tp_diags first;
	long dropped = 0;
	enum tp_exit rc;
	int err;

	rc = open_tree(ctx);
	if (rc)
		return rc;
	if (nsel == 0) {
		sel = all;
		nsel = 1;
	}
	/* Only the format files of the events picked are looked at, or
	 * when a selector matches nothing, all of them, so that no event
	 * without one is suggested.  When one is not there to be read, the
	 * selectors are matched again without it, and only the second
	 * match's messages are kept. */
	tp_diags_init(&first);
	err = tp_select(ctx->tree, sel, nsel, idx, n, &first);
	if (!err || err == ENOENT) {
		start_pool(ctx, err ? ctx->tree->nrefs : *n);
		dropped = tp_tree_check(ctx->tree, err ? NULL : *idx,
					err ? 0 : *n, load && !err, ctx->pool,
					&ctx->diags);
	}
	if (dropped) {
		free(*idx);
		*idx = NULL;
		*n = 0;
		tp_diags_fini(&first);
		tp_diags_init(&first);
	}
	if (dropped > 0)
		err = tp_select(ctx->tree, sel, nsel, idx, n, &first);
	flush(ctx);
	tp_diags_flush(&first, stderr);
	tp_diags_fini(&first);
	if (dropped < 0)
		return dropped == -ENOMEM ?
		       system_error("selecting events", ENOMEM) :
		       TP_EXIT_SYSTEM;
	if (err == ENOMEM)
		return system_error("selecting events", err);
	return err ? TP_EXIT_NOMATCH : TP_EXIT_OK;
}

/* Names of what an output folder holds besides each event's files. */
static bool reserved_stem(const char *stem)
{
	static const char *const names[] = {
		"tpgen_record", "tpgen_loader", "tpgen", "all", "clean",
		"Makefile",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(stem, names[i]) == 0)
			return true;
	return false;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether any two layouts share a struct tag or a file stem: sorted, so
 * that tens of thousands of events are not compared pair by pair.  Out of
 * memory says yes, and the pairwise check then decides. */
static bool names_repeat(const struct ctx *ctx)
{
	char **v = malloc((ctx->n + 1) * sizeof(*v));
	bool repeat = !v;
	size_t i, round;

	for (round = 0; v && round < 2 && !repeat; round++) {
		for (i = 0; i < ctx->n; i++)
			v[i] = round ? ctx->layouts[i].stem :
				       ctx->layouts[i].tag;
		qsort(v, ctx->n, sizeof(*v), cmp_names);
		for (i = 1; i < ctx->n && !repeat; i++)
			repeat = strcmp(v[i - 1], v[i]) == 0;
	}
	free(v);
	return repeat;
}

/* Two events must not give one name to two structs or files, and no
 * event may take a name the folder's shared files or Makefile use. */
static bool names_clash(const struct ctx *ctx)
{
	bool clash = false, repeat = names_repeat(ctx);
	size_t i, j;

	for (i = 0; i < ctx->n; i++) {
		const struct tp_layout *a = &ctx->layouts[i];

		if (reserved_stem(a->stem)) {
			fprintf(stderr, "tpgen: error: %s/%s would be written "
				"as '%s', a name the output folder needs for "
				"itself\n", a->ev->group, a->ev->name, a->stem);
			clash = true;
		}
		/* Which pairs, in order, only when there are some. */
		for (j = i + 1; repeat && j < ctx->n; j++) {
			const struct tp_layout *b = &ctx->layouts[j];
			const char *what = strcmp(a->tag, b->tag) == 0 ?
					   "struct" :
					   strcmp(a->stem, b->stem) == 0 ?
					   "file name" : NULL;

			if (!what)
				continue;
			fprintf(stderr, "tpgen: error: %s/%s and %s/%s would "
				"have the same %s '%s'\n", a->ev->group,
				a->ev->name, b->ev->group, b->ev->name, what,
				what[0] == 's' ? a->tag : a->stem);
			clash = true;
		}
	}
	if (clash)
		fputs("tpgen: note: name one event's files with --name, its "
		      "struct with --struct-name, or select fewer events\n",
		      stderr);
	return clash;
}

/*
 * Selects, parses and lays out events into ctx->events and ctx->layouts,
 * their print fmts parsed as far as `use` needs.  With render, also each
 * one's text, into ctx->text.  An event that does not parse is reported
 * and left out.
 */
static enum tp_exit load_events(struct ctx *ctx, char **sel, size_t nsel,
				enum tp_print_use use, tp_render_fn *render)
{
	struct tp_parse_opts opts = {
		.use = use, .pattern = ctx->struct_name,
		.render = render,
		.render_ratio = render ? TP_HEADER_PER_INPUT_BYTE : 0,
	};
	struct tp_parsed *parsed = NULL;
	enum tp_exit rc;
	size_t *idx, n, i;
	int err = 0;

	rc = select_events(ctx, sel, nsel, true, &idx, &n);
	if (rc)
		return rc;
	/* Started for the selection. */
	opts.pool = ctx->pool;
	ctx->events = calloc(n ? n : 1, sizeof(*ctx->events));
	ctx->layouts = calloc(n ? n : 1, sizeof(*ctx->layouts));
	ctx->text = calloc(n ? n : 1, sizeof(*ctx->text));
	parsed = calloc(n ? n : 1, sizeof(*parsed));
	if (!ctx->events || !ctx->layouts || !ctx->text || !parsed) {
		free(parsed);
		free(idx);
		return system_error("laying out events", ENOMEM);
	}
	/* In parallel; then taken in the selection's order, which is the
	 * order of the messages and of the output. */
	tp_parse_events(ctx->tree, idx, n, &opts, parsed, &ctx->texts);
	err = render ? ctx->texts.err : 0;
	ctx->input_errors |= flush(ctx);
	for (i = 0; i < n; i++) {
		struct tp_parsed *p = &parsed[i];
		const struct tp_event_ref *ref = &ctx->tree->refs[idx[i]];

		if (err) {
			tp_parsed_fini(p);
			continue;
		}
		/* Only a depfile lists them. */
		if (ctx->depfile &&
		    tp_paths_add(&ctx->inputs, ref->data ? ctx->tree->events
							 : ref->path))
			err = ENOMEM;
		ctx->input_errors |= tp_diags_flush(&p->diags, stderr) > 0;
		if (p->ev && p->err)
			err = p->err;
		if (p->ev && !err) {
			ctx->text[ctx->n].buf = p->text_buf;
			ctx->text[ctx->n].off = p->text_off;
			ctx->text[ctx->n].len = p->text_len;
			ctx->events[ctx->n] = p->ev;
			ctx->layouts[ctx->n++] = p->layout;
			p->ev = NULL;
		}
		tp_parsed_fini(p);
	}
	free(parsed);
	free(idx);
	/* header_page sized the longs. */
	if (!err && ctx->depfile && ctx->tree->header_src &&
	    tp_paths_add(&ctx->inputs, ctx->tree->archive ? ctx->tree->events :
			 ctx->tree->header_src->name))
		err = ENOMEM;
	if (err)
		return system_error("laying out events", err);
	return names_clash(ctx) ? TP_EXIT_INPUT : TP_EXIT_OK;
}

/* The exit status once everything selected has been handled. */
static enum tp_exit finish(const struct ctx *ctx)
{
	if (fflush(stdout) != 0)
		return system_error("standard output", errno);
	return ctx->input_errors ? TP_EXIT_INPUT : TP_EXIT_OK;
}

/* What b holds, as a string of *len bytes that the caller frees; NULL
 * when out of memory. */
static char *buf_take(struct tp_buf *b, size_t *len)
{
	if (b->failed) {
		tp_buf_fini(b);
		return NULL;
	}
	*len = b->len;
	return b->data;
}

/* Writes a header of the events' texts to path ("-": standard output):
 * the texts joined, between the header's beginning and end.  A text
 * the render spilled to a file is read from there, a block at a time. */
static int write_header(const char *path, const char *kernel,
			const struct tp_texts *bufs,
			const struct tp_text *texts, size_t n)
{
	struct tp_buf head = { 0 }, tail = { 0 };
	char *begin = NULL, *end = NULL, *guard;
	struct tp_piece *v = calloc(2 * n + 2, sizeof(*v));
	size_t i, nv = 1, len = 0, end_len = 0;
	uint64_t digest;
	int err = 0;

	guard = tp_header_guard(strcmp(path, "-") ? path : "tracepoints.h");
	if (guard && v) {
		tp_header_begin(&head, guard, kernel);
		begin = buf_take(&head, &len);
		v[0] = tp_output_piece(begin, len);
		tp_header_end(&tail, guard);
		end = buf_take(&tail, &end_len);
	}
	if (!begin || !end)
		err = ENOMEM;
	for (i = 0; !err && i < n; i++)
		nv += tp_output_buf_pieces(&bufs->bufs[texts[i].buf],
					   texts[i].off, texts[i].len,
					   &v[nv]);
	if (!err) {
		v[nv++] = tp_output_piece(end, end_len);
		if (tp_output_seal(v, nv, &digest) < 0)
			err = ENOMEM;
	}
	if (!err && strcmp(path, "-") == 0)
		err = fflush(stdout) ? errno :
		      tp_output_write(STDOUT_FILENO, v, nv);
	else if (!err)
		err = tp_output_filev(path, v, nv, NULL);
	free(v);
	free(begin);
	free(end);
	free(guard);
	return err;
}

/* Leaves out, with an error, the events whose names cannot become file
 * names or C identifiers: the others are still written. */
static void drop_unwritable(struct ctx *ctx)
{
	size_t i, kept = 0;

	for (i = 0; i < ctx->n; i++) {
		if (tp_emit_check(&ctx->layouts[i], &ctx->diags)) {
			tp_layout_fini(&ctx->layouts[i]);
			tp_event_free(ctx->events[i]);
			ctx->input_errors = true;
			continue;
		}
		ctx->layouts[kept] = ctx->layouts[i];
		ctx->events[kept++] = ctx->events[i];
	}
	ctx->n = kept;
	flush(ctx);
}

static enum tp_exit cmd_generate(struct ctx *ctx, char **args, size_t nargs)
{
	struct tp_emit emit = { .d = &ctx->diags };
	enum tp_exit rc;
	int err;

	if (!ctx->output && nargs && !strpbrk(args[0], "/:*?["))
		return usage_error("unknown command '%s' (to write code for "
				   "events called so, add '-o DIR')", args[0]);
	if (!ctx->output)
		return usage_error("where to? add '-o DIR' (or use the "
				   "'header' command)");
	if (!nargs && !ctx->nformats)
		return usage_error("no selector ('*' for every event)");
	rc = load_events(ctx, args, nargs, TP_PRINT_CODE, NULL);
	if (rc)
		return rc;
	/* Nothing to write for: not even the shared files. */
	if (!ctx->n)
		return finish(ctx);
	if (ctx->name) {
		if (ctx->n != 1)
			return usage_error("--name names one event's files; "
					   "the selectors chose %zu", ctx->n);
		free(ctx->layouts[0].stem);
		ctx->layouts[0].stem = strdup(ctx->name);
		if (!ctx->layouts[0].stem)
			return system_error("--name", ENOMEM);
		if (names_clash(ctx))
			return TP_EXIT_USAGE;
	}
	drop_unwritable(ctx);
	if (!ctx->n)
		return finish(ctx);
	err = tp_output_mkdirs(ctx->output);
	if (err)
		return system_error(ctx->output, err);
	emit.templates = ctx->templates;
	emit.outdir = ctx->output;
	emit.force = ctx->force;
	emit.long_size = ctx->tree->target.long_size;
	emit.kernel = ctx->kernel;
	emit.inputs = &ctx->inputs;
	emit.outputs = &ctx->outputs;
	err = tp_emit(&emit, ctx->layouts, ctx->n);
	if (!err && ctx->depfile &&
	    tp_deps_write(ctx->depfile, &ctx->outputs, &ctx->inputs,
			  &ctx->diags))
		emit.system_error = true;
	err |= flush(ctx);
	tp_emit_fini(&emit);
	if (emit.system_error)
		return TP_EXIT_SYSTEM;
	if (err)
		return TP_EXIT_INPUT;
	printf("tpgen: %zu event%s in %s: %u file%s written, %u unchanged",
	       ctx->n, ctx->n == 1 ? "" : "s", ctx->output, emit.written,
	       emit.written == 1 ? "" : "s", emit.unchanged);
	if (emit.kept)
		printf(", %u kept (edited)", emit.kept);
	printf("; build with 'make -C %s'\n", ctx->output);
	return finish(ctx);
}

static enum tp_exit cmd_run(struct ctx *ctx, char **args, size_t nargs)
{
	struct tp_emit emit = { .d = &ctx->diags };
	enum tp_exit rc;
	char **argv, *path;
	size_t i;

	if (nargs > 1 || (!nargs && !ctx->nformats))
		return usage_error("run takes one selector (loader options "
				   "go after '--')");
	rc = load_events(ctx, args, nargs, TP_PRINT_CODE, NULL);
	if (rc)
		return rc;
	if (ctx->n != 1) {
		fprintf(stderr, "tpgen: error: %s%s%s match%s %zu events; run "
			"takes one\n", nargs ? "'" : "", nargs ? args[0] :
			"the --format files", nargs ? "'" : "",
			nargs ? "es" : "", ctx->n);
		return ctx->n ? TP_EXIT_USAGE : TP_EXIT_INPUT;
	}
	if (!tp_run_tools_ok(&ctx->diags)) {
		flush(ctx);
		return TP_EXIT_SYSTEM;
	}
	emit.templates = ctx->templates;
	emit.long_size = ctx->tree->target.long_size;
	emit.kernel = ctx->kernel;
	emit.outdir = tp_run_cache_dir(ctx->layouts[0].stem, &ctx->diags);
	/* The cache is tpgen's own; what the user edited there is theirs,
	 * and is built as edited. */
	emit.own_folder = true;
	if (!emit.outdir || tp_emit(&emit, ctx->layouts, 1) || flush(ctx) ||
	    tp_run_make(emit.outdir, &ctx->diags)) {
		flush(ctx);
		tp_emit_fini(&emit);
		free((char *)(uintptr_t)emit.outdir);
		return TP_EXIT_SYSTEM;
	}
	tp_emit_fini(&emit);
	if (asprintf(&path, "%s/%s", emit.outdir, ctx->layouts[0].stem) < 0)
		return system_error("run", ENOMEM);
	free((char *)(uintptr_t)emit.outdir);
	argv = calloc(ctx->nloader_args + 2, sizeof(*argv));
	if (!argv)
		return system_error("run", ENOMEM);
	argv[0] = path;
	for (i = 0; i < ctx->nloader_args; i++)
		argv[i + 1] = ctx->loader_args[i];
	fflush(stdout);
	execv(path, argv);
	rc = system_error(path, errno);
	free(argv);
	free(path);
	return rc;
}

static enum tp_exit cmd_capture(struct ctx *ctx, char **args, size_t nargs)
{
	enum tp_exit rc;
	int err;

	(void)args;
	if (nargs)
		return usage_error("capture takes no selector: it copies the "
				   "whole tree");
	if (!ctx->output)
		return usage_error("capture needs '-o PATH': a folder, or a "
				   ".tar, .tar.gz or .tar.xz file");
	/* A capture of the shipped capture is no capture of this machine. */
	ctx->no_fallback = true;
	rc = open_tree(ctx);
	if (rc)
		return rc;
	/* Every event is copied: every format file is looked at. */
	start_pool(ctx, ctx->tree->nrefs);
	if (tp_tree_check(ctx->tree, NULL, 0, false, ctx->pool,
			  &ctx->diags) < 0) {
		flush(ctx);
		return TP_EXIT_SYSTEM;
	}
	err = tp_capture_write(ctx->tree, ctx->output, &ctx->diags);
	if (flush(ctx) || err)
		return TP_EXIT_SYSTEM;
	if (ctx->tracefs)
		printf("tpgen: %zu events from %s written to %s\n",
		       ctx->tree->nrefs, ctx->tracefs, ctx->output);
	else
		printf("tpgen: %zu events of this machine written to %s\n",
		       ctx->tree->nrefs, ctx->output);
	return finish(ctx);
}

static enum tp_exit cmd_header(struct ctx *ctx, char **args, size_t nargs)
{
	const char *path = ctx->output ? ctx->output : "-", *why;
	enum tp_exit rc;
	int err;

	if (!nargs && !ctx->nformats)
		return usage_error("header needs at least one selector ('*' "
				   "for every event)");
	if (ctx->depfile && !strcmp(path, "-"))
		return usage_error("--depfile needs '-o FILE'");
	/* A relocatable header may come from the shipped capture, with
	 * the note that says so: its loaders check the running kernel. */
	ctx->exact = !ctx->relocatable;
	rc = load_events(ctx, args, nargs, TP_PRINT_SYMBOLS,
			 ctx->relocatable ? tp_reloc_header_event :
			 tp_header_event);
	if (rc)
		return rc;
	why = ctx->force || !strcmp(path, "-") ? NULL :
	      tp_output_refusal(tp_output_state(path, NULL));
	if (why) {
		fprintf(stderr, "tpgen: error: %s %s: not replacing it "
			"(--force does)\n", path, why);
		flush(ctx);
		return TP_EXIT_SYSTEM;
	}
	err = write_header(path, ctx->kernel, &ctx->texts, ctx->text,
			   ctx->n);
	if (err)
		return system_error(path, err);
	if (ctx->depfile &&
	    (tp_paths_add(&ctx->outputs, path) ||
	     tp_deps_write(ctx->depfile, &ctx->outputs, &ctx->inputs,
			   &ctx->diags))) {
		flush(ctx);
		return TP_EXIT_SYSTEM;
	}
	return finish(ctx);
}

static enum tp_exit cmd_list(struct ctx *ctx, char **args, size_t nargs)
{
	enum tp_exit rc;
	size_t *idx, n, i;

	rc = select_events(ctx, args, nargs, false, &idx, &n);
	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		const struct tp_event_ref *r = &ctx->tree->refs[idx[i]];

		printf("%s/%s\n", r->group, r->name);
	}
	free(idx);
	return finish(ctx);
}

static const char *const verdicts[] = {
	[TP_SAME] = "the same", [TP_FOLLOWED] = "followed",
	[TP_REFUSED] = "refused", [TP_GONE] = "gone (no such event)",
};

/* Compares each laid-out event with `to`'s layout: a paragraph for each
 * that differs, then the counts.  Returns how many would be refused, or
 * -1 after reporting. */
static long compare_events(struct ctx *ctx, const struct tp_tree *to,
			   const char *to_path)
{
	size_t counts[TP_GONE + 1] = { 0 }, i;
	struct tp_buf b = { 0 };
	enum tp_verdict v;
	int err = 0;

	for (i = 0; !err && i < ctx->n; i++) {
		const struct tp_event *ev = ctx->layouts[i].ev;

		b.len = 0;
		err = tp_compare_event(&b, &ctx->layouts[i], to, &v);
		if (!err && b.failed)
			err = ENOMEM;
		if (err)
			break;
		counts[v]++;
		if (v != TP_SAME)
			printf("%s/%s: %s\n%.*s", ev->group, ev->name,
			       verdicts[v], (int)b.len, b.data ? b.data : "");
	}
	tp_buf_fini(&b);
	if (err) {
		system_error(to_path, err);
		return -1;
	}
	printf("%zu event%s: %zu the same, %zu followed, %zu refused, %zu "
	       "gone\n", ctx->n, ctx->n == 1 ? "" : "s", counts[TP_SAME],
	       counts[TP_FOLLOWED],
	       counts[TP_REFUSED], counts[TP_GONE]);
	return (long)(counts[TP_REFUSED] + counts[TP_GONE]);
}

static enum tp_exit cmd_compare(struct ctx *ctx, char **args, size_t nargs)
{
	struct tp_tree *to = NULL;
	char *to_kernel = NULL;
	enum tp_exit rc;
	long refused;

	if (!nargs)
		return usage_error("compare needs the kernel to compare with: "
				   "a capture or a tracefs");
	ctx->exact = true;
	rc = load_events(ctx, args + 1, nargs - 1, TP_PRINT_CODE, NULL);
	if (rc)
		return rc;
	if (tp_tree_open(args[0], &to, &ctx->diags)) {
		flush(ctx);
		return TP_EXIT_SYSTEM;
	}
	flush(ctx);
	to_kernel = tp_tree_kernel(to);
	if (!to_kernel) {
		tp_tree_free(to);
		return system_error("comparing", ENOMEM);
	}
	printf("Built from: %s\nLoaded on:  %s, read from %s\n", ctx->kernel,
	       to_kernel, args[0]);
	refused = compare_events(ctx, to, args[0]);
	free(to_kernel);
	tp_tree_free(to);
	if (refused < 0)
		return TP_EXIT_SYSTEM;
	rc = finish(ctx);
	return rc ? rc : refused ? TP_EXIT_REFUSED : TP_EXIT_OK;
}

static enum tp_exit cmd_dump(struct ctx *ctx, char **args, size_t nargs)
{
	enum tp_exit rc;
	size_t i;

	if (!nargs && !ctx->nformats)
		return usage_error("dump needs at least one selector ('*' for "
				   "every event)");
	ctx->exact = true;
	rc = load_events(ctx, args, nargs, TP_PRINT_DUMP, NULL);
	if (rc)
		return rc;
	if (ctx->json) {
		if (tp_dump_json(stdout, ctx->layouts, ctx->n))
			return system_error("writing the JSON dump", EIO);
		return finish(ctx);
	}
	for (i = 0; i < ctx->n; i++) {
		if (i)
			putchar('\n');
		if (tp_dump_text(stdout, ctx->events[i]))
			return system_error("standard output", EIO);
	}
	return finish(ctx);
}

static enum tp_exit cmd_help(struct ctx *ctx, char **args, size_t nargs)
{
	(void)args;
	(void)nargs;
	usage(stdout);
	return finish(ctx);
}

static bool is_directory(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static const struct command *find_command(const char *word)
{
	size_t i;

	for (i = 1; i < NCOMMANDS; i++)
		if (strcmp(word, commands[i].name) == 0)
			return &commands[i];
	return &commands[0];
}

/* Options given to a command that has no use for them are errors. */
static enum tp_exit check_options(const struct ctx *ctx,
				  const struct command *cmd)
{
	const char *name = *cmd->name ? cmd->name : "this command";

	if (ctx->json && !(cmd->options & USE_JSON))
		return usage_error("--json does not apply to %s", name);
	if (ctx->output && !(cmd->options & USE_OUTPUT))
		return usage_error("-o does not apply to %s", name);
	if (ctx->struct_name && !(cmd->options & USE_STRUCT_NAME))
		return usage_error("--struct-name does not apply to %s", name);
	if (ctx->templates && !(cmd->options & USE_TEMPLATES))
		return usage_error("--templates does not apply to %s", name);
	if (ctx->nformats && !(cmd->options & USE_FORMAT))
		return usage_error("--format does not apply to %s", name);
	if (ctx->nformats && ctx->tracefs)
		return usage_error("--format and --tracefs do not go "
				   "together");
	if (ctx->group && !ctx->nformats)
		return usage_error("--group only comes with --format");
	if (ctx->depfile && !(cmd->options & USE_DEPFILE))
		return usage_error("--depfile does not apply to %s", name);
	if (ctx->force && !(cmd->options & USE_FORCE))
		return usage_error("--force does not apply to %s", name);
	if (ctx->relocatable && !(cmd->options & USE_RELOCATABLE))
		return usage_error("--relocatable does not apply to %s", name);
	if (ctx->name && cmd->run != cmd_generate)
		return usage_error("--name does not apply to %s", name);
	if (ctx->name && (!*ctx->name || strspn(ctx->name,
			  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			  "0123456789_") != strlen(ctx->name) ||
			  (*ctx->name >= '0' && *ctx->name <= '9')))
		return usage_error("--name '%s' is not a C identifier",
				   ctx->name);
	if (ctx->output && !*ctx->output)
		return usage_error("-o needs a path");
	if (ctx->templates && !is_directory(ctx->templates))
		return usage_error("--templates %s: no such folder",
				   ctx->templates);
	return TP_EXIT_OK;
}

static void ctx_fini(struct ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->n; i++) {
		tp_layout_fini(&ctx->layouts[i]);
		tp_event_free(ctx->events[i]);
	}
	free(ctx->layouts);
	free(ctx->events);
	free(ctx->text);
	tp_texts_fini(&ctx->texts);
	free(ctx->formats);
	free(ctx->words);
	tp_paths_fini(&ctx->inputs);
	tp_paths_fini(&ctx->outputs);
	tp_diags_fini(&ctx->diags);
	tp_pool_free(ctx->pool);
	tp_tree_free(ctx->tree);
	free(ctx->kernel);
}

enum tp_exit tp_cli_main(int argc, char **argv, const char *allocator)
{
	enum {
		OPT_STRUCT_NAME = 256, OPT_TEMPLATES, OPT_FORMAT, OPT_GROUP,
		OPT_DEPFILE, OPT_NAME, OPT_FORCE, OPT_TRACEFS, OPT_RELOCATABLE,
	};
	/* No -t: the loaders' -t is --tid, and "tpgen run EVENT -t 42"
	 * must not read events from a folder called 42. */
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "tracefs", required_argument, NULL, OPT_TRACEFS },
		{ "struct-name", required_argument, NULL, OPT_STRUCT_NAME },
		{ "templates", required_argument, NULL, OPT_TEMPLATES },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "group", required_argument, NULL, OPT_GROUP },
		{ "depfile", required_argument, NULL, OPT_DEPFILE },
		{ "name", required_argument, NULL, OPT_NAME },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "relocatable", no_argument, NULL, OPT_RELOCATABLE },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct ctx ctx = { 0 };
	const struct command *cmd;
	char **formats;
	char **args;
	size_t nargs;
	enum tp_exit rc;
	/* The first option that is wrong: its letter, or when it is a long
	 * option 0, and its word. */
	struct { int key; const char *word; bool missing; } bad = { 0 };
	char key[3] = "-";
	int c;

	/* What follows "--" is the loader's, for run. */
	for (c = 1; c < argc; c++) {
		if (strcmp(argv[c], "--") == 0) {
			ctx.loader_args = argv + c + 1;
			ctx.nloader_args = (size_t)(argc - c - 1);
			argc = c;
			break;
		}
	}
	tp_diags_init(&ctx.diags);
	/* getopt_long() reorders argv: the words as given are kept for
	 * messages that show them. */
	ctx.nwords = (size_t)(argc - 1);
	ctx.words = malloc((ctx.nwords + 1) * sizeof(*ctx.words));
	if (!ctx.words) {
		rc = system_error("options", ENOMEM);
		goto out;
	}
	memcpy(ctx.words, argv + 1, ctx.nwords * sizeof(*ctx.words));
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:jhV", opts, NULL)) != -1) {
		/* After a wrong option, only the command is looked for, to
		 * know whether the option was meant for a loader. */
		if (bad.word)
			continue;
		switch (c) {
		case 'o':
			ctx.output = optarg;
			break;
		case OPT_TRACEFS:
			ctx.tracefs = optarg;
			break;
		case OPT_STRUCT_NAME:
			ctx.struct_name = optarg;
			break;
		case OPT_TEMPLATES:
			ctx.templates = optarg;
			break;
		case OPT_FORMAT:
			/* The pointers are argv's: only the array is ours. */
			formats = realloc(ctx.formats, (ctx.nformats + 1) *
					  sizeof(*ctx.formats));
			if (!formats) {
				rc = system_error("options", ENOMEM);
				goto out;
			}
			ctx.formats = formats;
			ctx.formats[ctx.nformats++] = optarg;
			break;
		case OPT_GROUP:
			ctx.group = optarg;
			break;
		case OPT_DEPFILE:
			ctx.depfile = optarg;
			break;
		case OPT_NAME:
			ctx.name = optarg;
			break;
		case OPT_FORCE:
			ctx.force = true;
			break;
		case OPT_RELOCATABLE:
			ctx.relocatable = true;
			break;
		case 'j':
			ctx.json = true;
			break;
		case 'h':
			usage(stdout);
			rc = finish(&ctx);
			goto out;
		case 'V':
			printf("tpgen %s\nmalloc: %s\n", PACKAGE_VERSION,
			       allocator ? allocator : "the C library's");
			rc = finish(&ctx);
			goto out;
		default:
			/* A letter, or for a long option (which getopt has
			 * passed) 0 or a value of our own. */
			bad.missing = c == ':';
			bad.key = optopt > 0 && optopt < 256 ? optopt : 0;
			bad.word = argv[optind - 1];
			break;
		}
	}
	cmd = optind < argc ? find_command(argv[optind]) : NULL;
	if (bad.word) {
		key[1] = (char)bad.key;
		rc = run_usage_error(&ctx, cmd && cmd->run == cmd_run,
				     bad.missing ? "option '%s' needs an "
				     "argument" : "unknown option '%s'",
				     bad.key ? key : bad.word);
		goto out;
	}
	if (!cmd) {
		usage(stderr);
		rc = TP_EXIT_USAGE;
		goto out;
	}
	args = argv + optind + (cmd != &commands[0]);
	nargs = (size_t)(argc - (args - argv));
	if (cmd->run == cmd_run && ctx.json)
		rc = run_usage_error(&ctx, true, "--json does not apply to run");
	else
		rc = check_options(&ctx, cmd);
	if (!rc && ctx.loader_args && cmd->run != cmd_run)
		rc = usage_error("'--' only comes with run, before the "
				 "loader's options");
	if (!rc)
		rc = cmd->run(&ctx, args, nargs);
out:
	ctx_fini(&ctx);
	return rc;
}
