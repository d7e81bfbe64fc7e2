# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# teamctl against the real module: teams, members, JSON, stats, monitor,
# config apply/export with rollback, and every kind of bad input. Build it
# on the host first: make -C teamctl.

TEAMCTL="$LBFO_REPO/teamctl/teamctl"

# Run teamctl in the team's namespace.
tc_a()
{
	ip netns exec lbfo-a "$TEAMCTL" "$@"
}

# tc_py EXPR: evaluate EXPR with d = the JSON document on stdin.
tc_py()
{
	python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"
}

# tc_expect_exit DESCRIPTION STATUS MESSAGE CMD...: CMD exits with STATUS
# and its error output contains MESSAGE and starts with "teamctl: ".
tc_expect_exit()
{
	local what=$1 want=$2 msg=$3 out rc
	shift 3
	out=$("$@" 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" != "$want" ]; then
		not_ok "$what: exit status $rc, expected $want: $* ($out)"
		return 1
	fi
	if [[ "$out" != *"$msg"* ]]; then
		not_ok "$what: message '$out' lacks '$msg'"
		return 1
	fi
	if [[ "$out" != "teamctl: "* ]]; then
		not_ok "$what: message '$out' does not start with 'teamctl: '"
		return 1
	fi
	note "refused as expected ($rc): ${out%%$'\n'*}"
}

# tc_member_field TEAM MEMBER FIELD: a member's field in team show -j.
tc_member_field()
{
	tc_a -j team show "$1" | tc_py "[m['$3'] for m in d[0]['members'] if m['name'] == '$2'][0]"
}

# tc_team_fields TEAM KEY...: the team's fields in team show -j, space
# separated (a list as "a,b", an empty one as "none", null as "None").
tc_team_fields()
{
	local team=$1
	shift
	tc_a -j team show "$team" | tc_py "' '.join((','.join(v) or 'none') if isinstance(v, list) else str(v) for v in (d[0][k] for k in '$*'.split()))"
}

# tc_uapi NAME: the value of a #define of the uapi header.
tc_uapi()
{
	sed -n "s/^#define $1[[:space:]]*\([0-9]*\).*/\1/p" \
		"$LBFO_REPO/include/uapi/linux/lbfo.h"
}

# lbfo-a with veth pairs vN (team side) / pN (peer, up), N = 0..$1-1.
tc_veths()
{
	local i
	ns_add lbfo-a
	for ((i = 0; i < $1; i++)); do
		A ip link add "v$i" type veth peer name "p$i"
		A ip link set "p$i" up
	done
}

test_teamctl_team()
{
	local j

	tc_veths 3
	check "team add with members and standby" \
		tc_a team add team0 members v0,v1 standby v2
	check "team0 exists" A test -e /sys/class/net/team0
	check_eq "kind" lbfo "$(A ip -d -j link show team0 | tc_py 'd[0]["linkinfo"]["info_kind"]')"
	A ip link set team0 up
	wait_eq "v0 active" active tc_member_field team0 v0 state
	wait_eq "v2 standby" standby tc_member_field team0 v2 state

	j=$(tc_a -j team show)
	check_eq "team show -j: one team" 1 "$(tc_py 'len(d)' <<<"$j")"
	check_eq "team fields (the kernel's defaults)" \
		"team0 switch-independent dynamic True 2" \
		"$(tc_py 'd[0]["name"], d[0]["mode"], d[0]["lb"], d[0]["carrier"], d[0]["carriers"]' <<<"$j" | tr -d "(),'")"
	check_eq "members in join order" "v0 v1 v2" \
		"$(tc_py '" ".join(m["name"] for m in d[0]["members"])' <<<"$j")"
	check_eq "roles" "active active standby" \
		"$(tc_py '" ".join(m["role"] for m in d[0]["members"])' <<<"$j")"
	check_eq "states" "active active standby" \
		"$(tc_py '" ".join(m["state"] for m in d[0]["members"])' <<<"$j")"
	check_eq "admin" "up up up" \
		"$(tc_py '" ".join(m["admin"] for m in d[0]["members"])' <<<"$j")"
	check_eq "driver" veth "$(tc_py 'd[0]["members"][0]["driver"]' <<<"$j")"
	check_eq "speed_mbps" 10000 "$(tc_py 'd[0]["members"][0]["speed_mbps"]' <<<"$j")"
	check_eq "member counters" "rx_bytes rx_packets tx_bytes tx_packets" \
		"$(tc_py '" ".join(sorted(d[0]["members"][0]["counters"]))' <<<"$j")"
	check_eq "team counters" "rx_bytes rx_dropped rx_packets tx_bytes tx_dropped tx_packets" \
		"$(tc_py '" ".join(sorted(d[0]["counters"]))' <<<"$j")"
	check_eq "ifindex matches" "$(A cat /sys/class/net/team0/ifindex)" \
		"$(tc_py 'd[0]["ifindex"]' <<<"$j")"
	check_eq "team show NAME is an array of one" \
		"$(tc_py 'len(d), d[0]["name"], len(d[0]["members"])' <<<"$j")" \
		"$(tc_a team show team0 -j | tc_py 'len(d), d[0]["name"], len(d[0]["members"])')"

	check "text output names the team and its members" sh -c \
		"ip netns exec lbfo-a '$TEAMCTL' team show | grep -q '^team0: .*mode switch-independent lb dynamic hash ports' &&
		 ip netns exec lbfo-a '$TEAMCTL' team show | grep -Eq '^ +v2 .*standby'"
	check "teamctl team (no word) shows" sh -c \
		"ip netns exec lbfo-a '$TEAMCTL' team | grep -q '^team0:'"

	check "team set to the same mode" \
		tc_a team set team0 mode switch-independent lb dynamic
	tc_expect_exit "team set without a change" 2 "needs a parameter to change" \
		tc_a team set team0
	check "team del" tc_a team del team0
	check "team0 gone" A test ! -e /sys/class/net/team0
	check "v0 released" A test ! -e /sys/class/net/v0/master
	check_eq "no teams" "[]" "$(tc_a -j team show)"
	check_eq "no teams: no text" "" "$(tc_a team show)"
}

test_teamctl_team_add_all_or_nothing()
{
	local before

	tc_veths 2
	before=$(dev_state v0 lbfo-a)
	tc_expect_exit "team add with loopback as a member" 1 \
		"adding lo to team0: lbfo: Loopback devices cannot be team members" \
		tc_a team add team0 members v0,lo
	check "team0 was deleted again" A test ! -e /sys/class/net/team0
	check_eq "v0 as before" "$before" "$(dev_state v0 lbfo-a)"
	tc_expect_exit "standby that does not exist" 1 "nosuch" \
		tc_a team add team0 members v0 standby nosuch
	check "team0 was deleted again" A test ! -e /sys/class/net/team0
	check_eq "v0 as before" "$before" "$(dev_state v0 lbfo-a)"
	tc_expect_exit "member in both lists" 2 "in both members and standby" \
		tc_a team add team0 members v0 standby v0
	A ip link add team1 type lbfo
	tc_expect_exit "a name that is taken" 1 "creating team1" \
		tc_a team add team1
	check "a team in mode lacp" tc_a team add team2 mode lacp
	check_eq "team2's mode" lacp \
		"$(tc_a -j team show team2 | tc_py 'd[0]["mode"]')"
	check "an empty team changes to mode lacp" tc_a team set team1 mode lacp
	check "and back" tc_a team set team1 mode switch-independent
	check "team1 has a member" tc_a member add team1 v1
	tc_expect_exit "no mode change while the team has members" 1 \
		"changing team1: lbfo: The mode of a team can change only while it has no members" \
		tc_a team set team1 mode static
	check_eq "team1's mode is unchanged" switch-independent \
		"$(tc_a -j team show team1 | tc_py 'd[0]["mode"]')"
}

test_teamctl_member()
{
	tc_veths 3
	check "team add" tc_a team add team0
	A ip link set team0 up
	check "member add" tc_a member add team0 v0
	check "member add standby" tc_a member add team0 v1 standby
	check "member add admin down" tc_a member add team0 v2 admin down
	wait_eq "v0 active" active tc_member_field team0 v0 state
	wait_eq "v1 standby" standby tc_member_field team0 v1 state
	check_eq "v1 role" standby "$(tc_member_field team0 v1 role)"
	wait_eq "v2 down while admin down" down tc_member_field team0 v2 state
	check_eq "v2 admin" down "$(tc_member_field team0 v2 admin)"

	check "v0 admin down" tc_a member set team0 v0 admin down
	wait_eq "v0 down" down tc_member_field team0 v0 state
	wait_eq "no active member left: standby v1 carries" active \
		tc_member_field team0 v1 state
	check "v0 admin up" tc_a member set team0 v0 admin up
	wait_eq "v0 active again" active tc_member_field team0 v0 state
	wait_eq "v1 steps back" standby tc_member_field team0 v1 state
	check "v1 standby off" tc_a member set team0 v1 standby off
	wait_eq "v1 active" active tc_member_field team0 v1 state
	check_eq "v1 role active" active "$(tc_member_field team0 v1 role)"
	check "v0 role standby" tc_a member set team0 v0 role standby
	wait_eq "v0 standby" standby tc_member_field team0 v0 state
	check_eq "carriers" 1 "$(tc_a -j team show team0 | tc_py 'd[0]["carriers"]')"

	check "member del" tc_a member del team0 v2
	check_eq "two members left" "v0 v1" \
		"$(tc_a -j team show team0 | tc_py '" ".join(m["name"] for m in d[0]["members"])')"
	check "v2 released" A test ! -e /sys/class/net/v2/master
	tc_expect_exit "member del of a device that is no member" 1 \
		"Device is not a member of this team" tc_a member del team0 v2
	tc_expect_exit "member set of a device that is no member" 1 \
		"Device is not a member of this team" tc_a member set team0 v2 admin up
	tc_expect_exit "member add twice" 1 "already a member" \
		tc_a member add team0 v0
	tc_expect_exit "member set without a change" 2 "needs standby on|off" \
		tc_a member set team0 v0
}

test_teamctl_stats()
{
	local j sum

	topo_veth 2
	A ping -q -c 20 -i 0.01 192.0.2.2 >/dev/null
	j=$(tc_a -j stats team0)
	check_eq "stats -j: one team" team0 "$(tc_py 'd[0]["name"]' <<<"$j")"
	check "team sent at least 20" test "$(tc_py 'd[0]["counters"]["tx_packets"]' <<<"$j")" -ge 20
	sum=$(tc_py 'sum(m["counters"]["tx_packets"] for m in d[0]["members"])' <<<"$j")
	check_eq "team tx is the sum of its members'" \
		"$(tc_py 'd[0]["counters"]["tx_packets"]' <<<"$j")" "$sum"
	check_eq "member counters as ethtool -S has them" \
		"$(member_stat lbfo-a team0 a0 rx_packets)" \
		"$(tc_a -j stats team0 | tc_py '[m["counters"]["rx_packets"] for m in d[0]["members"] if m["name"] == "a0"][0]')"
	check "stats of every team" sh -c \
		"ip netns exec lbfo-a '$TEAMCTL' -j stats | grep -q team0"
	check "text stats" sh -c \
		"ip netns exec lbfo-a '$TEAMCTL' stats team0 | grep -Eq '^ +a1 +[0-9]+'"
	tc_expect_exit "stats of no team" 1 "No such team" tc_a stats nosuch
}

test_teamctl_monitor()
{
	local out=/tmp/teamctl-mon.$$ err=/tmp/teamctl-mon-err.$$ pid rc

	topo_veth 2
	ip link add a2 netns lbfo-a type veth peer name b2 netns lbfo-b
	B ip link set b2 up
	ip netns exec lbfo-a timeout 60 "$TEAMCTL" -j monitor >"$out" 2>"$err" &
	pid=$!
	check "monitor subscribed" wait_for 5 grep -q monitoring "$err"

	check "member add" tc_a member add team0 a2
	# No pause: a0's link change is reported as its own even if a2's
	# link notification is still on its way.
	check "link down on a0's peer" B ip link set b0 down
	wait_eq "a0 down" down tc_member_field team0 a0 state
	check "role change" tc_a member set team0 a1 standby on
	wait_eq "a1 standby" standby tc_member_field team0 a1 state
	sleep 0.5
	kill -INT "$pid"
	wait "$pid"
	rc=$?
	check_eq "monitor ends with status 0 on SIGINT" 0 "$rc"
	sed 's/^/    /' "$out" "$err"

	check "every line is JSON" python3 -c '
import json, sys
for line in open(sys.argv[1]):
    json.loads(line)' "$out"
	check "member-add event" python3 -c '
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
assert any(e["event"] == "member-add" and e["team"] == "team0" and
           e["member"] == "a2" and e["role"] == "active" for e in ev)' "$out"
	check "member-state a0 down, reason link-down" python3 -c '
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
assert any(e["event"] == "member-state" and e["member"] == "a0" and
           e["state"] == "down" and e["old_state"] == "active" and
           e["reason"] == "link-down" for e in ev)' "$out"
	check "member-state a1 standby, reason role" python3 -c '
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
assert any(e["event"] == "member-state" and e["member"] == "a1" and
           e["state"] == "standby" and e["reason"] == "role" for e in ev)' "$out"
	check "failover events with carriers and reason" python3 -c '
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
fo = [e for e in ev if e["event"] == "failover"]
assert fo and all(isinstance(e["carriers"], int) and "reason" in e for e in fo)
assert any(e["reason"] == "link-down" for e in fo)' "$out"

	# Two link losses, then another change before their own link
	# notifications (linkwatch work) are handled: each is still reported
	# as a link-down of its own member.
	ip -n lbfo-a link add team5 type lbfo
	for d in d0 d1 d2; do
		ip -n lbfo-a link add "$d" type dummy
		ip -n lbfo-a link set "$d" master team5
	done
	ip -n lbfo-a link set team5 up
	wait_eq "team5 carriers" "members=3 carriers=3" A "$RTNL" team team5
	ip netns exec lbfo-a timeout 60 "$TEAMCTL" -j monitor >"$out" 2>"$err" &
	pid=$!
	check "monitor subscribed again" wait_for 5 grep -q monitoring "$err"
	A sh -c "ip link set d2 carrier off; ip link set d0 carrier off; '$TEAMCTL' member set team5 d1 admin down"
	wait_eq "team5 has no carrier left" "members=3 carriers=0" A "$RTNL" team team5
	sleep 0.5
	kill -INT "$pid"
	wait "$pid"
	sed 's/^/    /' "$out"
	check "each link loss reported as its own" python3 -c '
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
st = {e["member"]: e for e in ev if e["event"] == "member-state"}
for d in ("d0", "d2"):
    assert st[d]["reason"] == "link-down" and st[d]["trigger"] == d, st.get(d)
assert st["d1"]["reason"] == "admin-down" and st["d1"]["trigger"] == "d1"' "$out"
	ip -n lbfo-a link del team5

	ip netns exec lbfo-a timeout 60 "$TEAMCTL" monitor >"$out" 2>"$err" &
	pid=$!
	check "text monitor subscribed" wait_for 5 grep -q monitoring "$err"
	check "member del" tc_a member del team0 a2
	check "team add" tc_a team add team7
	check "team del" tc_a team del team7
	wait_for 5 grep -q team-del "$out"
	kill -TERM "$pid"
	wait "$pid"
	check_eq "text monitor ends with status 0 on SIGTERM" 0 "$?"
	sed 's/^/    /' "$out" "$err"
	check "text event line" grep -qx 'member-del: team team0 member a2' "$out"
	check "team-new event" grep -q '^team-new: team team7 mode switch-independent lb dynamic hash ports flowlet_gap_us ' "$out"
	check "team-del event" grep -q '^team-del: team team7' "$out"
	rm -f "$out" "$err"
}

test_teamctl_config()
{
	local cfg=/tmp/teamctl-cfg.$$ out before

	tc_veths 4
	tc_a team add team0 members v0 standby v1
	tc_a member set team0 v1 admin down
	tc_a team add extra
	tc_a -j config export >"$cfg.all"
	check_eq "export: both teams" "team0 extra" \
		"$(tc_py '" ".join(t["name"] for t in d["teams"])' <"$cfg.all")"
	check_eq "export: every field" \
		'{"name": "v1", "role": "standby", "admin": "down", "weight": 0}' \
		"$(tc_py 'json.dumps(d["teams"][0]["members"][1])' <"$cfg.all")"
	check_eq "export -> apply is a no-op" "nothing to change" \
		"$(tc_a config apply "$cfg.all")"
	check_eq "apply -j of no change" "[]" "$(tc_a -j config apply "$cfg.all")"

	tc_a config export team0 >"$cfg"
	check_eq "export of one team" 1 "$(tc_py 'len(d["teams"])' <"$cfg")"
	check_eq "applying one team leaves the others" "nothing to change" \
		"$(tc_a config apply "$cfg")"

	# A changed file: v1 active and up, v2 joins.
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
t = d["teams"][0]
t["members"][1] = {"name": "v1"}
t["members"].append({"name": "v2", "role": "standby"})
json.dump(d, open(sys.argv[1], "w"))' "$cfg"
	out=$(tc_a config apply "$cfg")
	check_eq "apply makes exactly the change" \
		"member set team0 v1 role active admin up
member add team0 v2 role standby admin up weight 0" "$out"
	check_eq "v1 active" active "$(tc_member_field team0 v1 role)"
	check_eq "v2 standby" standby "$(tc_member_field team0 v2 role)"
	check_eq "second apply: nothing" "nothing to change" "$(tc_a config apply "$cfg")"
	check_eq "apply from stdin" "nothing to change" "$(tc_a config apply - <"$cfg")"
	check_eq "apply -j of a change: the steps done" \
		'["member set team0 v2 role active"]' \
		"$(sed 's/"standby"/"active"/' "$cfg" | tc_a -j config apply -)"
	check_eq "and back" '["member set team0 v2 role standby"]' \
		"$(tc_a config apply -j "$cfg")"
	check "extra left alone without --prune" A test -e /sys/class/net/extra
	check_eq "--dry-run says what --prune would do" "team del extra" \
		"$(tc_a config apply "$cfg" --prune --dry-run)"
	check "extra still there after --dry-run" A test -e /sys/class/net/extra
	check_eq "--prune deletes unlisted teams" "team del extra" \
		"$(tc_a config apply --prune "$cfg")"
	check "extra gone" A test ! -e /sys/class/net/extra

	# A failing apply: v0 goes standby, v3 joins, then loopback is refused.
	before=$(tc_a config export)
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["teams"][0]["members"][0]["role"] = "standby"
d["teams"][0]["members"].append({"name": "v3"})
d["teams"][0]["members"].append({"name": "lo"})
d["teams"].append({"name": "team1", "members": [{"name": "lo"}]})
json.dump(d, open(sys.argv[1], "w"))' "$cfg"
	tc_expect_exit "apply with an impossible member" 2 "member 'lo' is listed twice" \
		tc_a config apply "$cfg"
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["teams"].pop()
json.dump(d, open(sys.argv[1], "w"))' "$cfg"
	tc_expect_exit "apply with loopback as a member" 1 \
		"step 3 of 3 failed (member add team0 lo role active admin up weight 0): adding lo to team0: lbfo: Loopback devices cannot be team members" \
		tc_a config apply "$cfg"
	check_eq "rolled back: the running state is as before" "$before" \
		"$(tc_a config export)"
	check "v3 released again" A test ! -e /sys/class/net/v3/master

	echo '{"teams": [{"name": "team0", "mode": "roundrobin"}]}' >"$cfg"
	tc_expect_exit "bad mode in a file" 2 "teams[0].mode: invalid mode 'roundrobin'" \
		tc_a config apply "$cfg"
	echo '{"teams": [' >"$cfg"
	tc_expect_exit "not JSON" 2 "$cfg:" tc_a config apply "$cfg"
	tc_expect_exit "no file" 1 "/nonexistent" tc_a config apply /nonexistent
	check_eq "nothing changed by refused files" "$before" "$(tc_a config export)"

	# A device in another team moves where the file puts it.
	tc_a team add other members v3
	tc_a config export team0 | python3 -c '
import json, sys
d = json.load(sys.stdin)
d["teams"][0]["members"].append({"name": "v3", "role": "standby"})
json.dump(d, open(sys.argv[1], "w"))' "$cfg"
	check_eq "a member moves between teams" \
		"member del other v3
member add team0 v3 role standby admin up weight 0" "$(tc_a config apply "$cfg")"
	check_eq "v3 in team0" team0 "$(A basename "$(A readlink /sys/class/net/v3/master)")"
	check_eq "other is left, empty" 0 \
		"$(tc_a -j team show other | tc_py 'len(d[0]["members"])')"
	check_eq "and that is idempotent too" "nothing to change" \
		"$(tc_a config apply "$cfg")"
	rm -f "$cfg" "$cfg.all"
}

# Every team parameter and the member weight: set, read back, refused.
test_teamctl_params()
{
	local all before w b0 b1
	all="mode lb hash flowlet_gap_us balance_interval_ms balance_threshold_pct"
	all+=" probe_interval_ms probe_missed probe_targets updelay_ms downdelay_ms"

	tc_veths 3
	check "team add" tc_a team add team1
	check_eq "a new team has the uapi's defaults" \
		"switch-independent dynamic ports $(tc_uapi LBFO_FLOWLET_GAP_DEFAULT) $(tc_uapi LBFO_BALANCE_INTERVAL_DEFAULT) $(tc_uapi LBFO_BALANCE_THRESHOLD_DEFAULT) 0 $(tc_uapi LBFO_PROBE_MISSED_DEFAULT) none 0 0 None" \
		"$(tc_team_fields team1 "$all" primary)"

	check "team add with every parameter" tc_a team add team0 mode static \
		lb address-hash hash mac,ip flowlet-gap 1000 balance-interval 200 \
		balance-threshold 50 probe-interval 0 probe-missed 5 \
		probe-targets 192.0.2.9,2001:db8::9 updelay 300 downdelay 400 \
		members v0,v1
	check_eq "all of them read back" \
		"static address-hash mac,ip 1000 200 50 0 5 192.0.2.9,2001:db8::9 300 400" \
		"$(tc_team_fields team0 "$all")"
	check "and in text" sh -c "ip netns exec lbfo-a '$TEAMCTL' team show team0 |
		grep -q '^team0: .* hash mac,ip flowlet_gap_us 1000 .* probe_targets 192.0.2.9,2001:db8::9 updelay_ms 300 downdelay_ms 400 primary '"
	A ip link set team0 up
	wait_eq "primary: the first member carrying traffic" v0 \
		tc_team_fields team0 primary

	for w in "hash ip,inner hash ip,inner" \
		"flowlet-gap 50 flowlet_gap_us 50" \
		"balance-interval 60000 balance_interval_ms 60000" \
		"balance-threshold 1000 balance_threshold_pct 1000" \
		"probe-targets 192.0.2.2 probe_targets 192.0.2.2" \
		"probe-missed 255 probe_missed 255" \
		"probe-interval 60000 probe_interval_ms 60000" \
		"probe-interval 0 probe_interval_ms 0" \
		"updelay 600000 updelay_ms 600000" \
		"downdelay 0 downdelay_ms 0" \
		"lb hyperv-port lb hyperv-port" \
		"lb address-hash lb address-hash"; do
		# shellcheck disable=SC2086 # four words on purpose
		set -- $w
		check "team set $1 $2" tc_a team set team0 "$1" "$2"
		check_eq "$3 read back" "$4" "$(tc_team_fields team0 "$3")"
	done
	check "several at once" tc_a team set team0 updelay 0 hash ports \
		probe-targets none
	check_eq "several read back" "0 ports none" \
		"$(tc_team_fields team0 updelay_ms hash probe_targets)"

	check_eq "weight 0 (link speed) by default" 0 "$(tc_member_field team0 v1 weight)"
	check "member set weight" tc_a member set team0 v0 weight 300
	check_eq "weight read back" 300 "$(tc_member_field team0 v0 weight)"
	check "member add with a weight" tc_a member add team0 v2 standby weight 123
	check_eq "its weight read back" 123 "$(tc_member_field team0 v2 weight)"
	wait_eq "every bucket is carried" "$(tc_uapi LBFO_BUCKETS)" sh -c \
		"ip netns exec lbfo-a '$TEAMCTL' -j team show team0 |
		 python3 -c 'import json, sys; print(sum(m[\"buckets\"] for m in json.load(sys.stdin)[0][\"members\"]))'"
	check_eq "a standby carries no bucket" 0 "$(tc_member_field team0 v2 buckets)"
	b0=$(tc_member_field team0 v0 buckets)
	b1=$(tc_member_field team0 v1 buckets)
	check "weight 300 carries fewer buckets than 10000 Mb/s ($b0 < $b1)" \
		test "$b0" -lt "$b1"

	before=$(tc_a config export team0)
	tc_expect_exit "flowlet-gap out of range" 2 \
		"invalid flowlet-gap '49': expected 50 to 1000000 (microseconds)" \
		tc_a team set team0 flowlet-gap 49
	tc_expect_exit "hash with no fields" 2 \
		"hash needs at least one field: mac, ip, ports or inner" \
		tc_a team set team0 hash ""
	tc_expect_exit "an unknown hash field" 2 \
		"invalid hash field 'l4': expected mac, ip, ports or inner" \
		tc_a team set team0 hash ip,l4
	tc_expect_exit "a probe target that is no address" 2 \
		"invalid probe target '192.0.2.300': not an IPv4 or IPv6 address" \
		tc_a team set team0 probe-targets 192.0.2.1,192.0.2.300
	tc_expect_exit "a multicast probe target" 2 \
		"invalid probe target 'ff02::1': not a unicast address" \
		tc_a team set team0 probe-targets ff02::1
	tc_expect_exit "a probe interval below the minimum" 2 \
		"invalid probe-interval '5': expected 0 (off) or 10 to 60000 (milliseconds)" \
		tc_a team set team0 probe-interval 5
	tc_expect_exit "a good value and a bad one: neither is set" 2 \
		"invalid downdelay '600001'" tc_a team set team0 updelay 5 downdelay 600001
	tc_expect_exit "a word given twice" 2 "'updelay' is given twice" \
		tc_a team set team0 updelay 1 updelay 2
	tc_expect_exit "a weight out of range" 2 \
		"invalid weight '1000001': expected 0 to 1000000" \
		tc_a member set team0 v0 weight 1000001
	tc_expect_exit "probing without targets: the kernel says so" 1 \
		"changing team0: lbfo: Probing needs at least one target" \
		tc_a team set team0 probe-interval 100 updelay 9
	tc_expect_exit "no mode change while the team has members" 1 \
		"only while it has no members" \
		tc_a team set team0 mode switch-independent
	check_eq "nothing changed by what was refused" "$before" \
		"$(tc_a config export team0)"
	tc_expect_exit "team add with a bad value" 2 "invalid balance-threshold '0'" \
		tc_a team add team2 balance-threshold 0
	check "team2 not created" A test ! -e /sys/class/net/team2
}

# config export/apply with the team parameters and member weights.
test_teamctl_params_config()
{
	local cfg=/tmp/teamctl-pcfg.$$ before

	tc_veths 2
	tc_a team add team0 members v0,v1
	tc_a config export >"$cfg"
	check_eq "export: every parameter, nothing read-only" \
		"balance_interval_ms balance_threshold_pct downdelay_ms flowlet_gap_us hash lb members mode name probe_interval_ms probe_missed probe_targets updelay_ms" \
		"$(tc_py '" ".join(sorted(d["teams"][0]))' <"$cfg")"
	check_eq "export: a member's weight, not its buckets" "admin name role weight" \
		"$(tc_py '" ".join(sorted(d["teams"][0]["members"][0]))' <"$cfg")"
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
t = d["teams"][0]
t.update(mode="static", hash=["mac", "ip"], flowlet_gap_us=2000,
         probe_interval_ms=1000, probe_targets=["192.0.2.5"], downdelay_ms=20)
t["members"][1]["weight"] = 42
json.dump(d, open(sys.argv[1], "w"))' "$cfg"
	check_eq "a mode change: the members leave and join again" \
		"member del team0 v0
member del team0 v1
team set team0 mode static hash mac,ip flowlet-gap 2000 probe-interval 1000 probe-targets 192.0.2.5 downdelay 20
member add team0 v0 role active admin up weight 0
member add team0 v1 role active admin up weight 42" "$(tc_a config apply "$cfg")"
	check_eq "parameters read back" "static mac,ip 2000 1000 192.0.2.5 20" \
		"$(tc_team_fields team0 mode hash flowlet_gap_us probe_interval_ms probe_targets downdelay_ms)"
	check_eq "weight read back" 42 "$(tc_member_field team0 v1 weight)"
	check_eq "second apply: nothing" "nothing to change" "$(tc_a config apply "$cfg")"
	check_eq "export -> apply: nothing" "nothing to change" \
		"$(tc_a config export | tc_a config apply -)"
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["teams"][0].update(probe_interval_ms=0, probe_targets=[])
json.dump(d, open(sys.argv[1], "w"))' "$cfg"
	check_eq "probing off, no targets: one step" \
		"team set team0 probe-interval 0 probe-targets none" \
		"$(tc_a config apply "$cfg")"
	check_eq "and they are gone" "0 none" \
		"$(tc_team_fields team0 probe_interval_ms probe_targets)"
	check_eq "and that is idempotent" "nothing to change" \
		"$(tc_a config apply "$cfg")"

	before=$(tc_a config export)
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["teams"][0].update(updelay_ms=7, probe_targets=["192.0.2.6", "2001:db8::6"])
d["teams"][0]["members"][0]["weight"] = 5
d["teams"][0]["members"].append({"name": "lo"})
json.dump(d, open(sys.argv[1], "w"))' "$cfg"
	tc_expect_exit "a refused step" 1 \
		"step 3 of 3 failed (member add team0 lo role active admin up weight 0)" \
		tc_a config apply "$cfg"
	check_eq "rolled back: parameters and weights as before" "$before" \
		"$(tc_a config export)"

	echo '{"teams": [{"name": "team0", "flowlet_gap_us": 10}]}' >"$cfg"
	tc_expect_exit "a bad value in a file" 2 \
		"teams[0].flowlet_gap_us: invalid value 10: expected 50 to 1000000 (microseconds)" \
		tc_a config apply "$cfg"
	echo '{"teams": [{"name": "team0", "hash": []}]}' >"$cfg"
	tc_expect_exit "no hash field in a file" 2 "teams[0].hash: needs at least one field" \
		tc_a config apply "$cfg"
	echo '{"teams": [{"name": "team0", "probe_targets": ["192.0.2.300"]}]}' >"$cfg"
	tc_expect_exit "a bad probe target in a file" 2 \
		"teams[0].probe_targets[0]: '192.0.2.300' is not an IPv4 or IPv6 address" \
		tc_a config apply "$cfg"
	echo '{"teams": [{"name": "team0", "probe_interval_ms": 100}]}' >"$cfg"
	tc_expect_exit "probing without targets in a file" 2 \
		"teams[0].probe_interval_ms: probing needs probe_targets" \
		tc_a config apply "$cfg"
	echo '{"teams": [{"name": "team0", "primary": "v0"}]}' >"$cfg"
	tc_expect_exit "read-only values are not configuration" 2 \
		"teams[0]: unknown key 'primary'" tc_a config apply "$cfg"
	check_eq "nothing changed by refused files" "$before" "$(tc_a config export)"
	rm -f "$cfg"
}

test_teamctl_bad_input()
{
	local w

	ip link add team0 type lbfo
	ip link add lbtv0 type veth peer name lbtv1
	tc_expect_exit "unknown team (del)" 1 "deleting nosuch: lbfo: No such team" \
		"$TEAMCTL" team del nosuch
	tc_expect_exit "unknown team (show)" 1 "No such team" \
		"$TEAMCTL" team show nosuch
	tc_expect_exit "not a team" 1 "Device is not an lbfo team" \
		"$TEAMCTL" team del lbtv0
	tc_expect_exit "unknown team (member add)" 1 "No such team" \
		"$TEAMCTL" member add nosuch lbtv0
	tc_expect_exit "unknown member device" 1 "adding nosuch to team0: lbfo: No such device" \
		"$TEAMCTL" member add team0 nosuch
	tc_expect_exit "unknown member (del)" 1 "Device is not a member of this team" \
		"$TEAMCTL" member del team0 lbtv0
	tc_expect_exit "wrong word" 2 "unexpected word 'colour'" \
		"$TEAMCTL" team add team1 colour blue
	tc_expect_exit "bad mode name" 2 \
		"invalid mode 'roundrobin': expected switch-independent, static or lacp" \
		"$TEAMCTL" team add team1 mode roundrobin
	tc_expect_exit "bad lb name" 2 "invalid lb 'hash'" \
		"$TEAMCTL" team set team0 lb hash
	tc_expect_exit "bad standby value" 2 "invalid standby 'maybe': expected on or off" \
		"$TEAMCTL" member set team0 lbtv0 standby maybe
	tc_expect_exit "bad admin value" 2 "invalid admin 'sideways'" \
		"$TEAMCTL" member set team0 lbtv0 admin sideways
	tc_expect_exit "missing value" 2 "'mode' needs a value" \
		"$TEAMCTL" team add team1 mode
	tc_expect_exit "missing name" 2 "needs a team NAME" "$TEAMCTL" team add
	tc_expect_exit "interface name too long" 2 "too long" \
		"$TEAMCTL" team add averyveryverylongname
	tc_expect_exit "unknown command" 2 "unknown command 'frobnicate'" \
		"$TEAMCTL" frobnicate
	tc_expect_exit "unknown subcommand" 2 "unknown command 'team frob'" \
		"$TEAMCTL" team frob
	tc_expect_exit "unknown option" 2 "unknown option '--colour'" \
		"$TEAMCTL" --colour team show
	tc_expect_exit "extra words" 2 "unexpected word 'x'" \
		"$TEAMCTL" team del team0 x
	check "team0 survived all that" test -e /sys/class/net/team0

	tc_expect_exit "not root: team del" 1 "Operation not permitted" \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$TEAMCTL" team del team0
	tc_expect_exit "not root: member add" 1 "needs CAP_NET_ADMIN" \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$TEAMCTL" member add team0 lbtv0
	check "not root: team show works" \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$TEAMCTL" team show team0
	check "not root: export works" \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$TEAMCTL" config export
	check "team0 is still there" test -e /sys/class/net/team0

	for w in "team add" "team del" "team set" "team show" "member add" \
		"member del" "member set" stats monitor "config apply" "config export"; do
		# shellcheck disable=SC2086 # two words on purpose
		check "help: $w --help" sh -c "'$TEAMCTL' $w --help | grep -q '^  teamctl $w'"
	done
	check "teamctl --help" "$TEAMCTL" --help
	check "teamctl -V" "$TEAMCTL" -V
	ip link del lbtv0
}

# A full team does not fit one netlink message: member dumps take several.
test_teamctl_full_team()
{
	local i list="" max cfg=/tmp/teamctl-full.$$

	max=$(sed -n 's/^#define LBFO_MAX_MEMBERS[[:space:]]*\([0-9]*\).*/\1/p' \
		"$LBFO_REPO/include/uapi/linux/lbfo.h")
	for ((i = 0; i <= max; i++)); do
		ip link add "lbtd$i" type dummy
		[ "$i" -lt "$max" ] && list+="${list:+,}lbtd$i"
	done
	check "team add with $max members" "$TEAMCTL" team add team0 members "$list"
	check_eq "team show lists all $max, in join order" "$list" \
		"$("$TEAMCTL" -j team show team0 | tc_py '",".join(m["name"] for m in d[0]["members"])')"
	check_eq "every team: the same" "$max" \
		"$("$TEAMCTL" -j team show | tc_py 'len([t for t in d if t["name"] == "team0"][0]["members"])')"
	check_eq "stats has them all" "$max" \
		"$("$TEAMCTL" -j stats team0 | tc_py 'len(d[0]["members"])')"
	"$TEAMCTL" config export >"$cfg"
	check_eq "export -> apply of a full team" "nothing to change" \
		"$("$TEAMCTL" config apply "$cfg")"
	tc_expect_exit "one member too many (kernel)" 1 \
		"Team already has the maximum number of members ($max)" \
		"$TEAMCTL" member add team0 "lbtd$max"
	tc_expect_exit "one member too many (teamctl)" 2 "at most $max" \
		"$TEAMCTL" team add team1 members "$list,lbtd$max"
	check "team del" "$TEAMCTL" team del team0
	for ((i = 0; i <= max; i++)); do
		ip link del "lbtd$i"
	done
	rm -f "$cfg"
}
