// SPDX-License-Identifier: GPL-2.0
/*
 * The operations on the kernel (see ops.h). Each opens the kernel, does
 * its whole job and closes it again, so a caller that lives long (the
 * daemon) holds nothing that a module reload could leave stale.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "diff.h"
#include "ops.h"
#include "print.h"

bool op_result_init(struct op_result *r)
{
	r->status = EXIT_OK;
	r->result = NULL;
	r->messages = json_array();
	return r->messages;
}

void op_result_free(struct op_result *r)
{
	json_decref(r->result);
	json_decref(r->messages);
	r->result = NULL;
	r->messages = NULL;
}

static void vmsg(struct op_result *r, const char *fmt, va_list ap)
{
	char buf[1024];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	json_array_append_new(r->messages, json_string(buf));
}

void op_msg(struct op_result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(r, fmt, ap);
	va_end(ap);
}

void op_fail(struct op_result *r, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(r, fmt, ap);
	va_end(ap);
	r->status = status;
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

/* The kernel, or NULL with the reason in r. */
static struct kernel *open_kernel(struct op_result *r)
{
	struct kernel_err err;
	struct kernel *k;

	if (kernel_open(&k, &err)) {
		op_fail(r, EXIT_FAIL, "%s", err.msg);
		return NULL;
	}
	return k;
}

/* The team a read names, or every team, into *l. */
static bool read_teams(struct kernel *k, const char *team,
		       struct lbfo_team_list *l, struct op_result *r)
{
	struct kernel_err err;
	int ret;

	if (team[0])
		ret = kernel_team_get(k, team, l, &err);
	else
		ret = kernel_team_list(k, l, &err);
	if (ret)
		op_fail(r, EXIT_FAIL, "%s", err.msg);
	return !ret;
}

static json_t *stats_doc(const struct lbfo_team_list *l)
{
	json_t *doc = json_array();
	size_t i;

	for (i = 0; doc && i < l->n_teams; i++) {
		if (json_array_append_new(doc, json_stats(&l->teams[i]))) {
			json_decref(doc);
			return NULL;
		}
	}
	return doc;
}

static json_t *export_doc(const struct lbfo_team_list *l)
{
	json_t *doc = NULL;
	struct cfg c;

	if (!cfg_from_state(l, NULL, &c)) {
		doc = cfg_to_json(&c);
		cfg_free(&c);
	}
	return doc;
}

static void op_read(struct kernel *k, const struct op_args *a,
		    struct op_result *r)
{
	struct lbfo_team_list l;

	if (!read_teams(k, a->team, &l, r))
		return;
	if (a->op == OP_TEAM_SHOW)
		r->result = json_teams(&l);
	else if (a->op == OP_STATS)
		r->result = stats_doc(&l);
	else
		r->result = export_doc(&l);
	if (!r->result)
		op_fail(r, EXIT_FAIL, "out of memory");
	lbfo_team_list_free(&l);
}

/* team.add: the team, then its members; all or nothing. */
static void op_team_add(struct kernel *k, const struct op_args *a,
			struct op_result *r)
{
	struct lbfo_member_change c;
	struct kernel_err err;
	size_t i;

	if (kernel_team_add(k, a->team, &a->p, &err)) {
		op_fail(r, EXIT_FAIL, "%s", err.msg);
		return;
	}
	for (i = 0; i < a->n_members; i++) {
		c = cfg_member_change(&a->members[i]);
		if (kernel_member_add(k, a->team, a->members[i].name, &c,
				      &err)) {
			op_fail(r, EXIT_FAIL, "%s", err.msg);
			break;
		}
	}
	if (i == a->n_members)
		return;
	/* Deleting the team releases those who joined. */
	if (kernel_team_del(k, a->team, &err))
		op_msg(r, "and %s could not be deleted again: %s", a->team,
		       err.msg);
	else
		op_msg(r, "%s was not created", a->team);
}

/* The change of a team.del/set or member.* as a step. */
static void op_step(struct kernel *k, const struct op_args *a,
		    struct op_result *r)
{
	struct kernel_err err;
	struct step s = { 0 };

	snprintf(s.team, sizeof(s.team), "%s", a->team);
	snprintf(s.member, sizeof(s.member), "%s", a->member);
	s.p = a->p;
	s.m = a->m;
	switch (a->op) {
	case OP_TEAM_DEL:
		s.kind = STEP_TEAM_DEL;
		break;
	case OP_TEAM_SET:
		s.kind = STEP_TEAM_SET;
		break;
	case OP_MEMBER_ADD:
		s.kind = STEP_MEMBER_ADD;
		break;
	case OP_MEMBER_DEL:
		s.kind = STEP_MEMBER_DEL;
		break;
	default:
		s.kind = STEP_MEMBER_SET;
	}
	if (run_step(k, &s, &err))
		op_fail(r, EXIT_FAIL, "%s", err.msg);
}

/* Undo steps [0, done) newest first. true if all were undone. */
static bool roll_back(struct kernel *k, const struct plan *p, size_t done,
		      struct op_result *r)
{
	char what[STEP_TEXT_MAX];
	struct kernel_err err;
	struct step inv;
	bool ok = true;

	while (done--) {
		inv = diff_inverse(&p->steps[done]);
		step_describe(&inv, what, sizeof(what));
		if (run_step(k, &inv, &err)) {
			op_msg(r, "rollback step '%s' failed: %s", what,
			       err.msg);
			ok = false;
		} else {
			op_msg(r, "rolled back: %s", what);
		}
	}
	return ok;
}

/* The plan as an array of step descriptions. */
static json_t *plan_json(const struct plan *p)
{
	char what[STEP_TEXT_MAX];
	json_t *a = json_array();
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

static void execute(struct kernel *k, const struct plan *p,
		    struct op_result *r)
{
	char what[STEP_TEXT_MAX];
	struct kernel_err err;
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (!run_step(k, &p->steps[i], &err))
			continue;
		step_describe(&p->steps[i], what, sizeof(what));
		op_fail(r, EXIT_FAIL, "step %zu of %zu failed (%s): %s", i + 1,
			p->n, what, err.msg);
		if (roll_back(k, p, i, r))
			op_msg(r, "nothing was changed: %zu step%s rolled back",
			       i, i == 1 ? "" : "s");
		else
			op_msg(r, "rollback incomplete: see above");
		return;
	}
}

static void op_apply(struct kernel *k, const struct op_args *a,
		     struct op_result *r)
{
	struct lbfo_team_list have;
	struct plan p = { 0 };

	if (!read_teams(k, "", &have, r))
		return;
	if (diff_plan(&a->cfg, &have, a->prune, &p)) {
		op_fail(r, EXIT_FAIL, "out of memory");
		goto out;
	}
	if (!a->dry_run)
		execute(k, &p, r);
	if (!r->status) {
		r->result = plan_json(&p);
		if (!r->result)
			op_fail(r, EXIT_FAIL, "out of memory");
	}
	plan_free(&p);
out:
	lbfo_team_list_free(&have);
}

void ops_run(const struct op_args *a, struct op_result *r)
{
	struct kernel *k = open_kernel(r);

	if (!k)
		return;
	switch (a->op) {
	case OP_TEAM_SHOW:
	case OP_STATS:
	case OP_CONFIG_EXPORT:
		op_read(k, a, r);
		break;
	case OP_TEAM_ADD:
		op_team_add(k, a, r);
		break;
	case OP_TEAM_DEL:
	case OP_TEAM_SET:
	case OP_MEMBER_ADD:
	case OP_MEMBER_DEL:
	case OP_MEMBER_SET:
		op_step(k, a, r);
		break;
	case OP_CONFIG_APPLY:
		op_apply(k, a, r);
		break;
	default:
		op_fail(r, EXIT_USAGE, "%s cannot be run here",
			op_info[a->op].name);
	}
	kernel_close(k);
}
