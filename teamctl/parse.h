/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small parsers for command line words and config file values. Each returns
 * true on success; on failure it prints why on stderr ("teamctl: ...") and
 * returns false, so that a caller only has to return EXIT_USAGE.
 */
#ifndef TEAMCTL_PARSE_H
#define TEAMCTL_PARSE_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>

#include "names.h"
#include "params.h"

/*
 * An interface name: 1..15 bytes, no '/', ':', '%' (the kernel's name
 * patterns, "team%d") or white space, not . or ..
 */
bool parse_ifname(const char *s, char out[IF_NAMESIZE]);

/* A name of table t (mode, lb, role, admin...): *out is its value. */
bool parse_name(const struct name_table *t, const char *s, int *out);

/* "on" or "off". */
bool parse_on_off(const char *what, const char *s, bool *out);

/*
 * "a,b,c": at most max interface names into out, *n of them. Empty items
 * and repeated names are refused.
 */
bool parse_iflist(const char *s, char (*out)[IF_NAMESIZE], size_t max,
		  size_t *n);

/*
 * A number for d (team_nums[], member_weight): decimal digits, in d's
 * range ("invalid flowlet-gap '10': expected 50 to 1000000 (microseconds)").
 */
bool parse_num(const struct num_param *d, const char *s, long long *out);

/*
 * Hash fields "mac,ip,ports,inner" (at least one, none twice): *out gets
 * their LBFO_HASH_* bits.
 */
bool parse_hash(const char *s, long long *out);

/*
 * Probe targets "192.0.2.1,2001:db8::1" (unicast, at most
 * LBFO_PROBE_TARGETS_MAX, none twice) or "none", into p->targets and
 * p->n_targets; p is untouched on failure.
 */
bool parse_targets(const char *s, struct team_params *p);

/*
 * A setting of d (team_opts[]): one of its names ("invalid lacp-rate 'x':
 * expected slow or fast"), or on/off for those without names.
 */
bool parse_opt(const struct opt_param *d, const char *s, int *out);

/* lacp-system: a unicast MAC address or auto (0), see lacp_system_parse(). */
bool parse_lacp_system(const char *s, long long *out);

/* Is word one of a team's parameters (mode, lb, hash, flowlet-gap...)? */
bool is_team_param(const char *word);

/*
 * The value val of the team parameter word key into p (whose fields are -1
 * until given): refused if it is given twice or invalid.
 */
bool parse_team_param(const char *key, const char *val, struct team_params *p);

/* true if s is one of the help words: -h, --help, help. */
bool is_help_word(const char *s);

#endif /* TEAMCTL_PARSE_H */
