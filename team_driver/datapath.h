/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The team's data paths: transmit through a member, receive from members.
 */
#ifndef _LBFO_DATAPATH_H
#define _LBFO_DATAPATH_H

#include <linux/netdevice.h>

netdev_tx_t lbfo_xmit(struct sk_buff *skb, struct net_device *dev);
rx_handler_result_t lbfo_handle_frame(struct sk_buff **pskb);

#endif /* _LBFO_DATAPATH_H */
