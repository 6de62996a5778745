/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "dump.h"
#include "select.h"
#include "tree.h"

/* What the command line asked for, shared by every command. */
struct ctx {
	const char *tracefs; /* --tracefs, or NULL for the live tree */
	bool json;
	struct tp_diags diags;
	struct tp_tree *tree;
};

struct command {
	const char *name;
	const char *args;
	const char *summary;
	enum tp_exit (*run)(struct ctx *ctx, char **args, size_t nargs);
	bool takes_json;
};

static enum tp_exit cmd_list(struct ctx *ctx, char **args, size_t nargs);
static enum tp_exit cmd_dump(struct ctx *ctx, char **args, size_t nargs);
static enum tp_exit cmd_help(struct ctx *ctx, char **args, size_t nargs);

static const struct command commands[] = {
	{ "list", "[SELECTOR...]",
	  "list events as GROUP/EVENT, sorted (all when no selector)",
	  cmd_list, false },
	{ "dump", "SELECTOR...",
	  "print the parsed layout of events (--json for tools)",
	  cmd_dump, true },
	{ "help", "[COMMAND]", "show this help", cmd_help, false },
};

static void usage(FILE *out)
{
	size_t i;

	fputs("Usage: tpgen [OPTIONS] COMMAND [SELECTOR...]\n"
	      "\n"
	      "Read Linux tracepoint format files, live from tracefs or "
	      "captured on another\nmachine, and describe their events.\n"
	      "\nCommands:\n", out);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		char head[40];

		snprintf(head, sizeof(head), "%s %s", commands[i].name,
			 commands[i].args);
		fprintf(out, "  %-24s %s\n", head, commands[i].summary);
	}
	fputs("\nSelectors:\n"
	      "  GROUP/EVENT or GROUP:EVENT, each part a shell glob (quote "
	      "it from the shell).\n"
	      "  A selector without '/' or ':' matches event names in every "
	      "group;\n"
	      "  'GROUP/' is every event of GROUP; '*' is every event.\n"
	      "\nOptions:\n"
	      "  -t, --tracefs DIR  read events from DIR: a tracefs root, its "
	      "events/ folder,\n"
	      "                     or a copy of either (default: the live "
	      "tracefs, found\n"
	      "                     in /proc/mounts)\n"
	      "  -j, --json         dump: one JSON array of events, for "
	      "tools\n"
	      "  -h, --help         show this help and exit\n"
	      "  -V, --version      show the version and exit\n"
	      "\nExamples:\n"
	      "  tpgen list 'sched/*'               the events of the sched "
	      "group\n"
	      "  tpgen list '*/sys_enter_open*'     the open family of "
	      "syscall entries\n"
	      "  tpgen dump xdp/xdp_exception       offsets, sizes and kinds "
	      "of one event\n"
	      "  tpgen dump --json '*' | jq length  every event, as JSON\n"
	      "  tpgen --tracefs ./capture list     events of a tree copied "
	      "off another machine\n"
	      "\nExit status: 0 success; 1 a format file had errors; 2 usage "
	      "error;\n"
	      "3 a selector matched nothing; 4 no tracefs, or a system "
	      "error.\n"
	      "\nSee tpgen(1) for the JSON format and the details.\n", out);
}

static enum tp_exit usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static enum tp_exit usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("tpgen: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'tpgen --help'.\n", stderr);
	return TP_EXIT_USAGE;
}

/* Prints what was queued; true when errors were among it. */
static bool flush(struct ctx *ctx)
{
	return tp_diags_flush(&ctx->diags, stderr) > 0;
}

static enum tp_exit errno_exit(int err)
{
	return err == ENOENT ? TP_EXIT_NOMATCH : TP_EXIT_SYSTEM;
}

/* Opens the tree and picks the events the selectors name (every event
 * when there are none). */
static enum tp_exit select_events(struct ctx *ctx, char **sel, size_t nsel,
				  size_t **idx, size_t *n)
{
	static char every[] = "*";
	char *all[] = { every };
	int err;

	err = tp_tree_open(ctx->tracefs, &ctx->tree, &ctx->diags);
	flush(ctx);
	if (err)
		return TP_EXIT_SYSTEM;
	err = tp_select(ctx->tree, nsel ? sel : all, nsel ? nsel : 1, idx, n,
			&ctx->diags);
	flush(ctx);
	if (err == ENOMEM)
		fputs("tpgen: error: out of memory\n", stderr);
	return err ? errno_exit(err) : TP_EXIT_OK;
}

static enum tp_exit cmd_list(struct ctx *ctx, char **args, size_t nargs)
{
	enum tp_exit rc;
	size_t *idx, n, i;

	rc = select_events(ctx, args, nargs, &idx, &n);
	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		const struct tp_event_ref *r = &ctx->tree->refs[idx[i]];

		printf("%s/%s\n", r->group, r->name);
	}
	free(idx);
	return TP_EXIT_OK;
}

static enum tp_exit cmd_dump(struct ctx *ctx, char **args, size_t nargs)
{
	struct tp_event **evs = NULL;
	enum tp_exit rc;
	size_t *idx, n, i, nevs = 0;
	bool failed = false;

	if (!nargs)
		return usage_error("%s needs at least one selector "
				   "('*' for every event)", "dump");
	rc = select_events(ctx, args, nargs, &idx, &n);
	if (rc)
		return rc;
	if (ctx->json && !(evs = calloc(n ? n : 1, sizeof(*evs)))) {
		free(idx);
		fputs("tpgen: error: out of memory\n", stderr);
		return TP_EXIT_SYSTEM;
	}
	for (i = 0; i < n; i++) {
		struct tp_source *src = NULL;
		struct tp_event *ev;

		ev = tp_tree_parse(ctx->tree, &ctx->tree->refs[idx[i]],
				   &ctx->diags, &src);
		failed |= flush(ctx);
		tp_source_free(src);
		if (!ev)
			continue;
		if (ctx->json) {
			evs[nevs++] = ev;
			continue;
		}
		if (i)
			putchar('\n');
		if (tp_dump_text(stdout, ev))
			failed = true;
		tp_event_free(ev);
	}
	if (ctx->json && tp_dump_json(stdout, evs, nevs)) {
		fputs("tpgen: error: cannot write the JSON dump\n", stderr);
		rc = TP_EXIT_SYSTEM;
	}
	for (i = 0; i < nevs; i++)
		tp_event_free(evs[i]);
	free(evs);
	free(idx);
	if (fflush(stdout) != 0) {
		perror("tpgen: error: standard output");
		return TP_EXIT_SYSTEM;
	}
	return rc ? rc : failed ? TP_EXIT_INPUT : TP_EXIT_OK;
}

static enum tp_exit cmd_help(struct ctx *ctx, char **args, size_t nargs)
{
	(void)ctx;
	(void)args;
	(void)nargs;
	usage(stdout);
	return TP_EXIT_OK;
}

enum tp_exit tp_cli_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "tracefs", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct ctx ctx = { 0 };
	const struct command *cmd = NULL;
	enum tp_exit rc;
	size_t i;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":t:jhV", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			ctx.tracefs = optarg;
			break;
		case 'j':
			ctx.json = true;
			break;
		case 'h':
			usage(stdout);
			return TP_EXIT_OK;
		case 'V':
			printf("tpgen %s\n", PACKAGE_VERSION);
			return TP_EXIT_OK;
		case ':':
			return usage_error("option '%s' needs an argument",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind == argc) {
		usage(stderr);
		return TP_EXIT_USAGE;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			cmd = &commands[i];
	if (!cmd)
		return usage_error("unknown command '%s'", argv[optind]);
	if (ctx.json && !cmd->takes_json)
		return usage_error("--json does not apply to '%s'", cmd->name);
	tp_diags_init(&ctx.diags);
	rc = cmd->run(&ctx, argv + optind + 1, (size_t)(argc - optind - 1));
	tp_diags_fini(&ctx.diags);
	tp_tree_free(ctx.tree);
	return rc;
}
