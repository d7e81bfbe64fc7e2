// SPDX-License-Identifier: GPL-2.0
/*
 * The "lbfo" generic netlink family (include/uapi/linux/lbfo.h).
 *
 * Handlers are thin: find the team and member, call the functions of
 * device.c and member.c, fill the reply. Every handler takes RTNL, under
 * which all team configuration happens, so reads see a consistent team.
 * Events are sent by the team and member code itself (whatever made the
 * change: this family, rtnetlink or a link event), also under RTNL.
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "device.h"
#include "lacp.h"
#include "member.h"
#include "netlink.h"
#include "params.h"
#include "rtnl.h"
#include "state.h"

static struct genl_family lbfo_genl_family;

/*
 * True while the family is registered; events are dropped otherwise (at
 * module unload the teams are deleted after the family is gone). RTNL.
 */
static bool lbfo_nl_live;

#define LBFO_NL_RO(what) { .type = NLA_REJECT, .reject_message = what " is read-only" }

static const struct nla_policy lbfo_member_nl_policy[LBFO_MEMBER_A_MAX + 1] = {
	[LBFO_MEMBER_A_UNSPEC] = { .strict_start_type = LBFO_MEMBER_A_PAD },
	[LBFO_MEMBER_A_PAD] = { .type = NLA_REJECT },
	[LBFO_MEMBER_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LBFO_MEMBER_A_NAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[LBFO_MEMBER_A_ROLE] = NLA_POLICY_MAX(NLA_U8, LBFO_ROLE_MAX),
	[LBFO_MEMBER_A_ADMIN] = NLA_POLICY_MAX(NLA_U8, 1),
	[LBFO_MEMBER_A_STATE] = LBFO_NL_RO("The member state"),
	[LBFO_MEMBER_A_OLD_STATE] = LBFO_NL_RO("The old member state"),
	[LBFO_MEMBER_A_DRIVER] = LBFO_NL_RO("The driver name"),
	[LBFO_MEMBER_A_SPEED] = LBFO_NL_RO("The link speed"),
	[LBFO_MEMBER_A_STATS] = LBFO_NL_RO("The member counters"),
	[LBFO_MEMBER_A_WEIGHT] = NLA_POLICY_FULL_RANGE(NLA_U32, &lbfo_range_weight),
	[LBFO_MEMBER_A_BUCKETS] = LBFO_NL_RO("The bucket count"),
	[LBFO_MEMBER_A_LACP_PRIO] = NLA_POLICY_MIN(NLA_U16, 1),
	[LBFO_MEMBER_A_LACP_KEY] = NLA_POLICY_MIN(NLA_U16, 1),
	[LBFO_MEMBER_A_LACP] = LBFO_NL_RO("The LACP state"),
};

static const struct nla_policy lbfo_nl_policy[LBFO_A_MAX + 1] = {
	[LBFO_A_UNSPEC] = { .strict_start_type = LBFO_A_PAD },
	[LBFO_A_PAD] = { .type = NLA_REJECT },
	[LBFO_A_TEAM_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LBFO_A_TEAM_NAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[LBFO_A_TEAM_MODE] = NLA_POLICY_MAX(NLA_U8, LBFO_MODE_MAX),
	[LBFO_A_TEAM_LB] = NLA_POLICY_MAX(NLA_U8, LBFO_LB_MAX),
	[LBFO_A_TEAM_CARRIER] = LBFO_NL_RO("The team carrier"),
	[LBFO_A_TEAM_MEMBERS] = LBFO_NL_RO("The member count"),
	[LBFO_A_TEAM_CARRIERS] = LBFO_NL_RO("The carrier count"),
	[LBFO_A_TEAM_STATS] = LBFO_NL_RO("The team counters"),
	[LBFO_A_MEMBER] = NLA_POLICY_NESTED(lbfo_member_nl_policy),
	[LBFO_A_REASON] = LBFO_NL_RO("The event reason"),
	[LBFO_A_TRIGGER] = LBFO_NL_RO("The event trigger"),
	[LBFO_A_HASH_FIELDS] = NLA_POLICY_MASK(NLA_U32, LBFO_HASH_ALL),
	[LBFO_A_FLOWLET_GAP] = NLA_POLICY_FULL_RANGE(NLA_U32, &lbfo_range_flowlet_gap),
	[LBFO_A_BALANCE_INTERVAL] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &lbfo_range_balance_interval),
	[LBFO_A_BALANCE_THRESHOLD] =
		NLA_POLICY_RANGE(NLA_U32, LBFO_BALANCE_THRESHOLD_MIN,
				 LBFO_BALANCE_THRESHOLD_MAX),
	[LBFO_A_PROBE_INTERVAL] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &lbfo_range_probe_interval),
	[LBFO_A_PROBE_MISSED] = NLA_POLICY_RANGE(NLA_U32, 1,
						 LBFO_PROBE_MISSED_MAX),
	[LBFO_A_PROBE_TARGETS] = { .type = NLA_NESTED },
	[LBFO_A_PROBE_TARGET] = { .type = NLA_REJECT,
				  .reject_message = "Probe targets go in the target list" },
	[LBFO_A_UPDELAY] = NLA_POLICY_FULL_RANGE(NLA_U32, &lbfo_range_delay),
	[LBFO_A_DOWNDELAY] = NLA_POLICY_FULL_RANGE(NLA_U32, &lbfo_range_delay),
	[LBFO_A_PRIMARY] = LBFO_NL_RO("The primary member"),
	[LBFO_A_MIN_LINKS] = NLA_POLICY_RANGE(NLA_U32, 1, LBFO_MAX_MEMBERS),
	[LBFO_A_LACP_RATE] = NLA_POLICY_MAX(NLA_U8, LBFO_LACP_RATE_MAX),
	[LBFO_A_LACP_ACTIVE] = NLA_POLICY_MAX(NLA_U8, 1),
	[LBFO_A_LACP_SYS_PRIO] = NLA_POLICY_MIN(NLA_U16, 1),
	[LBFO_A_LACP_SYSTEM] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[LBFO_A_LACP_INDEPENDENT] = NLA_POLICY_MAX(NLA_U8, 1),
	[LBFO_A_LACP_MIXED_SPEED] = NLA_POLICY_MAX(NLA_U8, 1),
	[LBFO_A_LACP_FALLBACK] = NLA_POLICY_MAX(NLA_U8, 1),
	[LBFO_A_LACP_STATE] = LBFO_NL_RO("The LACP state"),
};

/* What lbfo_nl_put_member() includes. */
enum {
	LBFO_NL_ID = 0,			/* ifindex and name only */
	LBFO_NL_CONFIG = BIT(0),	/* role, admin, state */
	LBFO_NL_INFO = BIT(1),		/* driver, speed: calls the driver */
	LBFO_NL_STATS = BIT(2),		/* counters */
	LBFO_NL_LACP = BIT(3),		/* LACP state, in mode lacp */
	LBFO_NL_STATE = BIT(4),		/* state (also in LBFO_NL_CONFIG) */
};

/* A u16 attribute's value, or -1 when it is absent. */
static int lbfo_nl_u16_or(const struct nlattr *attr)
{
	return attr ? nla_get_u16(attr) : -1;
}

/* Find a device by ifindex or name; both given must agree. RTNL. */
static struct net_device *lbfo_nl_find(struct net *net, struct nlattr *ifindex,
				       struct nlattr *name, bool team,
				       struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	if (ifindex) {
		dev = __dev_get_by_index(net, nla_get_u32(ifindex));
		if (dev && name && nla_strcmp(name, dev->name)) {
			NL_SET_ERR_MSG_ATTR(extack, name,
					    "Interface name and index do not match");
			return ERR_PTR(-EINVAL);
		}
	} else if (name) {
		dev = __dev_get_by_name(net, nla_data(name));
	} else {
		if (team)
			NL_SET_ERR_MSG_MOD(extack, "No team given");
		else
			NL_SET_ERR_MSG_MOD(extack, "No member device given");
		return ERR_PTR(-EINVAL);
	}
	if (!dev) {
		NL_SET_BAD_ATTR(extack, ifindex ?: name);
		if (team)
			NL_SET_ERR_MSG_MOD(extack, "No such team");
		else
			NL_SET_ERR_MSG_MOD(extack, "No such device");
		return ERR_PTR(-ENODEV);
	}
	return dev;
}

static struct lbfo_team *lbfo_nl_team(struct net *net, struct nlattr **attrs,
				      struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	dev = lbfo_nl_find(net, attrs[LBFO_A_TEAM_IFINDEX],
			   attrs[LBFO_A_TEAM_NAME], true, extack);
	if (IS_ERR(dev))
		return ERR_CAST(dev);
	if (!lbfo_is_team(dev)) {
		NL_SET_ERR_MSG_MOD(extack, "Device is not an lbfo team");
		return ERR_PTR(-EINVAL);
	}
	return netdev_priv(dev);
}

/* The device named in LBFO_A_MEMBER; @tb gets the parsed nest. */
static struct net_device *lbfo_nl_member_dev(struct net *net,
					     struct nlattr **attrs,
					     struct nlattr **tb,
					     struct netlink_ext_ack *extack)
{
	int err;

	if (!attrs[LBFO_A_MEMBER]) {
		NL_SET_ERR_MSG_MOD(extack, "No member device given");
		return ERR_PTR(-EINVAL);
	}
	err = nla_parse_nested(tb, LBFO_MEMBER_A_MAX, attrs[LBFO_A_MEMBER],
			       lbfo_member_nl_policy, extack);
	if (err)
		return ERR_PTR(err);
	return lbfo_nl_find(net, tb[LBFO_MEMBER_A_IFINDEX],
			    tb[LBFO_MEMBER_A_NAME], false, extack);
}

static struct lbfo_member *lbfo_nl_member(struct lbfo_team *team,
					  struct net_device *pdev,
					  struct netlink_ext_ack *extack)
{
	struct lbfo_member *member = lbfo_member_get_rtnl(pdev);

	if (!member || member->team != team) {
		NL_SET_ERR_MSG_MOD(extack, "Device is not a member of this team");
		return ERR_PTR(-ENOENT);
	}
	return member;
}

/*
 * The team and member device a member command names; @tb gets the parsed
 * LBFO_A_MEMBER nest. With @member, the device must be a member of the team
 * and *@member is set. RTNL.
 */
static int lbfo_nl_target(struct genl_info *info, struct nlattr **tb,
			  struct lbfo_team **team, struct net_device **pdev,
			  struct lbfo_member **member)
{
	struct net *net = genl_info_net(info);

	*team = lbfo_nl_team(net, info->attrs, info->extack);
	if (IS_ERR(*team))
		return PTR_ERR(*team);
	*pdev = lbfo_nl_member_dev(net, info->attrs, tb, info->extack);
	if (IS_ERR(*pdev))
		return PTR_ERR(*pdev);
	if (!member)
		return 0;
	*member = lbfo_nl_member(*team, *pdev, info->extack);
	return PTR_ERR_OR_ZERO(*member);
}

static int lbfo_nl_put_id(struct sk_buff *skb, int ifindex_attr,
			  int name_attr, const struct net_device *dev)
{
	if (nla_put_u32(skb, ifindex_attr, dev->ifindex) ||
	    nla_put_string(skb, name_attr, dev->name))
		return -EMSGSIZE;
	return 0;
}

static int lbfo_nl_put_team_id(struct sk_buff *skb, struct lbfo_team *team)
{
	return lbfo_nl_put_id(skb, LBFO_A_TEAM_IFINDEX, LBFO_A_TEAM_NAME,
			      team->dev);
}

static int lbfo_nl_put_u64s(struct sk_buff *skb, int attr, const u64 *vals,
			    unsigned int n)
{
	struct nlattr *nest = nla_nest_start(skb, attr);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++)
		if (nla_put_u64_64bit(skb, LBFO_STATS_A_TX_PACKETS + i, vals[i],
				      LBFO_STATS_A_PAD))
			goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Driver name as ethtool -i gives it, and link speed. RTNL. */
static void lbfo_nl_member_info(struct net_device *pdev, char *driver,
				size_t len, u32 *speed)
{
	struct ethtool_drvinfo info = {};
	struct ethtool_link_ksettings ks;
	const struct device *parent = pdev->dev.parent;

	if (pdev->ethtool_ops && pdev->ethtool_ops->get_drvinfo)
		pdev->ethtool_ops->get_drvinfo(pdev, &info);
	if (!info.driver[0] && parent && parent->driver)
		strscpy(info.driver, parent->driver->name, sizeof(info.driver));
	strscpy(driver, info.driver, len);

	*speed = 0;
	if (!__ethtool_get_link_ksettings(pdev, &ks) &&
	    ks.base.speed != SPEED_UNKNOWN)
		*speed = ks.base.speed;
}

static int lbfo_nl_put_lacp_info(struct sk_buff *skb, int attr,
				 const struct lbfo_lacp_info *info)
{
	struct nlattr *nest = nla_nest_start(skb, attr);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u16(skb, LBFO_LACP_INFO_A_SYS_PRIO, info->system_priority) ||
	    nla_put(skb, LBFO_LACP_INFO_A_SYSTEM, ETH_ALEN, info->system) ||
	    nla_put_u16(skb, LBFO_LACP_INFO_A_KEY, info->key) ||
	    nla_put_u16(skb, LBFO_LACP_INFO_A_PORT_PRIO, info->port_priority) ||
	    nla_put_u16(skb, LBFO_LACP_INFO_A_PORT, info->port) ||
	    nla_put_u8(skb, LBFO_LACP_INFO_A_STATE, info->state)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* A member's LACP state (LBFO_MEMBER_A_LACP); nothing outside mode lacp. */
static int lbfo_nl_put_lacp(struct sk_buff *skb, struct lbfo_member *member)
{
	const struct lbfo_lacp_port *lp = &member->lacp;
	struct nlattr *nest;
	u64 rx_pdus, rx_errors;

	if (member->team->p.mode != LBFO_MODE_LACP)
		return 0;
	lbfo_lacp_counters(member, &rx_pdus, &rx_errors);
	nest = nla_nest_start(skb, LBFO_MEMBER_A_LACP);
	if (!nest)
		return -EMSGSIZE;
	if (lbfo_nl_put_lacp_info(skb, LBFO_LACP_A_ACTOR, &lp->rx.actor) ||
	    lbfo_nl_put_lacp_info(skb, LBFO_LACP_A_PARTNER, &lp->rx.partner) ||
	    nla_put_u8(skb, LBFO_LACP_A_RX, lp->rx.state) ||
	    nla_put_u8(skb, LBFO_LACP_A_MUX, lp->mux.state) ||
	    nla_put_u8(skb, LBFO_LACP_A_SELECTED,
		       lp->rx.selected == LBFO_LACP_SELECTED) ||
	    nla_put_u16(skb, LBFO_LACP_A_AGGREGATOR, lp->aggregator) ||
	    nla_put_u8(skb, LBFO_LACP_A_WHY, lp->why) ||
	    nla_put_u8(skb, LBFO_LACP_A_ACTOR_CHURN,
		       lp->churn.actor == LBFO_LACP_CHURN) ||
	    nla_put_u8(skb, LBFO_LACP_A_PARTNER_CHURN,
		       lp->churn.partner == LBFO_LACP_CHURN) ||
	    nla_put_u64_64bit(skb, LBFO_LACP_A_RX_PDUS, rx_pdus,
			      LBFO_LACP_A_PAD) ||
	    nla_put_u64_64bit(skb, LBFO_LACP_A_TX_PDUS, lp->tx_pdus,
			      LBFO_LACP_A_PAD) ||
	    nla_put_u64_64bit(skb, LBFO_LACP_A_RX_ERRORS, rx_errors,
			      LBFO_LACP_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int lbfo_nl_put_member(struct sk_buff *skb, int attr,
			      struct lbfo_member *member, unsigned int what,
			      int old_state)
{
	struct nlattr *nest = nla_nest_start(skb, attr);
	struct lbfo_member_counters c;
	char driver[32];
	u32 speed;

	if (!nest)
		return -EMSGSIZE;
	if (lbfo_nl_put_id(skb, LBFO_MEMBER_A_IFINDEX, LBFO_MEMBER_A_NAME,
			   member->dev))
		goto cancel;
	if ((what & LBFO_NL_CONFIG) &&
	    (nla_put_u8(skb, LBFO_MEMBER_A_ROLE, member->role) ||
	     nla_put_u8(skb, LBFO_MEMBER_A_ADMIN, member->admin_up) ||
	     nla_put_u8(skb, LBFO_MEMBER_A_STATE, member->state) ||
	     nla_put_u32(skb, LBFO_MEMBER_A_WEIGHT, member->weight) ||
	     nla_put_u16(skb, LBFO_MEMBER_A_LACP_PRIO, member->lacp_prio) ||
	     nla_put_u16(skb, LBFO_MEMBER_A_LACP_KEY, member->lacp_key)))
		goto cancel;
	if ((what & LBFO_NL_STATE) &&
	    nla_put_u8(skb, LBFO_MEMBER_A_STATE, member->state))
		goto cancel;
	if ((what & LBFO_NL_LACP) && lbfo_nl_put_lacp(skb, member))
		goto cancel;
	if (old_state >= 0 &&
	    (nla_put_u8(skb, LBFO_MEMBER_A_STATE, member->state) ||
	     nla_put_u8(skb, LBFO_MEMBER_A_OLD_STATE, old_state)))
		goto cancel;
	if (what & LBFO_NL_INFO) {
		lbfo_nl_member_info(member->dev, driver, sizeof(driver), &speed);
		if (nla_put_string(skb, LBFO_MEMBER_A_DRIVER, driver) ||
		    nla_put_u32(skb, LBFO_MEMBER_A_SPEED, speed) ||
		    nla_put_u32(skb, LBFO_MEMBER_A_BUCKETS,
				lbfo_member_buckets(member)))
			goto cancel;
	}
	if (what & LBFO_NL_STATS) {
		u64 vals[4];

		lbfo_member_counters(member, &c);
		vals[0] = c.tx_packets;
		vals[1] = c.tx_bytes;
		vals[2] = c.rx_packets;
		vals[3] = c.rx_bytes;
		if (lbfo_nl_put_u64s(skb, LBFO_MEMBER_A_STATS, vals, 4))
			goto cancel;
	}
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int lbfo_nl_put_team_stats(struct sk_buff *skb, struct lbfo_team *team)
{
	struct rtnl_link_stats64 s;
	u64 vals[6];

	dev_get_stats(team->dev, &s);
	vals[0] = s.tx_packets;
	vals[1] = s.tx_bytes;
	vals[2] = s.rx_packets;
	vals[3] = s.rx_bytes;
	vals[4] = s.tx_dropped;
	vals[5] = s.rx_dropped;
	return lbfo_nl_put_u64s(skb, LBFO_A_TEAM_STATS, vals, 6);
}

/* Parameters and state of a team: in TEAM_GET replies and team events. */
static int lbfo_nl_put_team_state(struct sk_buff *skb, struct lbfo_team *team,
				  const struct lbfo_txmap *map)
{
	if (lbfo_params_put(skb, &team->p, &lbfo_genl_param_attrs) ||
	    nla_put_u8(skb, LBFO_A_TEAM_CARRIER, netif_carrier_ok(team->dev)) ||
	    nla_put_u32(skb, LBFO_A_TEAM_MEMBERS, team->member_count) ||
	    nla_put_u32(skb, LBFO_A_TEAM_CARRIERS, map ? map->count : 0) ||
	    nla_put_u8(skb, LBFO_A_LACP_STATE, lbfo_lacp_team_state(team)))
		return -EMSGSIZE;
	if (map && lbfo_nl_put_member(skb, LBFO_A_PRIMARY, map->primary,
				      LBFO_NL_ID, -1))
		return -EMSGSIZE;
	return 0;
}

static int lbfo_nl_fill_team(struct sk_buff *skb, struct lbfo_team *team,
			     u32 portid, u32 seq, int flags, u8 cmd)
{
	struct lbfo_txmap *map = rtnl_dereference(team->txmap);
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &lbfo_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (lbfo_nl_put_team_id(skb, team) ||
	    lbfo_nl_put_team_state(skb, team, map) ||
	    lbfo_nl_put_team_stats(skb, team))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int lbfo_nl_fill_member(struct sk_buff *skb, struct lbfo_member *member,
			       u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &lbfo_genl_family, flags,
			  LBFO_CMD_MEMBER_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (lbfo_nl_put_team_id(skb, member->team) ||
	    lbfo_nl_put_member(skb, LBFO_A_MEMBER, member, LBFO_NL_CONFIG |
			       LBFO_NL_INFO | LBFO_NL_STATS | LBFO_NL_LACP, -1))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int lbfo_nl_reply_team(struct lbfo_team *team, struct genl_info *info,
			      u8 cmd)
{
	struct sk_buff *msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);

	if (!msg)
		return -ENOMEM;
	if (lbfo_nl_fill_team(msg, team, info->snd_portid, info->snd_seq, 0,
			      cmd)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return genlmsg_reply(msg, info);
}

static int lbfo_nl_team_new(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **attrs = info->attrs;
	struct lbfo_params *p;
	struct net_device *dev;
	int err;

	if (!attrs[LBFO_A_TEAM_NAME]) {
		NL_SET_ERR_MSG_MOD(extack, "A new team needs a name");
		return -EINVAL;
	}
	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	lbfo_params_default(p);
	err = lbfo_params_parse(p, attrs, &lbfo_genl_param_attrs, extack);
	if (err)
		goto free;

	rtnl_lock();
	dev = lbfo_team_create(genl_info_net(info),
			       nla_data(attrs[LBFO_A_TEAM_NAME]), p, extack);
	err = IS_ERR(dev) ? PTR_ERR(dev) :
	      lbfo_nl_reply_team(netdev_priv(dev), info, LBFO_CMD_TEAM_NEW);
	rtnl_unlock();
free:
	kfree(p);
	return err;
}

static int lbfo_nl_team_del(struct sk_buff *skb, struct genl_info *info)
{
	struct lbfo_team *team;
	int err = 0;

	rtnl_lock();
	team = lbfo_nl_team(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(team))
		err = PTR_ERR(team);
	else
		unregister_netdevice(team->dev);
	rtnl_unlock();
	return err;
}

static int lbfo_nl_team_get(struct sk_buff *skb, struct genl_info *info)
{
	struct lbfo_team *team;
	int err;

	rtnl_lock();
	team = lbfo_nl_team(genl_info_net(info), info->attrs, info->extack);
	err = IS_ERR(team) ? PTR_ERR(team) :
	      lbfo_nl_reply_team(team, info, LBFO_CMD_TEAM_GET);
	rtnl_unlock();
	return err;
}

/* cb->args[0]: how many teams of the namespace are done. */
static int lbfo_nl_team_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	long done = cb->args[0], i = 0;
	struct net_device *dev;

	rtnl_lock();
	for_each_netdev(net, dev) {
		if (!lbfo_is_team(dev) || i++ < done)
			continue;
		if (lbfo_nl_fill_team(skb, netdev_priv(dev),
				      NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, NLM_F_MULTI,
				      LBFO_CMD_TEAM_GET))
			break;
		done++;
	}
	rtnl_unlock();
	cb->args[0] = done;
	return skb->len;
}

static int lbfo_nl_team_set(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **attrs = info->attrs;
	struct lbfo_team *team;
	struct lbfo_params *p;
	int err;

	if (!lbfo_params_given(attrs, &lbfo_genl_param_attrs)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "Nothing to change: give a team parameter");
		return -EINVAL;
	}
	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	rtnl_lock();
	team = lbfo_nl_team(genl_info_net(info), attrs, extack);
	if (IS_ERR(team)) {
		err = PTR_ERR(team);
		goto out;
	}
	*p = team->p;
	err = lbfo_params_parse(p, attrs, &lbfo_genl_param_attrs, extack) ?:
	      lbfo_team_set_params(team, p, extack);
out:
	rtnl_unlock();
	kfree(p);
	return err;
}

/* Apply the weight and LACP settings a member add or set carries. RTNL. */
static void lbfo_nl_member_tune(struct lbfo_member *member, struct nlattr **tb)
{
	if (tb[LBFO_MEMBER_A_WEIGHT])
		lbfo_member_set_weight(member,
				       nla_get_u32(tb[LBFO_MEMBER_A_WEIGHT]));
	if (tb[LBFO_MEMBER_A_LACP_PRIO] || tb[LBFO_MEMBER_A_LACP_KEY])
		lbfo_member_set_lacp(member,
				     lbfo_nl_u16_or(tb[LBFO_MEMBER_A_LACP_PRIO]),
				     lbfo_nl_u16_or(tb[LBFO_MEMBER_A_LACP_KEY]));
}

static int lbfo_nl_member_add(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[LBFO_MEMBER_A_MAX + 1];
	struct netlink_ext_ack *extack = info->extack;
	u8 role = LBFO_ROLE_ACTIVE, admin = 1;
	struct lbfo_member *member;
	struct net_device *pdev;
	struct lbfo_team *team;
	int err;

	rtnl_lock();
	err = lbfo_nl_target(info, tb, &team, &pdev, NULL);
	if (err)
		goto out;
	if (tb[LBFO_MEMBER_A_ROLE])
		role = nla_get_u8(tb[LBFO_MEMBER_A_ROLE]);
	if (tb[LBFO_MEMBER_A_ADMIN])
		admin = nla_get_u8(tb[LBFO_MEMBER_A_ADMIN]);
	member = lbfo_member_get_rtnl(pdev);
	if (member && member->team == team) {
		NL_SET_ERR_MSG_MOD(extack,
				   "Device is already a member of this team");
		err = -EEXIST;
		goto out;
	}
	err = lbfo_member_add(team, pdev, role, admin, extack);
	if (err)
		goto out;
	member = lbfo_member_get_rtnl(pdev);
	lbfo_nl_member_tune(member, tb);
out:
	rtnl_unlock();
	return err;
}

static int lbfo_nl_member_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[LBFO_MEMBER_A_MAX + 1];
	struct lbfo_member *member;
	struct net_device *pdev;
	struct lbfo_team *team;
	int err;

	rtnl_lock();
	err = lbfo_nl_target(info, tb, &team, &pdev, &member);
	if (!err)
		lbfo_member_del(member, false);
	rtnl_unlock();
	return err;
}

static int lbfo_nl_member_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[LBFO_MEMBER_A_MAX + 1];
	struct lbfo_member *member;
	struct net_device *pdev;
	struct lbfo_team *team;
	int err;

	rtnl_lock();
	err = lbfo_nl_target(info, tb, &team, &pdev, &member);
	if (err)
		goto out;
	if (!tb[LBFO_MEMBER_A_ROLE] && !tb[LBFO_MEMBER_A_ADMIN] &&
	    !tb[LBFO_MEMBER_A_WEIGHT] && !tb[LBFO_MEMBER_A_LACP_PRIO] &&
	    !tb[LBFO_MEMBER_A_LACP_KEY]) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "Nothing to change: give a role, an admin state, a weight, an LACP priority or key");
		err = -EINVAL;
		goto out;
	}
	if (tb[LBFO_MEMBER_A_ROLE])
		lbfo_member_set_role(member, nla_get_u8(tb[LBFO_MEMBER_A_ROLE]));
	if (tb[LBFO_MEMBER_A_ADMIN])
		lbfo_member_set_admin(member,
				      nla_get_u8(tb[LBFO_MEMBER_A_ADMIN]));
	lbfo_nl_member_tune(member, tb);
out:
	rtnl_unlock();
	return err;
}

static int lbfo_nl_member_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[LBFO_MEMBER_A_MAX + 1];
	struct lbfo_member *member;
	struct net_device *pdev;
	struct lbfo_team *team;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	err = lbfo_nl_target(info, tb, &team, &pdev, &member);
	if (!err)
		err = lbfo_nl_fill_member(msg, member, info->snd_portid,
					  info->snd_seq, 0);
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * Every member of one team (the request names it) or of every team.
 * cb->args[0]: teams done; cb->args[1]: members of the current team done.
 */
static int lbfo_nl_member_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct net *net = sock_net(skb->sk);
	long teams = cb->args[0], members = cb->args[1], t = 0, m;
	struct lbfo_team *only = NULL, *team;
	struct lbfo_member *member;
	struct net_device *dev;
	int err = 0;

	rtnl_lock();
	if (info->attrs[LBFO_A_TEAM_IFINDEX] || info->attrs[LBFO_A_TEAM_NAME]) {
		only = lbfo_nl_team(net, info->attrs, cb->extack);
		if (IS_ERR(only)) {
			err = PTR_ERR(only);
			goto out;
		}
	}
	for_each_netdev(net, dev) {
		if (!lbfo_is_team(dev) || t++ < teams)
			continue;
		team = netdev_priv(dev);
		if (only && team != only) {
			teams++;
			continue;
		}
		m = 0;
		list_for_each_entry(member, &team->members, list) {
			if (m++ < members)
				continue;
			if (lbfo_nl_fill_member(skb, member,
						NETLINK_CB(cb->skb).portid,
						cb->nlh->nlmsg_seq, NLM_F_MULTI))
				goto out;
			members++;
		}
		teams++;
		members = 0;
	}
out:
	rtnl_unlock();
	cb->args[0] = teams;
	cb->args[1] = members;
	return err ?: skb->len;
}

static int lbfo_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	struct lbfo_member *member;
	struct lbfo_team *team;
	struct sk_buff *msg;
	void *hdr;
	int err;

	rtnl_lock();
	team = lbfo_nl_team(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(team)) {
		err = PTR_ERR(team);
		goto out;
	}
	/* Each member: nest, ifindex, name, four padded u64s. */
	msg = genlmsg_new(NLMSG_GOODSIZE + team->member_count * 160,
			  GFP_KERNEL);
	err = -ENOMEM;
	if (!msg)
		goto out;
	err = -EMSGSIZE;
	hdr = genlmsg_put(msg, info->snd_portid, info->snd_seq,
			  &lbfo_genl_family, 0, LBFO_CMD_STATS_GET);
	if (!hdr || lbfo_nl_put_team_id(msg, team) ||
	    lbfo_nl_put_team_stats(msg, team))
		goto free;
	list_for_each_entry(member, &team->members, list)
		if (lbfo_nl_put_member(msg, LBFO_A_MEMBER, member,
				       LBFO_NL_STATS, -1))
			goto free;
	genlmsg_end(msg, hdr);
	rtnl_unlock();
	return genlmsg_reply(msg, info);

free:
	nlmsg_free(msg);
out:
	rtnl_unlock();
	return err;
}

static const struct genl_ops lbfo_nl_ops[] = {
	{
		.cmd = LBFO_CMD_TEAM_NEW,
		.doit = lbfo_nl_team_new,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = LBFO_CMD_TEAM_DEL,
		.doit = lbfo_nl_team_del,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = LBFO_CMD_TEAM_GET,
		.doit = lbfo_nl_team_get,
		.dumpit = lbfo_nl_team_dump,
	}, {
		.cmd = LBFO_CMD_TEAM_SET,
		.doit = lbfo_nl_team_set,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = LBFO_CMD_MEMBER_ADD,
		.doit = lbfo_nl_member_add,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = LBFO_CMD_MEMBER_DEL,
		.doit = lbfo_nl_member_del,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = LBFO_CMD_MEMBER_GET,
		.doit = lbfo_nl_member_get,
		.dumpit = lbfo_nl_member_dump,
	}, {
		.cmd = LBFO_CMD_MEMBER_SET,
		.doit = lbfo_nl_member_set,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = LBFO_CMD_STATS_GET,
		.doit = lbfo_nl_stats_get,
	},
};

static const struct genl_multicast_group lbfo_nl_mcgrps[] = {
	{ .name = LBFO_MCGRP_EVENTS },
};

static struct genl_family lbfo_genl_family __ro_after_init = {
	.name = LBFO_GENL_NAME,
	.version = LBFO_GENL_VERSION,
	.maxattr = LBFO_A_MAX,
	.policy = lbfo_nl_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = lbfo_nl_ops,
	.n_ops = ARRAY_SIZE(lbfo_nl_ops),
	.resv_start_op = LBFO_CMD_MAX + 1,
	.mcgrps = lbfo_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(lbfo_nl_mcgrps),
};

/* An event message for @team, or NULL if nobody listens. RTNL. */
static struct sk_buff *lbfo_nl_event_new(struct lbfo_team *team, u8 cmd,
					 void **hdr)
{
	struct net *net = dev_net(team->dev);
	struct sk_buff *msg;

	ASSERT_RTNL();
	if (!lbfo_nl_live || !genl_has_listeners(&lbfo_genl_family, net, 0))
		return NULL;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put(msg, 0, 0, &lbfo_genl_family, 0, cmd);
	if (!*hdr || lbfo_nl_put_team_id(msg, team)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static void lbfo_nl_event_send(struct lbfo_team *team, struct sk_buff *msg,
			       void *hdr)
{
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&lbfo_genl_family, dev_net(team->dev), msg, 0,
				0, GFP_KERNEL);
}

static int lbfo_nl_put_cause(struct sk_buff *msg, int reason,
			     struct lbfo_member *trigger)
{
	if (reason >= 0 && nla_put_u8(msg, LBFO_A_REASON, reason))
		return -EMSGSIZE;
	if (trigger && lbfo_nl_put_member(msg, LBFO_A_TRIGGER, trigger,
					  LBFO_NL_ID, -1))
		return -EMSGSIZE;
	return 0;
}

/**
 * lbfo_nl_team_event() - announce a team created, changed or deleted
 * @team: the team
 * @cmd: LBFO_CMD_TEAM_NEW, _SET or _DEL
 */
void lbfo_nl_team_event(struct lbfo_team *team, u8 cmd)
{
	struct sk_buff *msg;
	struct lbfo_txmap *map;
	void *hdr;

	msg = lbfo_nl_event_new(team, cmd, &hdr);
	if (!msg)
		return;
	map = rtnl_dereference(team->txmap);
	if (lbfo_nl_put_team_state(msg, team, map)) {
		nlmsg_free(msg);
		return;
	}
	lbfo_nl_event_send(team, msg, hdr);
}

/**
 * lbfo_nl_member_event() - announce a member added, changed or removed
 * @member: the member
 * @cmd: LBFO_CMD_MEMBER_ADD, _SET or _DEL
 */
void lbfo_nl_member_event(struct lbfo_member *member, u8 cmd)
{
	unsigned int what = cmd == LBFO_CMD_MEMBER_DEL ? LBFO_NL_ID :
			    LBFO_NL_CONFIG;
	struct sk_buff *msg;
	void *hdr;

	msg = lbfo_nl_event_new(member->team, cmd, &hdr);
	if (!msg)
		return;
	if (lbfo_nl_put_member(msg, LBFO_A_MEMBER, member, what, -1)) {
		nlmsg_free(msg);
		return;
	}
	lbfo_nl_event_send(member->team, msg, hdr);
}

/**
 * lbfo_nl_state_event() - announce a member's new state
 * @member: the member
 * @old_state: its state before
 * @reason: enum lbfo_reason
 * @trigger: the member whose change caused it, or NULL
 */
void lbfo_nl_state_event(struct lbfo_member *member, u8 old_state, int reason,
			 struct lbfo_member *trigger)
{
	struct sk_buff *msg;
	void *hdr;

	msg = lbfo_nl_event_new(member->team, LBFO_CMD_MEMBER_STATE, &hdr);
	if (!msg)
		return;
	if (lbfo_nl_put_member(msg, LBFO_A_MEMBER, member, LBFO_NL_ID,
			       old_state) ||
	    lbfo_nl_put_cause(msg, reason, trigger)) {
		nlmsg_free(msg);
		return;
	}
	lbfo_nl_event_send(member->team, msg, hdr);
}

/**
 * lbfo_nl_failover_event() - announce that other members carry traffic now
 * @team: the team
 * @carriers: how many members carry traffic now
 * @reason: enum lbfo_reason
 * @trigger: the member whose change caused it, or NULL
 */
void lbfo_nl_failover_event(struct lbfo_team *team, unsigned int carriers,
			    int reason, struct lbfo_member *trigger)
{
	struct sk_buff *msg;
	void *hdr;

	msg = lbfo_nl_event_new(team, LBFO_CMD_FAILOVER, &hdr);
	if (!msg)
		return;
	if (nla_put_u32(msg, LBFO_A_TEAM_CARRIERS, carriers) ||
	    lbfo_nl_put_cause(msg, reason, trigger)) {
		nlmsg_free(msg);
		return;
	}
	lbfo_nl_event_send(team, msg, hdr);
}

/**
 * lbfo_nl_lacp_event() - announce a member's new LACP information
 * @member: the member, in a team in mode lacp
 */
void lbfo_nl_lacp_event(struct lbfo_member *member)
{
	struct lbfo_team *team = member->team;
	struct sk_buff *msg;
	void *hdr;

	msg = lbfo_nl_event_new(team, LBFO_CMD_LACP, &hdr);
	if (!msg)
		return;
	if (nla_put_u8(msg, LBFO_A_LACP_STATE, lbfo_lacp_team_state(team)) ||
	    lbfo_nl_put_member(msg, LBFO_A_MEMBER, member,
			       LBFO_NL_STATE | LBFO_NL_LACP, -1)) {
		nlmsg_free(msg);
		return;
	}
	lbfo_nl_event_send(team, msg, hdr);
}

int lbfo_netlink_init(void)
{
	int err = genl_register_family(&lbfo_genl_family);

	if (err)
		return err;
	rtnl_lock();
	lbfo_nl_live = true;
	rtnl_unlock();
	return 0;
}

void lbfo_netlink_uninit(void)
{
	rtnl_lock();
	lbfo_nl_live = false;
	rtnl_unlock();
	genl_unregister_family(&lbfo_genl_family);
}
