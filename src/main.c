/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdio.h>

#ifdef HAVE_MIMALLOC
#include <mimalloc.h>
#endif

#include "cli.h"

int main(int argc, char **argv)
{
	const char *allocator = NULL;
#ifdef HAVE_MIMALLOC
	/* Linked, not preloaded: see configure.ac.  Calling mi_version()
	 * also keeps the library needed under --as-needed. */
	char name[32];
	int v = mi_version();

	snprintf(name, sizeof(name), "mimalloc %d.%d.%d", v / 100,
		 v / 10 % 10, v % 10);
	allocator = name;
	/* Memory freed goes back to the system at once, not 25 ms later:
	 * the arrays of an event of a million fields, freed before its
	 * header's text is read back, were still there beside it, and peak
	 * memory is bounded by ten times the input (issue 17). */
	mi_option_set(mi_option_decommit_delay, 0);
#endif
	/* Past a file size limit (ulimit -f), write() must fail with EFBIG
	 * so that the temporary file is removed and the error reported, not
	 * kill tpgen with a temporary file left behind. */
	signal(SIGXFSZ, SIG_IGN);
	return (int)tp_cli_main(argc, argv, allocator);
}
