/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ctypes.h"
#include "event.h"

/* size 0 stands for the kernel's long.  Sorted by name (strcmp), for
 * find(): a field's type is looked up for every field read. */
static const struct ctype {
	const char *name; /* first, for find() */
	unsigned char size;
	bool is_signed;
} types[] = {
	{ "_Bool", 1, false },
	{ "__be16", 2, false },
	{ "__be32", 4, false },
	{ "__be64", 8, false },
	{ "__le16", 2, false },
	{ "__le32", 4, false },
	{ "__le64", 8, false },
	{ "__s16", 2, true },
	{ "__s32", 4, true },
	{ "__s64", 8, true },
	{ "__s8", 1, true },
	{ "__u16", 2, false },
	{ "__u32", 4, false },
	{ "__u64", 8, false },
	{ "__u8", 1, false },
	{ "aio_context_t", 0, false },
	{ "bool", 1, false },
	{ "char", 1, true },
	{ "clockid_t", 4, true },
	{ "dev_t", 4, false },
	{ "gfp_t", 4, false },
	{ "gid_t", 4, false },
	{ "int", 4, true },
	{ "int16_t", 2, true },
	{ "int32_t", 4, true },
	{ "int64_t", 8, true },
	{ "int8_t", 1, true },
	{ "intptr_t", 0, true },
	{ "key_serial_t", 4, true },
	{ "key_t", 4, true },
	{ "ktime_t", 8, true },
	{ "loff_t", 8, true },
	{ "long", 0, true },
	{ "long int", 0, true },
	{ "long long", 8, true },
	{ "long long int", 8, true },
	{ "mqd_t", 4, true },
	{ "off_t", 0, true },
	{ "pid_t", 4, true },
	{ "ptrdiff_t", 0, true },
	{ "qid_t", 4, false },
	{ "rwf_t", 4, true },
	{ "s16", 2, true },
	{ "s32", 4, true },
	{ "s64", 8, true },
	{ "s8", 1, true },
	{ "sector_t", 8, false },
	{ "short", 2, true },
	{ "short int", 2, true },
	{ "signed", 4, true },
	{ "signed char", 1, true },
	{ "signed int", 4, true },
	{ "signed long", 0, true },
	{ "signed long long", 8, true },
	{ "signed short", 2, true },
	{ "size_t", 0, false },
	{ "ssize_t", 0, true },
	{ "timer_t", 4, true },
	{ "u16", 2, false },
	{ "u32", 4, false },
	{ "u64", 8, false },
	{ "u8", 1, false },
	{ "uid_t", 4, false },
	{ "uint16_t", 2, false },
	{ "uint32_t", 4, false },
	{ "uint64_t", 8, false },
	{ "uint8_t", 1, false },
	{ "uintptr_t", 0, false },
	{ "umode_t", 2, false },
	{ "unsigned", 4, false },
	{ "unsigned char", 1, false },
	{ "unsigned int", 4, false },
	{ "unsigned long", 0, false },
	{ "unsigned long int", 0, false },
	{ "unsigned long long", 8, false },
	{ "unsigned long long int", 8, false },
	{ "unsigned short", 2, false },
	{ "unsigned short int", 2, false },
};

/*
 * The index of name in n entries of size bytes at base, each starting
 * with a name, sorted by strcmp(); n when it is not there.  By hand, not
 * bsearch(): most names differ from an entry in their first byte, which
 * is compared here without a call (this runs for every field and every
 * member, 13 M instructions of 380 M with bsearch()).
 */
static size_t find(const char *name, const void *base, size_t n,
		   size_t size)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *entry = *(const char *const *)
				    ((const char *)base + mid * size);
		int c = (unsigned char)name[0] - (unsigned char)entry[0];

		if (!c)
			c = strcmp(name, entry);
		if (!c)
			return mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return n;
}

unsigned tp_ctype_size(const char *type, unsigned long_size, bool *is_signed)
{
	size_t n = sizeof(types) / sizeof(types[0]);
	size_t i = find(type, types, n, sizeof(types[0]));
	const struct ctype *t = i < n ? &types[i] : NULL;

	if (t) {
		if (is_signed)
			*is_signed = t->is_signed;
		return t->size ? t->size : long_size;
	}
	/* Enumerations are int-sized in the kernel's ABI. */
	if (strncmp(type, "enum ", 5) == 0) {
		if (is_signed)
			*is_signed = false;
		return 4;
	}
	return 0;
}

bool tp_word_in(const char *word, const char *const *sorted, size_t n)
{
	return find(word, sorted, n, sizeof(*sorted)) < n;
}

bool tp_ctype_is_qualifier(const char *word, unsigned len)
{
	/* With their lengths: this runs for every word of every type. */
#define QUAL(s) { s, sizeof(s) - 1 }
	static const struct { const char *s; unsigned len; } quals[] = {
		QUAL("const"), QUAL("volatile"), QUAL("restrict"),
		QUAL("__restrict"), QUAL("__user"), QUAL("__rcu"),
		QUAL("__iomem"), QUAL("__percpu"), QUAL("__force"),
		QUAL("__kernel"),
	};
#undef QUAL
	size_t i;

	for (i = 0; i < sizeof(quals) / sizeof(quals[0]); i++)
		if (quals[i].len == len && memcmp(quals[i].s, word, len) == 0)
			return true;
	return false;
}

const char *tp_ctype_base(const char *type, char out[TP_CTYPE_BASE_MAX],
			 unsigned *stars)
{
	char *o = out, *end = out + TP_CTYPE_BASE_MAX - 1;
	const char *p = type;

	*stars = 0;
	while (*p) {
		size_t len;

		if (*p == '*') {
			(*stars)++;
			p++;
			continue;
		}
		if (!isalnum((unsigned char)*p) && *p != '_') {
			p++;
			continue;
		}
		len = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			     "0123456789_");
		if ((len == 13 && strncmp(p, "__attribute__", 13) == 0) ||
		    (len == 11 && strncmp(p, "__attribute", 11) == 0)) {
			/* Skip the parenthesised arguments. */
			int depth = 0;

			for (p += len; *p; p++) {
				if (*p == '(')
					depth++;
				else if (*p == ')' && --depth == 0) {
					p++;
					break;
				}
			}
			continue;
		}
		if (!tp_ctype_is_qualifier(p, (unsigned)len) &&
		    len + (o != out) > (size_t)(end - o)) {
			/* No type tpgen knows is so long. */
			o = out;
			end = out;
		} else if (!tp_ctype_is_qualifier(p, (unsigned)len)) {
			if (o != out)
				*o++ = ' ';
			memcpy(o, p, len);
			o += len;
		}
		p += len;
	}
	*o = '\0';
	return out;
}

enum tp_syscall tp_syscall_event(const struct tp_event *ev)
{
	const struct tp_field *nr = NULL, *last = NULL;
	enum tp_syscall kind;
	size_t i, n = 0;

	if (!ev->group || !ev->name || strcmp(ev->group, "syscalls") != 0)
		return TP_SYSCALL_NONE;
	if (strncmp(ev->name, "sys_enter_", 10) == 0 && ev->name[10])
		kind = TP_SYSCALL_ENTER;
	else if (strncmp(ev->name, "sys_exit_", 9) == 0 && ev->name[9])
		kind = TP_SYSCALL_EXIT;
	else
		return TP_SYSCALL_NONE;
	for (i = 0; i < ev->nfields; i++) {
		const struct tp_field *f = &ev->fields[i];

		if (f->common)
			continue;
		if (!nr) {
			if (strcmp(f->name, "__syscall_nr") != 0)
				return TP_SYSCALL_NONE;
			nr = f;
			continue;
		}
		/* Every slot is the kernel's long. */
		if ((f->kind != TP_FIELD_SCALAR &&
		     f->kind != TP_FIELD_POINTER) ||
		    (f->size != 4 && f->size != 8) ||
		    (last && f->size != last->size))
			return TP_SYSCALL_NONE;
		last = f;
		n++;
	}
	if (!nr || (kind == TP_SYSCALL_EXIT &&
		    (n != 1 || strcmp(last->name, "ret") != 0)))
		return TP_SYSCALL_NONE;
	return kind;
}

bool tp_syscall_arg_type(const struct tp_event *ev, const struct tp_field *f,
			 unsigned *width, bool *is_signed)
{
	char base[TP_CTYPE_BASE_MAX];
	unsigned stars, size;

	if (f->common || f->kind != TP_FIELD_SCALAR ||
	    strcmp(f->name, "__syscall_nr") == 0 ||
	    tp_syscall_event(ev) != TP_SYSCALL_ENTER)
		return false;
	tp_ctype_base(f->type, base, &stars);
	/* The slot is as wide as the kernel's long. */
	size = stars ? 0 : tp_ctype_size(base, f->size, is_signed);
	if (!size || size > f->size ||
	    (size == f->size && *is_signed == f->is_signed))
		return false;
	*width = size;
	return true;
}
