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

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define YYLLOC_DEFAULT(cur, rhs, n)                                     \
	do {                                                            \
		if (n) {                                                \
			(cur).first_line = YYRHSLOC(rhs, 1).first_line; \
			(cur).first_column = YYRHSLOC(rhs, 1).first_column; \
			(cur).first_byte = YYRHSLOC(rhs, 1).first_byte; \
			(cur).last_line = YYRHSLOC(rhs, n).last_line;   \
			(cur).last_column = YYRHSLOC(rhs, n).last_column; \
			(cur).end_byte = YYRHSLOC(rhs, n).end_byte;     \
		} else {                                                \
			(cur).first_line = (cur).last_line =            \
				YYRHSLOC(rhs, 0).last_line;             \
			(cur).first_column = (cur).last_column =        \
				YYRHSLOC(rhs, 0).last_column;           \
			(cur).first_byte = (cur).end_byte =             \
				YYRHSLOC(rhs, 0).end_byte;              \
		}                                                       \
	} while (0)

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
/* "\tfield:int pid;\toffset:8;\tsize:4;\tsigned:1;" and its newline whole:
 * nine field lines of ten, in one token where they were five.  It comes
 * only at the start of a line, where a line may always begin: it is
 * never unexpected, and it is left out of the tokens a message expects
 * (a line may begin with 'field:' too). */
%token FIELD_LINE "'field:' line"
%token KW_PRINT_FMT "'print fmt:'"
%token <num> NUMBER "number"
%token WORD "identifier"
/* "offset:8;\tsize:4;\tsigned:1;" whole: the properties of most fields,
 * in one token where they were twelve.  Any other spelling comes as WORD
 * ':' NUMBER ';', as before. */
%token PROP "property"
/* "unsigned short common_type" before its ';': most declarations, as one
 * token; any other comes word by word. */
%token WORDS "identifiers"
%token STRING "string"
%token TEXT "event name"
%token PFMT "print format"
%token PUNCT "punctuator"
%token NL "end of line"
%token END "end of file"
%token LEXERR "invalid input"

%type <flag> field_kw
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
	| field_kw decl ';' props eol
				{ tp_build_field(b, &@2, $1, $2, $4); }
	| FIELD_LINE		{
					if (!tp_build_field_line(b, &@1))
						YYABORT;
				}
	| KW_PRINT_FMT PFMT eol	{ tp_build_print_fmt(b, &@2); }
	| error eol		{ yyerrok; }
	;

eol:	  NL
	| END
	;

field_kw: KW_FIELD		{ $$ = false; }
	| KW_FIELD_SPECIAL	{ $$ = true; }
	;

/* The lists are the builder's (see tp_decl_push): nothing to free. */
decl:	  item
				{
					$$ = NULL;
					if (!tp_decl_push(b, &$$, $1, &@1))
						YYABORT;
				}
	| WORDS
				{
					$$ = NULL;
					if (!tp_decl_push_words(b, &$$, &@1))
						YYABORT;
				}
	| decl item
				{
					$$ = $1;
					if (!tp_decl_push(b, &$$, $2, &@2))
						YYABORT;
				}
	| decl WORDS
				{
					$$ = $1;
					if (!tp_decl_push_words(b, &$$, &@2))
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

props:	  %empty		{ $$ = NULL; }
	| props WORD ':' NUMBER semi
				{
					$$ = $1;
					if (!tp_props_push(b, &$$, &@2, &@4, $4))
						YYABORT;
				}
	| props PROP
				{
					$$ = $1;
					if (!tp_props_push_prop(b, &$$, &@2))
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
	yysymbol_kind_t expected[6];
	yysymbol_kind_t got = yypcontext_token(ctx);
	const YYLTYPE *where = yypcontext_location(ctx);
	YYLTYPE word;
	char *msg = NULL;
	size_t len = 0;
	FILE *f;
	int n, i, j;

	(void)scanner;
	if (got == YYSYMBOL_LEXERR)
		return 0;
	/* PROP and WORDS are words scanned at once: what is unexpected is
	 * the first, an identifier, as it is when scanned alone. */
	if (got == YYSYMBOL_PROP || got == YYSYMBOL_WORDS) {
		const char *t = b->src->text;

		word = *where;
		for (word.end_byte = word.first_byte;
		     word.end_byte < where->end_byte &&
		     (isalnum((unsigned char)t[word.end_byte]) ||
		      t[word.end_byte] == '_'); word.end_byte++)
			;
		word.last_column = word.first_column +
				   (unsigned)(word.end_byte - word.first_byte) - 1;
		got = YYSYMBOL_WORD;
		where = &word;
	}
	f = open_memstream(&msg, &len);
	if (!f)
		return YYENOMEM;
	fprintf(f, "unexpected %s", yysymbol_name(got));
	/* At most four, PROP and WORDS not counted: where either may come,
	 * so may an identifier, which says it. */
	n = yypcontext_expected_tokens(ctx, expected, 6);
	for (i = j = 0; i < n; i++)
		if (expected[i] != YYSYMBOL_PROP &&
		    expected[i] != YYSYMBOL_WORDS &&
		    expected[i] != YYSYMBOL_FIELD_LINE)
			expected[j++] = expected[i];
	n = j > 4 ? 0 : j;
	for (i = 0; i < n; i++)
		fprintf(f, "%s%s", i == 0 ? ", expected " :
			i == n - 1 ? " or " : ", ", yysymbol_name(expected[i]));
	if (fclose(f) != 0) {
		free(msg);
		return YYENOMEM;
	}
	tp_error(b->d, b->src, where, "%s", msg);
	b->syntax_line = where->first_line;
	free(msg);
	return 0;
}
