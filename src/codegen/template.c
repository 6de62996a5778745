/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cwrap.h"
#include "embedded.h"
#include "template.h"

struct tp_source *tp_template_load(const char *dir, const char *name,
				   struct tp_paths *inputs, struct tp_diags *d)
{
	struct tp_source *src = NULL;
	char *path;
	size_t i;
	int err;

	if (dir) {
		if (asprintf(&path, "%s/%s", dir, name) < 0) {
			tp_oom(d, NULL);
			return NULL;
		}
		if (access(path, F_OK) == 0) {
			err = tp_source_read(path, NULL, &src);
			if (err)
				tp_error(d, NULL, NULL, "cannot read %s: %s",
					 path, strerror(err));
			else if (inputs && tp_paths_add(inputs, path)) {
				tp_oom(d, NULL);
				tp_source_free(src);
				src = NULL;
			}
			free(path);
			return src;
		}
		free(path);
	}
	for (i = 0; i < tp_embedded_count; i++) {
		const struct tp_embedded *e = &tp_embedded_files[i];

		if (strcmp(e->name, name) == 0) {
			src = tp_source_from_mem(name, e->text,
						 strlen(e->text));
			if (!src)
				tp_oom(d, NULL);
			return src;
		}
	}
	tp_error(d, NULL, NULL, "no template called %s", name);
	return NULL;
}

static const struct tp_var *find_var(const struct tp_var *vars, size_t nvars,
				     const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < nvars; i++)
		if (strlen(vars[i].name) == len &&
		    memcmp(vars[i].name, name, len) == 0)
			return &vars[i];
	return NULL;
}

/* Whether the line [p, end) holds variables and each is a value of one
 * line: then the line, made longer by them, may be broken.  Code that
 * is written in place or has lines of its own was broken as it was
 * made. */
static bool one_line_values(const char *p, const char *end,
			    const struct tp_var *vars, size_t nvars)
{
	const char *open, *close;
	bool any = false;

	while ((open = memmem(p, (size_t)(end - p), "{{", 2)) &&
	       (close = memmem(open, (size_t)(end - open), "}}", 2))) {
		const struct tp_var *v = find_var(vars, nvars, open + 2,
						  (size_t)(close - open - 2));

		if (v && (!v->value || strchr(v->value, '\n')))
			return false;
		any = true;
		p = close + 2;
	}
	return any;
}

/* The line [p, end) of tpl into out.  Returns 0, -1 after an unknown
 * variable, or -2 after a '{{' without '}}'. */
static int expand_line(const struct tp_source *tpl, const char *p,
		       const char *end, const struct tp_var *vars,
		       size_t nvars, struct tp_buf *out, struct tp_diags *d)
{
	const char *text = tpl->text, *open;
	int rc = 0;

	while ((open = memmem(p, (size_t)(end - p), "{{", 2))) {
		const char *close = memmem(open + 2, (size_t)(end - open - 2),
					   "}}", 2);
		const struct tp_var *v;
		size_t len;

		tp_buf_add(out, p, (size_t)(open - p));
		if (!close) {
			struct tp_loc loc = { (size_t)(open - text),
					      (size_t)(open - text) + 2 };

			tp_error(d, tpl, &loc, "'{{' without '}}' on its line");
			return -2;
		}
		len = (size_t)(close - open - 2);
		v = find_var(vars, nvars, open + 2, len);
		if (v && v->value) {
			tp_buf_adds(out, v->value);
		} else if (v) {
			v->write(out, v->arg);
		} else {
			struct tp_loc loc = { (size_t)(open - text),
					      (size_t)(close - text) + 2 };

			rc = tp_error(d, tpl, &loc, "unknown variable "
				      "'%.*s'", (int)len, open + 2);
		}
		p = close + 2;
	}
	tp_buf_add(out, p, (size_t)(end - p));
	return rc;
}

int tp_template_expand(const struct tp_source *tpl, const struct tp_var *vars,
		       size_t nvars, bool c_code, struct tp_buf *out,
		       struct tp_diags *d)
{
	const char *p = tpl->text, *end = tpl->text + tpl->len;
	struct tp_buf line = { 0 };
	int rc = 0, r = 0;

	while (p < end && r != -2) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl + 1 : end;

		if (c_code && one_line_values(p, eol, vars, nvars)) {
			r = expand_line(tpl, p, eol, vars, nvars, &line, d);
			tp_c_wrap_buf(out, &line);
		} else {
			r = expand_line(tpl, p, eol, vars, nvars, out, d);
		}
		if (r)
			rc = -1;
		p = eol;
	}
	tp_buf_fini(&line);
	return rc;
}
