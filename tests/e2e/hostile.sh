#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile input (see also test_print.c's deep_nesting and capture.sh's
# archive members): trees and files that are broken, malicious or absurd.
# Each gets a clear error (located where it comes from a file) or is
# skipped with a warning; nothing is written outside -o; tpgen never hangs,
# crashes or half-writes; a bad event does not stop the good ones.  The
# unreadable-file case needs root (to drop to nobody) and is skipped
# without it, except under CI=true.
set -u
: "${TPGEN:?}" "${FIXTURES:?}" "${TOP_SRCDIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
# shellcheck source=tests/e2e/lib.sh
. "$TOP_SRCDIR/tests/e2e/lib.sh"

good="$FIXTURES/tree/events/xdp/xdp_exception/format"

# status WANT COMMAND...: COMMAND exits with WANT (within 20 s) and its
# stderr is left in $work/err.
status() {
	want=$1
	shift
	timeout 20 "$@" >/dev/null 2>"$work/err"
	[ $? -eq "$want" ]
}

# event DIR NAME: a copy of the good event in DIR, calling itself NAME.
event() {
	mkdir -p "$1"
	sed "s|^name: .*|name: $2|" "$good" >"$1/format"
}

# Nothing outside the output folder: the work folder holds only what the
# checks put there.
outside_untouched() {
	[ -z "$(find "$work" -newer "$work/stamp" ! -path "$work/out*" \
		! -path "$work/err" ! -path "$work/log" ! -path "$work/last" \
		! -path "$work/t*" ! -path "$work" -print)" ]
}

# Line endings and bytes no format file has: a located error.
sed 's/$/\r/' "$good" >"$work/crlf"
verify "CRLF fails" status 1 "$TPGEN" dump --format "$work/crlf"
verify "CRLF located" grep -q "crlf:1:20: error: carriage return" "$work/err"
{ head -c 200 "$good"; printf '\0'; tail -c +201 "$good"; } >"$work/nul"
verify "NUL fails" status 1 "$TPGEN" dump --format "$work/nul"
verify "NUL located" grep -q "nul:6:39: error: unexpected NUL byte" \
	"$work/err"

# Names that try to leave the output folder, from the name: line.
touch "$work/stamp"
for name in ../../evil /etc/evil 'a/b' '../..' 'x y' "\$(id)"; do
	rm -rf "$work/t"
	event "$work/t/events/g/e" "$name"
	verify "name '$name' refused" status 1 "$TPGEN" --tracefs "$work/t" \
		'g/*' -o "$work/out"
	verify "name '$name' named" grep -qF "g/$name: names with characters" \
		"$work/err"
done
# '..' alone is a harmless name: it is sanitised.
rm -rf "$work/t" "$work/out"
event "$work/t/events/g/e" ..
verify "name '..' sanitised" status 0 "$TPGEN" --tracefs "$work/t" 'g/*' \
	-o "$work/out"
verify "name '..' as __" [ -s "$work/out/__.h" ]
verify "nothing written outside -o" outside_untouched
verify "no evil file" [ ! -e /etc/evil ] && [ ! -e "$work/../evil" ]

# A bad event among good ones: the good ones are generated, the bad one
# reported with its location, and the exit status says something failed.
rm -rf "$work/t" "$work/out"
event "$work/t/events/g/good" good
mkdir -p "$work/t/events/g/bad"
printf 'name: bad\nID: 5\nformat:\n\tfield:int x;\toffset:zz;\n' \
	>"$work/t/events/g/bad/format"
verify "bad among good fails" status 1 "$TPGEN" --tracefs "$work/t" 'g/*' \
	-o "$work/out"
verify "bad located" grep -q "g/bad/format:4:22: error:" "$work/err"
verify "good generated" [ -s "$work/out/good.h" ] && [ -s "$work/out/good.c" ]
verify "nothing of the bad one" [ ! -e "$work/out/bad.h" ]

# A name too long for a file name: an input error naming the format file,
# nothing written, and the warning about the name does not print all of
# it.  A good event beside it is still generated.
rm -rf "$work/t" "$work/out"
long=$(head -c 4096 /dev/zero | tr '\0' a)
event "$work/t/events/g/e" "$long"
verify "4 KiB name fails" status 1 "$TPGEN" --tracefs "$work/t" 'g/*' \
	-o "$work/out"
verify "4 KiB name reported" grep -q \
	"t/events/g/e/format: the event's file names would start with 4096 bytes" \
	"$work/err"
verify "4 KiB name writes nothing" [ -z "$(ls -A "$work/out" 2>/dev/null)" ]
verify "4 KiB name: no line of kilobytes" \
	[ "$(awk '{ if (length > n) n = length } END { print n }' "$work/err")" \
	-lt 300 ]
event "$work/t/events/g/ok" ok
verify "4 KiB name beside a good event" status 1 "$TPGEN" --tracefs \
	"$work/t" 'g/*' -o "$work/out"
verify "...the good one written" [ -f "$work/out/ok.h" ]
rm -rf "$work/t" "$work/out"

# Symbolic links in a captured tree are not followed, to a folder or to a
# file; a FIFO or a folder where a format file belongs is skipped, never
# waited on.
rm -rf "$work/t" "$work/elsewhere"
event "$work/t/events/g/e" e
event "$work/elsewhere/x" x
ln -s "$work/elsewhere/x" "$work/t/events/g/x"
mkdir -p "$work/t/events/g/f" "$work/t/events/g/d/format" "$work/t/events/g/p"
ln -s "$work/elsewhere/x/format" "$work/t/events/g/f/format"
mkfifo "$work/t/events/g/p/format"
verify "odd tree lists" status 0 "$TPGEN" --tracefs "$work/t" list
verify "linked file not followed" grep -q \
	"g/f/format is a symbolic link; it is not followed" "$work/err"
verify "FIFO skipped" grep -q "g/p/format is not a regular file" "$work/err"
verify "folder skipped" grep -q "g/d/format is not a regular file" "$work/err"
timeout 20 "$TPGEN" --tracefs "$work/t" list >"$work/list" 2>/dev/null
verify "only the real event" [ "$(cat "$work/list")" = g/e ]
verify "capture skips them too" status 0 "$TPGEN" capture --tracefs \
	"$work/t" -o "$work/out.tar"
tar tf "$work/out.tar" >"$work/members"
verify "capture holds only g/e" [ "$(grep -c format "$work/members")" -eq 1 ]

# An unreadable file: a clear error, as an ordinary user.
if [ "$(id -u)" -eq 0 ]; then
	rm -rf "$work/t" "$work/out"
	event "$work/t/events/g/e" e
	chmod 000 "$work/t/events/g/e/format"
	# A copy nobody can run, wherever the build folder is.
	cp "$TPGEN" "$work/tpgen"
	chmod 755 "$work" "$work/tpgen"
	verify "unreadable fails" status 1 setpriv --reuid=nobody \
		--regid=nogroup --clear-groups "$work/tpgen" --tracefs \
		"$work/t" dump 'g/*'
	verify "unreadable reported" grep -q \
		"cannot read $work/t/events/g/e/format: Permission denied" \
		"$work/err"
elif [ "${CI:-}" = true ]; then
	fail=$((fail + 1))
	echo "FAIL: the unreadable-file check needs root, and CI=true"
else
	echo "SKIP: the unreadable-file check needs root"
	skipped=yes
fi

# Print fmts nested far past anything a kernel writes: generated (the
# loader falls back to field=value), never a crash.
rm -rf "$work/out"
for kind in parens chain; do
	case $kind in
	parens) arg=$(awk 'BEGIN { for (i = 0; i < 200000; i++) printf "(";
		printf "REC->act"; for (i = 0; i < 200000; i++) printf ")" }') ;;
	chain) arg=$(awk 'BEGIN { printf "REC->act";
		for (i = 0; i < 1000000; i++) printf "+1" }') ;;
	esac
	{ sed '/^print fmt:/d' "$good"; echo "print fmt: \"%d\", $arg"; } \
		>"$work/$kind.format"
	verify "$kind: dump" status 0 "$TPGEN" dump --format "$work/$kind.format"
	verify "$kind: generate" status 0 "$TPGEN" --format \
		"$work/$kind.format" '*' -o "$work/out"
	timeout 20 "$TPGEN" dump --format "$work/$kind.format" 2>/dev/null |
		grep -o 'print fmt not understood at [0-9:]*: .*' >"$work/why"
	verify "$kind: not understood, said" grep -q "nested more than" \
		"$work/why"
	verify "$kind: loader builds" make -s -C "$work/out"
done

echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ] || exit 1
# A check that could not run makes the whole test a skip, not a pass.
[ -z "${skipped:-}" ] || exit 77
