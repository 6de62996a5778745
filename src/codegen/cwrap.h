/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Generated C, broken into lines a person reads: a statement longer than
 * TP_WRAP_WIDTH columns is broken after a comma or an operator (? : &&
 * || |), and the next line lines up with the parenthesis that it is in,
 * as the kernel's style has it.
 */
#ifndef TPGEN_CWRAP_H
#define TPGEN_CWRAP_H

#include <stddef.h>

#include "buf.h"

#define TP_WRAP_WIDTH 80

/* The len bytes of text, added to out with their long lines broken.
 * Preprocessor lines (with their continuations) and lines with a comment
 * stay whole. */
void tp_c_wrap(struct tp_buf *out, const char *text, size_t len);

/* What code holds, added to out by tp_c_wrap(); code is left empty for
 * the next piece, and out failed once code has. */
void tp_c_wrap_buf(struct tp_buf *out, struct tp_buf *code);

#endif
