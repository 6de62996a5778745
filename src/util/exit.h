/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tpgen's exit statuses, documented in tpgen(1) and --help. */
#ifndef TPGEN_EXIT_H
#define TPGEN_EXIT_H

enum tp_exit {
	TP_EXIT_OK = 0,
	TP_EXIT_INPUT = 1,   /* an input file had errors */
	TP_EXIT_USAGE = 2,   /* the command line is wrong */
	TP_EXIT_NOMATCH = 3, /* a selector matched no event */
	TP_EXIT_SYSTEM = 4,  /* no tracefs, unreadable files, no memory */
	/* compare: some event's programs would refuse to start */
	TP_EXIT_REFUSED = 5,
};

#endif
