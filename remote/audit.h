/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The audit log: one JSON line per change asked for (and per refused
 * request), saying who, from where, with which role, what, and how it
 * ended:
 *
 *   {"time": "2026-11-22T10:00:00.123Z", "who": "cert:alice",
 *    "peer": "tls:192.0.2.7:51234", "role": "admin", "op": "team.add",
 *    "args": {...}, "result": "ok", "messages": [...]}
 *
 * result: "ok", "failed" (the kernel refused), "usage" (invalid args),
 * "denied" (the role does not allow it). Each line is one write() to a
 * file opened O_APPEND, so lines never interleave; a short copy goes to
 * stderr (the journal).
 */
#ifndef REMOTE_AUDIT_H
#define REMOTE_AUDIT_H

#include <jansson.h>
#include <stddef.h>

#include "args.h"

struct audit;

/* path "": no file, stderr only. 0, or -1 with msg. */
int audit_open(const char *path, struct audit **out, char *msg, size_t size);
void audit_close(struct audit *a);

void audit_log(struct audit *a, const char *who, const char *peer,
	       enum role role, const char *op, const json_t *args,
	       const char *result, const json_t *messages);

#endif /* REMOTE_AUDIT_H */
