/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A checked filter as the C expression of a BPF program: true for a
 * record the kernel's filter would keep.  Fields are read by name from
 * the program's context (tpgen_core.bpf.h), so that a program built here
 * compares what the running kernel records, at the size and with the
 * sign it records them: as its own filter would.
 */
#include "config.h"

#include <string.h>

#include "fcgen.h"

static const char *c_op(enum tp_filter_op op)
{
	static const char *const ops[] = {
		"==", "!=", "<", "<=", ">", ">=", "&", "~",
	};

	return ops[op];
}

static int pred(struct tp_buf *out, const struct tp_filter *p,
		const struct tp_layout *l)
{
	const struct tp_member *m;

	switch (p->type) {
	case TP_FF_DEAD:
		/* The kernel never matches it (the check warned). */
		tp_buf_adds(out, "0");
		return 0;
	case TP_FF_CPU:
		if (p->op == TP_FOP_BAND) {
			tp_buf_adds(out, "0");
			return 0;
		}
		tp_buf_printf(out, "(int)bpf_get_smp_processor_id() %s "
			      "(int)%lld", c_op(p->op), (long long)p->num);
		return 0;
	case TP_FF_NUMBER:
		m = tp_layout_member(l, p->field);
		if (!m)
			return -1;
		if (p->op == TP_FOP_BAND)
			tp_buf_printf(out, "TPGEN_BITS(ctx, sign, %s, %#llxULL)",
				      m->name, p->num);
		else
			tp_buf_printf(out, "TPGEN_CMP(ctx, sign, %s, %s, "
				      "%#llxULL)", m->name, c_op(p->op),
				      p->num);
		return 0;
	case TP_FF_STATIC_STR:
	case TP_FF_DYN_STR:
	case TP_FF_REL_STR:
	case TP_FF_PTR_STR:
	case TP_FF_COMM:
		/* Strings: not compiled yet. */
		break;
	}
	return -1;
}

int tp_filter_c(struct tp_buf *out, const struct tp_filter *f,
		const struct tp_layout *l)
{
	int rc;

	switch (f->kind) {
	case TP_FILTER_PRED:
		return pred(out, f, l);
	case TP_FILTER_NOT:
		tp_buf_adds(out, "!(");
		rc = tp_filter_c(out, f->kids[0], l);
		tp_buf_addc(out, ')');
		return rc;
	case TP_FILTER_AND:
	case TP_FILTER_OR:
		tp_buf_addc(out, '(');
		rc = tp_filter_c(out, f->kids[0], l);
		tp_buf_adds(out, f->kind == TP_FILTER_AND ? " && " : " || ");
		if (!rc)
			rc = tp_filter_c(out, f->kids[1], l);
		tp_buf_addc(out, ')');
		return rc;
	}
	return -1;
}
