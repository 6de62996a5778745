#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# One program for many events (tpgen --program), against the kernel: a
# tracefs instance of our own records the same events, with the same
# filters, under a workload; both must keep the same records, and each
# task's records in the same order.  Then the loader's choices: -e,
# --json with the events' names, the records counted per event, --check.
# Needs root, tracefs and BPF.
set -u
: "${TPGEN:?}" "${TRIGGER:?}"

# shellcheck source=tests/e2e/lib.sh
. "${TOP_SRCDIR:?}/tests/e2e/lib.sh"
require_root_tracefs

own_instance program
pass=0 fail=0

# The workload's processes run a copy of the trigger named tpprg<pid>:
# their comm, by which their records are told from the machine's.
name=tpprg$$
ln -s "$TRIGGER" "$work/$name"
mkdir "$work/files"
workload() {
	t=$work/$name
	"$t" openat "$work/files" a.txt 0x42 0644
	"$t" kill $$ 0
	"$t" interrupt 1000 10 2000 "$t" getppid 1 0
	"$t" interrupt 1000 15 2000 "$t" openat "$work/files" b.txt 0x42 0600
	"$t" getppid 3 1
} >/dev/null 2>&1

# EVENT FILTER: each event's filter, "-" for none; the comm test is
# added to each.
events='sched/sched_process_fork	-
sched/sched_process_exec	filename ~ "*/tpprg*"
sched/sched_process_exit	prio >= 100 && CPU & CPUS{0-1}
syscalls/sys_enter_openat	filename.function != kfree && filename ~ "*.txt"
syscalls/sys_enter_kill	sig != 0 || pid > 1 && pid != CPUS{0-1}
signal/signal_generate	-'

set --
while IFS='	' read -r event filter; do
	full="COMM == \"$name\""
	[ "$filter" = - ] || full="($filter) && $full"
	set -- "$@" "$event" --filter "$full"
	printf '%s\n' "$full" >"$inst/events/$event/filter" ||
		{ echo "FAIL: the kernel refuses: $full"; exit 1; }
done <<EOF
$events
EOF
verify "generates" "$TPGEN" "$@" -o "$work/out" --program prog
verify "one program, each event's header" sh -c \
	'ls "$1" | grep -c "^sched_process_[a-z]*\.h$" | grep -qx 3 &&
	 ! ls "$1" | grep -q "^sched_process_.*\.bpf\.c$"' sh "$work/out"
verify "builds" make -s -C "$work/out"
verify "a function per event" test "$(grep -c '^SEC("tracepoint/' \
	"$work/out/prog.bpf.c")" -eq 6

# Against the kernel.
echo 0 >"$inst/options/irq-info"
echo 2048 >"$inst/buffer_size_kb"
while IFS='	' read -r event filter; do
	echo 1 >"$inst/events/$event/enable"
done <<EOF
$events
EOF
if start_loader prog "$work/prog.out" "$work/out/prog"; then
	workload
	kill -INT "$loader_pid"
	wait "$loader_pid"
	verify "exit status 0" [ $? -eq 0 ]
	loader_pid=
fi
echo 0 >"$inst/events/enable"
# PID TEXT per record, CPU and time left out, in the order printed.
records() {
	sed -nE 's/^ *.*-([0-9]+) +\[[0-9]+\] +[0-9]+\.[0-9]+: (.*)$/\1 \2/p'
}
verify "the kernel kept every record" test "$(overruns "$inst")" -eq 0
records <"$inst/trace" >"$work/kernel"
records <"$work/prog.out" >"$work/loader"
verify "the kernel kept records of each event" sh -c \
	'for e in sched_process_fork sched_process_exec sched_process_exit \
		sys_openat sys_kill signal_generate; do
		grep -q " $e[:(]" "$1" || { echo "none of $e"; exit 1; }
	done' sh "$work/kernel"
sort "$work/kernel" >"$work/kernel.sorted"
sort "$work/loader" >"$work/loader.sorted"
verify "the same records" diff "$work/kernel.sorted" "$work/loader.sorted"
# Each task's records in the order the kernel has them.
for pid in $(cut -d' ' -f1 "$work/kernel" | sort -u); do
	grep "^$pid " "$work/kernel" >"$work/k.$pid"
	grep "^$pid " "$work/loader" >"$work/l.$pid"
	cmp -s "$work/k.$pid" "$work/l.$pid" ||
		echo "$pid" >>"$work/disordered"
done
verify "each task's records in the kernel's order" test ! -s \
	"$work/disordered"
# Counted per event, as printed.
verify "counted per event" sh -c \
	'n=$(grep -c " sched_process_exit: " "$1")
	 grep -Eq "^  sched/sched_process_exit +$n printed +0 lost$" "$2"' \
	sh "$work/prog.out" "$work/prog.err"
verify "the total" grep -Eq "^$(wc -l <"$work/loader") events, 0 lost$" \
	"$work/prog.err"

# -e: only the events chosen are attached, and counted.
if start_loader prog-e "$work/prog-e.out" "$work/out/prog" \
	-e 'sched_process_e*' -j; then
	workload
	kill -INT "$loader_pid"
	wait "$loader_pid"
	loader_pid=
fi
verify "-e: the events chosen" grep -q \
	'^{"event":"sched/sched_process_exec",' "$work/prog-e.out"
verify "-e: no other" sh -c '! grep -v -e "sched_process_exec\"" \
	-e "sched_process_exit\"" "$1"' sh "$work/prog-e.out"
verify "-e: two counted" test "$(grep -c '^  sched/' "$work/prog-e.err")" \
	-eq 2
"$work/out/prog" -e nosuch >"$work/nosuch.err" 2>&1
verify "-e matching none: exit 2" [ $? -eq 2 ]
verify "-e matching none: says which there are" grep -q \
	"^-e 'nosuch': no event of this program; it has: sched/" \
	"$work/nosuch.err"
"$work/out/prog" --check >"$work/check.err" 2>&1
verify "--check: exit 0" [ $? -eq 0 ]
verify "--check: says so" grep -q "can read the running kernel's layout \
of its 6 events" "$work/check.err"

# The loader and its events' code are the user's: a second run keeps
# them as edited, and writes nothing beside an unchanged version.
echo '/* mine */' >>"$work/out/prog.events.c"
verify "rerun with an edited file" "$TPGEN" "$@" -o "$work/out" --program prog
verify "rerun: kept, and said so" grep -q ", 1 kept (edited)" "$work/last"
verify "rerun: the edit is there" grep -qx '/\* mine \*/' \
	"$work/out/prog.events.c"
verify "rerun: nothing beside it" test ! -e "$work/out/prog.events.c.new"

# What a filter needs of the running kernel is asked for the events
# traced only: a function it has not refuses the program (exit 3), but
# for another event.
"$TPGEN" sched/sched_process_fork syscalls/sys_enter_openat --filter \
	'filename.function == tpgen_no_such_function' -o "$work/out" \
	--program nofn >"$work/nofn.err" 2>&1 &&
	make -s -C "$work/out" >"$work/nofn.err" 2>&1
verify "a filter naming no function: builds" test $? -eq 0
"$work/out/nofn" -d 1 >/dev/null 2>"$work/nofn.err"
verify "a filter naming no function: exit 3" test $? -eq 3
verify "a filter naming no function: says which event" grep -q \
	'^syscalls/sys_enter_openat: the filter names the function tpgen_no_' \
	"$work/nofn.err"
"$work/out/nofn" -d 1 -e sched_process_fork >/dev/null 2>"$work/nofn.err"
verify "a filter naming no function, its event left out: exit 0" \
	test $? -eq 0

echo "program: $(wc -l <"$work/kernel") records of 6 events compared"
echo "program: $pass checks passed, $fail failed"
[ "$fail" -eq 0 ]
