# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Reordering: reordered packets per million in sequence-numbered flows while
# the dynamic balancer is moving load, lbfo dynamic (flowlet gap at its
# default, 500 us) against teamd loadbalance with the basic tx_balancer;
# both rebalance every 500 ms (lbfo balance-interval 500, teamd
# balancing_interval 5 tenths).
#
# The members are the guest's four emulated NICs t0..t3 (e1000, virtio-net,
# 8139cp, vmxnet3: real drivers with their own rings and delays, so a flow
# that changes member can overtake itself; over veth it cannot), their
# partner ends p0..p3 in a bridge in lbfo-b. Traffic comes from the
# kernel's pktgen on the team (two devices, one per CPU), whose frames carry
# a sequence number:
#   stream: 4 UDP flows (consecutive source ports), 6000 frames/s in all:
#           about 670 us between two frames of a flow;
#   heavy:  one UDP flow at 3000 frames/s (330 us apart) whose source port
#           changes every 2 s (smoke: 1 s): the load jumps to another hash
#           bucket, which the balancer must even out again, moving flows
#           while they send.
# tcpdump on the partner's NICs records every arriving frame; per flow
# (source and destination port) a frame with a lower sequence number than
# one already received is reordered: by a move if the newer frame came
# through another member (the figure compared), on one path if not (the
# testbed: QEMU reorders a cable's frames when the receiving NIC's ring is
# full; reported apart). Evidence of movement: the moves, per
# flow, from one member to another, counted in sequence order from the
# partner NIC each frame arrived on.

bench_reorder()
{
	local secs change interval_ms=500 sys members=() partners=() ifx=() d p i
	local -A res

	secs=$(pick 40 6)
	change=$(pick 2 1)
	modprobe -a pktgen team bridge 2>/dev/null

	# The traffic, in lbfo-a by one bash: ARGS SECS CHANGE DST_MAC; prints
	# "SENT_STREAM SENT_HEAVY" or an error.
	# shellcheck disable=SC2016
	local pg_script='
		secs=$1 change=$2 mac=$3 pg=/proc/net/pktgen
		echo rem_device_all >$pg/kpktgend_0 || exit 1
		echo rem_device_all >$pg/kpktgend_1 || exit 1
		echo add_device team0@0 >$pg/kpktgend_0 || exit 1
		echo add_device team0@1 >$pg/kpktgend_1 || exit 1
		conf() {
			local dev=$1 c
			shift
			for c in "clone_skb 0" "pkt_size 200" "dst 192.0.2.2" \
				"dst_mac $mac" "udp_dst_min 9" "udp_dst_max 9" "$@"; do
				echo "$c" >"$pg/$dev" || { echo "pktgen $dev: $c refused"; exit 1; }
			done
		}
		conf team0@0 "ratep 6000" "count $((6000 * secs))" \
			"udp_src_min 30000" "udp_src_max 30004"
		conf team0@1 "ratep 3000" "count $((3000 * secs))" \
			"udp_src_min 31000" "udp_src_max 31000"
		echo start >$pg/pgctrl &
		start=$SECONDS
		for ((k = 1; SECONDS - start < secs - change; k++)); do
			sleep "$change"
			echo "udp_src_min $((31000 + k))" >$pg/team0@1
			echo "udp_src_max $((31000 + k))" >$pg/team0@1
		done
		wait
		out=""
		for dev in team0@0 team0@1; do
			sent=""
			while read -r a b c _; do
				[ "$a" = "pkts-sofar:" ] && sent=$b
				[ "$a" = "Result:" ] && [ "$b" != "OK:" ] && { echo "pktgen $dev: $a $b $c"; exit 1; }
			done <"$pg/$dev"
			out+="$sent "
		done
		echo rem_device_all >$pg/kpktgend_0
		echo rem_device_all >$pg/kpktgend_1
		echo "$out"'

	# The capture, analysed: ARGS PCAP IFINDEX...: prints "RECEIVED
	# REORDERED SAME_PATH DUPLICATED MOVES_STREAM MOVES_HEAVY FLOWS
	# PER_MEMBER,..." (per member in IFINDEX order). REORDERED: overtaken
	# by a frame of its flow that came through another member (a move);
	# SAME_PATH: overtaken on its own member's path (the testbed).
	local py='
import struct, sys
data = open(sys.argv[1], "rb").read()
ifx = [int(x) for x in sys.argv[2:]]
idx = {v: i for i, v in enumerate(ifx)}
if struct.unpack_from("<I", data, 0)[0] != 0xa1b2c3d4 or \
        struct.unpack_from("<I", data, 20)[0] != 276:
    sys.exit("not a little-endian LINUX_SLL2 capture")
off, end = 24, len(data)
last = {}
lastm = {}
seqs = {}
per = [0] * len(ifx)
recv = reord = same = dup = 0
while off + 16 <= end:
    cl = struct.unpack_from("<I", data, off + 8)[0]
    p = off + 16
    off = p + cl
    if cl < 20 + 20 + 8 + 8:
        continue
    m = idx.get(struct.unpack_from("!I", data, p + 4)[0])
    if m is None:
        continue
    ip = p + 20
    ihl = (data[ip] & 15) * 4
    sport, dport = struct.unpack_from("!HH", data, ip + ihl)
    magic, seq = struct.unpack_from("!II", data, ip + ihl + 8)
    if magic != 0xbe9be955:
        continue
    recv += 1
    per[m] += 1
    key = (sport, dport)
    hi = last.get(key, -1)
    if seq < hi:
        if m != lastm[key]:
            reord += 1
        else:
            same += 1
    elif seq == hi:
        dup += 1
    else:
        last[key] = seq
        lastm[key] = m
    seqs.setdefault(key, []).append((seq, m))
moves = [0, 0]
for key, v in seqs.items():
    v.sort()
    n = sum(1 for a, b in zip(v, v[1:]) if a[1] != b[1])
    moves[0 if key[0] < 31000 else 1] += n
print(recv, reord, same, dup, moves[0], moves[1], len(seqs), ",".join(map(str, per)))
'

	# _reo_run SYSTEM: build the team over members[], send, capture,
	# analyse; results into res[SYSTEM,...].
	_reo_run()
	{
		local sys=$1 list out sent_s sent_h recv reord same dup mv_s mv_h flows per
		local cap=/tmp/lbfo-bench-reorder.pcap log=/tmp/lbfo-bench-reorder.log
		local tdpid br mac t

		printf 'link set %s down\n' "${members[@]}" | ip -n lbfo-a -b - || return 1
		case "$sys" in
		lbfo*)
			list=$(IFS=,; echo "${members[*]}")
			mk_lbfo lbfo-a team0 mode switch-independent lb dynamic \
				hash ip,ports balance-interval "$interval_ms" members "$list" ||
				return 1
			;;
		teamd*)
			teamd_start lbfo-a team0 "$(teamd_lb_basic "$interval_ms")" \
				'{"name": "ethtool"}' "${members[@]}" || return 1
			;;
		esac
		team_up team0 || return 1
		team_ready "$sys" team0 "${members[@]}" || return 1

		mac=$(ip -n lbfo-b link show br0 | awk '/link\/ether/ { print $2 }')
		br=$(ip netns exec lbfo-b cat /sys/class/net/br0/ifindex)
		rm -f "$cap" "$log"
		ip netns exec lbfo-b tcpdump -i any -y LINUX_SLL2 -s 64 -B 32768 \
			-w "$cap" "udp dst port 9 and not ifindex $br" 2>"$log" &
		tdpid=$!
		if ! wait_for 20 grep -q "listening on" "$log"; then
			bfail reorder "$sys: tcpdump did not start: $(cat "$log")"
			kill "$tdpid" 2>/dev/null
			return 1
		fi
		t=$EPOCHREALTIME
		out=$(ip netns exec lbfo-a bash -c "$pg_script" pg "$secs" "$change" "$mac" 2>&1)
		echo "  $sys: sent for $(calc "%.1f" "$EPOCHREALTIME - $t") s"
		sleep 1
		kill -INT "$tdpid"
		wait "$tdpid"
		read -r sent_s sent_h <<<"$out"
		if ! [[ "$sent_s $sent_h" =~ ^[0-9]+\ [0-9]+$ ]]; then
			bfail reorder "$sys: traffic failed: $out"
			return 1
		fi
		out=$(python3 -c "$py" "$cap" "${ifx[@]}" 2>&1)
		read -r recv reord same dup mv_s mv_h flows per <<<"$out"
		rm -f "$cap"
		if ! [[ "$recv" =~ ^[0-9]+$ ]] || [ "$recv" -eq 0 ] || [ -z "$per" ]; then
			bfail reorder "$sys: nothing captured: $out; $(tail -n 3 "$log")"
			return 1
		fi
		res[$sys,sent]=$((sent_s + sent_h))
		res[$sys,recv]=$recv
		res[$sys,reord]=$reord
		res[$sys,dup]=$dup
		res[$sys,same]=$same
		res[$sys,same_ppm]=$(calc "%.1f" "1000000 * $same / $recv")
		res[$sys,moves]=$((mv_s + mv_h))
		res[$sys,moves_s]=$mv_s
		res[$sys,moves_h]=$mv_h
		res[$sys,flows]=$flows
		res[$sys,per]=$per
		res[$sys,ppm]=$(calc "%.1f" "1000000 * $reord / $recv")
		res[$sys,drop]=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$log")
		echo "  $sys: sent $((sent_s + sent_h)), received $recv on ${partners[*]} ($per), $flows flows, $reord reordered across members, $same on one path, $dup duplicated, moves $mv_s (stream) + $mv_h (heavy)"
		team_del lbfo-a "$sys" team0
	}

	topo_partner
	for i in 0 1 2 3; do
		if ! d=$(nic_name "t$i") || ! p=$(nic_name "p$i"); then
			bfail reorder "no NIC t$i/p$i"
			return 1
		fi
		nic_link "t$i" on
		ip link set "$d" netns lbfo-a
		ip link set "$p" netns lbfo-b
		topo_partner_port "$p"
		members+=("$d")
		partners+=("$p")
		ifx+=("$(ip netns exec lbfo-b cat "/sys/class/net/$p/ifindex")")
	done

	for sys in "lbfo dynamic" "teamd loadbalance basic"; do
		if ! _reo_run "$sys"; then
			bfail reorder "$sys: no measurement (team did not form or traffic failed)"
			team_del lbfo-a "$sys" team0 2>/dev/null
		fi
	done
	cleanup

	local l="lbfo dynamic" row
	btable reorder "Reordering while the balancer moves load (sequence-numbered flows, emulated NICs)" \
		system "packets sent" "packets received" "flow moves" reordered \
		"reordered per million" "per million, ratio to lbfo dynamic" \
		"reordered per move" "reordered on one path per million (testbed)"
	for sys in "lbfo dynamic" "teamd loadbalance basic"; do
		[ -n "${res[$sys,recv]:-}" ] || continue
		row=("$sys" "${res[$sys,sent]}" "${res[$sys,recv]}" "${res[$sys,moves]}"
			"${res[$sys,reord]}" "${res[$sys,ppm]}")
		if [ -n "${res[$l,ppm]:-}" ]; then
			row+=("$(ratio "${res[$sys,ppm]}" "${res[$l,ppm]}")")
		else
			row+=("-")
		fi
		row+=("$(ratio "${res[$sys,reord]}" "${res[$sys,moves]}")" "${res[$sys,same_ppm]}")
		brow reorder "${row[@]}"
	done
	bnote reorder "Traffic: pktgen on the team for $secs s: 4 flows at 6000 frames/s in all (670 us apart per flow) and one heavy flow at 3000 frames/s (330 us apart) that changes source port every $change s; 200-byte frames; members ${members[*]} (e1000, virtio-net, 8139cp, vmxnet3) to partner NICs ${partners[*]}. lbfo dynamic: flowlet gap 500 us (default), balance-interval $interval_ms ms, threshold 25% (default); teamd: loadbalance, tx_hash l3,l4, basic tx_balancer, balancing_interval $((interval_ms / 100)) tenths."
	bnote reorder "Reordered: a frame with a lower sequence number than one already received on its flow (source and destination port) that came through another member, i.e. a move overtook it; captured by tcpdump on the partner NICs. The last column counts frames overtaken on their own member's path, which no balancer causes: QEMU reorders frames on a cable when the partner NIC's receive ring is full (a new frame is delivered while older ones wait in QEMU's queue), so it grows with the load on one NIC. Flow moves: per flow, in sequence order, how often consecutive frames arrived on different partner NICs (evidence that the balancer moved flows). 'reordered per move' = reordered / moves."
	for sys in "lbfo dynamic" "teamd loadbalance basic"; do
		[ -n "${res[$sys,recv]:-}" ] || continue
		bnote reorder "$sys: frames per partner NIC ${res[$sys,per]} (${partners[*]}); moves ${res[$sys,moves_s]} of the stream flows, ${res[$sys,moves_h]} of the heavy flow; ${res[$sys,flows]} flows seen; $((res[$sys,sent] - res[$sys,recv])) frames not captured (tcpdump: ${res[$sys,drop]:-?} dropped by kernel); ${res[$sys,dup]} duplicated."
	done
	if [ -n "${res[$l,ppm]:-}" ] && [ -n "${res[teamd loadbalance basic,ppm]:-}" ]; then
		local tl="teamd loadbalance basic"
		if [ "${res[$l,reord]}" = 0 ] && [ "${res[$tl,reord]}" = 0 ]; then
			bnote reorder "No reordering for either: 0 of ${res[$l,recv]} frames (lbfo, ${res[$l,moves]} moves) and 0 of ${res[$tl,recv]} (teamd, ${res[$tl,moves]} moves)."
		elif [ "$(calc "%d" "${res[$l,ppm]} > ${res[$tl,ppm]}")" = 1 ]; then
			bnote reorder "lbfo does worse here: ${res[$l,ppm]} reordered per million against ${res[$tl,ppm]} for teamd."
		fi
		if [ "${res[$l,moves]}" -lt "${res[$tl,moves]}" ] && [ "${res[$l,moves]}" -lt 10 ]; then
			bnote reorder "lbfo moved flows only ${res[$l,moves]} times: its figure rests on few moves."
		fi
	fi
}
