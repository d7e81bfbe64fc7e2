// SPDX-License-Identifier: GPL-2.0
/*
 * What the transmit hash looks at in a packet.
 *
 * The kernel's flow dissector does the parsing; this file only picks what
 * the hash fields ask for and fills a struct lbfo_flow for policies/hash.c.
 * Runs in the transmit path (rcu_read_lock_bh), reads the packet only.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <net/flow_dissector.h>

#include "flow.h"

/* The VLAN a transmitted frame is tagged with, 0 if none. */
u16 lbfo_skb_vlan(const struct sk_buff *skb)
{
	const struct vlan_ethhdr *veth;
	struct vlan_ethhdr buf;

	if (skb_vlan_tag_present(skb))
		return skb_vlan_tag_get_id(skb);
	if (!eth_type_vlan(skb->protocol))
		return 0;
	veth = skb_header_pointer(skb, 0, sizeof(buf), &buf);
	return veth ? ntohs(veth->h_vlan_TCI) & VLAN_VID_MASK : 0;
}

static void lbfo_flow_fill(struct lbfo_flow_l34 *l34,
			   const struct flow_keys *keys)
{
	switch (keys->control.addr_type) {
	case FLOW_DISSECTOR_KEY_IPV4_ADDRS:
		l34->l3 = 4;
		memcpy(l34->src, &keys->addrs.v4addrs.src, 4);
		memcpy(l34->dst, &keys->addrs.v4addrs.dst, 4);
		break;
	case FLOW_DISSECTOR_KEY_IPV6_ADDRS:
		l34->l3 = 6;
		memcpy(l34->src, &keys->addrs.v6addrs.src, 16);
		memcpy(l34->dst, &keys->addrs.v6addrs.dst, 16);
		break;
	default:
		return;
	}
	l34->ip_proto = keys->basic.ip_proto;
	l34->fragment = keys->control.flags & FLOW_DIS_IS_FRAGMENT;
	l34->src_port = ntohs(keys->ports.src);
	l34->dst_port = ntohs(keys->ports.dst);
}

/*
 * An ICMP error carries the start of the packet it is about: dissect that
 * one instead, so the error takes the bucket of its flow (the hash is
 * symmetric, and the embedded packet came the other way).
 */
static void lbfo_flow_icmp_error(const struct sk_buff *skb,
				 struct flow_keys *keys)
{
	struct flow_keys inner;
	__be16 proto;
	u8 type, *t;

	if (keys->basic.ip_proto != IPPROTO_ICMP &&
	    keys->basic.ip_proto != IPPROTO_ICMPV6)
		return;
	t = skb_header_pointer(skb, keys->control.thoff, 1, &type);
	if (!t)
		return;
	if (keys->basic.ip_proto == IPPROTO_ICMP) {
		if (*t != ICMP_DEST_UNREACH && *t != ICMP_SOURCE_QUENCH &&
		    *t != ICMP_REDIRECT && *t != ICMP_TIME_EXCEEDED &&
		    *t != ICMP_PARAMETERPROB)
			return;
		proto = htons(ETH_P_IP);
	} else {
		if (*t >= ICMPV6_ECHO_REQUEST)	/* informational */
			return;
		proto = htons(ETH_P_IPV6);
	}
	memset(&inner, 0, sizeof(inner));
	/*
	 * ICMP and ICMPv6 headers are both 8 bytes before the payload. The
	 * data pointer must be given: without it the dissector starts over
	 * at the skb's own network header.
	 */
	if (__skb_flow_dissect(NULL, skb, &flow_keys_dissector, &inner,
			       skb->data, proto, keys->control.thoff + 8,
			       skb_headlen(skb),
			       FLOW_DISSECTOR_F_STOP_AT_ENCAP))
		*keys = inner;
}

/**
 * lbfo_flow_extract() - fill a flow from a packet being transmitted
 * @skb: the packet, skb->data at its Ethernet header
 * @fields: the team's LBFO_HASH_* bits: what to look at
 * @flow: filled; what is not looked at stays zero
 */
void lbfo_flow_extract(const struct sk_buff *skb, u32 fields,
		       struct lbfo_flow *flow)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	struct flow_keys keys;

	memset(flow, 0, sizeof(*flow));
	ether_addr_copy(flow->src_mac, eth->h_source);
	ether_addr_copy(flow->dst_mac, eth->h_dest);
	flow->vlan = lbfo_skb_vlan(skb);
	if (!(fields & (LBFO_HASH_IP | LBFO_HASH_PORTS | LBFO_HASH_INNER)))
		return;

	if (!skb_flow_dissect_flow_keys(skb, &keys,
					FLOW_DISSECTOR_F_STOP_AT_ENCAP))
		return;
	lbfo_flow_icmp_error(skb, &keys);
	lbfo_flow_fill(&flow->outer, &keys);

	if ((fields & LBFO_HASH_INNER) &&
	    (keys.control.flags & FLOW_DIS_ENCAPSULATION) &&
	    skb_flow_dissect_flow_keys(skb, &keys, 0))
		lbfo_flow_fill(&flow->inner, &keys);
}
