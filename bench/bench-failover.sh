# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Failover: a counted UDP stream while the member carrying it loses carrier;
# datagrams lost and the time until traffic flows again.
#
# Topology: the team in namespace lbfo-a over two veth members a0, a1; their
# peers b0, b1 in the bridge br0 (192.0.2.2) of namespace lbfo-b, the
# partner. Systems: lbfo active/standby (a0 active, a1 standby), lbfo
# address-hash with both members active (the stream's flow on the member
# that fails), bonding active-backup with miimon 100 and with miimon 1, team
# (teamd) activebackup with the ethtool link watch.
#
# The stream: pktgen (kpktgend_0 of lbfo-a, clone_skb 0) sends 60-byte UDP
# datagrams from the team to 192.0.2.2 port 9 at a fixed rate (ratep
# FO_RATE; the rate pktgen achieved is reported), to br0's MAC address: the
# stream goes from the team to the partner, so it does not depend on what
# the partner's bridge learnt. A sampler, bash inside lbfo-b forking nothing
# in its loop, polls the Udp NoPorts counter of lbfo-b (nothing listens on
# port 9 and nothing else sends UDP there: it counts the stream exactly);
# once a second's worth of the stream has arrived (half a second in smoke)
# it finds the partner port the stream comes in on (b0 or b1, by rx
# counters) and takes that port down through an "ip -batch" started
# beforehand: its veth peer, the team member carrying the stream, loses
# carrier. A trial in which the stream did not go on 300 ms after the
# failure is run again.
#
# Lost = sent (pktgen's pkts-sofar plus its errors: bonding hands a member's
# drop back to the sender) - received - what the partner dropped while its
# port was closing (before the member's carrier dropped, so no team can
# react: dev_close's RCU wait under TCG; softnet_stat drops). Outage: from
# the sampler's timestamps, the longest stall after the failure: for each
# pair of successive counter changes, the time between them minus the time
# the datagrams counted in between take at the nominal rate (a late sampler
# is not an outage), minus the closing port's drops at the nominal rate; good
# to a sampling period (1-2 ms). Each system is tried 5 times (1 in smoke;
# the failed port comes back after each trial and the team has a second to
# settle): median and max per system, and every trial in failover_trials.

FO_RATE=${FO_RATE:-10000}

# The sampler, run by bash in lbfo-b: STOP READY TRIGGER IVAL_US PORT...
# Polls the Udp NoPorts counter (the stream's datagrams, and nothing else);
# past TRIGGER datagrams it takes down the PORT the stream comes in on,
# through an "ip -batch" started beforehand (no exec at that moment), and
# notes when the port is down. Prints "failed=PORT recv=N stall_us=N
# raw_us=N after_us=N rxdrop=N samples=N" (after_us: how long the stream
# went on after the failure; rxdrop: datagrams the partner dropped as its
# port was going down, counted in softnet_stat); with FO_DEBUG set, the changes after the failure
# ("US_SINCE:DELTA") on stderr.
# shellcheck disable=SC2016
FO_SAMPLER='
stop=$1 ready=$2 trig=$3 ival=$4
shift 4
ports=("$@")
re="Udp: [0-9]+ ([0-9]+) "
declare -a p0 tl
exec 3> >(exec ip -force -batch -)
for i in "${!ports[@]}"; do
	read -r "p0[i]" <"/sys/class/net/${ports[i]}/statistics/rx_packets"
done
rxdrops()
{
	local a b rest
	drops=0
	while read -r a b rest; do
		drops=$((drops + 16#$b))
	done </proc/net/softnet_stat
}
rxdrops
d0=$drops
read -r -d "" s </proc/net/snmp
[[ "$s" =~ $re ]] || exit 1
first=${BASH_REMATCH[1]}
last=$first lt=0 tf=0 failed="" n=0 stall=0 raw=0 st=up
: >"$ready"
while [ ! -e "$stop" ]; do
	read -r -d "" s </proc/net/snmp
	[[ "$s" =~ $re ]]
	v=${BASH_REMATCH[1]}
	n=$((n + 1))
	if [ "$st" = trig ]; then
		read -r st <"/sys/class/net/$failed/operstate"
		if [ "$st" = down ]; then
			tf=${EPOCHREALTIME/[.,]/}
		else
			st=trig
		fi
	fi
	[ "$v" = "$last" ] && continue
	t=${EPOCHREALTIME/[.,]/}
	if [ "$st" = down ]; then
		g=$((t - lt))
		e=$((g - (v - last - 1) * ival))
		[ "$g" -gt "$raw" ] && raw=$g
		[ "$e" -gt "$stall" ] && stall=$e
		[ ${#tl[@]} -lt 300 ] && tl+=("$((t - tf)):$((v - last))")
	elif [ -z "$failed" ] && [ $((v - first)) -ge "$trig" ]; then
		best=-1
		for i in "${!ports[@]}"; do
			read -r c <"/sys/class/net/${ports[i]}/statistics/rx_packets"
			if [ $((c - p0[i])) -gt "$best" ]; then
				best=$((c - p0[i]))
				failed=${ports[i]}
			fi
		done
		echo "link set $failed down" >&3
		st=trig
	fi
	last=$v lt=$t
done
exec 3>&-
rxdrops
[ -n "${FO_DEBUG:-}" ] && echo "${tl[*]}" >&2
[ "$st" = down ] || failed=none
echo "failed=${failed:-none} recv=$((last - first)) stall_us=$stall raw_us=$raw after_us=$((lt - tf)) rxdrop=$((drops - d0)) samples=$n"
'

# The sender, run by bash in lbfo-a: DEV COUNT RATE DST_MAC READY: starts
# once the file READY exists (the sampler is running).
# Prints "SENT PPS" once the stream is over: SENT counts the datagrams
# the team refused (pktgen's errors: bonding passes on a member's drop) with
# those it took (pkts-sofar), PPS is SENT over the time it took.
# shellcheck disable=SC2016
FO_PKTGEN='
dev=$1 count=$2 rate=$3 mac=$4 ready=$5
pg=/proc/net/pktgen
# rem_device_all is carried out by the pktgen thread later: wait until it
# is, or it may remove the device added next.
remove()
{
	local i
	echo rem_device_all >$pg/kpktgend_0
	for ((i = 0; i < 200; i++)); do
		[ -e "$pg/$dev" ] || return 0
		read -r -t 0.05 <> <(:)
	done
	return 1
}
[ -e "$pg/$dev" ] && { remove || exit 1; }
echo "add_device $dev" >$pg/kpktgend_0
for c in "count $count" "clone_skb 0" "pkt_size 60" "ratep $rate" \
	"src_min 192.0.2.1" "src_max 192.0.2.1" "dst 192.0.2.2" \
	"dst_mac $mac" "udp_src_min 4000" "udp_src_max 4000" \
	"udp_dst_min 9" "udp_dst_max 9"; do
	echo "$c" >"$pg/$dev" || exit 1
done
for ((i = 0; i < 400; i++)); do
	[ -e "$ready" ] && break
	read -r -t 0.05 <> <(:)
done
echo start >$pg/pgctrl
us=0 sent=0 err=0
while read -r line; do
	if [[ "$line" =~ ^Result:\ OK:\ ([0-9]+) ]]; then us=${BASH_REMATCH[1]}; fi
	if [[ "$line" =~ pkts-sofar:\ ([0-9]+)\ +errors:\ ([0-9]+) ]]; then
		sent=${BASH_REMATCH[1]} err=${BASH_REMATCH[2]}
	fi
done <"$pg/$dev"
remove
if [ "$us" -le 0 ]; then
	echo "pktgen: no result: sent $sent, errors $err" >&2
	exit 1
fi
echo "$((sent + err)) $(((sent + err) * 1000000 / us))"
'

# fo_stat NUMBERS...: "MEDIAN MAX" (median: the lower middle one)
fo_stat()
{
	printf '%s\n' "$@" | sort -n |
		awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)], v[NR] }'
}

# fo_topo: namespaces, the partner's bridge and the veth pairs a0-b0, a1-b1.
fo_topo()
{
	topo_partner
	ip -n lbfo-a -batch - <<-EOF
		link add a0 type veth peer name b0 netns lbfo-b
		link add a1 type veth peer name b1 netns lbfo-b
	EOF
	ip -n lbfo-b -batch - <<-EOF
		link set b0 master br0
		link set b1 master br0
		link set b0 up
		link set b1 up
	EOF
}

# fo_build SYSTEM: the team for SYSTEM in lbfo-a over a0 (first) and a1,
# addressed 192.0.2.1; prints its name. Fails if it does not reach the partner.
fo_build()
{
	local dev
	printf 'link set %s down\n' a0 a1 | ip -n lbfo-a -batch -
	case "$1" in
	"lbfo standby")
		dev=team0
		mk_lbfo lbfo-a $dev mode switch-independent lb address-hash \
			hash ip,ports members a0 standby a1 >/dev/null || return 1 ;;
	"lbfo address-hash")
		dev=team0
		mk_lbfo lbfo-a $dev mode switch-independent lb address-hash \
			hash ip,ports members a0,a1 >/dev/null || return 1 ;;
	"bonding miimon 100" | "bonding miimon 1")
		dev=bond0
		mk_bond lbfo-a $dev mode active-backup miimon "${1##* }" || return 1
		ip -n lbfo-a link set a0 master $dev || return 1
		ip -n lbfo-a link set a1 master $dev || return 1 ;;
	"teamd activebackup")
		dev=tm0
		teamd_start lbfo-a $dev '{"name": "activebackup"}' \
			'{"name": "ethtool"}' a0 a1 || return 1 ;;
	esac
	team_up $dev || return 1
	wait_for 20 A ping -c 1 -W 1 192.0.2.2 || return 1
	echo $dev
}

# fo_trial DEV COUNT TRIGGER MAC: one stream with one failure; the failed
# port comes back at the end. Prints "LOST OUTAGE_MS SENT PPS RAW_MS PORT"
# or fails with a message on stderr.
fo_trial()
{
	local dev=$1 count=$2 trig=$3 mac=$4 dir=/tmp/lbfo-bench-fo
	local s failed recv stall raw sent pps sp after rxdrop
	mkdir -p $dir
	rm -f $dir/stop $dir/ready
	FO_DEBUG=${LBFO_FO_DEBUG:-} ip netns exec lbfo-b bash -c "$FO_SAMPLER" fo-sampler $dir/stop \
		$dir/ready "$trig" $((1000000 / FO_RATE)) b0 b1 >$dir/sampler 2>$dir/debug &
	sp=$!
	s=$(ip netns exec lbfo-a bash -c "$FO_PKTGEN" fo-pktgen "$dev" \
		"$count" "$FO_RATE" "$mac" $dir/ready)
	sleep 0.3
	: >$dir/stop
	wait "$sp"
	read -r sent pps <<<"$s"
	cat $dir/debug >&2
	s=$(cat $dir/sampler)
	[[ "$s" =~ failed=([a-z0-9]+)\ recv=([0-9-]+)\ stall_us=([0-9-]+)\ raw_us=([0-9]+)\ after_us=([0-9-]+)\ rxdrop=([0-9]+) ]] || {
		echo "sampler: $s" >&2
		return 1
	}
	failed=${BASH_REMATCH[1]} recv=${BASH_REMATCH[2]}
	stall=${BASH_REMATCH[3]} raw=${BASH_REMATCH[4]} after=${BASH_REMATCH[5]}
	rxdrop=${BASH_REMATCH[6]}
	printf 'link set %s up\n' b0 b1 | ip -n lbfo-b -batch -
	# pktgen stops a stream early when the team device loses carrier
	# or its entry goes: no figure, run it again.
	if [ -z "$sent" ] && [ "$recv" -gt 0 ]; then
		echo "the sender stopped early (no pktgen result), received $recv" >&2
		return 2
	fi
	if [ "${sent:-0}" -le 0 ] || [ "$recv" -le 0 ]; then
		echo "sent ${sent:-nothing}, received $recv" >&2
		return 1
	fi
	if [ "$failed" = none ]; then
		echo "the failure was never triggered: received $recv of $sent" >&2
		return 1
	fi
	# The stream must go on well after the failure (a busy host can delay
	# the sampler): otherwise the trial is worth nothing.
	if [ "$after" -lt 300000 ]; then
		echo "the stream ended $((after / 1000)) ms after the failure" >&2
		return 2
	fi
	# What the partner dropped as its port was closing, before the member's
	# carrier dropped, no team could save: it is left out of the loss and
	# (at the nominal rate) out of the stall.
	stall=$((stall - rxdrop * 1000000 / FO_RATE))
	[ "$stall" -lt 0 ] && stall=0
	echo "$((sent - recv - rxdrop)) $(calc "%.1f" "$stall / 1000") $sent $pps $(calc "%.1f" "$raw / 1000") $failed $rxdrop"
}

bench_failover()
{
	local trials count trig systems sys dev mac t r lost out sent pps raw port
	local losts outs ppss ref="" lm lx om ox pm what rc rxdrop closing=0 l
	local -A medlost

	trials=$(pick 5 1)
	count=$((FO_RATE * $(pick 30 15) / 10))
	trig=$((FO_RATE * $(pick 10 5) / 10))
	mkdir -p /tmp/lbfo-bench-fo
	modprobe pktgen || { bfail failover "no pktgen"; return 1; }
	modprobe bonding
	modprobe team
	btable failover "Failover: UDP stream at $FO_RATE/s, the carrying member loses carrier" \
		system trials "achieved pps" "lost median" "lost max" \
		"outage ms median" "outage ms max" "lost/rate ms median" "vs lbfo (outage)"
	btable failover_trials "Failover: each trial" system trial lost "outage ms"
	fo_topo
	mac=$(B cat /sys/class/net/br0/address)
	systems=("lbfo standby" "lbfo address-hash" "bonding miimon 100" \
		"bonding miimon 1" "teamd activebackup")
	for sys in "${systems[@]}"; do
		if ! dev=$(fo_build "$sys"); then
			bfail failover "$sys: the team did not form or reach the partner"
			team_del lbfo-a "$sys" "${dev:-x}" 2>/dev/null
			continue
		fi
		losts=() outs=() ppss=() what=""
		for ((t = 1; t <= trials; t++)); do
			for _ in 1 2 3; do
				r=$(fo_trial "$dev" "$count" "$trig" "$mac" 2>/tmp/lbfo-bench-fo/err)
				rc=$?
				[ $rc = 2 ] || break
				echo "   $sys trial $t: $(tail -n 1 /tmp/lbfo-bench-fo/err), again"
				sleep 1
			done
			if [ $rc != 0 ]; then
				cat /tmp/lbfo-bench-fo/err
				bfail failover "$sys trial $t: $(tail -n 1 /tmp/lbfo-bench-fo/err)"
				continue
			fi
			read -r lost out sent pps raw port rxdrop <<<"$r"
			cat /tmp/lbfo-bench-fo/err
			echo "   $sys trial $t: sent $sent at $pps/s, lost $lost, outage $out ms (largest raw gap $raw ms), failed $port; besides, $rxdrop dropped by the partner as its port closed"
			closing=$((closing + rxdrop))
			brow failover_trials "$sys" "$t" "$lost" "$out"
			losts+=("$lost") outs+=("$out") ppss+=("$pps")
			what="$what${what:+ }$port"
			[ "$t" -lt "$trials" ] && sleep 1
		done
		team_del lbfo-a "$sys" "$dev"
		[ ${#losts[@]} -eq 0 ] && continue
		read -r lm lx <<<"$(fo_stat "${losts[@]}")"
		read -r om ox <<<"$(fo_stat "${outs[@]}")"
		read -r pm _ <<<"$(fo_stat "${ppss[@]}")"
		[ -z "$ref" ] && ref=$om
		medlost[$sys]=$lm
		brow failover "$sys" "${#losts[@]}" "$pm" "$lm" "$lx" "$om" "$ox" \
			"$(calc "%.1f" "$lm * 1000 / $pm")" "$(ratio "$om" "$ref")"
		echo "   $sys: failed ports $what"
	done
	for l in "lbfo standby" "lbfo address-hash"; do
		[ -n "${medlost[$l]:-}" ] || continue
		for sys in "${systems[@]}"; do
			[[ "$sys" == lbfo* ]] && continue
			[ -n "${medlost[$sys]:-}" ] || continue
			if [ "${medlost[$sys]}" -lt "${medlost[$l]}" ]; then
				bnote failover "lbfo does worse here: $l lost more than $sys (median ${medlost[$l]} against ${medlost[$sys]} datagrams)."
			fi
		done
	done
	bnote failover "pktgen busy-waits between datagrams at this rate, so it holds one of the guest's two vCPUs: the link-event work of every system (linkwatch, miimon, teamd) competes with it, and a busy host widens the spread between trials."
	bnote failover "pktgen sends ${count} datagrams per trial at ratep $FO_RATE; the carrying member's partner port goes down after $((trig * 1000 / FO_RATE)) ms of the stream; lost = sent - received (receiver's Udp NoPorts counter) - what the partner dropped while its port was closing, before the member's carrier dropped (softnet_stat drops; no team can react to that: $closing datagrams over all trials of all systems)."
	bnote failover "outage ms: the longest stall of the receive counter after the failure, sampled in a loop (datagrams that arrived within the interval, and those dropped while the partner's port was closing, subtracted at the nominal rate; good to 1-2 ms); lost/rate ms: lost divided by the achieved rate, the same from the loss count. Where the two disagree, the sender itself stalled (achieved pps under $FO_RATE): a stalled sender loses nothing but stops the counter, so lost and lost/rate are the steadier figures."
	bnote failover "The stream goes from the team to the partner's own MAC address, so the partner's bridge learning plays no part; the failed port's bridge entries are flushed as it goes down in every case."
	bnote failover "vs lbfo: outage median divided by lbfo standby's (under 1: shorter than lbfo's)."
	bnote failover_trials "One row per failover: datagrams lost and the outage in ms (see the failover table)."
}
