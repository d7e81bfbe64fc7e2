// SPDX-License-Identifier: GPL-2.0
/* The LACP selection logic (see lacp_select.h). */
#include <linux/etherdevice.h>

#include "lacp_rx.h"
#include "lacp_select.h"

/* Either end says the link cannot be aggregated. */
static bool individual(const struct lbfo_lacp_sel_port *p)
{
	return !(p->actor_state & LBFO_LACP_AGGREGATION) ||
	       !(p->partner.state & LBFO_LACP_AGGREGATION);
}

static bool same_partner(const struct lbfo_lacp_sel_port *a,
			 const struct lbfo_lacp_sel_port *b)
{
	return a->partner.system_priority == b->partner.system_priority &&
	       ether_addr_equal_unaligned(a->partner.system,
					  b->partner.system) &&
	       a->partner.key == b->partner.key;
}

bool lbfo_lacp_sel_same_lag(const struct lbfo_lacp_sel_port *a,
			    const struct lbfo_lacp_sel_port *b)
{
	return !individual(a) && !individual(b) && a->key == b->key &&
	       same_partner(a, b);
}

/* Why a port cannot be selected at all, LBFO_LACP_WHY_NONE if it can. */
static u8 why_not(const struct lbfo_lacp_sel_port *p)
{
	if (!p->enabled)
		return LBFO_LACP_WHY_LINK;
	if (!p->full_duplex)
		return LBFO_LACP_WHY_HALF_DUPLEX;
	if (!p->partner_known)
		return LBFO_LACP_WHY_NO_PARTNER;
	return LBFO_LACP_WHY_NONE;
}

static bool same_group(const struct lbfo_lacp_sel_port *a,
		       const struct lbfo_lacp_sel_port *b, bool mixed_speed)
{
	if (a == b)
		return true;
	return lbfo_lacp_sel_same_lag(a, b) &&
	       (mixed_speed || a->speed == b->speed);
}

/* Why a candidate outside the team's group (led by @agg) is there. */
static u8 why_standby(const struct lbfo_lacp_sel_port *p,
		      const struct lbfo_lacp_sel_port *agg)
{
	if (individual(p) || individual(agg))
		return LBFO_LACP_WHY_INDIVIDUAL;
	if (p->key != agg->key)
		return LBFO_LACP_WHY_KEY;
	if (!same_partner(p, agg))
		return LBFO_LACP_WHY_OTHER_GROUP;
	return LBFO_LACP_WHY_SPEED;
}

/* What ranks a group; the best one becomes the team's aggregator. */
struct group_rank {
	u64 bandwidth;
	unsigned int ports;
	bool in_use;
	u16 id;
};

static bool better(const struct group_rank *a, const struct group_rank *b)
{
	if (a->bandwidth != b->bandwidth)
		return a->bandwidth > b->bandwidth;
	if (a->ports != b->ports)
		return a->ports > b->ports;
	if (a->in_use != b->in_use)
		return a->in_use;
	return a->id < b->id;
}

u16 lbfo_lacp_select(struct lbfo_lacp_sel_port *ports, unsigned int n,
		     bool mixed_speed, u16 current_agg)
{
	const struct lbfo_lacp_sel_port *agg = NULL;
	struct group_rank best = {}, rank;
	unsigned int i, j;

	/* Candidates, and each one's group: the lowest port in it. */
	for (i = 0; i < n; i++) {
		struct lbfo_lacp_sel_port *p = &ports[i];

		p->selected = LBFO_LACP_UNSELECTED;
		p->aggregator = 0;
		p->why = why_not(p);
		if (p->why != LBFO_LACP_WHY_NONE)
			continue;
		p->aggregator = p->port;
		for (j = 0; j < n; j++) {
			const struct lbfo_lacp_sel_port *q = &ports[j];

			if (q->port < p->aggregator &&
			    why_not(q) == LBFO_LACP_WHY_NONE &&
			    same_group(p, q, mixed_speed))
				p->aggregator = q->port;
		}
	}

	/* Rank each group once, at its lowest port. */
	for (i = 0; i < n; i++) {
		const struct lbfo_lacp_sel_port *p = &ports[i];

		if (!p->aggregator || p->aggregator != p->port)
			continue;
		rank = (struct group_rank){ .id = p->port };
		for (j = 0; j < n; j++) {
			const struct lbfo_lacp_sel_port *q = &ports[j];

			if (q->aggregator != p->port)
				continue;
			rank.bandwidth += q->speed ? q->speed : 1;
			rank.ports++;
			if (current_agg && q->port == current_agg)
				rank.in_use = true;
		}
		if (!agg || better(&rank, &best)) {
			agg = p;
			best = rank;
		}
	}
	if (!agg)
		return 0;

	for (i = 0; i < n; i++) {
		struct lbfo_lacp_sel_port *p = &ports[i];

		if (!p->aggregator)
			continue;
		if (p->aggregator == agg->port) {
			p->selected = LBFO_LACP_SELECTED;
		} else {
			p->selected = LBFO_LACP_STANDBY;
			p->why = why_standby(p, agg);
		}
	}
	return agg->port;
}
