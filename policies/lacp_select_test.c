// SPDX-License-Identifier: GPL-2.0
/* KUnit tests for the LACP selection logic (policies/lacp_select.c). */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "lacp_rx.h"
#include "lacp_select.h"
#include "lacpdu.h"

#define SEL	LBFO_LACP_SELECTED
#define UNSEL	LBFO_LACP_UNSELECTED
#define STBY	LBFO_LACP_STANDBY
#define AGG	LBFO_LACP_AGGREGATION
#define G1	1000
#define G10	10000

static const u8 sys_a[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0a };
static const u8 sys_b[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0b };

/*
 * An enabled full-duplex port with an aggregatable partner: system sys_a,
 * priority 100, key 7, our key 1. The outputs hold garbage, so a test sees
 * whether they are written.
 */
static struct lbfo_lacp_sel_port mkport(u16 nr, u32 speed)
{
	struct lbfo_lacp_sel_port p = {
		.enabled = true,
		.partner_known = true,
		.full_duplex = true,
		.speed = speed,
		.port = nr,
		.key = 1,
		.actor_state = AGG | LBFO_LACP_ACTIVITY,
		.partner = {
			.system_priority = 100,
			.key = 7,
			.port = nr + 100,
			.state = AGG | LBFO_LACP_ACTIVITY,
		},
		.selected = 0xff,
		.aggregator = 0xffff,
		.why = 0xff,
	};

	memcpy(p.partner.system, sys_a, ETH_ALEN);
	return p;
}

/* Check one port's three outputs; a failure names the port. */
static void expect_port(struct kunit *test, const struct lbfo_lacp_sel_port *p,
			u8 selected, u16 aggregator, u8 why)
{
	KUNIT_EXPECT_EQ_MSG(test, p->selected, selected, "port %u", p->port);
	KUNIT_EXPECT_EQ_MSG(test, p->aggregator, aggregator, "port %u",
			    p->port);
	KUNIT_EXPECT_EQ_MSG(test, p->why, why, "port %u", p->port);
}

/* Same partner, key and speed: one group, its id the lowest port. */
static void lacp_select_same_group_test(struct kunit *test)
{
	struct lbfo_lacp_sel_port p[] = { mkport(5, G1), mkport(3, G1) };

	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 0), 3);
	expect_port(test, &p[0], SEL, 3, LBFO_LACP_WHY_NONE);
	expect_port(test, &p[1], SEL, 3, LBFO_LACP_WHY_NONE);
	/* The partner's port numbers do not matter. */
	p[1].partner.port = 42;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 0), 3);
	expect_port(test, &p[0], SEL, 3, LBFO_LACP_WHY_NONE);
}

/* The partner's key, system or system priority differs: OTHER_GROUP. */
static void lacp_select_other_group_test(struct kunit *test)
{
	struct lbfo_lacp_sel_port p[] = {
		mkport(1, G1), mkport(2, G1), mkport(3, G1),
		mkport(4, G1), mkport(5, G1), mkport(6, G1),
	};

	p[2].partner.key = 8;
	memcpy(p[3].partner.system, sys_b, ETH_ALEN);
	p[4].partner.system_priority = 200;
	/* 6 joins 3: the same other group. */
	p[5].partner.key = 8;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 0), 1);
	expect_port(test, &p[0], SEL, 1, LBFO_LACP_WHY_NONE);
	expect_port(test, &p[1], SEL, 1, LBFO_LACP_WHY_NONE);
	expect_port(test, &p[2], STBY, 3, LBFO_LACP_WHY_OTHER_GROUP);
	expect_port(test, &p[3], STBY, 4, LBFO_LACP_WHY_OTHER_GROUP);
	expect_port(test, &p[4], STBY, 5, LBFO_LACP_WHY_OTHER_GROUP);
	expect_port(test, &p[5], STBY, 3, LBFO_LACP_WHY_OTHER_GROUP);
}

/* Our key differs: KEY, before a partner that differs too. */
static void lacp_select_key_test(struct kunit *test)
{
	struct lbfo_lacp_sel_port p[] = {
		mkport(1, G1), mkport(2, G1), mkport(3, G1), mkport(4, G1),
	};

	p[2].key = 2;
	p[3].key = 3;
	p[3].partner.key = 9;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 0), 1);
	expect_port(test, &p[0], SEL, 1, LBFO_LACP_WHY_NONE);
	expect_port(test, &p[1], SEL, 1, LBFO_LACP_WHY_NONE);
	expect_port(test, &p[2], STBY, 3, LBFO_LACP_WHY_KEY);
	expect_port(test, &p[3], STBY, 4, LBFO_LACP_WHY_KEY);
}

/* Mixed speeds off: one speed per group; the faster group wins. */
static void lacp_select_speed_test(struct kunit *test)
{
	struct lbfo_lacp_sel_port p[] = {
		mkport(1, G1), mkport(2, G10), mkport(3, G1), mkport(4, G10),
	};

	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 1), 2);
	expect_port(test, &p[0], STBY, 1, LBFO_LACP_WHY_SPEED);
	expect_port(test, &p[1], SEL, 2, LBFO_LACP_WHY_NONE);
	expect_port(test, &p[2], STBY, 1, LBFO_LACP_WHY_SPEED);
	expect_port(test, &p[3], SEL, 2, LBFO_LACP_WHY_NONE);
}

/* Mixed speeds on: one group across speeds. */
static void lacp_select_mixed_speed_test(struct kunit *test)
{
	struct lbfo_lacp_sel_port p[] = {
		mkport(4, G1), mkport(2, G10), mkport(3, 0),
	};
	unsigned int i;

	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), true, 0), 2);
	for (i = 0; i < ARRAY_SIZE(p); i++)
		expect_port(test, &p[i], SEL, 2, LBFO_LACP_WHY_NONE);
}

/* Either AGGREGATION bit clear: a group of its own, reason INDIVIDUAL. */
static void lacp_select_individual_test(struct kunit *test)
{
	struct lbfo_lacp_sel_port p[] = {
		mkport(1, G1), mkport(2, G1), mkport(3, G1), mkport(4, G1),
	};

	p[0].partner.state &= ~AGG;
	p[3].actor_state &= ~AGG;
	/* 1 and 4 cannot join 2 and 3, nor each other, though LAG IDs match. */
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), true, 0), 2);
	expect_port(test, &p[0], STBY, 1, LBFO_LACP_WHY_INDIVIDUAL);
	expect_port(test, &p[1], SEL, 2, LBFO_LACP_WHY_NONE);
	expect_port(test, &p[2], SEL, 2, LBFO_LACP_WHY_NONE);
	expect_port(test, &p[3], STBY, 4, LBFO_LACP_WHY_INDIVIDUAL);

	/* An individual 10G port wins; the others are out for that reason. */
	p[3].speed = G10;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), true, 0), 4);
	expect_port(test, &p[0], STBY, 1, LBFO_LACP_WHY_INDIVIDUAL);
	expect_port(test, &p[1], STBY, 2, LBFO_LACP_WHY_INDIVIDUAL);
	expect_port(test, &p[2], STBY, 2, LBFO_LACP_WHY_INDIVIDUAL);
	expect_port(test, &p[3], SEL, 4, LBFO_LACP_WHY_NONE);
}

/* Link down, half duplex, no partner: UNSELECTED, in no group. */
static void lacp_select_not_candidate_test(struct kunit *test)
{
	struct lbfo_lacp_sel_port p[] = {
		mkport(1, G10), mkport(2, G10), mkport(3, G10), mkport(4, G10),
		mkport(5, G1),
	};

	p[0].enabled = false;
	p[0].full_duplex = false;
	p[0].partner_known = false;
	p[1].full_duplex = false;
	p[1].partner_known = false;
	p[2].partner_known = false;
	p[3].enabled = false;
	/* The fast ports count for nothing: 5 is the group, alone. */
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 1), 5);
	expect_port(test, &p[0], UNSEL, 0, LBFO_LACP_WHY_LINK);
	expect_port(test, &p[1], UNSEL, 0, LBFO_LACP_WHY_HALF_DUPLEX);
	expect_port(test, &p[2], UNSEL, 0, LBFO_LACP_WHY_NO_PARTNER);
	expect_port(test, &p[3], UNSEL, 0, LBFO_LACP_WHY_LINK);
	expect_port(test, &p[4], SEL, 5, LBFO_LACP_WHY_NONE);

	/* No candidate at all: no aggregator. */
	p[4].enabled = false;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 5), 0);
	expect_port(test, &p[4], UNSEL, 0, LBFO_LACP_WHY_LINK);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, 0, false, 0), 0);
}

/* The group in use keeps a tie, and only a tie. */
static void lacp_select_stability_test(struct kunit *test)
{
	struct lbfo_lacp_sel_port p[] = {
		mkport(1, G1), mkport(2, G1), mkport(3, G1), mkport(4, G1),
	};

	p[1].partner.key = 8;
	p[3].partner.key = 8;
	/* {1, 3} against {2, 4}: a tie; with none in use, the lowest id. */
	p[2].enabled = false;
	p[3].enabled = false;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 0), 1);
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 1), 1);
	/* 2 in use: it stays. */
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 2), 2);
	expect_port(test, &p[0], STBY, 1, LBFO_LACP_WHY_OTHER_GROUP);
	expect_port(test, &p[1], SEL, 2, LBFO_LACP_WHY_NONE);
	/* An id nobody has: the lowest id. */
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 9), 1);

	/* 3 joins 1: more bandwidth beats the group in use. */
	p[2].enabled = true;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 2), 1);
	expect_port(test, &p[0], SEL, 1, LBFO_LACP_WHY_NONE);
	expect_port(test, &p[1], STBY, 2, LBFO_LACP_WHY_OTHER_GROUP);
	expect_port(test, &p[2], SEL, 1, LBFO_LACP_WHY_NONE);

	/* 4 joins 2: a tie again, and {1, 3} in use keeps it. */
	p[3].enabled = true;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 1), 1);
	expect_port(test, &p[3], STBY, 2, LBFO_LACP_WHY_OTHER_GROUP);
	/* Still a tie, {2, 4} in use: it keeps it. */
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 2), 2);
	expect_port(test, &p[0], STBY, 1, LBFO_LACP_WHY_OTHER_GROUP);
	expect_port(test, &p[2], STBY, 1, LBFO_LACP_WHY_OTHER_GROUP);
	expect_port(test, &p[3], SEL, 2, LBFO_LACP_WHY_NONE);
	/*
	 * In use as 4 alone (id 4), then 2 came up and joined (id 2): still
	 * the group in use.
	 */
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 4), 2);
}

/* Bandwidth first, then the number of ports. */
static void lacp_select_bandwidth_test(struct kunit *test)
{
	struct lbfo_lacp_sel_port p[] = {
		mkport(1, G1), mkport(2, G1), mkport(3, G1), mkport(4, G10),
	};

	/* Our keys make three groups: {1} 1G, {2, 3} 2 x 1G, {4} 10G. */
	p[1].key = 2;
	p[2].key = 2;
	p[3].key = 4;
	p[3].enabled = false;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 1), 2);
	expect_port(test, &p[0], STBY, 1, LBFO_LACP_WHY_KEY);
	expect_port(test, &p[1], SEL, 2, LBFO_LACP_WHY_NONE);
	expect_port(test, &p[2], SEL, 2, LBFO_LACP_WHY_NONE);

	p[3].enabled = true;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 2), 4);
	expect_port(test, &p[0], STBY, 1, LBFO_LACP_WHY_KEY);
	expect_port(test, &p[1], STBY, 2, LBFO_LACP_WHY_KEY);
	expect_port(test, &p[2], STBY, 2, LBFO_LACP_WHY_KEY);
	expect_port(test, &p[3], SEL, 4, LBFO_LACP_WHY_NONE);

	/* Equal bandwidth: 2 x 1G beats 1 x 2G, even in use. */
	p[3].enabled = false;
	p[0].speed = 2 * G1;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 1), 2);

	/* Unknown speeds count 1 Mb/s each: groups of them compare by count. */
	p[1].speed = 0;
	p[2].speed = 0;
	p[0].speed = 0;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 1), 2);
	/* 2 x unknown (2) beats 1 Mb/s (1), but not 10 Mb/s. */
	p[0].speed = 1;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 1), 2);
	p[0].speed = 10;
	KUNIT_EXPECT_EQ(test, lbfo_lacp_select(p, ARRAY_SIZE(p), false, 2), 1);
}

static void lacp_select_same_lag_test(struct kunit *test)
{
	struct lbfo_lacp_sel_port a = mkport(1, G1), b = mkport(2, G10);

	/* Speed and port numbers are not part of a LAG ID. */
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_sel_same_lag(&a, &b));
	b.partner.system[5] = 0x0b;
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_sel_same_lag(&a, &b));
	b = mkport(2, G1);
	b.partner.system_priority = 1;
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_sel_same_lag(&a, &b));
	b = mkport(2, G1);
	b.partner.key = 1;
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_sel_same_lag(&a, &b));
	b = mkport(2, G1);
	b.key = 7;
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_sel_same_lag(&a, &b));
	b = mkport(2, G1);
	b.partner.state &= ~AGG;
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_sel_same_lag(&a, &b));
	KUNIT_EXPECT_FALSE(test, lbfo_lacp_sel_same_lag(&b, &b));
	KUNIT_EXPECT_TRUE(test, lbfo_lacp_sel_same_lag(&a, &a));
}

static struct kunit_case lacp_select_test_cases[] = {
	KUNIT_CASE(lacp_select_same_group_test),
	KUNIT_CASE(lacp_select_other_group_test),
	KUNIT_CASE(lacp_select_key_test),
	KUNIT_CASE(lacp_select_speed_test),
	KUNIT_CASE(lacp_select_mixed_speed_test),
	KUNIT_CASE(lacp_select_individual_test),
	KUNIT_CASE(lacp_select_not_candidate_test),
	KUNIT_CASE(lacp_select_stability_test),
	KUNIT_CASE(lacp_select_bandwidth_test),
	KUNIT_CASE(lacp_select_same_lag_test),
	{}
};

static struct kunit_suite lacp_select_test_suite = {
	.name = "lbfo_lacp_select",
	.test_cases = lacp_select_test_cases,
};

kunit_test_suite(lacp_select_test_suite);
