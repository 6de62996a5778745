/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which kernel an events tree is from: a capture's manifest.json, or for
 * a mounted tracefs what uname says.
 */
#ifndef TPGEN_MANIFEST_H
#define TPGEN_MANIFEST_H

#include <stddef.h>

/* Each string is NULL when unknown. */
struct tp_manifest {
	char *kernel_release;
	char *machine;
	char *byte_order; /* "little" or "big" */
};

/* Fills m from a manifest's JSON; unknown keys are ignored, and what is
 * missing stays NULL.  Returns 0, or -1 when it is not JSON. */
int tp_manifest_parse(const char *text, size_t len, struct tp_manifest *m);

/* This machine's, for the live tracefs.  Returns 0 or ENOMEM. */
int tp_manifest_live(struct tp_manifest *m);

/* The kernel as banners name it: "Linux RELEASE (MACHINE)", or a phrase
 * that says it is not named.  Newly allocated; NULL when out of
 * memory. */
char *tp_manifest_kernel(const struct tp_manifest *m);

/* Releases what m owns. */
void tp_manifest_fini(struct tp_manifest *m);

#endif
