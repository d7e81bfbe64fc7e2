/* SPDX-License-Identifier: GPL-2.0 */
/*
 * teamctld's configuration file (JSON, default /etc/lbfo/teamctld.json;
 * see teamctld(8)). Every key is optional; what is absent takes the
 * default below. Pure: no I/O beyond reading the file, unit tested.
 *
 *   {"socket": "/run/lbfo/teamctld.sock",
 *    "socket_group": "lbfo", "socket_group_role": "operator",
 *    "listen": ["192.0.2.10:7640", "[2001:db8::10]:7640"],
 *    "cert": FILE, "key": FILE, "ca": FILE, "crl": FILE,
 *    "clients": {"alice": "admin", "monitor1": "reader"},
 *    "state": "/var/lib/lbfo/teamctld.json",
 *    "audit": "/var/log/lbfo/audit.log",
 *    "max_clients": 64, "max_request": 262144,
 *    "rate": 20, "burst": 40,
 *    "idle_timeout": 300, "request_timeout": 10}
 */
#ifndef REMOTE_CONF_H
#define REMOTE_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "args.h"

#define CONF_FILE		"/etc/lbfo/teamctld.json"
#define CONF_MAX_LISTEN		8
#define CONF_MAX_CLIENTS	1024
#define CONF_CN_MAX		64

/* A certificate identity (subject CN) and its role. */
struct conf_client {
	char cn[CONF_CN_MAX + 1];
	enum role role;
};

struct conf {
	char *socket;		/* "" : no unix socket */
	bool has_group;
	gid_t group;		/* socket_group, resolved */
	char group_name[64];
	enum role group_role;	/* default ROLE_READER */
	char *listen[CONF_MAX_LISTEN];	/* "HOST:PORT" */
	size_t n_listen;
	char *cert, *key, *ca, *crl;	/* required with listen; crl optional */
	struct conf_client *clients;
	size_t n_clients;
	char *state;
	char *audit;		/* "" : audit to the log (stderr) only */
	unsigned int max_clients;	/* at once, over all listeners */
	size_t max_request;	/* bytes of one request */
	double rate;		/* requests per second per connection */
	double burst;
	unsigned int idle_timeout;	/* seconds; 0: never */
	unsigned int request_timeout;	/* seconds to finish a request, */
					/* and the TLS handshake */
};

/* Defaults only. false: out of memory. */
bool conf_init(struct conf *c);

/*
 * Read file into c (conf_init'ed). A file that does not exist is fine when
 * missing_ok. false: msg says what is wrong and where ("teamctld.json:
 * clients.alice: invalid role: expected reader, operator or admin").
 * Free c with conf_free() either way.
 */
bool conf_load(struct conf *c, const char *file, bool missing_ok, char *msg,
	       size_t size);

/* The role of a certificate identity: ROLE_NONE unless listed. */
enum role conf_client_role(const struct conf *c, const char *cn);

void conf_free(struct conf *c);

#endif /* REMOTE_CONF_H */
