// SPDX-License-Identifier: GPL-2.0
/* KUnit tests for the LACP periodic machine (policies/lacp_periodic.c). */
#include <kunit/test.h>
#include <linux/time64.h>

#include "lacp_periodic.h"
#include "lacpdu.h"

#define S		NSEC_PER_SEC
#define ACTIVE		LBFO_LACP_ACTIVITY
#define PASSIVE		0
#define FAST		(LBFO_LACP_ACTIVITY | LBFO_LACP_TIMEOUT)

/* Every LACPDU sent between from and to (run each 100 ms), counted. */
static unsigned int sent(struct lbfo_lacp_periodic *pm, bool enabled,
			 u8 actor, u8 partner, u64 from, u64 to)
{
	unsigned int n = 0;
	u64 t;

	for (t = from; t < to; t += S / 10)
		n += lbfo_lacp_periodic_run(pm, enabled, actor, partner, t);
	return n;
}

static void lacp_periodic_fast_test(struct kunit *test)
{
	struct lbfo_lacp_periodic pm = {};

	/* At once, then every second: 10 in 10 s. */
	KUNIT_EXPECT_EQ(test, sent(&pm, true, ACTIVE, FAST, 0, 10 * S), 10);
	KUNIT_EXPECT_EQ(test, pm.state, LBFO_LACP_FAST_PERIODIC);
	KUNIT_EXPECT_EQ(test, pm.due_ns, 10 * S);
}

static void lacp_periodic_slow_test(struct kunit *test)
{
	struct lbfo_lacp_periodic pm = {};

	KUNIT_EXPECT_EQ(test, sent(&pm, true, ACTIVE, ACTIVE, 0, 90 * S), 3);
	KUNIT_EXPECT_EQ(test, pm.state, LBFO_LACP_SLOW_PERIODIC);
}

/* A passive actor still talks to an active partner; two passives do not. */
static void lacp_periodic_passive_test(struct kunit *test)
{
	struct lbfo_lacp_periodic pm = {};

	KUNIT_EXPECT_EQ(test, sent(&pm, true, PASSIVE, PASSIVE, 0, 60 * S), 0);
	KUNIT_EXPECT_EQ(test, pm.state, LBFO_LACP_NO_PERIODIC);
	KUNIT_EXPECT_EQ(test, sent(&pm, true, PASSIVE, ACTIVE, 60 * S,
				   120 * S), 2);
	KUNIT_EXPECT_EQ(test, sent(&pm, true, ACTIVE, PASSIVE, 120 * S,
				   180 * S), 2);
}

static void lacp_periodic_disabled_test(struct kunit *test)
{
	struct lbfo_lacp_periodic pm = {};

	KUNIT_EXPECT_EQ(test, sent(&pm, true, ACTIVE, FAST, 0, 3 * S), 3);
	KUNIT_EXPECT_EQ(test, sent(&pm, false, ACTIVE, FAST, 3 * S, 10 * S),
			0);
	KUNIT_EXPECT_EQ(test, pm.due_ns, 0);
	/* Enabled again: one at once. */
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_periodic_run(&pm, true, ACTIVE, FAST,
						       10 * S));
}

/* Slow to fast sends at once; fast to slow waits out the fast period. */
static void lacp_periodic_rate_change_test(struct kunit *test)
{
	struct lbfo_lacp_periodic pm = {};

	KUNIT_EXPECT_TRUE(test, lbfo_lacp_periodic_run(&pm, true, ACTIVE,
						       ACTIVE, 0));
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_periodic_run(&pm, true, ACTIVE,
							ACTIVE, 5 * S));
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_periodic_run(&pm, true, ACTIVE, FAST,
						       6 * S));
	KUNIT_EXPECT_EQ(test, pm.due_ns, 7 * S);
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_periodic_run(&pm, true, ACTIVE,
							ACTIVE, 6 * S + 1));
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_periodic_run(&pm, true, ACTIVE,
						       ACTIVE, 7 * S));
	KUNIT_EXPECT_EQ(test, pm.state, LBFO_LACP_SLOW_PERIODIC);
	KUNIT_EXPECT_EQ(test, pm.due_ns, 37 * S);
}

static struct kunit_case lacp_periodic_test_cases[] = {
	KUNIT_CASE(lacp_periodic_fast_test),
	KUNIT_CASE(lacp_periodic_slow_test),
	KUNIT_CASE(lacp_periodic_passive_test),
	KUNIT_CASE(lacp_periodic_disabled_test),
	KUNIT_CASE(lacp_periodic_rate_change_test),
	{}
};

static struct kunit_suite lacp_periodic_test_suite = {
	.name = "lbfo_lacp_periodic",
	.test_cases = lacp_periodic_test_cases,
};

kunit_test_suite(lacp_periodic_test_suite);
