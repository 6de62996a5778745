/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The command line as a source that usage errors point into: the words as
 * a shell takes them, each located, and a caret under the word, option or
 * value at fault.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"

/* w as a word for a shell, after a blank: as it is, or in single quotes.
 * Returns where w's first byte went, or 0 when the quoting moved its
 * bytes apart (a quote inside it). */
static size_t shell_word(struct tp_buf *b, const char *w)
{
	size_t at;

	tp_buf_addc(b, ' ');
	if (*w && strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789_-+=.,:/@%") == strlen(w)) {
		at = b->len;
		tp_buf_adds(b, w);
		return at;
	}
	tp_buf_addc(b, '\'');
	at = strchr(w, '\'') ? 0 : b->len;
	for (; *w; w++) {
		if (*w == '\'')
			tp_buf_adds(b, "'\\''");
		else
			tp_buf_addc(b, *w);
	}
	tp_buf_addc(b, '\'');
	return at;
}

int tp_cmdline_init(struct tp_cli *c, int argc, char **argv)
{
	struct tp_buf b = { 0 };
	int i;

	/* getopt_long() reorders argv: a copy keeps the order given. */
	c->argv = malloc(((size_t)argc + 1) * sizeof(*c->argv));
	c->argc = argc;
	c->word_at = calloc((size_t)argc + 1, sizeof(*c->word_at));
	if (!c->argv || !c->word_at)
		return ENOMEM;
	memcpy(c->argv, argv, (size_t)argc * sizeof(*argv));
	tp_buf_adds(&b, "tpgen");
	for (i = 1; i < argc; i++)
		c->word_at[i] = shell_word(&b, argv[i]);
	if (!b.failed)
		c->cmdline = tp_source_from_mem("", b.data, b.len);
	tp_buf_fini(&b);
	return c->cmdline ? 0 : ENOMEM;
}

/* Whether p points into the string w, its NUL included. */
static bool points_into(const char *p, const char *w)
{
	uintptr_t at = (uintptr_t)p, start = (uintptr_t)w;

	return at >= start && at <= start + strlen(w);
}

bool tp_cmdline_locate(const struct tp_cli *c, const char *at,
		       struct tp_loc *loc)
{
	size_t from = 0, len = 0, n = strlen(at);
	int i;

	for (i = 1; i < c->argc && !from; i++) {
		const char *w = c->argv[i];

		if (points_into(at, w) && c->word_at[i]) {
			from = c->word_at[i] + (size_t)(at - w);
			len = strlen(at);
		}
	}
	for (i = 1; i < c->argc && !from && at[0] == '-'; i++) {
		const char *w = c->argv[i];

		if (strncmp(w, at, n) == 0 && c->word_at[i] &&
		    (!w[n] || w[n] == '=' || at[1] != '-')) {
			from = c->word_at[i];
			len = strlen(w);
		}
	}
	if (!from)
		return false;
	loc->first_byte = from;
	loc->end_byte = from + len;
	return true;
}

/* The message of a usage error, located at `at` (see
 * tp_cmdline_locate()) when it is given and found. */
static void usage_message(struct tp_cli *c, const char *at, const char *fmt,
			  va_list ap)
	__attribute__((format(printf, 3, 0)));

static void usage_message(struct tp_cli *c, const char *at, const char *fmt,
			  va_list ap)
{
	struct tp_loc loc;
	char *msg = NULL;

	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	if (at && c->cmdline && tp_cmdline_locate(c, at, &loc))
		tp_error(&c->p.diags, c->cmdline, &loc, "%s",
			 msg ? msg : fmt);
	else
		tp_error(&c->p.diags, NULL, NULL, "%s", msg ? msg : fmt);
	free(msg);
}

enum tp_exit tp_usage_error(struct tp_cli *c, const char *at,
			    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	usage_message(c, at, fmt, ap);
	va_end(ap);
	tp_pipeline_flush(&c->p);
	fputs("Try 'tpgen --help'.\n", stderr);
	return TP_EXIT_USAGE;
}

/*
 * The options of the loaders (runtime/tpgen_loader.h; tests/e2e/cli.sh
 * checks that each is here).  Given to run before "--", they were meant
 * for the loader; but for --tracefs, which is tpgen's own too (no name).
 */
static const struct loader_option {
	char key;
	const char *name;
	bool arg;
} loader_options[] = {
	{ 'p', "pid", true }, { 't', "tid", true }, { 'c', "count", true },
	{ 'd', "duration", true }, { 'j', "json", false },
	{ 'f', "fields", false }, { 'a', "attach", true },
	{ 'b', "ringbuf-size", true }, { 'v', "verbose", false },
	{ 'C', "check", false }, { 'T', NULL, true },
};

#define NLOADER_OPTIONS (sizeof(loader_options) / sizeof(loader_options[0]))

/* How many of the words from words[i] are a loader's option: 0, 1, or 2
 * when its argument is the next word. */
static size_t loader_words(char *const *words, size_t n, size_t i)
{
	const char *w = words[i];
	size_t k, len;

	if (w[0] != '-' || !w[1])
		return 0;
	for (k = 0; k < NLOADER_OPTIONS; k++) {
		const struct loader_option *o = &loader_options[k];

		len = o->name ? strlen(o->name) : 0;
		if (o->name && w[1] == '-' &&
		    strncmp(w + 2, o->name, len) == 0 &&
		    (!w[len + 2] || w[len + 2] == '='))
			return 1 + (o->arg && !w[len + 2] && i + 1 < n);
		if (w[1] == o->key)
			return 1 + (o->arg && !w[2] && i + 1 < n);
	}
	return 0;
}

/*
 * When the words before "--" hold a loader's options, a note says where
 * they go, with the command that puts them there: tpgen's words in their
 * order, "--", the loader's, then those already after "--".  Returns
 * whether there was one.
 */
static bool loader_options_note(struct tp_cli *c)
{
	struct tp_buf b = { 0 };
	size_t i, j, k, round;

	for (i = 0; i < c->nwords; i++)
		if (loader_words(c->words, c->nwords, i))
			break;
	if (i == c->nwords)
		return false;
	tp_buf_adds(&b, "tpgen");
	for (round = 0; round < 2; round++) {
		for (i = 0; i < c->nwords; i += k ? k : 1) {
			k = loader_words(c->words, c->nwords, i);
			/* tpgen's words, then the loader's. */
			for (j = i; round == (k > 0) && j < i + (k ? k : 1); j++)
				shell_word(&b, c->words[j]);
		}
		if (!round)
			tp_buf_adds(&b, " --");
	}
	for (i = 0; i < c->nloader_args; i++)
		shell_word(&b, c->loader_args[i]);
	tp_note(&c->p.diags, NULL, NULL, "loader options go after '--': "
		"%.*s", (int)b.len, b.failed ? "" : b.data);
	tp_buf_fini(&b);
	return true;
}

enum tp_exit tp_run_usage_error(struct tp_cli *c, bool run, const char *at,
				const char *fmt, ...)
{
	bool noted;
	va_list ap;

	va_start(ap, fmt);
	usage_message(c, at, fmt, ap);
	va_end(ap);
	noted = run && loader_options_note(c);
	tp_pipeline_flush(&c->p);
	if (!noted)
		fputs("Try 'tpgen --help'.\n", stderr);
	return TP_EXIT_USAGE;
}
