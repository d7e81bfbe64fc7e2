// SPDX-License-Identifier: GPL-2.0
/*
 * A team's parameters in netlink attributes.
 *
 * rtnetlink and the generic netlink family carry the same parameters under
 * different attribute numbers; struct lbfo_param_attrs maps them, so both
 * are parsed and filled by the same code. Ranges are checked by each
 * family's policy; what a policy cannot say (the probe targets' nest,
 * cross-checks) is checked here or in lbfo_params_check().
 */
#include <linux/in6.h>
#include <net/ipv6.h>
#include <linux/lbfo.h>
#include <linux/socket.h>

#include "device.h"
#include "params.h"

struct netlink_range_validation lbfo_range_flowlet_gap __ro_after_init = {
	.min = LBFO_FLOWLET_GAP_MIN,
	.max = LBFO_FLOWLET_GAP_MAX,
};

/* Ranges past S16_MAX need a range struct: NLA_POLICY_RANGE's are s16. */
struct netlink_range_validation lbfo_range_balance_interval __ro_after_init = {
	.min = LBFO_BALANCE_INTERVAL_MIN,
	.max = LBFO_BALANCE_INTERVAL_MAX,
};

struct netlink_range_validation lbfo_range_probe_interval __ro_after_init = {
	.max = LBFO_PROBE_INTERVAL_MAX,
};

struct netlink_range_validation lbfo_range_delay __ro_after_init = {
	.max = LBFO_DELAY_MAX,
};

struct netlink_range_validation lbfo_range_weight __ro_after_init = {
	.max = LBFO_WEIGHT_MAX,
};

const struct lbfo_param_attrs lbfo_rtnl_param_attrs = {
	.mode = IFLA_LBFO_MODE,
	.lb = IFLA_LBFO_LB,
	.hash_fields = IFLA_LBFO_HASH_FIELDS,
	.flowlet_gap = IFLA_LBFO_FLOWLET_GAP,
	.balance_interval = IFLA_LBFO_BALANCE_INTERVAL,
	.balance_threshold = IFLA_LBFO_BALANCE_THRESHOLD,
	.probe_interval = IFLA_LBFO_PROBE_INTERVAL,
	.probe_missed = IFLA_LBFO_PROBE_MISSED,
	.probe_targets = IFLA_LBFO_PROBE_TARGETS,
	.probe_target = IFLA_LBFO_PROBE_TARGET,
	.updelay = IFLA_LBFO_UPDELAY,
	.downdelay = IFLA_LBFO_DOWNDELAY,
	.min_links = IFLA_LBFO_MIN_LINKS,
	.lacp_rate = IFLA_LBFO_LACP_RATE,
	.lacp_active = IFLA_LBFO_LACP_ACTIVE,
	.lacp_sys_prio = IFLA_LBFO_LACP_SYS_PRIO,
	.lacp_system = IFLA_LBFO_LACP_SYSTEM,
	.lacp_independent = IFLA_LBFO_LACP_INDEPENDENT,
	.lacp_mixed_speed = IFLA_LBFO_LACP_MIXED_SPEED,
	.lacp_fallback = IFLA_LBFO_LACP_FALLBACK,
};

const struct lbfo_param_attrs lbfo_genl_param_attrs = {
	.mode = LBFO_A_TEAM_MODE,
	.lb = LBFO_A_TEAM_LB,
	.hash_fields = LBFO_A_HASH_FIELDS,
	.flowlet_gap = LBFO_A_FLOWLET_GAP,
	.balance_interval = LBFO_A_BALANCE_INTERVAL,
	.balance_threshold = LBFO_A_BALANCE_THRESHOLD,
	.probe_interval = LBFO_A_PROBE_INTERVAL,
	.probe_missed = LBFO_A_PROBE_MISSED,
	.probe_targets = LBFO_A_PROBE_TARGETS,
	.probe_target = LBFO_A_PROBE_TARGET,
	.updelay = LBFO_A_UPDELAY,
	.downdelay = LBFO_A_DOWNDELAY,
	.min_links = LBFO_A_MIN_LINKS,
	.lacp_rate = LBFO_A_LACP_RATE,
	.lacp_active = LBFO_A_LACP_ACTIVE,
	.lacp_sys_prio = LBFO_A_LACP_SYS_PRIO,
	.lacp_system = LBFO_A_LACP_SYSTEM,
	.lacp_independent = LBFO_A_LACP_INDEPENDENT,
	.lacp_mixed_speed = LBFO_A_LACP_MIXED_SPEED,
	.lacp_fallback = LBFO_A_LACP_FALLBACK,
};

static int lbfo_parse_targets(struct lbfo_params *p, const struct nlattr *nest,
			      int target_attr, struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	unsigned int n = 0;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		struct lbfo_probe_target *t = &p->targets[n];

		if (nla_type(a) != target_attr) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "Only probe targets belong in the target list");
			return -EINVAL;
		}
		if (n == LBFO_PROBE_TARGETS_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, a, "Too many probe targets (16 at most)");
			return -E2BIG;
		}
		memset(t, 0, sizeof(*t));
		if (nla_len(a) == 4) {
			t->family = AF_INET;
			t->addr.v4 = nla_get_in_addr(a);
			if (ipv4_is_multicast(t->addr.v4) ||
			    ipv4_is_zeronet(t->addr.v4) ||
			    ipv4_is_lbcast(t->addr.v4)) {
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "A probe target is a unicast address");
				return -EINVAL;
			}
		} else if (nla_len(a) == 16) {
			t->family = AF_INET6;
			t->addr.v6 = nla_get_in6_addr(a);
			if (ipv6_addr_is_multicast(&t->addr.v6) ||
			    ipv6_addr_any(&t->addr.v6)) {
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "A probe target is a unicast address");
				return -EINVAL;
			}
		} else {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "A probe target is an IPv4 (4 bytes) or IPv6 (16 bytes) address");
			return -EINVAL;
		}
		n++;
	}
	p->n_targets = n;
	return 0;
}

static void lbfo_get_u32(u32 *field, const struct nlattr *attr)
{
	if (attr)
		*field = nla_get_u32(attr);
}

static void lbfo_get_u8(u8 *field, const struct nlattr *attr)
{
	if (attr)
		*field = nla_get_u8(attr);
}

/**
 * lbfo_params_parse() - overlay the parameters given in attributes
 * @p: the parameters to change (a copy of the team's)
 * @attrs: parsed attributes, ranges already checked by the policy
 * @a: the family's attribute numbers
 * @extack: where to say why a refusal happened
 *
 * Return: 0 or a negative error code; @p may be partly changed on error.
 */
int lbfo_params_parse(struct lbfo_params *p, struct nlattr **attrs,
		      const struct lbfo_param_attrs *a,
		      struct netlink_ext_ack *extack)
{
	lbfo_get_u8(&p->mode, attrs[a->mode]);
	lbfo_get_u8(&p->lb, attrs[a->lb]);
	lbfo_get_u32(&p->hash_fields, attrs[a->hash_fields]);
	lbfo_get_u32(&p->flowlet_gap_us, attrs[a->flowlet_gap]);
	lbfo_get_u32(&p->balance_interval_ms, attrs[a->balance_interval]);
	lbfo_get_u32(&p->balance_threshold, attrs[a->balance_threshold]);
	lbfo_get_u32(&p->probe_interval_ms, attrs[a->probe_interval]);
	lbfo_get_u32(&p->probe_missed, attrs[a->probe_missed]);
	lbfo_get_u32(&p->updelay_ms, attrs[a->updelay]);
	lbfo_get_u32(&p->downdelay_ms, attrs[a->downdelay]);
	lbfo_get_u32(&p->min_links, attrs[a->min_links]);
	lbfo_get_u8(&p->lacp_rate, attrs[a->lacp_rate]);
	lbfo_get_u8(&p->lacp_active, attrs[a->lacp_active]);
	lbfo_get_u8(&p->lacp_independent, attrs[a->lacp_independent]);
	lbfo_get_u8(&p->lacp_mixed_speed, attrs[a->lacp_mixed_speed]);
	lbfo_get_u8(&p->lacp_fallback, attrs[a->lacp_fallback]);
	if (attrs[a->lacp_sys_prio])
		p->lacp_sys_prio = nla_get_u16(attrs[a->lacp_sys_prio]);
	if (attrs[a->lacp_system])
		nla_memcpy(p->lacp_system, attrs[a->lacp_system], ETH_ALEN);
	if (attrs[a->probe_targets])
		return lbfo_parse_targets(p, attrs[a->probe_targets],
					  a->probe_target, extack);
	return 0;
}

/* Is any parameter given? */
bool lbfo_params_given(struct nlattr **attrs,
		       const struct lbfo_param_attrs *a)
{
	return attrs[a->mode] || attrs[a->lb] || attrs[a->hash_fields] ||
	       attrs[a->flowlet_gap] || attrs[a->balance_interval] ||
	       attrs[a->balance_threshold] || attrs[a->probe_interval] ||
	       attrs[a->probe_missed] || attrs[a->probe_targets] ||
	       attrs[a->updelay] || attrs[a->downdelay] ||
	       attrs[a->min_links] || attrs[a->lacp_rate] ||
	       attrs[a->lacp_active] || attrs[a->lacp_sys_prio] ||
	       attrs[a->lacp_system] || attrs[a->lacp_independent] ||
	       attrs[a->lacp_mixed_speed] || attrs[a->lacp_fallback];
}

/**
 * lbfo_params_put() - put every parameter in a message
 * @skb: the message
 * @p: the parameters
 * @a: the family's attribute numbers
 *
 * Return: 0 or -EMSGSIZE.
 */
int lbfo_params_put(struct sk_buff *skb, const struct lbfo_params *p,
		    const struct lbfo_param_attrs *a)
{
	struct nlattr *nest;
	unsigned int i;

	if (nla_put_u8(skb, a->mode, p->mode) ||
	    nla_put_u8(skb, a->lb, p->lb) ||
	    nla_put_u32(skb, a->hash_fields, p->hash_fields) ||
	    nla_put_u32(skb, a->flowlet_gap, p->flowlet_gap_us) ||
	    nla_put_u32(skb, a->balance_interval, p->balance_interval_ms) ||
	    nla_put_u32(skb, a->balance_threshold, p->balance_threshold) ||
	    nla_put_u32(skb, a->probe_interval, p->probe_interval_ms) ||
	    nla_put_u32(skb, a->probe_missed, p->probe_missed) ||
	    nla_put_u32(skb, a->updelay, p->updelay_ms) ||
	    nla_put_u32(skb, a->downdelay, p->downdelay_ms) ||
	    nla_put_u32(skb, a->min_links, p->min_links) ||
	    nla_put_u8(skb, a->lacp_rate, p->lacp_rate) ||
	    nla_put_u8(skb, a->lacp_active, p->lacp_active) ||
	    nla_put_u16(skb, a->lacp_sys_prio, p->lacp_sys_prio) ||
	    nla_put(skb, a->lacp_system, ETH_ALEN, p->lacp_system) ||
	    nla_put_u8(skb, a->lacp_independent, p->lacp_independent) ||
	    nla_put_u8(skb, a->lacp_mixed_speed, p->lacp_mixed_speed) ||
	    nla_put_u8(skb, a->lacp_fallback, p->lacp_fallback))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, a->probe_targets);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < p->n_targets; i++) {
		const struct lbfo_probe_target *t = &p->targets[i];

		if (nla_put(skb, a->probe_target, t->family == AF_INET ? 4 : 16,
			    &t->addr)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Room lbfo_params_put() needs at most. */
size_t lbfo_params_size(void)
{
	return 7 * nla_total_size(sizeof(u8)) +
	       9 * nla_total_size(sizeof(u32)) +
	       nla_total_size(sizeof(u16)) + nla_total_size(ETH_ALEN) +
	       nla_total_size(0) +
	       LBFO_PROBE_TARGETS_MAX * nla_total_size(16);
}
