# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Failover on link events: loss measured while the member carrying a flow
# loses its carrier; standby members.

# Most packets a failover may lose at 10 ms intervals: the team reacts to the
# carrier event itself, so a lost packet or two in flight is all there is.
FAILOVER_MAX_LOST=${FAILOVER_MAX_LOST:-5}

# fail_during_ping NS DEV: 3 s of 10 ms pings; 1 s in, DEV in NS goes down.
fail_during_ping()
{
	ping_during 300 ip -n "$1" link set "$2" down
}

test_failover_active_member_loses_carrier()
{
	local busy peer r lost

	topo_veth 3
	busy=$(busiest_member team0 lbfo-a A ping -c 20 -i 0.01 192.0.2.2)
	peer=b${busy#a}
	note "the ping flow goes out $busy; its partner port $peer goes down"
	r=$(fail_during_ping lbfo-b "$peer")
	lost=${r%% *}
	echo "  failover (veth carrier loss, 3 members): lost $lost of ${r#* } packets at 10 ms intervals"
	check_le "packets lost in failover" "$lost" "$FAILOVER_MAX_LOST"
	wait_eq "failed member is down" "role=active state=down" member_state lbfo-a "$busy"
	wait_eq "carriers left" "members=3 carriers=2" A "$RTNL" team team0
	check_eq "team keeps carrier" 1 "$(carrier_of lbfo-a team0)"
	check "traffic flows on the others" A ping -c 5 -i 0.01 -W 1 192.0.2.2

	B ip link set "$peer" up
	wait_eq "member back on carrier" "role=active state=active" member_state lbfo-a "$busy"
	wait_eq "all carriers back" "members=3 carriers=3" A "$RTNL" team team0

	for peer in b0 b1 b2; do
		B ip link set "$peer" down
	done
	wait_eq "team loses carrier with its last member" 0 carrier_of lbfo-a team0
	B ip link set b1 up
	wait_eq "team carrier returns with one member" 1 carrier_of lbfo-a team0
	check "and carries traffic" wait_for 5 A ping -c 1 -W 1 192.0.2.2
}

test_standby_carries_nothing_until_needed()
{
	local tx0 tx1 rx1 r

	topo_veth 2
	check "a1 becomes standby" A "$RTNL" member-set a1 role standby
	check_eq "a1 state" "role=standby state=standby" "$(member_state lbfo-a a1)"
	check_eq "one carrier" "members=2 carriers=1" "$(A "$RTNL" team team0)"

	tx1=$(stat_of lbfo-a a1 tx_packets)
	tx0=$(stat_of lbfo-a a0 tx_packets)
	rx1=$(member_stat lbfo-a team0 a1 rx_packets)
	A ping -q -c 50 -i 0.01 192.0.2.2 >/dev/null
	A ping -q -c 50 -i 0.01 -s 1000 192.0.2.2 >/dev/null
	B ping -q -c 50 -i 0.01 192.0.2.1 >/dev/null
	note "while a0 is up: a0 sent $(($(stat_of lbfo-a a0 tx_packets) - tx0)), standby a1 sent $(($(stat_of lbfo-a a1 tx_packets) - tx1))"
	check_eq "standby sent nothing" "$tx1" "$(stat_of lbfo-a a1 tx_packets)"
	check "active sent everything" test "$(($(stat_of lbfo-a a0 tx_packets) - tx0))" -ge 150
	check_eq "team received nothing through the standby" "$rx1" \
		"$(member_stat lbfo-a team0 a1 rx_packets)"

	r=$(fail_during_ping lbfo-b b0)
	echo "  failover to standby: lost ${r%% *} of ${r#* } packets at 10 ms intervals"
	check_le "packets lost failing over to the standby" "${r%% *}" "$FAILOVER_MAX_LOST"
	wait_eq "standby now carries" "role=standby state=active" member_state lbfo-a a1
	check "standby sent the traffic" test "$(stat_of lbfo-a a1 tx_packets)" -gt "$tx1"

	B ip link set b0 up
	wait_eq "active member back" "role=active state=active" member_state lbfo-a a0
	check_eq "standby steps back" "role=standby state=standby" "$(member_state lbfo-a a1)"
	check "traffic returns to the active member" wait_for 5 A ping -c 1 -W 1 192.0.2.2
	tx1=$(stat_of lbfo-a a1 tx_packets)
	A ping -q -c 50 -i 0.01 192.0.2.2 >/dev/null
	check_eq "standby idle again" "$tx1" "$(stat_of lbfo-a a1 tx_packets)"

	check "standby made active again" A "$RTNL" member-set a1 role active
	check_eq "two carriers" "members=2 carriers=2" "$(A "$RTNL" team team0)"
}

test_admin_down_member()
{
	local tx0

	topo_veth 2
	check_eq "mode is visible through rtnetlink" 0 "$(A "$RTNL" team-attr team0 IFLA_LBFO_MODE)"
	check_eq "lb is visible through rtnetlink" 2 "$(A "$RTNL" team-attr team0 IFLA_LBFO_LB)"
	check_eq "members start admin up" 1 "$(A "$RTNL" member-attr a0 IFLA_LBFO_MEMBER_ADMIN)"
	check "a0 set admin down through rtnetlink" \
		A "$RTNL" member-set-raw a0 IFLA_LBFO_MEMBER_ADMIN u8 0
	check_eq "admin-down member is down" "role=active state=down" "$(member_state lbfo-a a0)"
	check_eq "its device stays up" 1 "$(carrier_of lbfo-a a0)"
	check_eq "one carrier left" "members=2 carriers=1" "$(A "$RTNL" team team0)"
	tx0=$(stat_of lbfo-a a0 tx_packets)
	A ping -q -c 30 -i 0.01 192.0.2.2 >/dev/null
	check_eq "admin-down member sends nothing" "$tx0" "$(stat_of lbfo-a a0 tx_packets)"
	check "a0 admin up" A "$RTNL" member-set-raw a0 IFLA_LBFO_MEMBER_ADMIN u8 1
	check_eq "back to active" "role=active state=active" "$(member_state lbfo-a a0)"
}

test_several_standbys()
{
	topo_veth 4
	A "$RTNL" member-set a2 role standby
	A "$RTNL" member-set a3 role standby
	check_eq "two actives carry" "members=4 carriers=2" "$(A "$RTNL" team team0)"
	B ip link set b0 down
	wait_eq "one active left: standbys stay idle" "members=4 carriers=1" \
		A "$RTNL" team team0
	B ip link set b1 down
	wait_eq "no active left: every up standby carries" "members=4 carriers=2" \
		A "$RTNL" team team0
	check "traffic through the standbys" wait_for 5 A ping -c 1 -W 1 192.0.2.2
	B ip link set b2 down
	wait_eq "one standby left" "members=4 carriers=1" A "$RTNL" team team0
	B ip link set b0 up
	wait_eq "an active returns: standbys idle" "members=4 carriers=1" \
		A "$RTNL" team team0
	check_eq "a3 back to standby" "role=standby state=standby" "$(member_state lbfo-a a3)"
}

# The ARP link monitor catches a failure carrier does not show: a1's
# partner port is blocked in the partner's bridge (STP state disabled), so a1
# keeps its carrier but its probes go unanswered; a1 is dropped after PROBE_MISSED intervals, and
# taken back once answers return.
test_arp_probe_sees_what_carrier_does_not()
{
	local t0 t1

	topo_veth 2
	check "probe target" A "$RTNL" team-set-targets team0 192.0.2.2
	check "probe missed 3" A "$RTNL" team-set-raw team0 IFLA_LBFO_PROBE_MISSED u32 3
	check "probe every 100 ms" A "$RTNL" team-set-raw team0 IFLA_LBFO_PROBE_INTERVAL u32 100
	wait_eq "both members answer" "members=2 carriers=2" A "$RTNL" team team0
	sleep 1
	check_eq "a1 still active with probing on" "role=active state=active" "$(member_state lbfo-a a1)"

	B bridge link set dev b1 state 0
	t0=$(date +%s%N)
	wait_eq "a1 dropped: its probes go unanswered" "role=active state=down" \
		member_state lbfo-a a1
	t1=$(date +%s%N)
	echo "  ARP monitor (100 ms, 3 missed): a1 dropped $(((t1 - t0) / 1000000)) ms after its path broke, carrier up all along"
	check_eq "a1 kept its carrier" 1 "$(carrier_of lbfo-a a1)"
	check "traffic flows on a0" A ping -c 5 -i 0.01 -W 1 192.0.2.2

	B bridge link set dev b1 state 3
	wait_eq "a1 back once answered" "role=active state=active" member_state lbfo-a a1
	check "probing off again" A "$RTNL" team-set-raw team0 IFLA_LBFO_PROBE_INTERVAL u32 0
	check "targets cleared" A "$RTNL" team-set-targets team0
}

# Switch-independent: the team's address is affine to its primary member.
# When the primary fails, the new primary announces the team (gratuitous
# ARP): the partner's bridge learns the team's address on the new port at
# once, with no traffic from the team.
test_new_primary_announces_the_team()
{
	local mac port

	topo_veth 2
	mac=$(ip -n lbfo-a -j link show team0 | python3 -c \
		'import json, sys; print(json.load(sys.stdin)[0]["address"])')
	check_eq "primary is a0" "$(A cat /sys/class/net/a0/ifindex)" \
		"$(A "$RTNL" team-attr team0 IFLA_LBFO_PRIMARY)"
	wait_for 5 sh -c "bridge -n lbfo-b fdb show br br0 | grep -q '^$mac dev b0 '"
	check "the partner learnt the team on b0" \
		sh -c "bridge -n lbfo-b fdb show br br0 | grep -q '^$mac dev b0 '"
	B ip link set b0 down
	wait_eq "a0 fails" "members=2 carriers=1" A "$RTNL" team team0
	check_eq "primary is a1" "$(A cat /sys/class/net/a1/ifindex)" \
		"$(A "$RTNL" team-attr team0 IFLA_LBFO_PRIMARY)"
	check "the partner learns the team on b1 at once" wait_for 2 \
		sh -c "bridge -n lbfo-b fdb show br br0 | grep -q '^$mac dev b1 '"
	port=$(bridge -n lbfo-b fdb show br br0 | awk -v m="$mac" '$1 == m && $4 == "master" { print $3 }')
	note "team address on the partner's bridge after the primary failed: ${port:-nowhere}"
}

# ms_since T0: milliseconds since T0 (date +%s%N).
ms_since()
{
	echo $((($(date +%s%N) - $1) / 1000000))
}

# Up and down delays: a member whose link goes down is dropped only after
# the down delay, one whose link returns is used only after the up delay.
test_updelay_and_downdelay()
{
	local t0 down up

	topo_veth 2
	check "down delay 500 ms" A "$RTNL" team-set-raw team0 IFLA_LBFO_DOWNDELAY u32 500
	check "up delay 1500 ms" A "$RTNL" team-set-raw team0 IFLA_LBFO_UPDELAY u32 1500
	t0=$(date +%s%N)
	B ip link set b1 down
	wait_eq "a1 dropped after its down delay" "role=active state=down" \
		member_state lbfo-a a1
	down=$(ms_since "$t0")
	t0=$(date +%s%N)
	B ip link set b1 up
	wait_eq "a1 used again after its up delay" "role=active state=active" \
		member_state lbfo-a a1
	up=$(ms_since "$t0")
	echo "  down delay 500 ms: a1 dropped after $down ms; up delay 1500 ms: used again after $up ms"
	check "not dropped before the down delay" test "$down" -ge 450
	check "not used before the up delay" test "$up" -ge 1450
}

# The NS link monitor (IPv6 probe targets), as the ARP one.
test_ns_probe_sees_what_carrier_does_not()
{
	local ns

	topo_veth 2
	for ns in lbfo-a lbfo-b; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=0
	done
	A sysctl -qw net.ipv6.conf.team0.disable_ipv6=0
	B sysctl -qw net.ipv6.conf.br0.disable_ipv6=0
	A ip addr add 2001:db8::1/64 dev team0 nodad
	B ip addr add 2001:db8::2/64 dev br0 nodad
	check "IPv6 through the team" wait_for 10 A ping -6 -c 1 -W 1 2001:db8::2
	check "IPv6 probe target" A "$RTNL" team-set-targets team0 2001:db8::2
	check "probe every 100 ms" A "$RTNL" team-set-raw team0 IFLA_LBFO_PROBE_INTERVAL u32 100
	sleep 1
	check_eq "a1 answered" "role=active state=active" "$(member_state lbfo-a a1)"
	B bridge link set dev b1 state 0
	wait_eq "a1 dropped: its solicitations go unanswered" "role=active state=down" \
		member_state lbfo-a a1
	check_eq "a1 kept its carrier" 1 "$(carrier_of lbfo-a a1)"
	B bridge link set dev b1 state 3
	wait_eq "a1 back once answered" "role=active state=active" member_state lbfo-a a1
}
