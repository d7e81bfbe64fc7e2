/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The team's transmit hash: pure logic, no sk_buff.
 *
 * The data path extracts a struct lbfo_flow from each packet (the flow
 * dissector does the parsing, in team_driver/) and calls lbfo_flow_hash()
 * with the team's hash fields and random key; the result indexes the bucket
 * table (policies/buckets.h).
 */
#ifndef _LBFO_POLICIES_HASH_H
#define _LBFO_POLICIES_HASH_H

#include <linux/if_ether.h>
#include <linux/siphash.h>
#include <linux/types.h>
#include <linux/lbfo.h>

/**
 * struct lbfo_flow_l34 - the network and transport part of a flow
 * @l3: 4 (IPv4), 6 (IPv6) or 0 (not IP: the rest is unused).
 * @ip_proto: IPPROTO_* of the transport header.
 * @fragment: the packet is part of a fragmented datagram; @src_port and
 *	@dst_port are not used (only the first fragment has them).
 * @src: source address; IPv4 in the first 4 bytes, the rest zero.
 * @dst: destination address, likewise.
 * @src_port: source port (TCP, UDP, SCTP...), 0 if none.
 * @dst_port: destination port, 0 if none.
 *
 * For an ICMP or ICMPv6 error, the extractor fills this from the packet
 * embedded in the error, so the error hashes as the flow it is about.
 */
struct lbfo_flow_l34 {
	u8 l3;
	u8 ip_proto;
	bool fragment;
	u8 src[16];
	u8 dst[16];
	u16 src_port;
	u16 dst_port;
};

/**
 * struct lbfo_flow - what the transmit hash may look at in a packet
 * @src_mac: Ethernet source address.
 * @dst_mac: Ethernet destination address.
 * @vlan: VLAN id (outer tag), 0 if untagged.
 * @outer: the outermost IP header and its transport ports.
 * @inner: the headers inside an encapsulation (GRE, NVGRE, VXLAN...);
 *	@inner.l3 is 0 when there is none.
 */
struct lbfo_flow {
	u8 src_mac[ETH_ALEN];
	u8 dst_mac[ETH_ALEN];
	u16 vlan;
	struct lbfo_flow_l34 outer;
	struct lbfo_flow_l34 inner;
};

/**
 * lbfo_flow_hash() - hash a flow
 * @flow: the flow
 * @fields: LBFO_HASH_* bits (include/uapi/linux/lbfo.h)
 * @key: the team's random key
 *
 * Hashes the fields selected: MAC addresses and VLAN (LBFO_HASH_MAC), IP
 * addresses and protocol (LBFO_HASH_IP), those and the ports
 * (LBFO_HASH_PORTS; ports are skipped for fragments), taken from the inner
 * headers instead of the outer ones when LBFO_HASH_INNER is set and there
 * are inner headers (the MAC addresses and VLAN are always the outer ones).
 * A frame that is not IP is hashed on its MAC addresses and VLAN whatever
 * @fields says, and so is an IP frame when @fields selects none of MAC, IP
 * and PORTS (0, or LBFO_HASH_INNER alone): with LBFO_HASH_MAC alone, IP and
 * other frames between two MAC addresses share a bucket. The hash is
 * symmetric: swapping source and destination (MACs, addresses and ports
 * together) gives the same value, so a flow and its replies share a bucket.
 * Fields not selected never change the result.
 *
 * Return: a well-mixed 32-bit hash.
 */
u32 lbfo_flow_hash(const struct lbfo_flow *flow, u32 fields,
		   const siphash_key_t *key);

/**
 * lbfo_port_hash() - hash a virtual switch port, for hyperv-port
 * @port: the port number from skb->mark, or 0
 * @src_mac: source MAC address, used when @port is 0
 * @vlan: VLAN id, used with @src_mac
 * @key: the team's random key
 *
 * Return: a well-mixed 32-bit hash; equal for equal inputs.
 */
u32 lbfo_port_hash(u32 port, const u8 *src_mac, u16 vlan,
		   const siphash_key_t *key);

/* The bucket of a hash: its top bits, so all 32 bits are well used. */
static inline unsigned int lbfo_hash_bucket(u32 hash)
{
	return ((u64)hash * LBFO_BUCKETS) >> 32;
}

#endif /* _LBFO_POLICIES_HASH_H */
