/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "manifest.h"

static char *string_of(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return strdup(json_object_get_string(v));
}

int tp_manifest_parse(const char *text, size_t len, struct tp_manifest *m)
{
	json_tokener *tok = json_tokener_new();
	json_object *o;

	if (!tok)
		return -1;
	o = json_tokener_parse_ex(tok, text, (int)len);
	json_tokener_free(tok);
	if (!o || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return -1;
	}
	tp_manifest_fini(m);
	m->kernel_release = string_of(o, "kernel_release");
	m->machine = string_of(o, "machine");
	m->byte_order = string_of(o, "byte_order");
	json_object_put(o);
	return 0;
}

void tp_manifest_fini(struct tp_manifest *m)
{
	free(m->kernel_release);
	free(m->machine);
	free(m->byte_order);
	memset(m, 0, sizeof(*m));
}

int tp_manifest_live(struct tp_manifest *m)
{
	struct utsname u;

	if (uname(&u))
		return 0;
	m->kernel_release = strdup(u.release);
	m->machine = strdup(u.machine);
	m->byte_order = strdup(__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ?
			       "big" : "little");
	return m->kernel_release && m->machine && m->byte_order ? 0 : ENOMEM;
}

char *tp_manifest_kernel(const struct tp_manifest *m)
{
	char *name;

	if (!m->kernel_release)
		return strdup("not named (format files without a capture's "
			      "manifest)");
	if (asprintf(&name, "Linux %s (%s)", m->kernel_release,
		     m->machine ? m->machine : "machine not named") < 0)
		return NULL;
	return name;
}
