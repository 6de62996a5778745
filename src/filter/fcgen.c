/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A checked filter as the C expression of a BPF program: true for a
 * record the kernel's filter would keep.  Fields the program reads by
 * name are read so (tpgen_core.bpf.h): a program built here compares
 * what the running kernel records, at the size and with the sign it
 * records them, as that kernel's own filter would.  The helpers it calls
 * are in runtime/tpgen_filter.bpf.h.
 */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "cstr.h"
#include "fcgen.h"

struct gen {
	struct tp_buf *out;
	const struct tp_reloc *r;
	const struct tp_source *src;
	struct tp_diags *d;
};

static const char *c_op(enum tp_filter_op op)
{
	static const char *const ops[] = {
		"==", "!=", "<", "<=", ">", ">=", "&", "~",
	};

	return ops[op];
}

/* The constant as C writes it: as the filter's number, in decimal. */
static void constant(struct tp_buf *out, unsigned long long v)
{
	long long s = (long long)v;

	if (s == LLONG_MIN)
		tp_buf_adds(out, "(-9223372036854775807LL - 1)");
	else if (s < 0)
		tp_buf_printf(out, "%lldLL", s);
	else
		tp_buf_printf(out, "%llu", v);
}

/* Where field m is: by name, or where it was at build time. */
static void offset(struct tp_buf *out, const struct tp_member *m)
{
	if (tp_reloc_relocated(m))
		tp_buf_printf(out, "bpf_core_field_offset(ctx->%s)", m->name);
	else
		tp_buf_printf(out, "%u", m->offset);
}

/* A value of `size` bytes against the predicate's constant. */
static void compare(struct tp_buf *out, const struct tp_filter *p,
		    const char *value, unsigned size, bool is_signed)
{
	if (p->op == TP_FOP_BAND)
		tp_buf_printf(out, "TPGEN_BITS_AS(%s, %u, ", value,
			      64 - 8 * size);
	else
		tp_buf_printf(out, "TPGEN_CMP_AS(%s, %u, %d, %s, ", value,
			      64 - 8 * size, is_signed, c_op(p->op));
	constant(out, p->num);
	tp_buf_addc(out, ')');
}

/* What struct trace_entry has, as the program sees it: not the record's
 * first bytes (its context has pt_regs there), but the thread and the
 * event's id.  The irq flags and the preempt count it cannot see. */
static int common(const struct gen *g, const struct tp_filter *p)
{
	const char *name = p->field->name;

	if (strcmp(name, "common_pid") == 0) {
		compare(g->out, p, "(__s32)bpf_get_current_pid_tgid()", 4,
			true);
		return 0;
	}
	if (strcmp(name, "common_type") == 0) {
		compare(g->out, p, "tpgen_event_type", 2, false);
		return 0;
	}
	return tp_error(g->d, g->src, &p->name_loc, "a BPF program cannot "
			"see %s: tpgen filters on the other common fields "
			"only (common_pid, common_type)", name);
}

static int number(const struct gen *g, const struct tp_filter *p)
{
	const struct tp_field *fd = p->field;
	const struct tp_member *m = tp_layout_member(g->r->l, fd);
	struct tp_buf at = { 0 };

	if (fd->common)
		return common(g, p);
	if (tp_reloc_relocated(m) && !m->count && !tp_member_dynamic(m)) {
		if (p->op == TP_FOP_BAND)
			tp_buf_printf(g->out, "TPGEN_BITS(ctx, sign, %s, ",
				      m->name);
		else
			tp_buf_printf(g->out, "TPGEN_CMP(ctx, sign, %s, %s, ",
				      m->name, c_op(p->op));
		constant(g->out, p->num);
		tp_buf_addc(g->out, ')');
		return 0;
	}
	/* An array of 1 to 8 bytes, a __data_loc word, or a field the
	 * program does not read by name. */
	tp_buf_adds(&at, "tpgen_at(ctx, ");
	offset(&at, m);
	tp_buf_printf(&at, ", %u, %d)", fd->size, fd->is_signed);
	if (at.failed) {
		tp_buf_fini(&at);
		return tp_oom(g->d, NULL);
	}
	compare(g->out, p, at.data, fd->size, fd->is_signed);
	tp_buf_fini(&at);
	return 0;
}

/* A __data_loc (or with rel, __rel_loc) string's text, from its word. */
static void text_at(struct tp_buf *out, const struct tp_member *m, bool rel)
{
	tp_buf_adds(out, "tpgen_text_at(ctx, ");
	offset(out, m);
	tp_buf_printf(out, ", %d)", rel);
}

/* The C expression of the text a string predicate matches. */
static int text(const struct gen *g, const struct tp_filter *p)
{
	const struct tp_field *fd = p->field;
	const struct tp_member *m = fd ? tp_layout_member(g->r->l, fd) : NULL;
	struct tp_buf *out = g->out;

	switch (p->type) {
	case TP_FF_COMM:
		tp_buf_adds(out, "tpgen_text_comm()");
		return 0;
	case TP_FF_PTR_STR:
		if (tp_reloc_relocated(m)) {
			tp_buf_printf(out, "TPGEN_TEXT_PTR(ctx, %s)", m->name);
			return 0;
		}
		tp_buf_printf(out, "tpgen_text_ptr((const void *)tpgen_at(ctx, "
			      "%u, 8, 0))", m->offset);
		return 0;
	case TP_FF_STATIC_STR:
	case TP_FF_DYN_STR:
		if (tp_reloc_both_forms(g->r, m)) {
			tp_buf_printf(out, "TPGEN_TEXT(ctx, %s)", fd->name);
			return 0;
		}
		if (p->type == TP_FF_STATIC_STR) {
			tp_buf_adds(out, "tpgen_text((const char *)ctx + ");
			offset(out, m);
			tp_buf_printf(out, ", %u)", fd->size);
			return 0;
		}
		if (m->width == 2)
			break;
		text_at(out, m, false);
		return 0;
	case TP_FF_REL_STR:
		text_at(out, m, true);
		return 0;
	case TP_FF_NUMBER:
	case TP_FF_DEAD:
	case TP_FF_CPU:
		break;
	}
	return tp_error(g->d, g->src, &p->name_loc, "tpgen cannot filter on "
			"'%s' (a __data_loc string of the old form, which "
			"records no length)", p->name);
}

static int string(const struct gen *g, const struct tp_filter *p)
{
	static const char *const how[] = {
		"TPGEN_FULL", "TPGEN_PREFIX", "TPGEN_SUFFIX", "TPGEN_MIDDLE",
		"TPGEN_GLOB",
	};

	tp_buf_adds(g->out, "TPGEN_MATCH(");
	if (text(g, p))
		return -1;
	tp_buf_printf(g->out, ", %s%s, ", how[p->match],
		      p->inverted ? " | TPGEN_NOT" : "");
	tp_c_string(g->out, p->pattern, p->pattern_len);
	tp_buf_addc(g->out, ')');
	return 0;
}

static int pred(const struct gen *g, const struct tp_filter *p);

/* The C expression of numeric field p's bits at 64 bits, unsigned (an
 * address, or a CPU number). */
static int bits(const struct gen *g, const struct tp_filter *p)
{
	const struct tp_field *fd = p->field;
	const struct tp_member *m;

	if (!fd) {
		tp_buf_adds(g->out, "bpf_get_smp_processor_id()");
		return 0;
	}
	if (fd->common && strcmp(fd->name, "common_pid") == 0) {
		tp_buf_adds(g->out, "(__u32)bpf_get_current_pid_tgid()");
		return 0;
	}
	if (fd->common && strcmp(fd->name, "common_type") == 0) {
		tp_buf_adds(g->out, "tpgen_event_type");
		return 0;
	}
	if (fd->common)
		return common(g, p);
	m = tp_layout_member(g->r->l, fd);
	if (tp_reloc_relocated(m) && !m->count && !tp_member_dynamic(m)) {
		tp_buf_printf(g->out, "TPGEN_UBITS(ctx, sign, %s)", m->name);
		return 0;
	}
	tp_buf_adds(g->out, "tpgen_at(ctx, ");
	offset(g->out, m);
	tp_buf_printf(g->out, ", %u, 0)", fd->size);
	return 0;
}

/* NAME.function: whether the field is in the function the loader finds
 * by the name (or an address), or not. */
static int function(const struct gen *g, const struct tp_filter *p)
{
	tp_buf_adds(g->out, p->op == TP_FOP_NE ? "!TPGEN_FUNCTION(" :
		    "TPGEN_FUNCTION(");
	if (bits(g, p))
		return -1;
	tp_buf_adds(g->out, ", ");
	tp_c_string(g->out, p->value, p->value_len);
	tp_buf_addc(g->out, ')');
	return 0;
}

/* The words of p's CPU list, after the other arguments of a macro. */
static void cpu_words(struct tp_buf *out, const struct tp_filter *p)
{
	unsigned i;

	for (i = 0; i < p->cpus_words; i++)
		tp_buf_printf(out, ", 0x%llx", p->cpus[i]);
	tp_buf_addc(out, ')');
}

/* CPUS{LIST}, as the kernel tests it: one CPU as a number (& as ==), on
 * a cpumask the masks; else a CPU number in the list. */
static int cpus(const struct gen *g, const struct tp_filter *p)
{
	static const char *const how[] = {
		[TP_FOP_EQ] = "TPGEN_EQ", [TP_FOP_NE] = "TPGEN_NE",
		[TP_FOP_BAND] = "TPGEN_HAS",
	};
	struct tp_filter one = *p;
	int rc;

	if (p->type == TP_FF_DEAD) {
		tp_buf_adds(g->out, "0");
		return 0;
	}
	if (p->cpumask) {
		tp_buf_adds(g->out, "TPGEN_CPUMASK(ctx, ");
		offset(g->out, tp_layout_member(g->r->l, p->field));
		tp_buf_printf(g->out, ", %s, %u", how[p->op], p->cpus_last);
		cpu_words(g->out, p);
		return 0;
	}
	if (p->cpus_weight != 1) {
		tp_buf_adds(g->out, "TPGEN_CPUS_IN(");
		if (bits(g, p))
			return -1;
		tp_buf_printf(g->out, ", %s, %u", how[p->op], p->cpus_last);
		cpu_words(g->out, p);
		return 0;
	}
	one.op = p->op == TP_FOP_NE ? TP_FOP_NE : TP_FOP_EQ;
	one.num = p->cpus_last;
	one.value_kind = TP_FV_NUMBER;
	tp_buf_printf(g->out, "TPGEN_CPUS_ONE(%u, ", p->cpus_last);
	rc = pred(g, &one);
	tp_buf_addc(g->out, ')');
	return rc;
}

static int pred(const struct gen *g, const struct tp_filter *p)
{
	if (p->function)
		return function(g, p);
	if (p->value_kind == TP_FV_CPUS)
		return cpus(g, p);
	switch (p->type) {
	case TP_FF_DEAD:
		/* The kernel never matches it (the check warned). */
		tp_buf_adds(g->out, "0");
		return 0;
	case TP_FF_CPU:
		if (p->op == TP_FOP_BAND) {
			tp_buf_adds(g->out, "0");
			return 0;
		}
		compare(g->out, p, "(__s32)bpf_get_smp_processor_id()", 4,
			true);
		return 0;
	case TP_FF_NUMBER:
		return number(g, p);
	case TP_FF_STATIC_STR:
	case TP_FF_DYN_STR:
	case TP_FF_REL_STR:
	case TP_FF_PTR_STR:
	case TP_FF_COMM:
		break;
	}
	return string(g, p);
}

/* f, in parentheses unless its parent is of its kind: && and || chain
 * as they are written. */
static int expr(const struct gen *g, const struct tp_filter *f,
		const struct tp_filter *parent)
{
	bool paren = !parent || parent->kind != f->kind;
	int rc;

	switch (f->kind) {
	case TP_FILTER_PRED:
		return pred(g, f);
	case TP_FILTER_NOT:
		tp_buf_addc(g->out, '!');
		return expr(g, f->kids[0], f);
	case TP_FILTER_AND:
	case TP_FILTER_OR:
		if (paren)
			tp_buf_addc(g->out, '(');
		rc = expr(g, f->kids[0], f);
		tp_buf_adds(g->out, f->kind == TP_FILTER_AND ? " && " :
			    " || ");
		if (!rc)
			rc = expr(g, f->kids[1], f);
		if (paren)
			tp_buf_addc(g->out, ')');
		return rc;
	}
	return -1;
}

void tp_filter_fields(const struct tp_filter *f, const struct tp_event *ev,
		      bool *used)
{
	if (f->kind != TP_FILTER_PRED) {
		tp_filter_fields(f->kids[0], ev, used);
		if (f->kids[1])
			tp_filter_fields(f->kids[1], ev, used);
	} else if (f->field && !f->field->common) {
		used[f->field - ev->fields] = true;
	}
}

int tp_filter_c(struct tp_buf *out, const struct tp_filter *f,
		const struct tp_reloc *r, const struct tp_source *src,
		struct tp_diags *d)
{
	const struct gen g = { out, r, src, d };

	return expr(&g, f, NULL);
}
