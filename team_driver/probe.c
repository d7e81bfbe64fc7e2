// SPDX-License-Identifier: GPL-2.0
/*
 * The link monitor's probes.
 *
 * Every probe interval, each member sends an ARP request for every IPv4
 * target and a neighbour solicitation for every IPv6 target, from its own
 * MAC address, so the answers come back to it. The receive path notes when
 * a member last got ARP or neighbour discovery from a target
 * (lbfo_probe_rx(), lock-free); lbfo_team_refresh() then finds which
 * members' probes are answered. The work takes RTNL with rtnl_trylock(), so
 * cancelling it under RTNL is safe.
 */
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/arp.h>
#include <net/ndisc.h>

#include "device.h"
#include "member.h"
#include "probe.h"

static void lbfo_probe_arp(struct lbfo_team *team, struct net_device *pdev,
			   __be32 target)
{
	struct sk_buff *skb;
	__be32 src;

	rcu_read_lock();
	src = inet_select_addr(team->dev, target, RT_SCOPE_LINK);
	rcu_read_unlock();
	skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, target, pdev, src, NULL,
			 NULL, NULL);
	if (skb)
		arp_xmit(skb);
}

static void lbfo_probe_ns(struct lbfo_team *team, struct net_device *pdev,
			  const struct in6_addr *target)
{
	struct in6_addr saddr, mcaddr;
	struct sk_buff *skb;

	if (ipv6_dev_get_saddr(dev_net(team->dev), team->dev, target, 0,
			       &saddr))
		saddr = in6addr_any;
	skb = ndisc_ns_create(pdev, target, &saddr, 0);
	if (!skb)
		return;
	addrconf_addr_solict_mult(target, &mcaddr);
	ndisc_send_skb(skb, &mcaddr, &saddr);
}

static void lbfo_probe_send(struct lbfo_team *team)
{
	struct lbfo_member *member;
	unsigned int i;

	list_for_each_entry(member, &team->members, list) {
		if (!netif_running(member->dev) ||
		    !netif_carrier_ok(member->dev))
			continue;
		for (i = 0; i < team->p.n_targets; i++) {
			const struct lbfo_probe_target *t = &team->p.targets[i];

			if (t->family == AF_INET)
				lbfo_probe_arp(team, member->dev, t->addr.v4);
			else
				lbfo_probe_ns(team, member->dev, &t->addr.v6);
		}
	}
}

static void lbfo_probe_work(struct work_struct *work)
{
	struct lbfo_team *team = container_of(to_delayed_work(work),
					      struct lbfo_team, probe_work);

	if (!rtnl_trylock()) {
		mod_delayed_work(system_wq, &team->probe_work, 1);
		return;
	}
	if (team->p.probe_interval_ms && netif_running(team->dev)) {
		/* Judge the last interval's answers, then probe again. */
		lbfo_team_refresh(team, NULL, LBFO_REASON_LINK);
		lbfo_probe_send(team);
		mod_delayed_work(system_wq, &team->probe_work,
				 msecs_to_jiffies(team->p.probe_interval_ms));
	}
	rtnl_unlock();
}

void lbfo_probe_init(struct lbfo_team *team)
{
	INIT_DELAYED_WORK(&team->probe_work, lbfo_probe_work);
}

/* Probe while the team is up and probing is on. RTNL. */
void lbfo_probe_update(struct lbfo_team *team)
{
	ASSERT_RTNL();
	if (team->p.probe_interval_ms && netif_running(team->dev))
		mod_delayed_work(system_wq, &team->probe_work, 0);
}

/* The work takes RTNL only by trylock: cancelling it under RTNL is safe. */
void lbfo_probe_stop(struct lbfo_team *team)
{
	cancel_delayed_work_sync(&team->probe_work);
}

static bool lbfo_probe_target(const struct lbfo_team *team, u8 family,
			      const void *addr)
{
	unsigned int i, n = READ_ONCE(team->p.n_targets);

	for (i = 0; i < n && i < LBFO_PROBE_TARGETS_MAX; i++) {
		const struct lbfo_probe_target *t = &team->p.targets[i];

		if (t->family == family &&
		    !memcmp(&t->addr, addr, family == AF_INET ? 4 : 16))
			return true;
	}
	return false;
}

/**
 * lbfo_probe_rx() - note a probe answer received by a member
 * @team: the team
 * @member: the member that received @skb
 * @skb: a received frame, skb->data at its network header
 *
 * Any ARP packet from a target, or neighbour solicitation or advertisement
 * from one, counts. Reads the packet only (it may be shared).
 *
 * Context: the receive path (RCU).
 */
void lbfo_probe_rx(struct lbfo_team *team, struct lbfo_member *member,
		   const struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_ARP)) {
		struct {
			struct arphdr hdr;
			u8 sha[ETH_ALEN];
			__be32 sip;
		} __packed buf, *arp;

		arp = skb_header_pointer(skb, 0, sizeof(buf), &buf);
		if (!arp || arp->hdr.ar_pro != htons(ETH_P_IP) ||
		    arp->hdr.ar_hln != ETH_ALEN || arp->hdr.ar_pln != 4 ||
		    !lbfo_probe_target(team, AF_INET, &arp->sip))
			return;
	} else if (skb->protocol == htons(ETH_P_IPV6)) {
		struct {
			struct ipv6hdr ip;
			u8 type;
		} __packed buf, *nd;

		nd = skb_header_pointer(skb, 0, sizeof(buf), &buf);
		if (!nd || nd->ip.nexthdr != IPPROTO_ICMPV6 ||
		    (nd->type != NDISC_NEIGHBOUR_SOLICITATION &&
		     nd->type != NDISC_NEIGHBOUR_ADVERTISEMENT) ||
		    !lbfo_probe_target(team, AF_INET6, &nd->ip.saddr))
			return;
	} else {
		return;
	}
	WRITE_ONCE(member->probe_rx_ns, ktime_get_ns());
}
