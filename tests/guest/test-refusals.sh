# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Bad input: every refusal carries a message saying why, and changes nothing.

test_refusals()
{
	local i

	ip link add team0 type lbfo
	ip link add team1 type lbfo
	ip link add lbtv0 type veth peer name lbtv1
	ip link set lbtv0 master team0

	refused_unchanged "loopback" "Loopback devices cannot be team members" \
		lo team0 -- ip link set lo master team0
	refused_unchanged "the team itself" "A team cannot be a member of itself" \
		team0 -- ip link set team0 master team0

	modprobe tun
	ip tuntap add lbttun mode tun
	refused_unchanged "non-Ethernet (tun)" "Only Ethernet devices can be team members" \
		lbttun team0 -- ip link set lbttun master team0
	ip link del lbttun

	ip link set team1 master team0
	refused_unchanged "loop: team0 into team1, which is in team0" \
		"Device is stacked above this team: joining would make a loop" \
		team0 team1 -- ip link set team0 master team1
	ip link set team1 nomaster

	ip link add lbtmv link lbtv1 type macvlan
	refused_unchanged "device used by macvlan" \
		"Device is in use by another upper device" \
		lbtv1 team0 -- ip link set lbtv1 master team0
	ip link del lbtmv

	ip link add lbtbr type bridge
	ip link set lbtv1 master lbtbr
	ip link set lbtbr master team0 2>/dev/null && ip link set lbtbr nomaster
	note "a bridge port given to a team with 'ip link set master' is moved by the kernel core (it calls the bridge's ndo_del_slave first), as for bonding"
	check "bridge port moves to the team on request" ip link set lbtv1 master team1
	check "and is no longer a bridge port" test ! -e /sys/class/net/lbtv1/brport
	ip link del lbtbr

	refused_unchanged "member's own MAC change" \
		"The MAC address of a team member is set by its team" \
		lbtv0 team0 -- ip link set lbtv0 address 02:00:00:00:99:99
	refused_unchanged "member's own MTU change" "Device or resource busy" \
		lbtv0 team0 -- ip link set lbtv0 mtu 1400

	refused_unchanged "invalid role" "out of range" lbtv0 team0 -- \
		"$RTNL" member-set-raw lbtv0 IFLA_LBFO_MEMBER_ROLE u8 7
	refused_unchanged "read-only member state" "The member state is read-only" \
		lbtv0 team0 -- "$RTNL" member-set-raw lbtv0 IFLA_LBFO_MEMBER_STATE u8 0
	refused_unchanged "read-only member count" "The member count is read-only" \
		team0 -- "$RTNL" team-set-raw team0 IFLA_LBFO_MEMBERS u32 3
	refused_unchanged "read-only LACP state" "The LACP state is read-only" \
		team0 -- "$RTNL" team-set-raw team0 IFLA_LBFO_LACP_STATE u8 1
	refused_unchanged "no minimum of links" "" team0 -- \
		"$RTNL" team-set-raw team0 IFLA_LBFO_MIN_LINKS u32 0
	refused_unchanged "more minimum links than members can be" "" team0 -- \
		"$RTNL" team-set-raw team0 IFLA_LBFO_MIN_LINKS u32 65
	refused_unchanged "an LACP rate out of range" "out of range" team0 -- \
		"$RTNL" team-set-raw team0 IFLA_LBFO_LACP_RATE u8 2
	refused_unchanged "a mode out of range" "out of range" team0 -- \
		"$RTNL" team-set-raw team0 IFLA_LBFO_MODE u8 9
	refused_unchanged "a mode change while the team has members" \
		"The mode of a team can change only while it has no members" team0 -- \
		"$RTNL" team-set-raw team0 IFLA_LBFO_MODE u8 1
	refused_unchanged "hash on no field" "Hash on at least one field" team0 -- \
		"$RTNL" team-set-raw team0 IFLA_LBFO_HASH_FIELDS u32 0
	refused_unchanged "hash on an unknown field" "" team0 -- \
		"$RTNL" team-set-raw team0 IFLA_LBFO_HASH_FIELDS u32 16
	refused_unchanged "flowlet gap too short" "" team0 -- \
		"$RTNL" team-set-raw team0 IFLA_LBFO_FLOWLET_GAP u32 10
	refused_unchanged "probing without targets" "Probing needs at least one target" \
		team0 -- "$RTNL" team-set-raw team0 IFLA_LBFO_PROBE_INTERVAL u32 100
	refused_unchanged "probe interval too short" "at least 10 ms" team0 -- \
		"$RTNL" team-set-raw team0 IFLA_LBFO_PROBE_INTERVAL u32 5
	refused_unchanged "weight too large" "" lbtv0 -- \
		"$RTNL" member-set-raw lbtv0 IFLA_LBFO_MEMBER_WEIGHT u32 2000000
	refused_unchanged "invalid admin state" "out of range" lbtv0 team0 -- \
		"$RTNL" member-set-raw lbtv0 IFLA_LBFO_MEMBER_ADMIN u8 2
	ip link add lbtd0 type dummy
	refused_unchanged "member attributes for a device that is no member" \
		"Operation not supported" lbtd0 -- \
		"$RTNL" member-set-raw lbtd0 IFLA_LBFO_MEMBER_ROLE u8 1
	ip link del lbtd0

	ip link del team1
	ip link del team0
	ip link del lbtv0
}

test_member_limit()
{
	local i max

	max=$(sed -n 's/^#define LBFO_MAX_MEMBERS[[:space:]]*\([0-9]*\).*/\1/p' \
		"$LBFO_REPO/include/uapi/linux/lbfo.h")
	check "the limit is at least 32" test "$max" -ge 32
	ip link add team0 type lbfo
	for ((i = 0; i <= max; i++)); do
		ip link add "lbtd$i" type dummy
	done
	for ((i = 0; i < max; i++)); do
		ip link set "lbtd$i" master team0 || not_ok "member $i of $max refused"
	done
	check_eq "full team" "members=$max carriers=$max" "$("$RTNL" team team0)"
	refused_unchanged "one member too many" \
		"Team already has the maximum number of members ($max)" \
		"lbtd$max" team0 -- ip link set "lbtd$max" master team0
	ip link del team0
	for ((i = 0; i <= max; i++)); do
		ip link del "lbtd$i"
	done
}

test_mtu_limits()
{
	ip link add team0 type lbfo
	ip link add lbtv0 type veth peer name lbtv1
	check "team MTU 9000 with no member" ip link set team0 mtu 9000
	check "a member joins at the team's MTU" ip link set lbtv0 master team0
	check_eq "member took 9000" 9000 "$(cat /sys/class/net/lbtv0/mtu)"
	refused_unchanged "team MTU above the maximum" \
		"mtu greater than device maximum" team0 lbtv0 -- \
		ip link set team0 mtu 70000
	check "team MTU change reaches members" ip link set team0 mtu 1280
	check_eq "member MTU follows" 1280 "$(cat /sys/class/net/lbtv0/mtu)"
	ip link del team0
	ip link del lbtv0
}
