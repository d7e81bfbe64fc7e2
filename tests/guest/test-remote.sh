# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# teamctld and teamctl --remote against the real module: mutual TLS from
# another namespace with roles and an audit log, TLS refusals, malformed
# frames and limits on the unix socket, remote monitor, the desired state
# under kill -9, and its restore when lbfo.ko comes back or the daemon
# starts. Build on the host first: make -C teamctl && make -C remote.
#
# Every test keeps its files in a mktemp -d under /tmp and stops the
# daemons it started (an EXIT trap kills whatever is left); its devices are
# lbt* (removed by cleanup) and its client namespace is lbfo-cli.

RT_TEAMCTL="$LBFO_REPO/teamctl/teamctl"
RT_TEAMCTLD="$LBFO_REPO/remote/teamctld"
RT_PKI="$LBFO_REPO/remote/teamctl-pki"
RT_RAW="$LBFO_REPO/tests/tools/lbfo-rawclient"
RT_ADDR=192.0.2.1:7640

# A temporary directory (RT_DIR) and its files; an EXIT trap that stops
# every background job of the test (daemons, monitors), loads lbfo.ko again
# if a test left it unloaded, and removes the directory.
rt_begin()
{
	RT_DIR=$(mktemp -d /tmp/lbfo-remote.XXXXXX)
	RT_CONF=$RT_DIR/teamctld.json
	RT_SOCK=$RT_DIR/run/teamctld.sock
	RT_STATE=$RT_DIR/state/teamctld.json
	RT_AUDIT=$RT_DIR/log/audit.log
	RT_LOG=$RT_DIR/teamctld.log
	RT_DPID=
	: >"$RT_LOG"
	trap rt_end EXIT
}

rt_end()
{
	local p rc=$?
	p=$(jobs -p)
	if [ -n "$p" ]; then
		# shellcheck disable=SC2086
		kill -9 $p 2>/dev/null
		# shellcheck disable=SC2086
		wait $p 2>/dev/null
	fi
	if [ "$rc" != 0 ] && [ -s "$RT_LOG" ]; then
		echo "  teamctld's log:"
		sed 's/^/    /' "$RT_LOG"
	fi
	rm -rf "$RT_DIR"
	if [ ! -d /sys/module/lbfo ]; then
		echo "  not ok: lbfo.ko was left unloaded; loading it again"
		insmod "${LBFO_KO:-$LBFO_REPO/lbfo.ko}"
		exit 1
	fi
}

# rt_py EXPR: evaluate EXPR with d = the JSON document on stdin.
rt_py()
{
	python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"
}

# rt_conf [JSON...]: write RT_CONF: the socket, state and audit in RT_DIR,
# then the keys of each JSON object given.
rt_conf()
{
	python3 - "$RT_CONF" "$RT_SOCK" "$RT_STATE" "$RT_AUDIT" "$@" <<'EOF'
import json, sys
conf, sock, state, audit = sys.argv[1:5]
c = {"socket": sock, "state": state, "audit": audit}
for extra in sys.argv[5:]:
    c.update(json.loads(extra))
json.dump(c, open(conf, "w"), indent=1)
EOF
}

# The TLS part of a configuration, for the PKI in RT_DIR/pki.
rt_tls_keys()
{
	local p=$RT_DIR/pki
	printf '{"listen": "%s", "cert": "%s", "key": "%s", "ca": "%s", "crl": "%s"}' \
		"$RT_ADDR" "$p/certs/teamctld.crt" "$p/private/teamctld.key" \
		"$p/ca.crt" "$p/crl.pem"
}

# rt_pki DIR CLIENT...: a CA in DIR, the daemon's certificate for
# 192.0.2.1 and a client certificate for each CLIENT.
rt_pki()
{
	local dir=$1 c
	shift
	"$RT_PKI" --dir "$dir" init >/dev/null &&
		"$RT_PKI" --dir "$dir" host teamctld --ip 192.0.2.1 >/dev/null ||
		return 1
	for c in "$@"; do
		"$RT_PKI" --dir "$dir" client "$c" >/dev/null || return 1
	done
}

# Is teamctld listening on its unix socket and (with TLS) on RT_ADDR? Seen
# with ss, without connecting: a connection would be logged and audited.
rt_listening()
{
	ss -Hlx | grep -qF " $RT_SOCK " || return 1
	grep -q '"listen"' "$RT_CONF" || return 0
	ss -Hltn | grep -qF " $RT_ADDR "
}

# Start teamctld on RT_CONF in the root namespace (RT_DPID), its stderr
# appended to RT_LOG; wait until it listens (it restores the desired state
# first, then listens).
rt_start()
{
	"$RT_TEAMCTLD" -c "$RT_CONF" 2>>"$RT_LOG" &
	RT_DPID=$!
	if ! wait_for 20 rt_listening; then
		not_ok "teamctld did not start: $(tail -n 3 "$RT_LOG")"
		return 1
	fi
}

# Stop the daemon with SIGTERM; its exit status.
rt_stop()
{
	local rc
	kill -TERM "$RT_DPID"
	wait "$RT_DPID"
	rc=$?
	RT_DPID=
	return "$rc"
}

# teamctl in the root namespace, without the daemon.
rt_local()
{
	"$RT_TEAMCTL" "$@"
}

# rt_unix ARGS...: teamctl through the daemon's unix socket (as root).
# With RT_EXEC=1 (in a background job) teamctl replaces the job's shell, so
# that the job's pid is teamctl's (for kill -INT).
rt_unix()
{
	if [ "${RT_EXEC:-}" = 1 ]; then
		exec "$RT_TEAMCTL" --remote "unix:$RT_SOCK" "$@"
	fi
	"$RT_TEAMCTL" --remote "unix:$RT_SOCK" "$@"
}

# rt_as NAME ARGS...: teamctl --remote from lbfo-cli over TLS with NAME's
# certificate (of the PKI in RT_DIR/pki, or PKI=DIR). RT_EXEC as rt_unix.
rt_as()
{
	local who=$1 pki=${PKI:-$RT_DIR/pki} ex=()
	shift
	[ "${RT_EXEC:-}" = 1 ] && ex=(exec)
	"${ex[@]}" ip netns exec lbfo-cli "$RT_TEAMCTL" --remote "$RT_ADDR" \
		--cert "$pki/certs/$who.crt" --key "$pki/private/$who.key" \
		--ca "$RT_DIR/pki/ca.crt" "$@"
}

# rt_expect DESCRIPTION STATUS MESSAGE CMD...: CMD exits with STATUS and
# its error output contains MESSAGE.
rt_expect()
{
	local what=$1 want=$2 msg=$3 out rc
	shift 3
	out=$("$@" 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" != "$want" ]; then
		not_ok "$what: exit status $rc, expected $want ($out)"
		return 1
	fi
	if [[ "$out" != *"$msg"* ]]; then
		not_ok "$what: message '$out' lacks '$msg'"
		return 1
	fi
	note "refused as expected ($rc): ${out%%$'\n'*}"
}

rt_not()
{
	! "$@"
}

# rt_member TEAM MEMBER FIELD: a member's field, as the local teamctl sees it.
rt_member()
{
	rt_local -j team show "$1" |
		rt_py "[m['$3'] for m in d[0]['members'] if m['name'] == '$2'][0]"
}

# Dummy devices lbtd0 .. lbtd(N-1) in the root namespace, without IPv6 (so
# that nothing they send changes the counters being compared).
rt_dummies()
{
	local i
	for ((i = 0; i < $1; i++)); do
		ip link add "lbtd$i" type dummy
		sysctl -qw "net.ipv6.conf.lbtd$i.disable_ipv6=1"
	done
}

# Namespace lbfo-cli, joined to the root namespace by a veth pair:
# 192.0.2.1/24 (lbtcli, root side) and 192.0.2.2/24 (lbtcli in lbfo-cli).
rt_net()
{
	ns_add lbfo-cli
	ip link add lbtcli type veth peer name lbtcli netns lbfo-cli
	sysctl -qw net.ipv6.conf.lbtcli.disable_ipv6=1
	ip addr add 192.0.2.1/24 dev lbtcli
	ip link set lbtcli up
	ip -n lbfo-cli addr add 192.0.2.2/24 dev lbtcli
	ip -n lbfo-cli link set lbtcli up
	wait_for 10 ip netns exec lbfo-cli ping -c 1 -W 1 192.0.2.1
}

# The audit log as "WHO ROLE OP RESULT" lines, checking that every line is a
# JSON object with the documented keys and a TLS peer in lbfo-cli.
rt_audit_summary()
{
	python3 - "$RT_AUDIT" <<'EOF'
import json, re, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    keys = {"time", "who", "peer", "role", "op", "args", "result"}
    assert keys <= set(e), "missing keys: %s" % (keys - set(e))
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", e["time"]), e["time"]
    if e["who"].startswith("cert:"):
        assert e["peer"].startswith("tls:192.0.2.2:"), e["peer"]
    print(e["who"], e["role"], e["op"], e["result"])
EOF
}

test_remote_tls_netns()
{
	local want j before

	rt_begin
	check "PKI: CA, host 192.0.2.1, alice, olive, rita" \
		rt_pki "$RT_DIR/pki" alice olive rita || return
	rt_conf "$(rt_tls_keys)" \
		'{"clients": {"alice": "admin", "olive": "operator", "rita": "reader"}}'
	check "teamctld --check accepts the configuration" \
		"$RT_TEAMCTLD" -c "$RT_CONF" --check
	check "lbfo-cli reaches 192.0.2.1" rt_net
	rt_dummies 4
	rt_start || return

	check "alice (admin) adds a team from lbfo-cli" \
		rt_as alice team add tr0 members lbtd0,lbtd1 standby lbtd2
	check "tr0 exists in the root namespace" test -e /sys/class/net/tr0
	check_eq "members and roles, as the local teamctl sees them" \
		"lbtd0:active:up lbtd1:active:up lbtd2:standby:up" \
		"$(rt_local -j team show tr0 | rt_py '" ".join("%s:%s:%s" % (m["name"], m["role"], m["admin"]) for m in d[0]["members"])')"
	j=$(rt_local -j team show tr0)
	check "team show -j has the team" test -n "$j"
	check_eq "team show -j tr0: remote (rita) = local" "$j" \
		"$(rt_as rita -j team show tr0)"
	check_eq "team show -j (every team): remote = local" \
		"$(rt_local -j team show)" "$(rt_as rita -j team show)"
	check_eq "team show tr0 (text): remote = local" \
		"$(rt_local team show tr0)" "$(rt_as rita team show tr0)"
	check_eq "stats -j tr0: remote = local" \
		"$(rt_local -j stats tr0)" "$(rt_as rita -j stats tr0)"
	check_eq "config export: remote = local" \
		"$(rt_local config export)" "$(rt_as rita config export)"
	rt_expect "remote team show of no team: the kernel's refusal" 1 \
		"No such team" rt_as rita team show nosuch

	check "olive (operator) sets lbtd1 admin down" \
		rt_as olive member set tr0 lbtd1 admin down
	check_eq "lbtd1 is admin down" down "$(rt_member tr0 lbtd1 admin)"
	check "olive (operator) makes lbtd2 active" \
		rt_as olive member set tr0 lbtd2 role active
	check_eq "lbtd2 is active" active "$(rt_member tr0 lbtd2 role)"

	before=$(rt_local config export)
	rt_expect "olive (operator) may not delete a team" 1 \
		"permission denied" rt_as olive team del tr0
	check "tr0 is still there" test -e /sys/class/net/tr0
	rt_expect "olive (operator) may not add a member" 1 \
		"permission denied" rt_as olive member add tr0 lbtd3
	rt_expect "rita (reader) may not set a member admin down" 1 \
		"permission denied" rt_as rita member set tr0 lbtd0 admin down
	check_eq "lbtd0 still admin up" up "$(rt_member tr0 lbtd0 admin)"
	rt_expect "olive (operator) may not change a weight" 1 \
		"permission denied: member.set needs the role admin; cert:olive has operator" \
		rt_as olive member set tr0 lbtd0 weight 100
	check_eq "refused requests changed nothing" "$before" \
		"$(rt_local config export)"

	check "alice (admin) changes a weight" \
		rt_as alice member set tr0 lbtd0 weight 100
	check_eq "lbtd0 weight 100" 100 "$(rt_member tr0 lbtd0 weight)"

	check "daemon log: who connected with which role" \
		grep -q 'tls:192.0.2.2:[0-9]*: cert:olive connected, role operator' "$RT_LOG"
	want="cert:alice admin team.add ok
cert:olive operator member.set ok
cert:olive operator member.set ok
cert:olive operator team.del denied
cert:olive operator member.add denied
cert:rita reader member.set denied
cert:olive operator member.set denied
cert:alice admin member.set ok"
	check_eq "audit: one line per change asked for, reads not logged" \
		"$want" "$(rt_audit_summary 2>&1)"
	check "audit: the refused weight change with its args and message" \
		python3 -c '
import json, sys
e = [json.loads(l) for l in open(sys.argv[1])][6]
assert e["args"]["weight"] == 100 and e["args"]["name"] == "lbtd0", e
assert any("permission denied" in m for m in e["messages"]), e' "$RT_AUDIT"
	check "teamctld stops on SIGTERM with status 0" rt_stop
	sed 's/^/    /' "$RT_LOG"
}

test_remote_refusals()
{
	local i

	rt_begin
	check "PKI" rt_pki "$RT_DIR/pki" alice mallory eve || return
	check "expired client certificate" "$RT_PKI" --dir "$RT_DIR/pki" \
		client old --not-before 20200101000000Z --not-after 20200102000000Z
	check "revoked client certificate" "$RT_PKI" --dir "$RT_DIR/pki" revoke eve
	check "a second CA with its own alice" rt_pki "$RT_DIR/pki2" alice
	# old and eve are listed: only their certificates keep them out.
	rt_conf "$(rt_tls_keys)" \
		'{"clients": {"alice": "admin", "old": "admin", "eve": "admin"}}'
	check "lbfo-cli reaches 192.0.2.1" rt_net
	rt_start || return

	check "alice is served" rt_as alice team show
	# Each at least 3 times: the reason must reach the client every time.
	for i in 1 2 3; do
		PKI=$RT_DIR/pki2 rt_expect "alice of another CA ($i)" 1 \
			"the server refused our certificate (alert: unknown ca)" \
			rt_as alice team show
		rt_expect "expired certificate ($i)" 1 \
			"the server refused our certificate (alert: certificate expired)" \
			rt_as old team show
	done
	rt_expect "revoked certificate" 1 \
		"the server refused our certificate (alert: certificate revoked)" \
		rt_as eve team show
	rt_expect "no --cert: a usage error, said before connecting" 2 \
		"needs --cert" ip netns exec lbfo-cli "$RT_TEAMCTL" \
		--remote "$RT_ADDR" --ca "$RT_DIR/pki/ca.crt" team show
	check_eq "a TLS client without a certificate gets an alert" \
		"certificate required" \
		"$(ip netns exec lbfo-cli "$RT_RAW" --ca "$RT_DIR/pki/ca.crt" "$RT_ADDR" |
			grep -o 'certificate required')"
	rt_expect "mallory (valid, not in clients): default deny" 1 \
		"permission denied: team.show needs the role reader; cert:mallory has none" \
		rt_as mallory team show

	# Why each was refused: in the audit log (op "connect"), a line each.
	check "audit: every refused handshake, with the reason" python3 -c '
import json, sys
e = [json.loads(l) for l in open(sys.argv[1])]
c = [x for x in e if x["op"] == "connect"]
for x in c:
    assert x["who"] == "-" and x["role"] == "none" and x["result"] == "denied", x
    assert x["peer"].startswith("tls:192.0.2.2:") and x["args"] is None, x
why = [x["messages"][0] for x in c]
want = ["client certificate verify failed: unable to get local issuer certificate (subject \x27CN=alice\x27)",
        "client certificate verify failed: certificate has expired (subject \x27CN=old\x27)"] * 3 + [
        "client certificate verify failed: certificate revoked (subject \x27CN=eve\x27)",
        "client sent no certificate"]
assert sorted(why) == sorted(want), why
assert any(x["who"] == "cert:mallory" and x["op"] == "team.show" and
           x["result"] == "denied" for x in e), e' "$RT_AUDIT"
	check_eq "log: a line for each refused handshake" 8 \
		"$(grep -c '^teamctld: audit: - (tls:192.0.2.2:[0-9]*) none connect: denied: ' "$RT_LOG")"
	check "log: mallory has no role" grep -q \
		"tls:192.0.2.2:[0-9]*: cert:mallory connected, role none" "$RT_LOG"
	sed 's/^/    audit: /' "$RT_AUDIT"
	check "the daemon still runs" kill -0 "$RT_DPID"
	check_eq "and still serves alice" "[]" "$(rt_as alice -j team show)"

	# SIGHUP: a file that is not valid is refused, the daemon goes on.
	cp "$RT_CONF" "$RT_DIR/good.json"
	echo '{"clients": {"alice": "root"}}' >"$RT_CONF"
	kill -HUP "$RT_DPID"
	check "log: a bad file is refused on reload" wait_for 10 grep -q \
		'^teamctld: reload refused, going on as before: .*clients.alice' "$RT_LOG"
	check_eq "alice still served" "[]" "$(rt_as alice -j team show)"
	# SIGHUP reads the new CRL: alice revoked is refused from then on.
	cp "$RT_DIR/good.json" "$RT_CONF"
	check "revoke alice" "$RT_PKI" --dir "$RT_DIR/pki" revoke alice
	kill -HUP "$RT_DPID"
	check "log: reloaded" wait_for 10 grep -q \
		'^teamctld: configuration reloaded' "$RT_LOG"
	rt_expect "alice revoked, after the reload" 1 \
		"the server refused our certificate (alert: certificate revoked)" \
		rt_as alice team show
	check "audit: alice's refusal" python3 -c '
import json, sys
e = [json.loads(l) for l in open(sys.argv[1])][-1]
assert e["op"] == "connect" and e["result"] == "denied", e
assert e["messages"] == ["client certificate verify failed: certificate revoked (subject \x27CN=alice\x27)"], e' "$RT_AUDIT"
	check "teamctld stops on SIGTERM with status 0" rt_stop
	sed 's/^/    /' "$RT_LOG"
}

# rt_raw_reply DESCRIPTION "CODE STATUS ID" STEP...: on a new connection
# the steps get one response with that error code, status and id (null:
# unknown), and a message.
rt_raw_reply()
{
	local what=$1 want=$2 out
	shift 2
	out=$("$RT_RAW" --wait 5 --expect 1 "unix:$RT_SOCK" "$@")
	out=$(head -n 1 <<<"$out")
	check_eq "$what" "$want" \
		"$(rt_py '"%s %s %s %d" % (d.get("error"), d["status"], json.dumps(d["id"]), len(d.get("messages", [])))' <<<"$out" 2>&1)"
}

test_remote_malformed()
{
	local out t0 t1 half i rc ok pids=()

	rt_begin
	rt_conf '{"rate": 5, "burst": 5, "request_timeout": 2}'
	rt_start || return

	rt_raw_reply "garbage with a valid length header" "bad-request 2 null 1" \
		'frame:\x01garbage{{'
	rt_raw_reply "invalid JSON" "bad-request 2 null 1" 'frame:{"v": 1, "id": 3, "op":'
	rt_raw_reply "a JSON array" "bad-request 2 null 1" 'frame:[{"v": 1, "id": 1, "op": "team.show"}]'
	rt_raw_reply "an unknown op" "unknown-op 2 1 1" 'req:team.explode'
	rt_raw_reply "version 2" "version 2 7 1" 'frame:{"v": 2, "id": 7, "op": "team.show"}'
	rt_raw_reply "no version" "version 2 7 1" 'frame:{"id": 7, "op": "team.show"}'
	rt_raw_reply "args of the wrong type (team: 5)" "usage 2 1 1" \
		'req:team.show:{"team": 5}'
	rt_raw_reply "args of the wrong type (members: 'x')" "usage 2 1 1" \
		'req:team.add:{"name": "tr0", "members": "x"}'
	rt_raw_reply "args not an object" "bad-request 2 1 1" 'req:team.show:[]'
	rt_raw_reply "an unknown key" "bad-request 2 4 1" \
		'frame:{"v": 1, "id": 4, "op": "team.show", "x": 1}'
	check "no team was made by the bad team.add" test ! -e /sys/class/net/tr0

	out=$("$RT_RAW" --wait 5 "unix:$RT_SOCK" hdr:0x7fffffff)
	check_eq "header of 0x7fffffff bytes: too-large" "too-large 2 null" \
		"$(head -n 1 <<<"$out" | rt_py '"%s %s %s" % (d.get("error"), d["status"], json.dumps(d["id"]))' 2>&1)"
	check "and the daemon closes the connection" grep -q '^EOF' <<<"$out"
	out=$("$RT_RAW" --wait 5 "unix:$RT_SOCK" hdr:1 bytes:x)
	check_eq "a frame shorter than {}: bad-request, closed" \
		"bad-request 2 null" \
		"$(head -n 1 <<<"$out" | rt_py '"%s %s %s" % (d.get("error"), d["status"], json.dumps(d["id"]))' 2>&1)"
	check "and closed" grep -q '^EOF' <<<"$out"

	out=$("$RT_RAW" --wait 5 --expect 3 "unix:$RT_SOCK" 'frame:nonsense' \
		'req:team.show' 'frame:{"v": 1, "id": 9, "op": "team.show"}')
	check_eq "the connection survives a bad request" \
		"bad-request null | None 1 | None 9" \
		"$(python3 -c '
import json, sys
r = [json.loads(l) for l in sys.stdin if l.startswith("{")]
print(" | ".join("%s %s" % (x.get("error"), json.dumps(x["id"]) if x.get("error") else x["id"]) for x in r))' <<<"$out")"

	# A client that stops in the middle of a frame holds nobody up.
	"$RT_RAW" --wait 10 --say-sent "unix:$RT_SOCK" hdr:100 \
		'bytes:{"v": 1, "id"' >"$RT_DIR/half.out" &
	half=$!
	check "half a frame sent" wait_for 10 grep -q SENT "$RT_DIR/half.out"
	t0=$(date +%s%N)
	check "served while another client holds a half-sent frame" \
		rt_unix team show
	t1=$(date +%s%N)
	note "served in $(((t1 - t0) / 1000000)) ms"
	check "the half-sent client was still connected then" \
		rt_not grep -q EOF "$RT_DIR/half.out"
	wait "$half"
	sed -i '/^SENT$/d' "$RT_DIR/half.out"
	sed 's/^/    half-sent client: /' "$RT_DIR/half.out"
	check_eq "the half-sent client is told: timeout" "timeout 1" \
		"$(head -n 1 "$RT_DIR/half.out" | rt_py '"%s %s" % (d.get("error"), d["status"])' 2>&1)"
	check "and closed after request_timeout (2 s)" python3 -c '
import re, sys
s = float(re.search(r"^EOF after ([0-9.]+) s", open(sys.argv[1]).read(), re.M).group(1))
assert 1.0 <= s <= 4.0, s' "$RT_DIR/half.out"
	check "log: request not finished" grep -q \
		"request not finished within 2 s; closing" "$RT_LOG"

	# Rate limit: 5 a second, bursts of 5, per connection.
	out=$("$RT_RAW" --wait 10 --expect 20 "unix:$RT_SOCK" pipeline:20:team.show)
	check "20 pipelined requests: the first 5 served, most of the rest rate-limited" python3 -c '
import json, sys
r = [json.loads(l) for l in sys.stdin if l.startswith("{")]
assert sorted(x["id"] for x in r) == list(range(1, 21)), r
ok = [x for x in r if x["status"] == 0]
rl = [x for x in r if x.get("error") == "rate-limited"]
print("ok", len(ok), "rate-limited", len(rl))
assert len(ok) + len(rl) == 20, r
assert 5 <= len(ok) <= 10, len(ok)
assert all(x["status"] == 1 and x["messages"] for x in rl)
assert [x["id"] for x in ok][:5] == [1, 2, 3, 4, 5]' <<<"$out"
	check "another connection has its own bucket" rt_unix team show

	# Many clients at once.
	for ((i = 0; i < 20; i++)); do
		rt_unix -j team show >"$RT_DIR/par.$i" 2>&1 &
		pids+=("$!")
	done
	ok=0
	for ((i = 0; i < 20; i++)); do
		wait "${pids[$i]}"
		rc=$?
		if [ "$rc" = 0 ] && [ "$(cat "$RT_DIR/par.$i")" = "[]" ]; then
			ok=$((ok + 1))
		else
			note "client $i: status $rc: $(cat "$RT_DIR/par.$i")"
		fi
	done
	check_eq "20 clients at once are all served" 20 "$ok"
	check "the daemon still runs" kill -0 "$RT_DPID"
	check "teamctld stops on SIGTERM with status 0" rt_stop
}

test_remote_monitor()
{
	local lpid rpid rc

	rt_begin
	check "PKI" rt_pki "$RT_DIR/pki" alice rita || return
	rt_conf "$(rt_tls_keys)" '{"clients": {"alice": "admin", "rita": "reader"}}'
	check "lbfo-cli reaches 192.0.2.1" rt_net
	rt_dummies 3
	rt_start || return

	timeout 60 "$RT_TEAMCTL" -j monitor >"$RT_DIR/local.out" \
		2>"$RT_DIR/local.err" &
	lpid=$!
	RT_EXEC=1 rt_as rita -j monitor >"$RT_DIR/remote.out" 2>"$RT_DIR/remote.err" &
	rpid=$!
	check "local monitor subscribed" wait_for 10 grep -q monitoring "$RT_DIR/local.err"
	check "remote monitor (rita, reader) subscribed" \
		wait_for 10 grep -q "monitoring lbfo events on $RT_ADDR" "$RT_DIR/remote.err"

	check "alice: team add" rt_as alice team add tr0 members lbtd0 standby lbtd1
	check "alice: member set admin down" rt_as alice member set tr0 lbtd0 admin down
	check "alice: member add" rt_as alice member add tr0 lbtd2 weight 7
	check "alice: team set" rt_as alice team set tr0 lb address-hash
	check "alice: member del" rt_as alice member del tr0 lbtd2
	check "alice: team del" rt_as alice team del tr0
	check "the local monitor saw team-del" \
		wait_for 10 grep -q '"team-del"' "$RT_DIR/local.out"
	check "the remote monitor saw team-del" \
		wait_for 10 grep -q '"team-del"' "$RT_DIR/remote.out"
	sleep 0.3
	kill -INT "$lpid" "$rpid"
	wait "$lpid"
	wait "$rpid"
	rc=$?
	check_eq "remote monitor ends with status 0 on SIGINT" 0 "$rc"
	sed 's/^/    remote: /' "$RT_DIR/remote.out" "$RT_DIR/remote.err"

	check "every remote line is JSON" python3 -c '
import json, sys
for line in open(sys.argv[1]):
    json.loads(line)' "$RT_DIR/remote.out"
	check_eq "the remote events are the local ones, line for line" \
		"$(cat "$RT_DIR/local.out")" "$(cat "$RT_DIR/remote.out")"
	check "team-new, member-add, member-set, team-set, member-del, team-del" python3 -c '
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
def has(**kw):
    assert any(all(e.get(k) == v for k, v in kw.items()) for e in ev), kw
has(event="team-new", team="tr0")
has(event="member-add", team="tr0", member="lbtd0", role="active")
has(event="member-add", team="tr0", member="lbtd1", role="standby")
has(event="member-set", team="tr0", member="lbtd0", admin="down")
has(event="member-add", team="tr0", member="lbtd2")
has(event="member-set", team="tr0", member="lbtd2", weight=7)
has(event="team-set", team="tr0", lb="address-hash")
has(event="member-del", team="tr0", member="lbtd2")
has(event="team-del", team="tr0")' "$RT_DIR/remote.out"
	check "teamctld stops on SIGTERM with status 0" rt_stop
}

# Six teams tk0..tk5 of three dummies each, in two versions (A and B) that
# differ in every team.
rt_kill9_configs()
{
	python3 - "$RT_DIR/A.json" "$RT_DIR/B.json" <<'EOF'
import json, sys
a, b = [], []
for t in range(6):
    m = ["lbtd%d" % (3 * t + i) for i in range(3)]
    a.append({"name": "tk%d" % t, "members": [
        {"name": m[0]}, {"name": m[1]}, {"name": m[2], "role": "standby"}]})
    b.append({"name": "tk%d" % t, "lb": "address-hash", "members": [
        {"name": m[2]}, {"name": m[0], "role": "standby", "admin": "down"},
        {"name": m[1], "weight": 40 + t}]})
json.dump({"teams": a}, open(sys.argv[1], "w"))
json.dump({"teams": b}, open(sys.argv[2], "w"))
EOF
}

# What runs, as rt_teams_sorted prints it.
rt_export_sorted()
{
	rt_local -j config export | rt_teams_sorted
}

# The teams of a configuration (FILE, or stdin), sorted by name, as one line.
rt_teams_sorted()
{
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
print(json.dumps(sorted(d["teams"], key=lambda t: t["name"]), sort_keys=True))' "$@"
}

test_remote_state_kill9()
{
	local i f apid rc norm_a norm_b norm_f st ms t0 t1 window fifo run
	local bad=0 done_ok=0 same=0 mid=0

	rt_begin
	rt_dummies 18
	rt_kill9_configs
	rt_conf
	# Waits without a process (sleep(1) takes long to start under TCG):
	# read -t on a FIFO nobody writes to.
	fifo=$RT_DIR/fifo
	mkfifo "$fifo"
	exec {RT_WAITFD}<>"$fifo"
	rt_start || return
	check "apply A through the daemon" rt_unix config apply "$RT_DIR/A.json"
	norm_a=$(rt_teams_sorted "$RT_STATE")
	t0=${EPOCHREALTIME/./}
	check "apply B through the daemon" rt_unix config apply "$RT_DIR/B.json"
	t1=${EPOCHREALTIME/./}
	norm_b=$(rt_teams_sorted "$RT_STATE")
	# Kill within the time an apply takes, from teamctl's start to its
	# answer (and a little after).
	window=$(((t1 - t0) / 1000 + 50))
	note "teamctl config apply of A over B took $(((t1 - t0) / 1000)) ms: kills at random in 0-$window ms"
	check_eq "the state after B is what runs" "$norm_b" "$(rt_export_sorted)"
	check "A and B differ" test "$norm_a" != "$norm_b"
	kill -9 "$RT_DPID"
	wait "$RT_DPID" 2>/dev/null

	for ((i = 0; i < 20; i++)); do
		f=$RT_DIR/A.json
		norm_f=$norm_a
		if [ $((i % 2)) = 1 ]; then
			f=$RT_DIR/B.json
			norm_f=$norm_b
		fi
		rt_start || break
		rt_unix config apply "$f" >/dev/null 2>&1 &
		apid=$!
		ms=$((RANDOM % window))
		read -r -t "$((ms / 1000)).$(printf %03d "$((ms % 1000))")" \
			-u "$RT_WAITFD"
		kill -9 "$RT_DPID"
		wait "$RT_DPID" 2>/dev/null
		wait "$apid"
		rc=$?
		[ "$rc" = 0 ] && done_ok=$((done_ok + 1))
		run=$(rt_export_sorted)
		[ "$run" != "$norm_a" ] && [ "$run" != "$norm_b" ] &&
			mid=$((mid + 1))
		if [ ! -f "$RT_STATE" ]; then
			not_ok "iteration $i (kill after $ms ms): no state file$(
				test -e "$RT_STATE.tmp" && echo ', only the .tmp')"
			bad=$((bad + 1))
			continue
		fi
		if ! st=$(rt_teams_sorted "$RT_STATE" 2>&1); then
			not_ok "iteration $i: the state file is not valid: $st"
			bad=$((bad + 1))
			continue
		fi
		if ! rt_local config apply --dry-run "$RT_STATE" >/dev/null 2>&1; then
			not_ok "iteration $i: config apply --dry-run refuses the state: $(rt_local config apply --dry-run "$RT_STATE" 2>&1)"
			bad=$((bad + 1))
		fi
		if [ "$st" != "$norm_a" ] && [ "$st" != "$norm_b" ]; then
			not_ok "iteration $i: the state is neither A nor B: $st"
			bad=$((bad + 1))
		fi
		[ "$st" = "$norm_f" ] && same=$((same + 1))
		if [ "$rc" = 0 ] && [ "$st" != "$norm_f" ]; then
			not_ok "iteration $i: the apply was answered ok but the state does not hold it"
			bad=$((bad + 1))
		fi
	done
	note "20 kills: $done_ok applies answered before the kill, $mid kills left the kernel half way between A and B, $same states hold the file just applied"
	check_le "at least 2 of 20 kills came before the apply's answer" \
		"$done_ok" 18
	check_eq "every state file left by kill -9 was whole and valid" 0 "$bad"
	check "no state file was ever set aside as invalid" \
		sh -c "! ls '$RT_STATE'.bad-* 2>/dev/null | grep -q ."

	# The state is restored at start: delete the teams, start the daemon.
	for i in 0 1 2 3 4 5; do
		ip link del "tk$i"
	done
	st=$(rt_teams_sorted "$RT_STATE")
	rt_start || return
	wait_eq "the daemon restored the teams of the state file" "$st" \
		rt_export_sorted
	check "log: restored" grep -q '^teamctld: restored tk5' "$RT_LOG"
	check "teamctld stops on SIGTERM with status 0" rt_stop
}

test_remote_restore_reload()
{
	local before mpid

	rt_begin
	rt_dummies 4
	rt_conf
	rt_start || return
	check "team add through the daemon" \
		rt_unix team add tr0 lb address-hash members lbtd0,lbtd1 standby lbtd2
	check "member admin down through the daemon" \
		rt_unix member set tr0 lbtd1 admin down
	check "member weight through the daemon" \
		rt_unix member set tr0 lbtd0 weight 100
	check "a team made without the daemon" rt_local team add tr9 members lbtd3
	before=$(rt_local -j config export tr0)
	check_eq "tr0 as asked" \
		"address-hash lbtd0:active:up:100 lbtd1:active:down:0 lbtd2:standby:up:0" \
		"$(rt_py 'd["teams"][0]["lb"] + " " + " ".join("%s:%s:%s:%s" % (m["name"], m["role"], m["admin"], m["weight"]) for m in d["teams"][0]["members"])' <<<"$before")"

	RT_EXEC=1 rt_unix -j monitor >"$RT_DIR/mon.out" 2>"$RT_DIR/mon.err" &
	mpid=$!
	check "remote monitor subscribed" wait_for 10 grep -q monitoring "$RT_DIR/mon.err"

	check "rmmod lbfo with the teams" rmmod lbfo
	check "tr0 went with the module" test ! -e /sys/class/net/tr0
	check "log: the family is gone" \
		wait_for 5 grep -q 'the lbfo family is gone' "$RT_LOG"
	check "insmod lbfo.ko" insmod "${LBFO_KO:-$LBFO_REPO/lbfo.ko}"
	wait_eq "within 5 s the daemon made tr0 again, as it was" "$before" \
		rt_local -j config export tr0
	check "log: the family is back" grep -q 'the lbfo family is back' "$RT_LOG"
	check "tr9 (not made through the daemon) is not restored" \
		test ! -e /sys/class/net/tr9
	check "the monitor was told of the unload" \
		grep -q 'lbfo.ko was unloaded' "$RT_DIR/mon.err"
	check "the monitor was told of the load" \
		wait_for 5 grep -q 'lbfo.ko was loaded; events resume' "$RT_DIR/mon.err"
	check "the monitor saw the restore" wait_for 5 grep -q \
		'"event":"team-new","team":"tr0"' "$RT_DIR/mon.out"
	kill -INT "$mpid"
	wait "$mpid"
	sed 's/^/    monitor: /' "$RT_DIR/mon.out" "$RT_DIR/mon.err"

	# Restored at start too.
	check "teamctld stops on SIGTERM with status 0" rt_stop
	check "team del without the daemon" rt_local team del tr0
	rt_start || return
	wait_eq "started again, the daemon made tr0 again" "$before" \
		rt_local -j config export tr0
	check "a team the daemon deleted is not restored" rt_unix team del tr0
	check "teamctld stops on SIGTERM with status 0" rt_stop
	rt_start || return
	sleep 1
	check "tr0 stays deleted" test ! -e /sys/class/net/tr0
	check_eq "and is out of the state" 0 \
		"$(rt_py 'len(d["teams"])' <"$RT_STATE")"
	check "teamctld stops on SIGTERM with status 0" rt_stop
	sed 's/^/    /' "$RT_LOG"
}
