// SPDX-License-Identifier: GPL-2.0
/*
 * LACP in mode lacp: the glue between the pure 802.1AX machines of
 * policies/ and the team.
 *
 * Every machine runs under RTNL, in lbfo_lacp_states(), which
 * lbfo_team_refresh() calls on every change (links, members, parameters)
 * and the LACP work calls when a LACPDU arrived or a timer is due. The
 * receive path only parses a LACPDU into the member's mailbox (under
 * lbfo_team.lacp_lock), counts it and kicks the work; it answers Marker
 * PDUs itself. A member carries traffic while its mux machine collects and
 * distributes; the team's carrier follows from that (state.c).
 */
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>

#include "device.h"
#include "lacp.h"
#include "member.h"
#include "netlink.h"
#include "policies/lacp_select.h"
#include "policies/select.h"

/* The Slow Protocols multicast address (802.3 Annex 43B). */
static const u8 lbfo_slow_addr[ETH_ALEN] __aligned(2) = {
	0x01, 0x80, 0xc2, 0x00, 0x00, 0x02
};

/* At most this many LACPDUs per fast periodic time (802.1AX 43.4.16). */
#define LBFO_LACP_TX_MAX	3

/* The uapi names the same bits and states the policies use. */
static_assert(LBFO_LACP_STATE_SYNC == LBFO_LACP_SYNC);
static_assert(LBFO_LACP_STATE_EXPIRED == LBFO_LACP_EXPIRED);
static_assert((int)LBFO_LACP_RX_S_CURRENT == (int)LBFO_LACP_RX_CURRENT);
static_assert((int)LBFO_LACP_MUX_S_COLLECTING_DISTRIBUTING ==
	      (int)LBFO_LACP_MUX_COLLECTING_DISTRIBUTING);

/* Send one Slow Protocols frame of LBFO_LACPDU_LEN bytes on a member. */
static int lbfo_slow_xmit(const struct lbfo_member *member, const u8 *body)
{
	struct net_device *pdev = member->dev;
	struct sk_buff *skb;
	struct ethhdr *eth;

	skb = alloc_skb(LL_RESERVED_SPACE(pdev) + ETH_HLEN + LBFO_LACPDU_LEN,
			GFP_ATOMIC);
	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, LL_RESERVED_SPACE(pdev));
	skb_reset_mac_header(skb);
	eth = skb_put(skb, ETH_HLEN);
	ether_addr_copy(eth->h_dest, lbfo_slow_addr);
	/* The port's own address, not the team's (802.1AX 43.2.11). */
	ether_addr_copy(eth->h_source, member->orig_addr);
	eth->h_proto = htons(ETH_P_SLOW);
	skb_set_network_header(skb, ETH_HLEN);
	skb_put_data(skb, body, LBFO_LACPDU_LEN);
	skb->dev = pdev;
	skb->protocol = htons(ETH_P_SLOW);
	skb->priority = TC_PRIO_CONTROL;
	return dev_queue_xmit(skb);
}

/**
 * lbfo_lacp_rx() - a Slow Protocols frame arrived on a member (mode lacp)
 * @team: the team
 * @member: the member it came in on
 * @skb: the frame, data at the byte after the EtherType
 *
 * Context: the receive path (softirq, RCU).
 * Return: RX_HANDLER_CONSUMED for LACPDUs and Marker PDUs, which are the
 * team's; RX_HANDLER_EXACT for other slow protocols, left to the member
 * device.
 */
rx_handler_result_t lbfo_lacp_rx(struct lbfo_team *team,
				 struct lbfo_member *member,
				 struct sk_buff *skb)
{
	struct lbfo_lacp_port *lp = &member->lacp;
	u8 buf[LBFO_LACPDU_LEN], reply[LBFO_LACPDU_LEN];
	unsigned int len = min_t(unsigned int, skb->len, sizeof(buf));
	struct lbfo_lacpdu pdu;
	bool ok;

	if (skb_copy_bits(skb, 0, buf, len) || !len)
		goto error;
	if (buf[0] == LBFO_MARKER_SUBTYPE) {
		if (!lbfo_marker_response(buf, len, reply))
			goto error;
		lbfo_slow_xmit(member, reply);
		consume_skb(skb);
		return RX_HANDLER_CONSUMED;
	}
	if (buf[0] != LBFO_LACP_SUBTYPE)
		return RX_HANDLER_EXACT;

	ok = lbfo_lacpdu_parse(buf, len, &pdu) == LBFO_LACPDU_OK;
	spin_lock(&team->lacp_lock);
	if (ok) {
		lp->pdu = pdu;
		lp->pdu_new = true;
		lp->rx_pdus++;
	} else {
		lp->rx_errors++;
	}
	spin_unlock(&team->lacp_lock);
	if (ok)
		mod_delayed_work(system_wq, &team->lacp_work, 0);
	consume_skb(skb);
	return RX_HANDLER_CONSUMED;

error:
	spin_lock(&team->lacp_lock);
	lp->rx_errors++;
	spin_unlock(&team->lacp_lock);
	kfree_skb(skb);
	return RX_HANDLER_CONSUMED;
}

/**
 * lbfo_lacp_counters() - a member's LACPDU receive counters
 * @member: the member
 * @rx_pdus: LACPDUs received
 * @rx_errors: malformed Slow Protocols frames
 */
void lbfo_lacp_counters(const struct lbfo_member *member, u64 *rx_pdus,
			u64 *rx_errors)
{
	struct lbfo_team *team = member->team;

	spin_lock_bh(&team->lacp_lock);
	*rx_pdus = member->lacp.rx_pdus;
	*rx_errors = member->lacp.rx_errors;
	spin_unlock_bh(&team->lacp_lock);
}

/* Our information on a member's port, from the parameters. RTNL. */
static void lbfo_lacp_actor(const struct lbfo_team *team,
			    struct lbfo_member *member)
{
	const u8 keep = LBFO_LACP_SYNC | LBFO_LACP_COLLECTING |
			LBFO_LACP_DISTRIBUTING | LBFO_LACP_DEFAULTED |
			LBFO_LACP_EXPIRED;
	struct lbfo_lacp_info *a = &member->lacp.rx.actor;
	const u8 *system = team->p.lacp_system;
	u8 state = (a->state & keep) | LBFO_LACP_AGGREGATION;

	if (is_zero_ether_addr(system))
		system = team->dev->dev_addr;
	if (team->p.lacp_active)
		state |= LBFO_LACP_ACTIVITY;
	if (team->p.lacp_rate == LBFO_LACP_RATE_FAST)
		state |= LBFO_LACP_TIMEOUT;
	if (a->system_priority != team->p.lacp_sys_prio ||
	    !ether_addr_equal(a->system, system) ||
	    a->key != member->lacp_key ||
	    a->port_priority != member->lacp_prio ||
	    a->port != member->slot + 1 || a->state != state)
		member->lacp.rx.ntt = true;
	a->system_priority = team->p.lacp_sys_prio;
	ether_addr_copy(a->system, system);
	a->key = member->lacp_key;
	a->port_priority = member->lacp_prio;
	a->port = member->slot + 1;
	a->state = state;
	member->lacp.mux.independent = team->p.lacp_independent;
}

/**
 * lbfo_lacp_port_init() - a member's LACP machines at BEGIN
 * @member: the member, joining
 *
 * The partner's administrative defaults: nobody (system 0, key 0), passive,
 * asking for the fast rate, so that a partner that appears is heard soon,
 * and not in sync, so a defaulted port never carries traffic.
 *
 * Context: RTNL.
 */
void lbfo_lacp_port_init(struct lbfo_member *member)
{
	struct lbfo_lacp_port *lp = &member->lacp;

	memset(&lp->rx, 0, sizeof(lp->rx));
	lp->rx.partner_admin.state = LBFO_LACP_TIMEOUT;
	lbfo_lacp_actor(member->team, member);
	lbfo_lacp_rx_begin(&lp->rx);
	memset(&lp->pm, 0, sizeof(lp->pm));
	memset(&lp->mux, 0, sizeof(lp->mux));
	lbfo_lacp_churn_begin(&lp->churn, ktime_get_ns());
	lp->aggregator = 0;
	lp->why = LBFO_LACP_WHY_LINK;
	WRITE_ONCE(lp->collecting, false);
}

/**
 * lbfo_lacp_port_open() - let a joining member receive Slow Protocols frames
 * @member: the member, joining a team in mode lacp (nothing otherwise)
 *
 * NICs filter multicast: 01:80:c2:00:00:02 must be in the member's list.
 *
 * Context: RTNL.
 * Return: 0 or the device's error.
 */
int lbfo_lacp_port_open(struct lbfo_member *member)
{
	int err;

	if (member->team->p.mode != LBFO_MODE_LACP)
		return 0;
	err = dev_mc_add(member->dev, lbfo_slow_addr);
	member->lacp_mc = !err;
	return err;
}

/* Undo lbfo_lacp_port_open(). RTNL. */
void lbfo_lacp_port_close(struct lbfo_member *member)
{
	if (member->lacp_mc)
		dev_mc_del(member->dev, lbfo_slow_addr);
	member->lacp_mc = false;
}

/*
 * A partner spoke and its information still holds (or expired once): not
 * the EXPIRED a port starts in, which holds the defaults.
 */
static bool lbfo_lacp_partner_known(const struct lbfo_lacp_port *lp)
{
	if (lp->rx.actor.state & LBFO_LACP_DEFAULTED)
		return false;
	return lp->rx.state == LBFO_LACP_RX_CURRENT ||
	       lp->rx.state == LBFO_LACP_RX_EXPIRED;
}

/* Send a LACPDU if one is needed and allowed. Return its deadline, or 0. */
static u64 lbfo_lacp_tx(struct lbfo_member *member, bool enabled, u64 now)
{
	struct lbfo_lacp_port *lp = &member->lacp;
	u8 buf[LBFO_LACPDU_LEN];
	struct lbfo_lacpdu pdu = {
		.version = LBFO_LACP_VERSION,
		.actor = lp->rx.actor,
		.partner = lp->rx.partner,
	};

	if (!lp->rx.ntt)
		return 0;
	if (!enabled || !((lp->rx.actor.state | lp->rx.partner.state) &
			  LBFO_LACP_ACTIVITY)) {
		lp->rx.ntt = false;
		return 0;
	}
	if (now - lp->tx_window_ns >= LBFO_LACP_FAST_PERIODIC_NS) {
		lp->tx_window_ns = now;
		lp->tx_in_window = 0;
	}
	if (lp->tx_in_window >= LBFO_LACP_TX_MAX)
		return lp->tx_window_ns + LBFO_LACP_FAST_PERIODIC_NS;
	/* A defaulted partner is nobody: say so with zeroes. */
	if (lp->rx.actor.state & LBFO_LACP_DEFAULTED)
		memset(&pdu.partner, 0, sizeof(pdu.partner));
	lbfo_lacpdu_build(&pdu, buf);
	lp->tx_in_window++;
	lp->rx.ntt = false;
	if (!lbfo_slow_xmit(member, buf))
		lp->tx_pdus++;
	return 0;
}

static void lbfo_lacp_view(const struct lbfo_lacp_port *lp,
			   struct lbfo_lacp_view *v)
{
	memset(v, 0, sizeof(*v));
	v->actor = lp->rx.actor;
	v->partner = lp->rx.partner;
	v->rx = lp->rx.state;
	v->mux = lp->mux.state;
	v->selected = lp->rx.selected;
	v->why = lp->why;
	v->aggregator = lp->aggregator;
	v->actor_churn = lp->churn.actor == LBFO_LACP_CHURN;
	v->partner_churn = lp->churn.partner == LBFO_LACP_CHURN;
}

static void lbfo_lacp_arm(struct lbfo_team *team, u64 deadline, u64 now)
{
	if (!deadline)
		return;
	mod_delayed_work(system_wq, &team->lacp_work,
			 nsecs_to_jiffies(deadline > now ? deadline - now : 0) + 1);
}

static void lbfo_min_deadline(u64 *deadline, u64 d)
{
	if (d && (!*deadline || d < *deadline))
		*deadline = d;
}

/* Receive: the port's conditions, then the LACPDU in the mailbox. */
static void lbfo_lacp_receive(struct lbfo_team *team,
			      struct lbfo_member *member, bool enabled, u64 now)
{
	struct lbfo_lacp_port *lp = &member->lacp;
	u8 selected = lp->rx.selected;
	struct lbfo_lacpdu pdu;
	bool have = false;

	lbfo_lacp_actor(team, member);
	lbfo_lacp_rx_port(&lp->rx, enabled, !member->half_duplex, now);
	spin_lock_bh(&team->lacp_lock);
	if (lp->pdu_new) {
		pdu = lp->pdu;
		lp->pdu_new = false;
		have = true;
	}
	spin_unlock_bh(&team->lacp_lock);
	if (have)
		lbfo_lacp_rx_pdu(&lp->rx, &pdu, now);
	/* The partner changed: detach before selecting again. */
	if (selected != LBFO_LACP_UNSELECTED &&
	    lp->rx.selected == LBFO_LACP_UNSELECTED &&
	    lbfo_lacp_mux_run(&lp->mux, LBFO_LACP_UNSELECTED, false,
			      lp->rx.partner.state, &lp->rx.actor.state, now))
		lp->rx.ntt = true;
}

/* Why a selected member does not carry traffic (yet), or NONE. */
static u8 lbfo_lacp_selected_why(const struct lbfo_lacp_port *lp)
{
	switch (lp->mux.state) {
	case LBFO_LACP_MUX_ATTACHED:
	case LBFO_LACP_MUX_COLLECTING:
		return LBFO_LACP_WHY_PARTNER_SYNC;
	}
	return LBFO_LACP_WHY_NONE;
}

/*
 * Fallback: the member that carries traffic while no partner speaks LACP
 * (every enabled port defaulted), or NULL when the fallback is not in
 * force: the first enabled member with role active, else the first one.
 */
static struct lbfo_member *lbfo_lacp_fallback(struct lbfo_team *team,
					      const bool *enabled)
{
	struct lbfo_member *member, *first = NULL, *active = NULL;
	unsigned int i = 0;

	if (!team->p.lacp_fallback)
		return NULL;
	list_for_each_entry(member, &team->members, list) {
		u8 rx = member->lacp.rx.state;

		if (!enabled[i++])
			continue;
		if (rx != LBFO_LACP_RX_DEFAULTED &&
		    rx != LBFO_LACP_RX_LACP_DISABLED)
			return NULL;
		if (!first)
			first = member;
		if (!active && member->role == LBFO_ROLE_ACTIVE)
			active = member;
	}
	return active ?: first;
}

/* Say in the log why a member cannot join the aggregator, when that changes. */
static void lbfo_lacp_log_why(const struct lbfo_team *team,
			      const struct lbfo_member *member)
{
	const struct lbfo_lacp_port *lp = &member->lacp;
	const char *name = member->dev->name;

	switch (lp->why) {
	case LBFO_LACP_WHY_NO_PARTNER:
		/* Not while a joining port waits for its first LACPDU. */
		if (lp->rx.state == LBFO_LACP_RX_DEFAULTED)
			netdev_info(team->dev, "%s: LACP: no partner (no LACPDU within the timeout)\n",
				    name);
		break;
	case LBFO_LACP_WHY_INDIVIDUAL:
		netdev_info(team->dev, "%s: LACP: not aggregatable (individual link)\n",
			    name);
		break;
	case LBFO_LACP_WHY_OTHER_GROUP:
		netdev_info(team->dev,
			    "%s: LACP: partner %pM key %u is not the aggregator's: not aggregated\n",
			    name, lp->rx.partner.system, lp->rx.partner.key);
		break;
	case LBFO_LACP_WHY_KEY:
		netdev_info(team->dev,
			    "%s: LACP: key %u is not the aggregator's: not aggregated\n",
			    name, lp->rx.actor.key);
		break;
	case LBFO_LACP_WHY_SPEED:
		netdev_info(team->dev,
			    "%s: LACP: speed %u Mb/s is not the aggregator's: not aggregated (lacp-mixed-speed allows it)\n",
			    name, member->speed);
		break;
	case LBFO_LACP_WHY_HALF_DUPLEX:
		netdev_info(team->dev,
			    "%s: LACP: half-duplex links cannot be aggregated\n",
			    name);
		break;
	}
}

/**
 * lbfo_lacp_states() - run every member's LACP machines; member states
 * @team: the team, in mode lacp
 * @in: per member in list order: link (after delays) and admin state
 * @n: number of members
 * @state: filled with each member's enum lbfo_member_state
 * @now: the time now
 *
 * Sends the LACPDUs that are due, arms the LACP work for the next timer
 * and marks the members whose LACP information changed for an event
 * (lbfo_lacp_report()).
 *
 * Context: RTNL.
 * Return: how many members carry traffic.
 */
unsigned int lbfo_lacp_states(struct lbfo_team *team,
			      const struct lbfo_select_in *in, unsigned int n,
			      u8 *state, u64 now)
{
	struct lbfo_lacp_sel_port *sel = team->lacp_sel;
	bool enabled[LBFO_MAX_MEMBERS];
	struct lbfo_member *member, *fallback;
	unsigned int i, carriers = 0;
	bool ready = true, was_fallback;
	u64 deadline = 0;
	u16 cur_agg = 0;

	ASSERT_RTNL();
	i = 0;
	list_for_each_entry(member, &team->members, list) {
		struct lbfo_lacp_port *lp = &member->lacp;

		enabled[i] = in[i].link_up && in[i].admin_up;
		/*
		 * The aggregator in use, for selection to keep: known by a
		 * port of it that stays, since its number may leave.
		 */
		if (enabled[i] && lp->rx.selected == LBFO_LACP_SELECTED &&
		    (!cur_agg || lp->rx.actor.port < cur_agg))
			cur_agg = lp->rx.actor.port;
		lbfo_lacp_receive(team, member, enabled[i], now);
		memset(&sel[i], 0, sizeof(sel[i]));
		sel[i].enabled = enabled[i];
		sel[i].partner_known = lbfo_lacp_partner_known(lp);
		sel[i].full_duplex = !member->half_duplex;
		sel[i].speed = member->speed;
		sel[i].port = lp->rx.actor.port;
		sel[i].key = lp->rx.actor.key;
		sel[i].actor_state = lp->rx.actor.state;
		sel[i].partner = lp->rx.partner;
		i++;
	}
	lbfo_lacp_select(sel, n, team->p.lacp_mixed_speed, cur_agg);

	i = 0;
	list_for_each_entry(member, &team->members, list) {
		struct lbfo_lacp_port *lp = &member->lacp;

		lp->rx.selected = sel[i].selected;
		lp->aggregator = sel[i].aggregator;
		lp->why = sel[i].why;
		if (lp->rx.selected == LBFO_LACP_SELECTED)
			ready &= lbfo_lacp_mux_waited(&lp->mux, now);
		i++;
	}

	fallback = lbfo_lacp_fallback(team, enabled);
	i = 0;
	list_for_each_entry(member, &team->members, list) {
		struct lbfo_lacp_port *lp = &member->lacp;
		struct lbfo_lacp_view v;
		bool distributing;
		u8 *actor = &lp->rx.actor.state;

		if (lbfo_lacp_mux_run(&lp->mux, lp->rx.selected, ready,
				      lp->rx.partner.state, actor, now))
			lp->rx.ntt = true;
		lbfo_lacp_churn_run(&lp->churn, enabled[i], *actor,
				    lp->rx.partner.state, now);
		if (lbfo_lacp_periodic_run(&lp->pm,
					   enabled[i] && !member->half_duplex,
					   *actor, lp->rx.partner.state, now))
			lp->rx.ntt = true;
		lbfo_min_deadline(&deadline, lbfo_lacp_tx(member, enabled[i],
							  now));

		distributing = lp->mux.state ==
			       LBFO_LACP_MUX_COLLECTING_DISTRIBUTING;
		if (lp->rx.selected == LBFO_LACP_SELECTED)
			lp->why = lbfo_lacp_selected_why(lp);
		if (fallback) {
			distributing = member == fallback;
			lp->why = distributing ? LBFO_LACP_WHY_NONE :
				  enabled[i] ? LBFO_LACP_WHY_FALLBACK :
				  LBFO_LACP_WHY_LINK;
		}
		WRITE_ONCE(lp->collecting, distributing ||
			   lp->mux.state == LBFO_LACP_MUX_COLLECTING);
		if (!enabled[i])
			state[i] = LBFO_STATE_DOWN;
		else if (distributing)
			state[i] = LBFO_STATE_ACTIVE;
		else
			state[i] = LBFO_STATE_STANDBY;
		carriers += state[i] == LBFO_STATE_ACTIVE;

		lbfo_min_deadline(&deadline, lbfo_lacp_rx_deadline(&lp->rx));
		lbfo_min_deadline(&deadline, lp->pm.due_ns);
		lbfo_min_deadline(&deadline, lbfo_lacp_mux_deadline(&lp->mux));
		lbfo_min_deadline(&deadline,
				  lbfo_lacp_churn_deadline(&lp->churn));

		lbfo_lacp_view(lp, &v);
		if (memcmp(&v, &lp->seen, sizeof(v))) {
			if (v.why != lp->seen.why ||
			    (v.why == LBFO_LACP_WHY_NO_PARTNER &&
			     v.rx != lp->seen.rx))
				lbfo_lacp_log_why(team, member);
			lp->seen = v;
			member->lacp_report = true;
		}
		i++;
	}
	was_fallback = team->lacp_state == LBFO_LACP_TEAM_FALLBACK;
	if (!!fallback != was_fallback)
		netdev_info(team->dev, fallback ?
			    "LACP: no partner on any member: falling back to active/standby\n" :
			    "LACP: a partner speaks LACP: fallback ends\n");
	if (fallback)
		team->lacp_state = LBFO_LACP_TEAM_FALLBACK;
	else if (carriers)
		team->lacp_state = LBFO_LACP_TEAM_AGGREGATED;
	else
		team->lacp_state = LBFO_LACP_TEAM_NEGOTIATING;
	lbfo_lacp_arm(team, deadline, now);
	return carriers;
}

/**
 * lbfo_lacp_team_state() - the team's enum lbfo_lacp_team_state, to report
 * @team: the team
 *
 * A team in mode lacp whose machines have not run yet (no member has
 * joined) is negotiating.
 *
 * Context: RTNL.
 */
u8 lbfo_lacp_team_state(const struct lbfo_team *team)
{
	if (team->p.mode != LBFO_MODE_LACP)
		return LBFO_LACP_TEAM_OFF;
	return team->lacp_state ?: LBFO_LACP_TEAM_NEGOTIATING;
}

/**
 * lbfo_lacp_report() - send the LACP events that are due
 * @team: the team
 *
 * After lbfo_team_refresh() has published the member states, so an event
 * says the state that goes with its LACP information.
 *
 * Context: RTNL.
 */
void lbfo_lacp_report(struct lbfo_team *team)
{
	struct lbfo_member *member;

	ASSERT_RTNL();
	list_for_each_entry(member, &team->members, list) {
		if (!member->lacp_report)
			continue;
		member->lacp_report = false;
		lbfo_nl_lacp_event(member);
	}
}

/* LACPDUs arrived or a timer is due: run the machines. */
static void lbfo_lacp_work(struct work_struct *work)
{
	struct lbfo_team *team = container_of(to_delayed_work(work),
					      struct lbfo_team, lacp_work);

	if (!rtnl_trylock()) {
		mod_delayed_work(system_wq, &team->lacp_work, 1);
		return;
	}
	if (team->p.mode == LBFO_MODE_LACP)
		lbfo_team_refresh(team, NULL, LBFO_REASON_LACP);
	rtnl_unlock();
}

/**
 * lbfo_lacp_init() - set up a new team's LACP lock and work
 * @team: the team, not yet registered
 */
void lbfo_lacp_init(struct lbfo_team *team)
{
	spin_lock_init(&team->lacp_lock);
	INIT_DELAYED_WORK(&team->lacp_work, lbfo_lacp_work);
}

/* Cancel the LACP work; it takes RTNL only with rtnl_trylock(). RTNL. */
void lbfo_lacp_stop(struct lbfo_team *team)
{
	cancel_delayed_work_sync(&team->lacp_work);
}
