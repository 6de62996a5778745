// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The user-space half of the examples: a program that reads records of
 * xdp/xdp_exception through the struct tpgen generated.  It prints the
 * layout it was built with, which the header's static checks guarantee.
 */
#include <stddef.h>
#include <stdio.h>

#include "xdp-events.h"

int main(void)
{
	printf("struct xdp_exception_tp: act at %zu, ifindex at %zu, "
	       "%zu bytes\n", offsetof(struct xdp_exception_tp, act),
	       offsetof(struct xdp_exception_tp, ifindex),
	       sizeof(struct xdp_exception_tp));
	return 0;
}
