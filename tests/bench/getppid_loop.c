/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The traced process of `make bench`: calls getppid() N times (default a
 * million) through syscall(2), so that no library can answer from a
 * cache, and prints the nanoseconds per call, timed with
 * clock_gettime(CLOCK_MONOTONIC) around the loop alone.
 *
 * Usage: getppid_loop [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	struct timespec a, b;
	unsigned long i;
	long sink = 0;
	double ns;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		sink += syscall(SYS_getppid);
	clock_gettime(CLOCK_MONOTONIC, &b);
	ns = (double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec);
	printf("%lu calls %.1f ns/call (sum %ld)\n", n, ns / (double)n, sink);
	return 0;
}
