/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "capture.h"
#include "commands.h"
#include "compare.h"
#include "dump.h"
#include "emit.h"
#include "header.h"
#include "output.h"
#include "reloc.h"
#include "run.h"
#include "template.h"

/* --filter, parsed and checked against every selected event: 0, or the
 * exit status after saying why. */
static enum tp_exit parse_filter(struct tp_cli *c)
{
	struct tp_pipeline *p = &c->p;
	struct tp_loc all = { 0, 0 };
	size_t i;
	int err = 0;

	if (!c->filter)
		return TP_EXIT_OK;
	all.end_byte = strlen(c->filter);
	c->filter_src = tp_source_from_mem("--filter", c->filter,
					   all.end_byte);
	if (!c->filter_src)
		return tp_pipeline_fail(p, "--filter", ENOMEM);
	c->filter_tree = tp_filter_parse(c->filter_src, &all, &p->diags);
	for (i = 0; c->filter_tree && i < p->n; i++)
		if (tp_filter_check(c->filter_tree, p->layouts[i].ev,
				    c->filter_src, &p->diags))
			err = -1;
	tp_pipeline_flush(p);
	if (p->diags.oom)
		return TP_EXIT_SYSTEM;
	return !c->filter_tree || err ? TP_EXIT_USAGE : TP_EXIT_OK;
}

/* The emit options of the command line, for an output folder. */
static void emit_opts(struct tp_cli *c, struct tp_emit *emit)
{
	emit->filter = c->filter_tree;
	emit->filter_src = c->filter_src;
	emit->d = &c->p.diags;
	emit->templates = c->templates;
	emit->force = c->force;
	emit->long_size = c->p.tree->target.long_size;
	emit->kernel = c->p.kernel;
}

/* --name: the one event's files, renamed. */
static enum tp_exit rename_one(struct tp_cli *c)
{
	struct tp_pipeline *p = &c->p;

	if (p->n != 1)
		return tp_usage_error(c, "--name", "--name names one event's "
				      "files; the selectors chose %zu", p->n);
	free(p->layouts[0].stem);
	p->layouts[0].stem = strdup(c->name);
	if (!p->layouts[0].stem)
		return tp_pipeline_fail(p, "--name", ENOMEM);
	return tp_pipeline_names_clash(p) ? TP_EXIT_USAGE : TP_EXIT_OK;
}

static void written(const struct tp_cli *c, const struct tp_emit *emit)
{
	size_t n = c->p.n;

	printf("tpgen: %zu event%s in %s: %u file%s written, %u unchanged",
	       n, n == 1 ? "" : "s", c->output, emit->written,
	       emit->written == 1 ? "" : "s", emit->unchanged);
	if (emit->kept)
		printf(", %u kept (edited)", emit->kept);
	printf("; build with 'make -C %s'\n", c->output);
}

enum tp_exit tp_cmd_generate(struct tp_cli *c, char **args, size_t nargs)
{
	struct tp_pipeline *p = &c->p;
	struct tp_emit emit = { 0 };
	enum tp_exit rc;
	int err;

	if (!c->output && nargs && !strpbrk(args[0], "/:*?["))
		return tp_usage_error(c, args[0], "unknown command '%s' (to "
				      "write code for events called so, add "
				      "'-o DIR')", args[0]);
	if (!c->output)
		return tp_usage_error(c, NULL, "where to? add '-o DIR' (or "
				      "use the 'header' command)");
	if (!nargs && !c->in.nformats)
		return tp_usage_error(c, NULL, "no selector ('*' for every "
				      "event)");
	rc = tp_pipeline_parse(p, args, nargs, TP_PRINT_CODE, NULL);
	if (!rc && p->n && c->name)
		rc = rename_one(c);
	if (!rc && p->n)
		rc = parse_filter(c);
	if (!rc)
		tp_pipeline_drop_unwritable(p);
	/* Nothing to write for: not even the shared files. */
	if (rc || !p->n)
		return rc ? rc : tp_pipeline_finish(p);
	err = tp_output_mkdirs(c->output);
	if (err)
		return tp_pipeline_fail(p, c->output, err);
	emit_opts(c, &emit);
	emit.outdir = c->output;
	emit.inputs = &p->inputs;
	emit.outputs = &c->outputs;
	err = tp_emit(&emit, p->layouts, p->n);
	if (!err && c->depfile &&
	    tp_deps_write(c->depfile, &c->outputs, &p->inputs, &p->diags))
		emit.system_error = true;
	err |= tp_pipeline_flush(p);
	tp_emit_fini(&emit);
	if (emit.system_error || p->diags.oom)
		return TP_EXIT_SYSTEM;
	if (err)
		return TP_EXIT_INPUT;
	written(c, &emit);
	return tp_pipeline_finish(p);
}

/* Builds the one event's loader in tpgen's cache; its path, or NULL
 * after reporting why. */
static char *build_loader(struct tp_cli *c)
{
	struct tp_pipeline *p = &c->p;
	struct tp_emit emit = { 0 };
	char *path = NULL, *name = NULL;

	emit_opts(c, &emit);
	/* A filtered program has a folder of its own, per filter. */
	if (c->filter && asprintf(&name, "%s-%016llx", p->layouts[0].stem,
				  (unsigned long long)XXH3_64bits(
					  c->filter, strlen(c->filter))) < 0) {
		tp_oom(&p->diags, NULL);
		return NULL;
	}
	emit.outdir = tp_run_cache_dir(name ? name : p->layouts[0].stem,
				       &p->diags);
	free(name);
	/* The cache is tpgen's own; what the user edited there is theirs,
	 * and is built as edited. */
	emit.own_folder = true;
	if (emit.outdir && !tp_emit(&emit, p->layouts, 1) &&
	    !tp_pipeline_flush(p) && !tp_run_make(emit.outdir, &p->diags) &&
	    asprintf(&path, "%s/%s", emit.outdir, p->layouts[0].stem) < 0) {
		tp_error(&p->diags, NULL, NULL, "run: %s", strerror(ENOMEM));
		path = NULL;
	}
	tp_pipeline_flush(p);
	tp_emit_fini(&emit);
	free((char *)(uintptr_t)emit.outdir);
	return path;
}

enum tp_exit tp_cmd_run(struct tp_cli *c, char **args, size_t nargs)
{
	struct tp_pipeline *p = &c->p;
	enum tp_exit rc;
	char **argv, *path;
	size_t i;

	if (nargs > 1 || (!nargs && !c->in.nformats))
		return tp_usage_error(c, nargs > 1 ? args[1] : NULL, "run "
				      "takes one selector (loader options go "
				      "after '--')");
	rc = tp_pipeline_parse(p, args, nargs, TP_PRINT_CODE, NULL);
	if (rc)
		return rc;
	if (p->n != 1) {
		tp_error(&p->diags, NULL, NULL, "%s%s%s match%s %zu events; "
			 "run takes one", nargs ? "'" : "",
			 nargs ? args[0] : "the --format files",
			 nargs ? "'" : "", nargs ? "es" : "", p->n);
		tp_pipeline_flush(p);
		return p->n ? TP_EXIT_USAGE : TP_EXIT_INPUT;
	}
	rc = parse_filter(c);
	if (rc)
		return rc;
	if (!tp_run_tools_ok(&p->diags)) {
		tp_pipeline_flush(p);
		return TP_EXIT_SYSTEM;
	}
	path = build_loader(c);
	if (!path)
		return TP_EXIT_SYSTEM;
	argv = calloc(c->nloader_args + 2, sizeof(*argv));
	if (!argv) {
		free(path);
		return tp_pipeline_fail(p, "run", ENOMEM);
	}
	argv[0] = path;
	for (i = 0; i < c->nloader_args; i++)
		argv[i + 1] = c->loader_args[i];
	fflush(stdout);
	execv(path, argv);
	rc = tp_pipeline_fail(p, path, errno);
	free(argv);
	free(path);
	return rc;
}

enum tp_exit tp_cmd_capture(struct tp_cli *c, char **args, size_t nargs)
{
	struct tp_pipeline *p = &c->p;
	enum tp_exit rc;
	int err;

	if (nargs)
		return tp_usage_error(c, args[0], "capture takes no selector: "
				      "it copies the whole tree");
	if (!c->output)
		return tp_usage_error(c, NULL, "capture needs '-o PATH': a "
				      "folder, or a .tar, .tar.gz or .tar.xz "
				      "file");
	(void)args;
	/* A capture of the shipped capture is no capture of this machine. */
	p->opts.no_fallback = true;
	rc = tp_pipeline_check_all(p);
	if (rc)
		return rc;
	err = tp_capture_write(p->tree, c->output, &p->diags);
	if (tp_pipeline_flush(p) || err)
		return TP_EXIT_SYSTEM;
	if (c->in.tracefs)
		printf("tpgen: %zu events from %s written to %s\n",
		       p->tree->nrefs, c->in.tracefs, c->output);
	else
		printf("tpgen: %zu events of this machine written to %s\n",
		       p->tree->nrefs, c->output);
	return tp_pipeline_finish(p);
}

/* Writes a header of the rendered texts to path ("-": standard output):
 * the texts joined, in the frame made from the template tpl.  A text
 * spilled to a file is read from there, a block at a time. */
static int write_header(struct tp_pipeline *p, const struct tp_source *tpl,
			const char *path)
{
	struct tp_header_frame frame;
	struct tp_piece *v = calloc(2 * p->n + 2, sizeof(*v));
	const char *t;
	char *guard;
	size_t i, nv;
	uint64_t digest;
	int err = 0;

	guard = tp_header_guard(strcmp(path, "-") ? path : "tracepoints.h");
	if (!guard || !v) {
		free(guard);
		free(v);
		return ENOMEM;
	}
	if (tp_header_frame(&frame, tpl, guard, p->kernel, &p->diags)) {
		free(guard);
		free(v);
		return p->diags.oom ? ENOMEM : EINVAL;
	}
	t = frame.text.data;
	nv = 1;
	v[0] = tp_output_piece(t, frame.events_at);
	for (i = 0; i < p->n; i++)
		nv = tp_output_buf_pieces(&p->texts[p->text[i].buf],
					  p->text[i].off, p->text[i].len, v, nv);
	v[nv++] = tp_output_piece(t + frame.events_at,
				  frame.text.len - frame.events_at);
	if (tp_output_seal(v, nv, &digest) < 0)
		err = ENOMEM;
	if (!err && strcmp(path, "-") == 0)
		err = fflush(stdout) ? errno :
		      tp_output_write(STDOUT_FILENO, v, nv);
	else if (!err)
		err = tp_output_filev(path, v, nv, NULL);
	tp_header_frame_fini(&frame);
	free(v);
	free(guard);
	return err;
}

enum tp_exit tp_cmd_header(struct tp_cli *c, char **args, size_t nargs)
{
	const char *path = c->output ? c->output : "-", *why;
	struct tp_pipeline *p = &c->p;
	struct tp_source *tpl;
	enum tp_exit rc;
	int err;

	if (!nargs && !c->in.nformats)
		return tp_usage_error(c, NULL, "header needs at least one "
				      "selector ('*' for every event)");
	if (c->depfile && !strcmp(path, "-"))
		return tp_usage_error(c, "--depfile", "--depfile needs '-o "
				      "FILE'");
	/* A relocatable header may come from the shipped capture, with
	 * the note that says so: its loaders check the running kernel. */
	p->opts.exact = !c->relocatable;
	rc = tp_pipeline_parse(p, args, nargs, TP_PRINT_SYMBOLS,
			       c->relocatable ? tp_reloc_header_event :
			       tp_header_event);
	if (rc)
		return rc;
	why = c->force || !strcmp(path, "-") ? NULL :
	      tp_output_refusal(tp_output_state(path, NULL));
	if (why) {
		tp_error(&p->diags, NULL, NULL, "%s %s: not replacing it "
			 "(--force does)", path, why);
		tp_pipeline_flush(p);
		return TP_EXIT_SYSTEM;
	}
	/* tracepoints.h, from --templates when it holds one: then one of
	 * the header's inputs. */
	tpl = tp_template_load(c->templates, "tracepoints.h", &p->inputs,
			       &p->diags);
	err = tpl ? write_header(p, tpl, path) : EINVAL;
	/* Messages may point into the template: printed before it goes. */
	tp_pipeline_flush(p);
	tp_source_free(tpl);
	/* EINVAL: the template was reported. */
	if (err == EINVAL)
		return p->diags.oom ? TP_EXIT_SYSTEM : TP_EXIT_INPUT;
	if (err)
		return tp_pipeline_fail(p, path, err);
	if (c->depfile &&
	    (tp_paths_add(&c->outputs, path) ||
	     tp_deps_write(c->depfile, &c->outputs, &p->inputs, &p->diags))) {
		tp_pipeline_flush(p);
		return TP_EXIT_SYSTEM;
	}
	return tp_pipeline_finish(p);
}

enum tp_exit tp_cmd_list(struct tp_cli *c, char **args, size_t nargs)
{
	struct tp_pipeline *p = &c->p;
	enum tp_exit rc;
	size_t *idx, n, i;

	rc = tp_pipeline_select(p, args, nargs, false, &idx, &n);
	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		const struct tp_event_ref *r = &p->tree->refs[idx[i]];

		printf("%s/%s\n", r->group, r->name);
	}
	free(idx);
	return tp_pipeline_finish(p);
}

enum tp_exit tp_cmd_compare(struct tp_cli *c, char **args, size_t nargs)
{
	struct tp_pipeline *p = &c->p;
	struct tp_tree *to = NULL;
	char *to_kernel = NULL;
	enum tp_exit rc;
	long refused;

	if (!nargs)
		return tp_usage_error(c, NULL, "compare needs the kernel to "
				      "compare with: a capture or a tracefs");
	p->opts.exact = true;
	rc = tp_pipeline_parse(p, args + 1, nargs - 1, TP_PRINT_CODE, NULL);
	if (rc)
		return rc;
	if (tp_tree_open(args[0], &to, &p->diags)) {
		tp_pipeline_flush(p);
		return TP_EXIT_SYSTEM;
	}
	tp_pipeline_flush(p);
	to_kernel = tp_tree_kernel(to);
	if (!to_kernel) {
		tp_tree_free(to);
		return tp_pipeline_fail(p, "comparing", ENOMEM);
	}
	printf("Built from: %s\nLoaded on:  %s, read from %s\n", p->kernel,
	       to_kernel, args[0]);
	refused = tp_compare_events(stdout, p->layouts, p->n, to);
	free(to_kernel);
	tp_tree_free(to);
	if (refused < 0)
		return tp_pipeline_fail(p, args[0], (int)-refused);
	rc = tp_pipeline_finish(p);
	return rc ? rc : refused ? TP_EXIT_REFUSED : TP_EXIT_OK;
}

enum tp_exit tp_cmd_dump(struct tp_cli *c, char **args, size_t nargs)
{
	struct tp_pipeline *p = &c->p;
	enum tp_exit rc;
	size_t i;

	if (!nargs && !c->in.nformats)
		return tp_usage_error(c, NULL, "dump needs at least one "
				      "selector ('*' for every event)");
	p->opts.exact = true;
	rc = tp_pipeline_parse(p, args, nargs, TP_PRINT_DUMP, NULL);
	if (rc)
		return rc;
	if (c->json) {
		if (tp_dump_json(stdout, p->layouts, p->n))
			return tp_pipeline_fail(p, "writing the JSON dump",
						EIO);
		return tp_pipeline_finish(p);
	}
	for (i = 0; i < p->n; i++) {
		if (i)
			putchar('\n');
		if (tp_dump_text(stdout, p->events[i]))
			return tp_pipeline_fail(p, "standard output", EIO);
	}
	return tp_pipeline_finish(p);
}
