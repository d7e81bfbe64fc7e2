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
 * @LBFO_MODE_LACP: IEEE 802.1AX negotiated aggregation: the team speaks
 *	LACP on every member and uses the members the partner aggregates
 *	with it (see "LACP" below). All members use the team's MAC address.
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
 * LACP
 * ----
 * In mode "lacp" the team runs IEEE 802.1AX-2008 (clause 43) in the kernel,
 * on every member: receive, periodic transmission, selection, mux and churn
 * detection, with no daemon. LACPDUs (Slow Protocols, EtherType 0x8809, to
 * 01:80:c2:00:00:02) are sent from each member's own MAC address, the one
 * it had before it joined; Marker PDUs are answered.
 *
 *  - The actor (the team) is system IFLA_LBFO_LACP_SYSTEM (the team's MAC
 *    address by default) with priority IFLA_LBFO_LACP_SYS_PRIO; each member
 *    is a port with its own number (its slot + 1), priority and key
 *    (IFLA_LBFO_MEMBER_LACP_PRIO, _KEY).
 *  - Members that share our key, the partner's system and the partner's key
 *    form one link aggregation group. The team uses one aggregator: the
 *    group with the most bandwidth (then the most members, then the lowest
 *    port), kept while it stays as good, so it does not flap. Members of
 *    other groups are "standby" and say so in their LACPDUs (not in sync),
 *    so the partner does not send to them either.
 *  - A member carries traffic (state "active") while it is collecting and
 *    distributing: the partner said it is in sync, after the aggregate wait
 *    of 2 s when it joins. With IFLA_LBFO_LACP_INDEPENDENT, a member
 *    collects as soon as the partner is in sync and distributes once the
 *    partner collects (802.1AX independent control); else both at once
 *    (coupled control).
 *  - IFLA_LBFO_LACP_RATE asks the partner for LACPDUs every second (fast:
 *    its silence is noticed within 3 s) or every 30 s (slow: 90 s). We send
 *    at the rate the partner asks of us. A passive team (IFLA_LBFO_LACP_ACTIVE
 *    0) only answers an active partner.
 *  - Members of different speeds are never in one aggregator unless
 *    IFLA_LBFO_LACP_MIXED_SPEED is set; then traffic is spread by weight
 *    (speed), as in the other modes.
 *  - A member that cannot join the aggregator says why in
 *    LBFO_LACP_A_WHY (enum lbfo_lacp_why).
 *  - The team has carrier only while at least IFLA_LBFO_MIN_LINKS members
 *    carry traffic: never because links are up while the partner does not
 *    aggregate. (IFLA_LBFO_MIN_LINKS holds in the other modes too.)
 *  - With IFLA_LBFO_LACP_FALLBACK, when no member has heard a LACPDU
 *    within the timeout, the team falls back to active/standby: one member
 *    (the first up member with role "active", else "standby") carries
 *    traffic, as for a partner without LACP. The first LACPDU on any member
 *    ends the fallback.
 */

/**
 * enum lbfo_lacp_rate - how often the partner is asked to send LACPDUs
 * @LBFO_LACP_RATE_SLOW: every 30 s; silence noticed after 90 s.
 * @LBFO_LACP_RATE_FAST: every second; silence noticed after 3 s. Default.
 *
 * Names: "slow", "fast".
 */
enum lbfo_lacp_rate {
	LBFO_LACP_RATE_SLOW,
	LBFO_LACP_RATE_FAST,
	__LBFO_LACP_RATE_MAX,
};

#define LBFO_LACP_RATE_MAX (__LBFO_LACP_RATE_MAX - 1)

/* LACP defaults and ranges. */
#define LBFO_LACP_SYS_PRIO_DEFAULT	65535
#define LBFO_LACP_PORT_PRIO_DEFAULT	255
#define LBFO_LACP_KEY_DEFAULT		1
#define LBFO_MIN_LINKS_DEFAULT		1

/**
 * enum lbfo_lacp_why - why a member does not carry traffic in mode lacp
 * @LBFO_LACP_WHY_NONE: it does, or is about to (aggregate wait).
 * @LBFO_LACP_WHY_LINK: its link is down or it is administratively down.
 * @LBFO_LACP_WHY_NO_PARTNER: no LACPDU heard within the timeout.
 * @LBFO_LACP_WHY_INDIVIDUAL: the partner (or we) say the link cannot be
 *	aggregated.
 * @LBFO_LACP_WHY_OTHER_GROUP: it leads to another partner system, or the
 *	partner gives it another key: it belongs to another aggregation group
 *	than the team's aggregator.
 * @LBFO_LACP_WHY_KEY: our key on it differs from the aggregator's.
 * @LBFO_LACP_WHY_SPEED: its speed differs from the aggregator's and
 *	IFLA_LBFO_LACP_MIXED_SPEED is off.
 * @LBFO_LACP_WHY_HALF_DUPLEX: half-duplex links cannot be aggregated.
 * @LBFO_LACP_WHY_PARTNER_SYNC: the partner does not say it is in sync (it
 *	does not aggregate the link, or not yet).
 * @LBFO_LACP_WHY_FALLBACK: fallback to active/standby is in force and
 *	another member carries traffic.
 *
 * Names: "none", "link", "no-partner", "individual", "other-group", "key",
 * "speed", "half-duplex", "partner-sync", "fallback".
 */
enum lbfo_lacp_why {
	LBFO_LACP_WHY_NONE,
	LBFO_LACP_WHY_LINK,
	LBFO_LACP_WHY_NO_PARTNER,
	LBFO_LACP_WHY_INDIVIDUAL,
	LBFO_LACP_WHY_OTHER_GROUP,
	LBFO_LACP_WHY_KEY,
	LBFO_LACP_WHY_SPEED,
	LBFO_LACP_WHY_HALF_DUPLEX,
	LBFO_LACP_WHY_PARTNER_SYNC,
	LBFO_LACP_WHY_FALLBACK,
	__LBFO_LACP_WHY_MAX,
};

/*
 * The LACP state bits of an actor or partner, as in the LACPDU (802.1AX
 * 43.4.2.2). Names: "activity", "timeout", "aggregation", "sync",
 * "collecting", "distributing", "defaulted", "expired".
 */
#define LBFO_LACP_STATE_ACTIVITY	(1U << 0)
#define LBFO_LACP_STATE_TIMEOUT		(1U << 1)
#define LBFO_LACP_STATE_AGGREGATION	(1U << 2)
#define LBFO_LACP_STATE_SYNC		(1U << 3)
#define LBFO_LACP_STATE_COLLECTING	(1U << 4)
#define LBFO_LACP_STATE_DISTRIBUTING	(1U << 5)
#define LBFO_LACP_STATE_DEFAULTED	(1U << 6)
#define LBFO_LACP_STATE_EXPIRED		(1U << 7)

/**
 * enum lbfo_lacp_rx_s - the receive machine's state (802.1AX 43.4.12)
 * @LBFO_LACP_RX_S_INITIALIZE: starting.
 * @LBFO_LACP_RX_S_PORT_DISABLED: the link is down.
 * @LBFO_LACP_RX_S_EXPIRED: the partner was silent for one timeout.
 * @LBFO_LACP_RX_S_LACP_DISABLED: the link does not speak LACP.
 * @LBFO_LACP_RX_S_DEFAULTED: no partner: its defaults hold.
 * @LBFO_LACP_RX_S_CURRENT: the partner's LACPDUs arrive in time.
 *
 * Names: "initialize", "port-disabled", "expired", "lacp-disabled",
 * "defaulted", "current".
 */
enum lbfo_lacp_rx_s {
	LBFO_LACP_RX_S_INITIALIZE,
	LBFO_LACP_RX_S_PORT_DISABLED,
	LBFO_LACP_RX_S_EXPIRED,
	LBFO_LACP_RX_S_LACP_DISABLED,
	LBFO_LACP_RX_S_DEFAULTED,
	LBFO_LACP_RX_S_CURRENT,
};

/**
 * enum lbfo_lacp_mux_s - the mux machine's state (802.1AX 43.4.14/15)
 * @LBFO_LACP_MUX_S_DETACHED: not attached to the aggregator.
 * @LBFO_LACP_MUX_S_WAITING: selected, waiting for the aggregate wait.
 * @LBFO_LACP_MUX_S_ATTACHED: attached; waiting for the partner's sync.
 * @LBFO_LACP_MUX_S_COLLECTING: receives only (independent control).
 * @LBFO_LACP_MUX_S_COLLECTING_DISTRIBUTING: receives and sends.
 *
 * Names: "detached", "waiting", "attached", "collecting",
 * "collecting-distributing".
 */
enum lbfo_lacp_mux_s {
	LBFO_LACP_MUX_S_DETACHED,
	LBFO_LACP_MUX_S_WAITING,
	LBFO_LACP_MUX_S_ATTACHED,
	LBFO_LACP_MUX_S_COLLECTING,
	LBFO_LACP_MUX_S_COLLECTING_DISTRIBUTING,
};

/**
 * enum lbfo_lacp_team_state - the team's LACP state as a whole
 * @LBFO_LACP_TEAM_OFF: the team is not in mode lacp.
 * @LBFO_LACP_TEAM_NEGOTIATING: no member carries traffic yet.
 * @LBFO_LACP_TEAM_AGGREGATED: members carry traffic in the aggregator.
 * @LBFO_LACP_TEAM_FALLBACK: fallback to active/standby is in force.
 *
 * Names: "off", "negotiating", "aggregated", "fallback".
 */
enum lbfo_lacp_team_state {
	LBFO_LACP_TEAM_OFF,
	LBFO_LACP_TEAM_NEGOTIATING,
	LBFO_LACP_TEAM_AGGREGATED,
	LBFO_LACP_TEAM_FALLBACK,
};

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
 * @IFLA_LBFO_MIN_LINKS: u32, 1 to LBFO_MAX_MEMBERS: the team has carrier
 *	only while at least this many members carry traffic (all modes).
 * @IFLA_LBFO_LACP_RATE: u8, enum lbfo_lacp_rate.
 * @IFLA_LBFO_LACP_ACTIVE: u8, 1 active LACP (the default), 0 passive.
 * @IFLA_LBFO_LACP_SYS_PRIO: u16, 1 to 65535: the actor system priority.
 * @IFLA_LBFO_LACP_SYSTEM: binary, 6 bytes: the actor system ID, a unicast
 *	MAC address; all zeroes (the default): the team's MAC address.
 * @IFLA_LBFO_LACP_INDEPENDENT: u8, 1: independent control of collecting
 *	and distributing; 0 (the default): coupled control.
 * @IFLA_LBFO_LACP_MIXED_SPEED: u8, 1: members of different speeds share
 *	the aggregator, loaded by speed; 0 (the default): they do not.
 * @IFLA_LBFO_LACP_FALLBACK: u8, 1: fall back to active/standby while no
 *	member hears LACPDUs; 0 (the default): no traffic then.
 * @IFLA_LBFO_LACP_STATE: u8, read-only: enum lbfo_lacp_team_state.
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
	IFLA_LBFO_MIN_LINKS,
	IFLA_LBFO_LACP_RATE,
	IFLA_LBFO_LACP_ACTIVE,
	IFLA_LBFO_LACP_SYS_PRIO,
	IFLA_LBFO_LACP_SYSTEM,
	IFLA_LBFO_LACP_INDEPENDENT,
	IFLA_LBFO_LACP_MIXED_SPEED,
	IFLA_LBFO_LACP_FALLBACK,
	IFLA_LBFO_LACP_STATE,
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
 * @IFLA_LBFO_MEMBER_LACP_PRIO: u16, 1 to 65535: its LACP port priority
 *	(lower wins); default LBFO_LACP_PORT_PRIO_DEFAULT.
 * @IFLA_LBFO_MEMBER_LACP_KEY: u16, 1 to 65535: its LACP key; members with
 *	different keys never share an aggregator. Default
 *	LBFO_LACP_KEY_DEFAULT.
 */
enum lbfo_member_attr {
	IFLA_LBFO_MEMBER_UNSPEC,
	IFLA_LBFO_MEMBER_ROLE,
	IFLA_LBFO_MEMBER_STATE,
	IFLA_LBFO_MEMBER_ADMIN,
	IFLA_LBFO_MEMBER_WEIGHT,
	IFLA_LBFO_MEMBER_BUCKETS,
	IFLA_LBFO_MEMBER_LACP_PRIO,
	IFLA_LBFO_MEMBER_LACP_KEY,
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
 *  LBFO_CMD_LACP	a member's LACP information changed (its partner, the
 *	state bits of either end, its machines' states or LBFO_LACP_A_WHY;
 *	not its counters): team identity, LBFO_A_LACP_STATE and
 *	LBFO_A_MEMBER with ifindex, name, state and LBFO_MEMBER_A_LACP
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
 *	to the team; takes LBFO_MEMBER_A_ROLE, _ADMIN, _WEIGHT, _LACP_PRIO and
 *	_LACP_KEY in it.
 *	A device that already has a master is refused (unlike `ip link set
 *	master`, which moves it).
 * @LBFO_CMD_MEMBER_DEL: remove the member of LBFO_A_MEMBER from the team.
 * @LBFO_CMD_MEMBER_GET: one member (doit: team and LBFO_A_MEMBER), or every
 *	member of one team (dump with the team's identity) or of every team
 *	(dump without): one message per member with team identity and
 *	LBFO_A_MEMBER holding every member attribute and its counters.
 * @LBFO_CMD_MEMBER_SET: change LBFO_MEMBER_A_ROLE, _ADMIN, _WEIGHT, _LACP_PRIO
 *	and/or _LACP_KEY of a member.
 * @LBFO_CMD_STATS_GET: counters of one team (doit): LBFO_A_TEAM_STATS and
 *	one LBFO_A_MEMBER per member with its ifindex, name and
 *	LBFO_MEMBER_A_STATS.
 * @LBFO_CMD_MEMBER_STATE: event only, see above.
 * @LBFO_CMD_FAILOVER: event only, see above.
 * @LBFO_CMD_LACP: event only, see above.
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
	LBFO_CMD_LACP,
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
 * @LBFO_A_MIN_LINKS: u32, as IFLA_LBFO_MIN_LINKS.
 * @LBFO_A_LACP_RATE: u8, as IFLA_LBFO_LACP_RATE.
 * @LBFO_A_LACP_ACTIVE: u8, as IFLA_LBFO_LACP_ACTIVE.
 * @LBFO_A_LACP_SYS_PRIO: u16, as IFLA_LBFO_LACP_SYS_PRIO.
 * @LBFO_A_LACP_SYSTEM: binary, 6 bytes, as IFLA_LBFO_LACP_SYSTEM.
 * @LBFO_A_LACP_INDEPENDENT: u8, as IFLA_LBFO_LACP_INDEPENDENT.
 * @LBFO_A_LACP_MIXED_SPEED: u8, as IFLA_LBFO_LACP_MIXED_SPEED.
 * @LBFO_A_LACP_FALLBACK: u8, as IFLA_LBFO_LACP_FALLBACK.
 * @LBFO_A_LACP_STATE: u8, read-only, as IFLA_LBFO_LACP_STATE.
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
	LBFO_A_MIN_LINKS,
	LBFO_A_LACP_RATE,
	LBFO_A_LACP_ACTIVE,
	LBFO_A_LACP_SYS_PRIO,
	LBFO_A_LACP_SYSTEM,
	LBFO_A_LACP_INDEPENDENT,
	LBFO_A_LACP_MIXED_SPEED,
	LBFO_A_LACP_FALLBACK,
	LBFO_A_LACP_STATE,
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
 * @LBFO_MEMBER_A_LACP_PRIO: u16, as IFLA_LBFO_MEMBER_LACP_PRIO; settable.
 * @LBFO_MEMBER_A_LACP_KEY: u16, as IFLA_LBFO_MEMBER_LACP_KEY; settable.
 * @LBFO_MEMBER_A_LACP: nest of enum lbfo_lacp_a, read-only: the member's
 *	LACP state; only in mode lacp.
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
	LBFO_MEMBER_A_LACP_PRIO,
	LBFO_MEMBER_A_LACP_KEY,
	LBFO_MEMBER_A_LACP,
	__LBFO_MEMBER_A_MAX,
};

#define LBFO_MEMBER_A_MAX (__LBFO_MEMBER_A_MAX - 1)

/**
 * enum lbfo_lacp_a - a member's LACP state, nested in LBFO_MEMBER_A_LACP
 * @LBFO_LACP_A_UNSPEC: unused.
 * @LBFO_LACP_A_PAD: padding for 64-bit attributes.
 * @LBFO_LACP_A_ACTOR: nest of enum lbfo_lacp_info_a: what we say about
 *	this port.
 * @LBFO_LACP_A_PARTNER: nest of enum lbfo_lacp_info_a: what the partner
 *	said about its port (its defaults when it said nothing).
 * @LBFO_LACP_A_RX: u8, enum lbfo_lacp_rx_s.
 * @LBFO_LACP_A_MUX: u8, enum lbfo_lacp_mux_s.
 * @LBFO_LACP_A_SELECTED: u8, 1 if the port is selected for the team's
 *	aggregator.
 * @LBFO_LACP_A_AGGREGATOR: u16, the aggregator (the lowest port number of
 *	the port's aggregation group); 0 when it has none.
 * @LBFO_LACP_A_WHY: u8, enum lbfo_lacp_why.
 * @LBFO_LACP_A_ACTOR_CHURN: u8, 1 when our side has not reached sync
 *	within 60 s of the link coming up (802.1AX churn detection).
 * @LBFO_LACP_A_PARTNER_CHURN: u8, the same for the partner's side.
 * @LBFO_LACP_A_RX_PDUS: u64, LACPDUs received.
 * @LBFO_LACP_A_TX_PDUS: u64, LACPDUs sent.
 * @LBFO_LACP_A_RX_ERRORS: u64, Slow Protocols frames refused as malformed.
 */
enum lbfo_lacp_a {
	LBFO_LACP_A_UNSPEC,
	LBFO_LACP_A_PAD,
	LBFO_LACP_A_ACTOR,
	LBFO_LACP_A_PARTNER,
	LBFO_LACP_A_RX,
	LBFO_LACP_A_MUX,
	LBFO_LACP_A_SELECTED,
	LBFO_LACP_A_AGGREGATOR,
	LBFO_LACP_A_WHY,
	LBFO_LACP_A_ACTOR_CHURN,
	LBFO_LACP_A_PARTNER_CHURN,
	LBFO_LACP_A_RX_PDUS,
	LBFO_LACP_A_TX_PDUS,
	LBFO_LACP_A_RX_ERRORS,
	__LBFO_LACP_A_MAX,
};

#define LBFO_LACP_A_MAX (__LBFO_LACP_A_MAX - 1)

/**
 * enum lbfo_lacp_info_a - one end of a link, as a LACPDU describes it
 * @LBFO_LACP_INFO_A_UNSPEC: unused.
 * @LBFO_LACP_INFO_A_SYS_PRIO: u16, system priority.
 * @LBFO_LACP_INFO_A_SYSTEM: binary, 6 bytes, system ID.
 * @LBFO_LACP_INFO_A_KEY: u16, key.
 * @LBFO_LACP_INFO_A_PORT_PRIO: u16, port priority.
 * @LBFO_LACP_INFO_A_PORT: u16, port number.
 * @LBFO_LACP_INFO_A_STATE: u8, LBFO_LACP_STATE_* bits.
 */
enum lbfo_lacp_info_a {
	LBFO_LACP_INFO_A_UNSPEC,
	LBFO_LACP_INFO_A_SYS_PRIO,
	LBFO_LACP_INFO_A_SYSTEM,
	LBFO_LACP_INFO_A_KEY,
	LBFO_LACP_INFO_A_PORT_PRIO,
	LBFO_LACP_INFO_A_PORT,
	LBFO_LACP_INFO_A_STATE,
	__LBFO_LACP_INFO_A_MAX,
};

#define LBFO_LACP_INFO_A_MAX (__LBFO_LACP_INFO_A_MAX - 1)

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
 * @LBFO_REASON_LACP: LACP negotiation changed what a member may do (the
 *	member's LBFO_LACP_A_WHY says more).
 *
 * Names, as teamctl monitor prints them: "link-down", "link-up",
 * "admin-down", "admin-up", "role", "join", "leave", "probe-down",
 * "probe-up", "lacp".
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
	LBFO_REASON_LACP,
	__LBFO_REASON_MAX,
};

#endif /* _UAPI_LINUX_LBFO_H */
