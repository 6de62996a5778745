/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tpgen compare: events laid out from one kernel's format files, as
 * programs are built from them, against another kernel's.  The verdicts
 * are the loaders' own: this file compiles the rules of the code tpgen
 * copies into every output folder (runtime/tpgen_reloc.h), so that what
 * compare says is what a loader would do on that kernel.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpgen_reloc.h"
#include "compare.h"
#include "reloc.h"
#include "source.h"

static int by_group_name(const void *key, const void *elem)
{
	const struct tp_event *ev = key;
	const struct tp_event_ref *r = elem;
	int c = strcmp(ev->group ? ev->group : "", r->group);

	return c ? c : strcmp(ev->name, r->name);
}

/* The other kernel's layout of ev: 0, ENOENT when it has no such event,
 * or another errno. */
static int other_layout(const struct tp_tree *to, const struct tp_event *ev,
			struct tpgen_live *live)
{
	const struct tp_event_ref *ref;
	struct tp_source *src;
	char *text;
	int err;

	ref = bsearch(ev, to->refs, to->nrefs, sizeof(*to->refs),
		      by_group_name);
	if (!ref)
		return ENOENT;
	err = tp_tree_read(ref, &src);
	if (err)
		return err;
	text = malloc(src->len + 1);
	if (text) {
		memcpy(text, src->text, src->len + 1);
		err = -tpgen_live_parse(text, src->len, live);
	}
	tp_source_free(src);
	return text ? err : ENOMEM;
}

static void built_field(const struct tp_reloc *r, const struct tp_field *f,
			struct tpgen_field *out)
{
	struct tp_reloc_field d;

	tp_reloc_describe(r, f, &d);
	*out = (struct tpgen_field){
		.name = d.name, .offset = d.offset, .size = d.size,
		.count = d.count, .kind = (enum tpgen_kind)d.kind,
		.is_signed = d.is_signed, .is_char = d.string,
		.relocated = d.relocated,
		.filtered = d.filtered,
	};
}

/* Whether a and b are laid out the same, as far as a loader reads them:
 * the sign of what is not an integer does not matter. */
static bool same_layout(const struct tpgen_field *a,
			const struct tpgen_field *b)
{
	return a->offset == b->offset && a->size == b->size &&
	       a->kind == b->kind && a->count == b->count &&
	       (a->kind != TPGEN_SCALAR || a->is_signed == b->is_signed);
}

/* Whether the built layout has a field called name. */
static bool built_has(const struct tpgen_field *built, size_t n,
		      const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(built[i].name, name) == 0)
			return true;
	return false;
}

/*
 * Writes into b what differs between the built fields and live, a line a
 * field, and returns the event's verdict.
 */
static enum tp_verdict differences(struct tp_buf *b,
				   const struct tpgen_field *built, size_t n,
				   const struct tpgen_live *live)
{
	enum tp_verdict v = TP_SAME;
	char was[64], now[64];
	size_t i;

	for (i = 0; i < n; i++) {
		const struct tpgen_field *l = tpgen_live_field(live, &built[i]);
		const char *why = l ? tpgen_unfollowable(&built[i], l) : NULL;

		tpgen_layout_words(&built[i], was, sizeof(was));
		if (!l) {
			tp_buf_printf(b, "  %s: %s -> absent, printed as such\n",
				      built[i].name, was);
			v = v == TP_SAME ? TP_FOLLOWED : v;
		} else if (why) {
			tp_buf_printf(b, "  %s: %s -> %s: cannot be followed "
				      "(%s)\n", built[i].name, was,
				      tpgen_layout_words(l, now, sizeof(now)),
				      why);
			v = TP_REFUSED;
		} else if (!same_layout(&built[i], l)) {
			tp_buf_printf(b, "  %s: %s -> %s%s\n", built[i].name,
				      was, tpgen_layout_words(l, now, sizeof(now)),
				      tpgen_kept_whole(&built[i], l) ?
				      ", kept whole: printed as fields" : "");
			v = v == TP_SAME ? TP_FOLLOWED : v;
		}
	}
	for (i = 0; i < live->nfields; i++)
		if (!built_has(built, n, live->fields[i].name))
			tp_buf_printf(b, "  %s: new, %s, not read\n",
				      live->fields[i].name,
				      tpgen_layout_words(&live->fields[i], now,
							 sizeof(now)));
	return v;
}

int tp_compare_event(struct tp_buf *b, const struct tp_layout *l,
		     const struct tp_tree *to, enum tp_verdict *verdict)
{
	const struct tp_event *ev = l->ev;
	struct tpgen_field *built;
	struct tpgen_live live;
	struct tp_reloc r;
	size_t i, n = 0;
	int err;

	err = other_layout(to, ev, &live);
	if (err == ENOENT) {
		*verdict = TP_GONE;
		return 0;
	}
	if (err)
		return err;
	built = calloc(ev->nfields + 1, sizeof(*built));
	err = built ? tp_reloc_init(&r, l) : ENOMEM;
	if (err) {
		free(built);
		tpgen_live_free(&live);
		return err;
	}
	for (i = 0; i < ev->nfields; i++)
		if (tp_reloc_in_table(l, &ev->fields[i]))
			built_field(&r, &ev->fields[i], &built[n++]);
	*verdict = differences(b, built, n, &live);
	if (live.print_fmt != ev->print_fmt_xxh3) {
		tp_buf_adds(b, "  print fmt: another, printed as fields\n");
		if (*verdict == TP_SAME)
			*verdict = TP_FOLLOWED;
	}
	tp_reloc_fini(&r);
	free(built);
	tpgen_live_free(&live);
	return 0;
}

static const char *const verdicts[] = {
	[TP_SAME] = "the same", [TP_FOLLOWED] = "followed",
	[TP_REFUSED] = "refused", [TP_GONE] = "gone (no such event)",
};

long tp_compare_events(FILE *out, const struct tp_layout *layouts, size_t n,
		       const struct tp_tree *to)
{
	size_t counts[TP_GONE + 1] = { 0 }, i;
	struct tp_buf b = { 0 };
	enum tp_verdict v;
	int err = 0;

	for (i = 0; !err && i < n; i++) {
		const struct tp_event *ev = layouts[i].ev;

		b.len = 0;
		err = tp_compare_event(&b, &layouts[i], to, &v);
		if (!err && b.failed)
			err = ENOMEM;
		if (err)
			break;
		counts[v]++;
		if (v != TP_SAME)
			fprintf(out, "%s/%s: %s\n%.*s", ev->group, ev->name,
				verdicts[v], (int)b.len, b.data ? b.data : "");
	}
	tp_buf_fini(&b);
	if (err)
		return -err;
	fprintf(out, "%zu event%s: %zu the same, %zu followed, %zu refused, "
		"%zu gone\n", n, n == 1 ? "" : "s", counts[TP_SAME],
		counts[TP_FOLLOWED], counts[TP_REFUSED], counts[TP_GONE]);
	return (long)(counts[TP_REFUSED] + counts[TP_GONE]);
}
