/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Offload feature arithmetic for a team: pure logic, no net_device.
 *
 * The team driver copies each member's offload-relevant properties into a
 * struct lbfo_feat, folds them with lbfo_feat_add() and applies the result to
 * the team device (under RTNL).
 */
#ifndef _LBFO_OFFLOAD_FEATURES_H
#define _LBFO_OFFLOAD_FEATURES_H

#include <linux/netdev_features.h>
#include <linux/types.h>

/* Features a team offers when its members do (tx side, like bonding). */
#define LBFO_VLAN_FEATURES	(NETIF_F_HW_CSUM | NETIF_F_SG | \
				 NETIF_F_FRAGLIST | NETIF_F_GSO_SOFTWARE | \
				 NETIF_F_GSO_ENCAP_ALL | \
				 NETIF_F_HIGHDMA | NETIF_F_LRO)

#define LBFO_ENC_FEATURES	(NETIF_F_HW_CSUM | NETIF_F_SG | \
				 NETIF_F_RXCSUM | NETIF_F_GSO_SOFTWARE)

#define LBFO_MPLS_FEATURES	(NETIF_F_HW_CSUM | NETIF_F_SG | \
				 NETIF_F_GSO_SOFTWARE)

/**
 * struct lbfo_feat - offload properties of one device, or of a team
 * @features: dev->features of a member; for the team, the fixed features.
 * @vlan_features: features that VLAN devices on top may use.
 * @hw_enc_features: features usable for encapsulated packets.
 * @mpls_features: features usable for MPLS packets.
 * @tso_max_size: largest TSO packet, in bytes.
 * @tso_max_segs: most segments in one TSO packet.
 * @min_mtu: smallest MTU the device accepts.
 * @max_mtu: largest MTU the device accepts.
 * @hard_header_len: link-layer header length.
 * @needed_headroom: extra headroom the device wants in front of packets.
 * @needed_tailroom: extra tailroom the device wants after packets.
 * @dst_release: the device lets the stack drop skb->dst before transmit
 *	(IFF_XMIT_DST_RELEASE and IFF_XMIT_DST_RELEASE_PERM both set).
 */
struct lbfo_feat {
	netdev_features_t features;
	netdev_features_t vlan_features;
	netdev_features_t hw_enc_features;
	netdev_features_t mpls_features;
	unsigned int tso_max_size;
	unsigned int tso_max_segs;
	unsigned int min_mtu;
	unsigned int max_mtu;
	unsigned short hard_header_len;
	unsigned short needed_headroom;
	unsigned short needed_tailroom;
	bool dst_release;
};

void lbfo_feat_init(struct lbfo_feat *team, netdev_features_t wanted);
void lbfo_feat_add(struct lbfo_feat *team, const struct lbfo_feat *member,
		   netdev_features_t wanted);
void lbfo_feat_done(struct lbfo_feat *team, netdev_features_t wanted);

#endif /* _LBFO_OFFLOAD_FEATURES_H */
