/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "lbfo" link kind: rtnetlink creation, attributes and member attributes.
 */
#ifndef _LBFO_RTNL_H
#define _LBFO_RTNL_H

#include <linux/netdevice.h>

struct lbfo_params;

struct net_device *lbfo_team_create(struct net *net, const char *name,
				    const struct lbfo_params *p,
				    struct netlink_ext_ack *extack);
int lbfo_rtnl_init(void);
void lbfo_rtnl_uninit(void);

#endif /* _LBFO_RTNL_H */
