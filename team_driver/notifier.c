// SPDX-License-Identifier: GPL-2.0
/*
 * Events of member devices.
 *
 * Failover is driven from here: a member's link going down or up (carrier
 * change, administrative up/down) recomputes the team's member states at
 * once, with no polling. Netdevice notifiers run under RTNL.
 */
#include <linux/netdevice.h>
#include <linux/notifier.h>
#include <linux/rtnetlink.h>

#include "device.h"
#include "member.h"
#include "netlink.h"
#include "notifier.h"
#include "state.h"

static int lbfo_member_event(struct lbfo_member *member, unsigned long event,
			     struct netdev_notifier_info *info)
{
	struct netlink_ext_ack *extack = netdev_notifier_info_to_extack(info);
	struct lbfo_team *team = member->team;

	switch (event) {
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		lbfo_member_read_speed(member);
		lbfo_team_refresh(team, member, LBFO_REASON_LINK);
		break;
	case NETDEV_FEAT_CHANGE:
		lbfo_compute_features(team);
		break;
	case NETDEV_UNREGISTER:
		lbfo_member_del(member, true);
		break;
	case NETDEV_PRECHANGEMTU:
		if (!team->changing_member) {
			netdev_warn(team->dev,
				    "%s: the MTU of a member is the team's; change the team's MTU instead\n",
				    member->dev->name);
			return notifier_from_errno(-EBUSY);
		}
		break;
	case NETDEV_PRE_CHANGEADDR:
		if (!team->changing_member) {
			NL_SET_ERR_MSG_MOD(extack,
					   "The MAC address of a team member is set by its team");
			return notifier_from_errno(-EBUSY);
		}
		break;
	case NETDEV_PRE_TYPE_CHANGE:
		/* A member must stay Ethernet. */
		return notifier_from_errno(-EBUSY);
	}
	return NOTIFY_DONE;
}

static int lbfo_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct lbfo_member *member;

	/* A team's removal is announced when its members are gone (uninit). */
	if (event == NETDEV_REGISTER && lbfo_is_team(dev)) {
		lbfo_nl_team_event(netdev_priv(dev), LBFO_CMD_TEAM_NEW);
		return NOTIFY_DONE;
	}
	member = lbfo_member_get_rtnl(dev);
	if (!member)
		return NOTIFY_DONE;
	return lbfo_member_event(member, event, ptr);
}

static struct notifier_block lbfo_notifier_block = {
	.notifier_call = lbfo_netdev_event,
};

int lbfo_notifier_init(void)
{
	return register_netdevice_notifier(&lbfo_notifier_block);
}

void lbfo_notifier_uninit(void)
{
	unregister_netdevice_notifier(&lbfo_notifier_block);
}
