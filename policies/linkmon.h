/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Link monitoring: whether a member's link is usable, from its carrier,
 * its probes and the up and down delays. Pure logic; team_driver/ feeds it
 * the observations and arms a timer for the deadline it returns.
 */
#ifndef _LBFO_POLICIES_LINKMON_H
#define _LBFO_POLICIES_LINKMON_H

#include <linux/types.h>

/**
 * enum lbfo_link - a member link's state, as the team uses it
 * @LBFO_LINK_DOWN: not usable.
 * @LBFO_LINK_GOING_UP: up, waiting for the up delay to end.
 * @LBFO_LINK_UP: usable.
 * @LBFO_LINK_GOING_DOWN: down, waiting for the down delay to end (still
 *	usable meanwhile).
 */
enum lbfo_link {
	LBFO_LINK_DOWN,
	LBFO_LINK_GOING_UP,
	LBFO_LINK_UP,
	LBFO_LINK_GOING_DOWN,
};

/**
 * struct lbfo_linkmon - the state machine of one member link
 * @state: enum lbfo_link.
 * @since_ns: when @state was entered.
 */
struct lbfo_linkmon {
	u8 state;
	u64 since_ns;
};

/**
 * lbfo_linkmon_update() - feed an observation of the link
 * @lm: the state machine (a new one is zeroed: LBFO_LINK_DOWN)
 * @raw_up: what the link looks like now (carrier, probes)
 * @now_ns: the time now
 * @updelay_ns: how long it must look up before it is used (0: at once)
 * @downdelay_ns: how long it must look down before it is dropped (0: at
 *	once)
 *
 * Goes DOWN -> GOING_UP -> UP when @raw_up stays true for @updelay_ns (at
 * once with 0), UP -> GOING_DOWN -> DOWN when it stays false for
 * @downdelay_ns; a change back during a delay returns to where it came from
 * (GOING_UP -> DOWN, GOING_DOWN -> UP). Call it on every observation and
 * again at the deadline of lbfo_linkmon_deadline().
 *
 * Return: whether the link is usable now (UP or GOING_DOWN).
 */
bool lbfo_linkmon_update(struct lbfo_linkmon *lm, bool raw_up, u64 now_ns,
			 u64 updelay_ns, u64 downdelay_ns);

/**
 * lbfo_linkmon_deadline() - when a pending delay ends
 * @lm: the state machine
 * @updelay_ns: as given to lbfo_linkmon_update()
 * @downdelay_ns: likewise
 *
 * Return: the time at which GOING_UP or GOING_DOWN ends, or 0 if no delay
 * is pending (a delay that would end at time 0 gives 1, one that would end
 * past U64_MAX gives U64_MAX).
 */
u64 lbfo_linkmon_deadline(const struct lbfo_linkmon *lm, u64 updelay_ns,
			  u64 downdelay_ns);

/**
 * lbfo_probe_alive() - do a member's probes look answered?
 * @now_ns: the time now
 * @last_rx_ns: when the member last received an answer (0: never)
 * @since_ns: when probing of this member started (a member is given
 *	@missed intervals after joining, or after probing is turned on)
 * @interval_ns: the probe interval
 * @missed: how many intervals may pass without an answer
 *
 * Return: true if the last answer (or the start, whichever is later) is
 * less than @missed * @interval_ns old; a time after @now_ns is 0 old. So
 * never true with @missed or @interval_ns 0.
 */
bool lbfo_probe_alive(u64 now_ns, u64 last_rx_ns, u64 since_ns,
		      u64 interval_ns, u32 missed);

#endif /* _LBFO_POLICIES_LINKMON_H */
