// SPDX-License-Identifier: GPL-2.0
/* KUnit tests for the LACP churn detection machines (policies/lacp_churn.c). */
#include <kunit/test.h>
#include <linux/time64.h>

#include "lacp_churn.h"
#include "lacpdu.h"

#define S	NSEC_PER_SEC
#define SYNC	LBFO_LACP_SYNC
#define MON	LBFO_LACP_CHURN_MONITOR
#define NO	LBFO_LACP_NO_CHURN
#define CHURN	LBFO_LACP_CHURN

/* A disabled port never churns, however long it stays down. */
static void lacp_churn_disabled_test(struct kunit *test)
{
	struct lbfo_lacp_churn c;
	u64 t;

	lbfo_lacp_churn_begin(&c, 0);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 60 * S);
	for (t = 0; t <= 120 * S; t += 10 * S) {
		KUNIT_EXPECT_FALSE(test, lbfo_lacp_churn_run(&c, false, 0, 0, t));
		KUNIT_EXPECT_EQ(test, c.actor, MON);
		KUNIT_EXPECT_EQ(test, c.partner, MON);
		KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 0);
	}
	/* Enabled at 125 s: the timers start then, not when it went down. */
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_churn_run(&c, true, 0, 0, 125 * S));
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 185 * S);
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_churn_run(&c, true, 0, 0,
						     185 * S - 1));
	KUNIT_EXPECT_EQ(test, c.actor, MON);
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_churn_run(&c, true, 0, 0, 185 * S));
	KUNIT_EXPECT_EQ(test, c.actor, CHURN);
	KUNIT_EXPECT_EQ(test, c.partner, CHURN);

	/* Disabled while churned: back to MONITOR, churn cleared. */
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_churn_run(&c, false, 0, 0, 200 * S));
	KUNIT_EXPECT_EQ(test, c.actor, MON);
	KUNIT_EXPECT_EQ(test, c.partner, MON);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 0);
}

/* 60 s without sync: churn, on each side that never synced. */
static void lacp_churn_no_sync_test(struct kunit *test)
{
	struct lbfo_lacp_churn c;

	lbfo_lacp_churn_begin(&c, 10 * S);
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_churn_run(&c, true, 0, 0, 10 * S));
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 70 * S);
	/* The partner syncs; we do not. */
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_churn_run(&c, true, 0, SYNC,
						     30 * S));
	KUNIT_EXPECT_EQ(test, c.actor, MON);
	KUNIT_EXPECT_EQ(test, c.partner, NO);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 70 * S);
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_churn_run(&c, true, 0, SYNC,
						     70 * S - 1));
	KUNIT_EXPECT_EQ(test, c.actor, MON);
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_churn_run(&c, true, 0, SYNC,
						    70 * S));
	KUNIT_EXPECT_EQ(test, c.actor, CHURN);
	KUNIT_EXPECT_EQ(test, c.partner, NO);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 0);
	/* Nothing more happens. */
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_churn_run(&c, true, 0, SYNC,
						     500 * S));
	KUNIT_EXPECT_EQ(test, c.actor, CHURN);
}

/* Sync ends churn; losing it again starts a new 60 s. */
static void lacp_churn_sync_test(struct kunit *test)
{
	struct lbfo_lacp_churn c = {};

	/* A zeroed one started at 0. */
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_churn_run(&c, true, 0, 0, 60 * S));
	KUNIT_EXPECT_EQ(test, c.actor, CHURN);
	KUNIT_EXPECT_EQ(test, c.partner, CHURN);
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_churn_run(&c, true, SYNC, 0, 61 * S));
	KUNIT_EXPECT_EQ(test, c.actor, NO);
	KUNIT_EXPECT_EQ(test, c.partner, CHURN);
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_churn_run(&c, true, SYNC, SYNC,
						    62 * S));
	KUNIT_EXPECT_EQ(test, c.partner, NO);
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_churn_run(&c, true, SYNC, SYNC,
						     63 * S));
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 0);

	/* Sync lost: MONITOR again (no churn yet), a new timer. */
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_churn_run(&c, true, 0, SYNC,
						     100 * S));
	KUNIT_EXPECT_EQ(test, c.actor, MON);
	KUNIT_EXPECT_EQ(test, c.partner, NO);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 160 * S);
	/* Back in sync in time: no churn. */
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_churn_run(&c, true, SYNC, SYNC,
						     159 * S));
	KUNIT_EXPECT_EQ(test, c.actor, NO);
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_churn_run(&c, true, SYNC, SYNC,
						     300 * S));
	KUNIT_EXPECT_EQ(test, c.actor, NO);
}

/* The deadline is the earlier of the running timers. */
static void lacp_churn_deadline_test(struct kunit *test)
{
	struct lbfo_lacp_churn c;

	lbfo_lacp_churn_begin(&c, 5 * S);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 65 * S);
	lbfo_lacp_churn_run(&c, true, SYNC, SYNC, 6 * S);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 0);
	lbfo_lacp_churn_run(&c, true, SYNC, 0, 20 * S);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 80 * S);
	lbfo_lacp_churn_run(&c, true, 0, 0, 30 * S);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 80 * S);
	lbfo_lacp_churn_run(&c, true, 0, SYNC, 31 * S);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 90 * S);
	lbfo_lacp_churn_run(&c, true, 0, 0, 40 * S);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 90 * S);
	/* Our timer ran out: only the partner's is left. */
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_churn_run(&c, true, 0, 0, 90 * S));
	KUNIT_EXPECT_EQ(test, c.actor, CHURN);
	KUNIT_EXPECT_EQ(test, c.partner, MON);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 100 * S);
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_churn_run(&c, true, 0, 0, 100 * S));
	KUNIT_EXPECT_EQ(test, c.partner, CHURN);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_churn_deadline(&c), 0);
}

static struct kunit_case lacp_churn_test_cases[] = {
	KUNIT_CASE(lacp_churn_disabled_test),
	KUNIT_CASE(lacp_churn_no_sync_test),
	KUNIT_CASE(lacp_churn_sync_test),
	KUNIT_CASE(lacp_churn_deadline_test),
	{}
};

static struct kunit_suite lacp_churn_test_suite = {
	.name = "lbfo_lacp_churn",
	.test_cases = lacp_churn_test_cases,
};

kunit_test_suite(lacp_churn_test_suite);
