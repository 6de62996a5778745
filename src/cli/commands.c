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
#include "select.h"
#include "template.h"

/* The selector just before the word holding `at` on the command line
 * (one of args), or NULL when none is. */
static const char *selector_before(const struct tp_cli *c, const char *at,
				   char **args, size_t nargs)
{
	const char *sel = NULL;
	size_t i, k;

	for (i = 0; i < c->nwords; i++) {
		const char *w = c->words[i];

		if (at >= w && at <= w + strlen(w))
			return sel;
		for (k = 0; k < nargs; k++)
			if (args[k] == w)
				sel = w;
	}
	return NULL;
}

/* Which --filter applies to event ev: the one after a selector of it,
 * else the one given before any selector; -1 for none, or -2 after
 * saying that two do. */
static int filter_for(struct tp_cli *c, const struct tp_event *ev)
{
	int chosen = -1, fallback = -1;
	size_t i;
	bool yes;

	for (i = 0; i < c->nfilters; i++) {
		const struct tp_cli_filter *f = &c->filters[i];

		if (!f->selector) {
			fallback = (int)i;
			continue;
		}
		if (tp_selects(f->selector, ev->group, ev->name, &yes)) {
			tp_oom(&c->p.diags, NULL);
			return -2;
		}
		if (!yes)
			continue;
		if (chosen >= 0) {
			tp_usage_error(c, f->text, "%s/%s: two filters (after "
				       "'%s' and after '%s')", ev->group,
				       ev->name, c->filters[chosen].selector,
				       f->selector);
			return -2;
		}
		chosen = (int)i;
	}
	return chosen >= 0 ? chosen : fallback;
}

/*
 * --filter: each parsed, given to the events it applies to (the
 * selector's just before it; one before any selector, the others'), and
 * checked against each of them.  0, or the exit status after saying why.
 */
static enum tp_exit parse_filters(struct tp_cli *c, char **args,
				  size_t nargs)
{
	struct tp_pipeline *p = &c->p;
	size_t i, before = 0;
	int err = 0, k;

	for (i = 0; i < c->nfilters; i++) {
		struct tp_cli_filter *f = &c->filters[i];
		struct tp_loc all = { 0, strlen(f->text) };

		f->selector = selector_before(c, f->text, args, nargs);
		if (!f->selector && before++)
			return tp_usage_error(c, f->text, "two --filter before "
					      "the selectors: one filter is "
					      "for all events");
		f->src = tp_source_from_mem("--filter", f->text, all.end_byte);
		if (!f->src)
			return tp_pipeline_fail(p, "--filter", ENOMEM);
		f->tree = tp_filter_parse(f->src, &all, &p->diags);
		if (!f->tree)
			err = -1;
	}
	c->event_filters = c->nfilters && !err ?
			   calloc(p->n + 1, sizeof(*c->event_filters)) : NULL;
	if (c->nfilters && !err && !c->event_filters)
		return tp_pipeline_fail(p, "--filter", ENOMEM);
	for (i = 0; c->event_filters && i < p->n; i++) {
		k = filter_for(c, p->layouts[i].ev);
		if (k == -2) {
			tp_pipeline_flush(p);
			return p->diags.oom ? TP_EXIT_SYSTEM : TP_EXIT_USAGE;
		}
		if (k < 0)
			continue;
		c->event_filters[i].tree = c->filters[k].tree;
		c->event_filters[i].src = c->filters[k].src;
		if (tp_filter_check(c->filters[k].tree, p->layouts[i].ev,
				    c->filters[k].src, &p->diags))
			err = -1;
	}
	tp_pipeline_flush(p);
	if (p->diags.oom)
		return TP_EXIT_SYSTEM;
	return err ? TP_EXIT_USAGE : TP_EXIT_OK;
}

/* The emit options of the command line, for an output folder. */
static void emit_opts(struct tp_cli *c, struct tp_emit *emit)
{
	emit->program = c->program;
	emit->filters = c->event_filters;
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

	printf("tpgen: %s%s%s%zu event%s in %s: %u file%s written, "
	       "%u unchanged", c->program ? "program " : "",
	       c->program ? c->program : "", c->program ? " of " : "",
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
		rc = parse_filters(c, args, nargs);
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

/* The folder in tpgen's cache of what run builds: the event's name, or
 * for many events or a filter, a digest of them after it. */
static char *cache_name(const struct tp_cli *c, const char *stem)
{
	const struct tp_pipeline *p = &c->p;
	XXH3_state_t *st;
	char *name = NULL;
	size_t i;

	if (p->n == 1 && !c->nfilters)
		return strdup(stem);
	st = XXH3_createState();
	if (!st || XXH3_64bits_reset(st) == XXH_ERROR)
		goto out;
	for (i = 0; i < p->n; i++) {
		const struct tp_event *ev = p->layouts[i].ev;

		XXH3_64bits_update(st, ev->group, strlen(ev->group) + 1);
		XXH3_64bits_update(st, ev->name, strlen(ev->name) + 1);
	}
	for (i = 0; i < c->nfilters; i++) {
		const struct tp_cli_filter *f = &c->filters[i];

		XXH3_64bits_update(st, f->text, strlen(f->text) + 1);
		if (f->selector)
			XXH3_64bits_update(st, f->selector,
					   strlen(f->selector) + 1);
	}
	if (asprintf(&name, "%s-%016llx", stem,
		     (unsigned long long)XXH3_64bits_digest(st)) < 0)
		name = NULL;
out:
	XXH3_freeState(st);
	return name;
}

/* Builds the loader of the events (one program for many) in tpgen's
 * cache; its path, or NULL after reporting why. */
static char *build_loader(struct tp_cli *c)
{
	struct tp_pipeline *p = &c->p;
	struct tp_emit emit = { 0 };
	/* Many events: one program, called so. */
	const char *stem = p->n == 1 ? p->layouts[0].stem : "tpgen_run";
	char *path = NULL, *name = cache_name(c, stem);

	if (!name) {
		tp_oom(&p->diags, NULL);
		return NULL;
	}
	emit_opts(c, &emit);
	if (p->n > 1)
		emit.program = stem;
	emit.outdir = tp_run_cache_dir(name, &p->diags);
	free(name);
	/* The cache is tpgen's own; what the user edited there is theirs,
	 * and is built as edited. */
	emit.own_folder = true;
	if (emit.outdir && !tp_emit(&emit, p->layouts, p->n) &&
	    !tp_pipeline_flush(p) && !tp_run_make(emit.outdir, &p->diags) &&
	    asprintf(&path, "%s/%s", emit.outdir, stem) < 0) {
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

	if (!nargs && !c->in.nformats)
		return tp_usage_error(c, NULL, "run takes selectors (loader "
				      "options go after '--')");
	rc = tp_pipeline_parse(p, args, nargs, TP_PRINT_CODE, NULL);
	if (rc)
		return rc;
	if (!p->n) {
		tp_pipeline_flush(p);
		return TP_EXIT_INPUT;
	}
	rc = parse_filters(c, args, nargs);
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
