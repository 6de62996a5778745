/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "fscan.h"
#include "fparser.h"
#include "select.h"

/* The kernel's limits: a filter file takes at most a page less its NUL,
 * a string 255 bytes, a number 23 characters. */
#define FILTER_MAX 4095
#define STRING_MAX 255
#define NUMBER_MAX 23

static char *cut(const struct tp_source *src, const struct tp_loc *loc)
{
	size_t len = loc->end_byte - loc->first_byte;
	char *s = malloc(len + 1);

	if (s) {
		memcpy(s, src->text + loc->first_byte, len);
		s[len] = '\0';
	}
	return s;
}

struct tp_filter *tf_pred(struct tf_state *st, const struct tp_loc *name,
			  enum tp_filter_op op, const struct tp_loc *op_loc,
			  enum tp_filter_value kind,
			  const struct tp_loc *value)
{
	struct tp_filter *p = calloc(1, sizeof(*p));
	struct tp_loc inner = *value;

	if (!p) {
		st->nomem = true;
		return NULL;
	}
	/* A string's value is what is between its quotes. */
	if (kind == TP_FV_STRING) {
		inner.first_byte++;
		inner.end_byte--;
	}
	p->kind = TP_FILTER_PRED;
	p->loc = (struct tp_loc){ name->first_byte, value->end_byte };
	p->name_loc = *name;
	p->op = op;
	p->op_loc = *op_loc;
	p->value_kind = kind;
	p->value_loc = *value;
	p->value_len = inner.end_byte - inner.first_byte;
	p->name = cut(st->src, name);
	p->value = cut(st->src, &inner);
	if (!p->name || !p->value) {
		tp_filter_free(p);
		st->nomem = true;
		return NULL;
	}
	return p;
}

struct tp_filter *tf_node(struct tf_state *st, enum tp_filter_kind kind,
			  const struct tp_loc *loc, struct tp_filter *a,
			  struct tp_filter *b)
{
	struct tp_filter *n = calloc(1, sizeof(*n));

	if (!n) {
		tp_filter_free(a);
		tp_filter_free(b);
		st->nomem = true;
		return NULL;
	}
	n->kind = kind;
	n->loc = *loc;
	n->kids[0] = a;
	n->kids[1] = b;
	return n;
}

void tp_filter_free(struct tp_filter *f)
{
	if (!f)
		return;
	tp_filter_free(f->kids[0]);
	tp_filter_free(f->kids[1]);
	free(f->name);
	free(f->value);
	free(f->cpus);
	free(f);
}

/* Whether the span holds only blanks, or "0" between blanks: what clears
 * a filter file. */
static bool blank_or_zero(const char *s, size_t len, bool *zero)
{
	size_t i, digits = 0;

	*zero = false;
	for (i = 0; i < len; i++) {
		if (s[i] == '0' && !digits)
			digits = 1;
		else if (!isspace((unsigned char)s[i]))
			return false;
	}
	*zero = digits;
	return true;
}

struct tp_filter *tp_filter_parse(const struct tp_source *src,
				  const struct tp_loc *span,
				  struct tp_diags *d)
{
	struct tf_state st = {
		.src = src, .d = d, .in = src->text + span->first_byte,
		.left = span->end_byte - span->first_byte,
		.byte = span->first_byte,
	};
	unsigned errors = d->errors;
	yyscan_t scanner;
	bool zero;
	int rc;

	if (st.left > FILTER_MAX) {
		tp_error(d, src, span, "the filter is %zu bytes; the kernel "
			 "takes at most %d", st.left, FILTER_MAX);
		return NULL;
	}
	if (blank_or_zero(st.in, st.left, &zero)) {
		tp_error(d, src, span, zero ? "'0' clears a filter in "
			 "tracefs; to keep every event, give no filter" :
			 "the filter is empty");
		return NULL;
	}
	if (tflex_init_extra(&st, &scanner)) {
		tp_oom(d, src);
		return NULL;
	}
	rc = tfparse(scanner, &st);
	tflex_destroy(scanner);
	if (rc == 2 || st.nomem) {
		tp_filter_free(st.root);
		tp_oom(d, src);
		return NULL;
	}
	if (rc || d->errors != errors) {
		tp_filter_free(st.root);
		return NULL;
	}
	return st.root;
}
