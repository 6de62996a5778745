/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cmdline.h"
#include "commands.h"
#include "names.h"

enum opt_use {
	USE_JSON = 1, USE_OUTPUT = 2, USE_STRUCT_NAME = 4, USE_TEMPLATES = 8,
	USE_FORMAT = 16, USE_DEPFILE = 32, USE_FORCE = 64,
	USE_RELOCATABLE = 128, USE_NAME = 256, USE_FILTER = 512,
	USE_PROGRAM = 1024,
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
	  USE_FORMAT | USE_DEPFILE | USE_FORCE | USE_NAME | USE_FILTER |
	  USE_PROGRAM },
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
	{ "run", "SELECTOR... [-- OPTIONS]",
	  "generate, build and run one loader for the events",
	  tp_cmd_run, USE_STRUCT_NAME | USE_TEMPLATES | USE_FORMAT |
	  USE_FILTER },
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
	"      --filter EXPR     keep only the records EXPR keeps, in "
	"the syntax of the\n"
	"                        kernel's event filters (CPUS{0-3} and "
	".function too:\n"
	"                        tpgen(1), FILTERS); tested in the BPF "
	"program\n"
	"      --program NAME    one BPF program and loader, NAME, for "
	"all the events,\n"
	"                        their records in one stream, in the "
	"order they happened\n"
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
	"  tpgen run sched/sched_switch --filter 'prev_state != 0'\n"
	"                                         ...only switches "
	"away from a sleeper\n"
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
		{ c->nfilters, USE_FILTER, "--filter", NULL },
		{ c->program, USE_PROGRAM, "--program", NULL },
	};
	const char *name = *cmd->name ? cmd->name : "this command", *at;
	struct tp_loc loc;
	size_t i;

	for (i = 0; i < sizeof(given) / sizeof(given[0]); i++) {
		if (!given[i].given || (cmd->options & given[i].use))
			continue;
		at = given[i].other && !tp_cmdline_locate(c, given[i].name, &loc) ?
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
	if (c->program && !tp_is_c_identifier(c->program))
		return tp_usage_error(c, c->program, "--program '%s' is not a "
				      "C identifier", c->program);
	if (c->program && tp_reserved_stem(c->program))
		return tp_usage_error(c, c->program, "--program %s: a name the "
				      "output folder needs for itself",
				      c->program);
	if (c->program && c->name)
		return tp_usage_error(c, "--name", "--name names one event's "
				      "files, and --program the program of "
				      "all: not both");
	if (c->output && !*c->output)
		return tp_usage_error(c, c->output, "-o needs a path");
	if (c->templates && !is_directory(c->templates))
		return tp_usage_error(c, c->templates, "--templates %s: no "
				      "such folder", c->templates);
	return TP_EXIT_OK;
}

static void cli_fini(struct tp_cli *c)
{
	size_t i;

	tp_source_free(c->cmdline);
	for (i = 0; i < c->nfilters; i++) {
		tp_filter_free(c->filters[i].tree);
		tp_source_free(c->filters[i].src);
	}
	free(c->filters);
	free(c->event_filters);
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
	OPT_FILTER, OPT_PROGRAM,
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
	{ "filter", required_argument, NULL, OPT_FILTER },
	{ "program", required_argument, NULL, OPT_PROGRAM },
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

/* --filter, which repeats.  Returns 0 or ENOMEM. */
static int add_filter(struct tp_cli *c, const char *text)
{
	struct tp_cli_filter *v = realloc(c->filters, (c->nfilters + 1) *
					  sizeof(*v));

	if (!v)
		return ENOMEM;
	c->filters = v;
	memset(&v[c->nfilters], 0, sizeof(*v));
	v[c->nfilters++].text = text;
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
	case OPT_FILTER:
		return add_filter(c, arg);
	case OPT_PROGRAM:
		c->program = arg;
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
		rc = tp_run_usage_error(c, true, "--json", "--json does not apply "
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
		return tp_run_usage_error(c, cmd && cmd->run == tp_cmd_run,
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
	if (tp_cmdline_init(&cli, argc, argv)) {
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
