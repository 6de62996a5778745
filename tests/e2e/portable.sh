#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Programs built for other kernels' layouts run on this one.  Captures
# made from this kernel's format files, changed as other kernels differ
# (an RT kernel's longer common header, fields in another order, integers
# of other sizes, strings as char[16] or as __data_loc, a field added and
# one left out), give loaders that must print what the loaders built from
# the live tracefs print for the same records (those that tests/e2e/oracle.sh
# holds to the kernel's own rendering): text where the print fmt is the
# same, fields where it changed, a field this kernel lacks as absent.  An
# integer narrower than this kernel's, or of the other sign, comes whole
# and prints as fields, as does a 32-bit kernel's layout.  Changes a
# program cannot follow (a scalar become an array, an event gone) make
# the loader refuse to start, exit 3, naming the event, the field and both
# layouts.
# Needs root, tracefs and BPF.
set -u
: "${TPGEN:?}"

# shellcheck source=tests/e2e/lib.sh
. "${TOP_SRCDIR:?}/tests/e2e/lib.sh"
require_root_tracefs

work=$(mktemp -d)
pids=''
cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT
pass=0 fail=0
tracefs=$(awk '$3 == "tracefs" { print $2; exit }' /proc/mounts)
events="sched/sched_process_fork sched/sched_process_exec sched/sched_switch"

# morph MODE < FORMAT > FORMAT: the format file of another kernel.
#   rt       common_preempt_lazy_count at 8, the fields 8 bytes further on
#   reverse  the fields in the opposite order
#   wide     4-byte signed integers of 8 bytes
#   strings  char NAME[16] as __data_loc char[] and back, for *comm fields
#   short    char NAME[16] as char NAME[8], for *comm fields
#   extra    a field this kernel lacks (tpgen_gone), the last one left out
#   narrow   the first 4-byte signed integer of 2 bytes
#   sign     the first 4-byte signed integer unsigned
#   array    the first 4-byte signed integer an array of 2
# Fields are laid out again from offset 8 at their natural alignment
# (but for rt, which only moves them).
morph() {
	awk -v mode="$1" '
	BEGIN { n = 0; nc = 0 }
	function prop(line, key,    v) {
		v = line
		sub(".*" key ":", "", v)
		sub(/;.*/, "", v)
		return v + 0
	}
	/^\tfield:/ && !past_common {
		common[nc++] = $0
		next
	}
	/^\tfield:/ {
		d = $0
		sub(/^\tfield:/, "", d)
		sub(/;.*/, "", d)
		decl[n] = d
		size[n] = prop($0, "size")
		sgn[n] = prop($0, "signed")
		n++
		next
	}
	/^$/ && nc && !past_common { past_common = 1; next }
	/^$/ { next }
	/^print fmt: / { fmt = $0; next }
	/^format:/ { print; next }
	{ print }
	function name_of(d,    s) {
		s = d
		sub(/\[[0-9]*\]$/, "", s)
		sub(/.* /, "", s)
		return s
	}
	function align_of(i,    d) {
		d = decl[i]
		if (d ~ /^__data_loc /)
			return 4
		if (d ~ /\[[0-9]+\]$/)
			return d ~ /^(unsigned )?char / ? 1 : 8
		return size[i] < 8 ? size[i] : 8
	}
	END {
		first = -1
		for (i = 0; i < n; i++)
			if (first < 0 && size[i] == 4 && sgn[i] == 1 &&
			    decl[i] !~ /\[/ && decl[i] !~ /^__data_loc/)
				first = i
		if (mode == "wide" || mode == "narrow" || mode == "sign" ||
		    mode == "array") {
			for (i = 0; i < n; i++) {
				if (size[i] != 4 || sgn[i] != 1 || decl[i] ~ /\[/ ||
				    decl[i] ~ /^__data_loc/)
					continue
				if (mode == "wide")
					size[i] = 8
				else if (i == first && mode == "narrow")
					size[i] = 2
				else if (i == first && mode == "sign")
					sgn[i] = 0
				else if (i == first && mode == "array") {
					decl[i] = "int " name_of(decl[i]) "[2]"
					size[i] = 8
				}
			}
		}
		if (mode == "strings") {
			for (i = 0; i < n; i++) {
				nm = name_of(decl[i])
				if (nm !~ /comm$/)
					continue
				if (decl[i] ~ /^__data_loc char\[\] /) {
					decl[i] = "char " nm "[16]"
					size[i] = 16
					gsub("__get_str\\(" nm "\\)", "REC->" nm, fmt)
				} else if (decl[i] ~ /^char .*\[16\]$/) {
					decl[i] = "__data_loc char[] " nm
					size[i] = 4
					gsub("REC->" nm "([^_a-zA-Z0-9]|$)",
					     "__get_str(" nm ")&", fmt)
					gsub("__get_str\\(" nm "\\)REC->" nm,
					     "__get_str(" nm ")", fmt)
				}
			}
		}
		if (mode == "short") {
			for (i = 0; i < n; i++) {
				nm = name_of(decl[i])
				if (nm ~ /comm$/ && decl[i] ~ /^char .*\[16\]$/) {
					decl[i] = "char " nm "[8]"
					size[i] = 8
				}
			}
		}
		if (mode == "extra") {
			n--
			decl[n] = "int tpgen_gone"
			size[n] = 4
			sgn[n] = 1
			n++
		}
		for (i = 0; i < nc; i++)
			print common[i]
		if (mode == "rt")
			printf "\tfield:unsigned char common_preempt_lazy_count;" \
			       "\toffset:8;\tsize:1;\tsigned:0;\n"
		print ""
		off = mode == "rt" ? 16 : 8
		for (j = 0; j < n; j++) {
			i = mode == "reverse" ? n - 1 - j : j
			a = align_of(i)
			off = int((off + a - 1) / a) * a
			printf "\tfield:%s;\toffset:%d;\tsize:%d;\tsigned:%d;\n",
			       decl[i], off, size[i], sgn[i]
			off += size[i]
		}
		print ""
		print fmt
	}'
}

# capture MODE EVENT...: a tree of the events' format files, morphed.
capture() {
	_mode=$1
	shift
	for _e in "$@"; do
		mkdir -p "$work/cap-$_mode/$_e"
		morph "$_mode" <"$tracefs/events/$_e/format" \
			>"$work/cap-$_mode/$_e/format"
	done
}

# The live build, which the others are compared with.
verify "live generates" "$TPGEN" $events -o "$work/live"
verify "live builds" make -s -C "$work/live" -j2
for mode in rt reverse wide strings short extra narrow sign; do
	# shellcheck disable=SC2086 # one word per event
	capture $mode $events
	verify "$mode generates" "$TPGEN" --tracefs "$work/cap-$mode" $events \
		-o "$work/$mode"
	verify "$mode builds" make -s -C "$work/$mode" -j2
done
# The layouts really differ from this kernel's.
verify "rt moved the fields" grep -q 'offset:16;' \
	"$work/cap-rt/sched/sched_switch/format"
verify "strings changed a string's form" \
	grep -q '__data_loc char\[\] prev_comm' \
	"$work/cap-strings/sched/sched_switch/format"
refute "built for another layout" cmp -s "$work/live/sched_switch.h" \
	"$work/rt/sched_switch.h"

# until_done: runs /bin/true (a fork and an exec), 10 times at most, until
# the loader started last ends; its exit status.
until_done() {
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		/bin/true
		kill -0 "$loader_pid" 2>/dev/null || break
		sleep 0.05
	done
	wait "$loader_pid"
}

# round MODE FLAGS [FIXUP]: the loaders of MODE and the live ones (in
# $live), side by side on the same records of $events; MODE's lines must
# be the live ones', once the function FIXUP has edited what they are
# known to differ in.
live=$work/live
round() {
	_mode=$1 _flags=$2 _fixup=${3:-}
	for e in $events; do
		s=${e#*/}
		# shellcheck disable=SC2086 # no flags, or one
		start_loader "live-$s" "$work/live-$s.out" \
			"$live/$s" $_flags && pids="$pids $loader_pid" &&
			# shellcheck disable=SC2086
			start_loader "$_mode-$s" "$work/$_mode-$s.out" \
				"$work/$_mode/$s" $_flags &&
			pids="$pids $loader_pid" || break
	done
	for _ in 1 2 3 4 5; do
		/bin/true
		sh -c 'sleep 0.01'
	done
	sleep 0.3
	for p in $pids; do
		kill -INT "$p"
		wait "$p"
	done
	pids=''
	[ "$e" = "${events##* }" ] || return
	[ -z "$_fixup" ] || $_fixup
	for e in $events; do
		s=${e#*/}
		compare "$_mode: $e" "$work/live-$s.out" "$work/$_mode-$s.out"
	done
}

# compare NAME LIVE OTHER: each record both loaders printed the same.
# Records pair by task and CPU: with the same line within 2 ms if there is
# one (each program reads the clock itself, and an interrupt may come
# between the two; a task may make several events in that time), else
# with the nearest within 50 us.  At least 3 pairs, and 9 in 10 of the
# other lines paired, of those printed while the live loader ran.
compare() {
	awk -v name="$1" '
	function key(line) { return substr(line, 1, index(line, "] ")) }
	function when(line,    t) {
		t = substr(line, index(line, "] ") + 2)
		return substr(t, 1, index(t, ":") - 1) * 1000000
	}
	function rest(line) { return substr(line, index(line, ": ") + 2) }
	FNR == NR {
		k = key($0)
		c = ++n[k]
		ts[k, c] = when($0)
		tx[k, c] = rest($0)
		if (!total++ || ts[k, c] < lo)
			lo = ts[k, c]
		if (ts[k, c] > hi)
			hi = ts[k, c]
		next
	}
	{
		k = key($0)
		t = when($0)
		inside += t >= lo && t <= hi
		best = near = 0
		for (i = 1; i <= n[k]; i++) {
			d = ts[k, i] - t
			d = d < 0 ? -d : d
			if (used[k, i])
				continue
			if (tx[k, i] == rest($0) && d <= 2000 &&
			    (!best || d < bd)) {
				best = i
				bd = d
			}
			if (d <= 50 && (!near || d < nd)) {
				near = i
				nd = d
			}
		}
		if (!best)
			best = near
		if (!best)
			next
		used[k, best] = 1
		if (tx[k, best] == rest($0)) {
			same++
		} else if (bad++ < 2) {
			print "  live:  " tx[k, best]
			print "  built: " rest($0)
		}
	}
	END {
		printf "  %s: %d lines, %d the same, %d different\n", name,
		       total, same, bad
		exit !(bad == 0 && same >= 3 && same * 10 >= inside * 9)
	}' "$2" "$3" >"$work/cmp" 2>&1
	st=$?
	cat "$work/cmp"
	if [ $st -eq 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $1"
	fi
}

round rt ''
round reverse ''
round wide ''
# Strings in the other form: another print fmt, so fields.
round strings --fields
"$work/strings/sched_switch" -c 1 >"$work/strings.out" 2>&1
verify "strings: fields instead of text" grep -q \
	'sched/sched_switch: the running kernel prints it otherwise' \
	"$work/strings.out"
verify "strings: printed as fields" grep -q ' prev_comm=.* next_pid=' \
	"$work/strings.out"

# A comm longer here than built (char[16] against [8]): cut, and ended
# within the 8 bytes, as a __data_loc one is; never run into the next
# field.  The live lines with their comms cut to 7 must be the same.
round_short() {
	sed -i -E 's/(_comm=[^ ]{7})[^ ]*/\1/g' "$work/live-sched_switch.out"
}
verify "short shortened the comms" \
	grep -q 'char prev_comm\[8\]' "$work/cap-short/sched/sched_switch/format"
round short '' round_short

# A field this kernel lacks is absent; one the build did not know is left
# out: the live lines without their last field, the others without the
# absent one, must be the same.
round_extra() {
	for e in $events; do
		s=${e#*/}
		last=$(sed -nE \
			's/^\tfield:.* ([a-z_0-9]+)(\[[0-9]*\])?;\toffset.*/\1/p' \
			"$tracefs/events/$e/format" | tail -1)
		sed -i -E "s/ $last=[^ ]*\$//" "$work/live-$s.out"
		cp "$work/extra-$s.out" "$work/extra-$s.raw"
		sed -i 's/ tpgen_gone=(absent)$//' "$work/extra-$s.out"
	done
}
round extra --fields round_extra
verify "extra: said absent" grep -q 'tpgen_gone=(absent)$' \
	"$work/extra-sched_process_exec.raw"
verify "extra: named on standard error" grep -q \
	'sched/sched_process_exec: the running kernel has no field tpgen_gone' \
	"$work/extra-sched_process_exec.err"
e=sched/sched_process_exec
if start_loader extra-json "$work/extra.json" \
	"$work/extra/sched_process_exec" -j -c 1; then
	pids=$loader_pid
	/bin/true
	sleep 0.3
	kill -INT "$pids" 2>/dev/null
	wait "$pids"
	pids=''
fi
verify "extra: null in JSON" grep -q '"tpgen_gone":null' "$work/extra.json"

# An integer wider here than built (pids kept in 2 bytes), or of the
# other sign: the record keeps it whole, and the loader prints fields.
round narrow --fields
round sign --fields
e=sched/sched_process_fork
first=$(grep -E '^\s*field:(pid_t|int) [a-z_]+;.*signed:1;' \
	"$tracefs/events/$e/format" | grep -v common_ | head -1 |
	sed -E 's/.*field:[a-z_]+ ([a-z_]+);.*/\1/')
for mode in narrow sign; do
	start_loader "$mode-text" "$work/$mode.out" \
		"$work/$mode/sched_process_fork" -c 1 || continue
	until_done
	verify "$mode: loads, exit 0" [ $? -eq 0 ]
	verify "$mode: fields instead of text" grep -q " $first=[0-9]" \
		"$work/$mode.out"
done
verify "narrow: says which field, and why" grep -q \
	"^$e: the running kernel has $first wider than built: printing its fields instead" \
	"$work/narrow-text.err"
verify "sign: says which field, and why" grep -q \
	"^$e: the running kernel has $first in the other sign: printing its fields instead" \
	"$work/sign-text.err"

# What a program cannot follow: the loader refuses to start, exit 3, and
# says what changed.
capture array $e
verify "array generates" "$TPGEN" --tracefs "$work/cap-array" $e \
	-o "$work/array"
verify "array builds" make -s -C "$work/array"
"$work/array/sched_process_fork" -c 1 >"$work/array.out" 2>&1
verify "array: refused, exit 3" [ $? -eq 3 ]
verify "array: says which field, and both layouts" grep -q \
	"^$e: field $first cannot be followed (it is of another kind): built for a 8-byte array of 2 at .*, the running kernel has a 4-byte signed integer at" \
	"$work/array.out"
"$work/array/sched_process_fork" --check >"$work/array.check" 2>&1
verify "array: --check says so, exit 3" [ $? -eq 3 ]
# A filter on a field the running kernel lacks: the loader refuses, as
# the kernel refuses such a filter; on a field it has, it starts.
filtered() {
	rm -rf "$work/filtered"
	"$TPGEN" --tracefs "$work/cap-extra" sched/sched_process_exec \
		-o "$work/filtered" --filter "$1" >/dev/null &&
		make -s -C "$work/filtered" >/dev/null &&
		"$work/filtered/sched_process_exec" --check \
			>"$work/filtered.out" 2>&1
}
filtered 'pid > 0'
verify "extra --filter on a field it has: --check, exit 0" [ $? -eq 0 ]
filtered 'tpgen_gone != 0 || pid > 0'
verify "extra --filter on the field gone: refused, exit 3" [ $? -eq 3 ]
verify "extra --filter on the field gone: says why" grep -q \
	"has no field tpgen_gone, which the program's filter tests" \
	"$work/filtered.out"
"$work/live/sched_process_fork" --check >"$work/check" 2>&1
verify "live: --check, exit 0" [ $? -eq 0 ]
verify "live: --check says so" grep -q 'can read the running kernel' \
	"$work/check"

# A folder checked against other kernels' layouts (captures), as a fleet's
# CI would: the live loaders follow the RT layout, not the array.
verify "check-kernel: the rt capture, exit 0" make -s -C "$work/live" \
	check-kernel TRACEFS="$work/cap-rt"
make -s -C "$work/live" check-kernel TRACEFS="$work/cap-array" \
	>"$work/fleet" 2>&1
verify "check-kernel: the array capture fails" [ $? -ne 0 ]
verify "check-kernel: says which field, and whose layout" grep -q \
	"^$e: field $first cannot be followed (it is of another kind): built for a .*, $work/cap-array has a " \
	"$work/fleet"
verify "check-kernel: says which events it lacks" grep -q \
	"^sched/sched_switch: $work/cap-array has no such event" "$work/fleet"
# A user's own CO-RE read beside tpgen's: the loader gives libbpf the
# kernel's BTF with the event's structs after it, so a read of the current
# task_struct relocates too.  The exec program, edited to take pid from
# the task, must print what the kernel's pid field holds: the thread's id.
cp -r "$work/live" "$work/user"
awk '/^#include "tpgen.bpf.h"$/ {
	print
	print "\nstruct task_struct {\n\tint pid;\n} __attribute__((preserve_access_index));"
	next
}
/copy->pid = TPGEN_INT\(ctx, sign, pid, whole\[[0-9]+\]\);/ {
	print "\t\tcopy->pid = BPF_CORE_READ((struct task_struct *)"
	print "\t\t\tbpf_get_current_task(), pid);"
	next
}
{ print }' "$work/live/sched_process_exec.bpf.c" \
	>"$work/user/sched_process_exec.bpf.c"
verify "user's CO-RE read: edited" grep -q 'BPF_CORE_READ((struct task_struct' \
	"$work/user/sched_process_exec.bpf.c"
verify "user's CO-RE read: builds" make -s -C "$work/user"
if start_loader user "$work/user.out" "$work/user/sched_process_exec" -c 5; then
	until_done
	verify "user's CO-RE read: loaded, 5 events" \
		[ "$(grep -c 'sched_process_exec: ' "$work/user.out")" -eq 5 ]
	verify "user's CO-RE read: pid is the thread's" awk '
		{ tid = $1; sub(/.*-/, "", tid)
		  if (!match($0, / pid=[0-9]+/)) exit 1
		  if (substr($0, RSTART + 5, RLENGTH - 5) != tid) exit 1 }' \
		"$work/user.out"
fi

# A user's own program and loader (examples/relocatable), from the header
# tpgen header --relocatable writes for the RT layout (every field moved)
# and for comms as __data_loc, prints what tests/e2e/switch.awk expects.
mkdir -p "$work/include/tpgen"
cp "$TOP_SRCDIR/runtime/tpgen_core.bpf.h" "$TOP_SRCDIR/runtime/tpgen_reloc.h" \
	"$work/include/tpgen/"
for mode in rt strings; do
	cp -r "$TOP_SRCDIR/examples/relocatable" "$work/own-$mode"
	verify "own program, $mode: builds" make -s -C "$work/own-$mode" \
		TPGEN="$TPGEN" TPGEN_CFLAGS="-I$work/include" \
		CAPTURE="$work/cap-$mode"
	moved=$(sed -nE 's/.*field:pid_t next_pid;\toffset:([0-9]+);.*/"next_pid", \1,/p' \
		"$work/cap-$mode/sched/sched_switch/format")
	verify "own program, $mode: built for another layout" \
		grep -q "${moved:-no next_pid}" "$work/own-$mode/sched.h"
	"$work/own-$mode/switch" 20 >"$work/own-$mode.out" 2>&1
	verify "own program, $mode: runs" [ $? -eq 0 ]
	verify "own program, $mode: right values" awk -v want=20 \
		-f "$TOP_SRCDIR/tests/e2e/switch.awk" "$work/own-$mode.out"
done

# tpgen compare says, without building anything, what the loaders say of
# each capture: for every mode and event, refused exactly when the live
# loader's --check refuses.
for mode in rt reverse wide strings extra narrow sign array; do
	for e in $events; do
		[ -f "$work/cap-$mode/$e/format" ] || continue
		s=${e#*/}
		"$TPGEN" compare "$work/cap-$mode" "$e" \
			>"$work/cmp-$mode-$s" 2>&1
		cmp_rc=$?
		"$work/live/$s" --check --tracefs "$work/cap-$mode" \
			>/dev/null 2>&1
		case $? in
		0) want=0 ;;
		3) want=5 ;;
		*) want=loader-failed ;;
		esac
		verify "compare $mode $s: as the loader (exit $want)" \
			[ "$cmp_rc" = "$want" ]
	done
done
verify "compare rt: lists the moved fields" grep -q \
	'^  next_pid: 4-byte signed integer at [0-9]* -> 4-byte signed integer at [0-9]*$' \
	"$work/cmp-rt-sched_switch"
verify "compare sign: kept whole" grep -q \
	"^  $first: 4-byte signed integer at [0-9]* -> 4-byte integer at [0-9]*, kept whole: printed as fields$" \
	"$work/cmp-sign-sched_process_fork"
verify "compare array: says why" grep -q \
	"^  $first: .*: cannot be followed (it is of another kind)$" \
	"$work/cmp-array-sched_process_fork"
verify "compare extra: the field gone and the new one" sh -c \
	'grep -q -- "-> absent, printed as such" "$1" &&
	 grep -q "^  tpgen_gone: new, .*, not read$" "$1"' \
	sh "$work/cmp-extra-sched_switch"
"$TPGEN" compare "$work/cap-array" $events >"$work/cmp-fleet" 2>&1
verify "compare: an event the kernel lacks is gone, exit 5" [ $? -eq 5 ]
verify "compare: counts" grep -qx \
	'3 events: 0 the same, 0 followed, 1 refused, 2 gone' "$work/cmp-fleet"

# A capture of a 32-bit kernel: its longs and pointers are 4 bytes, 8 here.
# Kept whole, they print as the live loader prints them: addresses too.
verify "i386 generates" "$TPGEN" --tracefs "$TOP_SRCDIR/tests/fixtures/tree32" \
	kmem/kmalloc -o "$work/i386"
verify "i386 builds" make -s -C "$work/i386"
verify "live kmalloc generates" "$TPGEN" kmem/kmalloc -o "$work/live-kmem"
verify "live kmalloc builds" make -s -C "$work/live-kmem"
saved=$events
events=kmem/kmalloc live=$work/live-kmem
round i386 --fields
events=$saved live=$work/live
verify "i386: full addresses" grep -q ' ptr=0xffff[0-9a-f]\{12\} ' \
	"$work/i386-kmalloc.out"
"$work/live/sched_process_fork" --tracefs "$work/cap-rt" -c 1 \
	>"$work/usage" 2>&1
verify "--tracefs without --check: usage error, exit 2" [ $? -eq 2 ]

echo "portable: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
