# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# LACP over emulated NICs of different speeds (tests/vm/README.md: cable 0
# is an e1000 at 1000 Mb/s, cable 1 a virtio-net at 10000 Mb/s), against
# teamd's lacp runner on the partner ends: one aggregator of one speed by
# default, with the reason the other member stays out; both members with
# lacp-mixed-speed, loaded by speed.

LN_TEAMCTL="$LBFO_REPO/teamctl/teamctl"

ln_a()
{
	ip netns exec lbfo-a "$@"
}

# ln_member_json MEMBER: the member's object of `teamctl -j team show team0`.
ln_member_json()
{
	ln_a "$LN_TEAMCTL" -j team show team0 |
		jq -c --arg m "$1" '.[0].members[] | select(.name == $m)'
}

# ln_why MEMBER: "STATE WHY" of a member.
ln_why()
{
	ln_member_json "$1" | jq -r '"\(.state) \(.lacp.why)"'
}

# ln_wait_eq DESCRIPTION EXPECTED SECONDS CMD...: wait_eq with a longer
# deadline (LACP waits 2 s to aggregate; e1000 reports carrier late).
ln_wait_eq()
{
	local what=$1 want=$2 seconds=$3
	shift 3
	WAIT_EQ_SECONDS=$seconds wait_eq "$what" "$want" "$@"
}

test_lacp_mixed_speed()
{
	local t0 t1 p0 p1 b0 b1 start

	t0=$(nic_name t0)
	t1=$(nic_name t1)
	p0=$(nic_name p0)
	p1=$(nic_name p1)
	nic_link t0 on
	nic_link t1 on
	ns_add lbfo-a
	ns_add lbfo-b
	ip link set "$t0" netns lbfo-a
	ip link set "$t1" netns lbfo-a
	ip link set "$p0" netns lbfo-b
	ip link set "$p1" netns lbfo-b
	check "teamd (lacp runner, fast) on the partner ends" \
		ip netns exec lbfo-b teamd -d -t lbtp0 -c \
		"{\"runner\": {\"name\": \"lacp\", \"active\": true, \"fast_rate\": true},
		  \"link_watch\": {\"name\": \"ethtool\"},
		  \"ports\": {\"$p0\": {}, \"$p1\": {}}}"
	wait_for 10 ip -n lbfo-b link show lbtp0 || return 1
	ip -n lbfo-b link set lbtp0 up
	ip -n lbfo-b addr add 192.0.2.2/24 dev lbtp0

	start=$SECONDS
	check "team0 in mode lacp over e1000 and virtio-net" \
		ln_a "$LN_TEAMCTL" team add team0 mode lacp lb address-hash \
		members "$t0,$t1"
	ln_a ip link set team0 up
	ln_a ip addr add 192.0.2.1/24 dev team0
	note "members: $t0 ($(ln_member_json "$t0" | jq -r .speed_mbps) Mb/s), $t1 ($(ln_member_json "$t1" | jq -r .speed_mbps) Mb/s)"

	ln_wait_eq "the 10G member aggregates" "active none" 20 ln_why "$t1" || return 1
	echo "  aggregated in $((SECONDS - start)) s (1 of 2 members: one speed)"
	ln_wait_eq "the 1G member stays out, saying why" "standby speed" 10 ln_why "$t0"
	check_eq "team0 carrier" 1 "$(carrier_of lbfo-a team0)"
	check_eq "team lacp state" aggregated \
		"$(ln_a "$LN_TEAMCTL" -j team show team0 | jq -r '.[0].lacp_state')"
	check "the kernel log says why" sh -c \
		"dmesg | grep -q '$t0: LACP: speed 1000 Mb/s is not the aggregator.s'"
	check_eq "the 1G member says it is not in sync" '' \
		"$(ln_member_json "$t0" | jq -r '.lacp.actor.state | map(select(. == "sync")) | .[]')"
	check "traffic flows" wait_for 10 ln_a ping -c 1 -W 1 192.0.2.2

	check "lacp-mixed-speed on" ln_a "$LN_TEAMCTL" team set team0 lacp-mixed-speed on
	ln_wait_eq "the 1G member joins" "active none" 10 ln_why "$t0"
	check_eq "the 10G member stays" "active none" "$(ln_why "$t1")"
	check_eq "both in one aggregator" 1 \
		"$(ln_a "$LN_TEAMCTL" -j team show team0 | jq '[.[0].members[].lacp.aggregator] | unique | length')"
	b0=$(ln_member_json "$t0" | jq -r .buckets)
	b1=$(ln_member_json "$t1" | jq -r .buckets)
	echo "  buckets by speed: $t0 (1G) $b0, $t1 (10G) $b1 of 1024"
	# 1000:10000 of 1024 is 93:931.
	check "the 1G member carries about 1/11 of the buckets" \
		test "$b0" -ge 80 -a "$b0" -le 110
	check_eq "every bucket is carried" 1024 "$((b0 + b1))"
	check "traffic flows" ln_a ping -c 3 -i 0.2 -W 1 192.0.2.2
	check "the partner sees both ports in its aggregator" sh -c \
		"ip netns exec lbfo-b teamdctl lbtp0 state dump |
		 jq -e '[.ports[].runner.selected] | all'"
	ip netns pids lbfo-b | xargs -r kill
}
