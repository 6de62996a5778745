# tpgen.m4: finding tpgen from configure.ac.        -*- Autoconf -*-
# SPDX-License-Identifier: GPL-2.0-or-later
#
# TPGEN_PROG([MIN-VERSION], [ACTION-IF-FOUND], [ACTION-IF-NOT-FOUND])
#
# Finds tpgen through pkg-config, else on PATH, and substitutes
#   TPGEN               the program
#   TPGEN_MK            the make fragment with tpgen's rules (include it
#                       from Makefile.am: `include $(TPGEN_MK)`)
#   TPGEN_TEMPLATESDIR  the built-in templates, to copy and edit
#   TPGEN_CAPTURE       the capture shipped with tpgen
# The default ACTION-IF-NOT-FOUND stops configure with an error.
AC_DEFUN([TPGEN_PROG], [
AC_REQUIRE([PKG_PROG_PKG_CONFIG])
AC_ARG_VAR([TPGEN], [the tpgen program])
tpgen_module="tpgen m4_ifval([$1], [>= $1])"
AS_IF([test -z "$TPGEN" && $PKG_CONFIG --exists "$tpgen_module" 2>/dev/null],
  [TPGEN=`$PKG_CONFIG --variable=tpgen tpgen`])
AS_IF([test -z "$TPGEN"], [AC_PATH_PROG([TPGEN], [tpgen])])
AC_MSG_CHECKING([for tpgen])
AS_IF([test -n "$TPGEN" && test -x "$TPGEN"], [
  AC_MSG_RESULT([$TPGEN])
  TPGEN_MK=`$PKG_CONFIG --variable=makefragment tpgen 2>/dev/null`
  TPGEN_TEMPLATESDIR=`$PKG_CONFIG --variable=templatesdir tpgen 2>/dev/null`
  TPGEN_CAPTURE=`$PKG_CONFIG --variable=capture tpgen 2>/dev/null`
  $2
], [
  AC_MSG_RESULT([no])
  m4_default([$3], [AC_MSG_ERROR([tpgen m4_ifval([$1], [$1 or newer ])is needed; see https://tpgen.invalid or install it])])
])
AC_SUBST([TPGEN_MK])
AC_SUBST([TPGEN_TEMPLATESDIR])
AC_SUBST([TPGEN_CAPTURE])
])
