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
 * it has started to send (and for the TLS handshake) and an idle timeout.
 * A request that is refused (malformed, unknown, over the rate, denied) is
 * answered and the connection goes on; a stream that cannot be read on (a
 * frame over the limit), a request not finished in time or an idle client
 * is answered and closed; a TLS client that does not finish its handshake
 * in time, or comes when max_clients are connected, is closed without an
 * answer (none can be sent before the handshake). Other connections are
 * never affected.
 *
 * SIGHUP reads the configuration file again: clients and roles, limits and
 * the TLS files (a new CRL) apply at once, and every TLS connection is
 * closed so that each client proves itself again; changes to socket and
 * listen need a restart. A file that is not valid is refused, and the
 * daemon goes on with what it had.
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
 * Read the desired state, load the TLS credentials and start watching the
 * lbfo family. The server takes c (conf_free()s it); file is where a
 * reload reads it again (NULL: the defaults). 0, or -1 with msg (a desired
 * state that exists but cannot be read is an error: it would be
 * overwritten by the next change).
 */
int server_new(struct conf *c, const char *file, struct audit *a,
	       struct server **out, char *msg, size_t size);

/* Apply the desired state to the kernel (logged, team by team). */
void server_restore(struct server *s);

/*
 * Bind the unix socket and the TCP listeners. After server_restore(), so
 * that a listen address on a team the daemon restores is there (binding
 * uses IP_FREEBIND as well, for an address that comes later). Refuses to
 * take over a socket another teamctld is serving. 0, or -1 with msg.
 */
int server_listen(struct server *s, char *msg, size_t size);

/*
 * Serve until SIGTERM or SIGINT (which the caller has blocked: they are
 * let through only while waiting). 0, or -1 if the loop itself failed.
 */
int server_run(struct server *s);

void server_free(struct server *s);

#endif /* REMOTE_SERVER_H */
