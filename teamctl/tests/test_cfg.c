// SPDX-License-Identifier: GPL-2.0
/* cfg.c: reading the config file, and export -> apply round trips. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/lbfo.h>

#include "cfg.h"
#include "harness.h"
#include "params.h"

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
	assert_int_equal(c.teams[0].p.mode, LBFO_MODE_LACP);
	assert_int_equal(c.teams[0].p.lb, LBFO_LB_DYNAMIC);
	assert_int_equal(c.teams[0].n_members, 2);
	assert_string_equal(c.teams[0].members[0].name, "eth0");
	assert_int_equal(c.teams[0].members[0].role, LBFO_ROLE_ACTIVE);
	assert_int_equal(c.teams[0].members[0].admin_up, 1);
	assert_int_equal(c.teams[0].members[1].role, LBFO_ROLE_STANDBY);
	assert_int_equal(c.teams[0].members[1].admin_up, 0);
	assert_int_equal(c.teams[0].members[1].weight, 0);
	/* Omitted: the uapi defaults; no members: an empty team. */
	assert_int_equal(c.teams[1].p.mode, LBFO_MODE_SWITCH_INDEPENDENT);
	assert_int_equal(c.teams[1].p.lb, LBFO_LB_DYNAMIC);
	assert_int_equal(c.teams[1].p.hash, LBFO_HASH_PORTS);
	assert_int_equal(c.teams[1].p.num[NUM_FLOWLET_GAP],
			 LBFO_FLOWLET_GAP_DEFAULT);
	assert_int_equal(c.teams[1].p.num[NUM_BALANCE_INTERVAL],
			 LBFO_BALANCE_INTERVAL_DEFAULT);
	assert_int_equal(c.teams[1].p.num[NUM_BALANCE_THRESHOLD],
			 LBFO_BALANCE_THRESHOLD_DEFAULT);
	assert_int_equal(c.teams[1].p.num[NUM_PROBE_INTERVAL], 0);
	assert_int_equal(c.teams[1].p.num[NUM_PROBE_MISSED],
			 LBFO_PROBE_MISSED_DEFAULT);
	assert_int_equal(c.teams[1].p.num[NUM_UPDELAY], 0);
	assert_int_equal(c.teams[1].p.num[NUM_DOWNDELAY], 0);
	assert_int_equal(c.teams[1].p.n_targets, 0);
	assert_int_equal(c.teams[1].n_members, 0);
	cfg_free(&c);
}

static void team_params(void **state)
{
	char text[ADDR_TEXT_MAX];
	struct cfg c;

	(void)state;
	assert_true(parse("{\"teams\":[{\"name\":\"team0\",\"hash\":[\"inner\",\"mac\"],"
			  "\"flowlet_gap_us\":50,\"balance_interval_ms\":60000,"
			  "\"balance_threshold_pct\":1000,\"probe_interval_ms\":10,"
			  "\"probe_missed\":255,\"probe_targets\":[\"192.0.2.1\",\"2001:db8::1\"],"
			  "\"updelay_ms\":600000,\"downdelay_ms\":1,"
			  "\"members\":[{\"name\":\"eth0\",\"weight\":1000000}]}]}", &c, NULL));
	assert_int_equal(c.teams[0].p.hash, LBFO_HASH_INNER | LBFO_HASH_MAC);
	assert_int_equal(c.teams[0].p.num[NUM_FLOWLET_GAP], LBFO_FLOWLET_GAP_MIN);
	assert_int_equal(c.teams[0].p.num[NUM_BALANCE_INTERVAL],
			 LBFO_BALANCE_INTERVAL_MAX);
	assert_int_equal(c.teams[0].p.num[NUM_BALANCE_THRESHOLD],
			 LBFO_BALANCE_THRESHOLD_MAX);
	assert_int_equal(c.teams[0].p.num[NUM_PROBE_INTERVAL],
			 LBFO_PROBE_INTERVAL_MIN);
	assert_int_equal(c.teams[0].p.num[NUM_PROBE_MISSED],
			 LBFO_PROBE_MISSED_MAX);
	assert_int_equal(c.teams[0].p.num[NUM_UPDELAY], LBFO_DELAY_MAX);
	assert_int_equal(c.teams[0].p.num[NUM_DOWNDELAY], 1);
	assert_int_equal(c.teams[0].p.n_targets, 2);
	addr_text(&c.teams[0].p.targets[1], text, sizeof(text));
	assert_string_equal(text, "2001:db8::1");
	assert_int_equal(c.teams[0].members[0].weight, LBFO_WEIGHT_MAX);
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

static void bad_params(void **state)
{
	struct cfg c;

	(void)state;
	parse("{\"teams\":[{\"name\":\"t\",\"hash\":\"mac\"}]}", &c,
	      "teams[0].hash: must be an array of field names (mac, ip, ports or inner)");
	parse("{\"teams\":[{\"name\":\"t\",\"hash\":[]}]}", &c,
	      "teams[0].hash: needs at least one field (mac, ip, ports or inner)");
	parse("{\"teams\":[{\"name\":\"t\",\"hash\":[\"ip\",\"l4\"]}]}", &c,
	      "teams[0].hash[1]: invalid hash field 'l4': expected mac, ip, ports or inner");
	parse("{\"teams\":[{\"name\":\"t\",\"hash\":[\"ip\",1]}]}", &c,
	      "teams[0].hash[1]: must be a string");
	parse("{\"teams\":[{\"name\":\"t\",\"hash\":[\"ip\",\"ip\"]}]}", &c,
	      "teams[0].hash: 'ip' is listed twice");
	parse("{\"teams\":[{\"name\":\"t\",\"flowlet_gap_us\":49}]}", &c,
	      "teams[0].flowlet_gap_us: invalid value 49: expected 50 to 1000000 (microseconds)");
	parse("{\"teams\":[{\"name\":\"t\",\"flowlet_gap_us\":\"500\"}]}", &c,
	      "teams[0].flowlet_gap_us: must be an integer");
	parse("{\"teams\":[{\"name\":\"t\",\"balance_interval_ms\":1.5}]}", &c,
	      "teams[0].balance_interval_ms: must be an integer");
	parse("{\"teams\":[{\"name\":\"t\",\"balance_threshold_pct\":0}]}", &c,
	      "teams[0].balance_threshold_pct: invalid value 0: expected 1 to 1000 (percent)");
	parse("{\"teams\":[{\"name\":\"t\",\"probe_interval_ms\":9}]}", &c,
	      "teams[0].probe_interval_ms: invalid value 9: expected 0 (off) or 10 to 60000 (milliseconds)");
	parse("{\"teams\":[{\"name\":\"t\",\"probe_missed\":256}]}", &c,
	      "expected 1 to 255 (intervals)");
	parse("{\"teams\":[{\"name\":\"t\",\"updelay_ms\":-1}]}", &c,
	      "teams[0].updelay_ms: invalid value -1: expected 0 to 600000 (milliseconds)");
	parse("{\"teams\":[{\"name\":\"t\",\"downdelay_ms\":4294967296}]}", &c,
	      "teams[0].downdelay_ms: invalid value 4294967296");
	parse("{\"teams\":[{\"name\":\"t\",\"probe_targets\":\"192.0.2.1\"}]}", &c,
	      "teams[0].probe_targets: must be an array of addresses");
	parse("{\"teams\":[{\"name\":\"t\",\"probe_targets\":[\"192.0.2\"]}]}", &c,
	      "teams[0].probe_targets[0]: '192.0.2' is not an IPv4 or IPv6 address");
	parse("{\"teams\":[{\"name\":\"t\",\"probe_targets\":[\"192.0.2.1\",\"ff02::1\"]}]}",
	      &c, "teams[0].probe_targets[1]: 'ff02::1' is not a unicast address");
	parse("{\"teams\":[{\"name\":\"t\",\"probe_targets\":[\"192.0.2.1\",\"192.0.2.1\"]}]}",
	      &c, "teams[0].probe_targets: '192.0.2.1' is listed twice");
	parse("{\"teams\":[{\"name\":\"t\",\"probe_targets\":[7]}]}", &c,
	      "teams[0].probe_targets[0]: must be a string");
	parse("{\"teams\":[{\"name\":\"t\",\"probe_targets\":[\"1.0.0.1\",\"1.0.0.2\",\"1.0.0.3\","
	      "\"1.0.0.4\",\"1.0.0.5\",\"1.0.0.6\",\"1.0.0.7\",\"1.0.0.8\",\"1.0.0.9\",\"1.0.0.10\","
	      "\"1.0.0.11\",\"1.0.0.12\",\"1.0.0.13\",\"1.0.0.14\",\"1.0.0.15\",\"1.0.0.16\","
	      "\"1.0.0.17\"]}]}", &c, "teams[0].probe_targets: at most 16 addresses");
	parse("{\"teams\":[{\"name\":\"t\",\"probe_interval_ms\":100}]}", &c,
	      "teams[0].probe_interval_ms: probing needs probe_targets");
	parse("{\"teams\":[{\"name\":\"t\",\"primary\":\"eth0\"}]}", &c,
	      "teams[0]: unknown key 'primary'");
	parse("{\"teams\":[{\"name\":\"t\",\"members\":[{\"name\":\"e\",\"weight\":1000001}]}]}",
	      &c, "teams[0].members[0].weight: invalid value 1000001: expected 0 to 1000000");
	parse("{\"teams\":[{\"name\":\"t\",\"members\":[{\"name\":\"e\",\"buckets\":3}]}]}",
	      &c, "teams[0].members[0]: unknown key 'buckets'");
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
		  .weight = 0, .state = LBFO_STATE_DOWN, .buckets = 0,
		  .lacp_prio = LBFO_LACP_PORT_PRIO_DEFAULT,
		  .lacp_key = LBFO_LACP_KEY_DEFAULT,
		  .driver = "e1000", .speed_mbps = 100 },
		{ .name = "eth1", .role = LBFO_ROLE_ACTIVE, .admin_up = true,
		  .weight = 250, .state = LBFO_STATE_ACTIVE, .buckets = 1024,
		  .lacp_prio = -1, .lacp_key = -1 },
	};
	struct lbfo_team_info t[2] = {
		{ .name = "team0", .primary = "eth1", .members = m,
		  .n_members = 2 },
		{ .name = "team1" },
	};
	struct lbfo_team_list l = { .teams = t, .n_teams = 2 };
	struct cfg c, back;
	char msg[256];
	json_t *j, *j2;
	char *text;

	(void)state;
	team_params_default(&t[0].p);
	t[0].p.mode = LBFO_MODE_STATIC;
	t[0].p.lb = LBFO_LB_ADDRESS_HASH;
	team_params_default(&t[1].p);
	t[1].p.mode = LBFO_MODE_LACP;
	t[1].p.lb = LBFO_LB_HYPERV_PORT;
	t[1].p.hash = LBFO_HASH_MAC | LBFO_HASH_IP | LBFO_HASH_INNER;
	t[1].p.num[NUM_FLOWLET_GAP] = 1000;
	t[1].p.num[NUM_PROBE_INTERVAL] = 100;
	t[1].p.num[NUM_UPDELAY] = 2000;
	assert_null(addr_parse("198.51.100.7", &t[1].p.targets[0]));
	assert_null(addr_parse("2001:db8::7", &t[1].p.targets[1]));
	t[1].p.n_targets = 2;
	assert_int_equal(cfg_from_state(&l, NULL, &c), 0);
	j = cfg_to_json(&c);
	text = json_dumps(j, JSON_COMPACT);
	/*
	 * Every settable field, nothing read-only (primary, state, buckets);
	 * min_links and the LACP settings in mode lacp, or not at their
	 * defaults.
	 */
	assert_string_equal(text,
		"{\"teams\":[{\"name\":\"team0\",\"mode\":\"static\",\"lb\":\"address-hash\","
		"\"hash\":[\"ports\"],\"flowlet_gap_us\":500,\"balance_interval_ms\":100,"
		"\"balance_threshold_pct\":25,\"probe_interval_ms\":0,\"probe_missed\":3,"
		"\"probe_targets\":[],\"updelay_ms\":0,\"downdelay_ms\":0,"
		"\"members\":[{\"name\":\"eth0\",\"role\":\"standby\",\"admin\":\"down\",\"weight\":0},"
		"{\"name\":\"eth1\",\"role\":\"active\",\"admin\":\"up\",\"weight\":250}]},"
		"{\"name\":\"team1\",\"mode\":\"lacp\",\"lb\":\"hyperv-port\","
		"\"hash\":[\"mac\",\"ip\",\"inner\"],\"flowlet_gap_us\":1000,\"balance_interval_ms\":100,"
		"\"balance_threshold_pct\":25,\"probe_interval_ms\":100,\"probe_missed\":3,"
		"\"probe_targets\":[\"198.51.100.7\",\"2001:db8::7\"],\"updelay_ms\":2000,"
		"\"downdelay_ms\":0,\"min_links\":1,\"lacp_sys_prio\":65535,"
		"\"lacp_system\":\"auto\",\"lacp_rate\":\"fast\",\"lacp_mode\":\"active\","
		"\"lacp_control\":\"coupled\",\"lacp_mixed_speed\":false,"
		"\"lacp_fallback\":false,\"members\":[]}]}");
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

static void lacp_file(void **state)
{
	struct cfg c;
	char msg[256];
	json_t *j, *in;
	static const char text[] =
		"{\"teams\":[{\"name\":\"bond0\",\"mode\":\"lacp\",\"lb\":\"dynamic\","
		"\"hash\":[\"ports\"],\"flowlet_gap_us\":500,\"balance_interval_ms\":100,"
		"\"balance_threshold_pct\":25,\"probe_interval_ms\":0,\"probe_missed\":3,"
		"\"probe_targets\":[],\"updelay_ms\":0,\"downdelay_ms\":0,"
		"\"min_links\":2,\"lacp_sys_prio\":100,\"lacp_system\":\"02:00:00:00:00:01\","
		"\"lacp_rate\":\"slow\",\"lacp_mode\":\"passive\","
		"\"lacp_control\":\"independent\",\"lacp_mixed_speed\":true,"
		"\"lacp_fallback\":true,\"members\":[{\"name\":\"eth0\",\"role\":\"active\","
		"\"admin\":\"up\",\"weight\":0,\"lacp_prio\":255,\"lacp_key\":1},"
		"{\"name\":\"eth1\",\"role\":\"active\",\"admin\":\"up\",\"weight\":0,"
		"\"lacp_prio\":10,\"lacp_key\":65535}]}]}";

	(void)state;
	assert_true(parse(text, &c, NULL));
	assert_int_equal(c.teams[0].p.num[NUM_MIN_LINKS], 2);
	assert_int_equal(c.teams[0].p.num[NUM_LACP_SYS_PRIO], 100);
	assert_int_equal(c.teams[0].p.lacp_system, 0x020000000001LL);
	assert_int_equal(c.teams[0].p.opt[OPT_LACP_RATE], LBFO_LACP_RATE_SLOW);
	assert_int_equal(c.teams[0].p.opt[OPT_LACP_ACTIVE], 0);
	assert_int_equal(c.teams[0].p.opt[OPT_LACP_INDEPENDENT], 1);
	assert_int_equal(c.teams[0].p.opt[OPT_LACP_MIXED_SPEED], 1);
	assert_int_equal(c.teams[0].p.opt[OPT_LACP_FALLBACK], 1);
	assert_int_equal(c.teams[0].members[1].lacp_prio, 10);
	assert_int_equal(c.teams[0].members[1].lacp_key, 65535);
	/* Written out again: the same file, defaults and all (mode lacp). */
	j = cfg_to_json(&c);
	in = json_loads(text, 0, NULL);
	assert_true(json_equal(j, in));
	json_decref(j);
	json_decref(in);
	cfg_free(&c);

	/* Omitted: the defaults; a team not in mode lacp leaves them out. */
	assert_true(parse("{\"teams\":[{\"name\":\"t\",\"members\":[{\"name\":\"e\"}]},"
			  "{\"name\":\"u\",\"lacp_rate\":\"slow\",\"lacp_system\":\"auto\","
			  "\"members\":[{\"name\":\"f\",\"lacp_key\":2}]}]}", &c, NULL));
	assert_int_equal(c.teams[0].p.num[NUM_MIN_LINKS], LBFO_MIN_LINKS_DEFAULT);
	assert_int_equal(c.teams[0].p.num[NUM_LACP_SYS_PRIO],
			 LBFO_LACP_SYS_PRIO_DEFAULT);
	assert_int_equal(c.teams[0].p.lacp_system, 0);
	assert_int_equal(c.teams[0].p.opt[OPT_LACP_RATE], LBFO_LACP_RATE_FAST);
	assert_int_equal(c.teams[0].p.opt[OPT_LACP_ACTIVE], 1);
	assert_int_equal(c.teams[0].p.opt[OPT_LACP_FALLBACK], 0);
	assert_int_equal(c.teams[0].members[0].lacp_prio,
			 LBFO_LACP_PORT_PRIO_DEFAULT);
	assert_int_equal(c.teams[0].members[0].lacp_key, LBFO_LACP_KEY_DEFAULT);
	j = cfg_to_json(&c);
	assert_null(json_object_get(json_array_get(json_object_get(j, "teams"), 0),
				    "min_links"));
	assert_null(json_object_get(json_array_get(json_object_get(
		json_array_get(json_object_get(j, "teams"), 0), "members"), 0),
		"lacp_prio"));
	/* u: only what differs from the defaults of LACP. */
	in = json_array_get(json_object_get(j, "teams"), 1);
	assert_string_equal(json_string_value(json_object_get(in, "lacp_rate")),
			    "slow");
	assert_null(json_object_get(in, "lacp_system"));
	assert_null(json_object_get(in, "lacp_mode"));
	in = json_array_get(json_object_get(in, "members"), 0);
	assert_int_equal(json_integer_value(json_object_get(in, "lacp_key")), 2);
	assert_null(json_object_get(in, "lacp_prio"));
	/* And it reads back as the same configuration. */
	cfg_free(&c);
	assert_true(cfg_from_json(j, &c, msg, sizeof(msg)));
	in = cfg_to_json(&c);
	assert_true(json_equal(in, j));
	json_decref(in);
	json_decref(j);
	cfg_free(&c);
}

static void lacp_bad(void **state)
{
	struct cfg c;

	(void)state;
	parse("{\"teams\":[{\"name\":\"t\",\"min_links\":0}]}", &c,
	      "teams[0].min_links: invalid value 0: expected 1 to 64 (members)");
	parse("{\"teams\":[{\"name\":\"t\",\"min_links\":65}]}", &c,
	      "teams[0].min_links: invalid value 65");
	parse("{\"teams\":[{\"name\":\"t\",\"lacp_sys_prio\":65536}]}", &c,
	      "teams[0].lacp_sys_prio: invalid value 65536: expected 1 to 65535");
	parse("{\"teams\":[{\"name\":\"t\",\"lacp_rate\":\"medium\"}]}", &c,
	      "teams[0].lacp_rate: invalid lacp-rate 'medium': expected slow or fast");
	parse("{\"teams\":[{\"name\":\"t\",\"lacp_rate\":1}]}", &c,
	      "teams[0].lacp_rate: must be a string");
	parse("{\"teams\":[{\"name\":\"t\",\"lacp_mode\":\"on\"}]}", &c,
	      "teams[0].lacp_mode: invalid lacp-mode 'on': expected passive or active");
	parse("{\"teams\":[{\"name\":\"t\",\"lacp_control\":\"both\"}]}", &c,
	      "teams[0].lacp_control: invalid lacp-control 'both': expected coupled or independent");
	parse("{\"teams\":[{\"name\":\"t\",\"lacp_mixed_speed\":\"on\"}]}", &c,
	      "teams[0].lacp_mixed_speed: must be true or false");
	parse("{\"teams\":[{\"name\":\"t\",\"lacp_fallback\":1}]}", &c,
	      "teams[0].lacp_fallback: must be true or false");
	parse("{\"teams\":[{\"name\":\"t\",\"lacp_system\":1}]}", &c,
	      "teams[0].lacp_system: must be a string");
	parse("{\"teams\":[{\"name\":\"t\",\"lacp_system\":\"01:80:c2:00:00:02\"}]}", &c,
	      "teams[0].lacp_system: '01:80:c2:00:00:02' is not a unicast MAC address");
	parse("{\"teams\":[{\"name\":\"t\",\"lacp_system\":\"00:00:00:00:00:00\"}]}", &c,
	      "teams[0].lacp_system: '00:00:00:00:00:00' is the all-zero address");
	parse("{\"teams\":[{\"name\":\"t\",\"lacp_system\":\"aa:bb\"}]}", &c,
	      "teams[0].lacp_system: 'aa:bb' is not a MAC address (aa:bb:cc:dd:ee:ff) or auto");
	parse("{\"teams\":[{\"name\":\"t\",\"lacp_state\":\"aggregated\"}]}", &c,
	      "teams[0]: unknown key 'lacp_state'");
	parse("{\"teams\":[{\"name\":\"t\",\"members\":[{\"name\":\"e\",\"lacp_prio\":0}]}]}",
	      &c, "teams[0].members[0].lacp_prio: invalid value 0: expected 1 to 65535");
	parse("{\"teams\":[{\"name\":\"t\",\"members\":[{\"name\":\"e\",\"lacp_key\":\"1\"}]}]}",
	      &c, "teams[0].members[0].lacp_key: must be an integer");
	parse("{\"teams\":[{\"name\":\"t\",\"members\":[{\"name\":\"e\",\"lacp\":{}}]}]}",
	      &c, "teams[0].members[0]: unknown key 'lacp'");
}

/* A kernel that reports no LACP: nothing of it in the export. */
static void export_older_kernel(void **state)
{
	struct lbfo_member_info m = { .name = "eth0", .role = LBFO_ROLE_ACTIVE,
				      .admin_up = true, .weight = 0,
				      .lacp_prio = -1, .lacp_key = -1 };
	struct lbfo_team_info t = { .name = "team0", .members = &m,
				    .n_members = 1 };
	struct lbfo_team_list l = { .teams = &t, .n_teams = 1 };
	struct cfg c;
	json_t *j;
	char *text;

	(void)state;
	team_params_default(&t.p);
	t.p.mode = LBFO_MODE_LACP;
	t.p.num[NUM_MIN_LINKS] = t.p.num[NUM_LACP_SYS_PRIO] = -1;
	t.p.lacp_system = -1;
	memset(t.p.opt, 0xff, sizeof(t.p.opt));
	assert_int_equal(cfg_from_state(&l, NULL, &c), 0);
	j = cfg_to_json(&c);
	text = json_dumps(j, JSON_COMPACT);
	assert_null(strstr(text, "lacp_"));
	assert_null(strstr(text, "min_links"));
	free(text);
	json_decref(j);
	cfg_free(&c);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(full_file),
	cmocka_unit_test(team_params),
	cmocka_unit_test(empty_file),
	cmocka_unit_test(bad_files),
	cmocka_unit_test(bad_params),
	cmocka_unit_test(names_unique),
	cmocka_unit_test(member_limit),
	cmocka_unit_test(export_reads_back),
	cmocka_unit_test(lacp_file),
	cmocka_unit_test(lacp_bad),
	cmocka_unit_test(export_older_kernel),
};

HARNESS_MAIN("cfg", tests)
