/* SPDX-License-Identifier: GPL-2.0-or-later */
/* C identifiers made from names, and names made unique in a scope. */
#ifndef TPGEN_NAMES_H
#define TPGEN_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "nameset.h"

/*
 * Names made unique in one scope (a struct's members, its accessors, the
 * loader's JSON keys): a name asked for again is given with "_2", "_3"...
 * added, the first of these that is free.  Where each search ended is
 * kept, and the next one for the same stem starts there, as what was
 * taken stays taken: searching from "_2" each time made 10,000 fields of
 * one name take 16 s, 40,000 over 5 min.
 */
struct tp_names;

/* A scope for about count names, where names that come in pairs take a
 * second one, the first followed by with (NULL: none do).  NULL when out
 * of memory. */
struct tp_names *tp_names_new(size_t count, const char *with);

/* want, or when it is taken the first of its first stem bytes followed
 * by "_2", "_3"... that is free; when pair is set, the name followed by
 * the scope's with must be free too, and both are taken.  The caller owns
 * the name returned and keeps it until tp_names_free(): the scope points
 * at it.  NULL when out of memory. */
char *tp_names_take(struct tp_names *n, const char *want, size_t stem,
		    bool pair);

/* Releases n, and the names it made for with.  Accepts NULL. */
void tp_names_free(struct tp_names *n);

/* A copy of s made into a C identifier: every character outside
 * [A-Za-z0-9_] becomes '_', and a leading digit gets a '_' before it. */
char *tp_c_identifier(const char *s);

/* True for names that C or C++ reserve, or that libc or compilers define as
 * macros (errno, linux, major): members so named get a trailing '_'. */
bool tp_c_reserved(const char *name);

/* Writes tp_c_identifier(s) (len bytes) to out, which has room for
 * len + 2; returns its length. */
size_t tp_c_identifier_into(char *out, const char *s, size_t len);

/* [A-Za-z0-9_], whatever the locale. */
static inline bool tp_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Whether s is a C identifier as it is: tp_c_identifier() would not
 * change it.  Inline: it runs for every field's name. */
static inline bool tp_is_c_identifier(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++)
		if (!tp_id_char(*s))
			return false;
	return true;
}

#endif
