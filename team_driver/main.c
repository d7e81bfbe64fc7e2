// SPDX-License-Identifier: GPL-2.0
/*
 * lbfo: host NIC teaming (load balancing and failover). Module init and exit.
 *
 * The notifier is registered before the link kind and removed after it, so
 * it sees every member of every team for as long as teams exist: unregistering
 * the link kind deletes the remaining teams, which releases their members.
 * The generic netlink family comes last and goes first, so no request can
 * create a team once the link kind is going away.
 */
#include <linux/module.h>
#include <net/rtnetlink.h>

#include "netlink.h"
#include "notifier.h"
#include "rtnl.h"

static int __init lbfo_module_init(void)
{
	int err;

	err = lbfo_notifier_init();
	if (err)
		return err;
	err = lbfo_rtnl_init();
	if (err)
		goto err_rtnl;
	err = lbfo_netlink_init();
	if (err)
		goto err_netlink;
	return 0;

err_netlink:
	lbfo_rtnl_uninit();
err_rtnl:
	lbfo_notifier_uninit();
	return err;
}

static void __exit lbfo_module_exit(void)
{
	lbfo_netlink_uninit();
	lbfo_rtnl_uninit();
	lbfo_notifier_uninit();
	/* Members are freed by call_rcu() callbacks in this module. */
	rcu_barrier();
}

module_init(lbfo_module_init);
module_exit(lbfo_module_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Host NIC teaming: load balancing and failover");
MODULE_ALIAS_RTNL_LINK("lbfo");
