// SPDX-License-Identifier: GPL-2.0
/*
 * ethtool operations of the team: driver info, link speed (the sum of the
 * members that carry traffic) and per-member counters (ethtool -S).
 *
 * The ethtool core calls these under RTNL, which keeps the member list, and
 * so the number and names of the counters, stable from get_sset_count() to
 * get_ethtool_stats().
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "device.h"
#include "member.h"

/* In the order of struct lbfo_member_counters. */
static const char *const lbfo_counter_names[] = {
	"tx_packets", "tx_bytes", "rx_packets", "rx_bytes",
};

#define LBFO_MEMBER_COUNTERS ARRAY_SIZE(lbfo_counter_names)

static void lbfo_get_drvinfo(struct net_device *dev,
			     struct ethtool_drvinfo *info)
{
	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
}

static int lbfo_get_link_ksettings(struct net_device *dev,
				   struct ethtool_link_ksettings *cmd)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct ethtool_link_ksettings member_cmd;
	struct lbfo_member *member;
	unsigned long speed = 0;

	ASSERT_RTNL();
	cmd->base.duplex = DUPLEX_UNKNOWN;
	cmd->base.port = PORT_OTHER;
	list_for_each_entry(member, &team->members, list) {
		if (member->state != LBFO_STATE_ACTIVE ||
		    __ethtool_get_link_ksettings(member->dev, &member_cmd) ||
		    member_cmd.base.speed == SPEED_UNKNOWN)
			continue;
		speed += member_cmd.base.speed;
		if (cmd->base.duplex == DUPLEX_UNKNOWN &&
		    member_cmd.base.duplex != DUPLEX_UNKNOWN)
			cmd->base.duplex = member_cmd.base.duplex;
	}
	cmd->base.speed = speed ? : SPEED_UNKNOWN;
	return 0;
}

static int lbfo_get_sset_count(struct net_device *dev, int sset)
{
	struct lbfo_team *team = netdev_priv(dev);

	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return team->member_count * LBFO_MEMBER_COUNTERS;
}

static void lbfo_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_member *member;
	unsigned int i;

	if (sset != ETH_SS_STATS)
		return;
	list_for_each_entry(member, &team->members, list)
		for (i = 0; i < LBFO_MEMBER_COUNTERS; i++)
			ethtool_sprintf(&data, "%s.%s", member->dev->name,
					lbfo_counter_names[i]);
}

static void lbfo_get_ethtool_stats(struct net_device *dev,
				   struct ethtool_stats *stats, u64 *data)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_member_counters c;
	struct lbfo_member *member;

	list_for_each_entry(member, &team->members, list) {
		lbfo_member_counters(member, &c);
		*data++ = c.tx_packets;
		*data++ = c.tx_bytes;
		*data++ = c.rx_packets;
		*data++ = c.rx_bytes;
	}
}

const struct ethtool_ops lbfo_ethtool_ops = {
	.get_drvinfo		= lbfo_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_link_ksettings	= lbfo_get_link_ksettings,
	.get_sset_count		= lbfo_get_sset_count,
	.get_strings		= lbfo_get_strings,
	.get_ethtool_stats	= lbfo_get_ethtool_stats,
};
