# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# rmmod lbfo with live teams, members and traffic: every team goes away and
# every member is left as it was before it joined. Runs last (file order)
# and loads the module again for whatever follows.

test_unload_with_live_teams()
{
	local d before=() after=() devs=(lbtv0 lbtv1 lbtv2 lbtv3)
	local ko=${LBFO_KO:-$LBFO_REPO/lbfo.ko}

	ip link add lbtv0 address 02:00:00:00:cc:00 mtu 1400 type veth peer name lbtp0
	ip link add lbtv1 address 02:00:00:00:cc:01 type veth peer name lbtp1
	ip link add lbtv2 address 02:00:00:00:cc:02 type veth peer name lbtp2
	ip link add lbtv3 address 02:00:00:00:cc:03 type veth peer name lbtp3
	ip link set lbtv1 up
	ip link set lbtp0 up
	ip link set lbtp1 up
	for d in "${devs[@]}"; do
		before+=("$(dev_state "$d")")
	done

	ip link add team0 mtu 1500 type lbfo
	ip link add team1 type lbfo
	ip link set lbtv0 master team0
	ip link set lbtv1 master team0
	ip link set lbtv2 master team1
	ip link set lbtv3 master team1
	ip link set team0 up promisc on
	ip addr add 192.0.2.1/24 dev team0
	ip neigh add 192.0.2.9 lladdr 02:00:00:00:00:09 dev team0
	ip link set team1 master team0 2>/dev/null ||
		note "team1 not nested (kernel refused), fine"
	# Traffic in flight while the module goes.
	ping -q -f -W 1 -w 5 192.0.2.9 >/dev/null 2>&1 &

	sleep 1
	check "rmmod lbfo with live teams" rmmod lbfo
	wait
	check "no team left" test -z "$(ip -o link show type lbfo 2>/dev/null)"
	for d in "${devs[@]}"; do
		after+=("$(dev_state "$d")")
	done
	for i in 0 1 2 3; do
		check_eq "${devs[$i]} as before it joined" "${before[$i]}" "${after[$i]}"
	done
	for d in "${devs[@]}"; do
		ip link del "$d"
	done
	check "module loads again" insmod "$ko"
	check "and works" sh -c 'ip link add team9 type lbfo && ip link del team9'
}
