/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers shared by the Check suites. */
#ifndef TPGEN_TESTS_H
#define TPGEN_TESTS_H

#include <check.h>

#include "buf.h"
#include "event.h"
#include "format.h"
#include "tree.h"

/* The source tree, for fixtures (set by Makefile.am). */
#ifndef TOP_SRCDIR
#error "TOP_SRCDIR must be defined"
#endif
#define FIXTURES TOP_SRCDIR "/tests/fixtures"

Suite *parser_suite(void);
Suite *diag_suite(void);
Suite *select_suite(void);
Suite *dump_suite(void);
Suite *layout_suite(void);
Suite *print_suite(void);
Suite *output_suite(void);
Suite *pool_suite(void);
Suite *buf_suite(void);
Suite *cwrap_suite(void);
Suite *filter_suite(void);
Suite *cpumask_suite(void);

/* Parses FIXTURES/rel as an event of group `group`, failing the test on
 * any error; warnings are allowed.  The caller frees the event. */
struct tp_event *parse_fixture(const char *rel, const struct tp_target *t);

/* Opens a tree (NULL: the live one), failing the test on any error. */
struct tp_tree *open_tree(const char *dir);

/* The field called name (the n-th of that name, from 0); fails the test
 * when there is none. */
const struct tp_field *field(const struct tp_event *ev, const char *name,
			     unsigned n);

/* The len bytes of b's text at off, spilled ones too, as a string the
 * caller frees: read back through a file as tpgen writes them. */
char *buf_text(const struct tp_buf *b, size_t off, size_t len);

/*
 * For tests that need root and tracefs: exits with 77 (skip) when they are
 * missing, except under CI=true, where a missing prerequisite is a failure.
 */
void require_root_tracefs(void);

#endif
