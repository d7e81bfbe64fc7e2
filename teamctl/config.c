// SPDX-License-Identifier: GPL-2.0
/*
 * teamctl config apply|export. This file reads and checks the file (so
 * that its errors name it); the plan, its steps and their rollback are
 * ops.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "diff.h"
#include "print.h"
#include "teamctl.h"

static int load_file(const char *file, struct cfg *c)
{
	json_error_t jerr;
	char msg[256];
	json_t *root;

	if (!strcmp(file, "-"))
		root = json_loadf(stdin, JSON_REJECT_DUPLICATES, &jerr);
	else
		root = json_load_file(file, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		if (jerr.line < 0) {
			pr_err("%s: %s", file, jerr.text);
			return EXIT_FAIL;
		}
		pr_err("%s:%d:%d: %s", file, jerr.line, jerr.column, jerr.text);
		return EXIT_USAGE;
	}
	if (!cfg_from_json(root, c, msg, sizeof(msg))) {
		pr_err("%s: %s", file, msg);
		json_decref(root);
		return EXIT_USAGE;
	}
	json_decref(root);
	return EXIT_OK;
}

int cmd_config_apply(int argc, char **argv, const struct opts *o)
{
	const char *file = NULL;
	struct op_args a;
	json_t *doc;
	int i, ret;

	args_init(&a, OP_CONFIG_APPLY);
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--prune"))
			a.prune = true;
		else if (!strcmp(argv[i], "--dry-run") || !strcmp(argv[i], "-n"))
			a.dry_run = true;
		else if (!file && (argv[i][0] != '-' || !strcmp(argv[i], "-")))
			file = argv[i];
		else
			return usage_error("unexpected word '%s'", argv[i]);
	}
	if (!file)
		return usage_error("config apply needs a FILE (- for stdin)");
	ret = load_file(file, &a.cfg);
	if (!ret)
		ret = call(&a, o, &doc);
	args_free(&a);
	if (ret)
		return ret;
	if (!json_array_size(doc) && !o->json)
		printf("nothing to change\n");
	else
		ret = print_result(doc, o);
	json_decref(doc);
	return ret;
}

int cmd_config_export(int argc, char **argv, const struct opts *o)
{
	struct op_args a;
	json_t *doc;
	int ret;

	ret = parse_read(argc, argv, OP_CONFIG_EXPORT, &a);
	if (!ret)
		ret = call(&a, o, &doc);
	if (ret)
		return ret;
	ret = EXIT_OK;
	if (!doc || print_pretty(stdout, doc)) {
		pr_err("cannot write the configuration");
		ret = EXIT_FAIL;
	}
	json_decref(doc);
	return ret;
}
