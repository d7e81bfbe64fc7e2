// SPDX-License-Identifier: GPL-2.0
/* The LACP mux machine (see lacp_mux.h). */
#include <linux/time64.h>

#include "lacp_mux.h"
#include "lacp_rx.h"
#include "lacpdu.h"

#define OUT_BITS	(LBFO_LACP_SYNC | LBFO_LACP_COLLECTING | \
			 LBFO_LACP_DISTRIBUTING)

/* The actor bits each state sets (its entry actions). */
static u8 bits_of(u8 state)
{
	switch (state) {
	case LBFO_LACP_MUX_ATTACHED:
		return LBFO_LACP_SYNC;
	case LBFO_LACP_MUX_COLLECTING:
		return LBFO_LACP_SYNC | LBFO_LACP_COLLECTING;
	case LBFO_LACP_MUX_COLLECTING_DISTRIBUTING:
		return OUT_BITS;
	}
	return 0;
}

static u8 next_state(const struct lbfo_lacp_mux *mux, u8 selected,
		     bool ready, u8 partner)
{
	bool in_use = selected == LBFO_LACP_SELECTED;
	bool sync = in_use && (partner & LBFO_LACP_SYNC);

	switch (mux->state) {
	case LBFO_LACP_MUX_DETACHED:
		return selected == LBFO_LACP_UNSELECTED ? mux->state :
							  LBFO_LACP_MUX_WAITING;
	case LBFO_LACP_MUX_WAITING:
		if (selected == LBFO_LACP_UNSELECTED)
			return LBFO_LACP_MUX_DETACHED;
		return in_use && ready ? LBFO_LACP_MUX_ATTACHED : mux->state;
	case LBFO_LACP_MUX_ATTACHED:
		if (!in_use)
			return LBFO_LACP_MUX_DETACHED;
		if (!sync)
			return mux->state;
		return mux->independent ? LBFO_LACP_MUX_COLLECTING :
					  LBFO_LACP_MUX_COLLECTING_DISTRIBUTING;
	case LBFO_LACP_MUX_COLLECTING:
		if (!sync)
			return LBFO_LACP_MUX_ATTACHED;
		return partner & LBFO_LACP_COLLECTING ?
		       LBFO_LACP_MUX_COLLECTING_DISTRIBUTING : mux->state;
	case LBFO_LACP_MUX_COLLECTING_DISTRIBUTING:
		if (!mux->independent)
			return sync ? mux->state : LBFO_LACP_MUX_ATTACHED;
		/* independent control's DISTRIBUTING */
		return sync && (partner & LBFO_LACP_COLLECTING) ? mux->state :
		       LBFO_LACP_MUX_COLLECTING;
	}
	return LBFO_LACP_MUX_DETACHED;
}

bool lbfo_lacp_mux_run(struct lbfo_lacp_mux *mux, u8 selected, bool ready,
		       u8 partner_state, u8 *actor_state, u64 now_ns)
{
	u8 before = *actor_state, next;
	unsigned int i;

	/* At most DETACHED, WAITING, ATTACHED, COLLECTING, DISTRIBUTING. */
	for (i = 0; i < 5; i++) {
		next = next_state(mux, selected, ready, partner_state);
		if (next == mux->state)
			break;
		if (next == LBFO_LACP_MUX_WAITING &&
		    mux->state == LBFO_LACP_MUX_DETACHED) {
			mux->wait_while_ns = now_ns + LBFO_LACP_AGGREGATE_WAIT_NS;
			/* Ready is the aggregator's: ask again once waited. */
			ready = false;
		}
		if (next != LBFO_LACP_MUX_WAITING)
			mux->wait_while_ns = 0;
		mux->state = next;
		*actor_state = (*actor_state & ~OUT_BITS) | bits_of(next);
	}
	return *actor_state != before;
}

bool lbfo_lacp_mux_waited(const struct lbfo_lacp_mux *mux, u64 now_ns)
{
	return mux->state != LBFO_LACP_MUX_WAITING ||
	       now_ns >= mux->wait_while_ns;
}

u64 lbfo_lacp_mux_deadline(const struct lbfo_lacp_mux *mux)
{
	return mux->wait_while_ns;
}
