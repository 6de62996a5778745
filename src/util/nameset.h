/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A set of names: pointers to strings its user owns, open addressing with
 * linear probing, 12 bytes a name.  json-c's tables take 40 bytes an entry
 * (hash, links, flags) and room for half as many again, 62 bytes a name:
 * more than a field's name and its member together, for an event of
 * 100,000 fields or a print fmt naming 500,000 symbols.  No library at
 * hand keeps a set of strings in that little memory (glibc's hsearch
 * hashes only a name's first bytes, which such names share).
 */
#ifndef TPGEN_NAMESET_H
#define TPGEN_NAMESET_H

#include <stdbool.h>
#include <stddef.h>

struct tp_name_set {
	const char **slots; /* NULL for a free slot */
	size_t nslots, n;
};

/* An empty set with room for about count names before it grows.  0 or
 * ENOMEM. */
int tp_name_set_init(struct tp_name_set *set, size_t count);

bool tp_name_set_has(const struct tp_name_set *set, const char *name);

/* Whether prefix followed by name is in set: no copy made of the two
 * joined, so that the answer never depends on memory left. */
bool tp_name_set_has_joined(const struct tp_name_set *set,
			    const char *prefix, const char *name);

/* Adds name, which is not in set; set points at it from then on.  0 or
 * ENOMEM. */
int tp_name_set_add(struct tp_name_set *set, const char *name);

/* Frees the set, not the names.  Accepts a set never made. */
void tp_name_set_fini(struct tp_name_set *set);

#endif
