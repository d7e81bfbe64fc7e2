// SPDX-License-Identifier: GPL-2.0
/* KUnit tests for the LACP mux machine (policies/lacp_mux.c). */
#include <kunit/test.h>
#include <linux/time64.h>

#include "lacp_mux.h"
#include "lacp_rx.h"
#include "lacpdu.h"

#define S	NSEC_PER_SEC
#define SEL	LBFO_LACP_SELECTED
#define UNSEL	LBFO_LACP_UNSELECTED
#define STBY	LBFO_LACP_STANDBY
#define P_SYNC	LBFO_LACP_SYNC
#define P_COLL	(LBFO_LACP_SYNC | LBFO_LACP_COLLECTING)
#define OUT	(LBFO_LACP_SYNC | LBFO_LACP_COLLECTING | LBFO_LACP_DISTRIBUTING)

/* Run with Ready as this one port's wait makes it (an aggregator of one). */
static bool run(struct lbfo_lacp_mux *mux, u8 selected, u8 partner,
		u8 *actor, u64 now)
{
	return lbfo_lacp_mux_run(mux, selected, lbfo_lacp_mux_waited(mux, now),
				 partner, actor, now);
}

/* Coupled: selected, 2 s wait, attached, then in use with a synced partner. */
static void lacp_mux_coupled_test(struct kunit *test)
{
	struct lbfo_lacp_mux mux = {};
	u8 actor = LBFO_LACP_ACTIVITY;

	KUNIT_EXPECT_FALSE(test, run(&mux, UNSEL, P_SYNC, &actor, 0));
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_DETACHED);
	run(&mux, SEL, P_SYNC, &actor, 1 * S);
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_WAITING);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_mux_deadline(&mux), 3 * S);
	KUNIT_EXPECT_EQ(test, actor & OUT, 0);
	run(&mux, SEL, P_SYNC, &actor, 3 * S - 1);
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_WAITING);
	KUNIT_EXPECT_TRUE(test, run(&mux, SEL, P_SYNC, &actor, 3 * S));
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_COLLECTING_DISTRIBUTING);
	KUNIT_EXPECT_EQ(test, actor & OUT, OUT);
	KUNIT_EXPECT_TRUE(test, actor & LBFO_LACP_ACTIVITY);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_mux_deadline(&mux), 0);

	/* The partner loses sync: back to ATTACHED, still in sync ourselves. */
	KUNIT_EXPECT_TRUE(test, run(&mux, SEL, 0, &actor, 4 * S));
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_ATTACHED);
	KUNIT_EXPECT_EQ(test, actor & OUT, LBFO_LACP_SYNC);
	/* Unselected: DETACHED, nothing set. */
	KUNIT_EXPECT_TRUE(test, run(&mux, UNSEL, 0, &actor, 5 * S));
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_DETACHED);
	KUNIT_EXPECT_EQ(test, actor & OUT, 0);
}

/* Without a synced partner the port attaches and goes no further. */
static void lacp_mux_partner_not_in_sync_test(struct kunit *test)
{
	struct lbfo_lacp_mux mux = {};
	u8 actor = 0;

	run(&mux, SEL, 0, &actor, 0);
	run(&mux, SEL, 0, &actor, 2 * S);
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_ATTACHED);
	KUNIT_EXPECT_EQ(test, actor & OUT, LBFO_LACP_SYNC);
	KUNIT_EXPECT_FALSE(test, run(&mux, SEL, 0, &actor, 10 * S));
	KUNIT_EXPECT_TRUE(test, run(&mux, SEL, P_SYNC, &actor, 11 * S));
	KUNIT_EXPECT_EQ(test, actor & OUT, OUT);
}

/*
 * STANDBY: waits and attaches only once SELECTED; from in use it detaches
 * and, still a standby, waits again (DETACHED -> WAITING in one run).
 */
static void lacp_mux_standby_test(struct kunit *test)
{
	struct lbfo_lacp_mux mux = {};
	u8 actor = 0;

	run(&mux, STBY, P_SYNC, &actor, 0);
	run(&mux, STBY, P_SYNC, &actor, 5 * S);
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_WAITING);
	KUNIT_EXPECT_EQ(test, actor & OUT, 0);
	run(&mux, SEL, P_SYNC, &actor, 6 * S);
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_COLLECTING_DISTRIBUTING);
	KUNIT_EXPECT_TRUE(test, run(&mux, STBY, P_SYNC, &actor, 7 * S));
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_WAITING);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_mux_deadline(&mux), 9 * S);
	KUNIT_EXPECT_EQ(test, actor & OUT, 0);
}

/* Ready is the aggregator's: another port still waiting holds us back. */
static void lacp_mux_not_ready_test(struct kunit *test)
{
	struct lbfo_lacp_mux mux = {};
	u8 actor = 0;

	lbfo_lacp_mux_run(&mux, SEL, true, P_SYNC, &actor, 0);
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_WAITING);
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_mux_waited(&mux, 1 * S));
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_mux_waited(&mux, 2 * S));
	lbfo_lacp_mux_run(&mux, SEL, false, P_SYNC, &actor, 5 * S);
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_WAITING);
	lbfo_lacp_mux_run(&mux, SEL, true, P_SYNC, &actor, 6 * S);
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_COLLECTING_DISTRIBUTING);
}

/* Independent control: distribute only once the partner collects. */
static void lacp_mux_independent_test(struct kunit *test)
{
	struct lbfo_lacp_mux mux = { .independent = true };
	u8 actor = 0;

	run(&mux, SEL, P_SYNC, &actor, 0);
	run(&mux, SEL, P_SYNC, &actor, 2 * S);
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_COLLECTING);
	KUNIT_EXPECT_EQ(test, actor & OUT, LBFO_LACP_SYNC | LBFO_LACP_COLLECTING);
	run(&mux, SEL, P_COLL, &actor, 3 * S);
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_COLLECTING_DISTRIBUTING);
	KUNIT_EXPECT_EQ(test, actor & OUT, OUT);
	/* The partner stops collecting: we stop distributing, still collect. */
	run(&mux, SEL, P_SYNC, &actor, 4 * S);
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_COLLECTING);
	/* ... and loses sync: ATTACHED. */
	run(&mux, SEL, 0, &actor, 5 * S);
	KUNIT_EXPECT_EQ(test, mux.state, LBFO_LACP_MUX_ATTACHED);
	KUNIT_EXPECT_EQ(test, actor & OUT, LBFO_LACP_SYNC);
}

static struct kunit_case lacp_mux_test_cases[] = {
	KUNIT_CASE(lacp_mux_coupled_test),
	KUNIT_CASE(lacp_mux_partner_not_in_sync_test),
	KUNIT_CASE(lacp_mux_standby_test),
	KUNIT_CASE(lacp_mux_not_ready_test),
	KUNIT_CASE(lacp_mux_independent_test),
	{}
};

static struct kunit_suite lacp_mux_test_suite = {
	.name = "lbfo_lacp_mux",
	.test_cases = lacp_mux_test_cases,
};

kunit_test_suite(lacp_mux_test_suite);
