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

/* The number of c that the word key names, with its param *d; or NULL. */
static long long *member_num(struct lbfo_member_change *c, const char *key,
			     const struct num_param **d)
{
	const struct { const struct num_param *d; long long *v; } nums[] = {
		{ &member_weight, &c->weight },
		{ &member_lacp_prio, &c->lacp_prio },
		{ &member_lacp_key, &c->lacp_key },
	};
	size_t i;

	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		if (!strcmp(key, nums[i].d->word)) {
			*d = nums[i].d;
			return nums[i].v;
		}
	}
	return NULL;
}

/*
 * The words after TEAM IF: "standby" alone (add) or "standby on|off" (set),
 * "role ROLE", "admin up|down", "weight N", "lacp-prio N", "lacp-key N".
 */
static int parse_member_words(int argc, char **argv, bool standby_alone,
			      struct lbfo_member_change *c)
{
	const struct num_param *d;
	long long *num;
	bool on;
	int i;

	*c = MEMBER_CHANGE_NONE;
	for (i = 0; i < argc; i++) {
		const char *key = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		int *dst;

		if (!strcmp(key, "standby") && standby_alone) {
			if (c->role >= 0)
				return usage_error("the role is given twice");
			c->role = LBFO_ROLE_STANDBY;
			continue;
		}
		num = member_num(c, key, &d);
		if (!num && strcmp(key, "standby") && strcmp(key, "role") &&
		    strcmp(key, "admin"))
			return usage_error("unexpected word '%s'", key);
		if (!val)
			return usage_error("'%s' needs a value", key);
		i++;
		if (num) {
			if (*num >= 0)
				return usage_error("the %s is given twice",
						   d->word);
			if (!parse_num(d, val, num))
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
	if (!ret && !member_change_any(&a.m))
		ret = usage_error("member set needs standby on|off, role ROLE, admin up|down, weight N, lacp-prio N or lacp-key N");
	return ret ? ret : call(&a, o, NULL);
}
