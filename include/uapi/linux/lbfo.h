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
 *  - A member is "down" when it is not running, has no carrier, or is
 *    administratively down in the team (LBFO_MEMBER_A_ADMIN 0: the team
 *    keeps it but does not use it; the device itself stays up).
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
 * enum lbfo_mode - teaming mode: what the switch on the other side does
 * @LBFO_MODE_SWITCH_INDEPENDENT: no switch configuration; members may go
 *	to different switches (not implemented yet).
 * @LBFO_MODE_STATIC: the switch has a static link aggregation group over
 *	the members' ports; all members use the team's MAC address. The
 *	default, and the only mode implemented so far.
 * @LBFO_MODE_LACP: IEEE 802.1AX negotiated aggregation (not implemented
 *	yet).
 *
 * Names, as teamctl and its JSON spell them: "switch-independent", "static",
 * "lacp".
 */
enum lbfo_mode {
	LBFO_MODE_SWITCH_INDEPENDENT,
	LBFO_MODE_STATIC,
	LBFO_MODE_LACP,
	__LBFO_MODE_MAX,
};

#define LBFO_MODE_MAX (__LBFO_MODE_MAX - 1)

/**
 * enum lbfo_lb - load-balancing algorithm: how transmitted flows are spread
 * @LBFO_LB_ADDRESS_HASH: by a hash of each flow's addresses and ports, so a
 *	flow stays on one member. The default, and the only algorithm
 *	implemented so far.
 * @LBFO_LB_HYPERV_PORT: by virtual switch port (not implemented yet).
 * @LBFO_LB_DYNAMIC: flowlets moved by measured load (not implemented yet).
 *
 * Names: "address-hash", "hyperv-port", "dynamic".
 */
enum lbfo_lb {
	LBFO_LB_ADDRESS_HASH,
	LBFO_LB_HYPERV_PORT,
	LBFO_LB_DYNAMIC,
	__LBFO_LB_MAX,
};

#define LBFO_LB_MAX (__LBFO_LB_MAX - 1)

/**
 * enum lbfo_team_attr - team attributes, in IFLA_INFO_DATA
 * @IFLA_LBFO_UNSPEC: unused.
 * @IFLA_LBFO_MEMBERS: u32, read-only: number of members.
 * @IFLA_LBFO_CARRIERS: u32, read-only: number of members carrying traffic
 *	now (state LBFO_STATE_ACTIVE).
 * @IFLA_LBFO_MODE: u8, enum lbfo_mode; settable at creation and later.
 * @IFLA_LBFO_LB: u8, enum lbfo_lb; settable at creation and later.
 */
enum lbfo_team_attr {
	IFLA_LBFO_UNSPEC,
	IFLA_LBFO_MEMBERS,
	IFLA_LBFO_CARRIERS,
	IFLA_LBFO_MODE,
	IFLA_LBFO_LB,
	__IFLA_LBFO_MAX,
};

#define IFLA_LBFO_MAX (__IFLA_LBFO_MAX - 1)

/**
 * enum lbfo_member_attr - member attributes, in IFLA_INFO_SLAVE_DATA
 * @IFLA_LBFO_MEMBER_UNSPEC: unused.
 * @IFLA_LBFO_MEMBER_ROLE: u8, enum lbfo_member_role; settable.
 * @IFLA_LBFO_MEMBER_STATE: u8, enum lbfo_member_state; read-only.
 * @IFLA_LBFO_MEMBER_ADMIN: u8, 1 (up: the team may use it, the default) or
 *	0 (down: the team keeps it as a member but does not use it); settable.
 */
enum lbfo_member_attr {
	IFLA_LBFO_MEMBER_UNSPEC,
	IFLA_LBFO_MEMBER_ROLE,
	IFLA_LBFO_MEMBER_STATE,
	IFLA_LBFO_MEMBER_ADMIN,
	__IFLA_LBFO_MEMBER_MAX,
};

#define IFLA_LBFO_MEMBER_MAX (__IFLA_LBFO_MEMBER_MAX - 1)

/*
 * Generic netlink family "lbfo"
 * -----------------------------
 * Everything teamctl does goes through this family. It works in the network
 * namespace of the socket: teams and members are found there, by ifindex or
 * by name (when both are given, the ifindex wins and the name must match).
 *
 * Permissions: commands that change anything need CAP_NET_ADMIN in the user
 * namespace that owns the network namespace (GENL_UNS_ADMIN_PERM); reads need
 * nothing, like `ip link show`.
 *
 * Validation is strict: exact attribute types and lengths, ranges as stated,
 * unknown attributes refused. Every refusal carries an extended ack message
 * saying why, and changes nothing; the two the generic netlink core makes
 * itself come without one: EPERM (no CAP_NET_ADMIN) and EOPNOTSUPP (an
 * event-only command sent as a request).
 *
 * Events: the multicast group LBFO_MCGRP_EVENTS receives, in the team's
 * network namespace, one message per change, whatever made it (this family,
 * rtnetlink, a link event):
 *
 *  LBFO_CMD_TEAM_NEW, LBFO_CMD_TEAM_DEL, LBFO_CMD_TEAM_SET	team attributes
 *  LBFO_CMD_MEMBER_ADD, LBFO_CMD_MEMBER_DEL, LBFO_CMD_MEMBER_SET
 *	team identity and LBFO_A_MEMBER (the member's attributes; a new
 *	member is announced in state "down", then LBFO_CMD_MEMBER_STATE
 *	events give the state it takes, with reason "join")
 *  LBFO_CMD_MEMBER_STATE	a member changed state: team identity,
 *	LBFO_A_MEMBER with STATE and OLD_STATE, LBFO_A_REASON and LBFO_A_TRIGGER
 *	(a member whose own link changed is reported with reason link-down
 *	or link-up and itself as trigger, whatever else happened at the
 *	same time)
 *  LBFO_CMD_FAILOVER	the set of members carrying traffic changed: team
 *	identity, LBFO_A_TEAM_CARRIERS, LBFO_A_REASON and LBFO_A_TRIGGER
 */
#define LBFO_GENL_NAME		"lbfo"
#define LBFO_GENL_VERSION	1
#define LBFO_MCGRP_EVENTS	"events"

/**
 * enum lbfo_cmd - commands of the "lbfo" family
 * @LBFO_CMD_UNSPEC: unused.
 * @LBFO_CMD_TEAM_NEW: create a team. Needs LBFO_A_TEAM_NAME; takes
 *	LBFO_A_TEAM_MODE and LBFO_A_TEAM_LB. Replies with the new team
 *	(as LBFO_CMD_TEAM_GET does). A "%d" in the name is replaced by the
 *	first free number, as for `ip link add`; the reply has the result.
 * @LBFO_CMD_TEAM_DEL: delete a team (LBFO_A_TEAM_IFINDEX or _NAME); its
 *	members are released first, as they were before they joined.
 * @LBFO_CMD_TEAM_GET: one team (doit, by ifindex or name), or every team of
 *	the namespace (dump): LBFO_A_TEAM_IFINDEX, _NAME, _MODE, _LB,
 *	_CARRIER, _MEMBERS, _CARRIERS and _STATS.
 * @LBFO_CMD_TEAM_SET: change LBFO_A_TEAM_MODE and/or LBFO_A_TEAM_LB.
 * @LBFO_CMD_MEMBER_ADD: add the device of LBFO_A_MEMBER (ifindex or name)
 *	to the team; takes LBFO_MEMBER_A_ROLE and LBFO_MEMBER_A_ADMIN in it.
 *	A device that already has a master is refused (unlike `ip link set
 *	master`, which moves it).
 * @LBFO_CMD_MEMBER_DEL: remove the member of LBFO_A_MEMBER from the team.
 * @LBFO_CMD_MEMBER_GET: one member (doit: team and LBFO_A_MEMBER), or every
 *	member of one team (dump with the team's identity) or of every team
 *	(dump without): one message per member with team identity and
 *	LBFO_A_MEMBER holding every member attribute and its counters.
 * @LBFO_CMD_MEMBER_SET: change LBFO_MEMBER_A_ROLE and/or _ADMIN of a member.
 * @LBFO_CMD_STATS_GET: counters of one team (doit): LBFO_A_TEAM_STATS and
 *	one LBFO_A_MEMBER per member with its ifindex, name and
 *	LBFO_MEMBER_A_STATS.
 * @LBFO_CMD_MEMBER_STATE: event only, see above.
 * @LBFO_CMD_FAILOVER: event only, see above.
 */
enum lbfo_cmd {
	LBFO_CMD_UNSPEC,
	LBFO_CMD_TEAM_NEW,
	LBFO_CMD_TEAM_DEL,
	LBFO_CMD_TEAM_GET,
	LBFO_CMD_TEAM_SET,
	LBFO_CMD_MEMBER_ADD,
	LBFO_CMD_MEMBER_DEL,
	LBFO_CMD_MEMBER_GET,
	LBFO_CMD_MEMBER_SET,
	LBFO_CMD_STATS_GET,
	LBFO_CMD_MEMBER_STATE,
	LBFO_CMD_FAILOVER,
	__LBFO_CMD_MAX,
};

#define LBFO_CMD_MAX (__LBFO_CMD_MAX - 1)

/**
 * enum lbfo_attr - top-level attributes of the "lbfo" family
 * @LBFO_A_UNSPEC: unused.
 * @LBFO_A_PAD: padding for 64-bit attributes.
 * @LBFO_A_TEAM_IFINDEX: u32, the team's interface index.
 * @LBFO_A_TEAM_NAME: string, the team's interface name (< IFNAMSIZ).
 * @LBFO_A_TEAM_MODE: u8, enum lbfo_mode.
 * @LBFO_A_TEAM_LB: u8, enum lbfo_lb.
 * @LBFO_A_TEAM_CARRIER: u8, read-only: 1 if the team has carrier.
 * @LBFO_A_TEAM_MEMBERS: u32, read-only: number of members.
 * @LBFO_A_TEAM_CARRIERS: u32, read-only: members carrying traffic.
 * @LBFO_A_TEAM_STATS: nest of enum lbfo_stats_attr, read-only: what the
 *	team sent and received through all its members.
 * @LBFO_A_MEMBER: nest of enum lbfo_member_a: a member.
 * @LBFO_A_REASON: u8, enum lbfo_reason, in events: what caused them.
 * @LBFO_A_TRIGGER: nest of enum lbfo_member_a (ifindex and name), in events:
 *	the member whose change caused them, if one did.
 */
enum lbfo_attr {
	LBFO_A_UNSPEC,
	LBFO_A_PAD,
	LBFO_A_TEAM_IFINDEX,
	LBFO_A_TEAM_NAME,
	LBFO_A_TEAM_MODE,
	LBFO_A_TEAM_LB,
	LBFO_A_TEAM_CARRIER,
	LBFO_A_TEAM_MEMBERS,
	LBFO_A_TEAM_CARRIERS,
	LBFO_A_TEAM_STATS,
	LBFO_A_MEMBER,
	LBFO_A_REASON,
	LBFO_A_TRIGGER,
	__LBFO_A_MAX,
};

#define LBFO_A_MAX (__LBFO_A_MAX - 1)

/**
 * enum lbfo_member_a - attributes of a member, nested in LBFO_A_MEMBER
 * @LBFO_MEMBER_A_UNSPEC: unused.
 * @LBFO_MEMBER_A_PAD: padding for 64-bit attributes.
 * @LBFO_MEMBER_A_IFINDEX: u32, the member device's interface index.
 * @LBFO_MEMBER_A_NAME: string, its interface name (< IFNAMSIZ).
 * @LBFO_MEMBER_A_ROLE: u8, enum lbfo_member_role.
 * @LBFO_MEMBER_A_ADMIN: u8, 1 up (default) or 0 down, as
 *	IFLA_LBFO_MEMBER_ADMIN.
 * @LBFO_MEMBER_A_STATE: u8, enum lbfo_member_state, read-only.
 * @LBFO_MEMBER_A_OLD_STATE: u8, enum lbfo_member_state, read-only: in
 *	LBFO_CMD_MEMBER_STATE events, the state before.
 * @LBFO_MEMBER_A_DRIVER: string, read-only: the device's driver, as
 *	`ethtool -i` names it ("" if it has none).
 * @LBFO_MEMBER_A_SPEED: u32, read-only: link speed in Mb/s, 0 if unknown.
 * @LBFO_MEMBER_A_STATS: nest of enum lbfo_stats_attr, read-only: what the
 *	team sent on and received from this member.
 */
enum lbfo_member_a {
	LBFO_MEMBER_A_UNSPEC,
	LBFO_MEMBER_A_PAD,
	LBFO_MEMBER_A_IFINDEX,
	LBFO_MEMBER_A_NAME,
	LBFO_MEMBER_A_ROLE,
	LBFO_MEMBER_A_ADMIN,
	LBFO_MEMBER_A_STATE,
	LBFO_MEMBER_A_OLD_STATE,
	LBFO_MEMBER_A_DRIVER,
	LBFO_MEMBER_A_SPEED,
	LBFO_MEMBER_A_STATS,
	__LBFO_MEMBER_A_MAX,
};

#define LBFO_MEMBER_A_MAX (__LBFO_MEMBER_A_MAX - 1)

/**
 * enum lbfo_stats_attr - counters, nested in LBFO_A_TEAM_STATS and
 *	LBFO_MEMBER_A_STATS; all u64
 * @LBFO_STATS_A_UNSPEC: unused.
 * @LBFO_STATS_A_PAD: padding.
 * @LBFO_STATS_A_TX_PACKETS: packets sent.
 * @LBFO_STATS_A_TX_BYTES: bytes sent, link-layer headers included.
 * @LBFO_STATS_A_RX_PACKETS: packets received.
 * @LBFO_STATS_A_RX_BYTES: bytes received, link-layer headers included.
 * @LBFO_STATS_A_TX_DROPPED: packets the team could not send (no member
 *	carrying traffic, or the member refused them); team only.
 * @LBFO_STATS_A_RX_DROPPED: packets received but dropped; team only.
 */
enum lbfo_stats_attr {
	LBFO_STATS_A_UNSPEC,
	LBFO_STATS_A_PAD,
	LBFO_STATS_A_TX_PACKETS,
	LBFO_STATS_A_TX_BYTES,
	LBFO_STATS_A_RX_PACKETS,
	LBFO_STATS_A_RX_BYTES,
	LBFO_STATS_A_TX_DROPPED,
	LBFO_STATS_A_RX_DROPPED,
	__LBFO_STATS_A_MAX,
};

#define LBFO_STATS_A_MAX (__LBFO_STATS_A_MAX - 1)

/**
 * enum lbfo_reason - why an event happened
 * @LBFO_REASON_LINK_DOWN: a member lost its link (carrier or up state).
 * @LBFO_REASON_LINK_UP: a member got its link back.
 * @LBFO_REASON_ADMIN_DOWN: a member was set administratively down.
 * @LBFO_REASON_ADMIN_UP: a member was set administratively up.
 * @LBFO_REASON_ROLE: a member's role changed.
 * @LBFO_REASON_JOIN: a member joined.
 * @LBFO_REASON_LEAVE: a member left.
 *
 * Names, as teamctl monitor prints them: "link-down", "link-up",
 * "admin-down", "admin-up", "role", "join", "leave".
 */
enum lbfo_reason {
	LBFO_REASON_LINK_DOWN,
	LBFO_REASON_LINK_UP,
	LBFO_REASON_ADMIN_DOWN,
	LBFO_REASON_ADMIN_UP,
	LBFO_REASON_ROLE,
	LBFO_REASON_JOIN,
	LBFO_REASON_LEAVE,
	__LBFO_REASON_MAX,
};

#endif /* _UAPI_LINUX_LBFO_H */
