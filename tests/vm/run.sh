#!/bin/bash
# Boot the lbfo test guest and run one script in it.
#
#   tests/vm/run.sh SCRIPT [ARGS...]
#
# The guest is the Debian kernel in QEMU (TCG: there is no KVM here) with the
# host's whole / as its read-only root over 9p, so every host tool is there
# and nothing needs installing into an image. SCRIPT runs as root under bash
# with cwd = the repo, after lbfo.ko is loaded; its output streams to stdout
# and its exit status becomes ours. See tests/vm/README.md for the knobs, the
# NIC table and the exit codes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
start=$SECONDS

die() {
	echo "run.sh: $*" >&2
	exit 2
}

[ $# -ge 1 ] || die "usage: $0 SCRIPT [ARGS...]"
script=$1
shift
[ -f "$script" ] || die "no such script: $script"
script=$(realpath "$script")

KVER=${KVER:-$("$repo/tests/kver.sh")}
kernel=/boot/vmlinuz-$KVER
[ -r "$kernel" ] || die "cannot read $kernel (install linux-image-$KVER)"
mem=${VM_MEM:-1024}
smp=${VM_SMP:-2}
timeout=${VM_TIMEOUT:-2400}
partner_model=${VM_PARTNER_NIC:-virtio-net-pci}
cache=${LBFO_CACHE:-$HOME/.cache/lbfo}/vm
out=${VM_OUT:-$repo/out/vm/last}
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 is missing (apt-get install qemu-system-x86)"

# Directories the guest covers with a tmpfs, over its read-only root: enough
# for ip netns (/run/netns), daemons' state and logs, python and $HOME.
# /run is mounted by stage 1; /mnt holds the output share.
tmpfs_dirs=(/run /tmp /var/tmp /var/lib /var/log /var/cache /root /mnt)

# The output folder is emptied on every run, so refuse to empty a folder that
# is not ours: a wrong VM_OUT must not cost anyone their files.
mkdir -p "$out"
out=$(cd "$out" && pwd -P)
# Two runs sharing an output folder would empty it under each other: the
# second waits. The lock is on the folder itself and is inherited by QEMU, so
# it holds until the guest is really gone.
exec {out_lock}<"$out"
if ! flock -n "$out_lock"; then
	echo "run.sh: another run is using $out; waiting for it (set VM_OUT to run both at once)" >&2
	flock "$out_lock"
fi
marker=.lbfo-vm-out
if [ -n "$(ls -A "$out")" ] && [ ! -e "$out/$marker" ]; then
	die "VM_OUT=$out is not empty and was not made by run.sh; not emptying it"
fi
find "$out" -mindepth 1 -delete
touch "$out/$marker"

initrd=$("$here/mkinitramfs.sh" "$KVER" "$cache")
boot_kernel=$("$here/mkvmlinux.sh" "$KVER" "$cache")
# qboot is a minimal firmware: it boots faster than SeaBIOS and prints
# nothing on the serial console.
firmware=()
if [ -r /usr/share/qemu/qboot.rom ]; then
	firmware=(-bios /usr/share/qemu/qboot.rom)
fi

# Per-run state outside the repo: the control share and the QMP socket. The
# socket path must stay under 108 bytes, hence /tmp rather than $TMPDIR.
state=$(mktemp -d /tmp/lbfo-vm.XXXXXX)
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	local qemu_pid
	qemu_pid=$(cat "$state/qemu.pid" 2>/dev/null || true)
	# QEMU deletes its pidfile when it exits; a stale one (QEMU killed -9)
	# must not make us kill whatever process reuses that pid.
	if [ -n "$qemu_pid" ] && [[ $(cat "/proc/$qemu_pid/comm" 2>/dev/null) == qemu-system* ]]; then
		kill "$qemu_pid" 2>/dev/null || true
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$qemu_pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -9 "$qemu_pid" 2>/dev/null || true
	fi
	rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

ctl=$state/ctl
mkdir -p "$ctl"
cp "$here/guest-init.sh" "$ctl/guest-init.sh"

# The guest sees the host's / but with tmpfs over tmpfs_dirs: a script kept
# in /tmp (outside the repo) would be hidden, so such a script is copied into
# the control share and run from there.
guest_script=$script
case $script in
"$repo"/*) ;;
*)
	for d in "${tmpfs_dirs[@]}"; do
		case $script in
		"$d"/*)
			mkdir -p "$ctl/script"
			cp "$script" "$ctl/script/${script##*/}"
			guest_script=/run/lbfo/script/${script##*/}
			;;
		esac
	done
	;;
esac

# Everything the guest needs to know, as bash assignments (printf %q keeps
# any argument intact). LBFO_* variables of the caller pass through.
{
	printf 'LBFO_REPO=%q\n' "$repo"
	printf 'KVER=%q\n' "$KVER"
	printf 'LBFO_SCRIPT=%q\n' "$guest_script"
	printf 'LBFO_NO_LOAD=%q\n' "${LBFO_NO_LOAD:-0}"
	echo 'LBFO_ARGS=()'
	for a in "$@"; do printf 'LBFO_ARGS+=(%q)\n' "$a"; done
	echo 'LBFO_PASS=()'
	while IFS= read -r v; do
		case $v in
		LBFO_REPO | LBFO_OUT | LBFO_KO | LBFO_CACHE | LBFO_NO_LOAD) ;;
		LBFO_*) printf 'LBFO_PASS+=(%q)\n' "$v=${!v}" ;;
		esac
	done < <(compgen -e)
} >"$ctl/env"
# Stage 1 is busybox sh: plain lines for it.
printf '%s\n' "$repo" >"$ctl/repo"
printf '%s\n' "${tmpfs_dirs[@]}" >"$ctl/tmpfs"

# QEMU option values are comma-separated: a comma in a path is written twice.
q() { printf '%s' "${1//,/,,}"; }

qemu=(
	qemu-system-x86_64
	-accel "tcg,thread=multi" -m "$mem" -smp "$smp"
	-nographic -no-reboot
	# No default NIC, VGA or monitor: nothing may reach the host's network.
	-nodefaults -serial stdio
	"${firmware[@]}" -kernel "$boot_kernel" -initrd "$initrd"
	# loglevel=3: only emergencies (oops, panic) reach the console; the
	# rest, warnings included, stays in dmesg.txt. log_buf_len: room for a
	# whole run's messages so that dmesg.txt starts at boot.
	-append "console=ttyS0 panic=-1 quiet loglevel=3 log_buf_len=8M ${VM_APPEND:-}"
	-pidfile "$state/qemu.pid"
	-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
	-virtfs "local,path=$(q "$ctl"),mount_tag=lbfoctl,security_model=none,multidevs=remap"
	-virtfs "local,path=$(q "$out"),mount_tag=lbfoout,security_model=none,multidevs=remap"
	# Link control from inside the guest (tests/vm/nic-link): a QMP monitor on
	# a listening unix socket, and a client socket chardev of the same QEMU
	# connected to it and exposed to the guest as the virtio-serial port
	# lbfo.qmp. QEMU talks to itself: no socat, no race with a helper process.
	-chardev "socket,id=qmp,path=$(q "$state/qmp.sock"),server=on,wait=off"
	-mon "chardev=qmp,mode=control"
	-chardev "socket,id=qmpguest,path=$(q "$state/qmp.sock"),reconnect=1"
	-device "virtio-serial-pci,id=vser"
	-device "virtserialport,bus=vser.0,chardev=qmpguest,name=lbfo.qmp"
)
# Four point-to-point cables: hub N joins the team-side NIC tN to the
# partner-side NIC pN. romfile= skips the PXE option ROMs (boot time).
# virtio-net reports the speed it is given: 10000 Mb/s beside e1000's 1000
# and 8139cp's 100, for the tests of speed-weighted load balancing.
team_models=(e1000 "virtio-net-pci,speed=10000,duplex=full" rtl8139 vmxnet3)
for n in 0 1 2 3; do
	qemu+=(
		-netdev "hubport,hubid=$n,id=t$n"
		-device "${team_models[$n]},netdev=t$n,mac=52:54:00:1b:00:0$n,romfile="
		-netdev "hubport,hubid=$n,id=p$n"
		-device "$partner_model,netdev=p$n,mac=52:54:00:1b:01:0$n,romfile="
	)
done
# shellcheck disable=SC2206 # VM_QEMU_ARGS is split on purpose
qemu+=(${VM_QEMU_ARGS:-})

# QEMU runs in the background so that the traps above fire at once on ^C
# (bash defers traps until a foreground pipeline ends). timeout(1) enforces
# VM_TIMEOUT and leaves 124 in qemu.rc. The console loses the \r the serial
# line adds and the kernel's last word (an emergency-level "Power down" that
# loglevel does not hide), and is also kept in console.log. QEMU's stdin is
# /dev/null so that it never puts the terminal in raw mode. Its warning that
# the hubs are "not connected to host network" is the point of the setup and
# is dropped.
{
	rc=0
	timeout --kill-after=10 "$timeout" "${qemu[@]}" </dev/null \
		2> >(grep -v --line-buffered 'is not connected to host network' >&2) || rc=$?
	echo "$rc" >"$state/qemu.rc"
} | sed -u -e 's/\r//g' -e '/^\[ *[0-9.]*\] reboot: Power down$/d' | tee "$out/console.log" &
wait $!

qemu_rc=$(cat "$state/qemu.rc" 2>/dev/null || echo 255)
# last_lines: the end of the console; after an oops or panic, from its first
# line on, which says what happened (the tail is only the stack).
last_lines() {
	local first
	first=$(grep -n -m1 -E 'BUG:|Oops|Kernel panic|general protection fault|Unable to handle' \
		"$out/console.log" | cut -d: -f1)
	if [ -n "$first" ]; then
		echo "run.sh: console from the first sign of the crash:" >&2
		tail -n "+$first" "$out/console.log" | head -n 60 | sed 's/^/  | /' >&2
	else
		echo "run.sh: last console lines:" >&2
		tail -n 25 "$out/console.log" | sed 's/^/  | /' >&2
	fi
}
if [ "$qemu_rc" = 124 ] || [ "$qemu_rc" = 137 ]; then
	echo "run.sh: TIMEOUT: the guest was still running after VM_TIMEOUT=${timeout}s; QEMU killed" >&2
	last_lines
	exit 124
fi
if [ ! -s "$ctl/status" ]; then
	echo "run.sh: the guest died without an exit status (panic, crash or power-off; QEMU exit $qemu_rc)" >&2
	last_lines
	exit 125
fi
status=$(cat "$ctl/status")
if [ -e "$ctl/not-run" ]; then
	echo "run.sh: $repo/lbfo.ko would not load (see above); $(basename "$script") did not run" >&2
	exit "$status"
fi
boot=$(cut -d' ' -f1 "$ctl/script-start" 2>/dev/null || echo '?')
echo "run.sh: $(basename "$script") exited $status (guest up ${boot}s before the script, $((SECONDS - start))s in all; output in $out)" >&2
exit "$status"
