// SPDX-License-Identifier: GPL-2.0
/* teamctld's configuration file (see conf.h). */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "jcheck.h"

#define DEFAULT_SOCKET	"/run/lbfo/teamctld.sock"
#define DEFAULT_STATE	"/var/lib/lbfo/teamctld.json"
#define DEFAULT_AUDIT	"/var/log/lbfo/audit.log"

bool conf_init(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	c->socket = strdup(DEFAULT_SOCKET);
	c->state = strdup(DEFAULT_STATE);
	c->audit = strdup(DEFAULT_AUDIT);
	c->group_role = ROLE_READER;
	c->max_clients = 64;
	c->max_request = 256 * 1024;
	c->rate = 20;
	c->burst = 40;
	c->idle_timeout = 300;
	c->request_timeout = 10;
	return c->socket && c->state && c->audit;
}

void conf_free(struct conf *c)
{
	size_t i;

	free(c->socket);
	for (i = 0; i < c->n_listen; i++)
		free(c->listen[i]);
	free(c->cert);
	free(c->key);
	free(c->ca);
	free(c->crl);
	free(c->clients);
	free(c->state);
	free(c->audit);
	memset(c, 0, sizeof(*c));
}

enum role conf_client_role(const struct conf *c, const char *cn)
{
	size_t i;

	for (i = 0; i < c->n_clients; i++)
		if (!strcmp(c->clients[i].cn, cn))
			return c->clients[i].role;
	return ROLE_NONE;
}

/* A string at key into *out (replacing the default); empty if allow_empty. */
static bool get_str(const json_t *o, const char *key, bool allow_empty,
		    char **out, char *msg, size_t size)
{
	json_t *v = json_object_get(o, key);
	char *dup;

	if (!v)
		return true;
	if (!json_is_string(v) ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return jc_fail(msg, size, "%s: must be a string", key);
	if (!allow_empty && !json_string_length(v))
		return jc_fail(msg, size, "%s: must not be empty", key);
	dup = strdup(json_string_value(v));
	if (!dup)
		return jc_fail(msg, size, "out of memory");
	free(*out);
	*out = dup;
	return true;
}

/* An integer in [min, max] at key. */
static bool get_num(const json_t *o, const char *key, long long min,
		    long long max, long long *out, char *msg, size_t size)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return true;
	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max)
		return jc_fail(msg, size, "%s: must be an integer from %lld to %lld",
			       key, min, max);
	*out = json_integer_value(v);
	return true;
}

static bool get_role(const json_t *v, const char *where, enum role *out,
		     char *msg, size_t size)
{
	int r = json_is_string(v) ? role_find(json_string_value(v)) : -1;

	if (r <= ROLE_NONE)
		return jc_fail(msg, size, "%s: invalid role: expected reader, operator or admin",
			       where);
	*out = r;
	return true;
}

static bool get_listen(const json_t *o, struct conf *c, char *msg,
		       size_t size)
{
	json_t *v = json_object_get(o, "listen"), *e;
	size_t i;

	if (!v)
		return true;
	if (json_is_string(v) && !json_string_length(v))
		return jc_fail(msg, size, "listen: must not be empty");
	if (json_is_string(v)) {
		c->listen[0] = strdup(json_string_value(v));
		c->n_listen = c->listen[0] ? 1 : 0;
		return c->n_listen || jc_fail(msg, size, "out of memory");
	}
	if (!json_is_array(v) || json_array_size(v) > CONF_MAX_LISTEN)
		return jc_fail(msg, size, "listen: must be an address or an array of at most %d",
			       CONF_MAX_LISTEN);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e) || !json_string_length(e))
			return jc_fail(msg, size, "listen[%zu]: must be an address",
				       i);
		c->listen[i] = strdup(json_string_value(e));
		if (!c->listen[i])
			return jc_fail(msg, size, "out of memory");
		c->n_listen++;
	}
	return true;
}

static bool valid_cn(const char *s)
{
	size_t i, n = strlen(s);

	if (!n || n > CONF_CN_MAX)
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < ' ' || s[i] == 0x7f)
			return false;
	return true;
}

/* s with control characters as '?', cut at 64 bytes: for messages. */
static const char *printable(const char *s, char *buf, size_t size)
{
	size_t i;

	for (i = 0; s[i] && i < CONF_CN_MAX && i + 1 < size; i++)
		buf[i] = (unsigned char)s[i] < ' ' || s[i] == 0x7f ? '?' : s[i];
	buf[i] = '\0';
	return buf;
}

static bool get_clients(const json_t *o, struct conf *c, char *msg,
			size_t size)
{
	json_t *v = json_object_get(o, "clients"), *e;
	char where[96];
	const char *cn;
	size_t i = 0;

	if (!v)
		return true;
	if (!json_is_object(v))
		return jc_fail(msg, size, "clients: must be an object of name: role");
	c->clients = calloc(json_object_size(v) + 1, sizeof(*c->clients));
	if (!c->clients)
		return jc_fail(msg, size, "out of memory");
	json_object_foreach(v, cn, e) {
		if (!valid_cn(cn))
			return jc_fail(msg, size, "clients: '%s' is not a certificate name (1 to %d printable characters)",
				       printable(cn, where, sizeof(where)),
				       CONF_CN_MAX);
		snprintf(where, sizeof(where), "clients.%s", cn);
		snprintf(c->clients[i].cn, sizeof(c->clients[i].cn), "%s", cn);
		if (!get_role(e, where, &c->clients[i].role, msg, size))
			return false;
		c->n_clients = ++i;
	}
	return true;
}

static bool get_group(const json_t *o, struct conf *c, char *msg,
		      size_t size)
{
	json_t *v = json_object_get(o, "socket_group");
	struct group *g;

	if (json_object_get(o, "socket_group_role") &&
	    !get_role(json_object_get(o, "socket_group_role"),
		      "socket_group_role", &c->group_role, msg, size))
		return false;
	if (!v)
		return true;
	if (!json_is_string(v) || !json_string_length(v) ||
	    json_string_length(v) >= sizeof(c->group_name))
		return jc_fail(msg, size, "socket_group: must be a group name");
	errno = 0;
	g = getgrnam(json_string_value(v));
	if (!g)
		return jc_fail(msg, size, "socket_group: no group '%s'%s%s",
			       json_string_value(v), errno ? ": " : "",
			       errno ? strerror(errno) : "");
	c->has_group = true;
	c->group = g->gr_gid;
	snprintf(c->group_name, sizeof(c->group_name), "%s", g->gr_name);
	return true;
}

static bool from_json(const json_t *o, struct conf *c, char *msg,
		      size_t size)
{
	static const char *const keys[] = {
		"socket", "socket_group", "socket_group_role", "listen",
		"cert", "key", "ca", "crl", "clients", "state", "audit",
		"max_clients", "max_request", "rate", "burst", "idle_timeout",
		"request_timeout", NULL,
	};
	long long max_clients = c->max_clients, max_request = c->max_request;
	long long rate = (long long)c->rate, burst = (long long)c->burst;
	long long idle = c->idle_timeout, req = c->request_timeout;

	if (!json_is_object(o))
		return jc_fail(msg, size, "must be a JSON object");
	if (!jc_known_keys(o, keys, NULL, "configuration", msg, size) ||
	    !get_str(o, "socket", true, &c->socket, msg, size) ||
	    !get_group(o, c, msg, size) ||
	    !get_listen(o, c, msg, size) ||
	    !get_str(o, "cert", false, &c->cert, msg, size) ||
	    !get_str(o, "key", false, &c->key, msg, size) ||
	    !get_str(o, "ca", false, &c->ca, msg, size) ||
	    !get_str(o, "crl", false, &c->crl, msg, size) ||
	    !get_clients(o, c, msg, size) ||
	    !get_str(o, "state", false, &c->state, msg, size) ||
	    !get_str(o, "audit", true, &c->audit, msg, size) ||
	    !get_num(o, "max_clients", 1, CONF_MAX_CLIENTS, &max_clients, msg,
		     size) ||
	    !get_num(o, "max_request", 1024, 16 << 20, &max_request, msg,
		     size) ||
	    !get_num(o, "rate", 1, 100000, &rate, msg, size) ||
	    !get_num(o, "burst", 1, 100000, &burst, msg, size) ||
	    !get_num(o, "idle_timeout", 0, 86400, &idle, msg, size) ||
	    !get_num(o, "request_timeout", 1, 3600, &req, msg, size))
		return false;
	c->max_clients = (unsigned int)max_clients;
	c->max_request = (size_t)max_request;
	c->rate = (double)rate;
	c->burst = (double)burst;
	c->idle_timeout = (unsigned int)idle;
	c->request_timeout = (unsigned int)req;
	if (c->n_listen && (!c->cert || !c->key || !c->ca))
		return jc_fail(msg, size, "listen needs cert, key and ca (mutual TLS is not optional)");
	if (!c->n_listen && !c->socket[0])
		return jc_fail(msg, size, "neither a socket nor listen: nothing to serve");
	return true;
}

bool conf_load(struct conf *c, const char *file, bool missing_ok, char *msg,
	       size_t size)
{
	char why[256];
	json_error_t jerr;
	json_t *root;
	FILE *f;
	bool ok;

	f = fopen(file, "r");
	if (!f) {
		if (errno == ENOENT && missing_ok)
			return true;
		return jc_fail(msg, size, "%s: %s", file, strerror(errno));
	}
	root = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
	fclose(f);
	if (!root)
		return jc_fail(msg, size, "%s:%d:%d: %s", file, jerr.line,
			       jerr.column, jerr.text);
	ok = from_json(root, c, why, sizeof(why));
	json_decref(root);
	if (!ok)
		return jc_fail(msg, size, "%s: %s", file, why);
	return true;
}
