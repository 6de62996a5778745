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
 *   trigger burst COUNT FIFO            once FIFO is opened for writing,
 *                                       getppid() COUNT times; prints
 *                                       "calls=COUNT ms=MS"
 *   trigger storm SECONDS FIFO          once FIFO is opened for writing,
 *                                       getppid() in a loop on every CPU,
 *                                       a thread each, for SECONDS;
 *                                       prints "calls=TOTAL"
 *   trigger interrupt US SIG MS CMD...  runs CMD with default signal
 *                                       handling, sends it SIG after US
 *                                       microseconds, waits up to MS ms;
 *                                       prints "pid=PID", then
 *                                       "exited=N", "signaled=N" or
 *                                       "timeout" (then kills it)
 */
#include "config.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
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

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Blocks until the test opens FIFO for writing: the test's "go". */
static int wait_for_go(const char *fifo)
{
	int fd = open(fifo, O_RDONLY);

	if (fd < 0) {
		perror(fifo);
		return -1;
	}
	close(fd);
	return 0;
}

static int do_burst(char **argv)
{
	long n = arg(argv[0]), i;
	long long start;

	if (wait_for_go(argv[1]) != 0)
		return 1;
	start = now_us();
	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	printf("calls=%ld ms=%lld\n", n, (now_us() - start) / 1000);
	return 0;
}

static atomic_int storm_state; /* 0 wait, 1 run, 2 stop */

struct storm_thread {
	pthread_t thread;
	int cpu;
	unsigned long long calls;
};

static void *storm_loop(void *p)
{
	struct storm_thread *t = p;
	unsigned long long calls = 0;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(t->cpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
	while (atomic_load_explicit(&storm_state, memory_order_acquire) == 0)
		;
	/* Each turn is one system call, counted. */
	while (atomic_load_explicit(&storm_state, memory_order_relaxed) == 1) {
		syscall(SYS_getppid);
		calls++;
	}
	t->calls = calls;
	return NULL;
}

static int do_storm(char **argv)
{
	long seconds = arg(argv[0]);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN), i;
	struct storm_thread *t = calloc((size_t)cpus, sizeof(*t));
	unsigned long long total = 0;
	struct timespec run = { .tv_sec = seconds };

	if (!t)
		return 1;
	for (i = 0; i < cpus; i++) {
		t[i].cpu = (int)i;
		if (pthread_create(&t[i].thread, NULL, storm_loop, &t[i])) {
			fprintf(stderr, "storm: cannot start thread %ld\n", i);
			return 1;
		}
	}
	if (wait_for_go(argv[1]) != 0)
		return 1;
	atomic_store_explicit(&storm_state, 1, memory_order_release);
	while (nanosleep(&run, &run) != 0)
		;
	atomic_store_explicit(&storm_state, 2, memory_order_release);
	for (i = 0; i < cpus; i++) {
		pthread_join(t[i].thread, NULL);
		printf("cpu%ld=%llu\n", i, t[i].calls);
		total += t[i].calls;
	}
	printf("calls=%llu\n", total);
	free(t);
	return 0;
}

static int do_interrupt(char **argv)
{
	long delay = arg(argv[0]), sig = arg(argv[1]), limit = arg(argv[2]);
	struct timespec pause = { delay / 1000000, delay % 1000000 * 1000 };
	long long deadline;
	int status;
	pid_t child, got;

	child = fork();
	if (child < 0) {
		perror("fork");
		return 1;
	}
	if (child == 0) {
		/* As from a terminal: the signals' default actions, whatever
		 * the shell that started us ignores. */
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		execvp(argv[3], argv + 3);
		perror(argv[3]);
		_exit(127);
	}
	printf("pid=%d\n", (int)child);
	fflush(stdout);
	while (nanosleep(&pause, &pause) != 0)
		;
	kill(child, (int)sig);
	deadline = now_us() + limit * 1000;
	while ((got = waitpid(child, &status, WNOHANG)) == 0 &&
	       now_us() < deadline)
		usleep(1000);
	if (got == 0) {
		kill(child, SIGKILL);
		waitpid(child, &status, 0);
		printf("timeout\n");
	} else if (WIFSIGNALED(status)) {
		printf("signaled=%d\n", WTERMSIG(status));
	} else {
		printf("exited=%d\n", WEXITSTATUS(status));
	}
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
	if (argc == 4 && strcmp(argv[1], "burst") == 0)
		return do_burst(argv + 2);
	if (argc == 4 && strcmp(argv[1], "storm") == 0)
		return do_storm(argv + 2);
	if (argc >= 6 && strcmp(argv[1], "interrupt") == 0)
		return do_interrupt(argv + 2);
	fprintf(stderr, "usage: trigger openat|kill|getppid|udp|burst|storm|"
		"interrupt ARGS...\n");
	return 2;
}
