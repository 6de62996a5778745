/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Part of the code tpgen copies into every output folder.
 *
 * What every generated loader shares: its options, finding the event's id
 * in tracefs, the three ways of attaching a tracepoint program, and
 * printing records as text or JSON.  Each loader includes it once.
 */
#ifndef TPGEN_LOADER_H
#define TPGEN_LOADER_H

/* For the _unlocked stdio calls: a loader prints from one thread. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <argp.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <mntent.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "tpgen_record.h"

/* ---- options ---------------------------------------------------------- */

enum tpgen_attach { TPGEN_ATTACH_AUTO, TPGEN_ATTACH_LINK, TPGEN_ATTACH_IOCTL };

struct tpgen_env {
	__u32 pid, tid;
	unsigned long long count;   /* stop after this many events; 0: never */
	unsigned long long seconds; /* stop after this long; 0: never */
	unsigned long ringbuf_size;
	unsigned long long cookie;
	enum tpgen_attach attach;
	bool verbose, json, fields;
};

static struct tpgen_env tpgen_env = { .ringbuf_size = 4 * 1024 * 1024 };

static const struct argp_option tpgen_options[] = {
	{ "pid", 'p', "PID", 0, "Only events of process PID", 0 },
	{ "tid", 't', "TID", 0, "Only events of thread TID", 0 },
	{ "count", 'c', "COUNT", 0, "Stop after COUNT events", 0 },
	{ "duration", 'd', "SECONDS", 0, "Stop after SECONDS", 0 },
	{ "json", 'j', NULL, 0, "One JSON object per event and line", 0 },
	{ "fields", 'f', NULL, 0, "field=value pairs, not the kernel's text",
	  0 },
	{ "attach", 'a', "METHOD", 0,
	  "auto (default), link (BPF_LINK_CREATE) or ioctl "
	  "(PERF_EVENT_IOC_SET_BPF)", 0 },
	{ "cookie", 'k', "N", 0, "BPF cookie for the link (with link)", 0 },
	{ "ringbuf-size", 'b', "BYTES", 0,
	  "Ring buffer size: a power of 2 (default 4194304)", 0 },
	{ "verbose", 'v', NULL, 0, "Show libbpf's debug output", 0 },
	{ 0 },
};

static inline unsigned long long tpgen_number(const char *arg, struct argp_state *st)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 0);
	if (errno || !*arg || *end || *arg == '-')
		argp_error(st, "'%s' is not a number", arg);
	return v;
}

static inline error_t tpgen_parse_opt(int key, char *arg, struct argp_state *st)
{
	struct tpgen_env *env = st->input;
	unsigned long long v;

	switch (key) {
	case 'p':
	case 't':
		v = tpgen_number(arg, st);
		if (v == 0 || v > INT_MAX)
			argp_error(st, "'%s' is not a process id", arg);
		*(key == 'p' ? &env->pid : &env->tid) = (__u32)v;
		break;
	case 'c':
		env->count = tpgen_number(arg, st);
		break;
	case 'd':
		env->seconds = tpgen_number(arg, st);
		break;
	case 'j':
		env->json = true;
		break;
	case 'f':
		env->fields = true;
		break;
	case 'a':
		if (strcmp(arg, "auto") == 0)
			env->attach = TPGEN_ATTACH_AUTO;
		else if (strcmp(arg, "link") == 0)
			env->attach = TPGEN_ATTACH_LINK;
		else if (strcmp(arg, "ioctl") == 0)
			env->attach = TPGEN_ATTACH_IOCTL;
		else
			argp_error(st, "--attach is auto, link or ioctl");
		break;
	case 'k':
		env->cookie = tpgen_number(arg, st);
		break;
	case 'b':
		v = tpgen_number(arg, st);
		if (v < 4096 || v > (1ULL << 31) || (v & (v - 1)))
			argp_error(st, "--ringbuf-size is a power of 2 from "
				   "4096");
		env->ringbuf_size = (unsigned long)v;
		break;
	case 'v':
		env->verbose = true;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* ---- libbpf's messages ------------------------------------------------ */

/* The last lines of libbpf's output, for when the verifier says no. */
static char tpgen_log[16384];

static inline int tpgen_libbpf_print(enum libbpf_print_level level, const char *fmt,
			      va_list ap)
{
	size_t len = strlen(tpgen_log);

	if (level == LIBBPF_DEBUG && !tpgen_env.verbose)
		return 0;
	if (tpgen_env.verbose)
		return vfprintf(stderr, fmt, ap);
	if (len > sizeof(tpgen_log) / 2) {
		memmove(tpgen_log, tpgen_log + len / 2, len - len / 2 + 1);
		len -= len / 2;
	}
	return vsnprintf(tpgen_log + len, sizeof(tpgen_log) - len, fmt, ap);
}

/* Why loading failed, in words a user can act on. */
static inline void tpgen_load_failed(const char *event, int err)
{
	fprintf(stderr, "%s: cannot load the BPF program: %s\n", event,
		strerror(-err));
	if (err == -EPERM || err == -EACCES) {
		if (geteuid() != 0)
			fprintf(stderr, "  run it as root, or give it "
				"CAP_BPF and CAP_PERFMON\n");
		else
			fprintf(stderr, "  the verifier refused it; the end of "
				"its log:\n");
	}
	if (tpgen_log[0])
		fprintf(stderr, "%s", tpgen_log);
}

/* ---- finding the event ------------------------------------------------ */

/* The event's id, from the "id" file of its tracefs folder; -1, with a
 * message when `report`, when there is none. */
static inline int tpgen_read_event_id(const char *group, const char *event,
				      bool report)
{
	char root[PATH_MAX] = "/sys/kernel/tracing", path[PATH_MAX + 256];
	struct mntent *m;
	FILE *f;
	int id = -1;

	f = setmntent("/proc/mounts", "r");
	while (f && (m = getmntent(f))) {
		if (strcmp(m->mnt_type, "tracefs") == 0) {
			snprintf(root, sizeof(root), "%s", m->mnt_dir);
			break;
		}
	}
	if (f)
		endmntent(f);
	snprintf(path, sizeof(path), "%s/events/%s/%s/id", root, group, event);
	f = fopen(path, "r");
	if (!f && !report)
		return -1;
	if (!f) {
		int err = errno;

		if (err == ENOENT) {
			char events[PATH_MAX + 8], folder[PATH_MAX + 256];

			snprintf(events, sizeof(events), "%s/events", root);
			snprintf(folder, sizeof(folder), "%s/%s/%s", events,
				 group, event);
			if (access(events, F_OK) != 0)
				fprintf(stderr, "tracefs is not mounted: mount "
					"-t tracefs nodev %s\n", root);
			else if (access(folder, F_OK) == 0)
				fprintf(stderr, "%s/%s has no perf event id: "
					"it is not a tracepoint a program can "
					"attach to\n", group, event);
			else
				fprintf(stderr, "%s/%s: no such event on this "
					"kernel (is its module loaded?)\n",
					group, event);
		} else {
			fprintf(stderr, "%s: %s%s\n", path, strerror(err),
				err == EACCES ? " (run as root)" : "");
		}
		return -1;
	}
	if (fscanf(f, "%d", &id) != 1)
		id = -1;
	fclose(f);
	return id;
}

static inline int tpgen_event_id(const char *group, const char *event)
{
	return tpgen_read_event_id(group, event, true);
}

/* ---- attaching --------------------------------------------------------- */

struct tpgen_attachment {
	int perf_fd; /* the tracepoint's perf event */
	int link_fd; /* the BPF link, or -1 with the ioctl method */
	const char *method;
};

/*
 * A perf event for tracepoint `id`.  For a tracepoint the program runs
 * wherever the tracepoint fires, so one event on CPU 0, for every
 * process, is enough.
 */
static inline int tpgen_perf_open(int id)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.size = sizeof(attr);
	attr.config = (__u64)id;
	return (int)syscall(__NR_perf_event_open, &attr, -1 /* any task */,
			    0 /* cpu */, -1 /* no group */,
			    PERF_FLAG_FD_CLOEXEC);
}

/* The modern way (Linux 5.15): a BPF link owns the attachment, and can
 * carry a cookie the program reads with bpf_get_attach_cookie(). */
static inline int tpgen_attach_link(int prog_fd, int perf_fd,
			     unsigned long long cookie)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.link_create.prog_fd = (__u32)prog_fd;
	attr.link_create.target_fd = (__u32)perf_fd;
	attr.link_create.attach_type = BPF_PERF_EVENT;
	attr.link_create.perf_event.bpf_cookie = cookie;
	return (int)syscall(__NR_bpf, BPF_LINK_CREATE, &attr, sizeof(attr));
}

/* The legacy way (Linux 4.7): set the program on the perf event, then
 * enable it.  Closing the perf event detaches the program. */
static inline int tpgen_attach_ioctl(int prog_fd, int perf_fd)
{
	if (ioctl(perf_fd, PERF_EVENT_IOC_SET_BPF, prog_fd) < 0)
		return -1;
	return ioctl(perf_fd, PERF_EVENT_IOC_ENABLE, 0);
}

static inline int tpgen_attach(int prog_fd, const char *group, const char *event,
			struct tpgen_attachment *a)
{
	int id = tpgen_event_id(group, event), open_err;

	a->perf_fd = -1;
	a->link_fd = -1;
	if (id < 0)
		return -1;
	a->perf_fd = tpgen_perf_open(id);
	open_err = errno;
	/*
	 * The event may have gone between reading its id and opening it (a
	 * module unloaded, a dynamic event removed), and its id even be
	 * another event's since.  An open perf event holds the event (the
	 * kernel takes a reference on its module, and refuses to remove a
	 * probe in use), so the id read again now says whether the perf
	 * event is the one wanted, and stays so while it is open.
	 */
	if (tpgen_read_event_id(group, event, false) != id) {
		fprintf(stderr, "%s/%s: the event is gone (module unloaded, or "
			"event removed?)\n", group, event);
		if (a->perf_fd >= 0)
			close(a->perf_fd);
		a->perf_fd = -1;
		return -1;
	}
	if (a->perf_fd < 0) {
		fprintf(stderr, "%s/%s: perf_event_open: %s%s\n", group, event,
			strerror(open_err), open_err == EACCES ||
			open_err == EPERM ? " (run as root, or with CAP_PERFMON)" :
			"");
		return -1;
	}
	if (tpgen_env.attach != TPGEN_ATTACH_IOCTL) {
		a->link_fd = tpgen_attach_link(prog_fd, a->perf_fd,
					       tpgen_env.cookie);
		a->method = "link";
		if (a->link_fd >= 0)
			return 0;
		/* Kernels before 5.15 know no perf event links. */
		if (tpgen_env.attach == TPGEN_ATTACH_LINK ||
		    (errno != EINVAL && errno != EOPNOTSUPP)) {
			fprintf(stderr, "%s/%s: BPF_LINK_CREATE: %s\n", group,
				event, strerror(errno));
			return -1;
		}
	}
	a->method = "ioctl";
	if (tpgen_env.cookie)
		fprintf(stderr, "note: no cookie with the ioctl method\n");
	if (tpgen_attach_ioctl(prog_fd, a->perf_fd) == 0)
		return 0;
	fprintf(stderr, "%s/%s: PERF_EVENT_IOC_SET_BPF: %s%s\n", group, event,
		strerror(errno), errno == EACCES ?
		" (does the program read past the event's record?)" :
		errno == EINVAL ? " (not a tracepoint: kprobe, uprobe and "
		"ftrace events take no tracepoint program)" : "");
	return -1;
}

static inline void tpgen_detach(struct tpgen_attachment *a)
{
	if (a->link_fd >= 0)
		close(a->link_fd);
	if (a->perf_fd >= 0) {
		ioctl(a->perf_fd, PERF_EVENT_IOC_DISABLE, 0);
		close(a->perf_fd);
	}
	a->link_fd = a->perf_fd = -1;
}

/* The kernel's id of the program: what `bpftool prog show id` takes. */
static inline __u32 tpgen_prog_id(int prog_fd)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	return bpf_obj_get_info_by_fd(prog_fd, &info, &len) ? 0 : info.id;
}

/* ---- stopping ---------------------------------------------------------- */

static volatile sig_atomic_t tpgen_exiting;

static inline void tpgen_on_signal(int sig)
{
	(void)sig;
	tpgen_exiting = 1;
}

/* SIGINT and SIGTERM end the loader cleanly: it detaches, then exits. */
static inline void tpgen_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tpgen_on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static inline unsigned long long tpgen_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL +
	       (unsigned long long)ts.tv_nsec;
}

/* ---- printing ---------------------------------------------------------- */

/* Where a record is being printed, and how. */
struct tpgen_out {
	FILE *f;
	bool json;
	unsigned n; /* fields (or array items) printed so far */
	char scratch[4096]; /* for the kernel's helpers' strings */
};

/*
 * Printing is the loader's hot path: a busy tracepoint fires millions of
 * times a second and every record is printed.  The fixed parts of a line
 * are put together in a buffer here and written with one unlocked stdio
 * call, not a locked fprintf() per number.
 */

/* v in decimal at p, zero-padded to at least `min` digits (as %0*llu);
 * returns the number of digits. */
static inline size_t tpgen_utoa(char *p, unsigned long long v, unsigned min)
{
	char tmp[24];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < min && n < sizeof(tmp))
		tmp[n++] = '0';
	for (i = 0; i < n; i++)
		p[i] = tmp[n - 1 - i];
	return n;
}

/* v in decimal at p, as %lld; returns the number of characters. */
static inline size_t tpgen_itoa(char *p, long long v)
{
	if (v >= 0)
		return tpgen_utoa(p, (unsigned long long)v, 0);
	p[0] = '-';
	return 1 + tpgen_utoa(p + 1, 0ULL - (unsigned long long)v, 0);
}

/* The length of the UTF-8 sequence of two bytes or more at p, or 0. */
static inline size_t tpgen_utf8_len(const unsigned char *p, size_t max)
{
	size_t n, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (n > max)
		return 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f) ||
	    (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
		return 0;
	return n;
}

/* A string, with what a terminal or a JSON parser must not see escaped. */
static inline void tpgen_put_str(struct tpgen_out *o, const void *s, size_t max)
{
	const unsigned char *p = s;
	size_t i;

	if (o->json)
		fputc_unlocked('"', o->f);
	for (i = 0; i < max && p[i]; i++) {
		unsigned c = p[i];
		size_t n, plain = i;

		/* A run of what passes as it is, in one write. */
		while (plain < max && p[plain] >= 0x20 && p[plain] < 0x7f &&
		       p[plain] != '\\' && !(o->json && p[plain] == '"'))
			plain++;
		if (plain > i) {
			fwrite_unlocked(p + i, 1, plain - i, o->f);
			i = plain - 1;
			continue;
		}
		n = tpgen_utf8_len(p + i, max - i);

		if (n > 1) {
			/* Valid UTF-8 passes as it is. */
			fwrite(p + i, 1, n, o->f);
			i += n - 1;
		} else if (c == '\\' || (o->json && c == '"')) {
			fprintf(o->f, "\\%c", c);
		} else if (c >= 0x20 && c < 0x7f) {
			fputc(c, o->f);
		} else if (o->json) {
			fprintf(o->f, "\\u%04x", c);
		} else {
			fprintf(o->f, "\\x%02x", c);
		}
	}
	if (o->json)
		fputc_unlocked('"', o->f);
}

static inline void tpgen_key(struct tpgen_out *o, const char *name)
{
	if (o->json) {
		fputs_unlocked(o->n++ ? ",\"" : "\"", o->f);
		fputs_unlocked(name, o->f);
		fputs_unlocked("\":", o->f);
	} else {
		fputc_unlocked(' ', o->f);
		fputs_unlocked(name, o->f);
		fputc_unlocked('=', o->f);
	}
}

/* TID [CPU] SECONDS.MICROSECONDS: the kernel's trace file's shape, at p;
 * returns the number of characters. */
static inline size_t tpgen_when(char *p, const struct tpgen_record *rec)
{
	size_t n = 0;

	p[n++] = '-';
	n += tpgen_utoa(p + n, rec->tid, 0);
	p[n++] = ' ';
	p[n++] = '[';
	n += tpgen_utoa(p + n, rec->cpu, 3);
	p[n++] = ']';
	p[n++] = ' ';
	n += tpgen_utoa(p + n, rec->ts_ns / 1000000000ULL, 0);
	p[n++] = '.';
	n += tpgen_utoa(p + n, rec->ts_ns % 1000000000ULL / 1000, 6);
	p[n++] = ':';
	p[n++] = ' ';
	return n;
}

/* KEY then the number v at p (KEY with its quotes, comma and colon);
 * returns the number of characters. */
static inline size_t tpgen_json_num(char *p, const char *key,
				    unsigned long long v)
{
	size_t n = strlen(key);

	memcpy(p, key, n);
	return n + tpgen_utoa(p + n, v, 0);
}

/* The start of a line in the kernel's trace file: TASK-PID [CPU] TIME:
 * and a space.  What follows is the event's text, which starts with its
 * name ("EVENT: ..."), but for syscalls ("sys_NAME(...)"). */
static inline void tpgen_begin_text(struct tpgen_out *o,
				    const struct tpgen_record *rec)
{
	char buf[96];

	tpgen_put_str(o, rec->comm, sizeof(rec->comm));
	fwrite_unlocked(buf, 1, tpgen_when(buf, rec), o->f);
}

static inline void tpgen_begin(struct tpgen_out *o, const struct tpgen_record *rec,
			const char *event)
{
	char buf[128];
	size_t n;

	o->n = 0;
	if (!o->json) {
		tpgen_begin_text(o, rec);
		fputs_unlocked(event, o->f);
		fputc_unlocked(':', o->f);
		return;
	}
	fputs_unlocked("{\"event\":\"", o->f);
	fputs_unlocked(event, o->f);
	n = tpgen_json_num(buf, "\",\"ts_ns\":", rec->ts_ns);
	n += tpgen_json_num(buf + n, ",\"cpu\":", rec->cpu);
	n += tpgen_json_num(buf + n, ",\"pid\":", rec->pid);
	n += tpgen_json_num(buf + n, ",\"tid\":", rec->tid);
	memcpy(buf + n, ",\"comm\":", 8);
	n += 8;
	fwrite_unlocked(buf, 1, n, o->f);
	tpgen_put_str(o, rec->comm, sizeof(rec->comm));
	fputs_unlocked(",\"fields\":{", o->f);
}

/* Ends every dynamic field's data with a NUL, as strings need. */
static inline void tpgen_end_strings(struct tpgen_record *rec, unsigned fixed,
				     unsigned ndyn)
{
	unsigned i;

	for (i = 0; i < ndyn; i++) {
		struct tpgen_dyn *d = tpgen_dyn(rec->data, fixed, i);

		d->data[d->len < TPGEN_DYN_MAX ? d->len : TPGEN_DYN_MAX - 1] =
			'\0';
	}
}

static inline void tpgen_end(struct tpgen_out *o)
{
	fputs_unlocked(o->json ? "}}\n" : "\n", o->f);
}

static inline void tpgen_int(struct tpgen_out *o, const char *name, long long v)
{
	char buf[24];

	if (name)
		tpgen_key(o, name);
	else if (o->n++)
		fputc_unlocked(',', o->f);
	fwrite_unlocked(buf, 1, tpgen_itoa(buf, v), o->f);
}

static inline void tpgen_uint(struct tpgen_out *o, const char *name,
		       unsigned long long v)
{
	char buf[24];

	if (name)
		tpgen_key(o, name);
	else if (o->n++)
		fputc_unlocked(',', o->f);
	fwrite_unlocked(buf, 1, tpgen_utoa(buf, v, 0), o->f);
}

/* Addresses: hex, quoted in JSON where numbers this large lose bits.
 * With a NULL name, an array item. */
static inline void tpgen_hex(struct tpgen_out *o, const char *name,
		      unsigned long long v)
{
	if (name)
		tpgen_key(o, name);
	else if (o->n++)
		fputc(',', o->f);
	fprintf(o->f, o->json ? "\"0x%llx\"" : "0x%llx", v);
}

static inline void tpgen_str(struct tpgen_out *o, const char *name, const void *s,
		      size_t max)
{
	tpgen_key(o, name);
	tpgen_put_str(o, s, max);
}

/* Data of no known element type: hex digits. */
static inline void tpgen_bytes(struct tpgen_out *o, const char *name, const void *p,
			size_t len)
{
	const unsigned char *b = p;
	size_t i;

	tpgen_key(o, name);
	if (o->json)
		fputc('"', o->f);
	for (i = 0; i < len; i++)
		fprintf(o->f, "%02x", b[i]);
	if (o->json)
		fputc('"', o->f);
}

/* Arrays: name=[1,2,3], items printed by tpgen_int/tpgen_uint with a
 * NULL name.  *saved keeps the field count across the items. */
static inline void tpgen_array_begin(struct tpgen_out *o, const char *name,
			      unsigned *saved)
{
	tpgen_key(o, name);
	fputc('[', o->f);
	*saved = o->n;
	o->n = 0;
}

static inline void tpgen_array_end(struct tpgen_out *o, unsigned saved)
{
	fputc(']', o->f);
	o->n = saved;
}

/* Dynamic data as an array of `width`-byte integers. */
static inline void tpgen_dyn_array(struct tpgen_out *o, const char *name,
			    const struct tpgen_dyn *d, unsigned width,
			    bool is_signed, bool addresses)
{
	unsigned saved;
	__u32 i;

	tpgen_array_begin(o, name, &saved);
	for (i = 0; i + width <= d->len; i += width) {
		/* Typed copies read the kernel's byte order, which is this
		 * machine's: the loader runs where it traces. */
		__u8 u8;
		__u16 u16;
		__u32 u32;
		__u64 u64;

		switch (width) {
		case 1:
			memcpy(&u8, d->data + i, 1);
			if (is_signed)
				tpgen_int(o, NULL, (__s8)u8);
			else
				tpgen_uint(o, NULL, u8);
			break;
		case 2:
			memcpy(&u16, d->data + i, 2);
			if (is_signed)
				tpgen_int(o, NULL, (__s16)u16);
			else
				tpgen_uint(o, NULL, u16);
			break;
		case 4:
			memcpy(&u32, d->data + i, 4);
			if (is_signed)
				tpgen_int(o, NULL, (__s32)u32);
			else
				tpgen_uint(o, NULL, u32);
			break;
		default:
			memcpy(&u64, d->data + i, 8);
			if (addresses)
				tpgen_hex(o, NULL, u64);
			else if (is_signed)
				tpgen_int(o, NULL, (__s64)u64);
			else
				tpgen_uint(o, NULL, u64);
			break;
		}
	}
	tpgen_array_end(o, saved);
}

/* ---- the kernel's rendering (print fmt compiled by tpgen) ------------ */

struct tpgen_symbol {
	unsigned long long value;
	const char *name;
};

/* A syscall's argument as the kernel's print_syscall_enter() writes it:
 * NAME then the value, in decimal below 10, in hex from 10. */
static inline void tpgen_syscall_arg(struct tpgen_out *o, const char *name,
				     unsigned long long v)
{
	fputs_unlocked(name, o->f);
	fprintf(o->f, v < 10 ? "%llu" : "0x%llx", v);
}

static inline const char *tpgen_nonnull(const char *s)
{
	return s ? s : "(null)";
}

/* __print_symbolic: the name of the value, else the value in hex, as the
 * kernel's trace_print_symbols_seq(); a NULL name ends the table. */
static inline const char *tpgen_symbolic(char *buf, size_t n,
					 const struct tpgen_symbol *t,
					 unsigned long long v)
{
	for (; t->name; t++)
		if (t->value == v)
			return t->name;
	snprintf(buf, n, "0x%llx", v);
	return buf;
}

/* __print_flags, as the kernel's trace_print_flags_seq(). */
static inline const char *tpgen_flags(char *buf, size_t n, const char *delim,
				      const struct tpgen_symbol *t,
				      unsigned long long v)
{
	size_t used = 0;

	buf[0] = '\0';
	for (; t->name && v; t++) {
		if ((v & t->value) != t->value)
			continue;
		v &= ~t->value;
		used += (size_t)snprintf(buf + used, used < n ? n - used : 0,
					 "%s%s", used && delim ? delim : "",
					 t->name);
	}
	if (v)
		snprintf(buf + used, used < n ? n - used : 0, "%s0x%llx",
			 used && delim ? delim : "", v);
	return buf;
}

/* __print_hex and __print_hex_str. */
static inline const char *tpgen_hex_seq(char *buf, size_t n, const void *p,
					unsigned long len, bool concatenate)
{
	const unsigned char *b = p;
	size_t used = 0;
	unsigned long i;

	buf[0] = '\0';
	for (i = 0; i < len && used < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s%2.2x",
					 concatenate || !i ? "" : " ", b[i]);
	return buf;
}

/* __print_array: {0x1,0x2}. */
static inline const char *tpgen_array_seq(char *buf, size_t n, const void *p,
					  unsigned long count,
					  unsigned long size)
{
	const unsigned char *b = p;
	size_t used = 1;
	unsigned long i;

	snprintf(buf, n, "{");
	for (i = 0; i < count && used < n; i++, b += size) {
		__u8 u8;
		__u16 u16;
		__u32 u32;
		__u64 u64 = 0;

		switch (size) {
		case 1: memcpy(&u8, b, 1); u64 = u8; break;
		case 2: memcpy(&u16, b, 2); u64 = u16; break;
		case 4: memcpy(&u32, b, 4); u64 = u32; break;
		case 8: memcpy(&u64, b, 8); break;
		default: break;
		}
		used += (size_t)snprintf(buf + used, n - used, "%s0x%llx",
					 i ? "," : "", (unsigned long long)u64);
	}
	if (used < n)
		snprintf(buf + used, n - used, "}");
	return buf;
}

/* /proc/kallsyms, sorted, for %pS and %ps. */
struct tpgen_ksym {
	unsigned long long addr;
	size_t index;
	char *name; /* "func" or "func [module]" */
};

static struct tpgen_ksym *tpgen_ksyms;
static size_t tpgen_nksyms;

static inline int tpgen_ksym_cmp(const void *a, const void *b)
{
	const struct tpgen_ksym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* Aliases stay in kallsyms' order: the kernel names the first. */
	return x->index < y->index ? -1 : x->index > y->index;
}

static inline void tpgen_load_ksyms(void)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[512], name[256], mod[128];
	unsigned long long addr;
	size_t cap = 0;
	char type;

	tpgen_nksyms = 0;
	while (f && fgets(line, sizeof(line), f)) {
		int n = sscanf(line, "%llx %c %255s %127s", &addr, &type, name,
			       mod);
		struct tpgen_ksym *v;

		if (n < 3 || !addr)
			continue;
		if (tpgen_nksyms == cap) {
			cap = cap ? 2 * cap : 65536;
			v = realloc(tpgen_ksyms, cap * sizeof(*v));
			if (!v)
				break;
			tpgen_ksyms = v;
		}
		v = &tpgen_ksyms[tpgen_nksyms];
		v->addr = addr;
		v->index = tpgen_nksyms++;
		if (n == 4)
			v->name = malloc(strlen(name) + strlen(mod) + 2);
		else
			v->name = strdup(name);
		if (v->name && n == 4)
			sprintf(v->name, "%s %s", name, mod);
		if (!v->name)
			tpgen_nksyms--;
	}
	if (f)
		fclose(f);
	if (tpgen_nksyms)
		qsort(tpgen_ksyms, tpgen_nksyms, sizeof(*tpgen_ksyms),
		      tpgen_ksym_cmp);
}

/* func+0x1a/0x50 [module] for %pS, func [module] for %ps. */
static inline void tpgen_symbol_at(FILE *f, unsigned long long v, bool offset)
{
	size_t lo = 0, hi;
	const struct tpgen_ksym *k;
	const char *mod;

	if (!tpgen_ksyms)
		tpgen_load_ksyms();
	hi = tpgen_nksyms;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (tpgen_ksyms[mid].addr <= v)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!v || !lo || lo >= tpgen_nksyms) {
		fprintf(f, "0x%llx", v);
		return;
	}
	k = &tpgen_ksyms[lo - 1];
	while (k > tpgen_ksyms && k[-1].addr == k->addr)
		k--;
	mod = strchr(k->name, ' ');
	fprintf(f, "%.*s", (int)(mod ? mod - k->name : (long)strlen(k->name)),
		k->name);
	if (offset)
		fprintf(f, "+0x%llx/0x%llx", v - k->addr,
			tpgen_ksyms[lo].addr - k->addr);
	if (mod)
		fputs(mod, f);
}

/* An IPv6 address, in full or compressed (RFC 5952) as the kernel's
 * ip6_compressed_string() writes it. */
static inline void tpgen_ip6(FILE *f, const unsigned char *a, bool compress)
{
	unsigned short w[8];
	int i, best = -1, best_len = 0, run, start;

	for (i = 0; i < 8; i++)
		w[i] = (unsigned short)(a[2 * i] << 8 | a[2 * i + 1]);
	if (!compress) {
		for (i = 0; i < 8; i++)
			fprintf(f, "%s%04x", i ? ":" : "", w[i]);
		return;
	}
	/* IPv4-mapped and -compatible addresses end in dotted quads. */
	if (!w[0] && !w[1] && !w[2] && !w[3] && !w[4] && w[5] == 0xffff) {
		fprintf(f, "::ffff:%u.%u.%u.%u", a[12], a[13], a[14], a[15]);
		return;
	}
	for (i = 0; i < 8; i = start + run + 1) {
		start = i;
		for (run = 0; start + run < 8 && !w[start + run]; run++)
			;
		if (run > best_len) {
			best = start;
			best_len = run;
		}
	}
	if (best_len < 2)
		best = -1;
	for (i = 0; i < 8; i++) {
		if (i == best) {
			fputs("::", f);
			i += best_len - 1;
			continue;
		}
		fprintf(f, "%s%x", i && i != best + best_len ? ":" : "", w[i]);
	}
}

/* %p and the kernel's %p extensions that the record holds enough for. */
static inline void tpgen_pointer(struct tpgen_out *o, const char *ext,
				 const char *flags, unsigned long long v,
				 const void *ptr)
{
	const unsigned char *a = ptr;
	FILE *f = o->f;
	int i;

	(void)flags;
	if (ext[0] == 'S' || ext[0] == 'B' || ext[0] == 's') {
		tpgen_symbol_at(f, v, ext[0] != 's');
	} else if (ext[0] == 'I' || ext[0] == 'i') {
		if (ext[1] == '4') {
			fprintf(f, ext[0] == 'i' ? "%03u.%03u.%03u.%03u" :
				"%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
		} else if (ext[1] == '6') {
			tpgen_ip6(f, a, strchr(ext, 'c') != NULL);
		} else if (ext[1] == 'S') {
			/* A sockaddr: the family in this machine's order,
			 * the port in the network's. */
			__u16 family;
			unsigned port = (unsigned)(a[2] << 8 | a[3]);

			memcpy(&family, a, 2);
			if (family == 2)
				fprintf(f, "%u.%u.%u.%u", a[4], a[5], a[6],
					a[7]);
			else if (family == 10) {
				if (strchr(ext, 'p'))
					fputc('[', f);
				tpgen_ip6(f, a + 8, strchr(ext, 'c') != NULL);
				if (strchr(ext, 'p'))
					fputc(']', f);
			} else {
				fputs("(einval)", f);
				return;
			}
			if (strchr(ext, 'p'))
				fprintf(f, ":%u", port);
		}
	} else if (ext[0] == 'M' || ext[0] == 'm') {
		for (i = 0; i < 6; i++)
			fprintf(f, "%s%02x", i && ext[0] == 'M' ? ":" : "",
				a[i]);
	} else if (ext[0] == 'U') {
		static const int be[16] = { 0, 1, 2, 3, 4, 5, 6, 7,
					    8, 9, 10, 11, 12, 13, 14, 15 };
		static const int le[16] = { 3, 2, 1, 0, 5, 4, 7, 6,
					    8, 9, 10, 11, 12, 13, 14, 15 };
		const int *order = strchr("lL", ext[1] ? ext[1] : 'b') ? le : be;
		bool upper = ext[1] == 'B' || ext[1] == 'L';

		for (i = 0; i < 16; i++)
			fprintf(f, upper ? "%s%02X" : "%s%02x",
				i == 4 || i == 6 || i == 8 || i == 10 ? "-" :
				"", a[order[i]]);
	} else {
		/* Plain %p: the kernel prints a hash of the address, which
		 * no one else can compute; this is the address itself. */
		fprintf(f, "%016llx", v);
	}
}

#endif
