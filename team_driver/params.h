/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A team's parameters in netlink attributes: one parser and one filler for
 * both rtnetlink (IFLA_LBFO_*) and the generic netlink family (LBFO_A_*).
 */
#ifndef _LBFO_PARAMS_H
#define _LBFO_PARAMS_H

#include <net/netlink.h>

struct lbfo_params;

/**
 * struct lbfo_param_attrs - the attribute numbers of one netlink family
 * @mode: enum lbfo_mode, u8.
 * @lb: enum lbfo_lb, u8.
 * @hash_fields: u32.
 * @flowlet_gap: u32.
 * @balance_interval: u32.
 * @balance_threshold: u32.
 * @probe_interval: u32.
 * @probe_missed: u32.
 * @probe_targets: nest of @probe_target.
 * @probe_target: binary, 4 or 16 bytes.
 * @updelay: u32.
 * @downdelay: u32.
 * @min_links: u32.
 * @lacp_rate: u8.
 * @lacp_active: u8.
 * @lacp_sys_prio: u16.
 * @lacp_system: binary, ETH_ALEN bytes.
 * @lacp_independent: u8.
 * @lacp_mixed_speed: u8.
 * @lacp_fallback: u8.
 */
struct lbfo_param_attrs {
	int mode, lb, hash_fields, flowlet_gap, balance_interval;
	int balance_threshold, probe_interval, probe_missed, probe_targets;
	int probe_target, updelay, downdelay;
	int min_links, lacp_rate, lacp_active, lacp_sys_prio, lacp_system;
	int lacp_independent, lacp_mixed_speed, lacp_fallback;
};

/*
 * Ranges too wide for NLA_POLICY_RANGE's 16 bits, for both policies (not
 * const: the 6.1 policy type points at them without const).
 */
extern struct netlink_range_validation lbfo_range_flowlet_gap;
extern struct netlink_range_validation lbfo_range_balance_interval;
extern struct netlink_range_validation lbfo_range_probe_interval;
extern struct netlink_range_validation lbfo_range_delay;
extern struct netlink_range_validation lbfo_range_weight;

extern const struct lbfo_param_attrs lbfo_rtnl_param_attrs;
extern const struct lbfo_param_attrs lbfo_genl_param_attrs;

int lbfo_params_parse(struct lbfo_params *p, struct nlattr **attrs,
		      const struct lbfo_param_attrs *a,
		      struct netlink_ext_ack *extack);
bool lbfo_params_given(struct nlattr **attrs,
		       const struct lbfo_param_attrs *a);
int lbfo_params_put(struct sk_buff *skb, const struct lbfo_params *p,
		    const struct lbfo_param_attrs *a);
size_t lbfo_params_size(void);

#endif /* _LBFO_PARAMS_H */
