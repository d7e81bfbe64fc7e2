# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The benchmarks' smoke run (BENCH_SMOKE=1: short, same code paths), so that
# bench/ never rots: each benchmark runs on its own through bench/run.sh,
# must record no failure, and must leave tables whose rows are complete and
# name every system it compares. The tables go to $LBFO_OUT/bench-smoke/NAME
# and tests/run-all.sh turns them into a report on the host
# (bench/report.py), which checks that side too. The figures are not judged:
# benchmarks measure, tests assert.

# bench_smoke NAME WORD...: run benchmark NAME; its tables must mention
# every WORD (the systems compared).
bench_smoke()
{
	local name=$1 dir=$LBFO_OUT/bench-smoke/$1 t w rows all
	shift
	rm -rf "$dir"
	mkdir -p "$dir"
	if ! BENCH_SMOKE=1 BENCH_OUT=$dir "$LBFO_REPO/bench/run.sh" "^$name\$" \
		>"$dir/log" 2>&1; then
		sed 's/^/    /' "$dir/log" | tail -n 40
		not_ok "$name: bench/run.sh failed"
		return
	fi
	all=""
	for t in "$dir"/*.tsv; do
		[ -e "$t" ] || { not_ok "$name: no table written"; return; }
		rows=$(tail -n +3 "$t")
		[ -n "$rows" ] || not_ok "$name: table ${t##*/} has no rows"
		# Every row has as many cells as the header, none empty.
		awk -F'\t' 'NR == 2 { n = NF } NR > 2 && (NF != n || /\t\t|^\t|\t$/) { bad = 1 }
			END { exit bad }' "$t" ||
			not_ok "$name: table ${t##*/} has incomplete rows"
		all+=$(cat "$t")
	done
	for w in "$@"; do
		grep -qiw -- "$w" <<<"$all" || not_ok "$name: no figure for $w"
	done
	note "$name: $(cat "$dir"/*.tsv | grep -c .) table lines"
}

test_bench_smoke_tx() { bench_smoke tx lbfo bonding team; }
test_bench_smoke_failover() { bench_smoke failover lbfo "miimon 100" "miimon 1" teamd; }
test_bench_smoke_balance() { bench_smoke balance lbfo bonding teamd; }
test_bench_smoke_disruption() { bench_smoke disruption lbfo bonding teamd; }
test_bench_smoke_reorder() { bench_smoke reorder lbfo teamd; }
test_bench_smoke_scale() { bench_smoke scale lbfo bonding team; }
