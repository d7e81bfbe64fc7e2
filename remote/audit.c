// SPDX-License-Identifier: GPL-2.0
/* The audit log (see audit.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"

struct audit {
	int fd;			/* -1: stderr only */
};

int audit_open(const char *path, struct audit **out, char *msg, size_t size)
{
	struct audit *a = calloc(1, sizeof(*a));

	*out = NULL;
	if (!a) {
		snprintf(msg, size, "out of memory");
		return -1;
	}
	a->fd = -1;
	if (path[0]) {
		a->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
			     0640);
		if (a->fd < 0) {
			snprintf(msg, size, "audit log %s: %s", path,
				 strerror(errno));
			free(a);
			return -1;
		}
	}
	*out = a;
	return 0;
}

void audit_close(struct audit *a)
{
	if (!a)
		return;
	if (a->fd >= 0)
		close(a->fd);
	free(a);
}

/* "2026-11-22T10:00:00.123Z" */
static void now_text(char *buf, size_t size)
{
	struct timeval tv;
	struct tm tm;
	size_t n;

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, size - n, ".%03ldZ", (long)tv.tv_usec / 1000);
}

void audit_log(struct audit *a, const char *who, const char *peer,
	       enum role role, const char *op, const json_t *args,
	       const char *result, const json_t *messages)
{
	char time[40], *line;
	const char *first;
	json_t *o;
	size_t n;

	now_text(time, sizeof(time));
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:O?, s:s, s:O?}",
		      "time", time, "who", who, "peer", peer,
		      "role", role_name(role), "op", op, "args", args,
		      "result", result, "messages", messages);
	line = o ? json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
	json_decref(o);
	/* The journal's copy: who, from where, and why when it was not ok. */
	first = json_string_value(json_array_get(messages, 0));
	fprintf(stderr, "teamctld: audit: %s (%s) %s %s: %s%s%s\n", who, peer,
		role_name(role), op, result, first ? ": " : "",
		first ? first : "");
	if (!line) {
		fprintf(stderr, "teamctld: audit: out of memory\n");
		return;
	}
	n = strlen(line);
	line[n] = '\n';		/* over the NUL: one write, one line */
	if (a->fd >= 0 && write(a->fd, line, n + 1) != (ssize_t)(n + 1))
		fprintf(stderr, "teamctld: audit log write failed: %s\n",
			strerror(errno));
	free(line);
}
