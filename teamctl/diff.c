// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/lbfo.h>

#include "diff.h"
#include "names.h"

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
	struct step s = {
		.kind = kind,
		.mode = -1, .lb = -1, .old_mode = -1, .old_lb = -1,
		.role = -1, .admin_up = -1, .old_role = -1, .old_admin_up = -1,
	};

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

/* Members leave: not listed in their team, claimed by another, pruned. */
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
				if (want_member(wt, m->name))
					continue;
			} else if (!prune && (!claim || claim == wt)) {
				continue;
			}
			s = new_step(STEP_MEMBER_DEL, ht->name, m->name);
			s.old_role = m->role;
			s.old_admin_up = m->admin_up;
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
		s.old_mode = ht->mode;
		s.old_lb = ht->lb;
		if (push(p, &s))
			return -ENOMEM;
	}
	return 0;
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
			s = new_step(STEP_TEAM_ADD, wt->name, NULL);
			s.mode = wt->mode;
			s.lb = wt->lb;
		} else if (ht->mode != wt->mode || ht->lb != wt->lb) {
			s = new_step(STEP_TEAM_SET, wt->name, NULL);
			if (ht->mode != wt->mode) {
				s.mode = wt->mode;
				s.old_mode = ht->mode;
			}
			if (ht->lb != wt->lb) {
				s.lb = wt->lb;
				s.old_lb = ht->lb;
			}
		} else {
			continue;
		}
		if (push(p, &s))
			return -ENOMEM;
	}
	return 0;
}

static int plan_members(const struct cfg *want,
			const struct lbfo_team_list *have, struct plan *p)
{
	size_t i, j;

	for (i = 0; i < want->n_teams; i++) {
		const struct cfg_team *wt = &want->teams[i];
		const struct lbfo_team_info *ht = have_team(have, wt->name);

		for (j = 0; j < wt->n_members; j++) {
			const struct cfg_member *wm = &wt->members[j];
			const struct lbfo_member_info *hm;
			struct step s;

			hm = have_member(ht, wm->name);
			if (!hm) {
				s = new_step(STEP_MEMBER_ADD, wt->name, wm->name);
				s.role = wm->role;
				s.admin_up = wm->admin_up;
			} else if (hm->role != wm->role ||
				   (int)hm->admin_up != wm->admin_up) {
				s = new_step(STEP_MEMBER_SET, wt->name, wm->name);
				if (hm->role != wm->role) {
					s.role = wm->role;
					s.old_role = hm->role;
				}
				if ((int)hm->admin_up != wm->admin_up) {
					s.admin_up = wm->admin_up;
					s.old_admin_up = hm->admin_up;
				}
			} else {
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
		inv.role = s->old_role;
		inv.admin_up = s->old_admin_up;
		break;
	case STEP_TEAM_DEL:
		inv.kind = STEP_TEAM_ADD;
		inv.mode = s->old_mode;
		inv.lb = s->old_lb;
		break;
	case STEP_TEAM_ADD:
		inv.kind = STEP_TEAM_DEL;
		inv.old_mode = s->mode;
		inv.old_lb = s->lb;
		break;
	case STEP_TEAM_SET:
		inv.mode = s->old_mode;
		inv.lb = s->old_lb;
		inv.old_mode = s->mode;
		inv.old_lb = s->lb;
		break;
	case STEP_MEMBER_ADD:
		inv.kind = STEP_MEMBER_DEL;
		inv.old_role = s->role;
		inv.old_admin_up = s->admin_up;
		break;
	case STEP_MEMBER_SET:
		inv.role = s->old_role;
		inv.admin_up = s->old_admin_up;
		inv.old_role = s->role;
		inv.old_admin_up = s->admin_up;
		break;
	}
	return inv;
}

/* " word value" into buf at *len, when value is set. */
static void add_word(char *buf, size_t size, size_t *len, const char *word,
		     const struct name_table *t, int v)
{
	if (v < 0 || *len >= size)
		return;
	*len += (size_t)snprintf(buf + *len, size - *len, " %s %s", word,
				 name_of(t, v));
}

void step_describe(const struct step *s, char *buf, size_t size)
{
	static const char *const verbs[] = {
		[STEP_MEMBER_DEL] = "member del", [STEP_TEAM_DEL] = "team del",
		[STEP_TEAM_ADD] = "team add", [STEP_TEAM_SET] = "team set",
		[STEP_MEMBER_ADD] = "member add",
		[STEP_MEMBER_SET] = "member set",
	};
	size_t len;

	len = (size_t)snprintf(buf, size, "%s %s%s%s", verbs[s->kind], s->team,
			       s->member[0] ? " " : "", s->member);
	switch (s->kind) {
	case STEP_TEAM_ADD:
	case STEP_TEAM_SET:
		add_word(buf, size, &len, "mode", &names_mode, s->mode);
		add_word(buf, size, &len, "lb", &names_lb, s->lb);
		break;
	case STEP_MEMBER_ADD:
	case STEP_MEMBER_SET:
		add_word(buf, size, &len, "role", &names_role, s->role);
		add_word(buf, size, &len, "admin", &names_admin, s->admin_up);
		break;
	default:
		break;
	}
}
