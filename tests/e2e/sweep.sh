#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every event of the live tracefs: its generated BPF program and loader
# code build without a warning, the program passes the verifier and
# attaches with its fields relocated as its loader describes the kernel,
# and the loader finds the kernel's layout one it can read (--check).
# Events the kernel does not let a tracepoint program attach to are
# listed with the reason in tests/e2e/sweep-exceptions;
# any other failure, and any listed event that does attach, fails the run.
# Needs root, tracefs and BPF.  `make sweep` runs it.
set -u
: "${TPGEN:?}" "${SWEEP:?}" "${TOP_SRCDIR:?}"

# shellcheck source=tests/e2e/lib.sh
. "${TOP_SRCDIR:?}/tests/e2e/lib.sh"
require_root_tracefs

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
jobs=$(nproc)
"$TPGEN" '*' -o "$work/out" >/dev/null || exit 1
events=$(ls "$work/out"/*.bpf.c | wc -l)
# Every event's BPF program, as -o writes it.
(cd "$work/out" && ls ./*.bpf.c) | sed 's/\.c$/.o/' >"$work/objects"
xargs make -C "$work/out" -k -j"$jobs" -s <"$work/objects" \
	>"$work/build.log" 2>&1
built=$(ls "$work/out"/*.bpf.o | wc -l)
"$SWEEP" "$work/out"/*.bpf.o >"$work/sweep.log" 2>"$work/summary"
# Every event's loader code (how it prints, its layout), in programs of
# 100 events (--program): the same code as a loader of one event, but the
# code all loaders share is built once a program, not 2,000 times.  Each
# program's loader finds the kernel's layout of its events one it can
# read (--check).
"$TPGEN" list '*' | split -l 100 - "$work/events."
loaders=0
programs=0
refused=0
for list in "$work"/events.*; do
	programs=$((programs + 1))
	dir="$work/p$programs"
	# shellcheck disable=SC2046 # one selector a line
	"$TPGEN" $(cat "$list") -o "$dir" --program "sweep$programs" \
		>/dev/null || exit 1
	make -C "$dir" -j"$jobs" -s >>"$work/build.log" 2>&1
	[ -x "$dir/sweep$programs" ] || continue
	loaders=$((loaders + $(wc -l <"$list")))
	if ! "$dir/sweep$programs" --check >/dev/null 2>"$work/check.err"; then
		refused=$((refused + 1))
		head -3 "$work/check.err" >>"$work/refused"
	fi
done
elapsed=$(($(date +%s) - start))

exceptions="$TOP_SRCDIR/tests/e2e/sweep-exceptions"
sed -n 's/^FAIL tracepoint\/\([^:]*\):.*/\1/p' "$work/sweep.log" | sort >"$work/failed"
grep -v '^#' "$exceptions" | cut -d' ' -f1 | sort >"$work/expected"
bad=0
echo "sweep: $events events, $built programs built, the loader code of" \
	"$loaders in $programs programs, $(cat "$work/summary")," \
	"$refused programs refused by --check in ${elapsed}s"
if [ "$built" -ne "$events" ] || [ "$loaders" -ne "$events" ] ||
	grep -q 'warning:' "$work/build.log"; then
	echo "FAIL: not every program and loader built cleanly:"
	grep -E 'error:|warning:' "$work/build.log" | head -20
	bad=1
fi
if [ "$refused" -ne 0 ]; then
	echo "FAIL: $refused programs refuse the kernel they were built from:"
	head -40 "$work/refused"
	bad=1
fi
comm -23 "$work/failed" "$work/expected" >"$work/new"
if [ -s "$work/new" ]; then
	echo "FAIL: events that should attach and do not:"
	grep -F -f "$work/new" "$work/sweep.log" | head -40
	bad=1
fi
comm -13 "$work/failed" "$work/expected" >"$work/fixed"
if [ -s "$work/fixed" ]; then
	echo "FAIL: listed as exceptions, but they attach (update $exceptions):"
	cat "$work/fixed"
	bad=1
fi
echo "exceptions ($(wc -l <"$work/expected")), each as the kernel refused it:"
grep -F -f "$work/expected" "$work/sweep.log" | sed 's/^FAIL tracepoint\//  /'
[ "$bad" -eq 0 ] && echo "sweep: 1 passed, 0 failed" || echo "sweep: 0 passed, 1 failed"
[ "$bad" -eq 0 ]
