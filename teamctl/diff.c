// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/lbfo.h>

#include "diff.h"
#include "params.h"

void plan_free(struct plan *p)
{
	free(p->steps);
	p->steps = NULL;
	p->n = 0;
}

static int push(struct plan *p, const struct step *s)
{
	struct step *n = realloc(p->steps, (p->n + 1) * sizeof(*n));

	if (!n)
		return -ENOMEM;
	p->steps = n;
	p->steps[p->n++] = *s;
	return 0;
}

static struct step new_step(enum step_kind kind, const char *team,
			    const char *member)
{
	struct step s;

	memset(&s, 0, sizeof(s));
	s.kind = kind;
	team_params_unset(&s.p);
	team_params_unset(&s.old_p);
	s.m = MEMBER_CHANGE_NONE;
	s.old_m = MEMBER_CHANGE_NONE;
	snprintf(s.team, sizeof(s.team), "%s", team);
	if (member)
		snprintf(s.member, sizeof(s.member), "%s", member);
	return s;
}

static const struct cfg_team *want_team(const struct cfg *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n_teams; i++)
		if (!strcmp(c->teams[i].name, name))
			return &c->teams[i];
	return NULL;
}

static const struct lbfo_team_info *have_team(const struct lbfo_team_list *l,
					      const char *name)
{
	size_t i;

	for (i = 0; i < l->n_teams; i++)
		if (!strcmp(l->teams[i].name, name))
			return &l->teams[i];
	return NULL;
}

static const struct cfg_member *want_member(const struct cfg_team *t,
					    const char *name)
{
	size_t i;

	for (i = 0; t && i < t->n_members; i++)
		if (!strcmp(t->members[i].name, name))
			return &t->members[i];
	return NULL;
}

static const struct lbfo_member_info *
have_member(const struct lbfo_team_info *t, const char *name)
{
	size_t i;

	for (i = 0; t && i < t->n_members; i++)
		if (!strcmp(t->members[i].name, name))
			return &t->members[i];
	return NULL;
}

/* The team of want that lists device name, if any. */
static const struct cfg_team *team_claiming(const struct cfg *c,
					    const char *name)
{
	size_t i;

	for (i = 0; i < c->n_teams; i++)
		if (want_member(&c->teams[i], name))
			return &c->teams[i];
	return NULL;
}

/*
 * Does the file change the mode of running team ht? The kernel changes it
 * only while the team has no members: they all leave first, and join again.
 */
static bool mode_changes(const struct cfg_team *wt,
			 const struct lbfo_team_info *ht)
{
	return wt && ht && ht->n_members && wt->p.mode != ht->p.mode;
}

/*
 * Members leave: not listed in their team, claimed by another, pruned, or
 * in a team whose mode changes.
 */
static int plan_leave(const struct cfg *want, const struct lbfo_team_list *have,
		      bool prune, struct plan *p)
{
	size_t i, j;

	for (i = 0; i < have->n_teams; i++) {
		const struct lbfo_team_info *ht = &have->teams[i];
		const struct cfg_team *wt = want_team(want, ht->name);

		for (j = 0; j < ht->n_members; j++) {
			const struct lbfo_member_info *m = &ht->members[j];
			const struct cfg_team *claim;
			struct step s;

			claim = team_claiming(want, m->name);
			if (wt) {
				if (want_member(wt, m->name) &&
				    !mode_changes(wt, ht))
					continue;
			} else if (!prune && (!claim || claim == wt)) {
				continue;
			}
			s = new_step(STEP_MEMBER_DEL, ht->name, m->name);
			s.old_m = (struct lbfo_member_change){
				.role = m->role, .admin_up = m->admin_up,
				.weight = m->weight, .lacp_prio = m->lacp_prio,
				.lacp_key = m->lacp_key,
			};
			if (push(p, &s))
				return -ENOMEM;
		}
	}
	if (!prune)
		return 0;
	for (i = 0; i < have->n_teams; i++) {
		const struct lbfo_team_info *ht = &have->teams[i];
		struct step s;

		if (want_team(want, ht->name))
			continue;
		s = new_step(STEP_TEAM_DEL, ht->name, NULL);
		s.old_p = ht->p;
		if (push(p, &s))
			return -ENOMEM;
	}
	return 0;
}

/*
 * What the kernel has of a setting that came with LACP, or its default def
 * where the kernel does not say (-1: a kernel from before): a file that
 * leaves it at its default then changes nothing.
 */
static long long have_or(long long have, long long def)
{
	return have < 0 ? def : have;
}

/* The fields of want that differ from have into s->p, have's in s->old_p. */
static bool params_diff(const struct team_params *want,
			const struct team_params *have, struct step *s)
{
	bool any = false;
	int i;

#define DIFF(field, have_value)						\
	do {								\
		if (want->field != (have_value)) {			\
			s->p.field = want->field;			\
			s->old_p.field = have->field;			\
			any = true;					\
		}							\
	} while (0)

	DIFF(mode, have->mode);
	DIFF(lb, have->lb);
	DIFF(hash, have->hash);
	for (i = 0; i < N_NUMS; i++)
		DIFF(num[i], i < NUM_MIN_LINKS ? have->num[i] :
			     have_or(have->num[i], team_nums[i].def));
	DIFF(lacp_system, have_or(have->lacp_system, 0));
	for (i = 0; i < N_OPTS; i++)
		DIFF(opt[i], have_or(have->opt[i], team_opts[i].def));
#undef DIFF
	if (!targets_equal(want, have)) {
		s->p.n_targets = want->n_targets;
		memcpy(s->p.targets, want->targets, sizeof(want->targets));
		s->old_p.n_targets = have->n_targets;
		memcpy(s->old_p.targets, have->targets, sizeof(have->targets));
		any = true;
	}
	return any;
}

static int plan_teams(const struct cfg *want, const struct lbfo_team_list *have,
		      struct plan *p)
{
	size_t i;

	for (i = 0; i < want->n_teams; i++) {
		const struct cfg_team *wt = &want->teams[i];
		const struct lbfo_team_info *ht = have_team(have, wt->name);
		struct step s;

		if (!ht) {
			/* All of it, but what a team not in mode lacp has
			 * at the defaults of LACP (as config export). */
			s = new_step(STEP_TEAM_ADD, wt->name, NULL);
			s.p = wt->p;
			params_trim(&s.p);
		} else {
			s = new_step(STEP_TEAM_SET, wt->name, NULL);
			if (!params_diff(&wt->p, &ht->p, &s))
				continue;
		}
		if (push(p, &s))
			return -ENOMEM;
	}
	return 0;
}

/* The settings of wm that differ from hm into s->m, hm's in s->old_m. */
static void member_diff(const struct cfg_member *wm,
			const struct lbfo_member_info *hm, struct step *s)
{
#define DIFF(field, have_value)						\
	do {								\
		if (wm->field != (have_value)) {			\
			s->m.field = wm->field;				\
			s->old_m.field = hm->field;			\
		}							\
	} while (0)

	DIFF(role, hm->role);
	DIFF(admin_up, (int)hm->admin_up);
	DIFF(weight, hm->weight);
	DIFF(lacp_prio, have_or(hm->lacp_prio, member_lacp_prio.def));
	DIFF(lacp_key, have_or(hm->lacp_key, member_lacp_key.def));
#undef DIFF
}

static int plan_members(const struct cfg *want,
			const struct lbfo_team_list *have, struct plan *p)
{
	size_t i, j;

	for (i = 0; i < want->n_teams; i++) {
		const struct cfg_team *wt = &want->teams[i];
		const struct lbfo_team_info *ht = have_team(have, wt->name);
		bool lacp = wt->p.mode == LBFO_MODE_LACP;

		for (j = 0; j < wt->n_members; j++) {
			const struct cfg_member *wm = &wt->members[j];
			const struct lbfo_member_info *hm;
			struct step s;

			/* After a mode change, every member joins again. */
			hm = mode_changes(wt, ht) ? NULL :
			     have_member(ht, wm->name);
			if (!hm) {
				s = new_step(STEP_MEMBER_ADD, wt->name, wm->name);
				s.m = cfg_member_change(wm);
				s.m.lacp_prio = lacp_shown(s.m.lacp_prio,
							   member_lacp_prio.def,
							   lacp);
				s.m.lacp_key = lacp_shown(s.m.lacp_key,
							  member_lacp_key.def,
							  lacp);
			} else {
				s = new_step(STEP_MEMBER_SET, wt->name, wm->name);
				member_diff(wm, hm, &s);
				if (!member_change_any(&s.m))
					continue;
			}
			if (push(p, &s))
				return -ENOMEM;
		}
	}
	return 0;
}

int diff_plan(const struct cfg *want, const struct lbfo_team_list *have,
	      bool prune, struct plan *out)
{
	int err;

	memset(out, 0, sizeof(*out));
	err = plan_leave(want, have, prune, out);
	if (!err)
		err = plan_teams(want, have, out);
	if (!err)
		err = plan_members(want, have, out);
	if (err)
		plan_free(out);
	return err;
}

struct step diff_inverse(const struct step *s)
{
	struct step inv = new_step(s->kind, s->team, s->member);

	switch (s->kind) {
	case STEP_MEMBER_DEL:
		inv.kind = STEP_MEMBER_ADD;
		inv.m = s->old_m;
		break;
	case STEP_TEAM_DEL:
		inv.kind = STEP_TEAM_ADD;
		inv.p = s->old_p;
		break;
	case STEP_TEAM_ADD:
		inv.kind = STEP_TEAM_DEL;
		inv.old_p = s->p;
		break;
	case STEP_TEAM_SET:
		inv.p = s->old_p;
		inv.old_p = s->p;
		break;
	case STEP_MEMBER_ADD:
		inv.kind = STEP_MEMBER_DEL;
		inv.old_m = s->m;
		break;
	case STEP_MEMBER_SET:
		inv.m = s->old_m;
		inv.old_m = s->m;
		break;
	}
	return inv;
}

void step_describe(const struct step *s, char *buf, size_t size)
{
	static const char *const verbs[] = {
		[STEP_MEMBER_DEL] = "member del", [STEP_TEAM_DEL] = "team del",
		[STEP_TEAM_ADD] = "team add", [STEP_TEAM_SET] = "team set",
		[STEP_MEMBER_ADD] = "member add",
		[STEP_MEMBER_SET] = "member set",
	};
	char words[STEP_TEXT_MAX] = "";

	switch (s->kind) {
	case STEP_TEAM_ADD:
	case STEP_TEAM_SET:
		params_text(&s->p, words, sizeof(words));
		break;
	case STEP_MEMBER_ADD:
	case STEP_MEMBER_SET:
		member_text(&s->m, words, sizeof(words));
		break;
	default:
		break;
	}
	snprintf(buf, size, "%s %s%s%s%s", verbs[s->kind], s->team,
		 s->member[0] ? " " : "", s->member, words);
}
