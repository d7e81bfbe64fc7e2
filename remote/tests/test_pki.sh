#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# teamctl-pki: the CA, host and client certificates it makes, as openssl
# verify and a real TLS 1.3 handshake (openssl s_server/s_client) see them;
# revocation; refusals. Same interface as the C test binaries: --list, or
# one case name (teamctl/tests/run.sh runs each case). Each case works in
# its own temporary directory, removed at the end.
# The cases are called by name (indirectly):
# shellcheck disable=SC2317
set -u
here=$(cd "$(dirname "$0")" && pwd)
PKI=$here/../teamctl-pki
unset TEAMCTL_PKI_DIR

fail()
{
	echo "$*"
	exit 1
}

# ok WHAT CMD...: CMD succeeds; its output (stdout and stderr) in $out.
ok()
{
	local what=$1
	shift
	out=$("$@" 2>&1) || fail "$what: '$*' failed: $out"
}

# ko WHAT CMD...: CMD fails; its output in $out.
ko()
{
	local what=$1
	shift
	! out=$("$@" 2>&1) || fail "$what: '$*' succeeded: $out"
}

# has WHAT TEXT STRING / hasnt WHAT TEXT STRING
has()
{
	case $2 in
	*"$3"*) ;;
	*) fail "$1: expected '$3' in: $2" ;;
	esac
}

hasnt()
{
	case $2 in
	*"$3"*) fail "$1: did not expect '$3' in: $2" ;;
	esac
}

pki()
{
	"$PKI" --dir pki "$@"
}

# A CA in ./pki (or DIR).
mkca()
{
	ok "init" "$PKI" --dir "${1:-pki}" init
}

# Every path under DIR with its mode, and each file's size and
# modification time.
snap()
{
	[ ! -e "$1" ] || find "$1" \( -type d -printf '%p %m\n' \) -o \
		-printf '%p %m %s %T@\n' | sort
}

# refuse RC DIR ARGS...: teamctl-pki --dir DIR ARGS exits RC, prints one
# "teamctl-pki: " line on stderr and nothing on stdout, and leaves DIR as
# it was.
refuse()
{
	local want=$1 d=$2 before after rc=0
	shift 2
	before=$(snap "$d")
	"$PKI" --dir "$d" "$@" >out.txt 2>err.txt || rc=$?
	after=$(snap "$d")
	[ "$rc" -eq "$want" ] ||
		fail "'$*': exit status $rc, expected $want; stderr: $(cat err.txt)"
	[ ! -s out.txt ] || fail "'$*': printed on stdout: $(cat out.txt)"
	if [ "$(wc -l <err.txt)" -ne 1 ] || ! grep -q '^teamctl-pki: ' err.txt; then
		fail "'$*': expected one 'teamctl-pki: ' line on stderr, got: $(cat err.txt)"
	fi
	[ "$before" = "$after" ] ||
		fail "'$*' changed $d: $(diff <(echo "$before") <(echo "$after"))"
}

verify()
{
	openssl verify -CAfile pki/ca.crt "$@"
}

# ---- cases -------------------------------------------------------------

init_ca()
{
	mkca
	has "init prints what it wrote" "$out" "pki/ca.crt"
	has "init prints what it wrote" "$out" "pki/private/ca.key"
	has "init prints what it wrote" "$out" "pki/crl.pem"
	hasnt "no key printed" "$out" "PRIVATE KEY"
	ok "the CA verifies itself" verify pki/ca.crt
	has "verify" "$out" "pki/ca.crt: OK"
	ok "x509" openssl x509 -in pki/ca.crt -noout -subject -issuer \
		-ext basicConstraints,keyUsage
	has "subject" "$out" "subject=CN = lbfo teamctld CA"
	has "self-signed" "$out" "issuer=CN = lbfo teamctld CA"
	has "basicConstraints" "$out" "X509v3 Basic Constraints: critical"
	has "basicConstraints" "$out" "CA:TRUE"
	has "keyUsage" "$out" "Certificate Sign, CRL Sign"
	ok "key" openssl x509 -in pki/ca.crt -noout -text
	has "EC P-256" "$out" "ASN1 OID: prime256v1"
	ok "3650 days" openssl x509 -in pki/ca.crt -noout -checkend $((3649 * 86400))
	ko "3650 days" openssl x509 -in pki/ca.crt -noout -checkend $((3651 * 86400))
	ok "the CRL is the CA's" openssl crl -in pki/crl.pem -CAfile pki/ca.crt -noout
	has "CRL signature" "$out" "verify OK"
	for f in index.txt serial crlnumber openssl.cnf; do
		[ -f "pki/ca/$f" ] || fail "no pki/ca/$f"
	done
	# --cn and --days, and the directory from the environment.
	ok "init --cn" env TEAMCTL_PKI_DIR=other "$PKI" init --cn "Other CA/1" --days 30
	has "env dir" "$out" "other/ca.crt"
	ok "x509" openssl x509 -in other/ca.crt -noout -subject
	has "--cn" "$out" "CN = Other CA/1"
	ko "--days 30" openssl x509 -in other/ca.crt -noout -checkend $((31 * 86400))
}

host_cert()
{
	mkca
	ok "host" pki host host1 --ip 192.0.2.10 --dns host1.example.net \
		--ip 2001:db8::10 --dns host1
	[ "$out" = "pki/certs/host1.crt
pki/private/host1.key" ] || fail "host printed: $out"
	ok "sslserver" verify -purpose sslserver pki/certs/host1.crt
	has "verify" "$out" "host1.crt: OK"
	ok "by name" verify -purpose sslserver -verify_hostname host1.example.net \
		pki/certs/host1.crt
	ok "by IP" verify -purpose sslserver -verify_ip 192.0.2.10 \
		pki/certs/host1.crt
	ko "other IP" verify -purpose sslserver -verify_ip 192.0.2.11 \
		pki/certs/host1.crt
	ko "not a client" verify -purpose sslclient pki/certs/host1.crt
	ok "x509" openssl x509 -in pki/certs/host1.crt -noout -subject \
		-ext subjectAltName,extendedKeyUsage,basicConstraints
	has "CN" "$out" "subject=CN = host1"
	has "SAN" "$out" "DNS:host1, DNS:host1.example.net, IP Address:192.0.2.10, IP Address:2001:DB8:0:0:0:0:0:10"
	has "EKU" "$out" "TLS Web Server Authentication"
	hasnt "EKU" "$out" "Client"
	has "not a CA" "$out" "CA:FALSE"
	ok "825 days" openssl x509 -in pki/certs/host1.crt -noout -checkend $((824 * 86400))
	ko "825 days" openssl x509 -in pki/certs/host1.crt -noout -checkend $((826 * 86400))
	ok "key matches" openssl x509 -in pki/certs/host1.crt -noout -pubkey
	local pub=$out
	ok "key" openssl pkey -in pki/private/host1.key -pubout
	[ "$pub" = "$out" ] || fail "pki/private/host1.key is not host1.crt's key"
	ok "host --days" pki host host2 --days 10
	ko "--days 10" openssl x509 -in pki/certs/host2.crt -noout -checkend $((11 * 86400))
}

client_cert()
{
	mkca
	ok "client" pki client alice
	[ "$out" = "pki/certs/alice.crt
pki/private/alice.key" ] || fail "client printed: $out"
	ok "sslclient" verify -purpose sslclient pki/certs/alice.crt
	has "verify" "$out" "alice.crt: OK"
	ko "not a server" verify -purpose sslserver pki/certs/alice.crt
	ok "x509" openssl x509 -in pki/certs/alice.crt -noout -subject -issuer -ext extendedKeyUsage
	has "CN" "$out" "subject=CN = alice"
	has "issuer" "$out" "issuer=CN = lbfo teamctld CA"
	has "EKU" "$out" "TLS Web Client Authentication"
	hasnt "EKU" "$out" "Server"
	ok "x509" openssl x509 -in pki/certs/alice.crt -noout -text
	has "EC P-256" "$out" "ASN1 OID: prime256v1"
	hasnt "no SAN" "$out" "Subject Alternative Name"
	ok "names" pki client monitor1.ops_team-2
	ok "CN" openssl x509 -in pki/certs/monitor1.ops_team-2.crt -noout -subject
	has "CN" "$out" "CN = monitor1.ops_team-2"
}

key_modes()
{
	mkca
	ok "host" pki host host1 --ip 192.0.2.10
	hasnt "no key printed" "$out" "PRIVATE KEY"
	ok "client" pki client alice
	hasnt "no key printed" "$out" "PRIVATE KEY"
	local f
	for f in pki/private/ca.key pki/private/host1.key pki/private/alice.key; do
		[ "$(stat -c %a "$f")" = 600 ] || fail "$f: mode $(stat -c %a "$f")"
		grep -q "PRIVATE KEY" "$f" || fail "$f: not a private key"
	done
	[ "$(stat -c %a pki/private)" = 700 ] ||
		fail "pki/private: mode $(stat -c %a pki/private)"
	for f in pki/ca.crt pki/crl.pem pki/certs/host1.crt pki/certs/alice.crt; do
		[ "$(stat -c %a "$f")" = 644 ] || fail "$f: mode $(stat -c %a "$f")"
	done
	ok "list" pki list
	hasnt "no key printed" "$out" "PRIVATE KEY"
	# Nothing left over from the temporary directories.
	[ -z "$(find pki -name '.teamctl-pki*')" ] || fail "left over: $(find pki -name '.teamctl-pki*')"
}

other_ca()
{
	mkca
	mkca pki2
	ok "client of the second CA" "$PKI" --dir pki2 client eve
	ok "its own CA" openssl verify -CAfile pki2/ca.crt -purpose sslclient pki2/certs/eve.crt
	ko "the first CA" verify -purpose sslclient pki2/certs/eve.crt
	has "verify" "$out" "unable to get local issuer certificate"
	cmp -s pki/ca.crt pki2/ca.crt && fail "two CAs, one certificate"
	return 0
}

expired()
{
	mkca
	ok "expired client" pki client old --not-before 20200101000000Z \
		--not-after 20200102000000Z
	ko "expired" verify -purpose sslclient pki/certs/old.crt
	has "verify" "$out" "certificate has expired"
	ok "dates" openssl x509 -in pki/certs/old.crt -noout -dates
	has "notBefore" "$out" "notBefore=Jan  1 00:00:00 2020 GMT"
	has "notAfter" "$out" "notAfter=Jan  2 00:00:00 2020 GMT"
	ok "list" pki list
	[[ $out =~ (^|$'\n')old\ +client\ +2020-01-02T00:00:00Z\ +expired ]] ||
		fail "list: $out"
	# An expired certificate does not hold its name.
	ok "renewed" pki client old
	ok "renewed verifies" verify -purpose sslclient pki/certs/old.crt
}

revoke()
{
	mkca
	ok "client" pki client bob
	ok "client" pki client carol
	ok "not revoked yet" verify -crl_check -CRLfile pki/crl.pem pki/certs/bob.crt
	ok "revoke" pki revoke bob
	[ "$out" = "pki/crl.pem" ] || fail "revoke printed: $out"
	ok "CRL" openssl crl -in pki/crl.pem -CAfile pki/ca.crt -noout -text
	has "CRL signature" "$out" "verify OK"
	local serial
	serial=$(openssl x509 -in pki/certs/bob.crt -noout -serial)
	has "bob in the CRL" "$out" "Serial Number: ${serial#serial=}"
	ko "revoked" verify -crl_check -CRLfile pki/crl.pem pki/certs/bob.crt
	has "verify" "$out" "certificate revoked"
	ok "others still fine" verify -crl_check -CRLfile pki/crl.pem pki/certs/carol.crt
	ok "list" pki list
	[[ $out =~ (^|$'\n')bob\ +client\ +[-0-9T:]+Z\ +revoked ]] || fail "list: $out"
	[[ $out =~ (^|$'\n')carol\ +client\ +[-0-9T:]+Z\ +valid ]] || fail "list: $out"
	refuse 1 pki revoke bob
	refuse 1 pki revoke nobody
	# A revoked name can have a new certificate.
	ok "reissue" pki client bob
	ok "new one fine" verify -crl_check -CRLfile pki/crl.pem pki/certs/bob.crt
}

list()
{
	mkca
	ok "empty list" pki list
	[ "$(echo "$out" | wc -l)" -eq 1 ] || fail "empty list: $out"
	ok "host" pki host host1 --ip 192.0.2.10
	ok "client" pki client alice
	ok "client" pki client monitor1
	ok "revoke" pki revoke monitor1
	ok "list" pki list
	[[ $out =~ (^|$'\n')host1\ +host\ +20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9:]+Z\ +valid($'\n'|$) ]] ||
		fail "list: $out"
	[[ $out =~ (^|$'\n')alice\ +client\ +[-0-9T:]+Z\ +valid($'\n'|$) ]] || fail "list: $out"
	[[ $out =~ (^|$'\n')monitor1\ +client\ +[-0-9T:]+Z\ +revoked($'\n'|$) ]] || fail "list: $out"
	[ "$(echo "$out" | wc -l)" -eq 4 ] || fail "list: $out"
}

usage()
{
	ok "--help" "$PKI" --help
	local w
	for w in init host client revoke list --dir --ip --dns --days --not-before --not-after; do
		has "usage" "$out" "$w"
	done
	ok "-h" "$PKI" -h
	refuse 2 pki
	refuse 2 pki frobnicate
}

refuse_duplicate()
{
	mkca
	ok "client" pki client alice
	refuse 1 pki client alice
	refuse 1 pki host alice --ip 192.0.2.1
	ok "host" pki host host1
	refuse 1 pki host host1
	refuse 1 pki init
	refuse 1 pki init --cn other
}

refuse_bad_name()
{
	mkca
	local n
	# shellcheck disable=SC2016
	for n in bad/name "a b" -x .hidden . .. 'a;b' 'a$b' "" ca "a*" "$(printf 'x%.0s' {1..65})"; do
		refuse 2 pki client "$n"
		refuse 2 pki host "$n"
	done
	refuse 2 pki revoke ../ca
	refuse 2 pki client
	refuse 2 pki client a b
	refuse 2 pki host h --dns 'bad name'
	refuse 2 pki client c --days 0
	refuse 2 pki client c --days x
	refuse 2 pki client c --frob
	refuse 2 pki client c --ip 192.0.2.1
}

refuse_before_init()
{
	refuse 1 pki host host1
	refuse 1 pki client alice
	refuse 1 pki revoke alice
	refuse 1 pki list
	[ ! -e pki ] || fail "pki was created"
	mkdir pki
	refuse 1 pki host host1 --ip 192.0.2.10
	refuse 1 pki client alice
	[ -z "$(ls -A pki)" ] || fail "files left in pki: $(ls -A pki)"
}

refuse_dates()
{
	mkca
	refuse 2 pki client old --not-before 20200101000000Z
	grep -q -- "--not-before needs --not-after" err.txt || fail "message: $(cat err.txt)"
	refuse 2 pki client old --not-after 20200102000000Z
	grep -q -- "--not-after needs --not-before" err.txt || fail "message: $(cat err.txt)"
	refuse 2 pki client old --not-before 20200102000000Z --not-after 20200101000000Z
	refuse 2 pki client old --not-before 2020-01-01 --not-after 20200102000000Z
	refuse 2 pki client old --not-before 20201301000000Z --not-after 20210102000000Z
	refuse 2 pki client old --days 3 --not-before 20200101000000Z --not-after 20200102000000Z
	refuse 2 pki client old --not-before
	# openssl's own check (there is no 31 February): a runtime failure.
	refuse 1 pki client old --not-before 20200231000000Z --not-after 20200302000000Z
}

refuse_bad_ip()
{
	mkca
	local ip
	for ip in 192.0.2.256 192.0.2 192.0.2.1.5 01.2.3.4 1::2::3 :1:2 1:2:3:4:5:6:7:8:9 \
		12345::1 fe80::1%eth0 host1 "" g::1 1:2:3:4:5:6:7: ::1.2.3.999; do
		refuse 2 pki host host1 --ip "$ip"
	done
	refuse 2 pki host host1 --ip
	# The good ones after a bad one make nothing either.
	refuse 2 pki host host1 --ip 192.0.2.10 --ip bad
	ok "good addresses" pki host host1 --ip ::1 --ip ::ffff:192.0.2.1 --ip 1:2:3:4:5:6:7:8 --ip 0.0.0.0
}

# ---- a real TLS 1.3 handshake ---------------------------------------------

spid=
stop_server()
{
	if [ -n "$spid" ]; then
		kill "$spid" 2>/dev/null
		wait "$spid" 2>/dev/null
		spid=
	fi
}

# start_server CERT KEY [ARGS...]: openssl s_server on 127.0.0.1:$port,
# TLS 1.3 only, requiring a client certificate signed by pki/ca.crt; it
# answers each line reversed.
start_server()
{
	local cert=$1 key=$2 try _
	shift 2
	for try in 1 2 3 4 5; do
		port=$((20000 + RANDOM % 40000))
		openssl s_server -tls1_3 -Verify 1 -verify_return_error \
			-CAfile pki/ca.crt -cert "$cert" -key "$key" \
			-accept "127.0.0.1:$port" -rev "$@" </dev/null >server.log 2>&1 &
		spid=$!
		for _ in $(seq 100); do
			grep -q '^ACCEPT' server.log && return 0
			kill -0 "$spid" 2>/dev/null || break
			sleep 0.05
		done
		stop_server
		echo "s_server on port $port (try $try): $(cat server.log)"
	done
	fail "cannot start openssl s_server"
}

# connect NAME [ARGS...]: s_client with NAME's certificate; $out.
connect()
{
	local name=$1
	shift
	out=$(printf 'hello\nCLOSE\n' | timeout 10 openssl s_client -tls1_3 \
		-connect "127.0.0.1:$port" -CAfile pki/ca.crt -verify_return_error \
		-verify_ip 127.0.0.1 -ign_eof -quiet \
		-cert "${PKIDIR:-pki}/certs/$name.crt" \
		-key "${PKIDIR:-pki}/private/$name.key" "$@" 2>&1)
}

tls13()
{
	mkca
	mkca pki2
	ok "host" pki host localhost --ip 127.0.0.1 --ip ::1
	ok "client" pki client alice
	ok "client" pki client old --not-before 20200101000000Z --not-after 20200102000000Z
	ok "client" pki client mallory
	ok "other CA" "$PKI" --dir pki2 client eve
	ok "revoke" pki revoke mallory
	start_server pki/certs/localhost.crt pki/private/localhost.key \
		-CRL pki/crl.pem -crl_check

	connect alice || fail "alice: s_client failed: $out"
	has "alice: handshake and echo" "$out" "olleh"
	PKIDIR=pki2 connect eve && fail "eve (other CA) got in: $out"
	hasnt "eve" "$out" "olleh"
	has "eve: refused" "$out" "unknown ca"
	connect old && fail "old (expired) got in: $out"
	hasnt "old" "$out" "olleh"
	has "old: refused" "$out" "certificate expired"
	connect mallory && fail "mallory (revoked) got in: $out"
	hasnt "mallory" "$out" "olleh"
	has "mallory: refused" "$out" "certificate revoked"
	# No client certificate at all.
	out=$(printf 'hello\nCLOSE\n' | timeout 10 openssl s_client -tls1_3 \
		-connect "127.0.0.1:$port" -CAfile pki/ca.crt -verify_return_error \
		-ign_eof -quiet 2>&1) && fail "no certificate, got in: $out"
	has "anonymous: refused" "$out" "certificate required"
	# The client checks the server: name, address and CA.
	connect alice -verify_ip 127.0.0.2 && fail "wrong server address accepted: $out"
	has "server IP checked" "$out" "IP address mismatch"
	connect alice -CAfile pki2/ca.crt && fail "server of another CA accepted: $out"
	has "server CA checked" "$out" "certificate verify failed"
	# TLS 1.2 is not offered by this server.
	connect alice -no_tls1_3 && fail "TLS 1.2 accepted: $out"

	local log
	log=$(cat server.log)
	has "server saw alice" "$log" "Peer certificate: CN = alice"
	has "server saw TLS 1.3" "$log" "Protocol version: TLSv1.3"
	has "server refused eve" "$log" "unable to get local issuer certificate"
	has "server refused old" "$log" "certificate has expired"
	has "server refused mallory" "$log" "certificate revoked"
	stop_server
}

cases=(init_ca host_cert client_cert key_modes other_ca expired revoke list usage
	refuse_duplicate refuse_bad_name refuse_before_init refuse_dates
	refuse_bad_ip tls13)
if [ "${1:-}" = --list ]; then
	printf '%s\n' "${cases[@]}"
	exit 0
fi
if [ $# -gt 0 ]; then
	case " ${cases[*]} " in
	*" $1 "*) cases=("$1") ;;
	*) echo "no such case: $1"; exit 2 ;;
	esac
fi
command -v openssl >/dev/null || fail "openssl not found"
status=0
for c in "${cases[@]}"; do
	(
		work=$(mktemp -d) || exit 1
		trap 'stop_server; rm -rf "$work"' EXIT
		cd "$work" || exit 1
		"$c"
	) || { echo "case $c failed"; status=1; }
done
exit "$status"
