/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The link monitor's probes: ARP requests and neighbour solicitations.
 */
#ifndef _LBFO_PROBE_H
#define _LBFO_PROBE_H

#include <linux/skbuff.h>

struct lbfo_member;
struct lbfo_team;

void lbfo_probe_init(struct lbfo_team *team);
void lbfo_probe_update(struct lbfo_team *team);
void lbfo_probe_stop(struct lbfo_team *team);
void lbfo_probe_rx(struct lbfo_team *team, struct lbfo_member *member,
		   const struct sk_buff *skb);

#endif /* _LBFO_PROBE_H */
