# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers for the guest integration tests. Sourced by tests/guest/run-all.sh,
# which runs each test_* function in its own subshell inside the QEMU guest.
#
# A test reports problems with check/check_eq/expect_refused; each failed
# check prints "  not ok: ..." and counts. Topologies live in network
# namespaces named lbfo-*; cleanup removes them, every lbfo team and every
# leftover test device, so each test starts from the same state.
#
# Addresses: only the documentation ranges 192.0.2.0/24 and 198.51.100.0/24,
# created by the tests themselves.

LBFO_REPO=${LBFO_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
RTNL="$LBFO_REPO/tests/tools/lbfo-rtnl"
VM_TOOLS="$LBFO_REPO/tests/vm"

FAILED=0

note()
{
	echo "  $*"
}

not_ok()
{
	echo "  not ok: $*"
	FAILED=$((FAILED + 1))
}

# check DESCRIPTION CMD...: CMD must succeed.
check()
{
	local what=$1
	shift
	if ! "$@" >/dev/null 2>&1; then
		not_ok "$what (failed: $*)"
		return 1
	fi
}

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq()
{
	if [ "$2" != "$3" ]; then
		not_ok "$1: expected '$2', got '$3'"
		return 1
	fi
}

# wait_eq DESCRIPTION EXPECTED CMD...: poll CMD (up to WAIT_EQ_SECONDS, 5 by
# default) until it prints EXPECTED. Link events reach the team through the
# kernel's linkwatch work, a moment after the command that caused them
# returns.
wait_eq()
{
	local what=$1 want=$2 got deadline=$((SECONDS + ${WAIT_EQ_SECONDS:-5}))
	shift 2
	while got=$("$@" 2>&1); [ "$got" != "$want" ]; do
		if [ "$SECONDS" -ge "$deadline" ]; then
			not_ok "$what: expected '$want', got '$got'"
			return 1
		fi
		sleep 0.02
	done
}

# check_le DESCRIPTION VALUE LIMIT
check_le()
{
	if [ "$2" -gt "$3" ]; then
		not_ok "$1: $2 is more than $3"
		return 1
	fi
}

# wait_for SECONDS CMD...: poll CMD every 20 ms until it succeeds.
wait_for()
{
	local deadline=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -ge "$deadline" ] && return 1
		sleep 0.02
	done
}

# Run in the team's and the partner's namespace.
A() { ip netns exec lbfo-a "$@"; }
B() { ip netns exec lbfo-b "$@"; }

ns_add()
{
	ip netns add "$1"
	ip -n "$1" link set lo up
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip netns exec "$1" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
}

# A device's configuration, without counters: used to show that a refused
# request changed nothing. Usage: dev_state DEV [NETNS]
dev_state()
{
	local ns=()
	[ -n "${2:-}" ] && ns=(-n "$2")
	ip "${ns[@]}" -d -j link show dev "$1" | python3 -c '
import json, sys
d = json.load(sys.stdin)[0]
keep = ("ifname", "mtu", "address", "master", "flags", "operstate",
        "promiscuity", "allmulti", "linkinfo", "min_mtu", "max_mtu")
print(json.dumps({k: d.get(k) for k in keep}, sort_keys=True))'
}

# expect_refused DESCRIPTION MESSAGE CMD...: CMD must fail and its error
# output must contain MESSAGE.
expect_refused()
{
	local what=$1 msg=$2 out
	shift 2
	if out=$("$@" 2>&1); then
		not_ok "$what: was accepted: $*"
		return 1
	fi
	if [[ "$out" != *"$msg"* ]]; then
		not_ok "$what: message '$out' lacks '$msg'"
		return 1
	fi
	note "refused as expected: $out"
}

# refused_unchanged DESCRIPTION MESSAGE DEV... -- CMD...: CMD is refused with
# MESSAGE and the configuration of every DEV is the same before and after.
refused_unchanged()
{
	local what=$1 msg=$2 devs=() d before=() i=0
	shift 2
	while [ "$1" != "--" ]; do
		devs+=("$1")
		shift
	done
	shift
	for d in "${devs[@]}"; do
		before+=("$(dev_state "$d")")
	done
	expect_refused "$what" "$msg" "$@"
	for d in "${devs[@]}"; do
		check_eq "$what: $d unchanged" "${before[$i]}" "$(dev_state "$d")"
		i=$((i + 1))
	done
}

# set_mode TEAM static|switch-independent [NETNS]: while it has no members.
set_mode()
{
	local v=0
	[ "$2" = static ] && v=1
	if [ -n "${3:-}" ]; then
		ip netns exec "$3" "$RTNL" team-set-raw "$1" IFLA_LBFO_MODE u8 "$v"
	else
		"$RTNL" team-set-raw "$1" IFLA_LBFO_MODE u8 "$v"
	fi
}

# uc_has DEV MAC: is MAC in DEV's unicast address list (bridge fdb "self")?
uc_has()
{
	bridge fdb show dev "$1" | grep -q "^$2 self permanent"
}

stat_of()
{
	local ns=$1 dev=$2 counter=$3
	ip netns exec "$ns" cat "/sys/class/net/$dev/statistics/$counter"
}

# Per-member counter as the team sees it (ethtool -S): member_stat NS TEAM
# MEMBER COUNTER
member_stat()
{
	ip netns exec "$1" ethtool -S "$2" |
		awk -v k="$3.$4:" '$1 == k { print $2 }'
}

# member_state NS DEV: role=... state=...
member_state()
{
	ip netns exec "$1" "$RTNL" member "$2"
}

carrier_of()
{
	ip netns exec "$1" cat "/sys/class/net/$2/carrier" 2>/dev/null
}

# topo_veth N: namespace lbfo-a holds team0 (192.0.2.1/24) over N veth
# members a0..a(N-1); namespace lbfo-b holds their peers b0..b(N-1) in the
# bridge br0 (192.0.2.2/24), the partner's switch.
topo_veth()
{
	local n=$1 i
	topo_begin
	for ((i = 0; i < n; i++)); do
		ip link add "a$i" netns lbfo-a type veth peer name "b$i" netns lbfo-b
		topo_cable "a$i" "b$i"
	done
	topo_end
}

# The parts of a team/partner topology: topo_partner makes the namespaces
# and the partner's bridge, topo_begin also team0; topo_partner_port
# PARTNER_IF puts a port (already in lbfo-b) in the bridge; topo_cable
# TEAM_IF PARTNER_IF (both already in their namespaces) joins the ends;
# topo_end addresses team0 and waits for it to reach the partner.
topo_partner()
{
	ns_add lbfo-a
	ns_add lbfo-b
	ip -n lbfo-b link add br0 type bridge
	ip -n lbfo-b link set br0 up
	ip -n lbfo-b addr add 192.0.2.2/24 dev br0
}

topo_begin()
{
	topo_partner
	ip -n lbfo-a link add team0 type lbfo
}

topo_partner_port()
{
	ip -n lbfo-b link set "$1" master br0
	ip -n lbfo-b link set "$1" up
}

topo_cable()
{
	topo_partner_port "$2"
	ip -n lbfo-a link set "$1" master team0
}

topo_end()
{
	ip -n lbfo-a link set team0 up
	ip -n lbfo-a addr add 192.0.2.1/24 dev team0
	wait_for 20 A ping -c 1 -W 1 192.0.2.2
}

# Print "lost sent" for a finished ping's output on stdin.
ping_result()
{
	local out sent recv
	out=$(cat)
	sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' <<<"$out")
	recv=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' <<<"$out")
	echo "$((sent - recv)) $sent"
}

# ping_loss NS DEST COUNT: run a 10 ms ping, print "lost sent".
ping_loss()
{
	ip netns exec "$1" ping -n -q -i 0.01 -W 1 -c "$3" "$2" 2>&1 | ping_result
}

# ping_during COUNT CMD...: ping 192.0.2.2 from lbfo-a every 10 ms, COUNT
# times; one second in, run CMD (a failure). Print "lost sent".
ping_during()
{
	local count=$1 log=/tmp/lbfo-ping.$$
	shift
	ip netns exec lbfo-a ping -n -q -i 0.01 -W 1 -c "$count" 192.0.2.2 \
		>"$log" 2>&1 &
	sleep 1
	"$@"
	wait
	ping_result <"$log"
	rm -f "$log"
}

# The member of team0 in lbfo-a whose tx counter grows while CMD runs.
busiest_member()
{
	local team=$1 ns=$2 m best="" max=-1 d
	declare -A before
	shift 2
	for m in $(team_members "$ns" "$team"); do
		before[$m]=$(member_stat "$ns" "$team" "$m" tx_packets)
	done
	"$@" >/dev/null 2>&1
	for m in $(team_members "$ns" "$team"); do
		d=$(($(member_stat "$ns" "$team" "$m" tx_packets) - ${before[$m]}))
		if [ "$d" -gt "$max" ]; then max=$d; best=$m; fi
	done
	echo "$best"
}

# team_members NS TEAM: names of the team's members, in join order.
team_members()
{
	ip netns exec "$1" ethtool -S "$2" |
		sed -n 's/^ *\([^ ]*\)\.tx_packets:.*/\1/p'
}

# Guest NIC helpers (tests/vm/): interface name of QEMU netdev ID, link off/on.
nic_name()
{
	"$VM_TOOLS/nic-name" "$1"
}

nic_link()
{
	"$VM_TOOLS/nic-link" "$1" "$2"
}

# Remove everything tests create; keep the module loaded.
cleanup()
{
	local ns dev
	for ns in $(ip netns list | awk '/^lbfo-/ { print $1 }'); do
		ip netns pids "$ns" | xargs -r kill 2>/dev/null
		ip netns del "$ns"
	done
	for dev in $(ip -o link show type lbfo 2>/dev/null | awk -F': ' '{ print $2 }'); do
		ip link del "${dev%%@*}"
	done
	for dev in $(ip -o link show 2>/dev/null | awk -F': ' '{ print $2 }'); do
		dev=${dev%%@*}
		case "$dev" in
		lbt*) ip link del "$dev" 2>/dev/null ;;
		esac
	done
	# Namespaces die asynchronously; wait until their devices are gone.
	wait_for 10 sh -c '! ip netns list | grep -q "^lbfo-"'
}

# Kernel log lines that mean a bug (warnings, leaks, refcount errors).
DMESG_BAD='WARNING:|BUG:|Oops|refcount_t|leak|unregister_netdevice: waiting|general protection|list_add corruption|list_del corruption|RCU stall|INFO: task|UBSAN|KASAN|Call Trace|kernel NULL pointer'

dmesg_mark()
{
	DMESG_LINES=$(dmesg | wc -l)
}

# Print new kernel warnings since dmesg_mark; fail if there are any.
dmesg_check()
{
	local new
	new=$(dmesg | tail -n +"$((DMESG_LINES + 1))" | grep -E "$DMESG_BAD")
	if [ -n "$new" ]; then
		echo "  not ok: kernel log:"
		dmesg | tail -n +"$((DMESG_LINES + 1))" | sed 's/^/    /' | head -60
		return 1
	fi
}
