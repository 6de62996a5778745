/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Golden parse trees of print fmts: every .format file in
 * tests/fixtures/printfmt/
 * (real events and hand-made ones) is parsed, and its tree, or what was
 * not understood and where, must equal the .tree beside it
 * (TPGEN_REGEN=1 rewrites them; review the diff).
 */
#include "config.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "tests.h"

static glob_t cases;

START_TEST(matches_golden_tree)
{
	const char *path = cases.gl_pathv[_i];
	const char *rel = strstr(path, "printfmt/");
	struct tp_event *ev = parse_fixture(rel, NULL);
	char *got = NULL, *golden, *want;
	size_t got_len = 0;
	struct tp_source *src;
	FILE *out = open_memstream(&got, &got_len);

	ck_assert_ptr_nonnull(ev->print);
	tp_print_write_tree(out, ev->print);
	fclose(out);
	ck_assert_int_ge(asprintf(&golden, "%.*s.tree",
				  (int)(strlen(path) - strlen(".format")),
				  path), 0);
	if (getenv("TPGEN_REGEN")) {
		out = fopen(golden, "w");
		ck_assert_ptr_nonnull(out);
		fwrite(got, 1, got_len, out);
		fclose(out);
	}
	ck_assert_msg(tp_source_read(golden, NULL, &src) == 0,
		      "no golden file %s", golden);
	want = src->text;
	ck_assert_msg(got_len == src->len && memcmp(got, want, got_len) == 0,
		      "%s: tree differs from %s:\n--- got\n%s--- want\n%s",
		      rel, golden, got, want);
	tp_source_free(src);
	tp_event_free(ev);
	free(golden);
	free(got);
}
END_TEST

/* The format string's escapes are decoded and literals concatenated. */
START_TEST(format_string)
{
	struct tp_event *ev = parse_fixture("printfmt/operators.format", NULL);

	ck_assert_uint_eq(ev->print->format_len, 19);
	ck_assert_int_eq(memcmp(ev->print->format, "%s %d %c %lu %dx\tAA",
				19), 0);
	ck_assert_uint_eq(ev->print->nargs, 5);
	ck_assert_ptr_null(ev->print->problem);
	tp_event_free(ev);
}
END_TEST

static void free_cases(void)
{
	globfree(&cases);
}

Suite *print_suite(void)
{
	Suite *s = suite_create("print");
	TCase *tc = tcase_create("print fmt");

	if (glob(FIXTURES "/printfmt/*.format", 0, NULL, &cases) != 0) {
		fprintf(stderr, "no print fmt fixtures\n");
		exit(1);
	}
	atexit(free_cases);
	tcase_add_loop_test(tc, matches_golden_tree, 0, (int)cases.gl_pathc);
	tcase_add_test(tc, format_string);
	suite_add_tcase(s, tc);
	return s;
}
