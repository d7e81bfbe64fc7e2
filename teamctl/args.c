// SPDX-License-Identifier: GPL-2.0
/* The operations as data, and their args in JSON (see args.h). */
#include <stdlib.h>
#include <string.h>

#include <linux/lbfo.h>

#include "args.h"
#include "jcheck.h"
#include "names.h"
#include "params.h"

static const char *const role_names[N_ROLES] = {
	[ROLE_NONE] = "none",
	[ROLE_READER] = "reader",
	[ROLE_OPERATOR] = "operator",
	[ROLE_ADMIN] = "admin",
};

const struct op_info op_info[N_OPS] = {
	[OP_TEAM_SHOW] = { "team.show", ROLE_READER, false },
	[OP_STATS] = { "stats", ROLE_READER, false },
	[OP_CONFIG_EXPORT] = { "config.export", ROLE_READER, false },
	[OP_MONITOR] = { "monitor", ROLE_READER, false },
	[OP_TEAM_ADD] = { "team.add", ROLE_ADMIN, true },
	[OP_TEAM_DEL] = { "team.del", ROLE_ADMIN, true },
	[OP_TEAM_SET] = { "team.set", ROLE_ADMIN, true },
	[OP_MEMBER_ADD] = { "member.add", ROLE_ADMIN, true },
	[OP_MEMBER_DEL] = { "member.del", ROLE_ADMIN, true },
	[OP_MEMBER_SET] = { "member.set", ROLE_OPERATOR, true },
	[OP_CONFIG_APPLY] = { "config.apply", ROLE_ADMIN, true },
};

const char *role_name(enum role r)
{
	return r < N_ROLES ? role_names[r] : "none";
}

int role_find(const char *s)
{
	int i;

	for (i = 0; i < N_ROLES; i++)
		if (!strcmp(s, role_names[i]))
			return i;
	return -1;
}

int op_find(const char *s)
{
	int i;

	for (i = 0; i < N_OPS; i++)
		if (!strcmp(s, op_info[i].name))
			return i;
	return -1;
}

void args_init(struct op_args *a, enum op_id op)
{
	memset(a, 0, sizeof(*a));
	a->op = op;
	team_params_unset(&a->p);
	a->m = MEMBER_CHANGE_NONE;
}

void args_free(struct op_args *a)
{
	free(a->members);
	a->members = NULL;
	a->n_members = 0;
	cfg_free(&a->cfg);
}

enum role args_role(const struct op_args *a)
{
	if (a->op == OP_MEMBER_SET && (a->m.weight >= 0 ||
				       a->m.lacp_prio >= 0 ||
				       a->m.lacp_key >= 0))
		return ROLE_ADMIN;
	return op_info[a->op].role;
}

/* {"team": NAME} of a read, the team optional. */
static bool decode_read(const json_t *o, struct op_args *a, char *msg,
			size_t size)
{
	static const char *const keys[] = { "team", NULL };

	return jc_known_keys(o, keys, NULL, "args", msg, size) &&
	       jc_ifname(o, "team", false, "args", a->team, msg, size);
}

/* The members of team.add: objects as in the config file. */
static bool decode_members(const json_t *o, struct op_args *a, char *msg,
			   size_t size)
{
	json_t *v = json_object_get(o, "members"), *e;
	char where[48];
	size_t i, j;

	if (!v)
		return true;
	if (!json_is_array(v))
		return jc_fail(msg, size, "args.members: must be an array");
	if (json_array_size(v) > LBFO_MAX_MEMBERS)
		return jc_fail(msg, size,
			       "args.members: a team has at most %d members",
			       LBFO_MAX_MEMBERS);
	a->members = calloc(json_array_size(v) + 1, sizeof(*a->members));
	if (!a->members)
		return jc_fail(msg, size, "out of memory");
	json_array_foreach(v, i, e) {
		struct cfg_member *m = &a->members[i];

		snprintf(where, sizeof(where), "args.members[%zu]", i);
		cfg_member_unset(m);
		if (!cfg_member_from_json(e, where, m, msg, size))
			return false;
		if (!strcmp(m->name, a->team))
			return jc_fail(msg, size, "%s: a team cannot be a member of itself",
				       where);
		for (j = 0; j < i; j++)
			if (!strcmp(a->members[j].name, m->name))
				return jc_fail(msg, size, "%s: '%s' is listed twice",
					       where, m->name);
		a->n_members++;
	}
	return true;
}

static bool decode_team(const json_t *o, struct op_args *a, char *msg,
			size_t size)
{
	static const char *const add_keys[] = { "name", "members", NULL };
	static const char *const keys[] = { "name", NULL };

	if (!jc_known_keys(o, a->op == OP_TEAM_ADD ? add_keys : keys,
			   a->op == OP_TEAM_DEL ? NULL : params_key, "args",
			   msg, size) ||
	    !jc_ifname(o, "name", true, "args", a->team, msg, size) ||
	    !params_from_json(o, "args", &a->p, msg, size))
		return false;
	if (a->op == OP_TEAM_SET && !team_params_any(&a->p))
		return jc_fail(msg, size, "args: team.set needs a parameter to change");
	return a->op != OP_TEAM_ADD || decode_members(o, a, msg, size);
}

static bool decode_member(const json_t *o, struct op_args *a, char *msg,
			  size_t size)
{
	static const char *const keys[] = { "team", "name", "role", "admin",
					    "weight", "lacp_prio", "lacp_key",
					    NULL };
	static const char *const del_keys[] = { "team", "name", NULL };
	struct cfg_member m;

	cfg_member_unset(&m);
	if (!jc_known_keys(o, a->op == OP_MEMBER_DEL ? del_keys : keys, NULL,
			   "args", msg, size) ||
	    !jc_ifname(o, "team", true, "args", a->team, msg, size) ||
	    !cfg_member_fields(o, "args", &m, msg, size))
		return false;
	snprintf(a->member, sizeof(a->member), "%s", m.name);
	a->m = cfg_member_change(&m);
	if (!strcmp(a->team, a->member))
		return jc_fail(msg, size, "args: a team cannot be a member of itself");
	if (a->op == OP_MEMBER_SET && !member_change_any(&a->m))
		return jc_fail(msg, size, "args: member.set needs role, admin, weight, lacp_prio or lacp_key");
	return true;
}

static bool decode_apply(const json_t *o, struct op_args *a, char *msg,
			 size_t size)
{
	static const char *const keys[] = { "config", "prune", "dry_run",
					    NULL };
	char why[224];
	json_t *c;

	if (!jc_known_keys(o, keys, NULL, "args", msg, size) ||
	    !jc_bool(o, "prune", "args", &a->prune, msg, size) ||
	    !jc_bool(o, "dry_run", "args", &a->dry_run, msg, size))
		return false;
	c = json_object_get(o, "config");
	if (!c)
		return jc_fail(msg, size, "args: 'config' is missing");
	if (!cfg_from_json(c, &a->cfg, why, sizeof(why)))
		return jc_fail(msg, size, "args.config: %s", why);
	return true;
}

bool args_decode(enum op_id op, const json_t *args, struct op_args *out,
		 char *msg, size_t size)
{
	bool ok;

	args_init(out, op);
	if (!json_is_object(args))
		return jc_fail(msg, size, "args: must be an object");
	switch (op) {
	case OP_TEAM_SHOW:
	case OP_STATS:
	case OP_CONFIG_EXPORT:
		ok = decode_read(args, out, msg, size);
		break;
	case OP_MONITOR:
		ok = !json_object_size(args) ||
		     jc_fail(msg, size, "args: monitor takes no arguments");
		break;
	case OP_TEAM_ADD:
	case OP_TEAM_DEL:
	case OP_TEAM_SET:
		ok = decode_team(args, out, msg, size);
		break;
	case OP_MEMBER_ADD:
	case OP_MEMBER_DEL:
	case OP_MEMBER_SET:
		ok = decode_member(args, out, msg, size);
		break;
	case OP_CONFIG_APPLY:
		ok = decode_apply(args, out, msg, size);
		break;
	default:
		ok = jc_fail(msg, size, "unknown operation");
	}
	if (!ok)
		args_free(out);
	return ok;
}

/* json_object_set_new that remembers a failure in *ok. */
static void put(json_t *o, const char *key, json_t *v, bool *ok)
{
	if (!v || json_object_set_new(o, key, v))
		*ok = false;
}

/* The number v of d into o, unless it is -1. */
static void put_num(json_t *o, const struct num_param *d, long long v,
		    bool *ok)
{
	if (v >= 0)
		put(o, d->key, json_integer(v), ok);
}

/* The set fields of a member change into o. */
static void put_member(json_t *o, const struct lbfo_member_change *c,
		       bool *ok)
{
	if (c->role >= 0)
		put(o, "role", json_string(name_of(&names_role, c->role)), ok);
	if (c->admin_up >= 0)
		put(o, "admin", json_string(name_of(&names_admin,
						     c->admin_up)), ok);
	put_num(o, &member_weight, c->weight, ok);
	put_num(o, &member_lacp_prio, c->lacp_prio, ok);
	put_num(o, &member_lacp_key, c->lacp_key, ok);
}

static json_t *members_json(const struct op_args *a)
{
	json_t *l = json_array(), *m;
	bool ok = l;
	size_t i;

	for (i = 0; ok && i < a->n_members; i++) {
		m = json_object();
		ok = m;
		if (m) {
			struct lbfo_member_change c =
				cfg_member_change(&a->members[i]);

			put(m, "name", json_string(a->members[i].name), &ok);
			put_member(m, &c, &ok);
		}
		if (json_array_append_new(l, m))
			ok = false;
	}
	if (!ok) {
		json_decref(l);
		return NULL;
	}
	return l;
}

json_t *args_encode(const struct op_args *a)
{
	json_t *o = json_object();
	bool ok = o;

	if (!o)
		return NULL;
	switch (a->op) {
	case OP_TEAM_SHOW:
	case OP_STATS:
	case OP_CONFIG_EXPORT:
		if (a->team[0])
			put(o, "team", json_string(a->team), &ok);
		break;
	case OP_MONITOR:
		break;
	case OP_TEAM_ADD:
	case OP_TEAM_DEL:
	case OP_TEAM_SET:
		put(o, "name", json_string(a->team), &ok);
		if (a->op != OP_TEAM_DEL && !params_to_json(o, &a->p))
			ok = false;
		if (a->op == OP_TEAM_ADD && a->n_members)
			put(o, "members", members_json(a), &ok);
		break;
	case OP_MEMBER_ADD:
	case OP_MEMBER_DEL:
	case OP_MEMBER_SET:
		put(o, "team", json_string(a->team), &ok);
		put(o, "name", json_string(a->member), &ok);
		if (a->op != OP_MEMBER_DEL)
			put_member(o, &a->m, &ok);
		break;
	case OP_CONFIG_APPLY:
		put(o, "config", cfg_to_json(&a->cfg), &ok);
		put(o, "prune", json_boolean(a->prune), &ok);
		put(o, "dry_run", json_boolean(a->dry_run), &ok);
		break;
	default:
		ok = false;
	}
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}
