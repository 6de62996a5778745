/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

void *tp_grow(void *items, size_t *cap, size_t n, size_t size, size_t first)
{
	size_t ncap;
	void *nv;

	if (n < *cap)
		return items;
	ncap = *cap ? 2 * *cap : first;
	if (ncap < *cap || ncap > SIZE_MAX / size)
		return NULL;
	nv = realloc(items, ncap * size);
	if (nv)
		*cap = ncap;
	return nv;
}

void *tp_fit(void *items, size_t n, size_t size)
{
	void *v = n ? malloc(n * size) : NULL;

	if (!v)
		return items;
	memcpy(v, items, n * size);
	free(items);
	return v;
}
