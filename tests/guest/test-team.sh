# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The team device: creation, deletion, members joining and leaving, traffic,
# counters.

test_create_delete()
{
	local i kind

	check "create team0" ip link add team0 type lbfo
	kind=$(ip -d -j link show team0 | python3 -c \
		'import json,sys; print(json.load(sys.stdin)[0]["linkinfo"]["info_kind"])')
	check_eq "link kind" lbfo "$kind"
	check_eq "no members" "members=0 carriers=0" "$("$RTNL" team team0)"
	check "team0 goes up" ip link set team0 up
	check_eq "no carrier without members" 0 "$(cat /sys/class/net/team0/carrier)"
	check "delete team0" ip link del team0
	check "team0 is gone" test ! -e /sys/class/net/team0

	check "create with address and MTU" \
		ip link add team1 address 02:00:00:00:01:01 mtu 9000 type lbfo
	check_eq "address kept" 02:00:00:00:01:01 "$(cat /sys/class/net/team1/address)"
	check_eq "MTU kept" 9000 "$(cat /sys/class/net/team1/mtu)"
	expect_refused "multicast address" "valid unicast MAC" \
		ip link add team2 address 01:00:5e:00:00:01 type lbfo
	check "team2 not created" test ! -e /sys/class/net/team2

	for i in $(seq 0 9); do
		ip link add "lbt$i" type lbfo || not_ok "create lbt$i"
	done
	check_eq "ten teams" 10 "$(ip -o link show type lbfo | grep -c ': lbt')"
	for i in $(seq 0 9); do
		ip link del "lbt$i" || not_ok "delete lbt$i"
	done
	check_eq "ten teams gone" 0 "$(ip -o link show type lbfo | grep -c ': lbt')"
}

test_members_join_leave()
{
	local team_mac mac0 mac1

	ns_add lbfo-a
	A ip link add team0 type lbfo
	set_mode team0 static lbfo-a
	A ip link set team0 up
	A ip link add v0 address 02:00:00:00:00:10 mtu 1400 type veth peer name p0
	A ip link add v1 address 02:00:00:00:00:11 mtu 1500 type veth peer name p1
	A ip link set v1 up
	A ip link set p0 up
	A ip link set p1 up
	mac0=$(A cat /sys/class/net/v0/address)
	mac1=$(A cat /sys/class/net/v1/address)

	check "v0 joins" A ip link set v0 master team0
	team_mac=$(A cat /sys/class/net/team0/address)
	check_eq "a team with a random MAC adopts its first member's" "$mac0" "$team_mac"
	check_eq "v0 takes the team's MTU" 1500 "$(A cat /sys/class/net/v0/mtu)"
	check "v1 joins" A ip link set v1 master team0
	check_eq "v1 takes the team's MAC" "$team_mac" "$(A cat /sys/class/net/v1/address)"
	check_eq "master of v1" team0 "$(A basename "$(A readlink /sys/class/net/v1/master)")"
	check "members are flagged SLAVE" A sh -c 'ip link show v0 | grep -q SLAVE'
	check "team is flagged MASTER" A sh -c 'ip link show team0 | grep -q MASTER'
	check_eq "rtnetlink counts" "members=2 carriers=2" "$(A "$RTNL" team team0)"
	check_eq "v0 is active" "role=active state=active" "$(member_state lbfo-a v0)"
	check_eq "team carrier" 1 "$(carrier_of lbfo-a team0)"

	check "v0 leaves" A ip link set v0 nomaster
	check_eq "v0 gets its MAC back" "$mac0" "$(A cat /sys/class/net/v0/address)"
	check_eq "v0 gets its MTU back" 1400 "$(A cat /sys/class/net/v0/mtu)"
	check "v0 was down before, is down again" \
		A sh -c '! ip link show v0 | grep -q "[<,]UP[,>]"'
	check "v0 has no master" A test ! -e /sys/class/net/v0/master
	check "v0 is not flagged SLAVE" A sh -c '! ip link show v0 | grep -q SLAVE'
	check_eq "team keeps the MAC it took while others remain" \
		"$team_mac" "$(A cat /sys/class/net/team0/address)"

	check "v1 leaves" A ip link set v1 nomaster
	check_eq "v1 gets its MAC back" "$mac1" "$(A cat /sys/class/net/v1/address)"
	check "v1 was up before, is up again" \
		A sh -c 'ip link show v1 | grep -q "[<,]UP[,>]"'
	check "the last member's MAC leaves with it" \
		test "$(A cat /sys/class/net/team0/address)" != "$mac0"
	check_eq "no carrier without members" 0 "$(carrier_of lbfo-a team0)"
	check_eq "rtnetlink counts" "members=0 carriers=0" "$(A "$RTNL" team team0)"

	check "a member moves from one team to another" sh -c '
		ip -n lbfo-a link add team1 type lbfo &&
		ip netns exec lbfo-a '"$RTNL"' team-set-raw team1 IFLA_LBFO_MODE u8 1 &&
		ip -n lbfo-a link set v0 master team0 &&
		ip -n lbfo-a link set v0 master team1 &&
		[ "$(ip netns exec lbfo-a cat /sys/class/net/team0/address)" != "$(ip netns exec lbfo-a cat /sys/class/net/v0/address)" ] &&
		[ "$(ip netns exec lbfo-a cat /sys/class/net/team1/address)" = "$(ip netns exec lbfo-a cat /sys/class/net/v0/address)" ]'
	check_eq "old team lost it" "members=0 carriers=0" "$(A "$RTNL" team team0)"
	check "deleting the team releases the member" A ip link del team1
	check_eq "v0 gets its MAC back after team deletion" "$mac0" \
		"$(A cat /sys/class/net/v0/address)"
	check "member deleted while in a team" sh -c '
		ip -n lbfo-a link set v1 master team0 &&
		ip -n lbfo-a link del v1 &&
		[ "$(ip netns exec lbfo-a '"$RTNL"' team team0)" = "members=0 carriers=0" ]'
}

test_switch_independent_members_keep_addresses()
{
	local team_mac mac0 mac1

	ip link add team0 type lbfo
	ip link set team0 up
	ip link add lbtv0 address 02:00:00:00:00:20 type veth peer name lbtp0
	ip link add lbtv1 address 02:00:00:00:00:21 type veth peer name lbtp1
	team_mac=$(cat /sys/class/net/team0/address)
	check_eq "switch-independent is the default mode" 0 \
		"$("$RTNL" team-attr team0 IFLA_LBFO_MODE)"
	check "lbtv0 joins" ip link set lbtv0 master team0
	check "lbtv1 joins" ip link set lbtv1 master team0
	check_eq "the team keeps its own address" "$team_mac" "$(cat /sys/class/net/team0/address)"
	check_eq "lbtv0 keeps its address" 02:00:00:00:00:20 "$(cat /sys/class/net/lbtv0/address)"
	check_eq "lbtv1 keeps its address" 02:00:00:00:00:21 "$(cat /sys/class/net/lbtv1/address)"
	check "lbtv0 receives the team's address" uc_has lbtv0 "$team_mac"
	check "lbtv1 receives the team's address" uc_has lbtv1 "$team_mac"
	check "team address change" ip link set team0 address 02:00:00:00:00:2f
	check "reaches the members' filters" uc_has lbtv0 02:00:00:00:00:2f
	check "the old one leaves them" sh -c "! bridge fdb show dev lbtv0 | grep -q '$team_mac'"
	refused_unchanged "mode change with members" \
		"The mode of a team can change only while it has no members" team0 -- \
		"$RTNL" team-set-raw team0 IFLA_LBFO_MODE u8 1
	check "lbtv1 leaves" ip link set lbtv1 nomaster
	check "and takes nothing with it" sh -c "! bridge fdb show dev lbtv1 | grep -q 02:00:00:00:00:2f"
	check_eq "nor lost its own address" 02:00:00:00:00:21 "$(cat /sys/class/net/lbtv1/address)"
	ip link del team0
	ip link del lbtv0
	ip link del lbtv1
}

test_ping_through_team()
{
	local r

	topo_veth 2
	r=$(ping_loss lbfo-a 192.0.2.2 50)
	note "team -> partner: lost/sent $r"
	check_eq "no loss team -> partner" 0 "${r%% *}"
	r=$(ping_loss lbfo-b 192.0.2.1 50)
	note "partner -> team: lost/sent $r"
	check_eq "no loss partner -> team" 0 "${r%% *}"
	check "large packets (fragmented)" A ping -c 3 -s 4000 -W 2 192.0.2.2
	check "TCP through the team" sh -c '
		ip netns exec lbfo-b timeout 20 python3 -c "
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((\"192.0.2.2\", 5201)); s.listen(1); c, _ = s.accept()
n = 0
while True:
    d = c.recv(65536)
    if not d: break
    n += len(d)
c.send(str(n).encode()); c.close()" &
		got=$(ip netns exec lbfo-a timeout 20 python3 -c "
import socket, time
for _ in range(100):
    try:
        s = socket.create_connection((\"192.0.2.2\", 5201))
        break
    except ConnectionRefusedError:
        time.sleep(0.1)
s.sendall(b\"x\" * 4000000); s.shutdown(socket.SHUT_WR); print(s.recv(100).decode())")
		wait
		[ "$got" = 4000000 ]'
}

test_counters()
{
	local team_tx team_rx sum_tx=0 sum_rx=0 m

	topo_veth 3
	A ping -q -c 30 -i 0.01 192.0.2.2 >/dev/null
	team_tx=$(stat_of lbfo-a team0 tx_packets)
	team_rx=$(stat_of lbfo-a team0 rx_packets)
	for m in a0 a1 a2; do
		sum_tx=$((sum_tx + $(member_stat lbfo-a team0 "$m" tx_packets)))
		sum_rx=$((sum_rx + $(member_stat lbfo-a team0 "$m" rx_packets)))
	done
	note "team tx $team_tx rx $team_rx; members tx $sum_tx rx $sum_rx"
	check "team counted what it sent" test "$team_tx" -ge 30
	check "team counted what it received" test "$team_rx" -ge 30
	check_eq "team tx is the sum of its members' tx" "$team_tx" "$sum_tx"
	check_eq "team rx is the sum of its members' rx" "$team_rx" "$sum_rx"
	check "ethtool names the driver" sh -c \
		'ip netns exec lbfo-a ethtool -i team0 | grep -q "^driver: lbfo"'
}
