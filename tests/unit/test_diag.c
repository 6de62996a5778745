/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Golden diagnostics: every tests/fixtures/bad/NAME.format is parsed and
 * what tpgen reports, caret lines included, must equal NAME.err.  The
 * event must fail to parse exactly when the golden holds an error.
 *
 * TPGEN_REGEN=1 rewrites the golden files from the current output; review
 * the diff before committing it.
 */
#include "config.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "source.h"
#include "tests.h"

#define BAD FIXTURES "/bad/"

static glob_t cases;

static char *slurp(const char *path, size_t *len)
{
	struct tp_source *src;
	char *text;

	if (tp_source_read(path, NULL, &src))
		return NULL;
	text = src->text;
	*len = src->len;
	src->text = NULL;
	tp_source_free(src);
	return text;
}

START_TEST(matches_golden)
{
	const struct tp_target target = { 8, 4080 };
	const char *path = cases.gl_pathv[_i];
	const char *name = strrchr(path, '/') + 1;
	char *shown, *got = NULL, *golden, *want;
	size_t got_len = 0, want_len = 0;
	struct tp_source *src;
	struct tp_event *ev;
	struct tp_diags d;
	FILE *out;

	ck_assert_int_ge(asprintf(&shown, "bad/%s", name), 0);
	ck_assert_int_eq(tp_source_read(path, shown, &src), 0);
	tp_diags_init(&d);
	ev = tp_format_parse(src, TP_FORMAT_EVENT, &target, &d);
	out = open_memstream(&got, &got_len);
	ck_assert_ptr_nonnull(out);
	tp_diags_flush(&d, out);
	fclose(out);

	ck_assert_int_ge(asprintf(&golden, "%.*s.err",
				  (int)(strlen(path) - strlen(".format")),
				  path), 0);
	if (getenv("TPGEN_REGEN")) {
		out = fopen(golden, "w");
		ck_assert_ptr_nonnull(out);
		fwrite(got, 1, got_len, out);
		fclose(out);
	}
	want = slurp(golden, &want_len);
	ck_assert_msg(want != NULL, "no golden file %s", golden);
	ck_assert_msg(got_len == want_len && memcmp(got, want, got_len) == 0,
		      "%s: diagnostics differ from %s:\n--- got\n%s--- want\n%s",
		      name, golden, got, want);
	ck_assert_msg((ev == NULL) == (strstr(want, ": error: ") != NULL),
		      "%s: parse result disagrees with the golden errors",
		      name);
	ck_assert_msg(got_len > 0, "%s: nothing reported", name);

	tp_event_free(ev);
	tp_diags_fini(&d);
	tp_source_free(src);
	free(shown);
	free(got);
	free(golden);
	free(want);
}
END_TEST

/* The caret lines up under tabs, and only the first line of a span is
 * underlined. */
START_TEST(caret)
{
	static const char text[] = "\tfield:\tint x;\nint y;\n";
	struct tp_source *src = tp_source_from_mem("m", text, sizeof(text) - 1);
	struct tp_loc loc = { 8, 11 }, two_lines = { 12, 18 };
	struct tp_diags d;
	char *got = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);

	tp_diags_init(&d);
	ck_assert_int_eq(tp_error(&d, src, &loc, "bad %s", "int"), -1);
	tp_warn(&d, src, &two_lines, "two lines");
	tp_warn(&d, NULL, NULL, "no source");
	ck_assert_uint_eq(tp_diags_flush(&d, out), 1);
	fclose(out);
	ck_assert_str_eq(got, "m:1:9: error: bad int\n"
			      "\tfield:\tint x;\n"
			      "\t      \t^~~\n"
			      "m:1:13: warning: two lines\n"
			      "\tfield:\tint x;\n"
			      "\t      \t    ^~\n"
			      "tpgen: warning: no source\n");
	ck_assert_uint_eq(d.errors, 0);
	tp_diags_fini(&d);
	tp_source_free(src);
	free(got);
}
END_TEST

/* Lines are found when first asked for: the last one counts without a
 * newline, an empty one after a final newline counts, and a NUL is part
 * of its line. */
START_TEST(source_lines)
{
	static const struct {
		const char *text;
		size_t len, nlines;
		unsigned n;      /* a line to ask for */
		const char *want; /* its text, NULL for none */
		size_t want_len;
	} texts[] = {
		{ "", 0, 1, 1, "", 0 },
		{ "", 0, 1, 2, NULL, 0 },
		{ "a", 1, 1, 1, "a", 1 },
		{ "a\n", 2, 2, 2, "", 0 },
		{ "a\nbc\nd", 6, 3, 2, "bc", 2 },
		{ "a\nbc\nd", 6, 3, 3, "d", 1 },
		{ "a\nbc\nd", 6, 3, 0, NULL, 0 },
		{ "x\0y\nz", 5, 2, 1, "x\0y", 3 },
		{ "\n\n\n", 3, 4, 3, "", 0 },
	};
	size_t i, len;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct tp_source *src = tp_source_from_mem("m", texts[i].text,
							   texts[i].len);
		const char *line;

		ck_assert_ptr_nonnull(src);
		/* Asked for before the count, then the count, then again. */
		line = tp_source_line(src, texts[i].n, &len);
		ck_assert_uint_eq(tp_source_nlines(src), texts[i].nlines);
		ck_assert(line == tp_source_line(src, texts[i].n, &len));
		if (!texts[i].want) {
			ck_assert_ptr_null(line);
		} else {
			ck_assert_ptr_nonnull(line);
			ck_assert_uint_eq(len, texts[i].want_len);
			ck_assert_mem_eq(line, texts[i].want, len);
		}
		tp_source_free(src);
	}
}
END_TEST

/* An offset's line and column: the first byte of each line is its column
 * 1, a newline ends its line, and the end of the text is on the last
 * line, after its last byte. */
START_TEST(source_locate)
{
	static const char text[] = "ab\n\ncd";
	static const struct {
		size_t at;
		unsigned line, column;
	} want[] = {
		{ 0, 1, 1 }, { 1, 1, 2 }, { 2, 1, 3 }, { 3, 2, 1 },
		{ 4, 3, 1 }, { 5, 3, 2 }, { 6, 3, 3 }, { 99, 3, 3 },
	};
	struct tp_source *src = tp_source_from_mem("m", text, sizeof(text) - 1);
	size_t i;

	ck_assert_ptr_nonnull(src);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		unsigned line, column;

		tp_source_locate(src, want[i].at, &line, &column);
		ck_assert_uint_eq(line, want[i].line);
		ck_assert_uint_eq(column, want[i].column);
	}
	tp_source_free(src);
}
END_TEST

/* Past the error limit, an error's notes go with it. */
START_TEST(notes_follow_dropped_errors)
{
	struct tp_diags d;
	char *got = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);
	unsigned i;

	tp_diags_init(&d);
	d.max_errors = 2;
	for (i = 1; i <= 3; i++) {
		tp_error(&d, NULL, NULL, "error %u", i);
		tp_note(&d, NULL, NULL, "note %u", i);
	}
	tp_warn(&d, NULL, NULL, "warning");
	tp_note(&d, NULL, NULL, "note 4");
	ck_assert_uint_eq(tp_diags_flush(&d, out), 2);
	fclose(out);
	ck_assert_str_eq(got, "tpgen: error: error 1\ntpgen: note: note 1\n"
			      "tpgen: error: error 2\ntpgen: note: note 2\n"
			      "tpgen: warning: warning\ntpgen: note: note 4\n"
			      "tpgen: note: too many errors (2); the rest were "
			      "not reported\n");
	tp_diags_fini(&d);
	free(got);
}
END_TEST

static void free_cases(void)
{
	globfree(&cases);
}

Suite *diag_suite(void)
{
	Suite *s = suite_create("diag");
	TCase *tc = tcase_create("golden");

	if (glob(BAD "*.format", 0, NULL, &cases) != 0 || !cases.gl_pathc) {
		fprintf(stderr, "no fixtures in %s\n", BAD);
		exit(1);
	}
	atexit(free_cases);
	tcase_add_loop_test(tc, matches_golden, 0, (int)cases.gl_pathc);
	tcase_add_test(tc, caret);
	tcase_add_test(tc, source_lines);
	tcase_add_test(tc, source_locate);
	tcase_add_test(tc, notes_follow_dropped_errors);
	suite_add_tcase(s, tc);
	return s;
}
