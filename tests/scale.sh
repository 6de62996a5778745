#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Huge input: 100,000 fields, a print fmt naming 550,000 symbols, a 50 MB
# file, print fmts nested 200,000 deep.  Each is generated (and the small
# ones' loaders built), and its CPU time and peak memory at four times the
# size grow linearly: under 7 times (quadratic would be 16), with a floor
# for the times too short to compare.  This is not a benchmark: the bound
# is loose on purpose, and catches only a change of complexity (a symbol
# table that hashed badly made the 550,000 symbols take hours).
set -u
: "${TPGEN:?}" "${FIXTURES:?}" "${TOP_SRCDIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
# shellcheck source=tests/lib.sh
. "$TOP_SRCDIR/tests/lib.sh"

good="$FIXTURES/tree/events/xdp/xdp_exception/format"

# The format files, each of size N in its own unit.  The field names
# share a long prefix, as hash functions that look at a few bytes only
# (glibc's hsearch) then make every lookup a walk of all of them.
fields() {
	printf 'name: big\nID: 1\nformat:\n'
	sed -n '/common_/p' "$good"
	echo
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
		printf "\tfield:u32 a_long_shared_prefix_%d;\toffset:%d;" \
			"\tsize:4;\tsigned:0;\n", i, 8 + 4 * i }'
	printf '\nprint fmt: "first=%%u last=%%u", REC->a_long_shared_prefix_0, '
	printf 'REC->a_long_shared_prefix_%d\n' $(($1 - 1))
}
symbols() {
	sed '/^print fmt:/d' "$good"
	printf 'print fmt: "act=%%s", __print_symbolic(REC->act'
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
		printf ", { %d, \"SYMBOL_%07d\" }", i, i }'
	printf ')\n'
}
bytes() {
	sed '/^print fmt:/d' "$good"
	printf 'print fmt: "act=%%u '
	head -c "$1" /dev/zero | tr '\0' x
	printf '", REC->act\n'
}
parens() {
	sed '/^print fmt:/d' "$good"
	awk -v n="$1" 'BEGIN { printf "print fmt: \"%%u\", ";
		for (i = 0; i < n; i++) printf "(";
		printf "REC->act"; for (i = 0; i < n; i++) printf ")";
		printf "\n" }'
}

# cost FILE: "CPU-MS PEAK-KB" of generating FILE's event into $work/out,
# the best of two runs.
cost() {
	best=
	for _run in 1 2; do
		rm -rf "$work/out"
		timeout 120 /usr/bin/time -f "%U %S %M" -o "$work/time" "$TPGEN" \
			--format "$1" --group g '*' -o "$work/out" \
			>/dev/null 2>"$work/err" || return 1
		set -- "$1" "$(awk '{ printf "%d %d", ($1 + $2) * 1000, $3 }' \
			"$work/time")"
		if [ -z "$best" ] || [ "${2% *}" -lt "${best% *}" ]; then
			best=$2
		fi
	done
	echo "$best"
}

# linear KIND SMALL: KIND at SMALL and 4 * SMALL; both generate, and the
# larger costs less than 7 times the smaller in CPU time and in memory
# (times under 100 ms count as 100 ms).
linear() {
	"$1" "$2" >"$work/small.format"
	"$1" $(($2 * 4)) >"$work/large.format"
	small=$(cost "$work/small.format")
	verify "$1 $2: generated" [ -n "$small" ]
	large=$(cost "$work/large.format")
	verify "$1 $(($2 * 4)): generated" [ -n "$large" ]
	[ -n "$small" ] && [ -n "$large" ] || return
	size=$(wc -c <"$work/large.format")
	cpu_s=${small% *} cpu_l=${large% *} mem_s=${small#* } mem_l=${large#* }
	[ "$cpu_s" -lt 100 ] && cpu_s=100
	echo "$1: x1 ${small% *} ms ${small#* } KB, x4 ${large% *} ms" \
		"${large#* } KB ($size bytes)"
	verify "$1: CPU time linear (${small% *} -> ${large% *} ms)" \
		[ "$cpu_l" -lt $((7 * cpu_s)) ]
	verify "$1: memory linear ($mem_s -> $mem_l KB)" \
		[ "$mem_l" -lt $((7 * mem_s)) ]
}

linear fields 25000
verify "100,000 fields: every one in the struct" \
	grep -q 'a_long_shared_prefix_99999;' "$work/out/big.h"
linear symbols 137500
verify "550,000 symbols: the last one named" \
	grep -q 'ACT_SYMBOL_0549999 549999' "$work/out/xdp_exception.h"
linear bytes 13107200
verify "a 50 MB file" [ "$(wc -c <"$work/large.format")" -gt 52428800 ]
linear parens 50000
verify "200,000 parentheses: said too deep" sh -c \
	'"$1" dump --format "$2" | grep -q "nested more than"' sh "$TPGEN" \
	"$work/large.format"

echo "scale: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
