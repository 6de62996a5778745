/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Causes the events the end-to-end tests trace, with values the tests
 * know in advance.  Each command prints what it did, for the test to
 * compare with what the loader saw.
 *
 *   trigger openat DIR NAME FLAGS MODE  openat(dirfd of DIR, NAME, ...);
 *                                       prints "dfd=N"
 *   trigger kill PID SIG                kill(PID, SIG)
 *   trigger getppid COUNT CPU           getppid() COUNT times on CPU
 *   trigger udp ADDR PORT               one UDP datagram to ADDR:PORT
 */
#include "config.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static long arg(const char *s)
{
	char *end;
	long v = strtol(s, &end, 0);

	if (*end) {
		fprintf(stderr, "trigger: '%s' is not a number\n", s);
		exit(2);
	}
	return v;
}

static int do_openat(char **argv)
{
	int dfd = open(argv[0], O_RDONLY | O_DIRECTORY);
	long fd;

	if (dfd < 0) {
		perror(argv[0]);
		return 1;
	}
	/* The raw syscall: glibc may add flags of its own. */
	fd = syscall(SYS_openat, dfd, argv[1], (int)arg(argv[2]),
		     (int)arg(argv[3]));
	printf("dfd=%d\n", dfd);
	if (fd >= 0)
		close((int)fd);
	return 0;
}

static int do_getppid(char **argv)
{
	long n = arg(argv[0]), i;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET((int)arg(argv[1]), &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0) {
		perror("sched_setaffinity");
		return 1;
	}
	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	return 0;
}

static int do_udp(char **argv)
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	to.sin_port = htons((unsigned short)arg(argv[1]));
	if (s < 0 || inet_pton(AF_INET, argv[0], &to.sin_addr) != 1) {
		perror("udp");
		return 1;
	}
	if (sendto(s, "tpgen", 5, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		perror("sendto");
	close(s);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "openat") == 0)
		return do_openat(argv + 2);
	if (argc == 4 && strcmp(argv[1], "kill") == 0)
		return kill((pid_t)arg(argv[2]), (int)arg(argv[3])) ? 1 : 0;
	if (argc == 4 && strcmp(argv[1], "getppid") == 0)
		return do_getppid(argv + 2);
	if (argc == 4 && strcmp(argv[1], "udp") == 0)
		return do_udp(argv + 2);
	fprintf(stderr, "usage: trigger openat|kill|getppid|udp ARGS...\n");
	return 2;
}
