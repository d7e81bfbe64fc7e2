/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The team net_device: its private data and the operations on it.
 */
#ifndef _LBFO_DEVICE_H
#define _LBFO_DEVICE_H

#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>

struct lbfo_member;

/**
 * struct lbfo_txmap - the members that carry traffic, as the data path sees them
 * @rcu: frees the map after the readers that may still use it are gone.
 * @count: number of entries in @members; never 0 (no map is published
 *	instead).
 * @members: the members in state LBFO_STATE_ACTIVE, in member order.
 *
 * Lifetime: immutable once published in lbfo_team.txmap. A new map replaces
 * it whole under RTNL and the old one is freed after an RCU grace period, so
 * the transmit path reads it under rcu_read_lock_bh() without any lock. The
 * members it points to are freed after a grace period that starts after the
 * map that no longer holds them has been published (see lbfo_member_del()).
 */
struct lbfo_txmap {
	struct rcu_head rcu;
	unsigned int count;
	struct lbfo_member *members[];
};

/**
 * struct lbfo_team - private data of a team net_device (netdev_priv())
 * @dev: the team device.
 * @members: struct lbfo_member.list, in the order they joined. Changed under
 *	RTNL with the _rcu list helpers, so ndo_set_rx_mode() (which holds the
 *	team's address lock, not RTNL) may walk it under RCU.
 * @member_count: length of @members.
 * @txmap: the members carrying traffic, for the data path (RCU).
 * @mode: teaming mode, enum lbfo_mode.
 * @lb: load-balancing algorithm, enum lbfo_lb.
 * @changing_member: set while the team itself changes a member's MTU or MAC
 *	address; any other change of those is refused (see notifier.c).
 *
 * Lifetime: that of the net_device. Members are released in ndo_uninit,
 * before the device is unregistered; the per-CPU counters are freed by the
 * device's destructor.
 *
 * Locking: every field is written under RTNL; the data path only reads
 * @txmap and @dev.
 */
struct lbfo_team {
	struct net_device *dev;
	struct list_head members;
	unsigned int member_count;
	struct lbfo_txmap __rcu *txmap;
	u8 mode;
	u8 lb;
	bool changing_member;
};

/*
 * Why lbfo_team_refresh() runs: an enum lbfo_reason, or LBFO_REASON_LINK
 * when the trigger's link changed (down or up follows from its new state).
 */
#define LBFO_REASON_LINK	(-1)

void lbfo_setup(struct net_device *dev);
void lbfo_compute_features(struct lbfo_team *team);
void lbfo_team_refresh(struct lbfo_team *team, struct lbfo_member *trigger,
		       int reason);
bool lbfo_is_team(const struct net_device *dev);
int lbfo_team_set_mode(struct lbfo_team *team, u8 mode,
		       struct netlink_ext_ack *extack);
int lbfo_team_set_lb(struct lbfo_team *team, u8 lb,
		     struct netlink_ext_ack *extack);
int lbfo_team_check_mode(u8 mode, struct netlink_ext_ack *extack);
int lbfo_team_check_lb(u8 lb, struct netlink_ext_ack *extack);

extern const struct ethtool_ops lbfo_ethtool_ops;

#endif /* _LBFO_DEVICE_H */
