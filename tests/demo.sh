#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: runs inside the test guest (tests/vm/run.sh), with lbfo.ko loaded.
#
# Builds a team of emulated NICs from different vendors (Intel e1000, virtio,
# Realtek 8139, VMware vmxnet3), shows it carrying traffic to a partner
# switch, pulls one NIC's cable, shows the traffic still flowing and prints
# the team's state at each step.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/guest/lib.sh
. "$here/guest/lib.sh"
# shellcheck source=tests/guest/test-nics.sh
. "$here/guest/test-nics.sh"

show_team()
{
	local id dev
	echo
	echo "team0: $(A "$RTNL" team team0), carrier $(carrier_of lbfo-a team0)," \
		"speed $(A ethtool team0 | awk '/Speed:/ { print $2 }')"
	printf '  %-8s %-10s %-26s %10s %10s\n' member driver "role/state" tx_packets rx_packets
	for id in $NIC_IDS; do
		dev=${NIC_DEV[$id]}
		printf '  %-8s %-10s %-26s %10s %10s\n' "$dev" "${NIC_DRV[$id]}" \
			"$(member_state lbfo-a "$dev")" \
			"$(member_stat lbfo-a team0 "$dev" tx_packets)" \
			"$(member_stat lbfo-a team0 "$dev" rx_packets)"
	done
	echo
}

# Many flows, so that every member carries some: one ping per source port
# is not possible, so use UDP datagrams from many source ports.
traffic()
{
	A python3 - <<'EOF'
import socket
for port in range(40000, 40064):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("192.0.2.1", port))
    for _ in range(20):
        s.sendto(b"lbfo demo", ("192.0.2.2", 9))
    s.close()
EOF
}

trap '{ nics_home; cleanup; } >/dev/null 2>&1 || true' EXIT
cleanup
echo "== lbfo demo: a team of NICs from different vendors"
topo_nics
A ip -br link show master team0
show_team

echo "== traffic: ping and 64 UDP flows through the team"
A ping -c 5 -i 0.2 192.0.2.2
traffic
show_team

busy=$(busiest_member team0 lbfo-a A ping -c 20 -i 0.01 192.0.2.2)
for id in $NIC_IDS; do
	[ "${NIC_DEV[$id]}" = "$busy" ] && victim=$id
done
echo "== pulling the cable of ${NIC_DEV[$victim]} (${NIC_DRV[$victim]}), which carries the ping, during a 10 ms ping"
r=$(ping_during 300 nic_link "$victim" off)
echo "lost ${r%% *} of ${r#* } pings sent every 10 ms"
wait_for 5 sh -c "[ \"\$(ip netns exec lbfo-a $RTNL member ${NIC_DEV[$victim]})\" = 'role=active state=down' ]"
traffic
show_team

echo "== the cable is back"
nic_link "$victim" on
wait_for 10 sh -c "[ \"\$(ip netns exec lbfo-a $RTNL member ${NIC_DEV[$victim]})\" = 'role=active state=active' ]"
A ping -c 3 -i 0.2 192.0.2.2
show_team
echo "== kernel log"
dmesg | grep -E 'lbfo|team0' | tail -n 20
