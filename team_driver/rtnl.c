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
#include "member.h"
#include "rtnl.h"

/* strict_start_type: exact lengths for every attribute, no legacy slack. */
static const struct nla_policy lbfo_policy[IFLA_LBFO_MAX + 1] = {
	[IFLA_LBFO_UNSPEC] = { .strict_start_type = IFLA_LBFO_MEMBERS },
	[IFLA_LBFO_MEMBERS] = { .type = NLA_REJECT,
				.reject_message = "The member count is read-only" },
	[IFLA_LBFO_CARRIERS] = { .type = NLA_REJECT,
				 .reject_message = "The carrier count is read-only" },
};

static const struct nla_policy lbfo_member_policy[IFLA_LBFO_MEMBER_MAX + 1] = {
	[IFLA_LBFO_MEMBER_UNSPEC] = {
		.strict_start_type = IFLA_LBFO_MEMBER_ROLE },
	[IFLA_LBFO_MEMBER_ROLE] = NLA_POLICY_MAX(NLA_U8, LBFO_ROLE_MAX),
	[IFLA_LBFO_MEMBER_STATE] = { .type = NLA_REJECT,
				     .reject_message = "The member state is read-only" },
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

static size_t lbfo_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u32)) +	/* IFLA_LBFO_MEMBERS */
	       nla_total_size(sizeof(u32));	/* IFLA_LBFO_CARRIERS */
}

static int lbfo_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_txmap *map = rtnl_dereference(team->txmap);

	if (nla_put_u32(skb, IFLA_LBFO_MEMBERS, team->member_count) ||
	    nla_put_u32(skb, IFLA_LBFO_CARRIERS, map ? map->count : 0))
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
	return 0;
}

static size_t lbfo_get_member_size(const struct net_device *dev,
				   const struct net_device *pdev)
{
	return nla_total_size(sizeof(u8)) +	/* IFLA_LBFO_MEMBER_ROLE */
	       nla_total_size(sizeof(u8));	/* IFLA_LBFO_MEMBER_STATE */
}

static int lbfo_fill_member_info(struct sk_buff *skb,
				 const struct net_device *dev,
				 const struct net_device *pdev)
{
	struct lbfo_member *member = lbfo_member_get_rtnl(pdev);

	if (!member)
		return 0;
	if (nla_put_u8(skb, IFLA_LBFO_MEMBER_ROLE, member->role) ||
	    nla_put_u8(skb, IFLA_LBFO_MEMBER_STATE, member->state))
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
	.get_size		= lbfo_get_size,
	.fill_info		= lbfo_fill_info,
	.slave_maxtype		= IFLA_LBFO_MEMBER_MAX,
	.slave_policy		= lbfo_member_policy,
	.slave_changelink	= lbfo_member_changelink,
	.get_slave_size		= lbfo_get_member_size,
	.fill_slave_info	= lbfo_fill_member_info,
};

int lbfo_rtnl_init(void)
{
	return rtnl_link_register(&lbfo_link_ops);
}

/* Deletes every team left, which releases their members first. */
void lbfo_rtnl_uninit(void)
{
	rtnl_link_unregister(&lbfo_link_ops);
}
