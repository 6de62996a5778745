/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Loads and attaches BPF objects one by one, as their loaders would, and
 * says for each whether the verifier took it and the tracepoint accepted
 * it, with the reason when not.  Used by sweep.sh over every live event.
 *
 *   sweep OBJECT...
 */
#include "config.h"

#include <bpf/libbpf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

static int sweep(const char *path)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_link *link;
	const char *sec = "?";
	int err;

	last[0] = '\0';
	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		printf("FAIL %s: open: %s\n", path, strerror(errno));
		return 1;
	}
	prog = bpf_object__next_program(obj, NULL);
	if (prog)
		sec = bpf_program__section_name(prog);
	err = bpf_object__load(obj);
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
