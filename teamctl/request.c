// SPDX-License-Identifier: GPL-2.0
/* Whole round trips to the kernel that subcommands share (see request.h). */
#include <string.h>

#include "parse.h"
#include "print.h"
#include "request.h"
#include "teamctl.h"

int read_teams(int argc, char **argv, struct lbfo_team_list *out)
{
	struct kernel_err err;
	char name[IF_NAMESIZE];
	struct kernel *k;
	int ret;

	memset(out, 0, sizeof(*out));
	if (argc > 1)
		return usage_error("unexpected word '%s'", argv[1]);
	if (argc == 1 && !parse_ifname(argv[0], name))
		return EXIT_USAGE;
	ret = open_kernel(&k);
	if (ret)
		return ret;
	if (argc == 1)
		ret = kernel_team_get(k, name, out, &err);
	else
		ret = kernel_team_list(k, out, &err);
	kernel_close(k);
	if (ret) {
		pr_err("%s", err.msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int run_step(struct kernel *k, const struct step *s, struct kernel_err *err)
{
	switch (s->kind) {
	case STEP_MEMBER_DEL:
		return kernel_member_del(k, s->team, s->member, err);
	case STEP_TEAM_DEL:
		return kernel_team_del(k, s->team, err);
	case STEP_TEAM_ADD:
		return kernel_team_add(k, s->team, &s->p, err);
	case STEP_TEAM_SET:
		return kernel_team_set(k, s->team, &s->p, err);
	case STEP_MEMBER_ADD:
		return kernel_member_add(k, s->team, s->member, &s->m, err);
	case STEP_MEMBER_SET:
		return kernel_member_set(k, s->team, s->member, &s->m, err);
	}
	return -1;
}

int do_step(const struct step *s)
{
	struct kernel_err err;
	struct kernel *k;
	int ret;

	ret = open_kernel(&k);
	if (ret)
		return ret;
	if (run_step(k, s, &err)) {
		pr_err("%s", err.msg);
		ret = EXIT_FAIL;
	}
	kernel_close(k);
	return ret;
}
