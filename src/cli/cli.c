/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "names.h"

enum opt_use {
	USE_JSON = 1, USE_OUTPUT = 2, USE_STRUCT_NAME = 4, USE_TEMPLATES = 8,
	USE_FORMAT = 16, USE_DEPFILE = 32, USE_FORCE = 64,
	USE_RELOCATABLE = 128, USE_NAME = 256,
};

struct command {
	const char *name;
	const char *args;
	const char *summary;
	tp_command_fn *run;
	unsigned options; /* the enum opt_use options it takes */
};

static enum tp_exit cmd_help(struct tp_cli *c, char **args, size_t nargs);

/* The first entry runs when the first word is not a command's name. */
static const struct command commands[] = {
	{ "", "SELECTOR... -o DIR",
	  "write a struct, BPF program and loader per event, and a Makefile",
	  tp_cmd_generate, USE_OUTPUT | USE_STRUCT_NAME | USE_TEMPLATES |
	  USE_FORMAT | USE_DEPFILE | USE_FORCE | USE_NAME },
	{ "list", "[SELECTOR...]",
	  "list events as GROUP/EVENT, sorted (all when no selector)",
	  tp_cmd_list, USE_FORMAT },
	{ "dump", "SELECTOR...",
	  "print the parsed layout of events (--json for tools)",
	  tp_cmd_dump, USE_JSON | USE_STRUCT_NAME | USE_FORMAT },
	{ "header", "SELECTOR... [-o FILE]",
	  "write one header with the structs of all selected events",
	  tp_cmd_header, USE_OUTPUT | USE_STRUCT_NAME | USE_TEMPLATES |
	  USE_FORMAT | USE_DEPFILE | USE_FORCE | USE_RELOCATABLE },
	{ "run", "SELECTOR [-- OPTIONS]",
	  "generate, build and run the loader of one event",
	  tp_cmd_run, USE_STRUCT_NAME | USE_TEMPLATES | USE_FORMAT },
	{ "capture", "-o PATH",
	  "copy the events tree into a folder or .tar[.gz|.xz] archive",
	  tp_cmd_capture, USE_OUTPUT },
	{ "compare", "KERNEL [SELECTOR...]",
	  "check programs built here against KERNEL, a capture or tracefs",
	  tp_cmd_compare, USE_FORMAT },
	{ "help", "", "show this help", cmd_help, 0 },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* What --help says after the commands. */
static const char help_rest[] =
	"\nSelectors:\n"
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
	"details.\n";

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
	fputs(help_rest, out);
}

/* w as a word for a shell, after a blank: as it is, or in single quotes.
 * Returns where w's first byte went, or 0 when the quoting moved its
 * bytes apart (a quote inside it). */
static size_t shell_word(struct tp_buf *b, const char *w)
{
	size_t at;

	tp_buf_addc(b, ' ');
	if (*w && strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789_-+=.,:/@%") == strlen(w)) {
		at = b->len;
		tp_buf_adds(b, w);
		return at;
	}
	tp_buf_addc(b, '\'');
	at = strchr(w, '\'') ? 0 : b->len;
	for (; *w; w++) {
		if (*w == '\'')
			tp_buf_adds(b, "'\\''");
		else
			tp_buf_addc(b, *w);
	}
	tp_buf_addc(b, '\'');
	return at;
}

/* The command line as one line, "tpgen" and the words after it as a
 * shell takes them, for messages to point into.  Returns 0 or ENOMEM. */
static int command_line(struct tp_cli *c, int argc, char **argv)
{
	struct tp_buf b = { 0 };
	int i;

	/* getopt_long() reorders argv: a copy keeps the order given. */
	c->argv = malloc(((size_t)argc + 1) * sizeof(*c->argv));
	c->argc = argc;
	c->word_at = calloc((size_t)argc + 1, sizeof(*c->word_at));
	if (!c->argv || !c->word_at)
		return ENOMEM;
	memcpy(c->argv, argv, (size_t)argc * sizeof(*argv));
	tp_buf_adds(&b, "tpgen");
	for (i = 1; i < argc; i++)
		c->word_at[i] = shell_word(&b, argv[i]);
	if (!b.failed)
		c->cmdline = tp_source_from_mem("", b.data, b.len);
	tp_buf_fini(&b);
	return c->cmdline ? 0 : ENOMEM;
}

/* Whether p points into the string w, its NUL included. */
static bool points_into(const char *p, const char *w)
{
	uintptr_t at = (uintptr_t)p, start = (uintptr_t)w;

	return at >= start && at <= start + strlen(w);
}

/*
 * Where `at` is on the command line: a pointer into one of its words
 * (from there to the word's end), or else an option's spelling ("--json",
 * "-o"), the word that gives it.  False when it is neither.
 */
static bool locate(const struct tp_cli *c, const char *at, struct tp_loc *loc)
{
	size_t from = 0, len = 0, n = strlen(at);
	int i;

	for (i = 1; i < c->argc && !from; i++) {
		const char *w = c->argv[i];

		if (points_into(at, w) && c->word_at[i]) {
			from = c->word_at[i] + (size_t)(at - w);
			len = strlen(at);
		}
	}
	for (i = 1; i < c->argc && !from && at[0] == '-'; i++) {
		const char *w = c->argv[i];

		if (strncmp(w, at, n) == 0 && c->word_at[i] &&
		    (!w[n] || w[n] == '=' || at[1] != '-')) {
			from = c->word_at[i];
			len = strlen(w);
		}
	}
	if (!from)
		return false;
	loc->first_byte = from;
	loc->end_byte = from + len;
	return true;
}

/* The message of a usage error, located at `at` (see locate()) when it
 * is given and found. */
static void usage_message(struct tp_cli *c, const char *at, const char *fmt,
			  va_list ap)
	__attribute__((format(printf, 3, 0)));

static void usage_message(struct tp_cli *c, const char *at, const char *fmt,
			  va_list ap)
{
	struct tp_loc loc;
	char *msg = NULL;

	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	if (at && c->cmdline && locate(c, at, &loc))
		tp_error(&c->p.diags, c->cmdline, &loc, "%s",
			 msg ? msg : fmt);
	else
		tp_error(&c->p.diags, NULL, NULL, "%s", msg ? msg : fmt);
	free(msg);
}

enum tp_exit tp_usage_error(struct tp_cli *c, const char *at,
			    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	usage_message(c, at, fmt, ap);
	va_end(ap);
	tp_pipeline_flush(&c->p);
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

/*
 * When the words before "--" hold a loader's options, a note says where
 * they go, with the command that puts them there: tpgen's words in their
 * order, "--", the loader's, then those already after "--".  Returns
 * whether there was one.
 */
static bool loader_options_note(struct tp_cli *c)
{
	struct tp_buf b = { 0 };
	size_t i, j, k, round;

	for (i = 0; i < c->nwords; i++)
		if (loader_words(c->words, c->nwords, i))
			break;
	if (i == c->nwords)
		return false;
	tp_buf_adds(&b, "tpgen");
	for (round = 0; round < 2; round++) {
		for (i = 0; i < c->nwords; i += k ? k : 1) {
			k = loader_words(c->words, c->nwords, i);
			/* tpgen's words, then the loader's. */
			for (j = i; round == (k > 0) && j < i + (k ? k : 1); j++)
				shell_word(&b, c->words[j]);
		}
		if (!round)
			tp_buf_adds(&b, " --");
	}
	for (i = 0; i < c->nloader_args; i++)
		shell_word(&b, c->loader_args[i]);
	tp_note(&c->p.diags, NULL, NULL, "loader options go after '--': "
		"%.*s", (int)b.len, b.failed ? "" : b.data);
	tp_buf_fini(&b);
	return true;
}

/* A usage error; for run's, a note on where a loader's options go stands
 * in for the pointer to --help, when there are some. */
static enum tp_exit run_usage_error(struct tp_cli *c, bool run,
				    const char *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static enum tp_exit run_usage_error(struct tp_cli *c, bool run,
				    const char *at, const char *fmt, ...)
{
	bool noted;
	va_list ap;

	va_start(ap, fmt);
	usage_message(c, at, fmt, ap);
	va_end(ap);
	noted = run && loader_options_note(c);
	tp_pipeline_flush(&c->p);
	if (!noted)
		fputs("Try 'tpgen --help'.\n", stderr);
	return TP_EXIT_USAGE;
}

static enum tp_exit cmd_help(struct tp_cli *c, char **args, size_t nargs)
{
	(void)args;
	(void)nargs;
	usage(stdout);
	return tp_pipeline_finish(&c->p);
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

/* Options given to a command that has no use for them are errors,
 * pointed at where they are on the command line. */
static enum tp_exit unused_option(struct tp_cli *c, const struct command *cmd)
{
	const struct {
		bool given;
		enum opt_use use;
		const char *name;  /* as messages spell it */
		const char *other; /* its other spelling, or NULL */
	} given[] = {
		{ c->json, USE_JSON, "--json", "-j" },
		{ c->output, USE_OUTPUT, "-o", "--output" },
		{ c->in.struct_name, USE_STRUCT_NAME, "--struct-name", NULL },
		{ c->templates, USE_TEMPLATES, "--templates", NULL },
		{ c->in.nformats, USE_FORMAT, "--format", NULL },
		{ c->depfile, USE_DEPFILE, "--depfile", NULL },
		{ c->force, USE_FORCE, "--force", NULL },
		{ c->relocatable, USE_RELOCATABLE, "--relocatable", NULL },
		{ c->name, USE_NAME, "--name", NULL },
	};
	const char *name = *cmd->name ? cmd->name : "this command", *at;
	struct tp_loc loc;
	size_t i;

	for (i = 0; i < sizeof(given) / sizeof(given[0]); i++) {
		if (!given[i].given || (cmd->options & given[i].use))
			continue;
		at = given[i].other && !locate(c, given[i].name, &loc) ?
		     given[i].other : given[i].name;
		return tp_usage_error(c, at, "%s does not apply to %s",
				      given[i].name, name);
	}
	return TP_EXIT_OK;
}

static enum tp_exit check_options(struct tp_cli *c, const struct command *cmd)
{
	enum tp_exit rc = unused_option(c, cmd);

	if (rc)
		return rc;
	if (c->in.nformats && c->in.tracefs)
		return tp_usage_error(c, "--tracefs", "--format and --tracefs "
				      "do not go together");
	if (c->in.group && !c->in.nformats)
		return tp_usage_error(c, "--group", "--group only comes with "
				      "--format");
	if (c->name && !tp_is_c_identifier(c->name))
		return tp_usage_error(c, c->name, "--name '%s' is not a C "
				      "identifier", c->name);
	if (c->output && !*c->output)
		return tp_usage_error(c, c->output, "-o needs a path");
	if (c->templates && !is_directory(c->templates))
		return tp_usage_error(c, c->templates, "--templates %s: no "
				      "such folder", c->templates);
	return TP_EXIT_OK;
}

static void cli_fini(struct tp_cli *c)
{
	tp_source_free(c->cmdline);
	free(c->argv);
	free(c->word_at);
	tp_pipeline_fini(&c->p);
	tp_paths_fini(&c->outputs);
	free(c->in.formats);
	free(c->words);
}

enum {
	OPT_STRUCT_NAME = 256, OPT_TEMPLATES, OPT_FORMAT, OPT_GROUP,
	OPT_DEPFILE, OPT_NAME, OPT_FORCE, OPT_TRACEFS, OPT_RELOCATABLE,
};

/* No -t: the loaders' -t is --tid, and "tpgen run EVENT -t 42" must not
 * read events from a folder called 42. */
static const struct option options[] = {
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

/* --format, which repeats: the pointers are argv's, only the array is
 * ours.  Returns 0 or ENOMEM. */
static int add_format(struct tp_cli *c, char *path)
{
	char **v = realloc(c->in.formats,
			   (c->in.nformats + 1) * sizeof(*v));

	if (!v)
		return ENOMEM;
	c->in.formats = v;
	c->in.formats[c->in.nformats++] = path;
	return 0;
}

/* Sets the option of getopt_long()'s key to arg.  Returns 0, ENOMEM, or
 * -1 for a key that is not an option's. */
static int set_option(struct tp_cli *c, int key, char *arg)
{
	switch (key) {
	case 'o':
		c->output = arg;
		break;
	case 'j':
		c->json = true;
		break;
	case OPT_TRACEFS:
		c->in.tracefs = arg;
		break;
	case OPT_STRUCT_NAME:
		c->in.struct_name = arg;
		break;
	case OPT_TEMPLATES:
		c->templates = arg;
		break;
	case OPT_FORMAT:
		return add_format(c, arg);
	case OPT_GROUP:
		c->in.group = arg;
		break;
	case OPT_DEPFILE:
		c->depfile = arg;
		break;
	case OPT_NAME:
		c->name = arg;
		break;
	case OPT_FORCE:
		c->force = true;
		break;
	case OPT_RELOCATABLE:
		c->relocatable = true;
		break;
	default:
		return -1;
	}
	return 0;
}

/* The first option that is wrong: its letter, or when it is a long
 * option 0, and its word. */
struct bad_option {
	int key;
	const char *word;
	bool missing;
};

/*
 * Parses the options into c, leaving optind at the first other word.
 * --help and --version are answered here: *done is then set.  A wrong
 * option is kept in *bad, to be reported once the command is known.
 */
static enum tp_exit parse_options(struct tp_cli *c, int argc, char **argv,
				  const char *allocator, bool *done,
				  struct bad_option *bad)
{
	int key, err;

	opterr = 0;
	while ((key = getopt_long(argc, argv, ":o:jhV", options,
				  NULL)) != -1) {
		/* After a wrong option, only the command is looked for, to
		 * know whether the option was meant for a loader. */
		if (bad->word)
			continue;
		if (key == 'h' || key == 'V') {
			if (key == 'h')
				usage(stdout);
			else
				printf("tpgen %s\nmalloc: %s\n",
				       PACKAGE_VERSION, allocator ? allocator :
				       "the C library's");
			*done = true;
			return tp_pipeline_finish(&c->p);
		}
		err = set_option(c, key, optarg);
		if (err > 0)
			return tp_pipeline_fail(&c->p, "options", err);
		if (err < 0) {
			/* A letter, or for a long option (which getopt has
			 * passed) 0 or a value of our own. */
			bad->missing = key == ':';
			bad->key = optopt > 0 && optopt < 256 ? optopt : 0;
			bad->word = argv[optind - 1];
		}
	}
	return TP_EXIT_OK;
}

/* Checks the command's options and runs it. */
static enum tp_exit dispatch(struct tp_cli *c, const struct command *cmd,
			     char **args, size_t nargs)
{
	enum tp_exit rc;

	if (cmd->run == tp_cmd_run && c->json)
		rc = run_usage_error(c, true, "--json", "--json does not apply "
				     "to run");
	else
		rc = check_options(c, cmd);
	if (!rc && c->loader_args && cmd->run != tp_cmd_run)
		rc = tp_usage_error(c, "--", "'--' only comes with run, "
				    "before the loader's options");
	if (rc)
		return rc;
	c->p.opts = c->in;
	c->p.opts.list_inputs = c->depfile != NULL;
	return cmd->run(c, args, nargs);
}

static enum tp_exit cli_main(struct tp_cli *c, int argc, char **argv,
			     const char *allocator)
{
	struct bad_option bad = { 0 };
	const struct command *cmd;
	char key[3] = "-", **args;
	bool done = false;
	enum tp_exit rc;

	/* getopt_long() reorders argv: the words as given are kept for
	 * messages that show them. */
	c->nwords = (size_t)(argc - 1);
	c->words = malloc((c->nwords + 1) * sizeof(*c->words));
	if (!c->words)
		return tp_pipeline_fail(&c->p, "options", ENOMEM);
	memcpy(c->words, argv + 1, c->nwords * sizeof(*c->words));
	rc = parse_options(c, argc, argv, allocator, &done, &bad);
	if (rc || done)
		return rc;
	cmd = optind < argc ? find_command(argv[optind]) : NULL;
	if (bad.word) {
		key[1] = (char)bad.key;
		return run_usage_error(c, cmd && cmd->run == tp_cmd_run,
				       bad.word, bad.missing ?
				       "option '%s' needs an "
				       "argument" : "unknown option '%s'",
				       bad.key ? key : bad.word);
	}
	if (!cmd) {
		usage(stderr);
		return TP_EXIT_USAGE;
	}
	args = argv + optind + (cmd != &commands[0]);
	return dispatch(c, cmd, args, (size_t)(argc - (args - argv)));
}

enum tp_exit tp_cli_main(int argc, char **argv, const char *allocator)
{
	struct tp_cli cli = { 0 };
	enum tp_exit rc;
	int i;

	tp_pipeline_init(&cli.p, &cli.in);
	if (command_line(&cli, argc, argv)) {
		rc = tp_pipeline_fail(&cli.p, "options", ENOMEM);
		cli_fini(&cli);
		return rc;
	}
	/* What follows "--" is the loader's, for run. */
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			cli.loader_args = argv + i + 1;
			cli.nloader_args = (size_t)(argc - i - 1);
			argc = i;
			break;
		}
	}
	rc = cli_main(&cli, argc, argv, allocator);
	cli_fini(&cli);
	return rc;
}
