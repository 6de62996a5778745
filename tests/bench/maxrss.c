/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Peak memory for `make bench`, without GNU time: runs a command, waits
 * for it with wait4() and prints its peak resident set (ru_maxrss, KiB)
 * on standard error as "maxrss_kib N".  The command's own output goes
 * where this program's goes; its exit status is passed on.
 *
 * Usage: maxrss COMMAND [ARG...]
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rusage ru;
	int status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: maxrss COMMAND [ARG...]\n");
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 127;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("wait4");
		return 127;
	}
	fprintf(stderr, "maxrss_kib %ld\n", ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
