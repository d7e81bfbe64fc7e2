# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Load balancing: every mode and algorithm reaches the partner on every
# member; the spread of 64 flows (Jain's fairness index); a failure moves
# only the failed member's flows; dynamic moves a flow only at a flowlet
# gap; hyperv-port pins each VM to a member and announces it when it moves;
# shares follow link speed; 32 members. Traffic comes from
# tests/tools/lbfo-flows (sequence-numbered UDP, or raw frames from many
# source MAC addresses: "VMs"); figures are printed as they are measured.

FLOWS="$LBFO_REPO/tests/tools/lbfo-flows"

lb_number()
{
	case "$1" in
	address-hash) echo 0 ;;
	hyperv-port) echo 1 ;;
	dynamic) echo 2 ;;
	esac
}

# set_lb TEAM ALGO [NETNS]
set_lb()
{
	ip netns exec "${3:-lbfo-a}" "$RTNL" team-set-raw "$1" IFLA_LBFO_LB u8 \
		"$(lb_number "$2")"
}

# topo_static N: as topo_veth, but team0 is in static mode and the partner
# is a bonding device in balance-xor (a static link aggregation group).
topo_static()
{
	local n=$1 i
	ns_add lbfo-a
	ns_add lbfo-b
	ip -n lbfo-b link add bond0 type bond mode balance-xor \
		xmit_hash_policy layer3+4
	ip -n lbfo-a link add team0 type lbfo
	set_mode team0 static lbfo-a
	for ((i = 0; i < n; i++)); do
		ip link add "a$i" netns lbfo-a type veth peer name "b$i" netns lbfo-b
		ip -n lbfo-b link set "b$i" master bond0
		ip -n lbfo-a link set "a$i" master team0
	done
	ip -n lbfo-b link set bond0 up
	ip -n lbfo-b addr add 192.0.2.2/24 dev bond0
	topo_end
}

# counters_of COUNTER NS DEV...: that counter of each device, one line.
counters_of()
{
	local counter=$1 ns=$2 d vals=()
	shift 2
	for d in "$@"; do
		vals+=("$(stat_of "$ns" "$d" "$counter")")
	done
	echo "${vals[*]}"
}

tx_of() { counters_of tx_packets "$@"; }
rx_of() { counters_of rx_packets "$@"; }

# deltas "BEFORE" "AFTER": element-wise differences, one line.
deltas()
{
	python3 -c 'import sys; a, b = (list(map(int, x.split())) for x in sys.argv[1:3]); print(" ".join(str(y - x) for x, y in zip(a, b)))' "$1" "$2"
}

# jain "X Y ...": Jain's fairness index, (sum x)^2 / (n sum x^2).
jain()
{
	python3 -c 'import sys; x = list(map(int, sys.argv[1].split())); s = sum(v * v for v in x); print("%.3f" % (sum(x) ** 2 / (len(x) * s) if s else 0))' "$1"
}

# ge A B: is decimal A at least B?
ge()
{
	python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)' "$1" "$2"
}

# json_get KEY: a key of the one JSON object on stdin.
json_get()
{
	python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

# recv_start FILE [ARGS]: the receiver in lbfo-b, output to FILE, its pid
# in RECV_PID. Stops by itself once idle.
recv_start()
{
	local out=$1
	shift
	ip netns exec lbfo-b "$FLOWS" recv "$@" >"$out" 2>&1 &
	RECV_PID=$!
	wait_for 20 sh -c "ip netns exec lbfo-b ss -Hlun 'sport = :5000' | grep -q ."
}

# mon_start LOG: the partner bridge's fdb events, to LOG; mon_stop.
mon_start()
{
	bridge -n lbfo-b monitor fdb >"$1" 2>&1 &
	MON_PID=$!
}

mon_stop()
{
	kill "$MON_PID" 2>/dev/null
	wait "$MON_PID" 2>/dev/null
}

# Names a0..a(N-1) or b0..
names()
{
	local p=$1 n=$2 i vals=()
	for ((i = 0; i < n; i++)); do
		vals+=("$p$i")
	done
	echo "${vals[*]}"
}

partner_mac()
{
	ip -n lbfo-b -j link show "$1" | python3 -c \
		'import json, sys; print(json.load(sys.stdin)[0]["address"])'
}

# fdb_moves LOG: MAC addresses the bridge monitor LOG shows on two ports.
fdb_moves()
{
	python3 - "$1" <<'EOF'
import re, sys
ports = {}
for line in open(sys.argv[1]):
    if line.startswith("Deleted"):
        continue
    m = re.match(r"([0-9a-f:]{17}) dev (\S+)", line)
    if m:
        ports.setdefault(m.group(1), set()).add(m.group(2))
print(" ".join(sorted(m for m, p in ports.items() if len(p) > 1)))
EOF
}

# Every mode and algorithm: 64 "VMs" (raw frames, each its own MAC, IP and
# port) send through the team; every member carries some and the partner
# receives them all on every port. In switch-independent mode the
# partner's bridge must never see an address on two ports.
test_lb_every_mode_and_algorithm_reaches_partner()
{
	local mode lb dev peer t0 t1 r0 r1 d res mon moves i

	for mode in switch-independent static; do
		if [ "$mode" = static ]; then
			topo_static 4
			dev=bond0
		else
			topo_veth 4
			dev=br0
			mon=/tmp/lbfo-fdb.$$
		fi
		peer=$(partner_mac "$dev")
		for lb in address-hash hyperv-port dynamic; do
			check "$mode: lb $lb" set_lb team0 "$lb"
			# Each algorithm has its own rule for where an address
			# goes: watch the partner's bridge learn afresh.
			if [ "$dev" = br0 ]; then
				B ip link set br0 type bridge fdb_flush
				mon_start "$mon"
			fi
			recv_start /tmp/lbfo-recv.$$ --expect 10 --idle 1
			t0=$(tx_of lbfo-a a0 a1 a2 a3)
			r0=$(rx_of lbfo-b b0 b1 b2 b3)
			A "$FLOWS" send 192.0.2.2 --raw team0 --dst-mac "$peer" \
				--flows 64 --count 10 --interval 5
			wait "$RECV_PID"
			t1=$(tx_of lbfo-a a0 a1 a2 a3)
			r1=$(rx_of lbfo-b b0 b1 b2 b3)
			res=$(cat /tmp/lbfo-recv.$$)
			note "$mode $lb: per member sent $(deltas "$t0" "$t1"), partner ports received $(deltas "$r0" "$r1"); receiver $res"
			check_eq "$mode $lb: every VM's flow arrives" 64 "$(json_get flows <<<"$res")"
			check_eq "$mode $lb: nothing lost" 0 "$(json_get lost <<<"$res")"
			i=0
			for d in $(deltas "$t0" "$t1"); do
				check "$mode $lb: a$i carries traffic" test "$d" -gt 0
				i=$((i + 1))
			done
			i=0
			for d in $(deltas "$r0" "$r1"); do
				check "$mode $lb: partner port b$i receives" test "$d" -gt 0
				i=$((i + 1))
			done
			if [ "$dev" = br0 ]; then
				mon_stop
				moves=$(fdb_moves "$mon")
				note "$mode $lb: $(grep -vc ^Deleted "$mon") fdb updates on the partner's bridge, addresses on two ports: ${moves:-none}"
				check_eq "$mode $lb: the partner's bridge never sees an address on two ports" "" "$moves"
				rm -f "$mon"
			fi
		done
		rm -f /tmp/lbfo-recv.$$
		cleanup
	done
}

# 64 flows over 4 members: Jain's fairness index of the packets each
# member sent, for address-hash and dynamic.
test_lb_spread_of_64_flows()
{
	local lb t0 t1 d j

	topo_veth 4
	for lb in address-hash dynamic; do
		check "lb $lb" set_lb team0 "$lb"
		t0=$(tx_of lbfo-a a0 a1 a2 a3)
		A "$FLOWS" send 192.0.2.2 --flows 64 --count 30 --interval 3
		t1=$(tx_of lbfo-a a0 a1 a2 a3)
		d=$(deltas "$t0" "$t1")
		j=$(jain "$d")
		echo "  $lb, 64 flows over 4 members: packets per member $d, Jain's index $j"
		check "$lb: spread is even (Jain >= 0.80)" ge "$j" 0.80
	done
}

# flow_map FILE N: which member carries each of N flows (address-hash).
flow_map()
{
	A "$FLOWS" map 192.0.2.2 --flows "$2" --devs a0,a1,a2,a3 >"$1"
}

test_lb_failure_moves_only_its_flows()
{
	local m1=/tmp/lbfo-m1.$$ m2=/tmp/lbfo-m2.$$ m3=/tmp/lbfo-m3.$$ res
	local on_a2 on_a1 moved others back stray

	topo_veth 4
	set_lb team0 address-hash
	flow_map "$m1" 64
	on_a2=$(awk '$2 == "a2"' "$m1" | wc -l)
	B ip link set b2 down
	wait_eq "a2 fails" "members=4 carriers=3" A "$RTNL" team team0
	flow_map "$m2" 64
	moved=$(join "$m1" "$m2" | awk '$2 != $3' | wc -l)
	others=$(join "$m1" "$m2" | awk '$2 != $3 && $2 != "a2"' | wc -l)
	echo "  a2 fails: $on_a2 of 64 flows were on it; $moved moved, $others of them from other members"
	check_eq "every flow of a2 moved" "$on_a2" "$moved"
	check_eq "no other flow moved" 0 "$others"
	check_eq "no flow left on a2" 0 "$(awk '$2 == "a2"' "$m2" | wc -l)"
	check_eq "every flow is carried" 0 "$(grep -c none "$m2")"

	B ip link set b2 up
	wait_eq "a2 returns" "members=4 carriers=4" A "$RTNL" team team0
	flow_map "$m3" 64
	back=$(join "$m2" "$m3" | awk '$2 != $3' | wc -l)
	stray=$(join "$m2" "$m3" | awk '$2 != $3 && $3 != "a2"' | wc -l)
	echo "  a2 returns: $back flows moved, all to a2 but $stray"
	check_eq "flows move only to the returning member" 0 "$stray"
	check "a2 gets a share back" test "$back" -gt 0

	# Under traffic: 64 flows, one datagram each every 5 ms; a member
	# fails half a second in.
	recv_start /tmp/lbfo-recv.$$ --expect 200 --idle 1
	A "$FLOWS" send 192.0.2.2 --flows 64 --count 200 --interval 5 &
	sleep 0.5
	B ip link set b1 down
	wait
	res=$(cat /tmp/lbfo-recv.$$)
	on_a1=$(awk '$2 == "a1"' "$m3" | wc -l)
	echo "  a1 fails under 64 flows ($on_a1 on it, one datagram each per 5 ms): receiver $res"
	check_eq "every flow still arrives" 64 "$(json_get flows <<<"$res")"
	# In flight: at most two rounds of a1's flows.
	check_le "datagrams lost in the failover" "$(json_get lost <<<"$res")" $((2 * on_a1))
	check_eq "nothing reordered" 0 "$(json_get reordered <<<"$res")"
	rm -f "$m1" "$m2" "$m3" /tmp/lbfo-recv.$$
}

# Two continuous flows share a0 while a1 is administratively down; a1
# comes back. The balancer moves one flow to a1, but only at a gap longer
# than the flowlet gap: not while both send without pause, and at once
# after their one pause. No datagram is reordered.
test_lb_dynamic_moves_only_at_gaps()
{
	local mark=/tmp/lbfo-mark.$$ a1_0 a1_1 a1_2 a0_1 a0_2 res

	topo_veth 2
	check "flowlet gap 200 ms" A "$RTNL" team-set-raw team0 \
		IFLA_LBFO_FLOWLET_GAP u32 200000
	check "a1 administratively down" A "$RTNL" member-set-raw a1 \
		IFLA_LBFO_MEMBER_ADMIN u8 0
	wait_eq "a0 alone" "members=2 carriers=1" A "$RTNL" team team0
	rm -f "$mark"
	recv_start /tmp/lbfo-recv.$$ --expect 1200 --idle 3
	A "$FLOWS" send 192.0.2.2 --flows 2 --count 1200 --interval 2 \
		--pause-at 599 --pause 1000 --mark "$mark" &
	sleep 0.5
	a1_0=$(stat_of lbfo-a a1 tx_packets)
	check "a1 back" A "$RTNL" member-set-raw a1 IFLA_LBFO_MEMBER_ADMIN u8 1
	wait_for 60 test -e "$mark"
	a1_1=$(stat_of lbfo-a a1 tx_packets)
	a0_1=$(stat_of lbfo-a a0 tx_packets)
	wait
	a1_2=$(stat_of lbfo-a a1 tx_packets)
	a0_2=$(stat_of lbfo-a a0 tx_packets)
	res=$(cat /tmp/lbfo-recv.$$)
	echo "  dynamic, 2 flows on a0, a1 back: a1 sent $((a1_1 - a1_0)) before the gap; after it a0 sent $((a0_2 - a0_1)) and a1 $((a1_2 - a1_1)); receiver $res"
	check_le "no move without a gap (a1 sent before the pause)" $((a1_1 - a1_0)) 5
	check "one flow moved to a1 at the gap" test $((a1_2 - a1_1)) -ge 500
	check "the other stayed on a0" test $((a0_2 - a0_1)) -ge 500
	check_eq "no datagram reordered" 0 "$(json_get reordered <<<"$res")"
	check_eq "no datagram lost" 0 "$(json_get lost <<<"$res")"
	rm -f "$mark" /tmp/lbfo-recv.$$
}

# fdb_port MAC: the partner bridge port that has learnt MAC.
fdb_port()
{
	bridge -n lbfo-b -j fdb show br br0 | python3 -c '
import json, sys
for e in json.load(sys.stdin):
    if e.get("mac") == sys.argv[1] and "permanent" not in e.get("state", ""):
        print(e["ifname"])' "$1"
}

# hyperv-port: 32 VMs behind the team, each pinned to one member (the
# partner's bridge learns each VM address on one port, never two); when a
# member is taken out, its VMs are announced on their new members at once
# (learning frames), before they send anything.
test_lb_hyperv_port_pins_and_announces()
{
	local peer mon=/tmp/lbfo-fdb.$$ vm mac port used k moved=0 n=0 newport

	topo_veth 4
	set_lb team0 hyperv-port
	peer=$(partner_mac br0)
	mon_start "$mon"
	A "$FLOWS" send 192.0.2.2 --raw team0 --dst-mac "$peer" --flows 32 \
		--count 5 --interval 5
	used=$(for vm in $(seq 0 31); do
		fdb_port "$(printf '02:4c:42:00:00:%02x' "$vm")"
	done | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')
	note "32 VMs on the partner's ports: $used"
	check "VMs spread over at least 3 members" test "$(wc -w <<<"$used")" -ge 3
	check_eq "the partner's bridge saw no VM on two ports" "" "$(fdb_moves "$mon")"

	# Take out the member of VM 0; its VMs move and are announced.
	mac=02:4c:42:00:00:00
	port=$(fdb_port "$mac")
	k=a${port#b}
	check "$k out" A "$RTNL" member-set-raw "$k" IFLA_LBFO_MEMBER_ADMIN u8 0
	for vm in $(seq 0 31); do
		mac=$(printf '02:4c:42:00:00:%02x' "$vm")
		grep -q "^$mac dev $port " "$mon" || continue
		n=$((n + 1))
		wait_for 2 sh -c "bridge -n lbfo-b fdb show br br0 | grep -q '^$mac dev b[0-9] master br0' && ! bridge -n lbfo-b fdb show br br0 | grep -q '^$mac dev $port '"
		newport=$(fdb_port "$mac")
		if [ -n "$newport" ] && [ "$newport" != "$port" ]; then
			moved=$((moved + 1))
		fi
	done
	mon_stop
	echo "  hyperv-port: $k taken out; $moved of its $n VMs announced on their new member, with no traffic from them"
	check "the VMs of $k were seen" test "$n" -gt 0
	check_eq "every VM of $k announced on another member" "$n" "$moved"
	check "learning frames on the wire" grep -q . "$mon"
	rm -f "$mon"
}

# Shares follow link speed: a team of the emulated NICs (e1000 at 1000
# Mb/s, virtio-net set to 10000, 8139cp at 100, vmxnet3): each member's
# bucket count is proportional to its speed, and so is its traffic.
test_lb_mixed_speeds_proportional()
{
	local id dev speed total=0 want got t0 t1 d share
	declare -A spd

	topo_nics
	for id in $NIC_IDS; do
		dev=${NIC_DEV[$id]}
		speed=$(A ethtool "$dev" | awk '/Speed:/ { print $2 + 0 }')
		[ "${speed:-0}" -gt 0 ] || speed=1000
		spd[$id]=$speed
		total=$((total + speed))
	done
	check_eq "virtio-net at 10000 Mb/s" 10000 "${spd[t1]}"
	set_lb team0 address-hash
	t0=$(tx_of lbfo-a "${NIC_DEV[t0]}" "${NIC_DEV[t1]}" "${NIC_DEV[t2]}" "${NIC_DEV[t3]}")
	A "$FLOWS" send 192.0.2.2 --flows 256 --count 4 --interval 2
	t1=$(tx_of lbfo-a "${NIC_DEV[t0]}" "${NIC_DEV[t1]}" "${NIC_DEV[t2]}" "${NIC_DEV[t3]}")
	read -ra d <<<"$(deltas "$t0" "$t1")"
	local i=0 sum=0
	for x in "${d[@]}"; do sum=$((sum + x)); done
	for id in $NIC_IDS; do
		dev=${NIC_DEV[$id]}
		want=$(((1024 * spd[$id] + total / 2) / total))
		got=$(A "$RTNL" member-attr "$dev" IFLA_LBFO_MEMBER_BUCKETS)
		share=$((100 * d[i] / (sum ? sum : 1)))
		echo "  ${NIC_DRV[$id]} at ${spd[$id]} Mb/s: $got buckets (speed share $want), $share% of 256 flows' packets"
		check_le "${NIC_DRV[$id]}: buckets follow speed" \
			"$(( got > want ? got - want : want - got ))" 2
		i=$((i + 1))
	done
	nics_home
}

test_lb_32_members()
{
	local i t0 t1 d used=0 res b members

	topo_veth 32
	wait_eq "32 members carry" "members=32 carriers=32" A "$RTNL" team team0
	# address-hash moves buckets at once (dynamic, at each one's next packet).
	set_lb team0 address-hash
	for ((i = 0; i < 32; i++)); do
		b=$(A "$RTNL" member-attr "a$i" IFLA_LBFO_MEMBER_BUCKETS)
		check_eq "a$i has its 1024/32 buckets" 32 "$b"
	done
	recv_start /tmp/lbfo-recv.$$ --expect 3 --idle 1
	read -ra members <<<"$(names a 32)"
	t0=$(tx_of lbfo-a "${members[@]}")
	A "$FLOWS" send 192.0.2.2 --flows 256 --count 3 --interval 5
	wait
	t1=$(tx_of lbfo-a "${members[@]}")
	for d in $(deltas "$t0" "$t1"); do
		[ "$d" -gt 0 ] && used=$((used + 1))
	done
	res=$(cat /tmp/lbfo-recv.$$)
	echo "  32 members, 256 flows: $used members carried traffic; receiver $res"
	check "at least 28 members carry traffic" test "$used" -ge 28
	check_eq "nothing lost" 0 "$(json_get lost <<<"$res")"
	rm -f /tmp/lbfo-recv.$$
}

# address-hash on ports: the fragments of a datagram carry no ports, so
# every fragment is hashed on addresses alone and stays with the others
# (here: one pair of addresses, so one member carries every fragment); an
# ICMP error takes the member of the flow it is about.
test_lb_fragments_and_icmp_errors_follow_their_flow()
{
	local map=/tmp/lbfo-map.$$ t0 t1 d busy=0 f m sport got ok=0 n=0

	topo_veth 4
	set_lb team0 address-hash
	t0=$(tx_of lbfo-a a0 a1 a2 a3)
	A "$FLOWS" send 192.0.2.2 --flows 64 --count 3 --interval 2 --size 3000
	t1=$(tx_of lbfo-a a0 a1 a2 a3)
	d=$(deltas "$t0" "$t1")
	for f in $d; do
		[ "$f" -ge 64 ] && busy=$((busy + 1))
	done
	echo "  64 flows of 3000-byte datagrams (3 fragments each): packets per member $d"
	check_eq "every fragment on one member" 1 "$busy"

	# ICMP port unreachable from the team, for 8 flows of the partner.
	A sysctl -qw net.ipv4.icmp_ratelimit=0
	A "$FLOWS" map 192.0.2.2 --flows 8 --sport 42000 --devs a0,a1,a2,a3 >"$map"
	while read -r f m; do
		sport=$((42000 + f))
		t0=$(tx_of lbfo-a a0 a1 a2 a3)
		B "$FLOWS" send 192.0.2.1 --port "$sport" --sport 5000 --count 3 --interval 10
		sleep 0.2
		t1=$(tx_of lbfo-a a0 a1 a2 a3)
		got=$(deltas "$t0" "$t1" | awk '{ for (i = 1; i <= NF; i++) if ($i >= 3) print "a" (i - 1) }')
		n=$((n + 1))
		[ "$got" = "$m" ] && ok=$((ok + 1))
	done <"$map"
	echo "  ICMP errors about 8 flows: $ok sent on the member of their flow"
	check_eq "ICMP errors follow their flow" "$n" "$ok"
	rm -f "$map"
}

# members_used FILE: how many members a flow map (flow_map) uses.
members_used()
{
	awk '$2 != "none" { print $2 }' "$1" | sort -u | wc -l
}

# The hash fields beyond the default. `mac`: the flows between one pair of
# MAC addresses, whatever their ports, share a member, while the frames of
# many VMs (source MAC addresses) spread over the members. `inner`: the
# flows inside a GRE tunnel, whose outer headers are all alike (so `ip,ports`
# puts them on one member), spread over the members.
test_lb_hash_fields_mac_and_inner()
{
	local m=/tmp/lbfo-hf.$$ used br_mac

	topo_veth 4
	set_lb team0 address-hash
	br_mac=$(B cat /sys/class/net/br0/address)
	check "hash mac" A "$RTNL" team-set-raw team0 IFLA_LBFO_HASH_FIELDS u32 1
	flow_map "$m" 64
	used=$(members_used "$m")
	echo "  hash mac: 64 flows of one address pair on $used member(s)"
	check_eq "one MAC pair, one member" 1 "$used"
	A "$FLOWS" map 192.0.2.2 --raw team0 --dst-mac "$br_mac" --flows 64 \
		--devs a0,a1,a2,a3 >"$m"
	used=$(members_used "$m")
	echo "  hash mac: 64 VMs on $used members"
	check_eq "every VM's frames are carried" 0 "$(grep -c none "$m")"
	check "64 VMs spread over 3 or 4 members" test "$used" -ge 3

	A ip link add lbt-gre type gre local 192.0.2.1 remote 192.0.2.2 key 7
	A ip link set lbt-gre up
	A ip addr add 198.51.100.1/24 dev lbt-gre
	check "hash ip,ports" A "$RTNL" team-set-raw team0 IFLA_LBFO_HASH_FIELDS u32 6
	A "$FLOWS" map 198.51.100.2 --flows 64 --devs a0,a1,a2,a3 >"$m"
	used=$(members_used "$m")
	echo "  hash ip,ports: 64 flows in GRE on $used member(s)"
	check_eq "every tunnelled flow is carried" 0 "$(grep -c none "$m")"
	check_eq "outer headers alike, one member" 1 "$used"
	check "hash ip,ports,inner" A "$RTNL" team-set-raw team0 IFLA_LBFO_HASH_FIELDS u32 14
	A "$FLOWS" map 198.51.100.2 --flows 64 --devs a0,a1,a2,a3 >"$m"
	used=$(members_used "$m")
	echo "  hash ip,ports,inner: 64 flows in GRE on $used members"
	check_eq "every tunnelled flow is carried" 0 "$(grep -c none "$m")"
	check "inner flows spread over 3 or 4 members" test "$used" -ge 3
	rm -f "$m"
}
