/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The plan of `config apply`: from a desired configuration and the running
 * state, the ordered steps that make the one into the other, and for each
 * step the step that undoes it (for rollback). Pure: no I/O, unit tested.
 *
 * Order: members leave first (members of listed teams that the file does
 * not list, devices the file puts in another team, members of pruned
 * teams, every member of a team whose mode changes: the kernel changes the
 * mode of empty teams only), then pruned teams are deleted, then teams are
 * created and changed, then members join (in file order) and are changed.
 * So a device can move from one team to another in one apply.
 */
#ifndef TEAMCTL_DIFF_H
#define TEAMCTL_DIFF_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>

#include "cfg.h"
#include "kernel.h"

enum step_kind {
	STEP_MEMBER_DEL,
	STEP_TEAM_DEL,
	STEP_TEAM_ADD,
	STEP_TEAM_SET,
	STEP_MEMBER_ADD,
	STEP_MEMBER_SET,
};

/*
 * One change. p and m are the values to set (fields at -1: unchanged, for
 * _SET); old_p and old_m what they were (what the inverse step sets back).
 * Steps made by diff_plan() give every field when they create something
 * (TEAM_ADD, MEMBER_ADD) or delete it (old_* of TEAM_DEL, MEMBER_DEL), so
 * that undoing a deletion restores all of it.
 */
struct step {
	enum step_kind kind;
	char team[IF_NAMESIZE];
	char member[IF_NAMESIZE];	/* MEMBER_* */
	struct team_params p;		/* TEAM_ADD, TEAM_SET */
	struct team_params old_p;	/* TEAM_SET, TEAM_DEL */
	struct lbfo_member_change m;	/* MEMBER_ADD, MEMBER_SET */
	struct lbfo_member_change old_m;	/* MEMBER_SET, MEMBER_DEL */
};

/* Room for step_describe() of any step (16 IPv6 probe targets). */
#define STEP_TEXT_MAX	1024

struct plan {
	struct step *steps;
	size_t n;
};

/*
 * The steps from running state have to configuration want. Teams that are
 * running but not in want are left alone unless prune is set, when they are
 * deleted (their members removed first). Returns 0 or -ENOMEM.
 */
int diff_plan(const struct cfg *want, const struct lbfo_team_list *have,
	      bool prune, struct plan *out);

/* The step that undoes s (s must have been made by diff_plan). */
struct step diff_inverse(const struct step *s);

/* s as the teamctl command that does it: "member add team0 eth1 standby". */
void step_describe(const struct step *s, char *buf, size_t size);

void plan_free(struct plan *p);

#endif /* TEAMCTL_DIFF_H */
