// SPDX-License-Identifier: GPL-2.0
/* The LACP churn detection machines (see lacp_churn.h). */
#include <linux/minmax.h>
#include <linux/time64.h>

#include "lacp_churn.h"
#include "lacpdu.h"

void lbfo_lacp_churn_begin(struct lbfo_lacp_churn *c, u64 now_ns)
{
	c->actor = LBFO_LACP_CHURN_MONITOR;
	c->partner = LBFO_LACP_CHURN_MONITOR;
	c->disabled = false;
	c->actor_since_ns = now_ns;
	c->partner_since_ns = now_ns;
}

/*
 * One machine, enabled port. Each state has one way out that depends on
 * sync alone, and none leads back, so one step is enough.
 */
static void step(u8 *state, u64 *since, bool sync, u64 now)
{
	switch (*state) {
	case LBFO_LACP_CHURN_MONITOR:
		if (sync)
			*state = LBFO_LACP_NO_CHURN;
		else if (now >= *since + LBFO_LACP_CHURN_NS)
			*state = LBFO_LACP_CHURN;
		break;
	case LBFO_LACP_NO_CHURN:
		if (!sync) {
			*state = LBFO_LACP_CHURN_MONITOR;
			*since = now;
		}
		break;
	case LBFO_LACP_CHURN:
		if (sync)
			*state = LBFO_LACP_NO_CHURN;
		break;
	default:
		*state = LBFO_LACP_CHURN_MONITOR;
		*since = now;
	}
}

bool lbfo_lacp_churn_run(struct lbfo_lacp_churn *c, bool port_enabled,
			 u8 actor_state, u8 partner_state, u64 now_ns)
{
	bool actor = c->actor == LBFO_LACP_CHURN;
	bool partner = c->partner == LBFO_LACP_CHURN;

	if (!port_enabled || c->disabled) {
		/* Held in MONITOR: the timers start when the port is enabled. */
		lbfo_lacp_churn_begin(c, now_ns);
		c->disabled = !port_enabled;
	}
	if (port_enabled) {
		step(&c->actor, &c->actor_since_ns,
		     actor_state & LBFO_LACP_SYNC, now_ns);
		step(&c->partner, &c->partner_since_ns,
		     partner_state & LBFO_LACP_SYNC, now_ns);
	}
	return actor != (c->actor == LBFO_LACP_CHURN) ||
	       partner != (c->partner == LBFO_LACP_CHURN);
}

static u64 timer_end(u8 state, u64 since)
{
	return state == LBFO_LACP_CHURN_MONITOR ? since + LBFO_LACP_CHURN_NS : 0;
}

u64 lbfo_lacp_churn_deadline(const struct lbfo_lacp_churn *c)
{
	u64 a = timer_end(c->actor, c->actor_since_ns);
	u64 p = timer_end(c->partner, c->partner_since_ns);

	if (c->disabled)
		return 0;
	if (!a || !p)
		return a | p;
	return min(a, p);
}
