#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: runs inside the test guest (tests/vm/run.sh), with lbfo.ko loaded.
#
# Builds, with teamctl, a team of emulated NICs from different vendors (Intel
# e1000, virtio, Realtek 8139, VMware vmxnet3) facing a partner's switch (a
# Linux bridge), shows it carrying traffic, pulls the cable of the NIC that
# carries a ping, shows the traffic still flowing and the events teamctl
# monitor saw, and prints the team's state at each step.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/guest/lib.sh
. "$here/guest/lib.sh"
# shellcheck source=tests/guest/test-nics.sh
. "$here/guest/test-nics.sh"

teamctl=$LBFO_REPO/teamctl/teamctl
T() { ip netns exec lbfo-a "$teamctl" "$@"; }

# Many flows, so that every member carries some: UDP from 64 source ports.
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

trap '{ kill "$monitor" 2>/dev/null; nics_home; cleanup; } >/dev/null 2>&1 || true' EXIT
cleanup
echo "== lbfo demo: a team of NICs from different vendors, managed with teamctl"
topo_partner
nics_place
members=""
for id in $NIC_IDS; do
	members+=${members:+,}${NIC_DEV[$id]}
done

T monitor >/tmp/lbfo-demo-monitor 2>&1 &
monitor=$!
wait_for 10 grep -q monitoring /tmp/lbfo-demo-monitor
echo "\$ teamctl team add team0 members $members"
T team add team0 members "$members"
A ip addr add 192.0.2.1/24 dev team0
A ip link set team0 up
wait_for 20 A ping -c 1 -W 1 192.0.2.2
echo "\$ teamctl team show team0"
T team show team0

echo
echo "== traffic: a ping and 64 UDP flows through the team"
A ping -c 5 -i 0.2 192.0.2.2 | tail -n 2
traffic
echo "\$ teamctl stats team0"
T stats team0

busy=$(busiest_member team0 lbfo-a A ping -c 20 -i 0.01 192.0.2.2)
for id in $NIC_IDS; do
	[ "${NIC_DEV[$id]}" = "$busy" ] && victim=$id
done
echo
echo "== pulling the cable of ${NIC_DEV[$victim]} (${NIC_DRV[$victim]}), which carries the ping, during 3 s of pings every 10 ms"
r=$(ping_during 300 nic_link "$victim" off)
echo "lost ${r%% *} of ${r#* } pings"
wait_for 5 sh -c "[ \"\$(ip netns exec lbfo-a $RTNL member ${NIC_DEV[$victim]})\" = 'role=active state=down' ]"
traffic
echo "\$ teamctl team show team0"
T team show team0

echo
echo "== the cable is back"
nic_link "$victim" on
wait_for 10 sh -c "[ \"\$(ip netns exec lbfo-a $RTNL member ${NIC_DEV[$victim]})\" = 'role=active state=active' ]"
A ping -c 3 -i 0.2 192.0.2.2 | tail -n 2
echo "\$ teamctl team show team0"
T team show team0

kill "$monitor" 2>/dev/null || true
wait "$monitor" 2>/dev/null || true
echo
echo "== what teamctl monitor saw"
cat /tmp/lbfo-demo-monitor
