// SPDX-License-Identifier: GPL-2.0
/*
 * Learning frames: when a virtual switch port's bucket moves to another
 * member (switch-independent, hyperv-port or dynamic), the addresses last
 * seen from it are announced on the new member, so that the physical
 * switches send its inbound traffic there at once rather than when the VM
 * next speaks. A learning frame has the address as both source and
 * destination and EtherType 0x9000 (Ethernet configuration testing, which
 * nobody answers): a switch learns the source and has nowhere to forward it.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>

#include "announce.h"
#include "device.h"
#include "member.h"

static void lbfo_send_learning(struct net_device *pdev, u64 seen)
{
	u16 vlan = (seen >> 48) & VLAN_VID_MASK;
	struct sk_buff *skb;
	struct ethhdr *eth;
	int i;

	skb = alloc_skb(LL_RESERVED_SPACE(pdev) + ETH_ZLEN, GFP_KERNEL);
	if (!skb)
		return;
	skb_reserve(skb, LL_RESERVED_SPACE(pdev));
	eth = skb_put_zero(skb, ETH_ZLEN);
	for (i = 0; i < ETH_ALEN; i++)
		eth->h_source[i] = seen >> (8 * (ETH_ALEN - 1 - i));
	ether_addr_copy(eth->h_dest, eth->h_source);
	eth->h_proto = htons(ETH_P_LOOPBACK);
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	skb->protocol = eth->h_proto;
	skb->priority = TC_PRIO_CONTROL;
	skb->dev = pdev;
	if (vlan)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), vlan);
	dev_queue_xmit(skb);
}

/**
 * lbfo_announce_port() - announce a port bucket's addresses on its member
 * @team: the team
 * @bucket: the port bucket that moved
 * @member: the member it moved to
 *
 * Context: RTNL.
 */
void lbfo_announce_port(struct lbfo_team *team, unsigned int bucket,
			struct lbfo_member *member)
{
	unsigned int i;

	ASSERT_RTNL();
	if (!member || team->p.mode != LBFO_MODE_SWITCH_INDEPENDENT ||
	    team->p.lb == LBFO_LB_ADDRESS_HASH)
		return;
	for (i = 0; i < LBFO_PORT_SEEN; i++) {
		u64 seen = READ_ONCE(team->port_seen[bucket][i]);

		if (seen & LBFO_SEEN_VALID)
			lbfo_send_learning(member->dev, seen);
	}
}
