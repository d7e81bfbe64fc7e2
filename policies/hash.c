// SPDX-License-Identifier: GPL-2.0
/*
 * The transmit hash: SipHash-2-4 with the team's random key over the fields
 * the team's hash fields select.
 *
 * The fields are first put in a canonical direction: the source and
 * destination sides (address, port, MAC address) are compared as one tuple
 * and swapped together when the source side is the greater, so a flow and
 * its replies give the same words to SipHash. The selection itself is
 * hashed too (one word starts every input), so "ip" and "ports" hashes of
 * one packet are unrelated, as are IPv4 and IPv6 addresses that happen to
 * share bytes; unselected fields are left out of both the comparison and
 * the words, so they cannot change the result.
 */
#include <linux/minmax.h>
#include <linux/string.h>

#include "hash.h"

/* What lbfo_flow_hash() hashes, as LBFO_HASH_* bits (never INNER). */
#define LBFO_SEL_FIELDS	(LBFO_HASH_MAC | LBFO_HASH_IP | LBFO_HASH_PORTS)

/* The IP header family as two bits of the first word. */
static unsigned int l3_code(u8 l3)
{
	return l3 == 4 ? 1 : l3 == 6 ? 2 : 0;
}

/* @len (at most 8) bytes as a big-endian number, whatever their alignment. */
static u64 be_bytes(const u8 *p, unsigned int len)
{
	u64 w = 0;

	while (len--)
		w = w << 8 | *p++;
	return w;
}

static unsigned int addr_len(const struct lbfo_flow_l34 *l34)
{
	return l34->l3 == 4 ? 4 : 16;
}

/*
 * Which fields to hash for this packet: those of @fields that exist in it
 * (ports imply addresses; a fragment has no ports), or the MAC addresses
 * and VLAN when that leaves no address to hash: not IP, or only
 * LBFO_HASH_INNER (or nothing) asked for.
 */
static u32 hash_select(const struct lbfo_flow_l34 *l34, u32 fields)
{
	u32 sel = fields & LBFO_SEL_FIELDS;

	if (!l3_code(l34->l3))
		return LBFO_HASH_MAC;
	if (sel & LBFO_HASH_PORTS)
		sel |= LBFO_HASH_IP;
	if (l34->fragment)
		sel &= ~LBFO_HASH_PORTS;
	return sel ? sel : LBFO_HASH_MAC;
}

/*
 * Compare the source side of the selected fields with the destination side:
 * addresses, then ports, then MAC addresses. Swapping every source field
 * with its destination field negates the result.
 */
static int side_cmp(const struct lbfo_flow *flow,
		    const struct lbfo_flow_l34 *l34, u32 sel)
{
	int c = 0;

	if (sel & LBFO_HASH_IP)
		c = memcmp(l34->src, l34->dst, addr_len(l34));
	if (!c && (sel & LBFO_HASH_PORTS))
		c = (int)l34->src_port - (int)l34->dst_port;
	if (!c && (sel & LBFO_HASH_MAC))
		c = memcmp(flow->src_mac, flow->dst_mac, ETH_ALEN);
	return c;
}

static u32 fold(u64 h)
{
	return (u32)(h >> 32) ^ (u32)h;
}

u32 lbfo_flow_hash(const struct lbfo_flow *flow, u32 fields,
		   const siphash_key_t *key)
{
	const struct lbfo_flow_l34 *l34 = &flow->outer;
	const u8 *mac_a = flow->src_mac, *mac_b = flow->dst_mac;
	const u8 *addr_a, *addr_b;
	u16 port_a, port_b;
	unsigned int n = 0;
	u64 w[7], tag;
	u32 sel;

	if ((fields & LBFO_HASH_INNER) && l3_code(flow->inner.l3))
		l34 = &flow->inner;
	sel = hash_select(l34, fields);

	addr_a = l34->src;
	addr_b = l34->dst;
	port_a = l34->src_port;
	port_b = l34->dst_port;
	if (side_cmp(flow, l34, sel) > 0) {
		swap(mac_a, mac_b);
		swap(addr_a, addr_b);
		swap(port_a, port_b);
	}

	/* First word: the selection and the small fields it includes. */
	tag = sel;
	if (sel & LBFO_HASH_MAC)
		tag |= (u64)flow->vlan << 16;
	if (sel & LBFO_HASH_IP)
		tag |= (u64)l3_code(l34->l3) << 3 | (u64)l34->ip_proto << 8;
	if (sel & LBFO_HASH_PORTS)
		tag |= (u64)port_a << 32 | (u64)port_b << 48;
	w[n++] = tag;

	if (sel & LBFO_HASH_MAC) {
		w[n++] = be_bytes(mac_a, ETH_ALEN);
		w[n++] = be_bytes(mac_b, ETH_ALEN);
	}
	if ((sel & LBFO_HASH_IP) && l34->l3 == 4) {
		w[n++] = be_bytes(addr_a, 4) << 32 | be_bytes(addr_b, 4);
	} else if (sel & LBFO_HASH_IP) {
		w[n++] = be_bytes(addr_a, 8);
		w[n++] = be_bytes(addr_a + 8, 8);
		w[n++] = be_bytes(addr_b, 8);
		w[n++] = be_bytes(addr_b + 8, 8);
	}

	return fold(siphash(w, n * sizeof(w[0]), key));
}

u32 lbfo_port_hash(u32 port, const u8 *src_mac, u16 vlan,
		   const siphash_key_t *key)
{
	if (port)
		return fold(siphash_2u64(1, port, key));
	return fold(siphash_2u64(2, (u64)vlan << 48 | be_bytes(src_mac, ETH_ALEN),
				 key));
}
