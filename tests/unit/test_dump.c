/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `tpgen dump`: the JSON shape tools rely on, and the table for people. */
#include "config.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "tests.h"

static json_object *dump_json(struct tp_event **evs, size_t n)
{
	struct tp_layout *layouts = calloc(n + 1, sizeof(*layouts));
	struct tp_naming naming = { 0 };
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);
	json_object *o;

	for (i = 0; i < n; i++)
		ck_assert_int_eq(tp_layout_build(evs[i], &naming, &layouts[i]),
				 0);
	ck_assert_int_eq(tp_dump_json(f, layouts, n), 0);
	for (i = 0; i < n; i++)
		tp_layout_fini(&layouts[i]);
	free(layouts);
	fclose(f);
	o = json_tokener_parse(text);
	ck_assert_msg(o != NULL, "not JSON: %s", text);
	free(text);
	return o;
}

static json_object *get(json_object *o, const char *key)
{
	json_object *v;

	ck_assert_msg(json_object_object_get_ex(o, key, &v), "no key %s", key);
	return v;
}

static json_object *field_named(json_object *ev, const char *name)
{
	json_object *fields = get(ev, "fields");
	size_t i;

	for (i = 0; i < json_object_array_length(fields); i++) {
		json_object *f = json_object_array_get_idx(fields, i);

		if (strcmp(json_object_get_string(get(f, "name")), name) == 0)
			return f;
	}
	ck_abort_msg("no field %s", name);
	return NULL;
}

START_TEST(json_shape)
{
	struct tp_event *evs[3] = {
		parse_fixture("tree/events/xdp/xdp_exception/format", NULL),
		parse_fixture("tree/events/arrays/bounds/format", NULL),
		parse_fixture("tree/events/dynamic/data_loc/format", NULL),
	};
	json_object *root, *ev, *f;
	size_t i;

	evs[0]->group = strdup("xdp");
	root = dump_json(evs, 3);
	ck_assert(json_object_is_type(root, json_type_array));
	ck_assert_uint_eq(json_object_array_length(root), 3);

	ev = json_object_array_get_idx(root, 0);
	ck_assert_str_eq(json_object_get_string(get(ev, "group")), "xdp");
	ck_assert_str_eq(json_object_get_string(get(ev, "name")),
			 "xdp_exception");
	ck_assert_int_eq(json_object_get_int(get(ev, "id")), 584);
	ck_assert_int_eq(json_object_get_int(get(ev, "fixed_size")), 20);
	ck_assert_str_eq(json_object_get_string(get(ev, "print_fmt")),
			 evs[0]->print_fmt);
	ck_assert_uint_eq(json_object_array_length(get(ev, "fields")), 7);
	ck_assert_str_eq(json_object_get_string(get(ev, "struct")),
			 "xdp_exception_tp");
	/* Fields in file order. */
	f = json_object_array_get_idx(get(ev, "fields"), 0);
	ck_assert_str_eq(json_object_get_string(get(f, "name")), "common_type");
	ck_assert(json_object_get_boolean(get(f, "common")));
	f = field_named(ev, "prog_id");
	ck_assert_str_eq(json_object_get_string(get(f, "type")), "int");
	ck_assert_int_eq(json_object_get_int(get(f, "offset")), 8);
	ck_assert_int_eq(json_object_get_int(get(f, "size")), 4);
	ck_assert(json_object_is_type(get(f, "signed"), json_type_boolean));
	ck_assert(json_object_get_boolean(get(f, "signed")));
	ck_assert(!json_object_get_boolean(get(f, "common")));
	ck_assert_str_eq(json_object_get_string(get(f, "kind")), "scalar");
	ck_assert(!json_object_object_get_ex(f, "elements", NULL));

	ev = json_object_array_get_idx(root, 1);
	/* The event came without a group: null, not absent. */
	ck_assert(json_object_is_type(get(ev, "group"), json_type_null));
	f = field_named(ev, "task");
	ck_assert_str_eq(json_object_get_string(get(f, "kind")), "array");
	ck_assert_int_eq(json_object_get_int(get(f, "elements")), 16);
	ck_assert_int_eq(json_object_get_int(get(f, "element_size")), 1);
	ck_assert_str_eq(json_object_get_string(get(f, "element_type")),
			 "char");
	ck_assert_str_eq(json_object_get_string(get(f, "array_expr")),
			 "TASK_COMM_LEN");
	f = field_named(ev, "buf");
	ck_assert_str_eq(json_object_get_string(get(f, "kind")), "flex_array");

	ev = json_object_array_get_idx(root, 2);
	f = field_named(ev, "ids");
	ck_assert_str_eq(json_object_get_string(get(f, "kind")), "data_loc");
	ck_assert_str_eq(json_object_get_string(get(f, "element_type")),
			 "struct file *");
	ck_assert_str_eq(json_object_get_string(get(f, "decl")),
			 "__data_loc struct file *[] ids");
	/* The member that holds a field, by the kernel's naming. */
	ck_assert_str_eq(json_object_get_string(get(f, "member")),
			 "__data_loc_ids");
	ck_assert(!json_object_object_get_ex(f, "accessor", NULL));

	json_object_put(root);
	for (i = 0; i < 3; i++)
		tp_event_free(evs[i]);
}
END_TEST

START_TEST(json_members)
{
	struct tp_event *evs[2] = {
		parse_fixture("tree/events/vendor/overlap/format", NULL),
		parse_fixture("tree/events/names/errno_new/format", NULL),
	};
	json_object *root = dump_json(evs, 2), *ev, *f;

	ev = json_object_array_get_idx(root, 0);
	f = field_named(ev, "word");
	ck_assert_str_eq(json_object_get_string(get(f, "member")), "word");
	/* An overlapping field is no member: an accessor reads it. */
	f = field_named(ev, "low");
	ck_assert(json_object_is_type(get(f, "member"), json_type_null));
	ck_assert_str_eq(json_object_get_string(get(f, "accessor")),
			 "overlap_tp_low");

	ev = json_object_array_get_idx(root, 1);
	ck_assert_str_eq(json_object_get_string(
			 get(field_named(ev, "errno"), "member")), "errno_");
	ck_assert_str_eq(json_object_get_string(
			 get(field_named(ev, "new"), "member")), "new_");
	ck_assert_str_eq(json_object_get_string(
			 get(field_named(ev, "old"), "member")), "old");
	json_object_put(root);
	tp_event_free(evs[0]);
	tp_event_free(evs[1]);
}
END_TEST

/* The accessor named is the one the header defines: a second field
 * called foo, which overlaps the first, is read by <tag>_foo_2, as
 * <tag>_foo reads the first one's dynamic data. */
START_TEST(json_accessor_as_in_header)
{
	struct tp_event *ev = parse_fixture(
		"tree/events/dynamic/accessor_names/format", NULL);
	json_object *root = dump_json(&ev, 1), *fields, *a;
	size_t i, found = 0;

	fields = get(json_object_array_get_idx(root, 0), "fields");
	for (i = 0; i < json_object_array_length(fields); i++)
		if (json_object_object_get_ex(
			    json_object_array_get_idx(fields, i), "accessor",
			    &a)) {
			ck_assert_str_eq(json_object_get_string(a),
					 "accessor_names_tp_foo_2");
			found++;
		}
	ck_assert_uint_eq(found, 1);
	json_object_put(root);
	tp_event_free(ev);
}
END_TEST

START_TEST(json_empty)
{
	json_object *root = dump_json(NULL, 0);

	ck_assert_uint_eq(json_object_array_length(root), 0);
	json_object_put(root);
}
END_TEST

START_TEST(text_table)
{
	struct tp_event *ev =
		parse_fixture("tree/events/dynamic/rel_loc/format", NULL);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ev->group = strdup("dynamic");
	ck_assert_int_eq(tp_dump_text(f, ev), 0);
	fclose(f);
	ck_assert_str_eq(text,
		"dynamic/rel_loc  id 1023  fixed size 20\n"
		"  offset  size sign  kind               declaration\n"
		"       0     2    u  scalar             unsigned short common_type  (common)\n"
		"       2     1    u  scalar             unsigned char common_flags  (common)\n"
		"       3     1    u  scalar             unsigned char common_preempt_count  (common)\n"
		"       4     4    s  scalar             int common_pid  (common)\n"
		"       8     4    u  scalar             u32 before\n"
		"      12     4    s  rel_loc char       __rel_loc char foo[]\n"
		"      16     4    u  rel_loc u8         __rel_loc u8 bar[]\n"
		"  print fmt: \"foo=%s\", __get_rel_str(foo)\n");
	free(text);
	tp_event_free(ev);
}
END_TEST

Suite *dump_suite(void)
{
	Suite *s = suite_create("dump");
	TCase *tc = tcase_create("dump");

	tcase_add_test(tc, json_shape);
	tcase_add_test(tc, json_members);
	tcase_add_test(tc, json_accessor_as_in_header);
	tcase_add_test(tc, json_empty);
	tcase_add_test(tc, text_table);
	suite_add_tcase(s, tc);
	return s;
}
