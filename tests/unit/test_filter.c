/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Event filters: what the kernel takes is taken, with the meaning it has
 * there (field kinds, numbers at 64 bits, classes of ~ patterns), and
 * what it refuses is refused with a message that says why.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcgen.h"
#include "filter.h"
#include "layout.h"
#include "tests.h"

#define WAKING "tree/events/rt/sched_waking/format"
#define OPENAT "tree/events/syscalls/sys_enter_openat/format"
#define DATALOC "tree/events/dynamic/data_loc/format"
#define BOUNDS "tree/events/arrays/bounds/format"

/* The filter text checked against the event of fixture rel: the
 * messages, as printed; the tree when it was taken. */
static struct tp_filter *try(const char *rel, const char *text, char **msgs)
{
	struct tp_event *ev = parse_fixture(rel, NULL);
	struct tp_source *src = tp_source_from_mem("", text, strlen(text));
	struct tp_loc all = { 0, strlen(text) };
	struct tp_filter *f;
	struct tp_diags d;
	size_t len = 0;
	FILE *out = open_memstream(msgs, &len);

	ck_assert_ptr_nonnull(src);
	ck_assert_ptr_nonnull(out);
	tp_diags_init(&d);
	f = tp_filter_parse(src, &all, &d);
	if (f && tp_filter_check(f, ev, src, &d)) {
		tp_filter_free(f);
		f = NULL;
	}
	tp_diags_flush(&d, out);
	fclose(out);
	tp_diags_fini(&d);
	/* The checked tree points into the event: keep neither. */
	if (f) {
		tp_filter_free(f);
		f = (struct tp_filter *)1;
	}
	tp_source_free(src);
	tp_event_free(ev);
	return f;
}

static const struct {
	const char *event, *filter;
	const char *first; /* the first line printed; NULL: taken */
	const char *note;  /* a note that must follow, or NULL */
	bool warned;       /* taken, with first as the warning */
} cases[] = {
	/* Taken. */
	{ WAKING, "pid == 1", NULL, NULL, false },
	{ WAKING, "pid != 1 && prio < 120 || target_cpu >= 1", NULL, NULL,
	  false },
	{ WAKING, "!(pid == 1 || pid == 2)", NULL, NULL, false },
	{ WAKING, "!pid == 1 && !(prio > 2)", NULL, NULL, false },
	{ WAKING, "pid==1&&prio>=2", NULL, NULL, false },
	{ WAKING, "comm == \"bash\" || comm != 'sh'", NULL, NULL, false },
	{ WAKING, "comm ~ \"ba*\" && comm ~ \"*sh\"", NULL, NULL, false },
	{ WAKING, "COMM == 'x' && CPU < 2 && cpu != 1", NULL, NULL, false },
	{ WAKING, "common_pid == 0x10 && common_flags & 4", NULL, NULL, false },
	{ WAKING, "pid == -1 || pid == 010 || pid > -0x7f", NULL, NULL, false },
	{ OPENAT, "filename ~ \"/etc/*\" && dfd == 0xffffff9c", NULL, NULL,
	  false },
	{ OPENAT, "filename.ustring == \"/etc/hostname\"", NULL, NULL, false },
	{ DATALOC, "name ~ \"*x*\" && bytes == 0", NULL, NULL, false },
	/* Taken, and never true, as in the kernel. */
	{ BOUNDS, "saddr == 1", "tpgen: warning: 'saddr' is 28 bytes: the "
	  "kernel's filter never matches it, and tpgen's does the same",
	  NULL, true },
	{ WAKING, "CPU & 1", "tpgen: warning: the kernel's filter never "
	  "matches 'CPU & N', and tpgen's does the same", NULL, true },
	/* Refused where the kernel refuses, and said why. */
	{ WAKING, "  ", "tpgen: error: the filter is empty", NULL, false },
	{ WAKING, " 0 ", "tpgen: error: '0' clears a filter in tracefs; to "
	  "keep every event, give no filter", NULL, false },
	{ WAKING, "pid", "tpgen: error: unexpected end in the filter, "
	  "expected an operator (==, !=, <, <=, >, >=, & or ~)", NULL, false },
	{ WAKING, "pid = 1", "tpgen: error: unexpected character '=' in "
	  "the filter", NULL, false },
	{ WAKING, "pdi == 1", "tpgen: error: no field 'pdi' in "
	  "sched_waking", "tpgen: note: did you mean 'pid'?", false },
	{ WAKING, "comm == bash", "tpgen: error: 'bash' is not a value: a "
	  "string goes between quotes (\"bash\"), a number starts with a "
	  "digit", NULL, false },
	{ WAKING, "comm < \"a\"", "tpgen: error: '<' does not compare "
	  "strings: 'comm' takes ==, != and ~", NULL, false },
	{ WAKING, "comm & 1", "tpgen: error: 'comm' is a string: the value "
	  "goes between quotes", NULL, false },
	{ WAKING, "pid == \"1\"", "tpgen: error: 'pid' is a number: the "
	  "value cannot be a string", NULL, false },
	{ WAKING, "pid ~ 1", "tpgen: error: '~' matches strings, and 'pid' "
	  "is a number", NULL, false },
	{ WAKING, "common_flags == -1", "tpgen: error: 'common_flags' is "
	  "unsigned: the kernel takes no negative number for it", NULL, false },
	{ OPENAT, "dfd == -100", "tpgen: error: 'dfd' is unsigned: the "
	  "kernel takes no negative number for it", NULL, false },
	{ WAKING, "pid == 08", "tpgen: error: '08' is not a number "
	  "(decimal, 0x hex or 0 octal)", NULL, false },
	{ WAKING, "pid == 1e3", "tpgen: error: '1e3' is not a number "
	  "(decimal, 0x hex or 0 octal)", NULL, false },
	{ WAKING, "pid == 9223372036854775808", "tpgen: error: "
	  "9223372036854775808 past the range of a signed 64-bit number",
	  NULL, false },
	{ WAKING, "comm == \"abc", "tpgen: error: no closing \" for this "
	  "string (the kernel has no escapes in a filter's strings)", NULL,
	  false },
	{ WAKING, "pid.foo == 1", "tpgen: error: unknown suffix '.foo': a "
	  "field takes .ustring (a string in user memory) or .function",
	  NULL, false },
	{ WAKING, "pid == (1)", "tpgen: error: unexpected '(' in the "
	  "filter, expected number, string, word or CPU list", NULL, false },
	{ WAKING, "(pid == 1", "tpgen: error: unexpected end in the filter, "
	  "expected '&&', '||' or ')'", NULL, false },
	{ WAKING, "pid == 1 &&", "tpgen: error: unexpected end in the "
	  "filter, expected '!', field name or '('", NULL, false },
	{ WAKING, "&& pid == 1", "tpgen: error: unexpected '&&' in the "
	  "filter, expected '!', field name or '('", NULL, false },
	{ WAKING, "pid == 1 pid == 2", "tpgen: error: unexpected field name "
	  "in the filter, expected '&&', '||' or the end", NULL, false },
	{ WAKING, "pid == 1)", "tpgen: error: unexpected ')' in the filter, "
	  "expected '&&', '||' or the end", NULL, false },
	{ WAKING, "pid == 1 & prio == 2", "tpgen: error: unexpected '&' in "
	  "the filter, expected '&&', '||' or the end", "tpgen: note: '&&' "
	  "joins predicates; '&' tests a field's bits (flags & 0x4)", false },
	{ WAKING, "1 == pid", "tpgen: error: '1' is no field: a predicate "
	  "puts its field first (FIELD OP VALUE)", NULL, false },
	/* NAME.function: an 8-byte field, == or !=, an address or a name
	 * up to the next blank. */
	{ OPENAT, "filename.function == do_sys_open || filename.function != "
	  "0xffffffff81000010", NULL, NULL, false },
	{ OPENAT, "(filename.function == foo.cold.1 )", NULL, NULL, false },
	{ WAKING, "pid.function == 1", "tpgen: error: 'pid.function' tests an "
	  "address, of 8 bytes: 'pid' is not one", NULL, false },
	{ OPENAT, "filename.function >= x", "tpgen: error: '>=' does not test "
	  "a function: .function takes == and != only", NULL, false },
	{ OPENAT, "filename.function == \"kfree\"", "tpgen: error: the kernel "
	  "reads a function's name without quotes: filename.function == "
	  "kfree", NULL, false },
	{ OPENAT, "(filename.function == kfree)", "tpgen: error: no function "
	  "is named 'kfree)': the kernel reads the name up to the next blank, "
	  "so put one after it", NULL, false },
	{ OPENAT, "filename.function == 0x1g", "tpgen: error: '0x1g' is not an "
	  "address (0x hex, decimal or 0 octal)", NULL, false },
	/* CPUS{LIST}: on numbers, CPU and cpumasks, with ==, != and &. */
	{ WAKING, "target_cpu & CPUS{0-3,8} && CPU == CPUS{1} || pid != "
	  "CPUS{ 0-7:2/4 }", NULL, NULL, false },
	{ WAKING, "comm & CPUS{1}", "tpgen: error: CPUS{...} tests a CPU "
	  "number or a cpumask, and 'comm' is a string", NULL, false },
	{ WAKING, "pid > CPUS{1}", "tpgen: error: '>' does not compare CPU "
	  "lists: CPUS{...} takes ==, != and & (has one of them)", NULL, false },
	{ WAKING, "pid & CPUS{}", "tpgen: error: an empty CPU list: the kernel "
	  "takes none", NULL, false },
	{ WAKING, "pid & CPUS{0-N}", "tpgen: error: tpgen takes no N or \"all\" "
	  "in a CPU list: the kernel counts them from its own CPUs, which "
	  "differ from one machine to the next; name the CPUs (0-3)", NULL,
	  false },
	{ WAKING, "pid & CPUS{3-1}", "tpgen: error: not a CPU list: CPUs (0 to "
	  "8191) as CPU, FIRST-LAST or FIRST-LAST:USED/SIZE, parted by commas",
	  NULL, false },
	{ WAKING, "pid & CPUS{1:1/2}", "tpgen: error: not a CPU list: CPUs (0 "
	  "to 8191) as CPU, FIRST-LAST or FIRST-LAST:USED/SIZE, parted by "
	  "commas", NULL, false },
	{ WAKING, "pid & CPUS{0,8192}", "tpgen: error: not a CPU list: CPUs (0 "
	  "to 8191) as CPU, FIRST-LAST or FIRST-LAST:USED/SIZE, parted by "
	  "commas", NULL, false },
};

START_TEST(kernel_verdicts)
{
	char *msgs = NULL;
	struct tp_filter *f = try(cases[_i].event, cases[_i].filter, &msgs);
	size_t first = strcspn(msgs, "\n");

	if (!cases[_i].first || cases[_i].warned)
		ck_assert_msg(f != NULL, "'%s' refused:\n%s",
			      cases[_i].filter, msgs);
	else
		ck_assert_msg(f == NULL, "'%s' taken", cases[_i].filter);
	if (!cases[_i].first) {
		ck_assert_msg(!*msgs, "'%s': %s", cases[_i].filter, msgs);
	} else {
		ck_assert_msg(first == strlen(cases[_i].first) &&
			      strncmp(msgs, cases[_i].first, first) == 0,
			      "'%s':\n%s--- wanted first\n%s", cases[_i].filter,
			      msgs, cases[_i].first);
	}
	if (cases[_i].note)
		ck_assert_msg(strstr(msgs, cases[_i].note), "'%s': no note "
			      "'%s' in\n%s", cases[_i].filter, cases[_i].note,
			      msgs);
	free(msgs);
}
END_TEST

/* A CPU list's CPUs, as the kernel's bitmap_parselist() sets them. */
START_TEST(cpu_lists)
{
	static const char text[] = "pid & CPUS{0-7:2/4, 64,100-101,}";
	struct tp_event *ev = parse_fixture(WAKING, NULL);
	struct tp_source *src = tp_source_from_mem("", text, strlen(text));
	struct tp_loc all = { 0, strlen(text) };
	struct tp_filter *f;
	struct tp_diags d;

	tp_diags_init(&d);
	f = tp_filter_parse(src, &all, &d);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(tp_filter_check(f, ev, src, &d), 0);
	/* Checked again, as for each event of a program: the same. */
	ck_assert_int_eq(tp_filter_check(f, ev, src, &d), 0);
	ck_assert_uint_eq(f->cpus_words, 2);
	ck_assert_uint_eq(f->cpus_weight, 7);
	ck_assert_uint_eq(f->cpus_last, 101);
	ck_assert_uint_eq(f->cpus[0], 0x33);
	ck_assert_uint_eq(f->cpus[1], 1 | 3ULL << 36);
	tp_filter_free(f);
	tp_diags_fini(&d);
	tp_source_free(src);
	tp_event_free(ev);
}
END_TEST

/* What the checked tree says of a predicate: its field's kind, its
 * number, its pattern's class. */
START_TEST(predicates_resolved)
{
	static const struct {
		const char *event, *filter;
		enum tp_filter_field type;
		unsigned long long num;
		enum tp_filter_match match;
		const char *pattern;
		bool inverted;
	} want[] = {
		{ WAKING, "pid == -2", TP_FF_NUMBER, (unsigned long long)-2,
		  TP_FM_FULL, NULL, false },
		{ WAKING, "pid == 0x1f", TP_FF_NUMBER, 31, TP_FM_FULL, NULL,
		  false },
		{ WAKING, "comm ~ \"ba*\"", TP_FF_STATIC_STR, 0, TP_FM_PREFIX,
		  "ba", false },
		{ WAKING, "comm ~ \"*sh\"", TP_FF_STATIC_STR, 0, TP_FM_SUFFIX,
		  "sh", false },
		{ WAKING, "comm ~ \"*as*\"", TP_FF_STATIC_STR, 0, TP_FM_SUBSTR,
		  "as", false },
		{ WAKING, "comm ~ \"b?sh\"", TP_FF_STATIC_STR, 0, TP_FM_GLOB,
		  "b?sh", false },
		{ WAKING, "comm ~ \"*a*b\"", TP_FF_STATIC_STR, 0, TP_FM_GLOB,
		  "*a*b", false },
		{ WAKING, "comm ~ \"!bash\"", TP_FF_STATIC_STR, 0, TP_FM_FULL,
		  "bash", true },
		{ WAKING, "comm ~ \"9sl*\"", TP_FF_STATIC_STR, 0, TP_FM_FULL,
		  "9sl*", false },
		{ WAKING, "comm ~ \"*\"", TP_FF_STATIC_STR, 0, TP_FM_SUFFIX,
		  "", false },
		{ WAKING, "COMM ~ \"x*\"", TP_FF_COMM, 0, TP_FM_PREFIX, "x",
		  false },
		{ WAKING, "CPU == 1", TP_FF_CPU, 1, TP_FM_FULL, NULL, false },
		{ OPENAT, "filename == \"/a\"", TP_FF_PTR_STR, 0, TP_FM_FULL,
		  NULL, false },
		{ DATALOC, "name == \"x\"", TP_FF_DYN_STR, 0, TP_FM_FULL, NULL,
		  false },
		{ DATALOC, "bytes == 1", TP_FF_NUMBER, 1, TP_FM_FULL, NULL,
		  false },
	};
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct tp_event *ev = parse_fixture(want[i].event, NULL);
		const char *text = want[i].filter;
		struct tp_source *src = tp_source_from_mem("", text,
							   strlen(text));
		struct tp_loc all = { 0, strlen(text) };
		struct tp_filter *f;
		struct tp_diags d;

		tp_diags_init(&d);
		f = tp_filter_parse(src, &all, &d);
		ck_assert_msg(f && !tp_filter_check(f, ev, src, &d), "%s",
			      text);
		ck_assert_int_eq(f->kind, TP_FILTER_PRED);
		ck_assert_msg(f->type == want[i].type, "%s: type %d", text,
			      f->type);
		if (!want[i].pattern) {
			ck_assert_msg(f->num == want[i].num, "%s: %llu", text,
				      f->num);
		} else {
			ck_assert_msg(f->match == want[i].match, "%s: class %d",
				      text, f->match);
			ck_assert_uint_eq(f->pattern_len,
					  strlen(want[i].pattern));
			ck_assert(memcmp(f->pattern, want[i].pattern,
					 f->pattern_len) == 0);
			ck_assert(f->inverted == want[i].inverted);
		}
		tp_filter_free(f);
		tp_diags_fini(&d);
		tp_source_free(src);
		tp_event_free(ev);
	}
}
END_TEST

/* '!' binds tightest, then &&, then ||. */
START_TEST(precedence)
{
	const char *text = "!a == 1 && b == 2 || c == 3";
	struct tp_source *src = tp_source_from_mem("", text, strlen(text));
	struct tp_loc all = { 0, strlen(text) };
	struct tp_filter *f, *and;
	struct tp_diags d;

	tp_diags_init(&d);
	f = tp_filter_parse(src, &all, &d);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->kind, TP_FILTER_OR);
	and = f->kids[0];
	ck_assert_int_eq(and->kind, TP_FILTER_AND);
	ck_assert_int_eq(and->kids[0]->kind, TP_FILTER_NOT);
	ck_assert_str_eq(and->kids[0]->kids[0]->name, "a");
	ck_assert_str_eq(and->kids[1]->name, "b");
	ck_assert_str_eq(f->kids[1]->name, "c");
	tp_filter_free(f);
	tp_diags_fini(&d);
	tp_source_free(src);
}
END_TEST

/* Numbers and logic compiled to C: each predicate through TPGEN_CMP or
 * TPGEN_BITS by the member's name, the constant at 64 bits; CPU through
 * the helper; what the kernel never matches, 0. */
START_TEST(compiled)
{
	static const struct {
		const char *event, *filter, *c;
	} want[] = {
		{ WAKING, "pid == 1", "TPGEN_CMP(ctx, sign, pid, ==, 1)" },
		{ WAKING, "pid < -2 && !(prio >= 0x10) || common_pid & 4",
		  "((TPGEN_CMP(ctx, sign, pid, <, -2LL) && "
		  "!TPGEN_CMP(ctx, sign, prio, >=, 16)) || "
		  "TPGEN_BITS_AS((__s32)bpf_get_current_pid_tgid(), 32, 4))" },
		{ WAKING, "CPU != 1", "TPGEN_CMP_AS("
		  "(__s32)bpf_get_smp_processor_id(), 32, 1, !=, 1)" },
		{ WAKING, "common_type == 65535", "TPGEN_CMP_AS("
		  "tpgen_event_type, 48, 0, ==, 65535)" },
		{ BOUNDS, "saddr == 1 || CPU & 1", "(0 || 0)" },
		{ WAKING, "comm ~ \"ba*\" && COMM != 'x\"\\'",
		  "(TPGEN_MATCH(TPGEN_TEXT(ctx, comm), TPGEN_PREFIX, \"ba\") && "
		  "TPGEN_MATCH(tpgen_text_comm(), TPGEN_FULL | TPGEN_NOT, "
		  "\"x\\\"\\\\\"))" },
		{ WAKING, "comm ~ \"!*a?\"", "TPGEN_MATCH(TPGEN_TEXT(ctx, comm), "
		  "TPGEN_GLOB | TPGEN_NOT, \"*a?\")" },
	};
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct tp_event *ev = parse_fixture(want[i].event, NULL);
		const char *text = want[i].filter;
		struct tp_source *src = tp_source_from_mem("", text,
							   strlen(text));
		struct tp_loc all = { 0, strlen(text) };
		struct tp_naming naming = { 0 };
		struct tp_buf out = { 0 };
		struct tp_reloc r;
		struct tp_layout l;
		struct tp_filter *f;
		struct tp_diags d;

		tp_diags_init(&d);
		ck_assert_int_eq(tp_layout_build(ev, &naming, &l), 0);
		ck_assert_int_eq(tp_reloc_init(&r, &l), 0);
		f = tp_filter_parse(src, &all, &d);
		ck_assert_msg(f && !tp_filter_check(f, ev, src, &d), "%s",
			      text);
		ck_assert_int_eq(tp_filter_c(&out, f, &r, src, &d), 0);
		tp_buf_addc(&out, '\0');
		ck_assert_str_eq(out.data, want[i].c);
		tp_buf_fini(&out);
		tp_filter_free(f);
		tp_reloc_fini(&r);
		tp_layout_fini(&l);
		tp_diags_fini(&d);
		tp_source_free(src);
		tp_event_free(ev);
	}
}
END_TEST

Suite *filter_suite(void)
{
	Suite *s = suite_create("filter");
	TCase *tc = tcase_create("filter");

	tcase_add_loop_test(tc, kernel_verdicts, 0,
			    sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, predicates_resolved);
	tcase_add_test(tc, cpu_lists);
	tcase_add_test(tc, precedence);
	tcase_add_test(tc, compiled);
	suite_add_tcase(s, tc);
	return s;
}
