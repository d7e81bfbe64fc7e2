// SPDX-License-Identifier: GPL-2.0
/*
 * The team net_device: setup, net_device_ops, offloads, member states.
 *
 * Configuration runs under RTNL. What the team asks of its members (MTU, MAC
 * address, promiscuity, address lists, VLAN filters) is applied to all of
 * them or, when one refuses, undone on those already changed.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "datapath.h"
#include "device.h"
#include "member.h"
#include "netlink.h"
#include "offload/features.h"
#include "policies/select.h"

static const char *const lbfo_state_names[] = {
	[LBFO_STATE_ACTIVE] = "active",
	[LBFO_STATE_STANDBY] = "standby",
	[LBFO_STATE_DOWN] = "down",
};

static bool lbfo_member_link_up(const struct lbfo_member *member)
{
	return netif_running(member->dev) && netif_carrier_ok(member->dev);
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
	map = kmalloc(struct_size(map, members, carriers), GFP_KERNEL);
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
	list_for_each_entry(member, &team->members, list)
		if (member->state == LBFO_STATE_ACTIVE)
			map->members[i++] = member;
	rcu_assign_pointer(team->txmap, map);
free_old:
	if (old)
		kfree_rcu(old, rcu);
}

/**
 * lbfo_team_refresh() - recompute member states, the txmap and carrier
 * @team: the team
 * @trigger: the member whose change calls for this (may have left the list
 *	already), or NULL
 * @reason: enum lbfo_reason, or LBFO_REASON_LINK
 *
 * Called whenever a member joins or leaves, changes role or admin state, or
 * its link changes. Traffic moves as soon as the new txmap is published;
 * events announce each member's new state and, if the members carrying
 * traffic changed, the failover.
 *
 * Context: RTNL.
 */
void lbfo_team_refresh(struct lbfo_team *team, struct lbfo_member *trigger,
		       int reason)
{
	struct lbfo_member *member, *link_cause = NULL;
	struct lbfo_select_in in[LBFO_MAX_MEMBERS];
	bool stale = reason == LBFO_REASON_LINK;
	u8 state[LBFO_MAX_MEMBERS];
	unsigned int n = 0, carriers;
	int link_why = 0;

	ASSERT_RTNL();
	list_for_each_entry(member, &team->members, list) {
		in[n].role = member->role;
		in[n].link_up = lbfo_member_link_up(member);
		in[n].admin_up = member->admin_up;
		n++;
	}
	carriers = lbfo_select_states(in, n, state);
	if (reason == LBFO_REASON_LINK)
		reason = trigger && !lbfo_member_link_up(trigger) ?
			 LBFO_REASON_LINK_DOWN : LBFO_REASON_LINK_UP;

	n = 0;
	list_for_each_entry(member, &team->members, list) {
		struct netdev_lag_lower_state_info info;
		u8 old = member->state, new = state[n];
		struct lbfo_member *cause = trigger;
		int why = reason;

		/*
		 * A member whose link changed since the last refresh is
		 * reported as such, even if this refresh is for another
		 * member: its own link event may come later and find
		 * nothing left to change.
		 */
		if (member->link_up != in[n].link_up) {
			if (member == trigger) {
				stale = false;
			} else {
				cause = member;
				why = in[n].link_up ? LBFO_REASON_LINK_UP :
				      LBFO_REASON_LINK_DOWN;
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

	if (!lbfo_txmap_current(team, rtnl_dereference(team->txmap),
				carriers)) {
		lbfo_txmap_publish(team, carriers);
		/* A link event of a member whose link did not change. */
		if (stale && link_cause)
			lbfo_nl_failover_event(team, carriers, link_why,
					       link_cause);
		else
			lbfo_nl_failover_event(team, carriers, reason, trigger);
	}

	if (carriers)
		netif_carrier_on(team->dev);
	else
		netif_carrier_off(team->dev);
}

static void lbfo_member_feat(const struct net_device *pdev,
			     struct lbfo_feat *f)
{
	const unsigned int release = IFF_XMIT_DST_RELEASE |
				     IFF_XMIT_DST_RELEASE_PERM;

	f->features = pdev->features;
	f->vlan_features = pdev->vlan_features;
	f->hw_enc_features = pdev->hw_enc_features;
	f->mpls_features = pdev->mpls_features;
	f->tso_max_size = pdev->tso_max_size;
	f->tso_max_segs = pdev->tso_max_segs;
	f->min_mtu = pdev->min_mtu;
	f->max_mtu = pdev->max_mtu;
	f->hard_header_len = pdev->hard_header_len;
	f->needed_headroom = pdev->needed_headroom;
	f->needed_tailroom = pdev->needed_tailroom;
	f->dst_release = (pdev->priv_flags & release) == release;
}

static struct lbfo_feat lbfo_fold_members(struct lbfo_team *team,
					  netdev_features_t wanted)
{
	struct lbfo_member *member;
	struct lbfo_feat acc, f;

	lbfo_feat_init(&acc, wanted);
	list_for_each_entry(member, &team->members, list) {
		lbfo_member_feat(member->dev, &f);
		lbfo_feat_add(&acc, &f, wanted);
	}
	lbfo_feat_done(&acc, wanted);
	return acc;
}

/**
 * lbfo_compute_features() - derive the team's offloads from its members
 * @team: the team
 *
 * Sets everything but dev->features here, then lets the core recompute
 * dev->features through ndo_fix_features.
 *
 * Context: RTNL.
 */
void lbfo_compute_features(struct lbfo_team *team)
{
	struct net_device *dev = team->dev;
	struct lbfo_feat acc;

	ASSERT_RTNL();
	acc = lbfo_fold_members(team, dev->wanted_features);
	dev->vlan_features = acc.vlan_features;
	dev->hw_enc_features = acc.hw_enc_features;
	dev->mpls_features = acc.mpls_features;
	netif_set_tso_max_size(dev, acc.tso_max_size);
	netif_set_tso_max_segs(dev, acc.tso_max_segs);
	dev->min_mtu = acc.min_mtu;
	dev->max_mtu = acc.max_mtu;
	dev->hard_header_len = acc.hard_header_len;
	dev->needed_headroom = acc.needed_headroom;
	dev->needed_tailroom = acc.needed_tailroom;
	if (acc.dst_release && (dev->priv_flags & IFF_XMIT_DST_RELEASE_PERM))
		dev->priv_flags |= IFF_XMIT_DST_RELEASE;
	else
		dev->priv_flags &= ~IFF_XMIT_DST_RELEASE;
	netdev_change_features(dev);
}

static netdev_features_t lbfo_fix_features(struct net_device *dev,
					   netdev_features_t features)
{
	return lbfo_fold_members(netdev_priv(dev), features).features;
}

static int lbfo_init(struct net_device *dev)
{
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
	netdev_lockdep_set_classes(dev);
	netif_carrier_off(dev);
	return 0;
}

/* Unregistration (ip link del, rmmod, netns exit): release every member. */
static void lbfo_uninit(struct net_device *dev)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_member *member, *tmp;

	list_for_each_entry_safe(member, tmp, &team->members, list)
		lbfo_member_del(member, false);
	lbfo_nl_team_event(team, LBFO_CMD_TEAM_DEL);
}

static void lbfo_destructor(struct net_device *dev)
{
	free_percpu(dev->tstats);
}

static int lbfo_add_slave(struct net_device *dev, struct net_device *pdev,
			  struct netlink_ext_ack *extack)
{
	return lbfo_member_add(netdev_priv(dev), pdev, LBFO_ROLE_ACTIVE, true,
			       extack);
}

static int lbfo_del_slave(struct net_device *dev, struct net_device *pdev)
{
	struct lbfo_member *member = lbfo_member_get_rtnl(pdev);

	if (!member || member->team != netdev_priv(dev))
		return -ENOENT;
	lbfo_member_del(member, false);
	return 0;
}

static int lbfo_change_mtu(struct net_device *dev, int new_mtu)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_member *member;
	int err;

	list_for_each_entry(member, &team->members, list) {
		err = lbfo_member_set_mtu(member, new_mtu, NULL);
		if (err) {
			netdev_err(dev, "%s refused MTU %d: %d\n",
				   member->dev->name, new_mtu, err);
			goto unwind;
		}
	}
	WRITE_ONCE(dev->mtu, new_mtu);
	return 0;

unwind:
	list_for_each_entry_continue_reverse(member, &team->members, list)
		lbfo_member_set_mtu(member, dev->mtu, NULL);
	return err;
}

static int lbfo_set_mac_address(struct net_device *dev, void *p)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_member *member;
	struct sockaddr *sa = p;
	int err;

	if (!is_valid_ether_addr(sa->sa_data))
		return -EADDRNOTAVAIL;
	list_for_each_entry(member, &team->members, list) {
		err = lbfo_member_set_mac(member, sa->sa_data, NULL);
		if (err) {
			netdev_err(dev, "%s refused MAC address %pM: %d\n",
				   member->dev->name, sa->sa_data, err);
			goto unwind;
		}
	}
	eth_hw_addr_set(dev, sa->sa_data);
	return 0;

unwind:
	list_for_each_entry_continue_reverse(member, &team->members, list)
		lbfo_member_set_mac(member, dev->dev_addr, NULL);
	return err;
}

static void lbfo_change_rx_flags(struct net_device *dev, int change)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_member *member;
	int inc;

	ASSERT_RTNL();
	list_for_each_entry(member, &team->members, list) {
		if (change & IFF_PROMISC) {
			inc = dev->flags & IFF_PROMISC ? 1 : -1;
			dev_set_promiscuity(member->dev, inc);
		}
		if (change & IFF_ALLMULTI) {
			inc = dev->flags & IFF_ALLMULTI ? 1 : -1;
			dev_set_allmulti(member->dev, inc);
		}
	}
}

/* Called with the team's address lock held, not RTNL. */
static void lbfo_set_rx_mode(struct net_device *dev)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_member *member;

	rcu_read_lock();
	list_for_each_entry_rcu(member, &team->members, list) {
		dev_uc_sync_multiple(member->dev, dev);
		dev_mc_sync_multiple(member->dev, dev);
	}
	rcu_read_unlock();
}

static int lbfo_vlan_rx_add_vid(struct net_device *dev, __be16 proto, u16 vid)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_member *member;
	int err;

	list_for_each_entry(member, &team->members, list) {
		err = vlan_vid_add(member->dev, proto, vid);
		if (err)
			goto unwind;
	}
	return 0;

unwind:
	list_for_each_entry_continue_reverse(member, &team->members, list)
		vlan_vid_del(member->dev, proto, vid);
	return err;
}

static int lbfo_vlan_rx_kill_vid(struct net_device *dev, __be16 proto,
				 u16 vid)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_member *member;

	list_for_each_entry(member, &team->members, list)
		vlan_vid_del(member->dev, proto, vid);
	return 0;
}

static const struct net_device_ops lbfo_netdev_ops = {
	.ndo_init		= lbfo_init,
	.ndo_uninit		= lbfo_uninit,
	.ndo_start_xmit		= lbfo_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_add_slave		= lbfo_add_slave,
	.ndo_del_slave		= lbfo_del_slave,
	.ndo_change_mtu		= lbfo_change_mtu,
	.ndo_set_mac_address	= lbfo_set_mac_address,
	.ndo_change_rx_flags	= lbfo_change_rx_flags,
	.ndo_set_rx_mode	= lbfo_set_rx_mode,
	.ndo_vlan_rx_add_vid	= lbfo_vlan_rx_add_vid,
	.ndo_vlan_rx_kill_vid	= lbfo_vlan_rx_kill_vid,
	.ndo_fix_features	= lbfo_fix_features,
	.ndo_features_check	= passthru_features_check,
};

bool lbfo_is_team(const struct net_device *dev)
{
	return dev->netdev_ops == &lbfo_netdev_ops;
}

/*
 * The modes and algorithms of the uapi that are implemented so far. The
 * others are refused, saying so, rather than silently behaving like these.
 */
int lbfo_team_check_mode(u8 mode, struct netlink_ext_ack *extack)
{
	if (mode != LBFO_MODE_STATIC) {
		NL_SET_ERR_MSG_MOD(extack,
				   "Only mode static is implemented so far");
		return -EOPNOTSUPP;
	}
	return 0;
}

int lbfo_team_check_lb(u8 lb, struct netlink_ext_ack *extack)
{
	if (lb != LBFO_LB_ADDRESS_HASH) {
		NL_SET_ERR_MSG_MOD(extack,
				   "Only load balancing address-hash is implemented so far");
		return -EOPNOTSUPP;
	}
	return 0;
}

/**
 * lbfo_team_set_mode() - change a team's teaming mode
 * @team: the team
 * @mode: enum lbfo_mode, within range (checked by the netlink policy)
 * @extack: where to say why a refusal happened
 *
 * Context: RTNL.
 * Return: 0 or a negative error code; nothing changes on error.
 */
int lbfo_team_set_mode(struct lbfo_team *team, u8 mode,
		       struct netlink_ext_ack *extack)
{
	int err = lbfo_team_check_mode(mode, extack);

	ASSERT_RTNL();
	if (err || team->mode == mode)
		return err;
	team->mode = mode;
	lbfo_nl_team_event(team, LBFO_CMD_TEAM_SET);
	return 0;
}

/**
 * lbfo_team_set_lb() - change a team's load-balancing algorithm
 * @team: the team
 * @lb: enum lbfo_lb, within range (checked by the netlink policy)
 * @extack: where to say why a refusal happened
 *
 * Context: RTNL.
 * Return: 0 or a negative error code; nothing changes on error.
 */
int lbfo_team_set_lb(struct lbfo_team *team, u8 lb,
		     struct netlink_ext_ack *extack)
{
	int err = lbfo_team_check_lb(lb, extack);

	ASSERT_RTNL();
	if (err || team->lb == lb)
		return err;
	team->lb = lb;
	lbfo_nl_team_event(team, LBFO_CMD_TEAM_SET);
	return 0;
}

/**
 * lbfo_setup() - rtnl_link_ops.setup: initialise a new team device
 * @dev: the team device, not yet registered
 */
void lbfo_setup(struct net_device *dev)
{
	struct lbfo_team *team = netdev_priv(dev);

	ether_setup(dev);
	team->dev = dev;
	INIT_LIST_HEAD(&team->members);
	team->mode = LBFO_MODE_STATIC;
	team->lb = LBFO_LB_ADDRESS_HASH;

	dev->netdev_ops = &lbfo_netdev_ops;
	dev->ethtool_ops = &lbfo_ethtool_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = lbfo_destructor;

	dev->flags |= IFF_MASTER;
	dev->priv_flags |= IFF_UNICAST_FLT | IFF_NO_QUEUE;
	/* Set again by lbfo_compute_features() when every member allows it. */
	dev->priv_flags &= ~(IFF_XMIT_DST_RELEASE | IFF_TX_SKB_SHARING);

	dev->features |= NETIF_F_LLTX | NETIF_F_NETNS_LOCAL;
	dev->hw_features = LBFO_VLAN_FEATURES |
			   NETIF_F_HW_VLAN_CTAG_RX | NETIF_F_HW_VLAN_CTAG_FILTER |
			   NETIF_F_HW_VLAN_STAG_RX | NETIF_F_HW_VLAN_STAG_FILTER;
	dev->features |= dev->hw_features |
			 NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_STAG_TX;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;

	eth_hw_addr_random(dev);
}
