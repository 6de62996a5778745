#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes a C file that holds the given files, so that the tpgen binary
# carries its templates and the code it copies into output folders.
# Usage: embed.sh FILE... > embedded.c
set -eu
cat <<'HEAD'
/* Generated from templates/ and runtime/ by src/codegen/embed.sh; do not edit. */
#include "config.h"

#include "embedded.h"

const struct tp_embedded tp_embedded_files[] = {
HEAD
for f in "$@"; do
	printf '\t{ "%s",\n' "$(basename "$f")"
	# Each line becomes a string literal; backslashes and quotes escaped.
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t  "/' -e 's/$/\\n"/' "$f"
	printf '\t},\n'
done
cat <<'TAIL'
};

const size_t tp_embedded_count =
	sizeof(tp_embedded_files) / sizeof(tp_embedded_files[0]);
TAIL
