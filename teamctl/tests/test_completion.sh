#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# teamctl.bash: what completes where. Same interface as the C test
# binaries: --list, or one case name (tests/run.sh runs each case).
# teamctl itself is a stub here that prints a canned `team show`.
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
	esac
}

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

groups() { expect "team member stats monitor config help" teamctl ""; expect "team" teamctl -j te; }
options() { expect "--json" teamctl --j; expect "--help -j --json --prune --dry-run" teamctl config apply -; }
team_words() {
	expect "add del set show" teamctl team ""
	expect "team0 team1" teamctl team del ""
	expect "team0 team1" teamctl -j team show ""
	expect "mode lb hash flowlet-gap balance-interval balance-threshold probe-interval probe-missed probe-targets updelay downdelay members standby" \
		teamctl team add t0 ""
	expect "static" teamctl team add t0 mode st
	expect "address-hash" teamctl team set team0 lb a
	expect "mode lb hash flowlet-gap balance-interval balance-threshold probe-interval probe-missed probe-targets updelay downdelay" \
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
member_words() {
	expect "add del set" teamctl member ""
	expect "team0 team1" teamctl member add ""
	expect "eth0 eth1" teamctl member del team0 ""
	expect "standby role admin weight" teamctl member set team0 eth0 ""
	expect "standby role admin weight" teamctl member add team0 eth0 ""
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

cases="groups options team_words team_params member_words iface_lists others"
if [ "${1:-}" = --list ]; then
	printf '%s\n' $cases
	exit 0
fi
for c in ${1:-$cases}; do
	"$c"
done
exit "$fail"
