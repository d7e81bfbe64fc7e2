/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The LACP selection logic (IEEE 802.1AX-2008 43.4.14) of a team that uses
 * one aggregator at a time: which ports can aggregate with which (one link
 * aggregation group per LAG ID, and per speed unless mixed speeds are
 * allowed), which group the team uses (the most bandwidth, then the most
 * ports, then the one it uses already, then the lowest port), and why each
 * other port stays out (enum lbfo_lacp_why). Pure: the caller describes
 * every port, the result is each port's Selected and aggregator.
 */
#ifndef _LBFO_POLICIES_LACP_SELECT_H
#define _LBFO_POLICIES_LACP_SELECT_H

#include <linux/types.h>
#include <linux/lbfo.h>

#include "lacpdu.h"

/**
 * struct lbfo_lacp_sel_port - one port, as the selection logic sees it
 * @enabled: port_enabled: the link is up and the port is administratively
 *	up.
 * @partner_known: the receive machine is CURRENT or EXPIRED: @partner
 *	comes from the partner's LACPDUs, not from defaults.
 * @full_duplex: the link is full duplex.
 * @speed: the link speed in Mb/s, 0: unknown.
 * @port: our port number: non-zero, and no two ports share one.
 * @key: our operational key on the port.
 * @actor_state: our LBFO_LACP_* state bits (AGGREGATION is used).
 * @partner: the partner's operational information (system_priority,
 *	system, key and the AGGREGATION bit of state are used).
 * @selected: output: enum lbfo_lacp_selected (lacp_rx.h).
 * @aggregator: output: the id of the port's group (its lowest port
 *	number), 0: the port is in none.
 * @why: output: enum lbfo_lacp_why, LBFO_LACP_WHY_NONE when SELECTED.
 *
 * The caller fills the inputs of an array of these, one per member, for
 * one call of lbfo_lacp_select() under the lock that serialises the team's
 * LACP machines (it may live on the stack); the outputs are written by
 * that call and nothing keeps a pointer to the array.
 */
struct lbfo_lacp_sel_port {
	bool enabled;
	bool partner_known;
	bool full_duplex;
	u32 speed;
	u16 port;
	u16 key;
	u8 actor_state;
	struct lbfo_lacp_info partner;
	u8 selected;
	u16 aggregator;
	u8 why;
};

/**
 * lbfo_lacp_sel_same_lag() - can two ports be in one aggregation group
 * @a: a port
 * @b: another port
 *
 * Return: true when both are aggregatable (our AGGREGATION bit and the
 * partner's are set on each) and they have the same LAG ID: our key and
 * the partner's system priority, system and key. Speed is not compared.
 * An individual port is in no LAG, not even with itself.
 */
bool lbfo_lacp_sel_same_lag(const struct lbfo_lacp_sel_port *a,
			    const struct lbfo_lacp_sel_port *b);

/**
 * lbfo_lacp_select() - choose the team's aggregator and each port's place
 * @ports: the team's ports
 * @n: how many (at most LBFO_MAX_MEMBERS)
 * @mixed_speed: ports of different speeds may share a group
 *	(IFLA_LBFO_LACP_MIXED_SPEED); else a group is one LAG ID and one speed
 * @current_agg: the id this function returned last time, 0: none
 *
 * A port that is not enabled, not full duplex or has no known partner is
 * UNSELECTED, with aggregator 0 and why LINK, HALF_DUPLEX or NO_PARTNER (in
 * that order). The others are grouped: an individual port (either
 * AGGREGATION bit clear) alone, the rest by lbfo_lacp_sel_same_lag() and,
 * unless @mixed_speed, equal speed. A group's id is its lowest port number.
 *
 * The team's group is the one with the most bandwidth (the sum of its
 * speeds, an unknown speed counted as 1 Mb/s), then the most ports, then the
 * one that holds port @current_agg (the group in use keeps a tie; it is
 * the group whose id is @current_agg, or that group after a lower port
 * joined it), then the lowest id. Its ports are SELECTED (why NONE); every
 * other candidate is STANDBY with its own group's id and why, relative to
 * the team's group: INDIVIDUAL (it or the team's group is individual), KEY
 * (our key differs), OTHER_GROUP (the partner's system priority, system or
 * key differs) or SPEED.
 *
 * Return: the id of the team's group, 0 when no port is a candidate.
 */
u16 lbfo_lacp_select(struct lbfo_lacp_sel_port *ports, unsigned int n,
		     bool mixed_speed, u16 current_agg);

#endif /* _LBFO_POLICIES_LACP_SELECT_H */
