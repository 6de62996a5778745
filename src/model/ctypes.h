/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sizes of the C types that format files declare.  Only a hint: a format
 * file's size and signed are the truth, but an array's element count can
 * only come from its size and its element's size.
 */
#ifndef TPGEN_CTYPES_H
#define TPGEN_CTYPES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * type is a base type with qualifiers and attributes removed and words
 * separated by one space ("unsigned long", "u8", "struct x").  Returns its
 * size in bytes on a kernel whose long is long_size bytes, or 0 when the
 * type is not known; *is_signed (may be NULL) tells its signedness.
 */
unsigned tp_ctype_size(const char *type, unsigned long_size, bool *is_signed);

/* Whether word is one of the n words of sorted, an array in strcmp order
 * (a binary search). */
bool tp_word_in(const char *word, const char *const *sorted, size_t n);

/* True for words that qualify a type without changing its size
 * ("const", "volatile", "__user"). */
bool tp_ctype_is_qualifier(const char *word, unsigned len);

/*
 * The base type of a declared type: its words without qualifiers and
 * attributes ("const char __attribute__((x)) *" gives "char"), and in
 * *stars the number of '*'.  Written to base, and returned; a base longer
 * than any type tpgen knows is given as "".  Nothing is allocated: a
 * type's meaning never depends on memory left.
 */
#define TP_CTYPE_BASE_MAX 64
const char *tp_ctype_base(const char *type, char base[TP_CTYPE_BASE_MAX],
			 unsigned *stars);

struct tp_event;
struct tp_field;

enum tp_syscall { TP_SYSCALL_NONE, TP_SYSCALL_ENTER, TP_SYSCALL_EXIT };

/*
 * Whether ev is syscalls/sys_enter_NAME or sys_exit_NAME as the kernel
 * makes them: __syscall_nr, then each argument (or the return value) in a
 * slot of the kernel's long.  The kernel's trace file renders these with
 * a function of its own, not with their print fmt.  NONE for other events,
 * and for syscall events with fields of any other kind (kernels that copy
 * user strings into the record), whose rendering tpgen does not know.
 */
enum tp_syscall tp_syscall_event(const struct tp_event *ev);

/*
 * The integer type a syscall argument was declared with ("int dfd"), when
 * it is not its slot's: its size in *width (less than the slot's, or the
 * same with the other sign) and *is_signed.  False for other fields, for
 * pointers and for types tpgen does not know, whose slot is the best
 * there is.
 */
bool tp_syscall_arg_type(const struct tp_event *ev, const struct tp_field *f,
			 unsigned *width, bool *is_signed);

#endif
