/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The LACP receive machine of one port (IEEE 802.1AX-2008 43.4.12): what
 * the partner said in its LACPDUs, whether that still holds (the
 * current_while timer), and what follows for the other machines: Selected
 * goes to UNSELECTED when the partner changed, NTT when the partner has us
 * wrong. Pure: the caller passes the time and arms a timer for the
 * deadline.
 */
#ifndef _LBFO_POLICIES_LACP_RX_H
#define _LBFO_POLICIES_LACP_RX_H

#include <linux/types.h>

#include "lacpdu.h"

/* How long a partner's information holds (802.1AX Short/Long_Timeout_Time). */
#define LBFO_LACP_SHORT_TIMEOUT_NS	(3ULL * NSEC_PER_SEC)
#define LBFO_LACP_LONG_TIMEOUT_NS	(90ULL * NSEC_PER_SEC)

/**
 * enum lbfo_lacp_rx_state - the receive machine's states
 * @LBFO_LACP_RX_INITIALIZE: at BEGIN, and when the port moved.
 * @LBFO_LACP_RX_PORT_DISABLED: the port is not enabled.
 * @LBFO_LACP_RX_EXPIRED: the partner's information timed out once; a
 *	short timeout is running before it is given up.
 * @LBFO_LACP_RX_LACP_DISABLED: the port does not speak LACP (individual).
 * @LBFO_LACP_RX_DEFAULTED: no partner: its administrative defaults hold.
 * @LBFO_LACP_RX_CURRENT: the partner's LACPDUs arrive in time.
 */
enum lbfo_lacp_rx_state {
	LBFO_LACP_RX_INITIALIZE,
	LBFO_LACP_RX_PORT_DISABLED,
	LBFO_LACP_RX_EXPIRED,
	LBFO_LACP_RX_LACP_DISABLED,
	LBFO_LACP_RX_DEFAULTED,
	LBFO_LACP_RX_CURRENT,
};

/**
 * enum lbfo_lacp_selected - the Selected variable
 * @LBFO_LACP_UNSELECTED: the selection logic must choose again.
 * @LBFO_LACP_SELECTED: attached to the right aggregator.
 * @LBFO_LACP_STANDBY: selected, but not to carry traffic.
 */
enum lbfo_lacp_selected {
	LBFO_LACP_UNSELECTED,
	LBFO_LACP_SELECTED,
	LBFO_LACP_STANDBY,
};

/**
 * struct lbfo_lacp_rx - one port's receive machine and the variables it
 *	shares with the other machines
 * @state: enum lbfo_lacp_rx_state.
 * @actor: the actor's operational information (ours); its state bits
 *	EXPIRED and DEFAULTED are this machine's.
 * @partner: the partner's operational information.
 * @partner_admin: what the partner is taken to be when it says nothing.
 * @selected: enum lbfo_lacp_selected; the machine only sets UNSELECTED.
 * @ntt: need to transmit: set here, cleared by the transmit machine.
 * @current_while_ns: when the partner's information runs out, 0: not
 *	running.
 *
 * The owner keeps @actor up to date (keys, priorities, its own state bits
 * other than EXPIRED and DEFAULTED) and serialises every call.
 */
struct lbfo_lacp_rx {
	u8 state;
	struct lbfo_lacp_info actor;
	struct lbfo_lacp_info partner;
	struct lbfo_lacp_info partner_admin;
	u8 selected;
	bool ntt;
	u64 current_while_ns;
};

/**
 * lbfo_lacp_rx_begin() - BEGIN: INITIALIZE, then PORT_DISABLED
 * @rx: the machine, with @actor and @partner_admin set
 */
void lbfo_lacp_rx_begin(struct lbfo_lacp_rx *rx);

/**
 * lbfo_lacp_rx_port() - the port's conditions changed, or time passed
 * @rx: the machine
 * @port_enabled: the link is up and the port may be used
 * @lacp_enabled: the port speaks LACP (full duplex, aggregatable)
 * @now_ns: the time now
 *
 * Also the timer: call it at lbfo_lacp_rx_deadline().
 */
void lbfo_lacp_rx_port(struct lbfo_lacp_rx *rx, bool port_enabled,
		       bool lacp_enabled, u64 now_ns);

/**
 * lbfo_lacp_rx_pdu() - a LACPDU arrived on the port
 * @rx: the machine
 * @pdu: the LACPDU, parsed
 * @now_ns: the time now
 *
 * Ignored unless the machine is in EXPIRED, DEFAULTED or CURRENT (the
 * standard's port_enabled && LACP_Enabled).
 */
void lbfo_lacp_rx_pdu(struct lbfo_lacp_rx *rx, const struct lbfo_lacpdu *pdu,
		      u64 now_ns);

/**
 * lbfo_lacp_rx_deadline() - when to call lbfo_lacp_rx_port() again
 * @rx: the machine
 *
 * Return: the current_while deadline, or 0 when none is running.
 */
u64 lbfo_lacp_rx_deadline(const struct lbfo_lacp_rx *rx);

#endif /* _LBFO_POLICIES_LACP_RX_H */
