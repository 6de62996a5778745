/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "pfscan.h"
#include "scan.h"
#include "pfparser.h"
#include "ctypes.h"
#include "event.h"
#include "print.h"

void pf_problem(struct pf_state *st, const struct tp_loc *loc,
		const char *fmt, ...)
{
	va_list ap;

	if (st->print->problem)
		return;
	va_start(ap, fmt);
	if (vasprintf(&st->print->problem, fmt, ap) < 0) {
		st->print->problem = NULL;
		st->nomem = true;
	}
	va_end(ap);
	st->print->problem_at = loc->first_byte;
}

/*
 * The nodes of a print and their texts, in chunks that double from
 * CHUNK_FIRST to CHUNK_MAX bytes: most print fmts make a few dozen nodes,
 * a few make millions.  Each node from malloc() of its own, with its kids
 * in another, took 250 bytes for an entry of a __print_symbolic() table
 * that is 30 bytes of text.
 */
struct pf_chunk {
	struct pf_chunk *next;
	size_t size, used; /* of data */
	max_align_t data[];
};

/* Whole chunks, header included: powers of two, which malloc() gives
 * without rounding up. */
#define CHUNK_FIRST ((size_t)512)
#define CHUNK_MAX ((size_t)64 << 10)

/* Room for size bytes aligned to align in st's print, or NULL with
 * st->nomem set. */
static void *pf_alloc(struct pf_state *st, size_t size, size_t align)
{
	struct pf_chunk *c = st->print->chunks, *n;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0, whole;

	if (c && at <= c->size && size <= c->size - at) {
		c->used = at + size;
		return (char *)c->data + at;
	}
	if (!c)
		whole = CHUNK_FIRST;
	else if (c->size + sizeof(*c) < CHUNK_MAX)
		whole = 2 * (c->size + sizeof(*c));
	else
		whole = CHUNK_MAX;
	/* A big kids array gets a chunk of its own, behind the one still
	 * being filled. */
	if (size > (whole - sizeof(*c)) / 2)
		whole = size <= SIZE_MAX - sizeof(*c) ? size + sizeof(*c) : 0;
	n = whole ? malloc(whole) : NULL;
	if (!n) {
		st->nomem = true;
		return NULL;
	}
	n->size = whole - sizeof(*n);
	n->used = size;
	if (c && n->size == size) {
		n->next = c->next;
		c->next = n;
	} else {
		n->next = c;
		st->print->chunks = n;
	}
	return n->data;
}

size_t tp_print_size(const struct tp_print *p)
{
	const struct pf_chunk *c;
	size_t size = 0;

	for (c = p->chunks; c; c = c->next)
		size += sizeof(*c) + c->size;
	return size;
}

static void free_chunks(struct pf_chunk *c)
{
	while (c) {
		struct pf_chunk *next = c->next;

		free(c);
		c = next;
	}
}

/*
 * What a node keeps just before it, for the kinds that have it: where
 * it starts in the format file, for those a problem is found at
 * (check()), or the length of a string that holds a NUL.  Numbers,
 * strings and lists, what a table is made of, have nothing there.
 */
union pf_before {
	size_t at; /* offset in the format file */
	size_t len;
};

_Static_assert(TP_OP_ARROW < 1 << 9 && TP_MAX_NESTING < 1 << 9,
	       "operators and depths fit their bits of struct tp_expr");

/* The kinds check() finds a problem at. */
static bool located(enum tp_expr_kind kind)
{
	const unsigned kinds = 1u << TP_E_FIELD | 1u << TP_E_IDENT |
			       1u << TP_E_CALL | 1u << TP_E_MEMBER |
			       1u << TP_E_UNARY | 1u << TP_E_STMT |
			       1u << TP_E_SIZEOF;

	return kinds >> kind & 1;
}

static const union pf_before *before(const struct tp_expr *e)
{
	return (const union pf_before *)e - 1;
}

/* A node of kind with room for n kids, and for pre bytes before it. */
static struct tp_expr *node_after(struct pf_state *st,
				  enum tp_expr_kind kind,
				  const struct tp_loc *loc, size_t n,
				  size_t pre)
{
	struct tp_expr *e;
	char *p = NULL;

	if (n <= (SIZE_MAX - pre - sizeof(*e)) / sizeof(e->kids[0]))
		p = pf_alloc(st, pre + sizeof(*e) + n * sizeof(e->kids[0]),
			     _Alignof(union pf_before));
	if (!p) {
		st->nomem = true;
		return NULL;
	}
	memset(p, 0, pre + sizeof(*e));
	if (located(kind)) {
		((union pf_before *)p)->at = loc->first_byte;
	}
	e = (struct tp_expr *)(p + pre);
	e->kind = kind;
	return e;
}

static struct tp_expr *node(struct pf_state *st, enum tp_expr_kind kind,
			    const struct tp_loc *loc, size_t n)
{
	return node_after(st, kind, loc, n,
			  located(kind) ? sizeof(union pf_before) : 0);
}

struct tp_expr *pf_node(struct pf_state *st, enum tp_expr_kind kind,
			const struct tp_loc *loc)
{
	return node(st, kind, loc, 0);
}

struct tp_expr *pf_string(struct pf_state *st, const struct tp_loc *loc,
			  struct pf_str s)
{
	/* Most strings hold no NUL: their length is strlen()'s. */
	bool nul = s.s && memchr(s.s, '\0', s.len);
	struct tp_expr *e = s.s ? node_after(st, TP_E_STRING, loc, 0, nul ?
				    sizeof(union pf_before) : 0) : NULL;

	if (!e) {
		free(s.s);
		return NULL;
	}
	if (nul) {
		((union pf_before *)e - 1)->len = s.len;
		e->len_beside = true;
	}
	e->text = pf_text(st, s.s, s.len);
	return e->text ? e : NULL;
}

size_t tp_expr_len(const struct tp_expr *e)
{
	if (e->kind != TP_E_STRING)
		return 0;
	return e->len_beside ? before(e)->len : strlen(e->text);
}

char *pf_text(struct pf_state *st, char *s, size_t len)
{
	char *t = s ? pf_alloc(st, len + 1, 1) : NULL;

	if (t)
		memcpy(t, s, len + 1);
	free(s);
	return t;
}

static unsigned max_depth(struct tp_expr *const *kids, size_t n)
{
	unsigned d = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (kids[i] && kids[i]->depth > d)
			d = kids[i]->depth;
	return d;
}

/* Everything that walks an expression recurses, so a node over
 * TP_MAX_NESTING deep is not made: the print fmt becomes not understood. */
static bool too_deep(struct pf_state *st, const struct tp_loc *loc,
		     struct tp_expr *const *kids, size_t n)
{
	if (max_depth(kids, n) < TP_MAX_NESTING)
		return false;
	pf_problem(st, loc, "expressions nested more than %d deep",
		   TP_MAX_NESTING);
	return true;
}

/* pfparse(), cut short (2, with nomem set) when the scanner runs out of
 * memory. */
static int parse_fmt(yyscan_t scanner, struct pf_state *st)
{
	if (setjmp(st->fatal))
		return 2;
	return pfparse(scanner, st);
}

/* A node with the n kids, unless one is missing or the node would be
 * too deep. */
static struct tp_expr *with_kids(struct pf_state *st, enum tp_expr_kind kind,
				 int op, const struct tp_loc *loc,
				 struct tp_expr *const *kids, size_t n)
{
	struct tp_expr *e;
	size_t i;

	for (i = 0; i < n; i++)
		if (!kids[i])
			return NULL;
	if (too_deep(st, loc, kids, n) || !(e = node(st, kind, loc, n)))
		return NULL;
	/* An empty list has no array to copy from. */
	if (n)
		memcpy(e->kids, kids, n * sizeof(*kids));
	e->nkids = (unsigned)n;
	e->depth = 1 + max_depth(kids, n);
	e->op = (unsigned)op;
	return e;
}

struct tp_expr *pf_node1(struct pf_state *st, enum tp_expr_kind kind, int op,
			 const struct tp_loc *loc, struct tp_expr *a)
{
	return with_kids(st, kind, op, loc, &a, 1);
}

struct tp_expr *pf_node2(struct pf_state *st, int op, const struct tp_loc *loc,
			 struct tp_expr *a, struct tp_expr *b)
{
	struct tp_expr *kids[2] = { a, b };

	return with_kids(st, TP_E_BINARY, op, loc, kids, 2);
}

struct tp_expr *pf_node3(struct pf_state *st, const struct tp_loc *loc,
			 struct tp_expr *a, struct tp_expr *b,
			 struct tp_expr *c)
{
	struct tp_expr *kids[3] = { a, b, c };

	return with_kids(st, TP_E_TERNARY, '?', loc, kids, 3);
}

struct pf_list *pf_list_add(struct pf_state *st, struct pf_list *l,
			    struct tp_expr *e)
{
	struct tp_expr **v;

	if (!l)
		l = calloc(1, sizeof(*l));
	if (!l) {
		st->nomem = true;
		return NULL;
	}
	if (!e)
		return l;
	v = tp_grow(l->v, &l->cap, l->n, sizeof(*v), 4);
	if (!v) {
		st->nomem = true;
		return l;
	}
	l->v = v;
	v[l->n++] = e;
	return l;
}

void pf_list_free(struct pf_list *l)
{
	if (!l)
		return;
	free(l->v);
	free(l);
}

struct tp_expr *pf_take_list(struct pf_state *st, const struct tp_loc *loc,
			     enum tp_expr_kind kind, char *text,
			     struct pf_list *l)
{
	struct tp_expr *e = l ? with_kids(st, kind, 0, loc, l->v, l->n) :
			    pf_node(st, kind, loc);

	pf_list_free(l);
	if (e)
		e->text = text;
	return e;
}

void tp_print_shed(struct tp_print *p)
{
	if (!p)
		return;
	free(p->args);
	free(p->format);
	free_chunks(p->chunks);
	p->args = NULL;
	p->nargs = 0;
	p->format = NULL;
	p->format_len = 0;
	p->chunks = NULL;
}

void tp_print_free(struct tp_print *p)
{
	if (!p)
		return;
	tp_print_shed(p);
	free(p->problem);
	free(p);
}

static struct tp_print *parse(const struct tp_source *src,
			      const struct tp_loc *loc, bool symbols_only)
{
	struct tp_print *p = calloc(1, sizeof(*p));
	size_t len = loc->end_byte - loc->first_byte;
	struct pf_state st = {
		.print = p, .in = src->text + loc->first_byte, .left = len,
		.byte = loc->first_byte, .symbols_only = symbols_only,
	};
	yyscan_t scanner;

	if (!p)
		return NULL;
	/* The scanner counts its buffer in int. */
	if (len > INT_MAX || pflex_init_extra(&st, &scanner)) {
		free(p);
		return NULL;
	}
	/* 2 is also bison's stack growing past YYMAXDEPTH: pferror() then
	 * records a problem instead of running out of memory. */
	if (parse_fmt(scanner, &st) == 2 && !st.too_deep)
		st.nomem = true;
	pflex_destroy(scanner);
	/* A call's name still queued when the parse stopped. */
	free(st.name);
	if (st.nomem) {
		tp_print_free(p);
		return NULL;
	}
	if (!symbols_only && !p->format && !p->problem) {
		struct tp_loc here = *loc;

		pf_problem(&st, &here, "no format string");
	}
	return p;
}

struct tp_print *tp_print_parse(const struct tp_source *src,
				const struct tp_loc *loc)
{
	return parse(src, loc, false);
}

struct tp_print *tp_print_parse_symbols(const struct tp_source *src,
					const struct tp_loc *loc)
{
	return parse(src, loc, true);
}

bool tp_print_symbols_call(const char *name)
{
	return name && (strncmp(name, "__print_symbolic", 16) == 0 ||
			strncmp(name, "__print_flags", 13) == 0);
}

const char *tp_expr_op_name(int op)
{
	/* Per thread: events are parsed and checked on several. */
	static _Thread_local char one[2];

	switch (op) {
	case TP_OP_SHL: return "<<";
	case TP_OP_SHR: return ">>";
	case TP_OP_LE: return "<=";
	case TP_OP_GE: return ">=";
	case TP_OP_EQ: return "==";
	case TP_OP_NE: return "!=";
	case TP_OP_AND: return "&&";
	case TP_OP_OR: return "||";
	case TP_OP_ARROW: return "->";
	default:
		one[0] = (char)op;
		return one;
	}
}

/* The helpers of the kernel's TP_printk() that tpgen understands. */
static bool helper(const char *name)
{
	static const char *const names[] = {
		"__builtin_expect", "__get_bitmask", "__get_cpumask",
		"__get_dynamic_array", "__get_dynamic_array_len",
		"__get_rel_bitmask", "__get_rel_cpumask",
		"__get_rel_dynamic_array", "__get_rel_dynamic_array_len",
		"__get_rel_sockaddr", "__get_rel_str", "__get_sockaddr",
		"__get_str", "__print_array", "__print_flags",
		"__print_flags_u64", "__print_hex", "__print_hex_str",
		"__print_symbolic", "__print_symbolic_u64",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* Whether tpgen knows the size of a type on every kernel it targets. */
static bool sizeof_known(const char *type)
{
	char base[TP_CTYPE_BASE_MAX];
	unsigned stars;

	tp_ctype_base(type, base, &stars);
	return stars || tp_ctype_size(base, 8, NULL);
}

/* Records the first part of e tpgen cannot evaluate from the record. */
static void check(struct tp_print *p, const struct tp_event *ev,
		  const struct tp_expr *e)
{
	const char *why = NULL;
	char *msg = NULL;
	size_t i;

	if (p->problem)
		return;
	switch (e->kind) {
	case TP_E_FIELD:
		if (!tp_event_field(ev, e->text) &&
		    asprintf(&msg, "REC->%s: the event has no such field",
			     e->text) < 0)
			msg = NULL;
		break;
	case TP_E_IDENT:
		if (asprintf(&msg, "'%s', a name only the kernel knows",
			     e->text) < 0)
			msg = NULL;
		break;
	case TP_E_CALL:
		if (!helper(e->text)) {
			if (asprintf(&msg, "a call to the kernel function '%s'",
				     e->text) < 0)
				msg = NULL;
			break;
		}
		/* __get_str(f) and its kind name a field, not a value. */
		if (strncmp(e->text, "__get_", 6) == 0 && e->nkids &&
		    e->kids[0]->kind == TP_E_IDENT) {
			if (!tp_event_field(ev, e->kids[0]->text) &&
			    asprintf(&msg, "%s(%s): the event has no such "
				     "field", e->text, e->kids[0]->text) < 0)
				msg = NULL;
			if (!msg)
				for (i = 1; i < e->nkids; i++)
					check(p, ev, e->kids[i]);
			if (!msg)
				return;
		}
		break;
	case TP_E_MEMBER:
		why = "a member of a kernel structure";
		break;
	case TP_E_UNARY:
		if (e->op == '*')
			why = "a pointer dereference";
		else if (e->op == '&')
			why = "an address taken";
		break;
	case TP_E_STMT:
		why = "a GNU statement expression";
		break;
	case TP_E_SIZEOF:
		if (!e->nkids && !sizeof_known(e->text) &&
		    asprintf(&msg, "sizeof(%s)", e->text) < 0)
			msg = NULL;
		break;
	case TP_E_NUM:
	case TP_E_CHAR:
	case TP_E_STRING:
	case TP_E_INDEX:
	case TP_E_BINARY:
	case TP_E_TERNARY:
	case TP_E_CAST:
	case TP_E_LIST:
		break;
	}
	if (why || msg) {
		p->problem = msg ? msg : strdup(why);
		p->problem_at = before(e)->at;
		return;
	}
	for (i = 0; i < e->nkids; i++)
		check(p, ev, e->kids[i]);
}

void tp_print_check(struct tp_print *p, const struct tp_event *ev)
{
	size_t i;

	for (i = 0; i < p->nargs && !p->problem; i++)
		check(p, ev, p->args[i]);
}

bool tp_expr_const(const struct tp_expr *e, long long *v)
{
	long long a, b, c;

	switch (e->kind) {
	case TP_E_NUM:
	case TP_E_CHAR:
		*v = (long long)e->num;
		return true;
	case TP_E_CAST:
		/* Constant tables cast to the field's type: the value
		 * stays. */
		return tp_expr_const(e->kids[0], v);
	case TP_E_UNARY:
		if (!tp_expr_const(e->kids[0], &a))
			return false;
		switch (e->op) {
		case '-': *v = (long long)(0ULL - (unsigned long long)a);
			  return true;
		case '+': *v = a; return true;
		case '~': *v = ~a; return true;
		case '!': *v = !a; return true;
		default: return false;
		}
	case TP_E_TERNARY:
		if (!tp_expr_const(e->kids[0], &c))
			return false;
		return tp_expr_const(e->kids[c ? 1 : 2], v);
	case TP_E_BINARY:
		if (!tp_expr_const(e->kids[0], &a) ||
		    !tp_expr_const(e->kids[1], &b))
			return false;
		switch (e->op) {
		case '+': *v = (long long)((unsigned long long)a + (unsigned long long)b); return true;
		case '-': *v = (long long)((unsigned long long)a - (unsigned long long)b); return true;
		case '*': *v = (long long)((unsigned long long)a * (unsigned long long)b); return true;
		case '/': if (!b) return false; *v = a / b; return true;
		case '%': if (!b) return false; *v = a % b; return true;
		case '&': *v = a & b; return true;
		case '|': *v = a | b; return true;
		case '^': *v = a ^ b; return true;
		case TP_OP_SHL:
			if (b < 0 || b > 63)
				return false;
			*v = (long long)((unsigned long long)a << b);
			return true;
		case TP_OP_SHR:
			if (b < 0 || b > 63)
				return false;
			*v = (long long)((unsigned long long)a >> b);
			return true;
		case '<': *v = a < b; return true;
		case '>': *v = a > b; return true;
		case TP_OP_LE: *v = a <= b; return true;
		case TP_OP_GE: *v = a >= b; return true;
		case TP_OP_EQ: *v = a == b; return true;
		case TP_OP_NE: *v = a != b; return true;
		case TP_OP_AND: *v = a && b; return true;
		case TP_OP_OR: *v = a || b; return true;
		default: return false;
		}
	case TP_E_STRING:
	case TP_E_IDENT:
	case TP_E_FIELD:
	case TP_E_MEMBER:
	case TP_E_INDEX:
	case TP_E_CALL:
	case TP_E_SIZEOF:
	case TP_E_LIST:
	case TP_E_STMT:
		break;
	}
	return false;
}

const char *tp_expr_field(const struct tp_expr *e)
{
	const char *found = NULL, *f;
	size_t i;

	if (e->kind == TP_E_FIELD)
		return e->text;
	if (e->kind != TP_E_CAST && e->kind != TP_E_BINARY &&
	    e->kind != TP_E_UNARY)
		return NULL;
	for (i = 0; i < e->nkids; i++) {
		long long ignored;

		if (tp_expr_const(e->kids[i], &ignored))
			continue;
		f = tp_expr_field(e->kids[i]);
		if (!f || (found && strcmp(found, f) != 0))
			return NULL;
		found = f;
	}
	return found;
}
