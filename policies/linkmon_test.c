// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for link monitoring (policies/linkmon.c).
 */
#include <kunit/test.h>
#include <linux/lbfo.h>
#include <linux/limits.h>

#include "linkmon.h"

#define DOWN	LBFO_LINK_DOWN
#define G_UP	LBFO_LINK_GOING_UP
#define UP	LBFO_LINK_UP
#define G_DOWN	LBFO_LINK_GOING_DOWN

/* One observation and what must follow from it. */
struct lm_step {
	bool raw_up;
	u64 now;
	bool usable;
	u8 state;
	u64 deadline;
};

struct lm_case {
	const char *name;
	u64 updelay;
	u64 downdelay;
	unsigned int n;
	struct lm_step steps[8];
};

static const struct lm_case lm_cases[] = {
	{ "no delays: up and down at once", 0, 0, 5, {
		{ false, 100, false, DOWN, 0 },
		{ true, 200, true, UP, 0 },
		{ true, 300, true, UP, 0 },
		{ false, 400, false, DOWN, 0 },
		{ true, 400, true, UP, 0 },
	} },
	{ "updelay", 500, 0, 5, {
		{ true, 1000, false, G_UP, 1500 },
		{ true, 1001, false, G_UP, 1500 },
		{ true, 1499, false, G_UP, 1500 },
		{ true, 1500, true, UP, 0 },
		{ false, 1600, false, DOWN, 0 },
	} },
	{ "updelay, deadline passed long ago", 500, 0, 2, {
		{ true, 1000, false, G_UP, 1500 },
		{ true, 90000, true, UP, 0 },
	} },
	{ "bounce during updelay starts it again", 500, 0, 6, {
		{ true, 1000, false, G_UP, 1500 },
		{ false, 1200, false, DOWN, 0 },
		{ false, 1500, false, DOWN, 0 },
		{ true, 1700, false, G_UP, 2200 },
		{ true, 2199, false, G_UP, 2200 },
		{ true, 2200, true, UP, 0 },
	} },
	{ "downdelay", 0, 300, 5, {
		{ true, 1000, true, UP, 0 },
		{ false, 2000, true, G_DOWN, 2300 },
		{ false, 2299, true, G_DOWN, 2300 },
		{ false, 2300, false, DOWN, 0 },
		{ true, 2400, true, UP, 0 },
	} },
	{ "bounce during downdelay keeps it up", 0, 300, 6, {
		{ true, 1000, true, UP, 0 },
		{ false, 2000, true, G_DOWN, 2300 },
		{ true, 2100, true, UP, 0 },
		{ true, 2300, true, UP, 0 },
		{ false, 2500, true, G_DOWN, 2800 },
		{ false, 2800, false, DOWN, 0 },
	} },
	{ "both delays", 100, 200, 7, {
		{ true, 1000, false, G_UP, 1100 },
		{ true, 1100, true, UP, 0 },
		{ false, 1150, true, G_DOWN, 1350 },
		{ false, 1350, false, DOWN, 0 },
		{ true, 1400, false, G_UP, 1500 },
		{ false, 1450, false, DOWN, 0 },
		{ true, 1460, false, G_UP, 1560 },
	} },
	{ "a clock read before the last one is no time", 500, 300, 4, {
		{ true, 1000, false, G_UP, 1500 },
		{ true, 900, false, G_UP, 1500 },
		{ true, 1500, true, UP, 0 },
		{ true, 1400, true, UP, 0 },
	} },
};

static void lm_case_to_desc(const struct lm_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(lm, lm_cases, lm_case_to_desc);

static void lbfo_linkmon_steps_test(struct kunit *test)
{
	const struct lm_case *c = test->param_value;
	struct lbfo_linkmon lm = {};
	const struct lm_step *st;
	unsigned int i;
	bool usable;

	for (i = 0; i < c->n; i++) {
		st = &c->steps[i];
		usable = lbfo_linkmon_update(&lm, st->raw_up, st->now,
					     c->updelay, c->downdelay);
		KUNIT_EXPECT_EQ_MSG(test, usable, st->usable, "step %u", i);
		KUNIT_EXPECT_EQ_MSG(test, lm.state, st->state, "step %u", i);
		KUNIT_EXPECT_EQ_MSG(test,
				    lbfo_linkmon_deadline(&lm, c->updelay,
							  c->downdelay),
				    st->deadline, "step %u", i);
	}
}

/* The delays in force at each call count, not those at the start. */
static void lbfo_linkmon_delay_change_test(struct kunit *test)
{
	struct lbfo_linkmon lm = {};

	KUNIT_EXPECT_FALSE(test, lbfo_linkmon_update(&lm, true, 1000, 500, 0));
	KUNIT_EXPECT_EQ(test, lbfo_linkmon_deadline(&lm, 500, 0), 1500);
	KUNIT_EXPECT_EQ(test, lbfo_linkmon_deadline(&lm, 100, 0), 1100);
	/* Updelay set to 0 meanwhile: up at the next observation. */
	KUNIT_EXPECT_TRUE(test, lbfo_linkmon_update(&lm, true, 1001, 0, 0));
	KUNIT_EXPECT_EQ(test, lm.state, UP);

	KUNIT_EXPECT_TRUE(test, lbfo_linkmon_update(&lm, false, 2000, 0, 400));
	KUNIT_EXPECT_FALSE(test, lbfo_linkmon_update(&lm, false, 2100, 0, 100));
	KUNIT_EXPECT_EQ(test, lm.state, DOWN);
}

static void lbfo_linkmon_deadline_test(struct kunit *test)
{
	struct lbfo_linkmon lm = { .state = DOWN, .since_ns = 1000 };

	KUNIT_EXPECT_EQ(test, lbfo_linkmon_deadline(&lm, 10, 20), 0);
	lm.state = UP;
	KUNIT_EXPECT_EQ(test, lbfo_linkmon_deadline(&lm, 10, 20), 0);
	lm.state = G_UP;
	KUNIT_EXPECT_EQ(test, lbfo_linkmon_deadline(&lm, 10, 20), 1010);
	lm.state = G_DOWN;
	KUNIT_EXPECT_EQ(test, lbfo_linkmon_deadline(&lm, 10, 20), 1020);
	/* 0 means "none pending", so a delay ending at 0 is due at 1. */
	lm.since_ns = 0;
	KUNIT_EXPECT_EQ(test, lbfo_linkmon_deadline(&lm, 0, 0), 1);
	/* No wrap-around. */
	lm.since_ns = U64_MAX - 5;
	KUNIT_EXPECT_EQ(test, lbfo_linkmon_deadline(&lm, 10, 20), U64_MAX);
}

static void lbfo_probe_alive_test(struct kunit *test)
{
	const u64 ms = 1000000;

	/* 3 intervals of 100 ms: alive for 300 ms after an answer. */
	KUNIT_EXPECT_TRUE(test, lbfo_probe_alive(1000 * ms, 1000 * ms, 0,
						 100 * ms, 3));
	KUNIT_EXPECT_TRUE(test, lbfo_probe_alive(1300 * ms - 1, 1000 * ms, 0,
						 100 * ms, 3));
	KUNIT_EXPECT_FALSE(test, lbfo_probe_alive(1300 * ms, 1000 * ms, 0,
						  100 * ms, 3));
	KUNIT_EXPECT_FALSE(test, lbfo_probe_alive(5000 * ms, 1000 * ms, 0,
						  100 * ms, 3));

	/* Never answered: the same grace from the start of probing. */
	KUNIT_EXPECT_TRUE(test, lbfo_probe_alive(5000 * ms, 0, 5000 * ms,
						 100 * ms, 3));
	KUNIT_EXPECT_TRUE(test, lbfo_probe_alive(5300 * ms - 1, 0, 5000 * ms,
						 100 * ms, 3));
	KUNIT_EXPECT_FALSE(test, lbfo_probe_alive(5300 * ms, 0, 5000 * ms,
						  100 * ms, 3));
	/* An answer from before probing (re)started does not shorten it. */
	KUNIT_EXPECT_TRUE(test, lbfo_probe_alive(5200 * ms, 4000 * ms,
						 5000 * ms, 100 * ms, 3));
	/* A later answer extends it. */
	KUNIT_EXPECT_TRUE(test, lbfo_probe_alive(5500 * ms, 5400 * ms,
						 5000 * ms, 100 * ms, 3));
	KUNIT_EXPECT_FALSE(test, lbfo_probe_alive(5700 * ms, 5400 * ms,
						  5000 * ms, 100 * ms, 3));
	/* An answer stamped after now (another CPU's clock) is fresh. */
	KUNIT_EXPECT_TRUE(test, lbfo_probe_alive(1000 * ms, 1001 * ms, 0,
						 100 * ms, 1));

	/* missed 1: one interval. */
	KUNIT_EXPECT_TRUE(test, lbfo_probe_alive(1099 * ms, 1000 * ms, 0,
						 100 * ms, 1));
	KUNIT_EXPECT_FALSE(test, lbfo_probe_alive(1100 * ms, 1000 * ms, 0,
						  100 * ms, 1));
	/* No window at all. */
	KUNIT_EXPECT_FALSE(test, lbfo_probe_alive(1000 * ms, 1000 * ms, 0,
						  100 * ms, 0));
	KUNIT_EXPECT_FALSE(test, lbfo_probe_alive(1000 * ms, 1000 * ms, 0,
						  0, 3));
	/* A window past 2^64 does not wrap around. */
	KUNIT_EXPECT_TRUE(test, lbfo_probe_alive(U64_MAX, 1, 0, U64_MAX / 2,
						 255));
	KUNIT_EXPECT_TRUE(test, lbfo_probe_alive(60000 * ms * 255, 1, 0,
						 60000 * ms,
						 LBFO_PROBE_MISSED_MAX));
}

static struct kunit_case lbfo_linkmon_test_cases[] = {
	KUNIT_CASE_PARAM(lbfo_linkmon_steps_test, lm_gen_params),
	KUNIT_CASE(lbfo_linkmon_delay_change_test),
	KUNIT_CASE(lbfo_linkmon_deadline_test),
	KUNIT_CASE(lbfo_probe_alive_test),
	{}
};

static struct kunit_suite lbfo_linkmon_test_suite = {
	.name = "lbfo_linkmon",
	.test_cases = lbfo_linkmon_test_cases,
};

kunit_test_suite(lbfo_linkmon_test_suite);

MODULE_LICENSE("GPL");
