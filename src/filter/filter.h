/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Event filters in the kernel's own syntax (the filter files of tracefs,
 * Documentation/trace/events.rst, "Event filtering"): parsed into a tree,
 * then checked against one event's fields as the kernel checks them, so
 * that a filter the kernel refuses is refused here too, with a better
 * message, and one it takes means what it means there.
 */
#ifndef TPGEN_FILTER_H
#define TPGEN_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "event.h"
#include "loc.h"
#include "source.h"

enum tp_filter_kind {
	TP_FILTER_OR,
	TP_FILTER_AND,
	TP_FILTER_NOT,
	TP_FILTER_PRED,
};

enum tp_filter_op {
	TP_FOP_EQ,   /* == */
	TP_FOP_NE,   /* != */
	TP_FOP_LT,   /* < */
	TP_FOP_LE,   /* <= */
	TP_FOP_GT,   /* > */
	TP_FOP_GE,   /* >= */
	TP_FOP_BAND, /* &: (field & value) != 0 */
	TP_FOP_GLOB, /* ~ */
};

/* What a predicate's value is, as written. */
enum tp_filter_value {
	TP_FV_NUMBER, /* a digit or '-' first */
	TP_FV_STRING, /* between ' or " */
	TP_FV_WORD,   /* anything else: an error (quotes forgotten) */
	TP_FV_CPUS,   /* CPUS{list} */
};

/* What the field is to the kernel's filter, from its declared type. */
enum tp_filter_field {
	TP_FF_NUMBER,     /* an integer of 1, 2, 4 or 8 bytes */
	TP_FF_DEAD,       /* any other size: the kernel never matches it */
	TP_FF_STATIC_STR, /* char x[N]: the N bytes */
	TP_FF_DYN_STR,    /* __data_loc char[] */
	TP_FF_REL_STR,    /* __rel_loc char[] */
	TP_FF_PTR_STR,    /* char * or const char *: the string it points to */
	TP_FF_CPU,        /* CPU, cpu, common_cpu: where the event runs */
	TP_FF_COMM,       /* COMM, comm: the running task's name */
};

/* How a string is matched (the kernel's classes of patterns). */
enum tp_filter_match {
	TP_FM_FULL,   /* the whole string */
	TP_FM_PREFIX, /* "abc*" */
	TP_FM_SUFFIX, /* "*abc" */
	TP_FM_SUBSTR, /* "*abc*" */
	TP_FM_GLOB,   /* anything else with *, ?, [ or \ */
};

struct tp_filter {
	enum tp_filter_kind kind;
	struct tp_loc loc;
	struct tp_filter *kids[2]; /* OR and AND: two; NOT: one */

	/* A predicate: NAME[.ustring] OP VALUE, as written. */
	char *name;
	struct tp_loc name_loc;
	bool ustring;
	enum tp_filter_op op;
	struct tp_loc op_loc;
	enum tp_filter_value value_kind;
	char *value; /* a string without its quotes, or the text */
	size_t value_len;
	struct tp_loc value_loc;

	/* Set by tp_filter_check(). */
	enum tp_filter_field type;
	const struct tp_field *field; /* NULL for CPU and COMM */
	unsigned long long num;       /* a number, at 64 bits */
	enum tp_filter_match match;   /* ~: the class; else TP_FM_FULL */
	const char *pattern;          /* ~: the part of value matched */
	size_t pattern_len;
	bool inverted; /* ~ "!...": the match is negated */
	/* NAME.function: the field, an address, is in the function named
	 * by value (an address in it when a number), which the loader
	 * finds in the running kernel's symbols. */
	bool function;
	/* CPUS{list}: the CPUs, one bit each, in cpus_words 64-bit words;
	 * how many, and the last (the running kernel must have it). */
	unsigned long long *cpus;
	unsigned cpus_words;
	unsigned cpus_weight;
	unsigned cpus_last;
	bool cpumask; /* the field is a __data_loc cpumask_t */
};

/*
 * Parses the filter at span in src (the command line, or a file of
 * filters): messages point into src.  A tree the caller frees, or NULL
 * after reporting in d.
 */
struct tp_filter *tp_filter_parse(const struct tp_source *src,
				  const struct tp_loc *span,
				  struct tp_diags *d);

/*
 * Resolves each predicate's field in ev and checks its operator and value
 * as the kernel does; what the kernel refuses is an error in d.  A
 * predicate the kernel takes but never matches (a field of a size it does
 * not compare) is a warning.  0, or -1 after reporting.
 */
int tp_filter_check(struct tp_filter *f, const struct tp_event *ev,
		    const struct tp_source *src, struct tp_diags *d);

/* Accepts NULL. */
void tp_filter_free(struct tp_filter *f);

#endif
