// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/lbfo.h>

#include "cfg.h"
#include "jcheck.h"
#include "names.h"
#include "params.h"

void cfg_free(struct cfg *c)
{
	size_t i;

	for (i = 0; i < c->n_teams; i++)
		free(c->teams[i].members);
	free(c->teams);
	c->teams = NULL;
	c->n_teams = 0;
}

void cfg_member_unset(struct cfg_member *m)
{
	m->role = -1;
	m->admin_up = -1;
	m->weight = -1;
	m->lacp_prio = -1;
	m->lacp_key = -1;
}

void cfg_member_default(struct cfg_member *m)
{
	m->role = DEFAULT_ROLE;
	m->admin_up = DEFAULT_ADMIN;
	m->weight = member_weight.def;
	m->lacp_prio = member_lacp_prio.def;
	m->lacp_key = member_lacp_key.def;
}

struct lbfo_member_change cfg_member_change(const struct cfg_member *m)
{
	return (struct lbfo_member_change){
		.role = m->role, .admin_up = m->admin_up, .weight = m->weight,
		.lacp_prio = m->lacp_prio, .lacp_key = m->lacp_key,
	};
}

bool cfg_member_from_json(const json_t *o, const char *where,
			  struct cfg_member *m, char *msg, size_t size)
{
	static const char *const keys[] = { "name", "role", "admin", "weight",
					    "lacp_prio", "lacp_key", NULL };

	if (!json_is_object(o))
		return jc_fail(msg, size, "%s: must be an object", where);
	return jc_known_keys(o, keys, NULL, where, msg, size) &&
	       cfg_member_fields(o, where, m, msg, size);
}

bool cfg_member_fields(const json_t *o, const char *where,
		       struct cfg_member *m, char *msg, size_t size)
{
	return jc_ifname(o, "name", true, where, m->name, msg, size) &&
	       jc_enum(o, "role", &names_role, where, &m->role, msg, size) &&
	       jc_enum(o, "admin", &names_admin, where, &m->admin_up, msg,
		       size) &&
	       num_from_json(o, &member_weight, where, &m->weight, msg, size) &&
	       num_from_json(o, &member_lacp_prio, where, &m->lacp_prio, msg,
			     size) &&
	       num_from_json(o, &member_lacp_key, where, &m->lacp_key, msg,
			     size);
}

static bool team_from_json(const json_t *o, const char *where,
			   struct cfg_team *t, char *msg, size_t size)
{
	static const char *const keys[] = { "name", "members", NULL };
	char w[96];
	json_t *members, *e;
	size_t i;

	if (!json_is_object(o))
		return jc_fail(msg, size, "%s: must be an object", where);
	team_params_default(&t->p);
	if (!jc_known_keys(o, keys, params_key, where, msg, size) ||
	    !jc_ifname(o, "name", true, where, t->name, msg, size) ||
	    !params_from_json(o, where, &t->p, msg, size))
		return false;
	/* What the kernel would refuse of the team as a whole. */
	if (t->p.num[NUM_PROBE_INTERVAL] && !t->p.n_targets)
		return jc_fail(msg, size, "%s.%s: probing needs probe_targets",
			    where, team_nums[NUM_PROBE_INTERVAL].key);
	members = json_object_get(o, "members");
	if (!members)
		return true;
	if (!json_is_array(members))
		return jc_fail(msg, size, "%s.members: must be an array", where);
	if (json_array_size(members) > LBFO_MAX_MEMBERS)
		return jc_fail(msg, size,
			    "%s.members: a team has at most %d members",
			    where, LBFO_MAX_MEMBERS);
	t->members = calloc(json_array_size(members) + 1, sizeof(*t->members));
	if (!t->members)
		return jc_fail(msg, size, "out of memory");
	json_array_foreach(members, i, e) {
		snprintf(w, sizeof(w), "%s.members[%zu]", where, i);
		cfg_member_default(&t->members[i]);
		if (!cfg_member_from_json(e, w, &t->members[i], msg, size))
			return false;
		t->n_members++;
	}
	return true;
}

/* No name twice: teams, members across all teams, a team as a member. */
static bool check_unique(const struct cfg *c, char *msg, size_t size)
{
	size_t i, j, k, l;

	for (i = 0; i < c->n_teams; i++) {
		const struct cfg_team *t = &c->teams[i];

		for (j = 0; j < i; j++)
			if (!strcmp(c->teams[j].name, t->name))
				return jc_fail(msg, size,
					    "team '%s' is listed twice",
					    t->name);
		for (k = 0; k < t->n_members; k++) {
			const char *m = t->members[k].name;

			for (j = 0; j < c->n_teams; j++) {
				if (!strcmp(c->teams[j].name, m))
					return jc_fail(msg, size,
						    "team '%s' cannot be a member of team '%s'",
						    m, t->name);
				for (l = 0; l < c->teams[j].n_members; l++) {
					if ((j < i || (j == i && l < k)) &&
					    !strcmp(c->teams[j].members[l].name, m))
						return jc_fail(msg, size,
							    "member '%s' is listed twice (in team '%s' and team '%s')",
							    m, c->teams[j].name,
							    t->name);
				}
			}
		}
	}
	return true;
}

bool cfg_from_json(const json_t *root, struct cfg *out, char *msg,
		   size_t size)
{
	static const char *const keys[] = { "teams", NULL };
	json_t *teams, *e;
	char w[32];
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(root))
		return jc_fail(msg, size, "the configuration must be a JSON object with a 'teams' array");
	if (!jc_known_keys(root, keys, NULL, "configuration", msg, size))
		return false;
	teams = json_object_get(root, "teams");
	if (!teams)
		return jc_fail(msg, size, "'teams' is missing");
	if (!json_is_array(teams))
		return jc_fail(msg, size, "teams: must be an array");
	out->teams = calloc(json_array_size(teams) + 1, sizeof(*out->teams));
	if (!out->teams)
		return jc_fail(msg, size, "out of memory");
	json_array_foreach(teams, i, e) {
		snprintf(w, sizeof(w), "teams[%zu]", i);
		out->n_teams++;
		if (!team_from_json(e, w, &out->teams[i], msg, size))
			goto err;
	}
	if (!check_unique(out, msg, size))
		goto err;
	return true;
err:
	cfg_free(out);
	return false;
}

int cfg_from_state(const struct lbfo_team_list *l, const char *only,
		   struct cfg *out)
{
	size_t i, j, n = 0;

	memset(out, 0, sizeof(*out));
	out->teams = calloc(l->n_teams + 1, sizeof(*out->teams));
	if (!out->teams)
		return -ENOMEM;
	for (i = 0; i < l->n_teams; i++) {
		const struct lbfo_team_info *ti = &l->teams[i];
		struct cfg_team *t = &out->teams[n];

		if (only && strcmp(only, ti->name))
			continue;
		snprintf(t->name, sizeof(t->name), "%s", ti->name);
		t->p = ti->p;
		t->members = calloc(ti->n_members + 1, sizeof(*t->members));
		if (!t->members) {
			cfg_free(out);
			return -ENOMEM;
		}
		for (j = 0; j < ti->n_members; j++) {
			const struct lbfo_member_info *mi = &ti->members[j];

			t->members[j] = (struct cfg_member){
				.role = mi->role, .admin_up = mi->admin_up,
				.weight = mi->weight,
				.lacp_prio = mi->lacp_prio,
				.lacp_key = mi->lacp_key,
			};
			snprintf(t->members[j].name, sizeof(t->members[j].name),
				 "%s", mi->name);
		}
		t->n_members = ti->n_members;
		out->n_teams = ++n;
	}
	return 0;
}

/* The number v of d into o, unless it is -1. false: out of memory. */
static bool put_num(json_t *o, const struct num_param *d, long long v)
{
	return v < 0 || !json_object_set_new(o, d->key, json_integer(v));
}

/* A member of a team in mode lacp or not. */
static json_t *member_to_json(const struct cfg_member *m, bool lacp)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "name", m->name,
			      "role", name_of(&names_role, m->role),
			      "admin", name_of(&names_admin, m->admin_up));

	/* What the kernel does not report (-1) is left out. */
	if (o && (!put_num(o, &member_weight, m->weight) ||
		  !put_num(o, &member_lacp_prio,
			   lacp_shown(m->lacp_prio, member_lacp_prio.def,
				      lacp)) ||
		  !put_num(o, &member_lacp_key,
			   lacp_shown(m->lacp_key, member_lacp_key.def,
				      lacp)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *team_to_json(const struct cfg_team *t)
{
	json_t *o = json_pack("{s:s}", "name", t->name), *members;
	bool lacp = t->p.mode == LBFO_MODE_LACP;
	size_t j;

	if (!o)
		return NULL;
	members = params_show(o, &t->p) ? json_array() : NULL;
	if (!members || json_object_set_new(o, "members", members))
		goto err;
	for (j = 0; j < t->n_members; j++)
		if (json_array_append_new(members,
					  member_to_json(&t->members[j], lacp)))
			goto err;
	return o;
err:
	json_decref(o);
	return NULL;
}

json_t *cfg_to_json(const struct cfg *c)
{
	json_t *root = json_object(), *teams = json_array();
	size_t i;

	if (!root || !teams || json_object_set_new(root, "teams", teams)) {
		json_decref(root);
		return NULL;
	}
	for (i = 0; i < c->n_teams; i++) {
		if (json_array_append_new(teams, team_to_json(&c->teams[i]))) {
			json_decref(root);
			return NULL;
		}
	}
	return root;
}
