#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the guest integration tests (inside the QEMU guest, as root, with
# lbfo.ko loaded): every test_* function of tests/guest/test-*.sh, in file
# order, each in its own subshell, with a clean slate before and a kernel log
# check after. Prints "PASS: guest/NAME" or "FAIL: guest/NAME" per test and,
# last, "N passed, N failed".
#
#   tests/guest/run-all.sh [REGEX]     only the tests whose name matches
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/guest/lib.sh
. "$here/lib.sh"
for f in "$here"/test-*.sh; do
	# shellcheck source=/dev/null
	. "$f"
done

filter=${1:-.}
pass=0
fail=0
for f in "$here"/test-*.sh; do
	for t in $(sed -n 's/^\(test_[a-z0-9_]*\)().*/\1/p' "$f"); do
		name=${t#test_}
		[[ "$name" =~ $filter ]] || continue
		cleanup
		dmesg_mark
		echo "--- guest/$name"
		( FAILED=0; "$t"; exit "$FAILED" )
		rc=$?
		cleanup
		dmesg_check || rc=1
		if [ "$rc" -eq 0 ]; then
			echo "PASS: guest/$name"
			pass=$((pass + 1))
		else
			echo "FAIL: guest/$name"
			fail=$((fail + 1))
		fi
	done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
