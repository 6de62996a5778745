#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# `make bench`: what tpgen and the loaders it generates cost, measured
# against libtraceevent, bpftrace and the floors, all in one run.  Prints
# a table (tests/bench/table.txt) and keeps the raw figures beside it
# (tests/bench/results.txt, hyperfine's CSV files).
#
#   1. generation: `tpgen header '*'` on a capture of this machine at 1x,
#      4x and 16x, against libtraceevent parsing the same files
#      (tepparse) and against only reading them (readfloor);
#   2. the loader: a process calling getppid() a million times, bare,
#      traced by the generated loader in each output mode, by bpftrace
#      printf() and by bpftrace count(); the programs' run time in the
#      kernel from bpf_stats; what reading fields by name costs, in the
#      kernel and at the loader's start, against the same programs made
#      back into the exact layout (exact.awk), on getppid and on
#      sched_switch (driven by pingpong);
#   3. building the generated output for 1 and for 100 events, and for
#      100 events in one program.
#
# Needs root, tracefs, BPF, hyperfine, bpftrace, bpftool and valgrind
# (setup.sh installs them).  Environment (set by bench.mk): TPGEN,
# BENCH_BIN (the drivers' folder), BENCH_OUT (where results go),
# TOP_SRCDIR.  BENCH_QUICK=1 runs fewer repetitions (a trial, not a
# result).
set -eu

: "${TPGEN:?}" "${BENCH_BIN:?}" "${BENCH_OUT:?}" "${TOP_SRCDIR:?}"
QUICK=${BENCH_QUICK:-0}
CALLS=1000000
NPROC=$(nproc)

die() { echo "bench: $*" >&2; exit 1; }
note() { echo "bench: $(date +%T) $*" >&2; }

[ "$(id -u)" -eq 0 ] || die "run as root: the loader part attaches BPF programs"
for tool in hyperfine bpftrace bpftool valgrind; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "$tool is missing: ./setup.sh installs it"
done
grep -q ' tracefs ' /proc/mounts ||
	die "tracefs is not mounted: mount -t tracefs nodev /sys/kernel/tracing"

mkdir -p "$BENCH_OUT"
# The trees, outputs and builds live in RAM (as tracefs does) when
# /dev/shm is there: the disk's state is not what is measured, and the
# 16x tree (37,000 folders on this machine) goes away quickly.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	WORK=$(mktemp -d /dev/shm/tpgen-bench.XXXXXX)
else
	WORK=$(mktemp -d /tmp/tpgen-bench.XXXXXX)
fi
RES=$BENCH_OUT/results.txt
: > "$RES"
STATS_WAS=$(sysctl -n kernel.bpf_stats_enabled)
cleanup() {
	sysctl -q -w kernel.bpf_stats_enabled="$STATS_WAS" || true
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# key value, one a line: what the table is printed from.
put() { echo "$1 $2" >> "$RES"; }

median() { sort -g | awk '{ v[NR] = $1 } END {
	if (NR == 0) print "nan";
	else if (NR % 2) print v[(NR + 1) / 2];
	else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

START=$(date +%s)

# ---- 1. generation ------------------------------------------------------

note "capturing this machine's tracefs"
"$TPGEN" capture -o "$WORK/x1" > /dev/null

# kx: k copies of every group, the first under its own name, the others
# as copyN_GROUP, so that the tree has k times the events and the bytes.
scale_tree() {
	k=$1 dst=$WORK/x$1
	mkdir -p "$dst/events"
	cp "$WORK/x1/manifest.json" "$dst/" 2>/dev/null || true
	for f in header_page header_event; do
		cp "$WORK/x1/events/$f" "$dst/events/" 2>/dev/null || true
	done
	i=0
	while [ "$i" -lt "$k" ]; do
		for g in "$WORK/x1/events"/*/; do
			g=$(basename "$g")
			if [ "$i" -eq 0 ]; then
				cp -r "$WORK/x1/events/$g" "$dst/events/$g"
			else
				cp -r "$WORK/x1/events/$g" "$dst/events/copy${i}_$g"
			fi
		done
		i=$((i + 1))
	done
}

SCALES=${BENCH_SCALES:-1 4 16}
for s in $SCALES; do
	[ "$s" -eq 1 ] || scale_tree "$s"
done

if [ "$QUICK" = 1 ]; then
	runs() { case $1 in 1) echo 5 ;; 4) echo 3 ;; *) echo 2 ;; esac; }
else
	runs() { case $1 in 1) echo 30 ;; 4) echo 10 ;; *) echo 3 ;; esac; }
fi

warmups() { if [ "$1" -le 4 ]; then echo 2; else echo 1; fi; }

# hyperfine's median, in seconds, of command number $2 in CSV $1.
csv_median() {
	awk -F, -v n="$2" 'NR == n + 1 { print $4 }' "$1"
}

# The median of command number $1's medians in the CSV files after it.
rounds_median() {
	n=$1
	shift
	for f; do csv_median "$f" "$n"; done | sort -g | awk '{ v[NR] = $1 }
		END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# hyperfine runs one command's runs one after another, then the next
# command's.  This VM's speed drifts within minutes (the read floor took
# 5.5 ms in one table's run and 9.2 ms in the next), and a command whose
# block fell in a slow stretch came out slower than the one beside it.
# So the commands take turns: rounds of a few runs of each, and each
# figure is the median of its rounds' medians.
per_round() { case $1 in 1) echo 5 ;; 4) echo 2 ;; *) echo 1 ;; esac; }

for s in $SCALES; do
	tree=$WORK/x$s
	nev=$(find "$tree/events" -name format | wc -l)
	put "gen.x$s.events" "$nev"
	put "gen.x$s.bytes" "$(find "$tree/events" -name format -exec cat {} + | wc -c)"
	# One run first, for the size of the header (the read+write floor
	# writes as many bytes).
	"$TPGEN" --tracefs "$tree" header '*' -o "$WORK/h$s.h"
	hbytes=$(wc -c < "$WORK/h$s.h")
	put "gen.x$s.hbytes" "$hbytes"
	k=$(per_round "$s")
	[ "$k" -le "$(runs "$s")" ] || k=$(runs "$s")
	nr=$(( $(runs "$s") / k ))
	note "generation at ${s}x: $nev events, $nr rounds of $k runs each"
	rm -f "$BENCH_OUT/gen-x$s"-r*.csv
	r=1
	while [ "$r" -le "$nr" ]; do
		hyperfine -N --style none --warmup "$(warmups "$s")" --runs "$k" \
			--export-csv "$BENCH_OUT/gen-x$s-r$r.csv" \
			--prepare "rm -f $WORK/h$s.h" \
			"$TPGEN --tracefs $tree header * -o $WORK/h$s.h" \
			--prepare "rm -f $WORK/w$s.h" \
			"$BENCH_BIN/readfloor $tree" \
			--prepare "rm -f $WORK/w$s.h" \
			"$BENCH_BIN/readfloor $tree $WORK/w$s.h $hbytes" \
			--prepare "rm -f $WORK/w$s.h" \
			"$BENCH_BIN/tepparse $tree" > /dev/null 2>&1 ||
			die "hyperfine failed at ${s}x"
		r=$((r + 1))
	done
	put "gen.x$s.rounds" "$nr"
	i=1
	for tool in tpgen floor floorw tep; do
		# shellcheck disable=SC2086 # the round files, one word each
		put "gen.x$s.$tool.s" "$(rounds_median "$i" "$BENCH_OUT/gen-x$s"-r*.csv)"
		i=$((i + 1))
	done
	# Peak memory: ru_maxrss of one run of each.
	for tool in tpgen floor tep; do
		case $tool in
		tpgen) set -- "$TPGEN" --tracefs "$tree" header '*' -o "$WORK/h$s.h" ;;
		floor) set -- "$BENCH_BIN/readfloor" "$tree" ;;
		tep) set -- "$BENCH_BIN/tepparse" "$tree" ;;
		esac
		rm -f "$WORK/h$s.h"
		kib=$("$BENCH_BIN/maxrss" "$@" 2>&1 >/dev/null |
		      awk '/^maxrss_kib/ { print $2 }')
		put "gen.x$s.$tool.rss" "$kib"
	done
done

# Instructions (user space, all of the process: start, libraries, exit)
# at 1x (and 4x, below), from callgrind; they do not depend on what else
# the machine does.
note "instruction counts (callgrind) at 1x"
ir() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 \
		>/dev/null | awk '/Collected :/ { print $NF }'
}
# At 4x too (a minute more), when the 4x tree is measured: whether the
# instructions, not only the wall time, grow linearly.
for s in $SCALES; do
	[ "$s" -le 4 ] || continue
	[ "$s" -eq 1 ] || note "instruction counts (callgrind) at ${s}x"
	rm -f "$WORK/h$s.h"
	put "gen.x$s.tpgen.ir" "$(ir "$TPGEN" --tracefs "$WORK/x$s" header '*' -o "$WORK/h$s.h")"
	put "gen.x$s.floor.ir" "$(ir "$BENCH_BIN/readfloor" "$WORK/x$s")"
	put "gen.x$s.tep.ir" "$(ir "$BENCH_BIN/tepparse" "$WORK/x$s")"
done

# The whole output (struct, BPF program and loader of every event, one
# folder), at 1x: the command a build runs; not part of the targets.
note "full generation ('*' -o DIR) at 1x"
hyperfine -N --style none --warmup 1 --runs "$(runs 4)" \
	--export-csv "$BENCH_OUT/gen-full.csv" \
	--prepare "rm -rf $WORK/full" \
	"$TPGEN --tracefs $WORK/x1 * -o $WORK/full" > /dev/null 2>&1 ||
	die "hyperfine failed on the full generation"
put gen.full.s "$(csv_median "$BENCH_OUT/gen-full.csv" 1)"
put gen.full.files "$(find "$WORK/full" -type f | wc -l)"
rm -rf "$WORK"/x4 "$WORK"/x16 "$WORK/full"

# ---- 2. the loader --------------------------------------------------------

note "building the loader of syscalls/sys_enter_getppid"
"$TPGEN" syscalls/sys_enter_getppid -o "$WORK/loader" > /dev/null
make -s -C "$WORK/loader" > /dev/null 2>&1 ||
	die "the loader does not build: make -C $WORK/loader"
LOADER=$WORK/loader/sys_enter_getppid
# The same with a filter that rejects every event, against bpftrace's
# predicate that does (/pid == 1/): what a rejected event costs.
"$TPGEN" syscalls/sys_enter_getppid -o "$WORK/reject" \
	--filter 'common_pid == 1' > /dev/null
make -s -C "$WORK/reject" > /dev/null 2>&1 ||
	die "the filtered loader does not build: make -C $WORK/reject"

# 20 events, four of which fire on each getppid() call (its enter and
# exit, raw_syscalls' sys_enter and sys_exit), the others seldom: in one
# program, and as 20 loaders.
note "building 20 events as one program and as 20 loaders"
{
	printf '%s\n' syscalls/sys_enter_getppid syscalls/sys_exit_getppid \
		raw_syscalls/sys_enter raw_syscalls/sys_exit
	"$TPGEN" list 'syscalls/sys_enter_*' | grep -v getppid | head -n 16
} > "$WORK/twenty.list"
# shellcheck disable=SC2046 # one selector a word
"$TPGEN" $(cat "$WORK/twenty.list") -o "$WORK/twenty-prog" \
	--program twenty > /dev/null
# shellcheck disable=SC2046 # one selector a word
"$TPGEN" $(cat "$WORK/twenty.list") -o "$WORK/twenty" > /dev/null
make -s -j"$NPROC" -C "$WORK/twenty-prog" > /dev/null 2>&1 ||
	die "the program of 20 events does not build: make -C $WORK/twenty-prog"
make -s -j"$NPROC" -C "$WORK/twenty" > /dev/null 2>&1 ||
	die "the 20 loaders do not build: make -C $WORK/twenty"

# The floors of the in-kernel cost (tests/bench/floor.bpf.c): the
# loader's program cut down to its filter, to a clock read, to an empty
# record through the ring buffer, and to that record with a clock read,
# each in a copy of the loader's folder (same loader, same ring buffer);
# and the whole record written to a per-CPU array instead of the ring
# buffer (read by nobody: what a lock-free per-CPU buffer could cost).
note "building the in-kernel floors"
floor_build() {
	fdir=$WORK/floor-$1
	rm -rf "$fdir"
	cp -r "$WORK/loader" "$fdir"
	{
		printf '#define FLOOR_RING %s\n#define FLOOR_CLOCK %s\n' "$2" "$3"
		printf '#define FLOOR_PERCPU %s\n' "${4:-0}"
		cat "$TOP_SRCDIR/tests/bench/floor.bpf.c"
	} > "$fdir/sys_enter_getppid.bpf.c"
	make -s -C "$fdir" clean > /dev/null 2>&1
	make -s -C "$fdir" > /dev/null 2>&1 ||
		die "the floor $1 does not build: make -C $fdir"
}
floor_build filter 0 0
floor_build clock 0 1
floor_build ring 1 0
floor_build ringclock 1 1
floor_build percpu 0 1 1

# What programs cost before they read fields by name: a copy of a loader's
# folder ($1, event $2) made back into the exact layout (exact.awk), in $3.
exact_build() {
	rm -rf "$3"
	cp -r "$1" "$3"
	for f in "$2.bpf.c" "$2.c"; do
		awk -f "$TOP_SRCDIR/tests/bench/exact.awk" "$1/$f" > "$3/$f"
	done
	# Had the generated code changed under exact.awk, this would compare
	# a program with itself.
	if ! grep -q 'tpgen_start(ctx, ' "$3/$2.bpf.c" ||
	   grep -q 'bpf_core_field\|copy->\|TPGEN_[A-Z_]*\(STR\|LOC\)' "$3/$2.bpf.c" ||
	   grep -q 'tpgen_reloc_prepare' "$3/$2.c"; then
		die "exact.awk did not undo the reading by name in $3"
	fi
	make -s -C "$3" clean > /dev/null 2>&1
	make -s -C "$3" > /dev/null 2>&1 ||
		die "the exact-layout program does not build: make -C $3"
}
exact_build "$WORK/loader" sys_enter_getppid "$WORK/exact-text"

# Starts the getppid loop stopped, so that the tracer can filter on its
# pid and be attached before the first call: the shell writes its pid,
# waits for $WORK/go, then becomes the loop (exec keeps the pid).
start_loop() {
	rm -f "$WORK/go" "$WORK/loop.pid" "$WORK/loop.out"
	sh -c 'echo $$ > "$1"; while [ ! -e "$2" ]; do sleep 0.01; done;
	       exec "$3" "$4"' sh "$WORK/loop.pid" "$WORK/go" \
		"$BENCH_BIN/getppid_loop" "$CALLS" > "$WORK/loop.out" &
	LOOP=$!
	while [ ! -s "$WORK/loop.pid" ]; do sleep 0.01; done
	LOOP_PID=$(cat "$WORK/loop.pid")
}

# Waits (at most 30 s) for a line matching $2 in file $1.
wait_for() {
	waited=0
	until grep -q "$2" "$1" 2>/dev/null; do
		waited=$((waited + 1))
		[ "$waited" -lt 3000 ] || die "timed out waiting for '$2' in $1"
		sleep 0.01
	done
}

# Ends tracer $1 as a user would, with SIGINT, and with SIGTERM after 10 s: a
# bpftrace count() stayed once after its first SIGINT, with READY printed
# and its map not, and the whole run waited for it.
stop_tracer() {
	kill -INT "$1"
	waited=0
	while kill -0 "$1" 2>/dev/null && [ "$waited" -lt 1000 ]; do
		waited=$((waited + 1))
		sleep 0.01
	done
	kill -TERM "$1" 2>/dev/null || true
	wait "$1" || true
}

tracefs=$(awk '$3 == "tracefs" { print $2; exit }' /proc/mounts)
BT_PRINTF='tracepoint:syscalls:sys_enter_getppid /pid == PID/ {
	printf("%s-%d [%03d] %lu: syscalls/sys_enter_getppid: __syscall_nr=%d\n",
	       comm, tid, cpu, nsecs, args->__syscall_nr); }'
BT_COUNT='tracepoint:syscalls:sys_enter_getppid /pid == PID/ { @n = count(); }'
BT_REJECT='tracepoint:syscalls:sys_enter_getppid /pid == 1/ { @n = count(); }'

# Ids of the loaded tracepoint programs named as bpftrace names ours.
prog_ids() {
	bpftool prog show 2>/dev/null |
		awk -F: '/^[0-9]+: tracepoint +name sys_enter_getpp / { print $1 }' |
		sort -n
}

# One run of case $1: sets NS (ns per call), DELIVERED, LOST and, with
# bpf_stats on, PROG_ID of the program that ran.
run_case() {
	what=$1
	NS= DELIVERED= LOST= PROG_ID=
	start_loop
	rm -f "$WORK/t.out" "$WORK/t.err"
	prog_ids > "$WORK/ids.before"
	case $what in
	none)
		;;
	tpgen-*|floor-*|exact-*)
		bin=$LOADER mode="-p $LOOP_PID"
		case $what in
		tpgen-fields) mode="$mode --fields" ;;
		tpgen-json) mode="$mode --json" ;;
		tpgen-reject) bin=$WORK/reject/sys_enter_getppid mode= ;;
		floor-*|exact-*) bin=$WORK/$what/sys_enter_getppid ;;
		esac
		# shellcheck disable=SC2086 # the options, a word each
		"$bin" $mode > /dev/null 2> "$WORK/t.err" &
		TRACER=$!
		wait_for "$WORK/t.err" '^Tracing'
		;;
	bt-*)
		case $what in
		bt-printf) prog=$BT_PRINTF ;;
		bt-count) prog=$BT_COUNT ;;
		bt-reject) prog=$BT_REJECT ;;
		esac
		prog=$(echo "BEGIN { printf(\"READY\\n\"); } $prog" |
		       sed "s/PID/$LOOP_PID/")
		bpftrace -e "$prog" > "$WORK/t.out" 2> "$WORK/t.err" &
		TRACER=$!
		wait_for "$WORK/t.out" '^READY'
		# bpftrace 0.17 runs BEGIN once its probes are attached, but
		# later versions run it first: the loop must not start before
		# the tracepoint program is attached.
		waited=0
		until bpftool perf show 2>/dev/null |
			grep -q "^pid $TRACER .*sys_enter_getppid"; do
			waited=$((waited + 1))
			[ "$waited" -lt 3000 ] ||
				die "bpftrace did not attach to sys_enter_getppid"
			sleep 0.01
		done
		;;
	esac
	case $what in
	tpgen-*|floor-*|exact-*)
		PROG_ID=$(sed -n 's/.*(program \([0-9]*\),.*/\1/p' "$WORK/t.err")
		;;
	bt-*)
		# The new tracepoint program named after the probe.
		PROG_ID=$(prog_ids | sort -n - "$WORK/ids.before" "$WORK/ids.before" |
			  uniq -u | tail -n 1)
		;;
	esac
	touch "$WORK/go"
	wait "$LOOP"
	NS=$(awk '{ print $3 }' "$WORK/loop.out")
	if [ "$what" = none ]; then
		DELIVERED=- LOST=-
		return
	fi
	if [ -n "$PROG_ID" ]; then
		RUN=$(bpftool prog show id "$PROG_ID" | awk '{
			for (i = 1; i < NF; i++) {
				if ($i == "run_time_ns") t = $(i + 1)
				if ($i == "run_cnt") c = $(i + 1)
			} } END { print t + 0, c + 0 }')
	else
		RUN="0 0"
	fi
	# Let the reader drain what is left, then end it as a user would.
	sleep 0.5
	stop_tracer "$TRACER"
	case $what in
	tpgen-*|floor-*|exact-*)
		DELIVERED=$(awk '/ events?, .* lost$/ { print $1 }' "$WORK/t.err")
		LOST=$(awk '/ events?, .* lost$/ { print $3 }' "$WORK/t.err")
		;;
	bt-printf)
		DELIVERED=$(grep -c 'sys_enter_getppid: ' "$WORK/t.out" || true)
		LOST=$(cat "$WORK/t.out" "$WORK/t.err" |
		       awk '/Lost [0-9]+ events/ { for (i = 1; i < NF; i++)
			    if ($i == "Lost") n += $(i + 1) } END { print n + 0 }')
		;;
	bt-count|bt-reject)
		DELIVERED=$(awk '/^@n:/ { n = $2 } END { print n + 0 }' \
			"$WORK/t.out")
		LOST=0
		;;
	esac
}

# Tracing programs of others make every syscall of every task take the
# slow path, the baseline too: the table warns when there were some.
put load.others "$(bpftool prog show 2>/dev/null |
	grep -cE '^[0-9]+: (tracepoint|kprobe|raw_tracepoint|tracing|perf_event) ' || true)"
CASES="none tpgen-text exact-text tpgen-fields tpgen-json bt-printf bt-count
	tpgen-reject bt-reject"
if [ "$QUICK" = 1 ]; then REPS=1; else REPS=5; fi
sysctl -q -w kernel.bpf_stats_enabled=0
note "loader: $CALLS getppid() calls, $REPS runs per case"
r=0
while [ "$r" -lt "$REPS" ]; do
	# Cases interleaved, so that a slow spell of the machine falls on
	# all of them.
	for c in $CASES; do
		# bpftrace printf takes some 15 s a run: three are enough.
		if [ "$c" = bt-printf ] && [ "$r" -ge 3 ]; then
			continue
		fi
		run_case "$c"
		echo "$NS" >> "$WORK/ns.$c"
		echo "$DELIVERED" >> "$WORK/delivered.$c"
		echo "$LOST" >> "$WORK/lost.$c"
	done
	r=$((r + 1))
done
for c in $CASES; do
	put "load.$c.ns" "$(median < "$WORK/ns.$c")"
	if [ "$c" != none ]; then
		put "load.$c.delivered" "$(median < "$WORK/delivered.$c")"
		put "load.$c.delivered_min" "$(sort -g "$WORK/delivered.$c" | head -n 1)"
		put "load.$c.lost" "$(median < "$WORK/lost.$c")"
		put "load.$c.lost_max" "$(sort -g "$WORK/lost.$c" | tail -n 1)"
	fi
done

# One run of the 20 events ($1: program or loaders), all on the loop's
# pid: sets NS and DELIVERED (records printed, all tracers together).
run_twenty() {
	start_loop
	pids= i=0
	if [ "$1" = program ]; then
		"$WORK/twenty-prog/twenty" -p "$LOOP_PID" > /dev/null \
			2> "$WORK/tw.0.err" &
		pids=$!
		wait_for "$WORK/tw.0.err" '^Tracing'
	else
		for e in $(cat "$WORK/twenty.list"); do
			i=$((i + 1))
			"$WORK/twenty/${e#*/}" -p "$LOOP_PID" > /dev/null \
				2> "$WORK/tw.$i.err" &
			pids="$pids $!"
			wait_for "$WORK/tw.$i.err" '^Tracing'
		done
	fi
	touch "$WORK/go"
	wait "$LOOP"
	NS=$(awk '{ print $3 }' "$WORK/loop.out")
	sleep 0.5
	for p in $pids; do
		stop_tracer "$p"
	done
	DELIVERED=$(cat "$WORK"/tw.*.err |
		awk '/ events?, .* lost$/ { n += $1 } END { print n + 0 }')
	rm -f "$WORK"/tw.*.err
}
note "20 events: one program against 20 loaders, $REPS runs each"
r=0
while [ "$r" -lt "$REPS" ]; do
	for c in program loaders; do
		run_twenty "$c"
		echo "$NS" >> "$WORK/ns.twenty-$c"
		echo "$DELIVERED" >> "$WORK/delivered.twenty-$c"
	done
	r=$((r + 1))
done
for c in program loaders; do
	put "load.twenty-$c.ns" "$(median < "$WORK/ns.twenty-$c")"
	put "load.twenty-$c.delivered" "$(median < "$WORK/delivered.twenty-$c")"
done

# The programs' own run time, from the kernel's BPF statistics (which
# cost a clock read or two per run themselves: a separate pass).
note "in-kernel run time (kernel.bpf_stats_enabled=1)"
sysctl -q -w kernel.bpf_stats_enabled=1
# One run of case $1 with the statistics on: its ns a run and its runs.
kernel_run() {
	run_case "$1"
	set -- "$1" $RUN
	if [ "$3" -gt 0 ]; then
		awk -v t="$2" -v n="$3" 'BEGIN { print t / n }' >> "$WORK/kns.$1"
		echo "$3" >> "$WORK/runs.$1"
	fi
	# A floor that lost records would look cheaper than it is: a
	# reserve on a full ring buffer fails early.
	echo "${LOST:-0}" >> "$WORK/klost.$1"
}
KCASES="tpgen-text exact-text bt-count floor-filter floor-clock floor-ring floor-ringclock
	floor-percpu tpgen-reject bt-reject"
r=0
while [ "$r" -lt "$REPS" ]; do
	# Interleaved, as above: the floors and count() side by side.
	for c in $KCASES; do
		kernel_run "$c"
	done
	r=$((r + 1))
done
kernel_run bt-printf
for c in $KCASES bt-printf; do
	put "load.$c.kns" "$(median < "$WORK/kns.$c")"
	# Whether the program ran for every call (the kernel skips a
	# program it would nest in, and counts nothing).
	put "load.$c.runs_min" "$(sort -g "$WORK/runs.$c" | head -n 1)"
	put "load.$c.klost_max" "$(sort -g "$WORK/klost.$c" | tail -n 1)"
done

# sched_switch reads two strings and five integers by name.  Both of its
# programs attached at once, reading by name and as exact layout, run on
# the same context switches; the one attached first runs first and pays
# for the cold record, so they take turns at being first, and the ratio
# is the geometric mean of the rounds'.
note "sched_switch: reading by name against the exact layout, attached together"
"$TPGEN" sched/sched_switch -o "$WORK/switch" > /dev/null
make -s -C "$WORK/switch" > /dev/null 2>&1 ||
	die "the loader does not build: make -C $WORK/switch"
exact_build "$WORK/switch" sched_switch "$WORK/switch-exact"
if [ "$QUICK" = 1 ]; then SR=4; else SR=10; fi
: > "$WORK/switch.runs"
r=0
while [ "$r" -lt "$SR" ]; do
	if [ $((r % 2)) -eq 0 ]; then order="switch switch-exact"
	else order="switch-exact switch"; fi
	pids= pos=1
	for d in $order; do
		"$WORK/$d/sched_switch" > /dev/null 2> "$WORK/$d.err" &
		pids="$pids $!"
		wait_for "$WORK/$d.err" '^Tracing'
	done
	"$BENCH_BIN/pingpong" 20000 || die "pingpong failed"
	for d in $order; do
		id=$(sed -n 's/.*(program \([0-9]*\),.*/\1/p' "$WORK/$d.err")
		bpftool prog show id "$id" | awk -v d="$d" -v p="$pos" '{
			for (i = 1; i < NF; i++) {
				if ($i == "run_time_ns") t = $(i + 1)
				if ($i == "run_cnt") c = $(i + 1)
			} } END { print d, p, t / c, c }' >> "$WORK/switch.runs"
		pos=$((pos + 1))
	done
	# shellcheck disable=SC2086 # one pid a word
	kill -INT $pids
	wait
	r=$((r + 1))
done
for d in switch switch-exact; do
	for p in 1 2; do
		put "reloc.$d.$p.kns" "$(awk -v d="$d" -v p="$p" \
			'$1 == d && $2 == p { print $3 }' "$WORK/switch.runs" | median)"
	done
done
put reloc.switch.rounds "$SR"
put reloc.switch.ratio "$(awk '{ ns[NR] = $3 }
	END { for (i = 1; i < NR; i += 2) {
		# Each round wrote two lines, in the order attached.
		a = ns[i]; b = ns[i + 1]
		s += (int((i - 1) / 2) % 2 == 0) ? log(a / b) : log(b / a)
		n++ }
	      print exp(s / n) }' "$WORK/switch.runs")"
sysctl -q -w kernel.bpf_stats_enabled=0

# The loader's start: from exec to attached and back out (-d 0.001), with
# and without reading the running kernel's layout; in rounds, as above.
note "loader start, with and without reading the running kernel's layout"
rm -f "$BENCH_OUT"/start-r*.csv
if [ "$QUICK" = 1 ]; then SN=1; else SN=4; fi
r=1
while [ "$r" -le "$SN" ]; do
	hyperfine -N --style none --warmup 1 --runs 5 \
		--export-csv "$BENCH_OUT/start-r$r.csv" \
		"$WORK/switch/sched_switch -d 0.001" \
		"$WORK/switch-exact/sched_switch -d 0.001" > /dev/null 2>&1 ||
		die "hyperfine failed on the loader's start"
	r=$((r + 1))
done
put reloc.start.s "$(rounds_median 1 "$BENCH_OUT"/start-r*.csv)"
put reloc.start.exact.s "$(rounds_median 2 "$BENCH_OUT"/start-r*.csv)"

# ---- 3. building the output ---------------------------------------------

# As a user runs make -C OUT, not as a make run by make bench: the
# Makefile then runs one job a CPU.
USER_MAKE="env -u MAKELEVEL -u MAKEFLAGS -u MFLAGS make"
note "building the output for 1 and for 100 events (make -C, $NPROC jobs)"
"$TPGEN" --tracefs "$WORK/x1" syscalls/sys_enter_getppid -o "$WORK/b1" > /dev/null
"$TPGEN" --tracefs "$WORK/x1" list | grep -v '^ftrace/' | head -n 100 \
	> "$WORK/hundred"
# shellcheck disable=SC2046 # one selector a word
"$TPGEN" --tracefs "$WORK/x1" $(cat "$WORK/hundred") -o "$WORK/b100" > /dev/null
if [ "$QUICK" = 1 ]; then BR=1; else BR=3; fi
hyperfine -N --style none --runs "$BR" \
	--export-csv "$BENCH_OUT/build.csv" \
	--prepare "make -s -C $WORK/b1 clean" \
	"$USER_MAKE -s -C $WORK/b1" > /dev/null 2>&1 ||
	die "building 1 event failed: make -C $WORK/b1"
put build.1.s "$(csv_median "$BENCH_OUT/build.csv" 1)"
hyperfine -N --style none --runs 1 \
	--export-csv "$BENCH_OUT/build100.csv" \
	--prepare "make -s -C $WORK/b100 clean" \
	"$USER_MAKE -s -C $WORK/b100" > /dev/null 2>&1 ||
	die "building 100 events failed: make -C $WORK/b100"
put build.100.s "$(csv_median "$BENCH_OUT/build100.csv" 1)"
# The same 100 events in one program (--program).
# shellcheck disable=SC2046 # one selector a word
"$TPGEN" --tracefs "$WORK/x1" $(cat "$WORK/hundred") -o "$WORK/p100" \
	--program hundred > /dev/null
hyperfine -N --style none --runs "$BR" \
	--export-csv "$BENCH_OUT/build100p.csv" \
	--prepare "make -s -C $WORK/p100 clean" \
	"$USER_MAKE -s -C $WORK/p100" > /dev/null 2>&1 ||
	die "building the program of 100 events failed: make -C $WORK/p100"
put build.100p.s "$(csv_median "$BENCH_OUT/build100p.csv" 1)"
put build.100.first "$(head -n 1 "$WORK/hundred")"
put build.100.last "$(tail -n 1 "$WORK/hundred")"

put total.s "$(( $(date +%s) - START ))"
put machine.cpu "$(awk -F': ' '/^model name/ { gsub(/ /, "_", $2); print $2; exit }' /proc/cpuinfo)"
put machine.ncpu "$NPROC"
put machine.kernel "$(uname -r)"
put quick "$QUICK"
put load.calls "$CALLS"
put scales "$(echo $SCALES | tr ' ' ,)"

sh "$TOP_SRCDIR/tests/bench/table.sh" "$RES" | tee "$BENCH_OUT/table.txt"
echo "bench: table in $BENCH_OUT/table.txt, figures in $RES" >&2
