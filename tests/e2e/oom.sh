#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Out of memory anywhere: allocations of `tpgen header` and `tpgen -o`
# fail one at a time (every one of the first 400, then a sample of the
# rest), through failmalloc.c.  Each run must end as it would without the
# failure, or with exit status 4 and a message; never a crash, and never
# a file written in part: the header is absent, and each file of an
# output folder is absent or whole, none left half-written beside it.
set -u
: "${TPGEN:?}" "${FIXTURES:?}" "${TOP_SRCDIR:?}" "${CC:=cc}"

# shellcheck source=tests/e2e/lib.sh
. "$TOP_SRCDIR/tests/e2e/lib.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
events="rt/* syscalls/* xdp/* dynamic/* names/* kvm_hyp/*"
# One thread, so that allocations come in the same order each run.
export TPGEN_THREADS=1
# In the sanitizer build, failmalloc.so comes before AddressSanitizer's
# runtime, whose malloc it calls; a run cut short by a failure may leak.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0:detect_leaks=0"
export ASAN_OPTIONS

verify "failmalloc.so" "$CC" -shared -fPIC -O2 -o "$work/failmalloc.so" \
	"$TOP_SRCDIR/tests/e2e/failmalloc.c" -ldl

# run MODE K: tpgen with allocation K failing (0: none) into $work/MODE.
run() {
	rm -rf "$work/$1"
	case $1 in
	header) set -- "$1" "$2" header -o "$work/header" ;;
	folder) set -- "$1" "$2" -o "$work/folder" ;;
	esac
	mode=$1 k=$2
	shift 2
	# shellcheck disable=SC2086 # the selectors, one word each
	LD_PRELOAD="$work/failmalloc.so" TPGEN_FAIL_AT=$k \
		"$TPGEN" --tracefs "$FIXTURES/tree" "$@" $events \
		>"$work/out" 2>"$work/err"
}

for mode in header folder; do
	run "$mode" 0
	verify "$mode: runs" [ $? -eq 0 ]
	rm -rf "$work/ref"
	cp -r "$work/$mode" "$work/ref"
	# shellcheck disable=SC2086 # the selectors, one word each
	n=$(LD_PRELOAD="$work/failmalloc.so" TPGEN_FAIL_COUNT=1 \
		"$TPGEN" --tracefs "$FIXTURES/tree" \
		$( [ "$mode" = header ] && echo header ) \
		-o "$work/count" $events 2>&1 >/dev/null |
		sed -n 's/^allocations: //p')
	rm -rf "$work/count"
	verify "$mode: allocations counted ($n)" [ "${n:-0}" -gt 400 ]
	step=$(( (${n:-0} - 400) / 300 + 1 ))
	k=1 runs=0 failed=0 bad=0
	while [ "$k" -le "${n:-0}" ]; do
		run "$mode" "$k"
		rc=$?
		runs=$((runs + 1))
		if [ "$rc" -eq 4 ]; then
			failed=$((failed + 1))
			said=$(grep -cE 'out of memory|Cannot allocate memory' \
				"$work/err")
			[ "$said" -ge 1 ] || { bad=$((bad + 1));
				echo "k=$k: exit 4 without a word"; }
			# Once: not for the event and again for the run.
			[ "$said" -le 1 ] || { bad=$((bad + 1));
				echo "k=$k: out of memory said $said times"; }
		elif [ "$rc" -ne 0 ]; then
			bad=$((bad + 1))
			echo "k=$k: exit $rc"
			sed 's/^/  | /' "$work/err" | head -5
		fi
		# Whatever was written is whole: the file as the run without
		# a failure wrote it.
		if [ "$mode" = header ] && [ -e "$work/header" ] &&
			! { [ "$rc" -eq 0 ] && cmp -s "$work/header" "$work/ref"; }; then
			bad=$((bad + 1))
			echo "k=$k: exit $rc, a header written"
		fi
		if [ "$mode" = folder ] && [ -d "$work/folder" ]; then
			for f in "$work/folder"/* "$work/folder"/.[!.]*; do
				[ -e "$f" ] || continue
				cmp -s "$f" "$work/ref/${f##*/}" && continue
				bad=$((bad + 1))
				echo "k=$k: exit $rc, ${f##*/} not whole"
			done
		fi
		if [ "$k" -lt 400 ]; then
			k=$((k + 1))
		else
			k=$((k + step))
		fi
	done
	verify "$mode: $runs runs, $failed out of memory, no other end" \
		[ "$bad" -eq 0 ]
done

echo "oom: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
