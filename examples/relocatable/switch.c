// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Your own loader for switch.bpf.c.  Before libbpf loads the program,
 * tpgen_reloc.h reads the running kernel's layout of sched/sched_switch
 * from tracefs, checks it against the layout the program was built for
 * (the table in sched.h) and describes it to libbpf as BTF, with the
 * kernel's own BTF where there is one.  tpgen itself is not needed here.
 *
 *   switch [COUNT]   prints COUNT context switches (default 5), then exits
 */
#include <tpgen/tpgen_reloc.h> /* first: sched.h then has the table */

#include "sched.h"
#include "switch.h"
#include "switch.skel.h"

static long left;

static int print_switch(void *unused, void *data, size_t size)
{
	const struct switch_event *e = data;

	(void)unused;
	if (size < sizeof(*e) || left <= 0)
		return 0;
	printf("%.16s[%lld] -> %.16s[%lld] prev_state=%lld\n", e->prev_comm,
	       e->prev_pid, e->next_comm, e->next_pid, e->prev_state);
	left--;
	return 0;
}

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts);
	struct ring_buffer *rb = NULL;
	struct switch_bpf *skel = NULL;
	struct tpgen_reloc reloc;
	int err;

	left = argc > 1 ? strtol(argv[1], NULL, 10) : 5;
	/* Says on standard error why, when it cannot. */
	err = tpgen_reloc_prepare(&tpgen_built__sched__sched_switch, &reloc,
				  NULL);
	if (err)
		return err == TPGEN_REFUSED ? 3 : 1;
	opts.btf_custom_path = reloc.btf_path;
	skel = switch_bpf__open_opts(&opts);
	err = skel ? switch_bpf__load(skel) : -errno;
	tpgen_reloc_loaded(&reloc);
	if (!err)
		err = switch_bpf__attach(skel);
	if (!err) {
		rb = ring_buffer__new(bpf_map__fd(skel->maps.events),
				      print_switch, NULL, NULL);
		err = rb ? 0 : -errno;
	}
	while (!err && left > 0) {
		err = ring_buffer__poll(rb, 100 /* ms */);
		err = err < 0 ? err : 0;
	}
	if (err)
		fprintf(stderr, "switch: %s\n", strerror(-err));
	ring_buffer__free(rb);
	switch_bpf__destroy(skel);
	tpgen_reloc_free(&reloc);
	return err ? 1 : 0;
}
