/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The runner for the unit suites: one suite per test_*.c file. */
#include "config.h"

#include <stdlib.h>

#include "tests.h"

int main(void)
{
	SRunner *sr = srunner_create(parser_suite());
	int failed;

	srunner_add_suite(sr, diag_suite());
	srunner_add_suite(sr, select_suite());
	srunner_add_suite(sr, dump_suite());
	srunner_add_suite(sr, layout_suite());
	srunner_add_suite(sr, print_suite());
	srunner_add_suite(sr, output_suite());
	srunner_add_suite(sr, pool_suite());
	srunner_add_suite(sr, buf_suite());
	srunner_add_suite(sr, cwrap_suite());
	srunner_add_suite(sr, filter_suite());
	srunner_add_suite(sr, cpumask_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
