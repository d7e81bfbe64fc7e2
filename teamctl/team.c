// SPDX-License-Identifier: GPL-2.0
/* teamctl team add|del|set|show */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/lbfo.h>

#include "names.h"
#include "parse.h"
#include "print.h"
#include "teamctl.h"

/* The words after NAME of team add and team set. */
struct team_words {
	struct team_params p;		/* -1: not given */
	char members[LBFO_MAX_MEMBERS][IF_NAMESIZE];
	size_t n_members;
	char standby[LBFO_MAX_MEMBERS][IF_NAMESIZE];
	size_t n_standby;
	bool has_members, has_standby;
};

/* false (and a message) if the word key was given already. */
static bool once(const char *key, bool given)
{
	if (given)
		usage_error("'%s' is given twice", key);
	return !given;
}

/* The value of "members" or "standby" into list and *n, once. */
static bool parse_list_once(const char *key, const char *val, bool *given,
			    char (*list)[IF_NAMESIZE], size_t *n)
{
	if (!once(key, *given))
		return false;
	*given = true;
	return parse_iflist(val, list, LBFO_MAX_MEMBERS, n);
}

/* Parse KEY VALUE pairs; lists only if allow_lists. EXIT_OK or _USAGE. */
static int parse_team_words(int argc, char **argv, bool allow_lists,
			    struct team_words *w)
{
	int i;

	team_params_unset(&w->p);
	for (i = 0; i < argc; i++) {
		const char *key = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		bool list = !strcmp(key, "members") || !strcmp(key, "standby");
		bool ok;

		if (!is_team_param(key) && !(allow_lists && list))
			return usage_error("unexpected word '%s'", key);
		if (!val)
			return usage_error("'%s' needs a value", key);
		i++;
		if (!list)
			ok = parse_team_param(key, val, &w->p);
		else if (!strcmp(key, "members"))
			ok = parse_list_once(key, val, &w->has_members,
					     w->members, &w->n_members);
		else
			ok = parse_list_once(key, val, &w->has_standby,
					     w->standby, &w->n_standby);
		if (!ok)
			return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int check_lists(const char *team, const struct team_words *w)
{
	size_t i, j;

	if (w->n_members + w->n_standby > LBFO_MAX_MEMBERS)
		return usage_error("a team has at most %d members",
				   LBFO_MAX_MEMBERS);
	for (i = 0; i < w->n_members; i++) {
		if (!strcmp(w->members[i], team))
			return usage_error("a team cannot be a member of itself");
		for (j = 0; j < w->n_standby; j++)
			if (!strcmp(w->members[i], w->standby[j]))
				return usage_error("'%s' is in both members and standby",
						   w->members[i]);
	}
	for (j = 0; j < w->n_standby; j++)
		if (!strcmp(w->standby[j], team))
			return usage_error("a team cannot be a member of itself");
	return EXIT_OK;
}

/* The members and standby lists as the members of a team.add, in order. */
static int add_members(const struct team_words *w, struct op_args *a)
{
	size_t i, n = w->n_members + w->n_standby;

	a->members = calloc(n + 1, sizeof(*a->members));
	if (!a->members) {
		pr_err("out of memory");
		return EXIT_FAIL;
	}
	for (i = 0; i < n; i++) {
		struct cfg_member *m = &a->members[i];
		bool active = i < w->n_members;

		snprintf(m->name, sizeof(m->name), "%s", active ?
			 w->members[i] : w->standby[i - w->n_members]);
		cfg_member_unset(m);
		m->role = active ? LBFO_ROLE_ACTIVE : LBFO_ROLE_STANDBY;
	}
	a->n_members = n;
	return EXIT_OK;
}

int cmd_team_add(int argc, char **argv, const struct opts *o)
{
	struct team_words *w;
	struct op_args a;
	int ret;

	args_init(&a, OP_TEAM_ADD);
	if (argc < 1)
		return usage_error("team add needs a team NAME");
	if (!parse_ifname(argv[0], a.team))
		return EXIT_USAGE;
	w = calloc(1, sizeof(*w));
	if (!w) {
		pr_err("out of memory");
		return EXIT_FAIL;
	}
	ret = parse_team_words(argc - 1, argv + 1, true, w);
	if (!ret)
		ret = check_lists(a.team, w);
	if (!ret)
		ret = add_members(w, &a);
	a.p = w->p;
	free(w);
	if (!ret)
		ret = call(&a, o, NULL);
	args_free(&a);
	return ret;
}

int cmd_team_del(int argc, char **argv, const struct opts *o)
{
	struct op_args a;

	args_init(&a, OP_TEAM_DEL);
	if (argc < 1)
		return usage_error("team del needs a team NAME");
	if (argc > 1)
		return usage_error("unexpected word '%s'", argv[1]);
	if (!parse_ifname(argv[0], a.team))
		return EXIT_USAGE;
	return call(&a, o, NULL);
}

int cmd_team_set(int argc, char **argv, const struct opts *o)
{
	struct team_words *w;
	struct op_args a;
	int ret;

	args_init(&a, OP_TEAM_SET);
	if (argc < 1)
		return usage_error("team set needs a team NAME");
	if (!parse_ifname(argv[0], a.team))
		return EXIT_USAGE;
	w = calloc(1, sizeof(*w));
	if (!w) {
		pr_err("out of memory");
		return EXIT_FAIL;
	}
	ret = parse_team_words(argc - 1, argv + 1, false, w);
	if (!ret && !team_params_any(&w->p))
		ret = usage_error("team set needs a parameter to change (PARAM VALUE)");
	a.p = w->p;
	free(w);
	return ret ? ret : call(&a, o, NULL);
}

/*
 * The words [TEAM] of a read (team show, stats, config export) into a;
 * EXIT_OK or EXIT_USAGE.
 */
int parse_read(int argc, char **argv, enum op_id op, struct op_args *a)
{
	args_init(a, op);
	if (argc > 1)
		return usage_error("unexpected word '%s'", argv[1]);
	if (argc == 1 && !parse_ifname(argv[0], a->team))
		return EXIT_USAGE;
	return EXIT_OK;
}

int cmd_team_show(int argc, char **argv, const struct opts *o)
{
	struct op_args a;
	json_t *doc;
	int ret;

	ret = parse_read(argc, argv, OP_TEAM_SHOW, &a);
	if (!ret)
		ret = call(&a, o, &doc);
	if (ret)
		return ret;
	ret = print_result(doc, o);
	json_decref(doc);
	return ret;
}
