/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness: any bytes as the print fmt of a fixed event (its
 * fields cover every kind), parsed, checked and compiled.  Built and run
 * by `make fuzz`.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "format.h"
#include "layout.h"
#include "pfgen.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const char head[] =
	"name: fuzz\nID: 1\nformat:\n"
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n\n"
	"\tfield:int a;\toffset:8;\tsize:4;\tsigned:1;\n"
	"\tfield:char comm[16];\toffset:12;\tsize:16;\tsigned:1;\n"
	"\tfield:__data_loc char[] name;\toffset:28;\tsize:4;\tsigned:1;\n"
	"\tfield:u8 addr[16];\toffset:32;\tsize:16;\tsigned:0;\n"
	"\tfield:unsigned long ip;\toffset:48;\tsize:8;\tsigned:0;\n\n"
	"print fmt: ";

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct tp_target target = TP_TARGET_HOST;
	struct tp_naming naming = { false, NULL };
	size_t len = sizeof(head) - 1;
	char *text = malloc(len + size + 1);
	struct tp_source *src;
	struct tp_layout l;
	struct tp_event *ev;
	struct tp_diags d;

	if (!text)
		return 0;
	memcpy(text, head, len);
	memcpy(text + len, data, size);
	src = tp_source_from_mem("fuzz", text, len + size);
	free(text);
	if (!src)
		return 0;
	tp_diags_init(&d);
	ev = tp_format_parse(src, TP_FORMAT_EVENT, &target, &d);
	if (ev && tp_layout_build(ev, &naming, &l) == 0)
		fuzz_print_code(&l);
	tp_event_free(ev);
	tp_diags_fini(&d);
	tp_source_free(src);
	return 0;
}
