# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers for the benchmarks (bench/bench-*.sh), sourced by bench/run.sh
# inside the QEMU guest and by the CI smoke tests (tests/guest/test-bench.sh).
#
# A benchmark is a function bench_NAME in bench/bench-NAME.sh. It builds the
# same topology for lbfo, bonding and team (teamd) in turn, measures, and
# records one or more tables:
#
#   btable ID TITLE COLUMN...    start table ID ($BENCH_OUT/ID.tsv)
#   brow ID VALUE...             add a row (also printed)
#   bnote ID TEXT                a line under the table (how it was measured,
#                                where lbfo loses)
#   bfail ID TEXT                a measurement went wrong: the run reports it
#
# Numbers are emulated (QEMU TCG): absolute rates mean little, ratios against
# the other systems measured in the same run do. BENCH_SMOKE=1 (or
# LBFO_BENCH_SMOKE=1 given to tests/vm/run.sh) asks for the
# short version CI runs (a few seconds per benchmark, same code paths):
# pick FULL SMOKE prints the value to use.
#
# Namespaces are lbfo-* and teams/bonds live in them, so the guest tests'
# cleanup (tests/guest/lib.sh) clears a benchmark's topology too; teamd
# runs inside its team's namespace and dies with it.

BENCH_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/guest/lib.sh
. "$BENCH_LIB_DIR/../tests/guest/lib.sh"

BENCH_OUT=${BENCH_OUT:-${LBFO_OUT:-/tmp}/bench}
BENCH_SMOKE=${BENCH_SMOKE:-${LBFO_BENCH_SMOKE:-0}}
# shellcheck disable=SC2034 # for the bench-*.sh files
TEAMCTL="$LBFO_REPO/teamctl/teamctl"
# shellcheck disable=SC2034
FLOWS="$LBFO_REPO/tests/tools/lbfo-flows"
mkdir -p "$BENCH_OUT"

# pick FULL SMOKE
pick()
{
	if [ "$BENCH_SMOKE" = 1 ]; then echo "$2"; else echo "$1"; fi
}

btable()
{
	local id=$1 title=$2
	shift 2
	{
		printf '# %s\n' "$title"
		(IFS=$'\t'; printf '%s\n' "$*")
	} >"$BENCH_OUT/$id.tsv"
	: >"$BENCH_OUT/$id.notes"
	echo "== $title"
	(IFS='|'; printf '| %s |\n' "$*")
}

brow()
{
	local id=$1
	shift
	(IFS=$'\t'; printf '%s\n' "$*") >>"$BENCH_OUT/$id.tsv"
	(IFS='|'; printf '| %s |\n' "$*")
}

bnote()
{
	printf '%s\n' "$2" >>"$BENCH_OUT/$1.notes"
	echo "   note: $2"
}

bfail()
{
	printf '%s: %s\n' "$1" "$2" >>"$BENCH_OUT/failures"
	echo "   FAILED: $1: $2"
}

# calc EXPR: a floating-point expression evaluated by awk, e.g.
# calc "$a / $b" or calc "%.2f" "$a / $b".
calc()
{
	local fmt="%.3g" expr=$1
	if [ $# -eq 2 ]; then fmt=$1; expr=$2; fi
	awk "BEGIN { printf \"$fmt\n\", ($expr) }"
}

# ratio A B: A/B with two decimals, or "-" when B is 0.
ratio()
{
	awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2f\n", a / b }'
}

# jain "X1 X2 ..." ["W1 W2 ..."]: Jain's fairness index of the values, each
# divided by its weight (the target share) when weights are given:
# (sum x)^2 / (n * sum x^2), 1 = exactly on target, 1/n = all on one.
jain()
{
	awk -v xs="$1" -v ws="${2:-}" 'BEGIN {
		n = split(xs, x, " "); m = split(ws, w, " ")
		for (i = 1; i <= n; i++) {
			v = x[i] / (m ? w[i] : 1); s += v; q += v * v
		}
		if (q == 0) print "0"; else printf "%.3f\n", s * s / (n * q)
	}'
}

# Team builders. Each makes team NAME in namespace NS (no members, down);
# the caller adds members and brings it up.
#
# mk_lbfo NS NAME [teamctl team add PARAM VALUE...]
mk_lbfo()
{
	local ns=$1 name=$2
	shift 2
	ip netns exec "$ns" "$TEAMCTL" team add "$name" "$@"
}

# mk_bond NS NAME [ip link bond options...], e.g. mode balance-xor
# xmit_hash_policy layer3+4 miimon 100
mk_bond()
{
	local ns=$1 name=$2
	shift 2
	ip -n "$ns" link add "$name" type bond "$@"
}

# teamd_start NS NAME RUNNER_JSON LINK_WATCH_JSON PORT...: teamd in NS
# creates team NAME with that runner and link watch and takes the ports
# (which must exist in NS and be down); waits until it has them all. Config,
# pid file and log in /run/lbfo-bench/.
teamd_start()
{
	local ns=$1 name=$2 runner=$3 lw=$4 p ports="" dir=/run/lbfo-bench
	shift 4
	mkdir -p "$dir"
	for p in "$@"; do
		ports="$ports${ports:+,}\"$p\": {}"
	done
	printf '{"device": "%s", "runner": %s, "link_watch": %s, "ports": {%s}}\n' \
		"$name" "$runner" "$lw" "$ports" >"$dir/$name.conf"
	ip netns exec "$ns" teamd -d -r -f "$dir/$name.conf" \
		-p "$dir/$name.pid" >"$dir/$name.log" 2>&1 || {
		cat "$dir/$name.log" >&2
		return 1
	}
	for p in "$@"; do
		wait_for 20 sh -c "ip -n $ns -o link show dev $p | grep -q 'master $name'" ||
			{ echo "teamd did not take $p" >&2; return 1; }
	done
}

# teamd_stop NS NAME
teamd_stop()
{
	local pid
	pid=$(cat "/run/lbfo-bench/$2.pid" 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null
	wait_for 10 sh -c "! kill -0 $pid 2>/dev/null"
	ip -n "$1" link del "$2" 2>/dev/null
	return 0
}

# team_up TEAM: bring TEAM (in lbfo-a) up with the address 192.0.2.1/24.
team_up()
{
	ip -n lbfo-a -b - <<-EOF
		link set $1 up
		addr add 192.0.2.1/24 dev $1
	EOF
}

# teamd_lb_basic INTERVAL_MS: the teamd runner compared with lbfo dynamic:
# loadbalance, hash l3+l4, the basic tx_balancer every INTERVAL_MS
# (rounded down to teamd's tenths of a second).
teamd_lb_basic()
{
	printf '{"name": "loadbalance", "tx_hash": ["l3", "l4"], "tx_balancer": {"name": "basic", "balancing_interval": %d}}\n' \
		$(($1 / 100))
}

# team_del NS SYSTEM TEAM: remove a team that mk_lbfo, mk_bond or
# teamd_start made (SYSTEM starting with "teamd": stop its teamd).
team_del()
{
	case "$2" in
	teamd*) teamd_stop "$1" "$3" ;;
	*) ip -n "$1" link del "$3" ;;
	esac
}

# team_ready SYSTEM TEAM MEMBER...: in lbfo-a, wait (15 s at most) until
# every member has carrier and TEAM uses it (lbfo counts it among its
# carriers, teamd has it enabled, bonding's MII status is up; the e1000
# reports carrier up to 2 s late), then until 192.0.2.2 answers a ping.
# One shell polls, forking only teamctl or teamnl once all have carrier.
team_ready()
{
	local sys=$1 team=$2
	shift 2
	# shellcheck disable=SC2016
	ip netns exec lbfo-a sh -c '
		sys=$1 teamctl=$2 team=$3; shift 3; i=0
		while [ $i -lt 150 ]; do
			ok=1
			for m; do
				c=0; read -r c <"/sys/class/net/$m/carrier" || c=0
				[ "$c" = 1 ] || ok=0
				f=/sys/class/net/$m/bonding_slave/mii_status
				if [ -e "$f" ]; then read -r c <"$f"; [ "$c" = up ] || ok=0; fi
			done
			if [ $ok = 1 ]; then
				case $sys in
				lbfo*) "$teamctl" team show "$team" | grep -q "carriers $#\$" && exit 0 ;;
				teamd*)
					n=0
					for m; do
						teamnl -p "$m" "$team" getoption enabled | grep -q true && n=$((n + 1))
					done
					[ $n = $# ] && exit 0 ;;
				*) exit 0 ;;
				esac
			fi
			sleep 0.1
			i=$((i + 1))
		done
		echo "  $sys: not every member of $team carries traffic" >&2
		exit 1' sh "$sys" "$TEAMCTL" "$team" "$@" 2>&1 || return 1
	wait_for 20 ip netns exec lbfo-a ping -c 1 -W 1 192.0.2.2
}

# bench_env: the environment of this run, as "key: value" lines.
bench_env()
{
	echo "kernel: $(uname -r)"
	echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1) x $(nproc)"
	echo "memory: $(awk '/MemTotal/ { printf "%d MiB", $2 / 1024 }' /proc/meminfo)"
	echo "emulation: QEMU TCG (no KVM): absolute rates are emulated, compare ratios"
	echo "peers: bonding and team of this kernel; $(teamd --version 2>&1 | head -n 1)"
}
