# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Disruption: the fraction of flows that change member when one of 4
# members fails, and again when it returns.
#
# Topology: the team in namespace lbfo-a over four veth members a0..a3;
# their peers b0..b3 in the bridge br0 (192.0.2.2) of namespace lbfo-b.
# Systems: lbfo address-hash and lbfo dynamic (switch-independent, hash
# ip,ports), bonding balance-xor (xmit_hash_policy layer3+4, miimon 100),
# team (teamd) loadbalance (tx_hash l3,l4, ethtool link watch) without and
# with the basic tx_balancer (balancing_interval 1 s).
#
# Flows: DIS_FLOWS UDP flows from the team to 192.0.2.2 (source ports
# 40000..), mapped by tests/tools/lbfo-flows' map (5 datagrams per flow,
# the member whose tx counter grew carries it), run by one python process
# for the whole benchmark (no interpreter start per map). For each system:
# map, wait, map again (flows that moved with no event at all: the
# baseline), fail the member that carries the most flows (its partner port
# goes down: carrier loss), wait, map, bring it back, wait, map. After each
# event every system is given the same settling time (DIS_SETTLE), several
# times what bonding's miimon and teamd's link watch need. Reported:
# fractions of all flows that changed member on failure (and how many of
# those were not on the failed member: unnecessary moves) and on return (and
# how many of those did not go to the returning member: stray moves). Ideal:
# on failure only the failed member's flows move; on return none, or only
# flows moving back to the returning member.

# The mapper, python in lbfo-a: reads a file name a line, writes the map of
# the flows there ("FLOW DEV" a line, lbfo-flows map's output), answers
# "done". Arguments: LBFO_FLOWS_PATH FLOWS DEVS.
DIS_MAPPER='
import argparse, contextlib, importlib.machinery, importlib.util, sys
loader = importlib.machinery.SourceFileLoader("lbfo_flows", sys.argv[1])
spec = importlib.util.spec_from_loader("lbfo_flows", loader)
flows = importlib.util.module_from_spec(spec)
loader.exec_module(flows)
args = argparse.Namespace(dst="192.0.2.2", port=5000, flows=int(sys.argv[2]),
                          sport=40000, raw=None, devs=sys.argv[3])
for line in sys.stdin:
    if line.strip() == "quit":
        break
    with open(line.strip(), "w") as out, contextlib.redirect_stdout(out):
        flows.cmd_map(args)
    print("done", flush=True)
'

# dis_topo: namespaces, the partner's bridge, veth pairs a0-b0 .. a3-b3.
dis_topo()
{
	local i
	topo_partner
	for i in 0 1 2 3; do
		echo "link add a$i type veth peer name b$i netns lbfo-b"
	done | ip -n lbfo-a -batch -
	for i in 0 1 2 3; do
		echo "link set b$i master br0"
		echo "link set b$i up"
	done | ip -n lbfo-b -batch -
}

# dis_build SYSTEM: the team for SYSTEM in lbfo-a over a0..a3, addressed
# 192.0.2.1; prints its name. Fails if it does not reach the partner.
dis_build()
{
	local dev i lb
	for i in 0 1 2 3; do
		echo "link set a$i down"
	done | ip -n lbfo-a -batch -
	case "$1" in
	"lbfo address-hash" | "lbfo dynamic")
		dev=team0 lb=${1#lbfo }
		mk_lbfo lbfo-a $dev mode switch-independent lb "$lb" \
			hash ip,ports members a0,a1,a2,a3 >/dev/null || return 1 ;;
	"bonding balance-xor")
		dev=bond0
		mk_bond lbfo-a $dev mode balance-xor xmit_hash_policy layer3+4 \
			miimon 100 || return 1
		for i in 0 1 2 3; do
			echo "link set a$i master $dev"
		done | ip -n lbfo-a -batch - || return 1 ;;
	"teamd loadbalance")
		dev=tm0
		teamd_start lbfo-a $dev \
			'{"name": "loadbalance", "tx_hash": ["l3", "l4"]}' \
			'{"name": "ethtool"}' a0 a1 a2 a3 || return 1 ;;
	"teamd loadbalance + basic balancer")
		dev=tm0
		teamd_start lbfo-a $dev \
			"$(teamd_lb_basic 1000)" \
			'{"name": "ethtool"}' a0 a1 a2 a3 || return 1 ;;
	esac
	team_up $dev || return 1
	wait_for 20 A ping -c 1 -W 1 192.0.2.2 || return 1
	echo $dev
}

# dis_map FILE: the map of the flows, by the mapper (coprocess DIS_MAP).
dis_map()
{
	local ans
	echo "$1" >&"${DIS_MAP[1]}"
	read -r -t 120 ans <&"${DIS_MAP[0]}" && [ "$ans" = "done" ]
}

# dis_compare BEFORE AFTER MEMBER: "MOVED OTHER UNCARRIED": flows whose
# member changed, how many of them were not on (BEFORE was not MEMBER,
# moving on a failure) or did not go to (AFTER is not MEMBER, on a return)
# MEMBER, and flows AFTER maps to no member at all.
dis_compare()
{
	awk -v m="$3" '
		FNR == NR { a[$1] = $2; next }
		{
			if ($2 == "none") none++
			if (a[$1] != $2) {
				moved++
				if (a[$1] != m && $2 != m) other++
			}
		}
		END { printf "%d %d %d\n", moved, other, none }' "$1" "$2"
}

bench_disruption()
{
	local n settle systems sys dev dir=/tmp/lbfo-bench-dis victim on_victim
	local -A moves
	local l t0 base fmoved fother fnone rmoved rother rnone back

	n=$(pick 64 16)
	settle=$(pick 2 0.5)
	mkdir -p $dir
	modprobe bonding
	modprobe team
	btable disruption "Disruption: $n flows over 4 members, one fails and returns" \
		system flows "on failed member" "moved, no event" "moved on failure" \
		"unnecessary moves" "moved on return" "stray moves" \
		"failure: moved / necessary"
	dis_topo
	coproc DIS_MAP { ip netns exec lbfo-a python3 -c "$DIS_MAPPER" "$FLOWS" "$n" a0,a1,a2,a3 2>&1; }
	systems=("lbfo address-hash" "lbfo dynamic" "bonding balance-xor" \
		"teamd loadbalance" "teamd loadbalance + basic balancer")
	for sys in "${systems[@]}"; do
		t0=$SECONDS
		if ! dev=$(dis_build "$sys"); then
			bfail disruption "$sys: the team did not form or reach the partner"
			team_del lbfo-a "$sys" "${dev:-x}" 2>/dev/null
			continue
		fi
		if ! dis_map $dir/m0 || ! sleep "$settle" || ! dis_map $dir/m1; then
			bfail disruption "$sys: the flow map failed"
			team_del lbfo-a "$sys" "$dev"
			continue
		fi
		read -r base _ fnone <<<"$(dis_compare $dir/m0 $dir/m1 -)"
		# the member with the most flows fails
		victim=$(awk '$2 != "none" { c[$2]++ } END { for (d in c) if (c[d] > best) { best = c[d]; v = d } print v }' $dir/m1)
		on_victim=$(awk -v v="$victim" '$2 == v' $dir/m1 | wc -l)
		if [ -z "$victim" ] || [ "$fnone" -gt 0 ]; then
			bfail disruption "$sys: $fnone of $n flows reached no member before the failure"
			team_del lbfo-a "$sys" "$dev"
			continue
		fi
		ip -n lbfo-b link set "b${victim#a}" down
		sleep "$settle"
		dis_map $dir/m2 || bfail disruption "$sys: the flow map failed"
		ip -n lbfo-b link set "b${victim#a}" up
		sleep "$settle"
		dis_map $dir/m3 || bfail disruption "$sys: the flow map failed"
		team_del lbfo-a "$sys" "$dev"
		read -r fmoved fother fnone <<<"$(dis_compare $dir/m1 $dir/m2 "$victim")"
		read -r rmoved rother rnone <<<"$(dis_compare $dir/m2 $dir/m3 "$victim")"
		back=$(awk -v v="$victim" '$2 == v' $dir/m3 | wc -l)
		echo "   $sys: $victim failed with $on_victim of $n flows; on failure $fmoved moved ($fother from other members, $fnone unmapped); on return $rmoved moved ($rother elsewhere than $victim, $rnone unmapped), $back on $victim again ($((SECONDS - t0)) s)"
		if [ "$fnone" -gt 0 ] || [ "$rnone" -gt 0 ]; then
			bfail disruption "$sys: flows reached no member (failure $fnone, return $rnone)"
			continue
		fi
		moves[$sys]=$((fother + rother))
		brow disruption "$sys" "$n" "$(calc "%.2f" "$on_victim / $n")" \
			"$(calc "%.2f" "$base / $n")" "$(calc "%.2f" "$fmoved / $n")" \
			"$fother" "$(calc "%.2f" "$rmoved / $n")" "$rother" \
			"$(ratio "$fmoved" "$on_victim")"
	done
	echo quit >&"${DIS_MAP[1]}"
	for l in "lbfo address-hash" "lbfo dynamic"; do
		[ -n "${moves[$l]:-}" ] || continue
		for sys in "${systems[@]}"; do
			[[ "$sys" == lbfo* ]] && continue
			[ -n "${moves[$sys]:-}" ] || continue
			if [ "${moves[$sys]}" -lt "${moves[$l]}" ]; then
				bnote disruption "lbfo does worse here: $l made more unnecessary and stray moves than $sys (${moves[$l]} against ${moves[$sys]})."
			fi
		done
	done
	bnote disruption "Fractions of the $n flows; unnecessary and stray moves are flow counts. Ideal: moved on failure = on failed member (ratio 1.00), no unnecessary move; on return no stray move."
	bnote disruption "The failed member is the one carrying the most flows; ${settle} s of settling after each event and between the two maps before it (moved, no event)."
}
