/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Finding trees and events: tracefs discovery, selectors, suggestions. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "header.h"
#include "pipeline.h"
#include "pool.h"
#include "select.h"
#include "source.h"
#include "tests.h"
#include "tree.h"

#define TREE FIXTURES "/tree"

/* Selects with one selector; returns the matches as "g/e g/e ...", or the
 * diagnostics when nothing matched. */
static char *pick(const struct tp_tree *t, const char *sel)
{
	char *s = strdup(sel), *out = NULL;
	size_t *idx, n, i, len = 0;
	struct tp_diags d;
	FILE *f = open_memstream(&out, &len);
	int err;

	tp_diags_init(&d);
	err = tp_select(t, &s, 1, &idx, &n, &d);
	if (err) {
		ck_assert_int_eq(err, ENOENT);
		tp_diags_flush(&d, f);
	} else {
		for (i = 0; i < n; i++)
			fprintf(f, "%s%s/%s", i ? " " : "",
				t->refs[idx[i]].group, t->refs[idx[i]].name);
		free(idx);
	}
	fclose(f);
	tp_diags_fini(&d);
	free(s);
	return out;
}

#define ck_pick(tree, sel, want)                       \
	do {                                           \
		char *got_ = pick(tree, sel);          \
		ck_assert_str_eq(got_, want);          \
		free(got_);                            \
	} while (0)

START_TEST(tree_forms)
{
	struct tp_tree *t = open_tree(TREE);

	ck_assert_uint_eq(t->nrefs, 30);
	ck_assert(t->has_header_page);
	ck_assert_uint_eq(t->target.long_size, 8);
	ck_assert_uint_eq(t->target.max_record, 4080);
	/* Sorted by group, then event. */
	ck_assert_str_eq(t->refs[0].group, "arm64");
	tp_tree_free(t);

	/* The events/ folder itself works as well as its parent. */
	t = open_tree(TREE "/events");
	ck_assert_uint_eq(t->nrefs, 30);
	tp_tree_free(t);

	t = open_tree(FIXTURES "/tree32");
	ck_assert_uint_eq(t->target.long_size, 4);
	ck_assert_uint_eq(t->target.max_record, 4084);
	tp_tree_free(t);
}
END_TEST

START_TEST(missing_tree)
{
	struct tp_tree *t;
	struct tp_diags d;
	char *got = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&got, &len);

	tp_diags_init(&d);
	ck_assert_int_eq(tp_tree_open(FIXTURES "/no-such-dir", &t, &d),
			 ENOENT);
	ck_assert_ptr_null(t);
	tp_diags_flush(&d, f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(got, "cannot read"));
	free(got);

	/* A folder without events says what was expected in it. */
	got = NULL;
	f = open_memstream(&got, &len);
	ck_assert_int_eq(tp_tree_open(FIXTURES "/bad", &t, &d), ENOENT);
	tp_diags_flush(&d, f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(got, "no events in"));
	ck_assert_ptr_nonnull(strstr(got, "GROUP/EVENT/format"));
	free(got);
	tp_diags_fini(&d);
}
END_TEST

START_TEST(selectors)
{
	struct tp_tree *t = open_tree(TREE);

	ck_pick(t, "xdp/xdp_exception", "xdp/xdp_exception");
	ck_pick(t, "xdp:xdp_exception", "xdp/xdp_exception");
	/* No separator: the event name in every group. */
	ck_pick(t, "xdp_exception", "names/xdp_exception xdp/xdp_exception");
	ck_pick(t, "rt/", "rt/common_padding rt/sched_waking");
	ck_pick(t, "rt/*", "rt/common_padding rt/sched_waking");
	ck_pick(t, "xhci-hcd/*", "xhci-hcd/xhci_dbg_address");
	ck_pick(t, "*/__*", "names/__internal_event");
	ck_pick(t, "*:sys_enter_open*", "syscalls/sys_enter_openat");
	ck_pick(t, "dynamic/[or]*_loc", "dynamic/old_data_loc dynamic/rel_loc");
	/* bpftrace's spellings, and libbpf's short name. */
	ck_pick(t, "tracepoint:xdp:xdp_exception", "xdp/xdp_exception");
	ck_pick(t, "t:rt:*", "rt/common_padding rt/sched_waking");
	ck_pick(t, "tp:*:xdp_*", "names/xdp_exception xdp/xdp_exception");
	tp_tree_free(t);
}
END_TEST

START_TEST(select_all_once)
{
	struct tp_tree *t = open_tree(TREE);
	static char all[] = "*", xdp[] = "xdp/*", rt[] = "rt:*";
	char *sels[] = { all, xdp, rt };
	size_t *idx, n, i;
	struct tp_diags d;

	tp_diags_init(&d);
	ck_assert_int_eq(tp_select(t, sels, 3, &idx, &n, &d), 0);
	ck_assert_uint_eq(n, 30);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(idx[i], i);
	free(idx);
	tp_diags_fini(&d);
	tp_tree_free(t);
}
END_TEST

START_TEST(suggestions)
{
	struct tp_tree *t = open_tree(TREE);

	ck_pick(t, "xdp/xdp_exceptoin",
		"tpgen: error: no event matches 'xdp/xdp_exceptoin' in "
		FIXTURES "/tree/events\n"
		"tpgen: note: did you mean 'xdp/xdp_exception'?\n");
	/* Right event, wrong group. */
	ck_pick(t, "net/sys_enter_openat",
		"tpgen: error: no event matches 'net/sys_enter_openat' in "
		FIXTURES "/tree/events\n"
		"tpgen: note: did you mean 'syscalls/sys_enter_openat'?\n");
	/* Nothing close: no guess. */
	ck_pick(t, "zzzzzzzz",
		"tpgen: error: no event matches 'zzzzzzzz' in "
		FIXTURES "/tree/events\n");
	/* A group's name where an event's was expected. */
	ck_pick(t, "rt",
		"tpgen: error: no event matches 'rt' in " FIXTURES
		"/tree/events\n"
		"tpgen: note: 'rt' is a group: did you mean 'rt/*'?\n");
	/* The prefix is not what is compared. */
	ck_pick(t, "tracepoint:xdp:xdp_exceptoin",
		"tpgen: error: no event matches "
		"'tracepoint:xdp:xdp_exceptoin' in " FIXTURES "/tree/events\n"
		"tpgen: note: did you mean 'xdp/xdp_exception'?\n");
	tp_tree_free(t);
}
END_TEST

START_TEST(edit_distance)
{
	ck_assert_uint_eq(tp_edit_distance("", ""), 0);
	ck_assert_uint_eq(tp_edit_distance("abc", ""), 3);
	ck_assert_uint_eq(tp_edit_distance("kitten", "sitting"), 3);
	/* Two letters swapped are one slip. */
	ck_assert_uint_eq(tp_edit_distance("sched_swtich", "sched_switch"), 1);
	ck_assert_uint_eq(tp_edit_distance("kfere", "kfree"), 1);
	ck_assert_uint_eq(tp_edit_distance("ab", "ba"), 1);
	ck_assert_uint_eq(tp_edit_distance("abc", "ca"), 3);
}
END_TEST

START_TEST(find_tracefs)
{
	char dir[] = "/tmp/tpgen-mounts-XXXXXX", *path, *sub, *got;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_ge(asprintf(&path, "%s/mounts", dir), 0);
	ck_assert_int_ge(asprintf(&sub, "%s/tracing", dir), 0);

	f = fopen(path, "w");
	fprintf(f, "proc /proc proc rw 0 0\n"
		   "nodev /mnt/trace tracefs rw,relatime 0 0\n");
	fclose(f);
	got = tp_tracefs_find(path);
	ck_assert_str_eq(got, "/mnt/trace");
	free(got);

	/* Old kernels: only debugfs, with tracing/ inside it. */
	f = fopen(path, "w");
	fprintf(f, "debugfs %s debugfs rw 0 0\n", dir);
	fclose(f);
	got = tp_tracefs_find(path);
	ck_assert_ptr_null(got);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	got = tp_tracefs_find(path);
	ck_assert_str_eq(got, sub);
	free(got);

	f = fopen(path, "w");
	fclose(f);
	ck_assert_ptr_null(tp_tracefs_find(path));

	rmdir(sub);
	unlink(path);
	rmdir(dir);
	free(path);
	free(sub);
}
END_TEST

/* Runs a shell command, made as printf() would. */
__attribute__((format(printf, 1, 2)))
static void shell(const char *fmt, ...)
{
	char *line;
	va_list ap;

	va_start(ap, fmt);
	ck_assert_int_ge(vasprintf(&line, fmt, ap), 0);
	va_end(ap);
	ck_assert_int_eq(system(line), 0);
	free(line);
}

/* Writes dir/events/group/name/format (its folders made): a format file of
 * one field, its name line saying name. */
static void put_format(const char *dir, const char *group, const char *name)
{
	char *path;
	FILE *f;

	shell("mkdir -p %s/events/%s/%s", dir, group, name);
	ck_assert_int_ge(asprintf(&path, "%s/events/%s/%s/format", dir, group,
				  name), 0);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "name: %s\nID: 1\nformat:\n\tfield:unsigned short "
		"common_type;\toffset:0;\tsize:2;\tsigned:0;\n\n"
		"print fmt: \"\"\n", name);
	fclose(f);
	free(path);
}

static size_t count_in(const char *text, const char *what)
{
	size_t n = 0;

	for (; (text = strstr(text, what)); text++)
		n++;
	return n;
}

/* A folder's events are listed without looking at their format files;
 * tp_tree_check() looks at those picked, and drops the ones that are not
 * there to be read. */
START_TEST(format_files_checked_when_picked)
{
	char dir[] = "/tmp/tpgen-tree-XXXXXX", *p, *got = NULL;
	size_t idx[1], len = 0;
	struct tp_tree *t;
	struct tp_diags d;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	put_format(dir, "a", "ok");
	put_format(dir, "a", "shared");
	put_format(dir, "b", "linked");
	put_format(dir, "b", "fifo");
	put_format(dir, "c", "shared");
	/* b/linked/format: a symbolic link; b/fifo/format: a FIFO;
	 * b/empty: no format; d/ok and d/shared: no format, names of
	 * events in other groups. */
	/* (dir is a name mkdtemp() made: nothing to quote.) */
	shell("rm %1$s/events/b/linked/format %1$s/events/b/fifo/format"
	      " && ln -s /etc/hostname %1$s/events/b/linked/format"
	      " && mkfifo %1$s/events/b/fifo/format && mkdir -p"
	      " %1$s/events/b/empty %1$s/events/d/shared %1$s/events/d/ok",
	      dir);

	tp_diags_init(&d);
	ck_assert_int_eq(tp_tree_open(dir, &t, &d), 0);
	/* Every folder, nothing looked at, nothing said. */
	ck_assert_uint_eq(t->nrefs, 8);
	ck_assert_uint_eq(d.n, 0);
	/* a/shared and c/shared have format files, d/shared has none: the
	 * name is shared by two groups' events; "ok" is not, as d/ok has
	 * no format file. */
	ck_assert(tp_tree_name_shared(t, "shared"));
	ck_assert(!tp_tree_name_shared(t, "ok"));
	ck_assert(!tp_tree_name_shared(t, "nothing"));

	/* Picking one event looks at its file only. */
	idx[0] = 0; /* a/ok, the first in order */
	ck_assert_str_eq(t->refs[0].name, "ok");
	ck_assert_int_eq(tp_tree_check(t, idx, 1, false, NULL, &d), 0);
	ck_assert_uint_eq(t->nrefs, 8);
	ck_assert_uint_eq(d.n, 0);

	/* Then all of them: five dropped, two with a warning. */
	ck_assert_int_eq(tp_tree_check(t, NULL, 0, false, NULL, &d), 5);
	ck_assert_uint_eq(t->nrefs, 3);
	ck_assert_str_eq(t->refs[0].name, "ok");
	ck_assert_str_eq(t->refs[1].name, "shared");
	ck_assert_str_eq(t->refs[2].group, "c");
	f = open_memstream(&got, &len);
	tp_diags_flush(&d, f);
	fclose(f);
	ck_assert_uint_eq(count_in(got, "warning"), 2);
	ck_assert_ptr_nonnull(strstr(got, "b/linked/format is a symbolic "
				     "link; it is not followed"));
	ck_assert_ptr_nonnull(strstr(got, "b/fifo/format is not a regular "
				     "file; it is skipped"));
	free(got);
	ck_assert(tp_tree_name_shared(t, "shared"));
	/* Looked at once: nothing more to drop. */
	ck_assert_int_eq(tp_tree_check(t, NULL, 0, false, NULL, &d), 0);
	tp_tree_free(t);

	/* A tree of event folders none of which has a format file to
	 * read. */
	shell("mkdir -p %1$s/t2/events/x/y %1$s/t2/events/x/z && "
	      "ln -s /etc/hostname %1$s/t2/events/x/z/format", dir);
	ck_assert_int_ge(asprintf(&p, "%s/t2", dir), 0);
	ck_assert_int_eq(tp_tree_open(p, &t, &d), 0);
	free(p);
	ck_assert_uint_eq(t->nrefs, 2);
	ck_assert_int_eq(tp_tree_check(t, NULL, 0, false, NULL, &d), -ENOENT);
	got = NULL;
	f = open_memstream(&got, &len);
	tp_diags_flush(&d, f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(got, "no events in"));
	free(got);
	tp_tree_free(t);
	tp_diags_fini(&d);

	shell("rm -rf %s", dir);
}
END_TEST

/* What tp_tree_check() finds in dir, and says, as text: the events kept,
 * then the messages. */
static char *check_report(const char *dir, struct tp_pool *pool)
{
	char *got = NULL;
	size_t len = 0, i;
	struct tp_tree *t;
	struct tp_diags d;
	FILE *f = open_memstream(&got, &len);

	ck_assert_ptr_nonnull(f);
	tp_diags_init(&d);
	ck_assert_int_eq(tp_tree_open(dir, &t, &d), 0);
	fprintf(f, "dropped %ld\n", tp_tree_check(t, NULL, 0, false, pool, &d));
	for (i = 0; i < t->nrefs; i++)
		fprintf(f, "%s/%s\n", t->refs[i].group, t->refs[i].name);
	tp_diags_flush(&d, f);
	fclose(f);
	tp_diags_fini(&d);
	tp_tree_free(t);
	return got;
}

/* Looked at on threads, many format files give the same events and the
 * same messages, in the same order, as on one. */
START_TEST(format_files_checked_on_threads)
{
	char dir[] = "/tmp/tpgen-tree-XXXXXX", *one, *four;
	struct tp_pool *pool;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	/* 3 groups of 150 events; some format files are symbolic links,
	 * FIFOs or missing, spread over the chunks the threads take. */
	/* One mkdir, and the shell's own printf: a process for each of 450
	 * events took seconds in a sanitizer build. */
	shell("cd %s && d= && for g in g0 g1 g2; do i=0; while [ $i -lt 150 ];"
	      " do d=\"$d events/$g/e$i\"; i=$((i + 1)); done; done &&"
	      " mkdir -p $d && links= && fifos= && for g in g0 g1 g2; do i=0;"
	      " while [ $i -lt 150 ]; do e=events/$g/e$i;"
	      " if [ $((i %% 37)) = 5 ]; then links=\"$links $e/format\";"
	      " elif [ $((i %% 53)) = 7 ]; then fifos=\"$fifos $e/format\";"
	      " elif [ $((i %% 41)) != 9 ]; then"
	      " printf 'name: e%%s\\n' $i > $e/format; fi;"
	      " i=$((i + 1)); done; done && mkfifo $fifos &&"
	      " for l in $links; do ln -s /etc/hostname $l; done", dir);
	pool = tp_pool_new(4);
	ck_assert_ptr_nonnull(pool);
	ck_assert_uint_eq(tp_pool_threads(pool), 4);
	one = check_report(dir, NULL);
	four = check_report(dir, pool);
	/* 4 links, 3 FIFOs and 4 missing a group. */
	ck_assert_ptr_nonnull(strstr(one, "dropped 33\n"));
	ck_assert_uint_eq(count_in(one, "symbolic link"), 12);
	ck_assert_uint_eq(count_in(one, "not a regular file"), 9);
	ck_assert_str_eq(four, one);
	free(one);
	free(four);
	tp_pool_free(pool);
	shell("rm -rf %s", dir);
}
END_TEST

/* With load, the check reads the picked events' format files too, on the
 * pool's threads, and the parse takes that text: the same event, and the
 * same name in messages, as read at parse time. */
START_TEST(format_files_loaded_for_the_parse)
{
	char dir[] = "/tmp/tpgen-tree-XXXXXX";
	struct tp_pool *pool = tp_pool_new(2);
	struct tp_source *src;
	struct tp_event *ev;
	struct tp_tree *t;
	struct tp_diags d;
	size_t i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (i = 0; i < 40; i++) {
		char name[16];

		snprintf(name, sizeof(name), "e%zu", i);
		put_format(dir, i % 2 ? "odd" : "even", name);
	}
	shell("rm %1$s/events/odd/e3/format && mkfifo %1$s/events/odd/e3/format",
	      dir);
	tp_diags_init(&d);
	ck_assert_int_eq(tp_tree_open(dir, &t, &d), 0);
	ck_assert_int_eq(tp_tree_check(t, NULL, 0, true, pool, &d), 1);
	ck_assert_uint_eq(t->nrefs, 39);
	for (i = 0; i < t->nrefs; i++) {
		struct tp_event_ref *r = &t->refs[i];

		ck_assert_ptr_nonnull(r->loaded);
		ck_assert_str_eq(r->loaded->name, r->path);
		ck_assert_ptr_nonnull(strstr(r->loaded->text, r->name));
	}
	ev = tp_tree_parse(t, &t->refs[0], TP_PRINT_ALL, &d, &src);
	ck_assert_ptr_nonnull(ev);
	ck_assert_ptr_null(t->refs[0].loaded);
	ck_assert_str_eq(src->name, t->refs[0].path);
	ck_assert_str_eq(ev->name, t->refs[0].name);
	tp_event_free(ev);
	tp_source_free(src);
	/* The others are freed with the tree. */
	tp_tree_free(t);
	tp_diags_fini(&d);
	tp_pool_free(pool);
	shell("rm -rf %s", dir);
}
END_TEST

/* Every event of the shipped capture through the pipeline, as `tpgen
 * header` drives it: opened, selected, parsed, laid out and rendered on
 * `threads` threads; the texts joined, in order. */
static char *rendered(unsigned threads)
{
	struct tp_pipeline_opts opts = {
		.tracefs = TOP_SRCDIR "/examples/capture.tar.xz",
	};
	char env[16];
	static char every[] = "*";
	char *sel[] = { every };
	struct tp_pipeline p;
	size_t i, len = 0;
	char *out = NULL;
	FILE *f = open_memstream(&out, &len);

	snprintf(env, sizeof(env), "%u", threads);
	ck_assert_int_eq(setenv("TPGEN_THREADS", env, 1), 0);
	tp_pipeline_init(&p, &opts);
	ck_assert_int_eq(tp_pipeline_parse(&p, sel, 1, TP_PRINT_SYMBOLS,
					   tp_header_event), TP_EXIT_OK);
	ck_assert_uint_gt(p.n, 1000);
	ck_assert_uint_eq(p.n, p.tree->nrefs);
	ck_assert_uint_eq(tp_pool_threads(p.pool), threads);
	for (i = 0; i < p.n; i++) {
		const struct tp_text *t = &p.text[i];
		char *text = buf_text(&p.texts[t->buf], t->off, t->len);

		ck_assert_ptr_nonnull(strstr(text, p.layouts[i].tag));
		fputs(text, f);
		free(text);
	}
	fclose(f);
	tp_pipeline_fini(&p);
	unsetenv("TPGEN_THREADS");
	return out;
}

/* The pipeline without a command line: what it renders does not depend
 * on the number of threads. */
START_TEST(pipeline_same_on_any_threads)
{
	char *one = rendered(1), *two = rendered(2);

	ck_assert_ptr_nonnull(strstr(one, "struct "));
	ck_assert_str_eq(two, one);
	free(one);
	free(two);
}
END_TEST

/* A size from fstat() lets a file be read in one read(); a file that has
 * grown or shrunk since is still read whole, as is one of any size when
 * no size is given (tracefs says 0). */
START_TEST(read_with_size_hint)
{
	char dir[] = "/tmp/tpgen-src-XXXXXX", *path, text[10000];
	static const size_t sizes[] = { 1, 100, 4095, 4096, 4097, 9999 };
	static const size_t hints[] = { 0, 1, 50, 4096, 9999, 20000 };
	size_t i, k;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_ge(asprintf(&path, "%s/f", dir), 0);
	for (i = 0; i < sizeof(text); i++)
		text[i] = (char)('a' + i % 26);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		fwrite(text, 1, sizes[i], f);
		fclose(f);
		for (k = 0; k < sizeof(hints) / sizeof(hints[0]); k++) {
			struct tp_source *src;

			ck_assert_int_eq(tp_source_read_at(AT_FDCWD, path,
							   "name", hints[k],
							   &src), 0);
			ck_assert_uint_eq(src->len, sizes[i]);
			ck_assert(memcmp(src->text, text, sizes[i]) == 0);
			ck_assert_int_eq(src->text[sizes[i]], '\0');
			ck_assert_str_eq(src->name, "name");
			tp_source_free(src);
		}
	}
	unlink(path);
	rmdir(dir);
	free(path);
}
END_TEST

/* What the notes after "no event matches 'sel' in dir/events" say. */
static void ck_suggests(const struct tp_tree *t, const char *dir,
			const char *sel, const char *notes)
{
	char *want, *got = pick(t, sel);

	ck_assert_int_ge(asprintf(&want, "tpgen: error: no event matches "
				  "'%s' in %s/events\n%s", sel, dir, notes),
			 0);
	ck_assert_str_eq(got, want);
	free(want);
	free(got);
}

/* Only the nearest names are suggested, and only when they are near: one
 * slip in a long name must not bring in its neighbours. */
START_TEST(suggestions_near_only)
{
	static const char *const names[][2] = {
		{ "sched", "sched_switch" }, { "sched", "sched_waking" },
		{ "sched", "sched_wakeup" }, { "sched", "sched_wakeup_new" },
		{ "syscalls", "sys_enter_openat" },
		{ "syscalls", "sys_enter_openat2" }, { "kmem", "kmalloc" },
		{ "kmem", "kfree" },
	};
#define NOTE(name) "tpgen: note: did you mean '" name "'?\n"
	/* What is typed, and the notes. */
	static const char *const cases[][2] = {
		{ "sched_swich", NOTE("sched/sched_switch") },
		{ "sched/sched_swich", NOTE("sched/sched_switch") },
		{ "sched_swtich", NOTE("sched/sched_switch") },
		{ "schde/sched_switch", NOTE("sched/sched_switch") },
		{ "sched_wakup", NOTE("sched/sched_wakeup") },
		{ "sys_enter_opnat", NOTE("syscalls/sys_enter_openat") },
		{ "kmaloc", NOTE("kmem/kmalloc") },
		{ "kfere", NOTE("kmem/kfree") },
		/* Two edits in eight characters, whichever the separator. */
		{ "kmem/kfr", NOTE("kmem/kfree") },
		{ "kmem:kfr", NOTE("kmem/kfree") },
		{ "sched", "tpgen: note: 'sched' is a group: did you mean "
			   "'sched/*'?\n" },
		{ "sysc*", "tpgen: note: 'sysc*' is a group: did you mean "
			   "'sysc*/*'?\n" },
		/* sched_waking is 3 edits away, near enough for a name this
		 * long, but sched_wakeup is nearer. */
		{ "sched_wakeXp", NOTE("sched/sched_wakeup") },
		/* Equally near: each of them. */
		{ "sys_enter_openat3", NOTE("syscalls/sys_enter_openat")
				       NOTE("syscalls/sys_enter_openat2") },
		/* A glob of names: the group may be a slip, a name is not
		 * nearer than another. */
		{ "schde/*", NOTE("sched/*") },
		{ "kmme:k*", NOTE("kmem:k*") },
		{ "sched/zz*", "" },
		{ "nosuch/*", "" },
		/* A shared beginning is not nearness. */
		{ "sched_zzzzzz", "" },
		{ "sys_exit_openat", "" },
	};
#undef NOTE
	char dir[] = "/tmp/tpgen-tree-XXXXXX";
	struct tp_tree *t;
	size_t i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		put_format(dir, names[i][0], names[i][1]);
	t = open_tree(dir);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_suggests(t, dir, cases[i][0], cases[i][1]);
	tp_tree_free(t);
	shell("rm -r %s", dir);
}
END_TEST

Suite *select_suite(void)
{
	Suite *s = suite_create("select");
	TCase *tc = tcase_create("trees");

	tcase_add_test(tc, tree_forms);
	tcase_add_test(tc, missing_tree);
	tcase_add_test(tc, selectors);
	tcase_add_test(tc, select_all_once);
	tcase_add_test(tc, suggestions);
	tcase_add_test(tc, suggestions_near_only);
	tcase_add_test(tc, edit_distance);
	tcase_add_test(tc, find_tracefs);
	tcase_add_test(tc, format_files_checked_when_picked);
	tcase_add_test(tc, format_files_checked_on_threads);
	tcase_add_test(tc, format_files_loaded_for_the_parse);
	tcase_add_test(tc, read_with_size_hint);
	tcase_add_test(tc, pipeline_same_on_any_threads);
	suite_add_tcase(s, tc);
	return s;
}
