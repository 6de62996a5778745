/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Parsing tracefs format files into the event model. */
#ifndef TPGEN_FORMAT_H
#define TPGEN_FORMAT_H

#include "diag.h"
#include "event.h"
#include "source.h"

/* What is known of the kernel that wrote the format files. */
struct tp_target {
	unsigned long_size;   /* sizeof(long) and of pointers */
	unsigned max_record;  /* no record is larger (header_page's data) */
};

/* This host's kernel, for when no header_page says otherwise. */
#define TP_TARGET_HOST ((struct tp_target){ sizeof(long), 65535 })

enum tp_format_kind {
	TP_FORMAT_EVENT,       /* events/<group>/<event>/format */
	TP_FORMAT_HEADER_PAGE, /* events/header_page: fields only */
};

/* What the caller will use of each event's print fmt. */
enum tp_print_use {
	/* All of it: parsed into ev->print, its text in ev->print_fmt. */
	TP_PRINT_ALL,
	/* What code is generated from (-o, run): parsed, and its text not
	 * kept (a print fmt of a megabyte of symbols would be there twice). */
	TP_PRINT_CODE,
	/* What dump shows: the text, and whether tpgen understands it (of
	 * ev->print, only the problem is kept: its parse tree is three
	 * times the text). */
	TP_PRINT_DUMP,
	/* Only the names __print_symbolic() and __print_flags() give
	 * (tpgen header): a print fmt without either is left unparsed
	 * (ev->print NULL), which is most of them and a fifth of the
	 * parsing; in one with them, only their calls are parsed, into
	 * ev->print's args (tp_print_parse_symbols()), and nothing is
	 * checked against the fields.  Nothing is lost: what a print fmt
	 * holds that tpgen does not understand is kept, never reported. */
	TP_PRINT_SYMBOLS,
};

/*
 * Parses src.  target sizes array elements declared as long or as
 * pointers, and bounds the record.  Every problem is reported to d; warnings
 * leave the result usable.  Returns an event the caller owns (group and path
 * unset), or NULL when any error was reported.
 */
struct tp_event *tp_format_parse(const struct tp_source *src,
				 enum tp_format_kind kind,
				 const struct tp_target *target,
				 struct tp_diags *d);

/* The same, with the print fmt parsed as far as `use` needs. */
struct tp_event *tp_format_parse_for(const struct tp_source *src,
				     enum tp_format_kind kind,
				     const struct tp_target *target,
				     enum tp_print_use use,
				     struct tp_diags *d);

#endif
