// SPDX-License-Identifier: GPL-2.0
/*
 * Team members: joining, leaving, roles and states.
 *
 * Everything here runs under RTNL. A member is published to the data paths
 * in two places: as the rx_handler_data of its device (receive) and in the
 * team's txmap (transmit). Joining publishes it last; leaving unpublishes it
 * first and frees it after an RCU grace period.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/stringify.h>
#include <linux/u64_stats_sync.h>

#include "datapath.h"
#include "device.h"
#include "member.h"
#include "netlink.h"
#include "state.h"

/**
 * lbfo_member_get_rtnl() - the membership of a device, if it is in a team
 * @dev: any net_device
 *
 * Context: RTNL.
 * Return: the member, or NULL if @dev is not a member of an lbfo team.
 */
struct lbfo_member *lbfo_member_get_rtnl(const struct net_device *dev)
{
	ASSERT_RTNL();
	if (rcu_access_pointer(dev->rx_handler) != lbfo_handle_frame)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

/*
 * The team changes its members' MTU and MAC address itself; the notifier
 * refuses anybody else (team->changing_member tells them apart).
 */
int lbfo_member_set_mtu(struct lbfo_member *member, unsigned int mtu,
			struct netlink_ext_ack *extack)
{
	struct lbfo_team *team = member->team;
	struct net_device *pdev = member->dev;
	int err;

	/* A max_mtu of 0 means no limit, as in dev_validate_mtu(). */
	if (pdev->max_mtu && mtu > pdev->max_mtu) {
		NL_SET_ERR_MSG_MOD(extack,
				   "The team's MTU is larger than the device's maximum MTU");
		return -EINVAL;
	}
	if (mtu < pdev->min_mtu) {
		NL_SET_ERR_MSG_MOD(extack,
				   "The team's MTU is smaller than the device's minimum MTU");
		return -EINVAL;
	}
	team->changing_member = true;
	err = dev_set_mtu(pdev, mtu);
	team->changing_member = false;
	if (err)
		NL_SET_ERR_MSG_MOD(extack, "Device refused the team's MTU");
	return err;
}

int lbfo_member_set_mac(struct lbfo_member *member, const u8 *addr,
			struct netlink_ext_ack *extack)
{
	struct net_device *pdev = member->dev;
	struct lbfo_team *team = member->team;
	struct sockaddr_storage ss;
	int err;

	if (ether_addr_equal(pdev->dev_addr, addr))
		return 0;
	ss.ss_family = pdev->type;
	memcpy(ss.__data, addr, ETH_ALEN);
	team->changing_member = true;
	err = dev_set_mac_address(pdev, (struct sockaddr *)&ss, extack);
	if (err == -EBUSY && netif_running(pdev)) {
		/* Some drivers take a new address only while down. */
		dev_close(pdev);
		err = dev_set_mac_address(pdev, (struct sockaddr *)&ss, extack);
		if (dev_open(pdev, NULL) && !err)
			err = -EIO;
	}
	team->changing_member = false;
	return err;
}

/**
 * lbfo_member_take_addr() - make a member receive the team's MAC address
 * @member: the member
 * @addr: the team's address
 * @extack: where to say why a refusal happened
 *
 * Static and lacp modes: the member takes the address. Switch-independent
 * mode: the member keeps its own and gets the team's in its unicast filter,
 * since frames for the team arrive on whichever member its address is
 * affine to.
 *
 * Context: RTNL.
 * Return: 0 or a negative error code.
 */
int lbfo_member_take_addr(struct lbfo_member *member, const u8 *addr,
			  struct netlink_ext_ack *extack)
{
	int err;

	if (member->team->p.mode == LBFO_MODE_SWITCH_INDEPENDENT) {
		err = dev_uc_add(member->dev, addr);
		if (err)
			NL_SET_ERR_MSG_MOD(extack,
					   "Device refused the team's MAC address in its filter");
		return err;
	}
	err = lbfo_member_set_mac(member, addr, extack);
	if (err && extack && !extack->_msg)
		NL_SET_ERR_MSG_MOD(extack, "Device refused the team's MAC address");
	return err;
}

/* Undo lbfo_member_take_addr(); in static and lacp modes, give back its own. */
void lbfo_member_give_addr(struct lbfo_member *member, const u8 *addr)
{
	struct net_device *pdev = member->dev;

	if (member->team->p.mode == LBFO_MODE_SWITCH_INDEPENDENT) {
		dev_uc_del(pdev, addr);
		return;
	}
	if (lbfo_member_set_mac(member, member->orig_addr, NULL))
		netdev_warn(member->team->dev,
			    "%s: could not restore its MAC address %pM\n",
			    pdev->name, member->orig_addr);
}

/**
 * lbfo_member_sync_flags() - pass the team's promiscuity and allmulti on
 * @member: the member
 *
 * The member's counts carry one from the team while the team is
 * promiscuous (allmulti). What was added is remembered, so it is taken back
 * exactly, even if the team's flags changed while it was down (the core
 * tells a device about flag changes only while it is up).
 *
 * Context: RTNL.
 * Return: 0 or a negative error code.
 */
int lbfo_member_sync_flags(struct lbfo_member *member)
{
	unsigned int flags = member->team->dev->flags;
	bool promisc = flags & IFF_PROMISC, allmulti = flags & IFF_ALLMULTI;
	int err;

	if (promisc != member->promisc) {
		err = dev_set_promiscuity(member->dev, promisc ? 1 : -1);
		if (err)
			return err;
		member->promisc = promisc;
	}
	if (allmulti != member->allmulti) {
		err = dev_set_allmulti(member->dev, allmulti ? 1 : -1);
		if (err)
			return err;
		member->allmulti = allmulti;
	}
	return 0;
}

/* Take back what lbfo_member_sync_flags() added. */
static void lbfo_member_unsync_flags(struct lbfo_member *member)
{
	if (member->promisc)
		dev_set_promiscuity(member->dev, -1);
	if (member->allmulti)
		dev_set_allmulti(member->dev, -1);
	member->promisc = false;
	member->allmulti = false;
}

/* Refusals that leave everything unchanged; the message says why. */
static int lbfo_member_check(struct lbfo_team *team, struct net_device *pdev,
			     struct netlink_ext_ack *extack)
{
	struct net_device *dev = team->dev;

	if (pdev == dev) {
		NL_SET_ERR_MSG_MOD(extack, "A team cannot be a member of itself");
		return -EINVAL;
	}
	if (pdev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG_MOD(extack, "Loopback devices cannot be team members");
		return -EINVAL;
	}
	if (pdev->type != ARPHRD_ETHER || pdev->addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG_MOD(extack, "Only Ethernet devices can be team members");
		return -EINVAL;
	}
	if (netdev_master_upper_dev_get(pdev)) {
		NL_SET_ERR_MSG_MOD(extack, "Device already has a master (team, bond or bridge)");
		return -EBUSY;
	}
	if (netdev_has_upper_dev(dev, pdev)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "Device is stacked above this team: joining would make a loop");
		return -ELOOP;
	}
	if (netdev_is_rx_handler_busy(pdev)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "Device is in use by another upper device (macvlan, ipvlan, bridge or switch port)");
		return -EBUSY;
	}
	if (team->member_count >= LBFO_MAX_MEMBERS) {
		NL_SET_ERR_MSG_MOD(extack, "Team already has the maximum number of members ("
				   __stringify(LBFO_MAX_MEMBERS) ")");
		return -ENOSPC;
	}
	if ((pdev->features & NETIF_F_VLAN_CHALLENGED) && vlan_uses_dev(dev)) {
		NL_SET_ERR_MSG_MOD(extack, "Device cannot carry VLANs and the team has VLANs");
		return -EPERM;
	}
	return 0;
}

/*
 * In static and lacp modes, the first member lends its MAC address to a team
 * that has a random one. Not in switch-independent mode, where members keep
 * their own addresses: the team's must then differ from all of them.
 */
static void lbfo_team_adopt_addr(struct lbfo_team *team,
				 struct net_device *pdev)
{
	struct net_device *dev = team->dev;

	if (team->member_count || dev->addr_assign_type != NET_ADDR_RANDOM ||
	    team->p.mode == LBFO_MODE_SWITCH_INDEPENDENT)
		return;
	eth_hw_addr_set(dev, pdev->dev_addr);
	dev->addr_assign_type = NET_ADDR_STOLEN;
	call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
}

/*
 * A team left empty gives back the address it borrowed (and will borrow its
 * next first member's); one that still has members keeps it, since changing
 * it would disrupt every peer, but warns if the leaving device owns it.
 */
static void lbfo_team_unadopt_addr(struct lbfo_team *team, const u8 *addr)
{
	struct net_device *dev = team->dev;

	if (dev->addr_assign_type != NET_ADDR_STOLEN ||
	    dev->reg_state != NETREG_REGISTERED)
		return;
	if (!team->member_count) {
		eth_hw_addr_random(dev);
		call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
	} else if (ether_addr_equal(dev->dev_addr, addr)) {
		netdev_warn(dev,
			    "still uses %pM, the MAC address of a former member; set another one to avoid conflicts\n",
			    addr);
	}
}

static void lbfo_member_free_rcu(struct rcu_head *head)
{
	struct lbfo_member *member = container_of(head, struct lbfo_member,
						  rcu);

	free_percpu(member->stats);
	kfree(member);
}

/**
 * lbfo_member_add() - make a device a member of a team
 * @team: the team
 * @pdev: the device joining, in the team's network namespace
 * @role: its role, enum lbfo_member_role (validated by the caller)
 * @admin_up: whether the team may use it
 * @extack: where to say why a refusal happened
 *
 * The device takes the team's MTU and MAC address and is opened. On any
 * error, everything done is undone.
 *
 * Context: RTNL.
 * Return: 0 or a negative error code.
 */
int lbfo_member_add(struct lbfo_team *team, struct net_device *pdev,
		    u8 role, bool admin_up, struct netlink_ext_ack *extack)
{
	struct netdev_lag_upper_info lag_info = {
		.tx_type = NETDEV_LAG_TX_TYPE_HASH,
		.hash_type = NETDEV_LAG_HASH_UNKNOWN,
	};
	struct net_device *dev = team->dev;
	u8 team_addr[ETH_ALEN];
	struct lbfo_member *member;
	int err;

	ASSERT_RTNL();
	err = lbfo_member_check(team, pdev, extack);
	if (err)
		return err;

	member = kzalloc(sizeof(*member), GFP_KERNEL);
	if (!member)
		return -ENOMEM;
	member->stats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!member->stats) {
		err = -ENOMEM;
		goto err_free;
	}
	member->team = team;
	member->dev = pdev;
	member->role = role;
	member->admin_up = admin_up;
	member->state = LBFO_STATE_DOWN;
	member->probe_since_ns = ktime_get_ns();
	member->was_up = pdev->flags & IFF_UP;
	member->orig_mtu = pdev->mtu;
	ether_addr_copy(member->orig_addr, pdev->dev_addr);
	member->lacp_prio = LBFO_LACP_PORT_PRIO_DEFAULT;
	member->lacp_key = LBFO_LACP_KEY_DEFAULT;

	err = lbfo_slot_alloc(team);
	if (err < 0)
		goto err_free;
	member->slot = err;

	ether_addr_copy(team_addr, dev->dev_addr);
	lbfo_team_adopt_addr(team, pdev);

	err = lbfo_member_set_mtu(member, dev->mtu, extack);
	if (err)
		goto err_unadopt;

	/* Before dev_open(), so that IPv6 does not configure the member. */
	pdev->flags |= IFF_SLAVE;
	err = dev_open(pdev, extack);
	if (err)
		goto err_restore_mtu;
	/*
	 * After dev_open(): some devices (QEMU's vmxnet3) forget an address
	 * set while they were down when they are opened.
	 */
	err = lbfo_member_take_addr(member, dev->dev_addr, extack);
	if (err)
		goto err_close;

	err = vlan_vids_add_by_dev(pdev, dev);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "Device refused the team's VLAN filters");
		goto err_restore_mac;
	}
	if (!(dev->features & NETIF_F_LRO))
		dev_disable_lro(pdev);

	err = netdev_rx_handler_register(pdev, lbfo_handle_frame, member);
	if (err)
		goto err_vids;
	err = netdev_master_upper_dev_link(pdev, dev, member, &lag_info,
					   extack);
	if (err)
		goto err_rx_handler;

	err = lbfo_member_sync_flags(member);
	if (err)
		goto err_flags;
	err = lbfo_lacp_port_open(member);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack,
				   "Device refused the Slow Protocols multicast address");
		goto err_flags;
	}

	netdev_hold(pdev, &member->dev_tracker, GFP_KERNEL);
	list_add_tail_rcu(&member->list, &team->members);
	team->member_count++;
	/* After the list insertion: a concurrent ndo_set_rx_mode sees it. */
	if (dev->flags & IFF_UP) {
		netif_addr_lock_bh(dev);
		dev_uc_sync_multiple(pdev, dev);
		dev_mc_sync_multiple(pdev, dev);
		netif_addr_unlock_bh(dev);
	}

	lbfo_compute_features(team);
	lbfo_member_read_speed(member);
	lbfo_lacp_port_init(member);
	netdev_info(dev, "%s joined the team\n", pdev->name);
	lbfo_nl_member_event(member, LBFO_CMD_MEMBER_ADD);
	lbfo_team_refresh(team, member, LBFO_REASON_JOIN);
	return 0;

err_flags:
	lbfo_member_unsync_flags(member);
	netdev_upper_dev_unlink(pdev, dev);
err_rx_handler:
	netdev_rx_handler_unregister(pdev);
err_vids:
	vlan_vids_del_by_dev(pdev, dev);
err_restore_mac:
	lbfo_member_give_addr(member, dev->dev_addr);
err_close:
	if (!member->was_up)
		dev_close(pdev);
err_restore_mtu:
	pdev->flags &= ~IFF_SLAVE;
	lbfo_member_set_mtu(member, member->orig_mtu, NULL);
err_unadopt:
	if (!ether_addr_equal(dev->dev_addr, team_addr)) {
		eth_hw_addr_set(dev, team_addr);
		dev->addr_assign_type = NET_ADDR_RANDOM;
		call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
	}
	lbfo_slot_free(team, member->slot);
err_free:
	free_percpu(member->stats);
	kfree(member);
	return err;
}

/**
 * lbfo_member_del() - remove a member from its team
 * @member: the member
 * @unregistering: the member device is going away (unregistered, or moved to
 *	another network namespace, which returns physical NICs to the initial
 *	one when their namespace dies); it is already closed, and its MTU is
 *	restored without notifying anyone, since an MTU event for a device that
 *	is leaving its namespace can leak references to it.
 *
 * The device gets back its MAC address, its MTU and (unless it is going
 * away) its up/down state from before it joined.
 *
 * Context: RTNL.
 */
void lbfo_member_del(struct lbfo_member *member, bool unregistering)
{
	struct lbfo_team *team = member->team;
	struct net_device *pdev = member->dev;
	struct net_device *dev = team->dev;

	ASSERT_RTNL();
	/* Unpublish from the transmit path first: a new txmap without it. */
	list_del_rcu(&member->list);
	team->member_count--;
	lbfo_team_refresh(team, member, LBFO_REASON_LEAVE);

	lbfo_member_unsync_flags(member);
	lbfo_lacp_port_close(member);
	/* These take the team's address lock themselves. */
	dev_uc_unsync(pdev, dev);
	dev_mc_unsync(pdev, dev);

	netdev_upper_dev_unlink(pdev, dev);
	/* Waits for the receive path to stop using the member. */
	netdev_rx_handler_unregister(pdev);
	vlan_vids_del_by_dev(pdev, dev);
	pdev->flags &= ~IFF_SLAVE;

	lbfo_member_give_addr(member, dev->dev_addr);
	if (unregistering) {
		__dev_set_mtu(pdev, member->orig_mtu);
	} else {
		if (lbfo_member_set_mtu(member, member->orig_mtu, NULL))
			netdev_warn(dev, "%s: could not restore its MTU %u\n",
				    pdev->name, member->orig_mtu);
		if (!member->was_up)
			dev_close(pdev);
	}
	lbfo_team_unadopt_addr(team, member->orig_addr);
	lbfo_compute_features(team);
	netdev_info(dev, "%s left the team\n", pdev->name);
	lbfo_nl_member_event(member, LBFO_CMD_MEMBER_DEL);

	lbfo_slot_free(team, member->slot);
	netdev_put(pdev, &member->dev_tracker);
	/* Transmitters may still hold it through the old txmap. */
	call_rcu(&member->rcu, lbfo_member_free_rcu);
}

/**
 * lbfo_member_set_role() - configure a member as active or standby
 * @member: the member
 * @role: enum lbfo_member_role, already validated
 *
 * Context: RTNL.
 */
void lbfo_member_set_role(struct lbfo_member *member, u8 role)
{
	ASSERT_RTNL();
	if (member->role == role)
		return;
	member->role = role;
	lbfo_nl_member_event(member, LBFO_CMD_MEMBER_SET);
	lbfo_team_refresh(member->team, member, LBFO_REASON_ROLE);
}

/**
 * lbfo_member_set_admin() - let the team use a member, or not
 * @member: the member
 * @up: true if the team may use it
 *
 * An administratively down member stays in the team (and its device stays
 * up) but is in state "down" and carries nothing.
 *
 * Context: RTNL.
 */
void lbfo_member_set_admin(struct lbfo_member *member, bool up)
{
	ASSERT_RTNL();
	if (member->admin_up == up)
		return;
	member->admin_up = up;
	lbfo_nl_member_event(member, LBFO_CMD_MEMBER_SET);
	lbfo_team_refresh(member->team, member,
			  up ? LBFO_REASON_ADMIN_UP : LBFO_REASON_ADMIN_DOWN);
}

/**
 * lbfo_member_set_weight() - set a member's share of the load
 * @member: the member
 * @weight: relative weight, 0 for its link speed (validated by the caller)
 *
 * Context: RTNL.
 */
void lbfo_member_set_weight(struct lbfo_member *member, u32 weight)
{
	ASSERT_RTNL();
	if (member->weight == weight)
		return;
	member->weight = weight;
	lbfo_nl_member_event(member, LBFO_CMD_MEMBER_SET);
	lbfo_team_refresh(member->team, member, LBFO_REASON_ROLE);
}

/**
 * lbfo_member_set_lacp() - set a member's LACP port priority and key
 * @member: the member
 * @prio: port priority, or -1 to leave it
 * @key: key, or -1 to leave it (both validated by the caller)
 *
 * The next LACPDU says the new values; a new key may move the member to
 * another aggregation group.
 *
 * Context: RTNL.
 */
void lbfo_member_set_lacp(struct lbfo_member *member, int prio, int key)
{
	ASSERT_RTNL();
	if ((prio < 0 || member->lacp_prio == prio) &&
	    (key < 0 || member->lacp_key == key))
		return;
	if (prio >= 0)
		member->lacp_prio = prio;
	if (key >= 0)
		member->lacp_key = key;
	lbfo_nl_member_event(member, LBFO_CMD_MEMBER_SET);
	lbfo_team_refresh(member->team, member, LBFO_REASON_ROLE);
}

/**
 * lbfo_member_counters() - sum a member's per-CPU counters
 * @member: the member
 * @c: filled with the sums
 *
 * Context: any; the counters are read without locks.
 */
void lbfo_member_counters(const struct lbfo_member *member,
			  struct lbfo_member_counters *c)
{
	unsigned int start;
	int cpu;

	memset(c, 0, sizeof(*c));
	for_each_possible_cpu(cpu) {
		const struct pcpu_sw_netstats *s = per_cpu_ptr(member->stats,
							       cpu);
		u64 tx_packets, tx_bytes, rx_packets, rx_bytes;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			tx_packets = u64_stats_read(&s->tx_packets);
			tx_bytes = u64_stats_read(&s->tx_bytes);
			rx_packets = u64_stats_read(&s->rx_packets);
			rx_bytes = u64_stats_read(&s->rx_bytes);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		c->tx_packets += tx_packets;
		c->tx_bytes += tx_bytes;
		c->rx_packets += rx_packets;
		c->rx_bytes += rx_bytes;
	}
}
