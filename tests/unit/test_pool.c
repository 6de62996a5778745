/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The thread pool: every item of every loop once, on a known thread. */
#include "config.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "pool.h"
#include "tests.h"

#define MOST 700

struct tally {
	atomic_uint seen[MOST];
	atomic_uint bad_thread;
	unsigned threads;
};

static void count(void *arg, size_t i, unsigned t)
{
	struct tally *c = arg;

	atomic_fetch_add(&c->seen[i], 1);
	if (t >= c->threads)
		atomic_fetch_add(&c->bad_thread, 1);
}

/* Loops of every size from none to more than the chunks, one after the
 * other on the same helpers: no item is missed or taken twice, and a
 * loop has ended, its last item counted, when tp_pool_for() returns. */
START_TEST(every_item_once)
{
	struct tp_pool *p = tp_pool_new(4);
	static struct tally c;
	size_t n, i, chunk;

	ck_assert_ptr_nonnull(p);
	c.threads = tp_pool_threads(p);
	ck_assert_uint_eq(c.threads, 4);
	for (n = 0; n < MOST; n += 7) {
		chunk = n % 40;  /* 0 is taken as 1 */
		for (i = 0; i < MOST; i++)
			atomic_store(&c.seen[i], 0);
		tp_pool_for(p, n, chunk, count, &c);
		for (i = 0; i < MOST; i++) {
			unsigned seen = atomic_load(&c.seen[i]);

			ck_assert_uint_eq(seen, i < n);
		}
	}
	n = atomic_load(&c.bad_thread);
	ck_assert_uint_eq(n, 0);
	tp_pool_free(p);
}
END_TEST

static void in_order(void *arg, size_t i, unsigned t)
{
	size_t *next = arg;

	ck_assert_uint_eq(t, 0);
	ck_assert_uint_eq(i, *next);
	*next = i + 1;
}

/* No pool is one thread, the caller's, taking the items in order; and
 * one thread asked for starts none. */
START_TEST(no_pool_is_the_caller)
{
	size_t next = 0;

	ck_assert_ptr_null(tp_pool_new(1));
	ck_assert_uint_eq(tp_pool_threads(NULL), 1);
	tp_pool_for(NULL, 100, 8, in_order, &next);
	ck_assert_uint_eq(next, 100);
	tp_pool_free(NULL);
}
END_TEST

Suite *pool_suite(void)
{
	Suite *s = suite_create("pool");
	TCase *tc = tcase_create("loops");

	tcase_add_test(tc, every_item_once);
	tcase_add_test(tc, no_pool_is_the_caller);
	suite_add_tcase(s, tc);
	return s;
}
