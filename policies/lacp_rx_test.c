// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the LACP receive machine (policies/lacp_rx.c): sequences
 * of port changes, LACPDUs and time, and what must hold after each.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <linux/time64.h>

#include "lacp_rx.h"

#define S	NSEC_PER_SEC
#define FAST	(LBFO_LACP_ACTIVITY | LBFO_LACP_TIMEOUT | LBFO_LACP_AGGREGATION)
#define SLOW	(LBFO_LACP_ACTIVITY | LBFO_LACP_AGGREGATION)

static const struct lbfo_lacp_info us = {
	.system_priority = 0x8000,
	.system = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 },
	.key = 17, .port_priority = 255, .port = 1, .state = FAST,
};

static const struct lbfo_lacp_info them = {
	.system_priority = 0x8000,
	.system = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 },
	.key = 9, .port_priority = 255, .port = 7,
	.state = FAST | LBFO_LACP_SYNC | LBFO_LACP_COLLECTING |
		 LBFO_LACP_DISTRIBUTING,
};

/* A machine after BEGIN, with a partner_admin nobody matches. */
static void start(struct lbfo_lacp_rx *rx, u8 actor_state)
{
	memset(rx, 0, sizeof(*rx));
	rx->actor = us;
	rx->actor.state = actor_state;
	rx->partner_admin.state = LBFO_LACP_AGGREGATION;
	lbfo_lacp_rx_begin(rx);
}

/* A LACPDU from them that knows us as we are. */
static struct lbfo_lacpdu from_them(const struct lbfo_lacp_rx *rx)
{
	struct lbfo_lacpdu pdu = { .version = 1, .actor = them };

	pdu.partner = rx->actor;
	return pdu;
}

/* start(), the port up at time 0, and the LACPDU the partner would send. */
static struct lbfo_lacpdu start_up(struct lbfo_lacp_rx *rx, u8 actor_state)
{
	start(rx, actor_state);
	lbfo_lacp_rx_port(rx, true, true, 0);
	return from_them(rx);
}

static void lacp_rx_begin_test(struct kunit *test)
{
	struct lbfo_lacp_rx rx;

	start(&rx, FAST);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_PORT_DISABLED);
	KUNIT_EXPECT_EQ(test, rx.selected, LBFO_LACP_UNSELECTED);
	KUNIT_EXPECT_TRUE(test, rx.actor.state & LBFO_LACP_DEFAULTED);
	KUNIT_EXPECT_FALSE(test, rx.actor.state & LBFO_LACP_EXPIRED);
	KUNIT_EXPECT_EQ(test, rx.partner.key, 0);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_rx_deadline(&rx), 0);
}

/* Enabled: EXPIRED, a partner arrives: CURRENT and in sync. */
static void lacp_rx_partner_arrives_test(struct kunit *test)
{
	struct lbfo_lacp_rx rx;
	struct lbfo_lacpdu pdu;

	start(&rx, FAST);
	lbfo_lacp_rx_port(&rx, true, true, 10 * S);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_EXPIRED);
	KUNIT_EXPECT_TRUE(test, rx.actor.state & LBFO_LACP_EXPIRED);
	KUNIT_EXPECT_TRUE(test, rx.partner.state & LBFO_LACP_TIMEOUT);
	KUNIT_EXPECT_FALSE(test, rx.partner.state & LBFO_LACP_SYNC);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_rx_deadline(&rx), 13 * S);

	pdu = from_them(&rx);
	pdu.partner.state &= ~LBFO_LACP_EXPIRED;
	lbfo_lacp_rx_pdu(&rx, &pdu, 11 * S);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_CURRENT);
	KUNIT_EXPECT_EQ(test, rx.partner.key, 9);
	KUNIT_EXPECT_EQ(test, rx.partner.port, 7);
	KUNIT_EXPECT_TRUE(test, rx.partner.state & LBFO_LACP_SYNC);
	KUNIT_EXPECT_FALSE(test, rx.actor.state & LBFO_LACP_DEFAULTED);
	KUNIT_EXPECT_FALSE(test, rx.actor.state & LBFO_LACP_EXPIRED);
	KUNIT_EXPECT_EQ(test, rx.selected, LBFO_LACP_UNSELECTED);
	KUNIT_EXPECT_FALSE(test, rx.ntt);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_rx_deadline(&rx), 14 * S);
}

/* A silent partner: EXPIRED after the timeout, DEFAULTED 3 s later. */
static void lacp_rx_partner_goes_silent_test(struct kunit *test)
{
	struct lbfo_lacp_rx rx;
	struct lbfo_lacpdu pdu;

	pdu = start_up(&rx, FAST);
	lbfo_lacp_rx_pdu(&rx, &pdu, 1 * S);
	rx.selected = LBFO_LACP_SELECTED;	/* the selection logic ran */
	lbfo_lacp_rx_port(&rx, true, true, 4 * S - 1);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_CURRENT);
	lbfo_lacp_rx_port(&rx, true, true, 4 * S);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_EXPIRED);
	KUNIT_EXPECT_FALSE(test, rx.partner.state & LBFO_LACP_SYNC);
	KUNIT_EXPECT_EQ(test, rx.selected, LBFO_LACP_SELECTED);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_rx_deadline(&rx), 7 * S);
	lbfo_lacp_rx_port(&rx, true, true, 7 * S);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_DEFAULTED);
	KUNIT_EXPECT_EQ(test, rx.selected, LBFO_LACP_UNSELECTED);
	KUNIT_EXPECT_TRUE(test, rx.actor.state & LBFO_LACP_DEFAULTED);
	KUNIT_EXPECT_FALSE(test, rx.actor.state & LBFO_LACP_EXPIRED);
	KUNIT_EXPECT_EQ(test, rx.partner.key, 0);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_rx_deadline(&rx), 0);
	/* It speaks again: CURRENT from DEFAULTED. */
	lbfo_lacp_rx_pdu(&rx, &pdu, 20 * S);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_CURRENT);
}

/* Our slow rate: the partner's information holds 90 s. */
static void lacp_rx_slow_timeout_test(struct kunit *test)
{
	struct lbfo_lacp_rx rx;
	struct lbfo_lacpdu pdu;

	pdu = start_up(&rx, SLOW);
	lbfo_lacp_rx_pdu(&rx, &pdu, 5 * S);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_rx_deadline(&rx), 95 * S);
	lbfo_lacp_rx_port(&rx, true, true, 94 * S);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_CURRENT);
}

/* The partner has us wrong: NTT, and not in sync with us. */
static void lacp_rx_partner_wrong_test(struct kunit *test)
{
	struct lbfo_lacp_rx rx;
	struct lbfo_lacpdu pdu;

	pdu = start_up(&rx, FAST);
	pdu.partner.key = 99;
	lbfo_lacp_rx_pdu(&rx, &pdu, 1 * S);
	KUNIT_EXPECT_TRUE(test, rx.ntt);
	KUNIT_EXPECT_FALSE(test, rx.partner.state & LBFO_LACP_SYNC);

	/* Only the timeout bit wrong: NTT, but matched and in sync. */
	rx.ntt = false;
	pdu = from_them(&rx);
	pdu.partner.state &= ~LBFO_LACP_TIMEOUT;
	lbfo_lacp_rx_pdu(&rx, &pdu, 2 * S);
	KUNIT_EXPECT_TRUE(test, rx.ntt);
	KUNIT_EXPECT_TRUE(test, rx.partner.state & LBFO_LACP_SYNC);

	/* Collecting/distributing bits are not ours to correct: no NTT. */
	rx.ntt = false;
	pdu = from_them(&rx);
	pdu.partner.state ^= LBFO_LACP_COLLECTING | LBFO_LACP_DISTRIBUTING;
	lbfo_lacp_rx_pdu(&rx, &pdu, 3 * S);
	KUNIT_EXPECT_FALSE(test, rx.ntt);
}

/* An individual partner in sync counts as matched whatever it says of us. */
static void lacp_rx_individual_partner_test(struct kunit *test)
{
	struct lbfo_lacp_rx rx;
	struct lbfo_lacpdu pdu;

	pdu = start_up(&rx, FAST);
	pdu.actor.state &= ~LBFO_LACP_AGGREGATION;
	pdu.partner.port = 42;
	lbfo_lacp_rx_pdu(&rx, &pdu, 1 * S);
	KUNIT_EXPECT_TRUE(test, rx.partner.state & LBFO_LACP_SYNC);
	/* ...but not when it is not in sync itself. */
	pdu.actor.state &= ~LBFO_LACP_SYNC;
	lbfo_lacp_rx_pdu(&rx, &pdu, 2 * S);
	KUNIT_EXPECT_FALSE(test, rx.partner.state & LBFO_LACP_SYNC);
}

/* Selected drops only when the partner itself changes. */
static void lacp_rx_partner_changes_test(struct kunit *test)
{
	struct lbfo_lacp_rx rx;
	struct lbfo_lacpdu pdu;

	pdu = start_up(&rx, FAST);
	lbfo_lacp_rx_pdu(&rx, &pdu, 1 * S);
	rx.selected = LBFO_LACP_SELECTED;
	lbfo_lacp_rx_pdu(&rx, &pdu, 2 * S);
	KUNIT_EXPECT_EQ(test, rx.selected, LBFO_LACP_SELECTED);
	pdu.actor.key = 10;			/* another key: re-select */
	lbfo_lacp_rx_pdu(&rx, &pdu, 3 * S);
	KUNIT_EXPECT_EQ(test, rx.selected, LBFO_LACP_UNSELECTED);
}

/* Port down: PORT_DISABLED, LACPDUs ignored; LACP off: LACP_DISABLED. */
static void lacp_rx_port_disabled_test(struct kunit *test)
{
	struct lbfo_lacp_rx rx;
	struct lbfo_lacpdu pdu;

	pdu = start_up(&rx, FAST);
	lbfo_lacp_rx_pdu(&rx, &pdu, 1 * S);
	lbfo_lacp_rx_port(&rx, false, true, 2 * S);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_PORT_DISABLED);
	KUNIT_EXPECT_FALSE(test, rx.partner.state & LBFO_LACP_SYNC);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_rx_deadline(&rx), 0);
	lbfo_lacp_rx_pdu(&rx, &pdu, 3 * S);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_PORT_DISABLED);

	lbfo_lacp_rx_port(&rx, true, false, 4 * S);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_LACP_DISABLED);
	KUNIT_EXPECT_FALSE(test, rx.partner.state & LBFO_LACP_AGGREGATION);
	KUNIT_EXPECT_TRUE(test, rx.actor.state & LBFO_LACP_DEFAULTED);
	lbfo_lacp_rx_pdu(&rx, &pdu, 5 * S);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_LACP_DISABLED);

	/* LACP on again: through PORT_DISABLED to EXPIRED in one call. */
	lbfo_lacp_rx_port(&rx, true, true, 6 * S);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_EXPIRED);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_rx_deadline(&rx), 9 * S);

	/* LACP off while CURRENT: LACP_DISABLED in one call. */
	lbfo_lacp_rx_pdu(&rx, &pdu, 7 * S);
	lbfo_lacp_rx_port(&rx, true, false, 8 * S);
	KUNIT_EXPECT_EQ(test, rx.state, LBFO_LACP_RX_LACP_DISABLED);
}

static struct kunit_case lacp_rx_test_cases[] = {
	KUNIT_CASE(lacp_rx_begin_test),
	KUNIT_CASE(lacp_rx_partner_arrives_test),
	KUNIT_CASE(lacp_rx_partner_goes_silent_test),
	KUNIT_CASE(lacp_rx_slow_timeout_test),
	KUNIT_CASE(lacp_rx_partner_wrong_test),
	KUNIT_CASE(lacp_rx_individual_partner_test),
	KUNIT_CASE(lacp_rx_partner_changes_test),
	KUNIT_CASE(lacp_rx_port_disabled_test),
	{}
};

static struct kunit_suite lacp_rx_test_suite = {
	.name = "lbfo_lacp_rx",
	.test_cases = lacp_rx_test_cases,
};

kunit_test_suite(lacp_rx_test_suite);
