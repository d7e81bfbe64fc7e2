// SPDX-License-Identifier: GPL-2.0
/* conf.c: teamctld's configuration file, its defaults and its refusals. */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "harness.h"

/* A temporary directory with the file under test in it. */
struct tmp {
	char dir[64];
	char file[128];
};

static int setup(void **state)
{
	struct tmp *t = calloc(1, sizeof(*t));

	if (!t)
		return -1;
	snprintf(t->dir, sizeof(t->dir), "/tmp/test_conf.XXXXXX");
	if (!mkdtemp(t->dir)) {
		free(t);
		return -1;
	}
	snprintf(t->file, sizeof(t->file), "%s/teamctld.json", t->dir);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tmp *t = *state;

	unlink(t->file);
	rmdir(t->dir);
	free(t);
	return 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/*
 * Write text as the file and load it into *c (conf_free it). want NULL:
 * it must load. Otherwise it must be refused with a message that names
 * the file first and contains want.
 */
static bool load(struct tmp *t, const char *text, struct conf *c,
		 const char *want)
{
	char msg[512] = "";
	bool ok;

	write_file(t->file, text);
	assert_true(conf_init(c));
	ok = conf_load(c, t->file, false, msg, sizeof(msg));
	if (!want) {
		if (!ok) {
			conf_free(c);
			fail_msg("'%s' refused: %s", text, msg);
		}
		return true;
	}
	if (ok) {
		conf_free(c);
		fail_msg("'%s' accepted, expected '%s'", text, want);
	}
	if (strncmp(msg, t->file, strlen(t->file)) || !strstr(msg, want)) {
		conf_free(c);
		fail_msg("message '%s' does not start with '%s' or lacks '%s'",
			 msg, t->file, want);
	}
	return false;
}

/* Refused with want; c freed. */
static void refuse(struct tmp *t, const char *text, const char *want)
{
	struct conf c;

	load(t, text, &c, want);
	conf_free(&c);
}

/* The name of a group that exists: ours. */
static const char *some_group(gid_t *gid)
{
	struct group *g = getgrgid(getgid());

	assert_non_null(g);
	*gid = g->gr_gid;
	return g->gr_name;
}

static void assert_defaults(const struct conf *c)
{
	assert_string_equal(c->socket, "/run/lbfo/teamctld.sock");
	assert_false(c->has_group);
	assert_string_equal(c->group_name, "");
	assert_int_equal(c->group_role, ROLE_READER);
	assert_int_equal(c->n_listen, 0);
	assert_null(c->listen[0]);
	assert_null(c->cert);
	assert_null(c->key);
	assert_null(c->ca);
	assert_null(c->crl);
	assert_null(c->clients);
	assert_int_equal(c->n_clients, 0);
	assert_string_equal(c->state, "/var/lib/lbfo/teamctld.json");
	assert_string_equal(c->audit, "/var/log/lbfo/audit.log");
	assert_int_equal(c->max_clients, 64);
	assert_int_equal(c->max_request, 256 * 1024);
	assert_true(c->rate == 20);
	assert_true(c->burst == 40);
	assert_int_equal(c->idle_timeout, 300);
	assert_int_equal(c->request_timeout, 10);
}

static void defaults(void **state)
{
	struct conf c;

	(void)state;
	assert_true(conf_init(&c));
	assert_defaults(&c);
	conf_free(&c);
	/* conf_free leaves nothing behind, and twice is harmless. */
	assert_null(c.socket);
	assert_null(c.state);
	conf_free(&c);
}

static void empty_object(void **state)
{
	struct conf c;

	load(*state, "{}", &c, NULL);
	assert_defaults(&c);
	conf_free(&c);
}

static void every_key(void **state)
{
	char text[2048];
	const char *group;
	struct conf c;
	gid_t gid;

	group = some_group(&gid);
	snprintf(text, sizeof(text),
		 "{\"socket\": \"/tmp/x/teamctld.sock\",\n"
		 " \"socket_group\": \"%s\", \"socket_group_role\": \"operator\",\n"
		 " \"listen\": [\"192.0.2.10:7640\", \"[2001:db8::10]:7640\"],\n"
		 " \"cert\": \"/etc/lbfo/server.pem\", \"key\": \"/etc/lbfo/server.key\",\n"
		 " \"ca\": \"/etc/lbfo/ca.pem\", \"crl\": \"/etc/lbfo/crl.pem\",\n"
		 " \"clients\": {\"alice\": \"admin\", \"monitor1\": \"reader\",\n"
		 "             \"bob the operator\": \"operator\"},\n"
		 " \"state\": \"/tmp/x/state.json\", \"audit\": \"/tmp/x/audit.log\",\n"
		 " \"max_clients\": 1024, \"max_request\": 1024,\n"
		 " \"rate\": 3, \"burst\": 100000,\n"
		 " \"idle_timeout\": 0, \"request_timeout\": 3600}\n", group);
	load(*state, text, &c, NULL);
	assert_string_equal(c.socket, "/tmp/x/teamctld.sock");
	assert_true(c.has_group);
	assert_int_equal(c.group, gid);
	assert_string_equal(c.group_name, group);
	assert_int_equal(c.group_role, ROLE_OPERATOR);
	assert_int_equal(c.n_listen, 2);
	assert_string_equal(c.listen[0], "192.0.2.10:7640");
	assert_string_equal(c.listen[1], "[2001:db8::10]:7640");
	assert_string_equal(c.cert, "/etc/lbfo/server.pem");
	assert_string_equal(c.key, "/etc/lbfo/server.key");
	assert_string_equal(c.ca, "/etc/lbfo/ca.pem");
	assert_string_equal(c.crl, "/etc/lbfo/crl.pem");
	assert_int_equal(c.n_clients, 3);
	assert_string_equal(c.clients[0].cn, "alice");
	assert_int_equal(c.clients[0].role, ROLE_ADMIN);
	assert_string_equal(c.clients[1].cn, "monitor1");
	assert_int_equal(c.clients[1].role, ROLE_READER);
	assert_string_equal(c.clients[2].cn, "bob the operator");
	assert_int_equal(c.clients[2].role, ROLE_OPERATOR);
	assert_string_equal(c.state, "/tmp/x/state.json");
	assert_string_equal(c.audit, "/tmp/x/audit.log");
	assert_int_equal(c.max_clients, 1024);
	assert_int_equal(c.max_request, 1024);
	assert_true(c.rate == 3);
	assert_true(c.burst == 100000);
	assert_int_equal(c.idle_timeout, 0);
	assert_int_equal(c.request_timeout, 3600);
	conf_free(&c);
}

static void other_forms(void **state)
{
	struct conf c;

	/* listen as one address; no unix socket; audit to the log only. */
	load(*state, "{\"listen\": \"0.0.0.0:7640\", \"socket\": \"\", \"audit\": \"\","
	     "\"cert\": \"c\", \"key\": \"k\", \"ca\": \"a\", \"max_request\": 16777216}",
	     &c, NULL);
	assert_int_equal(c.n_listen, 1);
	assert_string_equal(c.listen[0], "0.0.0.0:7640");
	assert_string_equal(c.socket, "");
	assert_string_equal(c.audit, "");
	assert_null(c.crl);
	assert_int_equal(c.max_request, 16 << 20);
	conf_free(&c);

	/* Eight addresses is the most; an empty list is no listener. */
	load(*state, "{\"listen\": [\"a:1\",\"a:2\",\"a:3\",\"a:4\",\"a:5\",\"a:6\","
	     "\"a:7\",\"a:8\"], \"cert\": \"c\", \"key\": \"k\", \"ca\": \"a\"}", &c, NULL);
	assert_int_equal(c.n_listen, CONF_MAX_LISTEN);
	assert_string_equal(c.listen[7], "a:8");
	conf_free(&c);
	load(*state, "{\"listen\": []}", &c, NULL);
	assert_int_equal(c.n_listen, 0);
	conf_free(&c);

	/* The group's role without a group; no clients at all. */
	load(*state, "{\"socket_group_role\": \"admin\", \"clients\": {}}", &c, NULL);
	assert_int_equal(c.group_role, ROLE_ADMIN);
	assert_false(c.has_group);
	assert_int_equal(c.n_clients, 0);
	conf_free(&c);
}

static void refuse_unknown_key(void **state)
{
	refuse(*state, "{\"port\": 7640}", "configuration: unknown key 'port'");
	refuse(*state, "{\"socket\": \"/s\", \"Socket\": \"/t\"}",
	       "configuration: unknown key 'Socket'");
	refuse(*state, "{\"clients\": {}, \"client\": {}}",
	       "configuration: unknown key 'client'");
}

static void refuse_listen_without_tls(void **state)
{
	static const char want[] =
		"listen needs cert, key and ca (mutual TLS is not optional)";

	refuse(*state, "{\"listen\": \"0.0.0.0:7640\"}", want);
	refuse(*state, "{\"listen\": \"0.0.0.0:7640\", \"key\": \"k\", \"ca\": \"a\"}", want);
	refuse(*state, "{\"listen\": [\"0.0.0.0:7640\"], \"cert\": \"c\", \"ca\": \"a\"}",
	       want);
	refuse(*state, "{\"listen\": \"0.0.0.0:7640\", \"cert\": \"c\", \"key\": \"k\","
	       "\"crl\": \"r\"}", want);
}

static void refuse_bad_roles(void **state)
{
	refuse(*state, "{\"clients\": {\"alice\": \"root\"}}",
	       "clients.alice: invalid role");
	refuse(*state, "{\"clients\": {\"alice\": \"root\"}}",
	       "expected reader, operator or admin");
	/* "none" is a role, but not one to give. */
	refuse(*state, "{\"clients\": {\"bob\": \"none\"}}", "clients.bob: invalid role");
	refuse(*state, "{\"clients\": {\"alice\": \"admin\", \"bob\": 3}}",
	       "clients.bob: invalid role");
	refuse(*state, "{\"clients\": {\"alice\": \"Admin\"}}",
	       "clients.alice: invalid role");
	refuse(*state, "{\"clients\": {\"alice\": null}}", "clients.alice: invalid role");
	refuse(*state, "{\"clients\": [\"alice\"]}", "clients: must be an object of name: role");
	refuse(*state, "{\"clients\": \"alice\"}", "clients: must be an object of name: role");
	refuse(*state, "{\"socket_group_role\": \"superuser\"}",
	       "socket_group_role: invalid role");
	refuse(*state, "{\"socket_group_role\": \"none\"}",
	       "socket_group_role: invalid role");
}

static void refuse_client_names(void **state)
{
	char name[CONF_CN_MAX + 2], text[256];
	struct conf c;

	memset(name, 'a', CONF_CN_MAX);
	name[CONF_CN_MAX] = '\0';
	snprintf(text, sizeof(text), "{\"clients\": {\"%s\": \"reader\"}}", name);
	load(*state, text, &c, NULL);		/* 64: the most */
	assert_int_equal(c.n_clients, 1);
	assert_string_equal(c.clients[0].cn, name);
	assert_int_equal(conf_client_role(&c, name), ROLE_READER);
	conf_free(&c);

	name[CONF_CN_MAX] = 'a';
	name[CONF_CN_MAX + 1] = '\0';
	snprintf(text, sizeof(text), "{\"clients\": {\"%s\": \"reader\"}}", name);
	refuse(*state, text, "is not a certificate name (1 to 64 printable characters)");
	refuse(*state, "{\"clients\": {\"\": \"reader\"}}",
	       "clients: '' is not a certificate name");
	refuse(*state, "{\"clients\": {\"al\\u0001ice\": \"reader\"}}",
	       "is not a certificate name");
	refuse(*state, "{\"clients\": {\"alice\\n\": \"reader\"}}",
	       "is not a certificate name");
	refuse(*state, "{\"clients\": {\"ok\": \"reader\", \"\\u007f\": \"admin\"}}",
	       "is not a certificate name");
	/* The same name twice is a JSON error. */
	refuse(*state, "{\"clients\": {\"alice\": \"reader\", \"alice\": \"admin\"}}",
	       "duplicate object key");
}

static void refuse_numbers(void **state)
{
	struct conf c;

	refuse(*state, "{\"max_clients\": 0}", "max_clients: must be an integer from 1 to 1024");
	refuse(*state, "{\"max_clients\": 1025}", "max_clients: must be an integer from 1 to 1024");
	refuse(*state, "{\"max_clients\": -1}", "max_clients: must be an integer from 1 to 1024");
	refuse(*state, "{\"rate\": \"20\"}", "rate: must be an integer from 1 to 100000");
	refuse(*state, "{\"rate\": 1.5}", "rate: must be an integer from 1 to 100000");
	refuse(*state, "{\"rate\": 0}", "rate: must be an integer from 1 to 100000");
	refuse(*state, "{\"burst\": 100001}", "burst: must be an integer from 1 to 100000");
	refuse(*state, "{\"max_request\": 1023}",
	       "max_request: must be an integer from 1024 to 16777216");
	refuse(*state, "{\"max_request\": 16777217}",
	       "max_request: must be an integer from 1024 to 16777216");
	refuse(*state, "{\"idle_timeout\": -1}", "idle_timeout: must be an integer from 0 to 86400");
	refuse(*state, "{\"idle_timeout\": 86401}",
	       "idle_timeout: must be an integer from 0 to 86400");
	refuse(*state, "{\"request_timeout\": 0}",
	       "request_timeout: must be an integer from 1 to 3600");
	refuse(*state, "{\"request_timeout\": true}",
	       "request_timeout: must be an integer from 1 to 3600");
	/* The edges are in. */
	load(*state, "{\"max_clients\": 1, \"rate\": 100000, \"burst\": 1,"
	     "\"idle_timeout\": 86400, \"request_timeout\": 1}", &c, NULL);
	assert_int_equal(c.max_clients, 1);
	assert_true(c.rate == 100000);
	assert_true(c.burst == 1);
	assert_int_equal(c.idle_timeout, 86400);
	assert_int_equal(c.request_timeout, 1);
	conf_free(&c);
}

static void refuse_nothing_to_serve(void **state)
{
	static const char want[] = "neither a socket nor listen: nothing to serve";

	refuse(*state, "{\"socket\": \"\"}", want);
	refuse(*state, "{\"socket\": \"\", \"listen\": []}", want);
}

static void refuse_strings(void **state)
{
	refuse(*state, "{\"socket\": 1}", "socket: must be a string");
	refuse(*state, "{\"socket\": null}", "socket: must be a string");
	refuse(*state, "{\"state\": \"\"}", "state: must not be empty");
	refuse(*state, "{\"state\": []}", "state: must be a string");
	refuse(*state, "{\"audit\": false}", "audit: must be a string");
	refuse(*state, "{\"listen\": \"a:1\", \"cert\": \"\", \"key\": \"k\", \"ca\": \"a\"}",
	       "cert: must not be empty");
	refuse(*state, "{\"listen\": \"a:1\", \"cert\": \"c\", \"key\": \"\", \"ca\": \"a\"}",
	       "key: must not be empty");
	refuse(*state, "{\"listen\": \"a:1\", \"cert\": \"c\", \"key\": \"k\", \"ca\": 1}",
	       "ca: must be a string");
	refuse(*state, "{\"crl\": \"\"}", "crl: must not be empty");
	refuse(*state, "{\"listen\": 7640}", "listen: must be an address or an array of at most 8");
	refuse(*state, "{\"listen\": {}}", "listen: must be an address or an array of at most 8");
	refuse(*state, "{\"listen\": [\"a:1\",\"a:2\",\"a:3\",\"a:4\",\"a:5\",\"a:6\","
	       "\"a:7\",\"a:8\",\"a:9\"]}", "listen: must be an address or an array of at most 8");
	refuse(*state, "{\"listen\": [\"a:1\", 2]}", "listen[1]: must be an address");
}

static void refuse_invalid_json(void **state)
{
	struct tmp *t = *state;
	char want[256];

	snprintf(want, sizeof(want), "%s:2:13: unexpected token", t->file);
	refuse(t, "{\n  \"socket\": ,\n}\n", want);
	snprintf(want, sizeof(want), "%s:1:", t->file);
	refuse(t, "{\"rate\":1,\"rate\":2}", want);
	refuse(t, "{\"rate\":1,\"rate\":2}", "duplicate object key");
	snprintf(want, sizeof(want), "%s:1:", t->file);
	refuse(t, "", want);
	snprintf(want, sizeof(want), "%s:4:0: '}' expected near end of file",
		 t->file);
	refuse(t, "{\n\"socket\": \"/s\",\n\"rate\": 1\n", want);
	/* JSON, but not an object. */
	snprintf(want, sizeof(want), "%s: must be a JSON object", t->file);
	refuse(t, "[]", want);
	refuse(t, "[{\"socket\": \"/s\"}]", want);
}

static void refuse_socket_group(void **state)
{
	refuse(*state, "{\"socket_group\": \"lbfo-no-such-group\"}",
	       "socket_group: no group 'lbfo-no-such-group'");
	refuse(*state, "{\"socket_group\": \"\"}", "socket_group: must be a group name");
	refuse(*state, "{\"socket_group\": 0}", "socket_group: must be a group name");
	refuse(*state, "{\"socket_group\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}",
	       "socket_group: must be a group name");
}

static void missing_file(void **state)
{
	struct tmp *t = *state;
	char msg[512] = "", want[256];
	struct conf c;

	/* Missing and fine: the defaults, no message. */
	assert_true(conf_init(&c));
	assert_true(conf_load(&c, t->file, true, msg, sizeof(msg)));
	assert_string_equal(msg, "");
	assert_defaults(&c);
	conf_free(&c);

	/* Missing when it was asked for. */
	assert_true(conf_init(&c));
	assert_false(conf_load(&c, t->file, false, msg, sizeof(msg)));
	snprintf(want, sizeof(want), "%s: No such file or directory", t->file);
	assert_string_equal(msg, want);
	conf_free(&c);

	/* missing_ok is about a missing file only: a bad one is refused. */
	write_file(t->file, "{\"rate\": 0}");
	assert_true(conf_init(&c));
	assert_false(conf_load(&c, t->file, true, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "rate: must be an integer"));
	conf_free(&c);

	/* So is a directory in the way. */
	assert_true(conf_init(&c));
	msg[0] = '\0';
	assert_false(conf_load(&c, t->dir, true, msg, sizeof(msg)));
	assert_int_equal(strncmp(msg, t->dir, strlen(t->dir)), 0);
	conf_free(&c);
}

static void client_role(void **state)
{
	struct conf c;

	assert_true(conf_init(&c));
	assert_int_equal(conf_client_role(&c, "alice"), ROLE_NONE);
	assert_int_equal(conf_client_role(&c, ""), ROLE_NONE);
	conf_free(&c);

	load(*state, "{\"clients\": {\"alice\": \"admin\", \"bob\": \"operator\","
	     "\"carol\": \"reader\"}}", &c, NULL);
	assert_int_equal(conf_client_role(&c, "alice"), ROLE_ADMIN);
	assert_int_equal(conf_client_role(&c, "bob"), ROLE_OPERATOR);
	assert_int_equal(conf_client_role(&c, "carol"), ROLE_READER);
	/* Exact names only. */
	assert_int_equal(conf_client_role(&c, "mallory"), ROLE_NONE);
	assert_int_equal(conf_client_role(&c, "Alice"), ROLE_NONE);
	assert_int_equal(conf_client_role(&c, "alic"), ROLE_NONE);
	assert_int_equal(conf_client_role(&c, "alice "), ROLE_NONE);
	assert_int_equal(conf_client_role(&c, "alicea"), ROLE_NONE);
	assert_int_equal(conf_client_role(&c, ""), ROLE_NONE);
	conf_free(&c);
}

/* A refusal after lists were read: conf_free frees them (leak check). */
static void refuse_late_frees(void **state)
{
	refuse(*state, "{\"listen\": [\"a:1\", \"a:2\"], \"cert\": \"c\", \"key\": \"k\","
	       "\"ca\": \"a\", \"crl\": \"r\", \"clients\": {\"alice\": \"admin\","
	       "\"bob\": \"god\"}}", "clients.bob: invalid role");
	refuse(*state, "{\"listen\": [\"a:1\", \"a:2\", 3]}", "listen[2]: must be an address");
	refuse(*state, "{\"socket\": \"/s\", \"state\": \"/st\", \"audit\": \"/a\","
	       "\"clients\": {\"alice\": \"admin\"}, \"rate\": 0}", "rate: must be");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

static const struct CMUnitTest tests[] = {
	T(defaults),
	T(empty_object),
	T(every_key),
	T(other_forms),
	T(refuse_unknown_key),
	T(refuse_listen_without_tls),
	T(refuse_bad_roles),
	T(refuse_client_names),
	T(refuse_numbers),
	T(refuse_nothing_to_serve),
	T(refuse_strings),
	T(refuse_invalid_json),
	T(refuse_socket_group),
	T(missing_file),
	T(client_role),
	T(refuse_late_frees),
};

HARNESS_MAIN("conf", tests)
