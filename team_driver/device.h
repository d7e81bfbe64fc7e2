/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The team net_device: its private data and the operations on it.
 */
#ifndef _LBFO_DEVICE_H
#define _LBFO_DEVICE_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/siphash.h>
#include <linux/workqueue.h>
#include <linux/lbfo.h>

#include "policies/lacp_select.h"

struct lbfo_member;

/**
 * struct lbfo_txmap - the members that carry traffic, as the data path sees them
 * @rcu: frees the map after the readers that may still use it are gone.
 * @count: number of entries in @members; never 0 (no map is published
 *	instead).
 * @primary: the member the team's MAC address is affine to
 *	(switch-independent): the first of @members.
 * @slot: the members of @members by slot (struct lbfo_member.slot); NULL
 *	for slots that carry nothing.
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
	struct lbfo_member *primary;
	struct lbfo_member *slot[LBFO_MAX_MEMBERS];
	struct lbfo_member *members[];
};

/**
 * struct lbfo_bucket - one transmit bucket
 * @last_ns: when the bucket last sent (dynamic), 0 never.
 * @slot: the slot of the member that carries it.
 * @next: dynamic: the slot it moves to at its next flowlet (== @slot when
 *	no move is pending).
 *
 * Written by the data path (all three fields, with WRITE_ONCE: a racing CPU
 * may lose an update, which costs nothing but a later move) and under RTNL
 * (@slot and @next on membership changes, @next by the balancer).
 */
struct lbfo_bucket {
	u64 last_ns;
	u8 slot;
	u8 next;
};

/**
 * struct lbfo_probe_target - an address the link monitor probes
 * @family: AF_INET or AF_INET6.
 * @addr: the address: IPv4 in the first 4 bytes.
 */
struct lbfo_probe_target {
	u8 family;
	union {
		__be32 v4;
		struct in6_addr v6;
	} addr;
};

/**
 * struct lbfo_params - a team's settable parameters (see the uapi)
 * @mode: enum lbfo_mode.
 * @lb: enum lbfo_lb.
 * @hash_fields: LBFO_HASH_* bits.
 * @flowlet_gap_us: dynamic: idle time that ends a flowlet.
 * @balance_interval_ms: dynamic: how often the balancer looks at loads.
 * @balance_threshold: dynamic: imbalance, in percent, worth a move.
 * @probe_interval_ms: link monitor probe interval, 0 off.
 * @probe_missed: intervals without an answer before a member is down.
 * @updelay_ms: how long a link must be up before it is used.
 * @downdelay_ms: how long it must be down before it is dropped.
 * @n_targets: entries in @targets.
 * @targets: the probe targets.
 * @min_links: members that must carry traffic for the team to have carrier.
 * @lacp_sys_prio: LACP actor system priority.
 * @lacp_system: LACP actor system ID; zero: the team's MAC address.
 * @lacp_rate: enum lbfo_lacp_rate.
 * @lacp_active: active LACP (else passive).
 * @lacp_independent: independent control of collecting and distributing.
 * @lacp_mixed_speed: members of different speeds share the aggregator.
 * @lacp_fallback: active/standby while no partner speaks LACP.
 */
struct lbfo_params {
	u8 mode;
	u8 lb;
	u32 hash_fields;
	u32 flowlet_gap_us;
	u32 balance_interval_ms;
	u32 balance_threshold;
	u32 probe_interval_ms;
	u32 probe_missed;
	u32 updelay_ms;
	u32 downdelay_ms;
	unsigned int n_targets;
	struct lbfo_probe_target targets[LBFO_PROBE_TARGETS_MAX];
	u32 min_links;
	u16 lacp_sys_prio;
	u8 lacp_system[ETH_ALEN];
	u8 lacp_rate;
	u8 lacp_active;
	u8 lacp_independent;
	u8 lacp_mixed_speed;
	u8 lacp_fallback;
};

/* Recent source addresses seen per port bucket, for announcements. */
#define LBFO_PORT_SEEN	2

/**
 * struct lbfo_team - private data of a team net_device (netdev_priv())
 * @dev: the team device.
 * @members: struct lbfo_member.list, in the order they joined. Changed under
 *	RTNL with the _rcu list helpers, so ndo_set_rx_mode() (which holds the
 *	team's address lock, not RTNL) may walk it under RCU.
 * @member_count: length of @members.
 * @txmap: the members carrying traffic, for the data path (RCU).
 * @p: the parameters. Written under RTNL; the data path reads the ones it
 *	uses (mode, lb, hash_fields, flowlet_gap_us) with READ_ONCE.
 * @hash_key: the random key of the transmit hash.
 * @buckets: LBFO_BUCKETS flow buckets (address-hash, dynamic).
 * @port_slot: LBFO_BUCKETS port buckets: the slot each virtual switch port
 *	bucket is pinned to (hyperv-port; dynamic's inbound affinity).
 * @port_seen: per port bucket, the last LBFO_PORT_SEEN source addresses
 *	(MAC in the low 48 bits, VLAN above, bit 63 set if valid), written by
 *	the data path, read under RTNL to announce a moved port.
 * @bucket_bytes: per CPU, LBFO_BUCKETS counters of bytes sent (dynamic).
 * @bucket_prev: the balancer's last sums of @bucket_bytes (RTNL).
 * @bucket_delta: the balancer's room for the bytes of one interval (RTNL).
 * @bucket_scratch: LBFO_BUCKETS bytes of room for lbfo_team_refresh() and
 *	the balancer (RTNL).
 * @slots_used: slots taken by members (RTNL).
 * @slot_freed: per slot, the RCU grace-period state when it was given back;
 *	it is reused only once that grace period has ended (RTNL).
 * @balance_work: the dynamic balancer, every balance_interval_ms.
 * @probe_work: the link monitor's probes, every probe_interval_ms.
 * @link_work: ends the up and down delays of the link monitor.
 * @changing_member: set while the team itself changes a member's MTU or MAC
 *	address; any other change of those is refused (see notifier.c).
 * @lacp_lock: guards the members' LACP mailboxes and receive counters
 *	(struct lbfo_lacp_port), written by the receive path.
 * @lacp_work: runs the LACP machines when a LACPDU arrived or a timer is
 *	due (lacp.c).
 * @lacp_state: enum lbfo_lacp_team_state (RTNL).
 * @lacp_sel: room for LACP selection, one entry per member (RTNL).
 *
 * Lifetime: that of the net_device. Members are released in ndo_uninit,
 * before the device is unregistered; the tables are freed by the device's
 * destructor, after the works are cancelled in ndo_uninit.
 *
 * Locking: every field is written under RTNL but for the data path's
 * fields said so above.
 */
struct lbfo_team {
	struct net_device *dev;
	struct list_head members;
	unsigned int member_count;
	struct lbfo_txmap __rcu *txmap;
	struct lbfo_params p;
	siphash_key_t hash_key;
	struct lbfo_bucket *buckets;
	u8 *port_slot;
	u64 (*port_seen)[LBFO_PORT_SEEN];
	u64 __percpu *bucket_bytes;
	u64 *bucket_prev;
	u64 *bucket_delta;
	u8 *bucket_scratch;
	unsigned long slots_used[BITS_TO_LONGS(LBFO_MAX_MEMBERS)];
	unsigned long slot_freed[LBFO_MAX_MEMBERS];
	struct delayed_work balance_work;
	struct delayed_work probe_work;
	struct delayed_work link_work;
	bool changing_member;
	spinlock_t lacp_lock;	/* LACP mailboxes and receive counters */
	struct delayed_work lacp_work;
	u8 lacp_state;
	struct lbfo_lacp_sel_port lacp_sel[LBFO_MAX_MEMBERS];
};

/*
 * Why lbfo_team_refresh() runs: an enum lbfo_reason, or LBFO_REASON_LINK
 * when the trigger's link changed (down or up follows from its new state).
 */
#define LBFO_REASON_LINK	(-1)
/* lbfo_team_refresh() for a change that is no member's (parameters). */
#define LBFO_REASON_NONE	(-2)

void lbfo_setup(struct net_device *dev);
void lbfo_compute_features(struct lbfo_team *team);
void lbfo_team_refresh(struct lbfo_team *team, struct lbfo_member *trigger,
		       int reason);
bool lbfo_is_team(const struct net_device *dev);
int lbfo_team_set_params(struct lbfo_team *team, const struct lbfo_params *p,
			 struct netlink_ext_ack *extack);
int lbfo_params_check(const struct lbfo_team *team,
		      const struct lbfo_params *p,
		      struct netlink_ext_ack *extack);
void lbfo_params_default(struct lbfo_params *p);
void lbfo_works_update(struct lbfo_team *team);

extern const struct ethtool_ops lbfo_ethtool_ops;

#endif /* _LBFO_DEVICE_H */
