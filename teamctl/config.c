// SPDX-License-Identifier: GPL-2.0
/*
 * teamctl config apply|export. The plan is computed by diff.c; this file
 * reads the file and the running state, runs the steps and, when one
 * fails, runs the inverse of every step done, newest first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "diff.h"
#include "print.h"
#include "request.h"
#include "teamctl.h"

/* Undo steps [0, done) newest first. EXIT_OK if all were undone. */
static int roll_back(struct kernel *k, const struct plan *p, size_t done)
{
	struct kernel_err err;
	char what[STEP_TEXT_MAX];
	int ret = EXIT_OK;
	struct step inv;

	while (done--) {
		inv = diff_inverse(&p->steps[done]);
		step_describe(&inv, what, sizeof(what));
		if (run_step(k, &inv, &err)) {
			pr_err("rollback step '%s' failed: %s", what, err.msg);
			ret = EXIT_FAIL;
		} else {
			pr_err("rolled back: %s", what);
		}
	}
	return ret;
}

/* The plan as an array of step descriptions, for the one print path. */
static json_t *plan_json(const struct plan *p)
{
	json_t *a = json_array();
	char what[STEP_TEXT_MAX];
	size_t i;

	for (i = 0; a && i < p->n; i++) {
		step_describe(&p->steps[i], what, sizeof(what));
		if (json_array_append_new(a, json_string(what))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

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

static int execute(struct kernel *k, const struct plan *p)
{
	struct kernel_err err;
	char what[STEP_TEXT_MAX];
	size_t i;

	for (i = 0; i < p->n; i++) {
		step_describe(&p->steps[i], what, sizeof(what));
		if (run_step(k, &p->steps[i], &err)) {
			pr_err("step %zu of %zu failed (%s): %s", i + 1, p->n,
			       what, err.msg);
			if (roll_back(k, p, i) == EXIT_OK)
				pr_err("nothing was changed: %zu step%s rolled back",
				       i, i == 1 ? "" : "s");
			else
				pr_err("rollback incomplete: see above");
			return EXIT_FAIL;
		}
	}
	return EXIT_OK;
}

int cmd_config_apply(int argc, char **argv, const struct opts *o)
{
	bool prune = false, dry_run = false;
	struct lbfo_team_list have;
	const char *file = NULL;
	struct kernel_err err;
	struct plan p = { 0 };
	struct cfg want;
	struct kernel *k;
	json_t *doc;
	int i, ret;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--prune"))
			prune = true;
		else if (!strcmp(argv[i], "--dry-run") || !strcmp(argv[i], "-n"))
			dry_run = true;
		else if (!file && (argv[i][0] != '-' || !strcmp(argv[i], "-")))
			file = argv[i];
		else
			return usage_error("unexpected word '%s'", argv[i]);
	}
	if (!file)
		return usage_error("config apply needs a FILE (- for stdin)");
	ret = load_file(file, &want);
	if (ret)
		return ret;
	ret = open_kernel(&k);
	if (ret) {
		cfg_free(&want);
		return ret;
	}
	if (kernel_team_list(k, &have, &err)) {
		pr_err("%s", err.msg);
		ret = EXIT_FAIL;
		goto out;
	}
	if (diff_plan(&want, &have, prune, &p)) {
		pr_err("out of memory");
		ret = EXIT_FAIL;
		goto out_have;
	}
	if (!p.n && !o->json) {
		printf("nothing to change\n");
		goto out_plan;
	}
	if (!dry_run)
		ret = execute(k, &p);
	if (!ret) {
		/* What was done (or would be, --dry-run), one line per step. */
		doc = plan_json(&p);
		if (!doc || print_doc(stdout, doc, o->json))
			ret = EXIT_FAIL;
		json_decref(doc);
	}
out_plan:
	plan_free(&p);
out_have:
	lbfo_team_list_free(&have);
out:
	kernel_close(k);
	cfg_free(&want);
	return ret;
}

int cmd_config_export(int argc, char **argv, const struct opts *o)
{
	struct lbfo_team_list l;
	struct cfg c;
	json_t *doc;
	int ret;

	(void)o;
	ret = read_teams(argc, argv, &l);
	if (ret)
		return ret;
	ret = EXIT_FAIL;
	if (!cfg_from_state(&l, NULL, &c)) {
		doc = cfg_to_json(&c);
		if (doc && !print_pretty(stdout, doc))
			ret = EXIT_OK;
		else
			pr_err("cannot write the configuration");
		json_decref(doc);
		cfg_free(&c);
	}
	lbfo_team_list_free(&l);
	return ret;
}
