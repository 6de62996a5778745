/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/linkhash.h>

#include "ctypes.h"
#include "grow.h"
#include "names.h"

size_t tp_c_identifier_into(char *out, const char *s, size_t len)
{
	char *o = out;
	size_t i;

	if (*s >= '0' && *s <= '9')
		*o++ = '_';
	for (i = 0; i < len; i++)
		*o++ = tp_id_char(s[i]) ? s[i] : '_';
	if (o == out)
		*o++ = '_';
	*o = '\0';
	return (size_t)(o - out);
}

char *tp_c_identifier(const char *s)
{
	size_t len = strlen(s);
	char *out = malloc(len + 2);

	if (out)
		tp_c_identifier_into(out, s, len);
	return out;
}

bool tp_c_reserved(const char *name)
{
	/* Keywords of C11 and C++20; names that libc, the kernel's uapi
	 * headers or compilers in GNU mode define as macros; and glibc's
	 * macros in headers generated loaders include (<signal.h>,
	 * <sys/stat.h>, <getopt.h>): si_*, sa_handler, sa_sigaction,
	 * st_[acm]time, *_argument.  One list, sorted (strcmp), for one
	 * tp_word_in() a member name, not one a list: this runs for each
	 * of the tens of thousands of members of every event. */
	static const char *const words[] = {
		"_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex",
		"_Generic", "_Imaginary", "_Noreturn", "_Static_assert",
		"_Thread_local", "alignas", "alignof", "and", "and_eq", "asm",
		"assert", "auto", "bitand", "bitor", "bool", "break", "case",
		"catch", "char", "char16_t", "char32_t", "char8_t", "class",
		"co_await", "co_return", "co_yield", "compl", "complex",
		"concept", "const", "const_cast", "consteval", "constexpr",
		"constinit", "continue", "decltype", "default", "delete", "do",
		"double", "dynamic_cast", "else", "enum", "errno", "explicit",
		"export", "extern", "false", "float", "for", "friend", "goto",
		"i386", "if", "imaginary", "inline", "int", "linux", "long",
		"major", "makedev", "minor", "mutable", "namespace", "new",
		"no_argument", "noexcept", "noreturn", "not", "not_eq",
		"nullptr", "offsetof", "operator", "optional_argument", "or",
		"or_eq", "private", "protected", "public", "register",
		"reinterpret_cast", "required_argument", "requires",
		"restrict", "return", "sa_handler", "sa_sigaction", "short",
		"si_addr", "si_addr_lsb", "si_arch", "si_band", "si_call_addr",
		"si_fd", "si_int", "si_lower", "si_overrun", "si_pid",
		"si_pkey", "si_ptr", "si_status", "si_stime", "si_syscall",
		"si_timerid", "si_uid", "si_upper", "si_utime", "si_value",
		"signed", "sizeof", "st_atime", "st_ctime", "st_mtime",
		"static", "static_assert", "static_cast", "stderr", "stdin",
		"stdout", "struct", "switch", "template", "this",
		"thread_local", "throw", "true", "try", "typedef", "typeid",
		"typename", "typeof", "typeof_unqual", "union", "unix",
		"unsigned", "using", "virtual", "void", "volatile", "wchar_t",
		"while", "xor", "xor_eq",
	};

	return tp_word_in(name, words, sizeof(words) / sizeof(words[0]));
}

/*
 * taken points at the names given, which their callers own, and at the
 * pairs' second names, in seconds.  resume[pair] holds, for each stem
 * asked for again, the suffix its next search starts from: one table for
 * single names and one for pairs, as a suffix a pair could not take may
 * still be free for a single name.
 */
struct tp_names {
	struct tp_name_set taken;
	struct lh_table *resume[2]; /* made at a stem's first repeat */
	const char *with;
	char **seconds;
	size_t nseconds, seconds_cap;
};

/* The suffix a stem's next search starts from, and the stem (the key). */
struct resume {
	unsigned k;
	char stem[];
};

static void resume_free(struct lh_entry *e)
{
	free(lh_entry_v(e));
}

struct tp_names *tp_names_new(size_t count, const char *with)
{
	struct tp_names *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->with = with;
	/* Room for count names without growing: an array grown while full
	 * is there twice while its names move. */
	if (count > SIZE_MAX / 2 / sizeof(char *) ||
	    tp_name_set_init(&n->taken, count)) {
		free(n);
		return NULL;
	}
	return n;
}

void tp_names_free(struct tp_names *n)
{
	size_t i;

	if (!n)
		return;
	tp_name_set_fini(&n->taken);
	for (i = 0; i < 2; i++)
		if (n->resume[i])
			lh_table_free(n->resume[i]);
	for (i = 0; i < n->nseconds; i++)
		free(n->seconds[i]);
	free(n->seconds);
	free(n);
}

static bool taken(struct tp_names *n, const char *name)
{
	return tp_name_set_has(&n->taken, name);
}

/* Whether name (len bytes, in a buffer with room for the scope's with
 * after it) is free, and for a pair its second name too. */
static bool name_free(struct tp_names *n, char *name, size_t len, bool pair)
{
	bool free_ = !taken(n, name);

	if (free_ && pair) {
		strcpy(name + len, n->with);
		free_ = !taken(n, name);
		name[len] = '\0';
	}
	return free_;
}

/* Where stem's search resumes, made on its first repeat; NULL when out
 * of memory. */
static struct resume *resume_of(struct tp_names *n, const char *stem,
				bool pair)
{
	struct lh_table **t = &n->resume[pair];
	size_t len = strlen(stem);
	void *found;
	struct resume *r;

	if (!*t)
		*t = lh_kchar_table_new(16, resume_free);
	if (!*t)
		return NULL;
	if (lh_table_lookup_ex(*t, stem, &found))
		return found;
	r = malloc(sizeof(*r) + len + 1);
	if (!r)
		return NULL;
	r->k = 2;
	memcpy(r->stem, stem, len + 1);
	if (lh_table_insert(*t, r->stem, r)) {
		free(r);
		return NULL;
	}
	return r;
}

/* Takes the second name of the pair name (len bytes). */
static int take_second(struct tp_names *n, const char *name, size_t len)
{
	size_t lw = strlen(n->with);
	char **v = tp_grow(n->seconds, &n->seconds_cap, n->nseconds,
			   sizeof(*v), 16);
	char *second = malloc(len + lw + 1);

	if (!v || !second) {
		free(second);
		return ENOMEM;
	}
	n->seconds = v;
	memcpy(second, name, len);
	memcpy(second + len, n->with, lw + 1);
	if (tp_name_set_add(&n->taken, second)) {
		free(second);
		return ENOMEM;
	}
	v[n->nseconds++] = second;
	return 0;
}

char *tp_names_take(struct tp_names *n, const char *want, size_t stem,
		    bool pair)
{
	size_t len = strlen(want);
	/* Room for want, or its stem, "_" and a suffix; and the second
	 * name.  Searched in here, and given in memory of its own length:
	 * "a_25000" in 8 bytes, not in the 16 its search needed. */
	size_t room = (len > stem + 11 ? len : stem + 11) + 1 +
		      (pair ? strlen(n->with) : 0);
	char buf[128], *name = room <= sizeof(buf) ? buf : malloc(room);
	char *given = NULL;
	struct resume *r = NULL;

	if (!name)
		return NULL;
	memcpy(name, want, len + 1);
	while (!name_free(n, name, len, pair)) {
		if (!r) {
			name[stem] = '\0';
			r = resume_of(n, name, pair);
		}
		if (!r)
			goto out;
		len = stem + (size_t)snprintf(name + stem, 12, "_%u", r->k++);
	}
	given = malloc(len + 1);
	if (given)
		memcpy(given, name, len + 1);
	if (given && ((pair && take_second(n, given, len)) ||
		      tp_name_set_add(&n->taken, given))) {
		free(given);
		given = NULL;
	}
out:
	if (name != buf)
		free(name);
	return given;
}
