/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "pool.h"

struct helper {
	struct tp_pool *pool;
	unsigned t;
};

struct tp_pool {
	pthread_mutex_t lock;
	pthread_cond_t work;  /* helpers wait here for a loop, or the end */
	pthread_cond_t done;  /* the caller waits here for the helpers */
	unsigned long loops;  /* how many were posted: a new one is news */
	bool open;            /* the last loop still takes helpers */
	bool stop;
	unsigned busy;        /* helpers inside the last loop */
	/* The last loop, set before it is posted. */
	tp_pool_fn *fn;
	void *arg;
	size_t n, chunk;
	atomic_size_t next;
	/* The CPUs the process may run on, which a helper started away
	 * from the caller's CPU (steer) takes back once it runs. */
	cpu_set_t cpus;
	bool steer;
	unsigned helpers;
	pthread_t tid[TP_POOL_MAX_THREADS - 1];
	struct helper h[TP_POOL_MAX_THREADS - 1];
};

/* Takes chunks of the loop until none is left. */
static void run(struct tp_pool *p, unsigned t)
{
	size_t i, end;

	while ((i = atomic_fetch_add(&p->next, p->chunk)) < p->n) {
		end = p->n - i < p->chunk ? p->n : i + p->chunk;
		for (; i < end; i++)
			p->fn(p->arg, i, t);
	}
}

static void *helper(void *arg)
{
	struct helper *h = arg;
	struct tp_pool *p = h->pool;
	unsigned long seen = 0;

	if (p->steer)
		pthread_setaffinity_np(pthread_self(), sizeof(p->cpus),
				       &p->cpus);
	pthread_mutex_lock(&p->lock);
	for (;;) {
		/* A loop closed before this helper got to it is not news. */
		while (!p->stop && (p->loops == seen || !p->open))
			pthread_cond_wait(&p->work, &p->lock);
		if (p->stop)
			break;
		seen = p->loops;
		p->busy++;
		pthread_mutex_unlock(&p->lock);
		run(p, h->t);
		pthread_mutex_lock(&p->lock);
		if (--p->busy == 0)
			pthread_cond_signal(&p->done);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/*
 * Makes attr start threads on a CPU other than the caller's, when there
 * is one.  A new thread is often put on its creator's CPU, busy, and
 * then waits there for milliseconds (up to 4 on the CI machine, in 3
 * starts of 8) before it is moved to an idle one; started elsewhere it
 * runs within 0.2 ms.  The helper then gives itself every CPU back.
 */
static bool steer_away(struct tp_pool *p, pthread_attr_t *attr)
{
	cpu_set_t others;
	int cpu = sched_getcpu();

	if (cpu < 0 || sched_getaffinity(0, sizeof(p->cpus), &p->cpus) != 0)
		return false;
	others = p->cpus;
	if (cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &others) ||
	    CPU_COUNT(&others) < 2)
		return false;
	CPU_CLR(cpu, &others);
	return pthread_attr_setaffinity_np(attr, sizeof(others),
					   &others) == 0;
}

struct tp_pool *tp_pool_new(unsigned threads)
{
	sigset_t all, before;
	pthread_attr_t attr;
	struct tp_pool *p;
	unsigned t;

	if (!threads) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);

		threads = cpus > 0 ? (unsigned)cpus : 1;
	}
	if (threads > TP_POOL_MAX_THREADS)
		threads = TP_POOL_MAX_THREADS;
	if (threads < 2)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	atomic_init(&p->next, 0);
	if (pthread_attr_init(&attr) != 0) {
		tp_pool_free(p);
		return NULL;
	}
	p->steer = steer_away(p, &attr);
	/* The helpers block every signal sent to the process, which they
	 * inherit: one sent to tpgen goes to the caller, which blocks those
	 * that would stop it in the middle of writing its output
	 * (tp_output_hold()).  Not those a fault raises in the thread. */
	sigfillset(&all);
	sigdelset(&all, SIGSEGV);
	sigdelset(&all, SIGBUS);
	sigdelset(&all, SIGFPE);
	sigdelset(&all, SIGILL);
	sigdelset(&all, SIGTRAP);
	sigdelset(&all, SIGSYS);
	pthread_sigmask(SIG_SETMASK, &all, &before);
	/* A helper that cannot start leaves its share to the others. */
	for (t = 1; t < threads; t++) {
		struct helper *h = &p->h[p->helpers];

		h->pool = p;
		h->t = p->helpers + 1;
		if (pthread_create(&p->tid[p->helpers], &attr, helper, h) == 0)
			p->helpers++;
	}
	pthread_sigmask(SIG_SETMASK, &before, NULL);
	pthread_attr_destroy(&attr);
	if (!p->helpers) {
		tp_pool_free(p);
		return NULL;
	}
	return p;
}

unsigned tp_pool_threads(const struct tp_pool *p)
{
	return p ? p->helpers + 1 : 1;
}

void tp_pool_for(struct tp_pool *p, size_t n, size_t chunk, tp_pool_fn *fn,
		 void *arg)
{
	size_t i;

	if (!p) {
		for (i = 0; i < n; i++)
			fn(arg, i, 0);
		return;
	}
	pthread_mutex_lock(&p->lock);
	p->fn = fn;
	p->arg = arg;
	p->n = n;
	p->chunk = chunk ? chunk : 1;
	atomic_store(&p->next, 0);
	p->loops++;
	p->open = true;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->lock);
	run(p, 0);
	/* No helper joins from here on; those in it finish their chunk. */
	pthread_mutex_lock(&p->lock);
	p->open = false;
	while (p->busy)
		pthread_cond_wait(&p->done, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

void tp_pool_free(struct tp_pool *p)
{
	unsigned t;

	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->lock);
	for (t = 0; t < p->helpers; t++)
		pthread_join(p->tid[t], NULL);
	pthread_cond_destroy(&p->done);
	pthread_cond_destroy(&p->work);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
