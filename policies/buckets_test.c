// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the transmit bucket table (policies/buckets.c).
 */
#include <kunit/test.h>
#include <linux/math64.h>
#include <linux/string.h>

#include "buckets.h"

/* Each target is the exact share rounded down or up; they add up. */
static void expect_targets(struct kunit *test, const u32 *weights,
			   unsigned int n, const u16 *targets)
{
	u64 total = 0, share;
	unsigned int i, sum = 0;

	for (i = 0; i < n; i++)
		total += weights[i];
	for (i = 0; i < n; i++) {
		sum += targets[i];
		if (!total) {
			KUNIT_EXPECT_EQ_MSG(test, targets[i], 0, "slot %u", i);
			continue;
		}
		/* |target - weight / total * BUCKETS| < 1, times total. */
		share = (u64)weights[i] * LBFO_BUCKETS;
		KUNIT_EXPECT_LT_MSG(test, targets[i] * total, share + total,
				    "slot %u of %u", i, n);
		KUNIT_EXPECT_GT_MSG(test, targets[i] * total + total, share,
				    "slot %u of %u", i, n);
	}
	KUNIT_EXPECT_EQ(test, sum, total ? LBFO_BUCKETS : 0);
}

static void fill(u32 *weights, unsigned int n, u32 w)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		weights[i] = w;
}

static void lbfo_buckets_targets_test(struct kunit *test)
{
	u16 have[LBFO_MAX_MEMBERS] = {}, targets[LBFO_MAX_MEMBERS];
	u32 weights[LBFO_MAX_MEMBERS];
	static const unsigned int sizes[] = { 1, 2, 3, 4, 7, 32, 63, 64 };
	unsigned int i, n;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		n = sizes[i];
		fill(weights, n, 1000);
		lbfo_buckets_targets(weights, n, have, targets);
		expect_targets(test, weights, n, targets);
	}

	/* 3 equal members: the spare bucket goes to the lowest slot. */
	fill(weights, 3, 10000);
	lbfo_buckets_targets(weights, 3, have, targets);
	KUNIT_EXPECT_EQ(test, targets[0], 342);
	KUNIT_EXPECT_EQ(test, targets[1], 341);
	KUNIT_EXPECT_EQ(test, targets[2], 341);

	/* ... unless another slot already holds more than its share. */
	have[2] = 512;
	lbfo_buckets_targets(weights, 3, have, targets);
	KUNIT_EXPECT_EQ(test, targets[0], 341);
	KUNIT_EXPECT_EQ(test, targets[2], 342);
	have[2] = 0;

	/* 10G and 1G: 930.9 and 93.1. */
	weights[0] = 10000;
	weights[1] = 1000;
	lbfo_buckets_targets(weights, 2, have, targets);
	expect_targets(test, weights, 2, targets);
	KUNIT_EXPECT_EQ(test, targets[0], 931);
	KUNIT_EXPECT_EQ(test, targets[1], 93);

	/* The largest remainder first: 341.33 and 682.67. */
	weights[0] = 1;
	weights[1] = 2;
	lbfo_buckets_targets(weights, 2, have, targets);
	KUNIT_EXPECT_EQ(test, targets[0], 341);
	KUNIT_EXPECT_EQ(test, targets[1], 683);

	/* Mixed speeds, a slot down, the largest weights. */
	weights[0] = 25000;
	weights[1] = 0;
	weights[2] = 10000;
	weights[3] = 1000;
	weights[4] = 100000;
	lbfo_buckets_targets(weights, 5, have, targets);
	expect_targets(test, weights, 5, targets);
	KUNIT_EXPECT_EQ(test, targets[1], 0);

	for (i = 0; i < LBFO_MAX_MEMBERS; i++)
		weights[i] = i % 3 ? LBFO_WEIGHT_MAX : 1000 + i;
	lbfo_buckets_targets(weights, LBFO_MAX_MEMBERS, have, targets);
	expect_targets(test, weights, LBFO_MAX_MEMBERS, targets);

	/* Nobody carries traffic: all 0. */
	fill(weights, 4, 0);
	memset(targets, 0xff, sizeof(targets));
	lbfo_buckets_targets(weights, 4, have, targets);
	expect_targets(test, weights, 4, targets);
}

static u8 *new_map(struct kunit *test)
{
	u8 *map = kunit_kzalloc(test, LBFO_BUCKETS, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, map);
	memset(map, LBFO_NO_SLOT, LBFO_BUCKETS);
	return map;
}

/* The counts of @map are the targets of @weights. */
static void expect_balanced(struct kunit *test, const u8 *map,
			    const u32 *weights, unsigned int n)
{
	u16 count[LBFO_MAX_MEMBERS];
	unsigned int b, none = 0;

	lbfo_buckets_count(map, n, count);
	expect_targets(test, weights, n, count);
	for (b = 0; b < LBFO_BUCKETS; b++)
		none += map[b] == LBFO_NO_SLOT;
	KUNIT_EXPECT_EQ(test, none, 0);
}

static void lbfo_buckets_first_test(struct kunit *test)
{
	u32 weights[4] = { 10000, 10000, 10000, 10000 };
	u16 count[4];
	u8 *map = new_map(test);
	unsigned int b;

	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, 4, true),
			LBFO_BUCKETS);
	expect_balanced(test, map, weights, 4);
	/* Handed out in turn: neighbouring buckets on different members. */
	for (b = 0; b < 8; b++)
		KUNIT_EXPECT_EQ(test, map[b], b % 4);
	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, 4, true), 0);

	/* Without rebalance, the first assignment is the same. */
	map = new_map(test);
	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, 4, false),
			LBFO_BUCKETS);
	lbfo_buckets_count(map, 4, count);
	for (b = 0; b < 4; b++)
		KUNIT_EXPECT_EQ(test, count[b], 256);
}

struct fail_case {
	const char *name;
	unsigned int n;
	unsigned int fails;
	u32 weight;	/* 0: mixed speeds */
};

static const struct fail_case fail_cases[] = {
	{ "2 equal, second fails", 2, 1, 10000 },
	{ "2 equal, first fails", 2, 0, 10000 },
	{ "3 equal", 3, 1, 10000 },
	{ "4 equal", 4, 2, 10000 },
	{ "32 equal", 32, 17, 10000 },
	{ "64 equal", 64, 0, 25000 },
	{ "5 mixed speeds, 10G fails", 5, 1, 0 },
	{ "5 mixed speeds, 1G fails", 5, 3, 0 },
};

static void fail_case_to_desc(const struct fail_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fail, fail_cases, fail_case_to_desc);

static void fail_weights(const struct fail_case *c, u32 *weights)
{
	static const u32 mixed[] = { 25000, 10000, 10000, 1000, 40000 };
	unsigned int i;

	for (i = 0; i < c->n; i++)
		weights[i] = c->weight ? c->weight : mixed[i];
}

/*
 * A member fails: only its buckets move, spread over the others by weight.
 * It returns: it takes back its share, from the others only.
 */
static void lbfo_buckets_failover_test(struct kunit *test)
{
	const struct fail_case *c = test->param_value;
	u16 before[LBFO_MAX_MEMBERS], after[LBFO_MAX_MEMBERS];
	u32 weights[LBFO_MAX_MEMBERS];
	u8 *map = new_map(test), *old = new_map(test);
	unsigned int b, i, moved, wrong = 0;

	fail_weights(c, weights);
	lbfo_buckets_assign(map, weights, c->n, true);
	expect_balanced(test, map, weights, c->n);
	lbfo_buckets_count(map, c->n, before);
	memcpy(old, map, LBFO_BUCKETS);

	weights[c->fails] = 0;
	moved = lbfo_buckets_assign(map, weights, c->n, true);
	KUNIT_EXPECT_EQ(test, moved, before[c->fails]);
	for (b = 0; b < LBFO_BUCKETS; b++)
		if (map[b] != old[b] && old[b] != c->fails)
			wrong++;
	KUNIT_EXPECT_EQ_MSG(test, wrong, 0, "buckets of members that stayed moved");
	expect_balanced(test, map, weights, c->n);
	lbfo_buckets_count(map, c->n, after);
	KUNIT_EXPECT_EQ(test, after[c->fails], 0);
	for (i = 0; i < c->n; i++)
		if (i != c->fails)
			KUNIT_EXPECT_GE_MSG(test, after[i], before[i], "slot %u", i);
	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, c->n, true), 0);

	/* Without rebalance the same: only the orphans move. */
	memcpy(map, old, LBFO_BUCKETS);
	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, c->n, false),
			before[c->fails]);
	lbfo_buckets_count(map, c->n, after);
	expect_targets(test, weights, c->n, after);

	/* It comes back. */
	memcpy(old, map, LBFO_BUCKETS);
	fail_weights(c, weights);
	lbfo_buckets_count(map, c->n, before);
	moved = lbfo_buckets_assign(map, weights, c->n, true);
	expect_balanced(test, map, weights, c->n);
	lbfo_buckets_count(map, c->n, after);
	KUNIT_EXPECT_EQ(test, moved, after[c->fails]);
	wrong = 0;
	for (b = 0; b < LBFO_BUCKETS; b++)
		if (map[b] != old[b] && map[b] != c->fails)
			wrong++;
	KUNIT_EXPECT_EQ_MSG(test, wrong, 0, "moved to members that stayed");
	for (i = 0; i < c->n; i++)
		if (i != c->fails)
			KUNIT_EXPECT_LE_MSG(test, after[i], before[i], "slot %u", i);
	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, c->n, true), 0);
}

/* A map that dynamic balancing has skewed: 600, 300 and 124 buckets. */
static u8 *skewed_map(struct kunit *test)
{
	u8 *map = new_map(test);
	unsigned int b;

	for (b = 0; b < LBFO_BUCKETS; b++)
		map[b] = b < 600 ? 0 : b < 900 ? 1 : 2;
	return map;
}

static void lbfo_buckets_no_rebalance_test(struct kunit *test)
{
	u32 weights[3] = { 10000, 10000, 10000 };
	u8 *map = skewed_map(test);
	u16 count[3];
	unsigned int b, moved;

	/* Nothing orphaned: the skew stays. */
	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, 3, false), 0);

	/* Slot 2 fails: its 124 go to the slot furthest below target. */
	weights[2] = 0;
	moved = lbfo_buckets_assign(map, weights, 3, false);
	KUNIT_EXPECT_EQ(test, moved, 124);
	for (b = 0; b < 600; b++)
		KUNIT_EXPECT_EQ(test, map[b], 0);
	lbfo_buckets_count(map, 3, count);
	KUNIT_EXPECT_EQ(test, count[0], 600);
	KUNIT_EXPECT_EQ(test, count[1], 424);
	KUNIT_EXPECT_EQ(test, count[2], 0);

	/* It returns: without rebalance it gets nothing. */
	weights[2] = 10000;
	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, 3, false), 0);
	lbfo_buckets_count(map, 3, count);
	KUNIT_EXPECT_EQ(test, count[2], 0);

	/* Orphans of a slot past nslots, or of no slot, move too. */
	map[5] = 7;
	map[6] = LBFO_NO_SLOT;
	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, 3, false), 2);
	KUNIT_EXPECT_EQ(test, map[5], 2);
	KUNIT_EXPECT_EQ(test, map[6], 2);
}

static void lbfo_buckets_rebalance_test(struct kunit *test)
{
	u32 weights[3] = { 10000, 10000, 10000 };
	u8 *map = skewed_map(test), *old = new_map(test);
	unsigned int b, moved;

	memcpy(old, map, LBFO_BUCKETS);
	moved = lbfo_buckets_assign(map, weights, 3, true);
	expect_balanced(test, map, weights, 3);
	/* Slot 0 gives 258 (600 -> 342), slot 1 gives none (300 -> 341). */
	KUNIT_EXPECT_EQ(test, moved, 258);
	/* ... its highest-numbered ones. */
	for (b = 0; b < 342; b++)
		KUNIT_EXPECT_EQ(test, map[b], 0);
	for (b = 342; b < 600; b++)
		KUNIT_EXPECT_NE(test, map[b], 0);
	for (b = 600; b < LBFO_BUCKETS; b++)
		KUNIT_EXPECT_EQ(test, map[b], old[b]);
	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, 3, true), 0);
}

static void lbfo_buckets_none_test(struct kunit *test)
{
	u32 weights[4] = { 10000, 10000, 10000, 10000 };
	u8 *map = new_map(test);
	u16 count[4];
	unsigned int b;

	lbfo_buckets_assign(map, weights, 4, true);
	map[0] = LBFO_NO_SLOT;
	fill(weights, 4, 0);
	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, 4, true),
			LBFO_BUCKETS - 1);
	for (b = 0; b < LBFO_BUCKETS; b++)
		KUNIT_EXPECT_EQ(test, map[b], LBFO_NO_SLOT);
	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, 4, false), 0);
	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, 0, true), 0);
	lbfo_buckets_count(map, 4, count);
	for (b = 0; b < 4; b++)
		KUNIT_EXPECT_EQ(test, count[b], 0);

	/* One member comes up: it takes everything. */
	weights[3] = 1000;
	KUNIT_EXPECT_EQ(test, lbfo_buckets_assign(map, weights, 4, false),
			LBFO_BUCKETS);
	lbfo_buckets_count(map, 4, count);
	KUNIT_EXPECT_EQ(test, count[3], LBFO_BUCKETS);
}

static struct kunit_case lbfo_buckets_test_cases[] = {
	KUNIT_CASE(lbfo_buckets_targets_test),
	KUNIT_CASE(lbfo_buckets_first_test),
	KUNIT_CASE_PARAM(lbfo_buckets_failover_test, fail_gen_params),
	KUNIT_CASE(lbfo_buckets_no_rebalance_test),
	KUNIT_CASE(lbfo_buckets_rebalance_test),
	KUNIT_CASE(lbfo_buckets_none_test),
	{}
};

static struct kunit_suite lbfo_buckets_test_suite = {
	.name = "lbfo_buckets",
	.test_cases = lbfo_buckets_test_cases,
};

kunit_test_suite(lbfo_buckets_test_suite);

MODULE_LICENSE("GPL");
