#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Generated loaders under faults: a ring buffer the loader does not read
# (losses counted exactly, the traced program never waits), SIGINT and
# SIGTERM at every moment of starting (nothing left behind, a clean
# exit), an event that goes away, and a storm of events on every CPU for
# STORM_SECONDS (20 by default; memory stays bounded, every event is
# printed or counted lost).  Needs root, tracefs, BPF and bpftool: skips
# (77) without them, fails under CI=true.
set -u
: "${TPGEN:?}" "${TRIGGER:?}" "${TOP_SRCDIR:?}" "${CC:?}"
STORM_SECONDS=${STORM_SECONDS:-20}
SIGNAL_ROUNDS=${SIGNAL_ROUNDS:-100}

# shellcheck source=tests/e2e/lib.sh
. "${TOP_SRCDIR:?}/tests/e2e/lib.sh"
require_root_tracefs
if ! bpftool prog show >/dev/null 2>&1; then
	if [ "${CI:-}" = true ]; then
		echo "FAIL: needs BPF and bpftool, and CI=true"
		exit 1
	fi
	echo "SKIP: needs BPF and bpftool"
	exit 77
fi

tracefs=$(awk '$3 == "tracefs" { print $2; exit }' /proc/mounts)
work=$(mktemp -d)
loader_pid= trigger_pid= uprobes=
cleanup() {
	[ -n "$loader_pid" ] && kill -CONT "$loader_pid" 2>/dev/null &&
		kill -KILL "$loader_pid" 2>/dev/null
	[ -n "$trigger_pid" ] && kill -KILL "$trigger_pid" 2>/dev/null
	for e in $uprobes; do
		echo "-:$e" >>"$tracefs/uprobe_events" 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT
pass=0 fail=0

# wait_paused: waits (up to 10 s) for the preloaded pause library to
# hold the loader.
wait_paused() {
	_i=0
	while [ ! -e "$work/pause/paused" ] && [ $_i -lt 100 ]; do
		_i=$((_i + 1))
		sleep 0.1
	done
}

# stop NAME: ends the loader with SIGINT; it must exit 0 within 10 s.
# Sets $seen and $lost from its report.
stop() {
	kill -INT "$loader_pid" 2>/dev/null
	i=0
	while kill -0 "$loader_pid" 2>/dev/null && [ $i -lt 100 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	verify "$1 ends on SIGINT" [ $i -lt 100 ]
	kill -KILL "$loader_pid" 2>/dev/null
	wait "$loader_pid"
	verify "$1 exit status" [ $? -eq 0 ]
	loader_pid=
	report=$(sed -n 's/^\([0-9]*\) events\{0,1\}, \([0-9]*\) lost$/\1 \2/p' \
		"$work/$1.err")
	verify "$1 reports" [ -n "$report" ]
	seen=${report% *} lost=${report#* }
	[ -n "$report" ] || seen=-1 lost=-1
}

# wait_trigger NAME SECONDS: waits for the trigger to end; it must within
# SECONDS (a traced program that blocked would not).
wait_trigger() {
	i=0
	while kill -0 "$trigger_pid" 2>/dev/null && [ $i -lt $(($2 * 10)) ]; do
		i=$((i + 1))
		sleep 0.1
	done
	verify "$1: the traced program ran on, it did not wait" \
		[ $i -lt $(($2 * 10)) ]
	kill -KILL "$trigger_pid" 2>/dev/null
	wait "$trigger_pid"
	trigger_pid=
}

# Programs named handle_NAME (the kernel keeps 15 characters of a name)
# that are loaded.
programs() {
	bpftool -j prog show | grep -o "\"name\":\"$(echo "handle_$1" |
		cut -c1-15)\"" | wc -l
}

# Each part has a loader of its own, named for it, of the same event.
out="$work/out"
for name in tpgfring tpgfsig tpgfstorm; do
	verify "generate $name" "$TPGEN" syscalls/sys_enter_getppid \
		--name "$name" -o "$out"
done
verify build make -C "$out" -j2

# 1. A full ring buffer.  The loader is stopped (SIGSTOP) while a
# program calls getppid() BURST times, far more than its 4096-byte ring
# buffer holds: the program must not wait.  Then the loader gets SIGINT
# before it goes on (SIGCONT), so that it ends before reading anything:
# the events it printed and those it reports lost must still add up to
# BURST exactly.
BURST=100000
mkfifo "$work/go-burst"
"$TRIGGER" burst "$BURST" "$work/go-burst" >"$work/burst.out" &
trigger_pid=$!
if start_loader ring "$work/ring.out" "$out/tpgfring" --fields -p "$trigger_pid" \
	--ringbuf-size=4096; then
	kill -STOP "$loader_pid"
	: >"$work/go-burst"
	wait_trigger ring 20
	kill -INT "$loader_pid"
	kill -CONT "$loader_pid"
	stop ring
	lines=$(wc -l <"$work/ring.out")
	verify "ring: every event counted is printed" [ "$lines" -eq "$seen" ]
	verify "ring: some were lost" [ "$lost" -gt 0 ]
	verify "ring: some got through" [ "$seen" -gt 0 ]
	verify "ring: printed + lost = $BURST" [ $((seen + lost)) -eq "$BURST" ]
	verify "ring: only the program's events" [ "$(grep -c \
		"^tpgen-trigger-[0-9]* .* syscalls/sys_enter_getppid: __syscall_nr=110\$" \
		"$work/ring.out")" -eq "$lines" ]
	echo "ring: $BURST getppid() in $(sed -n 's/.*ms=//p' \
		"$work/burst.out") ms with the loader stopped: $seen printed," \
		"$lost lost"
fi

# 2. SIGINT and SIGTERM at every moment: before the loader's handler is
# installed, while it loads and attaches, once it traces.  Each round
# runs the loader with the signals' default actions, as from a terminal,
# and sends the signal after a delay: 100 us steps over the first
# milliseconds, where loading and attaching happen, then 15 ms steps up
# to 300 ms.  The loader must end at once, with status 0 and no other
# words than its two lines, or, if the signal came before its handler
# was installed, killed by it without a word; and no program, link or
# perf event of it may remain.
#
# First, that the checks see a loader's program, link and perf event.
if start_loader control /dev/null "$out/tpgfsig" -p $$; then
	id=$(sed -n 's/^Tracing .*(program \([0-9]*\),.*/\1/p' \
		"$work/control.err")
	verify "control: program seen" [ "$(programs tpgfsig)" -eq 1 ]
	verify "control: bpftool link show" bpftool -j link show
	verify "control: link seen" grep -q "\"prog_id\":$id[,}]" "$work/last"
	verify "control: bpftool perf show" bpftool -j perf show
	verify "control: perf event seen" grep -q \
		"\"pid\":$loader_pid,.*\"prog_id\":$id[,}]" "$work/last"
	stop control
fi
before=0 quiet=0 traced=0 round=0 ids= pids=
while [ "$round" -lt "$SIGNAL_ROUNDS" ]; do
	if [ "$round" -lt $((SIGNAL_ROUNDS * 4 / 5)) ]; then
		delay=$((round * 100))
	else
		delay=$(((round - SIGNAL_ROUNDS * 4 / 5 + 1) * 15000))
	fi
	sig=2
	[ $((round % 2)) -eq 1 ] && sig=15
	method=link
	[ $((round / 2 % 2)) -eq 1 ] && method=ioctl
	"$TRIGGER" interrupt "$delay" "$sig" 5000 "$out/tpgfsig" \
		--attach="$method" -p $$ >"$work/sig.status" 2>"$work/sig.err"
	status=$(grep -E '^(exited|signaled)=|^timeout' "$work/sig.status")
	pids="$pids $(sed -n 's/^pid=//p' "$work/sig.status")"
	what="signal $sig after $delay us, $method"
	if [ "$status" = "signaled=$sig" ]; then
		before=$((before + 1))
		verify "$what: killed, so nothing said" [ ! -s "$work/sig.err" ]
	elif [ "$status" = exited=0 ]; then
		if grep -q '^Tracing' "$work/sig.err"; then
			traced=$((traced + 1))
			ids="$ids $(sed -n 's/^Tracing .*(program \([0-9]*\),.*/\1/p' \
				"$work/sig.err")"
			verify "$what: only its two lines" [ "$(grep -cvE \
				'^Tracing .* Ctrl-C ends\.$|^0 events, 0 lost$' \
				"$work/sig.err")" -eq 0 ]
		else
			quiet=$((quiet + 1))
			verify "$what: stopped while starting, nothing said" \
				[ ! -s "$work/sig.err" ]
		fi
	else
		verify "$what: ends cleanly (got '$status')" false
		sed 's/^/  | /' "$work/sig.err"
	fi
	# The kernel frees a program when the last file referring to it
	# closes, which an exit does: give it a moment all the same.
	i=0
	while [ "$(programs tpgfsig)" -ne 0 ] && [ $i -lt 20 ]; do
		i=$((i + 1))
		sleep 0.05
	done
	verify "$what: no program left" [ "$(programs tpgfsig)" -eq 0 ]
	round=$((round + 1))
done
echo "signals: $SIGNAL_ROUNDS rounds, 0 to $delay us: $before killed before" \
	"the handler, $quiet stopped while loading or attaching, $traced" \
	"after attaching"
verify "signals: some rounds came before tracing" [ $((before + quiet)) -gt 0 ]
verify "signals: some rounds came after attaching" [ "$traced" -gt 0 ]
verify "bpftool link show" bpftool -j link show
cp "$work/last" "$work/links.json"
verify "bpftool perf show" bpftool -j perf show
cp "$work/last" "$work/perf.json"
for id in $ids; do
	refute "no link of program $id" grep -q "\"prog_id\":$id[,}]" \
		"$work/links.json"
	refute "no perf event of program $id" grep -q \
		"\"prog_id\":$id[,}]" "$work/perf.json"
done
for pid in $pids; do
	refute "no perf event of loader $pid" grep -q "\"pid\":$pid[,}]" \
		"$work/perf.json"
done

# 3. An event that goes away.  This kernel may have no loadable modules
# to unload (CONFIG_MODULES unset: no /proc/modules), so the event is a
# dynamic one the test makes and removes: a uprobe event, which has an
# id as a module's event has, is removed as a module's events are, and
# whose id the kernel hands out again.  (A tracepoint program cannot be
# attached to it; the loader gets as far as trying, which is enough.)
# The loader is held at its perf_event_open() by a preloaded library.
uprobe() {
	echo "$1" >>"$tracefs/uprobe_events"
}
event_id() {
	cat "$tracefs/events/tpgfault/$1/id" 2>/dev/null
}
verify "pause library builds" "$CC" -shared -fPIC -o "$work/pause.so" \
	"$TOP_SRCDIR/tests/e2e/pause-perf-open.c" -ldl
if [ ! -w "$tracefs/uprobe_events" ]; then
	if [ "${CI:-}" = true ]; then
		verify "uprobe events (CONFIG_UPROBE_EVENTS)" false
	else
		echo "SKIP: an event that goes away: no uprobe events"
	fi
elif ! uprobe "p:tpgfault/gone $TRIGGER:0x1000" 2>"$work/uprobe.err"; then
	verify "uprobe event made" false
	sed 's/^/  | /' "$work/uprobe.err"
else
	uprobes="tpgfault/gone"
	verify "generate gone" "$TPGEN" tpgfault/gone --name tpgfgone \
		-o "$work/gone"
	verify "build gone" make -C "$work/gone"

	# Gone between generation and start.
	uprobe "-:tpgfault/gone"
	"$work/gone/tpgfgone" -c 1 >"$work/gone-start.out" 2>&1
	verify "gone before start: refused, status 3" [ $? -eq 3 ]
	verify "gone before start: says so" grep -qx \
		"tpgfault/gone: the running kernel has no such event (is its module loaded?)" \
		"$work/gone-start.out"

	# Gone between reading its id and opening it, the id given to
	# another event meanwhile: the loader must not take that one.
	uprobe "p:tpgfault/gone $TRIGGER:0x1000"
	old_id=$(event_id gone)
	mkdir "$work/pause"
	TPGEN_PAUSE_DIR="$work/pause" LD_PRELOAD="$work/pause.so" \
		"$work/gone/tpgfgone" -c 1 >"$work/gone-open.out" 2>&1 &
	loader_pid=$!
	wait_paused
	verify "gone while opening: loader held" [ -e "$work/pause/paused" ]
	uprobe "-:tpgfault/gone"
	uprobe "p:tpgfault/other $TRIGGER:0x2000"
	uprobes="tpgfault/other"
	new_id=$(event_id other)
	touch "$work/pause/go"
	wait "$loader_pid"
	verify "gone while opening: status 1" [ $? -eq 1 ]
	loader_pid=
	verify "gone while opening: says so" grep -qx \
		"tpgfault/gone: the event is gone (module unloaded, or event removed?)" \
		"$work/gone-open.out"
	echo "gone: the event had id $old_id; the one made while the loader" \
		"was held got id $new_id"

	# While the loader has the event open, the kernel keeps it: as it
	# keeps a module whose event is open, it refuses to remove a probe in
	# use.  The loader relies on it, and does not watch for the event to
	# go while it traces.
	uprobe "-:tpgfault/other"
	uprobe "p:tpgfault/gone $TRIGGER:0x1000"
	uprobes="tpgfault/gone"
	rm -f "$work/pause/paused" "$work/pause/go"
	TPGEN_PAUSE_DIR="$work/pause" TPGEN_PAUSE_AFTER=1 \
		LD_PRELOAD="$work/pause.so" "$work/gone/tpgfgone" -c 1 \
		>"$work/gone-held.out" 2>&1 &
	loader_pid=$!
	wait_paused
	verify "held open: loader held" [ -e "$work/pause/paused" ]
	refute "held open: the kernel keeps the event" uprobe "-:tpgfault/gone"
	verify "held open: event still there" [ -n "$(event_id gone)" ]
	touch "$work/pause/go"
	wait "$loader_pid"
	loader_pid=
	verify "held open: removed once the loader is gone" \
		uprobe "-:tpgfault/gone"
	uprobes=

	# A probe event is not a tracepoint: the kernel refuses the program,
	# and the loader says why rather than only "Invalid argument".
	uprobe "p:tpgfault/gone $TRIGGER:0x1000"
	uprobes="tpgfault/gone"
	"$work/gone/tpgfgone" -c 1 >"$work/probe.out" 2>&1
	verify "probe event: status 1" [ $? -eq 1 ]
	verify "probe event: says it is not a tracepoint" grep -q \
		"tpgfault/gone: PERF_EVENT_IOC_SET_BPF: Invalid argument (not a tracepoint" \
		"$work/probe.out"
	uprobe "-:tpgfault/gone"
	uprobes=
fi

# 4. A storm: one thread per CPU, each calling getppid() in a tight loop
# for STORM_SECONDS and counting its calls, traced by a loader filtered
# to their process and printing to /dev/null.  The loader's memory
# (VmRSS, sampled every second) must stay within RSS_SLACK kB of what it
# was once attached, and grow by no more than a few pages (GROWTH_SLACK
# kB) from the first half of the storm to the second: a byte kept per
# event would be megabytes.  The events it printed and those it reports
# lost must add up to the calls exactly.
RSS_SLACK=4096 GROWTH_SLACK=64
mkfifo "$work/go-storm"
"$TRIGGER" storm "$STORM_SECONDS" "$work/go-storm" >"$work/storm.out" &
trigger_pid=$!
if start_loader storm /dev/null "$out/tpgfstorm" -p "$trigger_pid"; then
	rss() {
		sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB$/\1/p' \
			"/proc/$loader_pid/status"
	}
	rss0=$(rss)
	: >"$work/go-storm"
	: >"$work/rss"
	i=0
	while kill -0 "$trigger_pid" 2>/dev/null &&
		[ $i -lt $((STORM_SECONDS + 60)) ]; do
		rss >>"$work/rss"
		i=$((i + 1))
		sleep 1
	done
	wait_trigger storm 10
	stop storm
	calls=$(sed -n 's/^calls=//p' "$work/storm.out")
	verify "storm: the trigger counted its calls" [ -n "$calls" ]
	verify "storm: printed + lost = calls ($seen + $lost, $calls)" \
		[ $((seen + lost)) -eq "${calls:-0}" ]
	n=$(wc -l <"$work/rss")
	min=$(sort -n "$work/rss" | head -1)
	max=$(sort -n "$work/rss" | tail -1)
	first=$(head -n $((n / 2)) "$work/rss" | sort -n | tail -1)
	second=$(tail -n $((n - n / 2)) "$work/rss" | sort -n | tail -1)
	# A busy machine makes the one-second steps longer.
	verify "storm: RSS sampled" [ "$n" -ge $(((STORM_SECONDS + 1) / 2)) ]
	verify "storm: RSS at most $RSS_SLACK kB over ${rss0} kB (max $max)" \
		[ "$max" -le $((rss0 + RSS_SLACK)) ]
	verify "storm: RSS not growing ($first kB, then $second kB)" \
		[ "$second" -le $((first + GROWTH_SLACK)) ]
	echo "storm: $STORM_SECONDS s on $(nproc) CPUs: $calls calls," \
		"$seen printed, $lost lost; loader RSS ${rss0} kB attached," \
		"$min..$max kB over $n samples"
fi

echo "loader-faults: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
