/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The command line: parsing, the command table, help. */
#ifndef TPGEN_CLI_H
#define TPGEN_CLI_H

#include "exit.h"

/* allocator names the malloc the program is linked with, for --version;
 * NULL: the C library's. */
enum tp_exit tp_cli_main(int argc, char **argv, const char *allocator);

#endif
