// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the team's offload arithmetic (offload/features.c).
 */
#include <kunit/test.h>
#include <linux/if_ether.h>
#include <linux/netdevice.h>

#include "features.h"

/* What a team is typically asked for: its hw_features plus VLAN tx. */
#define WANTED	(LBFO_VLAN_FEATURES | NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_LLTX)

/* A plain member with the given features and default sizes. */
static struct lbfo_feat member(netdev_features_t features)
{
	struct lbfo_feat m = {
		.features = features,
		.vlan_features = 0,
		.hw_enc_features = 0,
		.mpls_features = 0,
		.tso_max_size = GSO_LEGACY_MAX_SIZE,
		.tso_max_segs = TSO_MAX_SEGS,
		.min_mtu = ETH_MIN_MTU,
		.max_mtu = ETH_DATA_LEN,
		.hard_header_len = ETH_HLEN,
		.dst_release = true,
	};

	return m;
}

static struct lbfo_feat fold(const struct lbfo_feat *m, unsigned int n,
			     netdev_features_t wanted)
{
	struct lbfo_feat t;
	unsigned int i;

	lbfo_feat_init(&t, wanted);
	for (i = 0; i < n; i++)
		lbfo_feat_add(&t, &m[i], wanted);
	lbfo_feat_done(&t, wanted);
	return t;
}

static bool has_all(netdev_features_t f, netdev_features_t bits)
{
	return (f & bits) == bits;
}

static void lbfo_feat_one_for_all_test(struct kunit *test)
{
	struct lbfo_feat m[2] = { member(NETIF_F_SG | NETIF_F_HIGHDMA),
				  member(0) };
	struct lbfo_feat t;

	/* One member with SG is enough: the other segments in software. */
	t = fold(m, 2, WANTED);
	KUNIT_EXPECT_TRUE(test, has_all(t.features, NETIF_F_SG | NETIF_F_HIGHDMA));

	m[0] = member(0);
	t = fold(m, 2, WANTED);
	KUNIT_EXPECT_FALSE(test, t.features & NETIF_F_SG);
	KUNIT_EXPECT_FALSE(test, t.features & NETIF_F_HIGHDMA);

	/* A feature the stack does not want is never offered. */
	m[0] = member(NETIF_F_SG);
	t = fold(m, 2, WANTED & ~NETIF_F_SG);
	KUNIT_EXPECT_FALSE(test, t.features & NETIF_F_SG);
}

static void lbfo_feat_all_for_all_test(struct kunit *test)
{
	struct lbfo_feat m[3] = { member(NETIF_F_NOCACHE_COPY),
				  member(NETIF_F_NOCACHE_COPY), member(0) };
	struct lbfo_feat t;

	t = fold(m, 3, WANTED);
	KUNIT_EXPECT_FALSE(test, t.features & NETIF_F_NOCACHE_COPY);

	m[2] = member(NETIF_F_NOCACHE_COPY);
	t = fold(m, 3, WANTED);
	KUNIT_EXPECT_TRUE(test, t.features & NETIF_F_NOCACHE_COPY);
}

static void lbfo_feat_csum_test(struct kunit *test)
{
	struct lbfo_feat m[2] = { member(NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM),
				  member(NETIF_F_HW_CSUM) };
	struct lbfo_feat t;

	/* HW_CSUM anywhere makes the team HW_CSUM, and only that. */
	t = fold(m, 2, WANTED);
	KUNIT_EXPECT_TRUE(test, t.features & NETIF_F_HW_CSUM);
	KUNIT_EXPECT_FALSE(test, t.features & NETIF_F_IP_CSUM);
	KUNIT_EXPECT_FALSE(test, t.features & NETIF_F_IPV6_CSUM);
}

static void lbfo_feat_tso_test(struct kunit *test)
{
	struct lbfo_feat m[2] = { member(NETIF_F_SG), member(NETIF_F_SG) };
	struct lbfo_feat t;

	/* TSO is offered even if no member has it: they segment in software. */
	t = fold(m, 2, WANTED);
	KUNIT_EXPECT_TRUE(test, has_all(t.features, NETIF_F_TSO | NETIF_F_TSO6));

	t = fold(m, 2, WANTED & ~NETIF_F_ALL_TSO);
	KUNIT_EXPECT_FALSE(test, t.features & NETIF_F_ALL_TSO);

	/* Other software GSO types follow the members. */
	KUNIT_EXPECT_FALSE(test, t.features & NETIF_F_GSO_UDP_L4);
	m[1].features |= NETIF_F_GSO_UDP_L4;
	t = fold(m, 2, WANTED);
	KUNIT_EXPECT_TRUE(test, t.features & NETIF_F_GSO_UDP_L4);
}

static void lbfo_feat_keeps_own_bits_test(struct kunit *test)
{
	struct lbfo_feat m[1] = { member(NETIF_F_SG) };
	struct lbfo_feat t;

	/* Features that are the team's own business pass through. */
	t = fold(m, 1, WANTED);
	KUNIT_EXPECT_TRUE(test, has_all(t.features, NETIF_F_LLTX |
					NETIF_F_HW_VLAN_CTAG_TX));
}

static void lbfo_feat_vlan_enc_mpls_test(struct kunit *test)
{
	struct lbfo_feat m[2] = { member(0), member(0) };
	struct lbfo_feat t;

	m[0].vlan_features = NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_RXCSUM;
	m[1].vlan_features = NETIF_F_TSO;
	t = fold(m, 2, WANTED);
	KUNIT_EXPECT_TRUE(test, has_all(t.vlan_features, NETIF_F_SG |
					NETIF_F_HW_CSUM | NETIF_F_TSO));
	/* RXCSUM is outside the VLAN mask. */
	KUNIT_EXPECT_FALSE(test, t.vlan_features & NETIF_F_RXCSUM);

	/* No member offloads encapsulated checksums: neither does the team. */
	KUNIT_EXPECT_FALSE(test, t.hw_enc_features & NETIF_F_HW_CSUM);
	KUNIT_EXPECT_TRUE(test, has_all(t.hw_enc_features, NETIF_F_GSO_ENCAP_ALL));
	m[1].hw_enc_features = NETIF_F_HW_CSUM | NETIF_F_SG;
	t = fold(m, 2, WANTED);
	KUNIT_EXPECT_TRUE(test, has_all(t.hw_enc_features,
					NETIF_F_HW_CSUM | NETIF_F_SG));

	KUNIT_EXPECT_FALSE(test, t.mpls_features & NETIF_F_SG);
	m[0].mpls_features = NETIF_F_SG | NETIF_F_HIGHDMA;
	t = fold(m, 2, WANTED);
	KUNIT_EXPECT_TRUE(test, t.mpls_features & NETIF_F_SG);
	/* HIGHDMA is outside the MPLS mask. */
	KUNIT_EXPECT_FALSE(test, t.mpls_features & NETIF_F_HIGHDMA);
}

static void lbfo_feat_sizes_test(struct kunit *test)
{
	struct lbfo_feat m[3] = { member(0), member(0), member(0) };
	struct lbfo_feat t;

	m[0].tso_max_size = 65536;
	m[1].tso_max_size = 32768;
	m[2].tso_max_size = 524280;
	m[0].tso_max_segs = 100;
	m[1].tso_max_segs = 64;
	m[0].max_mtu = 9000;
	m[1].max_mtu = 1500;
	m[2].max_mtu = 65535;
	m[2].min_mtu = 576;
	m[1].hard_header_len = 18;
	m[2].needed_headroom = 32;
	m[0].needed_tailroom = 4;
	t = fold(m, 3, WANTED);
	KUNIT_EXPECT_EQ(test, t.tso_max_size, 32768U);
	KUNIT_EXPECT_EQ(test, t.tso_max_segs, 64U);
	KUNIT_EXPECT_EQ(test, t.max_mtu, 1500U);
	KUNIT_EXPECT_EQ(test, t.min_mtu, 576U);
	KUNIT_EXPECT_EQ(test, t.hard_header_len, 18);
	KUNIT_EXPECT_EQ(test, t.needed_headroom, 32);
	KUNIT_EXPECT_EQ(test, t.needed_tailroom, 4);
}

static void lbfo_feat_unlimited_mtu_test(struct kunit *test)
{
	struct lbfo_feat m[2] = { member(0), member(0) };
	struct lbfo_feat t;

	/* dummy and others say "no limit" with a max_mtu of 0. */
	m[0].max_mtu = 0;
	m[1].max_mtu = 9000;
	t = fold(m, 2, WANTED);
	KUNIT_EXPECT_EQ(test, t.max_mtu, 9000U);
	m[1].max_mtu = 0;
	t = fold(m, 2, WANTED);
	KUNIT_EXPECT_EQ(test, t.max_mtu, (unsigned int)ETH_MAX_MTU);
}

static void lbfo_feat_empty_team_test(struct kunit *test)
{
	struct lbfo_feat t = fold(NULL, 0, WANTED);

	KUNIT_EXPECT_FALSE(test, t.features & NETIF_F_SG);
	KUNIT_EXPECT_EQ(test, t.tso_max_size, TSO_MAX_SIZE);
	KUNIT_EXPECT_EQ(test, t.tso_max_segs, (unsigned int)TSO_MAX_SEGS);
	KUNIT_EXPECT_EQ(test, t.min_mtu, (unsigned int)ETH_MIN_MTU);
	KUNIT_EXPECT_EQ(test, t.max_mtu, (unsigned int)ETH_MAX_MTU);
	KUNIT_EXPECT_EQ(test, t.hard_header_len, ETH_HLEN);
	KUNIT_EXPECT_TRUE(test, t.dst_release);
}

static void lbfo_feat_dst_release_test(struct kunit *test)
{
	struct lbfo_feat m[2] = { member(0), member(0) };
	struct lbfo_feat t;

	t = fold(m, 2, WANTED);
	KUNIT_EXPECT_TRUE(test, t.dst_release);
	m[1].dst_release = false;
	t = fold(m, 2, WANTED);
	KUNIT_EXPECT_FALSE(test, t.dst_release);
}

static struct kunit_case lbfo_feat_test_cases[] = {
	KUNIT_CASE(lbfo_feat_one_for_all_test),
	KUNIT_CASE(lbfo_feat_all_for_all_test),
	KUNIT_CASE(lbfo_feat_csum_test),
	KUNIT_CASE(lbfo_feat_tso_test),
	KUNIT_CASE(lbfo_feat_keeps_own_bits_test),
	KUNIT_CASE(lbfo_feat_vlan_enc_mpls_test),
	KUNIT_CASE(lbfo_feat_sizes_test),
	KUNIT_CASE(lbfo_feat_unlimited_mtu_test),
	KUNIT_CASE(lbfo_feat_empty_team_test),
	KUNIT_CASE(lbfo_feat_dst_release_test),
	{}
};

static struct kunit_suite lbfo_feat_test_suite = {
	.name = "lbfo_features",
	.test_cases = lbfo_feat_test_cases,
};

kunit_test_suite(lbfo_feat_test_suite);

MODULE_LICENSE("GPL");
