/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The LACP churn detection machines of one port (IEEE 802.1AX-2008
 * 43.4.17): the actor's and the partner's. Each watches one SYNC bit and
 * flags churn when that bit stays clear for LBFO_LACP_CHURN_NS after the
 * port came up or lost sync: the port failed to aggregate, a condition to
 * report, not one the other machines act on. Pure: the caller passes the
 * state bits and the time, and arms a timer for the deadline.
 */
#ifndef _LBFO_POLICIES_LACP_CHURN_H
#define _LBFO_POLICIES_LACP_CHURN_H

#include <linux/time64.h>
#include <linux/types.h>

/* How long a port may stay out of sync before it churns. */
#define LBFO_LACP_CHURN_NS	(60ULL * NSEC_PER_SEC)

/**
 * enum lbfo_lacp_churn_state - the states of either machine
 * @LBFO_LACP_CHURN_MONITOR: not in sync; the churn timer runs.
 * @LBFO_LACP_NO_CHURN: in sync.
 * @LBFO_LACP_CHURN: the timer ran out before sync: churn is flagged.
 */
enum lbfo_lacp_churn_state {
	LBFO_LACP_CHURN_MONITOR,
	LBFO_LACP_NO_CHURN,
	LBFO_LACP_CHURN,
};

/**
 * struct lbfo_lacp_churn - one port's actor and partner churn machines
 * @actor: the actor machine's enum lbfo_lacp_churn_state.
 * @partner: the partner machine's.
 * @disabled: the last run saw the port disabled: both machines are held in
 *	MONITOR and their timers start again when the port is enabled.
 * @actor_since_ns: when the actor's churn timer started (MONITOR only).
 * @partner_since_ns: when the partner's started.
 *
 * A zeroed one is as lbfo_lacp_churn_begin() at time 0. It lives with the
 * port's other LACP machines; the owner serialises every call.
 */
struct lbfo_lacp_churn {
	u8 actor;
	u8 partner;
	bool disabled;
	u64 actor_since_ns;
	u64 partner_since_ns;
};

/**
 * lbfo_lacp_churn_begin() - BEGIN: both machines MONITOR, timers started
 * @c: the machines
 * @now_ns: the time now
 */
void lbfo_lacp_churn_begin(struct lbfo_lacp_churn *c, u64 now_ns);

/**
 * lbfo_lacp_churn_run() - evaluate both machines
 * @c: the machines
 * @port_enabled: the port is enabled; while it is not, both machines stay
 *	in MONITOR with their timers held, so a disabled port never churns
 * @actor_state: our state bits (LBFO_LACP_SYNC)
 * @partner_state: the partner's operational state bits (LBFO_LACP_SYNC)
 * @now_ns: the time now
 *
 * Call it when the port is enabled or disabled, when either SYNC bit
 * changes, and at lbfo_lacp_churn_deadline().
 *
 * Return: true when actor churn or partner churn (the machine being in
 * LBFO_LACP_CHURN) changed.
 */
bool lbfo_lacp_churn_run(struct lbfo_lacp_churn *c, bool port_enabled,
			 u8 actor_state, u8 partner_state, u64 now_ns);

/**
 * lbfo_lacp_churn_deadline() - when to run the machines again
 * @c: the machines
 *
 * Return: the earlier end of the running churn timers, 0 when none runs
 * (neither machine is in MONITOR, or the port is disabled).
 */
u64 lbfo_lacp_churn_deadline(const struct lbfo_lacp_churn *c);

#endif /* _LBFO_POLICIES_LACP_CHURN_H */
