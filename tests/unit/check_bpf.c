/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Generated structs in front of the BPF verifier.  For a handful of live
 * events (a syscall with 8-byte slots, __data_loc strings, char arrays,
 * XDP, signals) and for the 32-bit fixture, whose u64 sits at offset 12,
 * this writes a program that reads every member at offset 8 or more and
 * every dynamic field through its accessor, builds it with clang, and loads
 * and attaches it with libbpf.  Needs root and BPF.
 */
#include "config.h"

#include <bpf/libbpf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "header.h"
#include "layout.h"
#include "select.h"
#include "template.h"
#include "tests.h"

/* Live events, and the tracepoint each program attaches to. */
static const struct {
	const char *tree; /* NULL: the live tracefs */
	const char *event;
	const char *attach;
} cases[] = {
	{ NULL, "syscalls/sys_enter_openat", "syscalls/sys_enter_openat" },
	{ NULL, "sched/sched_process_exec", "sched/sched_process_exec" },
	{ NULL, "sched/sched_switch", "sched/sched_switch" },
	{ NULL, "xdp/xdp_exception", "xdp/xdp_exception" },
	{ NULL, "signal/signal_generate", "signal/signal_generate" },
	{ NULL, "irq/irq_handler_entry", "irq/irq_handler_entry" },
	/* Only the reads matter: sched_switch's record is long enough. */
	{ FIXTURES "/tree32", "block/block_rq", "sched/sched_switch" },
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

static char work[] = "/tmp/tpgen-bpf-XXXXXX";
static char verifier_log[1 << 16];

static void log_libbpf(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

static void log_libbpf(const char *fmt, va_list ap)
{
	size_t len = strlen(verifier_log);

	vsnprintf(verifier_log + len, sizeof(verifier_log) - len, fmt, ap);
}

static int print_libbpf(enum libbpf_print_level level, const char *fmt,
			va_list ap)
{
	(void)level;
	log_libbpf(fmt, ap);
	return 0;
}

static struct tp_event *load_event(const char *tree_dir, const char *sel,
				   struct tp_tree **tree)
{
	char *sels[] = { (char *)(uintptr_t)sel };
	struct tp_source *src;
	struct tp_event *ev;
	struct tp_diags d;
	size_t *idx, n;

	*tree = open_tree(tree_dir);
	tp_diags_init(&d);
	ck_assert_int_eq(tp_select(*tree, sels, 1, &idx, &n, &d), 0);
	ck_assert_uint_eq(n, 1);
	ev = tp_tree_parse(*tree, &(*tree)->refs[idx[0]], TP_PRINT_ALL, &d,
			   &src);
	tp_diags_flush(&d, stderr);
	ck_assert_ptr_nonnull(ev);
	tp_diags_fini(&d);
	tp_source_free(src);
	free(idx);
	return ev;
}

/* Reads everything the verifier allows: members from offset 8 on, and
 * the bytes of dynamic fields and flexible or overlapping ones. */
/* The header tpgen writes for the n layouts, from its built-in template,
 * to path. */
static void write_header(const char *path, const struct tp_layout *l,
			 size_t n)
{
	struct tp_header_frame frame;
	struct tp_buf b = { 0 };
	struct tp_source *tpl;
	struct tp_diags d;
	size_t i;
	FILE *f;

	tp_diags_init(&d);
	tpl = tp_template_load(NULL, "tracepoints.h", NULL, &d);
	ck_assert_ptr_nonnull(tpl);
	ck_assert_int_eq(tp_header_frame(&frame, tpl, "CTX_H", "test", &d), 0);
	tp_buf_add(&b, frame.text.data, frame.events_at);
	for (i = 0; i < n; i++)
		tp_header_event(&b, &l[i]);
	tp_buf_add(&b, frame.text.data + frame.events_at,
		   frame.text.len - frame.events_at);
	ck_assert(!b.failed);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(b.data, 1, b.len, f), b.len);
	ck_assert_int_eq(fclose(f), 0);
	tp_buf_fini(&b);
	tp_header_frame_fini(&frame);
	tp_source_free(tpl);
	tp_diags_fini(&d);
}

static void write_reader(FILE *f, const struct tp_layout *l,
			 const char *attach)
{
	size_t i;

	fprintf(f, "SEC(\"tracepoint/%s\")\nint read_%s(struct %s *ctx)\n{\n"
		"\t__u64 sum = 0;\n\tchar buf[64] __attribute__((unused));\n\n", attach, l->stem,
		l->tag);
	for (i = 0; i < l->nmembers; i++) {
		const struct tp_member *m = &l->members[i];
		const struct tp_field *fd = m->field;
		bool dynamic = fd && (fd->kind == TP_FIELD_DATA_LOC ||
				      fd->kind == TP_FIELD_REL_LOC);

		if (m->kind == TP_MEMBER_PAD || m->offset < 8)
			continue;
		if (m->kind == TP_MEMBER_ACCESSOR && !m->count && !m->flexible)
			fprintf(f, "\tsum += %s_%s(ctx);\n", l->tag, m->name);
		else if (m->kind == TP_MEMBER_ACCESSOR || m->flexible)
			fprintf(f, "\tbpf_probe_read_kernel(buf, sizeof(buf), "
				"(const char *)ctx + %u);\n", m->offset);
		else if (dynamic && m->width == 4)
			fprintf(f, "\tbpf_probe_read_kernel(buf, %s_%s_len(ctx) "
				"& 63, %s_%s(ctx));\n\tsum += ctx->%s;\n",
				l->tag, m->accessor, l->tag,
				m->accessor, m->name);
		else if (m->count)
			fprintf(f, "\tfor (int i = 0; i < %u; i++)\n\t\tsum += "
				"ctx->%s[i];\n", m->count, m->name);
		else
			fprintf(f, "\tsum += ctx->%s;\n", m->name);
	}
	fputs("\treturn sum & 1;\n}\n\n", f);
}

static void run(const char *cmd)
{
	int rc = system(cmd);

	ck_assert_msg(rc == 0, "'%s' failed (%d)", cmd, rc);
}

START_TEST(verifier_accepts_reads)
{
	const char *clang = getenv("CLANG"), *inc = getenv("MULTIARCH_INCLUDE");
	struct tp_naming naming = { 0 };
	struct tp_layout layouts[NCASES];
	struct tp_tree *trees[NCASES];
	struct tp_event *evs[NCASES];
	struct bpf_object *obj;
	struct bpf_program *prog;
	char *path, *cmd;
	size_t i, attached = 0;
	FILE *f;

	ck_assert_msg(clang && inc, "CLANG and MULTIARCH_INCLUDE must be set");
	for (i = 0; i < NCASES; i++) {
		evs[i] = load_event(cases[i].tree, cases[i].event, &trees[i]);
		ck_assert_int_eq(tp_layout_build(evs[i], &naming, &layouts[i]),
				 0);
	}
	ck_assert_int_ge(asprintf(&path, "%s/ctx.h", work), 0);
	write_header(path, layouts, NCASES);
	free(path);

	ck_assert_int_ge(asprintf(&path, "%s/read.bpf.c", work), 0);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("#include \"ctx.h\"\n#include <bpf/bpf_helpers.h>\n\n", f);
	for (i = 0; i < NCASES; i++)
		write_reader(f, &layouts[i], cases[i].attach);
	fputs("char LICENSE[] SEC(\"license\") = \"GPL\";\n", f);
	fclose(f);
	free(path);

	ck_assert_int_ge(asprintf(&cmd, "%s -O2 -g -target bpf -Wall -Werror "
				  "-I%s -c %s/read.bpf.c -o %s/read.bpf.o",
				  clang, inc, work, work), 0);
	run(cmd);
	free(cmd);

	ck_assert_int_ge(asprintf(&path, "%s/read.bpf.o", work), 0);
	obj = bpf_object__open_file(path, NULL);
	ck_assert_msg(obj != NULL, "cannot open %s: %s", path, verifier_log);
	verifier_log[0] = '\0';
	ck_assert_msg(bpf_object__load(obj) == 0,
		      "the verifier refused a program:\n%s", verifier_log);
	bpf_object__for_each_program(prog, obj) {
		struct bpf_link *link = bpf_program__attach(prog);

		ck_assert_msg(link != NULL, "%s does not attach: %s",
			      bpf_program__name(prog), strerror(errno));
		bpf_link__destroy(link);
		attached++;
	}
	ck_assert_uint_eq(attached, NCASES);
	printf("loaded and attached %zu programs reading every member of "
	       "%zu events\n", attached, NCASES);
	bpf_object__close(obj);
	free(path);
	for (i = 0; i < NCASES; i++) {
		tp_layout_fini(&layouts[i]);
		tp_event_free(evs[i]);
		tp_tree_free(trees[i]);
	}
}
END_TEST

static void cleanup(void)
{
	char *cmd;

	if (asprintf(&cmd, "rm -rf '%s'", work) >= 0) {
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", work);
		free(cmd);
	}
}

int main(void)
{
	Suite *s = suite_create("bpf");
	TCase *tc = tcase_create("verifier");
	SRunner *sr;
	int failed;

	require_root_tracefs();
	if (!mkdtemp(work)) {
		perror(work);
		return EXIT_FAILURE;
	}
	atexit(cleanup);
	libbpf_set_print(print_libbpf);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, verifier_accepts_reads);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
