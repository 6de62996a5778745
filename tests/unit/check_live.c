/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tpgen against the live kernel and an independent reference.
 *
 * Every event of the live tracefs must parse without error, and every field
 * that `tpgen dump --json '*'` prints must agree with what libtraceevent's
 * tep_parse_format() reads from the same file: name, offset, size, signed,
 * and whether it is an array (and of how many elements), a pointer or
 * dynamic (__data_loc / __rel_loc) data.  Needs root and tracefs.
 */
#include "config.h"

#include <event-parse.h>
#include <glob.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "print.h"
#include "source.h"
#include "tests.h"
#include "tree.h"

/* Every format file below events/, counted without tpgen's own walk. */
START_TEST(finds_every_event)
{
	struct tp_tree *t = open_tree(NULL);
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
	struct tp_tree *t = open_tree(NULL);
	unsigned errors = 0, warnings = 0;
	size_t i;

	for (i = 0; i < t->nrefs; i++) {
		struct tp_source *src = NULL;
		struct tp_event *ev;
		struct tp_diags d;

		tp_diags_init(&d);
		ev = tp_tree_parse(t, &t->refs[i], TP_PRINT_ALL, &d, &src);
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

static void differ(const char *event, const char *field, const char *what,
		   long ours, long theirs)
{
	if (mismatches++ < 20)
		fprintf(stderr, "%s %s: %s is %ld in tpgen's JSON, %ld in "
			"libtraceevent\n", event, field, what, ours, theirs);
}

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;

	ck_assert_msg(json_object_object_get_ex(o, key, &v), "no '%s'", key);
	return v;
}

static long num(json_object *o, const char *key)
{
	return (long)json_object_get_int64(get(o, key));
}

static void compare_field(const char *event, json_object *f,
			  const struct tep_format_field *r)
{
	const char *name = json_object_get_string(get(f, "name"));
	const char *kind = json_object_get_string(get(f, "kind"));
	bool is_signed = json_object_get_boolean(get(f, "signed"));
	bool rel = strcmp(kind, "rel_loc") == 0;
	bool dyn = rel || strcmp(kind, "data_loc") == 0;
	bool array = strcmp(kind, "array") == 0 ||
		     strcmp(kind, "flex_array") == 0;
	bool pointer = strcmp(kind, "pointer") == 0;
	unsigned long flags = r->flags;

	if (strcmp(name, r->name) != 0) {
		if (mismatches++ < 20)
			fprintf(stderr, "%s: field '%s' in tpgen's JSON, '%s' "
				"in libtraceevent\n", event, name, r->name);
		return;
	}
	if (num(f, "offset") != r->offset)
		differ(event, name, "offset", num(f, "offset"), r->offset);
	if (num(f, "size") != r->size)
		differ(event, name, "size", num(f, "size"), r->size);
	if (is_signed != !!(flags & TEP_FIELD_IS_SIGNED))
		differ(event, name, "signed", is_signed,
		       !!(flags & TEP_FIELD_IS_SIGNED));
	if (dyn != !!(flags & TEP_FIELD_IS_DYNAMIC))
		differ(event, name, "dynamic", dyn,
		       !!(flags & TEP_FIELD_IS_DYNAMIC));
	if (rel != !!(flags & TEP_FIELD_IS_RELATIVE))
		differ(event, name, "relative", rel,
		       !!(flags & TEP_FIELD_IS_RELATIVE));
	if (!dyn && array != !!(flags & TEP_FIELD_IS_ARRAY))
		differ(event, name, "array", array,
		       !!(flags & TEP_FIELD_IS_ARRAY));
	if (pointer != !!(flags & TEP_FIELD_IS_POINTER))
		differ(event, name, "pointer", pointer,
		       !!(flags & TEP_FIELD_IS_POINTER));
	/* libtraceevent only counts plain numeric bounds. */
	if (strcmp(kind, "array") == 0 &&
	    !json_object_object_get_ex(f, "array_expr", NULL) &&
	    num(f, "elements") != r->arraylen)
		differ(event, name, "element count", num(f, "elements"),
		       r->arraylen);
}

/* The JSON fields with the given "common" value, in order, against
 * libtraceevent's NULL-ended list. */
static size_t compare_list(const char *event, json_object *fields,
			   bool common, struct tep_format_field **theirs)
{
	size_t i, k = 0, n = json_object_array_length(fields);

	for (i = 0; i < n; i++) {
		json_object *f = json_object_array_get_idx(fields, i);

		if (json_object_get_boolean(get(f, "common")) != common)
			continue;
		if (!theirs || !theirs[k]) {
			differ(event, json_object_get_string(get(f, "name")),
			       "presence", 1, 0);
			return k;
		}
		compare_field(event, f, theirs[k++]);
	}
	if (theirs && theirs[k])
		differ(event, theirs[k]->name, "presence", 0, 1);
	return k;
}

/* `tpgen dump --json '*'`, run as a user runs it. */
static json_object *dump_all(void)
{
	const char *tpgen = getenv("TPGEN");
	json_tokener *tok = json_tokener_new_ex(JSON_TOKENER_DEFAULT_DEPTH);
	json_object *root = NULL;
	char buf[65536], *cmd;
	size_t n;
	FILE *p;

	ck_assert_msg(tpgen != NULL, "TPGEN is not set");
	ck_assert_int_ge(asprintf(&cmd, "'%s' dump --json '*'", tpgen), 0);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while (!root && (n = fread(buf, 1, sizeof(buf), p)) > 0) {
		root = json_tokener_parse_ex(tok, buf, (int)n);
		ck_assert_int_le(json_tokener_get_error(tok),
				 json_tokener_continue);
	}
	while (fread(buf, 1, sizeof(buf), p) > 0)
		;
	ck_assert_int_eq(pclose(p), 0);
	ck_assert_ptr_nonnull(root);
	json_tokener_free(tok);
	free(cmd);
	return root;
}

START_TEST(json_agrees_with_libtraceevent)
{
	struct tp_tree *t = open_tree(NULL);
	struct tep_handle *tep = tep_alloc();
	json_object *all = dump_all();
	size_t i, nevents, nfields = 0;

	ck_assert_ptr_nonnull(tep);
	tep_set_long_size(tep, (int)t->target.long_size);
	nevents = json_object_array_length(all);
	ck_assert_uint_eq(nevents, t->nrefs);
	for (i = 0; i < nevents; i++) {
		json_object *ev = json_object_array_get_idx(all, i);
		const char *group = json_object_get_string(get(ev, "group"));
		const char *name = json_object_get_string(get(ev, "name"));
		struct tep_format_field **common, **own;
		struct tp_source *src;
		struct tep_event *ref = NULL;
		char *path, *label;

		/* Same order as the tree: the JSON holds every event. */
		ck_assert_str_eq(group, t->refs[i].group);
		ck_assert_int_ge(asprintf(&path, "%s/%s/%s/format", t->events,
					  group, t->refs[i].name), 0);
		ck_assert_int_ge(asprintf(&label, "%s/%s", group, name), 0);
		ck_assert_int_eq(tp_source_read(path, NULL, &src), 0);
		ck_assert_int_eq(tep_parse_format(tep, &ref, src->text,
						  src->len, group), 0);
		ck_assert_str_eq(name, ref->name);
		ck_assert_int_eq(num(ev, "id"), ref->id);
		common = tep_event_common_fields(ref);
		own = tep_event_fields(ref);
		nfields += compare_list(label, get(ev, "fields"), true, common);
		nfields += compare_list(label, get(ev, "fields"), false, own);
		free(common);
		free(own);
		free(path);
		free(label);
		tp_source_free(src);
	}
	printf("compared %zu events and %zu fields of `tpgen dump --json '*'` "
	       "with libtraceevent: %u disagreements\n", nevents, nfields,
	       mismatches);
	ck_assert_uint_eq(mismatches, 0);
	json_object_put(all);
	tep_free(tep);
	tp_tree_free(t);
}
END_TEST

/* How many live print fmts tpgen understands: at least 95%, and every
 * one it does not, listed with the reason. */
START_TEST(understands_print_fmts)
{
	struct tp_tree *t = open_tree(NULL);
	size_t i, understood = 0, total = 0;

	for (i = 0; i < t->nrefs; i++) {
		struct tp_source *src = NULL;
		struct tp_event *ev;
		struct tp_diags d;

		tp_diags_init(&d);
		ev = tp_tree_parse(t, &t->refs[i], TP_PRINT_ALL, &d, &src);
		tp_diags_flush(&d, stderr);
		tp_diags_fini(&d);
		ck_assert_ptr_nonnull(ev);
		if (ev->print) {
			total++;
			if (!ev->print->problem)
				understood++;
			else
				printf("  %s/%s:%u:%u: %s\n", ev->group, ev->name,
				       ev->print->problem_line,
				       ev->print->problem_column,
				       ev->print->problem);
		}
		tp_event_free(ev);
		tp_source_free(src);
	}
	printf("print fmts understood: %zu of %zu (%.1f%%)\n", understood,
	       total, total ? 100.0 * (double)understood / (double)total : 0);
	ck_assert_uint_gt(total, 0);
	ck_assert_uint_ge(understood * 100, total * 95);
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
	tcase_add_test(tc, json_agrees_with_libtraceevent);
	tcase_add_test(tc, understands_print_fmts);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
