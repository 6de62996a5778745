/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A loader's statements printing an event's fields as field=value (or as
 * JSON), from the record the BPF program sent: each member in its type,
 * dynamic data from the record's slots, and what the running kernel
 * lacks or keeps whole said so.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ctypes.h"
#include "cwrap.h"
#include "fields.h"
#include "header.h"
#include "names.h"
#include "reloc.h"

/* What a field's elements are: characters, integers of a width, or bytes
 * of no known type. */
struct elements {
	bool chars;
	bool pointers;
	unsigned width; /* 0: bytes */
	bool is_signed;
};

static struct elements elements_of(const char *type, unsigned long_size)
{
	struct elements e = { false, false, 0, false };
	char base[TP_CTYPE_BASE_MAX];
	unsigned stars;

	if (!type)
		return e;
	tp_ctype_base(type, base, &stars);
	if (stars) {
		e.width = long_size;
		e.pointers = true;
	} else {
		e.chars = strcmp(base, "char") == 0;
		e.width = tp_ctype_size(base, long_size, &e.is_signed);
	}
	return e;
}

static void print_dynamic(struct tp_buf *f, const struct tp_layout *l,
			  const struct tp_member *m, const char *key,
			  unsigned long_size)
{
	const struct tp_field *fd = m->field;
	struct elements e = elements_of(fd->elem_type, long_size);
	char d[64];

	snprintf(d, sizeof(d), "tpgen_dyn((void *)rec->data, %u, %d)",
		 l->fixed_size, m->slot);
	if (e.chars || m->width == 2)
		tp_buf_printf(f, "\ttpgen_str(o, \"%s\", %s->data, %s->len);\n",
			key, d, d);
	else if (e.width == 1 || e.width == 2 || e.width == 4 || e.width == 8)
		tp_buf_printf(f, "\ttpgen_dyn_array(o, \"%s\", %s, %u, %s, %s);\n",
			key, d, e.width, e.is_signed ? "true" : "false",
			e.pointers ? "true" : "false");
	else
		tp_buf_printf(f, "\ttpgen_bytes(o, \"%s\", %s->data, %s->len);\n",
			key, d, d);
}

static void print_member(struct tp_buf *f, const struct tp_layout *l,
			 const struct tp_member *m, const char *key,
			 unsigned long_size)
{
	const struct tp_field *fd = m->field;
	struct elements e = elements_of(fd->elem_type, long_size);
	const char *item = e.pointers ? "hex" : m->is_signed ? "int" : "uint";
	unsigned width;
	bool is_signed;

	/* A syscall's argument as its declared type (dfd=-100), not as
	 * the unsigned long the kernel keeps it in. */
	if (m->kind == TP_MEMBER_FIELD &&
	    tp_syscall_arg_type(l->ev, fd, &width, &is_signed)) {
		char *value = tp_header_value_name(l, m);

		if (!value) {
			f->failed = true; /* out of memory: no file */
			return;
		}
		tp_buf_printf(f, "\ttpgen_%s(o, \"%s\", %s_%s(ctx));\n",
			is_signed ? "int" : "uint", key, l->tag, value);
		free(value);
		return;
	}
	if (m->kind == TP_MEMBER_ACCESSOR) {
		if (m->count || m->flexible)
			tp_buf_printf(f, "\ttpgen_bytes(o, \"%s\", %s_%s(ctx), %u);\n",
				key, l->tag, m->accessor, m->size);
		else
			tp_buf_printf(f, "\ttpgen_%s(o, \"%s\", %s_%s(ctx));\n",
				m->is_signed ? "int" : "uint", key, l->tag,
				m->accessor);
		return;
	}
	if (fd->kind == TP_FIELD_POINTER) {
		tp_buf_printf(f, "\ttpgen_hex(o, \"%s\", ctx->%s);\n", key, m->name);
	} else if (fd->kind == TP_FIELD_ARRAY && m->width == 1 && e.chars) {
		tp_buf_printf(f, "\ttpgen_str(o, \"%s\", ctx->%s, sizeof(ctx->%s));\n",
			key, m->name, m->name);
	} else if (m->count && (fd->kind != TP_FIELD_ARRAY || !e.width)) {
		tp_buf_printf(f, "\ttpgen_bytes(o, \"%s\", ctx->%s, sizeof(ctx->%s));\n",
			key, m->name, m->name);
	} else if (m->count) {
		tp_buf_printf(f, "\t{\n\t\tunsigned saved, i;\n\n"
			"\t\ttpgen_array_begin(o, \"%s\", &saved);\n"
			"\t\tfor (i = 0; i < %u; i++)\n"
			"\t\t\ttpgen_%s(o, NULL, ctx->%s[i]);\n"
			"\t\ttpgen_array_end(o, saved);\n\t}\n", key, m->count,
			item, m->name);
	} else {
		tp_buf_printf(f, "\ttpgen_%s(o, \"%s\", ctx->%s);\n",
			m->is_signed ? "int" : "uint", key, m->name);
	}
}

/* Adds code, one statement or block, indented once more. */
static void add_indented(struct tp_buf *f, const struct tp_buf *code)
{
	size_t i, from = 0;

	for (i = 0; i < code->len; i++) {
		if (code->data[i] != '\n')
			continue;
		tp_buf_addc(f, '\t');
		tp_buf_add(f, code->data + from, i + 1 - from);
		from = i + 1;
	}
}

/*
 * How integer m prints when the record keeps it whole, where the running
 * kernel's is wider than built, or of the other sign: pointers in hex, a
 * syscall's argument as its declared type, others in their sign on the
 * running kernel.  Arrays and dynamic fields are never kept whole.
 */
static const char *whole_as(const struct tp_event_code *c,
			    const struct tp_member *m, char *buf, size_t size)
{
	unsigned width;
	bool is_signed;

	if (!tp_reloc_relocated(m) || m->count || tp_member_dynamic(m))
		return "TPGEN_NOT_WHOLE";
	if (m->field->kind == TP_FIELD_POINTER)
		return "TPGEN_WHOLE_HEX";
	if (!tp_syscall_arg_type(c->l->ev, m->field, &width, &is_signed))
		return "TPGEN_WHOLE_SIGN";
	snprintf(buf, size, "TPGEN_WHOLE_%c%u", is_signed ? 'S' : 'U',
		 width * 8);
	return buf;
}

/* The print of a field the running kernel may lack, or have whole (index
 * in the loader's table of fields): tpgen_by_name() prints those. */
static void print_present(struct tp_buf *f, const struct tp_event_code *c,
			  const struct tp_member *m, const char *key,
			  size_t index)
{
	struct tp_buf code = { 0 };
	char as[24];

	if (tp_member_dynamic(m))
		print_dynamic(&code, c->l, m, key, c->long_size);
	else
		print_member(&code, c->l, m, key, c->long_size);
	tp_buf_printf(f, "\tif (tpgen_by_name(o, &%s, rec, %zu, \"%s\", %s))\n",
		      c->reloc, index, key, whole_as(c, m, as, sizeof(as)));
	add_indented(f, &code);
	f->failed |= code.failed;
	tp_buf_fini(&code);
}

/*
 * Loader code printing the event's own fields in the order of the format
 * file.  Common fields are left to the line's prefix; flexible arrays
 * have no length to print with.  A name that repeats gets _2, _3... so
 * that JSON keys stay unique.  Each field's code is made apart, and its
 * long lines broken.
 */
void tp_print_fields(struct tp_buf *f, const void *arg)
{
	const struct tp_event_code *c = arg;
	const struct tp_layout *l = c->l;
	unsigned long_size = c->long_size;
	const struct tp_event *ev = l->ev;
	struct tp_names *seen = tp_names_new(ev->nfields, NULL);
	char **keys = calloc(ev->nfields + 1, sizeof(*keys));
	size_t i, nkeys = 0, ndynamic = 0, index = 0;
	struct tp_buf code = { 0 };

	if (!keys || !seen)
		f->failed = true; /* the file is not written */
	for (i = 0; i < ev->nfields; i++) {
		const struct tp_member *m = tp_layout_member(l, &ev->fields[i]);
		bool in_table = tp_reloc_in_table(l, &ev->fields[i]);
		char *key;

		index += in_table;
		if (!m || m->flexible || (ev->fields[i].common &&
					  !tp_member_dynamic(m)))
			continue;
		key = f->failed ? NULL :
		      tp_names_take(seen, ev->fields[i].name,
				    strlen(ev->fields[i].name), false);
		if (!key) {
			f->failed = true;
			break;
		}
		keys[nkeys++] = key;
		ndynamic += tp_member_dynamic(m);
		if (in_table)
			print_present(&code, c, m, key, index - 1);
		else if (tp_member_dynamic(m))
			print_dynamic(&code, l, m, key, long_size);
		else
			print_member(&code, l, m, key, long_size);
		tp_c_wrap_buf(f, &code);
	}
	tp_buf_fini(&code);
	tp_names_free(seen);
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	/* Members are read through ctx, dynamic data through rec: what no
	 * field needs is marked unused. */
	if (!nkeys)
		tp_buf_adds(f, "\t(void)o;\n");
	if (nkeys == ndynamic)
		tp_buf_adds(f, "\t(void)ctx;\n");
	if (!ndynamic)
		tp_buf_adds(f, "\t(void)rec;\n");
}

