/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "lbfo" generic netlink family: commands and events.
 */
#ifndef _LBFO_NETLINK_H
#define _LBFO_NETLINK_H

#include <linux/types.h>

struct lbfo_member;
struct lbfo_team;

int lbfo_netlink_init(void);
void lbfo_netlink_uninit(void);

/* Events to LBFO_MCGRP_EVENTS. Context: RTNL. */
void lbfo_nl_team_event(struct lbfo_team *team, u8 cmd);
void lbfo_nl_member_event(struct lbfo_member *member, u8 cmd);
void lbfo_nl_state_event(struct lbfo_member *member, u8 old_state, int reason,
			 struct lbfo_member *trigger);
void lbfo_nl_failover_event(struct lbfo_team *team, unsigned int carriers,
			    int reason, struct lbfo_member *trigger);
void lbfo_nl_lacp_event(struct lbfo_member *member);

#endif /* _LBFO_NETLINK_H */
