#!/bin/bash
# Run lbfo's KUnit suites (policies/*_test.c, offload/*_test.c) on User-Mode
# Linux with the kernel's own tools/testing/kunit/kunit.py.
#
#   tests/kunit/run.sh [kunit.py filter glob, e.g. 'lbfo_select*']
#
# The kernel tree (linux-source-6.1, unpacked once) and the UML build
# directory live in ${LBFO_CACHE:-$HOME/.cache/lbfo}, so only the first run
# pays for the full UML build (5-7 min on 2 cores); later runs rebuild what
# changed (tens of seconds). See tests/kunit/README.md.
#
# Output: one "PASS: kunit/<suite>/<case>" or "FAIL: kunit/<suite>/<case>"
# line per test case (detail lines under a FAIL), then "N passed, N failed" as
# the last line. A build error, a crash or no test at all is a failure. Exit
# status is non-zero iff something failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=SCRIPTDIR/../lib-host.sh
. "$here/../lib-host.sh"

repo=$(lbfo_repo_root)

# Print one failure in the project's format and stop.
fail_run()
{
	local name=$1
	shift
	echo "FAIL: kunit/$name"
	local line
	for line in "$@"; do
		echo "    $line"
	done
	echo "0 passed, 1 failed"
	exit 1
}

# The suites are required: no test file at all is a failure, not a pass.
tests=0
for f in "$repo"/policies/*_test.c "$repo"/offload/*_test.c; do
	[ -e "$f" ] && tests=$((tests + 1))
done
if [ "$tests" -eq 0 ]; then
	fail_run suites "no policies/*_test.c or offload/*_test.c in $repo:" \
		"the KUnit suites are required (see tests/kunit/README.md)"
fi

cache=$(lbfo_cache_dir)
ksrc=$(lbfo_ksrc) || fail_run setup "could not unpack the kernel source into $cache"
build=$cache/kunit-build
glue=$ksrc/drivers/net/lbfo_kunit
mkdir -p "$build"

# One run at a time per cache: two builds in one build dir corrupt each other.
exec 9>"$cache/.kunit.lock"
if ! flock -n 9; then
	echo "kunit: another run holds $cache/.kunit.lock; waiting" >&2
	flock 9
fi

# Glue directory in the tree. The symlinks are re-pointed on every run (the
# repository may have moved or be another clone); Makefile and Kconfig are
# copied only when they changed, so an unchanged glue does not touch mtimes.
mkdir -p "$glue"
for d in policies offload include; do
	ln -sfn "$repo/$d" "$glue/$d"
done
cmp -s "$here/Kbuild" "$glue/Makefile" || cp "$here/Kbuild" "$glue/Makefile"
cmp -s "$here/Kconfig" "$glue/Kconfig" || cp "$here/Kconfig" "$glue/Kconfig"

# Hooks in drivers/net, appended once. The Kconfig source line goes after
# "endif # NETDEVICES": the tests need NET, not a network driver.
kconfig_hook='source "drivers/net/lbfo_kunit/Kconfig"'
# shellcheck disable=SC2016 # a make variable, not a shell one
make_hook='obj-$(CONFIG_LBFO_KUNIT_TEST) += lbfo_kunit/'
grep -qxF "$kconfig_hook" "$ksrc/drivers/net/Kconfig" ||
	printf '\n%s\n' "$kconfig_hook" >>"$ksrc/drivers/net/Kconfig"
grep -qxF "$make_hook" "$ksrc/drivers/net/Makefile" ||
	printf '%s\n' "$make_hook" >>"$ksrc/drivers/net/Makefile"

# Make tracks sources by mtime through the symlinks: after the symlinks move
# to another clone, objects newer than that clone's files would be kept. Drop
# our objects (only ours: seconds to rebuild) when the repository changes.
if [ "$(cat "$build/lbfo-kunit-repo" 2>/dev/null || true)" != "$repo" ]; then
	rm -rf "$build/drivers/net/lbfo_kunit"
	echo "$repo" >"$build/lbfo-kunit-repo"
fi

# test.log is the raw kernel output of this run; remove the last run's so a
# failed build can never be mistaken for results.
rm -f "$build/test.log"
log=$build/lbfo-kunit.log
if [ -e "$build/vmlinux" ]; then
	echo "kunit: building incrementally in $build (log: $log)" >&2
else
	echo "kunit: cold UML build in $build, 5-7 min on 2 cores (log: $log)" >&2
fi

start=$SECONDS
kunit_rc=0
(
	cd "$ksrc"
	python3 tools/testing/kunit/kunit.py run \
		--kunitconfig="$repo/tests/kunit" --arch=um \
		--jobs="$(nproc)" --build_dir="$build" "$@"
) </dev/null >"$log" 2>&1 || kunit_rc=$?
elapsed=$((SECONDS - start))

timing=$(grep -o 'Elapsed time: .*' "$log" | tail -n 1 || true)
echo "kunit: kunit.py finished in ${elapsed}s${timing:+ (${timing#Elapsed time: })}" >&2

if [ ! -s "$build/test.log" ]; then
	# kunit.py stopped before booting the kernel: config or build failure.
	mapfile -t why < <(grep -E ': (fatal )?error:|undefined reference|Error [0-9]+|^ERROR|Missing: |not all Kconfig|No such file' "$log" | head -n 40 || true)
	if [ "${#why[@]}" -eq 0 ]; then
		mapfile -t why < <(tail -n 40 "$log")
	fi
	# Name our files by their path in the repository, not through the glue.
	why=("${why[@]//"$glue/"/"$repo/"}")
	fail_run build "kunit.py could not configure or build the UML kernel (exit $kunit_rc); full log: $log" \
		"${why[@]}"
fi

python3 "$here/report.py" "$ksrc" "$build/test.log" "$kunit_rc"
