/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * CPUS{...} on a __data_loc cpumask_t, as runtime/tpgen_filter.bpf.h
 * tests it, here on the host: the kernel's IPI events are the only ones
 * with a cpumask, and a machine of two CPUs sends them none to compare
 * with.  The BPF helpers it calls read memory here.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "tests.h"

static long read_here(void *dst, __u32 size, const void *src)
{
	memcpy(dst, src, size);
	return 0;
}

static long loop_here(__u32 n, long (*step)(__u32, void *), void *arg,
		      __u64 flags)
{
	__u32 i;

	(void)flags;
	for (i = 0; i < n && !step(i, arg); i++)
		;
	return i;
}

#define bpf_probe_read_kernel read_here
#define bpf_loop loop_here
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "tpgen_filter.bpf.h"
#pragma GCC diagnostic pop

/* A record of the cpumask words, its __data_loc word at offset 8. */
struct record {
	__u32 head[2];
	__u32 loc;
	__u32 pad;
	__u64 mask[3];
};

static int test(const __u64 *mask, __u32 words, int how, const __u64 *m,
		__u32 n)
{
	struct record r = { .loc = (__u32)(words * 8) << 16 | 16 };

	memcpy(r.mask, mask, words * 8);
	return tpgen_cpumask(&r, 8, how, m, n);
}

START_TEST(cpumask_field)
{
	static const __u64 one[] = { 0x2 }, two[] = { 0x3 }, none[] = { 0 };
	static const __u64 far[] = { 0x2, 0x1 }, far_only[] = { 0, 0x1 };
	static const __u64 rec1[] = { 0x2 }, rec2[] = { 0x2, 0x0 };
	static const __u64 rec2_far[] = { 0x2, 0x1 }, rec_other[] = { 0x1 };

	/* The same CPUs. */
	ck_assert(test(rec1, 1, TPGEN_EQ, one, 1));
	ck_assert(!test(rec1, 1, TPGEN_NE, one, 1));
	ck_assert(test(rec1, 1, TPGEN_HAS, one, 1));
	/* The record's mask longer, with no CPU more. */
	ck_assert(test(rec2, 2, TPGEN_EQ, one, 1));
	/* More or other CPUs. */
	ck_assert(!test(rec1, 1, TPGEN_EQ, two, 1));
	ck_assert(test(rec1, 1, TPGEN_NE, two, 1));
	ck_assert(test(rec1, 1, TPGEN_HAS, two, 1));
	ck_assert(!test(rec2_far, 2, TPGEN_EQ, one, 1));
	ck_assert(test(rec2_far, 2, TPGEN_NE, one, 1));
	ck_assert(test(rec2_far, 2, TPGEN_HAS, one, 1));
	ck_assert(!test(rec_other, 1, TPGEN_HAS, one, 1));
	ck_assert(!test(rec_other, 1, TPGEN_EQ, one, 1));
	/* The list longer than the record's mask. */
	ck_assert(!test(rec1, 1, TPGEN_EQ, far, 2));
	ck_assert(test(rec1, 1, TPGEN_HAS, far, 2));
	ck_assert(!test(rec1, 1, TPGEN_HAS, far_only, 2));
	ck_assert(test(rec2_far, 2, TPGEN_EQ, far, 2));
	/* An empty list: equal to no CPU, meets none. */
	ck_assert(!test(rec1, 1, TPGEN_HAS, none, 1));
	ck_assert(test(rec1, 1, TPGEN_NE, none, 1));
}
END_TEST

Suite *cpumask_suite(void)
{
	Suite *s = suite_create("cpumask");
	TCase *tc = tcase_create("field");

	tcase_add_test(tc, cpumask_field);
	suite_add_tcase(s, tc);
	return s;
}
