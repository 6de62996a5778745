/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The floors of the in-kernel cost, for `make bench`: the program tpgen
 * generates for syscalls/sys_enter_getppid, cut down to parts of what it
 * does.  bench.sh puts a copy in a copy of the loader's folder, after
 *
 *   #define FLOOR_RING   0 or 1   send a record through the ring buffer
 *   #define FLOOR_CLOCK  0 or 1   read the clock (bpf_ktime_get_ns)
 *   #define FLOOR_PERCPU 0 or 1   fill the loader's whole record (clock,
 *                                 ids, comm, the event's bytes) in a
 *                                 per-CPU slot of a global array that
 *                                 nobody reads: the ring buffer
 *                                 replaced by plain stores
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

#if FLOOR_PERCPU
#define FLOOR_CPUS 256
#define FLOOR_SLOTS 4 /* a CPU, of 64 bytes: the loader's record fits */
__u64 floor_slots[FLOOR_CPUS * FLOOR_SLOTS * 8];
__u64 floor_heads[FLOOR_CPUS * 8]; /* a cache line a CPU */
#endif

SEC("tracepoint/syscalls/sys_enter_getppid")
int handle_sys_enter_getppid(struct sys_enter_getppid_tp *ctx)
{
	(void)ctx;
	if (!tpgen_wanted())
		return 0;
#if FLOOR_PERCPU
	{
		__u32 cpu = bpf_get_smp_processor_id() % FLOOR_CPUS;
		__u64 head = floor_heads[cpu * 8]++, id;
		struct tpgen_record *rec;

		_Static_assert(TPGEN_RECORD_SIZE(12, 0) <= 64, "a slot");
		rec = (void *)&floor_slots[(cpu * FLOOR_SLOTS +
					    head % FLOOR_SLOTS) * 8];
		id = bpf_get_current_pid_tgid();
		rec->ts_ns = bpf_ktime_get_ns();
		rec->cpu = cpu;
		rec->pid = id >> 32;
		rec->tid = (__u32)id;
		rec->size = 12;
		bpf_get_current_comm(rec->comm, sizeof(rec->comm));
		bpf_probe_read_kernel(rec->data, 12, ctx);
	}
#elif FLOOR_RING
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
