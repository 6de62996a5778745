/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Struct layout and naming rules (the goldens in tests/golden/ show the
 * generated text; this checks the rules one by one). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "ctypes.h"
#include "tests.h"

static struct tp_layout lay(struct tp_event *ev, bool ambiguous,
			    const char *pattern)
{
	struct tp_naming naming = { ambiguous, pattern };
	struct tp_layout l;

	ck_assert_int_eq(tp_layout_build(ev, &naming, &l), 0);
	return l;
}

/* Parses text, warnings allowed; *src is the caller's to free after the
 * event. */
static struct tp_event *parse_text(const char *text, struct tp_source **src)
{
	struct tp_target host = TP_TARGET_HOST;
	struct tp_diags d;
	struct tp_event *ev;

	*src = tp_source_from_mem("m", text, strlen(text));
	tp_diags_init(&d);
	ev = tp_format_parse(*src, TP_FORMAT_EVENT, &host, &d);
	ck_assert_ptr_nonnull(ev);
	tp_diags_fini(&d);
	return ev;
}

static const struct tp_member *member_of(const struct tp_layout *l,
					 const struct tp_event *ev,
					 const char *field_name)
{
	const struct tp_member *m = tp_layout_member(l, field(ev, field_name, 0));

	ck_assert_ptr_nonnull(m);
	return m;
}

START_TEST(identifiers)
{
	static const char *const cases[][2] = {
		{ "xhci-hcd", "xhci_hcd" }, { "9p", "_9p" },
		{ "a.b/c", "a_b_c" },       { "", "_" },
		{ "__ok_1", "__ok_1" },
	};
	static const char *const macros[] = {
		"no_argument", "optional_argument", "required_argument",
		"sa_handler", "sa_sigaction", "si_addr", "si_addr_lsb",
		"si_arch", "si_band", "si_call_addr", "si_fd", "si_int",
		"si_lower", "si_overrun", "si_pid", "si_pkey", "si_ptr",
		"si_status", "si_stime", "si_syscall", "si_timerid", "si_uid",
		"si_upper", "si_utime", "si_value", "st_atime", "st_ctime",
		"st_mtime", "typeof", "typeof_unqual",
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *id = tp_c_identifier(cases[i][0]);

		ck_assert_str_eq(id, cases[i][1]);
		free(id);
	}
	ck_assert(tp_c_reserved("new"));
	ck_assert(tp_c_reserved("errno"));
	ck_assert(tp_c_reserved("linux"));
	ck_assert(tp_c_reserved("class"));
	ck_assert(tp_c_reserved("_Bool"));
	ck_assert(!tp_c_reserved("old"));
	ck_assert(!tp_c_reserved("News"));
	/* Both ends of the sorted list, which a binary search over a list
	 * out of order would miss first. */
	ck_assert(tp_c_reserved("_Alignas"));
	ck_assert(tp_c_reserved("xor_eq"));
	ck_assert(tp_c_reserved("no_argument"));
	ck_assert(tp_c_reserved("typeof_unqual"));
	ck_assert(tp_c_reserved("si_pkey"));
	ck_assert(!tp_c_reserved("si_"));
	/* glibc's macros, now among the keywords in one list: each in its
	 * place. */
	for (i = 0; i < sizeof(macros) / sizeof(macros[0]); i++)
		ck_assert_msg(tp_c_reserved(macros[i]), "%s", macros[i]);
	/* First bytes below and above every word's. */
	ck_assert(!tp_c_reserved(""));
	ck_assert(!tp_c_reserved("\xc3\xa9t\xc3\xa9"));
	ck_assert(!tp_c_reserved("ZZ"));
}
END_TEST

/* Every type the size table knows, looked up by binary search. */
START_TEST(type_sizes)
{
	static const struct { const char *type; unsigned size; bool sign; }
	cases[] = {
		{ "_Bool", 1, false }, { "__be16", 2, false },
		{ "__s8", 1, true }, { "bool", 1, false },
		{ "char", 1, true }, { "gfp_t", 4, false },
		{ "int", 4, true }, { "key_serial_t", 4, true },
		{ "ktime_t", 8, true }, { "long", 8, true },
		{ "loff_t", 8, true }, { "pid_t", 4, true },
		{ "ptrdiff_t", 8, true }, { "s64", 8, true },
		{ "size_t", 8, false }, { "umode_t", 2, false },
		{ "unsigned long long int", 8, false },
		{ "unsigned short", 2, false }, { "uintptr_t", 8, false },
		{ "enum x", 4, false },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool sign = !cases[i].sign;

		ck_assert_msg(tp_ctype_size(cases[i].type, 8, &sign) ==
			      cases[i].size, "%s", cases[i].type);
		ck_assert_msg(sign == cases[i].sign, "%s", cases[i].type);
	}
	ck_assert_uint_eq(tp_ctype_size("long", 4, NULL), 4);
	ck_assert_uint_eq(tp_ctype_size("struct x", 8, NULL), 0);
	ck_assert_uint_eq(tp_ctype_size("Int", 8, NULL), 0);
}
END_TEST

START_TEST(struct_names)
{
	struct tp_event *ev = parse_fixture(
		"tree/events/xhci-hcd/xhci_dbg_address/format", NULL);
	struct tp_layout l;

	ev->group = strdup("xhci-hcd");
	l = lay(ev, false, NULL);
	ck_assert_str_eq(l.stem, "xhci_dbg_address");
	ck_assert_str_eq(l.tag, "xhci_dbg_address_tp");
	tp_layout_fini(&l);

	/* Another group has an event of that name: qualify. */
	l = lay(ev, true, NULL);
	ck_assert_str_eq(l.stem, "xhci_hcd_xhci_dbg_address");
	ck_assert_str_eq(l.tag, "xhci_hcd_xhci_dbg_address_tp");
	tp_layout_fini(&l);

	l = lay(ev, false, "tp_%g__%e_100%%");
	ck_assert_str_eq(l.tag, "tp_xhci_hcd__xhci_dbg_address_100_");
	ck_assert_str_eq(l.stem, "xhci_dbg_address");
	tp_layout_fini(&l);
	tp_event_free(ev);
}
END_TEST

START_TEST(member_names)
{
	struct tp_event *ev = parse_fixture("tree/events/dup/type/format", NULL);
	struct tp_layout l = lay(ev, false, NULL);
	const struct tp_field *dl = field(ev, "type", 0), *num = field(ev, "type", 1);

	/* The kernel's own naming for dynamic fields. */
	ck_assert_str_eq(tp_layout_member(&l, dl)->name, "__data_loc_type");
	ck_assert_str_eq(tp_layout_member(&l, dl)->accessor, "type");
	ck_assert_str_eq(tp_layout_member(&l, num)->name, "type");
	tp_layout_fini(&l);
	tp_event_free(ev);
}
END_TEST

START_TEST(duplicate_member_names)
{
	static const char text[] =
		"name: d\nID: 1\nformat:\n"
		"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n\n"
		"\tfield:int x;\toffset:8;\tsize:4;\tsigned:1;\n"
		"\tfield:int x;\toffset:12;\tsize:4;\tsigned:1;\n"
		"\tfield:int x_2;\toffset:16;\tsize:4;\tsigned:1;\n"
		"\tfield:int new;\toffset:20;\tsize:4;\tsigned:1;\n"
		"\tfield:int new_;\toffset:24;\tsize:4;\tsigned:1;\n";
	struct tp_source *src;
	struct tp_event *ev = parse_text(text, &src);
	struct tp_layout l = lay(ev, false, NULL);

	ck_assert_str_eq(tp_layout_member(&l, &ev->fields[1])->name, "x");
	ck_assert_str_eq(tp_layout_member(&l, &ev->fields[2])->name, "x_2");
	ck_assert_str_eq(tp_layout_member(&l, &ev->fields[3])->name, "x_2_2");
	ck_assert_str_eq(tp_layout_member(&l, &ev->fields[4])->name, "new_");
	ck_assert_str_eq(tp_layout_member(&l, &ev->fields[5])->name, "new__2");
	tp_layout_fini(&l);
	tp_event_free(ev);
	tp_source_free(src);
}
END_TEST

/* A field may be called what a pad is: the member that comes first in the
 * struct keeps the name. */
START_TEST(pad_names_unique)
{
	static const char text[] =
		"name: p\nID: 1\nformat:\n"
		"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n\n"
		"\tfield:int __pad_2;\toffset:8;\tsize:4;\tsigned:1;\n";
	struct tp_source *src;
	struct tp_event *ev = parse_text(text, &src);
	struct tp_layout l = lay(ev, false, NULL);

	ck_assert_uint_eq(l.nmembers, 3);
	ck_assert_int_eq(l.members[1].kind, TP_MEMBER_PAD);
	ck_assert_str_eq(l.members[1].name, "__pad_2");
	ck_assert_str_eq(tp_layout_member(&l, &ev->fields[1])->name,
			 "__pad_2_2");
	tp_layout_fini(&l);
	tp_event_free(ev);
	tp_source_free(src);
}
END_TEST

/* A name asked for again gets what a search from _2 would give, though the
 * search resumes where the last one for its stem ended: what was given
 * stays taken, and a suffix a pair could not take (y_2, as y_2_len was
 * taken) is still free for a single name. */
START_TEST(names_resume)
{
	static const struct {
		const char *want;
		size_t stem;
		bool pair;
		const char *got;
	} cases[] = {
		{ "x", 1, false, "x" },
		{ "x", 1, false, "x_2" },
		{ "x_3", 3, false, "x_3" },
		{ "x", 1, false, "x_4" },
		{ "x", 1, false, "x_5" },
		{ "y_2_len", 7, false, "y_2_len" },
		{ "y", 1, true, "y" },
		{ "y", 1, true, "y_3" },
		{ "y", 1, false, "y_2" },
		{ "y_len", 5, false, "y_len_2" },
		{ "y", 1, true, "y_4" },
		{ "new_", 3, false, "new_" },
		{ "new_", 3, false, "new_2" },
	};
	struct tp_names *n = tp_names_new(4, "_len");
	char *got[sizeof(cases) / sizeof(cases[0])];
	size_t i;

	ck_assert_ptr_nonnull(n);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got[i] = tp_names_take(n, cases[i].want, cases[i].stem,
				       cases[i].pair);
		ck_assert_str_eq(got[i], cases[i].got);
	}
	tp_names_free(n);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		free(got[i]);
}
END_TEST

/* Names longer than the search's room on the stack, and more of them
 * than the scope was made for: it grows, and every one stays taken. */
START_TEST(names_long_and_many)
{
	char want[301], *got[3], *many[100], *again;
	struct tp_names *n = tp_names_new(1, NULL);
	size_t i;

	ck_assert_ptr_nonnull(n);
	memset(want, 'w', sizeof(want) - 1);
	want[sizeof(want) - 1] = '\0';
	for (i = 0; i < 3; i++) {
		got[i] = tp_names_take(n, want, strlen(want), false);
		ck_assert_ptr_nonnull(got[i]);
		ck_assert_int_eq(strncmp(got[i], want, strlen(want)), 0);
	}
	ck_assert_str_eq(got[0] + strlen(want), "");
	ck_assert_str_eq(got[1] + strlen(want), "_2");
	ck_assert_str_eq(got[2] + strlen(want), "_3");
	for (i = 0; i < 100; i++) {
		many[i] = tp_names_take(n, "m", 1, false);
		ck_assert_ptr_nonnull(many[i]);
	}
	ck_assert_str_eq(many[0], "m");
	ck_assert_str_eq(many[99], "m_100");
	again = tp_names_take(n, "m_50", 1, false);
	ck_assert_str_eq(again, "m_101");
	tp_names_free(n);
	free(again);
	for (i = 0; i < 3; i++)
		free(got[i]);
	for (i = 0; i < 100; i++)
		free(many[i]);
}
END_TEST

START_TEST(types_from_size_and_sign)
{
	struct tp_event *ev = parse_fixture(
		"tree/events/syscalls/sys_enter_openat/format", NULL);
	struct tp_layout l = lay(ev, false, NULL);
	const struct tp_member *m;

	/* "int dfd" in an unsigned 8-byte slot. */
	m = member_of(&l, ev, "dfd");
	ck_assert_uint_eq(m->width, 8);
	ck_assert(!m->is_signed);
	m = member_of(&l, ev, "__syscall_nr");
	ck_assert_uint_eq(m->width, 4);
	ck_assert(m->is_signed);
	/* Pointers are unsigned addresses. */
	m = member_of(&l, ev, "filename");
	ck_assert_uint_eq(m->width, 8);
	ck_assert(!m->is_signed);
	/* The 4-byte gap after __syscall_nr is explicit. */
	ck_assert_int_eq(l.members[5].kind, TP_MEMBER_PAD);
	ck_assert_uint_eq(l.members[5].offset, 12);
	ck_assert_uint_eq(l.members[5].size, 4);
	ck_assert_uint_eq(l.fixed_size, 48);
	tp_layout_fini(&l);
	tp_event_free(ev);
}
END_TEST

START_TEST(alignment)
{
	struct tp_event *ev = parse_fixture("tree/events/kvm_hyp/packed/format",
					    NULL);
	struct tp_layout l = lay(ev, false, NULL);

	ck_assert_uint_eq(member_of(&l, ev, "esr")->align, 2);
	ck_assert_uint_eq(member_of(&l, ev, "ec")->align, 2);
	ck_assert_uint_eq(member_of(&l, ev, "il")->align, 0);
	ck_assert_uint_eq(member_of(&l, ev, "common_type")->align, 0);
	tp_layout_fini(&l);
	tp_event_free(ev);
}
END_TEST

START_TEST(overlaps_and_flex)
{
	struct tp_event *ev = parse_fixture("tree/events/vendor/overlap/format",
					    NULL);
	struct tp_layout l = lay(ev, false, NULL);

	ck_assert_int_eq(member_of(&l, ev, "word")->kind, TP_MEMBER_FIELD);
	ck_assert_int_eq(member_of(&l, ev, "low")->kind, TP_MEMBER_ACCESSOR);
	ck_assert_int_eq(member_of(&l, ev, "high")->kind, TP_MEMBER_ACCESSOR);
	tp_layout_fini(&l);
	tp_event_free(ev);

	ev = parse_fixture("tree/events/arrays/bounds/format", NULL);
	l = lay(ev, false, NULL);
	ck_assert(member_of(&l, ev, "buf")->flexible);
	ck_assert_int_eq(member_of(&l, ev, "buf")->kind, TP_MEMBER_FIELD);
	ck_assert_uint_eq(member_of(&l, ev, "matrix")->count, 6);
	ck_assert_uint_eq(member_of(&l, ev, "words")->width, 4);
	ck_assert_uint_eq(member_of(&l, ev, "words")->count, 3);
	tp_layout_fini(&l);
	tp_event_free(ev);
}
END_TEST

START_TEST(accessor_names_unique)
{
	struct tp_event *ev = parse_fixture(
		"tree/events/dynamic/accessor_names/format", NULL);
	struct tp_layout l = lay(ev, false, NULL);

	/* foo's data accessor, then the overlapping u16 foo's. */
	ck_assert_str_eq(tp_layout_member(&l, field(ev, "foo", 0))->accessor,
			 "foo");
	ck_assert_str_eq(tp_layout_member(&l, field(ev, "foo", 1))->accessor,
			 "foo_2");
	/* bar takes bar and bar_len; bar_len then takes bar_len_2 and
	 * bar_len_2_len. */
	ck_assert_str_eq(tp_layout_member(&l, field(ev, "bar", 0))->accessor,
			 "bar");
	ck_assert_str_eq(tp_layout_member(&l, field(ev, "bar_len", 0))
			 ->accessor, "bar_len_2");
	/* __data_loc words of 1 and 8 bytes cannot be decoded: bytes. */
	ck_assert(!tp_member_dynamic(tp_layout_member(&l, field(ev, "odd1",
							       0))));
	ck_assert_uint_eq(tp_layout_member(&l, field(ev, "odd8", 0))->count, 8);
	ck_assert_uint_eq(tp_layout_slots(&l), 3);
	tp_layout_fini(&l);
	tp_event_free(ev);
}
END_TEST

START_TEST(slots_in_offset_order)
{
	struct tp_event *ev = parse_fixture(
		"tree/events/dynamic/out_of_order/format", NULL);
	struct tp_layout l = lay(ev, false, NULL);

	/* The BPF side and the loader both go by these. */
	ck_assert_int_eq(tp_layout_member(&l, field(ev, "first", 0))->slot, 0);
	ck_assert_int_eq(tp_layout_member(&l, field(ev, "second", 0))->slot, 1);
	tp_layout_fini(&l);
	tp_event_free(ev);
}
END_TEST

START_TEST(glibc_macro_names)
{
	struct tp_event *ev = parse_fixture(
		"tree/events/names/glibc_macros/format", NULL);
	struct tp_layout l = lay(ev, false, NULL);

	ck_assert_str_eq(member_of(&l, ev, "sa_handler")->name, "sa_handler_");
	ck_assert_str_eq(member_of(&l, ev, "si_pid")->name, "si_pid_");
	ck_assert_str_eq(member_of(&l, ev, "st_atime")->name, "st_atime_");
	ck_assert_str_eq(member_of(&l, ev, "no_argument")->name,
			 "no_argument_");
	tp_layout_fini(&l);
	tp_event_free(ev);
}
END_TEST

Suite *layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("layout");

	tcase_add_test(tc, identifiers);
	tcase_add_test(tc, type_sizes);
	tcase_add_test(tc, struct_names);
	tcase_add_test(tc, member_names);
	tcase_add_test(tc, duplicate_member_names);
	tcase_add_test(tc, pad_names_unique);
	tcase_add_test(tc, names_resume);
	tcase_add_test(tc, names_long_and_many);
	tcase_add_test(tc, types_from_size_and_sign);
	tcase_add_test(tc, alignment);
	tcase_add_test(tc, overlaps_and_flex);
	tcase_add_test(tc, accessor_names_unique);
	tcase_add_test(tc, slots_in_offset_order);
	tcase_add_test(tc, glibc_macro_names);
	suite_add_tcase(s, tc);
	return s;
}
