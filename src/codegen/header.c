/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ctypes.h"
#include "cwrap.h"
#include "grow.h"
#include "header.h"
#include "nameset.h"
#include "print.h"
#include "template.h"

/* Format files are not ours: nothing in them may end a comment early or
 * put a control character in generated code. */
static bool comment_mark(const char *s)
{
	return (s[0] == '*' && s[1] == '/') || (s[0] == '/' && s[1] == '*');
}

static void comment_text(struct tp_buf *out, const char *s)
{
	while (*s) {
		const char *run = s;

		/* What passes as it is, written at once. */
		while (isprint((unsigned char)*s) && !comment_mark(s))
			s++;
		if (s > run)
			tp_buf_add(out, run, (size_t)(s - run));
		if (!*s)
			break;
		if (comment_mark(s)) {
			tp_buf_addc(out, s[0]);
			tp_buf_addc(out, ' ');
		} else {
			tp_buf_addc(out, '?');
		}
		s++;
	}
}

/* v in decimal.  For the lines written for every member and every
 * symbol, where printf's parsing of its format costs more than the rest
 * of the line. */
static void put_uint(struct tp_buf *out, unsigned long long v)
{
	char digits[24], *p = digits + sizeof(digits);

	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	tp_buf_add(out, p, (size_t)(digits + sizeof(digits) - p));
}

/* __u8 .. __s64. */
static void int_type(struct tp_buf *out, unsigned width, bool is_signed)
{
	tp_buf_adds(out, is_signed ? "__s" : "__u");
	put_uint(out, width * 8);
}

/* Comments after members start in this column when they can. */
#define COMMENT_COLUMN 40

/* BPF programs may not read their context below this offset: the
 * verifier refuses it. */
#define TPGEN_BPF_CTX_MIN 8

/* The mark, with a space before it, of what lies below that offset:
 * naming it is an error in BPF builds. */
static const char *below_8(const struct tp_member *m)
{
	return m->offset < TPGEN_BPF_CTX_MIN ? " TPGEN_BELOW_8" : "";
}

static void member(struct tp_buf *out, const struct tp_member *m)
{
	size_t start, len;

	tp_buf_addc(out, '\t');
	start = tp_buf_pos(out);
	int_type(out, m->width, m->is_signed);
	tp_buf_addc(out, ' ');
	tp_buf_adds(out, m->name);
	if (m->flexible) {
		tp_buf_adds(out, "[]");
	} else if (m->count) {
		tp_buf_addc(out, '[');
		put_uint(out, m->count);
		tp_buf_addc(out, ']');
	}
	if (m->align == 1)
		tp_buf_adds(out, " __attribute__((packed))");
	else if (m->align)
		tp_buf_printf(out, " __attribute__((packed, aligned(%u)))",
			      m->align);
	tp_buf_adds(out, below_8(m));
	tp_buf_addc(out, ';');
	/* The length, less the tab. */
	len = tp_buf_pos(out) - start;
	if (m->field) {
		static const char blanks[] = "                                ";

		_Static_assert(sizeof(blanks) - 1 >= COMMENT_COLUMN - 8,
			       "blanks to reach the comment column");

		/* After the tab, which counts for 8 columns. */
		tp_buf_add(out, blanks, len + 8 < COMMENT_COLUMN ?
			   COMMENT_COLUMN - 8 - len : 1);
		tp_buf_adds(out, "/* ");
		comment_text(out, m->field->decl);
		tp_buf_adds(out, " */");
	}
	tp_buf_addc(out, '\n');
}

#define INLINE "static inline __attribute__((always_inline))"

/* An accessor's name and parameter, after the return type that line
 * holds: the line is broken as generated code is when the names make it
 * long. */
static void accessor_head(struct tp_buf *out, struct tp_buf *line,
			  const struct tp_layout *l, const char *name,
			  const char *suffix)
{
	tp_buf_printf(line, "%s_%s%s(const struct %s *ctx)\n{\n", l->tag,
		      name, suffix, l->tag);
	tp_c_wrap_buf(out, line);
	tp_buf_fini(line);
}

/* A pointer to a dynamic field's data and, but for the old 2-byte form,
 * its length: the kernel's __get_dynamic_array(). */
static void dynamic_accessors(struct tp_buf *out, const struct tp_layout *l,
			      const struct tp_member *m)
{
	const struct tp_field *f = m->field;
	const char *sfx = m->accessor;
	bool rel = f->kind == TP_FIELD_REL_LOC;

	tp_buf_adds(out, "\n/* ");
	comment_text(out, f->decl);
	if (m->width == 2)
		tp_buf_adds(out, ": the old form, an offset without a "
			    "length */\n");
	else if (rel)
		tp_buf_adds(out, ": length << 16 | offset from the end of "
			    "the word */\n");
	else
		tp_buf_adds(out, ": length << 16 | offset from the start of "
			    "the record */\n");
	struct tp_buf line = { 0 };

	tp_buf_adds(out, INLINE "\n");
	tp_buf_adds(&line, "const void *");
	accessor_head(out, &line, l, sfx, "");
	if (m->width == 2)
		tp_buf_printf(out, "\treturn (const char *)ctx + "
			      "ctx->%s;\n}\n", m->name);
	else if (rel)
		tp_buf_printf(out, "\treturn (const char *)&ctx->%s + "
			      "sizeof(ctx->%s) +\n\t       (ctx->%s & "
			      "0xffff);\n}\n", m->name, m->name, m->name);
	else
		tp_buf_printf(out, "\treturn (const char *)ctx + (ctx->%s & "
			      "0xffff);\n}\n", m->name);
	if (m->width != 4)
		return;
	tp_buf_adds(out, "\n" INLINE "\n");
	tp_buf_adds(&line, "__u32 ");
	accessor_head(out, &line, l, sfx, "_len");
	tp_buf_printf(out, "\treturn ctx->%s >> 16;\n}\n", m->name);
}

/* Fields that are not members: a value read byte-wise (which any
 * alignment allows) or, for arrays, a pointer to the bytes. */
static void field_accessor(struct tp_buf *out, const struct tp_layout *l,
			   const struct tp_member *m)
{
	struct tp_buf line = { 0 };

	tp_buf_adds(out, "\n/* ");
	comment_text(out, m->field->decl);
	tp_buf_printf(out, ": offset %u, size %u; %s */\n", m->offset,
		      m->size, m->flexible ?
		      "a flexible array that is not last" :
		      "overlaps another field");
	tp_buf_adds(out, INLINE);
	tp_buf_adds(out, below_8(m));
	tp_buf_addc(out, '\n');
	if (m->count || m->flexible) {
		tp_buf_adds(&line, "const void *");
		accessor_head(out, &line, l, m->accessor, "");
		tp_buf_printf(out, "\treturn (const char *)ctx + %u;\n}\n",
			      m->offset);
		return;
	}
	int_type(&line, m->width, m->is_signed);
	tp_buf_addc(&line, ' ');
	accessor_head(out, &line, l, m->accessor, "");
	tp_buf_addc(out, '\t');
	int_type(out, m->width, m->is_signed);
	tp_buf_printf(out, " v;\n\n\t__builtin_memcpy(&v, (const char *)ctx "
		      "+ %u, sizeof(v));\n\treturn v;\n}\n", m->offset);
}

/* Whether name is one of l's accessors (or their _len companions). */
static bool accessor_taken(const struct tp_layout *l, const char *name)
{
	size_t i, n;

	for (i = 0; i < l->nmembers; i++) {
		const struct tp_member *m = &l->members[i];

		if (!m->accessor)
			continue;
		n = strlen(m->accessor);
		if (strncmp(name, m->accessor, n) == 0 &&
		    (!name[n] || (tp_member_dynamic(m) &&
				  strcmp(name + n, "_len") == 0)))
			return true;
	}
	return false;
}

char *tp_header_value_name(const struct tp_layout *l,
			   const struct tp_member *m)
{
	unsigned width, k;
	bool is_signed;
	char *name = NULL;

	if (m->kind != TP_MEMBER_FIELD ||
	    !tp_syscall_arg_type(l->ev, m->field, &width, &is_signed))
		return NULL;
	for (k = 1; !name; k++) {
		if ((k == 1 ? asprintf(&name, "%s_value", m->name) :
		     asprintf(&name, "%s_value_%u", m->name, k)) < 0)
			return NULL;
		if (accessor_taken(l, name)) {
			free(name);
			name = NULL;
		}
	}
	return name;
}

/*
 * Syscall arguments as their syscall declares them.  The kernel keeps
 * each in an unsigned long, where an int of -100 (AT_FDCWD) reads
 * 4294967196 and `ctx->dfd == -100` is never true: these functions give
 * the declared type's value.
 */
static void value_accessors(struct tp_buf *out, const struct tp_layout *l)
{
	struct tp_buf line = { 0 };
	bool first = true;
	size_t i;

	for (i = 0; i < l->nmembers; i++) {
		const struct tp_member *m = &l->members[i];
		unsigned width;
		bool is_signed;
		char *name;

		if (m->kind != TP_MEMBER_FIELD ||
		    !tp_syscall_arg_type(l->ev, m->field, &width, &is_signed))
			continue;
		name = tp_header_value_name(l, m);
		if (!name) {
			out->failed = true; /* out of memory: no header */
			return;
		}
		if (first) {
			tp_buf_adds(out, "\n/*\n * The syscall's arguments as "
				    "it declares them.  The kernel keeps each "
				    "in an\n * unsigned long: an int of -100 "
				    "reads 4294967196 there.  From BPF:\n"
				    " *\t");
			comment_text(out, m->field->decl);
			tp_buf_printf(out, " = %s_%s(ctx);\n */\n", l->tag,
				      name);
			first = false;
		}
		tp_buf_adds(out, "\n/* ");
		comment_text(out, m->field->decl);
		tp_buf_adds(out, " */\n" INLINE "\n");
		int_type(&line, width, is_signed);
		tp_buf_addc(&line, ' ');
		accessor_head(out, &line, l, name, "");
		tp_buf_adds(out, "\treturn (");
		int_type(out, width, is_signed);
		tp_buf_printf(out, ")ctx->%s;\n}\n", m->name);
		free(name);
	}
}

/* "MACRO(struct TAG, MEMBER, VALUE);", piece by piece: written for every
 * member. */
static void check_line(struct tp_buf *out, const char *macro,
		       const char *tag, const char *member, unsigned value)
{
	tp_buf_adds(out, macro);
	tp_buf_adds(out, "(struct ");
	tp_buf_adds(out, tag);
	tp_buf_adds(out, ", ");
	tp_buf_adds(out, member);
	tp_buf_adds(out, ", ");
	put_uint(out, value);
	tp_buf_adds(out, ");\n");
}

static void checks(struct tp_buf *out, const struct tp_layout *l)
{
	const struct tp_member *last = NULL;
	size_t i;

	tp_buf_addc(out, '\n');
	for (i = 0; i < l->nmembers; i++) {
		const struct tp_member *m = &l->members[i];

		if (m->kind == TP_MEMBER_ACCESSOR)
			continue;
		check_line(out, "TPGEN_CHECK_OFFSET", l->tag, m->name,
			   m->offset);
		if (!m->flexible)
			last = m;
	}
	if (!last)
		return;
	/* BPF may not name a member below offset 8, not even in sizeof:
	 * a record of common fields alone is checked in C and C++. */
	if (last->offset < TPGEN_BPF_CTX_MIN)
		tp_buf_adds(out, "#ifndef __bpf__\n");
	check_line(out, "TPGEN_CHECK_END", l->tag, last->name, l->fixed_size);
	if (last->offset < TPGEN_BPF_CTX_MIN)
		tp_buf_adds(out, "#endif\n");
}

/* PREFIX_FIELD_NAME, the name's own case kept ("T" and "t" differ). */
static void symbol(struct tp_buf *out, const struct tp_layout *l,
		   struct tp_name_set *seen, const char *field, const char *name,
		   long long value)
{
	char *id = tp_c_identifier(name), *macro, *p;
	size_t ltag = strlen(l->tag), lfield = strlen(field), lid, i;

	if (!id) {
		out->failed = true; /* the header is not written */
		return;
	}
	lid = strlen(id);
	macro = malloc(ltag + lfield + lid + 3);
	if (!macro) {
		free(id);
		out->failed = true;
		return;
	}
	p = macro;
	/* The prefix in upper case. */
	for (i = 0; i < ltag; i++)
		*p++ = (char)toupper((unsigned char)l->tag[i]);
	*p++ = '_';
	for (i = 0; i < lfield; i++)
		*p++ = (char)toupper((unsigned char)field[i]);
	*p++ = '_';
	memcpy(p, id, lid + 1);
	free(id);
	/* A name given already keeps its first value. */
	if (tp_name_set_has(seen, macro)) {
		free(macro);
		return;
	}
	if (tp_name_set_add(seen, macro) != 0) {
		free(macro);
		out->failed = true;
		return;
	}
	tp_buf_adds(out, "#define ");
	tp_buf_adds(out, macro);
	if (value < 0) {
		tp_buf_adds(out, " (-");
		put_uint(out, -(unsigned long long)value);
		tp_buf_adds(out, ")\n");
	} else {
		tp_buf_addc(out, ' ');
		put_uint(out, (unsigned long long)value);
		tp_buf_adds(out, value > 0x7fffffff ? "ULL\n" : "\n");
	}
}

/* The names __print_symbolic and __print_flags give the values of
 * fields, found anywhere in the print fmt. */
static void symbols_in(struct tp_buf *out, const struct tp_layout *l,
		       struct tp_name_set *seen, const struct tp_expr *e)
{
	bool symbolic, flags;
	const char *field;
	char *id;
	size_t i;

	for (i = 0; i < e->nkids; i++)
		symbols_in(out, l, seen, e->kids[i]);
	if (e->kind != TP_E_CALL || !e->nkids)
		return;
	if (!tp_print_symbols_call(e->text))
		return;
	symbolic = strncmp(e->text, "__print_symbolic", 16) == 0;
	flags = !symbolic;
	field = tp_expr_field(e->kids[0]);
	if (!field)
		return;
	/* Most events name no symbols: the set is made for those that do,
	 * with room for the first table's names. */
	if (!seen->slots && tp_name_set_init(seen, e->nkids)) {
		out->failed = true;
		return;
	}
	if (!(id = tp_c_identifier(field))) {
		out->failed = true;
		return;
	}
	tp_buf_printf(out, "\n/* %s: the names __print_%s gives its %s */\n",
		      field, symbolic ? "symbolic" : "flags",
		      symbolic ? "values" : "bits");
	for (i = flags ? 2 : 1; i < e->nkids; i++) {
		const struct tp_expr *pair = e->kids[i];
		long long value;

		if (pair->kind == TP_E_LIST && pair->nkids == 2 &&
		    pair->kids[1]->kind == TP_E_STRING &&
		    tp_expr_const(pair->kids[0], &value))
			symbol(out, l, seen, id, pair->kids[1]->text, value);
	}
	free(id);
}

static void symbols(struct tp_buf *out, const struct tp_layout *l)
{
	const struct tp_print *p = l->ev->print;
	/* The macro names given so far, to keep them unique (a print fmt
	 * can name millions of symbols); the set owns them. */
	struct tp_name_set seen = { 0 };
	size_t i;

	for (i = 0; p && i < p->nargs; i++)
		symbols_in(out, l, &seen, p->args[i]);
	for (i = 0; i < seen.nslots; i++)
		free((char *)(uintptr_t)seen.slots[i]);
	tp_name_set_fini(&seen);
}

void tp_header_event(struct tp_buf *out, const struct tp_layout *l)
{
	const struct tp_event *ev = l->ev;
	bool dynamic = false;
	size_t i;

	for (i = 0; i < ev->nfields; i++)
		dynamic |= ev->fields[i].kind == TP_FIELD_DATA_LOC ||
			   ev->fields[i].kind == TP_FIELD_REL_LOC;
	tp_buf_adds(out, "\n/*\n * ");
	comment_text(out, ev->group ? ev->group : "?");
	tp_buf_addc(out, '/');
	comment_text(out, ev->name);
	tp_buf_adds(out, ": ");
	put_uint(out, l->fixed_size);
	tp_buf_adds(out, dynamic ? " bytes, then the data of its dynamic "
		    "fields.\n */\n" : " bytes.\n */\n");
	tp_buf_adds(out, "struct ");
	tp_buf_adds(out, l->tag);
	tp_buf_adds(out, " {\n");
	for (i = 0; i < l->nmembers; i++)
		if (l->members[i].kind != TP_MEMBER_ACCESSOR)
			member(out, &l->members[i]);
	tp_buf_adds(out, "};\n");
	checks(out, l);
	symbols(out, l);
	for (i = 0; i < l->nmembers; i++) {
		const struct tp_member *m = &l->members[i];

		if (m->kind == TP_MEMBER_ACCESSOR)
			field_accessor(out, l, m);
		else if (tp_member_dynamic(m))
			dynamic_accessors(out, l, m);
	}
	value_accessors(out, l);
}

/* {{events}}: where the events' parts go, *arg. */
static void events_here(struct tp_buf *out, const void *arg)
{
	*(size_t *)(uintptr_t)arg = tp_buf_pos(out);
}

int tp_header_frame(struct tp_header_frame *f, const struct tp_source *tpl,
		    const char *guard, const char *kernel, struct tp_diags *d)
{
	const struct tp_var vars[] = {
		{ .name = "tpgen_version", .value = PACKAGE_VERSION },
		{ .name = "kernel", .value = kernel },
		{ .name = "guard", .value = guard },
		{ .name = "events", .write = events_here,
		  .arg = &f->events_at },
	};
	int rc = 0;

	memset(f, 0, sizeof(*f));
	f->events_at = SIZE_MAX;
	if (tp_template_expand(tpl, vars, sizeof(vars) / sizeof(vars[0]),
			       false, &f->text, d))
		rc = -1;
	else if (f->text.failed)
		rc = tp_oom(d, NULL);
	else if (f->events_at == SIZE_MAX)
		rc = tp_error(d, tpl, NULL, "no {{events}} in the template: "
			      "where would the structs go?");
	/* Nothing to finish after a failure. */
	if (rc)
		tp_buf_fini(&f->text);
	return rc;
}

void tp_header_frame_fini(struct tp_header_frame *f)
{
	tp_buf_fini(&f->text);
}

char *tp_header_guard(const char *name)
{
	const char *base = strrchr(name, '/');
	char *guard, *p;

	base = base ? base + 1 : name;
	if (asprintf(&guard, "TPGEN_%s", base) < 0)
		return NULL;
	for (p = guard; *p; p++)
		*p = isalnum((unsigned char)*p) ? (char)toupper((unsigned char)*p)
						: '_';
	/* "x.h" gives TPGEN_X_H; anything else gets the _H. */
	if (strlen(guard) < 2 || strcmp(guard + strlen(guard) - 2, "_H") != 0) {
		char *with_h;

		if (asprintf(&with_h, "%s_H", guard) < 0)
			with_h = NULL;
		free(guard);
		guard = with_h;
	}
	return guard;
}
