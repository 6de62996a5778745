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

/*
 * Moves the n elements of size bytes in items to an array of their
 * number, and frees items: arrays that grew by doubling, kept by the
 * thousand until the output is written, leave much of their room unused
 * (realloc() may shrink in place and keep it).  Returns the new array, or
 * items as it is when out of memory.
 */
void *tp_fit(void *items, size_t n, size_t size);

#endif
