/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Part of the code tpgen copies into every output folder; do not edit.
 *
 * What a tpgen BPF program sends through its ring buffer for each event,
 * shared by the BPF program and its loader.
 */
#ifndef TPGEN_RECORD_H
#define TPGEN_RECORD_H

#include <linux/types.h>

/* Bytes kept of each __data_loc / __rel_loc field's data.  A power of
 * two; the rest of longer data is counted but not copied. */
#ifndef TPGEN_DYN_MAX
#define TPGEN_DYN_MAX 256
#endif

#define TPGEN_ALIGN8(n) (((n) + 7) & ~7u)

struct tpgen_record {
	__u64 ts_ns;   /* bpf_ktime_get_ns(): CLOCK_MONOTONIC */
	__u32 cpu;
	__u32 pid;     /* the thread group: what user space calls the pid */
	__u32 tid;
	__u32 size;    /* bytes of the kernel's record in data[] */
	char comm[16];
	/*
	 * The fixed part of the kernel's record, `size` bytes, then from
	 * offset TPGEN_ALIGN8(size) a struct tpgen_dyn per dynamic field,
	 * in the order of their offsets in the record.
	 */
	__u8 data[];
};

struct tpgen_dyn {
	__u32 len;      /* bytes copied into data */
	__u32 full_len; /* bytes the kernel recorded */
	__u8 data[TPGEN_DYN_MAX];
};

/* The size of the record for an event: what the BPF side reserves. */
#define TPGEN_RECORD_SIZE(fixed, ndyn) \
	(sizeof(struct tpgen_record) + TPGEN_ALIGN8(fixed) + \
	 (ndyn) * sizeof(struct tpgen_dyn))

static inline struct tpgen_dyn *tpgen_dyn(void *rec_data, unsigned fixed,
					  unsigned i)
{
	return (struct tpgen_dyn *)((__u8 *)rec_data + TPGEN_ALIGN8(fixed) +
				    i * sizeof(struct tpgen_dyn));
}

#endif
