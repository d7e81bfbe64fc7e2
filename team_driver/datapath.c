// SPDX-License-Identifier: GPL-2.0
/*
 * The team's data paths.
 *
 * Transmit runs under rcu_read_lock_bh() (from __dev_queue_xmit(); the team
 * is NETIF_F_LLTX with no queue), receive under rcu_read_lock() (from
 * __netif_receive_skb_core()). Neither takes a lock nor writes shared state:
 * members are found through the team's txmap and the device's
 * rx_handler_data, both RCU-published, and counters are per CPU.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/reciprocal_div.h>
#include <linux/u64_stats_sync.h>

#include "datapath.h"
#include "device.h"
#include "member.h"

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

/**
 * lbfo_xmit() - ndo_start_xmit: send a packet through one member
 * @skb: the packet
 * @dev: the team
 *
 * The flow hash picks one of the members that carry traffic, so a flow
 * stays on one member (no reordering) while the membership is stable.
 *
 * Return: NETDEV_TX_OK; the packet is always consumed.
 */
netdev_tx_t lbfo_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct lbfo_team *team = netdev_priv(dev);
	unsigned int len = skb->len;
	struct lbfo_member *member;
	struct lbfo_txmap *map;
	int rc;

	map = rcu_dereference_bh(team->txmap);
	if (unlikely(!map))
		goto drop;
	member = map->members[reciprocal_scale(skb_get_hash(skb), map->count)];

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

/**
 * lbfo_handle_frame() - rx_handler of every member device
 * @pskb: the received packet; may be replaced by an unshared copy
 *
 * Frames from a member that carries traffic are delivered to the team.
 * Frames from a standby or down member are left to the member device alone
 * (RX_HANDLER_EXACT: packet sockets bound to it still see them), so that a
 * flood reaching every port of the partner's switch arrives only once.
 */
rx_handler_result_t lbfo_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct lbfo_member *member;
	struct net_device *dev;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;

	member = rcu_dereference(skb->dev->rx_handler_data);
	if (READ_ONCE(member->state) != LBFO_STATE_ACTIVE)
		return RX_HANDLER_EXACT;

	dev = member->team->dev;
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb)) {
		dev_core_stats_rx_dropped_inc(dev);
		return RX_HANDLER_CONSUMED;
	}
	*pskb = skb;

	lbfo_count(member->stats, false, skb->len + skb->mac_len);
	dev_sw_netstats_rx_add(dev, skb->len + skb->mac_len);
	skb->dev = dev;
	return RX_HANDLER_ANOTHER;
}
