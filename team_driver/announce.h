/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Telling the switches where addresses are: learning frames.
 */
#ifndef _LBFO_ANNOUNCE_H
#define _LBFO_ANNOUNCE_H

#include <linux/types.h>

struct lbfo_member;
struct lbfo_team;

void lbfo_announce_port(struct lbfo_team *team, unsigned int bucket,
			struct lbfo_member *member);

/* The port_seen encoding: valid bit, VLAN, MAC address. */
#define LBFO_SEEN_VALID		BIT_ULL(63)

static inline u64 lbfo_seen_pack(const u8 *mac, u16 vlan)
{
	return LBFO_SEEN_VALID | (u64)vlan << 48 | (u64)mac[0] << 40 |
	       (u64)mac[1] << 32 | (u64)mac[2] << 24 | (u64)mac[3] << 16 |
	       (u64)mac[4] << 8 | mac[5];
}

#endif /* _LBFO_ANNOUNCE_H */
