#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every event of the live tracefs: its generated header compiles, offset
# checks included, as C11 (gcc -pedantic), C++11 (g++) and BPF C (clang
# -target bpf), both as one header for all events and as one file per event.
# Needs root and tracefs: skips (77) without them, fails under CI=true.
set -u
: "${TPGEN:?}" "${CC:=cc}" "${CXX:=c++}" "${CLANG:=clang}"
: "${MULTIARCH_INCLUDE:?}"

# shellcheck source=tests/e2e/lib.sh
. "${TOP_SRCDIR:?}/tests/e2e/lib.sh"
require_root_tracefs

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0

# build NAME FILE.c: FILE.c in the three modes.
build() {
	cp "$2" "$2c"
	verify "$1 as C11" "$CC" -std=c11 -Wall -Wextra -Werror -pedantic \
		-fsyntax-only "$2"
	verify "$1 as C++11" "$CXX" -std=c++11 -Wall -Wextra -Werror \
		-fsyntax-only "$2c"
	verify "$1 as BPF C" "$CLANG" -target bpf -Wall -Werror \
		-I"$MULTIARCH_INCLUDE" -fsyntax-only "$2"
}

events=$("$TPGEN" list | wc -l)
verify "one header" "$TPGEN" header '*' -o "$work/all.h"
grep -c '^struct .* {$' "$work/all.h" >"$work/count"
verify "a struct per event" [ "$(cat "$work/count")" -eq "$events" ]
printf '#include "all.h"\n' >"$work/all.c"
build "one header" "$work/all.c"

verify "a header per event" "$TPGEN" '*' -o "$work/each"
verify "a program per event" \
	[ "$(ls "$work/each"/*.bpf.c | wc -l)" -eq "$events" ]
for p in "$work/each"/*.bpf.c; do
	printf '#include "each/%s.h"\n' "$(basename "$p" .bpf.c)"
done >"$work/each.c"
verify "a header per program" [ "$(wc -l <"$work/each.c")" -eq "$events" ]
build "headers per event" "$work/each.c"

# What a person reads and edits: no line of generated code longer than
# 100 columns (tabs of 8), however long the event's names (up to 44
# characters here).
for f in "$work/each"/*.c "$work/each"/*.h "$work/each/Makefile"; do
	expand -t 8 "$f" | awk -v f="${f##*/}" \
		'length($0) > 100 { print f ":" FNR ": " length($0) " columns" }'
done >"$work/long"
head "$work/long"
verify "no generated line over 100 columns" [ ! -s "$work/long" ]

# After vmlinux.h, as a BPF program that also uses the kernel's types
# writes it: no struct of ours may take a kernel type's name.
if [ -r /sys/kernel/btf/vmlinux ]; then
	verify "vmlinux.h" sh -c 'bpftool btf dump file /sys/kernel/btf/vmlinux \
		format c >"$1"' sh "$work/vmlinux.h"
	printf '#include "vmlinux.h"\n#include "all.h"\n' >"$work/kernel.c"
	verify "one header after vmlinux.h" "$CLANG" -target bpf -Wall \
		-Werror -fsyntax-only "$work/kernel.c"
elif [ "${CI:-}" = true ]; then
	verify "the kernel's BTF" test -r /sys/kernel/btf/vmlinux
fi

echo "live headers: $events events; $pass passed, $fail failed"
[ "$fail" -eq 0 ]
