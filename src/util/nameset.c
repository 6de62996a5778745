/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nameset.h"

/* FNV-1a over the whole name. */
static size_t name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (size_t)(h ^ h >> 32);
}

/* Where name is in set, or the free slot where it would go. */
static const char **slot(const struct tp_name_set *set, const char *name)
{
	size_t i = name_hash(name) % set->nslots;

	while (set->slots[i] && strcmp(set->slots[i], name) != 0)
		i = i + 1 < set->nslots ? i + 1 : 0;
	return &set->slots[i];
}

static int make(struct tp_name_set *set, size_t nslots)
{
	set->slots = calloc(nslots, sizeof(*set->slots));
	set->nslots = nslots;
	set->n = 0;
	return set->slots ? 0 : ENOMEM;
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
	return *slot(set, name) != NULL;
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
				*slot(&bigger, set->slots[i]) = set->slots[i];
		bigger.n = set->n;
		free(set->slots);
		*set = bigger;
	}
	*slot(set, name) = name;
	set->n++;
	return 0;
}

void tp_name_set_fini(struct tp_name_set *set)
{
	free(set->slots);
	set->slots = NULL;
	set->nslots = set->n = 0;
}
