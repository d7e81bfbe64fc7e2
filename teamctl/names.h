/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user-facing names of the uapi enums (include/uapi/linux/lbfo.h), one
 * name per value, used alike by the command line, the JSON output, the
 * config file and monitor.
 */
#ifndef TEAMCTL_NAMES_H
#define TEAMCTL_NAMES_H

#include <stddef.h>

struct name_table {
	const char *what;		/* "mode", "lb", ...: for messages */
	const char *const *names;	/* indexed by the enum value */
	size_t n;
};

extern const struct name_table names_mode;	/* enum lbfo_mode */
extern const struct name_table names_lb;	/* enum lbfo_lb */
extern const struct name_table names_hash;	/* LBFO_HASH_*, by bit number */
extern const struct name_table names_role;	/* enum lbfo_member_role */
extern const struct name_table names_state;	/* enum lbfo_member_state */
extern const struct name_table names_reason;	/* enum lbfo_reason */
extern const struct name_table names_admin;	/* 0 "down", 1 "up" */
extern const struct name_table names_event;	/* enum lbfo_cmd, events only */
extern const struct name_table names_lacp_rate;	/* enum lbfo_lacp_rate */
extern const struct name_table names_lacp_mode;	/* 0 "passive", 1 "active" */
extern const struct name_table names_lacp_control; /* 0 "coupled", 1 ... */
extern const struct name_table names_lacp_state; /* lbfo_lacp_team_state */
extern const struct name_table names_lacp_rx;	/* enum lbfo_lacp_rx */
extern const struct name_table names_lacp_mux;	/* enum lbfo_lacp_mux */
extern const struct name_table names_lacp_why;	/* enum lbfo_lacp_why */
extern const struct name_table names_lacp_bits;	/* LBFO_LACP_STATE_*, by bit */

/*
 * The defaults the uapi documents for a new team or member (for the numbers,
 * see params.h).
 */
#define DEFAULT_MODE	LBFO_MODE_SWITCH_INDEPENDENT
#define DEFAULT_LB	LBFO_LB_DYNAMIC
#define DEFAULT_HASH	LBFO_HASH_PORTS
#define DEFAULT_ROLE	LBFO_ROLE_ACTIVE
#define DEFAULT_ADMIN	1

/* The name of value v, or "unknown" for a value this teamctl does not know. */
const char *name_of(const struct name_table *t, int v);

/* The value named s, or -1. */
int name_find(const struct name_table *t, const char *s);

/* "a, b or c" into buf, for messages. */
void name_list(const struct name_table *t, char *buf, size_t size);

#endif /* TEAMCTL_NAMES_H */
