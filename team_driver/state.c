// SPDX-License-Identifier: GPL-2.0
/*
 * The team's state: which members carry traffic, the transmit map and
 * bucket tables the data path reads, and what is announced when they change.
 *
 * Everything here runs under RTNL. lbfo_team_refresh() is the one place
 * that turns member links, roles and weights into states, buckets and
 * events; it is called on every change that may matter and is cheap when
 * nothing did.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "announce.h"
#include "device.h"
#include "lacp.h"
#include "member.h"
#include "netlink.h"
#include "state.h"
#include "policies/buckets.h"
#include "policies/linkmon.h"
#include "policies/select.h"

static const char *const lbfo_state_names[] = {
	[LBFO_STATE_ACTIVE] = "active",
	[LBFO_STATE_STANDBY] = "standby",
	[LBFO_STATE_DOWN] = "down",
};

/**
 * lbfo_member_weight() - the member's share of the load, relative
 * @member: the member
 *
 * Return: its configured weight, else its link speed in Mb/s, else 1000.
 */
u32 lbfo_member_weight(const struct lbfo_member *member)
{
	return member->weight ?: member->speed ?: 1000;
}

/*
 * Read the member's link speed and duplex; called when its link may have
 * changed. An unknown duplex counts as full: only a link known to be half
 * duplex is kept out of LACP.
 */
void lbfo_member_read_speed(struct lbfo_member *member)
{
	struct ethtool_link_ksettings ks;

	ASSERT_RTNL();
	member->speed = 0;
	member->half_duplex = false;
	if (__ethtool_get_link_ksettings(member->dev, &ks))
		return;
	if (ks.base.speed != SPEED_UNKNOWN)
		member->speed = ks.base.speed;
	member->half_duplex = ks.base.duplex == DUPLEX_HALF;
}

/* What the link looks like before the up and down delays. */
static bool lbfo_member_raw_up(const struct lbfo_team *team,
			       const struct lbfo_member *member, u64 now)
{
	const struct lbfo_params *p = &team->p;

	if (!netif_running(member->dev) || !netif_carrier_ok(member->dev))
		return false;
	if (!p->probe_interval_ms)
		return true;
	return lbfo_probe_alive(now, READ_ONCE(member->probe_rx_ns),
				member->probe_since_ns,
				(u64)p->probe_interval_ms * NSEC_PER_MSEC,
				p->probe_missed);
}

/* Why a member's link changed, for events. */
static int lbfo_link_reason(const struct lbfo_member *member, bool up)
{
	bool carrier = netif_running(member->dev) &&
		       netif_carrier_ok(member->dev);

	if (up)
		return member->down_by_probe ? LBFO_REASON_PROBE_UP :
		       LBFO_REASON_LINK_UP;
	return carrier ? LBFO_REASON_PROBE_DOWN : LBFO_REASON_LINK_DOWN;
}

/* Does @map hold exactly the members of @team that are in state active? */
static bool lbfo_txmap_current(const struct lbfo_team *team,
			       const struct lbfo_txmap *map,
			       unsigned int carriers)
{
	const struct lbfo_member *member;
	unsigned int i = 0;

	if (!map || map->count != carriers)
		return !map && !carriers;
	list_for_each_entry(member, &team->members, list)
		if (member->state == LBFO_STATE_ACTIVE &&
		    map->members[i++] != member)
			return false;
	return true;
}

static void lbfo_txmap_publish(struct lbfo_team *team, unsigned int carriers)
{
	struct lbfo_txmap *old = rtnl_dereference(team->txmap);
	struct lbfo_member *member;
	struct lbfo_txmap *map;
	unsigned int i = 0;

	if (!carriers) {
		RCU_INIT_POINTER(team->txmap, NULL);
		goto free_old;
	}
	map = kzalloc(struct_size(map, members, carriers), GFP_KERNEL);
	if (!map) {
		/*
		 * The old map may point at a member that is leaving: the data
		 * path must stop using it before it goes. Stop transmitting
		 * until the next change succeeds.
		 */
		netdev_err(team->dev, "out of memory: transmit stopped\n");
		RCU_INIT_POINTER(team->txmap, NULL);
		synchronize_net();
		kfree(old);
		return;
	}
	map->count = carriers;
	list_for_each_entry(member, &team->members, list) {
		if (member->state != LBFO_STATE_ACTIVE)
			continue;
		map->members[i++] = member;
		map->slot[member->slot] = member;
	}
	map->primary = map->members[0];
	rcu_assign_pointer(team->txmap, map);
free_old:
	if (old)
		kfree_rcu(old, rcu);
}

/*
 * Map the flow and port buckets to the members carrying traffic, by weight.
 * Every member gets its share by weight, with the fewest moves: a member
 * that comes back takes buckets only from members over their share. Buckets
 * of members that stopped carrying traffic move at once; with dynamic, other
 * moves wait for the bucket's next flowlet (lbfo_bucket.next), so no flow is
 * reordered, and the balancer then corrects the shares by measured load.
 */
static void lbfo_assign_buckets(struct lbfo_team *team,
				const struct lbfo_txmap *map)
{
	u32 weights[LBFO_MAX_MEMBERS] = {};
	bool dynamic = team->p.lb == LBFO_LB_DYNAMIC;
	u8 *want = team->bucket_scratch;
	unsigned int b, i;

	for (i = 0; map && i < map->count; i++)
		weights[map->members[i]->slot] =
			lbfo_member_weight(map->members[i]);

	for (b = 0; b < LBFO_BUCKETS; b++)
		want[b] = team->buckets[b].next;
	lbfo_buckets_assign(want, weights, LBFO_MAX_MEMBERS, true);
	for (b = 0; b < LBFO_BUCKETS; b++) {
		struct lbfo_bucket *bucket = &team->buckets[b];
		u8 cur = bucket->slot;

		WRITE_ONCE(bucket->next, want[b]);
		if (!dynamic || cur == LBFO_NO_SLOT || want[b] == LBFO_NO_SLOT ||
		    !weights[cur])
			WRITE_ONCE(bucket->slot, want[b]);
	}

	memcpy(want, team->port_slot, LBFO_BUCKETS);
	lbfo_buckets_assign(want, weights, LBFO_MAX_MEMBERS, true);
	for (b = 0; b < LBFO_BUCKETS; b++) {
		if (want[b] == team->port_slot[b])
			continue;
		WRITE_ONCE(team->port_slot[b], want[b]);
		if (map && want[b] != LBFO_NO_SLOT)
			lbfo_announce_port(team, b, map->slot[want[b]]);
	}
}

/* Arm the link work for the earliest end of an up or down delay. */
static void lbfo_arm_link_work(struct lbfo_team *team, u64 deadline, u64 now)
{
	unsigned long delay;

	if (!deadline)
		return;
	delay = nsecs_to_jiffies(deadline > now ? deadline - now : 0) + 1;
	mod_delayed_work(system_wq, &team->link_work, delay);
}

/**
 * lbfo_team_refresh() - recompute member states, buckets, map and carrier
 * @team: the team
 * @trigger: the member whose change calls for this (may have left the list
 *	already), or NULL
 * @reason: enum lbfo_reason, or LBFO_REASON_LINK
 *
 * Called whenever a member joins or leaves, changes role, admin state or
 * weight, its link or probes change, a delay ends or a parameter changes;
 * in mode lacp also when a LACPDU arrives or an LACP timer is due, and the
 * LACP machines decide which members carry traffic (lacp.c).
 * Traffic moves as soon as the new map and buckets are published; events
 * announce each member's new state and, if the members carrying traffic
 * changed, the failover. In switch-independent mode, a new primary member
 * announces the team again (gratuitous ARP, unsolicited NA, IGMP/MLD).
 *
 * Context: RTNL.
 */
void lbfo_team_refresh(struct lbfo_team *team, struct lbfo_member *trigger,
		       int reason)
{
	const u64 upd = (u64)team->p.updelay_ms * NSEC_PER_MSEC;
	const u64 downd = (u64)team->p.downdelay_ms * NSEC_PER_MSEC;
	struct lbfo_member *member, *link_cause = NULL, *old_primary;
	struct lbfo_select_in in[LBFO_MAX_MEMBERS];
	bool stale = reason == LBFO_REASON_LINK;
	u8 state[LBFO_MAX_MEMBERS];
	unsigned int n = 0, carriers;
	u64 now = ktime_get_ns(), deadline = 0;
	struct lbfo_txmap *map;
	bool trigger_up = false;
	int link_why = 0;

	ASSERT_RTNL();
	list_for_each_entry(member, &team->members, list) {
		bool raw = lbfo_member_raw_up(team, member, now);
		u64 d;

		in[n].role = member->role;
		in[n].link_up = lbfo_linkmon_update(&member->lm, raw, now, upd,
						    downd);
		in[n].admin_up = member->admin_up;
		if (member == trigger)
			trigger_up = in[n].link_up;
		d = lbfo_linkmon_deadline(&member->lm, upd, downd);
		if (d && (!deadline || d < deadline))
			deadline = d;
		n++;
	}
	lbfo_arm_link_work(team, deadline, now);
	if (team->p.mode == LBFO_MODE_LACP) {
		carriers = lbfo_lacp_states(team, in, n, state, now);
	} else {
		carriers = lbfo_select_states(in, n, state);
		team->lacp_state = LBFO_LACP_TEAM_OFF;
	}
	if (reason == LBFO_REASON_LINK)
		reason = trigger ? lbfo_link_reason(trigger, trigger_up) : -1;

	n = 0;
	list_for_each_entry(member, &team->members, list) {
		struct netdev_lag_lower_state_info info;
		u8 old = member->state, new = state[n];
		struct lbfo_member *cause = trigger;
		int why = reason;

		/* LACP decided for each member on its own. */
		if (reason == LBFO_REASON_LACP)
			cause = member;

		/*
		 * A member whose link changed since the last refresh is
		 * reported as such, even if this refresh is for another
		 * member: its own link event may come later and find
		 * nothing left to change.
		 */
		if (member->link_up != in[n].link_up) {
			int r = lbfo_link_reason(member, in[n].link_up);

			member->down_by_probe = r == LBFO_REASON_PROBE_DOWN;
			if (member == trigger) {
				stale = false;
				why = r;
			} else {
				cause = member;
				why = r;
				if (!link_cause) {
					link_cause = cause;
					link_why = why;
				}
			}
		}
		member->link_up = in[n++].link_up;
		if (old == new)
			continue;
		netdev_info(team->dev, "%s: %s -> %s\n", member->dev->name,
			    lbfo_state_names[old], lbfo_state_names[new]);
		WRITE_ONCE(member->state, new);
		info.link_up = new != LBFO_STATE_DOWN;
		info.tx_enabled = new == LBFO_STATE_ACTIVE;
		netdev_lower_state_changed(member->dev, &info);
		lbfo_nl_state_event(member, old, why, cause);
	}

	map = rtnl_dereference(team->txmap);
	old_primary = map ? map->primary : NULL;
	if (!lbfo_txmap_current(team, map, carriers)) {
		lbfo_txmap_publish(team, carriers);
		/* A link event of a member whose link did not change. */
		if (stale && link_cause)
			lbfo_nl_failover_event(team, carriers, link_why,
					       link_cause);
		else
			lbfo_nl_failover_event(team, carriers, reason, trigger);
	}
	map = rtnl_dereference(team->txmap);
	lbfo_assign_buckets(team, map);

	if (carriers && carriers >= team->p.min_links)
		netif_carrier_on(team->dev);
	else
		netif_carrier_off(team->dev);
	if (team->p.mode == LBFO_MODE_LACP)
		lbfo_lacp_report(team);

	if (team->p.mode == LBFO_MODE_SWITCH_INDEPENDENT && map &&
	    map->primary != old_primary && netif_running(team->dev))
		__netdev_notify_peers(team->dev);
}

/* The link work ends up and down delays that no event would end. */
static void lbfo_link_work(struct work_struct *work)
{
	struct lbfo_team *team = container_of(to_delayed_work(work),
					      struct lbfo_team, link_work);

	if (!rtnl_trylock()) {
		mod_delayed_work(system_wq, &team->link_work, 1);
		return;
	}
	lbfo_team_refresh(team, NULL, LBFO_REASON_LINK);
	rtnl_unlock();
}

/**
 * lbfo_state_init() - set up a new team's tables and works
 * @team: the team, not yet registered
 *
 * Return: 0 or -ENOMEM.
 */
int lbfo_state_init(struct lbfo_team *team)
{
	unsigned int b;

	team->buckets = kvcalloc(LBFO_BUCKETS, sizeof(*team->buckets),
				 GFP_KERNEL);
	team->port_slot = kvmalloc(LBFO_BUCKETS, GFP_KERNEL);
	team->port_seen = kvcalloc(LBFO_BUCKETS, sizeof(*team->port_seen),
				   GFP_KERNEL);
	team->bucket_scratch = kvmalloc(LBFO_BUCKETS, GFP_KERNEL);
	if (!team->buckets || !team->port_slot || !team->port_seen ||
	    !team->bucket_scratch) {
		lbfo_state_free(team);
		return -ENOMEM;
	}
	for (b = 0; b < LBFO_BUCKETS; b++) {
		team->buckets[b].slot = LBFO_NO_SLOT;
		team->buckets[b].next = LBFO_NO_SLOT;
		team->port_slot[b] = LBFO_NO_SLOT;
	}
	for (b = 0; b < LBFO_MAX_MEMBERS; b++)
		team->slot_freed[b] = get_completed_synchronize_rcu();
	get_random_bytes(&team->hash_key, sizeof(team->hash_key));
	INIT_DELAYED_WORK(&team->link_work, lbfo_link_work);
	return 0;
}

/* Cancel the works; they take RTNL only with rtnl_trylock(). RTNL. */
void lbfo_state_stop(struct lbfo_team *team)
{
	cancel_delayed_work_sync(&team->link_work);
}

void lbfo_state_free(struct lbfo_team *team)
{
	kvfree(team->buckets);
	kvfree(team->port_slot);
	kvfree(team->port_seen);
	kvfree(team->bucket_scratch);
	team->buckets = NULL;
	team->port_slot = NULL;
	team->port_seen = NULL;
	team->bucket_scratch = NULL;
}

/**
 * lbfo_slot_alloc() - give a joining member a slot
 * @team: the team
 *
 * A slot given back is reused only once an RCU grace period has passed, so
 * a data-path reader holding an old bucket never finds it taken by another
 * member. When every free slot is that fresh, wait for the grace period.
 *
 * Context: RTNL.
 * Return: a free slot, or -ENOSPC.
 */
int lbfo_slot_alloc(struct lbfo_team *team)
{
	bool waited = false;
	unsigned int slot;

	ASSERT_RTNL();
again:
	for (slot = 0; slot < LBFO_MAX_MEMBERS; slot++) {
		if (test_bit(slot, team->slots_used) ||
		    !poll_state_synchronize_rcu(team->slot_freed[slot]))
			continue;
		__set_bit(slot, team->slots_used);
		return slot;
	}
	if (!waited && !bitmap_full(team->slots_used, LBFO_MAX_MEMBERS)) {
		synchronize_rcu();
		waited = true;
		goto again;
	}
	return -ENOSPC;
}

/* A member left: its slot is free after the current grace period. RTNL. */
void lbfo_slot_free(struct lbfo_team *team, unsigned int slot)
{
	ASSERT_RTNL();
	__clear_bit(slot, team->slots_used);
	team->slot_freed[slot] = get_state_synchronize_rcu();
}

/**
 * lbfo_member_buckets() - how many flow buckets a member carries
 * @member: the member
 *
 * Return: the count (port buckets for hyperv-port).
 */
unsigned int lbfo_member_buckets(const struct lbfo_member *member)
{
	const struct lbfo_team *team = member->team;
	unsigned int b, n = 0;

	for (b = 0; b < LBFO_BUCKETS; b++) {
		u8 slot = team->p.lb == LBFO_LB_HYPERV_PORT ?
			  READ_ONCE(team->port_slot[b]) :
			  READ_ONCE(team->buckets[b].slot);

		n += slot == member->slot;
	}
	return n;
}
