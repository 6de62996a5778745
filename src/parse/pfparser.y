/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Grammar of print fmt: a format string, then C expressions, as the
 * kernel's TP_printk() expands them.  The expressions are what C allows
 * there, less assignment and the comma operator; GNU statement
 * expressions are kept as opaque nodes.  Whatever does not parse is
 * recorded as the print fmt's problem, never as an error of the event.
 */
%define api.pure full
%define api.prefix {pf}
%define parse.error custom
%locations
%define api.location.type {struct tp_loc}
%param {yyscan_t scanner}
%parse-param {struct pf_state *st}

/* Casts and parentheses are told apart by the scanner (type words), and
 * operators by precedence: no conflicts remain. */
%expect 0

%code requires {
#include "loc.h"
#include "pfscan.h"
#include "print.h"
}

%code provides {
int pflex(PFSTYPE *lval, PFLTYPE *lloc, yyscan_t scanner);
}

%code top {
#include "config.h"
}

%code {
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define YYLLOC_DEFAULT TP_LOC_DEFAULT

static void pferror(PFLTYPE *loc, yyscan_t scanner, struct pf_state *st,
		    const char *msg);

/* A node of kind with text. */
static struct tp_expr *text_node(struct pf_state *st, enum tp_expr_kind kind,
				 const struct tp_loc *loc, char *text)
{
	struct tp_expr *e = pf_node(st, kind, loc);

	if (!e) {
		free(text);
		return NULL;
	}
	e->text = pf_text(st, text, text ? strlen(text) : 0);
	return e->text ? e : NULL;
}

/* A node of one kid and a name: a member, or a cast's type. */
static struct tp_expr *named_node(struct pf_state *st, enum tp_expr_kind kind,
				  int op, const struct tp_loc *loc,
				  struct tp_expr *kid, char *name)
{
	struct tp_expr *e = pf_node1(st, kind, op, loc, kid);

	if (!e) {
		free(name);
		return NULL;
	}
	e->text = pf_text(st, name, name ? strlen(name) : 0);
	return e->text ? e : NULL;
}

/* Two adjacent literals are one. */
static struct pf_str concat(struct pf_state *st, struct pf_str a,
			    struct pf_str b)
{
	char *s = a.s && b.s ? realloc(a.s, a.len + b.len + 1) : NULL;

	if (!s) {
		st->nomem = true;
		free(a.s);
		free(b.s);
		return (struct pf_str){ NULL, 0 };
	}
	memcpy(s + a.len, b.s, b.len + 1);
	free(b.s);
	return (struct pf_str){ s, a.len + b.len };
}

/* "unsigned long" and friends, from their words. */
static char *join_words(struct pf_state *st, char *a, const char *sep,
			char *b)
{
	size_t la = a ? strlen(a) : 0, ls = strlen(sep);
	size_t lb = b ? strlen(b) + 1 : 0;
	/* Without asprintf(): a cast's words are joined one at a time, and
	 * a format string costs more than the copies. */
	char *s = a && b ? malloc(la + ls + lb) : NULL;

	if (s) {
		memcpy(s, a, la);
		memcpy(s + la, sep, ls);
		memcpy(s + la + ls, b, lb);
	} else {
		st->nomem = true;
	}
	free(a);
	free(b);
	return s;
}
}

%union {
	unsigned long long num;
	char *text;
	struct pf_str str;
	struct tp_expr *e;
	struct pf_list *list;
}

%token <str> STRING "string"
%token <num> NUM "number"
%token <num> CHARLIT "character"
%token <text> IDENT "identifier"
%token <text> TYPEWORD "type"
%token STMT "statement expression"
%token SIZEOF "'sizeof'"
%token STRUCT "'struct'"
%token SHL "'<<'" SHR "'>>'" LE "'<='" GE "'>='" EQ "'=='" NE "'!='"
%token ANDAND "'&&'" OROR "'||'" ARROW "'->'"
%token BAD "unexpected character"
%token SYMBOLS "symbols"

%type <str> strings
%type <e> expr
%type <list> args args_opt
%type <text> type_name type_words

%destructor { free($$.s); } <str>
%destructor { free($$); } <text>
%destructor { pf_list_free($$); } <list>

%right '?' ':'
%left OROR
%left ANDAND
%left '|'
%left '^'
%left '&'
%left EQ NE
%left '<' '>' LE GE
%left SHL SHR
%left '+' '-'
%left '*' '/' '%'
%precedence UNARY SIZEOF
%precedence '(' '[' ARROW '.'
/* "sizeof (type)" is whole: what follows is not the operand of a cast. */
%precedence SIZEOF_TYPE

%%

print:	  SYMBOLS args_opt	{
					/* tp_print_parse_symbols(): the calls
					 * only, no format string. */
					if ($2) {
						st->print->args = $2->v;
						st->print->nargs = $2->n;
						$2->v = NULL;
						$2->n = 0;
						pf_list_free($2);
					}
				}
	| strings		{
					st->print->format = $1.s;
					st->print->format_len = $1.len;
				}
	| strings ',' args	{
					st->print->format = $1.s;
					st->print->format_len = $1.len;
					/* NULL when memory ran out (st->nomem). */
					if ($3) {
						st->print->args = $3->v;
						st->print->nargs = $3->n;
						$3->v = NULL;
						$3->n = 0;
						pf_list_free($3);
					}
				}
	;

strings:  STRING		{ $$ = $1; }
	| strings STRING	{ $$ = concat(st, $1, $2); }
	;

args:	  expr			{ $$ = pf_list_add(st, NULL, $1); }
	| args ',' expr		{ $$ = pf_list_add(st, $1, $3); }
	;

args_opt: %empty		{ $$ = NULL; }
	| args			{ $$ = $1; }
	;

expr:	  NUM			{
					$$ = pf_node(st, TP_E_NUM, &@1);
					if ($$)
						$$->num = $1;
				}
	| CHARLIT		{
					$$ = pf_node(st, TP_E_CHAR, &@1);
					if ($$)
						$$->num = $1;
				}
	| strings		{ $$ = pf_string(st, &@1, $1); }
	| IDENT			{ $$ = text_node(st, TP_E_IDENT, &@1, $1); }
	| STMT ')'		{
					$$ = pf_node(st, TP_E_STMT, &@1);
					pf_problem(st, &@1, "a GNU statement "
						   "expression");
				}
	| '(' expr ')'		{ $$ = $2; }
	| '{' args_opt '}'	{ $$ = pf_take_list(st, &@$, TP_E_LIST, NULL,
						    $2); }
	| expr '(' args_opt ')'	{
					/* Only named functions are called. */
					if ($1 && $1->kind == TP_E_IDENT) {
						$$ = pf_take_list(st, &@$,
								  TP_E_CALL,
								  $1->text, $3);
					} else {
						pf_problem(st, &@2, "a call "
							   "through a pointer");
						pf_list_free($3);
						$$ = pf_node(st, TP_E_STMT, &@$);
					}
				}
	| expr '[' expr ']'	{
					$$ = pf_node2(st, 0, &@$, $1, $3);
					if ($$)
						$$->kind = TP_E_INDEX;
				}
	| expr ARROW IDENT	{
					/* REC->f and (REC)->f name a field,
					 * as deep as a member of REC. */
					if ($1 && $1->kind == TP_E_IDENT &&
					    strcmp($1->text, "REC") == 0) {
						$$ = text_node(st, TP_E_FIELD,
							       &@$, $3);
						if ($$)
							$$->depth = 1;
					} else
						$$ = named_node(st, TP_E_MEMBER,
								TP_OP_ARROW,
								&@$, $1, $3);
				}
	| expr '.' IDENT	{
					$$ = named_node(st, TP_E_MEMBER, '.',
							&@$, $1, $3);
				}
	| '(' type_name ')' expr %prec UNARY
				{
					$$ = named_node(st, TP_E_CAST, 0, &@$,
							$4, $2);
				}
	| SIZEOF '(' type_name ')' %prec SIZEOF_TYPE
				{
					$$ = text_node(st, TP_E_SIZEOF, &@$, $3);
				}
	| SIZEOF expr		{ $$ = pf_node1(st, TP_E_SIZEOF, 0, &@$, $2); }
	| '-' expr %prec UNARY	{ $$ = pf_node1(st, TP_E_UNARY, '-', &@$, $2); }
	| '+' expr %prec UNARY	{ $$ = pf_node1(st, TP_E_UNARY, '+', &@$, $2); }
	| '!' expr %prec UNARY	{ $$ = pf_node1(st, TP_E_UNARY, '!', &@$, $2); }
	| '~' expr %prec UNARY	{ $$ = pf_node1(st, TP_E_UNARY, '~', &@$, $2); }
	| '*' expr %prec UNARY	{ $$ = pf_node1(st, TP_E_UNARY, '*', &@$, $2); }
	| '&' expr %prec UNARY	{ $$ = pf_node1(st, TP_E_UNARY, '&', &@$, $2); }
	| expr '*' expr		{ $$ = pf_node2(st, '*', &@$, $1, $3); }
	| expr '/' expr		{ $$ = pf_node2(st, '/', &@$, $1, $3); }
	| expr '%' expr		{ $$ = pf_node2(st, '%', &@$, $1, $3); }
	| expr '+' expr		{ $$ = pf_node2(st, '+', &@$, $1, $3); }
	| expr '-' expr		{ $$ = pf_node2(st, '-', &@$, $1, $3); }
	| expr SHL expr		{ $$ = pf_node2(st, TP_OP_SHL, &@$, $1, $3); }
	| expr SHR expr		{ $$ = pf_node2(st, TP_OP_SHR, &@$, $1, $3); }
	| expr '<' expr		{ $$ = pf_node2(st, '<', &@$, $1, $3); }
	| expr '>' expr		{ $$ = pf_node2(st, '>', &@$, $1, $3); }
	| expr LE expr		{ $$ = pf_node2(st, TP_OP_LE, &@$, $1, $3); }
	| expr GE expr		{ $$ = pf_node2(st, TP_OP_GE, &@$, $1, $3); }
	| expr EQ expr		{ $$ = pf_node2(st, TP_OP_EQ, &@$, $1, $3); }
	| expr NE expr		{ $$ = pf_node2(st, TP_OP_NE, &@$, $1, $3); }
	| expr '&' expr		{ $$ = pf_node2(st, '&', &@$, $1, $3); }
	| expr '^' expr		{ $$ = pf_node2(st, '^', &@$, $1, $3); }
	| expr '|' expr		{ $$ = pf_node2(st, '|', &@$, $1, $3); }
	| expr ANDAND expr	{ $$ = pf_node2(st, TP_OP_AND, &@$, $1, $3); }
	| expr OROR expr	{ $$ = pf_node2(st, TP_OP_OR, &@$, $1, $3); }
	| expr '?' expr ':' expr
				{ $$ = pf_node3(st, &@$, $1, $3, $5); }
	;

type_name: type_words		{ $$ = $1; }
	| type_name '*'		{ $$ = join_words(st, $1, " ", strdup("*")); }
	;

type_words: TYPEWORD		{ $$ = $1; }
	| STRUCT IDENT		{ $$ = join_words(st, strdup("struct"), " ",
						  $2); }
	| type_words TYPEWORD	{ $$ = join_words(st, $1, " ", $2); }
	| type_words STRUCT IDENT
				{ $$ = join_words(st, $1, " struct ", $3); }
	;

%%

static void pferror(PFLTYPE *loc, yyscan_t scanner, struct pf_state *st,
		    const char *msg)
{
	(void)scanner;
	/* Bison's only other message, with parse.error custom: its stack
	 * grew past YYMAXDEPTH, as print fmts nested thousands deep do. */
	if (strcmp(msg, "memory exhausted") == 0) {
		st->too_deep = true;
		pf_problem(st, loc, "nested more than %d deep", YYMAXDEPTH);
		return;
	}
	pf_problem(st, loc, "%s", msg);
}

/* The first thing that did not parse becomes the print fmt's problem. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner,
				 struct pf_state *st)
{
	(void)scanner;
	pf_problem(st, yypcontext_location(ctx), "unexpected %s",
		   yysymbol_name(yypcontext_token(ctx)));
	return 0;
}
