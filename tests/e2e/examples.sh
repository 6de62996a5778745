#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds every example in examples/ against an installed tpgen, the way a
# user would, so that they cannot rot: plain make, autotools, CMake and
# Meson.  Each builds the user-space reader and the xdp/xdp_exception
# loader from the capture shipped with tpgen; both must run.  Then a
# user's own program and loader, relocated by tpgen_reloc.h, must print
# what the kernel's sched_switch holds.
# Usage: examples.sh BINDIR DATADIR EXAMPLES-DIR  (make installcheck)
set -u
bindir=$1 datadir=$2 examples=$(cd "$3" && pwd)
tests=$(cd "$(dirname "$0")" && pwd)
PATH="$bindir:$PATH"
PKG_CONFIG_PATH="$datadir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
CMAKE_PREFIX_PATH="$datadir/cmake"
export PATH PKG_CONFIG_PATH CMAKE_PREFIX_PATH
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0

# step NAME COMMAND...: runs COMMAND, showing its output when it fails.
step() {
	name=$1
	shift
	if "$@" >"$work/log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name: $*"
		tail -30 "$work/log" | sed 's/^/  | /'
	fi
}

# runs NAME DIR: the two programs DIR built run.
runs() {
	step "$1 reader" sh -c '"$1" >"$2"' sh "$2/reader" "$work/reader.out"
	step "$1 reader output" grep -q 'act at 12, ifindex at 16, 20 bytes' \
		"$work/reader.out"
	step "$1 loader" "$2/xdp_exception" --help
}

# Each example from a copy, as if it were the user's own project.
cp -r "$examples" "$work/src"

step "tpgen installed" test -x "$bindir/tpgen"
step "pkg-config" pkg-config --exists tpgen

step "make" make -C "$work/src/make"
runs make "$work/src/make"

step "autoreconf" sh -c "cd '$work/src/autotools' && autoreconf -fi -I '$datadir/aclocal'"
mkdir "$work/autotools-build"
step "configure" sh -c "cd '$work/autotools-build' && '$work/src/autotools/configure'"
step "autotools make" make -C "$work/autotools-build"
runs autotools "$work/autotools-build"

step "cmake" cmake -S "$work/src/cmake" -B "$work/cmake-build"
step "cmake build" cmake --build "$work/cmake-build"
runs cmake "$work/cmake-build"

step "meson" meson setup "$work/meson-build" "$work/src/meson"
step "ninja" ninja -C "$work/meson-build"
runs meson "$work/meson-build"

# Your own program and loader, reading by name: built from the shipped
# capture, and run here as root.
step "relocatable make" make -C "$work/src/relocatable"
if [ "$(id -u)" -ne 0 ] && [ "${CI:-}" != true ]; then
	echo "examples: not root, so the relocatable example is not run"
else
	grep -qs ' tracefs ' /proc/mounts ||
		mount -t tracefs nodev /sys/kernel/tracing
	step "relocatable runs" sh -c '"$1" 20 >"$2"' sh \
		"$work/src/relocatable/switch" "$work/switch.out"
	step "relocatable output" awk -v want=20 -f "$tests/switch.awk" \
		"$work/switch.out"
fi

echo "examples: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
