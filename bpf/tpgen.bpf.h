/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Part of the code tpgen copies into every output folder; do not edit.
 *
 * What every tpgen BPF program shares: the settings its loader fills in
 * before loading, the ring buffer, the count of records it could not send,
 * and the helpers that fill a record.
 */
#ifndef TPGEN_BPF_H
#define TPGEN_BPF_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "tpgen_record.h"

/* Set by the loader before loading: 0 means any. */
const volatile __u32 tpgen_target_pid = 0; /* thread group */
const volatile __u32 tpgen_target_tid = 0; /* thread */
/* Set by the loader before loading: the event's id in tracefs. */
const volatile __u16 tpgen_event_type = 0;

/*
 * Set by the loader: wake it once per 1 << tpgen_wakeup_shift bytes of
 * records written, and not after every record (0: after every record
 * the reader had caught up with, libbpf's default).  A wakeup is an
 * irq_work, a self-interrupt on the traced CPU: the largest part of what
 * tracing costs the traced process.  The loader reads what is left below
 * the mark when its poll times out.
 */
const volatile __u32 tpgen_wakeup_shift = 0;

/* Records that found the ring buffer full: the loader reports them. */
__u64 tpgen_lost = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4 * 1024 * 1024); /* the loader may resize it */
} tpgen_events SEC(".maps");

/* Whether the current task passes the loader's filters. */
static __always_inline int tpgen_wanted(void)
{
	__u64 id = bpf_get_current_pid_tgid();

	if (tpgen_target_pid && (__u32)(id >> 32) != tpgen_target_pid)
		return 0;
	if (tpgen_target_tid && (__u32)id != tpgen_target_tid)
		return 0;
	return 1;
}

/* The kernel's struct trace_entry: the first 8 bytes of every record,
 * common_type to common_pid in the format files. */
struct tpgen_entry {
	__u16 type;
	__u8 flags;
	__u8 preempt_count;
	__s32 pid;
};

/*
 * A record of `size` bytes in the ring buffer, with its header and the
 * event's fixed part (`fixed` bytes of ctx) filled in; NULL when the ring
 * buffer is full, which is counted and never waits.
 */
static __always_inline struct tpgen_record *
tpgen_start(const void *ctx, __u32 size, __u32 fixed)
{
	struct tpgen_record *rec;
	__u64 id;

	rec = bpf_ringbuf_reserve(&tpgen_events, size, 0);
	if (!rec) {
		__sync_fetch_and_add(&tpgen_lost, 1);
		return 0;
	}
	id = bpf_get_current_pid_tgid();
	rec->ts_ns = bpf_ktime_get_ns();
	rec->cpu = bpf_get_smp_processor_id();
	rec->pid = id >> 32;
	rec->tid = (__u32)id;
	rec->size = fixed;
	bpf_get_current_comm(rec->comm, sizeof(rec->comm));
	/* Tracepoint programs may read the record only member by member;
	 * a helper copies it whole. */
	bpf_probe_read_kernel(rec->data, fixed, ctx);
	/*
	 * Where the record's common fields are, the kernel hands a BPF
	 * program its pt_regs pointer instead (perf_trace_run_bpf_submit()):
	 * a kernel address, which must not reach user space.  Put there what
	 * the fields hold, as far as BPF can tell: the event's id and the
	 * thread.  The irq flags and the preempt count it cannot see: 0.
	 */
	if (fixed >= sizeof(struct tpgen_entry)) {
		struct tpgen_entry *entry = (void *)rec->data;

		entry->type = tpgen_event_type;
		entry->flags = 0;
		entry->preempt_count = 0;
		entry->pid = (__s32)id;
	}
	return rec;
}

/* Sends a record of `size` bytes, waking the reader as set above. */
static __always_inline void tpgen_submit(void *rec, __u32 size)
{
	__u64 pos, flags = 0;

	if (tpgen_wakeup_shift) {
		/* Where the writers are, just past this record (which takes
		 * its size and an 8-byte header): read from the writers'
		 * own page, never from the reader's, whose position moves
		 * with every record it reads. */
		pos = bpf_ringbuf_query(&tpgen_events, BPF_RB_PROD_POS);
		flags = pos >> tpgen_wakeup_shift !=
				(pos - ((size + 15) & ~7u)) >> tpgen_wakeup_shift ?
			BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
	}
	bpf_ringbuf_submit(rec, flags);
}

/* Copies up to TPGEN_DYN_MAX of the len bytes at src. */
static __always_inline void tpgen_copy(struct tpgen_dyn *dyn, const void *src,
				       __u32 len)
{
	dyn->full_len = len;
	if (len > TPGEN_DYN_MAX)
		len = TPGEN_DYN_MAX;
	dyn->len = len;
	bpf_probe_read_kernel(dyn->data, len, src);
}

/* For the old form of __data_loc, which records no length: a string. */
static __always_inline void tpgen_copy_str(struct tpgen_dyn *dyn,
					   const void *src)
{
	long n = bpf_probe_read_kernel_str(dyn->data, TPGEN_DYN_MAX, src);

	dyn->len = n > 0 ? n : 0;
	dyn->full_len = dyn->len;
}

#endif
