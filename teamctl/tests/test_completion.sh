#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# teamctl.bash: what completes where. Same interface as the C test
# binaries: --list, or one case name (tests/run.sh runs each case).
# teamctl itself is a stub here that prints a canned `team show` (another
# one through --remote) and `pki list`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=teamctl/teamctl.bash
. "$here/../teamctl.bash"

compopt() { :; }
teamctl()
{
	case "$*" in
	"team show")
		printf 'team0: ifindex 5 mode static\n    counters: tx_packets 0\n    members:\n    name  ifindex\n    eth0  2\n    eth1  3\nteam1: ifindex 9 mode static lb address-hash members none\n' ;;
	"team show team0")
		printf 'team0: ifindex 5 mode static\n    counters: tx_packets 0\n    members:\n    name  ifindex\n    eth0  2\n    eth1  3\n' ;;
	"team show bond0")	# in mode lacp: LACP lines under each member
		printf 'bond0: ifindex 6 mode lacp\n    counters: tx_packets 0\n    members:\n    name  ifindex\n    eth2  4\n        lacp: current, collecting-distributing, aggregator 1, lacpdus rx 1 tx 1\n        actor   65535,02:00:00:00:00:01 key 1 port 255,1 [activity]\n        partner 65535,02:00:00:00:00:02 key 1 port 255,1 [activity]\n    eth3  5\n        lacp: defaulted, detached, aggregator 0, lacpdus rx 0 tx 1\n        why: no-partner\n' ;;
	"--remote host1:7640 --cert $HOME/a.crt team show" | "--remote unix:/x team show")
		printf 'rteam: ifindex 7 mode static lb address-hash members none\n' ;;
	"--remote unix:/x team show rteam")
		printf 'rteam: ifindex 7 mode static\n    counters: tx_packets 0\n    members:\n    name  ifindex\n    reth0  2\n' ;;
	"pki list" | "pki --dir /tmp/ca list")
		printf 'NAME       KIND    EXPIRES               STATUS\nhost1      host    2029-02-24T11:28:14Z  valid\nalice      client  2029-02-24T11:28:14Z  valid\neve        client  2029-02-24T11:28:15Z  revoked\n' ;;
	esac
}

# Files for the --cert, --key and --ca cases.
files=$(mktemp -d)
trap 'rm -rf "$files"' EXIT
touch "$files/alice.crt" "$files/alice.key" "$files/ca.crt"
mkdir "$files/pki"
export HOME=$files	# what "~" stands for

# complete "WORDS..." : COMPREPLY for the last word (may be "").
complete_words()
{
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_teamctl
	echo "${COMPREPLY[*]}"
}

fail=0
expect()
{
	local want=$1 got
	shift
	got=$(complete_words "$@")
	if [ "$got" != "$want" ]; then
		echo "complete '$*': expected '$want', got '$got'"
		fail=1
	fi
}

groups() { expect "team member stats monitor config pki help" teamctl ""; expect "team" teamctl -j te; }
options() { expect "--json" teamctl --j; expect "--help -j --json --prune --dry-run" teamctl config apply -; }
team_words() {
	expect "add del set show" teamctl team ""
	expect "team0 team1" teamctl team del ""
	expect "team0 team1" teamctl -j team show ""
	expect "mode lb hash flowlet-gap balance-interval balance-threshold probe-interval probe-missed probe-targets updelay downdelay min-links lacp-sys-prio lacp-system lacp-rate lacp-mode lacp-control lacp-mixed-speed lacp-fallback members standby" \
		teamctl team add t0 ""
	expect "static" teamctl team add t0 mode st
	expect "address-hash" teamctl team set team0 lb a
	expect "mode lb hash flowlet-gap balance-interval balance-threshold probe-interval probe-missed probe-targets updelay downdelay min-links lacp-sys-prio lacp-system lacp-rate lacp-mode lacp-control lacp-mixed-speed lacp-fallback" \
		teamctl team set team0 ""
	expect "probe-interval probe-missed probe-targets" teamctl team set team0 p
	expect "members" teamctl team add t0 hash ip mem
}
team_params() {
	expect "mac ip ports inner" teamctl team add t0 hash ""
	expect "mac,ip mac,inner" teamctl team set team0 hash mac,i
	expect "none" teamctl team set team0 probe-targets ""
	expect "" teamctl team set team0 flowlet-gap ""
	expect "" teamctl team add t0 updelay 1
	expect "balance-interval balance-threshold" teamctl team set team0 updelay 10 bal
}
lacp_params() {
	expect "lacp-sys-prio lacp-system lacp-rate lacp-mode lacp-control lacp-mixed-speed lacp-fallback" \
		teamctl team add t0 mode lacp lacp
	expect "lacp-mode lacp-mixed-speed" teamctl team set team0 lacp-m
	expect "slow fast" teamctl team add t0 lacp-rate ""
	expect "passive" teamctl team set team0 lacp-mode p
	expect "coupled independent" teamctl team set team0 lacp-control ""
	expect "on off" teamctl team set team0 lacp-mixed-speed ""
	expect "off" teamctl team add t0 lacp-fallback of
	expect "auto" teamctl team set team0 lacp-system ""
	expect "" teamctl team set team0 lacp-sys-prio ""
	expect "" teamctl team add t0 min-links ""
	expect "min-links" teamctl team set team0 mi
	expect "lacp-prio lacp-key" teamctl member set team0 eth0 lacp
	expect "" teamctl member add team0 eth0 lacp-key ""
	expect "" teamctl member set team0 eth0 lacp-prio 1
	# A team in mode lacp: the LACP lines are not members.
	expect "eth2 eth3" teamctl member set bond0 ""
}
member_words() {
	expect "add del set" teamctl member ""
	expect "team0 team1" teamctl member add ""
	expect "eth0 eth1" teamctl member del team0 ""
	expect "standby role admin weight lacp-prio lacp-key" teamctl member set team0 eth0 ""
	expect "standby role admin weight lacp-prio lacp-key" teamctl member add team0 eth0 ""
	expect "" teamctl member set team0 eth0 weight ""
	expect "on off" teamctl member set team0 eth0 standby ""
	expect "up down" teamctl member add team0 eth0 admin ""
	expect "active standby" teamctl member set team0 eth0 role ""
}
iface_lists() {
	expect "lo" teamctl member add team0 lo
	expect "a,lo" teamctl team add t0 members a,l
}
others() {
	expect "team0 team1" teamctl stats ""
	expect "apply export" teamctl config ""
	expect "team1" teamctl config export team1
	expect "" teamctl monitor ""
}

# bash splits "host:7640" and "--cert=x" at ':' and '=' (COMP_WORDBREAKS):
# the cases that pass such words pass them split, as bash does.
remote_options() {
	expect "--remote" teamctl --rem
	expect "--cert --ca" teamctl --c
	expect "--key" teamctl -j --k
	expect "--timeout" teamctl --ti
	expect "unix:/run/lbfo/teamctld.sock" teamctl --remote ""
	expect "unix:/run/lbfo/teamctld.sock" teamctl -r u
	expect "/run/lbfo/teamctld.sock" teamctl --remote unix : ""
	expect "/run/lbfo/teamctld.sock" teamctl --remote unix : /r
	expect "" teamctl --timeout ""
	expect "$files/alice.crt $files/alice.key" teamctl --cert "$files/al"
	expect "$files/alice.key" teamctl --remote host1 : 7640 --key "$files/alice.k"
	expect "$files/ca.crt" teamctl --ca "$files/c"
	expect "$files/ca.crt" teamctl --ca = "$files/c"
	expect "--remote=unix:/run/lbfo/teamctld.sock" teamctl --remote=
	expect "unix:/run/lbfo/teamctld.sock" teamctl --remote = ""
	expect "unix:/run/lbfo/teamctld.sock" teamctl --remote =
	expect "/run/lbfo/teamctld.sock" teamctl --remote unix :
}
remote_commands() {
	expect "team member stats monitor config pki help" \
		teamctl --remote host1 : 7640 --cert a.crt --key a.key --ca ca.crt ""
	expect "add del set show" teamctl -r unix:/x --timeout 2000 team ""
	expect "show" teamctl --remote = host1 : 7640 team sh
	expect "rteam" teamctl --remote unix:/x team del ""
	# A "~" the shell has not expanded yet (completion sees it so).
	# shellcheck disable=SC2088
	expect "rteam" teamctl --remote host1 : 7640 --cert "~/a.crt" stats ""
	expect "reth0" teamctl --remote unix:/x member set rteam ""
	expect "--help -j --json --prune --dry-run" teamctl -r unix:/x config apply -
}
pki_words() {
	expect "init host client revoke list" teamctl pki ""
	expect "host" teamctl -j pki h
	expect "--dir --help" teamctl pki -
	expect "$files/pki" teamctl pki --dir "$files/p"
	expect "$files/pki" teamctl pki --dir = "$files/p"
	expect "--dir=$files/pki" teamctl pki "--dir=$files/p"
	expect "revoke" teamctl pki --dir /tmp/ca re
	expect "--cn --days" teamctl pki init -
	expect "--ip --dns --days" teamctl pki host host2 -
	expect "--days --not-before --not-after" teamctl pki client bob --
	expect "" teamctl pki host host2 --ip ""
	expect "host1 alice" teamctl pki revoke ""
	expect "alice" teamctl pki --dir /tmp/ca revoke a
	expect "" teamctl pki revoke alice ""
	expect "" teamctl pki list ""
}

cases="groups options team_words team_params lacp_params member_words iface_lists others remote_options remote_commands pki_words"
if [ "${1:-}" = --list ]; then
	printf '%s\n' $cases
	exit 0
fi
for c in ${1:-$cases}; do
	"$c"
done
exit "$fail"
