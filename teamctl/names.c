// SPDX-License-Identifier: GPL-2.0
/*
 * Enum <-> name tables. The names are the ones the uapi header gives; the
 * tables are indexed by the uapi values so that a new enum value without a
 * name shows up as "unknown" rather than as a wrong name.
 */
#include <stdio.h>
#include <string.h>

#include <linux/lbfo.h>

#include "names.h"

#define TABLE(var, word, ...)						\
	static const char *const var##_v[] = { __VA_ARGS__ };		\
	const struct name_table var = {					\
		.what = word, .names = var##_v,				\
		.n = sizeof(var##_v) / sizeof(var##_v[0]) }

TABLE(names_mode, "mode",
      [LBFO_MODE_SWITCH_INDEPENDENT] = "switch-independent",
      [LBFO_MODE_STATIC] = "static",
      [LBFO_MODE_LACP] = "lacp");

TABLE(names_lb, "lb",
      [LBFO_LB_ADDRESS_HASH] = "address-hash",
      [LBFO_LB_HYPERV_PORT] = "hyperv-port",
      [LBFO_LB_DYNAMIC] = "dynamic");

/* Indexed by bit number: LBFO_HASH_MAC is 1 << 0, named [0]. */
TABLE(names_hash, "hash field",
      [__builtin_ctz(LBFO_HASH_MAC)] = "mac",
      [__builtin_ctz(LBFO_HASH_IP)] = "ip",
      [__builtin_ctz(LBFO_HASH_PORTS)] = "ports",
      [__builtin_ctz(LBFO_HASH_INNER)] = "inner");

TABLE(names_role, "role",
      [LBFO_ROLE_ACTIVE] = "active",
      [LBFO_ROLE_STANDBY] = "standby");

TABLE(names_state, "state",
      [LBFO_STATE_ACTIVE] = "active",
      [LBFO_STATE_STANDBY] = "standby",
      [LBFO_STATE_DOWN] = "down");

TABLE(names_reason, "reason",
      [LBFO_REASON_LINK_DOWN] = "link-down",
      [LBFO_REASON_LINK_UP] = "link-up",
      [LBFO_REASON_ADMIN_DOWN] = "admin-down",
      [LBFO_REASON_ADMIN_UP] = "admin-up",
      [LBFO_REASON_ROLE] = "role",
      [LBFO_REASON_JOIN] = "join",
      [LBFO_REASON_LEAVE] = "leave",
      [LBFO_REASON_PROBE_DOWN] = "probe-down",
      [LBFO_REASON_PROBE_UP] = "probe-up",
      [LBFO_REASON_LACP] = "lacp");

TABLE(names_admin, "admin", [0] = "down", [1] = "up");

TABLE(names_event, "event",
      [LBFO_CMD_TEAM_NEW] = "team-new",
      [LBFO_CMD_TEAM_DEL] = "team-del",
      [LBFO_CMD_TEAM_SET] = "team-set",
      [LBFO_CMD_MEMBER_ADD] = "member-add",
      [LBFO_CMD_MEMBER_DEL] = "member-del",
      [LBFO_CMD_MEMBER_SET] = "member-set",
      [LBFO_CMD_MEMBER_STATE] = "member-state",
      [LBFO_CMD_FAILOVER] = "failover",
      [LBFO_CMD_LACP] = "lacp");

/* The names of the LACP settings are their command line words' values. */
TABLE(names_lacp_rate, "lacp-rate",
      [LBFO_LACP_RATE_SLOW] = "slow",
      [LBFO_LACP_RATE_FAST] = "fast");

TABLE(names_lacp_mode, "lacp-mode", [0] = "passive", [1] = "active");

TABLE(names_lacp_control, "lacp-control", [0] = "coupled",
      [1] = "independent");

TABLE(names_lacp_state, "lacp state",
      [LBFO_LACP_TEAM_OFF] = "off",
      [LBFO_LACP_TEAM_NEGOTIATING] = "negotiating",
      [LBFO_LACP_TEAM_AGGREGATED] = "aggregated",
      [LBFO_LACP_TEAM_FALLBACK] = "fallback");

TABLE(names_lacp_rx, "receive state",
      [LBFO_LACP_RX_S_INITIALIZE] = "initialize",
      [LBFO_LACP_RX_S_PORT_DISABLED] = "port-disabled",
      [LBFO_LACP_RX_S_EXPIRED] = "expired",
      [LBFO_LACP_RX_S_LACP_DISABLED] = "lacp-disabled",
      [LBFO_LACP_RX_S_DEFAULTED] = "defaulted",
      [LBFO_LACP_RX_S_CURRENT] = "current");

TABLE(names_lacp_mux, "mux state",
      [LBFO_LACP_MUX_S_DETACHED] = "detached",
      [LBFO_LACP_MUX_S_WAITING] = "waiting",
      [LBFO_LACP_MUX_S_ATTACHED] = "attached",
      [LBFO_LACP_MUX_S_COLLECTING] = "collecting",
      [LBFO_LACP_MUX_S_COLLECTING_DISTRIBUTING] = "collecting-distributing");

TABLE(names_lacp_why, "why",
      [LBFO_LACP_WHY_NONE] = "none",
      [LBFO_LACP_WHY_LINK] = "link",
      [LBFO_LACP_WHY_NO_PARTNER] = "no-partner",
      [LBFO_LACP_WHY_INDIVIDUAL] = "individual",
      [LBFO_LACP_WHY_OTHER_GROUP] = "other-group",
      [LBFO_LACP_WHY_KEY] = "key",
      [LBFO_LACP_WHY_SPEED] = "speed",
      [LBFO_LACP_WHY_HALF_DUPLEX] = "half-duplex",
      [LBFO_LACP_WHY_PARTNER_SYNC] = "partner-sync",
      [LBFO_LACP_WHY_FALLBACK] = "fallback");

/* Indexed by bit number, as names_hash. */
TABLE(names_lacp_bits, "LACP state bit",
      [__builtin_ctz(LBFO_LACP_STATE_ACTIVITY)] = "activity",
      [__builtin_ctz(LBFO_LACP_STATE_TIMEOUT)] = "timeout",
      [__builtin_ctz(LBFO_LACP_STATE_AGGREGATION)] = "aggregation",
      [__builtin_ctz(LBFO_LACP_STATE_SYNC)] = "sync",
      [__builtin_ctz(LBFO_LACP_STATE_COLLECTING)] = "collecting",
      [__builtin_ctz(LBFO_LACP_STATE_DISTRIBUTING)] = "distributing",
      [__builtin_ctz(LBFO_LACP_STATE_DEFAULTED)] = "defaulted",
      [__builtin_ctz(LBFO_LACP_STATE_EXPIRED)] = "expired");

const char *name_of(const struct name_table *t, int v)
{
	if (v < 0 || (size_t)v >= t->n || !t->names[v])
		return "unknown";
	return t->names[v];
}

int name_find(const struct name_table *t, const char *s)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->names[i] && !strcmp(t->names[i], s))
			return (int)i;
	return -1;
}

void name_list(const struct name_table *t, char *buf, size_t size)
{
	size_t i, count = 0, seen = 0, len = 0;

	if (size)
		buf[0] = '\0';
	for (i = 0; i < t->n; i++)
		if (t->names[i])
			count++;
	for (i = 0; i < t->n && len < size; i++) {
		const char *sep = "";

		if (!t->names[i])
			continue;
		if (seen)
			sep = seen + 1 == count ? " or " : ", ";
		len += (size_t)snprintf(buf + len, size - len, "%s%s", sep,
					t->names[i]);
		seen++;
	}
}
