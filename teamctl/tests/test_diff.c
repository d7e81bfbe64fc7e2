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

static void sim_add_team(struct lbfo_team_list *l, const char *name, int mode,
			 int lb)
{
	struct lbfo_team_info *t;

	l->teams = realloc(l->teams, (l->n_teams + 1) * sizeof(*t));
	assert_non_null(l->teams);
	t = &l->teams[l->n_teams++];
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->mode = mode < 0 ? LBFO_MODE_STATIC : mode;
	t->lb = lb < 0 ? LBFO_LB_ADDRESS_HASH : lb;
}

static void sim_add_member(struct lbfo_team_info *t, const char *name,
			   int role, int admin_up)
{
	struct lbfo_member_info *m;

	t->members = realloc(t->members, (t->n_members + 1) * sizeof(*m));
	assert_non_null(t->members);
	m = &t->members[t->n_members++];
	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%s", name);
	m->role = role < 0 ? LBFO_ROLE_ACTIVE : role;
	m->admin_up = admin_up != 0;
}

/* Do s as the kernel would; false where the kernel would refuse it. */
static bool sim_step(struct lbfo_team_list *l, const struct step *s)
{
	struct lbfo_team_info *t = sim_team(l, s->team);
	struct lbfo_member_info *m = sim_member(t, s->member, NULL);
	size_t at = 0;

	switch (s->kind) {
	case STEP_TEAM_ADD:
		if (t || sim_busy(l, s->team))
			return false;
		sim_add_team(l, s->team, s->mode, s->lb);
		return true;
	case STEP_TEAM_DEL:
		if (!t)
			return false;
		free(t->members);
		*t = l->teams[--l->n_teams];
		return true;
	case STEP_TEAM_SET:
		if (!t)
			return false;
		if (s->mode >= 0)
			t->mode = s->mode;
		if (s->lb >= 0)
			t->lb = s->lb;
		return true;
	case STEP_MEMBER_ADD:
		if (!t || sim_busy(l, s->member) ||
		    t->n_members == LBFO_MAX_MEMBERS)
			return false;
		sim_add_member(t, s->member, s->role,
			       s->admin_up < 0 ? 1 : s->admin_up);
		return true;
	case STEP_MEMBER_DEL:
		if (!sim_member(t, s->member, &at))
			return false;
		memmove(&t->members[at], &t->members[at + 1],
			(t->n_members - at - 1) * sizeof(*m));
		t->n_members--;
		return true;
	case STEP_MEMBER_SET:
		if (!m)
			return false;
		if (s->role >= 0)
			m->role = s->role;
		if (s->admin_up >= 0)
			m->admin_up = s->admin_up;
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

		sim_add_team(dst, t->name, t->mode, t->lb);
		for (j = 0; j < t->n_members; j++)
			sim_add_member(&dst->teams[i], t->members[j].name,
				       t->members[j].role,
				       t->members[j].admin_up);
	}
}

/* Same teams, modes, lbs and members (as sets: order may differ). */
static bool sim_same(struct lbfo_team_list *a, struct lbfo_team_list *b)
{
	size_t i, j;

	if (a->n_teams != b->n_teams)
		return false;
	for (i = 0; i < a->n_teams; i++) {
		struct lbfo_team_info *ta = &a->teams[i];
		struct lbfo_team_info *tb = sim_team(b, ta->name);

		if (!tb || ta->mode != tb->mode || ta->lb != tb->lb ||
		    ta->n_members != tb->n_members)
			return false;
		for (j = 0; j < ta->n_members; j++) {
			struct lbfo_member_info *ma = &ta->members[j];
			struct lbfo_member_info *mb = sim_member(tb, ma->name, NULL);

			if (!mb || ma->role != mb->role ||
			    ma->admin_up != mb->admin_up)
				return false;
		}
	}
	return true;
}

/* ---- fixtures ---- */

/* Running: team0 (static) with a0 active, a1 standby; team9 with z0. */
static void running(struct lbfo_team_list *l)
{
	memset(l, 0, sizeof(*l));
	sim_add_team(l, "team0", LBFO_MODE_STATIC, LBFO_LB_ADDRESS_HASH);
	sim_add_member(&l->teams[0], "a0", LBFO_ROLE_ACTIVE, 1);
	sim_add_member(&l->teams[0], "a1", LBFO_ROLE_STANDBY, 1);
	sim_add_team(l, "team9", LBFO_MODE_STATIC, LBFO_LB_ADDRESS_HASH);
	sim_add_member(&l->teams[1], "z0", LBFO_ROLE_ACTIVE, 1);
}

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
	char what[128];

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
	char buf[2048];
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

			assert_true(sim_step(&part, &inv));
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
	check_plan("{\"teams\":[]}", &have, false, "");
	sim_free(&have);
}

static void from_nothing(void **state)
{
	struct lbfo_team_list have = { 0 };

	(void)state;
	check_plan("{\"teams\":[{\"name\":\"t1\",\"mode\":\"lacp\",\"members\":["
		   "{\"name\":\"e0\"},{\"name\":\"e1\",\"role\":\"standby\",\"admin\":\"down\"}]},"
		   "{\"name\":\"t2\"}]}",
		   &have, false,
		   "team add t1 mode lacp lb address-hash; "
		   "team add t2 mode static lb address-hash; "
		   "member add t1 e0 role active admin up; "
		   "member add t1 e1 role standby admin down");
}

static void team_changes(void **state)
{
	struct lbfo_team_list have;

	(void)state;
	running(&have);
	check_plan("{\"teams\":[{\"name\":\"team0\",\"lb\":\"dynamic\",\"members\":["
		   "{\"name\":\"a0\"},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, false, "team set team0 lb dynamic");
	check_plan("{\"teams\":[{\"name\":\"team0\",\"mode\":\"lacp\",\"lb\":\"hyperv-port\","
		   "\"members\":[{\"name\":\"a0\"},{\"name\":\"a1\",\"role\":\"standby\"}]}]}",
		   &have, false, "team set team0 mode lacp lb hyperv-port");
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
		   "member add team0 a2 role standby admin up");
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
		   "member del team9 z0; member add team0 z0 role active admin up");
	/* a1 moves from team0 to a new team: it leaves before it joins. */
	check_plan("{\"teams\":[{\"name\":\"team0\",\"members\":[{\"name\":\"a0\"}]},"
		   "{\"name\":\"new\",\"members\":[{\"name\":\"a1\"}]}]}",
		   &have, false,
		   "member del team0 a1; team add new mode static lb address-hash; "
		   "member add new a1 role active admin up");
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

static void everything_at_once(void **state)
{
	struct lbfo_team_list have;

	(void)state;
	running(&have);
	check_plan("{\"teams\":[{\"name\":\"team1\",\"mode\":\"switch-independent\","
		   "\"members\":[{\"name\":\"a0\",\"role\":\"standby\"},{\"name\":\"z0\"}]},"
		   "{\"name\":\"team0\",\"lb\":\"dynamic\",\"members\":[{\"name\":\"a1\"},"
		   "{\"name\":\"b0\",\"admin\":\"down\"}]}]}",
		   &have, true,
		   "member del team0 a0; member del team9 z0; team del team9; "
		   "team add team1 mode switch-independent lb address-hash; "
		   "team set team0 lb dynamic; "
		   "member add team1 a0 role standby admin up; "
		   "member add team1 z0 role active admin up; "
		   "member set team0 a1 role active; "
		   "member add team0 b0 role active admin down");
	sim_free(&have);
}

static void inverses(void **state)
{
	struct step s = {
		.kind = STEP_MEMBER_SET, .team = "t", .member = "m",
		.mode = -1, .lb = -1, .old_mode = -1, .old_lb = -1,
		.role = LBFO_ROLE_STANDBY, .old_role = LBFO_ROLE_ACTIVE,
		.admin_up = -1, .old_admin_up = -1,
	};
	struct step inv = diff_inverse(&s), back = diff_inverse(&inv);
	char buf[128];

	(void)state;
	step_describe(&inv, buf, sizeof(buf));
	assert_string_equal(buf, "member set t m role active");
	assert_int_equal(memcmp(&back, &s, sizeof(s)), 0);

	s = (struct step){ .kind = STEP_TEAM_ADD, .team = "t", .mode = 2,
			   .lb = 1, .old_mode = -1, .old_lb = -1, .role = -1,
			   .admin_up = -1, .old_role = -1, .old_admin_up = -1 };
	inv = diff_inverse(&s);
	assert_int_equal(inv.kind, STEP_TEAM_DEL);
	back = diff_inverse(&inv);
	assert_int_equal(back.kind, STEP_TEAM_ADD);
	assert_int_equal(back.mode, 2);
	assert_int_equal(back.lb, 1);
	step_describe(&inv, buf, sizeof(buf));
	assert_string_equal(buf, "team del t");

	s = (struct step){ .kind = STEP_MEMBER_DEL, .team = "t", .member = "m",
			   .mode = -1, .lb = -1, .old_mode = -1, .old_lb = -1,
			   .role = -1, .admin_up = -1,
			   .old_role = LBFO_ROLE_STANDBY, .old_admin_up = 0 };
	inv = diff_inverse(&s);
	step_describe(&inv, buf, sizeof(buf));
	assert_string_equal(buf, "member add t m role standby admin down");
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
	cmocka_unit_test(member_changes),
	cmocka_unit_test(moves_between_teams),
	cmocka_unit_test(prune),
	cmocka_unit_test(everything_at_once),
	cmocka_unit_test(inverses),
	cmocka_unit_test(full_teams),
};

HARNESS_MAIN("diff", tests)
