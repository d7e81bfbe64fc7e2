// SPDX-License-Identifier: GPL-2.0
/*
 * The "lbfo" link kind: creation through rtnetlink and the team and member
 * attributes of include/uapi/linux/lbfo.h. rtnetlink calls all of these
 * under RTNL.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "device.h"
#include "lacp.h"
#include "member.h"
#include "params.h"
#include "rtnl.h"
#include "state.h"

/*
 * Policies: exact lengths, ranges of the uapi (strict_start_type), read-only
 * attributes refused with a message.
 */
static const struct nla_policy lbfo_policy[IFLA_LBFO_MAX + 1] = {
	[IFLA_LBFO_UNSPEC] = { .strict_start_type = IFLA_LBFO_MEMBERS },
	[IFLA_LBFO_MEMBERS] = { .type = NLA_REJECT,
				.reject_message = "The member count is read-only" },
	[IFLA_LBFO_CARRIERS] = { .type = NLA_REJECT,
				 .reject_message = "The carrier count is read-only" },
	[IFLA_LBFO_MODE] = NLA_POLICY_MAX(NLA_U8, LBFO_MODE_MAX),
	[IFLA_LBFO_LB] = NLA_POLICY_MAX(NLA_U8, LBFO_LB_MAX),
	[IFLA_LBFO_HASH_FIELDS] = NLA_POLICY_MASK(NLA_U32, LBFO_HASH_ALL),
	[IFLA_LBFO_FLOWLET_GAP] = NLA_POLICY_FULL_RANGE(NLA_U32, &lbfo_range_flowlet_gap),
	[IFLA_LBFO_BALANCE_INTERVAL] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &lbfo_range_balance_interval),
	[IFLA_LBFO_BALANCE_THRESHOLD] =
		NLA_POLICY_RANGE(NLA_U32, LBFO_BALANCE_THRESHOLD_MIN,
				 LBFO_BALANCE_THRESHOLD_MAX),
	[IFLA_LBFO_PROBE_INTERVAL] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &lbfo_range_probe_interval),
	[IFLA_LBFO_PROBE_MISSED] = NLA_POLICY_RANGE(NLA_U32, 1,
						    LBFO_PROBE_MISSED_MAX),
	[IFLA_LBFO_PROBE_TARGETS] = { .type = NLA_NESTED },
	[IFLA_LBFO_PROBE_TARGET] = { .type = NLA_REJECT,
				     .reject_message = "Probe targets go in the target list" },
	[IFLA_LBFO_UPDELAY] = NLA_POLICY_FULL_RANGE(NLA_U32, &lbfo_range_delay),
	[IFLA_LBFO_DOWNDELAY] = NLA_POLICY_FULL_RANGE(NLA_U32, &lbfo_range_delay),
	[IFLA_LBFO_PRIMARY] = { .type = NLA_REJECT,
				.reject_message = "The primary member is read-only" },
	[IFLA_LBFO_MIN_LINKS] = NLA_POLICY_RANGE(NLA_U32, 1, LBFO_MAX_MEMBERS),
	[IFLA_LBFO_LACP_RATE] = NLA_POLICY_MAX(NLA_U8, LBFO_LACP_RATE_MAX),
	[IFLA_LBFO_LACP_ACTIVE] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LBFO_LACP_SYS_PRIO] = NLA_POLICY_MIN(NLA_U16, 1),
	[IFLA_LBFO_LACP_SYSTEM] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[IFLA_LBFO_LACP_INDEPENDENT] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LBFO_LACP_MIXED_SPEED] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LBFO_LACP_FALLBACK] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LBFO_LACP_STATE] = { .type = NLA_REJECT,
				   .reject_message = "The LACP state is read-only" },
};

static const struct nla_policy lbfo_member_policy[IFLA_LBFO_MEMBER_MAX + 1] = {
	[IFLA_LBFO_MEMBER_UNSPEC] = {
		.strict_start_type = IFLA_LBFO_MEMBER_ROLE },
	[IFLA_LBFO_MEMBER_ROLE] = NLA_POLICY_MAX(NLA_U8, LBFO_ROLE_MAX),
	[IFLA_LBFO_MEMBER_STATE] = { .type = NLA_REJECT,
				     .reject_message = "The member state is read-only" },
	[IFLA_LBFO_MEMBER_ADMIN] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LBFO_MEMBER_WEIGHT] = NLA_POLICY_FULL_RANGE(NLA_U32, &lbfo_range_weight),
	[IFLA_LBFO_MEMBER_BUCKETS] = { .type = NLA_REJECT,
				       .reject_message = "The bucket count is read-only" },
	[IFLA_LBFO_MEMBER_LACP_PRIO] = NLA_POLICY_MIN(NLA_U16, 1),
	[IFLA_LBFO_MEMBER_LACP_KEY] = NLA_POLICY_MIN(NLA_U16, 1),
};

static int lbfo_validate(struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN) {
			NL_SET_ERR_MSG_MOD(extack, "A team's address must be 6 bytes");
			return -EINVAL;
		}
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_MOD(extack,
					   "A team's address must be a valid unicast MAC address");
			return -EADDRNOTAVAIL;
		}
	}
	return 0;
}

static int lbfo_newlink(struct net *src_net, struct net_device *dev,
			struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_params p = team->p;
	int err;

	if (data) {
		err = lbfo_params_parse(&p, data, &lbfo_rtnl_param_attrs,
					extack) ?:
		      lbfo_params_check(team, &p, extack);
		if (err)
			return err;
		team->p = p;
	}
	return register_netdevice(dev);
}

static int lbfo_changelink(struct net_device *dev, struct nlattr *tb[],
			   struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_params p = team->p;
	int err;

	if (!data)
		return 0;
	err = lbfo_params_parse(&p, data, &lbfo_rtnl_param_attrs, extack);
	return err ?: lbfo_team_set_params(team, &p, extack);
}

static size_t lbfo_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u32)) +	/* IFLA_LBFO_MEMBERS */
	       nla_total_size(sizeof(u32)) +	/* IFLA_LBFO_CARRIERS */
	       nla_total_size(sizeof(u32)) +	/* IFLA_LBFO_PRIMARY */
	       nla_total_size(sizeof(u8)) +	/* IFLA_LBFO_LACP_STATE */
	       lbfo_params_size();
}

static int lbfo_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_txmap *map = rtnl_dereference(team->txmap);

	if (nla_put_u32(skb, IFLA_LBFO_MEMBERS, team->member_count) ||
	    nla_put_u32(skb, IFLA_LBFO_CARRIERS, map ? map->count : 0) ||
	    nla_put_u32(skb, IFLA_LBFO_PRIMARY,
			map ? map->primary->dev->ifindex : 0) ||
	    nla_put_u8(skb, IFLA_LBFO_LACP_STATE,
		       lbfo_lacp_team_state(team)) ||
	    lbfo_params_put(skb, &team->p, &lbfo_rtnl_param_attrs))
		return -EMSGSIZE;
	return 0;
}

static int lbfo_member_changelink(struct net_device *dev,
				  struct net_device *pdev,
				  struct nlattr *tb[], struct nlattr *data[],
				  struct netlink_ext_ack *extack)
{
	struct lbfo_member *member = lbfo_member_get_rtnl(pdev);

	if (!member || member->team->dev != dev) {
		NL_SET_ERR_MSG_MOD(extack, "Device is not a member of this team");
		return -ENOENT;
	}
	if (data && data[IFLA_LBFO_MEMBER_ROLE])
		lbfo_member_set_role(member,
				     nla_get_u8(data[IFLA_LBFO_MEMBER_ROLE]));
	if (data && data[IFLA_LBFO_MEMBER_ADMIN])
		lbfo_member_set_admin(member,
				      nla_get_u8(data[IFLA_LBFO_MEMBER_ADMIN]));
	if (data && data[IFLA_LBFO_MEMBER_WEIGHT])
		lbfo_member_set_weight(member,
				       nla_get_u32(data[IFLA_LBFO_MEMBER_WEIGHT]));
	if (data && (data[IFLA_LBFO_MEMBER_LACP_PRIO] ||
		     data[IFLA_LBFO_MEMBER_LACP_KEY]))
		lbfo_member_set_lacp(member,
				     data[IFLA_LBFO_MEMBER_LACP_PRIO] ?
				     nla_get_u16(data[IFLA_LBFO_MEMBER_LACP_PRIO]) : -1,
				     data[IFLA_LBFO_MEMBER_LACP_KEY] ?
				     nla_get_u16(data[IFLA_LBFO_MEMBER_LACP_KEY]) : -1);
	return 0;
}

static size_t lbfo_get_member_size(const struct net_device *dev,
				   const struct net_device *pdev)
{
	return nla_total_size(sizeof(u8)) +	/* IFLA_LBFO_MEMBER_ROLE */
	       nla_total_size(sizeof(u8)) +	/* IFLA_LBFO_MEMBER_STATE */
	       nla_total_size(sizeof(u8)) +	/* IFLA_LBFO_MEMBER_ADMIN */
	       nla_total_size(sizeof(u32)) +	/* IFLA_LBFO_MEMBER_WEIGHT */
	       nla_total_size(sizeof(u32)) +	/* IFLA_LBFO_MEMBER_BUCKETS */
	       2 * nla_total_size(sizeof(u16));	/* _LACP_PRIO, _LACP_KEY */
}

static int lbfo_fill_member_info(struct sk_buff *skb,
				 const struct net_device *dev,
				 const struct net_device *pdev)
{
	struct lbfo_member *member = lbfo_member_get_rtnl(pdev);

	if (!member)
		return 0;
	if (nla_put_u8(skb, IFLA_LBFO_MEMBER_ROLE, member->role) ||
	    nla_put_u8(skb, IFLA_LBFO_MEMBER_STATE, member->state) ||
	    nla_put_u8(skb, IFLA_LBFO_MEMBER_ADMIN, member->admin_up) ||
	    nla_put_u32(skb, IFLA_LBFO_MEMBER_WEIGHT, member->weight) ||
	    nla_put_u32(skb, IFLA_LBFO_MEMBER_BUCKETS,
			lbfo_member_buckets(member)) ||
	    nla_put_u16(skb, IFLA_LBFO_MEMBER_LACP_PRIO, member->lacp_prio) ||
	    nla_put_u16(skb, IFLA_LBFO_MEMBER_LACP_KEY, member->lacp_key))
		return -EMSGSIZE;
	return 0;
}

static struct rtnl_link_ops lbfo_link_ops __read_mostly = {
	.kind			= LBFO_KIND,
	.priv_size		= sizeof(struct lbfo_team),
	.setup			= lbfo_setup,
	.maxtype		= IFLA_LBFO_MAX,
	.policy			= lbfo_policy,
	.validate		= lbfo_validate,
	.newlink		= lbfo_newlink,
	.changelink		= lbfo_changelink,
	.get_size		= lbfo_get_size,
	.fill_info		= lbfo_fill_info,
	.slave_maxtype		= IFLA_LBFO_MEMBER_MAX,
	.slave_policy		= lbfo_member_policy,
	.slave_changelink	= lbfo_member_changelink,
	.get_slave_size		= lbfo_get_member_size,
	.fill_slave_info	= lbfo_fill_member_info,
};

/**
 * lbfo_team_create() - create and register a team, as `ip link add` would
 * @net: the network namespace
 * @name: its name
 * @p: its parameters, already checked
 * @extack: where to say why a refusal happened
 *
 * Context: RTNL.
 * Return: the team device, or an ERR_PTR.
 */
struct net_device *lbfo_team_create(struct net *net, const char *name,
				    const struct lbfo_params *p,
				    struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct lbfo_team *team;
	int err;

	ASSERT_RTNL();
	if (!dev_valid_name(name)) {
		NL_SET_ERR_MSG_MOD(extack, "Invalid interface name");
		return ERR_PTR(-EINVAL);
	}
	if (__dev_get_by_name(net, name)) {
		NL_SET_ERR_MSG_MOD(extack, "A device with this name exists");
		return ERR_PTR(-EEXIST);
	}
	dev = alloc_netdev(sizeof(struct lbfo_team), name, NET_NAME_USER,
			   lbfo_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev_net_set(dev, net);
	dev->rtnl_link_ops = &lbfo_link_ops;
	team = netdev_priv(dev);
	/* A new team has no members: only the parameters themselves count. */
	err = lbfo_params_check(team, p, extack);
	if (!err) {
		team->p = *p;
		err = register_netdevice(dev);
	}
	if (err) {
		free_netdev(dev);
		return ERR_PTR(err);
	}
	return dev;
}

int lbfo_rtnl_init(void)
{
	return rtnl_link_register(&lbfo_link_ops);
}

/* Deletes every team left, which releases their members first. */
void lbfo_rtnl_uninit(void)
{
	rtnl_link_unregister(&lbfo_link_ops);
}
