/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * For `make bench`: two processes pass a byte back and forth through two
 * pipes N times, so that each pass puts one to sleep and wakes the other:
 * context switches (sched/sched_switch) at a steady rate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	int there[2], back[2];
	char c = 0;
	pid_t child;

	if (pipe(there) || pipe(back)) {
		perror("pingpong: pipe");
		return 1;
	}
	child = fork();
	if (child < 0) {
		perror("pingpong: fork");
		return 1;
	}
	for (long i = 0; i < n; i++) {
		if (child == 0) {
			if (read(there[0], &c, 1) != 1 ||
			    write(back[1], &c, 1) != 1)
				return 1;
		} else if (write(there[1], &c, 1) != 1 ||
			   read(back[0], &c, 1) != 1) {
			perror("pingpong");
			return 1;
		}
	}
	if (child == 0)
		return 0;
	return waitpid(child, NULL, 0) == child ? 0 : 1;
}
