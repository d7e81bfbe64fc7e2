#!/bin/bash
# Build (or reuse) the test guest's initramfs and print its path.
#
#   tests/vm/mkinitramfs.sh KVER CACHE_DIR
#
# The image holds only busybox-static, the modules needed to mount a 9p root
# and drive the test NICs, and tests/vm/initramfs-init as /init; everything
# else comes from the host's / over 9p. It is cached as CACHE_DIR/initramfs-KVER-HASH.cpio, HASH covering
# every input (this script, the init, busybox and each module file), so a
# change to any of them builds a new image and an unchanged setup rebuilds
# nothing.
set -euo pipefail

die() { echo "mkinitramfs: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: $0 KVER CACHE_DIR"
kver=$1
cache=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
init=$here/initramfs-init

command -v cpio >/dev/null || die "cpio is missing (apt-get install cpio)"
busybox=$(command -v busybox || true)
[ -n "$busybox" ] || die "busybox is missing (apt-get install busybox-static)"
# A dynamic busybox would need the host's libc inside the initramfs.
if command -v readelf >/dev/null && readelf -l "$busybox" | grep -q INTERP; then
	die "$busybox is dynamically linked (apt-get install busybox-static)"
fi

# Top-level modules; --show-depends expands them to files in load order
# (virtio_ring virtio virtio_pci_* virtio_pci 9pnet 9pnet_virtio netfs fscache
# 9p on Debian 6.1). The 9p ones are needed to reach the root at all. The
# virtio-serial and NIC drivers could come from the 9p root later, but nothing
# autoloads them in the guest (no udev) and busybox insmod from RAM is far
# faster under TCG than the host's modprobe over 9p. QEMU's rtl8139 is an
# RTL8139C+, which 8139too refuses ("use 8139cp"): 8139cp drives it.
wanted=(virtio_pci 9pnet_virtio 9p virtio_console e1000 virtio_net 8139cp vmxnet3)
mapfile -t mods < <(
	for m in "${wanted[@]}"; do
		modprobe -S "$kver" --show-depends "$m" ||
			echo "FAIL $m"
	done | awk '$1 == "FAIL" { print; next } $1 == "insmod" && !seen[$2]++ { print $2 }'
)
for m in "${mods[@]}"; do
	case $m in FAIL*) die "modprobe -S $kver --show-depends ${m#FAIL } failed (is /lib/modules/$kver there?)" ;; esac
done
[ ${#mods[@]} -gt 0 ] || die "no modules found for $kver"

hash=$({
	printf '%s\n' "$kver" "${mods[@]}"
	cat "${BASH_SOURCE[0]}" "$init" "$busybox" "${mods[@]}"
} | sha256sum | cut -c1-16)
img=$cache/initramfs-$kver-$hash.cpio
if [ -s "$img" ]; then
	echo "$img"
	exit 0
fi

mkdir -p "$cache"
tmp=$(mktemp -d "$cache/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
mkdir -p "$root/bin" "$root/lib/modules"
cp "$busybox" "$root/bin/busybox"
cp "$init" "$root/init"
chmod 0755 "$root/init" "$root/bin/busybox"
for m in "${mods[@]}"; do
	base=$(basename "$m")
	# busybox insmod cannot read compressed modules: store them plain.
	case $m in
	*.ko.xz) xz -dc "$m" >"$root/lib/modules/${base%.xz}"; base=${base%.xz} ;;
	*.ko.zst) zstd -qdc "$m" >"$root/lib/modules/${base%.zst}"; base=${base%.zst} ;;
	*.ko.gz) gzip -dc "$m" >"$root/lib/modules/${base%.gz}"; base=${base%.gz} ;;
	*) cp "$m" "$root/lib/modules/$base" ;;
	esac
	echo "$base" >>"$root/lib/modules/modules.list"
done
# Uncompressed: the kernel copies it instead of inflating it under TCG.
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --owner=0:0 --quiet) >"$tmp/img"
mv -f "$tmp/img" "$img"
# Drop images of older inputs, but only stale ones: a run started just now
# may still be about to hand one of them to QEMU.
find "$cache" -maxdepth 1 -name 'initramfs-*.cpio' ! -name "${img##*/}" -mtime +1 -delete 2>/dev/null || true
echo "$img"
