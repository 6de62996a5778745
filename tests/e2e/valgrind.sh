#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tpgen under valgrind over every live event: generating (twice, the second
# time with nothing to change), one header of everything, dump --json,
# list, a capture and generating from it, every broken fixture and the
# error exits.  Any memory error or leak of any kind fails.  The same
# valgrind command is first shown to catch a leak and a bad read, so that a
# pass means something.  Needs root, a mounted tracefs and valgrind:
# skipped without them, except under CI=true.
set -u
: "${TPGEN:?}" "${TOP_SRCDIR:?}" "${FIXTURES:?}" "${CC:=cc}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
# shellcheck source=tests/e2e/lib.sh
. "$TOP_SRCDIR/tests/e2e/lib.sh"
require_root_tracefs
# A sanitizer build (./configure --enable-sanitizers) cannot run under
# valgrind: that build is checked by its own sanitizers instead.
if ldd "$TPGEN" 2>/dev/null | grep -q 'libasan'; then
	echo "SKIP: tpgen is built with AddressSanitizer, which replaces valgrind"
	exit 77
fi
if ! command -v valgrind >/dev/null; then
	[ "${CI:-}" = true ] && { echo "FAIL: valgrind is missing"; exit 1; }
	echo "SKIP: valgrind is not installed"
	exit 77
fi

# vg WANT NAME COMMAND...: COMMAND under valgrind exits with WANT (as it
# would without valgrind), with no memory error and no leak of any kind
# (either makes valgrind exit 99).  Its output is left in $work/last.
vg() {
	_want=$1 _name=$2
	shift 2
	valgrind -q --leak-check=full --show-leak-kinds=all \
		--errors-for-leak-kinds=all --error-exitcode=99 \
		--suppressions="$TOP_SRCDIR/tests/e2e/valgrind.supp" "$@" \
		>"$work/last" 2>&1
	_rc=$?
	verify "$_name (exit $_rc)" [ "$_rc" -eq "$_want" ]
	[ "$_rc" -eq "$_want" ] || sed 's/^/  | /' "$work/last" | head -40
}

# The check itself: a leak, and a read past an allocation, each make it
# fail.
printf '%s\n' '#include <stdlib.h>' '#include <string.h>' \
	'int main(int argc, char **argv)' '{' '	char *p = malloc(8);' \
	'	(void)argv;' '	strcpy(p, "leaked");' \
	'	return argc > 1 ? p[8] == 1 : 0;' '}' >"$work/bad.c"
"$CC" -g -O0 -o "$work/bad" "$work/bad.c"
vg 99 "self-test: a leak is caught" "$work/bad"
vg 99 "self-test: a bad read is caught" "$work/bad" x
# tpgen linked with mimalloc: valgrind's preloaded malloc must still come
# first, or every check below would pass unseen.
if "$TPGEN" --version | grep -q '^malloc: mimalloc'; then
	"$CC" -g -O0 -o "$work/bad-mi" "$work/bad.c" -lmimalloc
	verify "self-test program linked with mimalloc" sh -c \
		"ldd '$work/bad-mi' | grep -q libmimalloc"
	vg 99 "self-test: a leak is caught with mimalloc" "$work/bad-mi"
	vg 99 "self-test: a bad read is caught with mimalloc" \
		"$work/bad-mi" x
fi

n=$("$TPGEN" list | wc -l)
vg 0 "generate every live event" "$TPGEN" '*' -o "$work/out"
verify "...every one" grep -q "^tpgen: $n events in" "$work/last"
vg 0 "generate again, nothing to change" "$TPGEN" '*' -o "$work/out"
verify "...and nothing written" grep -q " 0 files written" "$work/last"
vg 0 "one header of every event" "$TPGEN" header '*' -o "$work/all.h"
vg 0 "dump --json of every event" "$TPGEN" dump --json '*'
vg 0 "list" "$TPGEN" list
vg 0 "capture" "$TPGEN" capture -o "$work/box.tar.xz"
vg 0 "generate from the capture" "$TPGEN" --tracefs "$work/box.tar.xz" \
	'*' -o "$work/out2" --struct-name 'c_%g_%e'
# The broken fixtures: errors and warnings, each exiting as it does
# without valgrind (1 or 0).
for f in "$FIXTURES"/bad/*.format; do
	"$TPGEN" dump --format "$f" >/dev/null 2>&1
	vg $? "broken: $(basename "$f")" "$TPGEN" dump --format "$f"
done
vg 3 "no match" "$TPGEN" list 'nonesuch/*'
vg 2 "usage error" "$TPGEN" --nonesuch
mkdir "$work/mine" && echo mine >"$work/mine/Makefile"
vg 4 "a file not tpgen's in the way" "$TPGEN" xdp/xdp_exception \
	-o "$work/mine"
echo "valgrind: $n live events, $pass passed, $fail failed"
[ "$fail" -eq 0 ]
