/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LD_PRELOAD'ed into tpgen by oom.sh: the allocation numbered
 * TPGEN_FAIL_AT (malloc, calloc, realloc, aligned allocations; from 1)
 * returns NULL, as when memory runs out.  With TPGEN_FAIL_COUNT set
 * instead, the number of allocations is written to stderr at exit, for
 * oom.sh to choose which to fail.  With TPGEN_FAIL_TRAP set, the failing
 * allocation raises SIGTRAP: under gdb, `bt` then shows who asked; with
 * TPGEN_FAIL_BT set, its backtrace is written to stderr.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void (*real_free)(void *);
static unsigned long fail_at, count;
static int counting, trap, bt, resolving;

/* What dlsym() allocates while the real functions are looked up. */
static char early[4096];
static size_t early_used;

static void *early_alloc(size_t n)
{
	void *p = early + early_used;

	early_used += (n + 15) & ~(size_t)15;
	return early_used <= sizeof(early) ? memset(p, 0, n) : NULL;
}

static void init(void)
{
	if (real_malloc || resolving)
		return;
	resolving = 1;
	real_free = dlsym(RTLD_NEXT, "free");
	real_calloc = dlsym(RTLD_NEXT, "calloc");
	real_realloc = dlsym(RTLD_NEXT, "realloc");
	real_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
	real_malloc = dlsym(RTLD_NEXT, "malloc");
	resolving = 0;
}

/* Once the environment is there: a sanitizer's runtime allocates before
 * it is.  Allocations before this one are not counted. */
__attribute__((constructor)) static void settings(void)
{
	const char *at = getenv("TPGEN_FAIL_AT");

	init();
	count = 0;
	fail_at = at ? strtoul(at, NULL, 10) : 0;
	counting = getenv("TPGEN_FAIL_COUNT") != NULL;
	trap = getenv("TPGEN_FAIL_TRAP") != NULL;
	bt = getenv("TPGEN_FAIL_BT") != NULL;
}

/* Whether this allocation fails. */
static int fails(void)
{
	count++;
	if (fail_at && count == fail_at) {
		if (trap)
			raise(SIGTRAP);
		if (bt) {
			void *frames[32];

			backtrace_symbols_fd(frames, backtrace(frames, 32),
					     STDERR_FILENO);
		}
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *malloc(size_t n)
{
	init();
	if (!real_malloc)
		return early_alloc(n);
	return fails() ? NULL : real_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	init();
	if (!real_calloc)
		return early_alloc(n * size);
	return fails() ? NULL : real_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	init();
	return fails() ? NULL : real_realloc(p, n);
}

int posix_memalign(void **p, size_t align, size_t n)
{
	init();
	return fails() ? ENOMEM : real_posix_memalign(p, align, n);
}

void free(void *p)
{
	if ((char *)p >= early && (char *)p < early + sizeof(early))
		return;
	init();
	/* Freed while the real free is looked up: left, once. */
	if (real_free)
		real_free(p);
}

__attribute__((destructor)) static void report(void)
{
	char line[64];
	int n;

	if (!counting)
		return;
	n = snprintf(line, sizeof(line), "allocations: %lu\n", count);
	if (write(STDERR_FILENO, line, (size_t)n) < 0)
		return;
}
