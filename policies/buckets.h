/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The transmit bucket table: which member slot carries each bucket. Pure
 * logic, no locking; team_driver/ owns the table and publishes it.
 *
 * Members are identified by a slot, 0..LBFO_MAX_MEMBERS-1, that a member
 * keeps while it is in the team. A bucket holds a slot, or LBFO_NO_SLOT when
 * no member carries traffic.
 */
#ifndef _LBFO_POLICIES_BUCKETS_H
#define _LBFO_POLICIES_BUCKETS_H

#include <linux/types.h>
#include <linux/lbfo.h>

#define LBFO_NO_SLOT	0xff

/**
 * lbfo_buckets_targets() - how many buckets each slot should carry
 * @weights: weight of each slot; 0 for slots that carry no traffic
 * @nslots: number of entries in @weights (<= LBFO_MAX_MEMBERS)
 * @have: buckets each slot carries now (used to break rounding ties so
 *	that as little as possible moves)
 * @targets: filled with the target count per slot
 *
 * The targets add up to LBFO_BUCKETS (or are all 0 if every weight is 0),
 * and each is the slot's exact share, weight / total * LBFO_BUCKETS, rounded
 * down or up: the buckets left by rounding down go first to slots that hold
 * more than their rounded-down share now, then to the largest remainders,
 * then to the lowest slot.
 */
void lbfo_buckets_targets(const u32 *weights, unsigned int nslots,
			  const u16 *have, u16 *targets);

/**
 * lbfo_buckets_assign() - map buckets to slots by weight, moving few
 * @bucket_slot: LBFO_BUCKETS entries; in: the current map, out: the new one
 * @weights: weight of each slot; 0 for slots that carry no traffic
 * @nslots: number of entries in @weights (<= LBFO_MAX_MEMBERS)
 * @rebalance: true: every slot ends at its target count, taking buckets
 *	from slots above target (a member that returns takes back its share);
 *	false: only buckets whose slot has weight 0 (or LBFO_NO_SLOT) move,
 *	each to the slot furthest below its target (dynamic balancing keeps
 *	the rest of the map it built).
 *
 * A bucket moves only if its slot has weight 0 (or is LBFO_NO_SLOT, or
 * @nslots or above) or, with @rebalance, holds more than its target;
 * buckets given up by a slot are its highest-numbered ones. With every
 * weight 0, every bucket becomes LBFO_NO_SLOT. Each entry of @bucket_slot
 * is written at most once, with its final value.
 *
 * Return: the number of buckets whose slot changed.
 */
unsigned int lbfo_buckets_assign(u8 *bucket_slot, const u32 *weights,
				 unsigned int nslots, bool rebalance);

/* Count the buckets of each slot: @count has @nslots entries. */
void lbfo_buckets_count(const u8 *bucket_slot, unsigned int nslots,
			u16 *count);

#endif /* _LBFO_POLICIES_BUCKETS_H */
