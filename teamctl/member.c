// SPDX-License-Identifier: GPL-2.0
/* teamctl member add|del|set */
#include <stdio.h>
#include <string.h>

#include <linux/lbfo.h>

#include "names.h"
#include "parse.h"
#include "teamctl.h"

/* TEAM IF, the first two words of every member command. */
static int parse_team_if(int argc, char **argv, const char *cmd,
			 char team[IF_NAMESIZE], char dev[IF_NAMESIZE])
{
	if (argc < 2)
		return usage_error("%s needs a TEAM and an interface IF", cmd);
	if (!parse_ifname(argv[0], team) || !parse_ifname(argv[1], dev))
		return EXIT_USAGE;
	if (!strcmp(team, dev))
		return usage_error("a team cannot be a member of itself");
	return EXIT_OK;
}

/*
 * The words after TEAM IF: "standby" alone (add) or "standby on|off" (set),
 * "role ROLE", "admin up|down", "weight N".
 */
static int parse_member_words(int argc, char **argv, bool standby_alone,
			      struct lbfo_member_change *c)
{
	bool on;
	int i;

	c->role = -1;
	c->admin_up = -1;
	c->weight = -1;
	for (i = 0; i < argc; i++) {
		const char *key = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		int *dst;

		if (!strcmp(key, "standby") && standby_alone) {
			if (c->role >= 0)
				return usage_error("the role is given twice");
			c->role = LBFO_ROLE_STANDBY;
			continue;
		}
		if (strcmp(key, "standby") && strcmp(key, "role") &&
		    strcmp(key, "admin") && strcmp(key, "weight"))
			return usage_error("unexpected word '%s'", key);
		if (!val)
			return usage_error("'%s' needs a value", key);
		i++;
		if (!strcmp(key, "weight")) {
			if (c->weight >= 0)
				return usage_error("the weight is given twice");
			if (!parse_num(&member_weight, val, &c->weight))
				return EXIT_USAGE;
			continue;
		}
		dst = !strcmp(key, "admin") ? &c->admin_up : &c->role;
		if (*dst >= 0)
			return usage_error("the %s is given twice",
					   dst == &c->role ? "role" : "admin state");
		if (!strcmp(key, "standby")) {
			if (!parse_on_off("standby", val, &on))
				return EXIT_USAGE;
			c->role = on ? LBFO_ROLE_STANDBY : LBFO_ROLE_ACTIVE;
		} else if (!parse_name(!strcmp(key, "admin") ? &names_admin :
				       &names_role, val, dst)) {
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

/* TEAM IF and the words after them of member add or member set, into a. */
static int parse_member_args(int argc, char **argv, const char *cmd,
			     struct op_args *a)
{
	int ret = parse_team_if(argc, argv, cmd, a->team, a->member);

	if (!ret)
		ret = parse_member_words(argc - 2, argv + 2,
					 a->op == OP_MEMBER_ADD, &a->m);
	return ret;
}

int cmd_member_add(int argc, char **argv, const struct opts *o)
{
	struct op_args a;
	int ret;

	args_init(&a, OP_MEMBER_ADD);
	ret = parse_member_args(argc, argv, "member add", &a);
	return ret ? ret : call(&a, o, NULL);
}

int cmd_member_del(int argc, char **argv, const struct opts *o)
{
	struct op_args a;
	int ret;

	args_init(&a, OP_MEMBER_DEL);
	ret = parse_team_if(argc, argv, "member del", a.team, a.member);
	if (!ret && argc > 2)
		ret = usage_error("unexpected word '%s'", argv[2]);
	return ret ? ret : call(&a, o, NULL);
}

int cmd_member_set(int argc, char **argv, const struct opts *o)
{
	struct op_args a;
	int ret;

	args_init(&a, OP_MEMBER_SET);
	ret = parse_member_args(argc, argv, "member set", &a);
	if (!ret && a.m.role < 0 && a.m.admin_up < 0 && a.m.weight < 0)
		ret = usage_error("member set needs standby on|off, role ROLE, admin up|down or weight N");
	return ret ? ret : call(&a, o, NULL);
}
