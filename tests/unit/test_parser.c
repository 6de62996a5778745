/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The parser against one fixture per item of QUIRKS.md: each test checks the
 * model the item must produce, not merely that parsing succeeds.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "print.h"
#include "source.h"
#include "tests.h"

#define EV(path) "tree/events/" path "/format"

static const struct tp_target target32 = { 4, 4084 };

/* Checks offset, size, signed, common and kind in one line. */
static void expect(const struct tp_field *f, unsigned offset, unsigned size,
		   bool is_signed, bool common, enum tp_field_kind kind)
{
	ck_assert_uint_eq(f->offset, offset);
	ck_assert_uint_eq(f->size, size);
	ck_assert_int_eq(f->is_signed, is_signed);
	ck_assert_int_eq(f->common, common);
	ck_assert_str_eq(tp_field_kind_name(f->kind), tp_field_kind_name(kind));
}

START_TEST(xdp_exception)
{
	struct tp_event *ev = parse_fixture(EV("xdp/xdp_exception"), NULL);

	ck_assert_str_eq(ev->name, "xdp_exception");
	ck_assert_int_eq(ev->id, 584);
	ck_assert_uint_eq(ev->nfields, 7);
	expect(field(ev, "common_type", 0), 0, 2, false, true, TP_FIELD_SCALAR);
	expect(field(ev, "common_pid", 0), 4, 4, true, true, TP_FIELD_SCALAR);
	expect(field(ev, "prog_id", 0), 8, 4, true, false, TP_FIELD_SCALAR);
	expect(field(ev, "act", 0), 12, 4, false, false, TP_FIELD_SCALAR);
	ck_assert_str_eq(field(ev, "act", 0)->type, "u32");
	ck_assert_str_eq(field(ev, "act", 0)->decl, "u32 act");
	ck_assert_ptr_nonnull(strstr(ev->print_fmt, "__print_symbolic(REC->act"));
	ck_assert_int_eq(ev->print_fmt[0], '"');
	ck_assert_uint_eq(tp_event_fixed_size(ev), 20);
	tp_event_free(ev);
}
END_TEST

START_TEST(spaces_instead_of_tabs)
{
	struct tp_event *ev = parse_fixture(EV("shape/spaces"), NULL);

	ck_assert_uint_eq(ev->nfields, 5);
	expect(field(ev, "ip", 0), 8, 8, false, false, TP_FIELD_SCALAR);
	ck_assert_str_eq(field(ev, "ip", 0)->type, "unsigned long");
	/* Blanks folded to one space. */
	ck_assert_str_eq(field(ev, "ip", 0)->decl, "unsigned long ip");
	tp_event_free(ev);
}
END_TEST

START_TEST(missing_signed)
{
	struct tp_event *ev = parse_fixture(EV("old/no_signed"), NULL);
	const struct tp_field *f = field(ev, "delta", 0);

	ck_assert(!f->has_signed);
	/* Inferred from the type when the file does not say. */
	expect(f, 16, 8, true, false, TP_FIELD_SCALAR);
	expect(field(ev, "cpu", 0), 24, 4, false, false, TP_FIELD_SCALAR);
	/* Old kernels' extra common field. */
	expect(field(ev, "common_lock_depth", 0), 8, 4, true, true,
	       TP_FIELD_SCALAR);
	tp_event_free(ev);
}
END_TEST

START_TEST(field_special)
{
	struct tp_event *ev = parse_fixture(EV("old/special"), NULL);

	ck_assert(field(ev, "common_type", 0)->special);
	ck_assert(field(ev, "common_pid", 0)->common);
	ck_assert(!field(ev, "buf", 0)->special);
	/* The old form of a flexible array: no brackets, size 0.  No
	 * "signed:", so the sign is char's on the machines that have these
	 * old kernels (x86). */
	expect(field(ev, "buf", 0), 8, 0, true, false, TP_FIELD_FLEX_ARRAY);
	ck_assert_uint_eq(field(ev, "buf", 0)->elem_size, 1);
	tp_event_free(ev);
}
END_TEST

START_TEST(header_page)
{
	struct tp_target host = TP_TARGET_HOST;
	struct tp_source *src;
	struct tp_event *hp;
	struct tp_diags d;

	ck_assert_int_eq(tp_source_read(FIXTURES "/tree/events/header_page",
					"header_page", &src), 0);
	tp_diags_init(&d);
	hp = tp_format_parse(src, TP_FORMAT_HEADER_PAGE, &host, &d);
	/* commit and overwrite overlap on purpose: no warning. */
	ck_assert_uint_eq(d.errors + d.warnings, 0);
	ck_assert_ptr_nonnull(hp);
	ck_assert_ptr_null(hp->name);
	ck_assert_uint_eq(hp->nfields, 4);
	expect(field(hp, "timestamp", 0), 0, 8, false, false, TP_FIELD_SCALAR);
	expect(field(hp, "commit", 0), 8, 8, true, false, TP_FIELD_SCALAR);
	expect(field(hp, "overwrite", 0), 8, 1, true, false, TP_FIELD_SCALAR);
	expect(field(hp, "data", 0), 16, 4080, false, false, TP_FIELD_SCALAR);
	tp_event_free(hp);
	tp_diags_fini(&d);
	tp_source_free(src);
}
END_TEST

START_TEST(no_own_fields)
{
	struct tp_event *ev = parse_fixture(EV("empty/no_fields"), NULL);
	size_t i;

	ck_assert_uint_eq(ev->nfields, 4);
	for (i = 0; i < ev->nfields; i++)
		ck_assert(ev->fields[i].common);
	ck_assert_str_eq(ev->print_fmt, "\"%s\", \"\"");
	tp_event_free(ev);
}
END_TEST

START_TEST(packed_hypervisor)
{
	struct tp_event *ev = parse_fixture(EV("kvm_hyp/packed"), NULL);

	ck_assert_uint_eq(ev->nfields, 4);
	expect(field(ev, "common_type", 0), 0, 2, false, true, TP_FIELD_SCALAR);
	expect(field(ev, "esr", 0), 2, 8, false, false, TP_FIELD_SCALAR);
	expect(field(ev, "ec", 0), 10, 4, false, false, TP_FIELD_SCALAR);
	ck_assert_uint_eq(tp_event_fixed_size(ev), 15);
	tp_event_free(ev);
}
END_TEST

START_TEST(rt_common_fields)
{
	struct tp_event *ev = parse_fixture(EV("rt/sched_waking"), NULL);

	/* Split by the blank line, not by the common_ prefix. */
	expect(field(ev, "common_migrate_disable", 0), 8, 1, false, true,
	       TP_FIELD_SCALAR);
	expect(field(ev, "common_preempt_lazy_count", 0), 9, 1, false, true,
	       TP_FIELD_SCALAR);
	/* The undeclared gap 10..12 stays a gap. */
	expect(field(ev, "comm", 0), 12, 16, true, false, TP_FIELD_ARRAY);
	tp_event_free(ev);

	ev = parse_fixture(EV("rt/common_padding"), NULL);
	expect(field(ev, "common_padding", 0), 8, 2, false, true,
	       TP_FIELD_SCALAR);
	expect(field(ev, "value", 0), 12, 4, true, false, TP_FIELD_SCALAR);
	tp_event_free(ev);
}
END_TEST

START_TEST(syscall_slots)
{
	struct tp_event *ev = parse_fixture(EV("syscalls/sys_enter_openat"),
					    NULL);
	const struct tp_field *dfd = field(ev, "dfd", 0);

	expect(field(ev, "__syscall_nr", 0), 8, 4, true, false,
	       TP_FIELD_SCALAR);
	/* Declared int, but 8 bytes and unsigned: the file is the truth. */
	expect(dfd, 16, 8, false, false, TP_FIELD_SCALAR);
	ck_assert_str_eq(dfd->type, "int");
	expect(field(ev, "filename", 0), 24, 8, false, false,
	       TP_FIELD_POINTER);
	ck_assert_str_eq(field(ev, "filename", 0)->type, "const char *");
	expect(field(ev, "mode", 0), 40, 8, false, false, TP_FIELD_SCALAR);
	tp_event_free(ev);
}
END_TEST

START_TEST(kernel_32bit)
{
	struct tp_event *ev = parse_fixture("tree32/events/kmem/kmalloc/format",
					    &target32);

	expect(field(ev, "call_site", 0), 8, 4, false, false, TP_FIELD_SCALAR);
	expect(field(ev, "ptr", 0), 12, 4, false, false, TP_FIELD_POINTER);
	tp_event_free(ev);

	ev = parse_fixture("tree32/events/block/block_rq/format", &target32);
	/* A u64 at an offset that is not a multiple of 8. */
	expect(field(ev, "sector", 0), 12, 8, false, false, TP_FIELD_SCALAR);
	/* long and pointer elements take the captured kernel's size. */
	ck_assert_uint_eq(field(ev, "addrs", 0)->elem_size, 4);
	ck_assert_uint_eq(field(ev, "addrs", 0)->elem_count, 4);
	ck_assert_uint_eq(field(ev, "ptrs", 0)->elem_size, 4);
	ck_assert_uint_eq(field(ev, "ptrs", 0)->elem_count, 2);
	ck_assert_str_eq(tp_field_array_expr(field(ev, "ptrs", 0)), "TWO");
	tp_event_free(ev);
}
END_TEST

START_TEST(kernel_bug_size)
{
	struct tp_event *ev = parse_fixture(EV("f2fs/bad_size"), NULL);
	const struct tp_field *nid = field(ev, "nid", 0);

	/* Kept as the file says, with a warning (see the diag suite). */
	expect(nid, 12, 4, false, false, TP_FIELD_ARRAY);
	ck_assert_uint_eq(nid->elem_count, 3);
	tp_event_free(ev);
}
END_TEST

START_TEST(overlapping_fields)
{
	struct tp_event *ev = parse_fixture(EV("vendor/overlap"), NULL);

	expect(field(ev, "word", 0), 8, 8, false, false, TP_FIELD_SCALAR);
	expect(field(ev, "low", 0), 8, 4, false, false, TP_FIELD_SCALAR);
	expect(field(ev, "high", 0), 12, 4, false, false, TP_FIELD_SCALAR);
	tp_event_free(ev);
}
END_TEST

START_TEST(duplicate_names)
{
	struct tp_event *ev = parse_fixture(EV("dup/type"), NULL);

	expect(field(ev, "type", 0), 8, 4, true, false, TP_FIELD_DATA_LOC);
	expect(field(ev, "type", 1), 12, 4, true, false, TP_FIELD_SCALAR);
	tp_event_free(ev);
}
END_TEST

START_TEST(awkward_names)
{
	struct tp_event *ev = parse_fixture(EV("names/errno_new"), NULL);

	expect(field(ev, "errno", 0), 8, 4, true, false, TP_FIELD_SCALAR);
	expect(field(ev, "new", 0), 16, 8, false, false, TP_FIELD_SCALAR);
	tp_event_free(ev);

	ev = parse_fixture(EV("names/__internal_event"), NULL);
	ck_assert_str_eq(ev->name, "__internal_event");
	tp_event_free(ev);
}
END_TEST

START_TEST(char_sign)
{
	struct tp_event *ev = parse_fixture(EV("arm64/char_unsigned"), NULL);

	/* arm64's char is unsigned; the file says so and wins. */
	expect(field(ev, "c", 0), 24, 1, false, false, TP_FIELD_SCALAR);
	expect(field(ev, "comm", 0), 8, 16, false, false, TP_FIELD_ARRAY);
	tp_event_free(ev);
}
END_TEST

START_TEST(array_bounds)
{
	struct tp_event *ev = parse_fixture(EV("arrays/bounds"), NULL);
	const struct tp_field *f;

	f = field(ev, "comm", 0);
	expect(f, 8, 16, true, false, TP_FIELD_ARRAY);
	ck_assert_uint_eq(f->elem_count, 16);
	ck_assert_uint_eq(f->elem_size, 1);
	ck_assert_ptr_null(tp_field_array_expr(f));
	ck_assert_str_eq(f->elem_type, "char");
	ck_assert_str_eq(f->type, "char");

	f = field(ev, "task", 0);
	ck_assert_uint_eq(f->elem_count, 16);
	ck_assert_str_eq(tp_field_array_expr(f), "TASK_COMM_LEN");

	f = field(ev, "saddr", 0);
	ck_assert_uint_eq(f->elem_count, 28);
	ck_assert_str_eq(tp_field_array_expr(f), "sizeof(struct sockaddr_in6)");

	f = field(ev, "name", 0);
	ck_assert_uint_eq(f->elem_count, 31);
	ck_assert_str_eq(tp_field_array_expr(f), "30+1");

	f = field(ev, "words", 0);
	ck_assert_uint_eq(f->elem_count, 3);
	ck_assert_uint_eq(f->elem_size, 4);
	ck_assert_str_eq(tp_field_array_expr(f), "(int)sizeof(struct x)/4");

	f = field(ev, "ids", 0);
	ck_assert_uint_eq(f->elem_count, 4);
	ck_assert_uint_eq(f->elem_size, 2);

	f = field(ev, "addrs", 0);
	ck_assert_uint_eq(f->elem_count, 2);
	ck_assert_uint_eq(f->elem_size, 8);

	f = field(ev, "ptrs", 0);
	ck_assert_str_eq(f->elem_type, "void *");
	ck_assert_uint_eq(f->elem_count, 2);
	ck_assert_uint_eq(f->elem_size, 8);

	f = field(ev, "matrix", 0);
	ck_assert_uint_eq(f->elem_count, 6);
	ck_assert_uint_eq(f->elem_size, 1);

	f = field(ev, "buf", 0);
	expect(f, 158, 0, false, false, TP_FIELD_FLEX_ARRAY);
	ck_assert_uint_eq(f->elem_size, 1);
	tp_event_free(ev);
}
END_TEST

START_TEST(typeof_bound)
{
	struct tp_event *ev = parse_fixture(EV("arrays/typeof_bound"), NULL);
	const struct tp_field *f = field(ev, "entries", 0);

	ck_assert_uint_eq(f->elem_count, 8);
	ck_assert_uint_eq(f->elem_size, 8);
	ck_assert_uint_gt(strlen(tp_field_array_expr(f)), 150);
	ck_assert_str_eq(f->type, "unsigned long");
	expect(field(ev, "data", 0), 72, 0, true, false, TP_FIELD_FLEX_ARRAY);
	tp_event_free(ev);
}
END_TEST

START_TEST(old_flex)
{
	struct tp_event *ev = parse_fixture(EV("arrays/old_flex"), NULL);

	expect(field(ev, "buf", 0), 12, 0, true, false, TP_FIELD_FLEX_ARRAY);
	ck_assert_str_eq(field(ev, "buf", 0)->elem_type, "char");
	tp_event_free(ev);
}
END_TEST

START_TEST(data_loc)
{
	static const struct {
		const char *name, *elem;
		unsigned elem_size;
	} want[] = {
		{ "name", "char", 1 },		{ "bytes", "u8", 1 },
		{ "halves", "u16", 2 },		{ "words", "u32", 4 },
		{ "ints", "int", 4 },		{ "longs", "unsigned long", 8 },
		{ "ids", "struct file *", 8 },	{ "mask", "cpumask_t", 0 },
	};
	struct tp_event *ev = parse_fixture(EV("dynamic/data_loc"), NULL);
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct tp_field *f = field(ev, want[i].name, 0);

		ck_assert_int_eq(f->kind, TP_FIELD_DATA_LOC);
		ck_assert_uint_eq(f->size, 4);
		ck_assert_str_eq(f->elem_type, want[i].elem);
		ck_assert_uint_eq(f->elem_size, want[i].elem_size);
	}
	ck_assert_str_eq(field(ev, "name", 0)->type, "__data_loc char[]");
	tp_event_free(ev);
}
END_TEST

START_TEST(old_data_loc)
{
	struct tp_event *ev = parse_fixture(EV("dynamic/old_data_loc"), NULL);
	const struct tp_field *f = field(ev, "name", 0);

	expect(f, 8, 2, false, false, TP_FIELD_DATA_LOC);
	ck_assert_ptr_null(f->elem_type);
	tp_event_free(ev);
}
END_TEST

START_TEST(rel_loc)
{
	struct tp_event *ev = parse_fixture(EV("dynamic/rel_loc"), NULL);
	const struct tp_field *f = field(ev, "foo", 0);

	/* Brackets after the name, unlike __data_loc. */
	expect(f, 12, 4, true, false, TP_FIELD_REL_LOC);
	ck_assert_str_eq(f->elem_type, "char");
	ck_assert_str_eq(field(ev, "bar", 0)->elem_type, "u8");
	tp_event_free(ev);
}
END_TEST

START_TEST(qualified_types)
{
	struct tp_event *ev = parse_fixture(EV("types/qualified"), NULL);
	const struct tp_field *f = field(ev, "filename", 0);

	expect(f, 8, 8, false, false, TP_FIELD_POINTER);
	ck_assert_str_eq(f->type, "const char __attribute__((btf_type_tag("
			 "\"user\"))) *");
	expect(field(ev, "rule_attr", 0), 16, 8, false, false,
	       TP_FIELD_POINTER);
	ck_assert_str_eq(field(ev, "rule_attr", 0)->type, "const void *const");
	expect(field(ev, "p", 0), 24, 8, false, false, TP_FIELD_POINTER);
	expect(field(ev, "rule_type", 0), 32, 4, false, false,
	       TP_FIELD_SCALAR);
	ck_assert_str_eq(field(ev, "rule_type", 0)->type, "const enum x");
	/* Kernel-only typedefs: size and sign from the file. */
	expect(field(ev, "mode", 0), 36, 2, false, false, TP_FIELD_SCALAR);
	expect(field(ev, "ctxp", 0), 40, 8, false, false, TP_FIELD_POINTER);
	expect(field(ev, "key", 0), 48, 4, true, false, TP_FIELD_SCALAR);
	expect(field(ev, "set", 0), 56, 8, false, false, TP_FIELD_SCALAR);
	expect(field(ev, "wb_err", 0), 72, 4, false, false, TP_FIELD_SCALAR);
	tp_event_free(ev);
}
END_TEST

START_TEST(print_fmt_newline)
{
	struct tp_event *ev = parse_fixture(EV("printfmt/newline"), NULL);

	ck_assert_ptr_nonnull(strstr(ev->print_fmt,
				     "\"first line\nsecond line"));
	ck_assert_ptr_nonnull(strstr(ev->print_fmt, "{ 2, \"B\" })"));
	tp_event_free(ev);
}
END_TEST

START_TEST(print_fmt_kept)
{
	struct tp_event *ev = parse_fixture(EV("printfmt/statement_expr"),
					    NULL);

	ck_assert_ptr_nonnull(strstr(ev->print_fmt, "switch (REC->type)"));
	ck_assert_uint_eq(ev->nfields, 5);
	tp_event_free(ev);

	ev = parse_fixture(EV("printfmt/long_fmt"), NULL);
	ck_assert_uint_gt(strlen(ev->print_fmt), 4096);
	ck_assert_ptr_nonnull(strstr(ev->print_fmt, "v700=%d \", REC->v"));
	tp_event_free(ev);
}
END_TEST

/* Parses text that must give no diagnostic at all. */
static struct tp_event *parse_clean(const char *text)
{
	struct tp_target host = TP_TARGET_HOST;
	struct tp_source *src = tp_source_from_mem("mem", text, strlen(text));
	struct tp_event *ev;
	struct tp_diags d;

	tp_diags_init(&d);
	ev = tp_format_parse(src, TP_FORMAT_EVENT, &host, &d);
	ck_assert_uint_eq(d.errors + d.warnings, 0);
	ck_assert_ptr_nonnull(ev);
	tp_diags_fini(&d);
	tp_source_free(src);
	return ev;
}

/* A text parsed as an event, for the tests that look at its messages. */
struct parsed {
	struct tp_source *src;
	struct tp_event *ev;
	struct tp_diags d;
};

static void parse_text(struct parsed *p, const char *text)
{
	struct tp_target host = TP_TARGET_HOST;

	p->src = tp_source_from_mem("mem", text, strlen(text));
	tp_diags_init(&p->d);
	p->ev = tp_format_parse(p->src, TP_FORMAT_EVENT, &host, &p->d);
}

/* Asserts that record k of p is on line, from column first to column
 * last (not checked when 0). */
static void located(const struct parsed *p, size_t k, unsigned line,
		    unsigned first, unsigned last)
{
	const struct tp_loc *loc = &p->d.v[k].loc;
	unsigned l, c;

	tp_source_locate(p->src, loc->first_byte, &l, &c);
	ck_assert_uint_eq(l, line);
	ck_assert_uint_eq(c, first);
	if (last)
		ck_assert_uint_eq(c + (loc->end_byte - loc->first_byte) - 1,
				  last);
}

static void parsed_fini(struct parsed *p)
{
	tp_event_free(p->ev);
	tp_diags_fini(&p->d);
	tp_source_free(p->src);
}

#define HEAD "name: x\nID: 010\nformat:\n" \
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n\n"

/* A type longer than the builder's buffer for base types (qualifiers
 * count toward it) is still named: here its sign comes from it. */
START_TEST(long_qualified_type)
{
	char text[1024], quals[512] = "";
	struct tp_event *ev;
	int i;

	for (i = 0; i < 40; i++)
		strcat(quals, i % 2 ? "volatile " : "const ");
	snprintf(text, sizeof(text), HEAD "\tfield:%ssigned char c;\t"
		 "offset:8;\tsize:1;\n\tfield:%sunsigned long long u;\t"
		 "offset:16;\tsize:8;\n\nprint fmt: \"x\"\n", quals, quals);
	ev = parse_clean(text);
	expect(field(ev, "c", 0), 8, 1, true, false, TP_FIELD_SCALAR);
	expect(field(ev, "u", 0), 16, 8, false, false, TP_FIELD_SCALAR);
	tp_event_free(ev);
}
END_TEST

/* tpgen header parses only the print fmts that give symbol names. */
START_TEST(print_fmt_for_symbols)
{
	static const char *const fmts[] = {
		"\"a=%d\", REC->a",
		"\"a=%s\", __print_symbolic(REC->a, { 1, \"ONE\" })",
		"\"a=%s\", __print_flags_u64(REC->a, \"|\", { 1, \"F\" })",
	};
	struct tp_target host = TP_TARGET_HOST;
	size_t i;

	for (i = 0; i < 3; i++) {
		char *text;
		struct tp_source *src;
		struct tp_event *all, *some;
		struct tp_diags d;

		ck_assert_int_ge(asprintf(&text, HEAD "\tfield:int a;\t"
			"offset:8;\tsize:4;\tsigned:1;\n\nprint fmt: %s\n",
			fmts[i]), 0);
		src = tp_source_from_mem("mem", text, strlen(text));
		tp_diags_init(&d);
		all = tp_format_parse(src, TP_FORMAT_EVENT, &host, &d);
		some = tp_format_parse_for(src, TP_FORMAT_EVENT, &host,
					   TP_PRINT_SYMBOLS, &d);
		ck_assert_uint_eq(d.errors + d.warnings, 0);
		ck_assert_ptr_nonnull(all);
		ck_assert_ptr_nonnull(some);
		/* The fields are the same; the print fmt's text is kept
		 * only when asked for (dump). */
		ck_assert_uint_eq(some->nfields, all->nfields);
		ck_assert_ptr_nonnull(all->print_fmt);
		ck_assert_ptr_null(some->print_fmt);
		ck_assert_ptr_nonnull(all->print);
		if (i == 0) {
			ck_assert_ptr_null(some->print);
		} else {
			ck_assert_ptr_nonnull(some->print);
			ck_assert_uint_eq(some->print->nargs,
					  all->print->nargs);
		}
		tp_event_free(all);
		tp_event_free(some);
		tp_diags_fini(&d);
		tp_source_free(src);
		free(text);
	}
}
END_TEST

START_TEST(numbers_are_decimal)
{
	struct tp_event *ev = parse_clean(HEAD
		"\tfield:int a;\toffset:012;\tsize:04;\tsigned:1;\n"
		"\tfield:int b;\toffset:016;\tsize:4;\tsigned:1;\n"
		/* Numbers in a bound are text, however large. */
		"\tfield:u64 c[(0x100000000 > 1) ? 1 : 1];\toffset:24;\t"
		"size:8;\tsigned:0;\n\nprint fmt: \"x\"\n");

	ck_assert_int_eq(ev->id, 10);
	expect(field(ev, "a", 0), 12, 4, true, false, TP_FIELD_SCALAR);
	expect(field(ev, "b", 0), 16, 4, true, false, TP_FIELD_SCALAR);
	ck_assert_uint_eq(field(ev, "c", 0)->elem_count, 1);
	tp_event_free(ev);
}
END_TEST

/* Numbers up to 2^32 - 1 are taken; one more, or any number of digits
 * beyond, is an error on its line. */
START_TEST(numbers_too_large)
{
	static const struct { const char *id; long long want; } cases[] = {
		{ "4294967295", 4294967295LL },
		{ "0004294967295", 4294967295LL },
		{ "4294967296", -1 },
		{ "18446744073709551616", -1 },
		{ "99999999999999999999999999999", -1 },
	};
	struct tp_target host = TP_TARGET_HOST;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[256];
		struct tp_source *src;
		struct tp_event *ev;
		struct tp_diags d;

		snprintf(text, sizeof(text), "name: x\nID: %s\nformat:\n"
			 "\tfield:unsigned short common_type;\toffset:0;\t"
			 "size:2;\tsigned:0;\n\nprint fmt: \"x\"\n",
			 cases[i].id);
		src = tp_source_from_mem("mem", text, strlen(text));
		tp_diags_init(&d);
		ev = tp_format_parse(src, TP_FORMAT_EVENT, &host, &d);
		if (cases[i].want < 0) {
			ck_assert_msg(d.errors == 1 && !ev, "%s", cases[i].id);
			ck_assert_str_eq(d.v[0].msg, "number is too large");
		} else {
			ck_assert_msg(ev && !d.errors, "%s", cases[i].id);
			ck_assert_int_eq(ev->id, cases[i].want);
		}
		tp_event_free(ev);
		tp_diags_fini(&d);
		tp_source_free(src);
	}
}
END_TEST

/* A property is read whole ("offset:8;", as the kernel writes it) or in
 * pieces (blanks inside, no ';'): the same field either way, and a number
 * too large is reported at its digits either way. */
START_TEST(property_spellings)
{
	static const char *const fields[] = {
		"\tfield:int a;\toffset:8;\tsize:4;\tsigned:1;\n",
		"\tfield:int a;  offset: 8 ;size :4;signed:1\n",
		"\tfield:int a;\toffset:8;size:4 ;\tsigned:1;\n",
		"\tfield: int \t a ;\toffset:8;\tsize:4;\tsigned:1;\n",
	};
	static const struct { const char *field; unsigned column; } big[] = {
		{ "\tfield:int a;\toffset:4294967296;\tsize:4;\tsigned:1;\n",
		  22 },
		{ "\tfield:int a;\toffset: 4294967296 ;\tsize:4;\tsigned:1;\n",
		  23 },
	};
	char text[512];
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		struct tp_event *ev;

		snprintf(text, sizeof(text), HEAD "%s\nprint fmt: \"x\"\n",
			 fields[i]);
		ev = parse_clean(text);
		expect(field(ev, "a", 0), 8, 4, true, false, TP_FIELD_SCALAR);
		ck_assert_str_eq(field(ev, "a", 0)->decl, "int a");
		tp_event_free(ev);
	}
	for (i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
		struct parsed p;

		snprintf(text, sizeof(text), HEAD "%s\nprint fmt: \"x\"\n",
			 big[i].field);
		parse_text(&p, text);
		ck_assert_uint_eq(p.d.errors, 1);
		ck_assert_str_eq(p.d.v[0].msg, "number is too large");
		located(&p, 0, 6, big[i].column, big[i].column + 9);
		parsed_fini(&p);
	}
}
END_TEST

/* An event name must be printable UTF-8: a bad byte or sequence is found
 * at every position (the check takes 8 bytes at a time where it can),
 * and good multi-byte characters pass at every position. */
START_TEST(names_printable_utf8)
{
	static const char *const bad[] = {
		"\x01", "\x1f", "\x7f", "\x80", "\xc0\x80", "\xc1\xbf",
		"\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\xf5\x80\x80\x80", "\xff", "\xc3",
	};
	static const char *const good[] = {
		"\xc3\xa9", "\xe2\x9c\x93", "\xf0\x9d\x84\x9e", "~", " ",
	};
	static const char pad[] = "abcdefghijklmnopqrstuvwx";
	size_t i, at;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]) + sizeof(good) /
	     sizeof(good[0]); i++) {
		bool ok = i >= sizeof(bad) / sizeof(bad[0]);
		const char *piece = ok ? good[i - sizeof(bad) / sizeof(bad[0])]
				       : bad[i];

		for (at = 0; at < 18; at++) {
			char text[256];
			struct parsed p;

			snprintf(text, sizeof(text), "name: %.*s%s%s\nID: 1\n"
				 "format:\n\tfield:int a;\toffset:8;\tsize:4;"
				 "\tsigned:1;\n\nprint fmt: \"x\"\n", (int)at,
				 pad, piece, pad + at);
			parse_text(&p, text);
			ck_assert_msg(ok ? !p.d.errors : p.d.errors == 1,
				      "piece %zu at %zu", i, at);
			if (!ok)
				ck_assert_str_eq(p.d.v[0].msg, "the event name "
						 "holds bytes that are not "
						 "printable UTF-8");
			parsed_fini(&p);
		}
	}
}
END_TEST

/* A byte no kernel writes in a print fmt is found at every position (the
 * scanner, too, takes 8 bytes at a time where it can): the print fmt is
 * dropped with a warning naming the byte. */
START_TEST(print_fmt_bytes_checked)
{
	static const unsigned char bytes[] = { 0x01, 0x1f, 0x7f };
	static const char pad[] = "abcdefghijklmnopqrstuvwx";
	size_t i, at;

	for (i = 0; i < sizeof(bytes); i++) {
		for (at = 0; at < 18; at++) {
			char text[256], want[64];
			struct parsed p;

			snprintf(text, sizeof(text), "name: x\nID: 1\nformat:\n"
				 "\tfield:int a;\toffset:8;\tsize:4;\t"
				 "signed:1;\n\nprint fmt: \"%.*s%c%s\", REC->a"
				 "\n", (int)at, pad, bytes[i], pad + at);
			snprintf(want, sizeof(want), "byte 0x%02x in the print "
				 "fmt; it is ignored", bytes[i]);
			parse_text(&p, text);
			ck_assert_msg(p.ev && p.d.warnings == 1 && !p.d.errors,
				      "byte %zu at %zu", i, at);
			ck_assert_str_eq(p.d.v[0].msg, want);
			ck_assert_ptr_null(p.ev->print_fmt);
			parsed_fini(&p);
		}
	}
}
END_TEST

/* Words up to the ';' are scanned as one token (most declarations), any
 * other declaration word by word: the same field either way, and inside
 * brackets, where they are an error, the same error at the same place. */
START_TEST(declaration_spellings)
{
	static const char *const fields[] = {
		"\tfield:unsigned long b;\toffset:8;\tsize:8;\tsigned:0;\n",
		"\tfield:unsigned  long\tb;\toffset:8;\tsize:8;\tsigned:0;\n",
		"\tfield:unsigned long b ;\toffset:8;\tsize:8;\tsigned:0;\n",
		"\tfield: unsigned long b;\toffset:8;\tsize:8;\tsigned:0;\n",
	};
	struct tp_event *ev;
	struct parsed p;
	char text[512];
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		snprintf(text, sizeof(text), HEAD "%s\nprint fmt: \"x\"\n",
			 fields[i]);
		ev = parse_clean(text);
		expect(field(ev, "b", 0), 8, 8, false, false, TP_FIELD_SCALAR);
		ck_assert_str_eq(field(ev, "b", 0)->type, "unsigned long");
		ck_assert_str_eq(field(ev, "b", 0)->decl, "unsigned long b");
		tp_event_free(ev);
	}
	snprintf(text, sizeof(text), HEAD "\tfield:char c[x y;\toffset:8;\t"
		 "size:4;\tsigned:0;\n\nprint fmt: \"x\"\n");
	parse_text(&p, text);
	ck_assert_uint_eq(p.d.errors, 1);
	ck_assert_str_eq(p.d.v[0].msg, "unexpected ';'");
	located(&p, 0, 6, 18, 0);
	parsed_fini(&p);
}
END_TEST

/* Messages about properties read as in pieces: a property scanned whole
 * where it may not come is an identifier there, at its key, and the
 * tokens expected keep their order. */
START_TEST(property_errors)
{
	static const struct {
		const char *field, *msg;
		unsigned first, last;
	} cases[] = {
		{ "\tfield:int a;\toffset size:4;\tsigned:1;\n",
		  "unexpected identifier, expected ':'", 22, 25 },
		{ "\tfield:int a;\toffset: size:4;\tsigned:1;\n",
		  "unexpected identifier, expected number", 23, 26 },
		{ "\tfield:int a;\toffset:8;\tsigned:1; 7\n",
		  "unexpected number, expected identifier, end of line or end "
		  "of file", 35, 35 },
		/* Within properties scanned as one token, each is placed. */
		{ "\tfield:int a;\toffset:0;\tsize:99999999999;\tsigned:1;\n",
		  "number is too large", 30, 40 },
		{ "\tfield:int a;\toffset:0;\tsize:4;\tsize:4;\n",
		  "property given twice", 33, 36 },
		{ "\tfield:int a;\toffset:0;\tsize:4;\tsigned:2;\n",
		  "'signed' must be 0 or 1", 40, 40 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[512];
		struct parsed p;

		snprintf(text, sizeof(text), HEAD "%s\nprint fmt: \"x\"\n",
			 cases[i].field);
		parse_text(&p, text);
		ck_assert_uint_eq(p.d.errors, 1);
		ck_assert_str_eq(p.d.v[0].msg, cases[i].msg);
		located(&p, 0, 6, cases[i].first, cases[i].last);
		parsed_fini(&p);
	}
}
END_TEST

/* A field line and the same line spelled otherwise (a blank before its
 * ';', an unknown property, blanks at its end) give the same field, and
 * messages at the same places: the declaration's, a property's. */
START_TEST(field_line_spellings)
{
	static const char *const lines[] = {
		"\tfield:a b c;\toffset:0;\tsize:4;\tsigned:1;\n",
		"\tfield:a b c ;\toffset:0;\tsize:4;\tsigned:1;\n",
		"\tfield:a b c;\toffset:0;\tsize:4;\tsigned:1;\tx:2;\n",
		"\tfield:a b c;\toffset:0;\tsize:4;\tsigned:1; x:2;  \n",
	};
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		char text[512];
		struct parsed p;
		const struct tp_field *f;

		snprintf(text, sizeof(text), HEAD "%s\nprint fmt: \"x\"\n",
			 lines[i]);
		parse_text(&p, text);
		ck_assert_ptr_nonnull(p.ev);
		f = field(p.ev, "c", 0);
		ck_assert_str_eq(f->type, "a b");
		ck_assert_uint_eq(f->size, 4);
		ck_assert(f->is_signed);
		/* The overlap with common_type, at the declaration; the
		 * unknown property, at its key.  In the order made, which
		 * the flush sorts by place. */
		ck_assert_uint_eq(p.d.n, i >= 2 ? 2 : 1);
		ck_assert_str_eq(p.d.v[p.d.n - 1].msg, "field 'c' (offset 0, "
				 "size 4) overlaps field 'common_type' "
				 "(offset 0, size 2)");
		located(&p, p.d.n - 1, 6, 8, 12);
		if (i >= 2) {
			ck_assert_str_eq(p.d.v[0].msg,
					 "unknown property 'x' ignored");
			located(&p, 0, 6, 43, 43);
		}
		parsed_fini(&p);
	}
}
END_TEST

START_TEST(print_fmt_char_literals)
{
	struct tp_event *ev = parse_clean(HEAD
		"\tfield:char c;\toffset:8;\tsize:1;\tsigned:1;\n\n"
		"print fmt: \"%c %s\", REC->c == '\"' ? '\\'' : 'x', "
		"\"it's\"\n");

	ck_assert_str_eq(ev->print_fmt, "\"%c %s\", REC->c == '\"' ? "
			 "'\\'' : 'x', \"it's\"");
	tp_event_free(ev);
}
END_TEST

START_TEST(no_trailing_newline)
{
	static const char text[] =
		"name: x\nID: 1\nformat:\n"
		"\tfield:int a;\toffset:0;\tsize:4;\tsigned:1;\n\n"
		"print fmt: \"%d\", REC->a";
	struct tp_target host = TP_TARGET_HOST;
	struct tp_source *src = tp_source_from_mem("mem", text,
						   sizeof(text) - 1);
	struct tp_event *ev;
	struct tp_diags d;

	tp_diags_init(&d);
	ev = tp_format_parse(src, TP_FORMAT_EVENT, &host, &d);
	ck_assert_ptr_nonnull(ev);
	ck_assert_str_eq(ev->print_fmt, "\"%d\", REC->a");
	tp_event_free(ev);
	tp_diags_fini(&d);
	tp_source_free(src);
}
END_TEST

Suite *parser_suite(void)
{
	Suite *s = suite_create("parser");
	TCase *tc = tcase_create("quirks");

	tcase_add_test(tc, xdp_exception);
	tcase_add_test(tc, spaces_instead_of_tabs);
	tcase_add_test(tc, missing_signed);
	tcase_add_test(tc, long_qualified_type);
	tcase_add_test(tc, field_special);
	tcase_add_test(tc, header_page);
	tcase_add_test(tc, no_own_fields);
	tcase_add_test(tc, packed_hypervisor);
	tcase_add_test(tc, rt_common_fields);
	tcase_add_test(tc, syscall_slots);
	tcase_add_test(tc, kernel_32bit);
	tcase_add_test(tc, kernel_bug_size);
	tcase_add_test(tc, overlapping_fields);
	tcase_add_test(tc, duplicate_names);
	tcase_add_test(tc, awkward_names);
	tcase_add_test(tc, char_sign);
	tcase_add_test(tc, array_bounds);
	tcase_add_test(tc, typeof_bound);
	tcase_add_test(tc, old_flex);
	tcase_add_test(tc, data_loc);
	tcase_add_test(tc, old_data_loc);
	tcase_add_test(tc, rel_loc);
	tcase_add_test(tc, qualified_types);
	tcase_add_test(tc, print_fmt_newline);
	tcase_add_test(tc, print_fmt_kept);
	tcase_add_test(tc, numbers_are_decimal);
	tcase_add_test(tc, numbers_too_large);
	tcase_add_test(tc, property_spellings);
	tcase_add_test(tc, declaration_spellings);
	tcase_add_test(tc, property_errors);
	tcase_add_test(tc, names_printable_utf8);
	tcase_add_test(tc, print_fmt_bytes_checked);
	tcase_add_test(tc, print_fmt_for_symbols);
	tcase_add_test(tc, field_line_spellings);
	tcase_add_test(tc, print_fmt_char_literals);
	tcase_add_test(tc, no_trailing_newline);
	suite_add_tcase(s, tc);
	return s;
}
