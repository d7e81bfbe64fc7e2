// SPDX-License-Identifier: GPL-2.0
/*
 * Dynamic load balancing: which buckets to move, by measured load.
 *
 * Loads are compared relative to weights as fractions, load / weight, by
 * cross-multiplying in 64 bits. To keep the products in range, bytes are
 * scaled down (by a power of two) until the busiest bucket fits in
 * LOAD_BITS bits, so a slot's load fits in 32 bits; weights are scaled down
 * until the largest fits in WEIGHT_BITS bits, which leaves every weight up
 * to LBFO_WEIGHT_MAX unchanged. A bucket that scaled down to 0 (less than
 * 2^-LOAD_BITS of the busiest) counts as idle.
 *
 * Unlike teamd's tx_balancer, which re-decides every bucket each round with
 * no threshold, and OVS, which moves active flows, a round here only moves
 * buckets that lower the peak, only past the threshold, each bucket at most
 * once, and the moves wait for a flowlet boundary in the data path.
 */
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/string.h>

#include "balance.h"

#define LOAD_BITS	22
#define WEIGHT_BITS	20

/*
 * Is load @a over weight @aw less than @b over @bw? Loads stay below 2^33
 * and weights below 2^20.
 */
static bool share_less(u64 a, u64 aw, u64 b, u64 bw)
{
	return a * bw < b * aw;
}

/* The right shift that brings @max below 2^@bits. */
static unsigned int shift_below(u64 max, unsigned int bits)
{
	unsigned int len = fls64(max);

	return len > bits ? len - bits : 0;
}

/*
 * Is the busiest share more than @pct percent above the least busy one:
 * hi / hiw > lo / low * (100 + pct) / 100? The left product stays below
 * 2^60; the right one is compared only if it fits in 64 bits.
 */
static bool over_threshold(u64 hi, u64 hiw, u64 lo, u64 low, u32 pct)
{
	u64 right;

	if (check_mul_overflow(lo * hiw, 100 + (u64)pct, &right))
		return false;
	return hi * low * 100 > right;
}

/* The state of one balancing round, scaled as described at the top. */
struct balance_round {
	u64 load[LBFO_MAX_MEMBERS];
	u32 weight[LBFO_MAX_MEMBERS];
	unsigned int nslots;
	unsigned int bshift;
	DECLARE_BITMAP(moved, LBFO_BUCKETS);
};

static void round_init(struct balance_round *r, const u8 *bucket_slot,
		       const u64 *bucket_bytes, const u32 *weights,
		       unsigned int nslots)
{
	unsigned int b, s, wshift;
	u32 max_weight = 0;
	u64 max_bytes = 0;

	r->nslots = min_t(unsigned int, nslots, LBFO_MAX_MEMBERS);
	for (s = 0; s < r->nslots; s++)
		max_weight = max(max_weight, weights[s]);
	wshift = shift_below(max_weight, WEIGHT_BITS);
	for (s = 0; s < r->nslots; s++)
		r->weight[s] = weights[s] ? max(weights[s] >> wshift, 1U) : 0;

	/* Only buckets of slots carrying traffic count. */
	for (b = 0; b < LBFO_BUCKETS; b++)
		if (bucket_slot[b] < r->nslots && r->weight[bucket_slot[b]])
			max_bytes = max(max_bytes, bucket_bytes[b]);
	r->bshift = shift_below(max_bytes, LOAD_BITS);
	memset(r->load, 0, sizeof(r->load));
	for (b = 0; b < LBFO_BUCKETS; b++)
		if (bucket_slot[b] < r->nslots && r->weight[bucket_slot[b]])
			r->load[bucket_slot[b]] += bucket_bytes[b] >> r->bshift;
	bitmap_zero(r->moved, LBFO_BUCKETS);
}

/* Is slot @a's load per weight below slot @b's? */
static bool slot_less(const struct balance_round *r, unsigned int a,
		      unsigned int b)
{
	return share_less(r->load[a], r->weight[a], r->load[b], r->weight[b]);
}

/*
 * The bucket of slot @hi whose move to slot @lo leaves the lower peak of
 * the two, if that peak is below @hi's load now; LBFO_BUCKETS if none.
 * Buckets already moved this round and buckets with no bytes stay put.
 */
static unsigned int best_bucket(const struct balance_round *r,
				const u8 *bucket_slot, const u64 *bucket_bytes,
				unsigned int hi, unsigned int lo)
{
	u64 x, peak, peak_w, best_peak = r->load[hi], best_w = r->weight[hi];
	unsigned int b, best = LBFO_BUCKETS;

	for (b = 0; b < LBFO_BUCKETS; b++) {
		if (bucket_slot[b] != hi || test_bit(b, r->moved))
			continue;
		x = bucket_bytes[b] >> r->bshift;
		if (!x)
			continue;
		peak = r->load[hi] - x;
		peak_w = r->weight[hi];
		if (share_less(peak, peak_w, r->load[lo] + x, r->weight[lo])) {
			peak = r->load[lo] + x;
			peak_w = r->weight[lo];
		}
		if (share_less(peak, peak_w, best_peak, best_w)) {
			best = b;
			best_peak = peak;
			best_w = peak_w;
		}
	}
	return best;
}

unsigned int lbfo_balance(const u8 *bucket_slot, const u64 *bucket_bytes,
			  const u32 *weights, unsigned int nslots,
			  u32 threshold_pct, struct lbfo_move *moves,
			  unsigned int max_moves)
{
	unsigned int s, i, hi, lo, b = LBFO_BUCKETS, n = 0, ntargets;
	u8 order[LBFO_MAX_MEMBERS];
	struct balance_round r;
	u64 x;

	round_init(&r, bucket_slot, bucket_bytes, weights, nslots);
	while (n < max_moves) {
		/*
		 * The busiest slot (lowest number on ties), and the others
		 * from the least busy up (insertion sort, stable: lowest
		 * numbers first on ties).
		 */
		hi = r.nslots;
		ntargets = 0;
		for (s = 0; s < r.nslots; s++) {
			if (!r.weight[s])
				continue;
			if (hi == r.nslots || slot_less(&r, hi, s))
				hi = s;
			for (i = ntargets; i && slot_less(&r, s, order[i - 1]); i--)
				order[i] = order[i - 1];
			order[i] = s;
			ntargets++;
		}

		/*
		 * Only a move that lowers the peak: never an elephant alone.
		 * The least busy slot may be unable to take any bucket (a
		 * slow member, whose small weight one bucket overloads): then
		 * the next least busy is tried, as long as it is past the
		 * threshold.
		 */
		lo = r.nslots;
		for (i = 0; i < ntargets; i++) {
			s = order[i];
			if (s == hi ||
			    !over_threshold(r.load[hi], r.weight[hi],
					    r.load[s], r.weight[s],
					    threshold_pct))
				break;
			b = best_bucket(&r, bucket_slot, bucket_bytes, hi, s);
			if (b != LBFO_BUCKETS) {
				lo = s;
				break;
			}
		}
		if (lo == r.nslots)
			break;

		x = bucket_bytes[b] >> r.bshift;
		r.load[hi] -= x;
		r.load[lo] += x;
		__set_bit(b, r.moved);
		moves[n].bucket = b;
		moves[n].to = lo;
		n++;
	}
	return n;
}

u32 lbfo_jain_index(const u64 *load, const u32 *weights, unsigned int nslots)
{
	u64 max_load = 0, y, sum = 0, sum_sq = 0;
	unsigned int s, top, shift, n = 0;
	u64 l;

	nslots = min_t(unsigned int, nslots, LBFO_MAX_MEMBERS);
	top = nslots;
	for (s = 0; s < nslots; s++)
		if (weights[s])
			max_load = max(max_load, load[s]);
	if (!max_load)
		return 1000000;

	/*
	 * x = load / weight is scaled to y = x / max(x) * 2^24: the index
	 * does not change with the scale, and the sums stay in 64 bits
	 * (n <= 64, so sum < 2^30, sum^2 < 2^60, n * sum_sq <= 2^60).
	 * Loads are first brought below 2^32 so that load * weight fits.
	 */
	shift = shift_below(max_load, 32);
	for (s = 0; s < nslots; s++) {
		if (!weights[s])
			continue;
		if (top == nslots ||
		    (load[s] >> shift) * weights[top] >
		    (load[top] >> shift) * weights[s])
			top = s;
	}
	for (s = 0; s < nslots; s++) {
		if (!weights[s])
			continue;
		l = load[s] >> shift;
		y = mul_u64_u64_div_u64(l * weights[top], 1ULL << 24,
					(u64)weights[s] * (load[top] >> shift));
		sum += y;
		sum_sq += y * y;
		n++;
	}
	return mul_u64_u64_div_u64(sum * sum, 1000000, n * sum_sq);
}
