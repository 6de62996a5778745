#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Loaders built here run right on other kernels.  Debian's 6.1 kernel and
# its PREEMPT_RT flavour boot under QEMU (software emulation) with the
# loaders built from this machine's tracefs, busybox and the libraries
# the loaders need.  There the loaders trace while the guest kernel
# records the same events in its trace buffer, once with the kernel's BTF
# and once with it hidden, and every record a loader printed must be one
# the kernel printed, field by field for the fields both kernels have:
# sched_process_fork's comms are char[16] on 6.1 and __data_loc here, and
# on RT every field is 4 bytes further on.  One more sched_switch loader
# is built for pids unsigned: the guest's are signed, so its program keeps
# them whole in its records, and it prints fields, saying why.  The three
# events also run as one program (--program), with filters on fields that
# moved.  Kernels come from apt-get
# download, kept in $KERNEL_CACHE (default /var/cache/tpgen-kernels).
# Needs root, tracefs, qemu-system-x86, busybox-static and cpio.
set -u
: "${TPGEN:?}"

# shellcheck source=tests/e2e/lib.sh
. "${TOP_SRCDIR:?}/tests/e2e/lib.sh"
require_root_tracefs
for tool in qemu-system-x86_64 busybox cpio; do
	if ! command -v "$tool" >/dev/null; then
		[ "${CI:-}" = true ] && { echo "FAIL: $tool is missing"; exit 1; }
		echo "SKIP: $tool is missing"
		exit 77
	fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0 differs=0
cache=${KERNEL_CACHE:-/var/cache/tpgen-kernels}
mkdir -p "$cache"
events="sched/sched_process_fork sched/sched_process_exec sched/sched_switch"
tracefs=$(awk '$3 == "tracefs" { print $2; exit }' /proc/mounts)

# kernel PACKAGE: the path of PACKAGE's vmlinuz, downloaded once.
kernel() {
	if ! ls "$cache/$1"/boot/vmlinuz-* >/dev/null 2>&1; then
		(cd "$work" && { apt-get download -q "$1" ||
			{ apt-get update -q && apt-get download -q "$1"; }; }) \
			>"$work/download.log" 2>&1 || return 1
		rm -rf "${cache:?}/$1"
		dpkg-deb -x "$work/$1"_*.deb "$cache/$1" || return 1
		# The kernel is all the guest needs: no modules.
		rm -rf "$work/$1"_*.deb "${cache:?}/$1/lib" "${cache:?}/$1/usr"
	fi
	ls "$cache/$1"/boot/vmlinuz-*
}

# The newest Debian 12 kernel ABI of 6.1 that has an RT flavour.
abi=$(apt-cache search --names-only \
	'^linux-image-6\.1\.0-[0-9]+-rt-amd64-unsigned$' 2>/dev/null |
	sed -E 's/^linux-image-(6\.1\.0-[0-9]+)-rt.*/\1/' | sort -V | tail -1)
[ -n "$abi" ] || abi=$(apt-get update -q >/dev/null 2>&1;
	apt-cache search --names-only \
		'^linux-image-6\.1\.0-[0-9]+-rt-amd64-unsigned$' |
		sed -E 's/^linux-image-(6\.1\.0-[0-9]+)-rt.*/\1/' |
		sort -V | tail -1)
verify "a Debian 6.1 kernel to download" [ -n "$abi" ]

# The loaders, built here from the live tracefs.
# shellcheck disable=SC2086 # one word per event
verify "generates" "$TPGEN" $events -o "$work/out"
# sched_switch as a kernel with unsigned pids would lay it out.
mkdir -p "$work/unsigned/sched/sched_switch"
sed -E '/field:pid_t /s/signed:1;/signed:0;/' \
	"$tracefs/events/sched/sched_switch/format" \
	>"$work/unsigned/sched/sched_switch/format"
verify "unsigned pids generate" "$TPGEN" --tracefs "$work/unsigned" \
	--name sched_switch_unsigned sched/sched_switch -o "$work/out"
verify "builds" make -s -C "$work/out" -j2
# The three events in one program, two of them filtered on fields that
# move on 6.1, the third on the guest's CPU (it has one) and on where a
# value is, which its loader looks up in the guest's symbols (filters
# that keep every record: the kernel's trace, unfiltered, must have each
# line).
verify "the program generates" "$TPGEN" sched/sched_process_fork \
	--filter 'child_pid > 0 && child_comm ~ "?*"' \
	sched/sched_process_exec --filter 'filename ~ "/*" && pid > 0' \
	sched/sched_switch \
	--filter 'CPU & CPUS{0} && prev_state.function != schedule ' \
	-o "$work/prog" --program sched3
verify "the program builds" make -s -C "$work/prog"

# The guest's files: busybox, the loaders, the libraries they need.
root=$work/root
mkdir -p "$root/bin" "$root/t"
cp "$(command -v busybox)" "$root/bin/busybox"
for a in sh mount mkdir cat echo sleep kill grep true uname poweroff; do
	ln -s busybox "$root/bin/$a"
done
for e in $events sched_switch_unsigned; do
	cp "$work/out/${e#*/}" "$root/t/"
done
cp "$work/prog/sched3" "$root/t/"
# What ldd names of busybox (none when static) and of the loaders.
for bin in "$root/bin/busybox" "$root"/t/*; do
	ldd "$bin" 2>/dev/null | grep -o '/[^ ]*' |
		while read -r lib; do
			mkdir -p "$root${lib%/*}"
			cp -L "$lib" "$root$lib"
		done
done
cat >"$root/init" <<'EOF'
#!/bin/sh
mkdir -p /proc /sys /dev
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs dev /dev
mount -t tracefs nodev /sys/kernel/tracing
mkdir -p /out
T=/sys/kernel/tracing
LOADERS="sched_process_fork sched_process_exec sched_switch sched_switch_unsigned
sched3"
echo mono >$T/trace_clock
echo "=== kernel $(uname -r)"
# round NAME: the loaders and the kernel's trace buffer on the same events.
round() {
	echo 0 >$T/tracing_on
	echo >$T/trace
	for e in sched_process_fork sched_process_exec sched_switch; do
		echo 1 >$T/events/sched/$e/enable
	done
	for e in $LOADERS; do
		# Fields, which the unsigned one prints unasked, saying why.
		f=--fields
		[ $e = sched_switch_unsigned ] && f=
		/t/$e $f >/out/$1-$e.txt 2>/out/$1-$e.err &
		echo $! >>/out/pids
	done
	for e in $LOADERS; do
		i=0
		while ! grep -q '^Tracing' /out/$1-$e.err && [ $i -lt 600 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	done
	echo 1 >$T/tracing_on
	for i in 1 2 3 4 5; do
		/bin/true
		sh -c 'sleep 0.05'
	done
	sleep 1
	echo 0 >$T/tracing_on
	for p in $(cat /out/pids); do
		kill -INT $p
	done
	wait
	rm /out/pids
	for e in sched_process_fork sched_process_exec sched_switch; do
		echo 0 >$T/events/sched/$e/enable
	done
	for e in $LOADERS; do
		echo "=== $1 $e loader"
		cat /out/$1-$e.txt
		echo "=== $1 $e errors"
		cat /out/$1-$e.err
	done
	echo "=== $1 trace"
	cat $T/trace
}
for e in sched_process_fork sched_process_exec sched_switch; do
	echo "=== $e format"
	cat $T/events/sched/$e/format
done
[ -s /sys/kernel/btf/vmlinux ] && echo "=== has BTF"
round btf
mount -o bind /dev/null /sys/kernel/btf/vmlinux
[ -s /sys/kernel/btf/vmlinux ] || echo "=== BTF hidden"
round nobtf
echo "=== end"
poweroff -f
EOF
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc 2>/dev/null | gzip -1) >"$work/initrd.gz"

# boot VMLINUZ OUT: the guest's console into OUT.
boot() {
	timeout 600 qemu-system-x86_64 -accel tcg -cpu max -m 512 -nographic \
		-no-reboot -kernel "$1" -initrd "$work/initrd.gz" \
		-append 'console=ttyS0 rdinit=/init quiet loglevel=0' \
		</dev/null >"$2" 2>&1
	tr -d '\r' <"$2" >"$2.txt"
}

# section OUT NAME: the lines of the console between "=== NAME" and the
# next "===".
section() {
	awk -v name="=== $2" '$0 == name { on = 1; next }
		/^=== / { on = 0 } on' "$1"
}

# check OUT ROUND EVENT [LOADER]: each line the loader of EVENT (or
# LOADER) printed says, field by field (named as in the kernel's print
# fmt), what one kernel line says.
check() {
	section "$1" "$2 ${4:-$3} loader" | grep -E ": (sched/)?$3: " \
		>"$work/loader"
	section "$1" "$2 trace" | grep ": $3: " >"$work/kernel"
	awk -v ev="$3" '
	function when(line) {
		match(line, /[0-9]+\.[0-9]+: /)
		return substr(line, RSTART, RLENGTH - 2) + 0
	}
	# The event'"'"'s values from a line, by the names the kernel uses.
	function values(line, fields,    n, i, w, k, v, out) {
		sub(/^.*: (sched\/)?[a-z_]+: /, "", line)
		n = split(line, w, " ")
		out = ""
		for (i = 1; i <= n; i++) {
			# Words that are no name=value ("==>").
			if (index(w[i], "=") < 2)
				continue
			k = w[i]
			sub(/=.*/, "", k)
			v = substr(w[i], length(k) + 2)
			if (fields && k == "parent_comm") k = "comm"
			if (fields && k == "parent_pid") k = "pid"
			# Printed as letters by the kernel, as a number by
			# the loaders in fields.
			if (k == "prev_state")
				continue
			out = out " " k "=" v
		}
		return out
	}
	FNR == NR {
		have[values($0, 0)]++
		t = when($0)
		if (!total++ || t < lo)
			lo = t
		if (t > hi)
			hi = t
		next
	}
	# What the loader printed while the kernel recorded.
	when($0) < lo || when($0) > hi { next }
	{
		v = values($0, 1)
		if (have[v]-- > 0)
			same++
		else if (bad++ < 3)
			print "  loader: " v
	}
	END {
		printf "  %s: %d kernel lines, %d loader lines the same, %d not\n",
		       ev, total, same, bad
		exit !(bad == 0 && same >= 3 && same * 10 >= total * 9)
	}' "$work/kernel" "$work/loader" >"$work/cmp" 2>&1
	st=$?
	sed "s/^/  $2 ${4:+$4 }/" "$work/cmp"
	if [ $st -eq 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $2: ${4:-$3}"
		section "$1" "$2 ${4:-$3} errors" | head -5 | sed 's/^/  | /'
	fi
}

for flavour in amd64 rt-amd64; do
	vmlinuz=$(kernel "linux-image-$abi-$flavour-unsigned")
	verify "$abi-$flavour downloaded" [ -n "$vmlinuz" ]
	[ -n "$vmlinuz" ] || continue
	out=$work/console-$flavour
	boot "$vmlinuz" "$out"
	verify "$abi-$flavour booted" grep -q "^=== end" "$out.txt"
	verify "$abi-$flavour ran" grep -q "=== kernel $abi-$flavour\$" "$out.txt"
	verify "$abi-$flavour has BTF" grep -q "^=== has BTF" "$out.txt"
	verify "$abi-$flavour: BTF hidden" grep -q "^=== BTF hidden" "$out.txt"
	# The layouts the loaders were not built for.
	for e in $events; do
		section "$out.txt" "${e#*/} format" | grep 'field:' \
			>"$work/guest-format"
		grep 'field:' "$tracefs/events/$e/format" >"$work/host-format"
		if cmp -s "$work/guest-format" "$work/host-format"; then
			echo "  $abi-$flavour: $e: the same layout as here"
		else
			echo "  $abi-$flavour: $e: another layout than here"
			differs=$((differs + 1))
		fi
	done
	for round in btf nobtf; do
		for e in $events; do
			check "$out.txt" "$round" "${e#*/}"
		done
		check "$out.txt" "$round" sched_switch sched_switch_unsigned
		# The program of the three, each event's records apart.
		for e in $events; do
			check "$out.txt" "$round" "${e#*/}" sched3
		done
		section "$out.txt" "$round sched_switch_unsigned errors" \
			>"$work/unsigned-$round.err"
		verify "$abi-$flavour $round: pids kept whole" grep -q \
			'has prev_pid in the other sign: printing its fields' \
			"$work/unsigned-$round.err"
	done
	# The guest's format files, as a capture: tpgen compare and the
	# loaders' check-kernel must say what the loaders just did there.
	cap=$work/cap-$flavour
	for e in $events; do
		mkdir -p "$cap/events/$e"
		section "$out.txt" "${e#*/} format" >"$cap/events/$e/format"
	done
	printf '{ "kernel_release": "%s", "machine": "x86_64" }\n' \
		"$abi-$flavour" >"$cap/manifest.json"
	# shellcheck disable=SC2086 # one word per event
	"$TPGEN" compare "$cap" $events >"$work/compare" 2>&1
	verify "$abi-$flavour: compare, exit 0" [ $? -eq 0 ]
	verify "$abi-$flavour: compare: no loader refused" \
		grep -q '^3 events: .* 0 refused, 0 gone$' "$work/compare"
	verify "$abi-$flavour: compare: fork followed (char[16] comms)" \
		grep -qx 'sched/sched_process_fork: followed' "$work/compare"
	verify "$abi-$flavour: compare: names the kernel" \
		grep -q "^Loaded on:  Linux $abi-$flavour (x86_64)" \
		"$work/compare"
	sed "s/^/  | /" "$work/compare"
	verify "$abi-$flavour: check-kernel" make -s -C "$work/out" \
		check-kernel TRACEFS="$cap"
done

verify "events laid out otherwise than here" [ "$differs" -ge 4 ]
echo "kernels: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
