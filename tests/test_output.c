/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writing generated files from pieces: joined in order, and left alone
 * when they already hold the same bytes. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "source.h"
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
	struct tp_source *got;
	bool changed;

	ck_assert_int_eq(tp_output_filev(path, p->v, PIECES, &changed), 0);
	ck_assert_int_eq(changed, want);
	ck_assert_int_eq(tp_source_read(path, NULL, &got), 0);
	ck_assert_uint_eq(got->len, p->len);
	ck_assert(memcmp(got->text, p->joined, got->len) == 0);
	tp_source_free(got);
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
	struct tp_source *got;
	bool changed;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/empty", dir);
	ck_assert_int_eq(tp_output_filev(path, &empty, 1, &changed), 0);
	ck_assert(changed);
	ck_assert_int_eq(tp_source_read(path, NULL, &got), 0);
	ck_assert_uint_eq(got->len, 0);
	tp_source_free(got);
	ck_assert_int_eq(tp_output_filev(path, NULL, 0, &changed), 0);
	ck_assert(!changed);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* Reading back: files about the size of the first read buffer and its
 * doublings come back whole, and one past TP_SOURCE_MAX is refused. */
START_TEST(read_sizes_and_limit)
{
	static const size_t sizes[] = { 0, 1, 4095, 4096, 4097, 8191, 8192,
					16383, 100000 };
	char dir[] = "/tmp/tpgen-output-XXXXXX", path[64];
	struct tp_source *got;
	size_t i, j;
	char *data;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f", dir);
	data = malloc(100000);
	for (j = 0; j < 100000; j++)
		data[j] = (char)('a' + j % 26);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		f = fopen(path, "wb");
		fwrite(data, 1, sizes[i], f);
		fclose(f);
		ck_assert_int_eq(tp_source_read(path, NULL, &got), 0);
		ck_assert_uint_eq(got->len, sizes[i]);
		ck_assert(memcmp(got->text, data, sizes[i]) == 0);
		ck_assert_int_eq(got->text[sizes[i]], '\0');
		tp_source_free(got);
	}
	/* Sparse: no disk is used for it. */
	ck_assert_int_eq(truncate(path, (off_t)TP_SOURCE_MAX + 1), 0);
	ck_assert_int_eq(tp_source_read(path, NULL, &got), EFBIG);
	ck_assert_ptr_null(got);
	unlink(path);
	rmdir(dir);
	free(data);
}
END_TEST

Suite *output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("files");

	/* Reading 256 MiB is quick, but not under every sanitizer. */
	tcase_set_timeout(tc, 60);

	tcase_add_test(tc, pieces_written_and_compared);
	tcase_add_test(tc, no_pieces);
	tcase_add_test(tc, read_sizes_and_limit);
	suite_add_tcase(s, tc);
	return s;
}
