# shellcheck shell=bash
# Shared helpers for the host-side harness scripts (tests/kunit/run.sh,
# tests/check.sh). Source it; it defines functions and sets nothing else
# beyond LBFO_CACHE's default.
#
#   lbfo_cache_dir     print the cache directory (created if missing)
#   lbfo_ksrc          print the unpacked linux-source-6.1 tree, unpacking it
#                      first if needed (idempotent, atomic, locked)
#   lbfo_repo_root     print the repository root (the folder above tests/)

: "${LBFO_CACHE:=$HOME/.cache/lbfo}"

# The Debian package linux-source-6.1 ships the tarball here.
LBFO_KSRC_TARBALL=${LBFO_KSRC_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
LBFO_KSRC_NAME=linux-source-6.1

lbfo_repo_root()
{
	(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
}

lbfo_cache_dir()
{
	mkdir -p "$LBFO_CACHE"
	(cd "$LBFO_CACHE" && pwd -P)
}

# Unpack the kernel source into the cache once. The tarball is unpacked into a
# temporary directory next to the final one and renamed into place, so an
# interrupted run leaves no half tree behind (only a .unpack.* directory that
# the next run removes). A lock keeps two concurrent runs (make check and
# make kunit) from unpacking twice.
lbfo_ksrc()
{
	local cache tree tmp

	cache=$(lbfo_cache_dir)
	tree=$cache/$LBFO_KSRC_NAME
	if [ ! -d "$tree" ]; then
		if [ ! -r "$LBFO_KSRC_TARBALL" ]; then
			echo "lib-host: $LBFO_KSRC_TARBALL is missing: install linux-source-6.1 (make deps)" >&2
			return 1
		fi
		# Every step checks its own status: callers use this function
		# in `x=$(lbfo_ksrc) || ...`, where bash ignores `set -e`.
		(
			flock 9 || exit 1
			[ -d "$tree" ] && exit 0
			rm -rf "$cache"/.unpack.*
			tmp=$(mktemp -d "$cache/.unpack.XXXXXX") || exit 1
			echo "lib-host: unpacking $LBFO_KSRC_TARBALL into $cache (about 10-20 s)" >&2
			if ! tar -xJf "$LBFO_KSRC_TARBALL" -C "$tmp" ||
			   [ ! -d "$tmp/$LBFO_KSRC_NAME" ]; then
				echo "lib-host: unpacking $LBFO_KSRC_TARBALL failed" >&2
				rm -rf "$tmp"
				exit 1
			fi
			# -T: never move the tree *into* an existing directory.
			mv -T "$tmp/$LBFO_KSRC_NAME" "$tree" || exit 1
			rmdir "$tmp"
		) 9>"$cache/.ksrc.lock" || return 1
	fi
	if [ ! -f "$tree/tools/testing/kunit/kunit.py" ] || [ ! -f "$tree/scripts/checkpatch.pl" ]; then
		echo "lib-host: $tree looks incomplete; remove it and run again" >&2
		return 1
	fi
	echo "$tree"
}
