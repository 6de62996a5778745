# SPDX-License-Identifier: GPL-2.0-or-later
#
# For `make bench`: turns a generated loader's folder back into what tpgen
# generated before programs read fields by name.  Run on EVENT.bpf.c, it
# leaves the program copying the event's fixed part as it is (the exact
# layout, one helper call) and reading nothing by name; on EVENT.c, it
# leaves out the reading of the running kernel's layout at start.  Only
# for events without dynamic fields (their data is read by name).
/tpgen_reserve\(/ {
	sub(/tpgen_reserve\(/, "tpgen_start(ctx, ")
	print
	next
}
/^\tcopy = \(void \*\)rec->data;$/ { skip = 1; next }
/tpgen_submit\(/ { skip = 0 }
/^\tstruct [A-Za-z0-9_]+ \*copy;$/ || /^\tconst struct tpgen_sign__/ ||
    /^\t__u64 \*whole;$/ { next }
/\.btf_custom_path = reloc\.btf_path/ {
	sub(/reloc\.btf_path/, "NULL")
}
/err = tpgen_reloc_prepare\(&built, &reloc/ {
	print (/^\tint err/ ? "\tint err = 0;" : "\terr = 0;")
	print "\treloc.btf_fd = -1;"
	print "\treloc.same_print = true;"
	print "\treloc.record_size = built.record_size;"
	print "\treloc.absent = calloc(built.nfields + 1, 1);"
	next
}
!skip { print }
