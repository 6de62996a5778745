/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nameset.h"

/* FNV-1a over the whole name, prefix then name. */
static size_t name_hash(const char *prefix, const char *name)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const char *s;

	for (s = prefix; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	for (s = name; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (size_t)(h ^ h >> 32);
}

/* Whether s is prefix followed by name. */
static bool same(const char *s, const char *prefix, size_t lp,
		 const char *name)
{
	return strncmp(s, prefix, lp) == 0 && strcmp(s + lp, name) == 0;
}

/* Where prefix and name, joined, are in set, or the free slot where they
 * would go. */
static const char **slot(const struct tp_name_set *set, const char *prefix,
			 const char *name)
{
	size_t i = name_hash(prefix, name) % set->nslots, lp = strlen(prefix);

	while (set->slots[i] && !same(set->slots[i], prefix, lp, name))
		i = i + 1 < set->nslots ? i + 1 : 0;
	return &set->slots[i];
}

static int make(struct tp_name_set *set, size_t nslots)
{
	const char **slots = calloc(nslots, sizeof(*slots));

	/* Out of memory leaves set as it was. */
	if (!slots)
		return ENOMEM;
	set->slots = slots;
	set->nslots = nslots;
	set->n = 0;
	return 0;
}

int tp_name_set_init(struct tp_name_set *set, size_t count)
{
	if (count > SIZE_MAX / 2 / sizeof(char *))
		return ENOMEM;
	/* Two thirds full at most: count names fit without growing (an
	 * array grown while full is there twice while its names move). */
	return make(set, count + count / 2 + 16);
}

bool tp_name_set_has(const struct tp_name_set *set, const char *name)
{
	return *slot(set, "", name) != NULL;
}

bool tp_name_set_has_joined(const struct tp_name_set *set,
			    const char *prefix, const char *name)
{
	return *slot(set, prefix, name) != NULL;
}

int tp_name_set_add(struct tp_name_set *set, const char *name)
{
	/* At most two thirds full, where probes stay short. */
	if (3 * (set->n + 1) > 2 * set->nslots) {
		struct tp_name_set bigger;
		size_t i;

		if (make(&bigger, 2 * set->nslots))
			return ENOMEM;
		for (i = 0; i < set->nslots; i++)
			if (set->slots[i])
				*slot(&bigger, "", set->slots[i]) =
					set->slots[i];
		bigger.n = set->n;
		free(set->slots);
		*set = bigger;
	}
	*slot(set, "", name) = name;
	set->n++;
	return 0;
}

void tp_name_set_fini(struct tp_name_set *set)
{
	free(set->slots);
	set->slots = NULL;
	set->nslots = set->n = 0;
}
