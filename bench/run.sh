#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the benchmarks inside the QEMU guest (make bench boots it): every
# bench_* function of bench/bench-*.sh, in file order, each in its own
# subshell between two cleanups. Tables go to $BENCH_OUT (default
# $LBFO_OUT/bench) as NAME.tsv and NAME.notes, the environment to env.txt;
# bench/report.py turns them into bench/results/*.md and plots.
#
#   bench/run.sh [REGEX]       only the benchmarks whose name matches
#   BENCH_SMOKE=1 bench/run.sh the short version CI runs
#
# Exit status: 0 if every benchmark ran and recorded no failure.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
for f in "$here"/bench-*.sh; do
	# shellcheck source=/dev/null
	. "$f"
done

filter=${1:-.}
rm -f "$BENCH_OUT"/*.tsv "$BENCH_OUT"/*.notes "$BENCH_OUT/failures"
bench_env | tee "$BENCH_OUT/env.txt"
[ "$BENCH_SMOKE" = 1 ] && echo "mode: smoke (short runs for CI; figures are not meaningful)" >>"$BENCH_OUT/env.txt"
bad=0
ran=0
for f in "$here"/bench-*.sh; do
	# shellcheck disable=SC2013 # function names: one word each
	for b in $(sed -n 's/^\(bench_[a-z0-9_]*\)().*/\1/p' "$f"); do
		name=${b#bench_}
		[[ "$name" =~ $filter ]] || continue
		cleanup
		echo "--- bench/$name"
		ran=$((ran + 1))
		start=$SECONDS
		( "$b" )
		rc=$?
		cleanup
		if [ "$rc" -ne 0 ]; then
			bfail "$name" "exited with status $rc"
			bad=$((bad + 1))
		fi
		echo "--- bench/$name: $((SECONDS - start)) s"
	done
done
[ "$ran" -gt 0 ] || bfail run "no benchmark matches '$filter'"
if [ -s "$BENCH_OUT/failures" ]; then
	echo "failures:"
	cat "$BENCH_OUT/failures"
	exit 1
fi
exit 0
