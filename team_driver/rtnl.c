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
	[IFLA_LBFO_MODE] = NLA_POLICY_MAX(NLA_U8, LBFO_MODE_MAX),
	[IFLA_LBFO_LB] = NLA_POLICY_MAX(NLA_U8, LBFO_LB_MAX),
};

static const struct nla_policy lbfo_member_policy[IFLA_LBFO_MEMBER_MAX + 1] = {
	[IFLA_LBFO_MEMBER_UNSPEC] = {
		.strict_start_type = IFLA_LBFO_MEMBER_ROLE },
	[IFLA_LBFO_MEMBER_ROLE] = NLA_POLICY_MAX(NLA_U8, LBFO_ROLE_MAX),
	[IFLA_LBFO_MEMBER_STATE] = { .type = NLA_REJECT,
				     .reject_message = "The member state is read-only" },
	[IFLA_LBFO_MEMBER_ADMIN] = NLA_POLICY_MAX(NLA_U8, 1),
};

static int lbfo_validate(struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	int err;

	if (data && data[IFLA_LBFO_MODE]) {
		err = lbfo_team_check_mode(nla_get_u8(data[IFLA_LBFO_MODE]),
					   extack);
		if (err)
			return err;
	}
	if (data && data[IFLA_LBFO_LB]) {
		err = lbfo_team_check_lb(nla_get_u8(data[IFLA_LBFO_LB]), extack);
		if (err)
			return err;
	}
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

/* The attributes were checked by lbfo_validate(). */
static int lbfo_newlink(struct net *src_net, struct net_device *dev,
			struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	struct lbfo_team *team = netdev_priv(dev);

	if (data && data[IFLA_LBFO_MODE])
		team->mode = nla_get_u8(data[IFLA_LBFO_MODE]);
	if (data && data[IFLA_LBFO_LB])
		team->lb = nla_get_u8(data[IFLA_LBFO_LB]);
	return register_netdevice(dev);
}

static int lbfo_changelink(struct net_device *dev, struct nlattr *tb[],
			   struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct lbfo_team *team = netdev_priv(dev);

	if (data && data[IFLA_LBFO_MODE])
		lbfo_team_set_mode(team, nla_get_u8(data[IFLA_LBFO_MODE]), NULL);
	if (data && data[IFLA_LBFO_LB])
		lbfo_team_set_lb(team, nla_get_u8(data[IFLA_LBFO_LB]), NULL);
	return 0;
}

static size_t lbfo_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u32)) +	/* IFLA_LBFO_MEMBERS */
	       nla_total_size(sizeof(u32)) +	/* IFLA_LBFO_CARRIERS */
	       nla_total_size(sizeof(u8)) +	/* IFLA_LBFO_MODE */
	       nla_total_size(sizeof(u8));	/* IFLA_LBFO_LB */
}

static int lbfo_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct lbfo_team *team = netdev_priv(dev);
	struct lbfo_txmap *map = rtnl_dereference(team->txmap);

	if (nla_put_u32(skb, IFLA_LBFO_MEMBERS, team->member_count) ||
	    nla_put_u32(skb, IFLA_LBFO_CARRIERS, map ? map->count : 0) ||
	    nla_put_u8(skb, IFLA_LBFO_MODE, team->mode) ||
	    nla_put_u8(skb, IFLA_LBFO_LB, team->lb))
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
	return 0;
}

static size_t lbfo_get_member_size(const struct net_device *dev,
				   const struct net_device *pdev)
{
	return nla_total_size(sizeof(u8)) +	/* IFLA_LBFO_MEMBER_ROLE */
	       nla_total_size(sizeof(u8)) +	/* IFLA_LBFO_MEMBER_STATE */
	       nla_total_size(sizeof(u8));	/* IFLA_LBFO_MEMBER_ADMIN */
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
	    nla_put_u8(skb, IFLA_LBFO_MEMBER_ADMIN, member->admin_up))
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
 * @mode: enum lbfo_mode, already checked
 * @lb: enum lbfo_lb, already checked
 * @extack: where to say why a refusal happened
 *
 * Context: RTNL.
 * Return: the team device, or an ERR_PTR.
 */
struct net_device *lbfo_team_create(struct net *net, const char *name,
				    u8 mode, u8 lb,
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
	team->mode = mode;
	team->lb = lb;
	err = register_netdevice(dev);
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
