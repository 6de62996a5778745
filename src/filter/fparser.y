/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Grammar of event filters, as the kernel takes them: predicates (a
 * field, an operator, a value: the field always first) joined by && and
 * ||, '!' before a predicate or a bracketed group.  '!' binds tightest,
 * then &&, then ||.  What each predicate means is decided against the
 * event's fields afterwards (tp_filter_check()).
 */
%define api.pure full
%define api.prefix {tf}
%define parse.error custom
/* Expected tokens exact in messages (the default reductions would leave
 * out '&&' and '||' after a predicate); filters are short. */
%define parse.lac full
%locations
%define api.location.type {struct tp_loc}
%param {yyscan_t scanner}
%parse-param {struct tf_state *st}

%expect 0

%code requires {
#include "filter.h"
#include "fscan.h"
#include "loc.h"
}

%code provides {
int tflex(TFSTYPE *lval, TFLTYPE *lloc, yyscan_t scanner);
}

%code top {
#include "config.h"
}

%code {
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define YYLLOC_DEFAULT TP_LOC_DEFAULT

static void tferror(TFLTYPE *loc, yyscan_t scanner, struct tf_state *st,
		    const char *msg);
}

%union {
	struct tp_filter *f;
	enum tp_filter_op op;
	enum tp_filter_value value;
}

%token AND "'&&'"
%token OR "'||'"
%token NOT "'!'"
%token EQ "'=='"
%token NE "'!='"
%token LT "'<'"
%token LE "'<='"
%token GT "'>'"
%token GE "'>='"
%token BAND "'&'"
%token GLOB "'~'"
%token NAME "field name"
%token NUMBER "number"
%token STRING "string"
%token WORD "word"
%token CPUS "CPU list"
%token LEXERR "invalid input"

%type <f> or_expr and_expr unary pred
%type <op> op
%type <value> value

%destructor { tp_filter_free($$); } <f>

%%

filter:	  or_expr		{ st->root = $1; }
	;

or_expr:  and_expr
	| or_expr OR and_expr	{
					$$ = tf_node(st, TP_FILTER_OR, &@$, $1,
						     $3);
					if (!$$)
						YYABORT;
				}
	;

and_expr: unary
	| and_expr AND unary	{
					$$ = tf_node(st, TP_FILTER_AND, &@$, $1,
						     $3);
					if (!$$)
						YYABORT;
				}
	;

unary:	  NOT unary		{
					$$ = tf_node(st, TP_FILTER_NOT, &@$, $2,
						     NULL);
					if (!$$)
						YYABORT;
				}
	| '(' or_expr ')'	{ $$ = $2; }
	| pred
	;

pred:	  NAME op value		{
					$$ = tf_pred(st, &@1, $2, &@2, $3, &@3);
					if (!$$)
						YYABORT;
				}
	;

op:	  EQ			{ $$ = TP_FOP_EQ; }
	| NE			{ $$ = TP_FOP_NE; }
	| LT			{ $$ = TP_FOP_LT; }
	| LE			{ $$ = TP_FOP_LE; }
	| GT			{ $$ = TP_FOP_GT; }
	| GE			{ $$ = TP_FOP_GE; }
	| BAND			{ $$ = TP_FOP_BAND; }
	| GLOB			{ $$ = TP_FOP_GLOB; }
	;

value:	  NUMBER		{ $$ = TP_FV_NUMBER; }
	| STRING		{ $$ = TP_FV_STRING; }
	| WORD			{ $$ = TP_FV_WORD; }
	| CPUS			{ $$ = TP_FV_CPUS; }
	;

%%

static void tferror(TFLTYPE *loc, yyscan_t scanner, struct tf_state *st,
		    const char *msg)
{
	(void)scanner;
	/* With parse.error custom, only running out of memory comes here. */
	st->nomem = true;
	tp_error(st->d, st->src, loc, "%s: out of memory", msg);
}

/* "unexpected X, expected A or B".  The scanner reported what it
 * refused. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner,
				 struct tf_state *st)
{
	yysymbol_kind_t expected[YYNTOKENS];
	yysymbol_kind_t got = yypcontext_token(ctx);
	struct tp_buf msg = { 0 };
	int n, i;

	(void)scanner;
	if (got == YYSYMBOL_LEXERR)
		return 0;
	tp_buf_printf(&msg, "unexpected %s in the filter",
		      got == YYSYMBOL_YYEOF ? "end" : yysymbol_name(got));
	n = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);
	/* Where an operator goes, all eight do: said in one phrase. */
	for (i = 0; i < n; i++) {
		if (expected[i] == YYSYMBOL_EQ) {
			tp_buf_adds(&msg, ", expected an operator (==, !=, <, "
				    "<=, >, >=, & or ~)");
			n = 0;
		}
	}
	n = n > 5 ? 0 : n;
	/* The end, which bison lists first, last. */
	if (n > 1 && expected[0] == YYSYMBOL_YYEOF) {
		memmove(expected, expected + 1, (size_t)(n - 1) *
			sizeof(*expected));
		expected[n - 1] = YYSYMBOL_YYEOF;
	}
	for (i = 0; i < n; i++)
		tp_buf_printf(&msg, "%s%s", i == 0 ? ", expected " :
			      i == n - 1 ? " or " : ", ",
			      expected[i] == YYSYMBOL_YYEOF ? "the end" :
			      yysymbol_name(expected[i]));
	if (msg.failed) {
		tp_buf_fini(&msg);
		return YYENOMEM;
	}
	tp_error(st->d, st->src, yypcontext_location(ctx), "%.*s",
		 (int)msg.len, msg.data);
	if (got == YYSYMBOL_BAND)
		tp_note(st->d, NULL, NULL, "'&&' joins predicates; '&' tests "
			"a field's bits (flags & 0x4)");
	tp_buf_fini(&msg);
	return 0;
}
