#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run every case of the unit test binaries given, each in its own process
# (built with ASan+UBSan: a leak, overflow or undefined behaviour fails the
# case). Prints "PASS: unit/<suite>.<case>" or "FAIL: ..." (with the case's
# output) per case and, last, "N passed, N failed".
set -u
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=23
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

pass=0
fail=0
for bin in "$@"; do
	suite=$(basename "$bin")
	suite=${suite#test_}
	suite=${suite%.sh}
	if ! cases=$("$bin" --list); then
		echo "FAIL: unit/$suite (cannot list its cases)"
		fail=$((fail + 1))
		continue
	fi
	for c in $cases; do
		if out=$("$bin" "$c" 2>&1); then
			echo "PASS: unit/$suite.$c"
			pass=$((pass + 1))
		else
			echo "FAIL: unit/$suite.$c"
			sed 's/^/    /' <<<"$out"
			fail=$((fail + 1))
		fi
	done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
