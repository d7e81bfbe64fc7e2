// SPDX-License-Identifier: GPL-2.0
/* The LACP periodic transmission machine (see lacp_periodic.h). */
#include <linux/time64.h>

#include "lacp_periodic.h"
#include "lacpdu.h"

static u64 period_ns(u8 state)
{
	return state == LBFO_LACP_FAST_PERIODIC ? LBFO_LACP_FAST_PERIODIC_NS :
						  LBFO_LACP_SLOW_PERIODIC_NS;
}

bool lbfo_lacp_periodic_run(struct lbfo_lacp_periodic *pm, bool enabled,
			    u8 actor_state, u8 partner_state, u64 now_ns)
{
	bool passive = !(actor_state & LBFO_LACP_ACTIVITY) &&
		       !(partner_state & LBFO_LACP_ACTIVITY);
	u8 want;

	if (!enabled || passive) {
		pm->state = LBFO_LACP_NO_PERIODIC;
		pm->due_ns = 0;
		return false;
	}
	want = partner_state & LBFO_LACP_TIMEOUT ? LBFO_LACP_FAST_PERIODIC :
						   LBFO_LACP_SLOW_PERIODIC;
	if (pm->state == LBFO_LACP_NO_PERIODIC ||
	    (pm->state == LBFO_LACP_SLOW_PERIODIC &&
	     want == LBFO_LACP_FAST_PERIODIC)) {
		/* Start (or speed up): one now, then at the new rate. */
		pm->state = want;
		pm->due_ns = now_ns + period_ns(want);
		return true;
	}
	if (now_ns < pm->due_ns)
		return false;
	/* PERIODIC_TX, then the rate the partner asks for now. */
	pm->state = want;
	pm->due_ns = now_ns + period_ns(want);
	return true;
}
