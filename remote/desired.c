// SPDX-License-Identifier: GPL-2.0
/* The desired state in memory (see desired.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desired.h"
#include "ops.h"
#include "state.h"

int desired_load(struct desired *d, const char *path, char *msg,
		 size_t size)
{
	struct cfg c;
	int ret;

	d->path = strdup(path);
	d->doc = json_pack("{s:[]}", "teams");
	if (!d->path || !d->doc) {
		snprintf(msg, size, "out of memory");
		return -1;
	}
	ret = state_load(path, &c, msg, size);
	if (ret <= 0)
		return ret;
	json_decref(d->doc);
	d->doc = cfg_to_json(&c);
	cfg_free(&c);
	if (!d->doc) {
		snprintf(msg, size, "out of memory");
		return -1;
	}
	return 0;
}

void desired_free(struct desired *d)
{
	free(d->path);
	json_decref(d->doc);
	d->path = NULL;
	d->doc = NULL;
}

/* The index of team name in teams, or -1. */
static int find_team(const json_t *teams, const char *name)
{
	const json_t *t;
	size_t i;

	json_array_foreach(teams, i, t)
		if (!strcmp(json_string_value(json_object_get(t, "name")),
			    name))
			return (int)i;
	return -1;
}

/* Add name to the list of touched teams (a JSON array of strings). */
static void touch(json_t *touched, const char *name)
{
	const json_t *e;
	size_t i;

	if (!name[0])
		return;
	json_array_foreach(touched, i, e)
		if (!strcmp(json_string_value(e), name))
			return;
	json_array_append_new(touched, json_string(name));
}

/* Every team's running configuration, or NULL (msg). */
static json_t *running(char *msg, size_t size)
{
	struct op_result r;
	struct op_args a;
	json_t *doc;

	args_init(&a, OP_CONFIG_EXPORT);
	if (!op_result_init(&r)) {
		snprintf(msg, size, "out of memory");
		return NULL;
	}
	ops_run(&a, &r);
	doc = r.status ? NULL : json_incref(r.result);
	if (!doc)
		snprintf(msg, size, "reading the teams back: %s",
			 json_array_size(r.messages) ?
			 json_string_value(json_array_get(r.messages, 0)) :
			 "no answer");
	op_result_free(&r);
	return doc;
}

int desired_update(struct desired *d, const struct op_args *a, char *msg,
		   size_t size)
{
	json_t *touched = json_array(), *now, *teams, *e;
	json_t *have = json_object_get(d->doc, "teams");
	const char *name;
	int at, run;
	size_t i;

	if (!touched) {
		snprintf(msg, size, "out of memory");
		return -1;
	}
	touch(touched, a->team);
	if (a->op == OP_CONFIG_APPLY) {
		for (i = 0; i < a->cfg.n_teams; i++)
			touch(touched, a->cfg.teams[i].name);
		json_array_foreach(have, i, e)
			touch(touched,
			      json_string_value(json_object_get(e, "name")));
	}
	now = running(msg, size);
	if (!now) {
		json_decref(touched);
		return -1;
	}
	teams = json_object_get(now, "teams");
	json_array_foreach(touched, i, e) {
		name = json_string_value(e);
		at = find_team(have, name);
		run = find_team(teams, name);
		if (run >= 0 && at >= 0)
			json_array_set(have, at, json_array_get(teams, run));
		else if (run >= 0)
			json_array_append(have, json_array_get(teams, run));
		else if (at >= 0 && (a->op == OP_TEAM_DEL ||
				     (a->op == OP_CONFIG_APPLY && a->prune)))
			json_array_remove(have, at);
		/* else: not running, and not removed on purpose: kept */
	}
	json_decref(touched);
	json_decref(now);
	return state_save(d->path, d->doc, msg, size);
}

int desired_apply(const struct desired *d,
		  void (*log)(const char *fmt, ...))
{
	const json_t *teams = json_object_get(d->doc, "teams"), *t;
	struct op_result r;
	struct op_args a;
	char msg[256];
	json_t *one;
	size_t i, j;
	int failed = 0;

	json_array_foreach(teams, i, t) {
		const char *name = json_string_value(json_object_get(t, "name"));

		one = json_pack("{s:[O]}", "teams", t);
		args_init(&a, OP_CONFIG_APPLY);
		if (!one || !cfg_from_json(one, &a.cfg, msg, sizeof(msg)) ||
		    !op_result_init(&r)) {
			log("restoring %s: %s", name, one ? msg : "out of memory");
			json_decref(one);
			args_free(&a);
			failed++;
			continue;
		}
		json_decref(one);
		ops_run(&a, &r);
		if (r.status) {
			failed++;
			for (j = 0; j < json_array_size(r.messages); j++)
				log("restoring %s: %s", name,
				    json_string_value(json_array_get(r.messages,
								     j)));
		} else {
			log("restored %s (%zu change%s)", name,
			    json_array_size(r.result),
			    json_array_size(r.result) == 1 ? "" : "s");
		}
		op_result_free(&r);
		args_free(&a);
	}
	return failed;
}
