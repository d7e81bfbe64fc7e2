# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Mode lacp (IEEE 802.1AX) against partners nobody here wrote: the kernel's
# bonding in mode 802.3ad and teamd's lacp runner, in namespace lbfo-b,
# joined to team0 in lbfo-a by veth pairs aN/bN (LACPDUs to
# 01:80:c2:00:00:02 cross a veth as they are). The tests check both ends:
# our view (teamctl -j team show) and the partner's (/proc/net/bonding,
# teamdctl state dump), so an aggregation counts only when the partner
# aggregates too. Our LACPDUs are captured on the wire (dumpcap) and
# decoded by tshark.
#
# Needs teamctl (make -C teamctl) and, from Debian: bonding and team
# (modules), teamd/teamdctl (libteam-utils), tshark (with dumpcap), tc, jq.
# Measured figures (convergence, silence detection, rejoin) are printed as
# "  ..." lines. Starting a process in the TCG guest costs about half a
# second, so times measured by polling teamctl are coarse (about +-1 s); the
# silence detection time is measured on the wire, from packet timestamps.

LACP_TEAMCTL="$LBFO_REPO/teamctl/teamctl"
# teamd's pid file and log (tmpfs in the guest); its device is "tpeer".
LACP_RUN=/run/lbfo-lacp
# The longest a silent partner may go unnoticed at fast rate, from its last
# LACPDU to our first LACPDU that stops distributing (on the wire): the
# short timeout (3 s) and some slack for timers in a TCG guest.
LACP_SILENCE_MAX_MS=${LACP_SILENCE_MAX_MS:-3400}
# Seconds to wait for convergence, rejoin, fallback (slow guest: generous).
LACP_WAIT=${LACP_WAIT:-30}

# The LACP state bits as teamctl names them, sorted, comma separated.
LACP_BITS_FAST="activity,aggregation,collecting,distributing,sync,timeout"
LACP_BITS_SLOW="activity,aggregation,collecting,distributing,sync"
LACP_BITS_PASSIVE="aggregation,collecting,distributing,sync,timeout"

# Our documentation-range actor system ID (RFC 7042) for lacp-system.
LACP_SYSTEM=00:00:5e:00:53:01

lacp_ms()
{
	local t=${EPOCHREALTIME/./}
	echo $((10#$t / 1000))
}

# lacp_epoch_ms SECONDS.FRACTION: a packet timestamp in milliseconds.
lacp_epoch_ms()
{
	local f=${1#*.}000
	echo $((${1%%.*} * 1000 + 10#${f:0:3}))
}

# lacp_wait SECONDS DESCRIPTION EXPECTED CMD...: wait_eq with a longer time
# (LACP needs the partner's answer and the 2 s aggregate wait).
lacp_wait()
{
	local secs=$1 what=$2 want=$3
	shift 3
	WAIT_EQ_SECONDS=$secs wait_eq "$what" "$want" "$@"
}

# LACP_FLAT: jq, a JSON document on stdin as KEY=VALUE lines, one per leaf,
# KEY the path joined with "." (members by name), lists of strings sorted
# and comma separated.
# shellcheck disable=SC2016 # jq's own \( ) and $p
LACP_FLAT='walk(if type == "array" and all(.[]; type == "string") then sort | join(",") else . end) | paths(type != "object" and type != "array") as $p | "\($p | map(tostring) | join("."))=\(getpath($p))"'

# ---- our side: team0 in lbfo-a, driven by teamctl ----

lacp_ctl()
{
	ip netns exec lbfo-a "$LACP_TEAMCTL" "$@"
}

# lacp_topo N: namespaces lbfo-a and lbfo-b, veth pairs aN (lbfo-a) / bN
# (lbfo-b) for N = 0..N-1, both ends down.
lacp_topo()
{
	local i
	ns_add lbfo-a
	ns_add lbfo-b
	for ((i = 0; i < $1; i++)); do
		ip link add "a$i" netns lbfo-a type veth peer name "b$i" netns lbfo-b
	done
}

# lacp_team MEMBERS [PARAMS...]: team0 in mode lacp over MEMBERS (a0,a1...),
# up, 192.0.2.1/24.
lacp_team()
{
	local members=$1
	shift
	if ! lacp_ctl team add team0 mode lacp "$@" members "$members"; then
		not_ok "teamctl team add team0 mode lacp $* members $members"
		return 1
	fi
	A ip link set team0 up
	A ip addr add 192.0.2.1/24 dev team0
}

lacp_show()
{
	lacp_ctl -j team show team0
}

# lacp_load: read team0 once (teamctl -j team show) into LJ: LJ[names]
# (members in join order), LJ[lacp_state], LJ[carrier]...,
# LJ[members.a0.state], LJ[members.a0.lacp.actor.state] (sorted bit
# names, comma separated)...
lacp_load()
{
	local k v
	declare -gA LJ
	LJ=()
	while IFS='=' read -r k v; do
		LJ[$k]=$v
	done < <(lacp_show | jq -r ".[0] | (\"names=\\([.members[].name] | join(\" \"))\"), (.members |= (map({(.name): .}) | add // {}) | $LACP_FLAT)")
}

# lacp_m MEMBER KEY: a member field from the last lacp_load (KEY under
# members.MEMBER., e.g. state, lacp.why, lacp.actor.state).
lacp_m()
{
	echo "${LJ[members.$1.$2]}"
}

# Every member as NAME=state/why, in join order.
lacp_states()
{
	local m s=""
	lacp_load
	for m in ${LJ[names]}; do
		s="$s $m=$(lacp_m "$m" state)/$(lacp_m "$m" lacp.why)"
	done
	echo "${s# }"
}

# lacp_active_str MEMBER...: what lacp_states prints for members that
# carry traffic.
lacp_active_str()
{
	local m s=""
	for m in "$@"; do
		s="$s $m=active/none"
	done
	echo "${s# }"
}

# lacp_all MEMBER-KEY: that field of every member, space separated.
lacp_all()
{
	local m s=""
	lacp_load
	for m in ${LJ[names]}; do
		s="$s $(lacp_m "$m" "$1")"
	done
	echo "${s# }"
}

# "LACP_STATE CARRIER ACTIVE-MEMBERS" of team0.
lacp_summary()
{
	local m s=""
	lacp_load
	for m in ${LJ[names]}; do
		[ "$(lacp_m "$m" state)" = active ] && s="$s,$m"
	done
	echo "${LJ[lacp_state]} ${LJ[carrier]} ${s#,}"
}

# lacp_sw MEMBER: its state/why, freshly read.
lacp_sw()
{
	lacp_load
	echo "$(lacp_m "$1" state)/$(lacp_m "$1" lacp.why)"
}

# lacp_tf KEY: a team field, freshly read.
lacp_tf()
{
	lacp_load
	echo "${LJ[$1]}"
}

# lacp_mf MEMBER KEY: a member field, freshly read.
lacp_mf()
{
	lacp_load
	lacp_m "$1" "$2"
}

# lacp_rx_changed MEMBER N: MEMBER has received more than N LACPDUs.
lacp_rx_changed()
{
	[ "$(lacp_mf "$1" lacp.rx_pdus)" -gt "$2" ]
}

# lacp_tx_reached MEMBER N: MEMBER has sent at least N LACPDUs.
lacp_tx_reached()
{
	[ "$(lacp_mf "$1" lacp.tx_pdus)" -ge "$2" ]
}

# Our view, for a failed check.
lacp_dump()
{
	lacp_show | jq -c '.[0] | {lacp_state, carrier, members: [.members[] | {name, state, lacp}]}' | sed 's/^/    ours: /'
}

# ---- partner: bonding in mode 802.3ad ----

# lacp_bond PORTS [BOND OPTIONS...]: bond0 in lbfo-b, mode 802.3ad, over
# PORTS (b0,b1...), up, 192.0.2.2/24. max_bonds=0: loading the module must
# not leave a bond0 in the initial namespace.
lacp_bond()
{
	local ports=$1 p
	shift
	modprobe bonding max_bonds=0
	if ! B ip link add bond0 type bond mode 802.3ad miimon 100 "$@"; then
		not_ok "bonding: ip link add bond0 type bond mode 802.3ad $*"
		return 1
	fi
	for p in ${ports//,/ }; do
		B ip link set "$p" down
		B ip link set "$p" master bond0
	done
	B ip link set bond0 up
	B ip addr add 192.0.2.2/24 dev bond0
}

# lacp_bond_load: /proc/net/bonding/bond0 of lbfo-b into LB:
# LB[active.aggregator_id], LB[active.number_of_ports],
# LB[active.actor_key], LB[active.partner_mac_address]; per port
# LB[b0.aggregator_id], LB[b0.actor.port_state],
# LB[b0.partner.system_mac_address], LB[b0.partner.oper_key],
# LB[b0.partner.port_number], LB[b0.partner.port_state]...; LB[ports]; and
# LB[dist]: the ports of the active aggregator that bonding has in sync,
# collecting and distributing.
lacp_bond_load()
{
	local line sec="" port="" k v p s d=""
	declare -gA LB
	LB=()
	while IFS= read -r line; do
		line=${line#"${line%%[![:space:]]*}"}
		case $line in
		"Active Aggregator Info:") sec=active ;;
		"Slave Interface: "*)
			port=${line#Slave Interface: }
			sec=$port
			LB[ports]="${LB[ports]:-}$port "
			;;
		"details actor lacp pdu:") sec=$port.actor ;;
		"details partner lacp pdu:") sec=$port.partner ;;
		*": "*)
			[ -n "$sec" ] || continue
			k=${line%%: *}
			v=${line#*: }
			k=${k,,}
			LB[$sec.${k// /_}]=$v
			;;
		esac
	done < <(B cat /proc/net/bonding/bond0 2>/dev/null)
	for p in ${LB[ports]:-}; do
		s=${LB[$p.actor.port_state]:-0}
		if [ "${LB[$p.aggregator_id]:-}" = "${LB[active.aggregator_id]:-x}" ] &&
			[ $(((s >> 3) & 7)) = 7 ]; then
			d="$d $p"
		fi
	done
	LB[dist]=${d# }
}

# Ports bonding aggregates and distributes on, sorted.
lacp_bond_dist()
{
	lacp_bond_load
	echo "${LB[dist]}"
}

lacp_bond_dump()
{
	local p
	lacp_bond_load
	echo "    bonding: active aggregator ${LB[active.aggregator_id]:-none}, ${LB[active.number_of_ports]:-0} ports, partner ${LB[active.partner_mac_address]:-}"
	for p in ${LB[ports]:-}; do
		echo "    bonding: $p aggregator ${LB[$p.aggregator_id]:-} state ${LB[$p.actor.port_state]:-}, partner ${LB[$p.partner.system_mac_address]:-} port ${LB[$p.partner.port_number]:-} key ${LB[$p.partner.oper_key]:-} state ${LB[$p.partner.port_state]:-}"
	done
}

# ---- partner: teamd's lacp runner ----

# lacp_teamd CONFIG: teamd with JSON CONFIG on device tpeer in lbfo-b (its
# ports must be down), up, 192.0.2.2/24. Stopped when the test's subshell
# exits (trap), and by cleanup anyway (it lives in lbfo-b).
lacp_teamd()
{
	modprobe team
	mkdir -p "$LACP_RUN"
	trap lacp_teamd_stop EXIT
	if ! B teamd -d -t tpeer -p "$LACP_RUN/tpeer.pid" -c "$1" >>"$LACP_RUN/teamd.log" 2>&1; then
		not_ok "teamd would not start: $(tail -n 3 "$LACP_RUN/teamd.log")"
		return 1
	fi
	B ip link set tpeer up
	B ip addr add 192.0.2.2/24 dev tpeer
}

lacp_teamd_stop()
{
	local pid i
	pid=$(cat "$LACP_RUN/tpeer.pid" 2>/dev/null) || return 0
	if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = teamd ]; then
		kill "$pid"
		for ((i = 0; i < 100; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.05
		done
	fi
	rm -f "$LACP_RUN/tpeer.pid"
}

# lacp_teamd_load: teamd's state into LT: LT[b0.state] ("current"),
# LT[b0.aggregator.selected], LT[b0.actor_lacpdu_info.state] (teamd's own),
# LT[b0.partner_lacpdu_info.system] (us)...; LT[ports]; LT[dist]: the
# ports in a selected aggregator that teamd has in sync, collecting and
# distributing.
lacp_teamd_load()
{
	local k v p s d=""
	declare -gA LT
	LT=()
	while IFS='=' read -r k v; do
		LT[$k]=$v
	done < <(B teamdctl tpeer state dump 2>/dev/null |
		jq -r "(\"ports=\\(.ports | keys | join(\" \"))\"), (.ports | map_values(.runner) | $LACP_FLAT)")
	for p in ${LT[ports]:-}; do
		s=${LT[$p.actor_lacpdu_info.state]:-0}
		if [ "${LT[$p.aggregator.selected]:-}" = true ] && [ $(((s >> 3) & 7)) = 7 ]; then
			d="$d $p"
		fi
	done
	LT[dist]=${d# }
}

lacp_teamd_dist()
{
	lacp_teamd_load
	echo "${LT[dist]}"
}

lacp_teamd_dump()
{
	B teamdctl tpeer state dump 2>/dev/null | jq -c '.ports | to_entries[] | {port: .key, r: .value.runner}' | sed 's/^/    teamd: /'
}

# bit N of a number: lacp_bit VALUE N (VALUE decimal or 0x..)
lacp_bit()
{
	echo $((($1 >> $2) & 1))
}

# ---- capture ----

# lacp_capture NS DEV PCAP: capture the Slow Protocols frames on DEV in NS
# (both directions) into PCAP with dumpcap (tshark's capture engine), in
# the background; LACP_DUMP is its pid. Returns once it captures.
lacp_capture()
{
	ip netns exec "$1" dumpcap -q -P -i "$2" -f "ether proto 0x8809" -w "$3" 2>"$3.log" &
	LACP_DUMP=$!
	if ! wait_for 20 grep -q "Capturing on" "$3.log"; then
		not_ok "dumpcap on $2 did not start: $(cat "$3.log")"
		return 1
	fi
}

lacp_capture_stop()
{
	kill "$LACP_DUMP" 2>/dev/null
	wait "$LACP_DUMP" 2>/dev/null
	[ -n "${LBFO_OUT:-}" ] && [ -d "${LBFO_OUT:-}" ] && cp "$1" "$LBFO_OUT/"
	return 0
}

# lacp_tshark PCAP: one line per frame, the fields of LACP_FIELDS separated
# by "|" (the last ones are the expert info: severity and message, and the
# malformed marker, empty for a clean frame). tshark starts slowly in the
# guest (seconds): decode each capture once.
LACP_FIELDS=(frame.time_epoch eth.src eth.dst frame.len lacp.version
	lacp.tlv_length lacp.actor.sys_priority lacp.actor.sysid lacp.actor.key
	lacp.actor.port_priority lacp.actor.port lacp.actor.state
	lacp.partner.sysid lacp.partner.key lacp.partner.state
	lacp.actor.state_str lacp.partner.state_str _ws.expert.severity
	_ws.malformed _ws.expert)
lacp_tshark()
{
	local a=() f
	for f in "${LACP_FIELDS[@]}"; do
		a+=(-e "$f")
	done
	tshark -r "$1" -n -T fields -E separator='|' "${a[@]}" 2>/dev/null
}

# tshark's expert severity of a warning (PI_WARN); errors are above.
LACP_PI_WARN=6291456

# ---- checks shared by the tests ----

# lacp_check_aggregated PARTNER_MAC PARTNER_KEY BITS MEMBER...: every
# MEMBER carries traffic in one aggregator with the partner, as we see it
# (from the last lacp_load).
lacp_check_aggregated()
{
	local pmac=$1 pkey=$2 bits=$3 m agg team_mac
	shift 3
	team_mac=$(A cat /sys/class/net/team0/address)
	lacp_load
	check_eq "team lacp_state, carrier" "aggregated true" "${LJ[lacp_state]} ${LJ[carrier]}"
	agg=$(lacp_m "$1" lacp.aggregator)
	for m in "$@"; do
		check_eq "$m: state, selected, rx, mux, why, aggregator" \
			"active true current collecting-distributing none $agg" \
			"$(lacp_m "$m" state) $(lacp_m "$m" lacp.selected) $(lacp_m "$m" lacp.rx) $(lacp_m "$m" lacp.mux) $(lacp_m "$m" lacp.why) $(lacp_m "$m" lacp.aggregator)"
		check_eq "$m: actor system (the team's MAC)" "$team_mac" "$(lacp_m "$m" lacp.actor.system)"
		check_eq "$m: actor state" "$bits" "$(lacp_m "$m" lacp.actor.state)"
		check_eq "$m: partner system, key" "$pmac $pkey" \
			"$(lacp_m "$m" lacp.partner.system) $(lacp_m "$m" lacp.partner.key)"
		check_eq "$m: no receive errors" 0 "$(lacp_m "$m" lacp.rx_errors)"
	done
}

# lacp_check_bond_sees_us STATE A:B...: for each pair, bonding's port B
# has us as its partner: team0's MAC, A's port number and key, and state
# STATE (bonding's number: 63 = activity, timeout, aggregation, sync,
# collecting, distributing). Uses the last lacp_load.
lacp_check_bond_sees_us()
{
	local state=$1 p a b team_mac
	shift
	team_mac=$(A cat /sys/class/net/team0/address)
	lacp_bond_load
	for p in "$@"; do
		a=${p%%:*}
		b=${p#*:}
		check_eq "bonding $b: its partner (us): system, port, key, state" \
			"$team_mac $(lacp_m "$a" lacp.actor.port) $(lacp_m "$a" lacp.actor.key) $state" \
			"${LB[$b.partner.system_mac_address]:-} ${LB[$b.partner.port_number]:-} ${LB[$b.partner.oper_key]:-} ${LB[$b.partner.port_state]:-}"
	done
}

# lacp_converge_bond MEMBERS PORTS WHAT: wait until all MEMBERS carry
# traffic and bonding distributes on all PORTS; print the times.
lacp_converge_bond()
{
	local t0=$1 t1
	shift
	lacp_wait "$LACP_WAIT" "members collecting and distributing" \
		"$(lacp_active_str "${@:2}")" lacp_states || lacp_dump
	t1=$(lacp_ms)
	lacp_wait "$LACP_WAIT" "bonding distributes on $1" "$1" lacp_bond_dist || lacp_bond_dump
	LACP_T_OURS=$((t1 - t0))
	LACP_T_PARTNER=$(($(lacp_ms) - t0))
}

# ---- the tests ----

# 1. Fast rate, against bonding: both ends aggregate all three links, each
# side shows the other as its partner, traffic passes, and LACPDUs flow
# every second.
test_lacp_bond_fast()
{
	local t0 bond_mac bond_key team_mac tx0 rx0 ms0 ms1 tx rx

	lacp_topo 3
	lacp_bond b0,b1,b2 lacp_rate fast
	t0=$(lacp_ms)
	lacp_team a0,a1,a2 lacp-rate fast || return
	lacp_converge_bond "$t0" "b0 b1 b2" a0 a1 a2
	echo "  convergence against bonding (fast, 3 links): ours ${LACP_T_OURS} ms, bonding's ${LACP_T_PARTNER} ms after team add (polled)"

	bond_mac=$(B cat /sys/class/net/bond0/address)
	lacp_bond_load
	bond_key=${LB[active.actor_key]:-}
	team_mac=$(A cat /sys/class/net/team0/address)
	lacp_check_aggregated "$bond_mac" "$bond_key" "$LACP_BITS_FAST" a0 a1 a2
	check_eq "team lacp_rate" fast "${LJ[lacp_rate]}"
	check_eq "partner state (bonding, fast)" "$LACP_BITS_FAST" "$(lacp_m a0 lacp.partner.state)"
	check_eq "actor ports: distinct" 3 \
		"$(printf '%s\n' "$(lacp_m a0 lacp.actor.port)" "$(lacp_m a1 lacp.actor.port)" "$(lacp_m a2 lacp.actor.port)" | sort -u | wc -l)"
	check_eq "actor defaults: system priority, port priority, key" "65535 255 1" \
		"$(lacp_m a0 lacp.actor.system_priority) $(lacp_m a0 lacp.actor.port_priority) $(lacp_m a0 lacp.actor.key)"
	lacp_check_bond_sees_us 63 a0:b0 a1:b1 a2:b2
	check_eq "bonding's active aggregator: 3 ports, partner = team0" \
		"3 $team_mac" "${LB[active.number_of_ports]:-} ${LB[active.partner_mac_address]:-}"
	check "traffic crosses the aggregate" wait_for 5 A ping -c 1 -W 1 192.0.2.2
	check "and back" B ping -c 3 -i 0.2 -W 1 192.0.2.1

	# The partner asked for a LACPDU every second, and sends one every
	# second.
	lacp_load
	tx0=$(lacp_m a0 lacp.tx_pdus)
	rx0=$(lacp_m a0 lacp.rx_pdus)
	ms0=$(lacp_ms)
	sleep 4
	lacp_load
	ms1=$(lacp_ms)
	tx=$(($(lacp_m a0 lacp.tx_pdus) - tx0))
	rx=$(($(lacp_m a0 lacp.rx_pdus) - rx0))
	echo "  fast rate: a0 sent $tx and received $rx LACPDUs in $((ms1 - ms0)) ms"
	check "a0 sends about one LACPDU a second ($tx)" test "$tx" -ge 3 -a "$tx" -le $(((ms1 - ms0) / 1000 + 2))
	check "a0 receives about one LACPDU a second ($rx)" test "$rx" -ge 3 -a "$rx" -le $(((ms1 - ms0) / 1000 + 2))
}

# 1. Slow rate, against bonding: aggregation forms as at fast rate, the
# timeout bit is clear on both sides, and nobody sends every second.
test_lacp_bond_slow()
{
	local t0 bond_mac tx0 tx ms0 ms1

	lacp_topo 2
	lacp_bond b0,b1 lacp_rate slow
	t0=$(lacp_ms)
	lacp_team a0,a1 lacp-rate slow || return
	lacp_converge_bond "$t0" "b0 b1" a0 a1
	echo "  convergence against bonding (slow, 2 links): ours ${LACP_T_OURS} ms, bonding's ${LACP_T_PARTNER} ms after team add (polled)"

	bond_mac=$(B cat /sys/class/net/bond0/address)
	lacp_bond_load
	lacp_check_aggregated "$bond_mac" "${LB[active.actor_key]:-}" "$LACP_BITS_SLOW" a0 a1
	check_eq "team lacp_rate" slow "${LJ[lacp_rate]}"
	check_eq "partner state (bonding, slow)" "$LACP_BITS_SLOW" "$(lacp_m a0 lacp.partner.state)"
	# 61: 63 without the timeout bit.
	lacp_check_bond_sees_us 61 a0:b0 a1:b1
	check "traffic crosses the aggregate" wait_for 5 A ping -c 1 -W 1 192.0.2.2

	tx0=$(lacp_m a0 lacp.tx_pdus)
	ms0=$(lacp_ms)
	sleep 4
	ms1=$(lacp_ms)
	tx=$(($(lacp_mf a0 lacp.tx_pdus) - tx0))
	echo "  slow rate: a0 sent $tx LACPDUs in $((ms1 - ms0)) ms once aggregated"
	check "no LACPDU every second at slow rate ($tx in 4 s)" test "$tx" -le 1
}

# 1. lbfo passive against an active bonding: it answers and aggregates; its
# LACPDUs say passive and bonding sees so.
test_lacp_passive_vs_active_bond()
{
	local t0 bond_mac

	lacp_topo 2
	lacp_bond b0,b1 lacp_rate fast
	t0=$(lacp_ms)
	lacp_team a0,a1 lacp-rate fast lacp-mode passive || return
	lacp_converge_bond "$t0" "b0 b1" a0 a1
	echo "  convergence, passive lbfo against active bonding: ours ${LACP_T_OURS} ms, bonding's ${LACP_T_PARTNER} ms (polled)"
	bond_mac=$(B cat /sys/class/net/bond0/address)
	lacp_bond_load
	lacp_check_aggregated "$bond_mac" "${LB[active.actor_key]:-}" "$LACP_BITS_PASSIVE" a0 a1
	# 62: 63 without the activity bit.
	lacp_check_bond_sees_us 62 a0:b0 a1:b1
	check "traffic crosses the aggregate" wait_for 5 A ping -c 1 -W 1 192.0.2.2
}

# 1. lbfo active against a passive teamd ("active": false): aggregation
# forms, and teamd too has every port selected, collecting and distributing.
test_lacp_active_vs_passive_teamd()
{
	local t0 t1 t2 tpeer_mac team_mac p

	lacp_topo 2
	lacp_teamd '{"runner": {"name": "lacp", "active": false, "fast_rate": true},
		"link_watch": {"name": "ethtool"}, "ports": {"b0": {}, "b1": {}}}' || return
	t0=$(lacp_ms)
	lacp_team a0,a1 lacp-rate fast || return
	lacp_wait "$LACP_WAIT" "members collecting and distributing" \
		"$(lacp_active_str a0 a1)" lacp_states || lacp_dump
	t1=$(lacp_ms)
	lacp_wait "$LACP_WAIT" "teamd distributes on all its ports" "b0 b1" \
		lacp_teamd_dist || lacp_teamd_dump
	t2=$(lacp_ms)
	echo "  convergence, active lbfo against passive teamd: ours $((t1 - t0)) ms, teamd's $((t2 - t0)) ms (polled)"
	tpeer_mac=$(B cat /sys/class/net/tpeer/address)
	team_mac=$(A cat /sys/class/net/team0/address)
	lacp_teamd_load
	lacp_check_aggregated "$tpeer_mac" "${LT[b0.actor_lacpdu_info.key]:-}" "$LACP_BITS_FAST" a0 a1
	check_eq "partner state (passive teamd)" "$LACP_BITS_PASSIVE" "$(lacp_m a0 lacp.partner.state)"
	for p in b0 b1; do
		check_eq "teamd $p: current, selected, its partner = team0" \
			"current true $team_mac" \
			"${LT[$p.state]:-} ${LT[$p.aggregator.selected]:-} ${LT[$p.partner_lacpdu_info.system]:-}"
		check_eq "teamd $p: its own activity bit (passive)" 0 \
			"$(lacp_bit "${LT[$p.actor_lacpdu_info.state]:-1}" 0)"
		check_eq "teamd $p: our state as it sees it" 63 "${LT[$p.partner_lacpdu_info.state]:-}"
	done
	check "traffic crosses the aggregate" wait_for 5 A ping -c 1 -W 1 192.0.2.2
}

# 2. A member's link fails on the partner's side (veth down): it leaves,
# the flow it carried moves to the others, the team keeps carrier and the
# partner aggregates the rest; on link up it comes back.
test_lacp_member_link_down()
{
	local busy peer r lost t0 t1 others=() bothers=() m

	lacp_topo 3
	lacp_bond b0,b1,b2 lacp_rate fast
	t0=$(lacp_ms)
	lacp_team a0,a1,a2 lacp-rate fast || return
	lacp_converge_bond "$t0" "b0 b1 b2" a0 a1 a2
	check "traffic crosses the aggregate" wait_for 5 A ping -c 1 -W 1 192.0.2.2

	busy=$(busiest_member team0 lbfo-a A ping -c 20 -i 0.01 192.0.2.2)
	peer=b${busy#a}
	for m in 0 1 2; do
		[ "a$m" = "$busy" ] && continue
		others+=("a$m")
		bothers+=("b$m")
	done
	note "the ping flow goes out $busy; its partner port $peer goes down"
	r=$(ping_during 300 B ip link set "$peer" down)
	lost=${r%% *}
	echo "  member failure (partner's veth down, 3 links): lost $lost of ${r#* } packets at 10 ms intervals"
	check_le "packets lost when a member fails" "$lost" 20
	lacp_wait 5 "$busy: down because of its link" "down/link" lacp_sw "$busy" || lacp_dump
	lacp_load
	check_eq "the others still carry" "$(lacp_active_str "${others[@]}")" \
		"$(for m in "${others[@]}"; do echo "$m=$(lacp_m "$m" state)/$(lacp_m "$m" lacp.why)"; done | tr '\n' ' ' | sed 's/ $//')"
	check_eq "team keeps carrier, still aggregated" "aggregated true" "${LJ[lacp_state]} ${LJ[carrier]}"
	check "traffic flows on the others" A ping -c 5 -i 0.01 -W 1 192.0.2.2
	lacp_wait 5 "bonding aggregates the other two" "${bothers[*]}" lacp_bond_dist || lacp_bond_dump

	t0=$(lacp_ms)
	B ip link set "$peer" up
	lacp_wait "$LACP_WAIT" "$busy back in the aggregate" \
		"$(lacp_active_str a0 a1 a2)" lacp_states || lacp_dump
	t1=$(lacp_ms)
	lacp_wait "$LACP_WAIT" "bonding takes $peer back" "b0 b1 b2" lacp_bond_dist || lacp_bond_dump
	echo "  rejoin after link up: ours $((t1 - t0)) ms, bonding's $(($(lacp_ms) - t0)) ms (polled)"
	check "traffic crosses the aggregate" wait_for 5 A ping -c 1 -W 1 192.0.2.2
}

# 3. The partner stops sending LACPDUs on one link, which stays up
# (bonding's LACPDUs dropped on b0's egress by tc): at fast rate the member
# leaves within the 3 s short timeout (timed on the wire, captured on a0:
# from the partner's last LACPDU to our first one that no longer
# distributes), stays out once the partner's information has timed out
# altogether, tells the partner (bonding stops distributing on b0), and
# comes back when the LACPDUs do.
test_lacp_partner_silent()
{
	local pcap=/tmp/lbfo-lacp-silent.$$.pcap t0 t1 dt why lines=() l rx0
	local team_mac bond_mac t ms src asys ast tlast="" tdet="" texp="" sdet=""

	lacp_topo 2
	lacp_bond b0,b1 lacp_rate fast
	t0=$(lacp_ms)
	lacp_team a0,a1 lacp-rate fast || return
	lacp_converge_bond "$t0" "b0 b1" a0 a1
	team_mac=$(A cat /sys/class/net/team0/address)
	bond_mac=$(B cat /sys/class/net/bond0/address)
	check "tc clsact on b0" B tc qdisc add dev b0 clsact || return
	lacp_capture lbfo-a a0 "$pcap" || return
	# A LACPDU of the partner's in the capture first (one a second).
	rx0=$(lacp_mf a0 lacp.rx_pdus)
	check "a0 hears the partner" wait_for 5 lacp_rx_changed a0 "$rx0"

	t0=$(lacp_ms)
	check "drop bonding's LACPDUs on b0's egress" \
		B tc filter add dev b0 egress protocol 0x8809 matchall action drop
	while [ "$(lacp_mf a0 state)" = active ]; do
		if [ $(($(lacp_ms) - t0)) -gt 10000 ]; then
			not_ok "a0 still active 10 s after the partner fell silent"
			lacp_dump
			break
		fi
	done
	t1=$(lacp_ms)
	echo "  silent partner: teamctl shows a0 out $((t1 - t0)) ms after the drop began (polled)"
	lacp_load
	rx0=$(lacp_m a0 lacp.rx_pdus)
	why=$(lacp_m a0 lacp.why)
	check "a0 says why: no-partner or partner-sync (got $why)" \
		test "$why" = no-partner -o "$why" = partner-sync
	check_eq "a1 carries on" "a1=active/none" "a1=$(lacp_m a1 state)/$(lacp_m a1 lacp.why)"
	check_eq "team keeps carrier" true "${LJ[carrier]}"
	check_eq "links still up: a0, b0" "1 1" "$(carrier_of lbfo-a a0) $(carrier_of lbfo-b b0)"
	# Until a0 defaults the partner, our LACPDUs on it still say in sync
	# (802.1AX: ATTACHED keeps Actor.Sync, only collecting and
	# distributing stop), so bonding (coupled control) still sends on b0
	# what its hash puts there: not a requirement, just what happens.
	note "ping while a0 is expired, bonding still distributing on b0: $(A ping -n -q -c 5 -i 0.1 -W 1 192.0.2.2 | ping_result | awk '{ print $2 - $1 " of " $2 }') answered"

	# Once the partner's information has timed out altogether
	# (defaulted), a0 must still not carry traffic, and our LACPDUs no
	# longer say in sync: bonding stops distributing on b0.
	lacp_wait 10 "a0's receive machine defaults the partner" defaulted \
		lacp_mf a0 lacp.rx || lacp_dump
	echo "  a0 defaulted $(($(lacp_ms) - t0)) ms after the drop began (polled)"
	lacp_load
	why=$(lacp_m a0 lacp.why)
	check "a0 still out once defaulted ($(lacp_m a0 state)/$why)" \
		test "$(lacp_m a0 state)" != active -a '(' "$why" = no-partner -o "$why" = partner-sync ')'
	check_eq "only a1 carries" "a1=active/none" "a1=$(lacp_m a1 state)/$(lacp_m a1 lacp.why)"
	check_eq "no LACPDU got through the drop" "$rx0" "$(lacp_m a0 lacp.rx_pdus)"
	lacp_wait "$LACP_WAIT" "bonding stops distributing on b0" b1 lacp_bond_dist || lacp_bond_dump
	echo "  bonding stopped distributing on b0 $(($(lacp_ms) - t0)) ms after the drop began (polled)"
	check "traffic flows on a1" wait_for 5 A ping -c 3 -i 0.1 -W 1 192.0.2.2
	lacp_capture_stop "$pcap"

	# The wire: the partner's last LACPDU on a0, our first LACPDU after it
	# that no longer distributes, and the first with the expired bit.
	mapfile -t lines < <(lacp_tshark "$pcap")
	for l in "${lines[@]}"; do
		IFS='|' read -r t src _ _ _ _ _ asys _ _ _ ast _ <<<"$l"
		[ "$asys" = "$bond_mac" ] && tlast=$(lacp_epoch_ms "$t")
	done
	for l in "${lines[@]}"; do
		IFS='|' read -r t src _ _ _ _ _ asys _ _ _ ast _ <<<"$l"
		if [ "$asys" != "$team_mac" ] || [ -z "$tlast" ]; then
			continue
		fi
		ms=$(lacp_epoch_ms "$t")
		[ "$ms" -gt "$tlast" ] || continue
		if [ -z "$tdet" ] && [ "$(lacp_bit "$ast" 5)" = 0 ]; then
			tdet=$ms
			sdet=$(cut -d'|' -f16 <<<"$l")
		fi
		[ -z "$texp" ] && [ "$(lacp_bit "$ast" 7)" = 1 ] && texp=$ms
	done
	if [ -z "$tlast" ] || [ -z "$tdet" ]; then
		not_ok "capture on a0: no partner LACPDU ($tlast) or none of ours stops distributing ($tdet): ${#lines[@]} frames"
		printf '    %s\n' "${lines[@]}" | cut -c1-160 | head -n 20
	else
		dt=$((tdet - tlast))
		echo "  silent partner (fast rate) detected $dt ms after its last LACPDU (on the wire: our LACPDU $sdet; expired bit after ${texp:+$((texp - tlast))} ms)"
		check_le "silence detected within the short timeout (ms)" "$dt" "$LACP_SILENCE_MAX_MS"
		check "not before the short timeout ($dt ms)" test "$dt" -ge 2500
	fi
	rm -f "$pcap" "$pcap.log"

	t0=$(lacp_ms)
	check "let bonding's LACPDUs through again" B tc qdisc del dev b0 clsact
	lacp_wait "$LACP_WAIT" "a0 back in the aggregate" \
		"$(lacp_active_str a0 a1)" lacp_states || lacp_dump
	lacp_wait "$LACP_WAIT" "bonding distributes on b0 again" "b0 b1" lacp_bond_dist || lacp_bond_dump
	echo "  a0 rejoined $(($(lacp_ms) - t0)) ms after the partner spoke again (polled)"
}

# 4. teamd gives one port another key (per-port "lacp_key"): that link
# leads to another aggregation group, so we do not aggregate it and say
# why ("other-group"), nor does teamd. Then our own key on a member
# differs from the aggregator's ("key").
test_lacp_key_mismatch_teamd()
{
	local t0

	lacp_topo 3
	lacp_teamd '{"runner": {"name": "lacp", "active": true, "fast_rate": true},
		"link_watch": {"name": "ethtool"},
		"ports": {"b0": {"lacp_key": 1}, "b1": {"lacp_key": 1}, "b2": {"lacp_key": 2}}}' || return
	t0=$(lacp_ms)
	lacp_team a0,a1,a2 lacp-rate fast || return
	lacp_wait "$LACP_WAIT" "a0 and a1 aggregate, a2 (partner key 2) does not" \
		"$(lacp_active_str a0 a1) a2=standby/other-group" lacp_states || lacp_dump
	lacp_wait "$LACP_WAIT" "teamd distributes on b0 and b1" "b0 b1" \
		lacp_teamd_dist || lacp_teamd_dump
	echo "  convergence against teamd, one port with another key: $(($(lacp_ms) - t0)) ms (polled)"
	lacp_load
	check_eq "partner keys as teamd set them" "1 1 2" \
		"$(lacp_m a0 lacp.partner.key) $(lacp_m a1 lacp.partner.key) $(lacp_m a2 lacp.partner.key)"
	check_eq "a2: not in sync, collecting or distributing in our LACPDUs" "" \
		"$(lacp_m a2 lacp.actor.state | tr ',' '\n' | grep -x -E 'sync|collecting|distributing')"
	check_eq "team aggregated" "aggregated true" "${LJ[lacp_state]} ${LJ[carrier]}"
	lacp_teamd_load
	check_eq "teamd: b2's aggregator not selected" false "${LT[b2.aggregator.selected]:-}"
	check_eq "teamd: sees a2 out of sync" 0 "$(lacp_bit "${LT[b2.partner_lacpdu_info.state]:-8}" 3)"
	check "traffic crosses the aggregate" wait_for 5 A ping -c 1 -W 1 192.0.2.2

	# Our own key on a1 differs from the aggregator's.
	check "member set a1 lacp-key 5" lacp_ctl member set team0 a1 lacp-key 5
	if ! lacp_wait 5 "a1's actor key after member set a1 lacp-key 5" 5 lacp_mf a1 lacp.actor.key; then
		lacp_dump
		return
	fi
	lacp_wait "$LACP_WAIT" "a1 (our key 5) leaves the aggregate" \
		"$(lacp_active_str a0) a1=standby/key a2=standby/other-group" lacp_states || lacp_dump
	lacp_wait "$LACP_WAIT" "teamd distributes on b0 only" b0 lacp_teamd_dist || lacp_teamd_dump
	lacp_teamd_load
	check_eq "teamd sees our key 5 on b1" 5 "${LT[b1.partner_lacpdu_info.key]:-}"
	check "member set a1 lacp-key 1" lacp_ctl member set team0 a1 lacp-key 1
	lacp_wait "$LACP_WAIT" "a1 back in the aggregate" \
		"$(lacp_active_str a0 a1) a2=standby/other-group" lacp_states || lacp_dump
	lacp_wait "$LACP_WAIT" "teamd distributes on b0 and b1 again" "b0 b1" \
		lacp_teamd_dist || lacp_teamd_dump
}

# 5. Our LACPDUs, captured on the partner's side of the veth, decode in
# tshark without a warning or a malformed field, are well formed (Slow
# Protocols address, 124 bytes, version 1, TLV lengths), carry the
# configured system, priorities and key and the right state bits; and
# bonding takes those values as its partner's.
test_lacp_tshark()
{
	local pcap=/tmp/lbfo-lacp-b0.$$.pcap a0_mac bond_mac bond_key port0 n lines=() l
	local ours=0 bad=0 last="" t src dst len ver tlv aprio asys akey apprio aport ast
	local psys pkey pst astr pstr sev mal msg s

	if ! command -v tshark >/dev/null; then
		not_ok "tshark is not installed (tests/deps.sh installs it)"
		return
	fi
	lacp_topo 2
	a0_mac=$(A cat /sys/class/net/a0/address)
	lacp_bond b0,b1 lacp_rate fast
	lacp_capture lbfo-b b0 "$pcap" || return
	lacp_team a0,a1 lacp-rate fast lacp-sys-prio 1000 lacp-system "$LACP_SYSTEM" ||
		{ lacp_capture_stop "$pcap"; return; }
	check "member set a0 lacp-prio 100 lacp-key 7" \
		lacp_ctl member set team0 a0 lacp-prio 100 lacp-key 7
	check "member set a1 lacp-key 7" lacp_ctl member set team0 a1 lacp-key 7
	lacp_converge_bond "$(lacp_ms)" "b0 b1" a0 a1
	# Two more periodic LACPDUs in the steady state.
	n=$(lacp_mf a0 lacp.tx_pdus)
	check "a0 sends periodic LACPDUs" wait_for 5 lacp_tx_reached a0 $((n + 2))
	lacp_capture_stop "$pcap"

	bond_mac=$(B cat /sys/class/net/bond0/address)
	lacp_bond_load
	bond_key=${LB[active.actor_key]:-}
	lacp_load
	port0=$(lacp_m a0 lacp.actor.port)
	check_eq "a0's actor: system, priority, key, port priority" \
		"$LACP_SYSTEM 1000 7 100" \
		"$(lacp_m a0 lacp.actor.system) $(lacp_m a0 lacp.actor.system_priority) $(lacp_m a0 lacp.actor.key) $(lacp_m a0 lacp.actor.port_priority)"

	mapfile -t lines < <(lacp_tshark "$pcap")
	for l in "${lines[@]}"; do
		IFS='|' read -r t src dst len ver tlv aprio asys akey apprio aport ast \
			psys pkey pst astr pstr sev mal msg <<<"$l"
		[ "$src" = "$a0_mac" ] || continue
		ours=$((ours + 1))
		last="$asys $aprio $akey $apprio $aport $ast $psys $pkey $pst"
		s=0
		for s in ${sev//,/ }; do
			[ "$s" -ge "$LACP_PI_WARN" ] && break
			s=0
		done
		if [ "$s" != 0 ] || [ -n "$mal" ] || [ "$dst" != 01:80:c2:00:00:02 ] ||
			[ "$len" != 124 ] || [ "$ver" != 0x01 ] ||
			[ "$tlv" != "0x14,0x14,0x10,0x00" ] ||
			[ "$asys $aprio" != "$LACP_SYSTEM 1000" ]; then
			bad=$((bad + 1))
			[ "$bad" -le 3 ] && note "bad frame (${msg:-no expert info}): $l"
		fi
	done
	echo "  captured $ours of our LACPDUs on b0 (${#lines[@]} frames in all); tshark decoded them, $bad with a problem"
	check "our LACPDUs were captured ($ours)" test "$ours" -ge 3
	check_eq "our LACPDUs with a tshark warning or error, malformed, or not as configured (dst, 124 bytes, v1, TLV lengths, system, priority)" 0 "$bad"
	check_eq "our last LACPDU: actor system, prio, key, port prio, port, state; partner system, key, state" \
		"$LACP_SYSTEM 1000 7 100 $port0 0x3f $bond_mac $bond_key 0x3f" "$last"
	note "our LACPDUs on b0 (time, actor state, partner state):"
	for l in "${lines[@]}"; do
		IFS='|' read -r t src _ _ _ _ _ _ _ _ _ _ _ _ _ astr pstr _ <<<"$l"
		[ "$src" = "$a0_mac" ] && echo "    $t $astr $pstr"
	done | head -n 10
	check_eq "bonding's b0: its partner's system, priority, key, port priority, port" \
		"$LACP_SYSTEM 1000 7 100 $port0" \
		"${LB[b0.partner.system_mac_address]:-} ${LB[b0.partner.system_priority]:-} ${LB[b0.partner.oper_key]:-} ${LB[b0.partner.port_priority]:-} ${LB[b0.partner.port_number]:-}"
	check_eq "bonding's active aggregator: partner" "$LACP_SYSTEM" "${LB[active.partner_mac_address]:-}"
	rm -f "$pcap" "$pcap.log"
}

# lacp_bridge PORTS: a partner without LACP: bridge br0 in lbfo-b over
# PORTS, 192.0.2.2/24. A bridge does not forward LACPDUs (link-local
# group address), so each member hears nothing.
lacp_bridge()
{
	local p
	B ip link add br0 type bridge
	for p in ${1//,/ }; do
		B ip link set "$p" master br0
		B ip link set "$p" up
	done
	B ip link set br0 up
	B ip addr add 192.0.2.2/24 dev br0
}

# 6. A partner that does not speak LACP (a plain bridge on the veth peers):
# no member collects and distributes, so the team has no carrier and no
# traffic passes, however long the links are up.
test_lacp_no_partner_no_carrier()
{
	local deadline c=""

	lacp_topo 2
	lacp_bridge b0,b1
	lacp_team a0,a1 lacp-rate fast || return
	deadline=$((SECONDS + 5))
	while [ "$SECONDS" -lt "$deadline" ]; do
		c=$c$(A cat /sys/class/net/team0/carrier)
	done
	check_eq "team0 never had carrier in 5 s (${#c} samples)" "" "${c//0/}"
	lacp_wait 10 "both members time the (absent) partner out" "defaulted defaulted" \
		lacp_all lacp.rx || lacp_dump
	lacp_load
	check_eq "both members say why" "no-partner no-partner" \
		"$(lacp_m a0 lacp.why) $(lacp_m a1 lacp.why)"
	check "no member carries traffic" test "$(lacp_m a0 state)" != active -a "$(lacp_m a1 state)" != active
	check_eq "team negotiating, no carrier" "negotiating false" "${LJ[lacp_state]} ${LJ[carrier]}"
	check_eq "no LACPDU received" "0 0" "$(lacp_m a0 lacp.rx_pdus) $(lacp_m a1 lacp.rx_pdus)"
	check "we keep sending LACPDUs (active)" test "$(lacp_m a0 lacp.tx_pdus)" -gt 0
	check_eq "no carrier (sysfs)" 0 "$(carrier_of lbfo-a team0)"
	check_eq "the links are up" "1 1" "$(carrier_of lbfo-a a0) $(carrier_of lbfo-a a1)"
	check "no traffic passes" sh -c '! ip netns exec lbfo-a ping -c 2 -i 0.3 -W 1 192.0.2.2'
}

# 6. lacp-fallback on, against the same partner without LACP: once no
# member has heard a LACPDU within the timeout, one member carries traffic
# (a0; a1 when a0's link fails); the first LACPDUs (bonding replaces the
# bridge) end the fallback and the team aggregates.
test_lacp_fallback()
{
	local t0 t1

	lacp_topo 2
	lacp_bridge b0,b1
	t0=$(lacp_ms)
	lacp_team a0,a1 lacp-rate fast lacp-fallback on || return
	lacp_wait "$LACP_WAIT" "fallback: a0 carries, team has carrier" "fallback true a0" \
		lacp_summary || lacp_dump
	t1=$(lacp_ms)
	echo "  fallback in force $((t1 - t0)) ms after team add (no LACPDU heard; polled)"
	check_eq "a1 waits (why fallback)" fallback "$(lacp_mf a1 lacp.why)"
	check "traffic passes in fallback" wait_for 5 A ping -c 1 -W 1 192.0.2.2
	check "and back" B ping -c 3 -i 0.2 -W 1 192.0.2.1

	B ip link set b0 down
	lacp_wait 5 "fallback: a1 takes over when a0's link fails" "fallback true a1" \
		lacp_summary || lacp_dump
	check "traffic passes through a1" wait_for 5 A ping -c 1 -W 1 192.0.2.2
	B ip link set b0 up

	# The partner begins to speak LACP.
	B ip link del br0
	t0=$(lacp_ms)
	lacp_bond b0,b1 lacp_rate fast
	lacp_wait "$LACP_WAIT" "LACPDUs end the fallback: both members aggregate" \
		"aggregated true a0,a1" lacp_summary || lacp_dump
	t1=$(lacp_ms)
	lacp_wait "$LACP_WAIT" "bonding distributes on all its ports" "b0 b1" \
		lacp_bond_dist || lacp_bond_dump
	echo "  fallback ended, aggregated $((t1 - t0)) ms after the partner began LACP (polled)"
	check "traffic crosses the aggregate" wait_for 5 A ping -c 1 -W 1 192.0.2.2
}

# 6. min-links 2: carrier only while two members carry traffic; lost when
# one fails, back when it rejoins; min-links changes take effect live.
test_lacp_min_links()
{
	local t0

	lacp_topo 2
	lacp_bond b0,b1 lacp_rate fast
	t0=$(lacp_ms)
	lacp_team a0,a1 lacp-rate fast min-links 2 || return
	lacp_converge_bond "$t0" "b0 b1" a0 a1
	lacp_load
	check_eq "min_links, carrier" "2 true" "${LJ[min_links]} ${LJ[carrier]}"
	check "traffic crosses the aggregate" wait_for 5 A ping -c 1 -W 1 192.0.2.2

	B ip link set b1 down
	lacp_wait 5 "no carrier with one member left" false lacp_tf carrier || lacp_dump
	lacp_load
	check_eq "a1 down" "down link" "$(lacp_m a1 state) $(lacp_m a1 lacp.why)"
	note "a0 while min-links is not met: state $(lacp_m a0 state), mux $(lacp_m a0 lacp.mux), why $(lacp_m a0 lacp.why); team ${LJ[lacp_state]}"
	check_eq "no carrier (sysfs)" 0 "$(carrier_of lbfo-a team0)"
	# The kernel stops a device's transmit queues in its linkwatch work,
	# up to a second after the carrier goes; operstate changes there too.
	lacp_wait 5 "team0 operstate down (linkwatch)" down A cat /sys/class/net/team0/operstate
	check "no traffic passes" sh -c '! ip netns exec lbfo-a ping -c 2 -i 0.3 -W 1 192.0.2.2'

	t0=$(lacp_ms)
	B ip link set b1 up
	lacp_wait "$LACP_WAIT" "carrier back with two members" true lacp_tf carrier || lacp_dump
	echo "  min-links 2: carrier back $(($(lacp_ms) - t0)) ms after the second link came up (polled)"
	check "traffic crosses the aggregate" wait_for 5 A ping -c 1 -W 1 192.0.2.2

	check "team set min-links 3" lacp_ctl team set team0 min-links 3
	lacp_wait 5 "min-links 3 with two members: no carrier" false lacp_tf carrier
	check "team set min-links 1" lacp_ctl team set team0 min-links 1
	lacp_wait 5 "min-links 1: carrier" true lacp_tf carrier
}

# 7. Independent control of collecting and distributing (802.1AX 43.4.15)
# against bonding, and the events stream: teamctl monitor shows each
# member's LACP information change (mux from waiting to collecting and
# distributing) and its move to state active with reason lacp.
test_lacp_independent_events()
{
	local log=$LACP_RUN/events.json pid t0 m bond_key

	mkdir -p "$LACP_RUN"
	lacp_topo 2
	lacp_bond b0,b1 lacp_rate fast
	# Not through a function: $! must be teamctl itself, and a background
	# job ignores SIGINT, so it is stopped with SIGTERM.
	ip netns exec lbfo-a "$LACP_TEAMCTL" -j monitor >"$log" 2>/dev/null &
	pid=$!
	sleep 1
	t0=$(lacp_ms)
	lacp_team a0,a1 lacp-control independent || return
	lacp_converge_bond "$t0" "b0 b1" a0 a1
	echo "  convergence, independent control against bonding: ours ${LACP_T_OURS} ms, bonding's ${LACP_T_PARTNER} ms (polled)"
	lacp_bond_load
	bond_key=${LB[active.actor_key]:-}
	lacp_check_aggregated "$(B cat /sys/class/net/bond0/address)" \
		"$bond_key" "$LACP_BITS_FAST" a0 a1
	check_eq "team lacp_control" independent "${LJ[lacp_control]}"
	lacp_check_bond_sees_us 63 a0:b0 a1:b1
	check "traffic crosses the aggregate" wait_for 5 A ping -c 1 -W 1 192.0.2.2
	kill -TERM "$pid"
	wait "$pid"

	check_eq "team-new event: mode lacp, negotiating" "lacp negotiating" \
		"$(jq -rs '[.[] | select(.event == "team-new")] | last | "\(.mode) \(.lacp_state)"' "$log")"
	for m in a0 a1; do
		check_eq "$m: its lacp events pass through waiting" true \
			"$(jq -s --arg m "$m" '[.[] | select(.event == "lacp" and .member == $m) | .lacp.mux] | index("waiting") != null' "$log")"
		check_eq "$m: its last lacp event" \
			"active collecting-distributing none aggregated" \
			"$(jq -rs --arg m "$m" '[.[] | select(.event == "lacp" and .member == $m)] | last | "\(.state) \(.lacp.mux) \(.lacp.why) \(.lacp_state)"' "$log")"
		check_eq "$m: member-state event to active, reason lacp" \
			"lacp" \
			"$(jq -rs --arg m "$m" '[.[] | select(.event == "member-state" and .member == $m and .state == "active")] | last | .reason' "$log")"
	done
	note "events: $(jq -s 'map(select(.event == "lacp")) | length' "$log") lacp, $(jq -s 'map(select(.event == "member-state")) | length' "$log") member-state"
}
