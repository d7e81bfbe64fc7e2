// SPDX-License-Identifier: GPL-2.0
/* teamctl stats [TEAM] */
#include "teamctl.h"

int cmd_stats(int argc, char **argv, const struct opts *o)
{
	struct op_args a;
	json_t *doc;
	int ret;

	ret = parse_read(argc, argv, OP_STATS, &a);
	if (!ret)
		ret = call(&a, o, &doc);
	if (ret)
		return ret;
	ret = print_result(doc, o);
	json_decref(doc);
	return ret;
}
