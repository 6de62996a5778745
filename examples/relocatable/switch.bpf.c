// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Your own BPF program: it reads the fields of sched/sched_switch by name,
 * through the struct that `tpgen header --relocatable` wrote into sched.h,
 * and libbpf moves each read to where the running kernel has the field
 * when the loader loads it.  Integers come in their size and sign on
 * that kernel; the comms as char[16] or as __data_loc strings.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <tpgen/tpgen_core.bpf.h>

#include "sched.h"
#include "switch.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tracepoint/sched/sched_switch")
int on_switch(struct tpgen__sched__sched_switch *ctx)
{
	const struct tpgen_sign__sched__sched_switch *sign = NULL;
	struct switch_event *e;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	TPGEN_STR(e->prev_comm, ctx, prev_comm);
	TPGEN_STR(e->next_comm, ctx, next_comm);
	e->prev_pid = TPGEN_VALUE(ctx, sign, prev_pid);
	e->next_pid = TPGEN_VALUE(ctx, sign, next_pid);
	e->prev_state = -1;
	if (bpf_core_field_exists(ctx->prev_state))
		e->prev_state = TPGEN_VALUE(ctx, sign, prev_state);
	bpf_ringbuf_submit(e, 0);
	return 0;
}
