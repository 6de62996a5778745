/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctypes.h"
#include "cwrap.h"
#include "header.h"
#include "nameset.h"
#include "reloc.h"

/* Whether the elements of f are char: a string. */
static bool of_chars(const struct tp_field *f)
{
	char base[TP_CTYPE_BASE_MAX];
	unsigned stars;

	return f->elem_type &&
	       strcmp(tp_ctype_base(f->elem_type, base, &stars), "char") == 0 &&
	       !stars;
}

/* Whether m's C name is its field's name (prefixed as the kernel's BTF
 * does for __data_loc and __rel_loc words): a name CO-RE can look up. */
static bool named_as_field(const struct tp_member *m)
{
	const struct tp_field *f = m->field;
	const char *name = m->name;

	if (f->kind == TP_FIELD_DATA_LOC && !strncmp(name, "__data_loc_", 11))
		name += 11;
	else if (f->kind == TP_FIELD_REL_LOC &&
		 !strncmp(name, "__rel_loc_", 10))
		name += 10;
	return strcmp(name, f->name) == 0;
}

bool tp_reloc_relocated(const struct tp_member *m)
{
	const struct tp_field *f = m->field;
	unsigned w = m->width;

	/* A program cannot read its context's first 8 bytes by name. */
	if (!f || f->common || f->offset < 8 || m->kind != TP_MEMBER_FIELD ||
	    m->align || m->flexible || !named_as_field(m))
		return false;
	if (tp_member_dynamic(m))
		return w == 4;
	if (w != 1 && w != 2 && w != 4 && w != 8)
		return false;
	if (f->kind == TP_FIELD_ARRAY)
		return m->count && !f->has_array_expr;
	return !m->count &&
	       (f->kind == TP_FIELD_SCALAR || f->kind == TP_FIELD_POINTER);
}

/* The names of the members the program reads by name, into set (which
 * the caller finishes).  0 or ENOMEM. */
static int relocated_names(const struct tp_layout *l, struct tp_name_set *set)
{
	size_t i;
	int err = tp_name_set_init(set, l->nmembers);

	for (i = 0; !err && i < l->nmembers; i++)
		if (tp_reloc_relocated(&l->members[i]))
			err = tp_name_set_add(set, l->members[i].name);
	return err;
}

/* Whether the program reads m's field, a string, in both forms a kernel
 * may record it: char[N] and __data_loc char[].  Not when the other
 * form's name is a field's of its own. */
static bool both_forms(const struct tp_name_set *names,
		       const struct tp_member *m)
{
	const struct tp_field *f = m->field;

	if (!of_chars(f) || !(f->kind == TP_FIELD_DATA_LOC ||
			      (f->kind == TP_FIELD_ARRAY && m->width == 1)))
		return false;
	if (f->kind == TP_FIELD_DATA_LOC)
		return !tp_name_set_has(names, f->name);
	return !tp_name_set_has_joined(names, "__data_loc_", f->name);
}

/* The name of the struct of ev's fields, or of their signs. */
static char *struct_name(const struct tp_event *ev, bool sign)
{
	char *group = tp_c_identifier(ev->group ? ev->group : "");
	char *event = tp_c_identifier(ev->name);
	char *name = NULL, *p, *q;

	if (group && event &&
	    asprintf(&name, "tpgen%s__%s__%s", sign ? "_sign" : "", group,
		     event) < 0)
		name = NULL;
	free(group);
	free(event);
	/* libbpf takes what follows "___" for a flavour, not for the name. */
	for (p = q = name; p && *p; p++)
		if (!(p[0] == '_' && p[1] == '_' && p[2] == '_'))
			*q++ = *p;
	if (q)
		*q = '\0';
	return name;
}

/* The struct's member for m's field, and for a string the other way a
 * kernel may record it. */
int tp_reloc_init(struct tp_reloc *r, const struct tp_layout *l)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	r->l = l;
	r->place = -1;
	r->name = struct_name(l->ev, false);
	r->sign = struct_name(l->ev, true);
	if (!r->name || !r->sign || relocated_names(l, &r->names)) {
		tp_reloc_fini(r);
		return ENOMEM;
	}
	r->index = calloc(l->ev->nfields + 1, sizeof(*r->index));
	if (!r->index) {
		tp_reloc_fini(r);
		return ENOMEM;
	}
	for (i = 0; i < l->ev->nfields; i++) {
		r->index[i] = r->ntable;
		r->ntable += tp_reloc_in_table(l, &l->ev->fields[i]);
	}
	return 0;
}

bool tp_reloc_both_forms(const struct tp_reloc *r, const struct tp_member *m)
{
	return tp_reloc_relocated(m) && both_forms(&r->names, m);
}

void tp_reloc_fini(struct tp_reloc *r)
{
	free(r->name);
	free(r->sign);
	free(r->index);
	free(r->filtered);
	tp_name_set_fini(&r->names);
	memset(r, 0, sizeof(*r));
}

static void core_member(struct tp_buf *f, const struct tp_member *m,
			bool both)
{
	const struct tp_field *fd = m->field;

	if (tp_member_dynamic(m)) {
		tp_buf_printf(f, "\t__u32 %s;\n", m->name);
		if (both)
			tp_buf_printf(f, "\tchar %s[1]; /* or as char[N] */\n",
				      fd->name);
	} else if (m->count) {
		tp_buf_printf(f, "\t%s %s[%u];\n", of_chars(fd) ? "char" :
			      m->width == 1 ? "__u8" : m->width == 2 ? "__u16" :
			      m->width == 4 ? "__u32" : "__u64", m->name,
			      m->count);
		if (both)
			tp_buf_printf(f, "\t__u32 __data_loc_%s; /* or as "
				      "__data_loc char[] */\n", m->name);
	} else {
		tp_buf_printf(f, "\t__u64 %s;\n", m->name);
	}
}

void tp_reloc_structs(struct tp_buf *f, const struct tp_reloc *r)
{
	const struct tp_layout *l = r->l;
	size_t i, scalars = 0;

	tp_buf_printf(f, "\n#ifdef __bpf__\n/*\n"
		" * The event's fields by name, for its BPF program: when libbpf\n"
		" * loads the program, it moves each read to where the running\n"
		" * kernel has the field (CO-RE).  Offsets and array sizes here\n"
		" * mean nothing.\n"
		" */\nstruct %s {\n", r->name);
	for (i = 0; i < l->nmembers; i++) {
		const struct tp_member *m = &l->members[i];

		if (!tp_reloc_relocated(m))
			continue;
		core_member(f, m, both_forms(&r->names, m));
		scalars += !m->count && !tp_member_dynamic(m);
	}
	tp_buf_adds(f, "} __attribute__((preserve_access_index));\n");
	if (scalars) {
		tp_buf_printf(f, "\n/* Integers are read unsigned, in their size on the "
			      "running kernel,\n * then extended as their sign "
			      "there says: this struct tells it. */\n"
			      "struct %s {\n", r->sign);
		for (i = 0; i < l->nmembers; i++) {
			const struct tp_member *m = &l->members[i];

			if (tp_reloc_relocated(m) && !m->count &&
			    !tp_member_dynamic(m))
				tp_buf_printf(f, "\t__u64 %s;\n", m->name);
		}
		tp_buf_adds(f, "} __attribute__((preserve_access_index));\n");
	}
	tp_buf_adds(f, "#endif\n");
}

/* The read of a field the program does not read by name: the record's
 * copy of it is where it was at build time.  Only dynamic data needs
 * more: the words are read from that copy. */
static void read_in_place(struct tp_buf *f, const struct tp_member *m,
			  const char *dyn)
{
	if (m->width == 2)
		tp_buf_printf(f, "\ttpgen_copy_str(%s,\n\t\t(const char *)ctx "
			      "+ copy->%s);\n", dyn, m->name);
	else if (m->field->kind == TP_FIELD_REL_LOC)
		tp_buf_printf(f, "\ttpgen_copy(%s,\n\t\t(const char *)ctx + %u "
			      "+ (copy->%s & 0xffff),\n\t\tcopy->%s >> 16);\n",
			      dyn, m->offset + 4, m->name, m->name);
	else
		tp_buf_printf(f, "\ttpgen_copy(%s,\n\t\t(const char *)ctx + "
			      "(copy->%s & 0xffff),\n\t\tcopy->%s >> 16);\n",
			      dyn, m->name, m->name);
}

static void read_member(struct tp_buf *f, const struct tp_reloc *r,
			const struct tp_member *m, bool both)
{
	const struct tp_layout *l = r->l;
	const struct tp_field *fd = m->field;
	char dyn[64];

	snprintf(dyn, sizeof(dyn), "tpgen_dyn(rec->data, %u, %d)",
		 l->fixed_size, m->slot);
	if (!tp_reloc_relocated(m)) {
		if (tp_member_dynamic(m))
			read_in_place(f, m, dyn);
	} else if (tp_member_dynamic(m) && both) {
		tp_buf_printf(f, "\tTPGEN_LOC_STR(%s, ctx, %s);\n", dyn,
			      fd->name);
	} else if (tp_member_dynamic(m)) {
		tp_buf_printf(f, "\tif (bpf_core_field_exists(ctx->%s))\n"
			      "\t\tTPGEN_%s(%s, ctx, %s);\n", m->name,
			      fd->kind == TP_FIELD_REL_LOC ? "REL_LOC" : "LOC",
			      dyn, fd->name);
	} else if (m->count && both) {
		tp_buf_printf(f, "\tTPGEN_STR(copy->%s, ctx, %s);\n", m->name,
			      m->name);
	} else if (m->count) {
		tp_buf_printf(f, "\tif (bpf_core_field_exists(ctx->%s))\n"
			      "\t\tTPGEN_ARRAY(copy->%s, ctx, %s);\n", m->name,
			      m->name, m->name);
	} else {
		tp_buf_printf(f, "\tif (bpf_core_field_exists(ctx->%s))\n"
			      "\t\tcopy->%s = TPGEN_INT(ctx, sign, %s, "
			      "whole[%zu]);\n", m->name, m->name, m->name,
			      r->index[fd - l->ev->fields]);
	}
}

/* The test of the program's filter, under the filter as written, its
 * words in lines of at most 80 columns where they fit. */
static void filter(struct tp_buf *f, const struct tp_reloc *r)
{
	struct tp_buf code = { 0 };
	const char *s = r->filter_text, *end;
	size_t col = 10, n; /* after the tab and the comment's start */

	tp_buf_adds(f, "\t/*");
	for (s += strspn(s, " \t\n"); *s; s = end + strspn(end, " \t\n")) {
		end = s + strcspn(s, " \t\n");
		n = (size_t)(end - s);
		if (col > 11 && col + n > 77) {
			tp_buf_adds(f, "\n\t *");
			col = 11;
		}
		tp_buf_addc(f, ' ');
		for (; s < end; s++) {
			/* Not the end of the comment: a glob's "*" "/". */
			if (s[0] == '*' && s[1] == '/')
				tp_buf_adds(f, "*\\");
			else
				tp_buf_addc(f, *s);
		}
		col += n + 1;
	}
	tp_buf_adds(f, " */\n");
	tp_buf_printf(&code, "\tif (!%s)\n\t\treturn 0;\n", r->filter);
	tp_c_wrap_buf(f, &code);
	tp_buf_fini(&code);
}

void tp_reloc_reads(struct tp_buf *f, const void *reloc)
{
	const struct tp_reloc *r = reloc;
	const struct tp_layout *l = r->l;
	bool scalars = false, copied = false, raw = false;
	struct tp_buf code = { 0 };
	size_t i;

	for (i = 0; i < l->nmembers; i++) {
		const struct tp_member *m = &l->members[i];
		bool relocated = tp_reloc_relocated(m);

		if (relocated && !m->count && !tp_member_dynamic(m))
			scalars = true;
		if (!m->field)
			continue;
		/* tpgen_reserve() fills in the first 8 bytes. */
		if (!relocated && m->field->offset + m->field->size > 8)
			raw = true;
		if (m->kind == TP_MEMBER_FIELD &&
		    (relocated ? !tp_member_dynamic(m) : tp_member_dynamic(m)))
			copied = true;
	}
	if (scalars)
		tp_buf_printf(f, "\tconst struct %s *sign = NULL;\n", r->sign);
	if (copied)
		tp_buf_printf(f, "\tstruct %s *copy;\n", l->tag);
	tp_buf_adds(f, "\tstruct tpgen_record *rec;\n");
	if (scalars)
		tp_buf_adds(f, "\t__u64 *whole;\n");
	tp_buf_adds(f, "\n\tif (!tpgen_wanted())\n\t\treturn 0;\n");
	if (r->filter)
		filter(f, r);
	tp_buf_printf(f, "\trec = %s(%sTPGEN_SIZE(%u, %u, %zu), %u);\n",
		      raw ? "tpgen_start" : "tpgen_reserve", raw ? "ctx, " : "",
		      l->fixed_size, tp_layout_slots(l), r->ntable,
		      l->fixed_size);
	/* In a program of many events: the records lost, and the records'
	 * common_type, per event. */
	if (r->place < 0)
		tp_buf_adds(f, "\tif (!rec)\n\t\treturn 0;\n");
	else
		tp_buf_printf(f, "\tif (!rec) {\n\t\tTPGEN_LOST(%d);\n"
			      "\t\treturn 0;\n\t}\n\tTPGEN_EVENT(rec, %d);\n",
			      r->place, r->place);
	if (copied)
		tp_buf_adds(f, "\tcopy = (void *)rec->data;\n");
	if (scalars)
		tp_buf_printf(f, "\twhole = (void *)rec + TPGEN_RECORD_SIZE(%u, "
			      "%u);\n", l->fixed_size, tp_layout_slots(l));
	for (i = 0; i < l->nmembers; i++) {
		const struct tp_member *m = &l->members[i];

		if (m->kind != TP_MEMBER_FIELD || !m->field)
			continue;
		read_member(&code, r, m, tp_reloc_relocated(m) &&
			    both_forms(&r->names, m));
		tp_c_wrap_buf(f, &code);
	}
	tp_buf_fini(&code);
}

bool tp_reloc_in_table(const struct tp_layout *l, const struct tp_field *f)
{
	return !f->common && tp_layout_member(l, f);
}

static enum tp_reloc_kind field_kind(const struct tp_field *f)
{
	switch (f->kind) {
	case TP_FIELD_SCALAR:
	case TP_FIELD_POINTER:
		return TP_RELOC_SCALAR;
	case TP_FIELD_ARRAY:
		return TP_RELOC_ARRAY;
	case TP_FIELD_DATA_LOC:
		return TP_RELOC_DATA_LOC;
	case TP_FIELD_REL_LOC:
		return TP_RELOC_REL_LOC;
	case TP_FIELD_FLEX_ARRAY:
		break;
	}
	return TP_RELOC_OTHER;
}

void tp_reloc_describe(const struct tp_reloc *r, const struct tp_field *f,
		       struct tp_reloc_field *out)
{
	const struct tp_member *m = tp_layout_member(r->l, f);

	out->name = f->name;
	out->offset = f->offset;
	out->size = f->size;
	out->count = f->kind == TP_FIELD_ARRAY && !f->has_array_expr ?
		     f->elem_count : 0;
	out->kind = field_kind(f);
	out->is_signed = f->is_signed;
	out->string = m && both_forms(&r->names, m);
	out->relocated = m && tp_reloc_relocated(m);
	out->filtered = r->filtered && r->filtered[f - r->l->ev->fields];
}

/* The table of what the program was built for, as fields[] and `built`,
 * whose records are record_size bytes (a C expression). */
static void table(struct tp_buf *f, const struct tp_reloc *r,
		  const char *fields, const char *built,
		  const char *record_size)
{
	const struct tp_layout *l = r->l;
	const struct tp_event *ev = l->ev;
	size_t i, n = 0;

	for (i = 0; i < ev->nfields; i++) {
		static const char *const kinds[] = {
			"TPGEN_SCALAR", "TPGEN_ARRAY", "TPGEN_DATA_LOC",
			"TPGEN_REL_LOC", "TPGEN_OTHER",
		};
		const struct tp_field *fd = &ev->fields[i];
		struct tp_reloc_field d;

		if (!tp_reloc_in_table(l, fd))
			continue;
		tp_reloc_describe(r, fd, &d);
		if (!n++)
			tp_buf_printf(f, "/* name, offset, size, elements, "
				      "kind, signed, string, relocated, "
				      "filtered */\n"
				      "static const struct tpgen_field "
				      "%s[] = {\n", fields);
		tp_buf_printf(f, "\t{ \"%s\", %u, %u, %u, %s, %s, %s, %s, "
			      "%s },\n", d.name, d.offset, d.size, d.count,
			      kinds[d.kind], d.is_signed ? "true" : "false",
			      d.string ? "true" : "false",
			      d.relocated ? "true" : "false",
			      d.filtered ? "true" : "false");
	}
	if (n)
		tp_buf_adds(f, "};\n\n");
	tp_buf_printf(f, "static const struct tpgen_built %s = {\n"
		      "\t\"%s\", \"%s\",\n\t\"%s\",\n\t\"%s\",\n"
		      "\t%s, %zu, 0x%016llxULL,\n\t%s,\n};\n", built,
		      ev->group, ev->name, r->name, r->sign, n ? fields : "NULL",
		      n, (unsigned long long)ev->print_fmt_xxh3, record_size);
}

void tp_reloc_table(struct tp_buf *f, const void *reloc)
{
	const struct tp_reloc *r = reloc;
	char *fields, *built, size[64];

	snprintf(size, sizeof(size), "TPGEN_RECORD_SIZE(%u, %u)",
		 r->l->fixed_size, tp_layout_slots(r->l));
	if (r->place < 0) {
		table(f, r, "built_fields", "built", size);
		return;
	}
	/* In a program of many events, named after each. */
	if (asprintf(&fields, "built_fields_%s", r->l->stem) < 0) {
		f->failed = true;
		return;
	}
	if (asprintf(&built, "built_%s", r->l->stem) < 0) {
		f->failed = true;
	} else {
		table(f, r, fields, built, size);
		free(built);
	}
	free(fields);
}

void tp_reloc_header_event(struct tp_buf *out, const struct tp_layout *l)
{
	struct tp_reloc r;
	char *fields = NULL, *built = NULL;

	tp_header_event(out, l);
	if (tp_reloc_init(&r, l)) {
		out->failed = true;
		return;
	}
	/* r.name is tpgen__GROUP__EVENT. */
	if (asprintf(&fields, "tpgen_fields%s", r.name + 5) < 0)
		fields = NULL;
	if (asprintf(&built, "tpgen_built%s", r.name + 5) < 0)
		built = NULL;
	if (!fields || !built) {
		out->failed = true;
	} else {
		tp_reloc_structs(out, &r);
		tp_buf_printf(out, "\n#if !defined(__bpf__) && "
			      "defined(TPGEN_RELOC_H)\n/*\n * The layout "
			      "the BPF program is built for, for\n"
			      " * tpgen_reloc_prepare(&%s, ...)\n"
			      " * to check against the running kernel's and "
			      "describe that to\n * libbpf.\n */\n", built);
		table(out, &r, fields, built, "0");
		tp_buf_adds(out, "#endif\n");
	}
	free(fields);
	free(built);
	tp_reloc_fini(&r);
}