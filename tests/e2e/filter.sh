#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The kernel as the oracle of filters: each filter below is compiled into
# a loader (tpgen --filter) and written to the same event's filter file in
# a tracefs instance of our own; a workload then causes the event, and the
# records each side kept must be the same, one for one.  The filters cover
# every operator, signed and unsigned fields, constants cut to a field's
# size, the common fields, CPU and COMM, static, __data_loc and char *
# strings, each class of ~ pattern and the kernel's quirks with them.
# Filters the kernel refuses, tpgen must refuse too.  Needs root, tracefs
# and BPF.
#
# Only the workload's records count: its processes run a copy of the
# trigger named tpflt<pid>, the name their comm takes, and every filter is
# tested as "(FILTER) && COMM == ..." on both sides.
set -u
: "${TPGEN:?}" "${TRIGGER:?}"

# shellcheck source=tests/e2e/lib.sh
. "${TOP_SRCDIR:?}/tests/e2e/lib.sh"
require_root_tracefs

own_instance filter all
pass=0 fail=0

name=tpflt$$
ln -s "$TRIGGER" "$work/$name"
mkdir "$work/files"
# Room for every record of the workload: a sanitizer build's processes
# make thousands of syscalls as they start.  The other instance keeps all
# the workload's records of the event, unfiltered, to count them.
for i in "$inst" "$inst_other"; do
	echo 0 >"$i/options/irq-info"
	# Pointers as the loader prints them (%p), not hashed.
	[ ! -e "$i/options/hash-ptr" ] || echo 0 >"$i/options/hash-ptr"
	echo 2048 >"$i/buffer_size_kb"
done

# What the workload does: files opened by name, in a folder and by path;
# signals; getppid() on each CPU; a child run and stopped by a signal.
workload() {
	t=$work/$name
	"$t" openat "$work/files" abc.txt 0x42 0644
	"$t" openat "$work/files" 9sleep 0x42 0600
	"$t" openat "$work/files" 'x[y]*z.txt' 0x242 0640
	"$t" openat /etc hostname 0 0
	"$t" openat "$work/files" missing/x 0 0
	"$t" kill $$ 0
	"$t" kill 999999 0
	"$t" getppid 3 0
	"$t" getppid 2 1
	"$t" interrupt 1000 10 2000 "$t" getppid 1 0
	"$t" interrupt 1000 15 2000 "$t" getppid 1 1
} >/dev/null 2>&1

# EXPECT EVENT FILTER: EXPECT is "+" when the filter keeps some of the
# workload's records but not all, "all" when it keeps all of them, "none"
# when none, "some" when at least one (a sanitizer build's processes make
# threads of their own), "any" where it depends on the CPU or the pids.
cases='all	syscalls/sys_enter_openat	common_pid != 0
+	syscalls/sys_enter_openat	flags & 0x40
+	syscalls/sys_enter_openat	flags & 0x200 || mode == 0600
+	syscalls/sys_enter_openat	mode > 0600 && mode <= 0644
none	syscalls/sys_enter_openat	mode == 0x10180
+	syscalls/sys_enter_openat	dfd == 0xffffff9c
+	syscalls/sys_enter_openat	dfd != 4294967196
none	syscalls/sys_enter_openat	dfd == 0xffffffffffffff9c
none	syscalls/sys_enter_openat	dfd < 0
+	syscalls/sys_enter_openat	filename == "abc.txt"
+	syscalls/sys_enter_openat	filename.ustring ~ "*sleep"
+	syscalls/sys_enter_openat	filename ~ "[0-9]sl*"
none	syscalls/sys_enter_openat	filename ~ "9sl*"
+	syscalls/sys_enter_openat	filename ~ "*.txt"
+	syscalls/sys_enter_openat	filename ~ "*[[]y]\*z*"
+	syscalls/sys_enter_openat	filename ~ "!*o*"
+	syscalls/sys_enter_openat	!(filename ~ "abc*") && filename != "hostname"
none	syscalls/sys_enter_openat	filename ~ "*nomatch*"
all	syscalls/sys_exit_openat	common_pid != 0
+	syscalls/sys_exit_openat	ret >= 3
+	syscalls/sys_exit_openat	ret == -2 || ret > 100
+	syscalls/sys_exit_openat	ret < -1
all	syscalls/sys_enter_kill	common_pid != 0
+	syscalls/sys_enter_kill	pid == 999999 || sig != 0
+	syscalls/sys_enter_kill	pid != 999999 && pid > 0
all	raw_syscalls/sys_enter	common_pid != 0
+	raw_syscalls/sys_enter	id == 110 && CPU == 1
+	raw_syscalls/sys_enter	id <= 2 || id >= 400
none	raw_syscalls/sys_enter	args == 0
all	sched/sched_process_exec	common_pid != 0
any	sched/sched_process_exec	CPU != 0
all	sched/sched_process_exec	filename ~ "*/tpflt*" && pid > 0
all	sched/sched_process_exec	filename ~ "/*[0-9]"
none	sched/sched_process_exec	filename ~ "*flt"
all	sched/sched_process_fork	common_pid != 0
any	sched/sched_process_fork	child_pid & 1
all	sched/sched_process_fork	child_comm ~ "tpf*" && parent_comm ~ "*flt*"
all	signal/signal_generate	common_pid != 0
+	signal/signal_generate	sig == 10
+	signal/signal_generate	sig >= 15 && comm ~ "*flt*"
any	signal/signal_generate	common_pid & 1 || COMM ~ "*[13579]"
none	signal/signal_generate	comm ~ "*[0-9]" && comm ~ "*9"
any	signal/signal_generate	comm ~ "tp?lt*" && result == 0 && code <= 0
+	signal/signal_generate	sig == 0x10000000a
all	task/task_newtask	common_pid != 0
some	task/task_newtask	clone_flags & 0x1000000 && !(clone_flags & 0x11)
any	task/task_newtask	oom_score_adj == 0
all	raw_syscalls/sys_enter	CPU & CPUS{0-1}
none	raw_syscalls/sys_enter	CPU == CPUS{0,1}
all	raw_syscalls/sys_enter	CPU != CPUS{0-1:1/1}
any	raw_syscalls/sys_enter	common_cpu & CPUS{1} && id == 110
any	raw_syscalls/sys_enter	CPU != CPUS{0} || id & CPUS{0-1}
none	sched/sched_process_fork	child_pid != CPUS{0-1}
all	sched/sched_process_fork	child_pid != CPUS{1}
any	sched/sched_process_fork	common_pid & CPUS{0-1} || !(child_pid == CPUS{1})
any	signal/signal_generate	sig & CPUS{0,1-1:1/1} || sig == CPUS{0}
all	kmem/kfree	common_pid != 0
+	kmem/kfree	call_site.function == vm_area_free && common_pid > 0
+	kmem/kfree	call_site.function != vm_area_free && ptr != 0
+	kmem/kfree	call_site.function == $elf || call_site.function == kfree && ptr != 0
any	kmem/kfree	!(call_site.function != load_elf_binary ) && ptr == 0'
# An address in load_elf_binary() (which starts on 16 bytes): .function
# finds the function.  The kernel reads a function's name up to a blank.
elf=$(awk '$3 == "load_elf_binary" { print $1; exit }' /proc/kallsyms)
elf=0x${elf%?}f
cases=$(printf '%s\n' "$cases" | sed "s/\\\$elf/$elf/")

# The lines of an event's records as PID TEXT, the CPU and time left out.
records() {
	sed -nE 's/^ *.*-([0-9]+) +\[[0-9]+\] +[0-9]+\.[0-9]+: (.*)$/\1 \2/p' |
		sort
}

# Whether sorted records $1 (the kernel's) and $2 (the loader's) are the
# same, but for at most $3 of the kernel's that no BPF program saw: the
# kernel does not run a program in an interrupt that came while it ran
# for another event (kfree from an RCU callback, say), and counts those.
same_records() {
	if [ -n "$(comm -13 "$1" "$2")" ] ||
	   [ "$(comm -23 "$1" "$2" | wc -l)" -gt "$3" ]; then
		diff "$1" "$2"
		return 1
	fi
}

# Every loader first, in one folder, built at once.
i=0
printf '%s\n' "$cases" | while IFS='	' read -r expect event filter; do
	i=$((i + 1))
	"$TPGEN" "$event" -o "$work/out" --name "f$i" \
		--filter "($filter) && COMM == \"$name\"" >/dev/null 2>&1 ||
		echo "FAIL: f$i: tpgen refused: $filter" >>"$work/refused"
done
if [ -s "$work/refused" ]; then
	cat "$work/refused"
	exit 1
fi
make -s -j"$(nproc)" -C "$work/out" >"$work/make" 2>&1 || {
	echo "FAIL: building the loaders:"
	tail -20 "$work/make"
	exit 1
}

i=0
while IFS='	' read -r expect event filter; do
	i=$((i + 1))
	full="($filter) && COMM == \"$name\""
	# The instance first: a filter it refuses is the test's mistake.
	if ! printf '%s\n' "$full" >"$inst/events/$event/filter"; then
		echo "FAIL: the kernel refuses: $filter"
		fail=$((fail + 1))
		continue
	fi
	printf 'COMM == "%s"\n' "$name" >"$inst_other/events/$event/filter"
	for in in "$inst" "$inst_other"; do
		echo >"$in/trace"
		echo 1 >"$in/events/$event/enable"
	done
	start_loader "f$i" "$work/f$i.out" "$work/out/f$i" || continue
	workload
	prog=$(sed -n 's/.*(program \([0-9]*\),.*/\1/p' "$work/f$i.err")
	missed=$(bpftool prog show id "$prog" 2>/dev/null |
		sed -n 's/.* recursion_misses \([0-9]*\).*/\1/p')
	kill -INT "$loader_pid"
	wait "$loader_pid"
	loader_pid=
	for in in "$inst" "$inst_other"; do
		echo 0 >"$in/events/$event/enable"
	done
	records <"$inst/trace" >"$work/kernel"
	records <"$work/f$i.out" >"$work/loader"
	n=$(wc -l <"$work/kernel")
	all=$(records <"$inst_other/trace" | wc -l)
	verify "$event: $filter: the kernel kept every record" \
		test "$(overruns "$inst")" -eq 0 -a "$(overruns "$inst_other")" -eq 0
	verify "$event: $filter: the same records" \
		same_records "$work/kernel" "$work/loader" "${missed:-0}"
	case $expect in
	all) verify "$event: $filter: keeps all $all ($n)" \
		test "$n" -eq "$all" ;;
	none) verify "$event: $filter: keeps none" test "$n" -eq 0 ;;
	some) verify "$event: $filter: keeps some" test "$n" -gt 0 ;;
	+) verify "$event: $filter: keeps some of $all ($n)" \
		test "$n" -gt 0 -a "$n" -lt "$all" ;;
	esac
	verify "$event: $filter: nothing lost" \
		grep -q ' 0 lost$' "$work/f$i.err"
done <<EOF
$cases
EOF

# Filters the kernel refuses: tpgen refuses them too (exit 2), and says
# where.  EVENT FILTER.
bad='sched/sched_switch	prev_pid = 1
sched/sched_switch	(prev_pid == 1
sched/sched_switch	prev_pid == 1)
sched/sched_switch	prev_comm == "a
sched/sched_switch	prev_pid == "1"
sched/sched_switch	prev_comm == 1
sched/sched_switch	prev_comm < "a"
sched/sched_switch	prev_pid ~ "1*"
sched/sched_switch	nosuch == 1
sched/sched_switch	common_tgid == 1
sched/sched_switch	prev_pid == 1x
sched/sched_switch	prev_comm != bash
sched/sched_switch	prev_pid == 1 prev_prio == 2
sched/sched_switch	prev_pid == 1 &&
sched/sched_switch	prev_pid & 1 | 2
sched/sched_switch	prev_state == 99999999999999999999
syscalls/sys_enter_openat	mode == -1
syscalls/sys_enter_openat	dfd == -100
sched/sched_process_exec	pid == old_pid
sched/sched_switch	CPU == "0"
sched/sched_switch	prev_comm & CPUS{1}
sched/sched_switch	prev_pid < CPUS{1}
sched/sched_switch	prev_pid == CPUS{}
sched/sched_switch	prev_pid == CPUS{1-0}
sched/sched_switch	prev_pid == CPUS{0:1/2}
sched/sched_switch	prev_pid == CPUS{0-3:3/2}
sched/sched_switch	prev_pid.function == kfree
sched/sched_switch	prev_state.function < kfree
sched/sched_switch	prev_state.function == "kfree"
sched/sched_switch	prev_state.function == kfree)'
while IFS='	' read -r event filter; do
	kernel=accepts
	printf '%s\n' "$filter" >"$inst/events/$event/filter" 2>/dev/null ||
		kernel=refuses
	verify "the kernel refuses: $filter" test "$kernel" = refuses
	"$TPGEN" "$event" -o "$work/bad" --filter "$filter" \
		>"$work/bad.out" 2>&1
	verify "tpgen refuses: $filter (exit 2)" test $? -eq 2
	verify "tpgen says where: $filter" \
		grep -q '^--filter:1:[0-9]*: error: ' "$work/bad.out"
done <<EOF
$bad
EOF

# Filters the running kernel refuses, for a CPU it has not or a function:
# tpgen builds them (another kernel may have it), their loaders refuse to
# run here (exit 3) and say why.  EVENT FILTER.
past=$(($(sed 's/.*[-,]//' /sys/devices/system/cpu/possible) + 1))
later="sched/sched_switch	CPU & CPUS{0,$past}
sched/sched_switch	prev_state.function != tpgen_no_such_function"
i=0
while IFS='	' read -r event filter; do
	i=$((i + 1))
	kernel=accepts
	printf '%s\n' "$filter" >"$inst/events/$event/filter" 2>/dev/null ||
		kernel=refuses
	verify "the kernel refuses: $filter" test "$kernel" = refuses
	"$TPGEN" "$event" -o "$work/later" --name "l$i" --filter "$filter" \
		>"$work/later.out" 2>&1 &&
		make -s -C "$work/later" >"$work/later.out" 2>&1
	verify "tpgen builds: $filter" test $? -eq 0
	"$work/later/l$i" -c 1 >"$work/later.out" 2>&1
	verify "its loader refuses: $filter (exit 3)" test $? -eq 3
	verify "its loader says why: $filter" \
		grep -Eq "the filter names (CPU $past|the function tpgen_no_)" \
		"$work/later.out"
done <<EOF
$later
EOF

# A cpumask field: this machine sends its IPIs to one CPU at a time
# (ipi_send_cpu), so there are no records to compare (the unit tests
# check the masks), but the verifier must take the program.
f='cpumask == CPUS{1} || cpumask & CPUS{0-1} || cpumask != CPUS{0}'
"$TPGEN" ipi/ipi_send_cpumask -o "$work/later" --name mask --filter "$f" \
	>"$work/mask.err" 2>&1 && make -s -C "$work/later" >"$work/mask.err" 2>&1
verify "a cpumask filter builds" test $? -eq 0
"$work/later/mask" -d 1 >/dev/null 2>"$work/mask.err"
verify "a cpumask filter loads" test $? -eq 0
echo 0 >"$inst/events/sched/sched_switch/filter"
echo 0 >"$inst/events/syscalls/sys_enter_openat/filter"

echo "filter: $pass checks passed, $fail failed"
[ "$fail" -eq 0 ]
