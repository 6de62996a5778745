/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libtraceevent parsing what tpgen parses, for `make bench`: the same
 * traversal and reads as readfloor, header_page through
 * tep_parse_header_page(), and each format file through
 * tep_parse_event() (fields and print fmt), all kept in one tep handle
 * as a tool reading a whole tree would.  Parse failures are counted, not
 * fatal: libtraceevent does not understand every print fmt.
 *
 * Usage: tepparse ROOT
 */
#define _GNU_SOURCE /* asprintf */
#include <traceevent/event-parse.h>

#include "walk.h"

struct tally {
	struct tep_handle *tep;
	long ok, failed;
};

static void parse(void *arg, const char *group, const char *event,
		  char *text, size_t len)
{
	struct tally *t = arg;

	(void)event;
	if (tep_parse_event(t->tep, text, len, group) == TEP_ERRNO__SUCCESS)
		t->ok++;
	else
		t->failed++;
}

static int quiet(void) { return 0; }

int main(int argc, char **argv)
{
	struct walk_buf b = { 0 };
	struct tally t = { 0 };
	unsigned long long bytes = 0;
	char *events;
	long files, hp;
	int dfd;

	(void)quiet;
	if (argc != 2) {
		fprintf(stderr, "usage: tepparse ROOT\n");
		return 2;
	}
	t.tep = tep_alloc();
	if (!t.tep)
		return 1;
	/* libtraceevent warns on stderr for print fmts it cannot follow. */
	tep_set_loglevel(TEP_LOG_NONE);
	events = walk_events_dir(argv[1]);
	if (!events)
		return 1;
	dfd = open(events, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	hp = dfd >= 0 ? walk_read(dfd, "header_page", &b) : -1;
	if (dfd >= 0)
		close(dfd);
	if (hp > 0)
		tep_parse_header_page(t.tep, b.p, (unsigned long)hp,
				      (int)sizeof(long));
	files = walk_events(events, &b, parse, &t, &bytes);
	if (files < 0) {
		fprintf(stderr, "tepparse: cannot read %s\n", argv[1]);
		return 1;
	}
	fprintf(stderr, "tepparse: %ld files, %llu bytes: %ld parsed, %ld "
		"refused\n", files, bytes, t.ok, t.failed);
	tep_free(t.tep);
	free(b.p);
	free(events);
	return 0;
}
