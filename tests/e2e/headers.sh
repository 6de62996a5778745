#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Generated output for the fixture trees: every file equal to the goldens
# in tests/golden/ (TPGEN_REGEN=1 rewrites them), byte-identical on a
# rerun, and each event's header compiling on its own, offset checks
# included, as C11, C++11 and BPF C.  A header with a wrong offset must
# fail to compile.
set -u
: "${TPGEN:?}" "${FIXTURES:?}" "${CC:=cc}" "${CXX:=c++}" "${CLANG:=clang}"
: "${MULTIARCH_INCLUDE:?}" "${TOP_SRCDIR:?}"
golden="$TOP_SRCDIR/tests/golden"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
# What every generated loader must compile without.
warn="-Wall -Wextra -Werror"
# shellcheck source=tests/e2e/lib.sh
. "$TOP_SRCDIR/tests/e2e/lib.sh"

# compile FILE: the header on its own in the three modes.
compile() {
	printf '#include "%s"\n' "$1" >"$work/one.c"
	cp "$work/one.c" "$work/one.cc"
	verify "c11 $(basename "$1")" \
		"$CC" -std=c11 -Wall -Wextra -Werror -pedantic -fsyntax-only "$work/one.c"
	verify "c++11 $(basename "$1")" \
		"$CXX" -std=c++11 -Wall -Wextra -Werror -fsyntax-only "$work/one.cc"
	verify "bpf $(basename "$1")" \
		"$CLANG" -target bpf -Wall -Werror -I"$MULTIARCH_INCLUDE" \
		-fsyntax-only "$work/one.c"
}

for tree in tree tree32; do
	out="$work/$tree"
	verify "generate $tree" "$TPGEN" --tracefs "$FIXTURES/$tree" '*' -o "$out"
	# Support code is copied as it is, its digest filled in; headers are
	# pinned by goldens.
	for f in runtime/tpgen_record.h runtime/tpgen.bpf.h runtime/tpgen_core.bpf.h \
		runtime/tpgen_loader.h; do
		sed 's/\(tpgen-digest: xxh3-64 \)[0-9a-f]*/\10000000000000000/' \
			"$out/${f#*/}" >"$work/blank"
		verify "copied $f" cmp "$TOP_SRCDIR/$f" "$work/blank"
	done
	mkdir -p "$work/headers-$tree"
	for h in "$out"/*.h; do
		case $(basename "$h") in
		tpgen*) ;;
		*) cp "$h" "$work/headers-$tree/" ;;
		esac
	done
	if [ -n "${TPGEN_REGEN:-}" ]; then
		rm -rf "${golden:?}/$tree"
		mkdir -p "$golden"
		cp -r "$work/headers-$tree" "$golden/$tree"
	fi
	verify "golden $tree" diff -r "$golden/$tree" "$work/headers-$tree"
	for h in "$out"/*.h; do
		case $(basename "$h") in
		tpgen*) ;; # support code, built with the programs
		*) compile "$h" ;;
		esac
	done
	# A rerun writes nothing and changes nothing.
	cp -rp "$out" "$work/before"
	verify "rerun $tree" "$TPGEN" --tracefs "$FIXTURES/$tree" '*' -o "$out"
	cp "$work/log" "$work/rerun.log"
	verify "rerun $tree says unchanged" grep -q ' 0 files written' \
		"$work/rerun.log"
	verify "rerun $tree identical" diff -r "$work/before" "$out"
	for h in "$out"/*; do
		[ -n "$(find "$h" -newer "$work/before/$(basename "$h")")" ] &&
			verify "rerun $tree keeps mtime of $h" false
	done
	rm -rf "$work/before"
	# The programs and loaders of every fixture event build, the loaders
	# without a warning.
	verify "build $tree" make -C "$out" -j2 CFLAGS="-g -O2 $warn"
done

# tpgen header --relocatable of every fixture event compiles for a user's
# loader (after tpgen_reloc.h, which the tables need) and for BPF, where
# the structs of fields by name are.
for tree in tree tree32; do
	verify "relocatable header $tree" "$TPGEN" --tracefs "$FIXTURES/$tree" \
		header --relocatable '*' -o "$work/rel-$tree.h"
	verify "relocatable header $tree: tables" grep -q \
		'^static const struct tpgen_built tpgen_built__' "$work/rel-$tree.h"
	printf '#include "%s"\n#include "%s"\n' \
		"$TOP_SRCDIR/runtime/tpgen_reloc.h" "$work/rel-$tree.h" \
		>"$work/rel.c"
	# shellcheck disable=SC2046 # flags, one word each
	verify "relocatable header $tree: loader side" "$CC" -std=gnu11 $warn \
		$(pkg-config --cflags libbpf) -fsyntax-only "$work/rel.c"
	printf '#include <linux/types.h>\n#include "%s"\n' "$work/rel-$tree.h" \
		>"$work/rel-bpf.c"
	verify "relocatable header $tree: BPF side" "$CLANG" -target bpf \
		-Wall -Werror -I"$MULTIARCH_INCLUDE" -fsyntax-only "$work/rel-bpf.c"
done

# Every loader of the shipped capture (some 2,300 events) compiles without
# a warning too.  Checked, not built, to be quick: one event's skeleton,
# made as the Makefile makes it, serves every other with its names changed
# (a loader uses nothing else of it), and the header all loaders start
# with is precompiled.
cap="$work/capture"
verify "generate capture" "$TPGEN" \
	--tracefs "$TOP_SRCDIR/examples/capture.tar.xz" '*' -o "$cap"
model=$(basename "$(ls "$cap"/*.bpf.c | head -1)" .bpf.c)
verify "skeleton of $model" make -C "$cap" "$model.skel.h"
libbpf=$(pkg-config --cflags libbpf)
# shellcheck disable=SC2086 # flags, one word each
verify "precompiled tpgen_loader.h" "$CC" $warn $libbpf -x c-header \
	"$cap/tpgen_loader.h" -o "$cap/tpgen_loader.h.gch"
for c in "$cap"/*.c; do
	stem=$(basename "$c" .c)
	case $stem in *.bpf | "$model") continue ;; esac
	sed -e "s/\b${model}_bpf/${stem}_bpf/g" \
		-e "s/\bhandle_${model}\b/handle_${stem}/g" \
		"$cap/$model.skel.h" >"$cap/$stem.skel.h"
done
# shellcheck disable=SC2086
verify "capture loaders without warnings" sh -c 'ls "$1"/*.c |
	grep -v "\.bpf\.c$" | xargs -P 2 -n 50 "$2" -fsyntax-only $3' \
	sh "$cap" "$CC" "$warn $libbpf"

# The offset checks bite: move one member, and the header must not build.
sed 's/TPGEN_CHECK_OFFSET(struct sys_enter_openat_tp, filename, 24)/TPGEN_CHECK_OFFSET(struct sys_enter_openat_tp, filename, 20)/' \
	"$work/tree/sys_enter_openat.h" >"$work/moved.h"
verify "mutation applied" grep -q 'filename, 20)' "$work/moved.h"
printf '#include "moved.h"\n' >"$work/moved.c"
refute "moved offset fails in C" "$CC" -std=c11 -fsyntax-only "$work/moved.c"
cp "$work/moved.c" "$work/moved.cc"
refute "moved offset fails in C++" "$CXX" -std=c++11 -fsyntax-only "$work/moved.cc"

# Members below offset 8: C and C++ read them, BPF may not even name them
# (the verifier would refuse the read at load time), and says what to use.
for mode in c bpf; do
	cat >"$work/head-$mode.c" <<-EOF
	#include "$work/tree/xdp_xdp_exception.h"
	int pid_of(const struct xdp_xdp_exception_tp *ctx)
	{
		return ctx->common_pid + ctx->prog_id;
	}
	EOF
done
verify "below 8 read in C" "$CC" -std=c11 -Wall -Werror -fsyntax-only \
	"$work/head-c.c"
refute "below 8 named in BPF" "$CLANG" -target bpf -I"$MULTIARCH_INCLUDE" \
	-fsyntax-only "$work/head-bpf.c"
cp "$work/log" "$work/below8.log"
verify "below 8 says why" grep -qF "'common_pid' is unavailable: BPF programs \
cannot read their context below offset 8; bpf_get_current_pid_tgid() gives \
the pid" "$work/below8.log"

# One header for all events, and the struct naming pattern.
verify "header -o -" "$TPGEN" --tracefs "$FIXTURES/tree" header '*' -o -
verify "header -o file" "$TPGEN" --tracefs "$FIXTURES/tree" header '*' \
	-o "$work/all.h"
compile "$work/all.h"
verify "guard from file name" grep -q '^#ifndef TPGEN_ALL_H$' "$work/all.h"
verify "struct-name" "$TPGEN" --tracefs "$FIXTURES/tree" header \
	--struct-name 'tp_%g_%e' 'rt/*' -o "$work/named.h"
verify "struct-name applied" grep -q '^struct tp_rt_sched_waking {' "$work/named.h"
compile "$work/named.h"
refute "struct-name clash" "$TPGEN" --tracefs "$FIXTURES/tree" header \
	--struct-name 'same' 'rt/*' -o "$work/clash.h"
verify "clash leaves no file" test ! -e "$work/clash.h"

# The kernel's names for symbolic values and flags become constants.
verify "symbolic constants" grep -qx '#define XDP_XDP_EXCEPTION_TP_ACT_ABORTED 0' \
	"$work/tree/xdp_xdp_exception.h"
verify "flag constants" grep -qx '#define NEWLINE_TP_FLAGS_B 2' \
	"$work/tree/newline.h"

# Repeated field names get unique keys in what loaders print.
verify "unique keys" grep -q '"type_2"' "$work/tree/type.c"

# The output folder stands on its own: nothing in it points back here.
verify "self-contained" sh -c '! grep -rqF "$1" "$2"' sh "$TOP_SRCDIR" "$work/tree"

# --templates: edited copies replace the built-in ones, file by file.
mkdir "$work/tpl"
sed 's/^static unsigned long long events_seen;/& \/* edited copy *\//' \
	"$TOP_SRCDIR/templates/event.c" >"$work/tpl/event.c"
verify "templates" "$TPGEN" --tracefs "$FIXTURES/tree" --templates \
	"$work/tpl" rt/sched_waking -o "$work/tplout"
verify "edited template used" grep -q 'edited copy' "$work/tplout/sched_waking.c"
verify "the others built in" cmp "$work/tree/sched_waking.bpf.c" \
	"$work/tplout/sched_waking.bpf.c"
verify "edited output builds" make -C "$work/tplout"
printf 'x {{nonesuch}} y\n' >"$work/tpl/event.bpf.c"
refute "unknown variable" "$TPGEN" --tracefs "$FIXTURES/tree" --templates \
	"$work/tpl" rt/sched_waking -o "$work/tplout2"
"$TPGEN" --tracefs "$FIXTURES/tree" --templates "$work/tpl" rt/sched_waking \
	-o "$work/tplout2" 2>"$work/tpl.err"
verify "unknown variable located" grep -q \
	"tpl/event.bpf.c:1:3: error: unknown variable 'nonesuch'" "$work/tpl.err"

# The header's frame is a template too: an edited copy is used by
# `header` and for EVENT.h, and is one of the inputs a depfile lists.
mkdir "$work/htpl"
sed 's/^ \* One struct per tracepoint/ * Ours, edited.\n&/' \
	"$TOP_SRCDIR/templates/tracepoints.h" >"$work/htpl/tracepoints.h"
verify "header template" "$TPGEN" --tracefs "$FIXTURES/tree" --templates \
	"$work/htpl" header rt/sched_waking -o "$work/htpl.h" \
	--depfile "$work/htpl.d"
verify "header template used" grep -qx ' \* Ours, edited.' "$work/htpl.h"
verify "header template in the depfile" grep -q "htpl/tracepoints.h" \
	"$work/htpl.d"
verify "edited header compiles" cc -fsyntax-only -x c "$work/htpl.h"
verify "header template for EVENT.h" "$TPGEN" --tracefs "$FIXTURES/tree" \
	--templates "$work/htpl" rt/sched_waking -o "$work/htplout"
verify "EVENT.h from it" grep -qx ' \* Ours, edited.' \
	"$work/htplout/sched_waking.h"
grep -v '{{events}}' "$TOP_SRCDIR/templates/tracepoints.h" \
	>"$work/htpl/tracepoints.h"
"$TPGEN" --tracefs "$FIXTURES/tree" --templates "$work/htpl" header \
	rt/sched_waking -o "$work/htpl2.h" 2>"$work/htpl.err"
verify "no {{events}}: exit 1" test $? -eq 1
verify "no {{events}}: said" grep -q \
	"htpl/tracepoints.h: error: no {{events}} in the template" \
	"$work/htpl.err"
verify "no {{events}}: nothing written" test ! -e "$work/htpl2.h"

echo "headers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
