/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the program sends its loader for each context switch. */
#ifndef SWITCH_H
#define SWITCH_H

struct switch_event {
	char prev_comm[16];
	char next_comm[16];
	long long prev_pid;
	long long next_pid;
	long long prev_state; /* -1: the running kernel has no such field */
};

#endif
