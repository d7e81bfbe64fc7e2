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

/* LACP settings at their defaults (eth0) or not reported (eth1). */
static struct lbfo_member_info members[2] = {
	{ .name = "eth0", .ifindex = 2, .role = LBFO_ROLE_ACTIVE,
	  .admin_up = true, .weight = 0, .state = LBFO_STATE_ACTIVE,
	  .lacp_prio = LBFO_LACP_PORT_PRIO_DEFAULT,
	  .lacp_key = LBFO_LACP_KEY_DEFAULT,
	  .buckets = 1024, .driver = "e1000", .speed_mbps = 1000,
	  .counters = { .tx_packets = 10, .tx_bytes = 1000, .rx_packets = 7,
			.rx_bytes = 700 } },
	{ .name = "eth1", .ifindex = 3, .role = LBFO_ROLE_STANDBY,
	  .admin_up = false, .weight = 2500, .state = LBFO_STATE_DOWN,
	  .lacp_prio = -1, .lacp_key = -1,
	  .buckets = 0, .driver = "virtio_net", .speed_mbps = 0 },
};

static struct lbfo_team_info team = {
	.name = "team0", .ifindex = 5,
	.p = { .mode = LBFO_MODE_STATIC, .lb = LBFO_LB_ADDRESS_HASH,
	       .hash = LBFO_HASH_IP | LBFO_HASH_PORTS,
	       .num = { [NUM_FLOWLET_GAP] = 500, [NUM_BALANCE_INTERVAL] = 100,
			[NUM_BALANCE_THRESHOLD] = 25,
			[NUM_PROBE_INTERVAL] = 100, [NUM_PROBE_MISSED] = 3,
			[NUM_UPDELAY] = 0, [NUM_DOWNDELAY] = 200,
			[NUM_MIN_LINKS] = 1, [NUM_LACP_SYS_PRIO] = 65535 },
	       .n_targets = 2,
	       .targets = { { .family = AF_INET, .addr = { 192, 0, 2, 2 } },
			    { .family = AF_INET6,
			      .addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } } },
	       /* The LACP settings at their defaults: not shown. */
	       .lacp_system = 0,
	       .opt = { [OPT_LACP_RATE] = LBFO_LACP_RATE_FAST,
			[OPT_LACP_ACTIVE] = 1 } },
	.primary = "eth0", .lacp_state = LBFO_LACP_TEAM_OFF,
	.carrier = true, .carriers = 1,
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

/* v (taken) renders as want (JSON or text). */
static void assert_renders(json_t *v, bool json, const char *want)
{
	char *got = render(v, json);

	assert_string_equal(got, want);
	json_decref(v);
	free(got);
}

static void assert_event(const struct lbfo_event *ev, bool json,
			 const char *want)
{
	assert_renders(json_event(ev), json, want);
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
	struct lbfo_team_info t = { .name = "team1", .ifindex = 9,
				    .lacp_state = LBFO_LACP_TEAM_NEGOTIATING };
	json_t *v;
	char *text, *json;

	(void)state;
	team_params_default(&t.p);
	t.p.mode = LBFO_MODE_LACP;
	v = json_team(&t);
	text = render(v, false);
	json = render(v, true);
	/*
	 * No member carries traffic: no primary (null, "-" in text). In mode
	 * lacp, every LACP setting and the LACP state, defaults or not.
	 */
	assert_string_equal(text,
		"team1: ifindex 9 mode lacp lb dynamic hash ports flowlet_gap_us 500"
		" balance_interval_ms 100 balance_threshold_pct 25 probe_interval_ms 0"
		" probe_missed 3 probe_targets none updelay_ms 0 downdelay_ms 0"
		" min_links 1 lacp_sys_prio 65535 lacp_system auto lacp_rate fast"
		" lacp_mode active lacp_control coupled lacp_mixed_speed no"
		" lacp_fallback no primary - carrier no carriers 0"
		" lacp_state negotiating members none\n"
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
				      .lacp_prio = -1, .lacp_key = -1,
				      .state = LBFO_STATE_ACTIVE,
				      .buckets = -1 };
	struct lbfo_team_info t = { .name = "team1", .members = &m,
				    .n_members = 1, .lacp_state = -1 };
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
	assert_null(json_object_get(v, "min_links"));
	assert_null(json_object_get(v, "lacp_rate"));
	assert_null(json_object_get(v, "lacp_state"));
	jm = json_array_get(json_object_get(v, "members"), 0);
	assert_null(json_object_get(jm, "weight"));
	assert_null(json_object_get(jm, "buckets"));
	assert_null(json_object_get(jm, "lacp_prio"));
	assert_null(json_object_get(jm, "lacp"));
	json_decref(v);

	/* Nor in mode lacp: a kernel that reports no LACP at all. */
	t.p.mode = LBFO_MODE_LACP;
	v = json_team(&t);
	assert_null(json_object_get(v, "min_links"));
	assert_null(json_object_get(v, "lacp_system"));
	assert_null(json_object_get(v, "lacp_state"));
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
			    .lacp_prio = LBFO_LACP_PORT_PRIO_DEFAULT,
			    .lacp_key = LBFO_LACP_KEY_DEFAULT,
			    .state = LBFO_STATE_STANDBY },
		.member_admin = 1, .old_state = -1, .reason = -1,
		.carriers = -1,
	};
	json_t *v = json_event(&ev);
	char *json = render(v, true);

	(void)state;
	assert_string_equal(json,
		"{\"event\":\"member-add\",\"team\":\"team0\",\"member\":\"eth1\","
		"\"role\":\"standby\",\"admin\":\"up\",\"weight\":100,\"lacp_prio\":255,"
		"\"lacp_key\":1,\"state\":\"standby\"}\n");
	json_decref(v);
	free(json);

	/* member-del says only who left. */
	ev.cmd = LBFO_CMD_MEMBER_DEL;
	ev.member.role = ev.member.state = ev.member_admin = -1;
	ev.member.weight = ev.member.lacp_prio = ev.member.lacp_key = -1;
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

/* ---- LACP ---- */

/* In the aggregator, and in another group (speed), with churn. */
static const struct lbfo_lacp_port lacp_in = {
	.present = true,
	.actor = { .present = true, .sys_prio = 100, .system = 0x020000000001,
		   .key = 1, .port_prio = 255, .port = 1,
		   .state = LBFO_LACP_STATE_ACTIVITY | LBFO_LACP_STATE_TIMEOUT |
			    LBFO_LACP_STATE_AGGREGATION | LBFO_LACP_STATE_SYNC |
			    LBFO_LACP_STATE_COLLECTING |
			    LBFO_LACP_STATE_DISTRIBUTING },
	.partner = { .present = true, .sys_prio = 32768,
		     .system = 0x001122334455, .key = 17, .port_prio = 32768,
		     .port = 5,
		     .state = LBFO_LACP_STATE_ACTIVITY |
			      LBFO_LACP_STATE_AGGREGATION | LBFO_LACP_STATE_SYNC |
			      LBFO_LACP_STATE_COLLECTING |
			      LBFO_LACP_STATE_DISTRIBUTING },
	.rx = LBFO_LACP_RX_S_CURRENT,
	.mux = LBFO_LACP_MUX_S_COLLECTING_DISTRIBUTING,
	.selected = 1, .aggregator = 1, .why = LBFO_LACP_WHY_NONE,
	.actor_churn = 0, .partner_churn = 0,
	.rx_pdus = 120, .tx_pdus = 121, .rx_errors = 0,
};

static const struct lbfo_lacp_port lacp_out = {
	.present = true,
	.actor = { .present = true, .sys_prio = 100, .system = 0x020000000001,
		   .key = 1, .port_prio = 255, .port = 2,
		   .state = LBFO_LACP_STATE_ACTIVITY | LBFO_LACP_STATE_TIMEOUT |
			    LBFO_LACP_STATE_AGGREGATION },
	.partner = { .present = true, .sys_prio = 32768,
		     .system = 0x001122334455, .key = 17, .port_prio = 32768,
		     .port = 6, .state = 0 },
	.rx = LBFO_LACP_RX_S_CURRENT, .mux = LBFO_LACP_MUX_S_DETACHED,
	.selected = 0, .aggregator = 2, .why = LBFO_LACP_WHY_SPEED,
	.actor_churn = 0, .partner_churn = 1,
	.rx_pdus = 30, .tx_pdus = 31, .rx_errors = 2,
};

/* A team in mode lacp, every setting away from its default. */
static void lacp_team(struct lbfo_team_info *t, struct lbfo_member_info *m)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "bond0");
	t->ifindex = 7;
	team_params_default(&t->p);
	t->p.mode = LBFO_MODE_LACP;
	t->p.num[NUM_MIN_LINKS] = 2;
	t->p.num[NUM_LACP_SYS_PRIO] = 100;
	t->p.lacp_system = 0x020000000001;
	t->p.opt[OPT_LACP_RATE] = LBFO_LACP_RATE_SLOW;
	t->p.opt[OPT_LACP_ACTIVE] = 0;
	t->p.opt[OPT_LACP_INDEPENDENT] = 1;
	t->p.opt[OPT_LACP_MIXED_SPEED] = 1;
	t->p.opt[OPT_LACP_FALLBACK] = 1;
	t->lacp_state = LBFO_LACP_TEAM_AGGREGATED;
	t->carrier = true;
	t->carriers = 1;
	snprintf(t->primary, sizeof(t->primary), "eth0");
	memset(m, 0, 2 * sizeof(*m));
	snprintf(m[0].name, sizeof(m[0].name), "eth0");
	snprintf(m[1].name, sizeof(m[1].name), "eth1");
	m[0].ifindex = 2;
	m[1].ifindex = 3;
	m[0].state = LBFO_STATE_ACTIVE;
	m[1].state = LBFO_STATE_STANDBY;
	m[0].admin_up = m[1].admin_up = true;
	m[0].weight = m[1].weight = m[0].buckets = m[1].buckets = -1;
	m[0].lacp_prio = 255;
	m[0].lacp_key = 1;
	m[1].lacp_prio = 10;
	m[1].lacp_key = 1;
	m[0].lacp = lacp_in;
	m[1].lacp = lacp_out;
	t->members = m;
	t->n_members = 2;
}

static void lacp_team_json(void **state)
{
	struct lbfo_member_info m[2];
	struct lbfo_team_info t;
	json_t *v, *jm, *l;
	char *json;

	(void)state;
	lacp_team(&t, m);
	v = json_team(&t);
	json = render(v, true);
	assert_non_null(strstr(json,
		"\"downdelay_ms\":0,\"min_links\":2,\"lacp_sys_prio\":100,"
		"\"lacp_system\":\"02:00:00:00:00:01\",\"lacp_rate\":\"slow\","
		"\"lacp_mode\":\"passive\",\"lacp_control\":\"independent\","
		"\"lacp_mixed_speed\":true,\"lacp_fallback\":true,"
		"\"primary\":\"eth0\",\"carrier\":true,\"carriers\":1,"
		"\"lacp_state\":\"aggregated\","));
	jm = json_array_get(json_object_get(v, "members"), 0);
	/* Defaults too, in mode lacp. */
	assert_int_equal(json_integer_value(json_object_get(jm, "lacp_prio")), 255);
	assert_int_equal(json_integer_value(json_object_get(jm, "lacp_key")), 1);
	free(json);
	json = json_dumps(json_object_get(jm, "lacp"), JSON_COMPACT);
	assert_string_equal(json,
		"{\"actor\":{\"system_priority\":100,\"system\":\"02:00:00:00:00:01\","
		"\"key\":1,\"port_priority\":255,\"port\":1,\"state\":[\"activity\","
		"\"timeout\",\"aggregation\",\"sync\",\"collecting\",\"distributing\"]},"
		"\"partner\":{\"system_priority\":32768,\"system\":\"00:11:22:33:44:55\","
		"\"key\":17,\"port_priority\":32768,\"port\":5,\"state\":[\"activity\","
		"\"aggregation\",\"sync\",\"collecting\",\"distributing\"]},"
		"\"rx\":\"current\",\"mux\":\"collecting-distributing\",\"selected\":true,"
		"\"aggregator\":1,\"why\":\"none\",\"actor_churn\":false,"
		"\"partner_churn\":false,\"rx_pdus\":120,\"tx_pdus\":121,\"rx_errors\":0}");
	free(json);
	l = json_object_get(json_array_get(json_object_get(v, "members"), 1),
			    "lacp");
	assert_int_equal(json_array_size(json_object_get(
		json_object_get(l, "partner"), "state")), 0);
	assert_string_equal(json_string_value(json_object_get(l, "why")), "speed");
	json_decref(v);
}

static void lacp_team_text(void **state)
{
	struct lbfo_member_info m[2];
	struct lbfo_team_info t;

	(void)state;
	lacp_team(&t, m);
	assert_renders(json_team(&t), false,
		"bond0: ifindex 7 mode lacp lb dynamic hash ports flowlet_gap_us 500"
		" balance_interval_ms 100 balance_threshold_pct 25 probe_interval_ms 0"
		" probe_missed 3 probe_targets none updelay_ms 0 downdelay_ms 0"
		" min_links 2 lacp_sys_prio 100 lacp_system 02:00:00:00:00:01"
		" lacp_rate slow lacp_mode passive lacp_control independent"
		" lacp_mixed_speed yes lacp_fallback yes primary eth0 carrier yes"
		" carriers 1 lacp_state aggregated\n"
		"    counters: tx_packets 0 tx_bytes 0 rx_packets 0 rx_bytes 0 tx_dropped 0 rx_dropped 0\n"
		"    members:\n"
		"    name  ifindex  driver  speed_mbps  role    admin  lacp_prio  lacp_key  state    tx_packets  tx_bytes  rx_packets  rx_bytes\n"
		"    eth0  2                0           active  up     255        1         active   0           0         0           0\n"
		"        lacp: current, collecting-distributing, aggregator 1, lacpdus rx 120 tx 121\n"
		"        actor   100,02:00:00:00:00:01 key 1 port 255,1 [activity,timeout,aggregation,sync,collecting,distributing]\n"
		"        partner 32768,00:11:22:33:44:55 key 17 port 32768,5 [activity,aggregation,sync,collecting,distributing]\n"
		"    eth1  3                0           active  up     10         1         standby  0           0         0           0\n"
		"        lacp: current, detached, aggregator 2 (not selected), partner churn, lacpdus rx 30 tx 31 errors 2\n"
		"        actor   100,02:00:00:00:00:01 key 1 port 255,2 [activity,timeout,aggregation]\n"
		"        partner 32768,00:11:22:33:44:55 key 17 port 32768,6 []\n"
		"        why: speed\n");
}

/* What the kernel did not report is left out, "-" in text. */
static void lacp_partial(void **state)
{
	struct lbfo_member_info m[2];
	struct lbfo_team_info t;
	json_t *v, *l;
	char *text;

	(void)state;
	lacp_team(&t, m);
	t.n_members = 1;
	memset(&m[0].lacp, 0xff, sizeof(m[0].lacp));	/* all -1 */
	m[0].lacp.present = true;
	m[0].lacp.actor.present = true;
	m[0].lacp.partner.present = false;
	m[0].lacp.rx = LBFO_LACP_RX_S_DEFAULTED;
	v = json_team(&t);
	l = json_object_get(json_array_get(json_object_get(v, "members"), 0),
			    "lacp");
	assert_int_equal(json_object_size(l), 2);	/* actor, rx */
	assert_int_equal(json_object_size(json_object_get(l, "actor")), 0);
	text = render(v, false);
	assert_non_null(strstr(text,
		"        lacp: defaulted, -, aggregator -, lacpdus rx - tx -\n"
		"        actor   -,- key - port -,- []\n"));
	assert_null(strstr(text, "partner "));
	assert_null(strstr(text, "why:"));
	json_decref(v);
	free(text);

	/* A team not in mode lacp: no LACP object from the kernel. */
	lacp_team(&t, m);
	t.p.mode = LBFO_MODE_STATIC;
	t.lacp_state = LBFO_LACP_TEAM_OFF;
	m[0].lacp.present = m[1].lacp.present = false;
	v = json_team(&t);
	/* The settings away from their defaults are shown, the others not. */
	assert_int_equal(json_integer_value(json_object_get(v, "min_links")), 2);
	assert_string_equal(json_string_value(json_object_get(v, "lacp_rate")),
			    "slow");
	assert_null(json_object_get(v, "lacp_state"));
	l = json_object_get(v, "members");
	assert_null(json_object_get(json_array_get(l, 0), "lacp_prio"));
	assert_null(json_object_get(json_array_get(l, 0), "lacp_key"));
	assert_null(json_object_get(json_array_get(l, 0), "lacp"));
	assert_int_equal(json_integer_value(json_object_get(
		json_array_get(l, 1), "lacp_prio")), 10);
	assert_null(json_object_get(json_array_get(l, 1), "lacp_key"));
	json_decref(v);
}

static void lacp_event(void **state)
{
	struct lbfo_event ev = {
		.cmd = LBFO_CMD_LACP, .team = "bond0", .old_state = -1,
		.reason = -1, .carriers = -1, .member_admin = -1,
		.member = { .name = "eth1", .role = -1,
			    .state = LBFO_STATE_STANDBY, .weight = -1,
			    .lacp_prio = -1, .lacp_key = -1, .lacp = lacp_out },
		.team_info = { .lacp_state = LBFO_LACP_TEAM_AGGREGATED },
	};

	(void)state;
	assert_event(&ev, true,
		"{\"event\":\"lacp\",\"team\":\"bond0\",\"lacp_state\":\"aggregated\","
		"\"member\":\"eth1\",\"state\":\"standby\",\"lacp\":{\"actor\":"
		"{\"system_priority\":100,\"system\":\"02:00:00:00:00:01\",\"key\":1,"
		"\"port_priority\":255,\"port\":2,\"state\":[\"activity\",\"timeout\","
		"\"aggregation\"]},\"partner\":{\"system_priority\":32768,"
		"\"system\":\"00:11:22:33:44:55\",\"key\":17,\"port_priority\":32768,"
		"\"port\":6,\"state\":[]},\"rx\":\"current\",\"mux\":\"detached\","
		"\"selected\":false,\"aggregator\":2,\"why\":\"speed\","
		"\"actor_churn\":false,\"partner_churn\":true,\"rx_pdus\":30,"
		"\"tx_pdus\":31,\"rx_errors\":2}}\n");
	/* One line: the LACP state as pairs. */
	assert_event(&ev, false,
		"lacp: team bond0 lacp_state aggregated member eth1 state standby"
		" rx current mux detached why speed partner_system 00:11:22:33:44:55"
		" partner_key 17 actor_state activity,timeout,aggregation"
		" partner_state none\n");

	/* The reason of a state change that LACP made. */
	ev.cmd = LBFO_CMD_MEMBER_STATE;
	ev.old_state = LBFO_STATE_ACTIVE;
	ev.reason = LBFO_REASON_LACP;
	assert_event(&ev, false,
		"member-state: team bond0 member eth1 state standby old_state active reason lacp\n");

	/* A member event: its LACP settings, defaults too, as reported. */
	ev.cmd = LBFO_CMD_MEMBER_SET;
	ev.old_state = ev.reason = -1;
	ev.member.lacp_prio = 255;
	ev.member.lacp_key = 3;
	ev.member.lacp.present = false;
	assert_event(&ev, true,
		"{\"event\":\"member-set\",\"team\":\"bond0\",\"member\":\"eth1\","
		"\"lacp_prio\":255,\"lacp_key\":3,\"state\":\"standby\"}\n");

	/* An LACP event without the member's LACP state: no "lacp". */
	ev.cmd = LBFO_CMD_LACP;
	ev.member.lacp.present = false;
	ev.team_info.lacp_state = -1;
	assert_event(&ev, false, "lacp: team bond0 member eth1 state standby\n");
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
	cmocka_unit_test(lacp_team_json),
	cmocka_unit_test(lacp_team_text),
	cmocka_unit_test(lacp_partial),
	cmocka_unit_test(lacp_event),
	cmocka_unit_test(strings_one_per_line),
};

HARNESS_MAIN("print", tests)
