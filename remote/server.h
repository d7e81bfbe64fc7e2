/* SPDX-License-Identifier: GPL-2.0 */
/*
 * teamctld's server: the unix socket and TLS listeners, the connections,
 * and what a request goes through (remote/PROTOCOL.md):
 *
 *   frame -> request_parse -> op_find -> rate limit -> role (before the
 *   args are read) -> args_decode -> role again (args_role) -> ops_run
 *   -> response; for a change: audit line, desired state updated and saved
 *
 * One thread and one poll loop: a kernel operation takes milliseconds, and
 * serialising them keeps changes and the state file in one order. Every
 * connection has bounded buffers, a rate limit, a deadline for a request
 * it has started to send (and for the TLS handshake) and an idle timeout;
 * a connection that breaks a rule is answered and closed, and the others
 * are not affected.
 *
 * The desired state (state.h) is the configuration of the teams changed
 * through the daemon: after each change, the teams it touched are read
 * back from the kernel and replace their entry (or leave it, when they are
 * gone). It is applied at start and whenever the lbfo family comes back
 * (lbfo.ko loaded again), team by team.
 */
#ifndef REMOTE_SERVER_H
#define REMOTE_SERVER_H

#include <stddef.h>

#include "audit.h"
#include "conf.h"

struct server;

/*
 * Bind the listeners, load the TLS credentials, read the desired state and
 * start watching the lbfo family. 0, or -1 with msg.
 */
int server_new(const struct conf *c, struct audit *a, struct server **out,
	       char *msg, size_t size);

/* Apply the desired state to the kernel (logged, team by team). */
void server_restore(struct server *s);

/*
 * Serve until SIGTERM or SIGINT (which the caller has blocked: they are
 * let through only while waiting). 0, or -1 if the loop itself failed.
 */
int server_run(struct server *s);

void server_free(struct server *s);

#endif /* REMOTE_SERVER_H */
