// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for LACPDU bytes (policies/lacpdu.c). The golden frame is
 * written out byte by byte from the layout of 802.1AX-2008 43.4.2.2, not
 * from the code under test.
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "lacpdu.h"

static const struct lbfo_lacpdu golden_pdu = {
	.version = 1,
	.actor = {
		.system_priority = 0x8000,
		.system = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01 },
		.key = 0x0011,
		.port_priority = 0x00ff,
		.port = 0x0003,
		.state = LBFO_LACP_ACTIVITY | LBFO_LACP_TIMEOUT |
			 LBFO_LACP_AGGREGATION | LBFO_LACP_SYNC |
			 LBFO_LACP_COLLECTING | LBFO_LACP_DISTRIBUTING,
	},
	.partner = {
		.system_priority = 0xffff,
		.system = { 0x52, 0x54, 0x00, 0xab, 0xcd, 0xef },
		.key = 0x0900,
		.port_priority = 0x0001,
		.port = 0x0102,
		.state = LBFO_LACP_AGGREGATION | LBFO_LACP_DEFAULTED |
			 LBFO_LACP_EXPIRED,
	},
	.collector_max_delay = 0x1234,
};

static const u8 golden_bytes[LBFO_LACPDU_LEN] = {
	0x01, 0x01,				/* subtype LACP, version 1 */
	0x01, 0x14,				/* actor information, 20 */
	0x80, 0x00,				/* system priority */
	0x02, 0x00, 0x5e, 0x10, 0x00, 0x01,	/* system */
	0x00, 0x11,				/* key */
	0x00, 0xff,				/* port priority */
	0x00, 0x03,				/* port */
	0x3f,					/* state */
	0x00, 0x00, 0x00,			/* reserved */
	0x02, 0x14,				/* partner information, 20 */
	0xff, 0xff,
	0x52, 0x54, 0x00, 0xab, 0xcd, 0xef,
	0x09, 0x00,
	0x00, 0x01,
	0x01, 0x02,
	0xc4,
	0x00, 0x00, 0x00,
	0x03, 0x10,				/* collector information, 16 */
	0x12, 0x34,				/* max delay */
	[46 ... 57] = 0x00,			/* reserved */
	0x00, 0x00,				/* terminator */
	[60 ... 109] = 0x00,			/* reserved */
};

/* The first byte where a and b differ, if any (6.1 has no MEMEQ). */
static void expect_bytes(struct kunit *test, const u8 *a, const u8 *b,
			 size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			break;
	KUNIT_EXPECT_EQ_MSG(test, i, n, "byte %zu: 0x%02x, expected 0x%02x",
			    i, i < n ? a[i] : 0, i < n ? b[i] : 0);
}

static void lacpdu_build_golden_test(struct kunit *test)
{
	u8 buf[LBFO_LACPDU_LEN];

	memset(buf, 0xa5, sizeof(buf));	/* reserved bytes must be cleared */
	lbfo_lacpdu_build(&golden_pdu, buf);
	expect_bytes(test, buf, golden_bytes, sizeof(buf));
}

static void expect_info_eq(struct kunit *test, const struct lbfo_lacp_info *a,
			   const struct lbfo_lacp_info *b)
{
	KUNIT_EXPECT_EQ(test, a->system_priority, b->system_priority);
	expect_bytes(test, a->system, b->system, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, a->key, b->key);
	KUNIT_EXPECT_EQ(test, a->port_priority, b->port_priority);
	KUNIT_EXPECT_EQ(test, a->port, b->port);
	KUNIT_EXPECT_EQ(test, a->state, b->state);
}

static void lacpdu_parse_golden_test(struct kunit *test)
{
	struct lbfo_lacpdu pdu;

	memset(&pdu, 0, sizeof(pdu));
	KUNIT_ASSERT_EQ(test, lbfo_lacpdu_parse(golden_bytes,
						sizeof(golden_bytes), &pdu),
			LBFO_LACPDU_OK);
	KUNIT_EXPECT_EQ(test, pdu.version, 1);
	expect_info_eq(test, &pdu.actor, &golden_pdu.actor);
	expect_info_eq(test, &pdu.partner, &golden_pdu.partner);
	KUNIT_EXPECT_EQ(test, pdu.collector_max_delay, 0x1234);
}

/* Padding after the PDU, a later version and reserved bytes are ignored. */
static void lacpdu_parse_tolerant_test(struct kunit *test)
{
	u8 buf[LBFO_LACPDU_LEN + 8];
	struct lbfo_lacpdu pdu;

	memcpy(buf, golden_bytes, LBFO_LACPDU_LEN);
	memset(buf + LBFO_LACPDU_LEN, 0xee, 8);
	buf[1] = 2;			/* version 2 */
	buf[19] = 0x7f;			/* actor reserved */
	buf[50] = 0x01;			/* collector reserved */
	buf[109] = 0xff;		/* tail reserved */
	KUNIT_ASSERT_EQ(test, lbfo_lacpdu_parse(buf, sizeof(buf), &pdu),
			LBFO_LACPDU_OK);
	KUNIT_EXPECT_EQ(test, pdu.version, 2);
	expect_info_eq(test, &pdu.actor, &golden_pdu.actor);
}

struct lacpdu_bad {
	const char *what;
	unsigned int offset;	/* byte to change, or LBFO_LACPDU_LEN: none */
	u8 value;
	size_t len;
	enum lbfo_lacpdu_err want;
};

static const struct lacpdu_bad lacpdu_bad_cases[] = {
	{ "short by one", LBFO_LACPDU_LEN, 0, LBFO_LACPDU_LEN - 1,
	  LBFO_LACPDU_SHORT },
	{ "empty", LBFO_LACPDU_LEN, 0, 0, LBFO_LACPDU_SHORT },
	{ "marker subtype", 0, 0x02, LBFO_LACPDU_LEN, LBFO_LACPDU_SUBTYPE },
	{ "version 0", 1, 0x00, LBFO_LACPDU_LEN, LBFO_LACPDU_VERSION },
	{ "actor type", 2, 0x02, LBFO_LACPDU_LEN, LBFO_LACPDU_TLV },
	{ "actor length", 3, 0x13, LBFO_LACPDU_LEN, LBFO_LACPDU_TLV },
	{ "partner type", 22, 0x01, LBFO_LACPDU_LEN, LBFO_LACPDU_TLV },
	{ "partner length", 23, 0x15, LBFO_LACPDU_LEN, LBFO_LACPDU_TLV },
	{ "collector type", 42, 0x04, LBFO_LACPDU_LEN, LBFO_LACPDU_TLV },
	{ "collector length", 43, 0x14, LBFO_LACPDU_LEN, LBFO_LACPDU_TLV },
	{ "terminator type", 58, 0x01, LBFO_LACPDU_LEN, LBFO_LACPDU_TLV },
	{ "terminator length", 59, 0x02, LBFO_LACPDU_LEN, LBFO_LACPDU_TLV },
};

static void lacpdu_parse_refused_test(struct kunit *test)
{
	struct lbfo_lacpdu pdu;
	u8 buf[LBFO_LACPDU_LEN];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lacpdu_bad_cases); i++) {
		const struct lacpdu_bad *c = &lacpdu_bad_cases[i];

		memcpy(buf, golden_bytes, sizeof(buf));
		if (c->offset < LBFO_LACPDU_LEN)
			buf[c->offset] = c->value;
		KUNIT_EXPECT_EQ_MSG(test, lbfo_lacpdu_parse(buf, c->len, &pdu),
				    c->want, "%s", c->what);
	}
}

/* What we build, we read back the same, for every state byte. */
static void lacpdu_round_trip_test(struct kunit *test)
{
	struct lbfo_lacpdu in = golden_pdu, out;
	u8 buf[LBFO_LACPDU_LEN];
	unsigned int s;

	for (s = 0; s < 256; s++) {
		in.actor.state = s;
		in.partner.state = ~s;
		in.actor.port = s * 257;
		lbfo_lacpdu_build(&in, buf);
		memset(&out, 0, sizeof(out));
		KUNIT_ASSERT_EQ(test, lbfo_lacpdu_parse(buf, sizeof(buf), &out),
				LBFO_LACPDU_OK);
		KUNIT_EXPECT_EQ(test, out.actor.state, (u8)s);
		KUNIT_EXPECT_EQ(test, out.partner.state, (u8)~s);
		KUNIT_EXPECT_EQ(test, out.actor.port, (u16)(s * 257));
	}
}

/* A Marker PDU from port 5 of system 00:11:22:33:44:55, transaction 0x01020304. */
static const u8 marker_pdu[LBFO_LACPDU_LEN] = {
	0x02, 0x01,			/* subtype Marker, version 1 */
	0x01, 0x10,			/* Marker Information, 16 */
	0x00, 0x05,			/* requester port */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55,	/* requester system */
	0x01, 0x02, 0x03, 0x04,		/* transaction ID */
	0xaa, 0xbb,			/* pad (not copied back) */
	0x00, 0x00,			/* terminator */
};

static void marker_response_test(struct kunit *test)
{
	u8 out[LBFO_LACPDU_LEN], want[LBFO_LACPDU_LEN], bad[LBFO_LACPDU_LEN];

	memcpy(want, marker_pdu, sizeof(want));
	want[2] = 0x02;			/* Marker Response */
	want[16] = 0;
	want[17] = 0;
	KUNIT_ASSERT_TRUE(test, lbfo_marker_response(marker_pdu,
						     sizeof(marker_pdu), out));
	expect_bytes(test, out, want, sizeof(want));
	/* The reserved tail may be missing: 20 bytes carry all there is. */
	KUNIT_ASSERT_TRUE(test, lbfo_marker_response(marker_pdu, 20, out));
	expect_bytes(test, out, want, sizeof(want));

	memset(out, 0x5a, sizeof(out));
	KUNIT_EXPECT_FALSE(test, lbfo_marker_response(marker_pdu, 19, out));
	memcpy(bad, marker_pdu, sizeof(bad));
	bad[2] = 0x02;			/* a response is not answered */
	KUNIT_EXPECT_FALSE(test, lbfo_marker_response(bad, sizeof(bad), out));
	memcpy(bad, marker_pdu, sizeof(bad));
	bad[0] = LBFO_LACP_SUBTYPE;
	KUNIT_EXPECT_FALSE(test, lbfo_marker_response(bad, sizeof(bad), out));
	memcpy(bad, marker_pdu, sizeof(bad));
	bad[3] = 0x14;
	KUNIT_EXPECT_FALSE(test, lbfo_marker_response(bad, sizeof(bad), out));
	KUNIT_EXPECT_EQ(test, out[0], 0x5a);
}

static struct kunit_case lacpdu_test_cases[] = {
	KUNIT_CASE(lacpdu_build_golden_test),
	KUNIT_CASE(lacpdu_parse_golden_test),
	KUNIT_CASE(lacpdu_parse_tolerant_test),
	KUNIT_CASE(lacpdu_parse_refused_test),
	KUNIT_CASE(lacpdu_round_trip_test),
	KUNIT_CASE(marker_response_test),
	{}
};

static struct kunit_suite lacpdu_test_suite = {
	.name = "lbfo_lacpdu",
	.test_cases = lacpdu_test_cases,
};

kunit_test_suite(lacpdu_test_suite);
