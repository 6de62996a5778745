# SPDX-License-Identifier: GPL-2.0-or-later
#
# Checks the lines of examples/relocatable's loader, `switch N`: each one
# "PREV_COMM[PREV_PID] -> NEXT_COMM[NEXT_PID] prev_state=S", N of them,
# where idle is pid 0 and called swapper/CPU on both sides, which a field
# read from the wrong place breaks.  Usage: awk -v want=N -f switch.awk
!/^[^][]+\[[0-9]+\] -> [^][]+\[[0-9]+\] prev_state=[0-9]+$/ {
	bad++
	next
}
{
	split($0, w, /[][]/)
	if ((w[2] == 0) != (w[1] ~ /^swapper\//) ||
	    (w[4] == 0) != (w[3] ~ /^ -> swapper\//))
		bad++
	n++
}
END { exit bad || n != want }
