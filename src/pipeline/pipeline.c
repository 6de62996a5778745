/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit.h"
#include "pipeline.h"
#include "select.h"

/* Fewer events than this a thread are not worth starting it for. */
#define EVENTS_PER_THREAD 64

void tp_pipeline_init(struct tp_pipeline *p,
		      const struct tp_pipeline_opts *opts)
{
	memset(p, 0, sizeof(*p));
	p->opts = *opts;
	tp_diags_init(&p->diags);
}

bool tp_pipeline_flush(struct tp_pipeline *p)
{
	return tp_diags_flush(&p->diags, stderr) > 0;
}

enum tp_exit tp_pipeline_fail(struct tp_pipeline *p, const char *what,
			      int err)
{
	/* Out of memory is said once: not again for the run when it was
	 * said where it happened. */
	if (err != ENOMEM || !p->diags.oom)
		tp_error(&p->diags, NULL, NULL, "%s: %s", what,
			 strerror(err));
	tp_pipeline_flush(p);
	return TP_EXIT_SYSTEM;
}

enum tp_exit tp_pipeline_finish(struct tp_pipeline *p)
{
	/* A write that failed before (output longer than the buffer) may
	 * leave nothing for fflush() to fail on. */
	if (fflush(stdout) != 0 || ferror(stdout))
		return tp_pipeline_fail(p, "standard output",
					errno ? errno : EIO);
	return p->input_errors ? TP_EXIT_INPUT : TP_EXIT_OK;
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
static void fallback_said(struct tp_pipeline *p, const char *capture)
{
	const struct tp_manifest *m = &p->tree->manifest;
	const char *release = m->kernel_release ? m->kernel_release : "?";
	const char *machine = m->machine ? m->machine : "?";

	if (!p->opts.exact) {
		tp_note(&p->diags, NULL, NULL, "no live tracefs here: "
			"reading the capture shipped with tpgen (Linux %s, %s) "
			"from %s", release, machine, capture);
		return;
	}
	tp_error(&p->diags, NULL, NULL, "no live tracefs here: not laying "
		 "out structs as the capture shipped with tpgen has them "
		 "(Linux %s, %s), which this kernel may not match", release,
		 machine);
	tp_note(&p->diags, NULL, NULL, "mount it (mount -t tracefs nodev "
		"/sys/kernel/tracing), or name a capture of the kernel the "
		"structs are for: --tracefs %s", capture);
}

/* The live tracefs, or the shipped capture in its place. */
static int open_live(struct tp_pipeline *p)
{
	struct tp_diags live;
	char *capture;
	int err;

	tp_diags_init(&live);
	err = tp_tree_open(NULL, &p->tree, &live);
	capture = err == ENOENT ? shipped_capture() : NULL;
	if (!capture) {
		tp_diags_flush(&live, stderr);
		tp_diags_fini(&live);
		return err;
	}
	tp_diags_fini(&live);
	err = tp_tree_open(capture, &p->tree, &p->diags);
	if (!err)
		fallback_said(p, capture);
	if (!err && p->opts.exact)
		err = ENOENT;
	free(capture);
	return err;
}

enum tp_exit tp_pipeline_open(struct tp_pipeline *p)
{
	const struct tp_pipeline_opts *o = &p->opts;
	int err;

	if (o->nformats)
		err = tp_tree_from_files(o->formats, o->nformats, o->group,
					 &p->tree, &p->diags);
	else if (o->tracefs || o->no_fallback)
		err = tp_tree_open(o->tracefs, &p->tree, &p->diags);
	else
		err = open_live(p);
	if (!err) {
		p->kernel = tp_tree_kernel(p->tree);
		if (!p->kernel)
			err = ENOMEM;
	}
	/* Said once, wherever the tree found memory short. */
	if (err == ENOMEM && !p->diags.oom)
		tp_oom(&p->diags, NULL);
	/* A bad header_page is an input error, but events can still be
	 * read with this host's sizes. */
	p->input_errors |= tp_pipeline_flush(p);
	return err || p->diags.oom ? TP_EXIT_SYSTEM : TP_EXIT_OK;
}

/* TPGEN_THREADS: how many threads look at and parse format files (0 or
 * unset: one a CPU online). */
static unsigned threads_wanted(void)
{
	const char *env = getenv("TPGEN_THREADS");
	char *end;
	unsigned long v;

	if (!env || !*env)
		return 0;
	v = strtoul(env, &end, 10);
	return *end || v > 1024 ? 0 : (unsigned)v;
}

/* Starts the threads for n events, as many as are worth it, before their
 * format files are looked at: a thread that is slow to start then holds
 * up that, not the parse. */
static void start_pool(struct tp_pipeline *p, size_t n)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = threads_wanted();
	size_t most = n / EVENTS_PER_THREAD;

	if (p->pool)
		return;
	if (!threads)
		threads = cpus > 0 ? (unsigned)cpus : 1;
	if (threads > TP_PIPELINE_MAX_THREADS)
		threads = TP_PIPELINE_MAX_THREADS;
	if (threads > most)
		threads = most ? (unsigned)most : 1;
	p->pool = tp_pool_new(threads);
}

enum tp_exit tp_pipeline_select(struct tp_pipeline *p, char **sel,
				size_t nsel, bool load, size_t **idx,
				size_t *n)
{
	static char every[] = "*";
	char *all[] = { every };
	struct tp_diags first;
	long dropped = 0;
	enum tp_exit rc;
	int err;

	rc = tp_pipeline_open(p);
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
	err = tp_select(p->tree, sel, nsel, idx, n, &first);
	if (!err || err == ENOENT) {
		start_pool(p, err ? p->tree->nrefs : *n);
		dropped = tp_tree_check(p->tree, err ? NULL : *idx,
					err ? 0 : *n, load && !err, p->pool,
					&p->diags);
	}
	if (dropped) {
		free(*idx);
		*idx = NULL;
		*n = 0;
		tp_diags_fini(&first);
		tp_diags_init(&first);
	}
	if (dropped > 0)
		err = tp_select(p->tree, sel, nsel, idx, n, &first);
	tp_pipeline_flush(p);
	tp_diags_flush(&first, stderr);
	if (first.oom)
		p->diags.oom = true;
	if (p->diags.oom)
		err = ENOMEM;
	tp_diags_fini(&first);
	if (dropped < 0)
		return dropped == -ENOMEM ?
		       tp_pipeline_fail(p, "selecting events", ENOMEM) :
		       TP_EXIT_SYSTEM;
	if (err == ENOMEM)
		return tp_pipeline_fail(p, "selecting events", err);
	return err ? TP_EXIT_NOMATCH : TP_EXIT_OK;
}

enum tp_exit tp_pipeline_check_all(struct tp_pipeline *p)
{
	enum tp_exit rc = tp_pipeline_open(p);

	if (rc)
		return rc;
	start_pool(p, p->tree->nrefs);
	if (tp_tree_check(p->tree, NULL, 0, false, p->pool, &p->diags) < 0) {
		tp_pipeline_flush(p);
		return TP_EXIT_SYSTEM;
	}
	return TP_EXIT_OK;
}

/* One event's outcome of the parse, kept apart until it is taken in the
 * selection's order. */
struct parsed {
	struct tp_source *src;  /* its text, which diags refer to */
	struct tp_event *ev;    /* NULL when it did not parse (see diags) */
	struct tp_layout layout;
	int err;                /* 0, or ENOMEM from the layout */
	struct tp_diags diags;
	struct tp_text text;    /* with render: where its text is */
};

struct parse_job {
	struct tp_pipeline *p;
	const size_t *idx;
	enum tp_print_use use;
	tp_render_fn *render;
	struct parsed *out;
};

/* Events are taken one at a time: a slow one (a large print fmt) holds
 * up one thread, not a share of the list.  Each is rendered where it was
 * laid out, into the buffer of its thread, while it is in the cache. */
static void parse_one(void *arg, size_t i, unsigned thread)
{
	const struct parse_job *j = arg;
	struct tp_tree *tree = j->p->tree;
	struct parsed *o = &j->out[i];
	struct tp_event_ref *ref = &tree->refs[j->idx[i]];
	struct tp_naming naming = { .pattern = j->p->opts.struct_name };

	tp_diags_init(&o->diags);
	o->ev = tp_tree_parse(tree, ref, j->use, &o->diags, &o->src);
	if (!o->ev)
		return;
	tp_event_fit(o->ev);
	naming.ambiguous = tp_tree_name_shared(tree, o->ev->name);
	o->err = tp_layout_build(o->ev, &naming, &o->layout);
	if (!o->err && j->render) {
		struct tp_buf *buf = &j->p->texts[thread];

		o->text.buf = thread;
		o->text.off = tp_buf_pos(buf);
		j->render(buf, &o->layout);
		o->text.len = tp_buf_pos(buf) - o->text.off;
	}
}

/* Takes one event's outcome, in the selection's order: its messages,
 * then the event and its layout when they are whole.  Returns 0 or
 * ENOMEM. */
static int take(struct tp_pipeline *p, struct parsed *o,
		const struct tp_event_ref *ref)
{
	int err = 0;

	/* Only a depfile lists them. */
	if (p->opts.list_inputs &&
	    tp_paths_add(&p->inputs, ref->data ? p->tree->events : ref->path))
		err = ENOMEM;
	p->input_errors |= tp_diags_flush(&o->diags, stderr) > 0;
	/* Out of memory is no error of the input's: the run fails, and
	 * it was said. */
	if (o->diags.oom) {
		p->diags.oom = true;
		err = ENOMEM;
	}
	if (o->ev && o->err)
		err = o->err;
	if (o->ev && !err) {
		p->text[p->n] = o->text;
		p->events[p->n] = o->ev;
		p->layouts[p->n++] = o->layout;
		o->ev = NULL;
	}
	if (o->ev) {
		if (!o->err)
			tp_layout_fini(&o->layout);
		tp_event_free(o->ev);
	}
	tp_diags_fini(&o->diags);
	tp_source_free(o->src);
	return err;
}

bool tp_reserved_stem(const char *stem)
{
	static const char *const names[] = {
		"tpgen_record", "tpgen_loader", "tpgen_reloc", "tpgen_program",
		"tpgen", "all", "clean", "Makefile",
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
static bool names_repeat(const struct tp_pipeline *p)
{
	char **v = malloc((p->n + 1) * sizeof(*v));
	bool repeat = !v;
	size_t i, round;

	for (round = 0; v && round < 2 && !repeat; round++) {
		for (i = 0; i < p->n; i++)
			v[i] = round ? p->layouts[i].stem : p->layouts[i].tag;
		qsort(v, p->n, sizeof(*v), cmp_names);
		for (i = 1; i < p->n && !repeat; i++)
			repeat = strcmp(v[i - 1], v[i]) == 0;
	}
	free(v);
	return repeat;
}

/* The errors of the events after a that share a name with it. */
static bool same_names(struct tp_pipeline *p, size_t i)
{
	const struct tp_layout *a = &p->layouts[i];
	bool clash = false;
	size_t j;

	for (j = i + 1; j < p->n; j++) {
		const struct tp_layout *b = &p->layouts[j];
		bool tag = strcmp(a->tag, b->tag) == 0;

		if (!tag && strcmp(a->stem, b->stem) != 0)
			continue;
		tp_error(&p->diags, NULL, NULL, "%s/%s and %s/%s would have "
			 "the same %s '%s'", a->ev->group, a->ev->name,
			 b->ev->group, b->ev->name,
			 tag ? "struct" : "file name", tag ? a->tag : a->stem);
		clash = true;
	}
	return clash;
}

/* Two events must not give one name to two structs or files, and no
 * event may take a name the folder's shared files or Makefile use. */
bool tp_pipeline_names_clash(struct tp_pipeline *p)
{
	bool clash = false, repeat = names_repeat(p);
	size_t i;

	for (i = 0; i < p->n; i++) {
		const struct tp_layout *a = &p->layouts[i];

		if (tp_reserved_stem(a->stem)) {
			tp_error(&p->diags, NULL, NULL, "%s/%s would be "
				 "written as '%s', a name the output folder "
				 "needs for itself", a->ev->group, a->ev->name,
				 a->stem);
			clash = true;
		}
		/* Which pairs, in order, only when there are some. */
		if (repeat)
			clash |= same_names(p, i);
	}
	if (clash)
		tp_note(&p->diags, NULL, NULL, "name one event's files with "
			"--name, its struct with --struct-name, or select "
			"fewer events");
	tp_pipeline_flush(p);
	return clash;
}

enum tp_exit tp_pipeline_parse(struct tp_pipeline *p, char **sel,
			       size_t nsel, enum tp_print_use use,
			       tp_render_fn *render)
{
	struct parse_job j = { .p = p, .use = use, .render = render };
	size_t *idx, n, i;
	enum tp_exit rc;
	int err = 0;

	rc = tp_pipeline_select(p, sel, nsel, true, &idx, &n);
	if (rc)
		return rc;
	p->events = calloc(n ? n : 1, sizeof(*p->events));
	p->layouts = calloc(n ? n : 1, sizeof(*p->layouts));
	p->text = calloc(n ? n : 1, sizeof(*p->text));
	j.out = calloc(n ? n : 1, sizeof(*j.out));
	if (!p->events || !p->layouts || !p->text || !j.out) {
		free(j.out);
		free(idx);
		return tp_pipeline_fail(p, "laying out events", ENOMEM);
	}
	/* The header of an event of a million overlapping fields is five
	 * times the size of its format file: past a size, texts go to a
	 * file as they are made. */
	for (i = 0; i < TP_PIPELINE_MAX_THREADS; i++)
		p->texts[i].spill = TP_BUF_SPILL;
	/* In parallel, a few neighbours at a time, so that their texts
	 * follow each other in one thread's buffer and are read back and
	 * written as one piece; then taken in the selection's order, which
	 * is the order of the messages and of the output. */
	j.idx = idx;
	tp_pool_for(p->pool, n, 16, parse_one, &j);
	for (i = 0; i < TP_PIPELINE_MAX_THREADS; i++)
		if (p->texts[i].failed)
			err = ENOMEM;
	p->input_errors |= tp_pipeline_flush(p);
	for (i = 0; i < n; i++)
		if (take(p, &j.out[i], &p->tree->refs[idx[i]]))
			err = ENOMEM;
	free(j.out);
	free(idx);
	/* header_page sized the longs. */
	if (!err && p->opts.list_inputs && p->tree->header_src &&
	    tp_paths_add(&p->inputs, p->tree->archive ? p->tree->events :
			 p->tree->header_src->name))
		err = ENOMEM;
	if (err)
		return tp_pipeline_fail(p, "laying out events", err);
	return tp_pipeline_names_clash(p) ? TP_EXIT_INPUT : TP_EXIT_OK;
}

void tp_pipeline_drop_unwritable(struct tp_pipeline *p)
{
	size_t i, kept = 0;

	for (i = 0; i < p->n; i++) {
		if (tp_emit_check(&p->layouts[i], &p->diags)) {
			tp_layout_fini(&p->layouts[i]);
			tp_event_free(p->events[i]);
			p->input_errors = true;
			continue;
		}
		p->layouts[kept] = p->layouts[i];
		p->events[kept++] = p->events[i];
	}
	p->n = kept;
	tp_pipeline_flush(p);
}

void tp_pipeline_fini(struct tp_pipeline *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		tp_layout_fini(&p->layouts[i]);
		tp_event_free(p->events[i]);
	}
	free(p->layouts);
	free(p->events);
	free(p->text);
	for (i = 0; i < TP_PIPELINE_MAX_THREADS; i++)
		tp_buf_fini(&p->texts[i]);
	tp_paths_fini(&p->inputs);
	tp_diags_fini(&p->diags);
	tp_pool_free(p->pool);
	tp_tree_free(p->tree);
	free(p->kernel);
}
