// SPDX-License-Identifier: GPL-2.0
/* cfg.c: reading the config file, and export -> apply round trips. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/lbfo.h>

#include "cfg.h"
#include "harness.h"

/* Parse text; expect failure with a message containing want (or success). */
static bool parse(const char *text, struct cfg *c, const char *want)
{
	char msg[256] = "";
	json_t *root = json_loads(text, 0, NULL);
	bool ok;

	assert_non_null(root);
	ok = cfg_from_json(root, c, msg, sizeof(msg));
	json_decref(root);
	if (want) {
		if (!strstr(msg, want))
			fail_msg("message '%s' lacks '%s'", msg, want);
		assert_false(ok);
		assert_null(c->teams);
	}
	return ok;
}

static void full_file(void **state)
{
	struct cfg c;

	(void)state;
	assert_true(parse("{\"teams\":[{\"name\":\"team0\",\"mode\":\"lacp\","
			  "\"lb\":\"dynamic\",\"members\":[{\"name\":\"eth0\"},"
			  "{\"name\":\"eth1\",\"role\":\"standby\",\"admin\":\"down\"}]},"
			  "{\"name\":\"team1\"}]}", &c, NULL));
	assert_int_equal(c.n_teams, 2);
	assert_string_equal(c.teams[0].name, "team0");
	assert_int_equal(c.teams[0].mode, LBFO_MODE_LACP);
	assert_int_equal(c.teams[0].lb, LBFO_LB_DYNAMIC);
	assert_int_equal(c.teams[0].n_members, 2);
	assert_string_equal(c.teams[0].members[0].name, "eth0");
	assert_int_equal(c.teams[0].members[0].role, LBFO_ROLE_ACTIVE);
	assert_int_equal(c.teams[0].members[0].admin_up, 1);
	assert_int_equal(c.teams[0].members[1].role, LBFO_ROLE_STANDBY);
	assert_int_equal(c.teams[0].members[1].admin_up, 0);
	/* Omitted: the uapi defaults; no members: an empty team. */
	assert_int_equal(c.teams[1].mode, LBFO_MODE_STATIC);
	assert_int_equal(c.teams[1].lb, LBFO_LB_ADDRESS_HASH);
	assert_int_equal(c.teams[1].n_members, 0);
	cfg_free(&c);
}

static void empty_file(void **state)
{
	struct cfg c;

	(void)state;
	assert_true(parse("{\"teams\":[]}", &c, NULL));
	assert_int_equal(c.n_teams, 0);
	cfg_free(&c);
}

static void bad_files(void **state)
{
	struct cfg c;

	(void)state;
	parse("[]", &c, "must be a JSON object");
	parse("{}", &c, "'teams' is missing");
	parse("{\"teams\":{}}", &c, "teams: must be an array");
	parse("{\"teams\":[],\"extra\":1}", &c, "unknown key 'extra'");
	parse("{\"teams\":[1]}", &c, "teams[0]: must be an object");
	parse("{\"teams\":[{}]}", &c, "teams[0]: 'name' is missing");
	parse("{\"teams\":[{\"name\":3}]}", &c, "teams[0].name: must be a string");
	parse("{\"teams\":[{\"name\":\"a/b\"}]}", &c,
	      "teams[0].name: 'a/b' is not a valid interface name");
	parse("{\"teams\":[{\"name\":\"team%d\"}]}", &c,
	      "teams[0].name: 'team%d' is not a valid interface name");
	parse("{\"teams\":[{\"name\":\"averyveryverylongname\"}]}", &c,
	      "not a valid interface name");
	parse("{\"teams\":[{\"name\":\"t\",\"mode\":\"roundrobin\"}]}", &c,
	      "teams[0].mode: invalid mode 'roundrobin': expected switch-independent, static or lacp");
	parse("{\"teams\":[{\"name\":\"t\",\"lb\":1}]}", &c,
	      "teams[0].lb: must be a string");
	parse("{\"teams\":[{\"name\":\"t\",\"mtu\":1500}]}", &c,
	      "teams[0]: unknown key 'mtu'");
	parse("{\"teams\":[{\"name\":\"t\",\"members\":\"eth0\"}]}", &c,
	      "teams[0].members: must be an array");
	parse("{\"teams\":[{\"name\":\"t\",\"members\":[{\"name\":\"e\",\"role\":\"backup\"}]}]}",
	      &c, "teams[0].members[0].role: invalid role 'backup': expected active or standby");
	parse("{\"teams\":[{\"name\":\"t\",\"members\":[{\"name\":\"e\"},{\"name\":\"f\",\"admin\":\"off\"}]}]}",
	      &c, "teams[0].members[1].admin: invalid admin 'off': expected down or up");
	parse("{\"teams\":[{\"name\":\"t\",\"members\":[{\"name\":\"e\",\"speed\":1}]}]}",
	      &c, "teams[0].members[0]: unknown key 'speed'");
}

static void names_unique(void **state)
{
	struct cfg c;

	(void)state;
	parse("{\"teams\":[{\"name\":\"t\"},{\"name\":\"t\"}]}", &c,
	      "team 't' is listed twice");
	parse("{\"teams\":[{\"name\":\"t\",\"members\":[{\"name\":\"e\"},{\"name\":\"e\"}]}]}",
	      &c, "member 'e' is listed twice");
	parse("{\"teams\":[{\"name\":\"t\",\"members\":[{\"name\":\"e\"}]},"
	      "{\"name\":\"u\",\"members\":[{\"name\":\"e\"}]}]}",
	      &c, "member 'e' is listed twice (in team 't' and team 'u')");
	parse("{\"teams\":[{\"name\":\"t\",\"members\":[{\"name\":\"u\"}]},{\"name\":\"u\"}]}",
	      &c, "team 'u' cannot be a member of team 't'");
	parse("{\"teams\":[{\"name\":\"t\",\"members\":[{\"name\":\"t\"}]}]}",
	      &c, "team 't' cannot be a member of team 't'");
}

static void member_limit(void **state)
{
	char text[8192];
	size_t len;
	struct cfg c;
	int i;

	(void)state;
	len = (size_t)snprintf(text, sizeof(text), "{\"teams\":[{\"name\":\"t\",\"members\":[");
	for (i = 0; i <= LBFO_MAX_MEMBERS; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"%s{\"name\":\"d%d\"}", i ? "," : "", i);
	snprintf(text + len, sizeof(text) - len, "]}]}");
	parse(text, &c, "at most 64 members");
}

static void export_reads_back(void **state)
{
	struct lbfo_member_info m[2] = {
		{ .name = "eth0", .role = LBFO_ROLE_STANDBY, .admin_up = false,
		  .state = LBFO_STATE_DOWN, .driver = "e1000", .speed_mbps = 100 },
		{ .name = "eth1", .role = LBFO_ROLE_ACTIVE, .admin_up = true },
	};
	struct lbfo_team_info t[2] = {
		{ .name = "team0", .mode = LBFO_MODE_STATIC,
		  .lb = LBFO_LB_ADDRESS_HASH, .members = m, .n_members = 2 },
		{ .name = "team1", .mode = LBFO_MODE_LACP, .lb = LBFO_LB_HYPERV_PORT },
	};
	struct lbfo_team_list l = { .teams = t, .n_teams = 2 };
	struct cfg c, back;
	char msg[256];
	json_t *j, *j2;
	char *text;

	(void)state;
	assert_int_equal(cfg_from_state(&l, NULL, &c), 0);
	j = cfg_to_json(&c);
	text = json_dumps(j, JSON_COMPACT);
	assert_string_equal(text,
		"{\"teams\":[{\"name\":\"team0\",\"mode\":\"static\",\"lb\":\"address-hash\","
		"\"members\":[{\"name\":\"eth0\",\"role\":\"standby\",\"admin\":\"down\"},"
		"{\"name\":\"eth1\",\"role\":\"active\",\"admin\":\"up\"}]},"
		"{\"name\":\"team1\",\"mode\":\"lacp\",\"lb\":\"hyperv-port\",\"members\":[]}]}");
	assert_true(cfg_from_json(j, &back, msg, sizeof(msg)));
	j2 = cfg_to_json(&back);
	assert_true(json_equal(j, j2));
	free(text);
	json_decref(j);
	json_decref(j2);
	cfg_free(&back);
	cfg_free(&c);

	assert_int_equal(cfg_from_state(&l, "team1", &c), 0);
	assert_int_equal(c.n_teams, 1);
	assert_string_equal(c.teams[0].name, "team1");
	cfg_free(&c);
	assert_int_equal(cfg_from_state(&l, "nope", &c), 0);
	assert_int_equal(c.n_teams, 0);
	cfg_free(&c);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(full_file),
	cmocka_unit_test(empty_file),
	cmocka_unit_test(bad_files),
	cmocka_unit_test(names_unique),
	cmocka_unit_test(member_limit),
	cmocka_unit_test(export_reads_back),
};

HARNESS_MAIN("cfg", tests)
