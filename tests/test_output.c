/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writing generated files from pieces: joined in order, and left alone
 * when they already hold the same bytes. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "tests.h"

/* More pieces than one writev() takes (IOV_MAX is 1024), some empty. */
#define PIECES 3000

struct pieces {
	struct iovec v[PIECES];
	char *joined;
	size_t len;
};

static void make_pieces(struct pieces *p)
{
	FILE *f = open_memstream(&p->joined, &p->len);
	size_t i, at = 0;

	for (i = 0; i < PIECES; i++) {
		if (i % 7 != 3)
			fprintf(f, "piece %zu\n", i);
		fflush(f);
		p->v[i].iov_len = p->len - at;
		at = p->len;
	}
	fclose(f);
	/* The pieces point into the joined text only once it is final. */
	for (i = 0, at = 0; i < PIECES; i++) {
		p->v[i].iov_base = p->joined + at;
		at += p->v[i].iov_len;
	}
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s;

	ck_assert_ptr_nonnull(f);
	s = malloc(1 << 20);
	*len = fread(s, 1, 1 << 20, f);
	fclose(f);
	return s;
}

static size_t files_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* Writes the pieces to path; checks whether that changed the file, as
 * want says, and that it now holds the pieces joined. */
static void write_check(const char *path, const struct pieces *p, bool want)
{
	bool changed;
	size_t len;
	char *got;

	ck_assert_int_eq(tp_output_filev(path, p->v, PIECES, &changed), 0);
	ck_assert_int_eq(changed, want);
	got = slurp(path, &len);
	ck_assert_uint_eq(len, p->len);
	ck_assert(memcmp(got, p->joined, len) == 0);
	free(got);
}

START_TEST(pieces_written_and_compared)
{
	char dir[] = "/tmp/tpgen-output-XXXXXX", path[64];
	struct pieces p;
	FILE *f;

	make_pieces(&p);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/out.h", dir);

	write_check(path, &p, true);
	/* The same bytes: not written again. */
	write_check(path, &p, false);

	/* One byte differs, the size does not: written. */
	f = fopen(path, "r+b");
	fseek(f, (long)p.len / 2, SEEK_SET);
	fputc('#', f);
	fclose(f);
	write_check(path, &p, true);

	/* Shorter, and longer: written. */
	ck_assert_int_eq(truncate(path, (off_t)p.len - 1), 0);
	write_check(path, &p, true);
	ck_assert_int_eq(truncate(path, (off_t)p.len + 1), 0);
	write_check(path, &p, true);

	/* No temporary file is left beside it. */
	ck_assert_uint_eq(files_in(dir), 1);
	unlink(path);
	rmdir(dir);
	free(p.joined);
}
END_TEST

/* Nothing at all is a file of no bytes, and compares equal to one. */
START_TEST(no_pieces)
{
	char dir[] = "/tmp/tpgen-output-XXXXXX", path[64];
	struct iovec empty = tp_output_piece("", 0);
	bool changed;
	size_t len;
	char *got;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/empty", dir);
	ck_assert_int_eq(tp_output_filev(path, &empty, 1, &changed), 0);
	ck_assert(changed);
	got = slurp(path, &len);
	ck_assert_uint_eq(len, 0);
	free(got);
	ck_assert_int_eq(tp_output_filev(path, NULL, 0, &changed), 0);
	ck_assert(!changed);
	unlink(path);
	rmdir(dir);
}
END_TEST

Suite *output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("files");

	tcase_add_test(tc, pieces_written_and_compared);
	tcase_add_test(tc, no_pieces);
	suite_add_tcase(s, tc);
	return s;
}
