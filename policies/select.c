// SPDX-License-Identifier: GPL-2.0
/*
 * Member selection: active members carry traffic while any of them is up;
 * standby members step in only when none is, and step back when one returns.
 */
#include "select.h"

static bool lbfo_select_up(const struct lbfo_select_in *in)
{
	return in->link_up && in->admin_up;
}

/**
 * lbfo_select_states() - decide the state of every member of a team
 * @in: role and link of each member, in member order
 * @n: number of members
 * @state: filled with one enum lbfo_member_state per member
 *
 * A member is up when its link is up and it is administratively up. Every
 * standby member that is up is used when no active member is up, so a team
 * with several standby members keeps as much capacity as it can.
 *
 * Return: the number of members in state LBFO_STATE_ACTIVE.
 */
unsigned int lbfo_select_states(const struct lbfo_select_in *in,
				unsigned int n, u8 *state)
{
	unsigned int i, carriers = 0;
	bool active_up = false;

	for (i = 0; i < n; i++)
		if (lbfo_select_up(&in[i]) && in[i].role == LBFO_ROLE_ACTIVE)
			active_up = true;

	for (i = 0; i < n; i++) {
		if (!lbfo_select_up(&in[i]))
			state[i] = LBFO_STATE_DOWN;
		else if (in[i].role == LBFO_ROLE_ACTIVE || !active_up)
			state[i] = LBFO_STATE_ACTIVE;
		else
			state[i] = LBFO_STATE_STANDBY;
		if (state[i] == LBFO_STATE_ACTIVE)
			carriers++;
	}
	return carriers;
}
