# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Transmit overhead: packets per second that pktgen pushes through a team of
# 2 and 4 dummy members, against pktgen on one dummy directly (the limit: a
# dummy's xmit only frees the packet, so what the team costs is the rest).
# Systems: lbfo switch-independent address-hash (hash ip,ports) and lbfo
# active/standby (one active member, the others standby); bonding
# balance-xor (layer3+4) and active-backup; team (teamd) loadbalance
# (tx_hash l3,l4) and activebackup.
#
# One pktgen thread (kpktgend_0 of the namespace) sends 60-byte UDP packets
# with clone_skb 0 (team devices lack IFF_TX_SKB_SHARING) and a random UDP
# source port out of 1000, so the hash spreads them over the members. The
# packet count is set from a calibration run on the direct dummy (about
# BENCH_TX_SECONDS, default 0.5, of sending). For each member count the
# configurations are measured in turn, the round repeated 5 times (1 for
# smoke); the table gives the median rate and the median of the per-round
# ratios (pairing the rounds keeps the host's drifts out of the ratios).
# Each run also checks that the members' tx counters account for every
# packet pktgen sent, and records the spread over them (Jain's index: 1 =
# even, 1/n = all on one member).

# The measurements, run by one bash inside the namespace so that
# /proc/net/pktgen and /sys/class/net are the namespace's and the loop forks
# nothing: COUNT REPS DEV:MEMBER,MEMBER... ... runs pktgen COUNT packets on
# each DEV in turn, REPS rounds, and prints per run
# "DEV PPS SENT COUNTED JAIN1000" (COUNTED: the sum of the members' tx_packets
# deltas; JAIN1000: Jain's index of those deltas, times 1000).
# shellcheck disable=SC2016
TX_PG='
count=$1 reps=$2
shift 2
pg=/proc/net/pktgen
# one DEV: a pktgen run of COUNT packets; sets pps, sent and result.
one() {
	local c w line done
	echo "add_device $1" >$pg/kpktgend_0
	for c in "count $count" "clone_skb 0" "pkt_size 60" "delay 0" \
		"src_min 198.51.100.1" "src_max 198.51.100.1" \
		"dst 198.51.100.2" "dst_mac 02:00:00:00:00:02" \
		"udp_dst_min 9" "udp_dst_max 9" "udp_src_min 1000" \
		"udp_src_max 1999" "flag UDPSRC_RND"; do
		echo "$c" >"$pg/$1"
	done
	# "start" returns once the thread is done, or at once if the thread
	# has not picked the run up within 125 ms (a loaded guest): wait for
	# the result (at most 30 s).
	echo start >$pg/pgctrl
	for ((w = 0; w < 3000; w++)); do
		pps=0 sent=0 done=0 result=""
		while read -r line; do
			[[ "$line" =~ ^([0-9]+)pps ]] && pps=${BASH_REMATCH[1]}
			[[ "$line" =~ pkts-sofar:\ ([0-9]+) ]] && sent=${BASH_REMATCH[1]}
			[[ "$line" =~ ^Result: ]] && result=$line
			[[ "$line" =~ ^Result:\ OK ]] && done=1
		done <"$pg/$1"
		[ "$done" = 1 ] && break
		read -r -t 0.01 <> <(:)
	done
	echo rem_device_all >$pg/kpktgend_0
	# The thread drops the device a moment later; wait for it so that the
	# next add_device of it does not find it still there.
	for ((w = 0; w < 500; w++)); do
		[ -e "$pg/$1" ] || break
		read -r -t 0.01 <> <(:)
	done
	[ "$done" = 1 ] && [ "$sent" = "$count" ]
}
for ((r = 0; r < reps; r++)); do
	for spec in "$@"; do
		dev=${spec%%:*}
		IFS=, read -r -a mem <<<"${spec#*:}"
		# A second try if pktgen did not finish the run.
		for ((try = 0; try < 2; try++)); do
			before=()
			for m in "${mem[@]}"; do
				read -r v <"/sys/class/net/$m/statistics/tx_packets"
				before+=("$v")
			done
			one "$dev" && break
			echo "pktgen on $dev: ${result:-no result}, $sent of $count sent" >&2
		done
		i=0 s=0 q=0
		for m in "${mem[@]}"; do
			read -r v <"/sys/class/net/$m/statistics/tx_packets"
			d=$((v - before[i]))
			s=$((s + d)) q=$((q + d * d)) i=$((i + 1))
		done
		j=0
		[ "$q" -gt 0 ] && j=$((s * s * 1000 / (i * q)))
		echo "$dev $pps $sent $s $j"
	done
done
'

# tx_runs COUNT REPS DEV:MEMBERS...: the runs above.
tx_runs()
{
	ip netns exec lbfo-a bash -c "$TX_PG" tx-pktgen "$@"
}

# tx_stats "X..." "D..." "L...": per-round figures of a configuration, of
# the direct dummy and of its lbfo counterpart ("-": failed); prints the
# median of X, and the medians of the per-round ratios X/D and X/L ("-"
# when there is none). Pairing the rounds keeps the host's drifts out of
# the ratios.
tx_stats()
{
	awk -v xs="$1" -v ds="$2" -v ls="$3" '
	function med(a, n,   i, j, t) {
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		return a[int((n + 1) / 2)]
	}
	BEGIN {
		n = split(xs, x, " "); split(ds, d, " "); split(ls, l, " ")
		for (i = 1; i <= n; i++) {
			if (x[i] == "-") continue
			v[++nv] = x[i]
			if (d[i] != "-" && d[i] > 0) rd[++nd] = x[i] / d[i]
			if (l[i] != "-" && l[i] > 0) rl[++nl] = x[i] / l[i]
		}
		printf "%s %s %s\n", nv ? med(v, nv) : "-",
			nd ? sprintf("%.2f", med(rd, nd)) : "-",
			nl ? sprintf("%.2f", med(rl, nl)) : "-"
	}'
}

# tx_build N: direct dummy dd0, and six teams over N dummies each in lbfo-a:
# lh (lbfo address-hash), la (lbfo active/standby), bx (bond balance-xor),
# ba (bond active-backup), tl (team loadbalance), ta (team activebackup);
# members NAME0..NAME(N-1). Fails if one did not form.
tx_build()
{
	local n=$1 t i b=/tmp/lbfo-bench-tx.batch list
	{
		echo "link add dd0 type dummy"
		echo "link set dd0 up"
		for t in lh la bx ba tl ta; do
			for ((i = 0; i < n; i++)); do
				echo "link add $t$i type dummy"
			done
		done
		echo "link add bx type bond mode balance-xor xmit_hash_policy layer3+4 miimon 100"
		echo "link add ba type bond mode active-backup miimon 100"
		for ((i = 0; i < n; i++)); do
			echo "link set bx$i master bx"
			echo "link set ba$i master ba"
		done
	} >"$b"
	ip -n lbfo-a -batch "$b" || return 1
	list=lh0
	for ((i = 1; i < n; i++)); do list="$list,lh$i"; done
	mk_lbfo lbfo-a lh mode switch-independent lb address-hash hash ip,ports \
		members "$list" || return 1
	list=la1
	for ((i = 2; i < n; i++)); do list="$list,la$i"; done
	mk_lbfo lbfo-a la mode switch-independent lb address-hash hash ip,ports \
		members la0 standby "$list" || return 1
	# teamd starts with no ports and sees them come through the team
	# driver (one batch instead of a wait per port).
	teamd_start lbfo-a tl '{"name": "loadbalance", "tx_hash": ["l3", "l4"]}' \
		'{"name": "ethtool"}' || return 1
	teamd_start lbfo-a ta '{"name": "activebackup"}' '{"name": "ethtool"}' ||
		return 1
	{
		for t in tl ta; do
			for ((i = 0; i < n; i++)); do
				echo "link set $t$i master $t"
				echo "link set $t$i up"
			done
		done
		for t in lh la bx ba tl ta; do
			echo "link set $t up"
		done
	} >"$b"
	ip -n lbfo-a -batch "$b" || return 1
	# Every team up with carrier (teamd's activebackup: once it picked a
	# port) and all its members.
	# shellcheck disable=SC2016
	wait_for 10 ip netns exec lbfo-a bash -c '
		for t in lh la bx ba tl ta; do
			read -r c <"/sys/class/net/$t/carrier" || exit 1
			[ "$c" = 1 ] || exit 1
			l=(/sys/class/net/$t/lower_*)
			[ "${#l[@]}" = "$1" ] || exit 1
		done' tx-check "$n" ||
		{ echo "a team lacks carrier or members" >&2; return 1; }
}

# teamd must be gone before the next round starts one of the same name.
tx_teardown()
{
	teamd_stop lbfo-a tl
	teamd_stop lbfo-a ta
	cleanup
}

tx_names()
{
	local i
	for ((i = 0; i < $2; i++)); do
		printf '%s%d ' "$1" "$i"
	done
}

bench_tx()
{
	local reps secs ns=(2 4) n t pps sent sum j count cal specs counts="" base vsd vsl
	local -A label mode val spread
	reps=$(pick 5 1)
	secs=${BENCH_TX_SECONDS:-$(pick 0.5 0.2)}
	if ! modprobe -a pktgen dummy bonding team; then
		bfail tx "modules pktgen/dummy/bonding/team"
		return 1
	fi
	label=([direct]=direct [lh]=lbfo [la]=lbfo [bx]=bonding [ba]=bonding
		[tl]=team [ta]=team)
	mode=([direct]="one member" [lh]="address-hash ip,ports"
		[la]="active/standby" [bx]="balance-xor layer3+4"
		[ba]="active-backup" [tl]="loadbalance l3,l4"
		[ta]="activebackup")
	btable tx "Transmit overhead: pktgen through the team vs one member directly" \
		system mode members kpps "vs direct" "vs lbfo" spread
	for n in "${ns[@]}"; do
		ns_add lbfo-a
		if ! tx_build "$n"; then
			bfail tx "$n members: a team did not form"
			tx_teardown
			continue
		fi
		# Calibration on the direct dummy (also warms up).
		read -r _ cal _ < <(tx_runs 20000 1 dd0:dd0)
		if [ "${cal:-0}" -le 0 ]; then
			bfail tx "$n members: pktgen sent nothing on the direct dummy"
			tx_teardown
			continue
		fi
		count=$(calc "%d" "$cal * $secs")
		[ "$count" -lt 5000 ] && count=5000
		counts="$counts${counts:+, }$count over $n members"
		specs=(dd0:dd0)
		for t in direct lh bx tl la ba ta; do
			val[$t]=""
			spread[$t]=""
			[ "$t" = direct ] && continue
			specs+=("$t:$(tx_names "$t" "$n" | sed 's/ $//; s/ /,/g')")
		done
		# val[T]: one figure per round, "-" for a failed run.
		while read -r t pps sent sum j; do
			[ "$t" = dd0 ] && t=direct
			if [ "${pps:-0}" -le 0 ] || [ "$sent" != "$count" ] ||
				[ "$sum" != "$sent" ]; then
				bfail tx "$t over $n: pps ${pps:-?} sent ${sent:-?} of $count, members counted ${sum:-?}"
				val[$t]="${val[$t]} -"
				continue
			fi
			val[$t]="${val[$t]} $pps"
			[ "$t" != direct ] && spread[$t]=$(printf '%d.%03d' $((j / 1000)) $((j % 1000)))
		done < <(tx_runs "$count" "$reps" "${specs[@]}")
		for t in direct lh bx tl la ba ta; do
			base=lh
			case $t in la | ba | ta) base=la ;; esac
			read -r pps vsd vsl < <(tx_stats "${val[$t]}" "${val[direct]}" "${val[$base]}")
			if [ "$pps" = - ]; then
				continue
			fi
			if [ "$t" = direct ]; then
				brow tx direct "${mode[$t]}" 1 "$(calc "%.1f" "$pps / 1000")" 1.00 - -
				continue
			fi
			brow tx "${label[$t]}" "${mode[$t]}" "$n" "$(calc "%.1f" "$pps / 1000")" \
				"$vsd" "$vsl" "${spread[$t]}"
			if [ "$vsl" != - ] && awk -v r="$vsl" 'BEGIN { exit !(r > 1) }'; then
				bnote tx "$n members: lbfo ${mode[$base]} is slower than ${label[$t]} ${mode[$t]}: it sends $(calc "%.2f" "1 / $vsl") of its packets per second (median of the per-round ratios)"
			fi
		done
		tx_teardown
	done
	bnote tx "pktgen (kpktgend_0, one thread) in the team's namespace: 60-byte UDP, clone_skb 0, random source port of 1000; packets a run: $counts (about ${secs} s at the direct rate of a calibration run), $reps rounds, each measuring every configuration once; kpps: the median; ratios: the median of the per-round ratios"
	bnote tx "members are dummy devices (xmit frees the packet): every system accepts them; each run checks that the members' tx counters add up to what pktgen sent"
	bnote tx "vs direct: kpps / kpps of pktgen on one dummy directly; vs lbfo: kpps / lbfo's kpps in the matching mode (above 1: faster than lbfo); spread: Jain's index of the members' tx (1 even, 1/members all on one)"
}
