#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Prints the table of `make bench` from the figures bench.sh collected
# (results.txt: "key value" lines), with the targets and whether each is
# met.  Usage: table.sh RESULTS
set -eu
awk '
{ v[$1] = $2 }
function ms(s) { return s * 1000 }
function mib(k) { return k / 1024 }
function fnum(x) { return (x == "" || x == "nan") ? "-" : x }
function gen_row(label, tool, s,    e) {
	e = v["gen.x" s ".events"]
	printf "  %-34s %4sx %7d %10.1f %10.2f", label, s, e,
		ms(v["gen.x" s "." tool ".s"]), ms(v["gen.x" s "." tool ".s"]) * 1000 / e
	if (v["gen.x" s "." tool ".rss"] != "")
		printf " %9.1f", mib(v["gen.x" s "." tool ".rss"])
	else
		printf " %9s", "-"
	if (v["gen.x" s "." tool ".ir"] != "")
		printf " %14.0f %10.0f", v["gen.x" s "." tool ".ir"], v["gen.x" s "." tool ".ir"] / e
	printf "\n"
}
function added(c) { return v["load." c ".ns"] - v["load.none.ns"] }
function load_row(label, c) {
	if (c == "none") {
		printf "  %-38s %8.1f %9s %10s %9s %9s %12s\n", label,
			v["load.none.ns"], "-", "-", "-", "-", "-"
		return
	}
	# A tracer that rejects every event delivers none, and misses none.
	missing = c ~ /reject/ ? "-" : v["load.calls"] - v["load." c ".delivered"] - v["load." c ".lost"]
	printf "  %-38s %8.1f %9.1f %10s %9s %9s %12s\n", label, v["load." c ".ns"],
		added(c), v["load." c ".delivered"], v["load." c ".lost"], missing,
		v["load." c ".kns"] == "" ? "-" : sprintf("%.1f", v["load." c ".kns"])
}
function reloc_row(label, a, b) {
	printf "  %-44s %12.1f %12.1f %+7.1f%%\n", label, a, b, (b > 0 ? 100 * (a / b - 1) : 0)
}
function verdict(ok) { return ok ? "met" : "NOT met" }
function kx(c) { return v["load.bt-count.kns"] > 0 ? v["load." c ".kns"] / v["load.bt-count.kns"] : 0 }
function floor_row(label, c) {
	if (v["load." c ".kns"] == "")
		return
	printf "  %-58s %12.1f %9.2fx %9s\n", label, v["load." c ".kns"], kx(c),
		v["load." c ".klost_max"] == "" ? "-" : v["load." c ".klost_max"]
}
END {
	cpu = v["machine.cpu"]; gsub(/_/, " ", cpu)
	printf "tpgen make bench: %s, %d CPUs, Linux %s%s\n", cpu,
		v["machine.ncpu"], v["machine.kernel"],
		v["quick"] == 1 ? "  [BENCH_QUICK: a trial, not a result]" : ""
	printf "whole run: %d s\n\n", v["total.s"]

	printf "1. Generation: a capture of this machine'"'"'s tracefs, %d events, %d bytes of format files\n",
		v["gen.x1.events"], v["gen.x1.bytes"]
	printf "   (wall: median of hyperfine medians of rounds in which the commands take turns,\n"
	printf "   %s rounds at 1x; process start and exit included; instructions: callgrind,\n", v["gen.x1.rounds"]
	printf "   whole process; kx: k copies of every group; peak RSS: ru_maxrss)\n"
	printf "  %-34s %5s %7s %10s %10s %9s %14s %10s\n", "command", "scale",
		"events", "median ms", "us/event", "RSS MiB", "instructions", "Ir/event"
	ns = split(v["scales"], sc, ",")
	for (i = 1; i <= ns; i++) {
		s = sc[i]
		gen_row("tpgen header '"'"'*'"'"' -o FILE", "tpgen", s)
		gen_row("libtraceevent tep_parse_event", "tep", s)
		gen_row("floor: read every file", "floor", s)
		gen_row("floor: read, write header-size", "floorw", s)
	}
	printf "  %-34s %4sx %7d %10.1f %10.2f   (%d files written)\n",
		"tpgen '"'"'*'"'"' -o DIR (all output)", 1, v["gen.x1.events"],
		ms(v["gen.full.s"]), ms(v["gen.full.s"]) * 1000 / v["gen.x1.events"],
		v["gen.full.files"]
	printf "  header written: %d bytes at 1x (%.1f times the input)\n\n",
		v["gen.x1.hbytes"], v["gen.x1.hbytes"] / v["gen.x1.bytes"]

	printf "2. Loader: getppid() called %s times by a process timing itself (median of runs;\n", "1,000,000"
	printf "   tracers filter on its pid in the kernel; loader output to /dev/null; bpftrace\n"
	printf "   printf to a file; missing: neither delivered nor reported lost; in-kernel:\n"
	printf "   bpf_stats run_time_ns / run_cnt, separate runs)\n"
	printf "  %-38s %8s %9s %10s %9s %9s %12s\n", "tracer", "ns/call", "added ns",
		"delivered", "lost", "missing", "kernel ns/run"
	load_row("nothing attached", "none")
	load_row("tpgen loader -p PID (text)", "tpgen-text")
	load_row("  the same, exact layout (see 4.)", "exact-text")
	load_row("tpgen loader -p PID --fields", "tpgen-fields")
	load_row("tpgen loader -p PID --json", "tpgen-json")
	load_row("bpftrace printf(same fields) /pid/", "bt-printf")
	load_row("bpftrace count() /pid/", "bt-count")
	load_row("tpgen --filter, rejecting all", "tpgen-reject")
	load_row("bpftrace count() /pid == 1/", "bt-reject")
	printf "  %-38s %8.1f %9.1f %10s   (4 records a call)\n", "20 events: one program (--program)",
		v["load.twenty-program.ns"], v["load.twenty-program.ns"] - v["load.none.ns"], v["load.twenty-program.delivered"]
	printf "  %-38s %8.1f %9.1f %10s\n", "20 events: 20 loaders",
		v["load.twenty-loaders.ns"], v["load.twenty-loaders.ns"] - v["load.none.ns"], v["load.twenty-loaders.delivered"]
	printf "  in-kernel floors: the loader'"'"'s program cut down (tests/bench/floor.bpf.c), the same\n"
	printf "  loader reading; bpf_stats ns/run (median), against bpftrace count(), most lost in a run\n"
	floor_row("pid filter only (any program; bpf_stats included)", "floor-filter")
	floor_row("filter + clock read (bpf_ktime_get_ns)", "floor-clock")
	floor_row("filter + empty record through the ring buffer", "floor-ring")
	floor_row("filter + that record + clock read", "floor-ringclock")
	floor_row("tpgen'"'"'s program (+ pid, cpu, comm, the event'"'"'s 12 bytes)", "tpgen-text")
	floor_row("tpgen'"'"'s record in a per-CPU array, no ring buffer", "floor-percpu")
	floor_row("bpftrace count()", "bt-count")
	floor_row("tpgen --filter rejecting every event", "tpgen-reject")
	floor_row("bpftrace /pid == 1/ rejecting every event", "bt-reject")
	if (v["load.others"] > 0)
		printf "  WARNING: %d tracing BPF programs of others were loaded when this part began:\n  syscalls may have taken the traced path in every case, the baseline too\n", v["load.others"]
	printf "\n"

	printf "3. Building the output (make -C OUT: %d jobs, clang + bpftool + cc)\n", v["machine.ncpu"]
	printf "  %-60s %8.2f s\n", "1 event (syscalls/sys_enter_getppid)", v["build.1.s"]
	printf "  %-60s %8.2f s\n", "100 events (first 100 of tpgen list, ftrace/* left out)", v["build.100.s"]
	printf "  %-60s %8.2f s\n", "the same 100 events in one program (--program)", v["build.100p.s"]
	printf "\n"

	printf "4. Reading fields by name (portable programs), against the same programs made\n"
	printf "   back into the exact layout (tests/bench/exact.awk: the fixed part copied as it\n"
	printf "   is, no layout read at start: what tpgen generated before)\n"
	printf "  %-44s %12s %12s %8s\n", "", "by name", "exact", "change"
	reloc_row("getppid: added ns/call (text, from 2.)", added("tpgen-text"), added("exact-text"))
	reloc_row("getppid: kernel ns/run (separate runs)", v["load.tpgen-text.kns"], v["load.exact-text.kns"])
	reloc_row("sched_switch: kernel ns/run, attached first", v["reloc.switch.1.kns"], v["reloc.switch-exact.1.kns"])
	reloc_row("sched_switch: kernel ns/run, attached second", v["reloc.switch.2.kns"], v["reloc.switch-exact.2.kns"])
	printf "  %-44s %12s %12s %+7.1f%%\n", "sched_switch: both at once, " v["reloc.switch.rounds"] " rounds (geomean)",
		"", "", 100 * (v["reloc.switch.ratio"] - 1)
	reloc_row("loader start, sched_switch -d 0.001 (ms)", ms(v["reloc.start.s"]), ms(v["reloc.start.exact.s"]))
	printf "\n"

	printf "Targets\n"
	t = v["gen.x1.tpgen.s"]; f = v["gen.x1.floor.s"]; e = v["gen.x1.tep.s"]
	printf "  %-60s %-24s %s\n", "generation within 1.5x of the read floor (1x, wall)",
		sprintf("%.1fx the floor", t / f), verdict(t <= 1.5 * f)
	# 2.5x: what one parser path for every field line may cost (the
	# target was 3x before it; BENCHMARKS.md).
	printf "  %-60s %-24s %s\n", "generation at least 2.5x faster than libtraceevent (1x, wall)",
		sprintf("tep/tpgen %.2f", e / t), verdict(e >= 2.5 * t)
	ti = v["gen.x1.tpgen.ir"]; tei = v["gen.x1.tep.ir"]
	if (ti != "" && tei != "")
		printf "  %-60s %-24s %s\n", "  (the same in instructions, for reference)",
			sprintf("tep/tpgen %.2f", tei / ti), verdict(tei >= 2.5 * ti)
	# Linear growth keeps the cost per event flat from 1x to the
	# largest scale.
	big = sc[ns]
	if (big != 1 && v["gen.x" big ".events"] > 0) {
		split("tpgen tep floor", tl, " ")
		line = ""
		for (i = 1; i <= 3; i++)
		{
			per_big = v["gen.x" big "." tl[i] ".s"] / v["gen.x" big ".events"]
			per_one = v["gen.x1." tl[i] ".s"] / v["gen.x1.events"]
			line = line sprintf("%s %.2f  ", tl[i], per_big / per_one)
		}
		printf "  %-60s %s\n", "  (cost per event at " big "x / at 1x; linear is 1)", line
	}
	if (v["gen.x4.tpgen.ir"] != "" && v["gen.x4.tep.ir"] != "")
		printf "  %-60s %s\n", "  (instructions per event at 4x / at 1x; linear is 1)",
			sprintf("tpgen %.2f  tep %.2f", v["gen.x4.tpgen.ir"] / v["gen.x4.events"] / (v["gen.x1.tpgen.ir"] / v["gen.x1.events"]),
				v["gen.x4.tep.ir"] / v["gen.x4.events"] / (v["gen.x1.tep.ir"] / v["gen.x1.events"]))
	lost = 0; worst = 0; short = 0
	split("tpgen-text tpgen-fields tpgen-json", modes, " ")
	for (i = 1; i <= 3; i++) {
		if (v["load." modes[i] ".lost_max"] > lost) lost = v["load." modes[i] ".lost_max"]
		if (v["load.calls"] - v["load." modes[i] ".delivered_min"] > short)
			short = v["load.calls"] - v["load." modes[i] ".delivered_min"]
		if (added(modes[i]) > worst) worst = added(modes[i])
	}
	printf "  %-60s %-24s %s\n", "loader delivers every event (every mode, every run)",
		sprintf("%d lost, %d short", lost, short), verdict(lost == 0 && short == 0)
	bp = added("bt-printf")
	printf "  %-60s %-24s %s\n", "loader added cost 5x less than bpftrace printf (worst mode)",
		sprintf("%.1fx less", worst > 0 ? bp / worst : 0), verdict(worst > 0 && bp >= 5 * worst)
	k = v["load.tpgen-text.kns"]; kc = v["load.bt-count.kns"]
	printf "  %-60s %-24s %s\n", "in-kernel run time within 1.5x of bpftrace count()",
		sprintf("%.2fx count()", kc > 0 ? k / kc : 0), verdict(kc > 0 && k <= 1.5 * kc)
	if (v["load.floor-ring.kns"] != "") {
		printf "  %-60s %-24s\n", "  (floors: clock read alone; empty ring buffer record alone)",
			sprintf("%.2fx; %.2fx count()", kx("floor-clock"), kx("floor-ring"))
		printf "  %-60s %-24s\n", "  (the two together; tpgen'"'"'s record with no ring buffer)",
			sprintf("%.2fx; %.2fx count()", kx("floor-ringclock"), kx("floor-percpu"))
	}
	if (v["load.tpgen-text.runs_min"] != "") {
		printf "  %-60s %-24s\n", "  (fewest runs of the loader'"'"'s program in one pass)",
			v["load.tpgen-text.runs_min"] " of " v["load.calls"]
		if (v["load.tpgen-text.runs_min"] > v["load.calls"] * 1.01)
			printf "  %s\n", "  WARNING: other processes called getppid during the in-kernel pass; their runs, filtered out, are in the averages"
	}
	printf "  %-60s %-24s\n", "  (added cost per call, loader text vs bpftrace count())",
		sprintf("%.2fx", added("bt-count") > 0 ? added("tpgen-text") / added("bt-count") : 0)
	a = v["load.tpgen-reject.kns"]; b = v["load.bt-reject.kns"]
	printf "  %-60s %-24s %s\n", "filter rejecting all: kernel ns/run at most bpftrace /pid == 1/",
		sprintf("%.2fx bpftrace", b > 0 ? a / b : 0), verdict(b > 0 && a <= b)
	printf "  %-60s %-24s\n", "  (added ns/call: tpgen --filter; bpftrace /pid == 1/)",
		sprintf("%.1f; %.1f", added("tpgen-reject"), added("bt-reject"))
	a = added("tpgen-text"); b = added("exact-text")
	printf "  %-60s %-24s %s\n", "reading by name: added ns/call at most 10% more (getppid)",
		sprintf("%+.1f%%", b > 0 ? 100 * (a / b - 1) : 0), verdict(b > 0 && a <= 1.1 * b)
	a = v["load.tpgen-text.kns"]; b = v["load.exact-text.kns"]
	printf "  %-60s %-24s %s\n", "reading by name: kernel ns/run at most 10% more (getppid)",
		sprintf("%+.1f%%", b > 0 ? 100 * (a / b - 1) : 0), verdict(b > 0 && a <= 1.1 * b)
	a = v["reloc.switch.ratio"]
	printf "  %-60s %-24s %s\n", "reading by name: kernel ns/run at most 10% more (sched_switch)",
		sprintf("%+.1f%%", 100 * (a - 1)), verdict(a > 0 && a <= 1.1)
	a = v["build.100p.s"]
	printf "  %-60s %-24s %s\n", "a program of 100 events builds in at most 5 s",
		sprintf("%.2f s", a), verdict(a > 0 && a <= 5)
	a = ms(v["reloc.start.s"]) - ms(v["reloc.start.exact.s"])
	printf "  %-60s %-24s %s\n", "reading the layout adds at most 50 ms to the loader'"'"'s start",
		sprintf("%+.1f ms", a), verdict(a <= 50)
}' "$1"
