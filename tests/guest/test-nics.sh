# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# A team of emulated NICs with different real drivers (tests/vm/run.sh wires
# each team-side NIC tN to a partner NIC pN with a QEMU hub, a "cable"), and
# real link failures (QEMU set_link, as a pulled cable).

NIC_IDS=${NIC_IDS:-"t0 t1 t2 t3"}

# How many 10 ms pings a pulled cable may cost, per driver. The team fails
# over on the carrier event itself; what a driver adds before it reports the
# carrier loss comes on top. e1000 reports it only at its 2 s watchdog tick
# (its link interrupt cannot advance an already queued watchdog: see
# tests/vm/README.md), so up to ~200 packets go to a dead cable first; an
# ARP/NS link monitor (a later issue) is what catches that sooner. Without
# failover at all, a 5 s ping that loses its member at 1 s would lose ~400.
declare -A NIC_MAX_LOST=([e1000]=250)

# nics_place: the team-side NICs into lbfo-a, the partner NICs into the
# bridge of lbfo-b (made by topo_partner), every cable plugged. Sets
# NIC_DEV[ID] and NIC_DRV[ID].
declare -A NIC_DEV NIC_DRV
nics_place()
{
	local id dev peer
	for id in $NIC_IDS; do
		dev=$(nic_name "$id")
		peer=$(nic_name "p${id#t}")
		NIC_DEV[$id]=$dev
		NIC_DRV[$id]=$(ethtool -i "$dev" | awk '/^driver:/ { print $2 }')
		nic_link "$id" on
		ip link set "$dev" netns lbfo-a
		ip link set "$peer" netns lbfo-b
		topo_partner_port "$peer"
	done
}

# topo_nics: team0 in lbfo-a over the team-side NICs, facing the bridge.
topo_nics()
{
	local id
	topo_begin
	nics_place
	for id in $NIC_IDS; do
		ip -n lbfo-a link set "${NIC_DEV[$id]}" master team0
	done
	topo_end
}

# Give the NICs back to the root namespace with their links up.
nics_home()
{
	local id dev
	for id in $NIC_IDS; do
		nic_link "$id" on
	done
	for dev in $(ip netns exec lbfo-a ls /sys/class/net 2>/dev/null; ip netns exec lbfo-b ls /sys/class/net 2>/dev/null); do
		case "$dev" in lo|br0|team0) continue ;; esac
		ip -n lbfo-a link set "$dev" netns 1 2>/dev/null ||
			ip -n lbfo-b link set "$dev" netns 1 2>/dev/null || true
	done
}

test_mixed_vendor_team()
{
	local id m role drivers="" r lost sent n

	topo_nics
	n=$(wc -w <<<"$NIC_IDS")
	for id in $NIC_IDS; do
		drivers+="${NIC_DRV[$id]} "
	done
	note "members: $drivers"
	check "at least three different drivers" test \
		"$(tr ' ' '\n' <<<"$drivers" | sort -u | grep -c .)" -ge 3
	wait_eq "every member active" "members=$(wc -w <<<"$NIC_IDS") carriers=$(wc -w <<<"$NIC_IDS")" \
		A "$RTNL" team team0
	r=$(ping_loss lbfo-a 192.0.2.2 100)
	note "ping through the team: lost/sent $r"
	check_eq "no loss through the mixed team" 0 "${r%% *}"

	# Each NIC in turn carries the flow (the others are standby) and has
	# its cable pulled; the standbys take over.
	for id in $NIC_IDS; do
		for m in $NIC_IDS; do
			role=standby
			[ "$m" = "$id" ] && role=active
			A "$RTNL" member-set "${NIC_DEV[$m]}" role "$role"
		done
		wait_eq "only ${NIC_DRV[$id]} carries" "members=$n carriers=1" \
			A "$RTNL" team team0
		check "traffic through ${NIC_DRV[$id]} alone" A ping -c 2 -i 0.1 -W 1 192.0.2.2
		r=$(ping_during 500 nic_link "$id" off)
		lost=${r%% *}
		sent=${r#* }
		echo "  cable of ${NIC_DEV[$id]} (${NIC_DRV[$id]}) pulled while it carried the flow: lost $lost of $sent packets at 10 ms intervals"
		wait_eq "${NIC_DRV[$id]} member down" "role=active state=down" \
			member_state lbfo-a "${NIC_DEV[$id]}"
		wait_eq "the standbys carry" "members=$n carriers=$((n - 1))" \
			A "$RTNL" team team0
		check "team survives losing ${NIC_DRV[$id]}" A ping -c 3 -i 0.01 -W 1 192.0.2.2
		check_le "packets lost when ${NIC_DRV[$id]} fails" "$lost" \
			"${NIC_MAX_LOST[${NIC_DRV[$id]}]:-$FAILOVER_MAX_LOST}"
		nic_link "$id" on
		wait_eq "${NIC_DRV[$id]} member back" "role=active state=active" \
			member_state lbfo-a "${NIC_DEV[$id]}"
	done
	for m in $NIC_IDS; do
		A "$RTNL" member-set "${NIC_DEV[$m]}" role active
	done
	wait_eq "every member active again" "members=$n carriers=$n" A "$RTNL" team team0
	nics_home
}

test_mixed_vendor_vlan()
{
	local id m

	topo_nics
	# VLAN filters reach the members (e1000 and vmxnet3 filter VLANs in
	# QEMU too): VLAN 10 on the team, and on the partner's switch.
	A ip link add link team0 name team0.10 type vlan id 10
	A ip addr add 198.51.100.1/24 dev team0.10
	A ip link set team0.10 up
	B ip link add link br0 name br0.10 type vlan id 10
	B ip addr add 198.51.100.2/24 dev br0.10
	B ip link set br0.10 up
	# Drive the traffic over each member in turn by leaving only it up.
	for id in $NIC_IDS; do
		for m in $NIC_IDS; do
			if [ "$m" = "$id" ]; then nic_link "$m" on; else nic_link "$m" off; fi
		done
		wait_eq "only ${NIC_DRV[$id]} carries" "members=$(wc -w <<<"$NIC_IDS") carriers=1" \
			A "$RTNL" team team0
		check "VLAN 10 through ${NIC_DRV[$id]}" wait_for 10 \
			A ping -c 1 -W 1 198.51.100.2
	done
	nics_home
}

# MTU values only, no traffic afterwards: QEMU's vmxnet3 forgets a MAC
# address set at run time when its driver resets it for an MTU change (seen
# without any team: ip link set address, then mtu, and unicast stops), and
# a team's members carry the team's address.
test_mixed_vendor_mtu()
{
	local id min_max=65535 m team_max

	topo_nics
	for id in $NIC_IDS; do
		m=$(ip -n lbfo-a -d -j link show "${NIC_DEV[$id]}" | python3 -c \
			'import json,sys; print(json.load(sys.stdin)[0].get("max_mtu", 0))')
		note "${NIC_DRV[$id]}: max MTU $m"
		[ "$m" -gt 0 ] && [ "$m" -lt "$min_max" ] && min_max=$m
	done
	team_max=$(ip -n lbfo-a -d -j link show team0 | python3 -c \
		'import json,sys; print(json.load(sys.stdin)[0]["max_mtu"])')
	check_eq "team max MTU is the smallest member's" "$min_max" "$team_max"
	expect_refused "an MTU one member cannot take" "mtu greater than device maximum" \
		A ip link set team0 mtu $((min_max + 1))
	check "the MTU every member can take" A ip link set team0 mtu "$min_max"
	for id in $NIC_IDS; do
		check_eq "${NIC_DRV[$id]} MTU" "$min_max" \
			"$(A cat "/sys/class/net/${NIC_DEV[$id]}/mtu")"
	done
	nics_home
}
