/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"

/* Fewer events than this a thread are not worth starting it for. */
#define EVENTS_PER_THREAD 64
/* A thread's texts past this go to a temporary file as they are made: the
 * header of an event of a million overlapping fields is five times the
 * size of its format file, and was in memory with the whole event. */
#define TEXT_SPILL TP_BUF_SPILL
#define MAX_THREADS TP_PARSE_MAX_THREADS

struct job {
	struct tp_tree *tree;
	const size_t *idx;
	size_t n;
	const struct tp_parse_opts *opts;
	struct tp_parsed *out;
	struct tp_texts *texts; /* with render: a buffer a thread */
};

/* Writes the event's text to the thread's buffer, remembering where,
 * then frees all but the names: here, on the thread, the memory is used
 * again for the next event, instead of growing until the end. */
static void render_one(const struct job *j, struct tp_parsed *p, unsigned t)
{
	struct tp_buf *buf = &j->texts->bufs[t];
	size_t start = tp_buf_pos(buf);

	j->opts->render(buf, &p->layout);
	p->text_buf = t;
	p->text_off = start;
	p->text_len = tp_buf_pos(buf) - start;
	p->rendered = true;
	tp_layout_shed(&p->layout);
	tp_event_shed(p->ev);
	if (!p->diags.n) {
		tp_source_free(p->src);
		p->src = NULL;
	}
}

static void parse_one(const struct job *j, size_t i, unsigned t)
{
	struct tp_parsed *p = &j->out[i];
	struct tp_event_ref *ref = &j->tree->refs[j->idx[i]];
	struct tp_naming naming = { .pattern = j->opts->pattern };

	p->ev = tp_tree_parse(j->tree, ref, j->opts->use, &p->diags, &p->src);
	if (!p->ev)
		return;
	/* A header's events are freed once written: only those kept to the
	 * end are worth the copy. */
	if (!j->opts->render)
		tp_event_fit(p->ev);
	naming.ambiguous = tp_tree_name_shared(j->tree, p->ev->name);
	p->err = tp_layout_build(p->ev, &naming, &p->layout);
	if (!p->err && j->opts->render)
		render_one(j, p, t);
}

/* Events are taken one at a time: a slow one (a large print fmt) holds
 * up one thread, not a share of the list. */
static void parse_item(void *arg, size_t i, unsigned t)
{
	parse_one(arg, i, t);
}

unsigned tp_parse_threads(size_t n, unsigned threads)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t most = n / EVENTS_PER_THREAD;

	if (!threads)
		threads = cpus > 0 ? (unsigned)cpus : 1;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	if (threads > most)
		threads = most ? (unsigned)most : 1;
	return threads;
}

/* Room in each thread's buffer for its share of the texts to be written
 * (at most what it holds before it spills), from the sizes of the format
 * files: growing a buffer of megabytes by
 * doubling copies it into new memory each time, and the kernel's faults
 * on those pages cost more than the copies.  Room never written to is
 * never given memory, so a generous guess costs only address space. */
static void reserve_texts(const struct job *j, unsigned threads)
{
	size_t i, in = 0, share;
	unsigned t;

	for (i = 0; i < j->n; i++) {
		const struct tp_event_ref *r = &j->tree->refs[j->idx[i]];

		in += r->loaded ? r->loaded->len : r->len;
	}
	share = in / threads;
	share = share > TEXT_SPILL / j->opts->render_ratio ? TEXT_SPILL :
		share * j->opts->render_ratio + 4096;
	/* A guess refused (address space is limited) is no error, and a
	 * buffer left short still grows as it fills. */
	for (t = 0; t < threads && t < MAX_THREADS; t++)
		if (!tp_buf_reserve(&j->texts->bufs[t], share))
			tp_buf_fini(&j->texts->bufs[t]);
}

void tp_parse_events(struct tp_tree *tree, const size_t *idx,
		     size_t n, const struct tp_parse_opts *opts,
		     struct tp_parsed *out, struct tp_texts *texts)
{
	struct job j = {
		.tree = tree, .idx = idx, .n = n, .opts = opts, .out = out,
		.texts = texts,
	};
	size_t i;

	for (i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		tp_diags_init(&out[i].diags);
	}
	if (opts->render) {
		memset(texts, 0, sizeof(*texts));
		for (i = 0; i < MAX_THREADS; i++)
			texts->bufs[i].spill = TEXT_SPILL;
		if (opts->render_ratio)
			reserve_texts(&j, tp_pool_threads(opts->pool));
	}
	tp_pool_for(opts->pool, n, 1, parse_item, &j);
	for (i = 0; opts->render && i < MAX_THREADS; i++)
		if (texts->bufs[i].failed)
			texts->err = ENOMEM;
}

void tp_texts_fini(struct tp_texts *texts)
{
	size_t t;

	for (t = 0; t < MAX_THREADS; t++)
		tp_buf_fini(&texts->bufs[t]);
	memset(texts, 0, sizeof(*texts));
}

void tp_parsed_fini(struct tp_parsed *p)
{
	if (p->ev) {
		if (!p->err)
			tp_layout_fini(&p->layout);
		tp_event_free(p->ev);
	}
	tp_diags_fini(&p->diags);
	tp_source_free(p->src);
	memset(p, 0, sizeof(*p));
}
