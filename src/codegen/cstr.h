/* SPDX-License-Identifier: GPL-2.0-or-later */
/* C string literals in generated code. */
#ifndef TPGEN_CSTR_H
#define TPGEN_CSTR_H

#include <stddef.h>

#include "buf.h"

/* The len bytes of s as the characters of a C string literal, without
 * its quotes, as a person writes them: '"' and '\\' escaped, newline and
 * tab as \n and \t, a '?' after a '?' as \? (no trigraphs), any other
 * byte outside printable ASCII in octal. */
void tp_c_chars(struct tp_buf *out, const char *s, size_t len);

/* The same between quotes. */
void tp_c_string(struct tp_buf *out, const char *s, size_t len);

#endif
