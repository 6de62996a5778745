/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "output.h"
#include "run.h"

/* Whether an executable called name is on PATH. */
static bool on_path(const char *name)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL, *full;
	bool found = false;

	copy = strdup(path ? path : "/usr/bin:/bin");
	if (!copy)
		return false;
	for (dir = strtok_r(copy, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		if (asprintf(&full, "%s/%s", *dir ? dir : ".", name) < 0)
			break;
		found = access(full, X_OK) == 0;
		free(full);
	}
	free(copy);
	return found;
}

/*
 * Runs argv with both its outputs on our standard error; returns its exit
 * status or -1.  Standard output is the loader's alone: a build's lines
 * there would reach whatever reads the loader's JSON.
 */
static int spawn(char *const argv[])
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool tp_run_tools_ok(struct tp_diags *d)
{
	static const struct {
		const char *tool, *package;
	} tools[] = {
		{ "make", "make" },     { "clang", "clang" },
		{ "bpftool", "bpftool" }, { "cc", "gcc" },
		{ "pkg-config", "pkg-config" },
	};
	static char pkg_config[] = "pkg-config", exists[] = "--exists",
		    libbpf[] = "libbpf";
	char *check[] = { pkg_config, exists, libbpf, NULL };
	bool ok = true;
	size_t i;

	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		if (on_path(tools[i].tool))
			continue;
		tp_error(d, NULL, NULL, "%s is missing: install it with "
			 "'apt-get install %s'", tools[i].tool,
			 tools[i].package);
		ok = false;
	}
	if (ok && spawn(check) != 0) {
		tp_error(d, NULL, NULL, "libbpf is missing: install it with "
			 "'apt-get install libbpf-dev'");
		ok = false;
	}
	return ok;
}

/*
 * /tmp/tpgen-UID/name, in a folder that must be ours and private: what is
 * built there runs as us, maybe as root.  *dir is NULL after reporting a
 * folder that is not safe; returns -1 only when out of memory.
 */
static int private_tmp(const char *name, char **dir, struct tp_diags *d)
{
	struct stat st;
	char *base;

	*dir = NULL;
	if (asprintf(&base, "/tmp/tpgen-%ld", (long)getuid()) < 0)
		return -1;
	if (mkdir(base, 0700) != 0 && errno != EEXIST) {
		tp_error(d, NULL, NULL, "cannot create %s: %s", base,
			 strerror(errno));
	} else if (lstat(base, &st) != 0 || !S_ISDIR(st.st_mode) ||
		   st.st_uid != getuid() || (st.st_mode & 077)) {
		tp_error(d, NULL, NULL, "%s is not a private folder of ours; "
			 "set HOME or XDG_CACHE_HOME", base);
	} else if (asprintf(dir, "%s/%s", base, name) < 0) {
		*dir = NULL;
		free(base);
		return -1;
	}
	free(base);
	return 0;
}

char *tp_run_cache_dir(const char *name, struct tp_diags *d)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *dir;
	int err;

	if (xdg && *xdg)
		err = asprintf(&dir, "%s/tpgen/%s", xdg, name);
	else if (home && *home)
		err = asprintf(&dir, "%s/.cache/tpgen/%s", home, name);
	else
		err = private_tmp(name, &dir, d);
	if (err < 0) {
		tp_oom(d, NULL);
		return NULL;
	}
	if (!dir)
		return NULL;
	err = tp_output_mkdirs(dir);
	if (err) {
		tp_error(d, NULL, NULL, "cannot create %s: %s", dir,
			 strerror(err));
		free(dir);
		return NULL;
	}
	return dir;
}

int tp_run_make(const char *dir, struct tp_diags *d)
{
	static char make[] = "make", quiet[] = "-s", chdir[] = "-C";
	char *argv[] = { make, quiet, chdir, (char *)(uintptr_t)dir, NULL };
	int status = spawn(argv);

	if (status == 0)
		return 0;
	return tp_error(d, NULL, NULL, "building %s failed (make exited with "
			"%d); 'make -C %s V=1' shows the commands", dir, status,
			dir);
}
