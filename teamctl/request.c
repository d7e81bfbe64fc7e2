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
