/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The LACP periodic transmission machine of one port (IEEE 802.1AX-2008
 * 43.4.13): whether LACPDUs go out on their own, every second (the partner
 * asked for the short timeout) or every 30 seconds, and when the next one
 * is due. Pure: the caller passes the time, arms a timer for the deadline
 * and sends when NTT is set.
 */
#ifndef _LBFO_POLICIES_LACP_PERIODIC_H
#define _LBFO_POLICIES_LACP_PERIODIC_H

#include <linux/types.h>

#define LBFO_LACP_FAST_PERIODIC_NS	(1ULL * NSEC_PER_SEC)
#define LBFO_LACP_SLOW_PERIODIC_NS	(30ULL * NSEC_PER_SEC)

/**
 * enum lbfo_lacp_periodic_state - the machine's states
 * @LBFO_LACP_NO_PERIODIC: nothing is sent on a timer.
 * @LBFO_LACP_FAST_PERIODIC: every LBFO_LACP_FAST_PERIODIC_NS.
 * @LBFO_LACP_SLOW_PERIODIC: every LBFO_LACP_SLOW_PERIODIC_NS.
 */
enum lbfo_lacp_periodic_state {
	LBFO_LACP_NO_PERIODIC,
	LBFO_LACP_FAST_PERIODIC,
	LBFO_LACP_SLOW_PERIODIC,
};

/**
 * struct lbfo_lacp_periodic - one port's periodic machine
 * @state: enum lbfo_lacp_periodic_state.
 * @due_ns: when the next LACPDU is due, 0: none.
 */
struct lbfo_lacp_periodic {
	u8 state;
	u64 due_ns;
};

/**
 * lbfo_lacp_periodic_run() - evaluate the machine
 * @pm: the machine (a zeroed one is NO_PERIODIC)
 * @enabled: port_enabled and LACP_Enabled
 * @actor_state: our state bits (LBFO_LACP_ACTIVITY)
 * @partner_state: the partner's operational state bits
 *	(LBFO_LACP_ACTIVITY, LBFO_LACP_TIMEOUT)
 * @now_ns: the time now
 *
 * Nothing is sent when the port is disabled or both ends are passive.
 * Otherwise the rate follows the partner's timeout bit; a change from
 * slow to fast sends at once (the partner wants to hear from us sooner),
 * a change from fast to slow waits out the fast period.
 *
 * Return: true when a LACPDU is due now (the caller sets NTT).
 */
bool lbfo_lacp_periodic_run(struct lbfo_lacp_periodic *pm, bool enabled,
			    u8 actor_state, u8 partner_state, u64 now_ns);

#endif /* _LBFO_POLICIES_LACP_PERIODIC_H */
