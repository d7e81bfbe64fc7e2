/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The client end of teamctld's protocol, for teamctl --remote: connect to
 * "HOST:PORT" ("[ADDR]:PORT" for IPv6) over TLS 1.3 with a client
 * certificate, or to "unix:PATH" (the daemon's local socket, where the
 * kernel tells the daemon who we are), then send requests and read
 * replies, one frame at a time (proto.h). Blocking, with timeouts.
 */
#ifndef REMOTE_CLIENT_H
#define REMOTE_CLIENT_H

#include <jansson.h>
#include <stddef.h>

#include "proto.h"

struct rclient;

struct rclient_opts {
	const char *remote;	/* "HOST:PORT", "[ADDR]:PORT" or "unix:PATH" */
	const char *cert;	/* PEM files; required for HOST:PORT */
	const char *key;
	const char *ca;		/* the CA that signed the daemon's certificate */
	int timeout_ms;		/* connect, handshake and each reply */
};

/* 0, or -1 with msg saying what failed ("tls: certificate verify ..."). */
int rclient_connect(const struct rclient_opts *o, struct rclient **out,
		    char *msg, size_t size);

/* Send one frame holding v. 0 or -1 (msg). */
int rclient_send(struct rclient *c, const json_t *v, char *msg, size_t size);

/*
 * Read one frame into *out (reply_free() it). timeout_ms < 0: wait
 * forever. 0; -ETIMEDOUT; -EINTR if a signal arrived while waiting (only
 * signals the caller left unblocked); -EPIPE if the daemon closed the
 * connection; -EPROTO (msg) if what came is not a valid reply.
 */
int rclient_recv(struct rclient *c, struct reply *out, int timeout_ms,
		 char *msg, size_t size);

/* The signals to unblock while rclient_recv() waits (as ppoll's mask). */
void rclient_set_sigmask(struct rclient *c, const void *sigset);

void rclient_close(struct rclient *c);

#endif /* REMOTE_CLIENT_H */
