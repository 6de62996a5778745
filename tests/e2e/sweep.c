/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Loads and attaches BPF objects one by one, as their loaders would (the
 * event's fields relocated to the running kernel's layout, which
 * tpgen_reloc.h describes), and says for each whether the verifier took
 * it and the tracepoint accepted it, with the reason when not.  Used by
 * sweep.sh over every live event.
 *
 *   sweep OBJECT...
 */
#include "config.h"

#include <bpf/libbpf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tpgen_reloc.h"

/* The last line libbpf printed: the verifier's or libbpf's reason. */
static char last[512];

static int keep_last(enum libbpf_print_level level, const char *fmt,
		     va_list ap)
{
	char line[sizeof(last)];

	/* Warnings are libbpf's reasons; the rest is narration. */
	if (level != LIBBPF_WARN)
		return 0;
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\n")] = '\0';
	/* Keep the most telling line: the verifier's complaint. */
	if (*line && strncmp(line, "processed ", 10) != 0 &&
	    strstr(line, "-- END PROG LOAD LOG --") == NULL &&
	    strncmp(line, "libbpf: prog '", 14) != 0)
		snprintf(last, sizeof(last), "%s", line);
	return 0;
}

/*
 * Describes the running kernel's layout of the event that prog's section
 * names to libbpf, as the program's loader does: into opts, through the
 * fd returned (or -errno).  The struct of fields is the program's context
 * type, whose struct of signs is named after it.
 */
static int describe(struct bpf_object *obj, struct bpf_program *prog,
		    struct bpf_object_open_opts *opts, char *path, size_t n)
{
	const struct btf *btf = bpf_object__btf(obj);
	char group[256], event[256], sign[512], root[PATH_MAX];
	struct tpgen_built b = { 0 };
	const struct tpgen_built *bp = &b;
	const struct btf_type *t;
	struct tpgen_live live;
	const char *core;
	int id, fd;

	if (sscanf(bpf_program__section_name(prog), "tracepoint/%255[^/]/%255s",
		   group, event) != 2 || !btf)
		return -EINVAL;
	id = btf__find_by_name_kind(btf, bpf_program__name(prog),
				    BTF_KIND_FUNC);
	t = id > 0 ? btf__type_by_id(btf, btf__type_by_id(btf, id)->type) :
	    NULL;
	if (!t || btf_vlen(t) < 1)
		return -EINVAL;
	t = btf__type_by_id(btf, btf_params(t)[0].type);
	t = t && btf_is_ptr(t) ? btf__type_by_id(btf, t->type) : NULL;
	core = t ? btf__name_by_offset(btf, t->name_off) : NULL;
	if (!core || strncmp(core, "tpgen__", 7) != 0)
		return -EINVAL;
	snprintf(sign, sizeof(sign), "tpgen_sign__%s", core + 7);
	tpgen_tracefs(root);
	strncat(root, "/events", sizeof(root) - strlen(root) - 1);
	fd = tpgen_live_read(root, group, event, &live);
	if (fd)
		return fd;
	b.core = core;
	b.sign = sign;
	fd = tpgen_btf(&live, &bp, 1, path, n);
	tpgen_live_free(&live);
	opts->btf_custom_path = path;
	return fd;
}

static int sweep(const char *path)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts);
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_link *link;
	const char *sec = "?";
	char btf_path[32];
	int err, fd = -1;

	last[0] = '\0';
	obj = bpf_object__open_file(path, NULL);
	prog = obj ? bpf_object__next_program(obj, NULL) : NULL;
	if (prog)
		fd = describe(obj, prog, &opts, btf_path, sizeof(btf_path));
	bpf_object__close(obj);
	if (fd < 0) {
		printf("FAIL %s: cannot describe its event's layout: %s\n",
		       path, strerror(-fd));
		return 1;
	}
	obj = bpf_object__open_file(path, &opts);
	if (!obj) {
		printf("FAIL %s: open: %s\n", path, strerror(errno));
		close(fd);
		return 1;
	}
	prog = bpf_object__next_program(obj, NULL);
	if (prog)
		sec = bpf_program__section_name(prog);
	err = bpf_object__load(obj);
	close(fd);
	if (err) {
		printf("FAIL %s: load: %s: %s\n", sec, strerror(-err), last);
		bpf_object__close(obj);
		return 1;
	}
	link = bpf_program__attach(prog);
	if (!link) {
		err = errno;
		printf("FAIL %s: attach: %s: %s\n", sec, strerror(err), last);
		bpf_object__close(obj);
		return 1;
	}
	printf("OK %s\n", sec);
	bpf_link__destroy(link);
	bpf_object__close(obj);
	return 0;
}

int main(int argc, char **argv)
{
	int i, failed = 0;

	libbpf_set_print(keep_last);
	for (i = 1; i < argc; i++)
		failed += sweep(argv[i]);
	fprintf(stderr, "%d objects: %d attached, %d failed\n", argc - 1,
		argc - 1 - failed, failed);
	return failed ? 1 : 0;
}
