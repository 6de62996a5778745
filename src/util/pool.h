/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A few threads kept for a command's parallel loops: looking at every
 * format file picked, then parsing them.  Started once, as soon as the
 * command knows it has enough events, so that a thread's late start (on
 * this kind of machine a new thread can wait milliseconds for a CPU)
 * falls on the first loop's work instead of holding up the parse.
 */
#ifndef TPGEN_POOL_H
#define TPGEN_POOL_H

#include <stddef.h>

struct tp_pool;

/* The most threads a pool has, the caller's included. */
#define TP_POOL_MAX_THREADS 64

/* fn's work for item i, on thread number t (0: the caller's). */
typedef void tp_pool_fn(void *arg, size_t i, unsigned t);

/*
 * Starts threads - 1 helpers (the caller is the other one); 0 means one
 * thread a CPU online.  NULL when one thread is asked for or none could
 * be started: every tp_pool function takes NULL as one thread, the
 * caller's.  To tp_pool_free().
 */
struct tp_pool *tp_pool_new(unsigned threads);

/* How many threads run a loop: the helpers and the caller. */
unsigned tp_pool_threads(const struct tp_pool *p);

/*
 * Calls fn(arg, i, t) once for each i < n, on the helpers and on the
 * caller, and returns when every call has returned.  Items are handed
 * out chunk at a time, in order, to whichever thread is free: a helper
 * that starts late takes what is left.  Not reentrant: one loop at a
 * time, from one thread.
 */
void tp_pool_for(struct tp_pool *p, size_t n, size_t chunk, tp_pool_fn *fn,
		 void *arg);

/* Stops and joins the helpers; NULL is fine. */
void tp_pool_free(struct tp_pool *p);

#endif
