/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "embedded.h"
#include "template.h"

struct tp_source *tp_template_load(const char *dir, const char *name,
				   char **path, struct tp_diags *d)
{
	struct tp_source *src = NULL;
	size_t i;
	int err;

	*path = NULL;
	if (dir) {
		if (asprintf(path, "%s/%s", dir, name) < 0) {
			*path = NULL;
			tp_error(d, NULL, NULL, "out of memory");
			return NULL;
		}
		if (access(*path, F_OK) == 0) {
			err = tp_source_read(*path, NULL, &src);
			if (err)
				tp_error(d, NULL, NULL, "cannot read %s: %s",
					 *path, strerror(err));
			return src;
		}
		free(*path);
		*path = NULL;
	}
	for (i = 0; i < tp_embedded_count; i++) {
		const struct tp_embedded *e = &tp_embedded_files[i];

		if (strcmp(e->name, name) == 0) {
			src = tp_source_from_mem(name, e->text,
						 strlen(e->text));
			if (!src)
				tp_error(d, NULL, NULL, "out of memory");
			return src;
		}
	}
	tp_error(d, NULL, NULL, "no template called %s", name);
	return NULL;
}

/* The location of bytes [from, to) of a source, for diagnostics. */
static struct tp_loc span(const struct tp_source *src, size_t from, size_t to)
{
	struct tp_loc loc = { .first_byte = from, .end_byte = to };
	size_t line = 1, i, start = 0;

	for (i = 0; i < from; i++) {
		if (src->text[i] == '\n') {
			line++;
			start = i + 1;
		}
	}
	loc.first_line = loc.last_line = (unsigned)line;
	loc.first_column = (unsigned)(from - start + 1);
	loc.last_column = (unsigned)(to > from ? to - start : from - start + 1);
	return loc;
}

int tp_template_expand(const struct tp_source *tpl, const struct tp_var *vars,
		       size_t nvars, struct tp_buf *out, struct tp_diags *d)
{
	const char *text = tpl->text, *p = text, *open;
	int rc = 0;

	while ((open = strstr(p, "{{"))) {
		const char *close = strstr(open + 2, "}}");
		size_t i, len;

		tp_buf_add(out, p, (size_t)(open - p));
		if (!close || memchr(open, '\n', (size_t)(close - open))) {
			struct tp_loc loc = span(tpl, (size_t)(open - text),
						 (size_t)(open - text) + 2);

			return tp_error(d, tpl, &loc, "'{{' without '}}' on "
					"its line");
		}
		len = (size_t)(close - open - 2);
		for (i = 0; i < nvars; i++)
			if (strlen(vars[i].name) == len &&
			    memcmp(vars[i].name, open + 2, len) == 0)
				break;
		if (i < nvars && vars[i].value) {
			tp_buf_adds(out, vars[i].value);
		} else if (i < nvars) {
			vars[i].write(out, vars[i].arg);
		} else {
			struct tp_loc loc = span(tpl, (size_t)(open - text),
						 (size_t)(close - text) + 2);

			rc = tp_error(d, tpl, &loc, "unknown variable "
				      "'%.*s'", (int)len, open + 2);
		}
		p = close + 2;
	}
	tp_buf_adds(out, p);
	return rc;
}
