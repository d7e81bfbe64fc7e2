#!/bin/sh
# Install what building and testing lbfo needs, from Debian's archive.
#
# Idempotent and quiet: a package that is already installed is not touched, and
# `apt-get update` runs only when something is missing. Needs root (or sudo).
set -eu

PKGS="
	linux-image-amd64 linux-headers-amd64 linux-source-6.1
	gcc make bc flex bison libelf-dev libssl-dev kmod cpio xz-utils
	sparse python3 pkg-config
	libnl-3-dev libnl-genl-3-dev libjansson-dev libcmocka-dev
	openssl clang libclang-rt-14-dev
	qemu-system-x86 busybox-static
	iproute2 ethtool iputils-ping procps libteam-utils gnuplot-nox tshark jq
"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
