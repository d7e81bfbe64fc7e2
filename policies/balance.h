/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Dynamic load balancing: flowlets and moves by measured load. Pure logic.
 *
 * The data path records, per bucket, the bytes sent and when it last sent;
 * every balance interval team_driver/ feeds the bytes to lbfo_balance(),
 * which picks buckets to move. A move is only a wish: the data path applies
 * it when the bucket starts a new flowlet (lbfo_flowlet_starts()), so the
 * packets of a flow never overtake each other across members.
 */
#ifndef _LBFO_POLICIES_BALANCE_H
#define _LBFO_POLICIES_BALANCE_H

#include <linux/types.h>
#include <linux/lbfo.h>

/**
 * lbfo_flowlet_starts() - does a packet start a new flowlet?
 * @now_ns: the time of this packet
 * @last_ns: the time of the bucket's previous packet (0: never)
 * @gap_ns: the flowlet gap
 *
 * Return: true if the bucket has been idle for at least @gap_ns, so the
 * packets before it have left (or been lost) and the bucket may change
 * member without reordering.
 */
static inline bool lbfo_flowlet_starts(u64 now_ns, u64 last_ns, u64 gap_ns)
{
	return !last_ns || now_ns - last_ns >= gap_ns;
}

/**
 * struct lbfo_move - one bucket to move
 * @bucket: the bucket
 * @to: the slot to move it to
 */
struct lbfo_move {
	u16 bucket;
	u8 to;
};

/**
 * lbfo_balance() - choose buckets to move from busy members to idle ones
 * @bucket_slot: LBFO_BUCKETS entries: the slot of each bucket (as it will
 *	be once the moves already pending are applied)
 * @bucket_bytes: LBFO_BUCKETS entries: bytes each bucket sent in the last
 *	interval
 * @weights: weight of each slot; 0 for slots that carry no traffic
 * @nslots: number of entries in @weights (<= LBFO_MAX_MEMBERS)
 * @threshold_pct: move nothing unless the busiest slot's load per unit of
 *	weight exceeds the least busy one's by more than this percent
 * @moves: filled with the moves chosen, in order
 * @max_moves: room in @moves
 *
 * Greedy: while the imbalance is above the threshold and there is room,
 * take the busiest slot (load / weight) and move the one bucket of it that
 * makes max(busiest after, receiver after), in load per weight, smallest,
 * to the least busy slot that can take one: only if that value is below
 * the busiest slot's load before the move, so a move always lowers the
 * peak. When the least busy slot cannot (a slow member one bucket would
 * overload), the next least busy is tried, while still past the threshold.
 * A bucket
 * too heavy to share (one elephant flow) is therefore never moved back and
 * forth. Buckets with no bytes are not moved (bytes are compared to 22
 * significant bits: a bucket below 2^-22 of the busiest one counts as
 * idle), and no bucket is moved twice in one call. Equal choices go to the
 * lowest bucket and slot numbers, so the result is deterministic.
 *
 * Return: the number of moves written to @moves.
 */
unsigned int lbfo_balance(const u8 *bucket_slot, const u64 *bucket_bytes,
			  const u32 *weights, unsigned int nslots,
			  u32 threshold_pct, struct lbfo_move *moves,
			  unsigned int max_moves);

/**
 * lbfo_jain_index() - Jain's fairness index of loads relative to weights
 * @load: load of each slot
 * @weights: weight of each slot; slots with weight 0 are left out
 * @nslots: number of slots
 *
 * (sum x)^2 / (n * sum x^2) with x = load / weight, in parts per million:
 * 1000000 when every slot carries exactly its share, 1000000 / n when one
 * slot carries everything. Used by tests and benchmarks.
 *
 * Return: the index times 1000000; 1000000 when nothing is loaded.
 */
u32 lbfo_jain_index(const u64 *load, const u32 *weights, unsigned int nslots);

#endif /* _LBFO_POLICIES_BALANCE_H */
