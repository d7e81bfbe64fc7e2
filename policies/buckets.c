// SPDX-License-Identifier: GPL-2.0
/*
 * The transmit bucket table: buckets per slot by weight, and the fewest
 * moves that reach those counts.
 *
 * Unlike bonding's hash % count over the members carrying traffic, where
 * one member leaving remaps nearly every flow, a bucket here changes slot
 * only when it must: its slot stopped carrying traffic, or (rebalance) its
 * slot holds more than its share. The buckets freed are handed out one at a
 * time, in bucket order, to the slot furthest below its target, so a failed
 * member's buckets are interleaved over the others by weight.
 */
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "buckets.h"

/*
 * Should slot @i get one of the buckets left by rounding down before slot
 * @j? Both have a fractional share (@rem, in units of 1 / total weight);
 * @floor is the rounded-down share.
 */
static bool round_up_first(unsigned int i, unsigned int j, const u16 *have,
			   const u16 *floor, const u64 *rem)
{
	bool above_i = have[i] > floor[i], above_j = have[j] > floor[j];

	if (above_i != above_j)
		return above_i;
	if (rem[i] != rem[j])
		return rem[i] > rem[j];
	return i < j;
}

void lbfo_buckets_targets(const u32 *weights, unsigned int nslots,
			  const u16 *have, u16 *targets)
{
	u64 rem[LBFO_MAX_MEMBERS];
	unsigned int i, best, left = LBFO_BUCKETS;
	u64 total = 0, rounded_up = 0;

	nslots = min_t(unsigned int, nslots, LBFO_MAX_MEMBERS);
	for (i = 0; i < nslots; i++)
		total += weights[i];
	if (!total) {
		memset(targets, 0, nslots * sizeof(*targets));
		return;
	}

	for (i = 0; i < nslots; i++) {
		targets[i] = div64_u64_rem((u64)weights[i] * LBFO_BUCKETS,
					   total, &rem[i]);
		left -= targets[i];
	}

	/*
	 * The fractional shares add up to @left, each below 1: at least
	 * @left slots have one, and each of them gets at most one bucket.
	 * targets[i] is still the rounded-down share of a slot not yet
	 * rounded up.
	 */
	while (left--) {
		best = nslots;
		for (i = 0; i < nslots; i++) {
			if (!rem[i] || (rounded_up & BIT_ULL(i)))
				continue;
			if (best == nslots ||
			    round_up_first(i, best, have, targets, rem))
				best = i;
		}
		rounded_up |= BIT_ULL(best);
		targets[best]++;
	}
}

/* The slot carrying traffic furthest below its target; lowest on ties. */
static unsigned int neediest(const u32 *weights, unsigned int nslots,
			     const u16 *have, const u16 *targets)
{
	unsigned int i, best = LBFO_NO_SLOT;
	int need, best_need = 0;

	for (i = 0; i < nslots; i++) {
		if (!weights[i])
			continue;
		need = (int)targets[i] - (int)have[i];
		if (best == LBFO_NO_SLOT || need > best_need) {
			best = i;
			best_need = need;
		}
	}
	return best;
}

unsigned int lbfo_buckets_assign(u8 *bucket_slot, const u32 *weights,
				 unsigned int nslots, bool rebalance)
{
	u16 have[LBFO_MAX_MEMBERS], targets[LBFO_MAX_MEMBERS];
	DECLARE_BITMAP(freed, LBFO_BUCKETS);
	unsigned int b, s, moved = 0;

	nslots = min_t(unsigned int, nslots, LBFO_MAX_MEMBERS);
	lbfo_buckets_count(bucket_slot, nslots, have);
	lbfo_buckets_targets(weights, nslots, have, targets);

	if (neediest(weights, nslots, have, targets) == LBFO_NO_SLOT) {
		/* Every weight is 0: nobody carries traffic. */
		for (b = 0; b < LBFO_BUCKETS; b++) {
			if (bucket_slot[b] != LBFO_NO_SLOT) {
				bucket_slot[b] = LBFO_NO_SLOT;
				moved++;
			}
		}
		return moved;
	}

	/*
	 * Free the orphans and, with @rebalance, the highest-numbered buckets
	 * of each slot above its target; have[] becomes what stays.
	 */
	bitmap_zero(freed, LBFO_BUCKETS);
	for (b = LBFO_BUCKETS; b-- > 0; ) {
		s = bucket_slot[b];
		if (s >= nslots || !weights[s]) {
			__set_bit(b, freed);
		} else if (rebalance && have[s] > targets[s]) {
			have[s]--;
			__set_bit(b, freed);
		}
	}

	for_each_set_bit(b, freed, LBFO_BUCKETS) {
		s = neediest(weights, nslots, have, targets);
		have[s]++;
		if (bucket_slot[b] != s) {
			bucket_slot[b] = s;
			moved++;
		}
	}
	return moved;
}

/**
 * lbfo_buckets_count() - count the buckets of each slot
 * @bucket_slot: LBFO_BUCKETS entries: the slot of each bucket
 * @nslots: number of entries in @count (<= LBFO_MAX_MEMBERS)
 * @count: filled with the number of buckets of each slot; buckets of
 *	LBFO_NO_SLOT or of a slot @nslots or above are not counted
 */
void lbfo_buckets_count(const u8 *bucket_slot, unsigned int nslots,
			u16 *count)
{
	unsigned int b;

	memset(count, 0, nslots * sizeof(*count));
	for (b = 0; b < LBFO_BUCKETS; b++)
		if (bucket_slot[b] < nslots)
			count[bucket_slot[b]]++;
}
