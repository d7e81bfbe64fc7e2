/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A client connection of teamctld and the server that owns it: internal to
 * server.c (listeners, poll loop, I/O, deadlines) and handle.c (what a
 * request goes through). A connection lives from accept() until it is
 * closed by conn_close(), always from the loop; nothing else keeps a
 * pointer to it across iterations.
 */
#ifndef REMOTE_CONN_H
#define REMOTE_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "args.h"
#include "audit.h"
#include "conf.h"
#include "desired.h"
#include "kernel.h"
#include "proto.h"
#include "tls.h"

/* What a connection may queue before it is dropped (a stalled monitor). */
#define CONN_OUT_MAX	(8u << 20)

enum conn_state {
	CONN_HANDSHAKE,		/* TLS handshake not done */
	CONN_OPEN,
	CONN_CLOSING,		/* flush what is queued, then close */
};

struct conn {
	struct conn *next;
	int fd;
	struct tls_conn *tls;		/* NULL: the unix socket */
	enum conn_state state;
	char who[96];			/* "cert:alice", "uid:1000(bob)" */
	char peer[96];			/* "tls:192.0.2.7:51234", "unix:pid 42" */
	enum role role;
	struct frame_reader in;
	unsigned char *out;		/* frames queued, from out_off */
	size_t out_len, out_off;
	bool tls_wants_write;		/* the last TLS call said WANT_WRITE */
	bool monitor;			/* events go to it, with monitor_id */
	long long monitor_id;
	double tokens;			/* rate limit bucket */
	int64_t refill_ms;
	int64_t active_ms;		/* last request (idle timeout) */
	int64_t partial_ms;		/* a request started, 0: none */
	int64_t deadline_ms;		/* the handshake's, 0: none */
};

struct server {
	struct conf *conf;		/* replaced whole by a reload (SIGHUP) */
	const char *conf_file;		/* NULL: the defaults, no file */
	struct audit *audit;
	struct desired desired;
	int unix_fd;			/* -1: none */
	ino_t unix_ino;			/* the socket we bound (unlink only it) */
	int tcp_fd[CONF_MAX_LISTEN];
	size_t n_tcp;
	struct tls_server *tls;		/* with listeners only */
	struct kernel_watch *watch;
	struct kernel *events;		/* subscribed while there are monitors */
	struct conn *conns;
	unsigned int n_conns;
	unsigned int n_monitors;
	int64_t restore_ms;		/* apply the desired state then, 0: no */
	int restore_tries;
};

/* CLOCK_MONOTONIC in milliseconds. */
int64_t now_ms(void);

/* "teamctld: ..." on stderr (the journal). */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Queue v (a frame) on c; a connection that cannot take it is closing. */
void conn_send(struct conn *c, const json_t *v);

/* Queue v and decref it. */
void conn_send_new(struct conn *c, json_t *v);

/* Answer, then close once the answer is out. */
void conn_close_after(struct conn *c, json_t *v);

/* Handle the whole frames c has received (handle.c). */
void handle_frames(struct server *s, struct conn *c);

/* Events from the kernel to every monitor (handle.c). */
void handle_events(struct server *s);

/* The lbfo family came (or went): notices to monitors (handle.c). */
void handle_family(struct server *s, int what);

/* A monitor went away: stop listening to the kernel when it was the last. */
void monitor_stop(struct server *s, struct conn *c);

/* An audit line about a connection that was refused before any request. */
void audit_refusal(struct server *s, struct conn *c, const char *why);

#endif /* REMOTE_CONN_H */
