// SPDX-License-Identifier: GPL-2.0
/*
 * Offload feature arithmetic for a team.
 *
 * The rules are those of bonding and team, since the stack below a team works
 * the same way for all three: a packet the team hands to a member goes through
 * that member's own validate_xmit_skb(), which segments and checksums in
 * software whatever the member cannot do in hardware. So:
 *
 *  - "one for all" features (scatter-gather, software GSO, TSO, HIGHDMA...) and
 *    checksum offload are offered when at least one member has them;
 *    NETIF_F_HW_CSUM on any member means HW_CSUM for the team;
 *  - "all for all" features (NOCACHE_COPY, FSO) only when every member has
 *    them;
 *  - TSO is offered whenever the team may use it (the members segment in
 *    software if they must), as netdev_add_tso_features() does;
 *  - sizes take the strictest member: smallest TSO size and segment count,
 *    smallest max MTU (a member's max_mtu of 0 means no limit), largest min
 *    MTU, largest headers and head/tailroom;
 *  - the skb dst may be released early only if every member allows it.
 *
 * One difference from bonding and team: they start the encapsulation features
 * from their full mask, which makes them constant. We fold them like the VLAN
 * and MPLS features, so a team offers an encapsulation offload only when a
 * member has it.
 */
#include <linux/if_ether.h>
#include <linux/minmax.h>
#include <linux/netdevice.h>

#include "features.h"

/**
 * lbfo_feat_init() - start folding the members of a team
 * @team: accumulator; on return, what a team with no members offers
 * @wanted: features the stack asks the team for (dev->wanted_features mask
 *	passed to ndo_fix_features)
 */
void lbfo_feat_init(struct lbfo_feat *team, netdev_features_t wanted)
{
	team->features = (wanted & ~NETIF_F_ONE_FOR_ALL) | NETIF_F_ALL_FOR_ALL;
	team->vlan_features = LBFO_VLAN_FEATURES & NETIF_F_ALL_FOR_ALL;
	team->hw_enc_features = LBFO_ENC_FEATURES & NETIF_F_ALL_FOR_ALL;
	team->mpls_features = LBFO_MPLS_FEATURES & NETIF_F_ALL_FOR_ALL;
	team->tso_max_size = TSO_MAX_SIZE;
	team->tso_max_segs = TSO_MAX_SEGS;
	team->min_mtu = ETH_MIN_MTU;
	team->max_mtu = ETH_MAX_MTU;
	team->hard_header_len = ETH_HLEN;
	team->needed_headroom = 0;
	team->needed_tailroom = 0;
	team->dst_release = true;
}

/**
 * lbfo_feat_add() - fold one member into the team's offloads
 * @team: accumulator started with lbfo_feat_init()
 * @member: the member's properties
 * @wanted: the same mask as given to lbfo_feat_init()
 */
void lbfo_feat_add(struct lbfo_feat *team, const struct lbfo_feat *member,
		   netdev_features_t wanted)
{
	team->features = netdev_increment_features(team->features,
						   member->features, wanted);
	team->vlan_features = netdev_increment_features(team->vlan_features,
							member->vlan_features,
							LBFO_VLAN_FEATURES);
	team->hw_enc_features =
		netdev_increment_features(team->hw_enc_features,
					  member->hw_enc_features,
					  LBFO_ENC_FEATURES);
	team->mpls_features = netdev_increment_features(team->mpls_features,
							member->mpls_features,
							LBFO_MPLS_FEATURES);
	team->tso_max_size = min(team->tso_max_size, member->tso_max_size);
	team->tso_max_segs = min(team->tso_max_segs, member->tso_max_segs);
	team->min_mtu = max(team->min_mtu, member->min_mtu);
	if (member->max_mtu)	/* 0: no limit */
		team->max_mtu = min(team->max_mtu, member->max_mtu);
	team->hard_header_len = max(team->hard_header_len,
				    member->hard_header_len);
	team->needed_headroom = max(team->needed_headroom,
				    member->needed_headroom);
	team->needed_tailroom = max(team->needed_tailroom,
				    member->needed_tailroom);
	team->dst_release &= member->dst_release;
}

/**
 * lbfo_feat_done() - finish folding
 * @team: accumulator after the last lbfo_feat_add()
 * @wanted: the same mask as given to lbfo_feat_init()
 */
void lbfo_feat_done(struct lbfo_feat *team, netdev_features_t wanted)
{
	team->features = netdev_add_tso_features(team->features, wanted);
	/* Tunnels and VLANs over the team tag and segment in software. */
	team->hw_enc_features |= NETIF_F_GSO_ENCAP_ALL |
				 NETIF_F_HW_VLAN_CTAG_TX |
				 NETIF_F_HW_VLAN_STAG_TX;
}
