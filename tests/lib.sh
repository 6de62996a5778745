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
