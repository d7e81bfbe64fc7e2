# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Balance: how evenly each system spreads N flows of equal size over its
# members, as Jain's fairness index of the bytes each member sent, for 8, 64
# and 1024 flows (smoke: 8 and 64), over
#   equal speeds: 4 veth members (lbfo-a) into the partner's bridge (lbfo-b);
#                 unweighted index;
#   mixed speeds: the guest's four emulated NICs t0..t3 (e1000 1000 Mb/s,
#                 virtio-net 10000, 8139cp 100, vmxnet3 1000 as ethtool
#                 reports them), partner ends p0..p3 into the bridge; the
#                 index is weighted by link speed (each member's bytes
#                 divided by its speed: 1 = every member at its speed share).
# Systems: lbfo address-hash (hash ip,ports) and lbfo dynamic (one team,
# switched between the two), bonding balance-xor xmit_hash_policy
# layer3+4, teamd loadbalance tx_hash l3,l4 with the basic tx_balancer.
#
# Traffic: N UDP flows from the team's address, each from its own source
# port, drawn at random (seeded by N, so every system gets the same flows:
# real flows have scattered ephemeral ports; consecutive ports would favour
# the XOR hashes of bonding and teamd, which spread them perfectly), sent
# round robin (one 200-byte frame per flow per round: every flow the same
# bytes) at 5000 frames/s (the emulated virtio-net loses frames beyond
# some 8000/s on a busy host) by one python process in lbfo-a. Each point
# sends a warm-up first (the dynamic balancers need several rounds to act:
# lbfo balance-interval 500 ms, teamd balancing_interval 5 tenths = 500 ms,
# the same for both), then a whole number of rounds measured; bytes per
# member are the members' own tx_bytes deltas over the measured rounds.
# Every datagram sent must be counted by a member and none dropped (no
# drop on a slow NIC), else the point fails.

bench_balance()
{
	local rate warm meas settle flows_list speeds sys n cell members=() dev t
	local interval_ms size=200
	local -A res share spd_of
	local systems=("lbfo address-hash" "lbfo dynamic" "bonding layer3+4" "teamd loadbalance basic")

	rate=5000
	interval_ms=$(pick 500 200)
	warm=$(pick 3 0.6)
	meas=$(pick 2.5 0.5)
	settle=0.3
	flows_list=$(pick "8 64 1024" "8 64")
	modprobe -a veth bonding team bridge 2>/dev/null

	# The traffic, run in lbfo-a by one python process per system: ARGS
	# WARM_S MEAS_S SETTLE_S RATE SIZE "N..." MEMBER.... For each N: N UDP
	# flows from N source ports drawn at random (seeded by N: every system
	# gets the same flows), round robin, one datagram per flow per round,
	# paced to RATE frames/s; WARM_S seconds of warm-up, a pause of
	# SETTLE_S (queues drain, so the counters hold every warm-up frame),
	# then a whole number of rounds (MEAS_S seconds) measured and SETTLE_S
	# again. Prints per N: "N SENT EXPECTED MEMBER_PKTS MEMBER_BYTES
	# MEMBER_DROPS" (lists comma separated).
	local py='
import random, resource, socket, sys, time
warm, meas, settle = (float(x) for x in sys.argv[1:4])
rate, size = int(sys.argv[4]), int(sys.argv[5])
devs = sys.argv[7:]
pay = b"\0" * (size - 42)
dst = ("192.0.2.2", 9)

def snap():
    out = []
    for c in ("tx_packets", "tx_bytes", "tx_dropped"):
        v = []
        for d in devs:
            with open("/sys/class/net/%s/statistics/%s" % (d, c)) as f:
                v.append(int(f.read()))
        out.append(v)
    return out

def run(socks, secs, nrounds):
    n = len(socks)
    t0 = time.monotonic()
    sent = r = 0
    while r < nrounds if nrounds else time.monotonic() - t0 < secs:
        for s in socks:
            try:
                s.sendto(pay, dst)
                sent += 1
            except OSError:
                pass
        r += 1
        ahead = r * n / rate - (time.monotonic() - t0)
        if ahead > 0:
            time.sleep(ahead)
    return sent

for n in map(int, sys.argv[6].split()):
    resource.setrlimit(resource.RLIMIT_NOFILE, (n + 64, n + 64))
    socks = []
    for p in random.Random(n).sample(range(20000, 60000), n):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("192.0.2.1", p))
        socks.append(s)
    rounds = max(1, round(rate * meas / n))
    run(socks, warm, 0)
    time.sleep(settle)
    a = snap()
    sent = run(socks, 0, rounds)
    time.sleep(settle)
    b = snap()
    for s in socks:
        s.close()
    print(n, sent, rounds * n, " ".join(",".join(str(y - x) for x, y in zip(u, v))
                                       for u, v in zip(a, b)), flush=True)
'

	# _bal_members SPEEDS: make the namespaces, the partner's bridge and
	# the members (in lbfo-a, down, not enslaved); sets members[] and
	# spd_of[member].
	_bal_members()
	{
		local i d p
		topo_partner
		members=()
		if [ "$1" = equal ]; then
			for i in 0 1 2 3; do
				ip link add "a$i" netns lbfo-a type veth peer name "b$i" netns lbfo-b
				topo_partner_port "b$i"
				members+=("a$i")
			done
		else
			for i in 0 1 2 3; do
				d=$(nic_name "t$i") && p=$(nic_name "p$i") || return 1
				nic_link "t$i" on
				ip link set "$d" netns lbfo-a
				ip link set "$p" netns lbfo-b
				topo_partner_port "$p"
				members+=("$d")
			done
		fi
		for d in "${members[@]}"; do
			spd_of[$d]=$(ip netns exec lbfo-a ethtool "$d" 2>/dev/null |
				awk '/Speed:/ { print $2 + 0 }')
			[ "${spd_of[$d]:-0}" -gt 0 ] || { echo "no speed for $d" >&2; return 1; }
		done
	}

	# _bal_team SYSTEM: team0 of that system over members[], up,
	# addressed, every member with carrier, reaching the partner.
	_bal_team()
	{
		local list
		printf 'link set %s down\n' "${members[@]}" | ip -n lbfo-a -b - || return 1
		case "$1" in
		lbfo*)
			list=$(IFS=,; echo "${members[*]}")
			mk_lbfo lbfo-a team0 mode switch-independent lb address-hash \
				hash ip,ports balance-interval "$interval_ms" members "$list" ||
				return 1
			;;
		bonding*)
			mk_bond lbfo-a team0 mode balance-xor xmit_hash_policy layer3+4 \
				miimon 100 || return 1
			printf 'link set %s master team0\n' "${members[@]}" |
				ip -n lbfo-a -b - || return 1
			;;
		teamd*)
			teamd_start lbfo-a team0 "$(teamd_lb_basic "$interval_ms")" \
				'{"name": "ethtool"}' "${members[@]}" || return 1
			;;
		esac
		team_up team0 || return 1
		team_ready "$1" team0 "${members[@]}"
	}

	# _bal_points SPEEDS SYSTEM: every flow count on the team as it is,
	# into res[] and share[].
	_bal_points()
	{
		local sp=$1 sys=$2 out n sent want pk by dr i sum drops spds="" j pct
		local pks=() bys=() drs=() seen=""
		for j in "${members[@]}"; do spds+="${spd_of[$j]} "; done
		out=$(ip netns exec lbfo-a python3 -c "$py" "$warm" "$meas" "$settle" \
			"$rate" "$size" "$flows_list" "${members[@]}" 2>&1)
		while read -r n sent want pk by dr; do
			if ! [[ "$n $sent $want" =~ ^[0-9]+\ [0-9]+\ [0-9]+$ ]] || [ -z "$dr" ]; then
				bfail balance "$sys, $sp speeds: traffic failed: $n $sent $want $pk $by $dr"
				continue
			fi
			seen+=" $n"
			IFS=, read -ra pks <<<"$pk"
			IFS=, read -ra bys <<<"$by"
			IFS=, read -ra drs <<<"$dr"
			sum=0 drops=0
			for i in "${pks[@]}"; do sum=$((sum + i)); done
			for i in "${drs[@]}"; do drops=$((drops + i)); done
			# Every datagram must be counted by a member, none
			# dropped (a little more: other frames, e.g. ARP).
			if [ "$sent" -lt $((want * 99 / 100)) ] || [ "$drops" -gt 0 ] ||
				[ "$sum" -lt "$sent" ] || [ "$sum" -gt $((sent + sent / 100)) ]; then
				bfail balance "$sys, $n flows, $sp speeds: sent $sent of $want datagrams, members counted $sum packets ($pk), dropped $drops"
				continue
			fi
			if [ "$sp" = mixed ]; then
				res[$sp,$n,$sys]=$(jain "${bys[*]}" "$spds")
			else
				res[$sp,$n,$sys]=$(jain "${bys[*]}")
			fi
			sum=0 pct=""
			for i in "${bys[@]}"; do sum=$((sum + i)); done
			for i in "${bys[@]}"; do
				i=$(( (1000 * i + sum / 2) / sum ))
				pct+="$((i / 10)).$((i % 10))/"
			done
			share[$sp,$n,$sys]=${pct%/}
			echo "  $sys, $sp speeds, $n flows: $sent datagrams, bytes per member ${bys[*]}, Jain ${res[$sp,$n,$sys]}"
		done <<<"$out"
		[ -n "$seen" ] || bfail balance "$sys, $sp speeds: no traffic: $out"
	}

	for speeds in equal mixed; do
		cleanup
		t=$EPOCHREALTIME
		if ! _bal_members "$speeds"; then
			bfail balance "$speeds speeds: could not make the members"
			continue
		fi
		echo "  ($speeds speeds: members made in $(calc "%.1f" "$EPOCHREALTIME - $t") s)"
		for sys in "lbfo address-hash" "bonding layer3+4" "teamd loadbalance basic"; do
			t=$EPOCHREALTIME
			if ! _bal_team "$sys"; then
				bfail balance "$sys, $speeds speeds: the team did not form"
				team_del lbfo-a "$sys" team0 2>/dev/null
				continue
			fi
			echo "  ($sys: formed in $(calc "%.1f" "$EPOCHREALTIME - $t") s)"
			t=$EPOCHREALTIME
			_bal_points "$speeds" "$sys"
			if [ "$sys" = "lbfo address-hash" ]; then
				# dynamic starts from the address-hash layout
				ip netns exec lbfo-a "$TEAMCTL" team set team0 lb dynamic
				_bal_points "$speeds" "lbfo dynamic"
			fi
			echo "  ($sys: measured in $(calc "%.1f" "$EPOCHREALTIME - $t") s)"
			team_del lbfo-a "$sys" team0 2>/dev/null
		done
		# member order and the target shares, for the notes
		local names="" target="" tot=0
		for dev in "${members[@]}"; do tot=$((tot + spd_of[$dev])); done
		for dev in "${members[@]}"; do
			names+="$dev ${spd_of[$dev]} Mb/s, "
			target+="$(calc "%.1f" "100 * ${spd_of[$dev]} / $tot")/"
		done
		share[$speeds,members]="${names%, }"
		share[$speeds,target]=${target%/}
	done
	cleanup

	btable balance "Balance: Jain's fairness index of bytes per member (1 = on target)" \
		flows speeds "${systems[@]}"
	for n in $flows_list; do
		for speeds in equal mixed; do
			local row=("$n" "$speeds")
			for sys in "${systems[@]}"; do
				cell=${res[$speeds,$n,$sys]:-}
				row+=("${cell:--}")
			done
			brow balance "${row[@]}"
		done
	done
	bnote balance "Traffic: N UDP flows from N random (seeded, the same for every system) source ports, round robin, $size-byte frames, $rate frames/s: every flow the same bytes; ${warm} s warm-up, then ${meas} s of whole rounds measured (members' tx_bytes). Dynamic balancers: lbfo balance-interval $interval_ms ms (flowlet gap default 500 us, threshold default 25%), teamd basic balancing_interval $((interval_ms / 100)) tenths of a second."
	bnote balance "equal: 4 veth members, unweighted index. mixed: the 4 emulated NICs (${share[mixed,members]:-?}), index weighted by speed: the target byte shares are ${share[mixed,target]:-?} %; only lbfo (address-hash and dynamic) weights members by speed, bonding and teamd aim at equal shares."
	bnote balance "With few flows the weighted index and lbfo's balancer want different things: lbfo dynamic moves a flow only if that lowers the highest load per unit of speed, so 8 equal flows over 1000/10000/100/1000 Mb/s all stay on the 10 Gb/s member (1.2 times its share; one flow on a 1 Gb/s member would be 1.5 times), which the index scores 0.25; spreading them scores higher while loading a slow member past its speed."
	for n in $flows_list; do
		for speeds in equal mixed; do
			local line=""
			for sys in "${systems[@]}"; do
				[ -n "${share[$speeds,$n,$sys]:-}" ] &&
					line+="$sys ${share[$speeds,$n,$sys]}; "
			done
			[ -n "$line" ] && bnote balance "byte shares % per member, $n flows, $speeds speeds: ${line%; }"
		done
	done
	# Where lbfo does worse than a peer, say so.
	for n in $flows_list; do
		for speeds in equal mixed; do
			local l peer best="" bestv=0 v
			for peer in "bonding layer3+4" "teamd loadbalance basic"; do
				v=${res[$speeds,$n,$peer]:-}
				[ -n "$v" ] || continue
				if [ "$(calc "%d" "$v > $bestv")" = 1 ]; then bestv=$v; best=$peer; fi
			done
			[ -n "$best" ] || continue
			for l in "lbfo address-hash" "lbfo dynamic"; do
				v=${res[$speeds,$n,$l]:-}
				[ -n "$v" ] || continue
				if [ "$(calc "%d" "$v + 0.02 < $bestv")" = 1 ]; then
					bnote balance "lbfo does worse here: $l $v against $best $bestv at $n flows, $speeds speeds."
				fi
			done
		done
	done
}
