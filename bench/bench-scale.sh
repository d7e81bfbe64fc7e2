# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Scale: what a 32nd member costs, and a failover among 32 members, for
# lbfo, bonding and team (teamd). Members are veth pairs: the team ends in
# namespace lbfo-a, their peers (up, nothing above them) in lbfo-b. Six
# teams live side by side in lbfo-a and are measured in turn, the round
# repeated 3 times (1 for smoke) and the median kept:
#   lh lbfo switch-independent address-hash ip,ports  la lbfo active/standby
#   bx bonding balance-xor layer3+4 miimon 100         ba bonding active-backup miimon 100
#   tl team loadbalance l3,l4 (ethtool link watch)     ta team activebackup (ethtool)
#
# scale_add: with 31 members in lh, bx and tl, one `ip -o -batch -` process
# (a coprocess, fed through a pipe: no exec in the timed part) is given
# CYCLES cycles of link set X master T / up / nomaster / down, then a "link
# show dev lo" whose answer marks the end; the time, less the marker's own
# round trip, divided by CYCLES (50; smoke 5). Reference: the same on a
# free veth (down / up / nomaster, no team). teamd sees each port come and
# go: its own work runs on the side and is not in the figure.
#
# scale_failover: with 32 members, pktgen sends one UDP flow through the
# team at a fixed pace (one packet every 100 us); a short run first finds the
# member carrying it; after BEFORE packets of the main run that member's
# veth peer is set down (carrier off for the member) and the stream goes on
# for AFTER more. Lost = packets pktgen tried to send less those the members
# passed on (veth tx, i.e. what the peers got); outage = lost x the measured
# interval between packets. The peer is set up again after the run.

# Teams: name, label, mode (the 32-member failover table shows all six).
SCALE_TEAMS=(lh la bx ba tl ta)
declare -A SCALE_SYS=([lh]=lbfo [la]=lbfo [bx]=bonding [ba]=bonding
	[tl]=team [ta]=team)
declare -A SCALE_MODE=([lh]="address-hash ip,ports" [la]="active/standby"
	[bx]="balance-xor layer3+4, miimon 100" [ba]="active-backup, miimon 100"
	[tl]="loadbalance l3,l4, ethtool" [ta]="activebackup, ethtool")

scale_median()
{
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# scale_build: the six teams with 31 members each (member 31 exists, down,
# outside the team), and the free veth fr0.
scale_build()
{
	local t i b=/tmp/lbfo-bench-scale.batch list
	ns_add lbfo-a
	ns_add lbfo-b
	{
		for t in "${SCALE_TEAMS[@]}"; do
			for ((i = 0; i < 32; i++)); do
				echo "link add $t$i type veth peer name p$t$i netns lbfo-b"
			done
		done
		echo "link add fr0 type veth peer name pfr0 netns lbfo-b"
		echo "link add bx type bond mode balance-xor xmit_hash_policy layer3+4 miimon 100"
		echo "link add ba type bond mode active-backup miimon 100"
	} >"$b"
	ip -n lbfo-a -batch "$b" || return 1
	{
		for t in "${SCALE_TEAMS[@]}" fr; do
			for ((i = 0; i < 32; i++)); do
				[ "$t" = fr ] && [ "$i" -gt 0 ] && break
				echo "link set p$t$i up"
			done
		done
	} >"$b"
	ip -n lbfo-b -batch "$b" || return 1
	mk_lbfo lbfo-a lh mode switch-independent lb address-hash hash ip,ports ||
		return 1
	list=la1
	for ((i = 2; i < 31; i++)); do list="$list,la$i"; done
	mk_lbfo lbfo-a la mode switch-independent lb address-hash hash ip,ports \
		members la0 standby "$list" || return 1
	teamd_start lbfo-a tl '{"name": "loadbalance", "tx_hash": ["l3", "l4"]}' \
		'{"name": "ethtool"}' || return 1
	teamd_start lbfo-a ta '{"name": "activebackup"}' '{"name": "ethtool"}' ||
		return 1
	{
		for t in lh bx ba tl ta; do
			for ((i = 0; i < 31; i++)); do
				echo "link set $t$i master $t"
				echo "link set $t$i up"
			done
		done
		for ((i = 0; i < 31; i++)); do
			echo "link set la$i up"
		done
		for t in "${SCALE_TEAMS[@]}"; do
			echo "link set $t up"
		done
	} >"$b"
	ip -n lbfo-a -batch "$b" || return 1
	scale_check 31 || return 1
}

# scale_check N: every team has N members and carrier.
scale_check()
{
	# shellcheck disable=SC2016
	wait_for 20 ip netns exec lbfo-a bash -c '
		n=$1
		shift
		for t in "$@"; do
			read -r c <"/sys/class/net/$t/carrier" || exit 1
			[ "$c" = 1 ] || exit 1
			l=(/sys/class/net/$t/lower_*)
			[ "${#l[@]}" = "$n" ] || exit 1
		done' scale-check "$1" "${SCALE_TEAMS[@]}" ||
		{ echo "the teams do not all have $1 members and carrier" >&2; return 1; }
}

# The add/remove runs, by one bash in lbfo-a: CYCLES REPS TEAM... feeds one
# `ip -o -batch -` (a coprocess: no exec in the timed part) CYCLES cycles
# for each TEAM in turn (free: the free veth fr0), REPS rounds; after each
# batch a "link show dev lo" whose answer says ip is done. Prints per run
# "TEAM USEC MARK_USEC" (MARK_USEC: the marker's own round trip), then
# "members T N FREE..." as a check (N: members of T; FREE: whether T31 is
# outside the team).
# shellcheck disable=SC2016
SCALE_ADD='
cycles=$1 reps=$2
shift 2
coproc IP { exec stdbuf -oL ip -o -batch - 2>&1; }
mark() {
	local line
	echo "link show dev lo" >&"${IP[1]}"
	read -r -t 60 line <&"${IP[0]}" || return 1
	[[ "$line" == "1: lo:"* ]] || { echo "ip: $line" >&2; return 1; }
}
declare -A lines
printf -v nl "\n"
for t in "$@"; do
	l=""
	for ((i = 0; i < cycles; i++)); do
		if [ "$t" = free ]; then
			l+="link set fr0 down${nl}link set fr0 up${nl}link set fr0 nomaster${nl}"
		else
			l+="link set ${t}31 master $t${nl}link set ${t}31 up${nl}"
			l+="link set ${t}31 nomaster${nl}link set ${t}31 down${nl}"
		fi
	done
	[ "$t" = free ] && l+="link set fr0 down${nl}"
	lines[$t]=$l
done
mark || exit 1
for ((r = 0; r < reps; r++)); do
	for t in "$@"; do
		t0=$EPOCHREALTIME
		mark || exit 1
		t1=$EPOCHREALTIME
		printf "%s" "${lines[$t]}" >&"${IP[1]}"
		mark || exit 1
		t2=$EPOCHREALTIME
		echo "$t $((${t2/./} - ${t1/./})) $((${t1/./} - ${t0/./}))"
	done
done
out="members"
for t in "$@"; do
	[ "$t" = free ] && continue
	l=(/sys/class/net/$t/lower_*)
	m=free
	[ -e "/sys/class/net/${t}31/master" ] && m=taken
	out+=" $t ${#l[@]} $m"
done
echo "$out"
'

scale_add()
{
	local reps=$1 cycles t dt mk ok=1 line
	local -A times
	cycles=$(pick 50 5)
	btable scale_add "Scale: adding and removing the 32nd member (31 in the team)" \
		system mode "ms per add+remove" "vs lbfo" "over free veth"
	for t in free lh bx tl; do
		times[$t]=""
	done
	while read -r t dt mk line; do
		if [ "$t" = members ]; then
			[ "$dt $mk $line" = "lh 31 free bx 31 free tl 31 free" ] ||
				{ bfail scale_add "members after the runs: $dt $mk $line"; ok=0; }
			continue
		fi
		times[$t]="${times[$t]} $(calc "%.4f" "($dt - $mk) / 1000 / $cycles")"
	done < <(ip netns exec lbfo-a bash -c "$SCALE_ADD" scale-add "$cycles" "$reps" free lh bx tl)
	for t in free lh bx tl; do
		if [ -z "${times[$t]}" ]; then
			bfail scale_add "$t: the add/remove batch failed"
			ok=0
			continue
		fi
		# shellcheck disable=SC2086
		times[$t]=$(scale_median ${times[$t]})
	done
	[ -n "${times[free]}" ] &&
		brow scale_add "free veth" "down / up / nomaster, no team" "$(calc "%.2f" "${times[free]}")" - 1.00
	for t in lh bx tl; do
		[ -n "${times[$t]}" ] || continue
		brow scale_add "${SCALE_SYS[$t]}" "${SCALE_MODE[$t]}" \
			"$(calc "%.2f" "${times[$t]}")" \
			"$(ratio "${times[$t]}" "${times[lh]}")" \
			"$(ratio "${times[$t]}" "${times[free]}")"
	done
	for t in bx tl; do
		if [ -n "${times[$t]}" ] && [ -n "${times[lh]}" ] &&
			awk -v a="${times[lh]}" -v b="${times[$t]}" 'BEGIN { exit !(a > b) }'; then
			bnote scale_add "lbfo takes longer than ${SCALE_SYS[$t]} to add and remove the 32nd member: $(calc "%.2f" "${times[lh]}") vs $(calc "%.2f" "${times[$t]}") ms"
		fi
	done
	bnote scale_add "one ip -batch process in the team's namespace is fed $cycles cycles of: link set X master T; link set X up; link set X nomaster; link set X down (X a veth whose peer is up), then a link show whose answer marks the end; (time - the marker's round trip) / $cycles; median of $reps interleaved runs"
	bnote scale_add "free veth: the same without a team (down, up, nomaster), the cost of the link changes alone; vs lbfo: time / lbfo's time (above 1: slower than lbfo)"
	bnote scale_add "team: enslaving through ip goes through the team driver; teamd (loadbalance) sees the port come and go, its own work is not in the figure"
	[ "$ok" = 1 ]
}

# The failover run, by one bash in lbfo-a: TEAM DELAY_NS BEFORE AFTER runs
# pktgen 200 packets to find the busiest member, then a stream of one packet
# every DELAY_NS; once BEFORE packets are out it sets that member's peer
# down, and stops the stream AFTER packets after that. Prints
# "MEMBER ATTEMPTS SENT COUNTED USEC AT" (ATTEMPTS: sent + errors; COUNTED:
# the members' tx deltas; USEC: the run's length; AT: packets sent when the
# peer was down).
# shellcheck disable=SC2016
SCALE_PG='
t=$1 delay=$2 before=$3 after=$4
pg=/proc/net/pktgen
mem=()
for ((i = 0; i < 32; i++)); do mem+=("$t$i"); done
snap() {
	local m v
	snap=()
	for m in "${mem[@]}"; do
		read -r v <"/sys/class/net/$m/statistics/tx_packets"
		snap+=("$v")
	done
}
set_pg() {
	local c
	for c in "$@"; do
		echo "$c" >"$pg/$t" || exit 1
	done
}
sofar() {
	local line
	sent=0 errors=0 usec=0
	while read -r line; do
		[[ "$line" =~ pkts-sofar:\ ([0-9]+)\ +errors:\ ([0-9]+) ]] &&
			sent=${BASH_REMATCH[1]} errors=${BASH_REMATCH[2]}
		[[ "$line" =~ ^Result:\ OK:\ ([0-9]+) ]] && usec=${BASH_REMATCH[1]}
	done <"$pg/$t"
}
# waitfor N: until pktgen has sent N packets (at most 30 s).
waitfor() {
	local w
	for ((w = 0; w < 3000; w++)); do
		sofar
		[ "$sent" -ge "$1" ] && return 0
		read -r -t 0.01 <> <(:)
	done
	return 1
}
# rem_device_all takes effect in the thread a moment later.
for ((i = 0; i < 500; i++)); do
	[ -e "$pg/$t" ] || break
	read -r -t 0.01 <> <(:)
done
echo "add_device $t" >$pg/kpktgend_0 || exit 1
set_pg "count 200" "clone_skb 0" "pkt_size 60" "delay 0" \
	"src_min 198.51.100.1" "src_max 198.51.100.1" "dst 198.51.100.2" \
	"dst_mac 02:00:00:00:00:02" "udp_dst_min 9" "udp_dst_max 9" \
	"udp_src_min 1000" "udp_src_max 1000"
snap; b=("${snap[@]}")
# "start" returns once the thread is done, or at once if the thread has not
# picked the run up within 125 ms (a loaded guest): wait for the packets.
echo start >$pg/pgctrl
waitfor 200 || exit 1
snap
best=-1 max=-1
for ((i = 0; i < 32; i++)); do
	d=$((snap[i] - b[i]))
	[ "$d" -gt "$max" ] && max=$d best=$i
done
victim=${mem[best]}
set_pg "count 0" "delay $delay"
b=("${snap[@]}")
echo start >$pg/pgctrl &
# Fail the member once the stream runs, stop it $after packets later.
waitfor "$before" || exit 1
ip -n lbfo-b link set "p$victim" down
sofar
at=$sent
waitfor $((at + after)) || { echo stop >$pg/pgctrl; exit 1; }
echo stop >$pg/pgctrl
wait
# The thread writes the result a moment later on a loaded guest.
for ((w = 0; w < 3000; w++)); do
	sofar
	[ "$usec" -gt 0 ] && break
	read -r -t 0.01 <> <(:)
done
echo rem_device_all >$pg/kpktgend_0
snap
s=0
for ((i = 0; i < 32; i++)); do s=$((s + snap[i] - b[i])); done
ip -n lbfo-b link set "p$victim" up
echo "$victim $((sent + errors)) $sent $s $usec $at"
'

scale_failover()
{
	local reps=$1 delay=100000 before after t r victim att sent cnt usec at lost ok=1
	local -A loss outage
	before=$(pick 2000 1000)
	after=$(pick 5000 3000)
	btable scale_failover "Scale: failover of the member carrying a flow, 32 members" \
		system mode "lost packets" "outage ms" "vs lbfo"
	for t in "${SCALE_TEAMS[@]}"; do
		loss[$t]=""
		outage[$t]=""
	done
	for ((r = 0; r < reps; r++)); do
		for t in "${SCALE_TEAMS[@]}"; do
			victim="" at=""
			read -r victim att sent cnt usec at < <(ip netns exec lbfo-a \
				bash -c "$SCALE_PG" scale-pktgen "$t" "$delay" "$before" "$after")
			if [ -z "$at" ] || [ "$usec" -le 0 ] || [ "$sent" -le 0 ] ||
				[ "$cnt" -le 0 ]; then
				bfail scale_failover "$t: pktgen run failed (${victim:-?} ${att:-?} ${sent:-?} ${cnt:-?} ${usec:-?})"
				ok=0
				continue
			fi
			if [ $((sent - at)) -lt "$after" ]; then
				bfail scale_failover "$t: the stream ended too soon after the failure ($at of $sent packets before it)"
				ok=0
				continue
			fi
			lost=$((att - cnt))
			if [ "$lost" -lt 0 ]; then
				bfail scale_failover "$t: the members passed $cnt packets, more than the $att pktgen tried"
				ok=0
				continue
			fi
			loss[$t]="${loss[$t]} $lost"
			outage[$t]="${outage[$t]} $(calc "%.2f" "$lost * $usec / $att / 1000")"
		done
		# Every member back before the next round (bonding's miimon).
		scale_check 32 || { bfail scale_failover "a member did not come back"; ok=0; }
		sleep 0.3
	done
	for t in "${SCALE_TEAMS[@]}"; do
		[ -n "${loss[$t]}" ] || continue
		# shellcheck disable=SC2086
		loss[$t]=$(scale_median ${loss[$t]})
		# shellcheck disable=SC2086
		outage[$t]=$(scale_median ${outage[$t]})
	done
	for t in "${SCALE_TEAMS[@]}"; do
		local lt=lh
		case $t in la | ba | ta) lt=la ;; esac
		[ -n "${loss[$t]}" ] || continue
		brow scale_failover "${SCALE_SYS[$t]}" "${SCALE_MODE[$t]}" "${loss[$t]}" \
			"${outage[$t]}" "$(ratio "${outage[$t]}" "${outage[$lt]}")"
		if [ "$lt" != "$t" ] && [ -n "${loss[$lt]}" ] &&
			[ "${loss[$lt]}" -gt "${loss[$t]}" ]; then
			bnote scale_failover "lbfo ${SCALE_MODE[$lt]} loses more than ${SCALE_SYS[$t]} ${SCALE_MODE[$t]}: ${loss[$lt]} vs ${loss[$t]} packets"
		fi
	done
	bnote scale_failover "pktgen in the team's namespace sends one UDP flow, one 60-byte packet every $((delay / 1000)) us; after $before packets the veth peer of the member that carried the flow (found by a short run before) is set down, and the stream stops $after packets after that; lost = packets pktgen tried - packets the members passed to their peers; outage = lost x the run's mean interval; median of $reps interleaved runs"
	bnote scale_failover "bonding polls links (miimon 100 ms): its outage is mostly the poll interval; team: teamd sees the carrier loss through netlink (ethtool link watch) and moves the port in user space; lbfo acts on the carrier event in the kernel. vs lbfo: outage / lbfo's in the matching mode"
	[ "$ok" = 1 ]
}

bench_scale()
{
	local reps rc=0 t
	reps=$(pick 3 1)
	if ! modprobe -a pktgen veth bonding team; then
		bfail scale "modules pktgen/veth/bonding/team"
		return 1
	fi
	if ! scale_build; then
		bfail scale "the teams of 31 members did not form"
		scale_teardown
		return 1
	fi
	scale_add "$reps" || rc=1
	# The 32nd member, for good (la: standby).
	{
		for t in lh bx ba tl ta; do
			echo "link set ${t}31 master $t"
			echo "link set ${t}31 up"
		done
	} >/tmp/lbfo-bench-scale.batch
	if ip -n lbfo-a -batch /tmp/lbfo-bench-scale.batch &&
		ip netns exec lbfo-a "$TEAMCTL" member add la la31 standby &&
		ip -n lbfo-a link set la31 up && scale_check 32; then
		scale_failover "$reps" || rc=1
	else
		bfail scale "the teams of 32 members did not form"
		rc=1
	fi
	scale_teardown
	return "$rc"
}

scale_teardown()
{
	teamd_stop lbfo-a tl
	teamd_stop lbfo-a ta
	cleanup
}
