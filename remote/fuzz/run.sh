#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh SECONDS BIN...: run each libFuzzer harness for SECONDS from a copy
# of its seed corpus (fuzz/corpus/<name>/; the committed corpus does not
# grow). Prints "PASS: fuzz/<name> (N runs)" or "FAIL: fuzz/<name>" with
# the end of its output per harness and, last, "N passed, N failed"; the
# exit status is non-zero on failure. A crashing input is saved as
# out/fuzz/<name>-crash-<sha1> (or -leak-, -timeout-, -oom-) under the
# repository's root: reproduce with "BIN FILE".
set -u

if [ $# -lt 2 ]; then
	echo "usage: $0 SECONDS BIN..." >&2
	exit 2
fi
seconds=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../.." && pwd)/out/fuzz
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass=0
fail=0
for bin in "$@"; do
	name=$(basename "$bin")
	corpus=$tmp/$name
	mkdir -p "$corpus"
	if [ -d "$here/corpus/$name" ]; then
		cp -r "$here/corpus/$name/." "$corpus/"
	fi
	log=$tmp/$name.log
	abs=$(cd "$(dirname "$bin")" 2>/dev/null && pwd)/$name
	# In $tmp: libFuzzer writes nothing into the working directory then.
	if (cd "$tmp" && "$abs" \
		-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$out/$name-" \
		"$corpus") >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		echo "PASS: fuzz/$name (${runs:-?} runs)"
		pass=$((pass + 1))
	else
		echo "FAIL: fuzz/$name"
		tail -n 40 "$log" | sed 's/^/    /'
		sed -n 's|.*Test unit written to \(.*\)|    input saved as \1|p' "$log"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
