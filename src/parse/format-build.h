/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The interface between the generated parser (grammar/) and the code that
 * turns what it recognised into the event model (src/parse/format.c).  Internal
 * to libtpgen.
 *
 * The parser hands over locations, never copies of text: every string in the
 * model is cut from the source by its byte offsets.
 */
#ifndef TPGEN_FORMAT_BUILD_H
#define TPGEN_FORMAT_BUILD_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "event.h"
#include "format.h"
#include "loc.h"

/* Whether the 8 bytes at p are all printable ASCII (0x20 to 0x7e), tested
 * at once: nearly all text is, and print fmts are looked through twice
 * (the scanner's check for bytes no kernel writes, then UTF-8). */
static inline bool tp_printable8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t highs = 0x8080808080808080ULL;
	uint64_t w, del;

	memcpy(&w, p, sizeof(w));
	del = w ^ (0x7f * ones);
	/* A byte of 0x80 or more; one below 0x20; one equal to 0x7f. */
	return !((w & highs) | ((w - 0x20 * ones) & ~w & highs) |
		 ((del - ones) & ~del & highs));
}

enum tp_decl_item_kind {
	TP_DI_WORD,     /* identifier or keyword */
	TP_DI_NUMBER,
	TP_DI_STAR,     /* '*' */
	TP_DI_BRACKETS, /* a balanced [...] group, brackets included */
	TP_DI_PARENS,   /* a balanced (...) group, parentheses included */
	TP_DI_OTHER,    /* a string or any other punctuator */
};

struct tp_decl_item {
	enum tp_decl_item_kind kind;
	struct tp_loc loc;
};

/* The declaration part of a field line, as a flat list of top-level items. */
struct tp_decl {
	struct tp_decl_item *items;
	size_t n, cap;
};

/* One "key:value;" of a field line. */
struct tp_prop {
	struct tp_loc key;
	struct tp_loc value;
	unsigned long num;
};

struct tp_props {
	struct tp_prop *v;
	size_t n, cap;
};

struct tp_builder {
	const struct tp_source *src;
	struct tp_diags *d;
	enum tp_format_kind kind;
	const struct tp_target *target;
	struct tp_event *ev;
	size_t fields_cap;
	bool seen_name, seen_id, seen_format, seen_print_fmt;
	/* A blank line has followed the common fields. */
	bool past_common;
	/* The print fmt was reported as damaged: the event keeps its fields
	 * but not the print fmt. */
	bool print_fmt_bad;
	/* Where the parser last reported a syntax error, so that the
	 * scanner does not report a second error on that line. */
	bool syntax_error;
	size_t syntax_byte;
	/* How much of the source the scanner has read. */
	size_t fed;
	/* The current field line's, reused by the next (tp_decl_push). */
	struct tp_decl decl;
	struct tp_props props;
};

/* Copies the next bytes of the source, at most max, to buf for the
 * scanner; returns how many, 0 at its end. */
size_t tp_build_feed(struct tp_builder *b, char *buf, size_t max);

/* Shared by format.c and field.c.  A copy of [first, end) of the source
 * with each run of blanks folded to one space and none at either end;
 * NULL when out of memory. */
char *tp_build_cut(const struct tp_builder *b, size_t first, size_t end);
char *tp_build_cut_loc(const struct tp_builder *b, const struct tp_loc *loc);
/* Reports that memory ran out; returns false. */
bool tp_build_oom(struct tp_builder *b);
/* Whether the bytes of the source at loc are word.  Inline: it runs for
 * every word of every field, with word a literal. */
static inline bool tp_build_is_word(const struct tp_builder *b,
				    const struct tp_loc *loc,
				    const char *word)
{
	size_t len = loc->end_byte - loc->first_byte;

	return strlen(word) == len &&
	       memcmp(b->src->text + loc->first_byte, word, len) == 0;
}

/* They report problems through b->d and never fail otherwise. */
void tp_build_name(struct tp_builder *b, const struct tp_loc *value);
void tp_build_id(struct tp_builder *b, const struct tp_loc *value,
		 unsigned long id);
void tp_build_format(struct tp_builder *b, const struct tp_loc *kw);
void tp_build_blank(struct tp_builder *b);
/* The len digits at text, in decimal even with a leading 0; 0, reported
 * at loc, when past 32 bits. */
unsigned long tp_build_number(struct tp_builder *b, const struct tp_loc *loc,
			      const char *text, size_t len);
void tp_build_field(struct tp_builder *b, const struct tp_loc *decl_loc,
		    bool special, struct tp_decl *decl, struct tp_props *props);
void tp_build_print_fmt(struct tp_builder *b, const struct tp_loc *value);

/* Lists used by the grammar's actions: *decl (*props) NULL starts the
 * builder's list afresh, so only one of each is in use at a time, and the
 * builder frees them.  They return false when out of memory, having
 * reported it. */
bool tp_decl_push(struct tp_builder *b, struct tp_decl **decl,
		  enum tp_decl_item_kind kind, const struct tp_loc *loc);
bool tp_props_push(struct tp_builder *b, struct tp_props **props,
		   const struct tp_loc *key, const struct tp_loc *value,
		   unsigned long num);

#endif
