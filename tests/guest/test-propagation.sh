# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# What the team passes down to its members (MAC, promiscuity, address lists)
# and what it derives from them (offload features).

promisc_of()
{
	ip -d -j link show dev "$1" | python3 -c \
		'import json,sys; print(json.load(sys.stdin)[0]["promiscuity"])'
}

# The allmulti count (ip link shows the ALLMULTI flag only when set by hand).
allmulti_of()
{
	ip -d -j link show dev "$1" | python3 -c \
		'import json,sys; print(json.load(sys.stdin)[0]["allmulti"])'
}

# feature_of DEV NAME: "on" or "off", as ethtool -k shows it.
feature_of()
{
	ethtool -k "$1" | awk -v f="$2:" '$1 == f { print $2 }'
}

test_mac_propagation()
{
	ip link add team0 type lbfo
	set_mode team0 static
	ip link add lbtv0 type veth peer name lbtp0
	ip link add lbtv1 type veth peer name lbtp1
	ip link set lbtv0 master team0
	ip link set lbtv1 master team0
	check "team MAC change" ip link set team0 address 02:00:00:00:aa:01
	check_eq "reaches member 0" 02:00:00:00:aa:01 "$(cat /sys/class/net/lbtv0/address)"
	check_eq "reaches member 1" 02:00:00:00:aa:01 "$(cat /sys/class/net/lbtv1/address)"
	ip link add lbtv2 type veth peer name lbtp2
	check "a new member joins" ip link set lbtv2 master team0
	check_eq "and takes the set MAC" 02:00:00:00:aa:01 "$(cat /sys/class/net/lbtv2/address)"
	ip link del team0
	ip link del lbtv0
	ip link del lbtv1
	ip link del lbtv2
}

test_promisc_allmulti_propagation()
{
	local p0

	ip link add team0 type lbfo
	set_mode team0 static
	ip link add lbtv0 type veth peer name lbtp0
	ip link add lbtv1 type veth peer name lbtp1
	ip link set lbtv0 master team0
	p0=$(promisc_of lbtv0)
	check "team promisc on" ip link set team0 promisc on
	check_eq "member promiscuity +1" "$((p0 + 1))" "$(promisc_of lbtv0)"
	check "a member joining a promiscuous team" ip link set lbtv1 master team0
	check_eq "joins promiscuous" 1 "$(promisc_of lbtv1)"
	check "team promisc off" ip link set team0 promisc off
	check_eq "member promiscuity back" "$p0" "$(promisc_of lbtv0)"
	check_eq "new member back" 0 "$(promisc_of lbtv1)"
	ip link set team0 promisc on
	ip link set lbtv1 nomaster
	check_eq "a member leaving a promiscuous team drops it" 0 "$(promisc_of lbtv1)"

	check "team allmulticast on" ip link set team0 allmulticast on
	check_eq "member allmulti count" 1 "$(allmulti_of lbtv0)"
	check "team allmulticast off" ip link set team0 allmulticast off
	check_eq "member allmulti count back" 0 "$(allmulti_of lbtv0)"
	ip link del team0
	ip link del lbtv0
	ip link del lbtv1
}

test_address_lists_propagation()
{
	ip link add team0 type lbfo
	set_mode team0 static
	ip link add lbtv0 type veth peer name lbtp0
	ip link add lbtv1 type veth peer name lbtp1
	ip link set lbtv0 master team0
	ip link set team0 up
	check "multicast address on the team" ip maddr add 01:00:5e:01:02:03 dev team0
	check "reaches the member" sh -c 'ip maddr show dev lbtv0 | grep -q 01:00:5e:01:02:03'
	check "reaches a member joining later" sh -c \
		'ip link set lbtv1 master team0 && ip maddr show dev lbtv1 | grep -q 01:00:5e:01:02:03'
	# A macvlan on the team puts its address on the team's unicast list.
	check "macvlan on the team" sh -c \
		'ip link add lbtmv link team0 address 02:00:00:00:bb:01 type macvlan && ip link set lbtmv up'
	check "unicast address reaches members" sh -c \
		'bridge fdb show dev lbtv0 | grep -q 02:00:00:00:bb:01'
	# veth has no unicast filter: the core makes it promiscuous instead.
	check_eq "a member without unicast filtering goes promiscuous for it" \
		1 "$(promisc_of lbtv0)"
	check "a member leaving" ip link set lbtv1 nomaster
	check "takes nothing with it" sh -c \
		'! ip maddr show dev lbtv1 | grep -q 01:00:5e:01:02:03 && ! bridge fdb show dev lbtv1 | grep -q 02:00:00:00:bb:01'
	check "address removed from the team" ip maddr del 01:00:5e:01:02:03 dev team0
	check "and from its members" sh -c '! ip maddr show dev lbtv0 | grep -q 01:00:5e:01:02:03'
	ip link del lbtmv
	check "macvlan gone: its address leaves the members" sh -c \
		'! bridge fdb show dev lbtv0 | grep -q 02:00:00:00:bb:01'
	check_eq "and the member is no longer promiscuous" 0 "$(promisc_of lbtv0)"
	ip link del team0
	ip link del lbtv0
	ip link del lbtv1
}

test_features_follow_members()
{
	ip link add team0 type lbfo
	ip link add lbtv0 type veth peer name lbtp0
	ip link add lbtv1 type veth peer name lbtp1
	ip link set lbtv0 master team0
	ip link set lbtv1 master team0

	# One-for-all: the team offers it while any member has it.
	check_eq "both members scatter-gather: team" on "$(feature_of team0 scatter-gather)"
	ethtool -K lbtv0 sg off
	check_eq "one member without SG: team still" on "$(feature_of team0 scatter-gather)"
	ethtool -K lbtv1 sg off
	check_eq "no member with SG: team" off "$(feature_of team0 scatter-gather)"
	check_eq "no SG: no TSO on the team" off "$(feature_of team0 tcp-segmentation-offload)"
	ethtool -K lbtv1 sg on
	check_eq "SG back on a member: team" on "$(feature_of team0 scatter-gather)"
	check_eq "and TSO (members segment in software if they must)" on \
		"$(feature_of team0 tcp-segmentation-offload)"

	ethtool -K lbtv0 tx-udp-segmentation off
	ethtool -K lbtv1 tx-udp-segmentation off
	check_eq "no member with UDP GSO: team" off "$(feature_of team0 tx-udp-segmentation)"
	ethtool -K lbtv0 tx-udp-segmentation on
	check_eq "one member with UDP GSO: team" on "$(feature_of team0 tx-udp-segmentation)"

	# All-for-all: the team offers it only when every member has it.
	ethtool -K lbtv0 tx-nocache-copy on
	check_eq "one member with nocache-copy: team" off "$(feature_of team0 tx-nocache-copy)"
	ethtool -K lbtv1 tx-nocache-copy on
	check_eq "every member with nocache-copy: team" on "$(feature_of team0 tx-nocache-copy)"
	ip link set lbtv1 nomaster
	ip link add lbtv2 type veth peer name lbtp2
	ethtool -K lbtv2 tx-nocache-copy off
	ip link set lbtv2 master team0
	check_eq "a member without it joins: team" off "$(feature_of team0 tx-nocache-copy)"
	ip link set lbtv2 nomaster
	check_eq "it leaves: team" on "$(feature_of team0 tx-nocache-copy)"

	# Sizes: the strictest member wins.
	check "team tso_max_size is its members' smallest" sh -c '
		ip link add lbtd0 type dummy &&
		ip link set lbtd0 master team0 &&
		t=$(ip -d -j link show team0 | python3 -c "import json,sys; print(json.load(sys.stdin)[0][\"tso_max_size\"])") &&
		m=$(ip -d -j link show | python3 -c "
import json,sys
print(min(d[\"tso_max_size\"] for d in json.load(sys.stdin) if d.get(\"master\") == \"team0\"))") &&
		echo "team $t, smallest member $m" && [ "$t" = "$m" ]'
	ip link del team0
	ip link del lbtv0
	ip link del lbtv1
	ip link del lbtv2
	ip link del lbtd0
}
