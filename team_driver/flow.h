/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the transmit hash looks at in a packet: extraction from an sk_buff.
 */
#ifndef _LBFO_FLOW_H
#define _LBFO_FLOW_H

#include <linux/skbuff.h>

#include "policies/hash.h"

void lbfo_flow_extract(const struct sk_buff *skb, u32 fields,
		       struct lbfo_flow *flow);
u16 lbfo_skb_vlan(const struct sk_buff *skb);

#endif /* _LBFO_FLOW_H */
