/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "grow.h"

/* Source lines longer than this are shown as a window around the caret. */
#define SHOW_MAX 160

void tp_diags_init(struct tp_diags *d)
{
	memset(d, 0, sizeof(*d));
	d->max_errors = TP_DIAGS_MAX_ERRORS;
}

static void clear(struct tp_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].msg);
	d->n = 0;
}

void tp_diags_fini(struct tp_diags *d)
{
	clear(d);
	free(d->v);
	d->v = NULL;
	d->cap = 0;
}

static void add(struct tp_diags *d, enum tp_severity sev,
		const struct tp_source *src, const struct tp_loc *loc,
		const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

static void add(struct tp_diags *d, enum tp_severity sev,
		const struct tp_source *src, const struct tp_loc *loc,
		const char *fmt, va_list ap)
{
	struct tp_diag *rec, *v;
	char *msg;

	/* Notes explain the record before them: drop them with it. */
	if (sev == TP_NOTE && d->dropping)
		return;
	d->dropping = false;
	if (sev == TP_ERROR) {
		if (d->errors >= d->max_errors) {
			d->full = true;
			d->dropping = true;
			return;
		}
		d->errors++;
	} else if (sev == TP_WARNING) {
		d->warnings++;
	}
	v = tp_grow(d->v, &d->cap, d->n, sizeof(*v), 8);
	if (v)
		d->v = v;
	if (!v || vasprintf(&msg, fmt, ap) < 0) {
		/* Said at the flush, in words that need no memory. */
		d->oom = d->oom_unsaid = true;
		return;
	}
	rec = &d->v[d->n++];
	rec->severity = sev;
	rec->src = src;
	rec->has_loc = loc != NULL;
	if (loc)
		rec->loc = *loc;
	rec->msg = msg;
}

#define DEFINE_REPORTER(fn, sev)                                          \
	int fn(struct tp_diags *d, const struct tp_source *src,          \
	       const struct tp_loc *loc, const char *fmt, ...)           \
	{                                                                 \
		va_list ap;                                               \
		va_start(ap, fmt);                                        \
		add(d, sev, src, loc, fmt, ap);                           \
		va_end(ap);                                               \
		return -1;                                                \
	}

DEFINE_REPORTER(tp_error, TP_ERROR)
DEFINE_REPORTER(tp_warn, TP_WARNING)
DEFINE_REPORTER(tp_note, TP_NOTE)

int tp_oom(struct tp_diags *d, const struct tp_source *src)
{
	d->oom = true;
	return tp_error(d, src, NULL, "out of memory");
}

static const char *severity_name(enum tp_severity sev)
{
	switch (sev) {
	case TP_NOTE:
		return "note";
	case TP_WARNING:
		return "warning";
	case TP_ERROR:
		return "error";
	}
	return "error";
}

/* Bytes a terminal should not receive are shown as '?', one for one, so
 * that the caret line stays aligned. */
static char shown(char c)
{
	unsigned char u = (unsigned char)c;

	if (c == '\t')
		return c;
	return u < 0x20 || u >= 0x7f ? '?' : c;
}

static void print_excerpt(struct tp_buf *out, const struct tp_diag *rec,
			  unsigned line_no, unsigned column)
{
	size_t len, from = 0, to, col, i, width;
	const char *line;

	line = tp_source_line(rec->src, line_no, &len);
	if (!line)
		return;
	col = column - 1;
	if (col > len)
		col = len;
	to = len;
	if (len > SHOW_MAX) {
		from = col > SHOW_MAX / 2 ? col - SHOW_MAX / 2 : 0;
		to = from + SHOW_MAX < len ? from + SHOW_MAX : len;
	}
	if (from)
		tp_buf_adds(out, "...");
	for (i = from; i < to; i++)
		tp_buf_addc(out, shown(line[i]));
	if (to < len)
		tp_buf_adds(out, "...");
	tp_buf_addc(out, '\n');

	if (from)
		tp_buf_adds(out, "   ");
	for (i = from; i < col; i++)
		tp_buf_addc(out, line[i] == '\t' ? '\t' : ' ');
	tp_buf_addc(out, '^');
	/* Under the span, as far as this line goes. */
	width = rec->loc.end_byte - rec->loc.first_byte;
	for (i = 1; i < width && col + i < to; i++)
		tp_buf_addc(out, '~');
	tp_buf_addc(out, '\n');
}

/* Records are printed in source order; a note stays behind the record it
 * explains.  Records about no file keep the order they came in. */
struct order {
	size_t src_rank;   /* first record about the same source */
	size_t at;         /* offset in it */
	size_t primary;    /* the record a note belongs to, or itself */
	size_t index;
};

static int by_position(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->src_rank != y->src_rank)
		return x->src_rank < y->src_rank ? -1 : 1;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->primary != y->primary)
		return x->primary < y->primary ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static struct order *sort_records(const struct tp_diags *d)
{
	struct order *o = malloc((d->n ? d->n : 1) * sizeof(*o));
	size_t i, j;

	if (!o)
		return NULL;
	for (i = 0; i < d->n; i++) {
		const struct tp_diag *rec = &d->v[i];

		o[i].index = i;
		o[i].primary = i;
		if (rec->severity == TP_NOTE && i > 0)
			o[i].primary = o[i - 1].primary;
		for (j = 0; j < i && d->v[j].src != rec->src; j++)
			;
		o[i].src_rank = j;
		o[i].at = 0;
		if (rec->src && d->v[o[i].primary].has_loc)
			o[i].at = d->v[o[i].primary].loc.first_byte;
	}
	qsort(o, d->n, sizeof(*o), by_position);
	return o;
}

/* Prints every record in order, and the note when some were dropped.
 * False when out of memory: nothing was printed. */
static bool print_records(const struct tp_diags *d, FILE *dest)
{
	struct order *order = sort_records(d);
	/* stderr is unbuffered: gather everything, then write it at once. */
	struct tp_buf out = { 0 };
	size_t i;
	bool ok;

	for (i = 0; i < d->n; i++) {
		const struct tp_diag *rec = &d->v[order ? order[i].index : i];
		const char *sev = severity_name(rec->severity);
		unsigned line = 0, column = 0;

		if (rec->src && rec->has_loc)
			tp_source_locate(rec->src, rec->loc.first_byte, &line,
					 &column);
		/* A source without a name is the command line. */
		if (!rec->src || !*rec->src->name)
			tp_buf_printf(&out, "tpgen: %s: %s\n", sev, rec->msg);
		else if (!line)
			tp_buf_printf(&out, "%s: %s: %s\n", rec->src->name,
				      sev, rec->msg);
		else
			tp_buf_printf(&out, "%s:%u:%u: %s: %s\n",
				      rec->src->name, line, column, sev,
				      rec->msg);
		if (line)
			print_excerpt(&out, rec, line, column);
	}
	free(order);
	if (d->full)
		tp_buf_printf(&out, "tpgen: note: too many errors (%u); the "
			      "rest were not reported\n", d->max_errors);
	ok = !out.failed;
	if (ok)
		fwrite(out.data, 1, out.len, dest);
	tp_buf_fini(&out);
	return ok;
}

unsigned tp_diags_flush(struct tp_diags *d, FILE *dest)
{
	unsigned errors = d->errors;

	/* Called after every event: most often there is nothing to say. */
	if ((d->n || d->full) && !print_records(d, dest))
		d->oom = d->oom_unsaid = true;
	if (d->oom_unsaid) {
		fputs("tpgen: error: out of memory\n", dest);
		d->oom_unsaid = false;
		errors++;
	}
	clear(d);
	d->full = false;
	d->dropping = false;
	d->errors = 0;
	d->warnings = 0;
	return errors;
}
