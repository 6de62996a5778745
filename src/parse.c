/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"

/* Fewer events than this a thread are not worth starting it for. */
#define EVENTS_PER_THREAD 64
#define MAX_THREADS 64

struct job {
	const struct tp_tree *tree;
	const size_t *idx;
	size_t n;
	const char *pattern;
	enum tp_print_use use;
	struct tp_parsed *out;
	atomic_size_t next; /* the next event to take */
};

static void parse_one(const struct job *j, size_t i)
{
	struct tp_parsed *p = &j->out[i];
	const struct tp_event_ref *ref = &j->tree->refs[j->idx[i]];
	struct tp_naming naming = { .pattern = j->pattern };

	p->ev = tp_tree_parse(j->tree, ref, j->use, &p->diags, &p->src);
	if (!p->ev)
		return;
	naming.ambiguous = tp_tree_name_shared(j->tree, p->ev->name);
	p->err = tp_layout_build(p->ev, &naming, &p->layout);
}

/* Takes events one at a time until none is left: a slow one (a large
 * print fmt) holds up one thread, not a share of the list. */
static void *worker(void *arg)
{
	struct job *j = arg;
	size_t i;

	while ((i = atomic_fetch_add(&j->next, 1)) < j->n)
		parse_one(j, i);
	return NULL;
}

static unsigned how_many(size_t n, unsigned threads)
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

void tp_parse_events(const struct tp_tree *tree, const size_t *idx,
		     size_t n, enum tp_print_use use, const char *pattern,
		     unsigned threads, struct tp_parsed *out)
{
	struct job j = {
		.tree = tree, .idx = idx, .n = n, .pattern = pattern,
		.use = use, .out = out,
	};
	pthread_t tid[MAX_THREADS];
	unsigned want = how_many(n, threads), started = 0, t;
	size_t i;

	for (i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		tp_diags_init(&out[i].diags);
	}
	atomic_init(&j.next, 0);
	/* This thread is one of them; a thread that cannot start leaves its
	 * share to the others. */
	for (t = 1; t < want; t++)
		if (pthread_create(&tid[started], NULL, worker, &j) == 0)
			started++;
	worker(&j);
	for (t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
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
