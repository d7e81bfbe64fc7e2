// SPDX-License-Identifier: GPL-2.0
/*
 * The team's data paths.
 *
 * Transmit runs under rcu_read_lock_bh() (from __dev_queue_xmit(); the team
 * is NETIF_F_LLTX with no queue), receive under rcu_read_lock() (from
 * __netif_receive_skb_core()). Neither takes a lock: members are found
 * through the team's txmap and the device's rx_handler_data, both
 * RCU-published; bucket entries are single words read and written with
 * READ_ONCE/WRITE_ONCE; counters are per CPU.
 *
 * Transmit: the algorithm picks a bucket (flow hash, or port hash for
 * hyperv-port), the bucket names a member slot, the txmap the member. In
 * switch-independent mode, a frame whose source address is affine to
 * another member is either sent there (ARP and other non-IP frames) or sent
 * with the chosen member's own address as source.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/reciprocal_div.h>
#include <linux/u64_stats_sync.h>

#include "announce.h"
#include "datapath.h"
#include "device.h"
#include "flow.h"
#include "lacp.h"
#include "member.h"
#include "probe.h"
#include "policies/balance.h"
#include "policies/buckets.h"
#include "policies/hash.h"

static void lbfo_count(struct pcpu_sw_netstats __percpu *stats, bool tx,
		       unsigned int len)
{
	struct pcpu_sw_netstats *s = this_cpu_ptr(stats);

	u64_stats_update_begin(&s->syncp);
	if (tx) {
		u64_stats_inc(&s->tx_packets);
		u64_stats_add(&s->tx_bytes, len);
	} else {
		u64_stats_inc(&s->rx_packets);
		u64_stats_add(&s->rx_bytes, len);
	}
	u64_stats_update_end(&s->syncp);
}

/* The port bucket of a frame: its switch port, or source MAC and VLAN. */
static unsigned int lbfo_port_bucket(const struct lbfo_team *team,
				     const struct sk_buff *skb, u16 vlan)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;

	return lbfo_hash_bucket(lbfo_port_hash(skb->mark, eth->h_source, vlan,
					       &team->hash_key));
}

/* Remember a source address of a port bucket, to announce it if it moves. */
static void lbfo_port_saw(struct lbfo_team *team, unsigned int pb,
			  const u8 *mac, u16 vlan)
{
	u64 seen = lbfo_seen_pack(mac, vlan);
	u64 *slot = team->port_seen[pb];

	if (READ_ONCE(slot[0]) == seen)
		return;
	WRITE_ONCE(slot[1], READ_ONCE(slot[0]));
	WRITE_ONCE(slot[0], seen);
}

/*
 * Dynamic: the bucket's slot, after moving it to its pending slot if this
 * packet starts a new flowlet. Counts the bytes for the balancer.
 */
static u8 lbfo_dynamic_slot(struct lbfo_team *team, unsigned int b,
			    unsigned int len)
{
	struct lbfo_bucket *bucket = &team->buckets[b];
	u64 gap = (u64)READ_ONCE(team->p.flowlet_gap_us) * NSEC_PER_USEC;
	u8 slot = READ_ONCE(bucket->slot), next = READ_ONCE(bucket->next);
	u64 now = ktime_get_ns();

	if (next != slot &&
	    lbfo_flowlet_starts(now, READ_ONCE(bucket->last_ns), gap)) {
		slot = next;
		WRITE_ONCE(bucket->slot, slot);
	}
	WRITE_ONCE(bucket->last_ns, now);
	this_cpu_ptr(team->bucket_bytes)[b] += len;
	return slot;
}

/*
 * Switch-independent: send @skb on @member, or on the member its source is
 * affine to. Return the member to use, or NULL to drop.
 */
static struct lbfo_member *lbfo_si_fixup(struct lbfo_team *team,
					 const struct lbfo_txmap *map,
					 struct sk_buff *skb,
					 struct lbfo_member *member, u8 lb,
					 u16 vlan)
{
	struct ethhdr *eth = (struct ethhdr *)skb->data;
	struct lbfo_member *affine;

	if (ether_addr_equal(eth->h_source, team->dev->dev_addr) ||
	    lb == LBFO_LB_ADDRESS_HASH) {
		affine = map->primary;
	} else {
		unsigned int pb = lbfo_port_bucket(team, skb, vlan);

		affine = map->slot[READ_ONCE(team->port_slot[pb])];
		lbfo_port_saw(team, pb, eth->h_source, vlan);
	}
	if (!affine || affine == member)
		return member;
	if (skb->protocol != htons(ETH_P_IP) &&
	    skb->protocol != htons(ETH_P_IPV6))
		return affine;
	if (skb_ensure_writable(skb, ETH_HLEN))
		return NULL;
	eth = (struct ethhdr *)skb->data;
	ether_addr_copy(eth->h_source, member->dev->dev_addr);
	return member;
}

/*
 * The member that sends @skb by the team's algorithm and mode, or NULL to
 * drop it.
 */
static struct lbfo_member *lbfo_select(struct lbfo_team *team,
				       const struct lbfo_txmap *map,
				       struct sk_buff *skb, u8 lb)
{
	u16 vlan = lbfo_skb_vlan(skb);
	struct lbfo_member *member;
	struct lbfo_flow flow;
	unsigned int b;
	u32 hash;
	u8 slot;

	if (lb == LBFO_LB_HYPERV_PORT) {
		b = lbfo_port_bucket(team, skb, vlan);
		hash = b;
		slot = READ_ONCE(team->port_slot[b]);
	} else {
		lbfo_flow_extract(skb, READ_ONCE(team->p.hash_fields), &flow);
		hash = lbfo_flow_hash(&flow, READ_ONCE(team->p.hash_fields),
				      &team->hash_key);
		b = lbfo_hash_bucket(hash);
		if (lb == LBFO_LB_DYNAMIC)
			slot = lbfo_dynamic_slot(team, b, skb->len);
		else
			slot = READ_ONCE(team->buckets[b].slot);
	}
	/* A bucket not yet remapped after a change: any carrier will do. */
	member = slot < LBFO_MAX_MEMBERS ? map->slot[slot] : NULL;
	if (unlikely(!member))
		member = map->members[reciprocal_scale(hash, map->count)];

	if (READ_ONCE(team->p.mode) == LBFO_MODE_SWITCH_INDEPENDENT)
		member = lbfo_si_fixup(team, map, skb, member, lb, vlan);
	return member;
}

/**
 * lbfo_xmit() - ndo_start_xmit: send a packet through one member
 * @skb: the packet
 * @dev: the team
 *
 * Return: NETDEV_TX_OK; the packet is always consumed.
 */
netdev_tx_t lbfo_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct lbfo_team *team = netdev_priv(dev);
	u8 lb = READ_ONCE(team->p.lb);
	unsigned int len = skb->len;
	struct lbfo_member *member;
	struct lbfo_txmap *map;
	int rc;

	map = rcu_dereference_bh(team->txmap);
	if (unlikely(!map) || unlikely(skb->len < ETH_HLEN))
		goto drop;
	/*
	 * Address hash with one member carrying traffic (active/standby):
	 * every bucket and every source address is that member's, so the
	 * packet need not be parsed. Dynamic still counts its buckets' bytes
	 * and hyperv-port its sources, for when members come back.
	 */
	if (lb == LBFO_LB_ADDRESS_HASH && map->count == 1)
		member = map->members[0];
	else
		member = lbfo_select(team, map, skb, lb);
	if (unlikely(!member))
		goto drop;

	skb->dev = member->dev;
	/* net_xmit_eval() evaluates its argument twice: keep the call apart. */
	rc = dev_queue_xmit(skb);
	if (likely(net_xmit_eval(rc) == NET_XMIT_SUCCESS)) {
		lbfo_count(member->stats, true, len);
		dev_sw_netstats_tx_add(dev, 1, len);
	} else {
		dev_core_stats_tx_dropped_inc(dev);
	}
	return NETDEV_TX_OK;

drop:
	dev_core_stats_tx_dropped_inc(dev);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

/*
 * Switch-independent receive: is @skb, which came in on @member, one the
 * team must not take? The partner's switches flood broadcasts, multicasts
 * and unknown unicasts to every member: the team takes floods on its
 * primary member only, and never takes back a frame it sent itself (source
 * address the team's, a member's, or one a port bucket sent recently: a
 * VM behind the team). Frames to a member's own address are never floods.
 */
static bool lbfo_si_foreign(struct lbfo_team *team,
			    const struct lbfo_member *member,
			    const struct sk_buff *skb)
{
	const struct ethhdr *eth = eth_hdr(skb);
	const struct lbfo_txmap *map;
	unsigned int i, pb;
	u64 seen;
	u16 vlan;

	if (skb->pkt_type == PACKET_HOST)
		return false;
	map = rcu_dereference(team->txmap);
	if (!map)
		return true;
	if (is_multicast_ether_addr(eth->h_dest) && map->primary != member)
		return true;
	if (ether_addr_equal(eth->h_source, team->dev->dev_addr))
		return true;
	for (i = 0; i < map->count; i++)
		if (ether_addr_equal(eth->h_source, map->members[i]->dev->dev_addr))
			return true;
	if (READ_ONCE(team->p.lb) == LBFO_LB_ADDRESS_HASH)
		return false;
	/* Ports are known by MAC and VLAN here: a mark is not on the wire. */
	vlan = skb_vlan_tag_present(skb) ? skb_vlan_tag_get_id(skb) : 0;
	pb = lbfo_hash_bucket(lbfo_port_hash(0, eth->h_source, vlan,
					     &team->hash_key));
	seen = lbfo_seen_pack(eth->h_source, vlan);
	return READ_ONCE(team->port_seen[pb][0]) == seen ||
	       READ_ONCE(team->port_seen[pb][1]) == seen;
}

/**
 * lbfo_handle_frame() - rx_handler of every member device
 * @pskb: the received packet; may be replaced by an unshared copy
 *
 * Frames from a member that carries traffic are delivered to the team.
 * Frames from a standby or down member are left to the member device alone
 * (RX_HANDLER_EXACT: packet sockets bound to it still see them), so that a
 * flood reaching every port of the partner's switch arrives only once; so
 * are floods a switch-independent team must not take (lbfo_si_foreign()).
 * Probe answers count for every member. In mode lacp, LACPDUs and Marker
 * PDUs are the team's own (lbfo_lacp_rx()), and frames are delivered from
 * the members that collect.
 */
rx_handler_result_t lbfo_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct lbfo_member *member;
	struct lbfo_team *team;
	struct net_device *dev;
	u8 mode;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;

	member = rcu_dereference(skb->dev->rx_handler_data);
	team = member->team;
	mode = READ_ONCE(team->p.mode);
	if (mode == LBFO_MODE_LACP &&
	    unlikely(skb->protocol == htons(ETH_P_SLOW)))
		return lbfo_lacp_rx(team, member, skb);
	if (READ_ONCE(team->p.probe_interval_ms))
		lbfo_probe_rx(team, member, skb);
	if (mode == LBFO_MODE_LACP ? !READ_ONCE(member->lacp.collecting) :
	    READ_ONCE(member->state) != LBFO_STATE_ACTIVE)
		return RX_HANDLER_EXACT;
	if (mode == LBFO_MODE_SWITCH_INDEPENDENT &&
	    lbfo_si_foreign(team, member, skb))
		return RX_HANDLER_EXACT;

	dev = team->dev;
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb)) {
		dev_core_stats_rx_dropped_inc(dev);
		return RX_HANDLER_CONSUMED;
	}
	*pskb = skb;

	/* Switch-independent members keep their own addresses. */
	if (skb->pkt_type == PACKET_OTHERHOST &&
	    ether_addr_equal(eth_hdr(skb)->h_dest, dev->dev_addr))
		skb->pkt_type = PACKET_HOST;

	lbfo_count(member->stats, false, skb->len + skb->mac_len);
	dev_sw_netstats_rx_add(dev, skb->len + skb->mac_len);
	skb->dev = dev;
	return RX_HANDLER_ANOTHER;
}
