/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Grammar of tracefs format files (events/<group>/<event>/format and
 * events/header_page).  A file is a sequence of lines; what each line means
 * in its place (common or event field, duplicate name:, ...) is decided by
 * the builder in src/parse/format.c, so that one bad line never hides the next:
 * every line is its own unit of error recovery.
 *
 * Declarations are only split into top-level items here ("const char *",
 * "[sizeof(struct x)]"); telling the type from the name needs to see the
 * whole line (compare "char buf[]" with "__data_loc char[] buf") and is done
 * by the builder.
 */
%define api.pure full
%define parse.error custom
%locations
%define api.location.type {struct tp_loc}
%param {yyscan_t scanner}
%parse-param {struct tp_builder *b}

/* The grammar is LALR(1) without conflicts; keep it that way. */
%expect 0

%code requires {
#include "format-build.h"
#include "loc.h"
#include "scan.h"
}

%code provides {
int yylex(YYSTYPE *lval, YYLTYPE *lloc, yyscan_t scanner);
}

%code {
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define YYLLOC_DEFAULT TP_LOC_DEFAULT

static void yyerror(YYLTYPE *loc, yyscan_t scanner, struct tp_builder *b,
		    const char *msg);
}

%union {
	unsigned long num;
	bool flag;
	enum tp_decl_item_kind kind;
	struct tp_decl *decl;
	struct tp_props *props;
}

%token KW_NAME "'name:'"
%token KW_ID "'ID:'"
%token KW_FORMAT "'format:'"
%token KW_FIELD "'field:'"
%token KW_FIELD_SPECIAL "'field special:'"
%token KW_PRINT_FMT "'print fmt:'"
%token <num> NUMBER "number"
%token WORD "identifier"
%token STRING "string"
%token TEXT "event name"
%token PFMT "print format"
%token PUNCT "punctuator"
%token NL "end of line"
%token END "end of file"
%token LEXERR "invalid input"

%type <kind> item
%type <decl> decl
%type <props> props

%%

file:	  %empty
	| file line
	;

line:	  eol			{ tp_build_blank(b); }
	| KW_NAME TEXT eol	{ tp_build_name(b, &@2); }
	| KW_ID NUMBER eol	{ tp_build_id(b, &@2, $2); }
	| KW_FORMAT eol		{ tp_build_format(b, &@1); }
	| KW_FIELD decl ';' props eol
				{ tp_build_field(b, &@2, false, $2, $4); }
	| KW_FIELD_SPECIAL decl ';' props eol
				{ tp_build_field(b, &@2, true, $2, $4); }
	| KW_PRINT_FMT PFMT eol	{ tp_build_print_fmt(b, &@2); }
	| error eol		{ yyerrok; }
	;

eol:	  NL
	| END
	;

/* The lists are the builder's (see tp_decl_push): nothing to free. */
decl:	  item
				{
					$$ = NULL;
					if (!tp_decl_push(b, &$$, $1, &@1))
						YYABORT;
				}
	| decl item
				{
					$$ = $1;
					if (!tp_decl_push(b, &$$, $2, &@2))
						YYABORT;
				}
	;

item:	  WORD			{ $$ = TP_DI_WORD; }
	| NUMBER		{ $$ = TP_DI_NUMBER; }
	| STRING		{ $$ = TP_DI_OTHER; }
	| PUNCT			{ $$ = TP_DI_OTHER; }
	| ':'			{ $$ = TP_DI_OTHER; }
	| '*'			{ $$ = TP_DI_STAR; }
	| '[' balanced ']'	{ $$ = TP_DI_BRACKETS; }
	| '(' balanced ')'	{ $$ = TP_DI_PARENS; }
	;

balanced: %empty
	| balanced nested
	;

nested:	  WORD | NUMBER | STRING | PUNCT | ':' | '*'
	| '[' balanced ']'
	| '(' balanced ')'
	;

/* KEY:VALUE, with or without the ';' after it. */
props:	  %empty		{ $$ = NULL; }
	| props WORD ':' NUMBER semi
				{
					$$ = $1;
					if (!tp_props_push(b, &$$, &@2, &@4, $4))
						YYABORT;
				}
	;

semi:	  %empty
	| ';'
	;

%%

static void yyerror(YYLTYPE *loc, yyscan_t scanner, struct tp_builder *b,
		    const char *msg)
{
	(void)scanner;
	/* With parse.error custom, only running out of memory comes here. */
	b->d->oom = true;
	tp_error(b->d, b->src, loc, "%s: out of memory", msg);
}

/*
 * "unexpected X, expected A or B".  Tokens the scanner rejected were
 * reported by the scanner already, with a better message.
 */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner,
				 struct tp_builder *b)
{
	yysymbol_kind_t expected[5];
	yysymbol_kind_t got = yypcontext_token(ctx);
	const YYLTYPE *where = yypcontext_location(ctx);
	struct tp_buf msg = { 0 };
	int n, i;

	(void)scanner;
	if (got == YYSYMBOL_LEXERR)
		return 0;
	tp_buf_printf(&msg, "unexpected %s", yysymbol_name(got));
	/* At most four. */
	n = yypcontext_expected_tokens(ctx, expected, 5);
	n = n > 4 ? 0 : n;
	for (i = 0; i < n; i++)
		tp_buf_printf(&msg, "%s%s", i == 0 ? ", expected " :
			      i == n - 1 ? " or " : ", ",
			      yysymbol_name(expected[i]));
	if (msg.failed) {
		tp_buf_fini(&msg);
		return YYENOMEM;
	}
	tp_error(b->d, b->src, where, "%.*s", (int)msg.len, msg.data);
	b->syntax_error = true;
	b->syntax_byte = where->first_byte;
	tp_buf_fini(&msg);
	return 0;
}
