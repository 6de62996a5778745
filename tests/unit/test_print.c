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

#include "buf.h"
#include "cstr.h"
#include "diag.h"
#include "format.h"
#include "header.h"
#include "layout.h"
#include "pfgen.h"
#include "print.h"
#include "source.h"
#include "tests.h"

/* The tree as an S-expression, one line per argument: what the .tree
 * files hold.  Strings are written as generated C writes them. */
static void write_expr(struct tp_buf *out, const struct tp_expr *e)
{
	size_t i;

	switch (e->kind) {
	case TP_E_NUM:
		tp_buf_printf(out, "%llu", e->num);
		return;
	case TP_E_CHAR:
		tp_buf_printf(out, "(char %llu)", e->num);
		return;
	case TP_E_STRING:
		tp_c_string(out, e->text, tp_expr_len(e));
		return;
	case TP_E_IDENT:
		tp_buf_adds(out, e->text);
		return;
	case TP_E_FIELD:
		tp_buf_printf(out, "REC->%s", e->text);
		return;
	case TP_E_STMT:
		tp_buf_adds(out, "(statement-expression)");
		return;
	case TP_E_MEMBER:
		tp_buf_printf(out, "(%s ", tp_expr_op_name(e->op));
		write_expr(out, e->kids[0]);
		tp_buf_printf(out, " %s)", e->text);
		return;
	case TP_E_CAST:
		tp_buf_printf(out, "(cast \"%s\" ", e->text);
		write_expr(out, e->kids[0]);
		tp_buf_addc(out, ')');
		return;
	case TP_E_SIZEOF:
		if (!e->nkids) {
			tp_buf_printf(out, "(sizeof \"%s\")", e->text);
			return;
		}
		tp_buf_adds(out, "(sizeof");
		break;
	case TP_E_CALL:
		tp_buf_printf(out, "(call %s", e->text);
		break;
	case TP_E_LIST:
		tp_buf_addc(out, '{');
		for (i = 0; i < e->nkids; i++) {
			tp_buf_adds(out, i ? " " : "");
			write_expr(out, e->kids[i]);
		}
		tp_buf_addc(out, '}');
		return;
	case TP_E_INDEX:
		tp_buf_adds(out, "([]");
		break;
	case TP_E_TERNARY:
		tp_buf_adds(out, "(?:");
		break;
	case TP_E_UNARY:
	case TP_E_BINARY:
		tp_buf_printf(out, "(%s", tp_expr_op_name(e->op));
		break;
	}
	for (i = 0; i < e->nkids; i++) {
		tp_buf_addc(out, ' ');
		write_expr(out, e->kids[i]);
	}
	tp_buf_addc(out, ')');
}

/* The tree of p, as a string the caller frees. */
static char *tree_of(const struct tp_print *p)
{
	struct tp_buf out = { 0 };
	size_t i;

	tp_buf_adds(&out, "format ");
	if (p->format)
		tp_c_string(&out, p->format, p->format_len);
	tp_buf_addc(&out, '\n');
	for (i = 0; i < p->nargs; i++) {
		tp_buf_printf(&out, "arg %zu ", i + 1);
		write_expr(&out, p->args[i]);
		tp_buf_addc(&out, '\n');
	}
	if (p->problem)
		tp_buf_printf(&out, "not understood at %u:%u: %s\n",
			      p->problem_line, p->problem_column, p->problem);
	tp_buf_addc(&out, '\0');
	ck_assert(!out.failed);
	return out.data;
}

static glob_t cases;

START_TEST(matches_golden_tree)
{
	const char *path = cases.gl_pathv[_i];
	const char *rel = strstr(path, "printfmt/");
	struct tp_event *ev = parse_fixture(rel, NULL);
	char *got, *golden, *want;
	size_t got_len;
	struct tp_source *src;
	FILE *out;

	ck_assert_ptr_nonnull(ev->print);
	got = tree_of(ev->print);
	got_len = strlen(got);
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

/*
 * Print fmts nested far deeper than any kernel writes: the parser's stack
 * and the recursive walkers must not overflow.  Each becomes a print fmt
 * not understood, located, and the event still parses.
 */
static const struct {
	const char *what, *open, *middle, *close;
	unsigned times;
	const char *problem;
} deep_cases[] = {
	{ "parentheses", "(", "REC->x", ")", 200000, "nested more than" },
	{ "a + chain", "", "REC->x", "+1", 1000000,
	  "expressions nested more than 256 deep" },
	{ "unary minus", "-", "REC->x", "", 200000, "nested more than" },
	{ "ternaries", "REC->x ? 1 : ", "2", "", 200000, "nested more than" },
	{ "calls", "f(", "1", ")", 3000,
	  "expressions nested more than 256 deep" },
	{ "braces", "{", "1", "}", 3000, "nested more than" },
};

START_TEST(deep_nesting)
{
	static const char head[] =
		"name: deep\nID: 1\nformat:\n"
		"\tfield:unsigned short common_type;\toffset:0;\tsize:2;"
		"\tsigned:0;\n"
		"\tfield:int x;\toffset:8;\tsize:4;\tsigned:1;\n\n"
		"print fmt: \"%d\", ";
	struct tp_target host = TP_TARGET_HOST;
	size_t cap, len = 0, i;
	unsigned n = deep_cases[_i].times;
	struct tp_source *src;
	struct tp_event *ev;
	struct tp_diags d;
	char *text;

	cap = sizeof(head) + strlen(deep_cases[_i].middle) + 2 +
	      (size_t)n * (strlen(deep_cases[_i].open) +
			   strlen(deep_cases[_i].close));
	text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	len = (size_t)sprintf(text, "%s", head);
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "%s", deep_cases[_i].open);
	len += (size_t)sprintf(text + len, "%s", deep_cases[_i].middle);
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "%s", deep_cases[_i].close);
	text[len++] = '\n';
	src = tp_source_from_mem("deep", text, len);
	ck_assert_ptr_nonnull(src);
	tp_diags_init(&d);
	ev = tp_format_parse(src, TP_FORMAT_EVENT, &host, &d);
	tp_diags_fini(&d);
	ck_assert_msg(ev != NULL, "%s: the event did not parse",
		      deep_cases[_i].what);
	ck_assert_ptr_nonnull(ev->print);
	ck_assert_msg(ev->print->problem &&
		      strstr(ev->print->problem, deep_cases[_i].problem),
		      "%s: problem is '%s'", deep_cases[_i].what,
		      ev->print->problem ? ev->print->problem : "(none)");
	ck_assert_uint_eq(ev->print->problem_line, 7);
	tp_event_free(ev);
	tp_source_free(src);
	free(text);
}
END_TEST

/* A format file of one field, int x, whose print fmt a test writes to
 * its f after x_begin(); x_parse() parses it, x_end() frees it all. */
struct x_event {
	FILE *f;
	char *text;
	size_t len;
	struct tp_source *src;
	struct tp_event *ev;
};

static const char x_head[] =
	"name: x\nID: 1\nformat:\n"
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;"
	"\tsigned:0;\n"
	"\tfield:int x;\toffset:8;\tsize:4;\tsigned:1;\n\n";

static void x_begin(struct x_event *x)
{
	*x = (struct x_event){ 0 };
	x->f = open_memstream(&x->text, &x->len);
	ck_assert_ptr_nonnull(x->f);
	fputs(x_head, x->f);
}

static const struct tp_print *x_parse(struct x_event *x)
{
	struct tp_target host = TP_TARGET_HOST;
	struct tp_diags d;

	ck_assert_int_eq(fclose(x->f), 0);
	x->src = tp_source_from_mem("x", x->text, x->len);
	ck_assert_ptr_nonnull(x->src);
	tp_diags_init(&d);
	x->ev = tp_format_parse(x->src, TP_FORMAT_EVENT, &host, &d);
	tp_diags_fini(&d);
	ck_assert_ptr_nonnull(x->ev);
	ck_assert_ptr_nonnull(x->ev->print);
	return x->ev->print;
}

static void x_end(struct x_event *x)
{
	tp_event_free(x->ev);
	tp_source_free(x->src);
	free(x->text);
}

/* The scanner reads a print fmt in pieces (YY_BUF_SIZE, 16 KiB), not from
 * a copy of it: a string longer than many pieces, tokens that straddle
 * two, and a place found after them all come out as from one piece. */
START_TEST(longer_than_scanner_buffer)
{
	enum { XS = 100000, ENTRIES = 5000 };
	const struct tp_expr *call, *last, *nul;
	const struct tp_print *p;
	struct x_event x;
	char last_name[16];
	size_t column, i;

	x_begin(&x);
	fputs("print fmt: \"", x.f);
	for (i = 0; i < XS; i++)
		fputc('x', x.f);
	fputs("%s %s\", __print_symbolic(REC->x", x.f);
	for (i = 0; i < ENTRIES; i++)
		fprintf(x.f, ", { %zu, \"S%zu\" }", i, i);
	fputs("), \"a\\0b\", ", x.f);
	column = (size_t)ftell(x.f) - strlen(x_head) + 1;
	fputs("kernel_fn(REC->x)\n", x.f);
	p = x_parse(&x);
	ck_assert_uint_eq(p->format_len, XS + 5);
	ck_assert_uint_eq(p->nargs, 3);
	call = p->args[0];
	ck_assert_int_eq(call->kind, TP_E_CALL);
	ck_assert_uint_eq(call->nkids, ENTRIES + 1);
	last = call->kids[ENTRIES];
	ck_assert_int_eq(last->kind, TP_E_LIST);
	ck_assert_uint_eq(last->kids[0]->num, ENTRIES - 1);
	snprintf(last_name, sizeof(last_name), "S%d", ENTRIES - 1);
	ck_assert_str_eq(last->kids[1]->text, last_name);
	nul = p->args[1];
	ck_assert_uint_eq(tp_expr_len(nul), 3);
	ck_assert_int_eq(memcmp(nul->text, "a\0b", 4), 0);
	ck_assert_str_eq(p->problem,
			 "a call to the kernel function 'kernel_fn'");
	ck_assert_uint_eq(p->problem_line, 7);
	ck_assert_uint_eq(p->problem_column, column);
	x_end(&x);
}
END_TEST

/* An entry of a __print_symbolic() table, ', { 5, "SYMBOL_0000005" }',
 * is about 30 bytes of text and takes 88 as parsed: three nodes of 16
 * bytes, the list's two kids, the call's pointer to it and the name's 15
 * bytes.  Each node from malloc() made it 250, and every string's length
 * kept beside it 96. */
START_TEST(table_entry_size)
{
	enum { ENTRIES = 20000 };
	const struct tp_print *p;
	struct x_event x;
	size_t i;

	x_begin(&x);
	fputs("print fmt: \"%s\", __print_symbolic(REC->x", x.f);
	for (i = 0; i < ENTRIES; i++)
		fprintf(x.f, ", { %zu, \"SYMBOL_%07zu\" }", i, i);
	fputs(")\n", x.f);
	p = x_parse(&x);
	ck_assert_ptr_null(p->problem);
	ck_assert_uint_eq(p->args[0]->nkids, ENTRIES + 1);
	/* The last chunk may be all but empty: 64 KiB. */
	ck_assert_uint_le(tp_print_size(p), 88 * ENTRIES + (64 << 10));
	x_end(&x);
}
END_TEST

/* The calls of __print_symbolic, __print_flags and their variants in e,
 * outermost first, as tpgen header finds them in a whole parse. */
static void outer_symbol_calls(struct tp_expr *e, struct tp_print *into)
{
	size_t i;

	if (e->kind == TP_E_CALL && tp_print_symbols_call(e->text)) {
		into->args[into->nargs++] = e;
		return;
	}
	for (i = 0; i < e->nkids; i++)
		outer_symbol_calls(e->kids[i], into);
}


/* Parsed for the header, each fixture's print fmt gives the calls that
 * name symbols, the same as its whole parse holds (when that parse did
 * not stop at a syntax error: fixtures with one are the next test's). */
START_TEST(symbols_as_whole_parse)
{
	const char *rel = strstr(cases.gl_pathv[_i], "printfmt/");
	struct tp_target host = TP_TARGET_HOST;
	struct tp_source *src;
	struct tp_event *ev;
	struct tp_print *sym;
	struct tp_diags d;
	struct tp_expr *calls[64];
	struct tp_print whole = { .args = calls };
	char *got, *want;
	size_t i;

	ck_assert_int_eq(tp_source_read(cases.gl_pathv[_i], rel, &src), 0);
	tp_diags_init(&d);
	ev = tp_format_parse(src, TP_FORMAT_EVENT, &host, &d);
	tp_diags_fini(&d);
	ck_assert_ptr_nonnull(ev);
	sym = tp_print_parse_symbols(src, &ev->print_fmt_loc);
	ck_assert_ptr_nonnull(sym);
	if (ev->print->problem && strstr(ev->print->problem, "syntax"))
		goto done;
	for (i = 0; i < ev->print->nargs; i++)
		outer_symbol_calls(ev->print->args[i], &whole);
	ck_assert_ptr_null(sym->format);
	got = tree_of(sym);
	want = tree_of(&whole);
	ck_assert_msg(strcmp(got, want) == 0, "%s:\n--- symbols\n%s--- "
		      "whole\n%s", rel, got, want);
	free(got);
	free(want);
done:
	tp_print_free(sym);
	tp_event_free(ev);
	tp_source_free(src);
}
END_TEST

/* What the symbols parse finds in hand-made print fmts: the calls alone,
 * in order, wherever they are; none inside a string, a character or a
 * statement expression; and a syntax error elsewhere does not hide
 * them. */
START_TEST(symbols_only)
{
	static const struct {
		const char *fmt;
		size_t calls;
		const char *first; /* the first call's name */
	} fmts[] = {
		{ "\"%s %s\", __print_symbolic(REC->a, {1, \"A\"}), "
		  "__print_flags_u64(REC->b, \"|\", {2, \"B\"})", 2,
		  "__print_symbolic" },
		{ "\"%s\", __print_flags(REC->a, \"|\", {1, \"A\"}) + ", 1,
		  "__print_flags" },
		{ "\"%d\" REC->a ) __print_symbolic(REC->a, {1, \"A\"})", 1,
		  "__print_symbolic" },
		{ "\"__print_flags(REC->a, \\\"|\\\", {1, \\\"A\\\"})\", "
		  "REC->a", 0, NULL },
		{ "\"%c\", '(' + __print_symbolic", 0, NULL },
		{ "\"%s\", ({ __print_flags(REC->a, \"|\", {1, \"A\"}); })",
		  0, NULL },
		{ "\"%s\", REC->a ? __print_symbolic(REC->a, {1, "
		  "__print_flags(REC->b, \"|\", {2, \"B\"})}) : \"\"", 1,
		  "__print_symbolic" },
		{ "\"%s\", __print_flags_x", 0, NULL },
		{ "\"%s\", __print_flags(REC->a, {1, \"A\"}", 0, NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		size_t len = strlen(fmts[i].fmt);
		struct tp_source *src = tp_source_from_mem("m", fmts[i].fmt,
							   len);
		struct tp_loc loc = { 0, len };
		struct tp_print *p = tp_print_parse_symbols(src, &loc);

		ck_assert_ptr_nonnull(p);
		ck_assert_msg(p->nargs == fmts[i].calls, "%zu: %zu calls",
			      i, p->nargs);
		if (fmts[i].first) {
			ck_assert_int_eq(p->args[0]->kind, TP_E_CALL);
			ck_assert_str_eq(p->args[0]->text, fmts[i].first);
		}
		tp_print_free(p);
		tp_source_free(src);
	}
}
END_TEST

/*
 * What the loader's text output and its header make of an event: the
 * event is parsed from text (or a fixture) as one of group, with the
 * kernel's long of long_size bytes.
 */
struct made {
	struct tp_source *src;
	struct tp_event *ev;
	struct tp_layout l;
	char *code, *tables, *why;
	struct tp_buf header;
};

static void make_from(struct made *m, struct tp_event *ev, const char *group,
		      unsigned long_size)
{
	struct tp_naming naming = { false, NULL };

	m->ev = ev;
	free(ev->group);
	ev->group = strdup(group);
	ck_assert_int_eq(tp_layout_build(ev, &naming, &m->l), 0);
	m->code = tp_pfgen(&m->l, long_size, "table", &m->tables, &m->why);
	ck_assert_msg(m->code != NULL, "not compiled: %s", m->why);
	memset(&m->header, 0, sizeof(m->header));
	tp_header_event(&m->header, &m->l);
	tp_buf_addc(&m->header, '\0');
	ck_assert(!m->header.failed);
}

static void make_fixture(struct made *m, const char *rel, const char *group,
			 unsigned long_size)
{
	struct tp_target t = { long_size, 65535 };

	m->src = NULL;
	make_from(m, parse_fixture(rel, &t), group, long_size);
}

static void make_text(struct made *m, const char *group, const char *fields,
		      const char *fmt)
{
	struct tp_target host = TP_TARGET_HOST;
	struct tp_diags d;
	char *text;

	ck_assert_int_ge(asprintf(&text, "name: sys_enter_x\nID: 1\nformat:\n"
				  "\tfield:unsigned short common_type;\t"
				  "offset:0;\tsize:2;\tsigned:0;\n\n%s\n"
				  "print fmt: %s\n", fields, fmt), 0);
	m->src = tp_source_from_mem("m", text, strlen(text));
	free(text);
	tp_diags_init(&d);
	m->ev = tp_format_parse(m->src, TP_FORMAT_EVENT, &host, &d);
	tp_diags_fini(&d);
	ck_assert_ptr_nonnull(m->ev);
	make_from(m, m->ev, group, sizeof(long));
}

static void made_fini(struct made *m)
{
	free(m->code);
	free(m->tables);
	free(m->why);
	tp_buf_fini(&m->header);
	tp_layout_fini(&m->l);
	tp_event_free(m->ev);
	tp_source_free(m->src);
}

#define ck_assert_has(text, part) \
	ck_assert_msg(strstr(text, part) != NULL, "no '%s' in:\n%s", part, text)
#define ck_assert_lacks(text, part) \
	ck_assert_msg(strstr(text, part) == NULL, "'%s' in:\n%s", part, text)

/* Syscall events as the kernel's trace file writes them, not as their
 * print fmt says: "sys_openat(dfd: 0xffffff9c, ..., mode: 0)". */
START_TEST(syscall_enter_text)
{
	struct made m;

	make_fixture(&m, "tree/events/syscalls/sys_enter_openat/format",
		     "syscalls", 8);
	ck_assert_has(m.code, "\tfputs(\"sys_openat(\", o->f);\n"
		      "\ttpgen_syscall_arg(o, \"dfd: \", (__u64)ctx->dfd);\n"
		      "\ttpgen_syscall_arg(o, \", filename: \", "
		      "(__u64)ctx->filename);\n");
	ck_assert_has(m.code, "\ttpgen_syscall_arg(o, \", mode: \", "
		      "(__u64)ctx->mode);\n\tfputc(')', o->f);\n");
	ck_assert_lacks(m.code, "%08lx");
	made_fini(&m);
}
END_TEST

/* sys_NAME -> 0xRET, the return value as the kernel's unsigned long:
 * 32 bits of it on a 32-bit kernel. */
START_TEST(syscall_exit_text)
{
	struct made m;

	make_fixture(&m, "tree32/events/syscalls/sys_exit_openat/format",
		     "syscalls", 4);
	ck_assert_has(m.code, "\tfputs(\"sys_openat -> \", o->f);\n"
		      "\tfprintf(o->f, \"0x%llx\", (unsigned long long)"
		      "(__u32)ctx->ret);\n");
	made_fini(&m);
}
END_TEST

/* The same fields in another group are an event like any other: its
 * name, then its print fmt. */
START_TEST(syscall_only_in_group)
{
	struct made m;

	make_fixture(&m, "tree/events/syscalls/sys_enter_openat/format",
		     "other", 8);
	ck_assert_has(m.code, "\tfputs(\"sys_enter_openat: dfd: 0x\", o->f);");
	ck_assert_lacks(m.code, "tpgen_syscall_arg");
	ck_assert_lacks(m.header.data, "_value(");
	made_fini(&m);
}
END_TEST

/* Fields of other kinds (user strings that newer kernels copy) leave
 * the event to its print fmt: tpgen does not know how the kernel prints
 * those. */
START_TEST(syscall_other_fields)
{
	struct made m;

	make_text(&m, "syscalls",
		  "\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"
		  "\tfield:int fd;\toffset:16;\tsize:8;\tsigned:0;\n"
		  "\tfield:__data_loc char[] s;\toffset:24;\tsize:4;\t"
		  "signed:0;\n",
		  "\"fd: 0x%08lx\", ((unsigned long)(REC->fd))");
	ck_assert_lacks(m.code, "tpgen_syscall_arg");
	made_fini(&m);
}
END_TEST

/* Arguments of another declared type than their slot's get a function
 * that reads them as declared, and the loader prints that value. */
START_TEST(syscall_value_accessors)
{
	struct made m;

	make_fixture(&m, "tree/events/syscalls/sys_enter_openat/format",
		     "syscalls", 8);
	ck_assert_has(m.header.data, "__s32 sys_enter_openat_tp_dfd_value("
		      "const struct sys_enter_openat_tp *ctx)\n{\n"
		      "\treturn (__s32)ctx->dfd;\n}\n");
	ck_assert_has(m.header.data, "__u16 sys_enter_openat_tp_mode_value(");
	ck_assert_lacks(m.header.data, "filename_value");
	ck_assert_lacks(m.header.data, "__syscall_nr_value");
	made_fini(&m);
}
END_TEST

/* A value function's name is not an accessor's already: here the
 * overlapping field's. */
START_TEST(syscall_value_names)
{
	struct made m;
	char *name;

	make_text(&m, "syscalls",
		  "\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"
		  "\tfield:int fd;\toffset:16;\tsize:8;\tsigned:0;\n"
		  "\tfield:long fd_value;\toffset:16;\tsize:8;\tsigned:0;\n",
		  "\"\"");
	name = tp_header_value_name(&m.l, tp_layout_member(&m.l,
			field(m.ev, "fd", 0)));
	ck_assert_str_eq(name, "fd_value_2");
	free(name);
	made_fini(&m);
}
END_TEST

/* A 32-bit kernel's long is the loader's int: %lu of it would be a
 * -Wformat warning. */
START_TEST(long_on_32_bits)
{
	struct made m;

	make_fixture(&m, "tree32/events/writeback/global_dirty_state/format",
		     "writeback", 4);
	ck_assert_has(m.code, "fprintf(o->f, \"%u\", (unsigned int)"
		      "ctx->nr_dirty);");
	ck_assert_lacks(m.code, "%lu");
	made_fini(&m);
}
END_TEST

/* Where C converts a signed operand to unsigned (the kernel's meaning),
 * the conversion is written out, for -Wsign-compare; constants that no
 * conversion changes are left alone. */
START_TEST(sign_conversions)
{
	struct made m;

	make_text(&m, "test", "\tfield:u64 x;\toffset:8;\tsize:8;\tsigned:0;\n"
		  "\tfield:int e;\toffset:16;\tsize:4;\tsigned:1;\n"
		  "\tfield:u32 r;\toffset:20;\tsize:4;\tsigned:0;\n",
		  "\"%d %d\", REC->x >= -9 && REC->x <= 8, "
		  "REC->e < 0 ? -REC->e : REC->r");
	ck_assert_has(m.code, "((ctx->x >= (__u64)(-9)) && (ctx->x <= 8))");
	ck_assert_has(m.code, "((ctx->e < 0) ? (__u32)(-ctx->e) : ctx->r)");
	made_fini(&m);
}
END_TEST

/* Operations on constants are written as their value where C's int
 * arithmetic gives it too; not where it would overflow or go negative
 * (C's meaning there is not tpgen's). */
START_TEST(constants_folded)
{
	struct made m;

	make_text(&m, "test", "\tfield:u64 s;\toffset:8;\tsize:8;\tsigned:0;\n",
		  "\"%d %d %d\", REC->s & ((((0x00000000 | 0x00000001 | "
		  "0x00000002) + 1) << 1) - 1), REC->s & (1 << 31), "
		  "REC->s & (0 - 1)");
	ck_assert_has(m.code, "(ctx->s & 7)");
	ck_assert_has(m.code, "(ctx->s & (1 << 31))");
	ck_assert_has(m.code, "(ctx->s & (0 - 1))");
	made_fini(&m);
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
	tcase_add_test(tc, longer_than_scanner_buffer);
	tcase_add_test(tc, table_entry_size);
	tcase_add_loop_test(tc, symbols_as_whole_parse, 0,
			    (int)cases.gl_pathc);
	tcase_add_test(tc, symbols_only);
	tcase_add_loop_test(tc, deep_nesting, 0,
			    (int)(sizeof(deep_cases) / sizeof(deep_cases[0])));
	suite_add_tcase(s, tc);
	tc = tcase_create("loader code");
	tcase_add_test(tc, syscall_enter_text);
	tcase_add_test(tc, syscall_exit_text);
	tcase_add_test(tc, syscall_only_in_group);
	tcase_add_test(tc, syscall_other_fields);
	tcase_add_test(tc, syscall_value_accessors);
	tcase_add_test(tc, syscall_value_names);
	tcase_add_test(tc, long_on_32_bits);
	tcase_add_test(tc, sign_conversions);
	tcase_add_test(tc, constants_folded);
	suite_add_tcase(s, tc);
	return s;
}
