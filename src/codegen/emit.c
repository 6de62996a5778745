/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "ctypes.h"
#include "cwrap.h"
#include "emit.h"
#include "fcgen.h"
#include "fields.h"
#include "grow.h"
#include "header.h"
#include "output.h"
#include "pfgen.h"
#include "reloc.h"
#include "template.h"

const char *const tp_emit_support_files[] = {
	"tpgen_record.h", "tpgen_core.bpf.h", "tpgen.bpf.h", "tpgen_loader.h",
	"tpgen_reloc.h", "tpgen_filter.bpf.h", "tpgen_program.h", NULL,
};

/*
 * The templates expanded once per event, and what each one becomes.  Both
 * are scaffolds, the user's to edit: tpgen keeps a file edited since it
 * wrote it.  Everything else it writes is its own.
 */
static const struct {
	const char *name;
	const char *suffix;
} per_event[] = {
	{ "event.bpf.c", ".bpf.c" },
	{ "event.c", ".c" },
};

bool tp_emit_name_ok(const char *name)
{
	return *name && strspn(name, "abcdefghijklmnopqrstuvwxyz"
				     "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				     "0123456789_-.") == strlen(name);
}

struct tp_staged {
	char *path; /* NULL: nothing to write */
	/* The temporary file that holds its text: commit() renames it into
	 * place.  NULL: none made. */
	char *tmp;
	bool users; /* a scaffold */
	char *kept; /* the user's edited file, kept; path is beside it */
};

static const char *refusal(const struct tp_emit *e, enum tp_output_state state)
{
	return e->own_folder ? NULL : tp_output_refusal(state);
}

/* Says why a file in the way is not replaced.  The others are still
 * looked at, so that all are named: 0. */
static int refuse(struct tp_emit *e, const char *path, const char *why)
{
	if (!why)
		return 0;
	e->system_error = e->refused = true;
	tp_error(e->d, NULL, NULL, "%s %s: not replacing it (--force does)",
		 path, why);
	return 0;
}

/*
 * What becomes of a file that may be there already.  tpgen replaces what
 * it wrote and nobody changed since.  A scaffold the user edited is kept:
 * when tpgen's text is no longer the one the user started from, it goes
 * beside it as FILE.new, which is tpgen's own.  Anything else in the way
 * is refused, unless --force.  Sets *same when f->path holds the text
 * already.  Returns 0 or -1.
 */
static int plan(struct tp_emit *e, struct tp_staged *f,
		const struct tp_piece *text, size_t n, int sealed,
		uint64_t digest, bool *same)
{
	enum tp_output_state state;
	uint64_t was = 0;

	/* What a rerun mostly finds: the file as tpgen would write it, which
	 * needs no more look (and no digest of it). */
	*same = tp_output_same(f->path, text, n);
	if (e->force || *same)
		return 0;
	state = tp_output_state(f->path, &was);
	if (state != TP_OUTPUT_EDITED || !f->users)
		return refuse(e, f->path, refusal(e, state));
	f->kept = f->path;
	f->path = NULL;
	if (sealed && digest == was)
		return 0;
	if (asprintf(&f->path, "%s.new", f->kept) < 0) {
		f->path = NULL;
		return tp_oom(e->d, NULL);
	}
	*same = tp_output_same(f->path, text, n);
	if (*same)
		return 0;
	return refuse(e, f->path, refusal(e, tp_output_state(f->path, NULL)));
}

/*
 * Writes a file's text to a temporary file beside it, at once: a text of
 * tens of megabytes is not kept while the next is made.  Its digest is
 * filled in first.  Once a file in the way was refused, the others are
 * still looked at, to name them all, but no longer written.  Takes the
 * text and frees it.
 */
static int write_file(struct tp_emit *e, const char *name,
		      struct tp_buf *text, bool users)
{
	struct tp_staged *v = tp_grow(e->staged, &e->staged_cap, e->nstaged,
				      sizeof(*v), 16);
	struct tp_staged *f = NULL;
	struct tp_piece pieces[2];
	size_t n = tp_output_buf_pieces(text, 0, tp_buf_pos(text), pieces, 0);
	uint64_t digest = 0;
	int sealed, rc, err = 0;
	bool same = false;

	if (v) {
		e->staged = v;
		f = &v[e->nstaged];
		memset(f, 0, sizeof(*f));
		if (asprintf(&f->path, "%s/%s", e->outdir, name) < 0)
			f->path = NULL;
	}
	sealed = f && f->path && !text->failed ?
		 tp_output_seal(pieces, n, &digest) : -1;
	if (sealed < 0) {
		if (f)
			free(f->path);
		tp_buf_fini(text);
		return tp_oom(e->d, NULL);
	}
	f->users = users;
	e->nstaged++;
	rc = plan(e, f, pieces, n, sealed, digest, &same);
	if (!rc && !e->refused && f->path && !same)
		err = tp_output_stagev(f->path, pieces, n, &f->tmp);
	tp_buf_fini(text);
	if (!err)
		return rc;
	e->system_error = true;
	return tp_error(e->d, NULL, NULL, "cannot write %s: %s", f->path,
			strerror(err));
}

/* Says which files were kept, once they were. */
static void report_kept(struct tp_emit *e, const struct tp_staged *f)
{
	e->kept++;
	if (f->path)
		tp_warn(e->d, NULL, NULL, "kept %s: edited since tpgen wrote "
			"it; tpgen's version is %s (--force replaces it)",
			f->kept, f->path);
	else
		tp_warn(e->d, NULL, NULL, "kept %s: edited since tpgen wrote "
			"it (tpgen's version has not changed)", f->kept);
}

/* Renames a staged file into place (none: it was unchanged). */
static int place(struct tp_emit *e, struct tp_staged *f)
{
	int err;

	if (!f->tmp) {
		e->unchanged++;
		return 0;
	}
	err = tp_output_commit(f->tmp, f->path);
	f->tmp = NULL;
	if (err) {
		e->system_error = true;
		return tp_error(e->d, NULL, NULL, "cannot write %s: %s",
				f->path, strerror(err));
	}
	e->written++;
	return 0;
}

/*
 * Puts the staged files in place when every file could be made and
 * written (rc 0, none refused); else removes their temporary files, and
 * the previous output stays as it was.
 */
static int commit(struct tp_emit *e, int rc)
{
	size_t i;

	if (e->refused)
		rc = -1;
	/* An interrupt waits until every file is in place or none is. */
	tp_output_hold();
	for (i = 0; i < e->nstaged; i++) {
		struct tp_staged *f = &e->staged[i];

		if (rc) {
			if (f->tmp)
				tp_output_abandon(f->tmp);
			f->tmp = NULL;
			continue;
		}
		if (f->kept)
			report_kept(e, f);
		if (f->path)
			rc = place(e, f);
		if (e->outputs &&
		    ((f->kept && tp_paths_add(e->outputs, f->kept)) ||
		     (f->path && tp_paths_add(e->outputs, f->path))))
			rc = tp_oom(e->d, NULL);
	}
	tp_output_release();
	return rc;
}

static bool c_file(const char *name)
{
	size_t n = strlen(name);

	return n > 2 && name[n - 2] == '.' &&
	       (name[n - 1] == 'c' || name[n - 1] == 'h');
}

/* Expands a template into a file, or copies it when vars is NULL; users
 * when the file is a scaffold. */
static int from_template(struct tp_emit *e, const struct tp_source *tpl,
			 const struct tp_var *vars, size_t nvars,
			 const char *name, bool users)
{
	/* The loader of an event of many fields is megabytes. */
	struct tp_buf b = { .spill = TP_BUF_SPILL };
	int rc;

	if (!vars) {
		tp_buf_add(&b, tpl->text, tpl->len);
		return write_file(e, name, &b, users);
	}
	rc = tp_template_expand(tpl, vars, nvars, c_file(name), &b, e->d);
	if (!rc)
		return write_file(e, name, &b, users);
	tp_buf_fini(&b);
	return rc;
}

int tp_emit_check(const struct tp_layout *l, struct tp_diags *d)
{
	/* The longest file made of the stem is STEM.bpf.c.tmp-XXXXXX, and
	 * file names stop at 255 bytes (NAME_MAX). */
	if (strlen(l->stem) > TP_EMIT_STEM_MAX)
		return tp_error(d, NULL, NULL, "%s: the event's file names "
				"would start with %zu bytes ('%.24s...'): more "
				"than the %u a file name can take (--name "
				"chooses a shorter one)", l->ev->path,
				strlen(l->stem), l->stem, TP_EMIT_STEM_MAX);
	if (!tp_emit_name_ok(l->ev->group) || !tp_emit_name_ok(l->ev->name))
		return tp_error(d, NULL, NULL, "%s/%s: names with "
				"characters other than letters, digits, '_', "
				"'-' and '.' cannot go into generated code",
				l->ev->group, l->ev->name);
	return 0;
}

static const char *kernel_name(const struct tp_emit *e)
{
	return e->kernel ? e->kernel : "not named";
}

/* EVENT.h, in the frame of the template tpl: the exact-layout struct
 * and, for the program, the struct of the fields by name. */
static int event_header(struct tp_emit *e, const struct tp_layout *l,
			const struct tp_source *tpl,
			const struct tp_reloc *reloc)
{
	/* Five times the format file for an event of many overlapping
	 * fields: spilled to a file while it is made. */
	struct tp_buf header = { .spill = TP_BUF_SPILL };
	struct tp_header_frame frame;
	char *name, *guard;
	int rc;

	if (asprintf(&name, "%s.h", l->stem) < 0)
		return tp_oom(e->d, NULL);
	guard = tp_header_guard(name);
	if (!guard) {
		free(name);
		return tp_oom(e->d, NULL);
	}
	rc = tp_header_frame(&frame, tpl, guard, kernel_name(e), e->d);
	if (!rc) {
		const char *t = frame.text.data;

		tp_buf_add(&header, t, frame.events_at);
		tp_header_event(&header, l);
		tp_reloc_structs(&header, reloc);
		tp_buf_add(&header, t + frame.events_at,
			   frame.text.len - frame.events_at);
		rc = write_file(e, name, &header, false);
	}
	tp_header_frame_fini(&frame);
	free(guard);
	free(name);
	return rc;
}

/* EVENT.bpf.c and EVENT.c, from their templates. */
static int event_files(struct tp_emit *e, const struct tp_layout *l,
		       struct tp_source *const *tpls,
		       const struct tp_var *vars, size_t nvars)
{
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < sizeof(per_event) / sizeof(*per_event); i++) {
		char *name;

		if (asprintf(&name, "%s%s", l->stem, per_event[i].suffix) < 0)
			return tp_oom(e->d, NULL);
		rc = from_template(e, tpls[i], vars, nvars, name, true);
		free(name);
	}
	return rc;
}

/* The filter, checked against l's event, as the C expression of r (in
 * expr) and its text (the source's own, NUL-ended).  0, or -1 after
 * saying why. */
static int filter(struct tp_emit *e, const struct tp_emit_filter *f,
		  struct tp_reloc *r, struct tp_buf *expr)
{
	const struct tp_source *src = f->src;
	const struct tp_layout *l = r->l;

	if (tp_filter_check(f->tree, l->ev, src, e->d) ||
	    tp_filter_c(expr, f->tree, r, src, e->d))
		return -1;
	r->filtered = calloc(l->ev->nfields + 1, sizeof(*r->filtered));
	if (!r->filtered)
		return tp_oom(e->d, NULL);
	tp_filter_fields(f->tree, l->ev, r->filtered);
	tp_buf_addc(expr, '\0');
	if (expr->failed)
		return tp_oom(e->d, NULL);
	r->filter = expr->data;
	r->filter_text = src->text;
	return 0;
}

/* Event i's filter, or NULL. */
static const struct tp_emit_filter *filter_of(const struct tp_emit *e,
					      size_t i)
{
	return e->filters && e->filters[i].tree ? &e->filters[i] : NULL;
}

static int emit_event(struct tp_emit *e, const struct tp_layout *l,
		      const struct tp_emit_filter *f,
		      const struct tp_source *header,
		      struct tp_source *const *tpls, unsigned long_size)
{
	const struct tp_event_code code = { l, long_size, "reloc" };
	char fixed[16], ndyn[16], ntable[16];
	char *text, *tables = NULL, *why = NULL, *status = NULL;
	struct tp_buf fexpr = { 0 };
	struct tp_reloc reloc;
	int rc;

	if (tp_emit_check(l, e->d))
		return -1;
	if (tp_reloc_init(&reloc, l))
		return tp_oom(e->d, NULL);
	if (f && filter(e, f, &reloc, &fexpr)) {
		tp_reloc_fini(&reloc);
		tp_buf_fini(&fexpr);
		return -1;
	}
	snprintf(fixed, sizeof(fixed), "%u", l->fixed_size);
	snprintf(ndyn, sizeof(ndyn), "%u", tp_layout_slots(l));
	snprintf(ntable, sizeof(ntable), "%zu", reloc.ntable);
	text = tp_pfgen(l, long_size, "table", &tables, &why);
	if (asprintf(&status, !text ? "not available: %s" :
		     tp_syscall_event(l->ev) != TP_SYSCALL_NONE ?
		     "its trace file's, for syscalls" :
		     "compiled from its print fmt", why) < 0)
		status = NULL;
	/* Neither text nor why: out of memory. */
	if ((!text && !why) || !status)
		rc = tp_oom(e->d, NULL);
	else
		rc = event_header(e, l, header, &reloc);
	if (!rc) {
		const struct tp_var vars[] = {
			{ .name = "tpgen_version", .value = PACKAGE_VERSION },
			{ .name = "kernel", .value = kernel_name(e) },
			{ .name = "group", .value = l->ev->group },
			{ .name = "event", .value = l->ev->name },
			{ .name = "stem", .value = l->stem },
			{ .name = "tag", .value = l->tag },
			{ .name = "fixed_size", .value = fixed },
			{ .name = "dynamic_count", .value = ndyn },
			{ .name = "table_count", .value = ntable },
			{ .name = "core_struct", .value = reloc.name },
			{ .name = "filter_include", .value = f ?
			  "\n#include \"tpgen_filter.bpf.h\"" : "" },
			{ .name = "reads", .write = tp_reloc_reads,
			  .arg = &reloc },
			{ .name = "built", .write = tp_reloc_table,
			  .arg = &reloc },
			{ .name = "print_fields", .write = tp_print_fields,
			  .arg = &code },
			{ .name = "has_text", .value = text ? "true" : "false" },
			{ .name = "text_status", .value = status },
			{ .name = "print_text", .value = text ? text :
			  "\t(void)o;\n\t(void)ctx;\n\t(void)rec;\n" },
			{ .name = "print_tables", .value = tables ? tables : "" },
		};

		rc = event_files(e, l, tpls, vars,
				 sizeof(vars) / sizeof(*vars));
	}
	tp_reloc_fini(&reloc);
	tp_buf_fini(&fexpr);
	free(text);
	free(tables);
	free(why);
	free(status);
	return rc;
}

/* Loads a template and keeps it for diagnostics until tp_emit_fini(). */
static struct tp_source *load(struct tp_emit *e, const char *name)
{
	struct tp_source *src;

	if (e->nsources == sizeof(e->sources) / sizeof(e->sources[0])) {
		tp_error(e->d, NULL, NULL, "too many templates");
		return NULL;
	}
	src = tp_template_load(e->templates, name, e->inputs, e->d);
	if (src)
		e->sources[e->nsources++] = src;
	return src;
}

/* What a program of many events is made of, event by event. */
struct program {
	struct tp_buf headers;  /* NAME.h: the events' headers */
	struct tp_buf handlers; /* NAME.bpf.c: a function per event */
	struct tp_buf list;     /* the loader's --help: the events */
	struct tp_buf code;     /* NAME.c: per event, its printing */
	struct tp_buf table;    /* NAME.c: the events */
};

/* The BPF function of r's event. */
static void handler(struct tp_buf *f, const struct tp_reloc *r)
{
	const struct tp_layout *l = r->l;
	struct tp_buf line = { 0 };

	tp_buf_printf(f, "\nSEC(\"tracepoint/%s/%s\")\n", l->ev->group,
		      l->ev->name);
	tp_buf_printf(&line, "int handle_%s(struct %s *ctx)\n", l->stem,
		      r->name);
	tp_c_wrap_buf(f, &line);
	tp_buf_adds(f, "{\n");
	tp_reloc_reads(f, r);
	tp_buf_printf(f, "\ttpgen_submit(rec, TPGEN_SIZE(%u, %u, %zu));\n"
		      "\treturn 0;\n}\n", l->fixed_size, tp_layout_slots(l),
		      r->ntable);
	tp_buf_fini(&line);
}

/* The head of a loader's function printing an event, kind "text" or
 * "fields". */
static void print_head(struct tp_buf *f, const struct tp_layout *l,
		       const char *kind)
{
	struct tp_buf line = { 0 };

	tp_buf_printf(&line, "\nstatic void print_%s_%s(struct tpgen_out *o, "
		      "const void *data, const struct tpgen_record *rec)\n",
		      kind, l->stem);
	tp_c_wrap_buf(f, &line);
	tp_buf_printf(f, "{\n\tconst struct %s *ctx = data;\n\n", l->tag);
	tp_buf_fini(&line);
}

/* r's event's part of the loader: its layout, its printing, its entry
 * in the table of events.  0, or -1 after saying why. */
static int loader_part(struct tp_emit *e, struct program *pg,
		       const struct tp_reloc *r)
{
	const struct tp_layout *l = r->l;
	char *prefix = NULL, *reloc = NULL, *text, *tables, *why;
	struct tp_event_code code;
	struct tp_buf entry = { 0 };
	bool oom;

	if (asprintf(&prefix, "%s_table", l->stem) < 0 ||
	    asprintf(&reloc, "reloc_%s", l->stem) < 0) {
		free(prefix);
		return tp_oom(e->d, NULL);
	}
	text = tp_pfgen(l, e->long_size, prefix, &tables, &why);
	/* Neither text nor why: out of memory. */
	oom = !text && !why;
	tp_buf_printf(&pg->code, "\n/* %s/%s */\n", l->ev->group,
		      l->ev->name);
	tp_reloc_table(&pg->code, r);
	tp_buf_printf(&pg->code, "static struct tpgen_reloc %s;\n", reloc);
	if (text) {
		tp_buf_adds(&pg->code, tables);
		print_head(&pg->code, l, "text");
		tp_buf_printf(&pg->code, "%s}\n", text);
	}
	code = (struct tp_event_code){ l, e->long_size, reloc };
	print_head(&pg->code, l, "fields");
	tp_print_fields(&pg->code, &code);
	tp_buf_adds(&pg->code, "}\n");
	tp_buf_printf(&entry, "\t{ \"%s/%s\", &built_%s, &%s, %s, %s%s, "
		      "print_fields_%s, %u, %u, \"handle_%s\" },\n",
		      l->ev->group, l->ev->name, l->stem, reloc,
		      text ? "true" : "false", text ? "print_text_" : "NULL",
		      text ? l->stem : "", l->stem, l->fixed_size,
		      tp_layout_slots(l), l->stem);
	tp_c_wrap_buf(&pg->table, &entry);
	tp_buf_printf(&pg->list, "\t\"  %s/%s\\n\"\n", l->ev->group,
		      l->ev->name);
	tp_buf_fini(&entry);
	free(prefix);
	free(reloc);
	free(tables);
	free(text);
	free(why);
	return oom ? tp_oom(e->d, NULL) : 0;
}

/* Event l's header, function and part of the loader: place i. */
static int program_event(struct tp_emit *e, struct program *pg,
			 const struct tp_layout *l, int i,
			 const struct tp_source *header)
{
	const struct tp_emit_filter *f = filter_of(e, (size_t)i);
	struct tp_buf fexpr = { 0 };
	struct tp_reloc reloc;
	int rc;

	if (tp_emit_check(l, e->d))
		return -1;
	if (strcmp(l->stem, e->program) == 0)
		return tp_error(e->d, NULL, NULL, "--program %s: %s/%s's "
				"header has that name (%s.h)", e->program,
				l->ev->group, l->ev->name, l->stem);
	if (tp_reloc_init(&reloc, l))
		return tp_oom(e->d, NULL);
	reloc.place = i;
	rc = f ? filter(e, f, &reloc, &fexpr) : 0;
	if (!rc)
		rc = event_header(e, l, header, &reloc);
	if (!rc) {
		tp_buf_printf(&pg->headers, "#include \"%s.h\"\n", l->stem);
		handler(&pg->handlers, &reloc);
		rc = loader_part(e, pg, &reloc);
	}
	tp_reloc_fini(&reloc);
	tp_buf_fini(&fexpr);
	return rc;
}

/* NAME.h, NAME.bpf.c, NAME.c and NAME.events.c, from their templates. */
static int program_files(struct tp_emit *e, struct program *pg, size_t n)
{
	static const char *const suffix[] = {
		".h", ".bpf.c", ".c", ".events.c",
	};
	static const char *const tpl[] = {
		"program.h", "program.bpf.c", "program.c", "program.events.c",
	};
	char count[24], *name = NULL, *guard = NULL, *includes = NULL;
	struct tp_source *src;
	bool filtered = false;
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++)
		filtered |= filter_of(e, i) != NULL;
	snprintf(count, sizeof(count), "%zu", n);
	if (asprintf(&name, "%s.h", e->program) < 0)
		return tp_oom(e->d, NULL);
	guard = tp_header_guard(name);
	if (asprintf(&includes, "#include \"%s\"\n#include \"tpgen.bpf.h\"\n%s",
		     name, filtered ? "#include \"tpgen_filter.bpf.h\"\n" :
		     "") < 0)
		includes = NULL;
	for (i = 0; !rc && guard && includes &&
		    i < sizeof(tpl) / sizeof(*tpl); i++) {
		const struct tp_var vars[] = {
			{ .name = "tpgen_version", .value = PACKAGE_VERSION },
			{ .name = "kernel", .value = kernel_name(e) },
			{ .name = "program", .value = e->program },
			{ .name = "count", .value = count },
			{ .name = "guard", .value = guard },
			{ .name = "headers", .value = pg->headers.data },
			{ .name = "includes", .value = includes },
			{ .name = "handlers", .value = pg->handlers.data },
			{ .name = "event_list", .value = pg->list.data },
			{ .name = "events", .value = pg->code.data },
			{ .name = "event_table", .value = pg->table.data },
		};
		char *file;

		src = load(e, tpl[i]);
		if (!src)
			rc = -1;
		else if (asprintf(&file, "%s%s", e->program, suffix[i]) < 0)
			rc = tp_oom(e->d, NULL);
		else {
			rc = from_template(e, src, vars,
					   sizeof(vars) / sizeof(*vars), file,
					   i > 0);
			free(file);
		}
	}
	if (!rc && (!guard || !includes))
		rc = tp_oom(e->d, NULL);
	free(name);
	free(guard);
	free(includes);
	return rc;
}

/* One program for the n events: each event's header, then the
 * program's files. */
static int emit_program(struct tp_emit *e, const struct tp_layout *layouts,
			size_t n, const struct tp_source *header)
{
	struct program pg;
	struct tp_buf *all[] = {
		&pg.headers, &pg.handlers, &pg.list, &pg.code, &pg.table,
	};
	size_t i;
	int rc = 0;

	memset(&pg, 0, sizeof(pg));
	for (i = 0; !rc && i < n; i++)
		rc = program_event(e, &pg, &layouts[i], (int)i, header);
	for (i = 0; i < sizeof(all) / sizeof(*all); i++) {
		tp_buf_addc(all[i], '\0');
		if (all[i]->failed && !rc)
			rc = tp_oom(e->d, NULL);
	}
	if (!rc)
		rc = program_files(e, &pg, n);
	for (i = 0; i < sizeof(all) / sizeof(*all); i++)
		tp_buf_fini(all[i]);
	return rc;
}

int tp_emit(struct tp_emit *e, const struct tp_layout *layouts, size_t n)
{
	const size_t nper = sizeof(per_event) / sizeof(*per_event);
	struct tp_source *tpls[sizeof(per_event) / sizeof(*per_event)];
	const struct tp_var common[] = {
		{ .name = "tpgen_version", .value = PACKAGE_VERSION },
		{ .name = "kernel", .value = kernel_name(e) },
	};
	struct tp_source *src, *header = load(e, "tracepoints.h");
	size_t i;
	int rc = header ? 0 : -1;

	for (i = 0; !e->program && i < nper; i++) {
		tpls[i] = load(e, per_event[i].name);
		if (!tpls[i])
			rc = -1;
	}
	if (!rc && e->program)
		rc = emit_program(e, layouts, n, header);
	for (i = 0; !rc && !e->program && i < n; i++)
		rc = emit_event(e, &layouts[i], filter_of(e, i), header, tpls,
				e->long_size);
	/* What all events share. */
	if (!rc) {
		src = load(e, "Makefile");
		rc = src ? from_template(e, src, common,
					 sizeof(common) / sizeof(*common),
					 "Makefile", false) : -1;
	}
	for (i = 0; !rc && tp_emit_support_files[i]; i++) {
		src = load(e, tp_emit_support_files[i]);
		rc = src ? from_template(e, src, NULL, 0,
					 tp_emit_support_files[i], false) : -1;
	}
	return commit(e, rc);
}

void tp_emit_fini(struct tp_emit *e)
{
	size_t i;

	for (i = 0; i < e->nsources; i++)
		tp_source_free(e->sources[i]);
	e->nsources = 0;
	for (i = 0; i < e->nstaged; i++) {
		free(e->staged[i].path);
		free(e->staged[i].kept);
	}
	free(e->staged);
	e->staged = NULL;
	e->nstaged = e->staged_cap = 0;
}
