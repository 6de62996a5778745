/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Preloaded (LD_PRELOAD) into a generated loader by loader-faults.sh, to
 * open the window between reading an event's id and opening it, or to
 * hold the loader just after: at the perf_event_open(2) system call the
 * loader makes with syscall(), it creates $TPGEN_PAUSE_DIR/paused and
 * waits (10 s at most) for $TPGEN_PAUSE_DIR/go, before the call, or after
 * it when TPGEN_PAUSE_AFTER is set.  Every other call passes through.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static void pause_here(void)
{
	const char *dir = getenv("TPGEN_PAUSE_DIR");
	char path[PATH_MAX];
	int fd, i;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/paused", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	if (fd >= 0)
		close(fd);
	snprintf(path, sizeof(path), "%s/go", dir);
	for (i = 0; i < 1000 && access(path, F_OK) != 0; i++)
		usleep(10000);
}

long syscall(long nr, ...)
{
	static long (*real)(long, ...);
	long a[6], ret;
	va_list ap;
	int i;

	/* System calls take at most six arguments, all passed as longs. */
	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (!real)
		real = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	if (nr == __NR_perf_event_open && !getenv("TPGEN_PAUSE_AFTER"))
		pause_here();
	ret = real(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (nr == __NR_perf_event_open && getenv("TPGEN_PAUSE_AFTER")) {
		int saved = errno;

		pause_here();
		errno = saved;
	}
	return ret;
}
