/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "output.h"
#include "source.h"
#include "tests.h"
#include "tree.h"

struct tp_event *parse_fixture(const char *rel, const struct tp_target *t)
{
	struct tp_target host = TP_TARGET_HOST;
	struct tp_source *src;
	struct tp_diags d;
	struct tp_event *ev;
	char *path;
	int err;

	ck_assert_int_ge(asprintf(&path, "%s/%s", FIXTURES, rel), 0);
	err = tp_source_read(path, rel, &src);
	ck_assert_msg(err == 0, "cannot read %s", path);
	tp_diags_init(&d);
	ev = tp_format_parse(src, TP_FORMAT_EVENT, t ? t : &host, &d);
	tp_diags_flush(&d, stderr);
	tp_diags_fini(&d);
	tp_source_free(src);
	free(path);
	ck_assert_msg(ev != NULL, "%s did not parse", rel);
	return ev;
}

struct tp_tree *open_tree(const char *dir)
{
	struct tp_tree *t;
	struct tp_diags d;

	tp_diags_init(&d);
	ck_assert_int_eq(tp_tree_open(dir, &t, &d), 0);
	ck_assert_int_ge(tp_tree_check(t, NULL, 0, false, NULL, &d), 0);
	ck_assert_uint_eq(tp_diags_flush(&d, stderr), 0);
	tp_diags_fini(&d);
	return t;
}

const struct tp_field *field(const struct tp_event *ev, const char *name,
			     unsigned n)
{
	size_t i;

	for (i = 0; i < ev->nfields; i++)
		if (strcmp(ev->fields[i].name, name) == 0 && n-- == 0)
			return &ev->fields[i];
	ck_abort_msg("no field '%s' in %s", name, ev->name);
	return NULL;
}

void require_root_tracefs(void)
{
	const char *ci = getenv("CI");
	bool in_ci = ci && strcmp(ci, "true") == 0;
	const char *why = NULL;
	char *root;

	if (geteuid() != 0) {
		why = "not root";
	} else {
		root = tp_tracefs_find("/proc/mounts");
		if (!root)
			why = "tracefs is not mounted (mount -t tracefs nodev "
			      "/sys/kernel/tracing)";
		free(root);
	}
	if (!why)
		return;
	if (in_ci) {
		fprintf(stderr, "FAIL: %s, and CI=true: this test must run "
			"in CI\n", why);
		exit(1);
	}
	fprintf(stderr, "SKIP: %s\n", why);
	exit(77);
}

char *buf_text(const struct tp_buf *b, size_t off, size_t len)
{
	struct tp_piece v[2];
	FILE *f = tmpfile();
	char *text = malloc(len + 1);
	size_t n = tp_output_buf_pieces(b, off, len, v, 0);

	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(tp_output_write(fileno(f), v, n), 0);
	rewind(f);
	ck_assert_uint_eq(fread(text, 1, len, f), len);
	text[len] = '\0';
	fclose(f);
	return text;
}
