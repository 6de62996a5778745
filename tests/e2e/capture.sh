#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Offline generation and behaviour inside builds: captures (folder, .tar,
# .tar.gz, .tar.xz) give the same output as the tree they copy, byte for
# byte and run after run; --format; --depfile; reruns leave files alone;
# an error leaves the previous output in place; the shipped capture stands
# in for a missing tracefs.  The live part needs root and tracefs (it is
# skipped without them, and fails under CI=true).
set -u
: "${TPGEN:?}" "${FIXTURES:?}" "${TOP_SRCDIR:?}" "${CC:=cc}" "${CLANG:=clang}"
: "${MULTIARCH_INCLUDE:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
# shellcheck source=tests/e2e/lib.sh
. "$TOP_SRCDIR/tests/e2e/lib.sh"

# same_output NAME TREE...: generating every event from each TREE gives
# the same files as from the first.
same_output() {
	sname=$1
	shift
	verify "$sname: generate from $1" "$TPGEN" --tracefs "$1" '*' -o "$work/ref"
	first=$1
	shift
	for t in "$@"; do
		rm -rf "$work/other"
		verify "$sname: generate from $(basename "$t")" \
			"$TPGEN" --tracefs "$t" '*' -o "$work/other"
		verify "$sname: $(basename "$t") gives the same bytes as $first" \
			diff -r "$work/ref" "$work/other"
	done
	rm -rf "$work/ref" "$work/other"
}

# captures NAME [--tracefs TREE]: the four kinds of capture of a tree,
# each made twice: the same bytes both times.
captures() {
	cname=$1
	shift
	for kind in dir tar tar.gz tar.xz; do
		cout="$work/$cname.$kind"
		[ "$kind" = dir ] && cout="$work/$cname-dir"
		verify "$cname: capture $kind" "$TPGEN" "$@" capture -o "$cout"
		if [ "$kind" != dir ]; then
			verify "$cname: capture $kind again" "$TPGEN" "$@" \
				capture -o "$work/again.$kind"
			verify "$cname: $kind is deterministic" \
				cmp "$cout" "$work/again.$kind"
		fi
	done
}

# The 32-bit fixture: captured, then generated; its structs keep their
# offset checks in C11 and BPF C.
captures tree32 --tracefs "$FIXTURES/tree32"
verify "tree32 manifest" grep -q '"long_size": 4' "$work/tree32-dir/manifest.json"
same_output tree32 "$FIXTURES/tree32" "$work/tree32-dir" "$work/tree32.tar" \
	"$work/tree32.tar.gz" "$work/tree32.tar.xz"
verify "tree32 from capture" "$TPGEN" --tracefs "$work/tree32.tar.xz" \
	header '*' -o "$work/t32.h"
printf '#include "t32.h"\n' >"$work/t32.c"
verify "tree32 C11" "$CC" -std=c11 -Wall -Wextra -Werror -pedantic \
	-fsyntax-only "$work/t32.c"
verify "tree32 BPF" "$CLANG" -target bpf -Wall -Werror \
	-I"$MULTIARCH_INCLUDE" -fsyntax-only "$work/t32.c"
verify "tree32 long size" grep -q '__u32 call_site;' "$work/t32.h"

# Archives: members that would lead outside are skipped with a warning.
mkdir -p "$work/evil/events/g/e" "$work/outside"
cp "$FIXTURES/tree/events/xdp/xdp_exception/format" "$work/evil/events/g/e/format"
cp "$FIXTURES/tree/events/xdp/xdp_exception/format" "$work/outside/format"
# -P keeps the "../" and the absolute name in the archive.
verify "escaping archive" tar -C "$work/evil" -cPf "$work/evil.tar" events \
	../outside/format "$work/outside/format"
verify "archive with escaping members" "$TPGEN" --tracefs "$work/evil.tar" list
verify "only the safe event" grep -qx 'g/e' "$work/last"
verify "'../' reported" grep -q "skipping '../outside/format': it would lead out of the archive" "$work/last"
verify "absolute name reported" grep -q "skipping '$work/outside/format': it would lead out" "$work/last"

# --format: single files, the group from the path or --group.
f="$FIXTURES/tree/events/xdp/xdp_exception/format"
verify "format" "$TPGEN" --format "$f" --format \
	"$FIXTURES/tree/events/rt/sched_waking/format" list
verify "format groups from paths" grep -qx 'xdp/xdp_exception' "$work/last"
cp "$f" "$work/xdp_exception.format"
verify "format --group" "$TPGEN" --format "$work/xdp_exception.format" \
	--group mine dump
verify "format --group used" grep -q '^mine/xdp_exception ' "$work/last"
refute "format and tracefs" "$TPGEN" --format "$f" --tracefs x list

# --depfile: the files written, and every file read, in make syntax.
verify "depfile" "$TPGEN" --tracefs "$FIXTURES/tree" rt/sched_waking \
	xdp/xdp_exception -o "$work/dep" --depfile "$work/dep.d"
for target in sched_waking.h sched_waking.bpf.c sched_waking.c \
	xdp_xdp_exception.h Makefile tpgen_loader.h; do
	verify "depfile target $target" grep -q "^$work/dep/${target}[ :]" \
		"$work/dep.d"
done
for prereq in rt/sched_waking/format xdp/xdp_exception/format header_page; do
	verify "depfile reads $prereq" grep -q \
		"^ $FIXTURES/tree/events/$prereq" "$work/dep.d"
	verify "depfile phony $prereq" grep -qx \
		"$FIXTURES/tree/events/$prereq:" "$work/dep.d"
done
cat >"$work/dep.mk" <<EOF
include $work/dep.d
EOF
verify "depfile is make syntax" make -n -f "$work/dep.mk" "$work/dep/Makefile"
verify "header depfile" "$TPGEN" --tracefs "$work/tree32.tar.gz" header \
	'*' -o "$work/h.h" --depfile "$work/h.d"
verify "header depfile names the archive" grep -q "^ $work/tree32.tar.gz" \
	"$work/h.d"

# An error leaves the previous output in place: a template that does not
# expand stops the run before any file is written.
cp -rp "$work/dep" "$work/dep.before"
mkdir "$work/tpl"
printf '{{nonesuch}}\n' >"$work/tpl/event.c"
refute "template error" "$TPGEN" --tracefs "$FIXTURES/tree" --templates \
	"$work/tpl" rt/sched_waking xdp/xdp_exception -o "$work/dep"
verify "nothing replaced" diff -r "$work/dep.before" "$work/dep"
for f in "$work/dep"/*; do
	[ -n "$(find "$f" -newer "$work/dep.before/$(basename "$f")")" ] &&
		verify "mtime of $f kept" false
done
verify "no temporary files" sh -c '! ls "$1" | grep -q tmp' sh "$work/dep"

# A folder where a file goes fails the run before anything is replaced,
# and is a system error (4), not an input error.
cp -rp "$work/dep" "$work/dep.before2"
rm "$work/dep/tpgen_record.h"
mkdir "$work/dep/tpgen_record.h"
"$TPGEN" --tracefs "$FIXTURES/tree" --struct-name 'other_%e' rt/sched_waking \
	xdp/xdp_exception -o "$work/dep" >"$work/run" 2>&1
verify "unwritable output exits 4" [ $? -eq 4 ]
for f in sched_waking.h xdp_xdp_exception.h Makefile; do
	verify "$f not replaced" cmp "$work/dep.before2/$f" "$work/dep/$f"
done
verify "no temporary files left" sh -c '! ls "$1" | grep -q tmp' sh "$work/dep"

# A broken event among good ones: the good ones are written, the broken
# one reported, its previous output left alone, and the status says so.
mkdir -p "$work/mixed/events/g/good" "$work/mixed/events/g/bad"
cp "$FIXTURES/tree/events/xdp/xdp_exception/format" "$work/mixed/events/g/good/format"
cp "$FIXTURES/tree/events/rt/sched_waking/format" "$work/mixed/events/g/bad/format"
verify "mixed first run" "$TPGEN" --tracefs "$work/mixed" 'g/*' -o "$work/mixed-out"
cp "$work/mixed-out/sched_waking.h" "$work/bad-before.h"
cp "$FIXTURES/bad/several.format" "$work/mixed/events/g/bad/format"
"$TPGEN" --tracefs "$work/mixed" 'g/*' -o "$work/mixed-out" >"$work/mixed.log" 2>&1
verify "mixed run exits 1" [ $? -eq 1 ]
verify "bad event reported" grep -q 'g/bad/format:2:5: error' "$work/mixed.log"
verify "good event written" test -f "$work/mixed-out/xdp_exception.c"
verify "bad event's output kept" cmp "$work/bad-before.h" \
	"$work/mixed-out/sched_waking.h"

# libarchive is opened when an archive is read or written, not at every
# start (src/input/tarball.c), and a note in tpgen says it needs it.
LD_DEBUG=libs "$TPGEN" --tracefs "$FIXTURES/tree" list >/dev/null \
	2>"$work/ld-folder"
refute "a folder run does not load libarchive" grep -q libarchive \
	"$work/ld-folder"
LD_DEBUG=libs "$TPGEN" --tracefs "$work/tree32.tar.xz" list >/dev/null \
	2>"$work/ld-archive"
libarchive=$(sed -n 's/^.*trying file=\(.*libarchive\.so.*\)$/\1/p' \
	"$work/ld-archive" | while read -r f; do
		[ -f "$f" ] && echo "$f" && break
	done)
verify "an archive run loads libarchive" [ -n "$libarchive" ]
objcopy -O binary --only-section=.note.dlopen "$TPGEN" "$work/note"
verify "the dlopen note names libarchive" grep -q \
	'"priority":"required","soname":\["libarchive\.so\.[0-9]*"\]' "$work/note"

# without_tracefs OUT ERR ARGS...: tpgen ARGS where no tracefs is mounted
# (in a mount namespace of its own), into OUT and ERR.
without_tracefs() {
	_out=$1 _err=$2
	shift 2
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare -m env TPGEN_CAPTURE="$TOP_SRCDIR/examples/capture.tar.xz" \
		sh -c 'umount -l /sys/kernel/tracing; umount -l /sys/kernel/debug 2>/dev/null; exec "$0" "$@"' \
		"$TPGEN" "$@" >"$_out" 2>"$_err"
}

# Without a live tracefs, the shipped capture stands in, with a note.
if [ "$(id -u)" -eq 0 ] && grep -q ' tracefs ' /proc/mounts; then
	# Without libarchive, archives are refused with the reason, and
	# folders still work.
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare -m sh -c 'mount --bind /dev/null "$1" && "$0" --tracefs "$2" list' \
		"$TPGEN" "$libarchive" "$work/tree32.tar.xz" \
		>"$work/noar.out" 2>"$work/noar.err"
	verify "no libarchive: archive refused (exit 4)" [ $? -eq 4 ]
	verify "no libarchive: said why" grep -q \
		"tree32.tar.xz: archives need libarchive, which could not be loaded: .*apt-get install libarchive13" \
		"$work/noar.err"
	# shellcheck disable=SC2016 # expanded by the inner shell
	verify "no libarchive: a folder still works" unshare -m sh -c \
		'mount --bind /dev/null "$1" && "$0" --tracefs "$2" list >/dev/null' \
		"$TPGEN" "$libarchive" "$FIXTURES/tree32"
	without_tracefs "$work/fallback.out" "$work/fallback.err" \
		list xdp/xdp_exception
	verify "fallback exits 0" [ $? -eq 0 ]
	verify "fallback says so" grep -q \
		"note: no live tracefs here: reading the capture shipped with tpgen" \
		"$work/fallback.err"
	verify "fallback lists" grep -qx 'xdp/xdp_exception' "$work/fallback.out"
	# Structs laid out as one kernel has them are not written from a
	# capture the user did not name: it may be another kernel's.
	for cmd in header dump; do
		without_tracefs "$work/exact.out" "$work/exact.err" \
			"$cmd" xdp/xdp_exception
		verify "fallback: $cmd refused (exit 4)" [ $? -eq 4 ]
		verify "fallback: $cmd says why" grep -q \
			"error: no live tracefs here: not laying out structs as the capture shipped with tpgen has them (Linux .*), which this kernel may not match" \
			"$work/exact.err"
		verify "fallback: $cmd names the way out" grep -q \
			"note: .*--tracefs $TOP_SRCDIR/examples/capture.tar.xz" \
			"$work/exact.err"
		verify "fallback: $cmd wrote nothing" [ ! -s "$work/exact.out" ]
	done
	# A relocatable header may: its loaders check the running kernel.
	without_tracefs "$work/rel.out" "$work/rel.err" \
		header --relocatable xdp/xdp_exception
	verify "fallback: header --relocatable exits 0" [ $? -eq 0 ]
	verify "fallback: header --relocatable says so" grep -q \
		"note: no live tracefs here: reading the capture shipped with tpgen" \
		"$work/rel.err"
	verify "fallback: header --relocatable written" grep -q \
		'tpgen_built__xdp__xdp_exception' "$work/rel.out"

	# Live: every kind of capture gives what the live tree gives.
	captures live
	verify "live manifest" grep -q "\"kernel_release\": \"$(uname -r)\"" \
		"$work/live-dir/manifest.json"
	verify "live generate" "$TPGEN" '*' -o "$work/live-out"
	# Every generated file that depends on the kernel names it: the
	# running one, here and when tracefs is named as --tracefs.
	kernel="Kernel: Linux $(uname -r) ($(uname -m))"
	verify "banners name the live kernel" [ "$(grep -l -F "$kernel" \
		"$work/live-out"/*.h "$work/live-out"/*.bpf.c \
		"$work/live-out"/*.c "$work/live-out"/Makefile | wc -l)" -eq \
		"$(ls "$work/live-out"/*.h "$work/live-out"/*.bpf.c \
		   "$work/live-out"/*.c "$work/live-out"/Makefile | grep -vc \
		   '/tpgen[_.a-z]*\.h$')" ]
	tracefs=$(awk '$3 == "tracefs" { print $2; exit }' /proc/mounts)
	verify "--tracefs on tracefs names the live kernel" sh -c \
		'"$1" --tracefs "$2" header sched/sched_switch | grep -qF "$3"' \
		sh "$TPGEN" "$tracefs" "$kernel"
	for c in "$work/live-dir" "$work/live.tar" "$work/live.tar.gz" \
		"$work/live.tar.xz"; do
		rm -rf "$work/cap-out"
		verify "generate from $(basename "$c")" "$TPGEN" --tracefs "$c" \
			'*' -o "$work/cap-out"
		verify "$(basename "$c") gives the live bytes" \
			diff -r "$work/live-out" "$work/cap-out"
	done
elif [ "${CI:-}" = true ]; then
	fail=$((fail + 1))
	echo "FAIL: live captures: need root and tracefs, and CI=true"
else
	echo "SKIP: live captures: need root and tracefs"
fi

echo "capture: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
