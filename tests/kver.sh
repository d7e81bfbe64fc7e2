#!/bin/sh
# Print the version of the Debian kernel that the test guest boots.
#
# It comes from the installed linux-image-amd64 package (the one whose headers
# we build against), never from `uname -r`: the host runs a different kernel.
set -eu
dep=$(dpkg-query -W -f='${Depends}' linux-image-amd64 2>/dev/null || true)
ver=$(printf '%s\n' "$dep" | sed -n 's/.*linux-image-\([^ ,]*\).*/\1/p' | head -n 1)
if [ -z "$ver" ]; then
	# No metapackage: take the newest kernel image that has its headers.
	for img in $(ls /boot/vmlinuz-* 2>/dev/null | sort -V -r); do
		v=${img#/boot/vmlinuz-}
		if [ -d "/lib/modules/$v/build" ]; then ver=$v; break; fi
	done
fi
if [ -z "$ver" ] || [ ! -e "/boot/vmlinuz-$ver" ]; then
	echo "kver: no guest kernel found (install linux-image-amd64 linux-headers-amd64, or run: make deps)" >&2
	exit 1
fi
echo "$ver"
