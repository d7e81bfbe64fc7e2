// SPDX-License-Identifier: GPL-2.0
/* print.c: the JSON shape of every read, and its text rendering. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/socket.h>

#include <linux/lbfo.h>

#include "harness.h"
#include "params.h"
#include "print.h"

static struct lbfo_member_info members[2] = {
	{ .name = "eth0", .ifindex = 2, .role = LBFO_ROLE_ACTIVE,
	  .admin_up = true, .weight = 0, .state = LBFO_STATE_ACTIVE,
	  .buckets = 1024, .driver = "e1000", .speed_mbps = 1000,
	  .counters = { .tx_packets = 10, .tx_bytes = 1000, .rx_packets = 7,
			.rx_bytes = 700 } },
	{ .name = "eth1", .ifindex = 3, .role = LBFO_ROLE_STANDBY,
	  .admin_up = false, .weight = 2500, .state = LBFO_STATE_DOWN,
	  .buckets = 0, .driver = "virtio_net", .speed_mbps = 0 },
};

static struct lbfo_team_info team = {
	.name = "team0", .ifindex = 5,
	.p = { .mode = LBFO_MODE_STATIC, .lb = LBFO_LB_ADDRESS_HASH,
	       .hash = LBFO_HASH_IP | LBFO_HASH_PORTS,
	       .num = { [NUM_FLOWLET_GAP] = 500, [NUM_BALANCE_INTERVAL] = 100,
			[NUM_BALANCE_THRESHOLD] = 25,
			[NUM_PROBE_INTERVAL] = 100, [NUM_PROBE_MISSED] = 3,
			[NUM_UPDELAY] = 0, [NUM_DOWNDELAY] = 200 },
	       .n_targets = 2,
	       .targets = { { .family = AF_INET, .addr = { 192, 0, 2, 2 } },
			    { .family = AF_INET6,
			      .addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } } } },
	.primary = "eth0", .carrier = true, .carriers = 1,
	.counters = { .tx_packets = 10, .tx_bytes = 1000, .rx_packets = 7,
		      .rx_bytes = 700, .tx_dropped = 1 },
	.members = members, .n_members = 2,
};

/* Render v into a string (free it). */
static char *render(const json_t *v, bool json)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	assert_non_null(f);
	assert_int_equal(print_doc(f, v, json), 0);
	fclose(f);
	return buf;
}

static void member_json(void **state)
{
	json_t *m = json_member(&members[1]), *c;

	(void)state;
	assert_non_null(m);
	assert_string_equal(json_string_value(json_object_get(m, "name")), "eth1");
	assert_string_equal(json_string_value(json_object_get(m, "driver")),
			    "virtio_net");
	assert_int_equal(json_integer_value(json_object_get(m, "speed_mbps")), 0);
	assert_string_equal(json_string_value(json_object_get(m, "role")),
			    "standby");
	assert_string_equal(json_string_value(json_object_get(m, "admin")), "down");
	assert_string_equal(json_string_value(json_object_get(m, "state")), "down");
	assert_int_equal(json_integer_value(json_object_get(m, "weight")), 2500);
	assert_int_equal(json_integer_value(json_object_get(m, "buckets")), 0);
	c = json_object_get(m, "counters");
	assert_true(json_is_object(c));
	assert_int_equal(json_object_size(c), 4);	/* no drops per member */
	assert_non_null(json_object_get(c, "rx_bytes"));
	json_decref(m);
}

static void team_json(void **state)
{
	struct lbfo_team_list l = { .teams = &team, .n_teams = 1 };
	json_t *a = json_teams(&l), *t, *ms;

	(void)state;
	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), 1);
	t = json_array_get(a, 0);
	assert_string_equal(json_string_value(json_object_get(t, "name")), "team0");
	assert_string_equal(json_string_value(json_object_get(t, "mode")), "static");
	assert_string_equal(json_string_value(json_object_get(t, "lb")),
			    "address-hash");
	assert_int_equal(json_array_size(json_object_get(t, "hash")), 2);
	assert_string_equal(json_string_value(json_array_get(
		json_object_get(t, "hash"), 1)), "ports");
	assert_int_equal(json_integer_value(json_object_get(t, "flowlet_gap_us")), 500);
	assert_int_equal(json_integer_value(json_object_get(t, "balance_interval_ms")), 100);
	assert_int_equal(json_integer_value(json_object_get(t, "balance_threshold_pct")), 25);
	assert_int_equal(json_integer_value(json_object_get(t, "probe_interval_ms")), 100);
	assert_int_equal(json_integer_value(json_object_get(t, "probe_missed")), 3);
	assert_int_equal(json_integer_value(json_object_get(t, "updelay_ms")), 0);
	assert_int_equal(json_integer_value(json_object_get(t, "downdelay_ms")), 200);
	assert_string_equal(json_string_value(json_array_get(
		json_object_get(t, "probe_targets"), 1)), "2001:db8::2");
	assert_string_equal(json_string_value(json_object_get(t, "primary")),
			    "eth0");
	assert_true(json_is_true(json_object_get(t, "carrier")));
	assert_int_equal(json_integer_value(json_object_get(t, "carriers")), 1);
	assert_int_equal(json_integer_value(json_object_get(
		json_object_get(t, "counters"), "tx_dropped")), 1);
	ms = json_object_get(t, "members");
	assert_int_equal(json_array_size(ms), 2);
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(ms, 0), "state")), "active");
	json_decref(a);
}

static void team_json_text(void **state)
{
	struct lbfo_team_list l = { .teams = &team, .n_teams = 1 };
	json_t *a = json_teams(&l);
	char *json = render(a, true), *text = render(a, false);
	json_t *back;

	(void)state;
	/* JSON: one line that reads back as the same value. */
	assert_non_null(strchr(json, '\n'));
	assert_int_equal(strchr(json, '\n')[1], '\0');
	back = json_loads(json, 0, NULL);
	assert_true(json_equal(back, a));
	assert_string_equal(text,
		"team0: ifindex 5 mode static lb address-hash hash ip,ports flowlet_gap_us 500"
		" balance_interval_ms 100 balance_threshold_pct 25 probe_interval_ms 100"
		" probe_missed 3 probe_targets 192.0.2.2,2001:db8::2 updelay_ms 0 downdelay_ms 200"
		" primary eth0 carrier yes carriers 1\n"
		"    counters: tx_packets 10 tx_bytes 1000 rx_packets 7 rx_bytes 700 tx_dropped 1 rx_dropped 0\n"
		"    members:\n"
		"    name  ifindex  driver      speed_mbps  role     admin  weight  state   buckets  tx_packets  tx_bytes  rx_packets  rx_bytes\n"
		"    eth0  2        e1000       1000        active   up     0       active  1024     10          1000      7           700\n"
		"    eth1  3        virtio_net  0           standby  down   2500    down    0        0           0         0           0\n");
	json_decref(back);
	json_decref(a);
	free(json);
	free(text);
}

static void empty_team_text(void **state)
{
	struct lbfo_team_info t = { .name = "team1", .ifindex = 9 };
	json_t *v;
	char *text, *json;

	(void)state;
	team_params_default(&t.p);
	t.p.mode = LBFO_MODE_LACP;
	v = json_team(&t);
	text = render(v, false);
	json = render(v, true);
	/* No member carries traffic: no primary (null, "-" in text). */
	assert_string_equal(text,
		"team1: ifindex 9 mode lacp lb dynamic hash ports flowlet_gap_us 500"
		" balance_interval_ms 100 balance_threshold_pct 25 probe_interval_ms 0"
		" probe_missed 3 probe_targets none updelay_ms 0 downdelay_ms 0"
		" primary - carrier no carriers 0 members none\n"
		"    counters: tx_packets 0 tx_bytes 0 rx_packets 0 rx_bytes 0 tx_dropped 0 rx_dropped 0\n");
	assert_non_null(strstr(json, ",\"probe_targets\":[],"));
	assert_non_null(strstr(json, ",\"primary\":null,"));
	json_decref(v);
	free(text);
	free(json);
}

/* A kernel that reports fewer attributes: what it did not say is left out. */
static void older_kernel(void **state)
{
	struct lbfo_member_info m = { .name = "eth0", .role = LBFO_ROLE_ACTIVE,
				      .admin_up = true, .weight = -1,
				      .state = LBFO_STATE_ACTIVE,
				      .buckets = -1 };
	struct lbfo_team_info t = { .name = "team1", .members = &m,
				    .n_members = 1 };
	json_t *v, *jm;

	(void)state;
	team_params_unset(&t.p);
	t.p.mode = LBFO_MODE_STATIC;
	t.p.lb = LBFO_LB_ADDRESS_HASH;
	v = json_team(&t);
	assert_non_null(json_object_get(v, "lb"));
	assert_null(json_object_get(v, "hash"));
	assert_null(json_object_get(v, "flowlet_gap_us"));
	assert_null(json_object_get(v, "probe_targets"));
	jm = json_array_get(json_object_get(v, "members"), 0);
	assert_null(json_object_get(jm, "weight"));
	assert_null(json_object_get(jm, "buckets"));
	json_decref(v);
}

static void no_teams(void **state)
{
	struct lbfo_team_list l = { 0 };
	json_t *a = json_teams(&l);
	char *json = render(a, true), *text = render(a, false);

	(void)state;
	assert_string_equal(json, "[]\n");
	assert_string_equal(text, "");
	json_decref(a);
	free(json);
	free(text);
}

static void stats_json(void **state)
{
	json_t *s = json_stats(&team), *m;
	char *text;

	(void)state;
	assert_string_equal(json_string_value(json_object_get(s, "name")), "team0");
	assert_null(json_object_get(s, "mode"));
	m = json_array_get(json_object_get(s, "members"), 0);
	assert_int_equal(json_object_size(m), 2);	/* name, counters */
	assert_int_equal(json_integer_value(json_object_get(
		json_object_get(m, "counters"), "tx_packets")), 10);
	text = render(s, false);
	assert_non_null(strstr(text, "    name  tx_packets  tx_bytes  rx_packets  rx_bytes\n"));
	json_decref(s);
	free(text);
}

static void event_member_state(void **state)
{
	struct lbfo_event ev = {
		.cmd = LBFO_CMD_MEMBER_STATE, .team = "team0",
		.member = { .name = "eth0", .state = LBFO_STATE_DOWN,
			    .role = LBFO_ROLE_ACTIVE },
		.old_state = LBFO_STATE_ACTIVE, .reason = LBFO_REASON_LINK_DOWN,
		.trigger = "eth0", .carriers = -1,
	};
	json_t *v = json_event(&ev);
	char *json = render(v, true), *text = render(v, false);

	(void)state;
	assert_string_equal(json,
		"{\"event\":\"member-state\",\"team\":\"team0\",\"member\":\"eth0\","
		"\"state\":\"down\",\"old_state\":\"active\",\"reason\":\"link-down\","
		"\"trigger\":\"eth0\"}\n");
	assert_string_equal(text,
		"member-state: team team0 member eth0 state down old_state active reason link-down trigger eth0\n");
	json_decref(v);
	free(json);
	free(text);
}

static void event_failover(void **state)
{
	struct lbfo_event ev = {
		.cmd = LBFO_CMD_FAILOVER, .team = "team0", .carriers = 2,
		.reason = LBFO_REASON_ROLE, .trigger = "", .old_state = -1,
		.member = { .role = -1, .state = -1 },
	};
	json_t *v = json_event(&ev);
	char *json = render(v, true);

	(void)state;
	assert_string_equal(json,
		"{\"event\":\"failover\",\"team\":\"team0\",\"carriers\":2,\"reason\":\"role\"}\n");
	json_decref(v);
	free(json);
}

static void event_member_add_and_team(void **state)
{
	struct lbfo_event ev = {
		.cmd = LBFO_CMD_MEMBER_ADD, .team = "team0",
		.member = { .name = "eth1", .role = LBFO_ROLE_STANDBY,
			    .admin_up = true, .weight = 100,
			    .state = LBFO_STATE_STANDBY },
		.member_admin = 1, .old_state = -1, .reason = -1,
		.carriers = -1,
	};
	json_t *v = json_event(&ev);
	char *json = render(v, true);

	(void)state;
	assert_string_equal(json,
		"{\"event\":\"member-add\",\"team\":\"team0\",\"member\":\"eth1\","
		"\"role\":\"standby\",\"admin\":\"up\",\"weight\":100,\"state\":\"standby\"}\n");
	json_decref(v);
	free(json);

	/* member-del says only who left. */
	ev.cmd = LBFO_CMD_MEMBER_DEL;
	ev.member.role = ev.member.state = ev.member_admin = -1;
	ev.member.weight = -1;
	v = json_event(&ev);
	json = render(v, false);
	assert_string_equal(json, "member-del: team team0 member eth1\n");
	json_decref(v);
	free(json);

	memset(&ev, 0, sizeof(ev));
	ev.cmd = LBFO_CMD_TEAM_NEW;
	snprintf(ev.team, sizeof(ev.team), "team9");
	team_params_unset(&ev.team_info.p);
	ev.team_info.p.mode = LBFO_MODE_STATIC;
	ev.old_state = ev.reason = -1;
	ev.carriers = 0;
	v = json_event(&ev);
	json = render(v, true);
	assert_string_equal(json,
		"{\"event\":\"team-new\",\"team\":\"team9\",\"mode\":\"static\",\"carriers\":0}\n");
	json_decref(v);
	free(json);

	/* A team event carries every parameter, as team show names them. */
	ev.cmd = LBFO_CMD_TEAM_SET;
	team_params_default(&ev.team_info.p);
	ev.team_info.p.num[NUM_PROBE_INTERVAL] = 50;
	assert_null(addr_parse("192.0.2.7", &ev.team_info.p.targets[0]));
	ev.team_info.p.n_targets = 1;
	snprintf(ev.team_info.primary, sizeof(ev.team_info.primary), "eth3");
	ev.carriers = 2;
	v = json_event(&ev);
	json = render(v, false);
	assert_string_equal(json,
		"team-set: team team9 mode switch-independent lb dynamic hash ports"
		" flowlet_gap_us 500 balance_interval_ms 100 balance_threshold_pct 25"
		" probe_interval_ms 50 probe_missed 3 probe_targets 192.0.2.7"
		" updelay_ms 0 downdelay_ms 0 primary eth3 carriers 2\n");
	json_decref(v);
	free(json);
}

static void strings_one_per_line(void **state)
{
	json_t *a = json_pack("[s,s]", "team add team0", "member add team0 eth0");
	char *text = render(a, false);

	(void)state;
	assert_string_equal(text, "team add team0\nmember add team0 eth0\n");
	json_decref(a);
	free(text);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(member_json),
	cmocka_unit_test(team_json),
	cmocka_unit_test(team_json_text),
	cmocka_unit_test(empty_team_text),
	cmocka_unit_test(older_kernel),
	cmocka_unit_test(no_teams),
	cmocka_unit_test(stats_json),
	cmocka_unit_test(event_member_state),
	cmocka_unit_test(event_failover),
	cmocka_unit_test(event_member_add_and_team),
	cmocka_unit_test(strings_one_per_line),
};

HARNESS_MAIN("print", tests)
