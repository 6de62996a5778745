#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The kernel as the oracle: for live events across groups, the generated
# loaders run while a tracefs instance of our own records the same events;
# a workload causes them, and each line the kernel rendered must come out
# of the loaders identical.
#
# Records are matched by task, CPU and time (the instance uses the
# monotonic clock, like bpf_ktime_get_ns()), within the instance's window:
# the loaders run before and after it.  A kernel line whose record the
# loader has, rendered differently, fails the test: a line beside it that
# says what no kernel line of the task says, where the kernel's line says
# what no loader line of the task says.  A record no loader
# received at all is counted apart: the kernel skips BPF programs for a
# tracepoint hit while another BPF program runs on the same CPU (an
# interrupt during one), which is no matter of rendering; more than 5% of
# them fails the test too; events about the loaders themselves (their own
# wakeups, most of all) are left out for that reason.  Plain %p is the one documented difference (the
# kernel prints a hash of the address, loaders the address): 16-digit hex
# words are masked on both sides.  Syscall events are among them: the
# kernel renders those with a function of its own, not with their print
# fmt, and the loaders must too.  Events whose print fmt tpgen does not
# understand are left out (their loaders print field=value).  Needs root,
# tracefs and BPF.
set -u
: "${TPGEN:?}" "${TRIGGER:?}"

# shellcheck source=tests/e2e/lib.sh
. "${TOP_SRCDIR:?}/tests/e2e/lib.sh"
require_root_tracefs

# Events with symbolic values, flags, strings, arrays, hex, symbols and
# addresses, from many groups, and syscalls with arguments of several
# types.  Those this kernel lacks are skipped.
candidates="sched/sched_switch sched/sched_wakeup sched/sched_waking
sched/sched_wakeup_new sched/sched_process_fork sched/sched_process_exec
sched/sched_process_exit sched/sched_process_free sched/sched_process_wait
sched/sched_migrate_task irq/softirq_entry irq/softirq_exit irq/softirq_raise
irq/irq_handler_entry irq/irq_handler_exit timer/hrtimer_start
timer/hrtimer_cancel timer/hrtimer_expire_entry timer/hrtimer_expire_exit
timer/timer_start timer/timer_cancel timer/timer_expire_entry
timer/timer_expire_exit kmem/kmalloc kmem/kfree kmem/kmem_cache_alloc
kmem/kmem_cache_free kmem/mm_page_alloc kmem/mm_page_free
signal/signal_generate signal/signal_deliver task/task_newtask
task/task_rename workqueue/workqueue_queue_work
workqueue/workqueue_activate_work workqueue/workqueue_execute_start
workqueue/workqueue_execute_end net/net_dev_queue net/net_dev_xmit
net/netif_receive_skb net/netif_rx skb/kfree_skb skb/consume_skb
sock/inet_sock_set_state tcp/tcp_send_reset raw_syscalls/sys_enter
raw_syscalls/sys_exit block/block_rq_issue block/block_rq_complete
block/block_bio_queue writeback/writeback_dirty_inode_start
filemap/mm_filemap_add_to_page_cache ext4/ext4_sync_file_enter
mmap/vm_unmapped_area power/cpu_idle rcu/rcu_utilization
syscalls/sys_enter_openat syscalls/sys_exit_openat syscalls/sys_enter_close
syscalls/sys_exit_close syscalls/sys_enter_newfstatat
syscalls/sys_enter_rt_sigaction syscalls/sys_exit_rt_sigaction
syscalls/sys_enter_kill syscalls/sys_exit_kill syscalls/sys_enter_wait4
syscalls/sys_exit_wait4 syscalls/sys_enter_fsync syscalls/sys_enter_getppid
syscalls/sys_exit_getppid syscalls/sys_enter_exit_group"

work=$(mktemp -d)
inst=/sys/kernel/tracing/instances/tpgen-oracle-$$
cleanup() {
	for p in $(cat "$work/pids" 2>/dev/null); do
		kill "$p" 2>/dev/null
	done
	drop_instance "$inst"
	rm -rf "$work"
}
# An instance left enabled slows every traced syscall on the machine, so
# its events are turned off even when the folder cannot go yet.
drop_instance() {
	[ -d "$1" ] || return 0
	echo 0 >"$1/tracing_on" 2>/dev/null
	echo 0 >"$1/events/enable" 2>/dev/null
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		rmdir "$1" 2>/dev/null && return 0
		sleep 0.2
	done
	echo "oracle.sh: cannot remove $1" >&2
}
trap cleanup EXIT
# A run killed outright (SIGKILL) leaves its instance behind: drop those
# whose process is gone.
for old in /sys/kernel/tracing/instances/tpgen-oracle-*; do
	[ -d "$old" ] && ! kill -0 "${old##*-}" 2>/dev/null &&
		drop_instance "$old"
done

# pair LOADER KERNEL FROM TO: matches the kernel's lines of one event to
# the loader's, those between FROM and TO seconds (the window), and
# prints "IDENTICAL DIFFERENT UNDELIVERED", the first two different pairs
# to standard error.  For each kernel line, the loader lines of the same
# task and CPU within 100 us: one must say the same.
pair() {
	awk -v tol=0.0001 -v from="$3" -v to="$4" '
	# Loader lines by task, CPU and 100 us slice of time.
	function rest(line) {
		sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", line)
		return line
	}
	# The unused loader line of the same task and CPU nearest in time,
	# with the same text when want is set; 0 when none.
	function nearest(pid, cpu, t, text, want,    s, k, i, d, best, bd) {
		best = 0
		bd = tol + 1
		for (s = int(t * 10000) - 1; s <= int(t * 10000) + 1; s++) {
			k = pid " " cpu " " s
			for (i = 1; i <= n[k]; i++) {
				if (used[k, i])
					continue
				d = ts[k, i] - t
				if (d < 0)
					d = -d
				if (d > tol || d >= bd)
					continue
				if (want && tx[k, i] != text)
					continue
				bd = d
				best = k SUBSEP i
			}
		}
		return best
	}
	# Whether a line of the task within 10 to 20 ms says text: lines
	# of the same text, by task and 10 ms slice, are in said.
	function near(said, pid, text, t,    s) {
		s = int(t * 100)
		return (pid, text, s - 1) in said || (pid, text, s) in said ||
		       (pid, text, s + 1) in said
	}
	FNR == NR {
		if ($3 + 0 < from + 0 || $3 + 0 > to + 0)
			next
		lsaid[$1, rest($0), int($3 * 100)]
		k = $1 " " $2 " " int($3 * 10000)
		c = ++n[k]
		ts[k, c] = $3
		tx[k, c] = rest($0)
		next
	}
	{
		kp[FNR] = $1
		kc[FNR] = $2
		kt[FNR] = $3
		ktx[FNR] = rest($0)
		ksaid[$1, ktx[FNR], int($3 * 100)]
		total = FNR
	}
	END {
		# Identical pairs first, then what is left: a kernel line
		# with an unused loader line beside it was rendered
		# differently; one with none never reached BPF.  Unless each
		# of the two texts is said by the other side too, near: in a
		# run of like lines (bash reading its input a byte at a time:
		# read(0, buf, 1) over and over) a record that never reached
		# BPF and another the instance did not keep leave such a pair,
		# while a rendering that differs says what the other side
		# never does.
		for (i = 1; i <= total; i++) {
			m = nearest(kp[i], kc[i], kt[i], ktx[i], 1)
			if (m) {
				used[m] = 1
				done[i] = 1
				ok++
			}
		}
		for (i = 1; i <= total; i++) {
			if (done[i])
				continue
			m = nearest(kp[i], kc[i], kt[i], "", 0)
			if (m && near(lsaid, kp[i], ktx[i], kt[i]) &&
			    near(ksaid, kp[i], tx[m], kt[i]))
				m = 0
			if (m) {
				used[m] = 1
				bad++
				if (bad <= 2) {
					print "  kernel: " ktx[i] > "/dev/stderr"
					print "  loader: " tx[m] > "/dev/stderr"
				}
			} else {
				missed++
			}
		}
		print ok + 0, bad + 0, missed + 0
	}
	' "$1" "$2"
}

# The pairing itself, on lines made up for it: each kind of difference is
# caught, and the pairs that records lost on either side leave are not.
selftest() {
	printf '%s\n' "$2" >"$work/st-kernel"
	printf '%s\n' "$3" >"$work/st-loader"
	got=$(pair "$work/st-loader" "$work/st-kernel" 1 2 2>/dev/null)
	if [ "$got" != "$4" ]; then
		echo "FAIL: self-test: $1: got '$got', want '$4'"
		exit 1
	fi
}
selftest "identical lines" \
	"$(printf '7 0 1.000100 x=1\n7 0 1.000200 x=2')" \
	"$(printf '7 0 1.000102 x=1\n7 0 1.000203 x=2')" "2 0 0"
selftest "a value rendered differently" \
	"$(printf '7 0 1.000100 x=1\n7 0 1.000200 x=2')" \
	"$(printf '7 0 1.000102 x=1\n7 0 1.000203 x=3')" "1 1 0"
selftest "a value rendered as another the kernel prints" \
	"$(printf '7 0 1.000100 s=R\n7 0 1.000200 s=S')" \
	"$(printf '7 0 1.000102 s=S\n7 0 1.000203 s=S')" "1 1 0"
selftest "a record that never reached BPF" \
	"$(printf '7 0 1.000100 x=1\n7 0 1.000200 x=2')" \
	"$(printf '7 0 1.000203 x=2')" "1 0 1"
# Two like records, one never reached BPF, beside one the instance did
# not keep, whose text the kernel says a little later.
selftest "records lost on both sides in a run of like lines" \
	"$(printf '7 0 1.000100 read(0, a, 1)\n7 0 1.000120 read(0, a, 1)\n7 0 1.004000 read(0, b, 1)')" \
	"$(printf '7 0 1.000121 read(0, a, 1)\n7 0 1.000140 read(0, b, 1)\n7 0 1.004002 read(0, b, 1)')" \
	"2 0 1"
selftest "a loader line past the window" \
	"$(printf '7 0 1.999990 x=1')" \
	"$(printf '7 0 2.000040 y=1')" "0 0 1"

# Two rounds, each with its own loaders and instance: the syscall events,
# then the others.  All 64 loaders at once starved the kmem loaders of
# CPU time on two CPUs, and they lost records.
syscall_events='' other_events=''
for e in $candidates; do
	"$TPGEN" dump "$e" >"$work/dump" 2>/dev/null &&
		! grep -q 'not understood' "$work/dump" || continue
	case $e in
	syscalls/*) syscall_events="$syscall_events $e" ;;
	*) other_events="$other_events $e" ;;
	esac
done
# What the lines of event $1 start with after the time: "EVENT: ", but
# "sys_NAME(" and "sys_NAME -> " for syscalls (as an extended regex).
lead() {
	case $1 in
	syscalls/sys_enter_*) printf '%s\n' "sys_${1#syscalls/sys_enter_}\\(" ;;
	syscalls/sys_exit_*) printf '%s\n' "sys_${1#syscalls/sys_exit_} -> " ;;
	*) printf '%s\n' "${1#*/}: " ;;
	esac
}

# TASK-PID [CPU] SECONDS.MICROS: LEAD TEXT -> PID CPU SECONDS TEXT, the
# hashed or real addresses masked.
split_lines() {
	sed -nE "s/^ *.*-([0-9]+) +\[([0-9]+)\] +([0-9]+\.[0-9]+): $1(.*)\$/\1 \2 \3 \4/p" |
		sed -E 's/\b[0-9a-f]{16}\b/<address>/g'
}

# round EVENTS NAME: generates, builds and runs the loaders of EVENTS beside a
# tracefs instance of their own recording the same events under the
# workload, then compares what each side printed.
round() {
	inst=/sys/kernel/tracing/instances/tpgen-oracle-$$-$2
	rm -rf "$work/out"
	# shellcheck disable=SC2086 # one word per event
	"$TPGEN" $1 -o "$work/out" >/dev/null || exit 1
	make -s -C "$work/out" -j"$(nproc)" >"$work/build.log" 2>&1 ||
		{ cat "$work/build.log"; exit 1; }

	mkdir "$inst" || exit 1
	echo 0 >"$inst/tracing_on"
	echo 0 >"$inst/options/irq-info"
	echo mono >"$inst/trace_clock"
	# 64 MB a CPU: raw_syscalls alone writes some 200,000 records, and a
	# record the instance overwrites leaves its loader line unpaired, to be
	# taken for another record's different rendering.
	echo 65536 >"$inst/buffer_size_kb"
	for e in $1; do
		stem=${e#*/}
		echo 1 >"$inst/events/$e/enable"
		"$work/out/$stem" -b 16777216 >"$work/$stem.out" 2>"$work/$stem.err" &
		echo $! >>"$work/pids"
	done
	for e in $1; do
		i=0
		while ! grep -q '^Tracing' "$work/${e#*/}.err"; do
			i=$((i + 1))
			if [ $i -gt 300 ]; then
				echo "FAIL: $e did not attach:"
				cat "$work/${e#*/}.err"
				exit 1
			fi
			sleep 0.1
		done
	done

	# The workload: processes, signals, timers, files written and synced,
	# network traffic on loopback.
	echo 1 >"$inst/tracing_on"
	for i in 1 2 3; do
		/bin/true
		ls / >/dev/null
		sleep 0.05 &
		sleeper=$!
		"$TRIGGER" kill "$sleeper" 10
		wait "$sleeper" 2>/dev/null
		dd if=/dev/zero of="$work/data" bs=64k count=4 conv=fsync 2>/dev/null
		"$TRIGGER" udp 127.0.0.1 9
		bash -c 'exec 3<>/dev/tcp/127.0.0.1/9' 2>/dev/null
	done
	sleep 0.5
	echo 0 >"$inst/tracing_on"
	sleep 0.5
	for p in $(cat "$work/pids"); do
		kill -INT "$p"
	done
	for p in $(cat "$work/pids"); do
		wait "$p"
	done
	# Events about the loaders themselves (their wakeups come from interrupts
	# raised while their BPF programs run, which the kernel keeps from BPF)
	# say more about observing than about rendering: they are left out.
	observers=$(tr '\n' '|' <"$work/pids" | sed 's/|$//')
	: >"$work/pids"

	# The instance's window, from its first record to its last.  The loaders
	# run before and after it, and what they print then has no kernel line:
	# the shell that turns tracing off goes on some 50 us after the instance's
	# last record, and such a line was once taken for the different rendering
	# of a record of the shell that never reached BPF.
	window=$(sed -nE 's/^ *.*-[0-9]+ +\[[0-9]+\] +([0-9]+\.[0-9]+): .*/\1/p' \
		"$inst/trace" | awk 'NR == 1 || $1 + 0 < lo + 0 { lo = $1 }
		NR == 1 || $1 + 0 > hi + 0 { hi = $1 }
		END { print lo, hi }')
	from=${window% *} to=${window#* }

	for e in $1; do
		name=${e#*/}
		lead=$(lead "$e")
		# The loaders' own syscalls are left out like their wakeups.
		grep -E ": $lead" "$inst/trace" | split_lines "$lead" |
			grep -vE -e "pid=($observers)( |\$)" -e "^($observers) " \
			>"$work/kernel"
		split_lines "$lead" <"$work/$name.out" |
			grep -vE -e "pid=($observers)( |\$)" -e "^($observers) " \
			>"$work/loader"
		n=$(wc -l <"$work/kernel")
		if ! grep -q '^[0-9]* events\?, 0 lost$' "$work/$name.err"; then
			echo "FAIL: $e: the loader lost records:"
			tail -1 "$work/$name.err"
			differ=$((differ + 1))
			continue
		fi
		[ "$n" -eq 0 ] && continue
		pair "$work/loader" "$work/kernel" "$from" "$to" \
			>"$work/counts" 2>"$work/diffs"
		read -r ok bad missed <"$work/counts"
		checked=$((checked + 1))
		lines=$((lines + n))
		missed_all=$((missed_all + missed))
		if [ "$bad" -ne 0 ]; then
			differ=$((differ + 1))
			echo "FAIL: $e: $bad of $n lines rendered differently, e.g.:"
			cat "$work/diffs"
			# Records the instance lost, which can pair lines wrongly.
			grep -h -e '^overrun' -e '^dropped' \
				"$inst"/per_cpu/cpu*/stats 2>/dev/null | sed 's/^/  kernel /'
		fi
		echo "  $e: $ok identical, $bad different, $missed not delivered to BPF"
	done
	drop_instance "$inst"
}

checked=0 lines=0 differ=0 missed_all=0
round "$other_events" others
round "$syscall_events" syscalls
echo "oracle: $checked events with kernel lines, $lines lines, $differ events" \
	"rendered differently, $missed_all records not delivered to BPF"
if [ "$checked" -lt 30 ]; then
	echo "FAIL: fewer than 30 events had lines to compare"
	differ=$((differ + 1))
fi
if [ $((missed_all * 20)) -gt "$lines" ]; then
	echo "FAIL: more than 5% of the records never reached BPF"
	differ=$((differ + 1))
fi
[ "$differ" -eq 0 ] && echo "oracle: 1 passed, 0 failed" ||
	echo "oracle: 0 passed, 1 failed"
[ "$differ" -eq 0 ]
