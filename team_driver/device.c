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
#include "lacp.h"
#include "member.h"
#include "balancer.h"
#include "netlink.h"
#include "probe.h"
#include "state.h"
#include "offload/features.h"

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
	struct lbfo_team *team = netdev_priv(dev);

	int err = -ENOMEM;

	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
	err = lbfo_state_init(team);
	if (err)
		goto free_tstats;
	err = lbfo_balancer_init(team);
	if (err)
		goto free_state;
	lbfo_probe_init(team);
	lbfo_lacp_init(team);
	netdev_lockdep_set_classes(dev);
	netif_carrier_off(dev);
	return 0;

free_state:
	lbfo_state_free(team);
free_tstats:
	free_percpu(dev->tstats);
	dev->tstats = NULL;
	return err;
}

/* Start or stop the periodic works as the parameters and state say. */
void lbfo_works_update(struct lbfo_team *team)
{
	ASSERT_RTNL();
	lbfo_balancer_update(team);
	lbfo_probe_update(team);
}

/* Promiscuity and allmulti of the team, passed to every member. RTNL. */
static void lbfo_sync_members_flags(struct lbfo_team *team)
{
	struct lbfo_member *member;

	ASSERT_RTNL();
	list_for_each_entry(member, &team->members, list)
		if (lbfo_member_sync_flags(member))
			netdev_warn(team->dev, "%s refused the team's promiscuity or allmulti\n",
				    member->dev->name);
}

static int lbfo_open(struct net_device *dev)
{
	struct lbfo_team *team = netdev_priv(dev);

	/* Flag changes made while the team was down reached no member. */
	lbfo_sync_members_flags(team);
	lbfo_works_update(team);
	return 0;
}

/*
 * The team's address lists reach its members only while it is up (the core
 * calls ndo_set_rx_mode only then): take them back when it goes down, or
 * an address removed while it is down would stay on the members for good.
 */
static int lbfo_stop(struct net_device *dev)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_member *member;

	list_for_each_entry(member, &team->members, list) {
		dev_uc_unsync(member->dev, dev);
		dev_mc_unsync(member->dev, dev);
	}
	lbfo_works_update(team);
	return 0;
}

/* Unregistration (ip link del, rmmod, netns exit): release every member. */
static void lbfo_uninit(struct net_device *dev)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_member *member, *tmp;

	lbfo_balancer_stop(team);
	lbfo_probe_stop(team);
	list_for_each_entry_safe(member, tmp, &team->members, list)
		lbfo_member_del(member, false);
	lbfo_state_stop(team);
	lbfo_lacp_stop(team);
	lbfo_nl_team_event(team, LBFO_CMD_TEAM_DEL);
}

static void lbfo_destructor(struct net_device *dev)
{
	struct lbfo_team *team = netdev_priv(dev);

	lbfo_balancer_free(team);
	lbfo_state_free(team);
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

/* Switch-independent: members keep theirs; swap the team's in filters. */
static int lbfo_si_set_mac(struct lbfo_team *team, const u8 *addr)
{
	struct net_device *dev = team->dev;
	struct lbfo_member *member;
	int err;

	list_for_each_entry(member, &team->members, list) {
		err = dev_uc_add(member->dev, addr);
		if (err)
			goto unwind;
	}
	list_for_each_entry(member, &team->members, list)
		dev_uc_del(member->dev, dev->dev_addr);
	eth_hw_addr_set(dev, addr);
	return 0;

unwind:
	list_for_each_entry_continue_reverse(member, &team->members, list)
		dev_uc_del(member->dev, addr);
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
	if (team->p.mode == LBFO_MODE_SWITCH_INDEPENDENT)
		return lbfo_si_set_mac(team, sa->sa_data);
	list_for_each_entry(member, &team->members, list) {
		err = lbfo_member_set_mac(member, sa->sa_data, NULL);
		if (err) {
			netdev_err(dev, "%s refused MAC address %pM: %d\n",
				   member->dev->name, sa->sa_data, err);
			goto unwind;
		}
	}
	eth_hw_addr_set(dev, sa->sa_data);
	/* LACP: the actor system may be the team's address. */
	if (team->p.mode == LBFO_MODE_LACP)
		lbfo_team_refresh(team, NULL, LBFO_REASON_NONE);
	return 0;

unwind:
	list_for_each_entry_continue_reverse(member, &team->members, list)
		lbfo_member_set_mac(member, dev->dev_addr, NULL);
	return err;
}

static void lbfo_change_rx_flags(struct net_device *dev, int change)
{
	lbfo_sync_members_flags(netdev_priv(dev));
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
	.ndo_open		= lbfo_open,
	.ndo_stop		= lbfo_stop,
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

/**
 * lbfo_params_default() - the parameters of a new team
 * @p: filled with the defaults of the uapi
 */
void lbfo_params_default(struct lbfo_params *p)
{
	memset(p, 0, sizeof(*p));
	p->mode = LBFO_MODE_SWITCH_INDEPENDENT;
	p->lb = LBFO_LB_DYNAMIC;
	p->hash_fields = LBFO_HASH_PORTS;
	p->flowlet_gap_us = LBFO_FLOWLET_GAP_DEFAULT;
	p->balance_interval_ms = LBFO_BALANCE_INTERVAL_DEFAULT;
	p->balance_threshold = LBFO_BALANCE_THRESHOLD_DEFAULT;
	p->probe_missed = LBFO_PROBE_MISSED_DEFAULT;
	p->min_links = LBFO_MIN_LINKS_DEFAULT;
	p->lacp_sys_prio = LBFO_LACP_SYS_PRIO_DEFAULT;
	p->lacp_rate = LBFO_LACP_RATE_FAST;
	p->lacp_active = 1;
}

/**
 * lbfo_params_check() - can a team take these parameters?
 * @team: the team
 * @p: all of its parameters as they would be (ranges already checked by
 *	the netlink policies)
 * @extack: where to say why not
 *
 * Context: RTNL.
 * Return: 0 or a negative error code.
 */
int lbfo_params_check(const struct lbfo_team *team,
		      const struct lbfo_params *p,
		      struct netlink_ext_ack *extack)
{
	if (!is_zero_ether_addr(p->lacp_system) &&
	    !is_valid_ether_addr(p->lacp_system)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "The LACP system ID is a unicast MAC address (or all zeroes for the team's)");
		return -EINVAL;
	}
	if (p->mode != team->p.mode && team->member_count) {
		NL_SET_ERR_MSG_MOD(extack,
				   "The mode of a team can change only while it has no members");
		return -EBUSY;
	}
	if (!p->hash_fields) {
		NL_SET_ERR_MSG_MOD(extack, "Hash on at least one field");
		return -EINVAL;
	}
	if (p->probe_interval_ms && p->probe_interval_ms < LBFO_PROBE_INTERVAL_MIN) {
		NL_SET_ERR_MSG_MOD(extack,
				   "The probe interval is 0 (off) or at least 10 ms");
		return -ERANGE;
	}
	if (p->probe_interval_ms && !p->n_targets) {
		NL_SET_ERR_MSG_MOD(extack, "Probing needs at least one target");
		return -EINVAL;
	}
	return 0;
}

/**
 * lbfo_team_set_params() - change a team's parameters, all or none
 * @team: the team
 * @p: all of its parameters as they should be
 * @extack: where to say why a refusal happened
 *
 * Context: RTNL.
 * Return: 0 or a negative error code; nothing changes on error.
 */
int lbfo_team_set_params(struct lbfo_team *team, const struct lbfo_params *p,
			 struct netlink_ext_ack *extack)
{
	struct lbfo_params old = team->p;
	struct lbfo_member *member;
	int err;

	ASSERT_RTNL();
	err = lbfo_params_check(team, p, extack);
	if (err)
		return err;
	if (!memcmp(&old, p, sizeof(old)))
		return 0;
	WRITE_ONCE(team->p.mode, p->mode);
	WRITE_ONCE(team->p.lb, p->lb);
	WRITE_ONCE(team->p.hash_fields, p->hash_fields);
	WRITE_ONCE(team->p.flowlet_gap_us, p->flowlet_gap_us);
	team->p.balance_interval_ms = p->balance_interval_ms;
	team->p.balance_threshold = p->balance_threshold;
	team->p.updelay_ms = p->updelay_ms;
	team->p.downdelay_ms = p->downdelay_ms;
	team->p.probe_missed = p->probe_missed;
	team->p.n_targets = p->n_targets;
	memcpy(team->p.targets, p->targets, sizeof(p->targets));
	if (p->probe_interval_ms != old.probe_interval_ms)
		list_for_each_entry(member, &team->members, list)
			member->probe_since_ns = ktime_get_ns();
	WRITE_ONCE(team->p.probe_interval_ms, p->probe_interval_ms);
	team->p.min_links = p->min_links;
	team->p.lacp_sys_prio = p->lacp_sys_prio;
	memcpy(team->p.lacp_system, p->lacp_system, ETH_ALEN);
	team->p.lacp_rate = p->lacp_rate;
	team->p.lacp_active = p->lacp_active;
	team->p.lacp_independent = p->lacp_independent;
	team->p.lacp_mixed_speed = p->lacp_mixed_speed;
	team->p.lacp_fallback = p->lacp_fallback;

	lbfo_nl_team_event(team, LBFO_CMD_TEAM_SET);
	lbfo_team_refresh(team, NULL, LBFO_REASON_NONE);
	lbfo_works_update(team);
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
	lbfo_params_default(&team->p);

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
