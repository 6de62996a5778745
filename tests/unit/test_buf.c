/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The text buffer headers are written into: the same bytes as stdio,
 * spilled to a temporary file or not. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tests.h"

/* Pieces of every kind and size, some past several doublings at once,
 * and a printf() that exactly fills the room left (its NUL needs one
 * byte more): what a memstream gets from the same calls.  With spill
 * set, the buffer holds at most about that much at a time, the rest in
 * its temporary file, and gives all of it back in one piece. */
static void check_same_as_stdio(size_t spill, bool spills)
{
	struct tp_buf b = { .spill = spill };
	char *want = NULL, *got, big[9000];
	size_t want_len = 0, i, most = 0;
	FILE *f = open_memstream(&want, &want_len);

	ck_assert_ptr_nonnull(f);
	memset(big, 'x', sizeof(big));
	for (i = 0; i < 40; i++) {
		size_t n = (i * 997) % sizeof(big);

		tp_buf_add(&b, big, n);
		fwrite(big, 1, n, f);
		tp_buf_adds(&b, "piece");
		fputs("piece", f);
		tp_buf_addc(&b, (char)('a' + i % 26));
		fputc('a' + (int)(i % 26), f);
		tp_buf_printf(&b, "[%zu %s %.*s]", i, "p", (int)(n % 5000),
			      big);
		fprintf(f, "[%zu %s %.*s]", i, "p", (int)(n % 5000), big);
		most = b.len > most ? b.len : most;
	}
	/* Fill to ten bytes short of the end, then print ten. */
	ck_assert(tp_buf_reserve(&b, 100));
	while (b.cap - b.len > 10) {
		size_t n = b.cap - b.len - 10;

		n = n < sizeof(big) ? n : sizeof(big);
		tp_buf_add(&b, big, n);
		fwrite(big, 1, n, f);
	}
	tp_buf_printf(&b, "%s", "0123456789");
	fputs("0123456789", f);
	fclose(f);
	ck_assert(!b.failed);
	ck_assert_uint_eq(tp_buf_pos(&b), want_len);
	ck_assert(spills == (b.spilled > 0));
	/* What is held stays within the room that spill and the largest
	 * piece need, doubled as it grows. */
	if (spills)
		ck_assert_uint_le(most, 2 * (spill + sizeof(big)));
	got = buf_text(&b, 0, want_len);
	ck_assert(memcmp(got, want, want_len) == 0);
	free(got);
	free(want);
	tp_buf_fini(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(tp_buf_pos(&b), 0);
}

START_TEST(same_as_stdio)
{
	check_same_as_stdio(0, false);
}
END_TEST

START_TEST(spilled_same_as_stdio)
{
	check_same_as_stdio(4096, true);
}
END_TEST

/* A piece as big as the spill goes straight to the file, first or not:
 * a template value of megabytes is never copied into memory again. */
START_TEST(big_piece_not_held)
{
	const size_t n = 1 << 20;
	struct tp_buf b = { .spill = 4096 };
	char *big = malloc(n), *got;
	size_t i;

	ck_assert_ptr_nonnull(big);
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	tp_buf_add(&b, big, n);
	tp_buf_adds(&b, "mid");
	tp_buf_add(&b, big, n);
	ck_assert(!b.failed);
	ck_assert_uint_lt(b.cap, n);
	ck_assert_uint_eq(tp_buf_pos(&b), 2 * n + 3);
	got = buf_text(&b, 0, 2 * n + 3);
	ck_assert(memcmp(got, big, n) == 0);
	ck_assert(memcmp(got + n, "mid", 3) == 0);
	ck_assert(memcmp(got + n + 3, big, n) == 0);
	free(got);
	tp_buf_fini(&b);
	free(big);
}
END_TEST

/* Without a folder for the temporary file, the buffer grows instead. */
START_TEST(no_room_to_spill)
{
	setenv("TMPDIR", "/nonexistent", 1);
	check_same_as_stdio(4096, false);
	unsetenv("TMPDIR");
}
END_TEST

/* After running out of memory nothing more is added, not even what
 * would fit: the text would have a hole. */
START_TEST(nothing_after_failure)
{
	struct tp_buf b = { 0 };

	tp_buf_adds(&b, "kept");
	ck_assert(!tp_buf_reserve(&b, (size_t)-1 / 2 + 2));
	ck_assert(b.failed);
	tp_buf_adds(&b, "x");
	tp_buf_addc(&b, 'y');
	tp_buf_printf(&b, "%d", 7);
	ck_assert_uint_eq(b.len, 4);
	ck_assert(memcmp(b.data, "kept", 4) == 0);
	tp_buf_fini(&b);
	ck_assert(!b.failed);
}
END_TEST

Suite *buf_suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, same_as_stdio);
	tcase_add_test(tc, spilled_same_as_stdio);
	tcase_add_test(tc, big_piece_not_held);
	tcase_add_test(tc, no_room_to_spill);
	tcase_add_test(tc, nothing_after_failure);
	suite_add_tcase(s, tc);
	return s;
}
