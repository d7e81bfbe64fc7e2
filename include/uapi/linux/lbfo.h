/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * lbfo: host NIC teaming (load balancing and failover), kernel/user ABI.
 *
 * This header is the documentation of the interface. Everything a program can
 * say to lbfo.ko, or read from it, is declared and explained here.
 *
 * The team device
 * ---------------
 * A team is a network device of link kind "lbfo":
 *
 *	ip link add team0 type lbfo
 *	ip link set eth0 master team0		# eth0 joins as an active member
 *	ip link set eth0 nomaster		# eth0 leaves, as it was before
 *	ip link del team0
 *
 * A member (any Ethernet device that is not loopback, not the team itself, not
 * above the team, and not already used by another master or rx handler) takes
 * the team's MAC address and MTU while it is a member; both are given back when
 * it leaves. At most LBFO_MAX_MEMBERS devices are members of one team.
 *
 * Roles and states
 * ----------------
 * Each member has a configured role (enum lbfo_member_role) and a state that
 * the team computes from the roles and the links of all members
 * (enum lbfo_member_state):
 *
 *  - A member is "down" when it is not running or has no carrier.
 *  - While at least one member with role "active" is up, every up member with
 *    role "active" carries traffic (state "active") and every up member with
 *    role "standby" carries nothing (state "standby": frames it receives are
 *    not delivered to the team, and nothing is sent on it).
 *  - When no member with role "active" is up, every up "standby" member
 *    carries traffic. When an active member comes back, the standby members
 *    return to state "standby".
 *
 * Roles and states change on link events (carrier, up/down), not by polling.
 * The team has carrier while at least one member carries traffic.
 *
 * rtnetlink attributes
 * --------------------
 * Team attributes are nested in IFLA_LINKINFO / IFLA_INFO_DATA (enum
 * lbfo_team_attr); member attributes in IFLA_LINKINFO / IFLA_INFO_SLAVE_DATA
 * of the member device, with IFLA_INFO_SLAVE_KIND "lbfo" (enum
 * lbfo_member_attr). Attributes marked read-only are reported by RTM_GETLINK
 * and rejected by RTM_NEWLINK/RTM_SETLINK; the others may be set with
 * RTM_NEWLINK on the member device (what `ip link set DEV type lbfo_slave ...`
 * would send). Setting anything requires CAP_NET_ADMIN in the device's network
 * namespace, as for every rtnetlink change.
 *
 * Counters
 * --------
 * The team's own counters are the usual interface statistics (`ip -s link show
 * team0`): what the team transmitted on and received from all of its members.
 * Per-member counters, as seen by the team, are in `ethtool -S team0`, named
 * "<member>.tx_packets", "<member>.tx_bytes", "<member>.rx_packets" and
 * "<member>.rx_bytes".
 */
#ifndef _UAPI_LINUX_LBFO_H
#define _UAPI_LINUX_LBFO_H

#define LBFO_KIND		"lbfo"

/* Most members one team may have. */
#define LBFO_MAX_MEMBERS	64

/**
 * enum lbfo_member_role - what a member is configured to do
 * @LBFO_ROLE_ACTIVE: carries traffic whenever its link is up (the default).
 * @LBFO_ROLE_STANDBY: carries traffic only while no active member is up.
 */
enum lbfo_member_role {
	LBFO_ROLE_ACTIVE,
	LBFO_ROLE_STANDBY,
	__LBFO_ROLE_MAX,
};

#define LBFO_ROLE_MAX (__LBFO_ROLE_MAX - 1)

/**
 * enum lbfo_member_state - what a member is doing now
 * @LBFO_STATE_ACTIVE: carries traffic.
 * @LBFO_STATE_STANDBY: link up, ready, carries nothing.
 * @LBFO_STATE_DOWN: not running or no carrier.
 */
enum lbfo_member_state {
	LBFO_STATE_ACTIVE,
	LBFO_STATE_STANDBY,
	LBFO_STATE_DOWN,
	__LBFO_STATE_MAX,
};

/**
 * enum lbfo_team_attr - team attributes, in IFLA_INFO_DATA
 * @IFLA_LBFO_UNSPEC: unused.
 * @IFLA_LBFO_MEMBERS: u32, read-only: number of members.
 * @IFLA_LBFO_CARRIERS: u32, read-only: number of members carrying traffic
 *	now (state LBFO_STATE_ACTIVE).
 */
enum lbfo_team_attr {
	IFLA_LBFO_UNSPEC,
	IFLA_LBFO_MEMBERS,
	IFLA_LBFO_CARRIERS,
	__IFLA_LBFO_MAX,
};

#define IFLA_LBFO_MAX (__IFLA_LBFO_MAX - 1)

/**
 * enum lbfo_member_attr - member attributes, in IFLA_INFO_SLAVE_DATA
 * @IFLA_LBFO_MEMBER_UNSPEC: unused.
 * @IFLA_LBFO_MEMBER_ROLE: u8, enum lbfo_member_role; settable.
 * @IFLA_LBFO_MEMBER_STATE: u8, enum lbfo_member_state; read-only.
 */
enum lbfo_member_attr {
	IFLA_LBFO_MEMBER_UNSPEC,
	IFLA_LBFO_MEMBER_ROLE,
	IFLA_LBFO_MEMBER_STATE,
	__IFLA_LBFO_MEMBER_MAX,
};

#define IFLA_LBFO_MEMBER_MAX (__IFLA_LBFO_MEMBER_MAX - 1)

#endif /* _UAPI_LINUX_LBFO_H */
