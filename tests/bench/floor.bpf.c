/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The floors of the in-kernel cost, for `make bench`: the program tpgen
 * generates for syscalls/sys_enter_getppid, cut down to parts of what it
 * does.  bench.sh puts a copy in a copy of the loader's folder, after
 *
 *   #define FLOOR_RING  0 or 1    send a record through the ring buffer
 *   #define FLOOR_CLOCK 0 or 1    read the clock (bpf_ktime_get_ns)
 *
 * so that the same loader, with the same ring buffer, wakeup rule and
 * pid filter, reads what these send.  FLOOR_RING 0, FLOOR_CLOCK 0 is the
 * filter alone: what running any program costs, bpf_stats' own clock
 * reads included.  The records leave the event's data unread: the loader
 * prints whatever the ring buffer held, to /dev/null.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "sys_enter_getppid.h"
#include "tpgen.bpf.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Where the clock read goes when no record takes it: a global, so that
 * the compiler keeps the read. */
__u64 floor_clock = 0;

SEC("tracepoint/syscalls/sys_enter_getppid")
int handle_sys_enter_getppid(struct sys_enter_getppid_ctx *ctx)
{
	(void)ctx;
	if (!tpgen_wanted())
		return 0;
#if FLOOR_RING
	{
		__u32 size = TPGEN_RECORD_SIZE(12, 0);
		struct tpgen_record *rec;

		rec = bpf_ringbuf_reserve(&tpgen_events, size, 0);
		if (!rec) {
			__sync_fetch_and_add(&tpgen_lost, 1);
			return 0;
		}
		rec->size = 12;
#if FLOOR_CLOCK
		rec->ts_ns = bpf_ktime_get_ns();
#endif
		tpgen_submit(rec, size);
	}
#elif FLOOR_CLOCK
	floor_clock = bpf_ktime_get_ns();
#endif
	return 0;
}
