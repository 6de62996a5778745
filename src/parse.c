/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"

/* Fewer events than this a thread are not worth starting it for. */
#define EVENTS_PER_THREAD 64
#define MAX_THREADS TP_PARSE_MAX_THREADS

struct job {
	const struct tp_tree *tree;
	const size_t *idx;
	size_t n;
	const struct tp_parse_opts *opts;
	struct tp_parsed *out;
	struct tp_texts *texts;
	/* With render: each thread's stream, into its buffer in texts. */
	FILE *streams[MAX_THREADS];
	struct sink {
		char **buf;
		size_t *len, cap;
	} sinks[MAX_THREADS];
};

/*
 * The streams' write function: appends to a buffer that doubles.  Not
 * open_memstream(): glibc copies what is written to one a byte at a time
 * in pieces of up to 20 bytes, most of a header's pieces, where an
 * ordinary stream buffers them with memcpy and hands them over here in
 * blocks (50 M instructions of 640 M for this machine's events).
 */
static ssize_t sink_write(void *cookie, const char *data, size_t n)
{
	struct sink *s = cookie;

	if (s->cap - *s->len < n) {
		size_t cap = s->cap ? s->cap : 64 * 1024;
		char *buf;

		while (cap - *s->len < n && cap <= SIZE_MAX / 2)
			cap *= 2;
		buf = cap - *s->len < n ? NULL : realloc(*s->buf, cap);
		if (!buf)
			return -1;
		*s->buf = buf;
		s->cap = cap;
	}
	memcpy(*s->buf + *s->len, data, n);
	*s->len += n;
	return (ssize_t)n;
}

static FILE *sink_open(struct sink *s, char **buf, size_t *len)
{
	static const cookie_io_functions_t io = { .write = sink_write };
	FILE *f;

	s->buf = buf;
	s->len = len;
	f = fopencookie(s, "w", io);
	/* One thread writes it: each of the many small writes need not take
	 * the stream's lock, which with threads running is an atomic. */
	if (f)
		__fsetlocking(f, FSETLOCKING_BYCALLER);
	return f;
}

/* Writes the event's text to the thread's stream, remembering where,
 * then frees all but the names: here, on the thread, the memory is used
 * again for the next event, instead of growing until the end. */
static void render_one(const struct job *j, struct tp_parsed *p, unsigned t)
{
	FILE *f = j->streams[t];
	size_t start = *j->sinks[t].len; /* flushed after the last event */

	j->opts->render(f, &p->layout);
	fflush(f);
	p->text_buf = t;
	p->text_off = start;
	p->text_len = *j->sinks[t].len - start;
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
	const struct tp_event_ref *ref = &j->tree->refs[j->idx[i]];
	struct tp_naming naming = { .pattern = j->opts->pattern };

	p->ev = tp_tree_parse(j->tree, ref, j->opts->use, &p->diags, &p->src);
	if (!p->ev)
		return;
	naming.ambiguous = tp_tree_name_shared(j->tree, p->ev->name);
	p->err = tp_layout_build(p->ev, &naming, &p->layout);
	if (!p->err && j->streams[t])
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

/* Closes the streams and points each text into its buffer. */
static void texts_done(struct job *j, unsigned want)
{
	struct tp_texts *texts = j->texts;
	unsigned t;
	size_t i;

	for (t = 0; t < want; t++) {
		FILE *f = j->streams[t];

		if (f && (ferror(f) | fclose(f)))
			texts->err = ENOMEM;
	}
	for (i = 0; i < j->n; i++) {
		struct tp_parsed *p = &j->out[i];

		if (p->rendered)
			p->text = texts->buf[p->text_buf] + p->text_off;
	}
}

void tp_parse_events(const struct tp_tree *tree, const size_t *idx,
		     size_t n, const struct tp_parse_opts *opts,
		     struct tp_parsed *out, struct tp_texts *texts)
{
	struct job j = {
		.tree = tree, .idx = idx, .n = n, .opts = opts, .out = out,
		.texts = texts,
	};
	unsigned want = tp_pool_threads(opts->pool), t;
	size_t i;

	for (i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		tp_diags_init(&out[i].diags);
	}
	if (opts->render) {
		memset(texts, 0, sizeof(*texts));
		for (t = 0; t < want; t++) {
			j.streams[t] = sink_open(&j.sinks[t], &texts->buf[t],
						 &texts->len[t]);
			/* Its events are laid out but not written. */
			if (!j.streams[t])
				texts->err = ENOMEM;
		}
	}
	tp_pool_for(opts->pool, n, 1, parse_item, &j);
	if (opts->render)
		texts_done(&j, want);
}

void tp_texts_fini(struct tp_texts *texts)
{
	size_t t;

	for (t = 0; t < MAX_THREADS; t++)
		free(texts->buf[t]);
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
