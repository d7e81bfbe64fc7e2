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
#include <linux/u64_stats_sync.h>

#include "device.h"
#include "member.h"

static const char *const lbfo_member_counters[] = {
	"tx_packets", "tx_bytes", "rx_packets", "rx_bytes",
};

#define LBFO_MEMBER_COUNTERS ARRAY_SIZE(lbfo_member_counters)

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
					lbfo_member_counters[i]);
}

static void lbfo_member_sum(const struct lbfo_member *member, u64 *out)
{
	unsigned int start;
	int cpu;

	memset(out, 0, LBFO_MEMBER_COUNTERS * sizeof(*out));
	for_each_possible_cpu(cpu) {
		const struct pcpu_sw_netstats *s = per_cpu_ptr(member->stats,
							       cpu);
		u64 tx_packets, tx_bytes, rx_packets, rx_bytes;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			tx_packets = u64_stats_read(&s->tx_packets);
			tx_bytes = u64_stats_read(&s->tx_bytes);
			rx_packets = u64_stats_read(&s->rx_packets);
			rx_bytes = u64_stats_read(&s->rx_bytes);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		out[0] += tx_packets;
		out[1] += tx_bytes;
		out[2] += rx_packets;
		out[3] += rx_bytes;
	}
}

static void lbfo_get_ethtool_stats(struct net_device *dev,
				   struct ethtool_stats *stats, u64 *data)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_member *member;

	list_for_each_entry(member, &team->members, list) {
		lbfo_member_sum(member, data);
		data += LBFO_MEMBER_COUNTERS;
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
