/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A filter's predicates against one event's fields, as the kernel checks
 * them (kernel/trace/trace_events_filter.c): which field a name is, what
 * that field is to a filter, and whether the operator and the value suit
 * it.  Where the kernel refuses, so does tpgen, and says why in words the
 * kernel's messages ("Expecting numeric field") leave out.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "select.h"

#define STRING_MAX 255
#define NUMBER_MAX 23
#define SYMBOL_MAX 127 /* tpgen_filter.bpf.h: TPGEN_FUNCTION_NAME - 1 */
#define CPUS_MAX 8192  /* no kernel has more (NR_CPUS) */
#define SUGGESTIONS 3

struct check {
	const struct tp_event *ev;
	const struct tp_source *src;
	struct tp_diags *d;
};

/* Names that are no field of the record (the kernel's generic fields). */
static const struct {
	const char *name;
	enum tp_filter_field type;
} pseudo[] = {
	{ "CPU", TP_FF_CPU }, { "cpu", TP_FF_CPU }, { "common_cpu", TP_FF_CPU },
	{ "COMM", TP_FF_COMM }, { "comm", TP_FF_COMM },
	{ "STACKTRACE", TP_FF_DEAD }, { "stacktrace", TP_FF_DEAD },
};

#define NPSEUDO (sizeof(pseudo) / sizeof(pseudo[0]))

static const char *op_name(enum tp_filter_op op)
{
	static const char *const names[] = {
		"==", "!=", "<", "<=", ">", ">=", "&", "~",
	};

	return names[op];
}

/* What a field is to the kernel's filter, from its declared type: the
 * kernel looks for words in the type's text, and so does this. */
static enum tp_filter_field field_type(const struct tp_field *f)
{
	bool chars = strstr(f->type, "char") != NULL;

	if (f->kind == TP_FIELD_DATA_LOC && chars)
		return TP_FF_DYN_STR;
	if (f->kind == TP_FIELD_REL_LOC && chars)
		return TP_FF_REL_STR;
	if ((f->kind == TP_FIELD_ARRAY || f->kind == TP_FIELD_FLEX_ARRAY) &&
	    chars)
		return TP_FF_STATIC_STR;
	if (strcmp(f->type, "char *") == 0 ||
	    strcmp(f->type, "const char *") == 0)
		return TP_FF_PTR_STR;
	switch (f->size) {
	case 1:
	case 2:
	case 4:
	case 8:
		return TP_FF_NUMBER;
	default:
		return TP_FF_DEAD;
	}
}

static bool is_string(enum tp_filter_field t)
{
	return t != TP_FF_NUMBER && t != TP_FF_DEAD && t != TP_FF_CPU;
}

/* The event's fields first, then the generic names, then the common
 * fields: an event's own "comm" hides the running task's. */
static bool resolve(struct tp_filter *p, const char *name,
		    const struct tp_event *ev)
{
	size_t i;

	for (i = 0; i < ev->nfields; i++) {
		if (!ev->fields[i].common &&
		    strcmp(ev->fields[i].name, name) == 0) {
			p->field = &ev->fields[i];
			p->type = field_type(p->field);
			return true;
		}
	}
	for (i = 0; i < NPSEUDO; i++) {
		if (strcmp(pseudo[i].name, name) == 0) {
			p->type = pseudo[i].type;
			return true;
		}
	}
	for (i = 0; i < ev->nfields; i++) {
		if (ev->fields[i].common &&
		    strcmp(ev->fields[i].name, name) == 0) {
			p->field = &ev->fields[i];
			p->type = field_type(p->field);
			return true;
		}
	}
	return false;
}

/* Notes naming the fields nearest to name: a few edits away, at most one
 * in four characters. */
static void suggest(const struct check *c, const char *name)
{
	size_t limit = strlen(name) / 4 ? strlen(name) / 4 : 1, i, n = 0;

	for (i = 0; i < c->ev->nfields && n < SUGGESTIONS; i++) {
		const char *f = c->ev->fields[i].name;

		if (tp_edit_distance(name, f) <= limit) {
			tp_note(c->d, NULL, NULL, "did you mean '%s'?", f);
			n++;
		}
	}
	for (i = 0; i < NPSEUDO && n < SUGGESTIONS; i++) {
		if (pseudo[i].type != TP_FF_DEAD &&
		    tp_edit_distance(name, pseudo[i].name) <= limit) {
			tp_note(c->d, NULL, NULL, "did you mean '%s'?",
				pseudo[i].name);
			n++;
		}
	}
}

/* NAME or NAME.ustring: the name alone in *base (p->name cut short). */
static int suffixes(const struct check *c, struct tp_filter *p)
{
	char *dot = strchr(p->name, '.');
	struct tp_loc at = p->name_loc;

	if (!dot)
		return 0;
	at.first_byte += (size_t)(dot - p->name);
	if (strcmp(dot, ".ustring") == 0) {
		p->ustring = true;
		*dot = '\0';
		return 0;
	}
	if (strcmp(dot, ".function") == 0 ||
	    strcmp(dot, ".ustring.function") == 0) {
		p->function = true;
		p->ustring = dot[1] == 'u';
		*dot = '\0';
		return 0;
	}
	return tp_error(c->d, c->src, &at, "unknown suffix '%s': a field "
			"takes .ustring (a string in user memory) or "
			".function", dot);
}

/* The number's digits as the kernel reads them (kstrtoull() in base 0):
 * 0x for hex, a leading 0 for octal.  False when it is none. */
static bool unsigned_value(const char *s, unsigned long long *v)
{
	unsigned base = 10, digit;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0' && s[1]) {
		base = 8;
		s++;
	}
	if (!*s)
		return false;
	for (*v = 0; *s; s++) {
		if (isdigit((unsigned char)*s))
			digit = (unsigned)(*s - '0');
		else if (isxdigit((unsigned char)*s))
			digit = (unsigned)(tolower((unsigned char)*s) -
					   'a') + 10;
		else
			return false;
		if (digit >= base || *v > (ULLONG_MAX - digit) / base)
			return false;
		*v = *v * base + digit;
	}
	return true;
}

static int number(const struct check *c, struct tp_filter *p,
		  const char *what, bool is_signed)
{
	const char *s = p->value;
	bool minus = s[0] == '-';
	unsigned long long v;

	if (p->value_len > NUMBER_MAX)
		return tp_error(c->d, c->src, &p->value_loc, "a number is at "
				"most %d characters in a filter", NUMBER_MAX);
	if (minus && !is_signed)
		return tp_error(c->d, c->src, &p->value_loc, "%s is unsigned: "
				"the kernel takes no negative number for it",
				what);
	if (!unsigned_value(s + minus, &v))
		return tp_error(c->d, c->src, &p->value_loc, "'%s' is not a "
				"number (decimal, 0x hex or 0 octal)", s);
	if (is_signed && v > (minus ? (unsigned long long)INT64_MAX + 1 :
			      (unsigned long long)INT64_MAX))
		return tp_error(c->d, c->src, &p->value_loc, "%s past the "
				"range of a signed 64-bit number", s);
	p->num = minus ? -v : v;
	return 0;
}

/* The kernel's classes of ~ patterns: a '!' first negates; a digit first
 * makes it literal; a '*' first, last or both makes a suffix, a prefix or
 * a substring; any other '*', '?', '[' or '\' a glob. */
static void classify(struct tp_filter *p)
{
	const char *s = p->value;
	size_t len = p->value_len, i;

	p->match = TP_FM_FULL;
	if (len && s[0] == '!') {
		p->inverted = true;
		s++;
		len--;
	}
	p->pattern = s;
	p->pattern_len = len;
	if (len && isdigit((unsigned char)s[0]))
		return;
	for (i = 0; i < len; i++) {
		if (s[i] == '*' && i == 0) {
			p->match = TP_FM_SUFFIX;
		} else if (s[i] == '*' && i == len - 1) {
			p->match = p->match == TP_FM_SUFFIX ? TP_FM_SUBSTR :
				   TP_FM_PREFIX;
			p->pattern_len--;
			break;
		} else if (strchr("*?[\\", s[i])) {
			p->match = TP_FM_GLOB;
			p->pattern_len = len;
			return;
		}
	}
	if (p->match == TP_FM_SUFFIX || p->match == TP_FM_SUBSTR) {
		p->pattern++;
		p->pattern_len--;
	}
}

static int check_string(const struct check *c, struct tp_filter *p,
			const char *what)
{
	if (p->value_kind != TP_FV_STRING)
		return tp_error(c->d, c->src, &p->value_loc, "%s is a string: "
				"the value goes between quotes", what);
	if (p->op != TP_FOP_EQ && p->op != TP_FOP_NE &&
	    p->op != TP_FOP_GLOB)
		return tp_error(c->d, c->src, &p->op_loc, "'%s' does not "
				"compare strings: %s takes ==, != and ~",
				op_name(p->op), what);
	if (p->value_len > STRING_MAX)
		return tp_error(c->d, c->src, &p->value_loc, "a string is at "
				"most %d bytes in a filter", STRING_MAX);
	if (p->op == TP_FOP_GLOB) {
		classify(p);
	} else {
		p->match = TP_FM_FULL;
		p->pattern = p->value;
		p->pattern_len = p->value_len;
		p->inverted = p->op == TP_FOP_NE;
	}
	return 0;
}

static int check_number(const struct check *c, struct tp_filter *p,
			const char *what)
{
	bool is_signed = p->field ? p->field->is_signed : true;

	if (p->value_kind == TP_FV_STRING)
		return tp_error(c->d, c->src, &p->value_loc, "%s is a number: "
				"the value cannot be a string", what);
	if (p->op == TP_FOP_GLOB)
		return tp_error(c->d, c->src, &p->op_loc, "'~' matches "
				"strings, and %s is a number", what);
	if (number(c, p, what, is_signed))
		return -1;
	if (p->type == TP_FF_DEAD)
		tp_warn(c->d, c->src, &p->name_loc, "%s is %u bytes: the "
			"kernel's filter never matches it, and tpgen's does "
			"the same", what, p->field ? p->field->size : 0);
	else if (p->type == TP_FF_CPU && p->op == TP_FOP_BAND)
		tp_warn(c->d, c->src, &p->op_loc, "the kernel's filter never "
			"matches 'CPU & N', and tpgen's does the same");
	return 0;
}

/* NAME.function: the kernel takes it on a field of a long's size, with
 * == or !=, and an address or a function's name, unquoted, which it
 * reads up to the next blank. */
static int check_function(const struct check *c, struct tp_filter *p,
			  const char *what)
{
	unsigned long long v;

	if (!p->field || p->field->size != 8)
		return tp_error(c->d, c->src, &p->name_loc, "'%s.function' "
				"tests an address, of 8 bytes: %s is not one",
				p->name, what);
	if (p->op != TP_FOP_EQ && p->op != TP_FOP_NE)
		return tp_error(c->d, c->src, &p->op_loc, "'%s' does not test "
				"a function: .function takes == and != only",
				op_name(p->op));
	if (p->value_kind == TP_FV_STRING)
		return tp_error(c->d, c->src, &p->value_loc, "the kernel reads "
				"a function's name without quotes: %s.function "
				"%s %s", p->name, op_name(p->op), p->value);
	if (p->value_kind == TP_FV_NUMBER) {
		if (p->value_len > NUMBER_MAX ||
		    !unsigned_value(p->value, &v))
			return tp_error(c->d, c->src, &p->value_loc, "'%s' is "
					"not an address (0x hex, decimal or 0 "
					"octal)", p->value);
		return 0;
	}
	if (p->value_len > SYMBOL_MAX)
		return tp_error(c->d, c->src, &p->value_loc, "a function's "
				"name is at most %d bytes here", SYMBOL_MAX);
	return 0;
}

/* A CPU number of a cpulist at *s, which it moves past. */
static bool cpu_number(const char **s, const char *end, unsigned *cpu)
{
	const char *q = *s;
	unsigned long v = 0;

	while (q < end && isdigit((unsigned char)*q) && v < CPUS_MAX)
		v = v * 10 + (unsigned long)(*q++ - '0');
	if (q == *s || v >= CPUS_MAX)
		return false;
	*cpu = (unsigned)v;
	*s = q;
	return true;
}

/* One group of a cpulist (N, N-M or N-M:USED/SIZE) at *s, set in p's
 * mask, as the kernel's bitmap_parselist() reads it.  False when it is
 * none, or names a CPU no kernel has. */
static bool cpu_group(struct tp_filter *p, const char **s, const char *end)
{
	unsigned first, last, used, size, i;
	bool range;

	if (!cpu_number(s, end, &first))
		return false;
	last = first;
	range = *s < end && **s == '-';
	if (range && (++*s, !cpu_number(s, end, &last)))
		return false;
	used = size = last + 1;
	/* A pattern follows a range only. */
	if (range && *s < end && **s == ':' &&
	    (++*s, !cpu_number(s, end, &used) || *s == end || **s != '/' ||
	     (++*s, !cpu_number(s, end, &size))))
		return false;
	if (first > last || size == 0 || used > size)
		return false;
	if (*s < end && !isspace((unsigned char)**s) && **s != ',')
		return false;
	for (; first <= last; first += size)
		for (i = first; i <= last && i < first + used; i++)
			p->cpus[i / 64] |= 1ULL << (i % 64);
	return true;
}

/* The CPUs of CPUS{LIST} in p->cpus: LIST as the kernel reads it, but
 * for N (its last CPU) and "all", which tell nothing before it runs. */
static int cpu_list(const struct check *c, struct tp_filter *p)
{
	const char *s = p->value + 5, *end = p->value + p->value_len - 1;
	unsigned i;

	if (s == end)
		return tp_error(c->d, c->src, &p->value_loc, "an empty CPU "
				"list: the kernel takes none");
	/* Checked again for each event the filter is given. */
	free(p->cpus);
	p->cpus = calloc(CPUS_MAX / 64, sizeof(*p->cpus));
	p->cpus_weight = p->cpus_words = 0;
	if (!p->cpus)
		return tp_oom(c->d, NULL);
	if (memchr(s, 'N', (size_t)(end - s)) || strstr(p->value, "all") ||
	    strstr(p->value, "ALL"))
		return tp_error(c->d, c->src, &p->value_loc, "tpgen takes no "
				"N or \"all\" in a CPU list: the kernel counts "
				"them from its own CPUs, which differ from one "
				"machine to the next; name the CPUs (0-3)");
	for (;;) {
		s += strspn(s, " \t\n\v\f\r,");
		if (s >= end)
			break;
		if (!cpu_group(p, &s, end))
			return tp_error(c->d, c->src, &p->value_loc, "not a "
					"CPU list: CPUs (0 to %d) as CPU, "
					"FIRST-LAST or FIRST-LAST:USED/SIZE, "
					"parted by commas", CPUS_MAX - 1);
	}
	for (i = 0; i < CPUS_MAX; i++) {
		if (p->cpus[i / 64] >> (i % 64) & 1) {
			p->cpus_weight++;
			p->cpus_last = i;
			p->cpus_words = i / 64 + 1;
		}
	}
	p->cpus_words += !p->cpus_words;
	return 0;
}

/* CPUS{LIST}: the kernel takes it on a cpumask, on CPU and on numbers,
 * with ==, != and & (intersects). */
static int check_cpus(const struct check *c, struct tp_filter *p,
		      const char *what)
{
	const struct tp_field *f = p->field;

	if (is_string(p->type))
		return tp_error(c->d, c->src, &p->value_loc, "CPUS{...} tests "
				"a CPU number or a cpumask, and %s is a "
				"string", what);
	if (p->op != TP_FOP_EQ && p->op != TP_FOP_NE &&
	    p->op != TP_FOP_BAND)
		return tp_error(c->d, c->src, &p->op_loc, "'%s' does not "
				"compare CPU lists: CPUS{...} takes ==, != "
				"and & (has one of them)", op_name(p->op));
	p->cpumask = f && f->kind == TP_FIELD_DATA_LOC &&
		     strstr(f->type, "cpumask_t");
	if (cpu_list(c, p))
		return -1;
	if (p->type == TP_FF_DEAD)
		tp_warn(c->d, c->src, &p->name_loc, "%s is %u bytes: the "
			"kernel's filter never matches it, and tpgen's does "
			"the same", what, f ? f->size : 0);
	return 0;
}

static int check_pred(const struct check *c, struct tp_filter *p)
{
	char what[96];

	if (suffixes(c, p))
		return -1;
	if (!resolve(p, p->name, c->ev)) {
		if (isdigit((unsigned char)*p->name))
			return tp_error(c->d, c->src, &p->name_loc, "'%s' is "
					"no field: a predicate puts its field "
					"first (FIELD OP VALUE)", p->name);
		tp_error(c->d, c->src, &p->name_loc, "no field '%s' in %s%s%s",
			 p->name, c->ev->group ? c->ev->group : "",
			 c->ev->group ? "/" : "", c->ev->name);
		suggest(c, p->name);
		return -1;
	}
	snprintf(what, sizeof(what), "'%s'", p->name);
	if (p->function)
		return check_function(c, p, what);
	if (p->value_kind == TP_FV_WORD)
		return tp_error(c->d, c->src, &p->value_loc, "'%s' is not a "
				"value: a string goes between quotes "
				"(\"%s\"), a number starts with a digit",
				p->value, p->value);
	if (p->value_kind == TP_FV_CPUS)
		return check_cpus(c, p, what);
	return is_string(p->type) ? check_string(c, p, what) :
	       check_number(c, p, what);
}

int tp_filter_check(struct tp_filter *f, const struct tp_event *ev,
		    const struct tp_source *src, struct tp_diags *d)
{
	const struct check c = { ev, src, d };
	int rc = 0;

	if (f->kind == TP_FILTER_PRED)
		return check_pred(&c, f);
	if (f->kids[0] && tp_filter_check(f->kids[0], ev, src, d))
		rc = -1;
	if (f->kids[1] && tp_filter_check(f->kids[1], ev, src, d))
		rc = -1;
	return rc;
}
