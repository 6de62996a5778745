/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <string.h>

#include "pfspec.h"

bool tp_pfspec_read(const char **p, struct tp_pfspec *s)
{
	const char *q = *p;
	size_t n;

	memset(s, 0, sizeof(*s));
	n = strspn(q, "-+ #0");
	if (n >= sizeof(s->flags))
		return false;
	memcpy(s->flags, q, n);
	q += n;
	if (*q == '*') {
		s->star_width = true;
		q++;
	} else {
		n = strspn(q, "0123456789");
		if (n >= sizeof(s->width))
			return false;
		memcpy(s->width, q, n);
		q += n;
	}
	if (*q == '.') {
		q++;
		if (*q == '*') {
			s->star_precision = true;
			q++;
		} else {
			n = strspn(q, "0123456789");
			if (n >= sizeof(s->precision) - 1)
				return false;
			s->precision[0] = '.';
			memcpy(s->precision + 1, q, n);
			q += n;
		}
	}
	n = strspn(q, "hlzLjt");
	if (n > 2)
		return false;
	memcpy(s->length, q, n);
	/* The kernel reads %Ld as long long; C as long double. */
	if (!strcmp(s->length, "L"))
		strcpy(s->length, "ll");
	q += n;
	if (!*q || !strchr("diouxXcsp%", *q))
		return false;
	s->conv = *q++;
	if (s->conv == 'p') {
		n = strspn(q, "SsBIiMmUbBlLc46pfnh");
		if (n >= sizeof(s->ext))
			return false;
		memcpy(s->ext, q, n);
		q += n;
	}
	*p = q;
	return true;
}

