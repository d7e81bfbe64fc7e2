// SPDX-License-Identifier: GPL-2.0
/* The LACP receive machine (see lacp_rx.h). */
#include <linux/etherdevice.h>
#include <linux/string.h>
#include <linux/time64.h>

#include "lacp_rx.h"

/* The state bits that say how a port aggregates, for the comparisons. */
#define AGG_BITS	LBFO_LACP_AGGREGATION
#define NTT_BITS	(LBFO_LACP_ACTIVITY | LBFO_LACP_TIMEOUT | \
			 LBFO_LACP_SYNC | LBFO_LACP_AGGREGATION)

/* Same system, port and key, and the same bits of mask in the state? */
static bool same_info(const struct lbfo_lacp_info *a,
		      const struct lbfo_lacp_info *b, u8 mask)
{
	return a->system_priority == b->system_priority &&
	       ether_addr_equal_unaligned(a->system, b->system) &&
	       a->key == b->key && a->port_priority == b->port_priority &&
	       a->port == b->port && !((a->state ^ b->state) & mask);
}

static void record_default(struct lbfo_lacp_rx *rx)
{
	rx->partner = rx->partner_admin;
	rx->actor.state |= LBFO_LACP_DEFAULTED;
}

/* recordPDU: the sender is our partner now; is it in sync with us? */
static void record_pdu(struct lbfo_lacp_rx *rx, const struct lbfo_lacpdu *pdu)
{
	bool matched = same_info(&pdu->partner, &rx->actor, AGG_BITS) ||
		       !(pdu->actor.state & LBFO_LACP_AGGREGATION);

	rx->partner = pdu->actor;
	rx->actor.state &= ~LBFO_LACP_DEFAULTED;
	if (matched && (pdu->actor.state & LBFO_LACP_SYNC))
		rx->partner.state |= LBFO_LACP_SYNC;
	else
		rx->partner.state &= ~LBFO_LACP_SYNC;
}

static u64 timeout_ns(u8 state)
{
	return state & LBFO_LACP_TIMEOUT ? LBFO_LACP_SHORT_TIMEOUT_NS :
					   LBFO_LACP_LONG_TIMEOUT_NS;
}

/* Enter a state, with its entry actions. */
static void enter(struct lbfo_lacp_rx *rx, u8 state, u64 now)
{
	rx->state = state;
	rx->current_while_ns = 0;
	switch (state) {
	case LBFO_LACP_RX_INITIALIZE:
		rx->selected = LBFO_LACP_UNSELECTED;
		record_default(rx);
		rx->actor.state &= ~LBFO_LACP_EXPIRED;
		break;
	case LBFO_LACP_RX_PORT_DISABLED:
		rx->partner.state &= ~LBFO_LACP_SYNC;
		break;
	case LBFO_LACP_RX_EXPIRED:
		rx->partner.state &= ~LBFO_LACP_SYNC;
		rx->partner.state |= LBFO_LACP_TIMEOUT;
		rx->current_while_ns = now + LBFO_LACP_SHORT_TIMEOUT_NS;
		rx->actor.state |= LBFO_LACP_EXPIRED;
		break;
	case LBFO_LACP_RX_LACP_DISABLED:
		rx->selected = LBFO_LACP_UNSELECTED;
		record_default(rx);
		rx->partner.state &= ~LBFO_LACP_AGGREGATION;
		rx->actor.state &= ~LBFO_LACP_EXPIRED;
		break;
	case LBFO_LACP_RX_DEFAULTED:
		/* update_Default_Selected, then recordDefault */
		if (!same_info(&rx->partner_admin, &rx->partner, AGG_BITS))
			rx->selected = LBFO_LACP_UNSELECTED;
		record_default(rx);
		rx->actor.state &= ~LBFO_LACP_EXPIRED;
		break;
	}
}

void lbfo_lacp_rx_begin(struct lbfo_lacp_rx *rx)
{
	enter(rx, LBFO_LACP_RX_INITIALIZE, 0);
	enter(rx, LBFO_LACP_RX_PORT_DISABLED, 0);
}

/* Where the machine goes from its state, or stays (802.1AX Figure 43-10). */
static u8 next_state(const struct lbfo_lacp_rx *rx, bool port_enabled,
		     bool lacp_enabled, u64 now)
{
	bool timed_out = rx->current_while_ns && now >= rx->current_while_ns;

	if (!port_enabled)
		return LBFO_LACP_RX_PORT_DISABLED;
	switch (rx->state) {
	case LBFO_LACP_RX_PORT_DISABLED:
		return lacp_enabled ? LBFO_LACP_RX_EXPIRED :
				      LBFO_LACP_RX_LACP_DISABLED;
	case LBFO_LACP_RX_LACP_DISABLED:
		return lacp_enabled ? LBFO_LACP_RX_PORT_DISABLED : rx->state;
	case LBFO_LACP_RX_EXPIRED:
		if (!lacp_enabled)
			return LBFO_LACP_RX_PORT_DISABLED;
		return timed_out ? LBFO_LACP_RX_DEFAULTED : rx->state;
	case LBFO_LACP_RX_DEFAULTED:
		return lacp_enabled ? rx->state : LBFO_LACP_RX_PORT_DISABLED;
	case LBFO_LACP_RX_CURRENT:
		if (!lacp_enabled)
			return LBFO_LACP_RX_PORT_DISABLED;
		return timed_out ? LBFO_LACP_RX_EXPIRED : rx->state;
	}
	return LBFO_LACP_RX_PORT_DISABLED;	/* from INITIALIZE */
}

/*
 * LACP switched off while the port spoke it goes through PORT_DISABLED to
 * LACP_DISABLED (the standard only reaches LACP_DISABLED from there). At
 * most three moves: LACP_DISABLED -> PORT_DISABLED -> EXPIRED, or
 * CURRENT -> PORT_DISABLED -> LACP_DISABLED.
 */
void lbfo_lacp_rx_port(struct lbfo_lacp_rx *rx, bool port_enabled,
		       bool lacp_enabled, u64 now_ns)
{
	unsigned int i;
	u8 next;

	for (i = 0; i < 3; i++) {
		next = next_state(rx, port_enabled, lacp_enabled, now_ns);
		if (next == rx->state)
			return;
		enter(rx, next, now_ns);
	}
}

void lbfo_lacp_rx_pdu(struct lbfo_lacp_rx *rx, const struct lbfo_lacpdu *pdu,
		      u64 now_ns)
{
	if (rx->state != LBFO_LACP_RX_EXPIRED &&
	    rx->state != LBFO_LACP_RX_DEFAULTED &&
	    rx->state != LBFO_LACP_RX_CURRENT)
		return;
	/* CURRENT: update_Selected, update_NTT, recordPDU, the timer. */
	if (!same_info(&pdu->actor, &rx->partner, AGG_BITS))
		rx->selected = LBFO_LACP_UNSELECTED;
	if (!same_info(&pdu->partner, &rx->actor, NTT_BITS))
		rx->ntt = true;
	record_pdu(rx, pdu);
	rx->state = LBFO_LACP_RX_CURRENT;
	rx->current_while_ns = now_ns + timeout_ns(rx->actor.state);
	rx->actor.state &= ~LBFO_LACP_EXPIRED;
}

u64 lbfo_lacp_rx_deadline(const struct lbfo_lacp_rx *rx)
{
	return rx->current_while_ns;
}
