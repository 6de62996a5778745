/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * print fmt compiled to C: the loader code that renders an event the way
 * the kernel's trace file does, with no interpreter at run time.
 *
 * The format string is split into its conversions; each argument's
 * expression is translated to C over the loader's copy of the record
 * (ctx, and the dynamic data in rec).  The kernel's helpers become calls
 * into tpgen_loader.h, and __print_symbolic/__print_flags tables become
 * static functions of the loader.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cstr.h"
#include "ctypes.h"
#include "cwrap.h"
#include "pfgen.h"
#include "pfspec.h"
#include "print.h"

struct gen {
	const struct tp_layout *l;
	unsigned long_size;
	struct tp_buf *tables; /* symbol and flag tables, static arrays */
	const char *prefix;    /* their names' start: PREFIX_N */
	unsigned ntables;
	char *why;     /* what could not be compiled */
	bool uses_ctx, uses_rec; /* whether the code reads them */
};

static void unsupported(struct gen *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void unsupported(struct gen *g, const char *fmt, ...)
{
	va_list ap;

	if (g->why)
		return;
	va_start(ap, fmt);
	if (vasprintf(&g->why, fmt, ap) < 0)
		g->why = NULL;
	va_end(ap);
}

static const struct tp_member *member_named(const struct gen *g,
					    const char *name)
{
	const struct tp_field *f = tp_event_field(g->l->ev, name);

	return f ? tp_layout_member(g->l, f) : NULL;
}

/* An integer type: its size in bytes, 0 when it is not known. */
struct itype {
	unsigned width;
	bool is_signed;
};

/* The C type a cast names, by size and sign, and in *t (may be NULL)
 * that size and sign; NULL when unknown. */
static const char *cast_type(const struct gen *g, const char *type,
			     struct itype *t)
{
	static const char *const types[2][9] = {
		{ 0, "__u8", "__u16", 0, "__u32", 0, 0, 0, "__u64" },
		{ 0, "__s8", "__s16", 0, "__s32", 0, 0, 0, "__s64" },
	};
	unsigned stars, size;
	bool sign = false;
	char base[TP_CTYPE_BASE_MAX];

	tp_ctype_base(type, base, &stars);
	if (stars || strcmp(base, "void") == 0)
		size = g->long_size, sign = false;
	else
		size = tp_ctype_size(base, g->long_size, &sign);
	if (t) {
		t->width = size <= 8 ? size : 0;
		t->is_signed = sign;
	}
	if (strcmp(type, "char") == 0 || !size || size > 8 || !types[0][size])
		return size == 1 ? "char" : NULL;
	return types[sign][size];
}

/* C's integer promotions, then its usual arithmetic conversions: the
 * type two operands are taken to. */
static struct itype promoted(struct itype t)
{
	if (t.width && t.width < 4) {
		t.width = 4;
		t.is_signed = true;
	}
	return t;
}

static struct itype common_type(struct itype a, struct itype b)
{
	struct itype none = { 0, false };

	a = promoted(a);
	b = promoted(b);
	if (!a.width || !b.width)
		return none;
	if (a.is_signed == b.is_signed)
		return a.width >= b.width ? a : b;
	if (a.is_signed)
		return b.width >= a.width ? b : a;
	return a.width >= b.width ? a : b;
}

static bool comparison(int op)
{
	return op == '<' || op == '>' || op == TP_OP_LE || op == TP_OP_GE ||
	       op == TP_OP_EQ || op == TP_OP_NE;
}

/* The type of what expr() makes of e, where the record's members and
 * casts tell it; width 0 when they do not. */
static struct itype type_of(const struct gen *g, const struct tp_expr *e)
{
	struct itype t = { 0, false };
	const struct tp_member *m;

	switch (e->kind) {
	case TP_E_NUM:
	case TP_E_CHAR:
		/* As expr() writes them: larger ones with ULL. */
		t.width = e->num > 0x7fffffffULL ? 8 : 4;
		t.is_signed = e->num <= 0x7fffffffULL;
		break;
	case TP_E_FIELD:
		m = member_named(g, e->text);
		if (m && !m->count && !m->flexible) {
			t.width = m->width;
			t.is_signed = m->is_signed;
		}
		break;
	case TP_E_CAST:
		cast_type(g, e->text, &t);
		break;
	case TP_E_UNARY:
		if (e->op == '!')
			t = (struct itype){ 4, true };
		else
			t = promoted(type_of(g, e->kids[0]));
		break;
	case TP_E_BINARY:
		if (comparison(e->op) || e->op == TP_OP_AND ||
		    e->op == TP_OP_OR)
			t = (struct itype){ 4, true };
		else if (e->op == TP_OP_SHL || e->op == TP_OP_SHR)
			t = promoted(type_of(g, e->kids[0]));
		else
			t = common_type(type_of(g, e->kids[0]),
					type_of(g, e->kids[1]));
		break;
	case TP_E_TERNARY:
		t = common_type(type_of(g, e->kids[1]), type_of(g, e->kids[2]));
		break;
	case TP_E_STRING:
	case TP_E_IDENT:
	case TP_E_MEMBER:
	case TP_E_INDEX:
	case TP_E_CALL:
	case TP_E_SIZEOF:
	case TP_E_LIST:
	case TP_E_STMT:
		break;
	}
	return t;
}

static void expr(struct gen *g, struct tp_buf *f, const struct tp_expr *e);

/* The slot of a dynamic field named by a helper's argument. */
static const struct tp_member *dynamic_arg(struct gen *g,
					   const struct tp_expr *e)
{
	const struct tp_member *m;

	if (e->kind != TP_E_IDENT && e->kind != TP_E_FIELD) {
		unsupported(g, "%s", "a dynamic field given by an expression");
		return NULL;
	}
	m = member_named(g, e->text);
	if (!m || !tp_member_dynamic(m)) {
		unsupported(g, "'%s' is not a dynamic field", e->text);
		return NULL;
	}
	return m;
}

static void dyn(struct tp_buf *f, struct gen *g, const struct tp_member *m)
{
	g->uses_rec = true;
	tp_buf_printf(f, "tpgen_dyn((void *)rec->data, %u, %d)",
		      g->l->fixed_size, m->slot);
}

/* A __print_symbolic or __print_flags table, as a static function. */
static void table(struct gen *g, struct tp_buf *f, const struct tp_expr *e,
		  bool flags)
{
	unsigned n = g->ntables++;
	size_t i;

	tp_buf_printf(g->tables, "\nstatic const struct tpgen_symbol "
		      "%s_%u[] = {\n", g->prefix, n);
	for (i = flags ? 2 : 1; i < e->nkids; i++) {
		const struct tp_expr *pair = e->kids[i];
		long long v;

		if (pair->kind != TP_E_LIST || pair->nkids != 2 ||
		    !tp_expr_const(pair->kids[0], &v)) {
			unsupported(g, "%s", "a table entry that is not a "
				    "constant pair");
			return;
		}
		tp_buf_printf(g->tables, "\t{ %lluULL, ",
			      (unsigned long long)v);
		if (pair->kids[1]->kind == TP_E_STRING)
			tp_c_string(g->tables, pair->kids[1]->text,
				 tp_expr_len(pair->kids[1]));
		else
			tp_buf_adds(g->tables, "NULL");
		tp_buf_adds(g->tables, " },\n");
	}
	tp_buf_adds(g->tables, "\t{ 0, NULL },\n};\n");
	if (flags) {
		if (e->kids[1]->kind != TP_E_STRING) {
			unsupported(g, "%s", "a flags delimiter that is not a "
				    "string");
			return;
		}
		tp_buf_adds(f, "tpgen_flags(o->scratch, sizeof(o->scratch), ");
		tp_c_string(f, e->kids[1]->text, tp_expr_len(e->kids[1]));
		tp_buf_printf(f, ", %s_%u, (unsigned long long)", g->prefix,
			      n);
	} else {
		tp_buf_printf(f, "tpgen_symbolic(o->scratch, "
			      "sizeof(o->scratch), %s_%u, "
			      "(unsigned long long)", g->prefix, n);
	}
	expr(g, f, e->kids[0]);
	tp_buf_addc(f, ')');
}

static void call(struct gen *g, struct tp_buf *f, const struct tp_expr *e)
{
	const char *name = e->text;
	const struct tp_member *m;

	if (!strncmp(name, "__print_symbolic", 16) ||
	    !strncmp(name, "__print_flags", 13)) {
		if (e->nkids < 2) {
			unsupported(g, "%s without arguments", name);
			return;
		}
		table(g, f, e, name[8] == 'f');
	} else if (!strcmp(name, "__get_str") ||
		   !strcmp(name, "__get_rel_str") ||
		   !strcmp(name, "__get_dynamic_array") ||
		   !strcmp(name, "__get_rel_dynamic_array") ||
		   !strcmp(name, "__get_sockaddr") ||
		   !strcmp(name, "__get_rel_sockaddr")) {
		if (e->nkids != 1 || !(m = dynamic_arg(g, e->kids[0])))
			return;
		tp_buf_adds(f, "((const char *)");
		dyn(f, g, m);
		tp_buf_adds(f, "->data)");
	} else if (!strcmp(name, "__get_dynamic_array_len") ||
		   !strcmp(name, "__get_rel_dynamic_array_len")) {
		if (e->nkids != 1 || !(m = dynamic_arg(g, e->kids[0])))
			return;
		dyn(f, g, m);
		tp_buf_adds(f, "->len");
	} else if (!strcmp(name, "__builtin_expect") && e->nkids == 2) {
		expr(g, f, e->kids[0]);
	} else if ((!strcmp(name, "__print_hex") ||
		    !strcmp(name, "__print_hex_str")) && e->nkids == 2) {
		tp_buf_adds(f, "tpgen_hex_seq(o->scratch, sizeof(o->scratch), "
			    "(const void *)");
		expr(g, f, e->kids[0]);
		tp_buf_adds(f, ", (unsigned long)");
		expr(g, f, e->kids[1]);
		tp_buf_printf(f, ", %s)", name[11] ? "true" : "false");
	} else if (!strcmp(name, "__print_array") && e->nkids == 3) {
		tp_buf_adds(f, "tpgen_array_seq(o->scratch, "
			    "sizeof(o->scratch), (const void *)");
		expr(g, f, e->kids[0]);
		tp_buf_adds(f, ", (unsigned long)");
		expr(g, f, e->kids[1]);
		tp_buf_adds(f, ", (unsigned long)");
		expr(g, f, e->kids[2]);
		tp_buf_addc(f, ')');
	} else {
		unsupported(g, "'%s' cannot be rendered yet", name);
	}
}

/* A constant that no conversion changes, which compilers do not warn
 * about. */
static bool non_negative(const struct tp_expr *e)
{
	long long v;

	return tp_expr_const(e, &v) && v >= 0;
}

/*
 * Two operands that C takes to one type (a comparison's, a choice's), with
 * op between them.  Where that type is unsigned and one operand is signed,
 * the conversion C makes anyway is written out: the kernel's expression
 * means it, and -Wsign-compare would take it for a mistake of the loader.
 */
static void operands(struct gen *g, struct tp_buf *f, const struct tp_expr *a,
		     const struct tp_expr *b, const char *op)
{
	struct itype ta = promoted(type_of(g, a)), tb = promoted(type_of(g, b));
	struct itype t = common_type(ta, tb);
	bool cast = t.width && !t.is_signed && ta.is_signed != tb.is_signed;

	if (cast && ta.is_signed && !non_negative(a))
		tp_buf_printf(f, "(__u%u)", t.width * 8);
	expr(g, f, a);
	tp_buf_printf(f, " %s ", op);
	if (cast && tb.is_signed && !non_negative(b))
		tp_buf_printf(f, "(__u%u)", t.width * 8);
	expr(g, f, b);
}

/* A field's value: its member, or its accessor's result. */
static void read_member(struct gen *g, struct tp_buf *f,
			const struct tp_member *m)
{
	g->uses_ctx = true;
	if (m->kind == TP_MEMBER_ACCESSOR)
		tp_buf_printf(f, "%s_%s(ctx)", g->l->tag, m->accessor);
	else
		tp_buf_printf(f, "ctx->%s", m->name);
}

/*
 * Whether e is an operation on constants that C's int arithmetic takes
 * where tp_expr_const() does (every value on the way in [0, INT_MAX]):
 * then it is written as its value, 255 for the kernel's
 * ((((0x00000000 | 0x00000001 | ... | 0x00000040) + 1) << 1) - 1).
 */
static bool folds(const struct tp_expr *e, long long *v)
{
	size_t i;

	if (e->kind != TP_E_UNARY && e->kind != TP_E_BINARY &&
	    e->kind != TP_E_TERNARY && e->kind != TP_E_NUM &&
	    e->kind != TP_E_CHAR)
		return false;
	for (i = 0; i < e->nkids; i++)
		if (!folds(e->kids[i], v))
			return false;
	return tp_expr_const(e, v) && *v >= 0 && *v <= INT_MAX;
}

/* A cast or a sizeof, to a type the loader knows by size and sign. */
static void typed(struct gen *g, struct tp_buf *f, const struct tp_expr *e)
{
	const char *type = cast_type(g, e->text, NULL);

	if (e->kind == TP_E_SIZEOF && (e->nkids || !type)) {
		unsupported(g, "%s", "this sizeof");
	} else if (!type) {
		unsupported(g, "a cast to '%s'", e->text);
	} else if (e->kind == TP_E_SIZEOF) {
		tp_buf_printf(f, "sizeof(%s)", type);
	} else {
		tp_buf_printf(f, "((%s)", type);
		expr(g, f, e->kids[0]);
		tp_buf_addc(f, ')');
	}
}

/* An operator and its operands, in parentheses. */
static void operation(struct gen *g, struct tp_buf *f,
		      const struct tp_expr *e)
{
	if (e->kind == TP_E_UNARY && (e->op == '*' || e->op == '&')) {
		unsupported(g, "%s", "a pointer operation");
		return;
	}
	tp_buf_addc(f, '(');
	if (e->kind == TP_E_UNARY) {
		tp_buf_adds(f, tp_expr_op_name(e->op));
		expr(g, f, e->kids[0]);
	} else if (e->kind == TP_E_BINARY && comparison(e->op)) {
		operands(g, f, e->kids[0], e->kids[1],
			 tp_expr_op_name(e->op));
	} else if (e->kind == TP_E_BINARY) {
		expr(g, f, e->kids[0]);
		tp_buf_printf(f, " %s ", tp_expr_op_name(e->op));
		expr(g, f, e->kids[1]);
	} else if (e->kind == TP_E_TERNARY) {
		expr(g, f, e->kids[0]);
		tp_buf_adds(f, " ? ");
		operands(g, f, e->kids[1], e->kids[2], ":");
	} else {
		expr(g, f, e->kids[0]);
		tp_buf_adds(f, ")[");
		expr(g, f, e->kids[1]);
		tp_buf_addc(f, ']');
		return;
	}
	tp_buf_addc(f, ')');
}

static void expr(struct gen *g, struct tp_buf *f, const struct tp_expr *e)
{
	const struct tp_member *m;
	long long v;

	if (g->why)
		return;
	if (e->kind != TP_E_NUM && e->kind != TP_E_CHAR && folds(e, &v)) {
		tp_buf_printf(f, "%lld", v);
		return;
	}
	switch (e->kind) {
	case TP_E_NUM:
		tp_buf_printf(f, e->num > 0x7fffffffULL ? "%lluULL" : "%llu",
			      e->num);
		return;
	case TP_E_CHAR:
		tp_buf_printf(f, "%llu", e->num);
		return;
	case TP_E_STRING:
		tp_c_string(f, e->text, tp_expr_len(e));
		return;
	case TP_E_FIELD:
		m = member_named(g, e->text);
		if (m)
			read_member(g, f, m);
		else
			unsupported(g, "REC->%s has no member", e->text);
		return;
	case TP_E_CAST:
	case TP_E_SIZEOF:
		typed(g, f, e);
		return;
	case TP_E_UNARY:
	case TP_E_BINARY:
	case TP_E_TERNARY:
	case TP_E_INDEX:
		operation(g, f, e);
		return;
	case TP_E_CALL:
		call(g, f, e);
		return;
	case TP_E_IDENT:
	case TP_E_MEMBER:
	case TP_E_LIST:
	case TP_E_STMT:
		break;
	}
	unsupported(g, "%s", "an expression tpgen cannot evaluate");
}

/* Whether e is a string the record holds: a literal, a character array,
 * dynamic data, a helper's result, or a choice between those.  A %s of a
 * kernel pointer cannot be printed from the record. */
static bool string_expr(const struct gen *g, const struct tp_expr *e)
{
	const struct tp_member *m;

	switch (e->kind) {
	case TP_E_STRING:
		return true;
	case TP_E_FIELD:
		/* A fixed array only: the record does not carry what
		 * follows a flexible one. */
		m = member_named(g, e->text);
		return m && m->field && m->field->kind == TP_FIELD_ARRAY &&
		       m->width == 1 && m->kind == TP_MEMBER_FIELD;
	case TP_E_CALL:
		return !strcmp(e->text, "__get_str") ||
		       !strcmp(e->text, "__get_rel_str") ||
		       !strncmp(e->text, "__print_", 8);
	case TP_E_TERNARY:
		return string_expr(g, e->kids[1]) && string_expr(g, e->kids[2]);
	case TP_E_NUM:
	case TP_E_CHAR:
	case TP_E_IDENT:
	case TP_E_MEMBER:
	case TP_E_INDEX:
	case TP_E_UNARY:
	case TP_E_BINARY:
	case TP_E_CAST:
	case TP_E_SIZEOF:
	case TP_E_LIST:
	case TP_E_STMT:
		break;
	}
	return false;
}

/* Whether e points at bytes the record holds, for %pI4 and the like. */
static bool bytes_expr(const struct gen *g, const struct tp_expr *e)
{
	const struct tp_member *m;

	if (e->kind == TP_E_CAST)
		return bytes_expr(g, e->kids[0]);
	if (e->kind == TP_E_FIELD) {
		m = member_named(g, e->text);
		return m && m->field && m->count &&
		       m->kind == TP_MEMBER_FIELD;
	}
	return e->kind == TP_E_CALL &&
	       (!strcmp(e->text, "__get_dynamic_array") ||
		!strcmp(e->text, "__get_rel_dynamic_array") ||
		!strcmp(e->text, "__get_sockaddr") ||
		!strcmp(e->text, "__get_rel_sockaddr"));
}

/* The C type a length modifier gives an integer conversion, and in
 * *length the modifier printf takes for that type. */
static const char *int_type(const struct tp_pfspec *s, const struct gen *g,
			    const char **length)
{
	bool sign = s->conv == 'd' || s->conv == 'i';

	*length = "";
	if (!strcmp(s->length, "ll") || !strcmp(s->length, "L") ||
	    !strcmp(s->length, "j")) {
		*length = "ll";
		return sign ? "long long" : "unsigned long long";
	}
	if (!strcmp(s->length, "l") || !strcmp(s->length, "z") ||
	    !strcmp(s->length, "t")) {
		/* The traced kernel's long, which a loader built from a
		 * 32-bit capture on a 64-bit machine does not share: int
		 * there, printed without the l. */
		if (g->long_size != 8)
			return sign ? "int" : "unsigned int";
		*length = "l";
		return sign ? "long" : "unsigned long";
	}
	*length = s->length;
	if (!strcmp(s->length, "hh"))
		return sign ? "signed char" : "unsigned char";
	if (!strcmp(s->length, "h"))
		return sign ? "short" : "unsigned short";
	return sign ? "int" : "unsigned int";
}

/* Whether a %s argument may be an array of __u8, which printf() takes
 * only cast. */
static bool byte_array(const struct tp_expr *a)
{
	if (a->kind == TP_E_TERNARY)
		return byte_array(a->kids[1]) || byte_array(a->kids[2]);
	return a->kind == TP_E_FIELD;
}

/* The argument of a %s: string_expr() holds, so it is never NULL. */
static void string_arg(struct gen *g, struct tp_buf *f, const struct tp_expr *a)
{
	if (byte_array(a))
		tp_buf_adds(f, "(const char *)");
	expr(g, f, a);
}

/* Code printing one conversion with its argument(s). */
static void conversion(struct gen *g, struct tp_buf *f,
		       const struct tp_pfspec *s, const struct tp_print *p,
		       size_t *arg)
{
	char fmt[64];
	const struct tp_expr *width = NULL, *precision = NULL, *a;
	const char *type, *length = "";

	if (s->conv == '%') {
		tp_buf_adds(f, "\tfputc('%', o->f);\n");
		return;
	}
	if (s->star_width)
		width = *arg < p->nargs ? p->args[(*arg)++] : NULL;
	if (s->star_precision)
		precision = *arg < p->nargs ? p->args[(*arg)++] : NULL;
	if (*arg >= p->nargs || (s->star_width && !width) ||
	    (s->star_precision && !precision)) {
		unsupported(g, "%s", "more conversions than arguments");
		return;
	}
	a = p->args[(*arg)++];
	if (s->conv == 's' && !string_expr(g, a)) {
		unsupported(g, "%s", "a %s of a string the record does not "
			    "carry");
		return;
	}
	if (s->conv == 'p' && s->ext[0] && strchr("IiMmU", s->ext[0]) &&
	    !bytes_expr(g, a)) {
		unsupported(g, "%%p%s of memory the record only points to",
			    s->ext);
		return;
	}
	if (s->conv == 'p') {
		if (s->star_width || s->star_precision) {
			unsupported(g, "%s", "'*' with %p");
			return;
		}
		tp_buf_printf(f, "\ttpgen_pointer(o, \"%s\", \"%s%s\", "
			      "(unsigned long long)", s->ext, s->flags,
			      s->width);
		expr(g, f, a);
		/* Extensions read what the argument points to. */
		if (s->ext[0] && strchr("IiMmU", s->ext[0])) {
			tp_buf_adds(f, ", (const void *)");
			expr(g, f, a);
		} else {
			tp_buf_adds(f, ", NULL");
		}
		tp_buf_adds(f, ");\n");
		return;
	}
	/* Strings and characters keep no length modifier: the kernel's
	 * are plain char. */
	type = s->conv == 's' || s->conv == 'c' ? NULL :
	       int_type(s, g, &length);
	snprintf(fmt, sizeof(fmt), "%%%s%s%s%s%c", s->flags,
		 s->star_width ? "*" : s->width,
		 s->star_precision ? ".*" : s->precision, length, s->conv);
	tp_buf_printf(f, "\tfprintf(o->f, \"%s\"", fmt);
	if (width) {
		tp_buf_adds(f, ", (int)");
		expr(g, f, width);
	}
	if (precision) {
		tp_buf_adds(f, ", (int)");
		expr(g, f, precision);
	}
	tp_buf_adds(f, ", ");
	if (s->conv == 's') {
		string_arg(g, f, a);
	} else {
		tp_buf_printf(f, "(%s)", s->conv == 'c' ? "int" : type);
		expr(g, f, a);
	}
	tp_buf_adds(f, ");\n");
}

/*
 * A syscall event as the kernel's print_syscall_enter() and
 * print_syscall_exit() write it: "sys_NAME(arg: value, ...)", each value
 * in decimal below 10 and in hex from 10, or "sys_NAME -> 0xRET".  Both
 * events of a syscall come from one SYSCALL_DEFINE, which names the
 * syscall sys_NAME and the events sys_enter_NAME and sys_exit_NAME.
 */
static void syscall_text(struct gen *g, struct tp_buf *f, enum tp_syscall kind)
{
	const struct tp_event *ev = g->l->ev;
	const char *name = ev->name + (kind == TP_SYSCALL_ENTER ? 10 : 9);
	bool first = true;
	size_t i;

	tp_buf_adds(f, "\tfputs(\"sys_");
	tp_c_chars(f, name, strlen(name));
	tp_buf_adds(f, kind == TP_SYSCALL_ENTER ? "(\", o->f);\n" :
		    " -> \", o->f);\n");
	for (i = 0; i < ev->nfields; i++) {
		const struct tp_field *fd = &ev->fields[i];
		const struct tp_member *m = tp_layout_member(g->l, fd);

		if (fd->common || !m || !strcmp(fd->name, "__syscall_nr"))
			continue;
		if (kind == TP_SYSCALL_EXIT) {
			tp_buf_adds(f, "\tfprintf(o->f, \"0x%llx\", "
				    "(unsigned long long)");
		} else {
			tp_buf_adds(f, "\ttpgen_syscall_arg(o, \"");
			if (!first)
				tp_buf_adds(f, ", ");
			tp_c_chars(f, fd->name, strlen(fd->name));
			tp_buf_adds(f, ": \", ");
			first = false;
		}
		/* The kernel prints the slot, an unsigned long, whatever
		 * sign the field has. */
		tp_buf_printf(f, "(__u%u)", m->width * 8);
		read_member(g, f, m);
		tp_buf_adds(f, ");\n");
	}
	if (kind == TP_SYSCALL_ENTER)
		tp_buf_adds(f, "\tfputc(')', o->f);\n");
}

/* The print fmt's text: "EVENT: " as the kernel's trace file starts
 * it, then the format string's. */
static void print_fmt(struct gen *g, struct tp_buf *f, const struct tp_print *p)
{
	const char *s = p->format, *end = p->format + p->format_len;
	const char *event = g->l->ev->name;
	size_t arg = 0;

	while ((s < end || event) && !g->why) {
		const char *pct = memchr(s, '%', (size_t)(end - s));
		struct tp_pfspec spec;

		if (!pct)
			pct = end;
		if (pct > s || event) {
			tp_buf_adds(f, "\tfputs(\"");
			if (event) {
				tp_c_chars(f, event, strlen(event));
				tp_buf_adds(f, ": ");
				event = NULL;
			}
			tp_c_chars(f, s, (size_t)(pct - s));
			tp_buf_adds(f, "\", o->f);\n");
		}
		if (pct == end)
			break;
		s = pct + 1;
		if (!tp_pfspec_read(&s, &spec)) {
			unsupported(g, "%s", "a conversion tpgen does not "
				    "know");
			break;
		}
		conversion(g, f, &spec, p, &arg);
	}
	if (!g->why && arg != p->nargs)
		unsupported(g, "%s", "more arguments than conversions");
}

char *tp_pfgen(const struct tp_layout *l, unsigned long_size,
	       const char *prefix, char **tables, char **why)
{
	const struct tp_print *p = l->ev->print;
	enum tp_syscall kind = tp_syscall_event(l->ev);
	struct gen g = { .l = l, .long_size = long_size, .prefix = prefix };
	struct tp_buf code = { 0 }, text = { 0 }, tab = { 0 };

	*tables = *why = NULL;
	if (kind == TP_SYSCALL_NONE && (!p || p->problem)) {
		*why = strdup(p ? p->problem : "no print fmt");
		return NULL;
	}
	g.tables = &tab;
	if (kind != TP_SYSCALL_NONE)
		syscall_text(&g, &code, kind);
	else
		print_fmt(&g, &code, p);
	if (!g.uses_ctx)
		tp_buf_adds(&code, "\t(void)ctx;\n");
	if (!g.uses_rec)
		tp_buf_adds(&code, "\t(void)rec;\n");
	if (!g.why)
		tp_c_wrap_buf(&text, &code);
	tp_buf_addc(&text, '\0');
	tp_buf_addc(&tab, '\0');
	tp_buf_fini(&code);
	if (g.why || text.failed || tab.failed) {
		*why = g.why;
		tp_buf_fini(&text);
		tp_buf_fini(&tab);
		return NULL;
	}
	*tables = tab.data;
	return text.data;
}
