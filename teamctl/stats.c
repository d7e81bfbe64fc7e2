// SPDX-License-Identifier: GPL-2.0
/* teamctl stats [TEAM] */
#include <stdio.h>

#include "print.h"
#include "request.h"
#include "teamctl.h"

int cmd_stats(int argc, char **argv, const struct opts *o)
{
	struct lbfo_team_list l;
	json_t *doc;
	size_t i;
	int ret;

	ret = read_teams(argc, argv, &l);
	if (ret)
		return ret;
	doc = json_array();
	for (i = 0; doc && i < l.n_teams; i++)
		if (json_array_append_new(doc, json_stats(&l.teams[i])))
			break;
	if (!doc || i < l.n_teams || print_doc(stdout, doc, o->json)) {
		pr_err("cannot print the counters");
		ret = EXIT_FAIL;
	}
	json_decref(doc);
	lbfo_team_list_free(&l);
	return ret;
}
