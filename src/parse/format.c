/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * From what the parser recognised to the event model: the meaning of each
 * line in its place and the checks that need the whole file.  A field's
 * line is field.c's.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "ctypes.h"
#include "format.h"
#include "format-build.h"
#include "grow.h"
#include "scan.h"
#include "parser.h"
#include "print.h"
#include "sort.h"

char *tp_build_cut(const struct tp_builder *b, size_t first, size_t end)
{
	/* Runs of other bytes are copied whole: this runs for every field. */
	static const bool blank[256] = { [' '] = true, ['\t'] = true,
					 ['\n'] = true };
	const unsigned char *s = (const unsigned char *)b->src->text + first;
	const unsigned char *e = (const unsigned char *)b->src->text + end;
	char *out = malloc(end - first + 1), *o = out;

	if (!out)
		return NULL;
	while (s < e && blank[*s])
		s++;
	while (s < e) {
		const unsigned char *run = s;

		while (s < e && !blank[*s])
			s++;
		memcpy(o, run, (size_t)(s - run));
		o += s - run;
		while (s < e && blank[*s])
			s++;
		if (s < e)
			*o++ = ' ';
	}
	*o = '\0';
	return out;
}

char *tp_build_cut_loc(const struct tp_builder *b, const struct tp_loc *loc)
{
	return tp_build_cut(b, loc->first_byte, loc->end_byte);
}

bool tp_build_oom(struct tp_builder *b)
{
	tp_oom(b->d, b->src);
	return false;
}

size_t tp_build_feed(struct tp_builder *b, char *buf, size_t max)
{
	size_t n = b->src->len - b->fed;

	if (n > max)
		n = max;
	memcpy(buf, b->src->text + b->fed, n);
	b->fed += n;
	return n;
}

/* A field line's declaration items and properties live in the builder,
 * one set at a time, emptied when a line starts a new one: a file's lines
 * then allocate them once, not twice a field. */
bool tp_decl_push(struct tp_builder *b, struct tp_decl **decl,
		  enum tp_decl_item_kind kind, const struct tp_loc *loc)
{
	struct tp_decl *d = *decl;
	struct tp_decl_item *items;

	if (!d) {
		d = *decl = &b->decl;
		d->n = 0;
	}
	items = tp_grow(d->items, &d->cap, d->n, sizeof(*items), 8);
	if (!items)
		return tp_build_oom(b);
	d->items = items;
	d->items[d->n].kind = kind;
	d->items[d->n].loc = *loc;
	d->n++;
	return true;
}

bool tp_props_push(struct tp_builder *b, struct tp_props **props,
		   const struct tp_loc *key, const struct tp_loc *value,
		   unsigned long num)
{
	struct tp_props *p = *props;
	struct tp_prop *v;

	if (!p) {
		p = *props = &b->props;
		p->n = 0;
	}
	v = tp_grow(p->v, &p->cap, p->n, sizeof(*v), 4);
	if (!v)
		return tp_build_oom(b);
	p->v = v;
	p->v[p->n].key = *key;
	p->v[p->n].value = *value;
	p->v[p->n].num = num;
	p->n++;
	return true;
}

unsigned long tp_build_number(struct tp_builder *b, const struct tp_loc *loc,
			      const char *text, size_t len)
{
	unsigned long long v = 0;
	size_t i;

	/* By hand: strtoul() costs more than the rest of the scanning of a
	 * number, and every field line has three. */
	for (i = 0; i < len; i++) {
		v = v * 10 + (unsigned)(text[i] - '0');
		if (v > 0xffffffffULL) {
			/* The line is in error already: no consequences
			 * to report. */
			tp_error(b->d, b->src, loc, "number is too large");
			return 0;
		}
	}
	return (unsigned long)v;
}

/* Text that tools will print and put in JSON must be UTF-8 without
 * control characters (tabs and newlines aside). */
static bool clean_text(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned c, extra, min, cp;

		if (end - p >= 8 && tp_printable8(p)) {
			p += 8;
			continue;
		}
		c = *p++;
		if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
				return false;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			extra = 1, min = 0x80, cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			extra = 2, min = 0x800, cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			extra = 3, min = 0x10000, cp = c & 0x07;
		} else {
			return false;
		}
		if ((size_t)(end - p) < extra)
			return false;
		while (extra--) {
			if ((*p & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (*p++ & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
	}
	return true;
}

void tp_build_name(struct tp_builder *b, const struct tp_loc *value)
{
	char *name;

	if (b->seen_name) {
		tp_error(b->d, b->src, value, "second 'name:' line");
		return;
	}
	b->seen_name = true;
	name = tp_build_cut_loc(b, value);
	if (!name) {
		tp_build_oom(b);
		return;
	}
	if (!*name) {
		tp_error(b->d, b->src, value, "empty event name");
		free(name);
		return;
	}
	if (!clean_text(name, strlen(name)) || strchr(name, '\t')) {
		tp_error(b->d, b->src, value, "the event name holds bytes "
			 "that are not printable UTF-8");
		free(name);
		return;
	}
	b->ev->name = name;
}

void tp_build_id(struct tp_builder *b, const struct tp_loc *value,
		 unsigned long id)
{
	if (b->seen_id) {
		tp_error(b->d, b->src, value, "second 'ID:' line");
		return;
	}
	b->seen_id = true;
	b->ev->id = (long)id;
}

void tp_build_format(struct tp_builder *b, const struct tp_loc *kw)
{
	if (b->seen_format) {
		tp_error(b->d, b->src, kw, "second 'format:' line");
		return;
	}
	if (b->ev->nfields) {
		tp_error(b->d, b->src, kw, "'format:' after the first field");
		return;
	}
	b->seen_format = true;
}

void tp_build_blank(struct tp_builder *b)
{
	if (b->seen_format && b->ev->nfields)
		b->past_common = true;
}

void tp_build_print_fmt(struct tp_builder *b, const struct tp_loc *value)
{
	if (b->seen_print_fmt) {
		tp_error(b->d, b->src, value, "second 'print fmt:' line");
		return;
	}
	b->seen_print_fmt = true;
	if (b->print_fmt_bad)
		return;
	if (!clean_text(b->src->text + value->first_byte,
			value->end_byte - value->first_byte)) {
		tp_warn(b->d, b->src, value, "the print fmt is not valid "
			"UTF-8; it is ignored");
		return;
	}
	b->ev->print_fmt = malloc(value->end_byte - value->first_byte + 1);
	if (!b->ev->print_fmt) {
		tp_build_oom(b);
		return;
	}
	/* Kept exactly, newlines inside strings included; only trailing
	 * blanks go. */
	{
		size_t len = value->end_byte - value->first_byte;
		const char *s = b->src->text + value->first_byte;

		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		memcpy(b->ev->print_fmt, s, len);
		b->ev->print_fmt[len] = '\0';
		b->ev->print_fmt_xxh3 = XXH3_64bits(s, len);
	}
	b->ev->print_fmt_loc = *value;
}

static int by_name(const void *a, const void *b)
{
	const struct tp_field *x = *(const struct tp_field *const *)a;
	const struct tp_field *y = *(const struct tp_field *const *)b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x < y ? -1 : x > y);
}

/* Overlaps and duplicate names reported one by one in an event; the rest
 * are counted in one warning.  A capture may repeat a line a million
 * times, and each warning is kept, with its note, until the file is
 * done: they took ten times the file's size. */
#define EACH_REPORTED 20

/* Checks that need every field: overlaps, duplicates, the record bound.
 * Sorting keeps them O(n log n) for events with very many fields. */
static void check_fields(struct tp_builder *b)
{
	const struct tp_event *ev = b->ev;
	const struct tp_field **v, *last = NULL, *past = NULL, *more = NULL;
	unsigned long end = 0;
	size_t i, npast = 0, n = 0;

	if (!ev->nfields)
		return;
	v = malloc(ev->nfields * sizeof(*v));
	if (!v) {
		tp_build_oom(b);
		return;
	}
	for (i = 0; i < ev->nfields; i++) {
		const struct tp_field *f = &ev->fields[i];

		v[i] = f;
		if ((unsigned long)f->offset + f->size > b->target->max_record)
			if (!npast++)
				past = f;
	}
	if (past)
		tp_warn(b->d, b->src, &past->loc,
			"field '%s' ends at byte %lu, past the largest record "
			"the kernel writes (%u bytes); %zu field%s in all",
			past->name, (unsigned long)past->offset + past->size,
			b->target->max_record, npast, npast > 1 ? "s" : "");
	/* header_page describes one word twice on purpose (commit and
	 * overwrite). */
	if (b->kind == TP_FORMAT_EVENT) {
		tp_fields_by_offset(v, ev->nfields);
		for (i = 0; i < ev->nfields; i++) {
			const struct tp_field *f = v[i];

			if (!f->size)
				continue;
			if (last && f->offset < end && n++ < EACH_REPORTED)
				tp_warn(b->d, b->src, &f->loc,
					"field '%s' (offset %u, size %u) "
					"overlaps field '%s' (offset %u, "
					"size %u)", f->name, f->offset,
					f->size, last->name, last->offset,
					last->size);
			else if (last && f->offset < end && !more)
				more = f;
			if (f->offset + (unsigned long)f->size > end) {
				end = f->offset + (unsigned long)f->size;
				last = f;
			}
		}
	}
	if (more)
		tp_warn(b->d, b->src, &more->loc, "%zu more fields overlap "
			"those before them", n - EACH_REPORTED);
	more = NULL;
	n = 0;
	tp_sort(v, ev->nfields, sizeof(*v), by_name);
	for (i = 1; i < ev->nfields; i++) {
		if (strcmp(v[i]->name, v[i - 1]->name) != 0)
			continue;
		if (n++ >= EACH_REPORTED) {
			more = more ? more : v[i];
			continue;
		}
		tp_warn(b->d, b->src, &v[i]->loc,
			"duplicate field name '%s'", v[i]->name);
		tp_note(b->d, b->src, &v[i - 1]->loc,
			"'%s' first declared here", v[i]->name);
	}
	if (more)
		tp_warn(b->d, b->src, &more->loc, "%zu more duplicate field "
			"names", n - EACH_REPORTED);
	free(v);
}

/* Where "at the end of the file" is shown: after the last character of
 * the last line, not on the empty line after its newline. */
static struct tp_loc end_of_text(const struct tp_source *src)
{
	struct tp_loc loc = { .first_byte = src->len, .end_byte = src->len };
	size_t len = 0;
	unsigned line = (unsigned)tp_source_nlines(src);
	const char *text;

	/* Back over trailing blank lines. */
	while (line > 1 && (text = tp_source_line(src, line, &len)) &&
	       strspn(text, " \t") == len)
		line--;
	text = tp_source_line(src, line, &len);
	if (text)
		loc.first_byte = loc.end_byte = (size_t)(text - src->text) + len;
	return loc;
}

/* Whole-file requirements, reported at the end of the file: where that
 * is, is found only then (it needs the file's lines). */
static void check_file(struct tp_builder *b)
{
	struct tp_loc eof;

	if (b->src->len == 0) {
		tp_error(b->d, b->src, NULL, "empty file");
		return;
	}
	if (b->kind == TP_FORMAT_HEADER_PAGE ? b->ev->nfields != 0 :
	    b->seen_format && b->seen_print_fmt)
		return;
	eof = end_of_text(b->src);
	if (b->kind == TP_FORMAT_HEADER_PAGE)
		tp_error(b->d, b->src, &eof, "no fields in header_page");
	else if (!b->seen_format)
		tp_error(b->d, b->src, &eof, "no 'format:' line");
	else
		tp_warn(b->d, b->src, &eof, "no 'print fmt:' line "
			"(truncated file?)");
}

/* Every format file of an event begins with its name line. */
static bool starts_with_name(const struct tp_source *src)
{
	const char *s = src->text;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return strncmp(s, "name:", 5) == 0;
}

struct tp_event *tp_format_parse(const struct tp_source *src,
				 enum tp_format_kind kind,
				 const struct tp_target *target,
				 struct tp_diags *d)
{
	return tp_format_parse_for(src, kind, target, TP_PRINT_ALL, d);
}

/* Whether a print fmt names __print_symbolic() or __print_flags() (or
 * their _u64 forms): all that TP_PRINT_SYMBOLS keeps. */
static bool names_symbols(const struct tp_source *src, const struct tp_loc *loc)
{
	const char *p = src->text + loc->first_byte;
	size_t len = loc->end_byte - loc->first_byte;

	return memmem(p, len, "__print_symbolic", 16) ||
	       memmem(p, len, "__print_flags", 13);
}

/* Smaller files' fields grow their array as before: counting the lines
 * of every event of a machine cost more than the doubling. */
#define RESERVE_FROM (64u << 10)

/*
 * Room for as many fields as a large source has lines, the most it can
 * hold: an array grown by doubling, moved at each step, took up to three
 * times its final size, and fields are most of a huge file's memory.
 * Pages of the room that stay unused are never touched.  Refused room is
 * no error: the array then grows as it fills.
 */
static void reserve_fields(struct tp_builder *b)
{
	const char *p = b->src->text, *end = p + b->src->len;
	size_t lines = 1;

	if (b->src->len < RESERVE_FROM)
		return;
	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		lines++;
		p++;
	}
	b->ev->fields = malloc(lines * sizeof(*b->ev->fields));
	if (b->ev->fields)
		b->fields_cap = lines;
}

/* yyparse(), cut short when the scanner runs out of memory. */
static void parse_file(yyscan_t scanner, struct tp_builder *b,
		       struct tp_scan *scan)
{
	if (setjmp(scan->fatal) == 0)
		yyparse(scanner, b);
}

struct tp_event *tp_format_parse_for(const struct tp_source *src,
				     enum tp_format_kind kind,
				     const struct tp_target *target,
				     enum tp_print_use use,
				     struct tp_diags *d)
{
	unsigned errors_before = d->errors;
	struct tp_builder b = {
		.src = src, .d = d, .kind = kind, .target = target,
	};
	struct tp_scan scan = { .b = &b };
	yyscan_t scanner;

	b.ev = calloc(1, sizeof(*b.ev));
	if (!b.ev) {
		tp_build_oom(&b);
		return NULL;
	}
	b.ev->id = -1;
	if (src->len > INT_MAX) {
		tp_error(d, src, NULL, "file too large");
		goto fail;
	}
	if (kind == TP_FORMAT_EVENT && !starts_with_name(src)) {
		/* Not worth a report per line: say what it is not. */
		tp_error(d, src, NULL, src->len ? "not a tracefs format file "
			 "(it does not begin with 'name:')" : "empty file");
		goto fail;
	}
	if (yylex_init_extra(&scan, &scanner)) {
		tp_build_oom(&b);
		goto fail;
	}
	reserve_fields(&b);
	/* Running out of memory in the parser was reported through
	 * yyerror(); in the scanner, it is here. */
	parse_file(scanner, &b, &scan);
	yylex_destroy(scanner);
	if (scan.out_of_memory)
		tp_build_oom(&b);
	free(b.decl.items);
	free(b.props.v);
	if (d->errors == errors_before && !d->full)
		check_file(&b);
	if (d->errors == errors_before && !d->full) {
		check_fields(&b);
		if (b.ev->print_fmt && (use != TP_PRINT_SYMBOLS ||
					names_symbols(src, &b.ev->print_fmt_loc))) {
			/* What is not understood is kept, not reported: the
			 * event stays usable with its fields. */
			b.ev->print = use != TP_PRINT_SYMBOLS ?
				tp_print_parse(src, &b.ev->print_fmt_loc) :
				tp_print_parse_symbols(src,
						       &b.ev->print_fmt_loc);
			if (!b.ev->print) {
				tp_build_oom(&b);
				goto fail;
			}
			if (use != TP_PRINT_SYMBOLS)
				tp_print_check(b.ev->print, b.ev);
			if (b.ev->print->problem)
				tp_source_locate(src, b.ev->print->problem_at,
						 &b.ev->print->problem_line,
						 &b.ev->print->problem_column);
		}
		if (use == TP_PRINT_CODE || use == TP_PRINT_SYMBOLS) {
			free(b.ev->print_fmt);
			b.ev->print_fmt = NULL;
		}
		if (use == TP_PRINT_DUMP)
			tp_print_shed(b.ev->print);
		return b.ev;
	}
fail:
	tp_event_free(b.ev);
	return NULL;
}
