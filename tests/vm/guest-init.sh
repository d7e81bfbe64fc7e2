#!/bin/bash
# Stage 2 of the lbfo test guest: PID 1 after switch_root into the host's /.
# Stage 1 (tests/vm/initramfs-init) has already mounted everything and loaded
# the drivers; run.sh copied this file and "env" (repo, KVER, script,
# arguments) into the control share, mounted on /run/lbfo.
#
# PID 1 must never exit (the kernel would panic), so there is no `set -e`:
# every path ends in finish(), which leaves the status for run.sh in the
# control share, saves dmesg and powers the guest off.
set -u
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ctl=/run/lbfo
out=/mnt/out

# finish STATUS: hand STATUS to run.sh and power off.
finish() {
	dmesg >"$out/dmesg.txt" 2>&1
	echo "$1" >"$ctl/status" || echo "lbfo guest: cannot write the exit status" >&2
	sync
	# busybox (static) poweroff -f is a bare reboot(2): no init needed.
	# Should it fail, sysrq powers off asynchronously, and then the 9p
	# root is going away and no program can run any more, not even sleep:
	# wait on a FIFO with builtins only.
	mkfifo /run/lbfo-halt
	exec {halt}<>/run/lbfo-halt
	/bin/busybox poweroff -f
	echo o >/proc/sysrq-trigger
	while :; do read -r -u "$halt"; done
}

# shellcheck source=/dev/null
. "$ctl/env" || {
	echo "lbfo guest: cannot read $ctl/env" >&2
	finish 125
}

LBFO_OUT=$out
LBFO_KO=$LBFO_REPO/lbfo.ko
if [ "${LBFO_NO_LOAD:-0}" != 1 ] && [ -e "$LBFO_KO" ]; then
	if ! err=$(insmod "$LBFO_KO" 2>&1); then
		echo "lbfo guest: insmod $LBFO_KO failed: $err" >&2
		echo "lbfo guest: last kernel messages:" >&2
		dmesg | tail -n 15 >&2
		: >"$ctl/not-run"
		finish 123
	fi
fi

cat /proc/uptime >"$ctl/script-start"
cd "$LBFO_REPO" || {
	echo "lbfo guest: cannot cd to $LBFO_REPO" >&2
	finish 125
}
# A clean environment: what run.sh promises plus the caller's LBFO_*
# variables. tests/vm is on PATH for nic-name and nic-link. TERM=dumb: the
# console is a serial line captured to a file, no colours or cursor tricks.
env -i \
	PATH="$LBFO_REPO/tests/vm:$PATH" HOME=/root TERM=dumb LANG=C.UTF-8 \
	KVER="$KVER" LBFO_REPO="$LBFO_REPO" LBFO_OUT="$LBFO_OUT" LBFO_KO="$LBFO_KO" \
	"${LBFO_PASS[@]}" \
	/bin/bash "$LBFO_SCRIPT" "${LBFO_ARGS[@]}" </dev/null
finish $?
