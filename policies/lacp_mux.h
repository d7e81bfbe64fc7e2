/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The LACP mux machine of one port (IEEE 802.1AX-2008 43.4.14/43.4.15):
 * attach the port to its aggregator once selected and the aggregator is
 * ready, then collect and distribute when the partner is in sync (and, with
 * independent control, distribute only once the partner collects). Its
 * outputs are the actor's SYNC, COLLECTING and DISTRIBUTING bits, which
 * the driver turns into "this member receives" and "this member sends".
 * Pure: the caller passes Selected, Ready, the partner's state and time.
 */
#ifndef _LBFO_POLICIES_LACP_MUX_H
#define _LBFO_POLICIES_LACP_MUX_H

#include <linux/types.h>

/* How long a selected port waits for others to join (Aggregate_Wait_Time). */
#define LBFO_LACP_AGGREGATE_WAIT_NS	(2ULL * NSEC_PER_SEC)

/**
 * enum lbfo_lacp_mux_state - the machine's states
 * @LBFO_LACP_MUX_DETACHED: not attached to an aggregator.
 * @LBFO_LACP_MUX_WAITING: selected; waiting for the aggregator to be ready.
 * @LBFO_LACP_MUX_ATTACHED: attached, in sync on our side; not in use.
 * @LBFO_LACP_MUX_COLLECTING: independent control: receives only.
 * @LBFO_LACP_MUX_COLLECTING_DISTRIBUTING: receives and sends (coupled
 *	control, and independent control's DISTRIBUTING).
 */
enum lbfo_lacp_mux_state {
	LBFO_LACP_MUX_DETACHED,
	LBFO_LACP_MUX_WAITING,
	LBFO_LACP_MUX_ATTACHED,
	LBFO_LACP_MUX_COLLECTING,
	LBFO_LACP_MUX_COLLECTING_DISTRIBUTING,
};

/**
 * struct lbfo_lacp_mux - one port's mux machine
 * @state: enum lbfo_lacp_mux_state.
 * @independent: independent control (else coupled control).
 * @wait_while_ns: when WAITING's timer ends, 0: not running.
 */
struct lbfo_lacp_mux {
	u8 state;
	bool independent;
	u64 wait_while_ns;
};

/**
 * lbfo_lacp_mux_run() - evaluate the machine until it rests
 * @mux: the machine (a zeroed one is DETACHED, coupled control)
 * @selected: enum lbfo_lacp_selected (lacp_rx.h)
 * @ready: the aggregator is ready: every port waiting to attach to it has
 *	seen its wait_while timer end (see lbfo_lacp_mux_waited())
 * @partner_state: the partner's operational state bits (SYNC, COLLECTING)
 * @actor_state: our state bits; SYNC, COLLECTING and DISTRIBUTING are set
 *	here
 * @now_ns: the time now
 *
 * Return: true when the actor's state changed (the caller sets NTT).
 */
bool lbfo_lacp_mux_run(struct lbfo_lacp_mux *mux, u8 selected, bool ready,
		       u8 partner_state, u8 *actor_state, u64 now_ns);

/**
 * lbfo_lacp_mux_waited() - this port's part of the aggregator's Ready
 * @mux: the machine
 * @now_ns: the time now
 *
 * Return: true unless the port is WAITING and its timer is still running.
 */
bool lbfo_lacp_mux_waited(const struct lbfo_lacp_mux *mux, u64 now_ns);

/**
 * lbfo_lacp_mux_deadline() - when to run the machine again
 * @mux: the machine
 *
 * Return: the end of wait_while, or 0 when it is not running.
 */
u64 lbfo_lacp_mux_deadline(const struct lbfo_lacp_mux *mux);

#endif /* _LBFO_POLICIES_LACP_MUX_H */
