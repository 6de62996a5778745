/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <signal.h>

#include "cli.h"

int main(int argc, char **argv)
{
	/* Past a file size limit (ulimit -f), write() must fail with EFBIG
	 * so that the temporary file is removed and the error reported, not
	 * kill tpgen with a temporary file left behind. */
	signal(SIGXFSZ, SIG_IGN);
	return (int)tp_cli_main(argc, argv);
}
