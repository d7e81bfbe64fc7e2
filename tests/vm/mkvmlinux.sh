#!/bin/bash
# Print the kernel file for QEMU's -kernel: the uncompressed ELF vmlinux
# inside /boot/vmlinuz-KVER when that can be had, else the vmlinuz itself.
#
#   tests/vm/mkvmlinux.sh KVER CACHE_DIR
#
# Why: under TCG the kernel's own xz decompressor takes about 3 s of every
# boot. QEMU boots an ELF vmlinux directly through its PVH entry point
# (CONFIG_PVH), so the decompressed image is cached once, keyed by a hash of
# the vmlinuz, and every later boot skips that work. Same kernel, same bytes.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 KVER CACHE_DIR" >&2; exit 2; }
kver=$1
cache=$2
bz=/boot/vmlinuz-$kver

fallback() {
	echo "mkvmlinux: $* - booting the compressed $bz (about 3 s slower)" >&2
	echo "$bz"
	exit 0
}

grep -qx 'CONFIG_PVH=y' "/boot/config-$kver" 2>/dev/null || fallback "no CONFIG_PVH=y in /boot/config-$kver"
hash=$(sha256sum "$bz" | cut -c1-16)
elf=$cache/vmlinux-$kver-$hash
if [ -s "$elf" ]; then
	echo "$elf"
	exit 0
fi

# bzImage header (Documentation/x86/boot.rst): setup_sects at 0x1f1; the
# compressed payload starts payload_offset (0x248) bytes after the setup code
# and is payload_length (0x24c) bytes long.
u8() { od -An -tu1 -j "$1" -N1 "$bz" | tr -d ' '; }
u32() { od -An -tu4 -j "$1" -N4 "$bz" | tr -d ' '; }
setup_sects=$(u8 $((0x1f1)))
[ "$setup_sects" -gt 0 ] || setup_sects=4
start=$(((setup_sects + 1) * 512 + $(u32 $((0x248)))))
len=$(u32 $((0x24c)))
case $(od -An -tx1 -j "$start" -N4 "$bz" | tr -d ' ') in
fd377a58) unpack=(xz -dc --single-stream) ;;
1f8b*) unpack=(gzip -dc) ;;
28b52ffd) unpack=(zstd -dcq) ;;
*) fallback "unknown compression in $bz" ;;
esac

mkdir -p "$cache"
tmp=$(mktemp "$cache/.vmlinux.XXXXXX")
trap 'rm -f "$tmp"' EXIT
# The payload ends with the uncompressed size (le32), which also tells a
# complete unpacking from a truncated one. gzip and zstd exit non-zero over
# that 4-byte trailer, so their status is not used.
size=$(u32 $((start + len - 4)))
dd if="$bz" bs=64K iflag=skip_bytes,count_bytes skip="$start" count="$len" status=none |
	"${unpack[@]}" >"$tmp" 2>/dev/null || true
if [ "$(stat -c %s "$tmp")" != "$size" ] || [ "$(head -c 4 "$tmp" | od -An -tx1 | tr -d ' ')" != 7f454c46 ]; then
	fallback "could not unpack an ELF vmlinux from $bz"
fi
chmod 0644 "$tmp"
mv -f "$tmp" "$elf"
# Drop unpacked kernels of other vmlinuz files, only stale ones (see
# mkinitramfs.sh).
find "$cache" -maxdepth 1 -name 'vmlinux-*' ! -name "${elf##*/}" -mtime +1 -delete 2>/dev/null || true
echo "$elf"
