// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the transmit hash (policies/hash.c).
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <linux/string.h>

#include "buckets.h"
#include "hash.h"

static const siphash_key_t key1 = {{ 0x0706050403020100ULL,
				     0x0f0e0d0c0b0a0908ULL }};
static const siphash_key_t key2 = {{ 0x243f6a8885a308d3ULL,
				     0x13198a2e03707344ULL }};
static const siphash_key_t key3 = {{ 0xa4093822299f31d0ULL,
				     0x082efa98ec4e6c89ULL }};

static void set_v4(u8 *a, u32 addr)
{
	memset(a, 0, 16);
	a[0] = addr >> 24;
	a[1] = addr >> 16;
	a[2] = addr >> 8;
	a[3] = addr;
}

/* 2001:db8::<last> */
static void set_v6(u8 *a, u32 last)
{
	memset(a, 0, 16);
	a[0] = 0x20;
	a[1] = 0x01;
	a[2] = 0x0d;
	a[3] = 0xb8;
	a[12] = last >> 24;
	a[13] = last >> 16;
	a[14] = last >> 8;
	a[15] = last;
}

/* A TCP flow over IPv4 between two hosts of one LAN. */
static struct lbfo_flow flow4(u32 saddr, u32 daddr, u16 sport, u16 dport)
{
	struct lbfo_flow f = {
		.src_mac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 },
		.dst_mac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 },
		.outer = {
			.l3 = 4,
			.ip_proto = IPPROTO_TCP,
			.src_port = sport,
			.dst_port = dport,
		},
	};

	set_v4(f.outer.src, saddr);
	set_v4(f.outer.dst, daddr);
	return f;
}

static struct lbfo_flow flow6(u32 saddr, u32 daddr, u16 sport, u16 dport)
{
	struct lbfo_flow f = flow4(0, 0, sport, dport);

	f.outer.l3 = 6;
	set_v6(f.outer.src, saddr);
	set_v6(f.outer.dst, daddr);
	return f;
}

/* An outer UDP tunnel between two hypervisors around a TCP flow. */
static struct lbfo_flow flow_tunnel(void)
{
	struct lbfo_flow f = flow4(0xc0a80001, 0xc0a80002, 49152, 4789);

	f.outer.ip_proto = IPPROTO_UDP;
	f.inner.l3 = 4;
	f.inner.ip_proto = IPPROTO_TCP;
	set_v4(f.inner.src, 0x0a000001);
	set_v4(f.inner.dst, 0x0a000002);
	f.inner.src_port = 33000;
	f.inner.dst_port = 22;
	return f;
}

static void swap_l34(struct lbfo_flow_l34 *l)
{
	u8 tmp[16];

	memcpy(tmp, l->src, 16);
	memcpy(l->src, l->dst, 16);
	memcpy(l->dst, tmp, 16);
	swap(l->src_port, l->dst_port);
}

/* The reply of @f: every source field swapped with its destination. */
static struct lbfo_flow reply(const struct lbfo_flow *f)
{
	struct lbfo_flow r = *f;

	memcpy(r.src_mac, f->dst_mac, ETH_ALEN);
	memcpy(r.dst_mac, f->src_mac, ETH_ALEN);
	swap_l34(&r.outer);
	swap_l34(&r.inner);
	return r;
}

static const u32 field_sets[] = {
	LBFO_HASH_MAC,
	LBFO_HASH_IP,
	LBFO_HASH_PORTS,
	LBFO_HASH_MAC | LBFO_HASH_IP,
	LBFO_HASH_MAC | LBFO_HASH_PORTS,
	LBFO_HASH_IP | LBFO_HASH_INNER,
	LBFO_HASH_PORTS | LBFO_HASH_INNER,
	LBFO_HASH_ALL,
};

static void lbfo_hash_symmetric_test(struct kunit *test)
{
	struct lbfo_flow flows[8], r;
	unsigned int i, j;
	u32 h;

	flows[0] = flow4(0x0a000001, 0x0a000002, 40000, 80);
	flows[1] = flow4(0x0a000002, 0x0a000001, 80, 40000);
	/* Equal addresses: the ports decide the direction. */
	flows[2] = flow4(0x7f000001, 0x7f000001, 5000, 6000);
	/* Equal addresses and ports: the MAC addresses decide. */
	flows[3] = flow4(0x0a000001, 0x0a000001, 7, 7);
	flows[4] = flow6(1, 2, 443, 51000);
	flows[5] = flow_tunnel();
	flows[6] = flow4(0x0a000001, 0x0a000002, 40000, 80);
	flows[6].outer.fragment = true;
	flows[7] = flow4(0, 0, 0, 0);
	flows[7].outer.l3 = 0;
	flows[7].vlan = 42;

	for (i = 0; i < ARRAY_SIZE(flows); i++) {
		r = reply(&flows[i]);
		for (j = 0; j < ARRAY_SIZE(field_sets); j++) {
			h = lbfo_flow_hash(&flows[i], field_sets[j], &key1);
			KUNIT_EXPECT_EQ_MSG(test, h,
					    lbfo_flow_hash(&r, field_sets[j], &key1),
					    "flow %u fields %#x", i, field_sets[j]);
		}
	}
}

/*
 * The direction is decided once for the whole tuple, not field by field:
 * a:1 -> b:2 and a:2 -> b:1 are different flows (sorting each pair alone
 * would make them collide).
 */
static void lbfo_hash_direction_test(struct kunit *test)
{
	struct lbfo_flow f = flow4(0x0a000001, 0x0a000002, 1000, 2000);
	struct lbfo_flow g = flow4(0x0a000001, 0x0a000002, 2000, 1000);

	KUNIT_EXPECT_NE(test, lbfo_flow_hash(&f, LBFO_HASH_PORTS, &key1),
			lbfo_flow_hash(&g, LBFO_HASH_PORTS, &key1));
}

/* The fields that lbfo_hash_fields_test() changes, one at a time. */
enum mutation {
	M_SRC_MAC, M_DST_MAC, M_VLAN,
	M_SADDR, M_DADDR, M_PROTO, M_SPORT, M_DPORT,
	M_IN_SADDR, M_IN_DADDR, M_IN_PROTO, M_IN_SPORT, M_IN_DPORT,
	M_COUNT,
};

static const char * const mutation_names[M_COUNT] = {
	"src_mac", "dst_mac", "vlan", "saddr", "daddr", "proto", "sport",
	"dport", "inner saddr", "inner daddr", "inner proto", "inner sport",
	"inner dport",
};

static void mutate(struct lbfo_flow *f, enum mutation m)
{
	switch (m) {
	case M_SRC_MAC:
		f->src_mac[5] ^= 0x40;
		break;
	case M_DST_MAC:
		f->dst_mac[0] ^= 0x10;
		break;
	case M_VLAN:
		f->vlan = 100;
		break;
	case M_SADDR:
		f->outer.src[3] ^= 1;
		break;
	case M_DADDR:
		f->outer.dst[0] ^= 0x80;
		break;
	case M_PROTO:
		f->outer.ip_proto = IPPROTO_SCTP;
		break;
	case M_SPORT:
		f->outer.src_port++;
		break;
	case M_DPORT:
		f->outer.dst_port ^= 0x100;
		break;
	case M_IN_SADDR:
		f->inner.src[2] ^= 4;
		break;
	case M_IN_DADDR:
		f->inner.dst[3] ^= 1;
		break;
	case M_IN_PROTO:
		f->inner.ip_proto = IPPROTO_UDP;
		break;
	case M_IN_SPORT:
		f->inner.src_port++;
		break;
	default:
		f->inner.dst_port++;
		break;
	}
}

#define M_MAC		(BIT(M_SRC_MAC) | BIT(M_DST_MAC) | BIT(M_VLAN))
#define M_IP		(BIT(M_SADDR) | BIT(M_DADDR) | BIT(M_PROTO))
#define M_PORTS		(BIT(M_SPORT) | BIT(M_DPORT))
#define M_IN_IP		(BIT(M_IN_SADDR) | BIT(M_IN_DADDR) | BIT(M_IN_PROTO))
#define M_IN_PORTS	(BIT(M_IN_SPORT) | BIT(M_IN_DPORT))

struct fields_case {
	const char *name;
	u32 fields;
	bool fragment;
	u32 matter;	/* mutations that change the hash; the others must not */
};

static const struct fields_case fields_cases[] = {
	{ "mac", LBFO_HASH_MAC, false, M_MAC },
	{ "ip", LBFO_HASH_IP, false, M_IP },
	{ "ports", LBFO_HASH_PORTS, false, M_IP | M_PORTS },
	{ "ip+ports", LBFO_HASH_IP | LBFO_HASH_PORTS, false, M_IP | M_PORTS },
	{ "mac+ip", LBFO_HASH_MAC | LBFO_HASH_IP, false, M_MAC | M_IP },
	{ "mac+ports", LBFO_HASH_MAC | LBFO_HASH_PORTS, false,
	  M_MAC | M_IP | M_PORTS },
	{ "ip+inner", LBFO_HASH_IP | LBFO_HASH_INNER, false, M_IN_IP },
	{ "ports+inner", LBFO_HASH_PORTS | LBFO_HASH_INNER, false,
	  M_IN_IP | M_IN_PORTS },
	{ "all", LBFO_HASH_ALL, false, M_MAC | M_IN_IP | M_IN_PORTS },
	{ "ports, fragment", LBFO_HASH_PORTS, true, M_IP },
	{ "mac+ports, fragment", LBFO_HASH_MAC | LBFO_HASH_PORTS, true,
	  M_MAC | M_IP },
};

static void fields_case_to_desc(const struct fields_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fields, fields_cases, fields_case_to_desc);

/* Selected fields change the hash, the others never do. */
static void lbfo_hash_fields_test(struct kunit *test)
{
	const struct fields_case *c = test->param_value;
	struct lbfo_flow f = flow_tunnel(), g;
	unsigned int i;
	u32 h, hg;

	f.outer.fragment = c->fragment;
	h = lbfo_flow_hash(&f, c->fields, &key1);
	for (i = 0; i < M_COUNT; i++) {
		g = f;
		mutate(&g, i);
		hg = lbfo_flow_hash(&g, c->fields, &key1);
		if (c->matter & BIT(i))
			KUNIT_EXPECT_NE_MSG(test, h, hg, "%s should matter",
					    mutation_names[i]);
		else
			KUNIT_EXPECT_EQ_MSG(test, h, hg, "%s should not matter",
					    mutation_names[i]);
	}
}

/* The fragments of a datagram stay together: only the first has ports. */
static void lbfo_hash_fragments_test(struct kunit *test)
{
	struct lbfo_flow first = flow4(0x0a000001, 0x0a000002, 5353, 53);
	struct lbfo_flow whole = first, later;
	u32 fields;

	first.outer.ip_proto = IPPROTO_UDP;
	first.outer.fragment = true;
	later = first;
	later.outer.src_port = 0;
	later.outer.dst_port = 0;
	for (fields = 1; fields <= LBFO_HASH_ALL; fields++)
		KUNIT_EXPECT_EQ_MSG(test, lbfo_flow_hash(&first, fields, &key1),
				    lbfo_flow_hash(&later, fields, &key1),
				    "fields %#x", fields);

	/* Unfragmented, the ports count. */
	whole.outer.ip_proto = IPPROTO_UDP;
	KUNIT_EXPECT_NE(test, lbfo_flow_hash(&whole, LBFO_HASH_PORTS, &key1),
			lbfo_flow_hash(&first, LBFO_HASH_PORTS, &key1));

	/* A fragmented inner datagram, hashed on the inner headers. */
	first = flow_tunnel();
	first.inner.fragment = true;
	later = first;
	later.inner.src_port = 0;
	later.inner.dst_port = 0;
	KUNIT_EXPECT_EQ(test,
			lbfo_flow_hash(&first, LBFO_HASH_PORTS | LBFO_HASH_INNER, &key1),
			lbfo_flow_hash(&later, LBFO_HASH_PORTS | LBFO_HASH_INNER, &key1));
}

/* Frames that are not IP: MAC addresses and VLAN, whatever the fields. */
static void lbfo_hash_non_ip_test(struct kunit *test)
{
	struct lbfo_flow arp = flow4(0x0a000001, 0x0a000002, 1, 2), g;
	struct lbfo_flow ip = flow4(0x0a000001, 0x0a000002, 1, 2);
	unsigned int i;
	u32 h, fields;

	arp.outer.l3 = 0;
	arp.vlan = 7;
	ip.vlan = 7;
	h = lbfo_flow_hash(&arp, LBFO_HASH_MAC, &key1);
	for (fields = 0; fields <= LBFO_HASH_ALL; fields++)
		KUNIT_EXPECT_EQ_MSG(test, h, lbfo_flow_hash(&arp, fields, &key1),
				    "fields %#x", fields);

	/* Whatever the extractor left in the L3/L4 part is ignored. */
	g = arp;
	for (i = M_SADDR; i <= M_DPORT; i++)
		mutate(&g, i);
	KUNIT_EXPECT_EQ(test, h, lbfo_flow_hash(&g, LBFO_HASH_ALL, &key1));

	for (i = M_SRC_MAC; i <= M_VLAN; i++) {
		g = arp;
		mutate(&g, i);
		KUNIT_EXPECT_NE_MSG(test, h,
				    lbfo_flow_hash(&g, LBFO_HASH_PORTS, &key1),
				    "%s", mutation_names[i]);
	}

	/* With "mac" alone, IP and ARP between two hosts share a bucket. */
	KUNIT_EXPECT_EQ(test, h, lbfo_flow_hash(&ip, LBFO_HASH_MAC, &key1));
	/* Nothing to hash in an IP frame ("inner" alone): MAC and VLAN. */
	KUNIT_EXPECT_EQ(test, h, lbfo_flow_hash(&ip, LBFO_HASH_INNER, &key1));
	KUNIT_EXPECT_NE(test, h, lbfo_flow_hash(&ip, LBFO_HASH_IP, &key1));
}

/* "inner" hashes the inner headers exactly as if they were the outer ones. */
static void lbfo_hash_inner_test(struct kunit *test)
{
	struct lbfo_flow t = flow_tunnel(), plain = t, no_inner = t;
	u32 fields;

	plain.outer = t.inner;
	memset(&plain.inner, 0, sizeof(plain.inner));
	no_inner.inner.l3 = 0;

	for (fields = LBFO_HASH_IP; fields <= LBFO_HASH_ALL; fields++) {
		if (fields & LBFO_HASH_INNER)
			continue;
		KUNIT_EXPECT_EQ_MSG(test,
				    lbfo_flow_hash(&t, fields | LBFO_HASH_INNER, &key1),
				    lbfo_flow_hash(&plain, fields, &key1),
				    "fields %#x", fields);
		/* Without "inner", or without inner headers: the outer ones. */
		KUNIT_EXPECT_EQ_MSG(test, lbfo_flow_hash(&t, fields, &key1),
				    lbfo_flow_hash(&no_inner, fields, &key1),
				    "fields %#x", fields);
		KUNIT_EXPECT_EQ_MSG(test,
				    lbfo_flow_hash(&no_inner, fields | LBFO_HASH_INNER, &key1),
				    lbfo_flow_hash(&no_inner, fields, &key1),
				    "fields %#x", fields);
		KUNIT_EXPECT_NE_MSG(test,
				    lbfo_flow_hash(&t, fields | LBFO_HASH_INNER, &key1),
				    lbfo_flow_hash(&t, fields, &key1),
				    "fields %#x", fields);
	}
}

/* IPv6 uses all 16 bytes, and never equals IPv4 with the same bytes. */
static void lbfo_hash_ipv6_test(struct kunit *test)
{
	struct lbfo_flow f = flow6(1, 2, 443, 51000), g = f, v4;

	g.outer.src[15] ^= 1;
	KUNIT_EXPECT_NE(test, lbfo_flow_hash(&f, LBFO_HASH_IP, &key1),
			lbfo_flow_hash(&g, LBFO_HASH_IP, &key1));
	g = f;
	g.outer.dst[8] ^= 1;
	KUNIT_EXPECT_NE(test, lbfo_flow_hash(&f, LBFO_HASH_IP, &key1),
			lbfo_flow_hash(&g, LBFO_HASH_IP, &key1));

	set_v4(f.outer.src, 0x20010db8);
	set_v4(f.outer.dst, 0x20010db8);
	v4 = f;
	v4.outer.l3 = 4;
	KUNIT_EXPECT_NE(test, lbfo_flow_hash(&f, LBFO_HASH_PORTS, &key1),
			lbfo_flow_hash(&v4, LBFO_HASH_PORTS, &key1));
}

/* Another key, another placement: same-bucket pairs only by chance. */
static void lbfo_hash_key_test(struct kunit *test)
{
	unsigned int i, same_hash = 0, same_bucket = 0;
	struct lbfo_flow f;
	u32 h1, h2;

	for (i = 0; i < 1024; i++) {
		f = flow4(0x0a000001, 0x0a000002, 40000 + i, 443);
		h1 = lbfo_flow_hash(&f, LBFO_HASH_PORTS, &key1);
		h2 = lbfo_flow_hash(&f, LBFO_HASH_PORTS, &key2);
		same_hash += h1 == h2;
		same_bucket += lbfo_hash_bucket(h1) == lbfo_hash_bucket(h2);
	}
	/* 1024 flows, 1 in 1024 by chance: about 1; 8 is odds of 1e-5. */
	KUNIT_EXPECT_EQ(test, same_hash, 0);
	KUNIT_EXPECT_LE(test, same_bucket, 8);
}

static void lbfo_hash_bucket_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, lbfo_hash_bucket(0), 0);
	KUNIT_EXPECT_EQ(test, lbfo_hash_bucket(U32_MAX), LBFO_BUCKETS - 1);
	KUNIT_EXPECT_EQ(test, lbfo_hash_bucket(1U << 31), LBFO_BUCKETS / 2);
	/* The top bits decide; the low bits do not. */
	KUNIT_EXPECT_EQ(test, lbfo_hash_bucket(0x003fffff), 0);
	KUNIT_EXPECT_EQ(test, lbfo_hash_bucket(0x00400000), 1);
}

static void lbfo_port_hash_test(struct kunit *test)
{
	static const u8 mac1[ETH_ALEN] = { 0x00, 0x15, 0x5d, 0x01, 0x02, 0x03 };
	static const u8 mac2[ETH_ALEN] = { 0x00, 0x15, 0x5d, 0x01, 0x02, 0x04 };
	u32 h = lbfo_port_hash(7, mac1, 0, &key1);

	/* With a port, the MAC address and VLAN do not matter. */
	KUNIT_EXPECT_EQ(test, h, lbfo_port_hash(7, mac1, 0, &key1));
	KUNIT_EXPECT_EQ(test, h, lbfo_port_hash(7, mac2, 5, &key1));
	KUNIT_EXPECT_NE(test, h, lbfo_port_hash(8, mac1, 0, &key1));
	KUNIT_EXPECT_NE(test, h, lbfo_port_hash(7, mac1, 0, &key2));

	/* Without, they do. */
	h = lbfo_port_hash(0, mac1, 0, &key1);
	KUNIT_EXPECT_EQ(test, h, lbfo_port_hash(0, mac1, 0, &key1));
	KUNIT_EXPECT_NE(test, h, lbfo_port_hash(0, mac2, 0, &key1));
	KUNIT_EXPECT_NE(test, h, lbfo_port_hash(0, mac1, 5, &key1));
	KUNIT_EXPECT_NE(test, h, lbfo_port_hash(0, mac1, 0, &key2));
}

/*
 * Quality on the inputs that break weak hashes: 65536 flows with sequential
 * ports and addresses, into LBFO_BUCKETS buckets (64 per bucket expected).
 *
 * For a uniform random hash, the chi-square statistic sum (n - 64)^2 / 64
 * has 1023 degrees of freedom: mean 1023, standard deviation 45. 1300 is
 * 6 standard deviations up (Wilson-Hilferty: odds below 1e-8). A bucket's
 * load is Binomial(65536, 1/1024); some bucket reaching 120 has odds of
 * 3e-7, and one falling to 20 of 1e-7. Four equal members each get a
 * quarter of the flows, 16384 with a standard deviation of 111: 3% (491)
 * is 4.4 standard deviations.
 *
 * The same flows through bonding's layer3+4 XOR fold (bond_ip_hash():
 * ports ^ saddr ^ daddr, h ^= h >> 16, h ^= h >> 8, h >>= 1; bucket
 * h % LBFO_BUCKETS, as bonding takes h % count) score, measured here:
 *  - one client, 65536 source ports: chi-square 0, every bucket 64. A
 *    linear hash of a counter is a permutation, perfect on this input;
 *  - 256 clients x 256 source ports: chi-square 196608, max 256, 3 buckets
 *    in 4 empty (the address and port bits cancel in the XOR);
 *  - 65536 client addresses, one port: chi-square 196608, max 256.
 * With the top bits (as lbfo_hash_bucket() takes them) it is far worse:
 * everything in one bucket for the first pattern.
 */
#define Q_FLOWS		65536
#define Q_CHI2_MAX	1300
#define Q_LOAD_MAX	120
#define Q_LOAD_MIN	20
#define Q_MEMBERS	4
#define Q_SPREAD_PCT	3

enum q_pattern { Q_PORTS, Q_CLIENTS_PORTS, Q_ADDRESSES, Q_V6_ADDRESSES };

static const char * const q_names[] = {
	"1 client x 65536 ports", "256 clients x 256 ports",
	"65536 addresses", "65536 IPv6 addresses",
};

static struct lbfo_flow q_flow(enum q_pattern p, unsigned int i)
{
	switch (p) {
	case Q_PORTS:
		return flow4(0x0a000001, 0x0a000002, i, 80);
	case Q_CLIENTS_PORTS:
		return flow4(0x0a010001 | (i >> 8) << 8, 0x0a000002,
			     40000 + (i & 0xff), 443);
	case Q_ADDRESSES:
		return flow4(0x0a010000 + i, 0x0a000002, 40000, 443);
	default:
		return flow6(0x10000 + i, 2, 40000, 443);
	}
}

/* bonding's layer3+4 hash of an IPv4 flow, as the kernel computes it. */
static u32 xor_fold(const struct lbfo_flow *f)
{
	__be16 ports[2] = { htons(f->outer.src_port), htons(f->outer.dst_port) };
	u32 h, saddr, daddr;

	memcpy(&h, ports, 4);
	memcpy(&saddr, f->outer.src, 4);
	memcpy(&daddr, f->outer.dst, 4);
	h ^= saddr ^ daddr;
	h ^= h >> 16;
	h ^= h >> 8;
	return h >> 1;
}

struct q_stats {
	u32 chi2;
	u32 max;
	u32 min;
	u32 member[Q_MEMBERS];
};

static void q_measure(const u32 *count, const u8 *map, struct q_stats *st)
{
	u64 sq = 0;
	unsigned int b;
	int d;

	memset(st, 0, sizeof(*st));
	st->min = U32_MAX;
	for (b = 0; b < LBFO_BUCKETS; b++) {
		d = (int)count[b] - Q_FLOWS / LBFO_BUCKETS;
		sq += d * d;
		st->max = max(st->max, count[b]);
		st->min = min(st->min, count[b]);
		st->member[map[b]] += count[b];
	}
	st->chi2 = div_u64(sq, Q_FLOWS / LBFO_BUCKETS);
}

static void lbfo_hash_quality_test(struct kunit *test)
{
	static const siphash_key_t *keys[] = { &key1, &key2, &key3 };
	static const u32 weights[Q_MEMBERS] = { 10000, 10000, 10000, 10000 };
	unsigned int p, k, i, m;
	struct q_stats st;
	struct lbfo_flow f;
	u32 *count;
	u8 *map;

	count = kunit_kcalloc(test, LBFO_BUCKETS, sizeof(*count), GFP_KERNEL);
	map = kunit_kzalloc(test, LBFO_BUCKETS, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, count);
	KUNIT_ASSERT_NOT_NULL(test, map);
	/* The buckets of 4 equal members, as the team maps them. */
	memset(map, LBFO_NO_SLOT, LBFO_BUCKETS);
	lbfo_buckets_assign(map, weights, Q_MEMBERS, true);

	for (p = Q_PORTS; p <= Q_V6_ADDRESSES; p++) {
		for (k = 0; k < ARRAY_SIZE(keys); k++) {
			memset(count, 0, LBFO_BUCKETS * sizeof(*count));
			for (i = 0; i < Q_FLOWS; i++) {
				f = q_flow(p, i);
				count[lbfo_hash_bucket(lbfo_flow_hash(&f, LBFO_HASH_PORTS,
								      keys[k]))]++;
			}
			q_measure(count, map, &st);
			kunit_info(test, "siphash key %u, %s: chi2 %u max %u min %u members %u %u %u %u\n",
				   k + 1, q_names[p], st.chi2, st.max, st.min,
				   st.member[0], st.member[1], st.member[2],
				   st.member[3]);
			KUNIT_EXPECT_LT_MSG(test, st.chi2, Q_CHI2_MAX, "%s", q_names[p]);
			KUNIT_EXPECT_LT_MSG(test, st.max, Q_LOAD_MAX, "%s", q_names[p]);
			KUNIT_EXPECT_GT_MSG(test, st.min, Q_LOAD_MIN, "%s", q_names[p]);
			for (m = 0; m < Q_MEMBERS; m++)
				KUNIT_EXPECT_LE_MSG(test,
						    abs((int)st.member[m] - Q_FLOWS / Q_MEMBERS),
						    Q_FLOWS / Q_MEMBERS * Q_SPREAD_PCT / 100,
						    "%s, member %u", q_names[p], m);
		}
		if (p == Q_V6_ADDRESSES)
			continue;

		/* The XOR fold on the same flows, for comparison. */
		memset(count, 0, LBFO_BUCKETS * sizeof(*count));
		for (i = 0; i < Q_FLOWS; i++) {
			f = q_flow(p, i);
			count[xor_fold(&f) % LBFO_BUCKETS]++;
		}
		q_measure(count, map, &st);
		kunit_info(test, "xor fold, %s: chi2 %u max %u min %u members %u %u %u %u\n",
			   q_names[p], st.chi2, st.max, st.min, st.member[0],
			   st.member[1], st.member[2], st.member[3]);
		/* The bounds above are not trivial: the XOR fold fails them. */
		if (p != Q_PORTS)
			KUNIT_EXPECT_GT(test, st.chi2, Q_CHI2_MAX);
	}
}

static struct kunit_case lbfo_hash_test_cases[] = {
	KUNIT_CASE(lbfo_hash_symmetric_test),
	KUNIT_CASE(lbfo_hash_direction_test),
	KUNIT_CASE_PARAM(lbfo_hash_fields_test, fields_gen_params),
	KUNIT_CASE(lbfo_hash_fragments_test),
	KUNIT_CASE(lbfo_hash_non_ip_test),
	KUNIT_CASE(lbfo_hash_inner_test),
	KUNIT_CASE(lbfo_hash_ipv6_test),
	KUNIT_CASE(lbfo_hash_key_test),
	KUNIT_CASE(lbfo_hash_bucket_test),
	KUNIT_CASE(lbfo_port_hash_test),
	KUNIT_CASE(lbfo_hash_quality_test),
	{}
};

static struct kunit_suite lbfo_hash_test_suite = {
	.name = "lbfo_hash",
	.test_cases = lbfo_hash_test_cases,
};

kunit_test_suite(lbfo_hash_test_suite);

MODULE_LICENSE("GPL");
