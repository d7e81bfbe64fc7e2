// SPDX-License-Identifier: GPL-2.0
/*
 * Link monitoring: the up and down delays of a member's link, and whether
 * its probes are answered. Times are nanoseconds of a monotonic clock; a
 * time before @since_ns (a clock read earlier than the last update) counts
 * as no time passed.
 */
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/overflow.h>

#include "linkmon.h"

/* Has @delay passed since @since? */
static bool elapsed(u64 now, u64 since, u64 delay)
{
	return now >= since && now - since >= delay;
}

static void enter(struct lbfo_linkmon *lm, enum lbfo_link state, u64 now_ns)
{
	lm->state = state;
	lm->since_ns = now_ns;
}

bool lbfo_linkmon_update(struct lbfo_linkmon *lm, bool raw_up, u64 now_ns,
			 u64 updelay_ns, u64 downdelay_ns)
{
	switch (lm->state) {
	case LBFO_LINK_GOING_UP:
		if (!raw_up)
			enter(lm, LBFO_LINK_DOWN, now_ns);
		else if (elapsed(now_ns, lm->since_ns, updelay_ns))
			enter(lm, LBFO_LINK_UP, now_ns);
		break;
	case LBFO_LINK_UP:
		if (!raw_up)
			enter(lm, downdelay_ns ? LBFO_LINK_GOING_DOWN :
			      LBFO_LINK_DOWN, now_ns);
		break;
	case LBFO_LINK_GOING_DOWN:
		if (raw_up)
			enter(lm, LBFO_LINK_UP, now_ns);
		else if (elapsed(now_ns, lm->since_ns, downdelay_ns))
			enter(lm, LBFO_LINK_DOWN, now_ns);
		break;
	default:
		/* LBFO_LINK_DOWN, or garbage: treated as down. */
		if (raw_up)
			enter(lm, updelay_ns ? LBFO_LINK_GOING_UP :
			      LBFO_LINK_UP, now_ns);
		else
			lm->state = LBFO_LINK_DOWN;
		break;
	}
	return lm->state == LBFO_LINK_UP || lm->state == LBFO_LINK_GOING_DOWN;
}

u64 lbfo_linkmon_deadline(const struct lbfo_linkmon *lm, u64 updelay_ns,
			  u64 downdelay_ns)
{
	u64 delay, end;

	if (lm->state == LBFO_LINK_GOING_UP)
		delay = updelay_ns;
	else if (lm->state == LBFO_LINK_GOING_DOWN)
		delay = downdelay_ns;
	else
		return 0;
	if (check_add_overflow(lm->since_ns, delay, &end))
		return U64_MAX;
	/* 0 means "nothing pending": a delay due at time 0 is due now. */
	return end ? end : 1;
}

bool lbfo_probe_alive(u64 now_ns, u64 last_rx_ns, u64 since_ns,
		      u64 interval_ns, u32 missed)
{
	u64 ref = max(last_rx_ns, since_ns), window;
	u64 age = now_ns > ref ? now_ns - ref : 0;

	if (check_mul_overflow(interval_ns, (u64)missed, &window))
		return true;
	return age < window;
}
