/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A print fmt, parsed: the format string and each argument as an
 * expression tree, and whether tpgen understands all of it.  Filled by
 * the print fmt parser (src/parse/pfparser.y) while the format file is parsed.
 */
#ifndef TPGEN_PRINT_H
#define TPGEN_PRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "loc.h"
#include "source.h"

enum tp_expr_kind {
	TP_E_NUM,     /* num */
	TP_E_CHAR,    /* a character constant: num */
	TP_E_STRING,  /* text (tp_expr_len() bytes, escapes decoded) */
	TP_E_IDENT,   /* text */
	TP_E_FIELD,   /* REC->text or (REC)->text */
	TP_E_MEMBER,  /* kids[0]->text or kids[0].text (op '.' or 'a') */
	TP_E_INDEX,   /* kids[0][kids[1]] */
	TP_E_CALL,    /* text(kids...) */
	TP_E_UNARY,   /* op kids[0]: - + ! ~ * & */
	TP_E_BINARY,  /* kids[0] op kids[1]; two-character operators have
		       * codes of their own (TP_OP_*) */
	TP_E_TERNARY, /* kids[0] ? kids[1] : kids[2] */
	TP_E_CAST,    /* (text) kids[0] */
	TP_E_SIZEOF,  /* sizeof(text) when no kids, else sizeof kids[0] */
	TP_E_LIST,    /* { kids... } */
	TP_E_STMT,    /* a GNU statement expression: kept as text */
};

/* Codes of two-character operators in tp_expr.op. */
enum {
	TP_OP_SHL = 256, TP_OP_SHR, TP_OP_LE, TP_OP_GE, TP_OP_EQ, TP_OP_NE,
	TP_OP_AND, TP_OP_OR, TP_OP_ARROW,
};

/*
 * A node of 16 bytes and its kids: a print fmt's __print_symbolic() table
 * can hold hundreds of thousands of entries, three nodes each, against
 * some 30 bytes of text.  The length of a string that holds a NUL, and
 * where a node starts in the format file, are kept beside it.  Nodes and
 * their texts belong to the print they were parsed into and are freed
 * with it.
 */
struct tp_expr {
	enum tp_expr_kind kind : 8;
	unsigned op : 9;    /* a character or a TP_OP_* code */
	unsigned depth : 9; /* 0 for a leaf, else 1 + the deepest child's */
	unsigned len_beside : 1; /* for tp_expr_len() */
	unsigned nkids;
	union {
		unsigned long long num; /* TP_E_NUM and TP_E_CHAR */
		char *text;             /* the other kinds that have one */
	};
	struct tp_expr *kids[];
};

/* How many bytes a TP_E_STRING's text has (it may hold NULs). */
size_t tp_expr_len(const struct tp_expr *e);

struct pf_chunk;

struct tp_print {
	char *format; /* the format string, escapes decoded */
	size_t format_len;
	struct tp_expr **args;
	size_t nargs;
	struct pf_chunk *chunks; /* where the args' nodes are */
	/* NULL when tpgen understands the whole print fmt; else why not,
	 * and where in the format file. */
	char *problem;
	size_t problem_at; /* offset in the format file */
	unsigned problem_line, problem_column; /* the same, for dump */
};

/* Frees all but the problem: what dump shows of a print fmt.  Accepts
 * NULL. */
void tp_print_shed(struct tp_print *p);

/*
 * Parses the print fmt at loc in src.  Never fails for the event: what
 * it cannot understand is recorded in the result's problem.  Returns
 * NULL only when out of memory.
 */
struct tp_print *tp_print_parse(const struct tp_source *src,
				const struct tp_loc *loc);

/*
 * The same, for the names __print_symbolic() and __print_flags() give
 * (and their variants): args are those calls only, wherever in the print
 * fmt they are, in order (one inside another is an argument of the
 * outer), and there is no format.  The rest is scanned, not parsed, so
 * that nothing else of it can keep the calls from being read; problem
 * says only what kept a call itself from parsing.
 */
struct tp_print *tp_print_parse_symbols(const struct tp_source *src,
					const struct tp_loc *loc);

/* Whether a called function's name is __print_symbolic, __print_flags or
 * one of their variants (_u64): the calls whose names the header gives.
 * NULL is none. */
bool tp_print_symbols_call(const char *name);

struct tp_event;

/* Records in p->problem the first part of the arguments that tpgen cannot
 * evaluate from ev's record: kernel functions and names, statement
 * expressions, fields the event lacks.  Keeps a problem already there. */
void tp_print_check(struct tp_print *p, const struct tp_event *ev);

/* The value of a constant expression (numbers, characters, casts and
 * arithmetic on them).  False when e is not constant. */
bool tp_expr_const(const struct tp_expr *e, long long *value);

/* The one field e reads (REC->f, maybe masked, shifted or cast), or NULL
 * when it reads none or more than one. */
const char *tp_expr_field(const struct tp_expr *e);

/* The spelling of an operator code (tp_expr.op): "+", "<<", "->"... */
const char *tp_expr_op_name(int op);

/* The bytes p's nodes and texts take from malloc(), room not yet used
 * included: tests hold a table's entries to their budget with it. */
size_t tp_print_size(const struct tp_print *p);

/* Frees p and all its nodes.  Accepts NULL. */
void tp_print_free(struct tp_print *p);

#endif
