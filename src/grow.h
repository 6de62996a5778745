/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Growing arrays. */
#ifndef TPGEN_GROW_H
#define TPGEN_GROW_H

#include <stddef.h>

/*
 * Makes room for one more element after the n in items, an array of *cap
 * elements of size bytes, doubling it from `first`.  Returns the array,
 * moved or not, or NULL with items and *cap untouched when out of memory.
 */
void *tp_grow(void *items, size_t *cap, size_t n, size_t size, size_t first);

#endif
