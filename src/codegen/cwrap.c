/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "cwrap.h"

/* Parentheses deeper than this are not aligned to. */
#define MAX_DEPTH 32

/* Past this column, a continuation line is indented two tabs instead. */
#define MAX_ALIGN 56

struct parens {
	unsigned col[MAX_DEPTH]; /* the column after each open '(' */
	unsigned depth;
};

static void indent(struct tp_buf *out, unsigned col)
{
	unsigned i;

	for (i = 0; i < col / 8; i++)
		tp_buf_addc(out, '\t');
	for (i = 0; i < col % 8; i++)
		tp_buf_addc(out, ' ');
}

/* Whether a line is C that may be broken: not a preprocessor line nor
 * part of one (continued with a backslash), and no comment, whose text is
 * someone's prose. */
static bool breakable(const char *s, size_t n)
{
	size_t i = 0;

	if (n && s[n - 1] == '\\')
		return false;
	while (i < n && (s[i] == '\t' || s[i] == ' '))
		i++;
	if (i < n && s[i] == '#')
		return false;
	for (; i + 1 < n; i++)
		if (s[i] == '/' && (s[i + 1] == '*' || s[i + 1] == '/'))
			return false;
	return true;
}

/* Whether a line may be broken after s[i]: a comma, or an operator of
 * the few that the kernel's style ends lines with (? : && || |). */
static bool ends_token(const char *s, size_t i, size_t n)
{
	if (i + 1 >= n || s[i + 1] != ' ')
		return false;
	if (s[i] == ',' || s[i] == '?' || s[i] == ':')
		return true;
	return (s[i] == '&' || s[i] == '|') && i > 0 &&
	       (s[i - 1] == s[i] || (s[i] == '|' && s[i - 1] == ' '));
}

/* Whether a line has a comma or an operator to be broken after, outside
 * its strings. */
static bool has_token_cut(const char *s, size_t n)
{
	char quote = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (quote && s[i] == '\\')
			i++;
		else if (quote && s[i] == quote)
			quote = 0;
		else if (!quote && (s[i] == '"' || s[i] == '\''))
			quote = s[i];
		else if (!quote && ends_token(s, i, n))
			return true;
	}
	return false;
}

/* One line, broken after a comma or an operator so that it fits where
 * it can.  A line without either (a declaration whose names are long)
 * is broken after an opening parenthesis instead, the rest one tab
 * further in. */
static void wrap_line(struct tp_buf *out, const char *s, size_t n)
{
	struct parens now = { .depth = 0 }, at_cut = { .depth = 0 };
	unsigned ind = 0, col, base;
	size_t pos, i, cut = 0;
	bool parens_only = !has_token_cut(s, n);
	char quote = 0;

	while (ind < n && s[ind] == '\t')
		ind++;
	tp_buf_add(out, s, ind);
	base = col = 8 * ind;
	pos = i = ind;
	while (i < n) {
		char c = s[i];

		if (quote) {
			if (c == '\\' && i + 1 < n) {
				i++;
				col++;
			} else if (c == quote) {
				quote = 0;
			}
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '(' && now.depth < MAX_DEPTH) {
			now.col[now.depth++] = col + 1;
			/* Only where the rest moves to the left. */
			if (parens_only && i + 1 < n && s[i + 1] != ')' &&
			    col + 1 > base + 8 &&
			    (!cut || now.depth <= at_cut.depth)) {
				cut = i + 1;
				at_cut = now;
			}
		} else if (c == ')' && now.depth) {
			now.depth--;
		} else if (ends_token(s, i, n) &&
			   (!cut || now.depth <= at_cut.depth)) {
			cut = i + 1;
			at_cut = now;
		}
		i++;
		col++;
		/* Broken where the line fits, in the fewest parentheses
		 * and then as late as can be; or where it first can, when
		 * it fits nowhere. */
		if (col <= TP_WRAP_WIDTH || !cut)
			continue;
		tp_buf_add(out, s + pos, cut - pos);
		tp_buf_addc(out, '\n');
		col = at_cut.depth ? at_cut.col[at_cut.depth - 1] : base + 8;
		if (parens_only)
			col = base + 8;
		else if (col > MAX_ALIGN)
			col = base + 16;
		indent(out, col);
		/* Again from the break, outside any string as it was. */
		pos = i = cut + (s[cut] == ' ');
		now = at_cut;
		quote = 0;
		cut = 0;
	}
	tp_buf_add(out, s + pos, n - pos);
}

void tp_c_wrap(struct tp_buf *out, const char *text, size_t len)
{
	const char *s = text, *end = text + len;
	bool continued = false; /* the line before ended with a backslash */

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

		if (!continued && breakable(s, n))
			wrap_line(out, s, n);
		else
			tp_buf_add(out, s, n);
		if (nl)
			tp_buf_addc(out, '\n');
		continued = n && s[n - 1] == '\\';
		s += n + (nl != NULL);
	}
}

void tp_c_wrap_buf(struct tp_buf *out, struct tp_buf *code)
{
	tp_c_wrap(out, code->data, code->len);
	if (code->failed)
		out->failed = true;
	code->len = 0;
}
