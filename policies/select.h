/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which members of a team carry traffic: pure logic, no net_device.
 *
 * The team driver copies what it knows of each member (role, link) into a
 * struct lbfo_select_in array under RTNL and applies the states this returns.
 */
#ifndef _LBFO_POLICIES_SELECT_H
#define _LBFO_POLICIES_SELECT_H

#include <linux/types.h>
#include <linux/lbfo.h>

/**
 * struct lbfo_select_in - what selection needs to know about one member
 * @role: configured role (enum lbfo_member_role).
 * @link_up: the member is running and has carrier.
 * @admin_up: the team may use the member (not administratively down).
 */
struct lbfo_select_in {
	u8 role;
	bool link_up;
	bool admin_up;
};

unsigned int lbfo_select_states(const struct lbfo_select_in *in,
				unsigned int n, u8 *state);

#endif /* _LBFO_POLICIES_SELECT_H */
