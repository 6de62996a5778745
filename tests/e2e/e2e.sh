#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# End to end: generate, build and run loaders for live events, cause the
# events, and check the values printed against what was done.  Then the
# attach methods, every CPU, nothing left behind, and the errors a user
# meets.  Needs root, tracefs and BPF: skips (77) without them, fails
# under CI=true.
set -u
: "${TPGEN:?}" "${TRIGGER:?}" "${CLANG:?}" "${MULTIARCH_INCLUDE:?}"
: "${TOP_SRCDIR:?}" "${FIXTURES:?}"

# shellcheck source=tests/e2e/lib.sh
. "${TOP_SRCDIR:?}/tests/e2e/lib.sh"
require_root_tracefs

work=$(mktemp -d)
loader_pid=
inst=/sys/kernel/tracing/instances/tpgen-e2e-$$
cleanup() {
	[ -n "$loader_pid" ] && kill "$loader_pid" 2>/dev/null
	ip netns del tpgen-e2e-a 2>/dev/null
	ip netns del tpgen-e2e-b 2>/dev/null
	rmdir "$inst" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
pass=0 fail=0

# expect NAME FILE PATTERN: a line of FILE matches the extended regex.
expect() {
	if grep -qE -- "$3" "$2"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $1: nothing matches '$3' in $2:"
		head -20 "$2" | sed 's/^/  | /'
	fi
}

# start NAME COMMAND...: runs a loader in the background and waits until
# it says it is attached.
start() {
	_n=$1
	shift
	start_loader "$_n" "$work/$_n.out" "$@"
}

# finish NAME: waits up to 10 s for the loader to end by itself (--count),
# then ends it with SIGINT.  Its exit status must be 0.
finish() {
	i=0
	while kill -0 "$loader_pid" 2>/dev/null && [ $i -lt 100 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	kill -INT "$loader_pid" 2>/dev/null
	wait "$loader_pid"
	verify "$1 exit status" [ $? -eq 0 ]
	loader_pid=
	expect "$1 reports loss" "$work/$1.err" '^[0-9]+ events?, 0 lost$'
}

# Programs of the loaders this test ran that are still loaded: each
# loader says which program it loaded.
leftovers() {
	for id in $(cat "$work"/*.err | sed -n 's/^Tracing .*(program \([0-9]*\),.*/\1/p'); do
		bpftool prog show id "$id" >/dev/null 2>&1 && echo "$id"
	done
}

out="$work/out"
verify generate "$TPGEN" sched/sched_process_exec sched/sched_switch \
	syscalls/sys_enter_openat signal/signal_generate xdp/xdp_exception \
	syscalls/sys_enter_getppid -o "$out"
verify build make -C "$out" -j2

# The loader's command line.  Usage errors exit 2, as tpgen's do (argp's
# own status is 64); --help gives the exit statuses and the clock.
loader="$out/sched_process_exec"
verify "loader help" "$loader" --help
cp "$work/last" "$work/help.out"
expect "loader help exit status" "$work/help.out" "^  2  a usage error"
expect "loader help clock" "$work/help.out" "CLOCK_MONOTONIC"
expect "loader help trace_clock" "$work/help.out" \
	"echo mono > /sys/kernel/tracing/trace_clock"
for bad in "-c x" "-p 0" "--frob" "-d -1" "-d x" "-d nan" "-d inf" \
	"-d 1e30" "--attach=magic" "--cookie=1"; do
	# (Taken, an option would leave the loader tracing until the
	# timeout, whose status is 124.)
	# shellcheck disable=SC2086 # the options' words
	timeout -s INT 10 "$loader" $bad >"$work/usage.out" 2>&1
	verify "loader $bad: exit 2" [ $? -eq 2 ]
done
expect "loader usage error" "$work/usage.out" "unrecognized option '--cookie=1'"
# A cookie is for telling attachments of one program apart: a loader
# attaches its program once, and offers none.
refute "loader help offers no cookie" grep -q cookie "$work/help.out"

# -d takes fractions of a second (without, the timeout ends the loader,
# with status 124).
before=$(date +%s%N)
timeout -s INT 10 "$out/sched_switch" -d 0.5 >/dev/null 2>"$work/duration.err"
verify "loader -d 0.5: exit 0" [ $? -eq 0 ]
ms=$((($(date +%s%N) - before) / 1000000))
verify "loader -d 0.5: at least 0.5 s ($ms ms)" [ "$ms" -ge 500 ]
verify "loader -d 0.5: not 10 s ($ms ms)" [ "$ms" -lt 5000 ]

# What --help says of the clock: with a trace instance's clock set to
# mono, the kernel's time of an event and the loader's agree to the
# microsecond or so (with the default clock, "local", they may not: 40 ms
# apart on this test's first machine).
if mkdir "$inst" && echo mono >"$inst/trace_clock" &&
   echo 1 >"$inst/events/sched/sched_process_exec/enable" &&
   start clock "$loader"; then
	cp /bin/true "$work/tpgen-e2e-clk"
	"$work/tpgen-e2e-clk"
	kill -INT "$loader_pid"
	finish clock
	echo 0 >"$inst/events/sched/sched_process_exec/enable"
	# TASK-PID [CPU] SECONDS.MICROSECONDS: sched_process_exec: ...
	when='s/^ *tpgen-e2e-clk-.* \([0-9]*\.[0-9]*\): sched_process_exec:.*/\1/p'
	kernel=$(sed -n "$when" "$inst/trace")
	ours=$(sed -n "$when" "$work/clock.out")
	verify "clock: the kernel saw the exec" [ -n "$kernel" ]
	verify "clock: the loader saw the exec" [ -n "$ours" ]
	verify "clock: kernel $kernel and loader $ours within 1 ms" awk \
		"BEGIN { d = $ours - $kernel; exit !(d < 0.001 && d > -0.001) }"
else
	fail=$((fail + 1))
	echo "FAIL: clock: cannot set up $inst"
fi

# sched_process_exec: a __data_loc string, the path executed.
cp /bin/true "$work/tpgen-e2e-exec"
if start exec "$out/sched_process_exec" --fields; then
	sh -c 'echo $$ >"$1"; exec "$2"' sh "$work/exec.pid" "$work/tpgen-e2e-exec"
	kill -INT "$loader_pid"
	finish exec
	expect exec "$work/exec.out" \
		"sched/sched_process_exec: filename=$work/tpgen-e2e-exec pid=$(cat "$work/exec.pid") old_pid=$(cat "$work/exec.pid")\$"
fi
if start exec-json "$out/sched_process_exec" --json; then
	sh -c 'echo $$ >"$1"; exec "$2"' sh "$work/exec.pid" "$work/tpgen-e2e-exec"
	kill -INT "$loader_pid"
	finish exec-json
	expect exec-json "$work/exec-json.out" \
		"^\{\"event\":\"sched/sched_process_exec\",\"ts_ns\":[0-9]+,\"cpu\":[0-9]+,\"pid\":$(cat "$work/exec.pid"),\"tid\":[0-9]+,\"comm\":\"tpgen-e2e-exec\",\"fields\":\{\"filename\":\"$work/tpgen-e2e-exec\",\"pid\":$(cat "$work/exec.pid"),\"old_pid\":$(cat "$work/exec.pid")\}\}\$"
fi

# By default, events come as the kernel's trace file shows them: here
# the same words, since this event's print fmt is "filename=%s pid=%d
# old_pid=%d"; and the kernel's names for symbolic values.
if start exec-text "$out/sched_process_exec"; then
	sh -c 'echo $$ >"$1"; exec "$2"' sh "$work/exec.pid" "$work/tpgen-e2e-exec"
	kill -INT "$loader_pid"
	finish exec-text
	expect exec-text "$work/exec-text.out" \
		"^tpgen-e2e-exec-$(cat "$work/exec.pid") \[[0-9]{3}\] [0-9]+\.[0-9]{6}: sched_process_exec: filename=$work/tpgen-e2e-exec pid=$(cat "$work/exec.pid") old_pid=$(cat "$work/exec.pid")\$"
fi

# What a loader saw is counted, --count or not.
expect "exec count" "$work/exec.err" '^[1-9][0-9]* events?, 0 lost$'

# UTF-8 in a task's name and a path passes into JSON as it is.
cp /bin/true "$work/tpgen-é"
if start utf8 "$out/sched_process_exec" --json; then
	"$work/tpgen-é"
	kill -INT "$loader_pid"
	finish utf8
	expect utf8 "$work/utf8.out" "\"comm\":\"tpgen-é\".*\"filename\":\"$work/tpgen-é\""
fi

# sched_switch: char arrays.  The sleeper switches out when it ends; the
# pid filter keeps only its own switches.
cp /bin/sleep "$work/tpgen-e2e-sw"
"$work/tpgen-e2e-sw" 2 &
sleeper=$!
if start switch "$out/sched_switch" --fields -p "$sleeper" -c 1; then
	wait "$sleeper"
	finish switch
	expect switch "$work/switch.out" \
		"^tpgen-e2e-sw-$sleeper .* sched/sched_switch: prev_comm=tpgen-e2e-sw prev_pid=$sleeper prev_prio=[0-9]+ prev_state=[0-9]+ next_comm=[^ ]+ next_pid=[0-9]+ next_prio=[0-9]+\$"
fi

# sys_enter_openat: 8-byte slots and padding; the flags passed.  O_WRONLY
# | O_CREAT | O_TRUNC is 577 and 0640 is 416.  Arguments print as their
# declared types: the trigger opens the folder first, relative to AT_FDCWD,
# which is -100 as the int dfd is, not 4294967196 as its slot reads.
mkdir "$work/dir"
if start openat "$out/sys_enter_openat" --fields; then
	"$TRIGGER" openat "$work/dir" file 577 0640 >"$work/openat.trigger"
	kill -INT "$loader_pid"
	finish openat
	expect openat "$work/openat.out" \
		"^tpgen-trigger-[0-9]+ .* syscalls/sys_enter_openat: __syscall_nr=257 $(cat "$work/openat.trigger") filename=0x[0-9a-f]+ flags=577 mode=416\$"
	expect openat-cwd "$work/openat.out" \
		"^tpgen-trigger-[0-9]+ .* syscalls/sys_enter_openat: __syscall_nr=257 dfd=-100 filename=0x[0-9a-f]+ flags=[0-9]+ mode=0\$"
fi
if start openat-json "$out/sys_enter_openat" --json; then
	"$TRIGGER" openat "$work/dir" file 577 0640 >"$work/openat.trigger"
	kill -INT "$loader_pid"
	finish openat-json
	expect openat-json "$work/openat-json.out" \
		"\"comm\":\"tpgen-trigger\",\"fields\":\{\"__syscall_nr\":257,\"dfd\":-100,\"filename\":\"0x[0-9a-f]+\",\"flags\":[0-9]+,\"mode\":0\}\}\$"
fi
# As text, the kernel's rendering of a syscall, not its print fmt's.
if start openat-text "$out/sys_enter_openat"; then
	"$TRIGGER" openat "$work/dir" file 577 0640 >"$work/openat.trigger"
	kill -INT "$loader_pid"
	finish openat-text
	expect openat-text "$work/openat-text.out" \
		"^tpgen-trigger-[0-9]+ \[[0-9]{3}\] [0-9]+\.[0-9]{6}: sys_openat\(dfd: $(sed 's/dfd=//' "$work/openat.trigger"), filename: 0x[0-9a-f]+, flags: 0x241, mode: 0x1a0\)\$"
fi

# signal_generate: the signal and the pid it was sent to.
sleep 30 &
target=$!
if start signal "$out/signal_generate" --fields; then
	"$TRIGGER" kill "$target" 10
	kill -INT "$loader_pid"
	finish signal
	expect signal "$work/signal.out" \
		"^tpgen-trigger-[0-9]+ .* signal/signal_generate: sig=10 errno=0 code=0 comm=sleep pid=$target group=[0-9]+ result=0\$"
fi
wait "$target" 2>/dev/null

# xdp_exception: a generic-XDP program that aborts every packet, on one
# end of a veth pair between two network namespaces of our own.
"$CLANG" -O2 -g -target bpf -I"$MULTIARCH_INCLUDE" \
	-c "$TOP_SRCDIR/tests/e2e/xdp_abort.bpf.c" -o "$work/xdp_abort.o"
verify netns-a ip netns add tpgen-e2e-a
verify netns-b ip netns add tpgen-e2e-b
verify veth ip link add tpgen-va netns tpgen-e2e-a type veth \
	peer name tpgen-vb netns tpgen-e2e-b
ip -n tpgen-e2e-a addr add 10.199.0.1/24 dev tpgen-va
ip -n tpgen-e2e-b addr add 10.199.0.2/24 dev tpgen-vb
ip -n tpgen-e2e-a link set tpgen-va up
ip -n tpgen-e2e-b link set tpgen-vb up
verify xdp-attach ip -n tpgen-e2e-b link set dev tpgen-vb xdpgeneric \
	obj "$work/xdp_abort.o" sec xdp
ifindex=$(ip -n tpgen-e2e-b -o link show tpgen-vb | cut -d: -f1)
if start xdp "$out/xdp_exception" --fields -c 1; then
	ip netns exec tpgen-e2e-a "$TRIGGER" udp 10.199.0.2 9
	finish xdp
	expect xdp "$work/xdp.out" \
		"xdp/xdp_exception: prog_id=[0-9]+ act=0 ifindex=$ifindex\$"
fi
# The kernel's own words for it: action=ABORTED.
if start xdp-text "$out/xdp_exception" -c 1; then
	ip netns exec tpgen-e2e-a "$TRIGGER" udp 10.199.0.2 9
	finish xdp-text
	expect xdp-text "$work/xdp-text.out" \
		": xdp_exception: prog_id=[0-9]+ action=ABORTED ifindex=$ifindex\$"
fi

# Each attach method delivers events.
for method in link ioctl auto; do
	if start "attach-$method" "$out/sched_process_exec" --fields \
		--attach="$method"; then
		"$work/tpgen-e2e-exec"
		kill -INT "$loader_pid"
		finish "attach-$method"
		want=$method
		[ "$method" = auto ] && want="link"
		expect "attach-$method" "$work/attach-$method.err" \
			"attached with $want"
		expect "attach-$method" "$work/attach-$method.out" \
			"filename=$work/tpgen-e2e-exec"
	fi
done

# Events raised on every CPU arrive.
if start cpus "$out/sys_enter_getppid" --fields; then
	cpu=0
	while [ "$cpu" -lt "$(nproc)" ]; do
		"$TRIGGER" getppid 3 "$cpu"
		cpu=$((cpu + 1))
	done
	kill -INT "$loader_pid"
	finish cpus
	cpu=0
	while [ "$cpu" -lt "$(nproc)" ]; do
		expect "cpu $cpu" "$work/cpus.out" \
			"^tpgen-trigger-[0-9]+ \[$(printf %03d "$cpu")\] .* syscalls/sys_enter_getppid: __syscall_nr=110\$"
		cpu=$((cpu + 1))
	done
fi

# SIGTERM ends a loader as cleanly as SIGINT.
if start sigterm "$out/sched_switch"; then
	kill -TERM "$loader_pid"
	finish sigterm
fi

# The first 8 bytes of a record: where the format says common_type,
# common_flags, common_preempt_count and common_pid are, the kernel hands
# BPF a kernel address.  A loader built from a template that shows them
# must see the event's id, zeros and the thread, never that address.
mkdir "$work/tpl"
sed '/^\tmemcpy(&copy, data, reloc.record_size);$/a\
\t{\
\t\tstruct { __u16 type; __u8 flags, preempt; __s32 pid; } e;\
\t\tmemcpy(\&e, copy.rec.data, sizeof(e));\
\t\tfprintf(stderr, "entry: %u %u %u %d %u\\n", e.type, e.flags,\
\t\t\te.preempt, e.pid, copy.rec.tid);\
\t}' "$TOP_SRCDIR/templates/event.c" >"$work/tpl/event.c"
verify "entry template" grep -q '^		fprintf(stderr, "entry' "$work/tpl/event.c"
verify "entry generate" "$TPGEN" --templates "$work/tpl" -o "$work/entry" \
	sched/sched_process_exec
verify "entry build" make -C "$work/entry"
if start entry "$work/entry/sched_process_exec" -c 3; then
	for _ in 1 2 3; do "$work/tpgen-e2e-exec"; done
	finish entry
fi
id=$(cat /sys/kernel/tracing/events/sched/sched_process_exec/id)
verify "entry: records seen" grep -q '^entry: ' "$work/entry.err"
verify "entry: id, zeros, the thread" awk -v id="$id" '
	/^entry: / { n++; if ($2 != id || $3 != 0 || $4 != 0 || $5 != $6) bad++ }
	END { exit !(n && !bad) }' "$work/entry.err"

# Nothing of the loaders is left, after -c, SIGINT and SIGTERM alike.
verify "programs were seen" grep -q '^Tracing .*(program [1-9]' "$work/exec.err"
verify "no program left" [ -z "$(leftovers)" ]

# tpgen run: from nothing to events in one command.
export XDG_CACHE_HOME="$work/cache"
# tpgen execs the loader, so loader_pid ends up being the loader's.
if start run "$TPGEN" run sched/sched_process_exec -- --attach=ioctl --fields; then
	"$work/tpgen-e2e-exec"
	kill -INT "$loader_pid"
	finish run
fi
expect run "$work/run.out" "filename=$work/tpgen-e2e-exec"
# The first run builds: the build's lines go to standard error, so that
# standard output holds what the loader prints and nothing else.
verify "run: only the loader on stdout" \
	sh -c '! grep -v " sched/sched_process_exec: filename=" "$1"' sh "$work/run.out"
expect "run: the build on stderr" "$work/run.err" '^ +GEN-SKEL '
verify "run caches the build" test -x "$work/cache/tpgen/sched_process_exec/sched_process_exec"
# Many events: one program, its records in one stream.
if start run-many "$TPGEN" run 'sched/sched_process_e*'; then
	"$work/tpgen-e2e-exec"
	kill -INT "$loader_pid"
	finish run-many
fi
expect "run many: the exec" "$work/run-many.out" \
	"sched_process_exec: filename=$work/tpgen-e2e-exec"
expect "run many: the exit" "$work/run-many.out" \
	"sched_process_exit: comm=tpgen-e2e-exec"
expect "run many: counted per event" "$work/run-many.err" \
	"^  sched/sched_process_exit +[1-9][0-9]* printed +0 lost$"
expect "run many: one program" "$work/run-many.err" \
	"^Tracing 2 events with tpgen_run \\(attached with link\\)"

# The errors a user meets.
PATH=/nonexistent "$TPGEN" run sched/sched_process_exec >"$work/nomake.out" 2>&1
verify "missing tools exit 4" [ $? -eq 4 ]
expect "missing tools" "$work/nomake.out" \
	"make is missing: install it with 'apt-get install make'"

setpriv --reuid=nobody --regid=nogroup --clear-groups \
	"$out/sched_process_exec" -c 1 >"$work/nobody.out" 2>&1
verify "not root fails" [ $? -ne 0 ]
expect "not root" "$work/nobody.out" "run it as root, or give it CAP_BPF and CAP_PERFMON"

unshare -m sh -c 'umount -l /sys/kernel/tracing; umount -l /sys/kernel/debug 2>/dev/null; exec "$0" -c 1' \
	"$out/sched_process_exec" >"$work/notracefs.out" 2>&1
verify "no tracefs fails" [ $? -ne 0 ]
expect "no tracefs" "$work/notracefs.out" "tracefs is not mounted: mount -t tracefs nodev /sys/kernel/tracing"

verify "absent event generates" "$TPGEN" --tracefs "$FIXTURES/tree" \
	names/errno_new -o "$work/absent"
verify "absent event builds" make -C "$work/absent"
"$work/absent/errno_new" -c 1 >"$work/absent.out" 2>&1
verify "absent event refused (exit 3)" [ $? -eq 3 ]
expect "absent event" "$work/absent.out" \
	"names/errno_new: the running kernel has no such event"

# A program that reads a common field (offset 4) is refused.  Naming the
# member does not compile (headers.sh): this one reads the bytes.
cp -r "$out" "$work/refused"
sed -i 's/	if (!tpgen_wanted())/	if (*(const __s32 *)((const char *)ctx + 4) == 1)\n\t\treturn 0;\n&/' \
	"$work/refused/sched_process_exec.bpf.c"
verify "refused builds" make -C "$work/refused" sched_process_exec
"$work/refused/sched_process_exec" -c 1 >"$work/refused.out" 2>&1
verify "refused fails" [ $? -ne 0 ]
expect refused "$work/refused.out" "the verifier refused it; the end of its log:"
expect refused "$work/refused.out" "invalid bpf_context access off=4 size=4"

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
