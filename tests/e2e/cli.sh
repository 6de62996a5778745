#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The tpgen command as a user runs it: exit statuses, help, list and dump
# over the fixture trees.  Run by `make check` with TPGEN and FIXTURES set.
set -u
: "${TPGEN:?}" "${FIXTURES:?}" "${TOP_SRCDIR:?}"
tree="$FIXTURES/tree"
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
pass=0 fail=0

# check NAME WANT-STATUS COMMAND...: runs it, keeps stdout and stderr.
check() {
	name=$1 want=$2
	shift 2
	"$@" >"$out" 2>"$err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name: exit $got, expected $want"
		sed 's/^/  stderr: /' "$err"
	fi
}

# expect NAME FILE TEXT: FILE contains TEXT.
expect() {
	if grep -qF -- "$3" "$2"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $1: no '$3' in:"
		sed 's/^/  | /' "$2"
	fi
}

# verify NAME COMMAND...: COMMAND succeeds.
verify() {
	name=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name: $*"
	fi
}

check help 0 "$TPGEN" --help
expect help "$out" "Examples:"
expect help "$out" "Exit status:"
expect help "$out" "an edited EVENT.bpf.c or EVENT.c is kept"
check help-command 0 "$TPGEN" help
expect help-command "$out" "Usage: tpgen"
check version 0 "$TPGEN" --version
expect version "$out" "tpgen "
expect version "$out" "malloc: "
# Linked with mimalloc (setup.sh installs it, so CI must have it; a
# sanitizer build goes without, as its own allocator is the point), every
# library's malloc has to resolve to it, libc's own calls included, or the
# link gains nothing.
if grep -q "^malloc: mimalloc" "$out"; then
	LD_DEBUG=bindings "$TPGEN" --version >/dev/null 2>"$err"
	verify "libc's malloc is mimalloc's" grep -q \
		"file [^ ]*/libc\.so\.6 .* to [^ ]*libmimalloc[^ ]* .* symbol \`malloc'" \
		"$err"
	verify "tpgen's malloc is mimalloc's" grep -q \
		"file [^ ]*tpgen .* to [^ ]*libmimalloc[^ ]* .* symbol \`malloc'" \
		"$err"
elif [ "${CI:-}" = true ] && ! ldd "$TPGEN" | grep -q libasan; then
	fail=$((fail + 1))
	echo "FAIL: tpgen is not linked with mimalloc in CI: $(cat "$out")"
fi
check no-command 2 "$TPGEN"
expect no-command "$err" "Usage: tpgen"
check unknown-command 2 "$TPGEN" frobnicate
expect unknown-command "$err" "unknown command 'frobnicate'"
check unknown-option 2 "$TPGEN" --frob list
expect unknown-option "$err" "unknown option '--frob'"
check missing-argument 2 "$TPGEN" list --tracefs
expect missing-argument "$err" "option '--tracefs' needs an argument"
check no-output 2 "$TPGEN" 'sched/*'
expect no-output "$err" "add '-o DIR'"
check json-on-list 2 "$TPGEN" --json list
check output-on-dump 2 "$TPGEN" dump -o x '*'
expect output-on-dump "$err" "-o does not apply to dump"
check dump-no-selector 2 "$TPGEN" --tracefs "$tree" dump
check relocatable-on-dump 2 "$TPGEN" dump --relocatable '*'
expect relocatable-on-dump "$err" "--relocatable does not apply to dump"

# caret NAME LINE MARK MESSAGE: the usage error MESSAGE, then the command
# line as a shell takes it and MARK under the word at fault.
caret() {
	printf 'tpgen: error: %s\n%s\n%s\nTry '"'"'tpgen --help'"'"'.\n' \
		"$4" "$2" "$3" >"$out"
	verify "$1" cmp "$out" "$err"
}
check caret-option 2 "$TPGEN" list --frob 'sched/*'
caret caret-option "tpgen list --frob 'sched/*'" "           ^~~~~~" \
	"unknown option '--frob'"
check caret-short 2 "$TPGEN" list -j
caret caret-short "tpgen list -j" "           ^~" \
	"--json does not apply to list"
check caret-value 2 "$TPGEN" --name 9x 'sched/*' -o "$out.d"
caret caret-value "tpgen --name 9x 'sched/*' -o $out.d" "             ^~" \
	"--name '9x' is not a C identifier"
check caret-quoted 2 "$TPGEN" 'my events'
caret caret-quoted "tpgen 'my events'" "       ^~~~~~~~~" \
	"unknown command 'my events' (to write code for events called so, add '-o DIR')"

check list 0 "$TPGEN" --tracefs "$tree" list
verify list-count [ "$(wc -l <"$out")" -eq 30 ]
verify list-sorted sort -c "$out"
expect list "$out" "xhci-hcd/xhci_dbg_address"
check list-glob 0 "$TPGEN" --tracefs "$tree" list 'names/*' xdp:xdp_exception
printf 'names/__internal_event\nnames/errno_new\nnames/glibc_macros\nnames/xdp_exception\nxdp/xdp_exception\n' >"$err"
verify list-glob cmp "$err" "$out"

check no-match 3 "$TPGEN" --tracefs "$tree" list xdp/xdp_exceptoin
expect no-match "$err" "did you mean 'xdp/xdp_exception'?"
check group-word 3 "$TPGEN" --tracefs "$tree" list xdp
expect group-word "$err" "'xdp' is a group: did you mean 'xdp/*'?"
check bpftrace-selector 0 "$TPGEN" --tracefs "$tree" list tracepoint:xdp:xdp_exception
verify bpftrace-selector [ "$(cat "$out")" = xdp/xdp_exception ]
check no-tree 4 "$TPGEN" --tracefs "$FIXTURES/none" list
expect no-tree "$err" "cannot read"

check dump 0 "$TPGEN" --tracefs "$tree" dump xdp/xdp_exception
expect dump "$out" "      12     4    u  scalar             u32 act"
check dump-json 0 "$TPGEN" --tracefs "$tree" dump --json '*'
expect dump-json "$out" '"name": "xdp_exception"'
# Warnings are printed but do not fail the run.
check dump-warnings 0 "$TPGEN" --tracefs "$tree" dump vendor/overlap
expect dump-warnings "$err" "warning: field 'low' (offset 8, size 4) overlaps"

# A broken event is reported, the good ones are still dumped, exit 1.
bad=$(mktemp -d)
mkdir -p "$bad/events/g/good" "$bad/events/g/bad"
cp "$tree/events/xdp/xdp_exception/format" "$bad/events/g/good/format"
cp "$FIXTURES/bad/several.format" "$bad/events/g/bad/format"
check dump-bad 1 "$TPGEN" --tracefs "$bad" dump 'g/*'
expect dump-bad "$err" "g/bad/format:2:5: error: unexpected identifier, expected number"
expect dump-bad "$out" "g/xdp_exception  id 584"
expect dump-bad "$err" "warning: the event calls itself 'xdp_exception' but its folder is 'good'"
rm -r "$bad"

check bad-short-option 2 "$TPGEN" -xj list
expect bad-short-option "$err" "unknown option '-x'"
check short-option-argument 2 "$TPGEN" list -o
expect short-option-argument "$err" "option '-o' needs an argument"
# -t is the loaders' --tid: tpgen's --tracefs has no short form, so that
# it is not taken for one.
check no-tracefs-short 2 "$TPGEN" -t "$tree" list
expect no-tracefs-short "$err" "unknown option '-t'"

# A loader's option given to run before '--': the error says where it
# goes, with the command to type.
check loader-option 2 "$TPGEN" --tracefs "$tree" run xdp/xdp_exception -c 2
expect loader-option "$err" "tpgen: error: unknown option '-c'"
expect loader-option "$err" "tpgen: note: loader options go after '--': tpgen --tracefs $tree run xdp/xdp_exception -- -c 2"
check loader-option-quoted 2 "$TPGEN" run -t 7 --count=3 'xdp/*' -- -v
expect loader-option-quoted "$err" "unknown option '-t'"
expect loader-option-quoted "$err" "-- -t 7 --count=3 -v"
expect loader-option-quoted "$err" "tpgen run 'xdp/*' --"
check loader-json 2 "$TPGEN" run xdp/xdp_exception -j
expect loader-json "$err" "tpgen: error: --json does not apply to run"
expect loader-json "$err" "tpgen run xdp/xdp_exception -- -j"
# Other commands take no loader options: no note.
check list-loader-option 2 "$TPGEN" list -c 2
verify list-loader-option [ "$(grep -c note "$err")" -eq 0 ]
# Every option of the loaders' template is known as one.
# shellcheck disable=SC2013 # two words a line, both wanted
for opt in $(sed -n 's/^	{ "\([a-z-]*\)", '"'"'\(.\)'"'"',.*/--\1 -\2/p' \
	"$TOP_SRCDIR/runtime/tpgen_loader.h"); do
	# tpgen's own option of that name comes first.
	[ "$opt" != --tracefs ] || continue
	check "loader option $opt" 2 "$TPGEN" run xdp/xdp_exception "$opt"
	expect "loader option $opt" "$err" "loader options go after '--'"
done
if [ -w /dev/full ]; then
	check list-full-disk 4 sh -c '"$0" --tracefs "$1" list >/dev/full' \
		"$TPGEN" "$tree"
	expect list-full-disk "$err" "standard output"
	check help-full-disk 4 sh -c '"$0" --help >/dev/full' "$TPGEN"
fi

# Copied trees: symbolic links are not followed and only regular files are
# read; a broken header_page is an input error; an empty tree says so.
odd=$(mktemp -d)
mkdir -p "$odd/events/g/linked" "$odd/events/g/fifo" "$odd/events/g/ok" \
	"$odd/empty/events"
cp "$tree/events/xdp/xdp_exception/format" "$odd/events/g/ok/format"
ln -s /etc/hostname "$odd/events/g/linked/format"
mkfifo "$odd/events/g/fifo/format"
check odd-files 0 "$TPGEN" --tracefs "$odd" list
expect odd-files "$err" "g/linked/format is a symbolic link; it is not followed"
expect odd-files "$err" "g/fifo/format is not a regular file; it is skipped"
verify odd-files-list [ "$(cat "$out")" = g/ok ]
printf '\tfield: u64 timestamp;\toffset:0;\tsize:8;\tsigned:0;\nbogus\n' \
	>"$odd/events/header_page"
check bad-header-page 1 "$TPGEN" --tracefs "$odd" list
expect bad-header-page "$err" "header_page:2:1: error: unexpected identifier"
check empty-tree 4 "$TPGEN" --tracefs "$odd/empty" list
expect empty-tree "$err" "no events in"

# Names an output folder needs for itself are refused.
mkdir -p "$odd/events/g/tpgen_record"
cp "$tree/events/xdp/xdp_exception/format" "$odd/events/g/tpgen_record/format"
sed -i 's/^name: .*/name: tpgen_record/' "$odd/events/g/tpgen_record/format"
rm -f "$odd/events/header_page"
check reserved-name 1 "$TPGEN" --tracefs "$odd" g/tpgen_record -o "$odd/out"
expect reserved-name "$err" "a name the output folder needs for itself"
verify reserved-name-nothing-written test ! -e "$odd/out/Makefile"
check name-clean 2 "$TPGEN" --tracefs "$tree" --name clean xdp/xdp_exception -o "$odd/out"
check name-not-identifier 2 "$TPGEN" --tracefs "$tree" --name 'a-b' xdp/xdp_exception -o "$odd/out"
expect name-not-identifier "$err" "is not a C identifier"
check empty-output 2 "$TPGEN" --tracefs "$tree" xdp/xdp_exception -o ''
check no-templates-dir 2 "$TPGEN" --tracefs "$tree" --templates /nonexistent xdp/xdp_exception -o "$odd/out"
check program-not-identifier 2 "$TPGEN" --tracefs "$tree" --program 'a-b' xdp/xdp_exception -o "$odd/out"
expect program-not-identifier "$err" "--program 'a-b' is not a C identifier"
check program-and-name 2 "$TPGEN" --tracefs "$tree" --program p --name n xdp/xdp_exception -o "$odd/out"
expect program-and-name "$err" "not both"
# (The fixture tree has xdp_exception in two groups: its files are
# named after both.)
check program-clash 1 "$TPGEN" --tracefs "$tree" --program xdp_xdp_exception xdp/xdp_exception -o "$odd/out"
expect program-clash "$err" "--program xdp_xdp_exception: xdp/xdp_exception's header has that name"
check program-reserved 2 "$TPGEN" --tracefs "$tree" --program clean xdp/xdp_exception -o "$odd/out"
expect program-reserved "$err" "a name the output folder needs for itself"
verify program-clash-nothing-written test ! -e "$odd/out/Makefile"
check two-default-filters 2 "$TPGEN" --tracefs "$tree" --filter 'act == 1' --filter 'act == 2' xdp/xdp_exception -o "$odd/out"
expect two-default-filters "$err" "two --filter before the selectors"
check run-nothing 2 "$TPGEN" run
expect run-nothing "$err" "run takes selectors"
rm -r "$odd"

# requires NAME WHAT COMMAND...: true when COMMAND says the checks of NAME
# can run here; otherwise they are skipped, or fail under CI=true.
requires() {
	name=$1 what=$2
	shift 2
	"$@" && return 0
	if [ "${CI:-}" = true ]; then
		fail=$((fail + 1))
		echo "FAIL: $name: needs $what, and CI=true"
	else
		echo "SKIP: $name: needs $what"
	fi
	return 1
}

# root_with TOOL: running as root, with TOOL and a mounted tracefs.
root_with() {
	[ "$(id -u)" -eq 0 ] && command -v "$1" >/dev/null &&
		grep -q ' tracefs ' /proc/mounts
}

# Without tracefs, the error says how to mount it (tracefs unmounted in a
# private mount namespace).
if requires no-tracefs "root, unshare and tracefs" root_with unshare; then
	# shellcheck disable=SC2016 # expanded by the inner shell
	check no-tracefs 4 unshare -m env TPGEN_CAPTURE= sh -c '
		for m in $(awk "\$3 == \"tracefs\" || \$3 == \"debugfs\" {print \$2}" /proc/mounts | sort -r); do
			umount -l "$m" || exit 99
		done
		exec "$0" list' "$TPGEN"
	expect no-tracefs "$err" "tpgen: error: tracefs is not mounted"
	expect no-tracefs "$err" "mount -t tracefs nodev /sys/kernel/tracing"
fi

# tracefs is root's: an ordinary user is told so.
if requires not-root "root, setpriv and tracefs" root_with setpriv; then
	check not-root 4 setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$TPGEN" list
	expect not-root "$err" "Permission denied"
	expect not-root "$err" "run tpgen as root"
fi

# run generates into its cache and builds there: scaffolds the user edited
# in the cache are kept, and built and run as edited; tpgen's own files
# there are replaced, edited or not.
if requires run-edited "root, clang and tracefs" root_with clang; then
	cache=$(mktemp -d)
	c="$cache/tpgen/sched_switch"
	check run-first 0 env XDG_CACHE_HOME="$cache" "$TPGEN" run \
		sched/sched_switch -- -c 1
	echo '/* my program */' >>"$c/sched_switch.bpf.c"
	printf '%s\n' '__attribute__((constructor)) static void mine(void)' \
		'{ fputs("my loader\n", stderr); }' >>"$c/sched_switch.c"
	cp "$c/sched_switch.bpf.c" "$c/sched_switch.c" "$cache/"
	echo '# mine' >>"$c/Makefile"
	check run-edited 0 env XDG_CACHE_HOME="$cache" "$TPGEN" run \
		sched/sched_switch -- -c 1
	for f in sched_switch.bpf.c sched_switch.c; do
		verify "run-edited $f intact" cmp "$cache/$f" "$c/$f"
		expect "run-edited $f named" "$err" "tpgen: warning: kept $c/$f: \
edited since tpgen wrote it (tpgen's version has not changed)"
	done
	expect run-edited-built-as-edited "$err" "my loader"
	verify "run-edited Makefile replaced" sh -c \
		"! grep -q mine '$c/Makefile'"
	rm -rf "$cache"
fi

# Events are parsed on several threads (TPGEN_THREADS; one a CPU by
# default); the output, the messages and their order, and the exit
# status must be those of one thread.  A tree of 300 good events (the
# fixture tree ten times) and 96 broken ones (every bad fixture four
# times), enough for 4 threads to share: with the broken ones, nothing
# is written and the messages are compared; without, the output too.
mt=$(mktemp -d)
for k in 1 2 3 4 5 6 7 8 9 10; do
	for g in "$tree"/events/*/; do
		g=${g%/}
		cp -r "$g" "$mt/c${k}_${g##*/}"
	done
done
for k in 1 2 3 4; do
	for f in "$FIXTURES"/bad/*.format; do
		e=${f##*/}
		mkdir -p "$mt/bad$k/${e%.format}"
		cp "$f" "$mt/bad$k/${e%.format}/format"
	done
done
set -f # the commands' '*' is tpgen's
for cmd in "header *" "dump --json *" "header c*/*" "c*/* -o OUT"; do
	for t in 1 4; do
		rm -rf "$mt.out$t"
		# shellcheck disable=SC2086 # the command's words
		TPGEN_THREADS=$t "$TPGEN" --tracefs "$mt" \
			$(echo "$cmd" | sed "s|OUT|$mt.out$t|") \
			> "$mt.stdout$t" 2> "$mt.stderr$t"
		echo $? > "$mt.rc$t"
		# The summary names the folder.
		sed -i "s|$mt.out$t|OUT|g" "$mt.stdout$t"
	done
	if cmp -s "$mt.stdout1" "$mt.stdout4" &&
	   cmp -s "$mt.stderr1" "$mt.stderr4" &&
	   cmp -s "$mt.rc1" "$mt.rc4" &&
	   { [ ! -d "$mt.out1" ] || diff -r "$mt.out1" "$mt.out4" > /dev/null; } &&
	   { [ -s "$mt.stdout1" ] || [ -d "$mt.out1" ] ||
	     [ "$(wc -l < "$mt.stderr1")" -gt 96 ]; }; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: threads: '$cmd' differs on 1 and 4 threads"
		diff "$mt.stderr1" "$mt.stderr4" | head -n 20
	fi
done
set +f
rm -rf "$mt" "$mt".*

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
