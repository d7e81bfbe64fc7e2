/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LACP (IEEE 802.1AX) in mode lacp: the per-member machines of policies/
 * driven with real frames, time and member states.
 */
#ifndef _LBFO_LACP_H
#define _LBFO_LACP_H

#include <linux/netdevice.h>
#include <linux/types.h>

#include "policies/lacp_churn.h"
#include "policies/lacp_mux.h"
#include "policies/lacp_periodic.h"
#include "policies/lacp_rx.h"
#include "policies/lacpdu.h"

struct lbfo_member;
struct lbfo_select_in;
struct lbfo_team;

/**
 * struct lbfo_lacp_view - what a member's LACP events report
 * @actor: our information on the port.
 * @partner: the partner's.
 * @rx: enum lbfo_lacp_rx_state.
 * @mux: enum lbfo_lacp_mux_state.
 * @selected: enum lbfo_lacp_selected.
 * @why: enum lbfo_lacp_why.
 * @aggregator: the port's aggregator, 0 none.
 * @actor_churn: our side has not synced within the churn time.
 * @partner_churn: the partner's side has not.
 *
 * Compared whole (memcmp) to see whether an event is due: always zeroed
 * before it is filled.
 */
struct lbfo_lacp_view {
	struct lbfo_lacp_info actor;
	struct lbfo_lacp_info partner;
	u8 rx;
	u8 mux;
	u8 selected;
	u8 why;
	u16 aggregator;
	bool actor_churn;
	bool partner_churn;
};

/**
 * struct lbfo_lacp_port - one member's LACP state
 * @rx: the receive machine and the actor/partner information.
 * @pm: the periodic transmission machine.
 * @mux: the mux machine.
 * @churn: the churn detection machines.
 * @aggregator: the aggregator selection put the port in, 0 none.
 * @why: enum lbfo_lacp_why.
 * @collecting: frames received on the member go to the team. Written
 *	under RTNL, read by the receive path (READ_ONCE).
 * @seen: what the last LACP event said.
 * @tx_window_ns: start of the current 1 s transmit window.
 * @tx_in_window: LACPDUs sent in it (at most 3, 802.1AX 43.4.16).
 * @tx_pdus: LACPDUs sent.
 * @pdu: the latest LACPDU received, not yet given to the receive machine.
 * @pdu_new: @pdu is waiting.
 * @rx_pdus: LACPDUs received.
 * @rx_errors: Slow Protocols frames refused as malformed.
 *
 * Lifetime: that of the member (embedded in struct lbfo_member).
 *
 * Locking: @pdu, @pdu_new, @rx_pdus and @rx_errors are written by the
 * receive path and read under lbfo_team.lacp_lock; everything else is
 * RTNL's.
 */
struct lbfo_lacp_port {
	struct lbfo_lacp_rx rx;
	struct lbfo_lacp_periodic pm;
	struct lbfo_lacp_mux mux;
	struct lbfo_lacp_churn churn;
	u16 aggregator;
	u8 why;
	bool collecting;
	struct lbfo_lacp_view seen;
	u64 tx_window_ns;
	u8 tx_in_window;
	u64 tx_pdus;
	struct lbfo_lacpdu pdu;
	bool pdu_new;
	u64 rx_pdus;
	u64 rx_errors;
};

void lbfo_lacp_init(struct lbfo_team *team);
void lbfo_lacp_stop(struct lbfo_team *team);
void lbfo_lacp_port_init(struct lbfo_member *member);
int lbfo_lacp_port_open(struct lbfo_member *member);
void lbfo_lacp_port_close(struct lbfo_member *member);
unsigned int lbfo_lacp_states(struct lbfo_team *team,
			      const struct lbfo_select_in *in, unsigned int n,
			      u8 *state, u64 now);
void lbfo_lacp_report(struct lbfo_team *team);
u8 lbfo_lacp_team_state(const struct lbfo_team *team);
rx_handler_result_t lbfo_lacp_rx(struct lbfo_team *team,
				 struct lbfo_member *member,
				 struct sk_buff *skb);
void lbfo_lacp_counters(const struct lbfo_member *member, u64 *rx_pdus,
			u64 *rx_errors);

#endif /* _LBFO_LACP_H */
