# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
# Sourced by the shell tests.

# require_root_tracefs: returns when running as root with tracefs mounted;
# otherwise exits 77 (skip), or 1 under CI=true, where nothing may skip.
require_root_tracefs() {
	if [ "$(id -u)" -eq 0 ] && grep -q ' tracefs ' /proc/mounts; then
		return 0
	fi
	if [ "${CI:-}" = true ]; then
		echo "FAIL: needs root and a mounted tracefs, and CI=true"
		exit 1
	fi
	echo "SKIP: needs root and a mounted tracefs"
	exit 77
}

# The shell tests count checks in $pass and $fail and keep their files in
# $work.
#
# verify NAME COMMAND...: a pass when COMMAND succeeds, else a failure
# shown with COMMAND's output.  The output is left in $work/log; that of a
# command other than a check (grep, test, cmp, diff) is also kept in
# $work/last for the checks that follow it.
verify() {
	_what=$1
	shift
	if "$@" >"$work/log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $_what: $*"
		sed 's/^/  | /' "$work/log" | head -30
	fi
	case $1 in
	grep | test | \[ | cmp | diff) ;;
	*) cp "$work/log" "$work/last" ;;
	esac
}

# refute NAME COMMAND...: a pass when COMMAND fails.
refute() {
	_what=$1
	shift
	if "$@" >"$work/log" 2>&1; then
		fail=$((fail + 1))
		echo "FAIL: $_what: succeeded: $*"
	else
		pass=$((pass + 1))
	fi
}

# start_loader NAME OUT COMMAND...: runs a loader in the background, its
# standard output to OUT and its errors to $work/NAME.err, sets
# $loader_pid, and waits (up to 30 s) until it says it is attached.  A
# loader that exits or never attaches is a failure, shown with its errors.
start_loader() {
	_name=$1 _dest=$2
	shift 2
	"$@" >"$_dest" 2>"$work/$_name.err" &
	loader_pid=$!
	_i=0
	while ! grep -qs '^Tracing' "$work/$_name.err"; do
		_i=$((_i + 1))
		if [ $_i -gt 300 ] || ! kill -0 "$loader_pid" 2>/dev/null; then
			fail=$((fail + 1))
			echo "FAIL: $_name: the loader did not attach"
			sed 's/^/  | /' "$work/$_name.err"
			return 1
		fi
		sleep 0.1
	done
}

# own_instance NAME [OTHER]: makes $work, and $inst, a tracefs instance of
# the test's own (instances/tpgen-NAME-PID), and with OTHER a second one,
# $inst_other (instances/tpgen-NAME-OTHER-PID), which go at exit, with the
# loader still running; instances that killed runs left behind go first.
own_instance() {
	work=$(mktemp -d)
	inst=/sys/kernel/tracing/instances/tpgen-$1-$$
	inst_other=${2:+/sys/kernel/tracing/instances/tpgen-$1-$2-$$}
	for _old in /sys/kernel/tracing/instances/tpgen-"$1"-*; do
		[ -d "$_old" ] && ! kill -0 "${_old##*-}" 2>/dev/null &&
			rmdir "$_old"
	done
	trap drop_own_instance EXIT
	mkdir "$inst" ${inst_other:+"$inst_other"}
}

drop_own_instance() {
	[ -n "${loader_pid:-}" ] && kill "$loader_pid" 2>/dev/null
	for _i in "$inst" ${inst_other:+"$inst_other"}; do
		[ -d "$_i" ] || continue
		echo 0 >"$_i/events/enable" 2>/dev/null
		rmdir "$_i" 2>/dev/null
	done
	rm -rf "$work"
}

# overruns INSTANCE: the records its buffer overwrote since it was last
# cleared, on all CPUs: the kernel's side of a comparison must have none.
overruns() {
	cat "$1"/per_cpu/cpu*/stats | awk '/^overrun:/ { n += $2 }
		END { print n + 0 }'
}
