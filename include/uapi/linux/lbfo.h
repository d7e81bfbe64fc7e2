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

/*
 * Load balancing
 * --------------
 * Every packet the team sends belongs to a bucket: one of LBFO_BUCKETS, found
 * by a keyed hash (SipHash with a random key per team) of the fields the
 * algorithm looks at. Each bucket is mapped to one member carrying traffic.
 * Members get buckets in proportion to their weight: their link speed (from
 * ethtool link settings; 1000 Mb/s when unknown) or the weight set on them.
 * When a member stops carrying traffic, only its buckets move, spread over
 * the others by weight; when it comes back, it takes back its share and
 * nothing else moves. The hash is symmetric (a flow and its reply hash
 * alike), ICMP errors hash as the flow they are about, and the fragments
 * of a datagram are hashed on their addresses only, so they stay together.
 *
 * Switch-independent MAC handling: each source MAC address is affine to one
 * member, and only that member sends frames with it: the team's own address
 * is affine to the first member carrying traffic (the "primary"), a virtual
 * switch port's address to the member its port is pinned to. A frame sent on
 * another member carries that member's own MAC address as its source
 * instead, so the switches never see one address on two ports. Members keep
 * their own MAC addresses in this mode. Inbound traffic for the team's
 * address therefore arrives on the primary member, and traffic for a
 * virtual switch port on the member the port is pinned to. ARP and other
 * non-IP frames always leave through the member their source is affine to.
 * When the primary changes, the team announces itself again (gratuitous ARP,
 * unsolicited neighbour advertisements, multicast re-joins); when a port
 * moves, its addresses are announced on their new member with learning
 * frames (EtherType 0x9000, source and destination the port's address).
 */

/* Buckets of the transmit hash table. */
#define LBFO_BUCKETS		1024

/**
 * enum lbfo_mode - teaming mode: what the switch on the other side does
 * @LBFO_MODE_SWITCH_INDEPENDENT: no switch configuration; members may go
 *	to different switches. Members keep their own MAC addresses and the
 *	team rewrites source addresses as described above. The default.
 * @LBFO_MODE_STATIC: the switch has a static link aggregation group over
 *	the members' ports; all members use the team's MAC address.
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
 * @LBFO_LB_ADDRESS_HASH: buckets by a hash of the fields of
 *	IFLA_LBFO_HASH_FIELDS; each flow stays on one member.
 * @LBFO_LB_HYPERV_PORT: buckets by virtual switch port: the port number the
 *	bundled switch puts in skb->mark (non-zero), or else the source MAC
 *	address and VLAN. Each port, so each VM, is pinned to one member, in
 *	both directions.
 * @LBFO_LB_DYNAMIC: buckets by the hash of address-hash, and moved between
 *	members by measured load every IFLA_LBFO_BALANCE_INTERVAL, but only at
 *	a flowlet boundary: a bucket changes member when it has been idle for
 *	IFLA_LBFO_FLOWLET_GAP, so no flow is reordered. A move happens only if
 *	it lowers the load of the busiest member (relative to its weight) and
 *	the busiest is loaded more than IFLA_LBFO_BALANCE_THRESHOLD percent
 *	above the least busy: a single flow too big to share is left alone
 *	rather than moved back and forth. Inbound, as hyperv-port: each
 *	virtual switch port is pinned to a member. The default.
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

/*
 * Hash fields, a bit mask (IFLA_LBFO_HASH_FIELDS, LBFO_A_HASH_FIELDS); names
 * "mac", "ip", "ports", "inner". "ports" hashes addresses and ports (it
 * implies "ip"); "inner" hashes the inner headers of GRE, NVGRE and other
 * encapsulations the kernel's flow dissector knows, when there are any.
 * Frames that are not IP are always hashed on their MAC addresses and VLAN.
 * Default: "ports".
 */
#define LBFO_HASH_MAC		(1U << 0)
#define LBFO_HASH_IP		(1U << 1)
#define LBFO_HASH_PORTS		(1U << 2)
#define LBFO_HASH_INNER		(1U << 3)
#define LBFO_HASH_ALL		(LBFO_HASH_MAC | LBFO_HASH_IP | \
				 LBFO_HASH_PORTS | LBFO_HASH_INNER)

/* Defaults and ranges of the team's tuning parameters. */
#define LBFO_FLOWLET_GAP_DEFAULT	500	/* microseconds */
#define LBFO_FLOWLET_GAP_MIN		50
#define LBFO_FLOWLET_GAP_MAX		1000000
#define LBFO_BALANCE_INTERVAL_DEFAULT	100	/* milliseconds */
#define LBFO_BALANCE_INTERVAL_MIN	10
#define LBFO_BALANCE_INTERVAL_MAX	60000
#define LBFO_BALANCE_THRESHOLD_DEFAULT	25	/* percent */
#define LBFO_BALANCE_THRESHOLD_MIN	1
#define LBFO_BALANCE_THRESHOLD_MAX	1000
#define LBFO_PROBE_INTERVAL_MIN		10	/* milliseconds; 0: off */
#define LBFO_PROBE_INTERVAL_MAX		60000
#define LBFO_PROBE_MISSED_DEFAULT	3
#define LBFO_PROBE_MISSED_MAX		255
#define LBFO_PROBE_TARGETS_MAX		16
#define LBFO_DELAY_MAX			600000	/* milliseconds */
#define LBFO_WEIGHT_MAX			1000000	/* 0: from the link speed */

/*
 * Link monitoring: a member carries traffic when its device is up with
 * carrier and, if probing is on (IFLA_LBFO_PROBE_INTERVAL > 0), when it has
 * received an ARP or neighbour discovery packet from one of the probe targets
 * within the last IFLA_LBFO_PROBE_MISSED intervals; every interval the team
 * sends an ARP request (IPv4 targets) or neighbour solicitation (IPv6) for
 * each target on each member. That catches failures carrier does not show,
 * beyond the first switch. A member that comes up is used only after being
 * up for IFLA_LBFO_UPDELAY, one that goes down is dropped only after being
 * down for IFLA_LBFO_DOWNDELAY (both 0 by default: at once).
 */

/**
 * enum lbfo_team_attr - team attributes, in IFLA_INFO_DATA
 * @IFLA_LBFO_UNSPEC: unused.
 * @IFLA_LBFO_MEMBERS: u32, read-only: number of members.
 * @IFLA_LBFO_CARRIERS: u32, read-only: number of members carrying traffic
 *	now (state LBFO_STATE_ACTIVE).
 * @IFLA_LBFO_MODE: u8, enum lbfo_mode; settable at creation and later.
 * @IFLA_LBFO_LB: u8, enum lbfo_lb; settable at creation and later.
 * @IFLA_LBFO_HASH_FIELDS: u32, LBFO_HASH_* bits, not 0.
 * @IFLA_LBFO_FLOWLET_GAP: u32, microseconds (dynamic).
 * @IFLA_LBFO_BALANCE_INTERVAL: u32, milliseconds (dynamic).
 * @IFLA_LBFO_BALANCE_THRESHOLD: u32, percent (dynamic).
 * @IFLA_LBFO_PROBE_INTERVAL: u32, milliseconds; 0 turns probing off.
 * @IFLA_LBFO_PROBE_MISSED: u32, intervals without an answer before a
 *	member is down.
 * @IFLA_LBFO_PROBE_TARGETS: nest of IFLA_LBFO_PROBE_TARGET, at most
 *	LBFO_PROBE_TARGETS_MAX; setting it replaces the list (empty: none).
 * @IFLA_LBFO_PROBE_TARGET: binary, 4 bytes (IPv4) or 16 bytes (IPv6),
 *	network order; only inside IFLA_LBFO_PROBE_TARGETS.
 * @IFLA_LBFO_UPDELAY: u32, milliseconds.
 * @IFLA_LBFO_DOWNDELAY: u32, milliseconds.
 * @IFLA_LBFO_PRIMARY: u32, read-only: ifindex of the member the team's MAC
 *	address is affine to (switch-independent), 0 if none.
 *
 * Ranges and defaults: the LBFO_*_MIN/MAX/DEFAULT values above.
 */
enum lbfo_team_attr {
	IFLA_LBFO_UNSPEC,
	IFLA_LBFO_MEMBERS,
	IFLA_LBFO_CARRIERS,
	IFLA_LBFO_MODE,
	IFLA_LBFO_LB,
	IFLA_LBFO_HASH_FIELDS,
	IFLA_LBFO_FLOWLET_GAP,
	IFLA_LBFO_BALANCE_INTERVAL,
	IFLA_LBFO_BALANCE_THRESHOLD,
	IFLA_LBFO_PROBE_INTERVAL,
	IFLA_LBFO_PROBE_MISSED,
	IFLA_LBFO_PROBE_TARGETS,
	IFLA_LBFO_PROBE_TARGET,
	IFLA_LBFO_UPDELAY,
	IFLA_LBFO_DOWNDELAY,
	IFLA_LBFO_PRIMARY,
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
 * @IFLA_LBFO_MEMBER_WEIGHT: u32, its share of the load relative to the
 *	others; 0 (the default): its link speed in Mb/s; settable, at most
 *	LBFO_WEIGHT_MAX.
 * @IFLA_LBFO_MEMBER_BUCKETS: u32, read-only: how many of the LBFO_BUCKETS
 *	transmit buckets it carries now.
 */
enum lbfo_member_attr {
	IFLA_LBFO_MEMBER_UNSPEC,
	IFLA_LBFO_MEMBER_ROLE,
	IFLA_LBFO_MEMBER_STATE,
	IFLA_LBFO_MEMBER_ADMIN,
	IFLA_LBFO_MEMBER_WEIGHT,
	IFLA_LBFO_MEMBER_BUCKETS,
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
 * @LBFO_A_HASH_FIELDS: u32, as IFLA_LBFO_HASH_FIELDS.
 * @LBFO_A_FLOWLET_GAP: u32, as IFLA_LBFO_FLOWLET_GAP.
 * @LBFO_A_BALANCE_INTERVAL: u32, as IFLA_LBFO_BALANCE_INTERVAL.
 * @LBFO_A_BALANCE_THRESHOLD: u32, as IFLA_LBFO_BALANCE_THRESHOLD.
 * @LBFO_A_PROBE_INTERVAL: u32, as IFLA_LBFO_PROBE_INTERVAL.
 * @LBFO_A_PROBE_MISSED: u32, as IFLA_LBFO_PROBE_MISSED.
 * @LBFO_A_PROBE_TARGETS: nest of LBFO_A_PROBE_TARGET, as
 *	IFLA_LBFO_PROBE_TARGETS.
 * @LBFO_A_PROBE_TARGET: binary, 4 or 16 bytes, in LBFO_A_PROBE_TARGETS.
 * @LBFO_A_UPDELAY: u32, as IFLA_LBFO_UPDELAY.
 * @LBFO_A_DOWNDELAY: u32, as IFLA_LBFO_DOWNDELAY.
 * @LBFO_A_PRIMARY: nest of enum lbfo_member_a (ifindex and name),
 *	read-only: the member the team's MAC address is affine to.
 *
 * LBFO_CMD_TEAM_NEW and LBFO_CMD_TEAM_SET take every settable team
 * attribute; a set changes all it is given or, if one is refused, none.
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
	LBFO_A_HASH_FIELDS,
	LBFO_A_FLOWLET_GAP,
	LBFO_A_BALANCE_INTERVAL,
	LBFO_A_BALANCE_THRESHOLD,
	LBFO_A_PROBE_INTERVAL,
	LBFO_A_PROBE_MISSED,
	LBFO_A_PROBE_TARGETS,
	LBFO_A_PROBE_TARGET,
	LBFO_A_UPDELAY,
	LBFO_A_DOWNDELAY,
	LBFO_A_PRIMARY,
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
 * @LBFO_MEMBER_A_WEIGHT: u32, as IFLA_LBFO_MEMBER_WEIGHT; settable.
 * @LBFO_MEMBER_A_BUCKETS: u32, read-only, as IFLA_LBFO_MEMBER_BUCKETS.
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
	LBFO_MEMBER_A_WEIGHT,
	LBFO_MEMBER_A_BUCKETS,
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
 * @LBFO_REASON_PROBE_DOWN: a member's probes went unanswered.
 * @LBFO_REASON_PROBE_UP: a member's probes are answered again.
 *
 * Names, as teamctl monitor prints them: "link-down", "link-up",
 * "admin-down", "admin-up", "role", "join", "leave", "probe-down",
 * "probe-up".
 */
enum lbfo_reason {
	LBFO_REASON_LINK_DOWN,
	LBFO_REASON_LINK_UP,
	LBFO_REASON_ADMIN_DOWN,
	LBFO_REASON_ADMIN_UP,
	LBFO_REASON_ROLE,
	LBFO_REASON_JOIN,
	LBFO_REASON_LEAVE,
	LBFO_REASON_PROBE_DOWN,
	LBFO_REASON_PROBE_UP,
	__LBFO_REASON_MAX,
};

#endif /* _UAPI_LINUX_LBFO_H */
