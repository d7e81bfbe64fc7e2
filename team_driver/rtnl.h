/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "lbfo" link kind: rtnetlink creation, attributes and member attributes.
 */
#ifndef _LBFO_RTNL_H
#define _LBFO_RTNL_H

int lbfo_rtnl_init(void);
void lbfo_rtnl_uninit(void);

#endif /* _LBFO_RTNL_H */
