// SPDX-License-Identifier: GPL-2.0-or-later
/* The e2e test's XDP program: every packet is an exception. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int abort_all(struct xdp_md *ctx)
{
	(void)ctx;
	return XDP_ABORTED;
}

char LICENSE[] SEC("license") = "GPL";
