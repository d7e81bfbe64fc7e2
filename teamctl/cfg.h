/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The declarative configuration that `config apply` reads and `config
 * export` writes, and its JSON form (see teamctl(8), CONFIGURATION FILE):
 *
 *   {"teams": [{"name": "team0", "mode": "static", "lb": "address-hash",
 *               "hash": ["ip", "ports"], "flowlet_gap_us": 500, ...,
 *               "probe_targets": ["192.0.2.1"], ...,
 *               "members": [{"name": "eth0", "role": "active",
 *                            "admin": "up", "weight": 0}, ...]}, ...]}
 *
 * The team parameters are those of params.h, under the same keys as in
 * team show. Omitted fields mean the uapi defaults (switch-independent,
 * dynamic, hash ports..., role active, admin up, weight 0, lacp_prio 255,
 * lacp_key 1), so a file describes the whole state of the teams it lists.
 * Read-only values (state, buckets, primary, lacp_state, lacp...) are not
 * part of it. Written out, a team that is not in mode lacp leaves out
 * min_links and the LACP settings (its own and its members') where they
 * have their defaults (lacp_shown()). Pure: no I/O, unit tested.
 */
#ifndef TEAMCTL_CFG_H
#define TEAMCTL_CFG_H

#include <jansson.h>
#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>

#include "kernel.h"

struct cfg_member {
	char name[IF_NAMESIZE];
	int role;		/* enum lbfo_member_role */
	int admin_up;		/* 1 or 0 */
	long long weight;	/* 0: from the link speed */
	long long lacp_prio;	/* LACP port priority */
	long long lacp_key;	/* LACP key */
};

struct cfg_team {
	char name[IF_NAMESIZE];
	struct team_params p;	/* every field set */
	struct cfg_member *members;	/* in join order */
	size_t n_members;
};

struct cfg {
	struct cfg_team *teams;
	size_t n_teams;
};

/*
 * Read a configuration from its JSON form. On error returns false and puts
 * a message naming the place ("teams[0].members[1].role: invalid role
 * 'x': expected active or standby") in msg.
 */
bool cfg_from_json(const json_t *root, struct cfg *out, char *msg,
		   size_t size);

/* m's settings at -1 (not given), or at the uapi defaults; not its name. */
void cfg_member_unset(struct cfg_member *m);
void cfg_member_default(struct cfg_member *m);

/* m's settings as a change (those at -1 are not changed). */
struct lbfo_member_change cfg_member_change(const struct cfg_member *m);

/*
 * A member object of the config file ({"name", "role", "admin", "weight",
 * "lacp_prio", "lacp_key"})
 * at where ("teams[0].members[1]"): keys that are absent leave *m as it is
 * (the caller sets the defaults first). false: msg says what is wrong.
 */
bool cfg_member_from_json(const json_t *o, const char *where,
			  struct cfg_member *m, char *msg, size_t size);

/* The same fields of an object that may hold other keys too. */
bool cfg_member_fields(const json_t *o, const char *where,
		       struct cfg_member *m, char *msg, size_t size);

/* The configuration of running teams (all of l, or only the one named). */
int cfg_from_state(const struct lbfo_team_list *l, const char *only,
		   struct cfg *out);

/* The JSON form of c, every field written out. NULL: out of memory. */
json_t *cfg_to_json(const struct cfg *c);

void cfg_free(struct cfg *c);

#endif /* TEAMCTL_CFG_H */
