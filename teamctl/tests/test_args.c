// SPDX-License-Identifier: GPL-2.0
/*
 * args.c (and jcheck.c through it): the operations as data, their roles,
 * and their JSON args: what each op decodes, what it refuses and with which
 * message, and that encode then decode gives back the same op_args.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/lbfo.h>

#include "args.h"
#include "harness.h"
#include "jcheck.h"
#include "params.h"

/* ---- helpers ---- */

/*
 * Decode args (the JSON value v, borrowed) for op. want NULL: it must be
 * accepted. Otherwise it must be refused with a message containing want,
 * and *a must hold nothing to free.
 */
static bool decode_v(enum op_id op, const json_t *v, struct op_args *a,
		     const char *want)
{
	char msg[512] = "";
	bool ok;

	ok = args_decode(op, v, a, msg, sizeof(msg));
	if (!want) {
		if (!ok)
			fail_msg("%s refused: %s", op_info[op].name, msg);
		return true;
	}
	if (ok) {
		args_free(a);
		fail_msg("%s accepted, expected '%s'", op_info[op].name, want);
	}
	if (!strstr(msg, want))
		fail_msg("%s: message '%s' lacks '%s'", op_info[op].name, msg,
			 want);
	assert_null(a->members);
	assert_int_equal(a->n_members, 0);
	assert_null(a->cfg.teams);
	assert_int_equal(a->cfg.n_teams, 0);
	return false;
}

/* The same, from text (any JSON value). */
static bool decode(enum op_id op, const char *text, struct op_args *a,
		   const char *want)
{
	json_error_t err;
	json_t *v = json_loads(text, JSON_DECODE_ANY, &err);
	bool ok;

	if (!v)
		fail_msg("bad test JSON '%s': %s", text, err.text);
	ok = decode_v(op, v, a, want);
	json_decref(v);
	return ok;
}

/* Refused, with want in the message. */
static void refuse(enum op_id op, const char *text, const char *want)
{
	struct op_args a;

	decode(op, text, &a, want);
}

/* An object {key: json_stringn(s, n)} plus the other keys of text. */
static void refuse_nul(enum op_id op, const char *text, const char *key,
		       const char *s, size_t n, const char *want)
{
	json_t *v = json_loads(text, 0, NULL);
	struct op_args a;

	assert_non_null(v);
	assert_int_equal(json_object_set_new(v, key, json_stringn(s, n)), 0);
	decode_v(op, v, &a, want);
	json_decref(v);
}

static void assert_params_unset(const struct team_params *p)
{
	int i;

	assert_int_equal(p->mode, -1);
	assert_int_equal(p->lb, -1);
	assert_int_equal(p->hash, -1);
	for (i = 0; i < N_NUMS; i++)
		assert_int_equal(p->num[i], -1);
	assert_int_equal(p->n_targets, -1);
	assert_int_equal(p->lacp_system, -1);
	for (i = 0; i < N_OPTS; i++)
		assert_int_equal(p->opt[i], -1);
}

static void assert_change_unset(const struct lbfo_member_change *m)
{
	assert_int_equal(m->role, -1);
	assert_int_equal(m->admin_up, -1);
	assert_int_equal(m->weight, -1);
	assert_int_equal(m->lacp_prio, -1);
	assert_int_equal(m->lacp_key, -1);
}

/* Nothing of team.add's members or config.apply's. */
static void assert_no_lists(const struct op_args *a)
{
	assert_null(a->members);
	assert_int_equal(a->n_members, 0);
	assert_null(a->cfg.teams);
	assert_int_equal(a->cfg.n_teams, 0);
	assert_false(a->prune);
	assert_false(a->dry_run);
}

static void assert_target(const struct lbfo_addr *a, const char *want)
{
	char text[ADDR_TEXT_MAX];

	addr_text(a, text, sizeof(text));
	assert_string_equal(text, want);
}

static void assert_params_equal(const struct team_params *x,
				const struct team_params *y)
{
	int i;

	assert_int_equal(x->mode, y->mode);
	assert_int_equal(x->lb, y->lb);
	assert_int_equal(x->hash, y->hash);
	for (i = 0; i < N_NUMS; i++)
		assert_int_equal(x->num[i], y->num[i]);
	assert_int_equal(x->n_targets, y->n_targets);
	for (i = 0; i < x->n_targets; i++)
		assert_true(addr_equal(&x->targets[i], &y->targets[i]));
	assert_int_equal(x->lacp_system, y->lacp_system);
	for (i = 0; i < N_OPTS; i++)
		assert_int_equal(x->opt[i], y->opt[i]);
}

/* Every field of two op_args (the cfg through its JSON form). */
static void assert_args_equal(const struct op_args *x, const struct op_args *y)
{
	json_t *cx, *cy;
	size_t i;

	assert_int_equal(x->op, y->op);
	assert_string_equal(x->team, y->team);
	assert_string_equal(x->member, y->member);
	assert_params_equal(&x->p, &y->p);
	assert_int_equal(x->m.role, y->m.role);
	assert_int_equal(x->m.admin_up, y->m.admin_up);
	assert_int_equal(x->m.weight, y->m.weight);
	assert_int_equal(x->m.lacp_prio, y->m.lacp_prio);
	assert_int_equal(x->m.lacp_key, y->m.lacp_key);
	assert_int_equal(x->n_members, y->n_members);
	for (i = 0; i < x->n_members; i++) {
		assert_string_equal(x->members[i].name, y->members[i].name);
		assert_int_equal(x->members[i].role, y->members[i].role);
		assert_int_equal(x->members[i].admin_up,
				 y->members[i].admin_up);
		assert_int_equal(x->members[i].weight, y->members[i].weight);
		assert_int_equal(x->members[i].lacp_prio,
				 y->members[i].lacp_prio);
		assert_int_equal(x->members[i].lacp_key,
				 y->members[i].lacp_key);
	}
	assert_int_equal(x->cfg.n_teams, y->cfg.n_teams);
	cx = cfg_to_json(&x->cfg);
	cy = cfg_to_json(&y->cfg);
	assert_non_null(cx);
	assert_non_null(cy);
	assert_true(json_equal(cx, cy));
	json_decref(cx);
	json_decref(cy);
	assert_int_equal(x->prune, y->prune);
	assert_int_equal(x->dry_run, y->dry_run);
}

/* args_encode(a) is the JSON of text. */
static void assert_encodes_to(const struct op_args *a, const char *text)
{
	json_t *want = json_loads(text, 0, NULL), *got = args_encode(a);
	char *s;

	assert_non_null(want);
	assert_non_null(got);
	if (!json_equal(want, got)) {
		s = json_dumps(got, JSON_COMPACT | JSON_SORT_KEYS);
		fail_msg("encoded %s, expected %s", s, text);
	}
	json_decref(want);
	json_decref(got);
}

static const enum op_id reads[] = { OP_TEAM_SHOW, OP_STATS, OP_CONFIG_EXPORT };

/* ---- ops and roles ---- */

static void op_names(void **state)
{
	static const char *const names[N_OPS] = {
		[OP_TEAM_SHOW] = "team.show",
		[OP_STATS] = "stats",
		[OP_CONFIG_EXPORT] = "config.export",
		[OP_MONITOR] = "monitor",
		[OP_TEAM_ADD] = "team.add",
		[OP_TEAM_DEL] = "team.del",
		[OP_TEAM_SET] = "team.set",
		[OP_MEMBER_ADD] = "member.add",
		[OP_MEMBER_DEL] = "member.del",
		[OP_MEMBER_SET] = "member.set",
		[OP_CONFIG_APPLY] = "config.apply",
	};
	int i;

	(void)state;
	for (i = 0; i < N_OPS; i++) {
		assert_string_equal(op_info[i].name, names[i]);
		assert_int_equal(op_find(names[i]), i);
		/* Reads change nothing; every other op is audited. */
		assert_int_equal(op_info[i].changes,
				 i != OP_TEAM_SHOW && i != OP_STATS &&
				 i != OP_CONFIG_EXPORT && i != OP_MONITOR);
	}
	assert_int_equal(op_find(""), -1);
	assert_int_equal(op_find("team"), -1);
	assert_int_equal(op_find("team.show "), -1);
	assert_int_equal(op_find("Team.Show"), -1);
	assert_int_equal(op_find("team_show"), -1);
	assert_int_equal(op_find("member.move"), -1);
}

static void role_names(void **state)
{
	(void)state;
	assert_string_equal(role_name(ROLE_NONE), "none");
	assert_string_equal(role_name(ROLE_READER), "reader");
	assert_string_equal(role_name(ROLE_OPERATOR), "operator");
	assert_string_equal(role_name(ROLE_ADMIN), "admin");
	assert_string_equal(role_name(N_ROLES), "none");
	assert_int_equal(role_find("none"), ROLE_NONE);
	assert_int_equal(role_find("reader"), ROLE_READER);
	assert_int_equal(role_find("operator"), ROLE_OPERATOR);
	assert_int_equal(role_find("admin"), ROLE_ADMIN);
	assert_int_equal(role_find(""), -1);
	assert_int_equal(role_find("root"), -1);
	assert_int_equal(role_find("Admin"), -1);
	assert_int_equal(role_find("admin "), -1);
	/* Each role may do what the ones below it may. */
	assert_true(ROLE_NONE < ROLE_READER);
	assert_true(ROLE_READER < ROLE_OPERATOR);
	assert_true(ROLE_OPERATOR < ROLE_ADMIN);
}

static void op_roles(void **state)
{
	static const enum role want[N_OPS] = {
		[OP_TEAM_SHOW] = ROLE_READER,
		[OP_STATS] = ROLE_READER,
		[OP_CONFIG_EXPORT] = ROLE_READER,
		[OP_MONITOR] = ROLE_READER,
		[OP_TEAM_ADD] = ROLE_ADMIN,
		[OP_TEAM_DEL] = ROLE_ADMIN,
		[OP_TEAM_SET] = ROLE_ADMIN,
		[OP_MEMBER_ADD] = ROLE_ADMIN,
		[OP_MEMBER_DEL] = ROLE_ADMIN,
		[OP_MEMBER_SET] = ROLE_OPERATOR,
		[OP_CONFIG_APPLY] = ROLE_ADMIN,
	};
	struct op_args a;
	int i;

	(void)state;
	for (i = 0; i < N_OPS; i++) {
		assert_int_equal(op_info[i].role, want[i]);
		args_init(&a, i);
		assert_int_equal(args_role(&a), want[i]);
		args_free(&a);
	}
}

static void member_set_roles(void **state)
{
	struct op_args a;

	(void)state;
	/* A weight is the admin's, even 0. */
	decode(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"weight\":100}", &a, NULL);
	assert_int_equal(args_role(&a), ROLE_ADMIN);
	args_free(&a);
	decode(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"weight\":0}", &a, NULL);
	assert_int_equal(args_role(&a), ROLE_ADMIN);
	args_free(&a);
	decode(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"role\":\"standby\","
	       "\"admin\":\"down\",\"weight\":5}", &a, NULL);
	assert_int_equal(args_role(&a), ROLE_ADMIN);
	args_free(&a);
	/* Role and admin state are the operator's. */
	decode(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"role\":\"standby\"}", &a, NULL);
	assert_int_equal(args_role(&a), ROLE_OPERATOR);
	args_free(&a);
	decode(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"admin\":\"down\"}", &a, NULL);
	assert_int_equal(args_role(&a), ROLE_OPERATOR);
	args_free(&a);
	decode(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"role\":\"active\","
	       "\"admin\":\"up\"}", &a, NULL);
	assert_int_equal(args_role(&a), ROLE_OPERATOR);
	args_free(&a);
	/* Built in C, the same rule. */
	args_init(&a, OP_MEMBER_SET);
	a.m.admin_up = 0;
	assert_int_equal(args_role(&a), ROLE_OPERATOR);
	a.m.weight = 0;
	assert_int_equal(args_role(&a), ROLE_ADMIN);
	/* The weight rule is member.set's: member.add is admin anyway. */
	args_init(&a, OP_MEMBER_ADD);
	assert_int_equal(args_role(&a), ROLE_ADMIN);
	a.m.weight = 10;
	assert_int_equal(args_role(&a), ROLE_ADMIN);
	decode(OP_MEMBER_ADD, "{\"team\":\"t\",\"name\":\"e\",\"role\":\"standby\"}", &a, NULL);
	assert_int_equal(args_role(&a), ROLE_ADMIN);
	args_free(&a);
	/* So are a member's LACP priority and key. */
	decode(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"lacp_prio\":255}", &a, NULL);
	assert_int_equal(args_role(&a), ROLE_ADMIN);
	args_free(&a);
	decode(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"lacp_key\":1,"
	       "\"admin\":\"up\"}", &a, NULL);
	assert_int_equal(args_role(&a), ROLE_ADMIN);
	args_free(&a);
	args_init(&a, OP_MEMBER_SET);
	a.m.lacp_key = 3;
	assert_int_equal(args_role(&a), ROLE_ADMIN);
	/* Reads stay reads whatever they name. */
	decode(OP_TEAM_SHOW, "{\"team\":\"t\"}", &a, NULL);
	assert_int_equal(args_role(&a), ROLE_READER);
	args_free(&a);
}

static void init_and_free(void **state)
{
	struct op_args a;
	int i;

	(void)state;
	for (i = 0; i < N_OPS; i++) {
		memset(&a, 0x5a, sizeof(a));
		args_init(&a, i);
		assert_int_equal(a.op, i);
		assert_string_equal(a.team, "");
		assert_string_equal(a.member, "");
		assert_params_unset(&a.p);
		assert_change_unset(&a.m);
		assert_no_lists(&a);
		args_free(&a);
		args_free(&a);		/* twice is harmless */
		assert_no_lists(&a);
	}
}

/* ---- decoding valid args ---- */

static void decode_reads(void **state)
{
	struct op_args a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
		decode(reads[i], "{}", &a, NULL);
		assert_int_equal(a.op, reads[i]);
		assert_string_equal(a.team, "");
		assert_string_equal(a.member, "");
		assert_params_unset(&a.p);
		assert_change_unset(&a.m);
		assert_no_lists(&a);
		args_free(&a);

		decode(reads[i], "{\"team\":\"team0\"}", &a, NULL);
		assert_int_equal(a.op, reads[i]);
		assert_string_equal(a.team, "team0");
		assert_string_equal(a.member, "");
		assert_params_unset(&a.p);
		assert_change_unset(&a.m);
		assert_no_lists(&a);
		args_free(&a);

		/* The longest name there is. */
		decode(reads[i], "{\"team\":\"abcdefghijklmno\"}", &a, NULL);
		assert_string_equal(a.team, "abcdefghijklmno");
		args_free(&a);
	}
}

static void decode_monitor(void **state)
{
	struct op_args a;

	(void)state;
	decode(OP_MONITOR, "{}", &a, NULL);
	assert_int_equal(a.op, OP_MONITOR);
	assert_string_equal(a.team, "");
	assert_string_equal(a.member, "");
	assert_params_unset(&a.p);
	assert_change_unset(&a.m);
	assert_no_lists(&a);
	args_free(&a);
}

static void decode_team_add_full(void **state)
{
	struct op_args a;

	(void)state;
	decode(OP_TEAM_ADD,
	       "{\"name\":\"team0\",\"mode\":\"lacp\",\"lb\":\"address-hash\","
	       "\"hash\":[\"ip\",\"ports\"],\"flowlet_gap_us\":1000,"
	       "\"balance_interval_ms\":200,\"balance_threshold_pct\":50,"
	       "\"probe_interval_ms\":100,\"probe_missed\":5,"
	       "\"probe_targets\":[\"192.0.2.1\",\"2001:db8::1\"],"
	       "\"updelay_ms\":10,\"downdelay_ms\":20,"
	       "\"members\":[{\"name\":\"eth0\"},"
	       "{\"name\":\"eth1\",\"role\":\"standby\",\"admin\":\"down\",\"weight\":1000},"
	       "{\"name\":\"eth2\",\"weight\":0}]}", &a, NULL);
	assert_int_equal(a.op, OP_TEAM_ADD);
	assert_string_equal(a.team, "team0");
	assert_string_equal(a.member, "");
	assert_int_equal(a.p.mode, LBFO_MODE_LACP);
	assert_int_equal(a.p.lb, LBFO_LB_ADDRESS_HASH);
	assert_int_equal(a.p.hash, LBFO_HASH_IP | LBFO_HASH_PORTS);
	assert_int_equal(a.p.num[NUM_FLOWLET_GAP], 1000);
	assert_int_equal(a.p.num[NUM_BALANCE_INTERVAL], 200);
	assert_int_equal(a.p.num[NUM_BALANCE_THRESHOLD], 50);
	assert_int_equal(a.p.num[NUM_PROBE_INTERVAL], 100);
	assert_int_equal(a.p.num[NUM_PROBE_MISSED], 5);
	assert_int_equal(a.p.num[NUM_UPDELAY], 10);
	assert_int_equal(a.p.num[NUM_DOWNDELAY], 20);
	assert_int_equal(a.p.n_targets, 2);
	assert_int_equal(a.p.targets[0].family, AF_INET);
	assert_target(&a.p.targets[0], "192.0.2.1");
	assert_int_equal(a.p.targets[1].family, AF_INET6);
	assert_target(&a.p.targets[1], "2001:db8::1");
	assert_change_unset(&a.m);
	/* Members in order; what is absent stays -1 (the kernel's default). */
	assert_int_equal(a.n_members, 3);
	assert_non_null(a.members);
	assert_string_equal(a.members[0].name, "eth0");
	assert_int_equal(a.members[0].role, -1);
	assert_int_equal(a.members[0].admin_up, -1);
	assert_int_equal(a.members[0].weight, -1);
	assert_string_equal(a.members[1].name, "eth1");
	assert_int_equal(a.members[1].role, LBFO_ROLE_STANDBY);
	assert_int_equal(a.members[1].admin_up, 0);
	assert_int_equal(a.members[1].weight, 1000);
	assert_string_equal(a.members[2].name, "eth2");
	assert_int_equal(a.members[2].role, -1);
	assert_int_equal(a.members[2].admin_up, -1);
	assert_int_equal(a.members[2].weight, 0);
	assert_null(a.cfg.teams);
	assert_int_equal(a.cfg.n_teams, 0);
	assert_false(a.prune);
	assert_false(a.dry_run);
	args_free(&a);
	assert_null(a.members);
	assert_int_equal(a.n_members, 0);
}

static void decode_team_add_minimal(void **state)
{
	struct op_args a;

	(void)state;
	decode(OP_TEAM_ADD, "{\"name\":\"team0\"}", &a, NULL);
	assert_int_equal(a.op, OP_TEAM_ADD);
	assert_string_equal(a.team, "team0");
	assert_string_equal(a.member, "");
	assert_params_unset(&a.p);
	assert_change_unset(&a.m);
	assert_no_lists(&a);
	args_free(&a);

	decode(OP_TEAM_ADD, "{\"name\":\"team0\",\"members\":[]}", &a, NULL);
	assert_string_equal(a.team, "team0");
	assert_params_unset(&a.p);
	assert_int_equal(a.n_members, 0);
	args_free(&a);

	/* An empty target list is a setting: no targets. */
	decode(OP_TEAM_ADD, "{\"name\":\"team0\",\"probe_targets\":[]}", &a, NULL);
	assert_int_equal(a.p.n_targets, 0);
	assert_int_equal(a.p.mode, -1);
	args_free(&a);
}

static void decode_team_set(void **state)
{
	static const struct {
		const char *text;
		const char *key;
	} one[] = {
		{ "\"mode\":\"static\"", "mode" },
		{ "\"lb\":\"hyperv-port\"", "lb" },
		{ "\"hash\":[\"inner\",\"mac\"]", "hash" },
		{ "\"flowlet_gap_us\":50", "flowlet_gap_us" },
		{ "\"balance_interval_ms\":60000", "balance_interval_ms" },
		{ "\"balance_threshold_pct\":1", "balance_threshold_pct" },
		{ "\"probe_interval_ms\":0", "probe_interval_ms" },
		{ "\"probe_missed\":255", "probe_missed" },
		{ "\"probe_targets\":[\"198.51.100.7\"]", "probe_targets" },
		{ "\"updelay_ms\":600000", "updelay_ms" },
		{ "\"downdelay_ms\":0", "downdelay_ms" },
		{ "\"min_links\":64", "min_links" },
		{ "\"lacp_sys_prio\":65535", "lacp_sys_prio" },
		{ "\"lacp_system\":\"auto\"", "lacp_system" },
		{ "\"lacp_rate\":\"slow\"", "lacp_rate" },
		{ "\"lacp_mode\":\"passive\"", "lacp_mode" },
		{ "\"lacp_control\":\"coupled\"", "lacp_control" },
		{ "\"lacp_mixed_speed\":true", "lacp_mixed_speed" },
		{ "\"lacp_fallback\":false", "lacp_fallback" },
	};
	static const int opts[] = {
		LBFO_LACP_RATE_SLOW,	/* lacp_rate */
		0,			/* lacp_mode passive */
		0,			/* lacp_control coupled */
		1,			/* lacp_mixed_speed */
		0,			/* lacp_fallback */
	};
	struct team_params want;
	struct op_args a;
	char text[256];
	size_t i;
	int n;

	(void)state;
	for (i = 0; i < sizeof(one) / sizeof(one[0]); i++) {
		snprintf(text, sizeof(text), "{\"name\":\"team1\",%s}",
			 one[i].text);
		decode(OP_TEAM_SET, text, &a, NULL);
		assert_int_equal(a.op, OP_TEAM_SET);
		assert_string_equal(a.team, "team1");
		assert_string_equal(a.member, "");
		/* That one field set, every other left at -1. */
		team_params_unset(&want);
		if (!strcmp(one[i].key, "mode"))
			want.mode = LBFO_MODE_STATIC;
		else if (!strcmp(one[i].key, "lb"))
			want.lb = LBFO_LB_HYPERV_PORT;
		else if (!strcmp(one[i].key, "hash"))
			want.hash = LBFO_HASH_INNER | LBFO_HASH_MAC;
		else if (!strcmp(one[i].key, "probe_targets")) {
			assert_null(addr_parse("198.51.100.7", &want.targets[0]));
			want.n_targets = 1;
		} else if (!strcmp(one[i].key, "lacp_system")) {
			want.lacp_system = 0;
		} else if (!strncmp(one[i].key, "lacp_", 5) &&
			   strcmp(one[i].key, "lacp_sys_prio")) {
			for (n = 0; n < N_OPTS; n++)
				if (!strcmp(one[i].key, team_opts[n].key))
					break;
			assert_true(n < N_OPTS);
			want.opt[n] = opts[n];
		} else {
			for (n = 0; n < N_NUMS; n++)
				if (!strcmp(one[i].key, team_nums[n].key))
					break;
			assert_true(n < N_NUMS);
			want.num[n] = strtoll(strchr(one[i].text, ':') + 1,
					      NULL, 10);
		}
		assert_params_equal(&a.p, &want);
		assert_change_unset(&a.m);
		assert_no_lists(&a);
		args_free(&a);
	}

	/* Clearing the targets is a change too. */
	decode(OP_TEAM_SET, "{\"name\":\"team1\",\"probe_targets\":[]}", &a, NULL);
	team_params_unset(&want);
	want.n_targets = 0;
	assert_params_equal(&a.p, &want);
	args_free(&a);
}

static void decode_team_del(void **state)
{
	struct op_args a;

	(void)state;
	decode(OP_TEAM_DEL, "{\"name\":\"team0\"}", &a, NULL);
	assert_int_equal(a.op, OP_TEAM_DEL);
	assert_string_equal(a.team, "team0");
	assert_string_equal(a.member, "");
	assert_params_unset(&a.p);
	assert_change_unset(&a.m);
	assert_no_lists(&a);
	args_free(&a);
}

static void decode_member_ops(void **state)
{
	static const enum op_id ops[] = { OP_MEMBER_ADD, OP_MEMBER_SET };
	struct op_args a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		decode(ops[i], "{\"team\":\"team0\",\"name\":\"eth1\","
		       "\"role\":\"standby\",\"admin\":\"down\",\"weight\":1000000}",
		       &a, NULL);
		assert_int_equal(a.op, ops[i]);
		assert_string_equal(a.team, "team0");
		assert_string_equal(a.member, "eth1");
		assert_params_unset(&a.p);
		assert_int_equal(a.m.role, LBFO_ROLE_STANDBY);
		assert_int_equal(a.m.admin_up, 0);
		assert_int_equal(a.m.weight, LBFO_WEIGHT_MAX);
		assert_no_lists(&a);
		args_free(&a);

		decode(ops[i], "{\"team\":\"team0\",\"name\":\"eth1\",\"role\":\"active\"}",
		       &a, NULL);
		assert_int_equal(a.m.role, LBFO_ROLE_ACTIVE);
		assert_int_equal(a.m.admin_up, -1);
		assert_int_equal(a.m.weight, -1);
		args_free(&a);

		decode(ops[i], "{\"team\":\"team0\",\"name\":\"eth1\",\"admin\":\"up\"}",
		       &a, NULL);
		assert_int_equal(a.m.role, -1);
		assert_int_equal(a.m.admin_up, 1);
		assert_int_equal(a.m.weight, -1);
		args_free(&a);

		decode(ops[i], "{\"team\":\"team0\",\"name\":\"eth1\",\"weight\":0}",
		       &a, NULL);
		assert_int_equal(a.m.role, -1);
		assert_int_equal(a.m.admin_up, -1);
		assert_int_equal(a.m.weight, 0);
		assert_int_equal(a.m.lacp_prio, -1);
		assert_int_equal(a.m.lacp_key, -1);
		args_free(&a);

		decode(ops[i], "{\"team\":\"team0\",\"name\":\"eth1\","
		       "\"lacp_prio\":1,\"lacp_key\":65535}", &a, NULL);
		assert_int_equal(a.m.role, -1);
		assert_int_equal(a.m.weight, -1);
		assert_int_equal(a.m.lacp_prio, 1);
		assert_int_equal(a.m.lacp_key, 65535);
		args_free(&a);
	}

	/* member.add without any setting: the kernel's defaults. */
	decode(OP_MEMBER_ADD, "{\"team\":\"team0\",\"name\":\"eth1\"}", &a, NULL);
	assert_int_equal(a.op, OP_MEMBER_ADD);
	assert_string_equal(a.team, "team0");
	assert_string_equal(a.member, "eth1");
	assert_params_unset(&a.p);
	assert_change_unset(&a.m);
	assert_no_lists(&a);
	args_free(&a);

	decode(OP_MEMBER_DEL, "{\"team\":\"team0\",\"name\":\"eth1\"}", &a, NULL);
	assert_int_equal(a.op, OP_MEMBER_DEL);
	assert_string_equal(a.team, "team0");
	assert_string_equal(a.member, "eth1");
	assert_params_unset(&a.p);
	assert_change_unset(&a.m);
	assert_no_lists(&a);
	args_free(&a);
}

static void decode_config_apply(void **state)
{
	struct op_args a;

	(void)state;
	decode(OP_CONFIG_APPLY,
	       "{\"config\":{\"teams\":[{\"name\":\"team0\",\"mode\":\"static\","
	       "\"members\":[{\"name\":\"eth0\"},{\"name\":\"eth1\",\"role\":\"standby\"}]},"
	       "{\"name\":\"team1\"}]},\"prune\":true,\"dry_run\":true}", &a, NULL);
	assert_int_equal(a.op, OP_CONFIG_APPLY);
	assert_string_equal(a.team, "");
	assert_string_equal(a.member, "");
	assert_params_unset(&a.p);
	assert_change_unset(&a.m);
	assert_null(a.members);
	assert_int_equal(a.n_members, 0);
	assert_true(a.prune);
	assert_true(a.dry_run);
	/* The config as cfg_from_json reads it: defaults filled in. */
	assert_int_equal(a.cfg.n_teams, 2);
	assert_string_equal(a.cfg.teams[0].name, "team0");
	assert_int_equal(a.cfg.teams[0].p.mode, LBFO_MODE_STATIC);
	assert_int_equal(a.cfg.teams[0].p.lb, LBFO_LB_DYNAMIC);
	assert_int_equal(a.cfg.teams[0].p.hash, LBFO_HASH_PORTS);
	assert_int_equal(a.cfg.teams[0].n_members, 2);
	assert_string_equal(a.cfg.teams[0].members[0].name, "eth0");
	assert_int_equal(a.cfg.teams[0].members[0].role, LBFO_ROLE_ACTIVE);
	assert_int_equal(a.cfg.teams[0].members[0].admin_up, 1);
	assert_int_equal(a.cfg.teams[0].members[0].weight, 0);
	assert_string_equal(a.cfg.teams[0].members[1].name, "eth1");
	assert_int_equal(a.cfg.teams[0].members[1].role, LBFO_ROLE_STANDBY);
	assert_string_equal(a.cfg.teams[1].name, "team1");
	assert_int_equal(a.cfg.teams[1].p.mode, LBFO_MODE_SWITCH_INDEPENDENT);
	assert_int_equal(a.cfg.teams[1].n_members, 0);
	args_free(&a);
	assert_null(a.cfg.teams);
	assert_int_equal(a.cfg.n_teams, 0);

	/* prune and dry_run default to false. */
	decode(OP_CONFIG_APPLY, "{\"config\":{\"teams\":[]}}", &a, NULL);
	assert_int_equal(a.cfg.n_teams, 0);
	assert_false(a.prune);
	assert_false(a.dry_run);
	args_free(&a);

	decode(OP_CONFIG_APPLY, "{\"config\":{\"teams\":[]},\"prune\":false,"
	       "\"dry_run\":true}", &a, NULL);
	assert_false(a.prune);
	assert_true(a.dry_run);
	args_free(&a);
}

/* ---- refusals ---- */

static void refuse_not_object(void **state)
{
	static const char *const texts[] = { "[]", "[{}]", "\"team0\"", "null",
					     "1", "true" };
	struct op_args a;
	size_t t;
	int i;

	(void)state;
	for (i = 0; i < N_OPS; i++) {
		for (t = 0; t < sizeof(texts) / sizeof(texts[0]); t++)
			refuse(i, texts[t], "args: must be an object");
		decode_v(i, NULL, &a, "args: must be an object");
	}
}

static void refuse_unknown_keys(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
		refuse(reads[i], "{\"name\":\"team0\"}", "args: unknown key 'name'");
		refuse(reads[i], "{\"team\":\"team0\",\"all\":true}",
		       "args: unknown key 'all'");
		refuse(reads[i], "{\"mode\":\"static\"}", "args: unknown key 'mode'");
	}
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"mtu\":1500}", "args: unknown key 'mtu'");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"team\":\"t\"}", "args: unknown key 'team'");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"primary\":\"eth0\"}",
	       "args: unknown key 'primary'");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"mode\":\"lacp\",\"members\":[]}",
	       "args: unknown key 'members'");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"speed\":1}", "args: unknown key 'speed'");
	/* team.del takes a name only, no parameters. */
	refuse(OP_TEAM_DEL, "{\"name\":\"t\",\"mode\":\"lacp\"}", "args: unknown key 'mode'");
	refuse(OP_TEAM_DEL, "{\"name\":\"t\",\"members\":[]}", "args: unknown key 'members'");
	refuse(OP_TEAM_DEL, "{\"name\":\"t\",\"force\":true}", "args: unknown key 'force'");
	refuse(OP_MEMBER_ADD, "{\"team\":\"t\",\"name\":\"e\",\"mode\":\"lacp\"}",
	       "args: unknown key 'mode'");
	refuse(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"member\":\"e\"}",
	       "args: unknown key 'member'");
	refuse(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"state\":\"down\"}",
	       "args: unknown key 'state'");
	/* member.del takes no settings. */
	refuse(OP_MEMBER_DEL, "{\"team\":\"t\",\"name\":\"e\",\"role\":\"standby\"}",
	       "args: unknown key 'role'");
	refuse(OP_MEMBER_DEL, "{\"team\":\"t\",\"name\":\"e\",\"weight\":1}",
	       "args: unknown key 'weight'");
	refuse(OP_CONFIG_APPLY, "{\"config\":{\"teams\":[]},\"force\":true}",
	       "args: unknown key 'force'");
	refuse(OP_CONFIG_APPLY, "{\"teams\":[]}", "args: unknown key 'teams'");
	/* In a member of team.add, as in the config file. */
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":[{\"name\":\"e\",\"speed\":1}]}",
	       "args.members[0]: unknown key 'speed'");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":[{\"name\":\"e\"},"
	       "{\"name\":\"f\",\"team\":\"t\"}]}", "args.members[1]: unknown key 'team'");
}

static void refuse_missing_names(void **state)
{
	(void)state;
	refuse(OP_TEAM_ADD, "{}", "args: 'name' is missing");
	refuse(OP_TEAM_ADD, "{\"mode\":\"lacp\"}", "args: 'name' is missing");
	refuse(OP_TEAM_DEL, "{}", "args: 'name' is missing");
	refuse(OP_TEAM_SET, "{\"mode\":\"lacp\"}", "args: 'name' is missing");
	refuse(OP_MEMBER_ADD, "{\"name\":\"e\"}", "args: 'team' is missing");
	refuse(OP_MEMBER_ADD, "{\"team\":\"t\"}", "args: 'name' is missing");
	refuse(OP_MEMBER_ADD, "{}", "args: 'team' is missing");
	refuse(OP_MEMBER_SET, "{\"name\":\"e\",\"role\":\"standby\"}",
	       "args: 'team' is missing");
	refuse(OP_MEMBER_SET, "{\"team\":\"t\",\"role\":\"standby\"}",
	       "args: 'name' is missing");
	refuse(OP_MEMBER_DEL, "{\"name\":\"e\"}", "args: 'team' is missing");
	refuse(OP_MEMBER_DEL, "{\"team\":\"t\"}", "args: 'name' is missing");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":[{\"role\":\"standby\"}]}",
	       "args.members[0]: 'name' is missing");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":[{}]}",
	       "args.members[0]: 'name' is missing");
}

/* Each bad name at key of op (the other keys from base). */
static void refuse_names_at(enum op_id op, const char *base, const char *key,
			    const char *where)
{
	static const struct {
		const char *name;
		const char *shown;
	} bad[] = {
		{ "eth0/x", "eth0/x" },
		{ "", "" },
		{ "abcdefghijklmnop", "abcdefghijklmnop" },	/* 16 */
		{ "averyveryverylongname", "averyveryverylongname" },
		{ ".", "." },
		{ "..", ".." },
		{ "eth 0", "eth 0" },
		{ "eth0:1", "eth0:1" },
		{ "team%d", "team%d" },
		{ "eth\t0", "eth?0" },
		{ "eth\n0", "eth?0" },
		{ "eth\x7f", "eth?" },
	};
	char want[128];
	json_t *v, *o;
	struct op_args a;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = json_loads(base, 0, NULL);
		assert_non_null(v);
		o = v;
		if (!strcmp(where, "args.members[0].name"))
			o = json_array_get(json_object_get(v, "members"), 0);
		assert_int_equal(json_object_set_new(o, key, json_string(bad[i].name)), 0);
		snprintf(want, sizeof(want), "%s: '%s' is not a valid interface name",
			 where, bad[i].shown);
		decode_v(op, v, &a, want);
		json_decref(v);
	}
	/* A name with a NUL in it is not the name before the NUL. */
	v = json_loads(base, 0, NULL);
	assert_non_null(v);
	o = v;
	if (!strcmp(where, "args.members[0].name"))
		o = json_array_get(json_object_get(v, "members"), 0);
	assert_int_equal(json_object_set_new(o, key, json_stringn("eth0\0x", 6)), 0);
	snprintf(want, sizeof(want), "%s: 'eth0' is not a valid interface name",
		 where);
	decode_v(op, v, &a, want);
	json_decref(v);
	/* Not a string. */
	v = json_loads(base, 0, NULL);
	o = v;
	if (!strcmp(where, "args.members[0].name"))
		o = json_array_get(json_object_get(v, "members"), 0);
	assert_int_equal(json_object_set_new(o, key, json_integer(0)), 0);
	snprintf(want, sizeof(want), "%s: must be a string", where);
	decode_v(op, v, &a, want);
	json_object_set_new(o, key, json_null());
	decode_v(op, v, &a, want);
	json_object_set_new(o, key, json_pack("[s]", "eth0"));
	decode_v(op, v, &a, want);
	json_decref(v);
	/* 15 bytes is the most there is room for, and it is taken. */
	v = json_loads(base, 0, NULL);
	o = v;
	if (!strcmp(where, "args.members[0].name"))
		o = json_array_get(json_object_get(v, "members"), 0);
	assert_int_equal(json_object_set_new(o, key, json_string("abcdefghijklmno")), 0);
	decode_v(op, v, &a, NULL);
	if (!strcmp(where, "args.team"))
		assert_string_equal(a.team, "abcdefghijklmno");
	else if (!strcmp(where, "args.members[0].name"))
		assert_string_equal(a.members[0].name, "abcdefghijklmno");
	else if (op == OP_MEMBER_ADD || op == OP_MEMBER_SET || op == OP_MEMBER_DEL)
		assert_string_equal(a.member, "abcdefghijklmno");
	else
		assert_string_equal(a.team, "abcdefghijklmno");
	args_free(&a);
	json_decref(v);
}

static void refuse_bad_ifnames(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(reads) / sizeof(reads[0]); i++)
		refuse_names_at(reads[i], "{}", "team", "args.team");
	refuse_names_at(OP_TEAM_ADD, "{}", "name", "args.name");
	refuse_names_at(OP_TEAM_DEL, "{}", "name", "args.name");
	refuse_names_at(OP_TEAM_SET, "{\"mode\":\"lacp\"}", "name", "args.name");
	refuse_names_at(OP_MEMBER_ADD, "{\"name\":\"eth0\"}", "team", "args.team");
	refuse_names_at(OP_MEMBER_ADD, "{\"team\":\"team0\"}", "name", "args.name");
	refuse_names_at(OP_MEMBER_SET, "{\"name\":\"eth0\",\"admin\":\"up\"}", "team",
			"args.team");
	refuse_names_at(OP_MEMBER_SET, "{\"team\":\"team0\",\"admin\":\"up\"}", "name",
			"args.name");
	refuse_names_at(OP_MEMBER_DEL, "{\"name\":\"eth0\"}", "team", "args.team");
	refuse_names_at(OP_MEMBER_DEL, "{\"team\":\"team0\"}", "name", "args.name");
	refuse_names_at(OP_TEAM_ADD, "{\"name\":\"team0\",\"members\":[{}]}", "name",
			"args.members[0].name");
	/* And in config.apply, through cfg. */
	refuse(OP_CONFIG_APPLY, "{\"config\":{\"teams\":[{\"name\":\"eth0/x\"}]}}",
	       "args.config: teams[0].name: 'eth0/x' is not a valid interface name");
	refuse_nul(OP_TEAM_SHOW, "{}", "team", "te\0am", 5,
		   "args.team: 'te' is not a valid interface name");
}

static void refuse_wrong_types(void **state)
{
	(void)state;
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"mode\":1}", "args.mode: must be a string");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"mode\":\"roundrobin\"}",
	       "args.mode: invalid mode 'roundrobin': expected switch-independent, static or lacp");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"lb\":[\"dynamic\"]}", "args.lb: must be a string");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"lb\":\"rr\"}", "args.lb: invalid lb 'rr'");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"hash\":\"ip\"}",
	       "args.hash: must be an array of field names (mac, ip, ports or inner)");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"hash\":[]}",
	       "args.hash: needs at least one field");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"hash\":[\"ip\",\"ip\"]}",
	       "args.hash: 'ip' is listed twice");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"hash\":[\"l4\"]}",
	       "args.hash[0]: invalid hash field 'l4'");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"flowlet_gap_us\":\"500\"}",
	       "args.flowlet_gap_us: must be an integer");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"flowlet_gap_us\":500.0}",
	       "args.flowlet_gap_us: must be an integer");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"flowlet_gap_us\":49}",
	       "args.flowlet_gap_us: invalid value 49: expected 50 to 1000000 (microseconds)");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"probe_missed\":0}",
	       "args.probe_missed: invalid value 0: expected 1 to 255 (intervals)");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"updelay_ms\":-1}",
	       "args.updelay_ms: invalid value -1");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"probe_targets\":\"192.0.2.1\"}",
	       "args.probe_targets: must be an array of addresses");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"probe_targets\":[\"ff02::1\"]}",
	       "args.probe_targets[0]: 'ff02::1' is not a unicast address");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"probe_targets\":[1]}",
	       "args.probe_targets[0]: must be a string");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":{}}", "args.members: must be an array");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":\"eth0\"}",
	       "args.members: must be an array");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":[\"eth0\"]}",
	       "args.members[0]: must be an object");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":[{\"name\":\"e\"},null]}",
	       "args.members[1]: must be an object");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":[{\"name\":\"e\",\"role\":\"backup\"}]}",
	       "args.members[0].role: invalid role 'backup': expected active or standby");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":[{\"name\":\"e\",\"weight\":-1}]}",
	       "args.members[0].weight: invalid value -1: expected 0 to 1000000");
	refuse(OP_MEMBER_ADD, "{\"team\":\"t\",\"name\":\"e\",\"role\":1}",
	       "args.role: must be a string");
	refuse(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"role\":\"backup\"}",
	       "args.role: invalid role 'backup': expected active or standby");
	refuse(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"admin\":true}",
	       "args.admin: must be a string");
	refuse(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"admin\":\"off\"}",
	       "args.admin: invalid admin 'off': expected down or up");
	refuse(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"weight\":\"10\"}",
	       "args.weight: must be an integer");
	refuse(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"weight\":1000001}",
	       "args.weight: invalid value 1000001: expected 0 to 1000000");
	refuse(OP_MEMBER_ADD, "{\"team\":\"t\",\"name\":\"e\",\"weight\":-1}",
	       "args.weight: invalid value -1");
	refuse(OP_CONFIG_APPLY, "{\"config\":{\"teams\":[]},\"prune\":1}",
	       "args.prune: must be true or false");
	refuse(OP_CONFIG_APPLY, "{\"config\":{\"teams\":[]},\"prune\":\"yes\"}",
	       "args.prune: must be true or false");
	refuse(OP_CONFIG_APPLY, "{\"config\":{\"teams\":[]},\"prune\":null}",
	       "args.prune: must be true or false");
	refuse(OP_CONFIG_APPLY, "{\"config\":{\"teams\":[]},\"dry_run\":0}",
	       "args.dry_run: must be true or false");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"min_links\":0}",
	       "args.min_links: invalid value 0: expected 1 to 64 (members)");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"lacp_sys_prio\":0}",
	       "args.lacp_sys_prio: invalid value 0: expected 1 to 65535");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"lacp_rate\":\"medium\"}",
	       "args.lacp_rate: invalid lacp-rate 'medium': expected slow or fast");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"lacp_mode\":true}",
	       "args.lacp_mode: must be a string");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"lacp_control\":\"independant\"}",
	       "args.lacp_control: invalid lacp-control 'independant': expected coupled or independent");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"lacp_mixed_speed\":\"on\"}",
	       "args.lacp_mixed_speed: must be true or false");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"lacp_fallback\":0}",
	       "args.lacp_fallback: must be true or false");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"lacp_system\":[]}",
	       "args.lacp_system: must be a string");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"lacp_system\":\"ff:ff:ff:ff:ff:ff\"}",
	       "args.lacp_system: 'ff:ff:ff:ff:ff:ff' is not a unicast MAC address");
	refuse(OP_TEAM_SET, "{\"name\":\"t\",\"lacp_state\":\"off\"}",
	       "args: unknown key 'lacp_state'");
	refuse(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\",\"lacp_prio\":65536}",
	       "args.lacp_prio: invalid value 65536: expected 1 to 65535");
	refuse(OP_MEMBER_ADD, "{\"team\":\"t\",\"name\":\"e\",\"lacp_key\":0}",
	       "args.lacp_key: invalid value 0: expected 1 to 65535");
	refuse(OP_MEMBER_DEL, "{\"team\":\"t\",\"name\":\"e\",\"lacp_key\":1}",
	       "args: unknown key 'lacp_key'");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":[{\"name\":\"e\",\"lacp_prio\":-1}]}",
	       "args.members[0].lacp_prio: invalid value -1");
	refuse_nul(OP_TEAM_SET, "{\"name\":\"t\"}", "lacp_system",
		   "auto\0x", 6, "args.lacp_system: 'auto' is not a MAC address");
	/* An enum with a NUL in it is not the name before the NUL. */
	refuse_nul(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\"}", "role",
		   "standby\0x", 9, "args.role: invalid role 'standby'");
}

static void refuse_empty_changes(void **state)
{
	(void)state;
	refuse(OP_TEAM_SET, "{\"name\":\"t\"}", "args: team.set needs a parameter to change");
	refuse(OP_MEMBER_SET, "{\"team\":\"t\",\"name\":\"e\"}",
	       "args: member.set needs role, admin, weight, lacp_prio or lacp_key");
}

static void refuse_team_as_member(void **state)
{
	(void)state;
	refuse(OP_MEMBER_ADD, "{\"team\":\"team0\",\"name\":\"team0\"}",
	       "args: a team cannot be a member of itself");
	refuse(OP_MEMBER_SET, "{\"team\":\"team0\",\"name\":\"team0\",\"admin\":\"up\"}",
	       "args: a team cannot be a member of itself");
	refuse(OP_MEMBER_DEL, "{\"team\":\"team0\",\"name\":\"team0\"}",
	       "args: a team cannot be a member of itself");
	refuse(OP_TEAM_ADD, "{\"name\":\"team0\",\"members\":[{\"name\":\"team0\"}]}",
	       "args.members[0]: a team cannot be a member of itself");
	refuse(OP_TEAM_ADD, "{\"name\":\"team0\",\"members\":[{\"name\":\"eth0\"},"
	       "{\"name\":\"team0\",\"role\":\"standby\"}]}",
	       "args.members[1]: a team cannot be a member of itself");
}

static void refuse_member_twice(void **state)
{
	(void)state;
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":[{\"name\":\"eth0\"},"
	       "{\"name\":\"eth0\"}]}", "args.members[1]: 'eth0' is listed twice");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":[{\"name\":\"eth0\"},"
	       "{\"name\":\"eth1\"},{\"name\":\"eth2\"},{\"name\":\"eth1\",\"role\":\"standby\"}]}",
	       "args.members[3]: 'eth1' is listed twice");
}

/* team.add with n members d0, d1... */
static bool team_add_n(int n, struct op_args *a, const char *want)
{
	char text[8192];
	size_t len;
	int i;

	len = (size_t)snprintf(text, sizeof(text), "{\"name\":\"t\",\"members\":[");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"%s{\"name\":\"d%d\"}", i ? "," : "", i);
	snprintf(text + len, sizeof(text) - len, "]}");
	return decode(OP_TEAM_ADD, text, a, want);
}

static void member_limit(void **state)
{
	struct op_args a;

	(void)state;
	team_add_n(LBFO_MAX_MEMBERS, &a, NULL);
	assert_int_equal(a.n_members, LBFO_MAX_MEMBERS);
	assert_string_equal(a.members[LBFO_MAX_MEMBERS - 1].name, "d63");
	args_free(&a);
	team_add_n(LBFO_MAX_MEMBERS + 1, &a, "args.members: a team has at most 64 members");
}

static void refuse_config_apply(void **state)
{
	(void)state;
	refuse(OP_CONFIG_APPLY, "{}", "args: 'config' is missing");
	refuse(OP_CONFIG_APPLY, "{\"prune\":true}", "args: 'config' is missing");
	refuse(OP_CONFIG_APPLY, "{\"config\":[]}",
	       "args.config: the configuration must be a JSON object");
	refuse(OP_CONFIG_APPLY, "{\"config\":null}",
	       "args.config: the configuration must be a JSON object");
	refuse(OP_CONFIG_APPLY, "{\"config\":{}}", "args.config: 'teams' is missing");
	refuse(OP_CONFIG_APPLY, "{\"config\":{\"teams\":[{\"name\":\"t\",\"mode\":\"x\"}]}}",
	       "args.config: teams[0].mode: invalid mode 'x'");
	/* A failure after some teams were read leaves nothing behind. */
	refuse(OP_CONFIG_APPLY, "{\"config\":{\"teams\":[{\"name\":\"t\",\"members\":"
	       "[{\"name\":\"e\"}]},{\"name\":\"u\",\"members\":[{\"name\":\"e\"}]}]}}",
	       "args.config: member 'e' is listed twice");
	refuse(OP_CONFIG_APPLY, "{\"config\":{\"teams\":[{\"name\":\"t\",\"members\":"
	       "[{\"name\":\"e\"}]},{\"name\":\"u\",\"members\":[{\"name\":\"f\",\"x\":1}]}]}}",
	       "args.config: teams[1].members[0]: unknown key 'x'");
	refuse(OP_CONFIG_APPLY, "{\"config\":{\"teams\":[]},\"prune\":1}",
	       "args.prune: must be true or false");
}

static void refuse_monitor_args(void **state)
{
	(void)state;
	refuse(OP_MONITOR, "{\"team\":\"team0\"}", "args: monitor takes no arguments");
	refuse(OP_MONITOR, "{\"x\":null}", "args: monitor takes no arguments");
}

/* A failure after members were read frees them (ASan's leak check). */
static void refuse_late_frees(void **state)
{
	(void)state;
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":[{\"name\":\"a\"},{\"name\":\"b\"},"
	       "{\"name\":\"c\",\"weight\":\"x\"}]}", "args.members[2].weight: must be an integer");
	refuse(OP_TEAM_ADD, "{\"name\":\"t\",\"members\":[{\"name\":\"a\"},{\"name\":\"a\"}]}",
	       "is listed twice");
}

static void unknown_op(void **state)
{
	json_t *v = json_object();
	struct op_args a;
	char msg[128] = "";

	(void)state;
	assert_non_null(v);
	assert_false(args_decode(N_OPS, v, &a, msg, sizeof(msg)));
	assert_string_equal(msg, "unknown operation");
	assert_null(a.members);
	assert_null(a.cfg.teams);
	json_decref(v);
}

/* ---- encoding and round trips ---- */

static void encode_shapes(void **state)
{
	struct op_args a;

	(void)state;
	args_init(&a, OP_TEAM_SHOW);
	assert_encodes_to(&a, "{}");
	snprintf(a.team, sizeof(a.team), "team0");
	assert_encodes_to(&a, "{\"team\":\"team0\"}");
	args_init(&a, OP_MONITOR);
	assert_encodes_to(&a, "{}");
	args_init(&a, OP_TEAM_DEL);
	snprintf(a.team, sizeof(a.team), "team0");
	a.p.mode = LBFO_MODE_LACP;	/* not team.del's: left out */
	assert_encodes_to(&a, "{\"name\":\"team0\"}");
	args_init(&a, OP_TEAM_SET);
	snprintf(a.team, sizeof(a.team), "team0");
	a.p.hash = LBFO_HASH_MAC | LBFO_HASH_INNER;
	a.p.n_targets = 0;
	assert_encodes_to(&a, "{\"name\":\"team0\",\"hash\":[\"mac\",\"inner\"],"
			  "\"probe_targets\":[]}");
	/* Every setting that is set, defaults too (a team.set). */
	args_init(&a, OP_TEAM_SET);
	snprintf(a.team, sizeof(a.team), "team0");
	a.p.opt[OPT_LACP_FALLBACK] = 0;
	a.p.lacp_system = 0;
	a.p.num[NUM_MIN_LINKS] = 1;
	assert_encodes_to(&a, "{\"name\":\"team0\",\"min_links\":1,"
			  "\"lacp_system\":\"auto\",\"lacp_fallback\":false}");
	args_init(&a, OP_MEMBER_SET);
	snprintf(a.team, sizeof(a.team), "team0");
	snprintf(a.member, sizeof(a.member), "eth1");
	a.m.admin_up = 0;
	assert_encodes_to(&a, "{\"team\":\"team0\",\"name\":\"eth1\",\"admin\":\"down\"}");
	a.m.role = LBFO_ROLE_STANDBY;
	a.m.weight = 0;
	assert_encodes_to(&a, "{\"team\":\"team0\",\"name\":\"eth1\",\"role\":\"standby\","
			  "\"admin\":\"down\",\"weight\":0}");
	a.m.lacp_prio = 1;
	a.m.lacp_key = 2;
	assert_encodes_to(&a, "{\"team\":\"team0\",\"name\":\"eth1\",\"role\":\"standby\","
			  "\"admin\":\"down\",\"weight\":0,\"lacp_prio\":1,\"lacp_key\":2}");
	a.op = OP_MEMBER_DEL;	/* member.del: no settings */
	assert_encodes_to(&a, "{\"team\":\"team0\",\"name\":\"eth1\"}");
	args_init(&a, OP_CONFIG_APPLY);
	assert_encodes_to(&a, "{\"config\":{\"teams\":[]},\"prune\":false,\"dry_run\":false}");
	args_free(&a);
}

/* Fill a cfg member. */
static void set_member(struct cfg_member *m, const char *name, int role,
		       int admin_up, long long weight)
{
	snprintf(m->name, sizeof(m->name), "%s", name);
	cfg_member_unset(m);
	m->role = role;
	m->admin_up = admin_up;
	m->weight = weight;
}

/* Representative op_args, built as teamctl's words would build them. */
static void build(int which, struct op_args *a)
{
	struct cfg_team *t;
	int i;

	switch (which) {
	case 0:
		args_init(a, OP_TEAM_SHOW);
		break;
	case 1:
		args_init(a, OP_TEAM_SHOW);
		snprintf(a->team, sizeof(a->team), "team0");
		break;
	case 2:
		args_init(a, OP_STATS);
		snprintf(a->team, sizeof(a->team), "abcdefghijklmno");
		break;
	case 3:
		args_init(a, OP_STATS);
		break;
	case 4:
		args_init(a, OP_CONFIG_EXPORT);
		snprintf(a->team, sizeof(a->team), "bond-0.1");
		break;
	case 5:
		args_init(a, OP_CONFIG_EXPORT);
		break;
	case 6:
		args_init(a, OP_MONITOR);
		break;
	case 7:		/* team.add, every parameter and members */
		args_init(a, OP_TEAM_ADD);
		snprintf(a->team, sizeof(a->team), "team0");
		a->p.mode = LBFO_MODE_STATIC;
		a->p.lb = LBFO_LB_ADDRESS_HASH;
		a->p.hash = LBFO_HASH_MAC | LBFO_HASH_IP | LBFO_HASH_PORTS |
			    LBFO_HASH_INNER;
		a->p.num[NUM_FLOWLET_GAP] = LBFO_FLOWLET_GAP_MAX;
		a->p.num[NUM_BALANCE_INTERVAL] = LBFO_BALANCE_INTERVAL_MIN;
		a->p.num[NUM_BALANCE_THRESHOLD] = LBFO_BALANCE_THRESHOLD_MAX;
		a->p.num[NUM_PROBE_INTERVAL] = LBFO_PROBE_INTERVAL_MIN;
		a->p.num[NUM_PROBE_MISSED] = 1;
		a->p.num[NUM_UPDELAY] = 0;
		a->p.num[NUM_DOWNDELAY] = LBFO_DELAY_MAX;
		assert_null(addr_parse("192.0.2.254", &a->p.targets[0]));
		assert_null(addr_parse("2001:db8::fe", &a->p.targets[1]));
		assert_null(addr_parse("::ffff:198.51.100.1", &a->p.targets[2]));
		a->p.n_targets = 3;
		a->members = calloc(3, sizeof(*a->members));
		assert_non_null(a->members);
		set_member(&a->members[0], "eth0", -1, -1, -1);
		set_member(&a->members[1], "eth1", LBFO_ROLE_STANDBY, 0,
			   LBFO_WEIGHT_MAX);
		set_member(&a->members[2], "eth2", LBFO_ROLE_ACTIVE, 1, 0);
		a->n_members = 3;
		break;
	case 8:		/* team.add, all defaults */
		args_init(a, OP_TEAM_ADD);
		snprintf(a->team, sizeof(a->team), "t");
		break;
	case 9:		/* team.add, some parameters, no targets */
		args_init(a, OP_TEAM_ADD);
		snprintf(a->team, sizeof(a->team), "team1");
		a->p.mode = LBFO_MODE_LACP;
		a->p.n_targets = 0;
		a->members = calloc(LBFO_MAX_MEMBERS, sizeof(*a->members));
		assert_non_null(a->members);
		for (i = 0; i < LBFO_MAX_MEMBERS; i++) {
			char name[IF_NAMESIZE];

			snprintf(name, sizeof(name), "veth%d", i);
			set_member(&a->members[i], name, i % 2 ? LBFO_ROLE_STANDBY : -1,
				   i % 3 ? -1 : 1, i % 5 ? -1 : i);
		}
		a->n_members = LBFO_MAX_MEMBERS;
		break;
	case 10:
		args_init(a, OP_TEAM_DEL);
		snprintf(a->team, sizeof(a->team), "team0");
		break;
	case 11:	/* team.set: zero is a value (probing off) */
		args_init(a, OP_TEAM_SET);
		snprintf(a->team, sizeof(a->team), "team0");
		a->p.num[NUM_PROBE_INTERVAL] = 0;
		a->p.n_targets = 0;
		break;
	case 12:
		args_init(a, OP_TEAM_SET);
		snprintf(a->team, sizeof(a->team), "team0");
		a->p.lb = LBFO_LB_HYPERV_PORT;
		a->p.hash = LBFO_HASH_PORTS;
		a->p.num[NUM_BALANCE_THRESHOLD] = LBFO_BALANCE_THRESHOLD_MIN;
		a->p.num[NUM_UPDELAY] = 1;
		for (i = 0; i < LBFO_PROBE_TARGETS_MAX; i++) {
			char addr[32];

			snprintf(addr, sizeof(addr), "10.0.0.%d", i + 1);
			assert_null(addr_parse(addr, &a->p.targets[i]));
		}
		a->p.n_targets = LBFO_PROBE_TARGETS_MAX;
		break;
	case 13:
		args_init(a, OP_MEMBER_ADD);
		snprintf(a->team, sizeof(a->team), "team0");
		snprintf(a->member, sizeof(a->member), "eth3");
		break;
	case 14:
		args_init(a, OP_MEMBER_ADD);
		snprintf(a->team, sizeof(a->team), "team0");
		snprintf(a->member, sizeof(a->member), "eth3");
		a->m.role = LBFO_ROLE_STANDBY;
		a->m.admin_up = 0;
		a->m.weight = 2500;
		break;
	case 15:
		args_init(a, OP_MEMBER_SET);
		snprintf(a->team, sizeof(a->team), "team0");
		snprintf(a->member, sizeof(a->member), "eth0");
		a->m.weight = 0;
		break;
	case 16:
		args_init(a, OP_MEMBER_SET);
		snprintf(a->team, sizeof(a->team), "team0");
		snprintf(a->member, sizeof(a->member), "eth0");
		a->m.admin_up = 1;
		a->m.role = LBFO_ROLE_ACTIVE;
		break;
	case 17:
		args_init(a, OP_MEMBER_DEL);
		snprintf(a->team, sizeof(a->team), "team0");
		snprintf(a->member, sizeof(a->member), "eth0");
		break;
	case 18:	/* config.apply: two teams */
		args_init(a, OP_CONFIG_APPLY);
		a->prune = true;
		a->cfg.teams = calloc(2, sizeof(*a->cfg.teams));
		assert_non_null(a->cfg.teams);
		a->cfg.n_teams = 2;
		t = &a->cfg.teams[0];
		snprintf(t->name, sizeof(t->name), "team0");
		team_params_default(&t->p);
		t->p.mode = LBFO_MODE_LACP;
		t->p.num[NUM_PROBE_INTERVAL] = 500;
		assert_null(addr_parse("192.0.2.1", &t->p.targets[0]));
		t->p.n_targets = 1;
		t->members = calloc(2, sizeof(*t->members));
		assert_non_null(t->members);
		cfg_member_default(&t->members[0]);
		cfg_member_default(&t->members[1]);
		snprintf(t->members[0].name, IF_NAMESIZE, "eth0");
		snprintf(t->members[1].name, IF_NAMESIZE, "eth1");
		t->members[1].role = LBFO_ROLE_STANDBY;
		t->members[1].admin_up = 0;
		t->members[1].weight = 100;
		t->members[1].lacp_key = 9;
		t->n_members = 2;
		t = &a->cfg.teams[1];
		snprintf(t->name, sizeof(t->name), "team1");
		team_params_default(&t->p);
		break;
	case 19:	/* config.apply: nothing, dry run */
		args_init(a, OP_CONFIG_APPLY);
		a->dry_run = true;
		a->cfg.teams = calloc(1, sizeof(*a->cfg.teams));
		assert_non_null(a->cfg.teams);
		break;
	case 20:	/* team.add in mode lacp: every LACP setting */
		args_init(a, OP_TEAM_ADD);
		snprintf(a->team, sizeof(a->team), "bond0");
		a->p.mode = LBFO_MODE_LACP;
		a->p.num[NUM_MIN_LINKS] = LBFO_MAX_MEMBERS;
		a->p.num[NUM_LACP_SYS_PRIO] = 1;
		a->p.lacp_system = 0x020000000001LL;
		for (i = 0; i < N_OPTS; i++)
			a->p.opt[i] = !team_opts[i].def;
		a->members = calloc(2, sizeof(*a->members));
		assert_non_null(a->members);
		set_member(&a->members[0], "eth0", -1, -1, -1);
		a->members[0].lacp_prio = 65535;
		set_member(&a->members[1], "eth1", -1, -1, -1);
		a->members[1].lacp_key = 1;
		a->n_members = 2;
		break;
	case 21:	/* team.set: the defaults of LACP are values too */
		args_init(a, OP_TEAM_SET);
		snprintf(a->team, sizeof(a->team), "bond0");
		a->p.lacp_system = 0;
		a->p.num[NUM_MIN_LINKS] = 1;
		for (i = 0; i < N_OPTS; i++)
			a->p.opt[i] = team_opts[i].def;
		break;
	case 22:
		args_init(a, OP_MEMBER_SET);
		snprintf(a->team, sizeof(a->team), "bond0");
		snprintf(a->member, sizeof(a->member), "eth0");
		a->m.lacp_prio = 1;
		a->m.lacp_key = 65535;
		break;
	case 23:
		args_init(a, OP_MEMBER_ADD);
		snprintf(a->team, sizeof(a->team), "bond0");
		snprintf(a->member, sizeof(a->member), "eth2");
		a->m.role = LBFO_ROLE_STANDBY;
		a->m.lacp_key = 2;
		break;
	default:
		fail_msg("no case %d", which);
	}
}

#define N_BUILT 24

static void round_trip_built(void **state)
{
	struct op_args a, b;
	json_t *e1, *e2;
	char msg[512];
	int i;

	(void)state;
	for (i = 0; i < N_BUILT; i++) {
		build(i, &a);
		e1 = args_encode(&a);
		if (!e1)
			fail_msg("case %d: encode failed", i);
		if (!args_decode(a.op, e1, &b, msg, sizeof(msg)))
			fail_msg("case %d (%s): its encoding is refused: %s", i,
				 op_info[a.op].name, msg);
		assert_args_equal(&a, &b);
		assert_int_equal(args_role(&a), args_role(&b));
		e2 = args_encode(&b);
		assert_non_null(e2);
		if (!json_equal(e1, e2))
			fail_msg("case %d: encode, decode, encode changed the JSON", i);
		json_decref(e1);
		json_decref(e2);
		args_free(&b);
		args_free(&a);
	}
}

/* Args as a client sends them: decoded then encoded, the same JSON. */
static void round_trip_text(void **state)
{
	static const struct {
		enum op_id op;
		const char *text;
	} c[] = {
		{ OP_TEAM_SHOW, "{}" },
		{ OP_STATS, "{\"team\":\"team0\"}" },
		{ OP_CONFIG_EXPORT, "{\"team\":\"t\"}" },
		{ OP_MONITOR, "{}" },
		{ OP_TEAM_ADD, "{\"name\":\"team0\",\"mode\":\"lacp\",\"lb\":\"dynamic\","
		  "\"hash\":[\"ip\",\"ports\"],\"flowlet_gap_us\":500,\"balance_interval_ms\":100,"
		  "\"balance_threshold_pct\":25,\"probe_interval_ms\":100,\"probe_missed\":3,"
		  "\"probe_targets\":[\"192.0.2.1\",\"2001:db8::1\"],\"updelay_ms\":0,"
		  "\"downdelay_ms\":0,\"members\":[{\"name\":\"eth0\"},"
		  "{\"name\":\"eth1\",\"role\":\"standby\",\"admin\":\"down\",\"weight\":7}]}" },
		{ OP_TEAM_ADD, "{\"name\":\"team0\"}" },
		{ OP_TEAM_DEL, "{\"name\":\"team0\"}" },
		{ OP_TEAM_SET, "{\"name\":\"team0\",\"probe_targets\":[]}" },
		{ OP_TEAM_SET, "{\"name\":\"team0\",\"hash\":[\"mac\"],\"updelay_ms\":5}" },
		{ OP_MEMBER_ADD, "{\"team\":\"team0\",\"name\":\"eth2\"}" },
		{ OP_MEMBER_ADD, "{\"team\":\"team0\",\"name\":\"eth2\",\"role\":\"standby\"}" },
		{ OP_MEMBER_SET, "{\"team\":\"team0\",\"name\":\"eth2\",\"weight\":0}" },
		{ OP_MEMBER_DEL, "{\"team\":\"team0\",\"name\":\"eth2\"}" },
		{ OP_CONFIG_APPLY, "{\"config\":{\"teams\":[]},\"prune\":true,\"dry_run\":false}" },
		{ OP_TEAM_ADD, "{\"name\":\"bond0\",\"mode\":\"lacp\",\"min_links\":2,"
		  "\"lacp_sys_prio\":65535,\"lacp_system\":\"52:54:00:12:34:56\","
		  "\"lacp_rate\":\"fast\",\"lacp_mode\":\"active\","
		  "\"lacp_control\":\"independent\",\"lacp_mixed_speed\":false,"
		  "\"lacp_fallback\":true,\"members\":[{\"name\":\"eth0\",\"lacp_prio\":1},"
		  "{\"name\":\"eth1\",\"lacp_key\":2}]}" },
		{ OP_TEAM_SET, "{\"name\":\"bond0\",\"lacp_system\":\"auto\"}" },
		{ OP_MEMBER_SET, "{\"team\":\"bond0\",\"name\":\"eth2\",\"lacp_prio\":255,"
		  "\"lacp_key\":1}" },
		{ OP_CONFIG_APPLY, "{\"config\":{\"teams\":[{\"name\":\"bond0\",\"mode\":\"lacp\","
		  "\"lb\":\"dynamic\",\"hash\":[\"ports\"],\"flowlet_gap_us\":500,"
		  "\"balance_interval_ms\":100,\"balance_threshold_pct\":25,"
		  "\"probe_interval_ms\":0,\"probe_missed\":3,\"probe_targets\":[],"
		  "\"updelay_ms\":0,\"downdelay_ms\":0,\"min_links\":1,\"lacp_sys_prio\":65535,"
		  "\"lacp_system\":\"auto\",\"lacp_rate\":\"slow\",\"lacp_mode\":\"active\","
		  "\"lacp_control\":\"coupled\",\"lacp_mixed_speed\":false,"
		  "\"lacp_fallback\":false,\"members\":[{\"name\":\"eth0\",\"role\":\"active\","
		  "\"admin\":\"up\",\"weight\":0,\"lacp_prio\":255,\"lacp_key\":1}]}]},"
		  "\"prune\":false,\"dry_run\":true}" },
	};
	struct op_args a;
	json_t *in, *out;
	char *s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		in = json_loads(c[i].text, 0, NULL);
		assert_non_null(in);
		decode_v(c[i].op, in, &a, NULL);
		out = args_encode(&a);
		assert_non_null(out);
		if (!json_equal(in, out)) {
			s = json_dumps(out, JSON_COMPACT);
			fail_msg("%s: %s encoded back as %s", op_info[c[i].op].name,
				 c[i].text, s);
		}
		json_decref(in);
		json_decref(out);
		args_free(&a);
	}
}

/* A whole config file through config.apply: cfg_to_json's JSON again. */
static void round_trip_config(void **state)
{
	static const char text[] =
		"{\"teams\":[{\"name\":\"team0\",\"mode\":\"static\",\"lb\":\"address-hash\","
		"\"hash\":[\"ports\"],\"flowlet_gap_us\":500,\"balance_interval_ms\":100,"
		"\"balance_threshold_pct\":25,\"probe_interval_ms\":0,\"probe_missed\":3,"
		"\"probe_targets\":[],\"updelay_ms\":0,\"downdelay_ms\":0,"
		"\"members\":[{\"name\":\"eth0\",\"role\":\"standby\",\"admin\":\"down\",\"weight\":0},"
		"{\"name\":\"eth1\",\"role\":\"active\",\"admin\":\"up\",\"weight\":250}]}]}";
	json_t *cfg = json_loads(text, 0, NULL), *args, *out;
	struct op_args a;

	(void)state;
	assert_non_null(cfg);
	args = json_pack("{s:O, s:b}", "config", cfg, "dry_run", 1);
	assert_non_null(args);
	decode_v(OP_CONFIG_APPLY, args, &a, NULL);
	assert_true(a.dry_run);
	assert_false(a.prune);
	out = args_encode(&a);
	assert_non_null(out);
	assert_true(json_equal(json_object_get(out, "config"), cfg));
	assert_true(json_is_false(json_object_get(out, "prune")));
	assert_true(json_is_true(json_object_get(out, "dry_run")));
	json_decref(out);
	json_decref(args);
	json_decref(cfg);
	args_free(&a);
}

/* ---- jcheck.c directly ---- */

static void ifname_valid(void **state)
{
	(void)state;
	assert_true(jc_ifname_valid("eth0"));
	assert_true(jc_ifname_valid("a"));
	assert_true(jc_ifname_valid("abcdefghijklmno"));	/* 15 */
	assert_true(jc_ifname_valid("bond-0.100"));
	assert_true(jc_ifname_valid("..."));
	assert_true(jc_ifname_valid(".a"));
	assert_false(jc_ifname_valid(""));
	assert_false(jc_ifname_valid("abcdefghijklmnop"));	/* 16 */
	assert_false(jc_ifname_valid("."));
	assert_false(jc_ifname_valid(".."));
	assert_false(jc_ifname_valid("eth0/x"));
	assert_false(jc_ifname_valid("eth0:1"));
	assert_false(jc_ifname_valid("team%d"));
	assert_false(jc_ifname_valid(" eth0"));
	assert_false(jc_ifname_valid("eth0 "));
	assert_false(jc_ifname_valid("e\tth"));
	assert_false(jc_ifname_valid("e\vth"));
	assert_false(jc_ifname_valid("e\fth"));
	assert_false(jc_ifname_valid("e\rth"));
	assert_false(jc_ifname_valid("e\x01th"));
	assert_false(jc_ifname_valid("e\x7fth"));
}

/*
 * "An interface name the kernel would take ... no white space": the
 * kernel's dev_valid_name() refuses what its isspace() calls space, and
 * lib/ctype.c counts 0xa0 (NBSP in Latin-1) as space. A name with that byte
 * (the UTF-8 of U+00E0 'à' is c3 a0) is refused by the kernel, so jcheck
 * should refuse it before anything is sent.
 */
static void ifname_kernel_space(void **state)
{
	(void)state;
	assert_false(jc_ifname_valid("eth\xa0"));
	assert_false(jc_ifname_valid("\xc3\xa0"));	/* "à" */
	/* Other bytes >= 0x80 are not space to the kernel. */
	assert_true(jc_ifname_valid("\xc3\xa9th"));	/* "éth" */
}

static void jc_reads(void **state)
{
	json_t *o = json_loads("{\"b\":true,\"f\":false,\"n\":null,\"e\":\"up\","
			       "\"i\":\"eth0\"}", 0, NULL);
	static const char *const keys[] = { "b", "f", "n", NULL };
	char name[IF_NAMESIZE] = "keep";
	char msg[128] = "";
	bool b = false;
	int v = 7;

	(void)state;
	assert_non_null(o);
	assert_true(jc_bool(o, "b", "w", &b, msg, sizeof(msg)));
	assert_true(b);
	assert_true(jc_bool(o, "f", "w", &b, msg, sizeof(msg)));
	assert_false(b);
	b = true;
	assert_true(jc_bool(o, "absent", "w", &b, msg, sizeof(msg)));
	assert_true(b);
	assert_false(jc_bool(o, "n", "w", &b, msg, sizeof(msg)));
	assert_string_equal(msg, "w.n: must be true or false");
	assert_true(jc_enum(o, "absent", &names_admin, "w", &v, msg, sizeof(msg)));
	assert_int_equal(v, 7);
	assert_true(jc_enum(o, "e", &names_admin, "w", &v, msg, sizeof(msg)));
	assert_int_equal(v, 1);
	assert_false(jc_enum(o, "b", &names_admin, "w", &v, msg, sizeof(msg)));
	assert_string_equal(msg, "w.b: must be a string");
	assert_true(jc_ifname(o, "absent", false, "w", name, msg, sizeof(msg)));
	assert_string_equal(name, "keep");
	assert_false(jc_ifname(o, "absent", true, "w", name, msg, sizeof(msg)));
	assert_string_equal(msg, "w: 'absent' is missing");
	assert_true(jc_ifname(o, "i", true, "w", name, msg, sizeof(msg)));
	assert_string_equal(name, "eth0");
	assert_false(jc_known_keys(o, keys, NULL, "w", msg, sizeof(msg)));
	assert_true(strstr(msg, "w: unknown key '") == msg);
	assert_true(jc_known_keys(o, keys, params_key, "w", msg, sizeof(msg)) == false);
	json_decref(o);
	o = json_pack("{s:b, s:s}", "b", 1, "mode", "lacp");
	assert_true(jc_known_keys(o, keys, params_key, "w", msg, sizeof(msg)));
	json_decref(o);
	/* A message that does not fit is cut, not overflowed. */
	assert_false(jc_fail(msg, 8, "%s", "0123456789abcdef"));
	assert_string_equal(msg, "0123456");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(op_names),
	cmocka_unit_test(role_names),
	cmocka_unit_test(op_roles),
	cmocka_unit_test(member_set_roles),
	cmocka_unit_test(init_and_free),
	cmocka_unit_test(decode_reads),
	cmocka_unit_test(decode_monitor),
	cmocka_unit_test(decode_team_add_full),
	cmocka_unit_test(decode_team_add_minimal),
	cmocka_unit_test(decode_team_set),
	cmocka_unit_test(decode_team_del),
	cmocka_unit_test(decode_member_ops),
	cmocka_unit_test(decode_config_apply),
	cmocka_unit_test(refuse_not_object),
	cmocka_unit_test(refuse_unknown_keys),
	cmocka_unit_test(refuse_missing_names),
	cmocka_unit_test(refuse_bad_ifnames),
	cmocka_unit_test(refuse_wrong_types),
	cmocka_unit_test(refuse_empty_changes),
	cmocka_unit_test(refuse_team_as_member),
	cmocka_unit_test(refuse_member_twice),
	cmocka_unit_test(member_limit),
	cmocka_unit_test(refuse_config_apply),
	cmocka_unit_test(refuse_monitor_args),
	cmocka_unit_test(refuse_late_frees),
	cmocka_unit_test(unknown_op),
	cmocka_unit_test(encode_shapes),
	cmocka_unit_test(round_trip_built),
	cmocka_unit_test(round_trip_text),
	cmocka_unit_test(round_trip_config),
	cmocka_unit_test(ifname_valid),
	cmocka_unit_test(ifname_kernel_space),
	cmocka_unit_test(jc_reads),
};

HARNESS_MAIN("args", tests)
