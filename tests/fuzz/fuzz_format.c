/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness: any bytes as a format file, through everything tpgen
 * does with one: the parser, as an event and as header_page; the layout;
 * the header; the print fmt compiler.  Built and run by `make fuzz`.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "format.h"
#include "header.h"
#include "layout.h"
#include "pfgen.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct tp_target target = TP_TARGET_HOST;
	struct tp_naming naming = { false, NULL };
	struct tp_source *src = tp_source_from_mem("fuzz", (const char *)data,
						   size);
	FILE *null = fopen("/dev/null", "w");
	struct tp_layout l;
	struct tp_event *ev;
	struct tp_diags d;

	if (!src || !null) {
		tp_source_free(src);
		if (null)
			fclose(null);
		return 0;
	}
	tp_diags_init(&d);
	tp_event_free(tp_format_parse(src, TP_FORMAT_HEADER_PAGE, &target, &d));
	ev = tp_format_parse(src, TP_FORMAT_EVENT, &target, &d);
	tp_diags_flush(&d, null);
	if (ev) {
		ev->group = NULL;
		if (tp_layout_build(ev, &naming, &l) == 0) {
			tp_header_write(null, "FUZZ_H", NULL, &l, 1);
			fuzz_print_code(&l);
		}
		tp_event_free(ev);
	}
	tp_diags_fini(&d);
	tp_source_free(src);
	fclose(null);
	return 0;
}
