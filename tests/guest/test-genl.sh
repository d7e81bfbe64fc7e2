# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The "lbfo" generic netlink family, spoken raw (tests/tools/lbfo-genl): the
# kernel's own validation, which teamctl's well-formed requests never reach.

GENL="$LBFO_REPO/tests/tools/lbfo-genl"

test_genl_strict_validation()
{
	ip link add team0 type lbfo
	ip link add lbtv0 type veth peer name lbtp0

	check "a well-formed request" "$GENL" LBFO_CMD_TEAM_GET LBFO_A_TEAM_NAME=str:team0
	check "a dump" "$GENL" --dump LBFO_CMD_TEAM_GET
	refused_unchanged "ifindex of the wrong size" "invalid attribute length" \
		team0 -- "$GENL" LBFO_CMD_TEAM_SET LBFO_A_TEAM_IFINDEX=u8:1 LBFO_A_TEAM_MODE=u8:1
	refused_unchanged "name without its NUL" "Attribute failed policy validation" team0 -- \
		"$GENL" LBFO_CMD_TEAM_DEL LBFO_A_TEAM_NAME=raw:7465616d30
	refused_unchanged "name too long" "Attribute failed policy validation" team0 -- \
		"$GENL" LBFO_CMD_TEAM_NEW LBFO_A_TEAM_NAME=str:a-name-far-too-long
	refused_unchanged "unknown attribute" "Unknown attribute type" team0 -- \
		"$GENL" LBFO_CMD_TEAM_DEL LBFO_A_TEAM_NAME=str:team0 99=u8:1
	refused_unchanged "mode out of range" "integer out of range" team0 -- \
		"$GENL" LBFO_CMD_TEAM_SET LBFO_A_TEAM_NAME=str:team0 LBFO_A_TEAM_MODE=u8:7
	refused_unchanged "read-only attribute" "The team carrier is read-only" \
		team0 -- "$GENL" LBFO_CMD_TEAM_SET LBFO_A_TEAM_NAME=str:team0 \
		LBFO_A_TEAM_CARRIER=u8:1
	refused_unchanged "read-only member attribute" "The member state is read-only" \
		team0 lbtv0 -- "$GENL" LBFO_CMD_MEMBER_ADD LBFO_A_TEAM_NAME=str:team0 \
		member.LBFO_MEMBER_A_NAME=str:lbtv0 member.LBFO_MEMBER_A_STATE=u8:0
	refused_unchanged "role out of range in the member nest" "integer out of range" \
		team0 lbtv0 -- "$GENL" LBFO_CMD_MEMBER_ADD LBFO_A_TEAM_NAME=str:team0 \
		member.LBFO_MEMBER_A_NAME=str:lbtv0 member.LBFO_MEMBER_A_ROLE=u8:5
	refused_unchanged "a multicast LACP system ID" \
		"The LACP system ID is a unicast MAC address" team0 -- \
		"$GENL" LBFO_CMD_TEAM_SET LBFO_A_TEAM_NAME=str:team0 \
		LBFO_A_LACP_SYSTEM=raw:0180c2000002
	refused_unchanged "an LACP system ID of 5 bytes" "binary attribute size out of range" \
		team0 -- "$GENL" LBFO_CMD_TEAM_SET LBFO_A_TEAM_NAME=str:team0 \
		LBFO_A_LACP_SYSTEM=raw:0200000000
	refused_unchanged "LACP system priority 0" "integer out of range" team0 -- \
		"$GENL" LBFO_CMD_TEAM_SET LBFO_A_TEAM_NAME=str:team0 \
		LBFO_A_LACP_SYS_PRIO=u16:0
	refused_unchanged "read-only LACP state" "The LACP state is read-only" \
		team0 -- "$GENL" LBFO_CMD_TEAM_SET LBFO_A_TEAM_NAME=str:team0 \
		LBFO_A_LACP_STATE=u8:2
	refused_unchanged "LACP key 0 in the member nest" "integer out of range" \
		team0 lbtv0 -- "$GENL" LBFO_CMD_MEMBER_ADD LBFO_A_TEAM_NAME=str:team0 \
		member.LBFO_MEMBER_A_NAME=str:lbtv0 member.LBFO_MEMBER_A_LACP_KEY=u16:0
	refused_unchanged "read-only member LACP state" "The LACP state is read-only" \
		team0 lbtv0 -- "$GENL" LBFO_CMD_MEMBER_ADD LBFO_A_TEAM_NAME=str:team0 \
		member.LBFO_MEMBER_A_NAME=str:lbtv0 member.LBFO_MEMBER_A_LACP=raw:
	refused_unchanged "a LACP event sent as a request" "Operation not supported" \
		team0 -- "$GENL" LBFO_CMD_LACP LBFO_A_TEAM_NAME=str:team0
	refused_unchanged "no team" "No team given" team0 -- \
		"$GENL" LBFO_CMD_TEAM_DEL
	refused_unchanged "no member" "No member device given" team0 -- \
		"$GENL" LBFO_CMD_MEMBER_ADD LBFO_A_TEAM_NAME=str:team0
	refused_unchanged "name and index disagree" "Interface name and index do not match" \
		team0 -- "$GENL" LBFO_CMD_TEAM_DEL LBFO_A_TEAM_NAME=str:team0 \
		LBFO_A_TEAM_IFINDEX=u32:1
	refused_unchanged "not a team" "Device is not an lbfo team" lbtv0 -- \
		"$GENL" LBFO_CMD_TEAM_DEL LBFO_A_TEAM_NAME=str:lbtv0
	# Refused by the generic netlink core, which gives no message.
	refused_unchanged "a command that only the kernel sends" "Operation not supported" team0 -- \
		"$GENL" LBFO_CMD_FAILOVER LBFO_A_TEAM_NAME=str:team0
	refused_unchanged "dump with a team that does not exist" "No such team" team0 -- \
		"$GENL" --dump LBFO_CMD_MEMBER_GET LBFO_A_TEAM_NAME=str:nosuch
	check "and the team still works" "$GENL" LBFO_CMD_MEMBER_ADD \
		LBFO_A_TEAM_NAME=str:team0 member.LBFO_MEMBER_A_NAME=str:lbtv0
	check_eq "member joined" "members=1 carriers=0" "$("$RTNL" team team0)"
	ip link del team0
	ip link del lbtv0
}

test_genl_permissions()
{
	local nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)

	ip link add team0 type lbfo
	check "reads need no privilege" "${nobody[@]}" "$GENL" --dump LBFO_CMD_TEAM_GET
	check "member dumps neither" "${nobody[@]}" "$GENL" --dump LBFO_CMD_MEMBER_GET
	refused_unchanged "writes need CAP_NET_ADMIN" "Operation not permitted" team0 -- \
		"${nobody[@]}" "$GENL" LBFO_CMD_TEAM_DEL LBFO_A_TEAM_NAME=str:team0
	# Another network namespace sees its own teams only.
	ns_add lbfo-a
	refused_unchanged "a team of another namespace is not found" "No such team" \
		team0 -- ip netns exec lbfo-a "$GENL" LBFO_CMD_TEAM_GET LBFO_A_TEAM_NAME=str:team0
	check "a team in the other namespace" \
		ip netns exec lbfo-a "$GENL" LBFO_CMD_TEAM_NEW LBFO_A_TEAM_NAME=str:team0
	check "exists there" ip netns exec lbfo-a test -e /sys/class/net/team0
	ip link del team0
}
