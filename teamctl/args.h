/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The operations of teamctl, as data: their names, the least role that may
 * call each, and their arguments in JSON (the "args" of a teamctld request,
 * remote/PROTOCOL.md) and as a C structure. teamctl parses its words into
 * a struct op_args, encodes it, and the JSON is decoded again by whoever
 * runs the operation (ops.c, in teamctl itself or in teamctld), so local
 * and remote calls take one path. Pure: no I/O, unit tested and fuzzed.
 *
 * The args of each op (keys and values as in the config file, cfg.h):
 *   team.show, stats, config.export   {"team": NAME}      (optional)
 *   monitor                           {}
 *   team.add     {"name": NAME, PARAM: VALUE..., "members": [MEMBER...]}
 *                a MEMBER is {"name": IF, "role", "admin", "weight",
 *                "lacp_prio", "lacp_key"} (all but name optional); absent
 *                params: kernel defaults
 *   team.set     {"name": NAME, PARAM: VALUE...}      (at least one)
 *   team.del     {"name": NAME}
 *   member.add   {"team": NAME, "name": IF, "role", "admin", "weight",
 *                "lacp_prio", "lacp_key"}
 *   member.set   the same (at least one of the five)
 *   member.del   {"team": NAME, "name": IF}
 *   config.apply {"config": {"teams": [...]}, "prune": BOOL, "dry_run": BOOL}
 */
#ifndef TEAMCTL_ARGS_H
#define TEAMCTL_ARGS_H

#include <jansson.h>
#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>

#include "cfg.h"
#include "kernel.h"

/* Who may do what; each role may do what the ones below it may. */
enum role {
	ROLE_NONE,		/* nothing: default deny */
	ROLE_READER,		/* show, stats, export, monitor */
	ROLE_OPERATOR,		/* + a member's role (standby) and admin state */
	ROLE_ADMIN,		/* everything */
	N_ROLES,
};

/* "none", "reader", "operator", "admin". */
const char *role_name(enum role r);

/* The role named s, or -1. */
int role_find(const char *s);

enum op_id {
	OP_TEAM_SHOW,
	OP_STATS,
	OP_CONFIG_EXPORT,
	OP_MONITOR,
	OP_TEAM_ADD,
	OP_TEAM_DEL,
	OP_TEAM_SET,
	OP_MEMBER_ADD,
	OP_MEMBER_DEL,
	OP_MEMBER_SET,
	OP_CONFIG_APPLY,
	N_OPS,
};

struct op_info {
	const char *name;	/* "team.show" */
	enum role role;		/* the least role that may call it */
	bool changes;		/* audited, and the desired state saved */
};

/* Indexed by enum op_id. */
extern const struct op_info op_info[N_OPS];

/* The op named s, or -1. */
int op_find(const char *s);

/*
 * Decoded arguments. Fields an op does not use stay zero; in team.set and
 * member.set fields at -1 are not changed (kernel.h).
 */
struct op_args {
	enum op_id op;
	char team[IF_NAMESIZE];		/* "" for a read of every team */
	char member[IF_NAMESIZE];	/* member.* */
	struct team_params p;		/* team.add (-1: default), team.set */
	struct lbfo_member_change m;	/* member.add, member.set */
	struct cfg_member *members;	/* team.add, in order */
	size_t n_members;
	struct cfg cfg;			/* config.apply */
	bool prune, dry_run;		/* config.apply */
};

/* An op_args for op with nothing set (params and member change at -1). */
void args_init(struct op_args *a, enum op_id op);
void args_free(struct op_args *a);

/*
 * Read the args of op (a JSON object). false: msg says what is wrong,
 * naming the key ("args.members[1].role: invalid role 'x': expected
 * active or standby"), and *out holds nothing to free.
 */
bool args_decode(enum op_id op, const json_t *args, struct op_args *out,
		 char *msg, size_t size);

/* a as JSON args (what args_decode reads back to a). NULL: no memory. */
json_t *args_encode(const struct op_args *a);

/*
 * The least role that may make this call: op_info's, but a member.set that
 * changes a weight, LACP priority or key needs ROLE_ADMIN (operators switch
 * members, they do not rebalance or regroup them).
 */
enum role args_role(const struct op_args *a);

#endif /* TEAMCTL_ARGS_H */
