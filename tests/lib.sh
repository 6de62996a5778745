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
