# `make bench`: generation, loader and build costs against libtraceevent,
# bpftrace and the floors; prints a table and writes it to
# tests/bench/table.txt.  Root, tracefs and BPF; see BENCHMARKS.md.  Not
# part of `make check`: nothing here asserts a timing.
#
# The drivers are built here with the flags configure found (pkg-config
# libtraceevent for tepparse), not as check programs.
BENCH_DRIVERS = tests/bench/readfloor tests/bench/tepparse \
	tests/bench/getppid_loop tests/bench/maxrss tests/bench/pingpong
BENCH_CFLAGS = -O2 -g -Wall -Wextra
CLEANFILES += $(BENCH_DRIVERS) tests/bench/table.txt \
	tests/bench/results.txt tests/bench/*.csv
EXTRA_DIST += tests/bench/bench.mk tests/bench/bench.sh tests/bench/table.sh \
	tests/bench/walk.h tests/bench/readfloor.c tests/bench/tepparse.c \
	tests/bench/getppid_loop.c tests/bench/maxrss.c \
	tests/bench/floor.bpf.c tests/bench/exact.awk tests/bench/pingpong.c

tests/bench/readfloor: $(srcdir)/tests/bench/readfloor.c \
		$(srcdir)/tests/bench/walk.h
	@mkdir -p tests/bench
	$(AM_V_CC)$(CC) $(BENCH_CFLAGS) -o $@ $(srcdir)/tests/bench/readfloor.c
tests/bench/tepparse: $(srcdir)/tests/bench/tepparse.c \
		$(srcdir)/tests/bench/walk.h
	@mkdir -p tests/bench
	$(AM_V_CC)$(CC) $(BENCH_CFLAGS) $(TRACEEVENT_CFLAGS) -o $@ \
		$(srcdir)/tests/bench/tepparse.c $(TRACEEVENT_LIBS)
tests/bench/getppid_loop tests/bench/maxrss tests/bench/pingpong: %: $(srcdir)/%.c
	@mkdir -p tests/bench
	$(AM_V_CC)$(CC) $(BENCH_CFLAGS) -o $@ $<

.PHONY: bench
bench: tpgen $(BENCH_DRIVERS)
	TPGEN='$(abs_top_builddir)/tpgen' \
	BENCH_BIN='$(abs_top_builddir)/tests/bench' \
	BENCH_OUT='$(abs_top_builddir)/tests/bench' \
	TOP_SRCDIR='$(abs_top_srcdir)' $(SHELL) $(srcdir)/tests/bench/bench.sh
