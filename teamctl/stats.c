// SPDX-License-Identifier: GPL-2.0
/* teamctl stats [TEAM] */
#include <stdio.h>

#include "parse.h"
#include "print.h"
#include "teamctl.h"

int cmd_stats(int argc, char **argv, const struct opts *o)
{
	struct lbfo_team_list l = { 0 };
	struct lbfo_team_info one;
	struct kernel_err err;
	char name[IF_NAMESIZE];
	struct kernel *k;
	json_t *doc;
	size_t i;
	int ret, failed;

	if (argc > 1)
		return usage_error("unexpected word '%s'", argv[1]);
	if (argc == 1 && !parse_ifname(argv[0], name))
		return EXIT_USAGE;
	ret = open_kernel(&k);
	if (ret)
		return ret;
	if (argc == 1) {
		failed = kernel_team_get(k, name, &one, &err);
		if (!failed) {
			l.teams = &one;
			l.n_teams = 1;
		}
	} else {
		failed = kernel_team_list(k, &l, &err);
	}
	kernel_close(k);
	if (failed) {
		pr_err("%s", err.msg);
		return EXIT_FAIL;
	}
	doc = json_array();
	for (i = 0; doc && i < l.n_teams; i++)
		if (json_array_append_new(doc, json_stats(&l.teams[i])))
			break;
	if (!doc || i < l.n_teams || print_doc(stdout, doc, o->json)) {
		pr_err("cannot print the counters");
		ret = EXIT_FAIL;
	}
	json_decref(doc);
	if (argc == 1)
		lbfo_team_info_free(&one);
	else
		lbfo_team_list_free(&l);
	return ret;
}
