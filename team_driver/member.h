/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Team members: joining, leaving, roles and states.
 */
#ifndef _LBFO_MEMBER_H
#define _LBFO_MEMBER_H

#include <linux/if_ether.h>
#include <linux/lbfo.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>

#include "lacp.h"
#include "policies/linkmon.h"

struct lbfo_team;

/**
 * struct lbfo_member - one device's membership of a team
 * @list: entry in lbfo_team.members.
 * @team: the team; outlives the member.
 * @dev: the member device, held (netdev_hold) for the membership.
 * @dev_tracker: reference tracker for @dev.
 * @stats: what the team sent on and received from this member.
 * @role: configured role, enum lbfo_member_role.
 * @admin_up: the team may use the member (IFLA_LBFO_MEMBER_ADMIN).
 * @link_up: whether the link is usable (carrier, probes and delays) as the
 *	last lbfo_team_refresh() saw it, so that a link change is reported as
 *	such even when another change's refresh notices it first. RTNL.
 * @down_by_probe: @link_up went false because probes went unanswered.
 * @lm: the link monitor's state machine (up and down delays).
 * @slot: the member's slot in the bucket tables, fixed while it is a member.
 * @speed: link speed in Mb/s, 0 if unknown; read on link changes.
 * @half_duplex: the link is half duplex (it cannot be aggregated).
 * @weight: configured weight, 0 for the link speed.
 * @probe_rx_ns: when the member last received a probe answer; written by
 *	the receive path (WRITE_ONCE).
 * @probe_since_ns: when probing of this member started.
 * @state: current state, enum lbfo_member_state. Written under RTNL, read
 *	locklessly (READ_ONCE) by the receive path.
 * @was_up: the device was up before it joined; it is left that way.
 * @promisc: the team added one to the device's promiscuity count.
 * @allmulti: the team added one to the device's allmulti count.
 * @orig_mtu: the device's MTU before it joined, given back when it leaves.
 * @orig_addr: the device's MAC address before it joined, given back when it
 *	leaves.
 * @lacp_prio: LACP port priority.
 * @lacp_key: LACP key of the port.
 * @lacp: its LACP machines (mode lacp); see struct lbfo_lacp_port.
 * @lacp_report: an LACP event is due (lbfo_lacp_report()).
 * @lacp_mc: the team added the Slow Protocols address to the device's
 *	multicast list.
 * @rcu: frees the member after the last data-path reader.
 *
 * Lifetime: allocated by lbfo_member_add(), published to the receive path as
 * the member device's rx_handler_data and to the transmit path through the
 * team's txmap. lbfo_member_del() unpublishes it from both and frees it after
 * an RCU grace period.
 *
 * Locking: configuration fields are written under RTNL only.
 */
struct lbfo_member {
	struct list_head list;
	struct lbfo_team *team;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	struct pcpu_sw_netstats __percpu *stats;
	u8 role;
	bool admin_up;
	bool link_up;
	bool down_by_probe;
	u8 state;
	struct lbfo_linkmon lm;
	u8 slot;
	u32 speed;
	bool half_duplex;
	u32 weight;
	u64 probe_rx_ns;
	u64 probe_since_ns;
	bool was_up;
	bool promisc;
	bool allmulti;
	unsigned int orig_mtu;
	u8 orig_addr[ETH_ALEN];
	u16 lacp_prio;
	u16 lacp_key;
	struct lbfo_lacp_port lacp;
	bool lacp_report;
	bool lacp_mc;
	struct rcu_head rcu;
};

/**
 * struct lbfo_member_counters - a member's counters, summed over CPUs
 * @tx_packets: packets the team sent on the member.
 * @tx_bytes: their bytes.
 * @rx_packets: packets the team received from the member.
 * @rx_bytes: their bytes.
 */
struct lbfo_member_counters {
	u64 tx_packets;
	u64 tx_bytes;
	u64 rx_packets;
	u64 rx_bytes;
};

int lbfo_member_add(struct lbfo_team *team, struct net_device *port_dev,
		    u8 role, bool admin_up, struct netlink_ext_ack *extack);
void lbfo_member_del(struct lbfo_member *member, bool unregistering);
struct lbfo_member *lbfo_member_get_rtnl(const struct net_device *dev);
void lbfo_member_set_role(struct lbfo_member *member, u8 role);
void lbfo_member_set_admin(struct lbfo_member *member, bool up);
void lbfo_member_set_weight(struct lbfo_member *member, u32 weight);
void lbfo_member_set_lacp(struct lbfo_member *member, int prio, int key);
int lbfo_member_sync_flags(struct lbfo_member *member);
void lbfo_member_counters(const struct lbfo_member *member,
			  struct lbfo_member_counters *c);
int lbfo_member_set_mtu(struct lbfo_member *member, unsigned int mtu,
			struct netlink_ext_ack *extack);
int lbfo_member_set_mac(struct lbfo_member *member, const u8 *addr,
			struct netlink_ext_ack *extack);
int lbfo_member_take_addr(struct lbfo_member *member, const u8 *addr,
			  struct netlink_ext_ack *extack);
void lbfo_member_give_addr(struct lbfo_member *member, const u8 *addr);

#endif /* _LBFO_MEMBER_H */
