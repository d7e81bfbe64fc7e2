/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A team's parameters (struct team_params of kernel.h) for people: the
 * command line word, JSON key, unit, range and default of each number (all
 * from the uapi header), hash fields and probe targets as text, and the JSON
 * form that team show, team events and the config file share, so that all
 * three spell and check them alike. Pure: no I/O, unit tested.
 */
#ifndef TEAMCTL_PARAMS_H
#define TEAMCTL_PARAMS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "kernel.h"

/* A number: its names, unit and range. */
struct num_param {
	const char *word;	/* on the command line: "flowlet-gap" */
	const char *arg;	/* its value in usage texts: "USEC" */
	const char *key;	/* in JSON and the config file: "flowlet_gap_us" */
	const char *unit;	/* for messages: "microseconds", or NULL */
	long long min, max;
	bool zero_off;		/* 0 (off) is valid too, below min */
	long long def;		/* what a new team (member) gets */
};

/* Indexed by enum team_num. */
extern const struct num_param team_nums[N_NUMS];

/*
 * A setting that takes one of a few values: on the command line and in
 * JSON by name, or, without names, "on"/"off" on the command line and
 * true/false in JSON.
 */
struct opt_param {
	const char *word;	/* on the command line: "lacp-rate" */
	const char *key;	/* in JSON and the config file: "lacp_rate" */
	const struct name_table *names;	/* by value; NULL: 0 off, 1 on */
	int def;		/* what a new team gets */
};

/* Indexed by enum team_opt. */
extern const struct opt_param team_opts[N_OPTS];

/* A member's weight (0: its link speed), LACP port priority and key. */
extern const struct num_param member_weight;
extern const struct num_param member_lacp_prio;
extern const struct num_param member_lacp_key;

/* Room for addr_text() ("ffff:...:255.255.255.255"). */
#define ADDR_TEXT_MAX	48

/* Room for mac_text() ("aa:bb:cc:dd:ee:ff"). */
#define MAC_TEXT_MAX	18

/* Every field -1: a change that changes nothing. */
void team_params_unset(struct team_params *p);

/* The parameters of a new team, as the uapi documents them. */
void team_params_default(struct team_params *p);

/* Any field set (not -1)? */
bool team_params_any(const struct team_params *p);
bool member_change_any(const struct lbfo_member_change *c);

/* d's range for people: "50 to 1000000 (microseconds)". */
void num_range(const struct num_param *d, char *buf, size_t size);

/*
 * Is v in d's range? If not, "expected 50 to 1000000 (microseconds)" goes
 * to msg.
 */
bool num_check(const struct num_param *d, long long v, char *msg,
	       size_t size);

/* The LBFO_HASH_* bit named s ("mac", "ip", "ports", "inner"), or 0. */
unsigned int hash_bit(const char *s);

/* "mac,ip" for a mask, "none" for 0. */
void hash_text(long long mask, char *buf, size_t size);

/*
 * The names in t (indexed by bit number) of the bits set in mask, in bit
 * order, as a JSON array: ["mac", "ip"]. NULL: out of memory.
 */
json_t *bits_json(const struct name_table *t, long long mask);

/*
 * A probe target: an IPv4 or IPv6 unicast address. Returns NULL, or why s
 * is not one ("not an IPv4 or IPv6 address", ...); *out is untouched then.
 */
const char *addr_parse(const char *s, struct lbfo_addr *out);

/* The usual text form of a (at least ADDR_TEXT_MAX bytes). */
void addr_text(const struct lbfo_addr *a, char *buf, size_t size);

bool addr_equal(const struct lbfo_addr *a, const struct lbfo_addr *b);

/* A MAC address (a 48-bit number) as "aa:bb:cc:dd:ee:ff". */
void mac_text(long long mac, char *buf, size_t size);

/*
 * lacp-system: "auto" (0: the team's own MAC address) or a unicast MAC
 * address "aa:bb:cc:dd:ee:ff" (not all zero). Returns NULL, or why s is
 * not one ("not a unicast MAC address", ...); *out is untouched then.
 */
const char *lacp_system_parse(const char *s, long long *out);

/* "auto" for 0, else the address (at least MAC_TEXT_MAX bytes). */
void lacp_system_text(long long v, char *buf, size_t size);

/* The name of value v of d: "fast", "on"... */
const char *opt_name(const struct opt_param *d, int v);

/*
 * v, or -1 (left out) where it is the default def of a setting that only
 * matters in mode lacp: min_links and the LACP settings of a team, and of
 * its members, when the team (lacp: false) is not in mode lacp. So teams
 * that do not use LACP are shown, exported and created as before LACP.
 */
long long lacp_shown(long long v, long long def, bool lacp);

/* lacp_shown() on the fields of p (p->mode says whether it is lacp). */
void params_trim(struct team_params *p);

/* Same target list, in the same order? */
bool targets_equal(const struct team_params *a, const struct team_params *b);

/* "192.0.2.1,2001:db8::1", "none" for an empty list. */
void targets_text(const struct team_params *p, char *buf, size_t size);

/* Room for the text of the longest list (16 IPv6 probe targets). */
#define LIST_TEXT_MAX	(LBFO_PROBE_TARGETS_MAX * ADDR_TEXT_MAX)

/*
 * The set fields of p as command line words, each with a space in front:
 * " mode static lb dynamic hash mac,ip flowlet-gap 500 ... probe-targets
 * none ... lacp-system auto lacp-rate fast ...", in the order
 * params_to_json() uses; "" if none is set.
 */
void params_text(const struct team_params *p, char *buf, size_t size);

/*
 * The set fields of c as the words of member add/set, each with a space
 * in front: " role standby admin up weight 0 lacp-prio 255 lacp-key 1".
 */
void member_text(const struct lbfo_member_change *c, char *buf, size_t size);

/*
 * Put the set fields of p into o: "mode", "lb", "hash" (array of field
 * names), the numbers by key with "probe_targets" (array of addresses)
 * after "probe_missed" and "lacp_system" after "lacp_sys_prio", then the
 * settings of team_opts by key (names, or true/false), in that order.
 * false: out of memory.
 */
bool params_to_json(json_t *o, const struct team_params *p);

/*
 * params_to_json() of p as team show, events and config export show it:
 * params_trim()med.
 */
bool params_show(json_t *o, const struct team_params *p);

/*
 * The number d of a config file object o (at where, "teams[0]"): *out keeps
 * its value when the key is absent. false: msg says what is wrong.
 */
bool num_from_json(const json_t *o, const struct num_param *d,
		   const char *where, long long *out, char *msg, size_t size);

/* Is key one that params_to_json() writes? */
bool params_key(const char *key);

/*
 * The parameters of a config file's team object o (at "teams[0]" where);
 * keys that are absent leave *p as it is. false: msg says what is wrong,
 * and where.
 */
bool params_from_json(const json_t *o, const char *where,
		      struct team_params *p, char *msg, size_t size);

#endif /* TEAMCTL_PARAMS_H */
