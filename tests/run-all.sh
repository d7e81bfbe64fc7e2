#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make test: build everything and run every suite, then print the total.
#
#   1. build    lbfo.ko against the guest kernel's headers, and teamctl
#   2. check    checkpatch --strict and sparse over the kernel code
#   3. kunit    the pure-logic suites on User-Mode Linux
#   4. unit     userspace unit tests (teamctl, teamctld, with ASan and UBSan)
#      fuzz     teamctld's request parser under libFuzzer, a short run each
#   5. guest    integration tests in the QEMU guest (Debian kernel, real
#               NIC drivers), one boot for all of them, and the benchmarks'
#               smoke run (tests/guest/test-bench.sh)
#   6. bench-report  the smoke run's tables through bench/report.py: the
#               markdown report and its plots come out
#
# Each suite prints "PASS: ..." / "FAIL: ..." per test and its own
# "N passed, N failed"; a suite that dies without that line counts as one
# failure. The last line is the total, "N passed, N failed", and the exit
# status is non-zero if anything failed. Logs: out/test/<suite>.log.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$repo" || exit 1
logs=$repo/out/test
mkdir -p "$logs"

total_pass=0
total_fail=0

# run_suite NAME CMD...: run CMD, show its output, add its counts.
run_suite()
{
	local name=$1 summary p f
	shift
	echo "=== $name: $*"
	"$@" 2>&1 | tee "$logs/$name.log"
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logs/$name.log" | tail -n 1)
	if [ -z "$summary" ]; then
		echo "FAIL: $name (the suite ended without a summary; see $logs/$name.log)"
		total_fail=$((total_fail + 1))
		return
	fi
	p=${summary%% passed*}
	f=${summary#*, }
	f=${f%% failed}
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

# build_one NAME FILE MAKE-ARGS...: build, and check that FILE came out.
build_one()
{
	local name=$1 file=$2
	shift 2
	if make --no-print-directory "$@" >"$logs/build-$name.log" 2>&1 &&
	   [ -f "$file" ]; then
		echo "PASS: build/$name"
		return 0
	fi
	tail -n 30 "$logs/build-$name.log"
	echo "FAIL: build/$name"
	return 1
}

build()
{
	local fail=0
	build_one lbfo.ko lbfo.ko modules || fail=$((fail + 1))
	build_one teamctl teamctl/teamctl -C teamctl || fail=$((fail + 1))
	build_one teamctld remote/teamctld -C remote || fail=$((fail + 1))
	echo "$((3 - fail)) passed, $fail failed"
}

guest()
{
	if [ ! -f lbfo.ko ] || [ ! -x teamctl/teamctl ] || [ ! -x remote/teamctld ]; then
		echo "FAIL: guest (lbfo.ko, teamctl or teamctld did not build)"
		echo "0 passed, 1 failed"
		return
	fi
	VM_OUT=$repo/out/vm/test tests/vm/run.sh tests/guest/run-all.sh
}

# The host side of the benchmarks' smoke run: the report and its plots.
bench_report()
{
	local dirs=("$repo"/out/vm/test/bench-smoke/*/) out=$repo/out/test/bench-report
	local pass=0 fail=0 png
	rm -rf "$out"
	if [ ! -d "${dirs[0]}" ]; then
		echo "FAIL: bench-report/report (no smoke run tables in out/vm/test/bench-smoke)"
		echo "0 passed, 1 failed"
		return
	fi
	if bench/report.py "${dirs[@]}" --out "$out" --name smoke &&
	   grep -q '^## ' "$out/smoke.md"; then
		echo "PASS: bench-report/report"
		pass=$((pass + 1))
	else
		echo "FAIL: bench-report/report"
		fail=$((fail + 1))
	fi
	for png in balance failover_trials; do
		if [ -s "$out/smoke-$png.png" ] && grep -q "(smoke-$png.png)" "$out/smoke.md"; then
			echo "PASS: bench-report/plot-$png"
			pass=$((pass + 1))
		else
			echo "FAIL: bench-report/plot-$png"
			fail=$((fail + 1))
		fi
	done
	echo "$pass passed, $fail failed"
}

start=$SECONDS
run_suite build build
run_suite check tests/check.sh
run_suite kunit tests/kunit/run.sh
run_suite unit make --no-print-directory -C teamctl test
run_suite unit-remote make --no-print-directory -C remote test
run_suite fuzz make --no-print-directory -C remote fuzz-run FUZZ_SECONDS="${FUZZ_SECONDS:-45}"
run_suite guest guest
run_suite bench-report bench_report
echo "=== done in $((SECONDS - start)) s; logs in $logs"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
