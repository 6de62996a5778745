#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Makes a fresh Debian 12 machine ready to build and test tpgen, then builds
# it: installs the missing packages (as root, with apt-get), mounts tracefs
# if it is not mounted, configures and runs make.  Safe to run again: it
# only does what is not done yet.
#
# Environment: CONFIGURE_FLAGS adds flags to ./configure; CI=true builds
# with --enable-werror.
set -eu
cd "$(dirname "$0")"

# Build tools and libraries.  libtraceevent is the reference the tests
# compare against; clang, llvm, libbpf and bpftool build BPF programs;
# cmake, meson and ninja build the examples in make installcheck; valgrind
# checks tpgen for leaks and memory errors; GNU time measures peak memory;
# bpftrace and hyperfine are what `make bench` measures against and with.
# libxxhash digests the files tpgen writes and the print fmts loaders
# compare.  QEMU, busybox and cpio boot other kernels with the loaders
# (make kernels).
packages="autoconf automake libtool make gcc g++ pkg-config flex bison check
libjson-c-dev libarchive-dev libmimalloc-dev libtraceevent-dev libbpf-dev bpftool clang llvm
linux-libc-dev iproute2 util-linux cmake meson ninja-build valgrind time
bpftrace hyperfine libxxhash-dev qemu-system-x86 busybox-static cpio"

missing=
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "setup.sh: missing packages:$missing" >&2
		echo "setup.sh: run as root to install them" >&2
		exit 1
	fi
	echo "setup.sh: installing$missing"
	apt-get update -q
	# shellcheck disable=SC2086 # one word per package
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $missing
fi

# tpgen reads the live events from tracefs.
if [ "$(id -u)" -eq 0 ] && ! grep -q ' tracefs ' /proc/mounts; then
	mount -t tracefs nodev /sys/kernel/tracing ||
		echo "setup.sh: warning: could not mount tracefs" >&2
fi

flags=${CONFIGURE_FLAGS:-}
if [ "${CI:-}" = true ]; then
	flags="--enable-werror $flags"
fi
[ -x configure ] || autoreconf -fi
# shellcheck disable=SC2086 # flags are words
[ -f Makefile ] || ./configure $flags
make -j"$(nproc)"
