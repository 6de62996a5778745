/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tpgen against the live kernel and an independent reference.
 *
 * Every event of the live tracefs must parse without error, and each of its
 * fields must agree with what libtraceevent's tep_parse_format() reads from
 * the same file: name, offset, size, signed, and whether it is an array, a
 * pointer or dynamic (__data_loc / __rel_loc) data.  Needs root and tracefs.
 */
#include "config.h"

#include <event-parse.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "tests.h"
#include "tree.h"

static struct tp_tree *tree;

static struct tp_tree *live_tree(void)
{
	struct tp_diags d;

	tp_diags_init(&d);
	ck_assert_int_eq(tp_tree_open(NULL, &tree, &d), 0);
	ck_assert_uint_eq(tp_diags_flush(&d, stderr), 0);
	tp_diags_fini(&d);
	return tree;
}

/* Every format file below events/, counted without tpgen's own walk. */
START_TEST(finds_every_event)
{
	struct tp_tree *t = live_tree();
	char *pattern;
	glob_t g;

	ck_assert_int_ge(asprintf(&pattern, "%s/*/*/format", t->events), 0);
	ck_assert_int_eq(glob(pattern, 0, NULL, &g), 0);
	ck_assert_uint_eq(t->nrefs, g.gl_pathc);
	ck_assert_uint_gt(t->nrefs, 100);
	printf("live tracefs: %zu events in %s\n", t->nrefs, t->events);
	globfree(&g);
	free(pattern);
	tp_tree_free(t);
}
END_TEST

START_TEST(parses_every_event)
{
	struct tp_tree *t = live_tree();
	unsigned errors = 0, warnings = 0;
	size_t i;

	for (i = 0; i < t->nrefs; i++) {
		struct tp_source *src = NULL;
		struct tp_event *ev;
		struct tp_diags d;

		tp_diags_init(&d);
		ev = tp_tree_parse(t, &t->refs[i], &d, &src);
		warnings += d.warnings;
		errors += tp_diags_flush(&d, stderr);
		ck_assert_msg(ev != NULL, "%s/%s did not parse",
			      t->refs[i].group, t->refs[i].name);
		tp_event_free(ev);
		tp_diags_fini(&d);
		tp_source_free(src);
	}
	printf("parsed %zu live events: %u errors, %u warnings\n", t->nrefs,
	       errors, warnings);
	ck_assert_uint_eq(errors, 0);
	tp_tree_free(t);
}
END_TEST

static unsigned mismatches;

#define DIFFER(ev, f, what, ours, theirs)                                   \
	do {                                                                \
		if (mismatches++ < 20)                                      \
			fprintf(stderr, "%s/%s %s: %s is %ld here, %ld in "  \
				"libtraceevent\n", (ev)->group, (ev)->name, \
				(f)->name, what, (long)(ours),              \
				(long)(theirs));                            \
	} while (0)

static void compare_field(const struct tp_event *ev, const struct tp_field *f,
			  const struct tep_format_field *r)
{
	bool dyn = f->kind == TP_FIELD_DATA_LOC || f->kind == TP_FIELD_REL_LOC;
	bool array = f->kind == TP_FIELD_ARRAY || f->kind == TP_FIELD_FLEX_ARRAY;

	if (strcmp(f->name, r->name) != 0) {
		if (mismatches++ < 20)
			fprintf(stderr, "%s/%s: field '%s' here, '%s' in "
				"libtraceevent\n", ev->group, ev->name,
				f->name, r->name);
		return;
	}
	if (f->offset != (unsigned)r->offset)
		DIFFER(ev, f, "offset", f->offset, r->offset);
	if (f->size != (unsigned)r->size)
		DIFFER(ev, f, "size", f->size, r->size);
	if (f->is_signed != !!(r->flags & TEP_FIELD_IS_SIGNED))
		DIFFER(ev, f, "signed", f->is_signed,
		       !!(r->flags & TEP_FIELD_IS_SIGNED));
	if (dyn != !!(r->flags & TEP_FIELD_IS_DYNAMIC))
		DIFFER(ev, f, "dynamic", dyn,
		       !!(r->flags & TEP_FIELD_IS_DYNAMIC));
	if ((f->kind == TP_FIELD_REL_LOC) !=
	    !!(r->flags & TEP_FIELD_IS_RELATIVE))
		DIFFER(ev, f, "relative", f->kind == TP_FIELD_REL_LOC,
		       !!(r->flags & TEP_FIELD_IS_RELATIVE));
	if (!dyn && array != !!(r->flags & TEP_FIELD_IS_ARRAY))
		DIFFER(ev, f, "array", array,
		       !!(r->flags & TEP_FIELD_IS_ARRAY));
	if ((f->kind == TP_FIELD_POINTER) !=
	    !!(r->flags & TEP_FIELD_IS_POINTER))
		DIFFER(ev, f, "pointer", f->kind == TP_FIELD_POINTER,
		       !!(r->flags & TEP_FIELD_IS_POINTER));
	/* libtraceevent counts only plain numeric bounds. */
	if (f->kind == TP_FIELD_ARRAY && !f->array_expr &&
	    f->elem_count != (unsigned)r->arraylen)
		DIFFER(ev, f, "element count", f->elem_count, r->arraylen);
}

/* Compares our fields [from, to) with libtraceevent's NULL-ended list. */
static size_t compare_list(const struct tp_event *ev, size_t from, size_t to,
			   struct tep_format_field **theirs)
{
	size_t i, n = 0;

	while (theirs && theirs[n])
		n++;
	if (n != to - from) {
		DIFFER(ev, &ev->fields[from], "field count", to - from, n);
		return 0;
	}
	for (i = 0; i < n; i++)
		compare_field(ev, &ev->fields[from + i], theirs[i]);
	return n;
}

START_TEST(agrees_with_libtraceevent)
{
	struct tp_tree *t = live_tree();
	struct tep_handle *tep = tep_alloc();
	size_t i, nevents = 0, nfields = 0;

	ck_assert_ptr_nonnull(tep);
	tep_set_long_size(tep, (int)t->target.long_size);
	for (i = 0; i < t->nrefs; i++) {
		struct tep_format_field **common, **own;
		struct tp_source *src = NULL;
		struct tep_event *ref = NULL;
		struct tp_event *ev;
		struct tp_diags d;
		size_t ncommon = 0;

		tp_diags_init(&d);
		ev = tp_tree_parse(t, &t->refs[i], &d, &src);
		tp_diags_flush(&d, stderr);
		tp_diags_fini(&d);
		ck_assert_ptr_nonnull(ev);
		ck_assert_int_eq(tep_parse_format(tep, &ref, src->text,
						  src->len, t->refs[i].group),
				 0);
		while (ncommon < ev->nfields && ev->fields[ncommon].common)
			ncommon++;
		common = tep_event_common_fields(ref);
		own = tep_event_fields(ref);
		ck_assert_str_eq(ev->name, ref->name);
		ck_assert_int_eq(ev->id, ref->id);
		nfields += compare_list(ev, 0, ncommon, common);
		nfields += compare_list(ev, ncommon, ev->nfields, own);
		nevents++;
		free(common);
		free(own);
		tp_event_free(ev);
		tp_source_free(src);
	}
	printf("compared %zu events and %zu fields with libtraceevent: "
	       "%u disagreements\n", nevents, nfields, mismatches);
	ck_assert_uint_eq(mismatches, 0);
	ck_assert_uint_eq(nevents, t->nrefs);
	tep_free(tep);
	tp_tree_free(t);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("live");
	TCase *tc = tcase_create("tracefs");
	SRunner *sr;
	int failed;

	require_root_tracefs();
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, finds_every_event);
	tcase_add_test(tc, parses_every_event);
	tcase_add_test(tc, agrees_with_libtraceevent);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
