// SPDX-License-Identifier: GPL-2.0
/*
 * diff.c: the plan of config apply. Besides exact plans for small cases,
 * the steps are run on a model of the kernel's state (sim_*), to show that
 * a plan reaches the configuration (a second diff is empty: apply is
 * idempotent) and that undoing any prefix of a plan, newest first, gives
 * back the state before (rollback).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/lbfo.h>

#include "diff.h"
#include "harness.h"
#include "params.h"

/* ---- a model of the running state ---- */

static struct lbfo_team_info *sim_team(struct lbfo_team_list *l,
				       const char *name)
{
	size_t i;

	for (i = 0; i < l->n_teams; i++)
		if (!strcmp(l->teams[i].name, name))
			return &l->teams[i];
	return NULL;
}

static struct lbfo_member_info *sim_member(struct lbfo_team_info *t,
					   const char *name, size_t *at)
{
	size_t i;

	for (i = 0; t && i < t->n_members; i++) {
		if (!strcmp(t->members[i].name, name)) {
			if (at)
				*at = i;
			return &t->members[i];
		}
	}
	return NULL;
}

static bool sim_busy(struct lbfo_team_list *l, const char *dev)
{
	size_t i;

	for (i = 0; i < l->n_teams; i++)
		if (sim_member(&l->teams[i], dev, NULL) ||
		    !strcmp(l->teams[i].name, dev))
			return true;
	return false;
}

/* The fields of c that are set, over p: what a team set does. */
static void sim_overlay(struct team_params *p, const struct team_params *c)
{
	int i;

	if (c->mode >= 0)
		p->mode = c->mode;
	if (c->lb >= 0)
		p->lb = c->lb;
	if (c->hash >= 0)
		p->hash = c->hash;
	for (i = 0; i < N_NUMS; i++)
		if (c->num[i] >= 0)
			p->num[i] = c->num[i];
	if (c->n_targets >= 0) {
		p->n_targets = c->n_targets;
		memcpy(p->targets, c->targets, sizeof(c->targets));
	}
	if (c->lacp_system >= 0)
		p->lacp_system = c->lacp_system;
	for (i = 0; i < N_OPTS; i++)
		if (c->opt[i] >= 0)
			p->opt[i] = c->opt[i];
}

/* What the kernel refuses of a team's parameters as a whole. */
static bool sim_valid(const struct team_params *p)
{
	return p->hash > 0 && (!p->num[NUM_PROBE_INTERVAL] || p->n_targets);
}

/* A team with the defaults, and what c sets. */
static struct lbfo_team_info *sim_add_team(struct lbfo_team_list *l,
					   const char *name,
					   const struct team_params *c)
{
	struct lbfo_team_info *t;

	l->teams = realloc(l->teams, (l->n_teams + 1) * sizeof(*t));
	assert_non_null(l->teams);
	t = &l->teams[l->n_teams++];
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", name);
	team_params_default(&t->p);
	if (c)
		sim_overlay(&t->p, c);
	return t;
}

static void sim_add_member(struct lbfo_team_info *t, const char *name,
			   const struct lbfo_member_change *c)
{
	struct lbfo_member_info *m;

	t->members = realloc(t->members, (t->n_members + 1) * sizeof(*m));
	assert_non_null(t->members);
	m = &t->members[t->n_members++];
	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%s", name);
	m->role = c->role < 0 ? LBFO_ROLE_ACTIVE : c->role;
	m->admin_up = c->admin_up != 0;
	m->weight = c->weight < 0 ? 0 : c->weight;
	m->lacp_prio = c->lacp_prio < 0 ? LBFO_LACP_PORT_PRIO_DEFAULT :
		       c->lacp_prio;
	m->lacp_key = c->lacp_key < 0 ? LBFO_LACP_KEY_DEFAULT : c->lacp_key;
	m->buckets = -1;
}

/* Do s as the kernel would; false where the kernel would refuse it. */
static bool sim_step(struct lbfo_team_list *l, const struct step *s)
{
	struct lbfo_team_info *t = sim_team(l, s->team);
	struct lbfo_member_info *m = sim_member(t, s->member, NULL);
	struct team_params p;
	size_t at = 0;

	switch (s->kind) {
	case STEP_TEAM_ADD:
		team_params_default(&p);
		sim_overlay(&p, &s->p);
		if (t || sim_busy(l, s->team) || !sim_valid(&p))
			return false;
		sim_add_team(l, s->team, &s->p);
		return true;
	case STEP_TEAM_DEL:
		if (!t)
			return false;
		free(t->members);
		*t = l->teams[--l->n_teams];
		return true;
	case STEP_TEAM_SET:
		if (!t || !team_params_any(&s->p))
			return false;
		p = t->p;
		sim_overlay(&p, &s->p);
		/* The mode of a team changes only while it has no members. */
		if (!sim_valid(&p) || (p.mode != t->p.mode && t->n_members))
			return false;
		t->p = p;
		return true;
	case STEP_MEMBER_ADD:
		if (!t || sim_busy(l, s->member) ||
		    t->n_members == LBFO_MAX_MEMBERS)
			return false;
		sim_add_member(t, s->member, &s->m);
		return true;
	case STEP_MEMBER_DEL:
		if (!sim_member(t, s->member, &at))
			return false;
		memmove(&t->members[at], &t->members[at + 1],
			(t->n_members - at - 1) * sizeof(*m));
		t->n_members--;
		return true;
	case STEP_MEMBER_SET:
		if (!m || !member_change_any(&s->m))
			return false;
		if (s->m.role >= 0)
			m->role = s->m.role;
		if (s->m.admin_up >= 0)
			m->admin_up = s->m.admin_up;
		if (s->m.weight >= 0)
			m->weight = s->m.weight;
		if (s->m.lacp_prio >= 0)
			m->lacp_prio = s->m.lacp_prio;
		if (s->m.lacp_key >= 0)
			m->lacp_key = s->m.lacp_key;
		return true;
	}
	return false;
}

static void sim_free(struct lbfo_team_list *l)
{
	size_t i;

	for (i = 0; i < l->n_teams; i++)
		free(l->teams[i].members);
	free(l->teams);
	l->teams = NULL;
	l->n_teams = 0;
}

static void sim_copy(struct lbfo_team_list *dst, const struct lbfo_team_list *src)
{
	size_t i, j;

	memset(dst, 0, sizeof(*dst));
	for (i = 0; i < src->n_teams; i++) {
		const struct lbfo_team_info *t = &src->teams[i];
		struct lbfo_team_info *n = sim_add_team(dst, t->name, &t->p);

		for (j = 0; j < t->n_members; j++)
			sim_add_member(n, t->members[j].name,
				       &(struct lbfo_member_change){
					       t->members[j].role,
					       t->members[j].admin_up,
					       t->members[j].weight,
					       t->members[j].lacp_prio,
					       t->members[j].lacp_key });
	}
}

static bool sim_same_params(const struct team_params *a,
			    const struct team_params *b)
{
	int i;

	for (i = 0; i < N_NUMS; i++)
		if (a->num[i] != b->num[i])
			return false;
	for (i = 0; i < N_OPTS; i++)
		if (a->opt[i] != b->opt[i])
			return false;
	return a->mode == b->mode && a->lb == b->lb && a->hash == b->hash &&
	       a->lacp_system == b->lacp_system && targets_equal(a, b);
}

/* Same teams, parameters and members (as sets: order may differ). */
static bool sim_same(struct lbfo_team_list *a, struct lbfo_team_list *b)
{
	size_t i, j;

	if (a->n_teams != b->n_teams)
		return false;
	for (i = 0; i < a->n_teams; i++) {
		struct lbfo_team_info *ta = &a->teams[i];
		struct lbfo_team_info *tb = sim_team(b, ta->name);

		if (!tb || !sim_same_params(&ta->p, &tb->p) ||
		    ta->n_members != tb->n_members)
			return false;
		for (j = 0; j < ta->n_members; j++) {
			struct lbfo_member_info *ma = &ta->members[j];
			struct lbfo_member_info *mb = sim_member(tb, ma->name, NULL);

			if (!mb || ma->role != mb->role ||
			    ma->admin_up != mb->admin_up ||
			    ma->weight != mb->weight ||
			    ma->lacp_prio != mb->lacp_prio ||
			    ma->lacp_key != mb->lacp_key)
				return false;
		}
	}
	return true;
}

/* ---- fixtures ---- */

static const struct lbfo_member_change active = {
	LBFO_ROLE_ACTIVE, 1, 0, -1, -1 };
static const struct lbfo_member_change standby = {
	LBFO_ROLE_STANDBY, 1, 0, -1, -1 };

/*
 * Running: team0 (the defaults) with a0 active, a1 standby; team9 (the
 * defaults) with z0.
 */
static void running(struct lbfo_team_list *l)
{
	struct lbfo_team_info *t;

	memset(l, 0, sizeof(*l));
	t = sim_add_team(l, "team0", NULL);
	sim_add_member(t, "a0", &active);
	sim_add_member(t, "a1", &standby);
	t = sim_add_team(l, "team9", NULL);
	sim_add_member(t, "z0", &active);
}

/* The words of a new team with the defaults but mode and lb. */
#define DEFAULTS " hash ports flowlet-gap 500 balance-interval 100" \
	" balance-threshold 25 probe-interval 0 probe-missed 3" \
	" probe-targets none updelay 0 downdelay 0"

/* And those of min_links and LACP, for a team in mode lacp. */
#define LACP_DEFAULTS " min-links 1 lacp-sys-prio 65535 lacp-system auto" \
	" lacp-rate fast lacp-mode active lacp-control coupled" \
	" lacp-mixed-speed off lacp-fallback off"

static void want_of(const char *text, struct cfg *c)
{
	char msg[256];
	json_t *root = json_loads(text, 0, NULL);

	assert_non_null(root);
	if (!cfg_from_json(root, c, msg, sizeof(msg)))
		fail_msg("bad fixture: %s", msg);
	json_decref(root);
}

/* The plan as "step; step; ...". */
static void plan_text(const struct plan *p, char *buf, size_t size)
{
	size_t i, len = 0;
	char what[STEP_TEXT_MAX];

	buf[0] = '\0';
	for (i = 0; i < p->n; i++) {
		step_describe(&p->steps[i], what, sizeof(what));
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					i ? "; " : "", what);
	}
}

/*
 * Plan want against have, check the plan text, run it on a copy of have,
 * check that a second plan is empty, and that every prefix rolls back.
 */
static void check_plan(const char *want_text, struct lbfo_team_list *have,
		       bool prune, const char *expect)
{
	struct lbfo_team_list after, part;
	struct plan p, again;
	char buf[8192];
	struct cfg want;
	size_t i, k;

	want_of(want_text, &want);
	assert_int_equal(diff_plan(&want, have, prune, &p), 0);
	plan_text(&p, buf, sizeof(buf));
	assert_string_equal(buf, expect);

	sim_copy(&after, have);
	for (i = 0; i < p.n; i++)
		if (!sim_step(&after, &p.steps[i])) {
			step_describe(&p.steps[i], buf, sizeof(buf));
			fail_msg("step %zu '%s' would be refused", i, buf);
		}
	assert_int_equal(diff_plan(&want, &after, prune, &again), 0);
	plan_text(&again, buf, sizeof(buf));
	assert_string_equal(buf, "");
	plan_free(&again);
	sim_free(&after);

	for (k = 0; k <= p.n; k++) {
		sim_copy(&part, have);
		for (i = 0; i < k; i++)
			assert_true(sim_step(&part, &p.steps[i]));
		for (i = k; i-- > 0;) {
			struct step inv = diff_inverse(&p.steps[i]);

			if (!sim_step(&part, &inv)) {
				step_describe(&inv, buf, sizeof(buf));
				fail_msg("undoing step %zu: '%s' would be refused",
					 i, buf);
			}
		}
		assert_true(sim_same(&part, have));
		sim_free(&part);
	}
	plan_free(&p);
	cfg_free(&want);
}

/* ---- cases ---- */

static void nothing_to_do(void **state)
{
	struct lbfo_team_list have;

	(void)state;
	running(&have);
	check_plan("{\"teams\":[{\"name\":\"team0\",\"members\":["
		   "{\"name\":\"a0\"},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, false, "");
	/* Member order in the file is not a difference. */
	check_plan("{\"teams\":[{\"name\":\"team0\",\"members\":["
		   "{\"name\":\"a1\",\"role\":\"standby\"},{\"name\":\"a0\"}]}]}",
		   &have, false, "");
	/* Nor are defaults written out. */
	check_plan("{\"teams\":[{\"name\":\"team0\",\"mode\":\"switch-independent\","
		   "\"lb\":\"dynamic\",\"hash\":[\"ports\"],\"flowlet_gap_us\":500,"
		   "\"probe_interval_ms\":0,\"probe_targets\":[],\"members\":["
		   "{\"name\":\"a1\",\"role\":\"standby\",\"weight\":0},{\"name\":\"a0\"}]}]}",
		   &have, false, "");
	check_plan("{\"teams\":[]}", &have, false, "");
	sim_free(&have);
}

static void from_nothing(void **state)
{
	struct lbfo_team_list have = { 0 };

	(void)state;
	check_plan("{\"teams\":[{\"name\":\"t1\",\"mode\":\"static\",\"members\":["
		   "{\"name\":\"e0\"},{\"name\":\"e1\",\"role\":\"standby\",\"admin\":\"down\"}]},"
		   "{\"name\":\"t2\"}]}",
		   &have, false,
		   "team add t1 mode static lb dynamic" DEFAULTS "; "
		   "team add t2 mode switch-independent lb dynamic" DEFAULTS "; "
		   "member add t1 e0 role active admin up weight 0; "
		   "member add t1 e1 role standby admin down weight 0");
	/* Every parameter of a new team is sent, so nothing is left to chance. */
	check_plan("{\"teams\":[{\"name\":\"t1\",\"lb\":\"address-hash\","
		   "\"hash\":[\"ip\",\"mac\"],\"flowlet_gap_us\":50,\"balance_interval_ms\":10,"
		   "\"balance_threshold_pct\":1000,\"probe_interval_ms\":10,\"probe_missed\":1,"
		   "\"probe_targets\":[\"2001:db8::1\",\"192.0.2.1\"],\"updelay_ms\":600000,"
		   "\"downdelay_ms\":1,\"members\":[{\"name\":\"e0\",\"weight\":1000000}]}]}",
		   &have, false,
		   "team add t1 mode switch-independent lb address-hash hash mac,ip"
		   " flowlet-gap 50 balance-interval 10 balance-threshold 1000"
		   " probe-interval 10 probe-missed 1 probe-targets 2001:db8::1,192.0.2.1"
		   " updelay 600000 downdelay 1; "
		   "member add t1 e0 role active admin up weight 1000000");
}

static void team_changes(void **state)
{
	struct lbfo_team_list have;

	(void)state;
	running(&have);
	check_plan("{\"teams\":[{\"name\":\"team0\",\"lb\":\"address-hash\",\"members\":["
		   "{\"name\":\"a0\"},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, false, "team set team0 lb address-hash");
	/* Only what differs, in one step: all or nothing in the kernel. */
	check_plan("{\"teams\":[{\"name\":\"team0\",\"hash\":[\"mac\",\"ip\"],"
		   "\"flowlet_gap_us\":1000,\"probe_interval_ms\":100,"
		   "\"probe_targets\":[\"192.0.2.1\",\"2001:db8::1\"],\"updelay_ms\":50,"
		   "\"members\":[{\"name\":\"a0\"},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, false,
		   "team set team0 hash mac,ip flowlet-gap 1000 probe-interval 100"
		   " probe-targets 192.0.2.1,2001:db8::1 updelay 50");
	sim_free(&have);
}

/* The kernel changes the mode of empty teams only: members leave and join. */
static void mode_changes(void **state)
{
	struct lbfo_team_list have;

	(void)state;
	running(&have);
	check_plan("{\"teams\":[{\"name\":\"team0\",\"mode\":\"static\",\"lb\":\"hyperv-port\","
		   "\"members\":[{\"name\":\"a0\",\"weight\":5},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, false,
		   "member del team0 a0; member del team0 a1; "
		   "team set team0 mode static lb hyperv-port; "
		   "member add team0 a0 role active admin up weight 5; "
		   "member add team0 a1 role standby admin up weight 0");
	/* A member the file drops leaves once; a new one joins. */
	check_plan("{\"teams\":[{\"name\":\"team0\",\"mode\":\"static\","
		   "\"members\":[{\"name\":\"b0\"},{\"name\":\"a1\"}]}]}",
		   &have, false,
		   "member del team0 a0; member del team0 a1; "
		   "team set team0 mode static; "
		   "member add team0 b0 role active admin up weight 0; "
		   "member add team0 a1 role active admin up weight 0");
	/* An empty team needs no such thing. */
	check_plan("{\"teams\":[{\"name\":\"team0\",\"mode\":\"static\"}]}",
		   &have, false,
		   "member del team0 a0; member del team0 a1; team set team0 mode static");
	sim_free(&have);
}

static void target_changes(void **state)
{
	struct lbfo_team_list have;
	struct team_params *p;

	(void)state;
	running(&have);
	p = &have.teams[0].p;
	p->num[NUM_PROBE_INTERVAL] = 100;
	assert_null(addr_parse("192.0.2.1", &p->targets[0]));
	assert_null(addr_parse("192.0.2.2", &p->targets[1]));
	p->n_targets = 2;
	check_plan("{\"teams\":[{\"name\":\"team0\",\"probe_interval_ms\":100,"
		   "\"probe_targets\":[\"192.0.2.2\"],\"members\":["
		   "{\"name\":\"a0\"},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, false, "team set team0 probe-targets 192.0.2.2");
	/* The kernel keeps the order given: a new order is a change. */
	check_plan("{\"teams\":[{\"name\":\"team0\",\"probe_interval_ms\":100,"
		   "\"probe_targets\":[\"192.0.2.2\",\"192.0.2.1\"],\"members\":["
		   "{\"name\":\"a0\"},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, false,
		   "team set team0 probe-targets 192.0.2.2,192.0.2.1");
	/* Probing off and no targets: one step (the kernel checks both). */
	check_plan("{\"teams\":[{\"name\":\"team0\",\"members\":["
		   "{\"name\":\"a0\"},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, false,
		   "team set team0 probe-interval 0 probe-targets none");
	sim_free(&have);
}

static void member_changes(void **state)
{
	struct lbfo_team_list have;

	(void)state;
	running(&have);
	/* a1 becomes active and down, a0 leaves, a2 joins. */
	check_plan("{\"teams\":[{\"name\":\"team0\",\"members\":["
		   "{\"name\":\"a1\",\"admin\":\"down\"},{\"name\":\"a2\",\"role\":\"standby\"}]}]}",
		   &have, false,
		   "member del team0 a0; "
		   "member set team0 a1 role active admin down; "
		   "member add team0 a2 role standby admin up weight 0");
	/* Weights, and back to the link speed. */
	check_plan("{\"teams\":[{\"name\":\"team0\",\"members\":["
		   "{\"name\":\"a0\",\"weight\":100},{\"name\":\"a1\",\"role\":\"standby\","
		   "\"weight\":1000000}]}]}",
		   &have, false,
		   "member set team0 a0 weight 100; member set team0 a1 weight 1000000");
	have.teams[0].members[0].weight = 40;
	check_plan("{\"teams\":[{\"name\":\"team0\",\"members\":["
		   "{\"name\":\"a0\"},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, false, "member set team0 a0 weight 0");
	/* A team listed without members loses them all. */
	check_plan("{\"teams\":[{\"name\":\"team0\"}]}", &have, false,
		   "member del team0 a0; member del team0 a1");
	sim_free(&have);
}

static void moves_between_teams(void **state)
{
	struct lbfo_team_list have;

	(void)state;
	running(&have);
	/* z0 of the unlisted team9 is claimed by team0: it moves. */
	check_plan("{\"teams\":[{\"name\":\"team0\",\"members\":[{\"name\":\"a0\"},"
		   "{\"name\":\"a1\",\"role\":\"standby\"},{\"name\":\"z0\"}]}]}",
		   &have, false,
		   "member del team9 z0; member add team0 z0 role active admin up weight 0");
	/* a1 moves from team0 to a new team: it leaves before it joins. */
	check_plan("{\"teams\":[{\"name\":\"team0\",\"members\":[{\"name\":\"a0\"}]},"
		   "{\"name\":\"new\",\"members\":[{\"name\":\"a1\"}]}]}",
		   &have, false,
		   "member del team0 a1; "
		   "team add new mode switch-independent lb dynamic" DEFAULTS "; "
		   "member add new a1 role active admin up weight 0");
	sim_free(&have);
}

static void prune(void **state)
{
	struct lbfo_team_list have;

	(void)state;
	running(&have);
	check_plan("{\"teams\":[{\"name\":\"team0\",\"members\":["
		   "{\"name\":\"a0\"},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, true, "member del team9 z0; team del team9");
	check_plan("{\"teams\":[]}", &have, true,
		   "member del team0 a0; member del team0 a1; member del team9 z0; "
		   "team del team0; team del team9");
	/* Without --prune, unlisted teams stay. */
	check_plan("{\"teams\":[]}", &have, false, "");
	sim_free(&have);
}

/* Undoing a deletion gives back every parameter and weight (sim_same). */
static void prune_restores_everything(void **state)
{
	struct lbfo_team_list have;
	struct team_params *p;

	(void)state;
	running(&have);
	p = &have.teams[1].p;
	p->mode = LBFO_MODE_STATIC;
	p->hash = LBFO_HASH_MAC;
	p->num[NUM_PROBE_INTERVAL] = 1000;
	p->num[NUM_DOWNDELAY] = 30;
	assert_null(addr_parse("2001:db8::9", &p->targets[0]));
	p->n_targets = 1;
	have.teams[1].members[0].weight = 77;
	have.teams[1].members[0].admin_up = false;
	check_plan("{\"teams\":[{\"name\":\"team0\",\"members\":["
		   "{\"name\":\"a0\"},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, true, "member del team9 z0; team del team9");
	sim_free(&have);
}

static void everything_at_once(void **state)
{
	struct lbfo_team_list have;

	(void)state;
	running(&have);
	check_plan("{\"teams\":[{\"name\":\"team1\",\"mode\":\"static\","
		   "\"members\":[{\"name\":\"a0\",\"role\":\"standby\"},{\"name\":\"z0\"}]},"
		   "{\"name\":\"team0\",\"lb\":\"address-hash\",\"updelay_ms\":100,"
		   "\"members\":[{\"name\":\"a1\",\"weight\":10},"
		   "{\"name\":\"b0\",\"admin\":\"down\"}]}]}",
		   &have, true,
		   "member del team0 a0; member del team9 z0; team del team9; "
		   "team add team1 mode static lb dynamic" DEFAULTS "; "
		   "team set team0 lb address-hash updelay 100; "
		   "member add team1 a0 role standby admin up weight 0; "
		   "member add team1 z0 role active admin up weight 0; "
		   "member set team0 a1 role active weight 10; "
		   "member add team0 b0 role active admin down weight 0");
	sim_free(&have);
}

/* ---- LACP ---- */

static void lacp_from_nothing(void **state)
{
	struct lbfo_team_list have = { 0 };

	(void)state;
	/* In mode lacp, everything, the defaults of LACP too. */
	check_plan("{\"teams\":[{\"name\":\"bond0\",\"mode\":\"lacp\","
		   "\"lacp_rate\":\"slow\",\"members\":[{\"name\":\"e0\"},"
		   "{\"name\":\"e1\",\"lacp_key\":2}]}]}",
		   &have, false,
		   "team add bond0 mode lacp lb dynamic" DEFAULTS
		   " min-links 1 lacp-sys-prio 65535 lacp-system auto lacp-rate slow"
		   " lacp-mode active lacp-control coupled lacp-mixed-speed off"
		   " lacp-fallback off; "
		   "member add bond0 e0 role active admin up weight 0 lacp-prio 255 lacp-key 1; "
		   "member add bond0 e1 role active admin up weight 0 lacp-prio 255 lacp-key 2");
	/* Not in mode lacp: only what is not at its default. */
	check_plan("{\"teams\":[{\"name\":\"t1\",\"min_links\":2,"
		   "\"lacp_system\":\"02:00:00:00:00:01\",\"lacp_fallback\":true,"
		   "\"members\":[{\"name\":\"e0\",\"lacp_prio\":7},{\"name\":\"e1\"}]}]}",
		   &have, false,
		   "team add t1 mode switch-independent lb dynamic" DEFAULTS
		   " min-links 2 lacp-system 02:00:00:00:00:01 lacp-fallback on; "
		   "member add t1 e0 role active admin up weight 0 lacp-prio 7; "
		   "member add t1 e1 role active admin up weight 0");
}

static void lacp_changes(void **state)
{
	struct lbfo_team_list have;

	(void)state;
	running(&have);
	/* To mode lacp: the members leave and join with LACP settings. */
	check_plan("{\"teams\":[{\"name\":\"team0\",\"mode\":\"lacp\","
		   "\"lacp_sys_prio\":100,\"lacp_mode\":\"passive\",\"members\":["
		   "{\"name\":\"a0\",\"lacp_prio\":1},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, false,
		   "member del team0 a0; member del team0 a1; "
		   "team set team0 mode lacp lacp-sys-prio 100 lacp-mode passive; "
		   "member add team0 a0 role active admin up weight 0 lacp-prio 1 lacp-key 1; "
		   "member add team0 a1 role standby admin up weight 0 lacp-prio 255 lacp-key 1");
	/* Settings alone; member keys, and back to a default. */
	have.teams[0].p.opt[OPT_LACP_RATE] = LBFO_LACP_RATE_SLOW;
	have.teams[0].members[1].lacp_key = 5;
	check_plan("{\"teams\":[{\"name\":\"team0\",\"min_links\":2,"
		   "\"lacp_control\":\"independent\",\"lacp_mixed_speed\":true,"
		   "\"members\":[{\"name\":\"a0\",\"lacp_key\":3},"
		   "{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, false,
		   "team set team0 min-links 2 lacp-rate fast lacp-control independent"
		   " lacp-mixed-speed on; "
		   "member set team0 a0 lacp-key 3; member set team0 a1 lacp-key 1");
	sim_free(&have);
}

/*
 * A kernel from before LACP reports none of it (-1): a file at the
 * defaults changes nothing; one that asks for more says so.
 */
static void lacp_older_kernel(void **state)
{
	struct lbfo_team_list have;
	struct team_params *p;
	struct cfg want;
	struct plan pl;
	char buf[1024];

	(void)state;
	running(&have);
	p = &have.teams[0].p;
	p->num[NUM_MIN_LINKS] = p->num[NUM_LACP_SYS_PRIO] = -1;
	p->lacp_system = -1;
	memset(p->opt, 0xff, sizeof(p->opt));
	have.teams[0].members[0].lacp_prio = have.teams[0].members[0].lacp_key = -1;
	have.teams[0].members[1].lacp_prio = have.teams[0].members[1].lacp_key = -1;
	want_of("{\"teams\":[{\"name\":\"team0\",\"min_links\":1,\"members\":["
		"{\"name\":\"a0\",\"lacp_prio\":255},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		&want);
	assert_int_equal(diff_plan(&want, &have, false, &pl), 0);
	assert_int_equal(pl.n, 0);
	plan_free(&pl);
	cfg_free(&want);
	want_of("{\"teams\":[{\"name\":\"team0\",\"min_links\":2,\"members\":["
		"{\"name\":\"a0\",\"lacp_prio\":7},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		&want);
	assert_int_equal(diff_plan(&want, &have, false, &pl), 0);
	plan_text(&pl, buf, sizeof(buf));
	assert_string_equal(buf, "team set team0 min-links 2; member set team0 a0 lacp-prio 7");
	/* Nothing to set back: the kernel did not say what it had. */
	assert_int_equal(pl.steps[0].old_p.num[NUM_MIN_LINKS], -1);
	assert_int_equal(pl.steps[1].old_m.lacp_prio, -1);
	plan_free(&pl);
	cfg_free(&want);
	sim_free(&have);
}

/* A step of kind on team (and member) that changes nothing yet. */
static struct step blank(enum step_kind kind, const char *team,
			 const char *member)
{
	struct step s;

	memset(&s, 0, sizeof(s));
	s.kind = kind;
	snprintf(s.team, sizeof(s.team), "%s", team);
	snprintf(s.member, sizeof(s.member), "%s", member);
	team_params_unset(&s.p);
	team_params_unset(&s.old_p);
	s.m = MEMBER_CHANGE_NONE;
	s.old_m = MEMBER_CHANGE_NONE;
	return s;
}

/* s and t describe the same change, and undo the same way. */
static void same_step(const struct step *s, const struct step *t)
{
	char a[STEP_TEXT_MAX], b[STEP_TEXT_MAX];
	struct step si = diff_inverse(s), ti = diff_inverse(t);

	assert_int_equal(s->kind, t->kind);
	step_describe(s, a, sizeof(a));
	step_describe(t, b, sizeof(b));
	assert_string_equal(a, b);
	step_describe(&si, a, sizeof(a));
	step_describe(&ti, b, sizeof(b));
	assert_string_equal(a, b);
}

static void inverses(void **state)
{
	struct step s, inv, back;
	char buf[STEP_TEXT_MAX];

	(void)state;
	s = blank(STEP_MEMBER_SET, "t", "m");
	s.m.role = LBFO_ROLE_STANDBY;
	s.old_m.role = LBFO_ROLE_ACTIVE;
	s.m.weight = 10;
	s.old_m.weight = 0;
	inv = diff_inverse(&s);
	back = diff_inverse(&inv);
	step_describe(&inv, buf, sizeof(buf));
	assert_string_equal(buf, "member set t m role active weight 0");
	same_step(&back, &s);

	s = blank(STEP_TEAM_ADD, "t", "");
	team_params_default(&s.p);
	s.p.mode = LBFO_MODE_STATIC;
	inv = diff_inverse(&s);
	assert_int_equal(inv.kind, STEP_TEAM_DEL);
	step_describe(&inv, buf, sizeof(buf));
	assert_string_equal(buf, "team del t");
	back = diff_inverse(&inv);
	assert_int_equal(back.kind, STEP_TEAM_ADD);
	step_describe(&back, buf, sizeof(buf));
	assert_string_equal(buf, "team add t mode static lb dynamic" DEFAULTS
			    LACP_DEFAULTS);
	same_step(&back, &s);

	s = blank(STEP_MEMBER_DEL, "t", "m");
	s.old_m.role = LBFO_ROLE_STANDBY;
	s.old_m.admin_up = 0;
	s.old_m.weight = 7;
	inv = diff_inverse(&s);
	step_describe(&inv, buf, sizeof(buf));
	assert_string_equal(buf, "member add t m role standby admin down weight 7");
	s.old_m.lacp_prio = 255;
	s.old_m.lacp_key = 1;
	inv = diff_inverse(&s);
	step_describe(&inv, buf, sizeof(buf));
	assert_string_equal(buf, "member add t m role standby admin down weight 7"
			    " lacp-prio 255 lacp-key 1");

	s = blank(STEP_TEAM_SET, "t", "");
	s.p.hash = LBFO_HASH_MAC;
	s.old_p.hash = LBFO_HASH_PORTS;
	assert_null(addr_parse("192.0.2.1", &s.p.targets[0]));
	s.p.n_targets = 1;
	s.old_p.n_targets = 0;
	step_describe(&s, buf, sizeof(buf));
	assert_string_equal(buf, "team set t hash mac probe-targets 192.0.2.1");
	inv = diff_inverse(&s);
	step_describe(&inv, buf, sizeof(buf));
	assert_string_equal(buf, "team set t hash ports probe-targets none");
	back = diff_inverse(&inv);
	same_step(&back, &s);
}

/* The longest step there is fits its buffer. */
static void long_steps(void **state)
{
	struct step s = blank(STEP_TEAM_ADD, "averyverylongnm", "");
	char buf[STEP_TEXT_MAX];
	char addr[ADDR_TEXT_MAX + 16];
	int i;

	(void)state;
	team_params_default(&s.p);
	s.p.hash = LBFO_HASH_ALL;
	for (i = 0; i < LBFO_PROBE_TARGETS_MAX; i++) {
		snprintf(addr, sizeof(addr), "2001:db8:ffff:ffff:ffff:ffff:ffff:ff%02x",
			 i + 1);
		assert_null(addr_parse(addr, &s.p.targets[i]));
	}
	s.p.n_targets = LBFO_PROBE_TARGETS_MAX;
	step_describe(&s, buf, sizeof(buf));
	assert_true(strlen(buf) < sizeof(buf) - 1);
	assert_non_null(strstr(buf, "ffff:ff10 updelay 0 downdelay 0"));
}

static void full_teams(void **state)
{
	struct lbfo_team_list have = { 0 };
	char text[8192];
	struct plan p;
	struct cfg want;
	size_t len;
	int i;

	(void)state;
	len = (size_t)snprintf(text, sizeof(text), "{\"teams\":[{\"name\":\"t\",\"members\":[");
	for (i = 0; i < LBFO_MAX_MEMBERS; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"%s{\"name\":\"d%d\"}", i ? "," : "", i);
	snprintf(text + len, sizeof(text) - len, "]}]}");
	want_of(text, &want);
	assert_int_equal(diff_plan(&want, &have, false, &p), 0);
	assert_int_equal(p.n, 1 + LBFO_MAX_MEMBERS);
	assert_int_equal(p.steps[0].kind, STEP_TEAM_ADD);
	assert_string_equal(p.steps[LBFO_MAX_MEMBERS].member, "d63");
	plan_free(&p);
	cfg_free(&want);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(nothing_to_do),
	cmocka_unit_test(from_nothing),
	cmocka_unit_test(team_changes),
	cmocka_unit_test(mode_changes),
	cmocka_unit_test(target_changes),
	cmocka_unit_test(member_changes),
	cmocka_unit_test(moves_between_teams),
	cmocka_unit_test(prune),
	cmocka_unit_test(prune_restores_everything),
	cmocka_unit_test(everything_at_once),
	cmocka_unit_test(lacp_from_nothing),
	cmocka_unit_test(lacp_changes),
	cmocka_unit_test(lacp_older_kernel),
	cmocka_unit_test(inverses),
	cmocka_unit_test(long_steps),
	cmocka_unit_test(full_teams),
};

HARNESS_MAIN("diff", tests)
