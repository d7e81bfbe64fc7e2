// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for dynamic load balancing (policies/balance.c).
 */
#include <kunit/test.h>
#include <linux/limits.h>
#include <linux/string.h>

#include "balance.h"
#include "buckets.h"

/* A bucket table with its byte counts and room for every move. */
struct bal {
	u8 *slot;
	u64 *bytes;
	struct lbfo_move *moves;
};

static struct bal *new_bal(struct kunit *test)
{
	struct bal *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->slot = kunit_kzalloc(test, LBFO_BUCKETS, GFP_KERNEL);
	t->bytes = kunit_kcalloc(test, LBFO_BUCKETS, sizeof(*t->bytes),
				 GFP_KERNEL);
	t->moves = kunit_kcalloc(test, LBFO_BUCKETS + 1, sizeof(*t->moves),
				 GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->slot);
	KUNIT_ASSERT_NOT_NULL(test, t->bytes);
	KUNIT_ASSERT_NOT_NULL(test, t->moves);
	memset(t->slot, LBFO_NO_SLOT, LBFO_BUCKETS);
	return t;
}

/* Buckets [@first, @first + @n) on @slot, @bytes each. */
static void put(struct bal *t, unsigned int first, unsigned int n, u8 slot,
		u64 bytes)
{
	unsigned int b;

	for (b = first; b < first + n; b++) {
		t->slot[b] = slot;
		t->bytes[b] = bytes;
	}
}

static void apply(struct bal *t, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		t->slot[t->moves[i].bucket] = t->moves[i].to;
}

static void loads(const struct bal *t, unsigned int nslots, u64 *load)
{
	unsigned int b;

	memset(load, 0, nslots * sizeof(*load));
	for (b = 0; b < LBFO_BUCKETS; b++)
		if (t->slot[b] < nslots)
			load[t->slot[b]] += t->bytes[b];
}

/* Balance and apply until nothing moves; the total number of moves. */
static unsigned int settle(struct kunit *test, struct bal *t,
			   const u32 *weights, unsigned int nslots, u32 pct,
			   unsigned int per_round)
{
	unsigned int n, total = 0, rounds = 0;

	do {
		n = lbfo_balance(t->slot, t->bytes, weights, nslots, pct,
				 t->moves, per_round);
		KUNIT_ASSERT_LE(test, n, per_round);
		apply(t, n);
		total += n;
	} while (n && ++rounds < 2 * LBFO_BUCKETS);
	KUNIT_EXPECT_EQ_MSG(test, n, 0, "no convergence in %u rounds", rounds);
	return total;
}

static void lbfo_balance_busy_idle_test(struct kunit *test)
{
	static const u32 weights[2] = { 10000, 10000 };
	struct bal *t = new_bal(test);
	unsigned int i, n;
	u64 load[2];

	put(t, 0, 16, 0, 1000);
	put(t, 16, 16, 1, 0);
	n = lbfo_balance(t->slot, t->bytes, weights, 2, 25, t->moves,
			 LBFO_BUCKETS);
	/* Half of the busy buckets, the lowest-numbered, to the idle one. */
	KUNIT_ASSERT_EQ(test, n, 8);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ(test, t->moves[i].bucket, i);
		KUNIT_EXPECT_EQ(test, t->moves[i].to, 1);
	}
	apply(t, n);
	loads(t, 2, load);
	KUNIT_EXPECT_EQ(test, load[0], 8000);
	KUNIT_EXPECT_EQ(test, load[1], 8000);
	KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights, 2, 25,
					   t->moves, LBFO_BUCKETS), 0);
}

/* A flow too big to share stays where it is. */
static void lbfo_balance_elephant_test(struct kunit *test)
{
	static const u32 weights[2] = { 10000, 10000 };
	struct bal *t = new_bal(test);
	unsigned int i, n;
	u64 load[2];

	/* Alone on its member, with mice on the other: nothing moves. */
	put(t, 100, 1, 0, 1000000000);
	put(t, 0, 100, 1, 10000);
	KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights, 2, 25,
					   t->moves, LBFO_BUCKETS), 0);
	KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights, 2, 1,
					   t->moves, LBFO_BUCKETS), 0);

	/*
	 * With 100 mice on an otherwise idle pair: the elephant alone goes
	 * to the idle member (the lowest peak), and then nothing moves.
	 */
	t = new_bal(test);
	put(t, 0, 100, 0, 10000);
	put(t, 100, 1, 0, 1000000000);
	n = lbfo_balance(t->slot, t->bytes, weights, 2, 25, t->moves,
			 LBFO_BUCKETS);
	KUNIT_ASSERT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, t->moves[0].bucket, 100);
	KUNIT_EXPECT_EQ(test, t->moves[0].to, 1);
	apply(t, n);
	loads(t, 2, load);
	KUNIT_EXPECT_EQ(test, load[0], 1000000);
	KUNIT_EXPECT_EQ(test, settle(test, t, weights, 2, 1, LBFO_BUCKETS), 0);

	/* Two elephants on one member: one moves, and only once. */
	t = new_bal(test);
	put(t, 0, 10, 1, 10000);
	put(t, 100, 2, 0, 1000000000);
	KUNIT_EXPECT_EQ(test, settle(test, t, weights, 2, 25, LBFO_BUCKETS),
			1);
	KUNIT_EXPECT_NE(test, t->slot[100], t->slot[101]);
	for (i = 0; i < 10; i++)
		KUNIT_EXPECT_EQ(test, t->slot[i], 1);
}

/* Nothing moves unless the imbalance is more than the threshold. */
static void lbfo_balance_threshold_test(struct kunit *test)
{
	static const u32 weights[2] = { 10000, 10000 };
	struct bal *t = new_bal(test);

	/* 1250 against 1000: exactly 25% more, not more than 25%. */
	put(t, 0, 125, 0, 10);
	put(t, 125, 100, 1, 10);
	KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights, 2, 25,
					   t->moves, LBFO_BUCKETS), 0);
	/* 1260 against 1000: one 10-byte bucket brings it to 25%. */
	put(t, 225, 1, 0, 10);
	KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights, 2, 25,
					   t->moves, LBFO_BUCKETS), 1);
	/* 1260 against 1000 is 26%. */
	KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights, 2, 26,
					   t->moves, LBFO_BUCKETS), 0);
	/* With a lower threshold, down to 1130 against 1130. */
	KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights, 2, 1,
					   t->moves, LBFO_BUCKETS), 13);
	/* A threshold too high to ever be reached. */
	KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights, 2,
					   U32_MAX, t->moves, LBFO_BUCKETS), 0);
}

/* A 10G member next to a 1G one carries about ten times the load. */
static void lbfo_balance_weights_test(struct kunit *test)
{
	static const u32 weights[2] = { 10000, 1000 };
	struct bal *t = new_bal(test);
	u64 load[2];

	/* Everything on the 1G member; 25%: the 1G one ends within 25%. */
	put(t, 0, 1000, 1, 1000);
	settle(test, t, weights, 2, 25, LBFO_BUCKETS);
	loads(t, 2, load);
	KUNIT_EXPECT_EQ(test, load[0] + load[1], 1000000);
	/* load[1] / 1000 <= 1.25 * load[0] / 10000, and only just. */
	KUNIT_EXPECT_LE(test, load[1] * 10000 * 100, load[0] * 1000 * 125);
	KUNIT_EXPECT_GE(test, load[0], 8 * load[1]);
	KUNIT_EXPECT_LE(test, load[0], 9 * load[1]);

	/* 1%: as close to 10:1 as 1000-byte buckets allow (909:91). */
	settle(test, t, weights, 2, 1, LBFO_BUCKETS);
	loads(t, 2, load);
	KUNIT_EXPECT_EQ(test, load[0], 909000);
	KUNIT_EXPECT_EQ(test, load[1], 91000);

	/* From the other side: everything on the 10G member. */
	put(t, 0, 1000, 0, 1000);
	settle(test, t, weights, 2, 1, LBFO_BUCKETS);
	loads(t, 2, load);
	KUNIT_EXPECT_GE(test, load[0], 9 * load[1]);
	KUNIT_EXPECT_LE(test, load[0], 11 * load[1]);
}

static u32 next_rand(u32 *state)
{
	/* xorshift32: any fixed sequence will do. */
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/*
 * Many flows of mixed sizes on members of mixed speeds: a few moves per
 * round, as the data path would, until nothing moves any more; then no
 * round moves anything (no flapping), and the load follows the weights.
 */
static void lbfo_balance_converges_test(struct kunit *test)
{
	static const u32 weights[5] = { 25000, 10000, 10000, 0, 1000 };
	u64 load[5], per_weight, lo = U64_MAX, hi = 0;
	struct bal *t = new_bal(test);
	unsigned int b, s, moves;
	u32 rnd = 12345;

	for (b = 0; b < LBFO_BUCKETS; b++) {
		t->slot[b] = b % 5 == 3 ? 0 : b % 5;
		t->bytes[b] = next_rand(&rnd) % 100000;
	}
	moves = settle(test, t, weights, 5, 10, 8);
	kunit_info(test, "%u moves\n", moves);
	KUNIT_EXPECT_GT(test, moves, 0);
	for (b = 0; b < 3; b++)
		KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights,
						   5, 10, t->moves,
						   LBFO_BUCKETS), 0);

	/* Mice only: every member ends within the threshold. */
	loads(t, 5, load);
	KUNIT_EXPECT_EQ(test, load[3], 0);
	for (s = 0; s < 5; s++) {
		if (!weights[s])
			continue;
		per_weight = div_u64(load[s], weights[s]);
		lo = min(lo, per_weight);
		hi = max(hi, per_weight);
	}
	KUNIT_EXPECT_LE(test, hi * 100, lo * 111);
	KUNIT_EXPECT_GE(test, lbfo_jain_index(load, weights, 5), 990000);
}

static void lbfo_balance_max_moves_test(struct kunit *test)
{
	static const u32 weights[2] = { 10000, 10000 };
	struct bal *t = new_bal(test);

	put(t, 0, 16, 0, 1000);
	t->moves[3].bucket = 0xbeef;
	KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights, 2, 25,
					   t->moves, 3), 3);
	KUNIT_EXPECT_EQ(test, t->moves[3].bucket, 0xbeef);
	KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights, 2, 25,
					   t->moves, 0), 0);
	KUNIT_EXPECT_EQ(test, settle(test, t, weights, 2, 25, 3), 8);
}

static void lbfo_balance_deterministic_test(struct kunit *test)
{
	static const u32 weights[4] = { 10000, 10000, 10000, 10000 };
	struct lbfo_move first[16];
	struct bal *t = new_bal(test);
	unsigned int b, n;
	u32 rnd = 777;

	for (b = 0; b < LBFO_BUCKETS; b++) {
		t->slot[b] = b < 700 ? 0 : 1 + b % 3;
		t->bytes[b] = next_rand(&rnd) % 5000;
	}
	n = lbfo_balance(t->slot, t->bytes, weights, 4, 25, first, 16);
	KUNIT_EXPECT_EQ(test, n, 16);
	KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights, 4, 25,
					   t->moves, 16), n);
	KUNIT_EXPECT_EQ(test, memcmp(first, t->moves, n * sizeof(*first)), 0);

	/* Ties: the lowest bucket, to the lowest of the least busy slots. */
	t = new_bal(test);
	put(t, 10, 6, 0, 500);
	n = lbfo_balance(t->slot, t->bytes, weights, 4, 25, t->moves, 1);
	KUNIT_ASSERT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, t->moves[0].bucket, 10);
	KUNIT_EXPECT_EQ(test, t->moves[0].to, 1);
	n = lbfo_balance(t->slot, t->bytes, weights, 4, 25, t->moves, 3);
	KUNIT_ASSERT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, t->moves[1].bucket, 11);
	KUNIT_EXPECT_EQ(test, t->moves[1].to, 2);
	KUNIT_EXPECT_EQ(test, t->moves[2].bucket, 12);
	KUNIT_EXPECT_EQ(test, t->moves[2].to, 3);
}

/* Slots with weight 0 neither give nor take; idle buckets stay. */
static void lbfo_balance_skips_test(struct kunit *test)
{
	static const u32 weights[3] = { 10000, 0, 10000 };
	struct bal *t = new_bal(test);
	unsigned int i, n;

	put(t, 0, 10, 0, 1000);
	put(t, 10, 10, 0, 0);
	put(t, 20, 50, 1, 1000000);
	n = lbfo_balance(t->slot, t->bytes, weights, 3, 25, t->moves,
			 LBFO_BUCKETS);
	KUNIT_EXPECT_EQ(test, n, 5);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ(test, t->moves[i].to, 2);
		KUNIT_EXPECT_LT(test, t->moves[i].bucket, 10);
	}

	/* Only one slot carries traffic: nowhere to move. */
	KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights, 2, 25,
					   t->moves, LBFO_BUCKETS), 0);
	KUNIT_EXPECT_EQ(test, lbfo_balance(t->slot, t->bytes, weights, 0, 25,
					   t->moves, LBFO_BUCKETS), 0);
}

/*
 * The least busy slot cannot take any bucket (a slow member that one bucket
 * would overload): the next least busy one does, and the slow one is left
 * alone. Weights as the guest's NICs: 1000, 10000, 100, 1000 Mb/s.
 */
static void lbfo_balance_slow_idle_test(struct kunit *test)
{
	static const u32 weights[4] = { 1000, 10000, 100, 1000 };
	struct bal *t = new_bal(test);
	unsigned int i, n;
	u64 load[4];

	put(t, 0, 1, 0, 100);
	put(t, 1, 10, 1, 100);
	put(t, 11, 4, 3, 100);
	n = lbfo_balance(t->slot, t->bytes, weights, 4, 25, t->moves,
			 LBFO_BUCKETS);
	KUNIT_ASSERT_GE(test, n, 1);
	KUNIT_EXPECT_EQ(test, t->moves[0].bucket, 11);
	KUNIT_EXPECT_EQ(test, t->moves[0].to, 0);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_NE(test, t->moves[i].to, 2);

	settle(test, t, weights, 4, 25, LBFO_BUCKETS);
	loads(t, 4, load);
	KUNIT_EXPECT_EQ(test, load[2], 0);
	/* The peak share fell from 400/1000: at most 200 per 1000. */
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_LE(test, load[i] * 1000, 200ULL * weights[i]);
}

/* Counters near 2^64 and huge weights do not overflow the arithmetic. */
static void lbfo_balance_large_test(struct kunit *test)
{
	static const u32 weights[2] = { U32_MAX, U32_MAX };
	static const u32 uneven[2] = { U32_MAX, U32_MAX / 3 };
	struct bal *t = new_bal(test);

	put(t, 0, 2, 0, U64_MAX / 2);
	put(t, 2, 1, 1, 1);
	KUNIT_EXPECT_EQ(test, settle(test, t, weights, 2, 25, LBFO_BUCKETS), 1);
	KUNIT_EXPECT_NE(test, t->slot[0], t->slot[1]);

	/* Four equal elephants, 3:1 weights: three go to the big one. */
	t = new_bal(test);
	put(t, 0, 4, 1, U64_MAX / 8);
	settle(test, t, uneven, 2, 10, LBFO_BUCKETS);
	KUNIT_EXPECT_EQ(test, t->slot[0] + t->slot[1] + t->slot[2] +
			t->slot[3], 1);
}

static void lbfo_jain_index_test(struct kunit *test)
{
	static const u32 equal[4] = { 1000, 1000, 1000, 1000 };
	static const u32 some_down[4] = { 1000, 0, 1000, 1000 };
	static const u32 speeds[3] = { 10000, 1000, 25000 };
	u64 load[4] = { 500, 500, 500, 500 };

	KUNIT_EXPECT_EQ(test, lbfo_jain_index(load, equal, 4), 1000000);
	/* Proportional to the weights is fair too. */
	load[0] = 10000;
	load[1] = 1000;
	load[2] = 25000;
	KUNIT_EXPECT_EQ(test, lbfo_jain_index(load, speeds, 3), 1000000);
	/* (1 + 2 + 3 + 4)^2 / (4 * 30) */
	load[0] = 1;
	load[1] = 2;
	load[2] = 3;
	load[3] = 4;
	KUNIT_EXPECT_EQ(test, lbfo_jain_index(load, equal, 4), 833333);
	/* One member carries everything: 1 / n. */
	memset(load, 0, sizeof(load));
	load[2] = 123456789;
	KUNIT_EXPECT_EQ(test, lbfo_jain_index(load, equal, 4), 250000);
	KUNIT_EXPECT_EQ(test, lbfo_jain_index(load, some_down, 4), 333333);
	KUNIT_EXPECT_EQ(test, lbfo_jain_index(load, equal, 2), 1000000);
	/* Two of four. */
	load[0] = 123456789;
	KUNIT_EXPECT_EQ(test, lbfo_jain_index(load, equal, 4), 500000);
	/* A weight-0 slot's load is left out. */
	load[1] = 999999999;
	KUNIT_EXPECT_EQ(test, lbfo_jain_index(load, some_down, 4), 666666);
	/* Nothing loaded. */
	memset(load, 0, sizeof(load));
	KUNIT_EXPECT_EQ(test, lbfo_jain_index(load, equal, 4), 1000000);
	KUNIT_EXPECT_EQ(test, lbfo_jain_index(load, equal, 0), 1000000);
	/* Huge loads. */
	load[0] = U64_MAX;
	load[1] = U64_MAX;
	KUNIT_EXPECT_EQ(test, lbfo_jain_index(load, equal, 2), 1000000);
	load[1] = 1ULL << 63;
	/* (1 + 0.5)^2 / (2 * 1.25) = 0.9 */
	KUNIT_EXPECT_EQ(test, lbfo_jain_index(load, equal, 2), 900000);
}

static struct kunit_case lbfo_balance_test_cases[] = {
	KUNIT_CASE(lbfo_balance_busy_idle_test),
	KUNIT_CASE(lbfo_balance_elephant_test),
	KUNIT_CASE(lbfo_balance_threshold_test),
	KUNIT_CASE(lbfo_balance_weights_test),
	KUNIT_CASE(lbfo_balance_converges_test),
	KUNIT_CASE(lbfo_balance_max_moves_test),
	KUNIT_CASE(lbfo_balance_slow_idle_test),
	KUNIT_CASE(lbfo_balance_deterministic_test),
	KUNIT_CASE(lbfo_balance_skips_test),
	KUNIT_CASE(lbfo_balance_large_test),
	KUNIT_CASE(lbfo_jain_index_test),
	{}
};

static struct kunit_suite lbfo_balance_test_suite = {
	.name = "lbfo_balance",
	.test_cases = lbfo_balance_test_cases,
};

kunit_test_suite(lbfo_balance_test_suite);

MODULE_LICENSE("GPL");
