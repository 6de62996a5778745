/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Breaking long lines of generated C: where, how the next line lines up,
 * and what is never broken. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cwrap.h"
#include "tests.h"

static void check_wrap(const char *in, const char *want)
{
	struct tp_buf out = { 0 };

	tp_c_wrap(&out, in, strlen(in));
	tp_buf_addc(&out, '\0');
	ck_assert(!out.failed);
	ck_assert_str_eq(out.data, want);
	tp_buf_fini(&out);
}

START_TEST(short_lines_kept)
{
	check_wrap("\tfputs(\" prev_pid=\", o->f);\n\n(void)rec;",
		   "\tfputs(\" prev_pid=\", o->f);\n\n(void)rec;");
}
END_TEST

/* In the fewest parentheses first, each continuation under the
 * parenthesis it is in; commas, ? and : inside strings are not breaks,
 * also where the walk that found the first break had gone into a string
 * (the second line). */
START_TEST(breaks_outermost_first)
{
	check_wrap("\tfprintf(o->f, \"%s\", ((ctx->isa == 1) ? "
		   "tpgen_flags(o->scratch, sizeof(o->scratch), \", ? : \", "
		   "table_2, (unsigned long long)(ctx->exit_code & 65535)) : "
		   "\"\"));\n",
		   "\tfprintf(o->f, \"%s\",\n"
		   "\t\t((ctx->isa == 1) ?\n"
		   "\t\t tpgen_flags(o->scratch, sizeof(o->scratch), "
		   "\", ? : \", table_2,\n"
		   "\t\t\t     (unsigned long long)"
		   "(ctx->exit_code & 65535)) :\n"
		   "\t\t \"\"));\n");
}
END_TEST

START_TEST(logical_operators)
{
	check_wrap("\tfprintf(o->f, \"%s\", (((ctx->root >= (__u64)(-9)) || "
		   "((ctx->root >= 1) && (ctx->root <= 8))) ? \"a\" : \"-\"));",
		   "\tfprintf(o->f, \"%s\",\n"
		   "\t\t(((ctx->root >= (__u64)(-9)) ||\n"
		   "\t\t  ((ctx->root >= 1) && (ctx->root <= 8))) ? "
		   "\"a\" : \"-\"));");
}
END_TEST

/* A declaration with no comma, whose names are long, is broken after
 * its parenthesis, the rest one tab in; where that would not move the
 * rest to the left, it stays whole. */
START_TEST(long_names_after_paren)
{
	check_wrap("int handle_btrfs_ordered_extent_lookup_first_range("
		   "struct tpgen__btrfs__btrfs_ordered_extent_lookup_first_range"
		   " *ctx)\n{\n",
		   "int handle_btrfs_ordered_extent_lookup_first_range(\n"
		   "\tstruct tpgen__btrfs__btrfs_ordered_extent_lookup_first_range"
		   " *ctx)\n{\n");
	check_wrap("\tprog_fd = bpf_program__fd(skel->progs.handle_btrfs_"
		   "ordered_extent_lookup_first_range);",
		   "\tprog_fd = bpf_program__fd(\n\t\tskel->progs.handle_btrfs_"
		   "ordered_extent_lookup_first_range);");
}
END_TEST

/* A line with no place to break stays as it is; comments and the
 * preprocessor's lines, continued ones too, are never broken. */
START_TEST(unbreakable_kept)
{
	const char *in =
		"\tfputs(\"a string too long to fit on one line of eighty "
		"columns, even with nothing else\");\n"
		"/* a comment, which is prose, longer than eighty columns, "
		"stays whole as it is */\n"
		"#define TPGEN_X(a, b) (a, b, a, b, a, b, a, b, a, b, a, b, "
		"a, b, a, b, a, b, a, b, a, b)\n"
		"#define TPGEN_Y(a, b) \\\n"
		"\tf(a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, "
		"b, a, b, a, b, a, b)\n";

	check_wrap(in, in);
}
END_TEST

Suite *cwrap_suite(void)
{
	Suite *s = suite_create("cwrap");
	TCase *tc = tcase_create("lines");

	tcase_add_test(tc, short_lines_kept);
	tcase_add_test(tc, breaks_outermost_first);
	tcase_add_test(tc, logical_operators);
	tcase_add_test(tc, long_names_after_paren);
	tcase_add_test(tc, unbreakable_kept);
	suite_add_tcase(s, tc);
	return s;
}
