#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Write the seed corpora of the fuzz harnesses (fuzz/corpus/<harness>/):
# small valid and nearly valid streams. Each file is one byte that tells the
# harness where to cut the rest into pieces, then frames (a 4-byte
# big-endian length and JSON text). Run it again after changing it; the
# files are committed.
set -eu
export LC_ALL=C
cd "$(dirname "$0")"

# The 4-byte big-endian header of a payload of n bytes.
hdr() {
	printf "\\x$(printf %02x $(($1 >> 24 & 255)))"
	printf "\\x$(printf %02x $(($1 >> 16 & 255)))"
	printf "\\x$(printf %02x $(($1 >> 8 & 255)))"
	printf "\\x$(printf %02x $(($1 & 255)))"
}

# A frame around text (printf escapes in it are expanded first).
frame() {
	local text
	text=$(printf "$1")
	hdr ${#text}
	printf '%s' "$text"
}

# seed HARNESS NAME CUT FRAME...: CUT is the first byte, in hex.
seed() {
	local dir=corpus/$1 name=$2 cut=$3 f
	shift 3
	mkdir -p "$dir"
	{
		printf "\\x$cut"
		for f in "$@"; do
			frame "$f"
		done
	} >"$dir/$name"
}

# raw HARNESS NAME BYTES: a file as printf writes BYTES.
raw() {
	mkdir -p "corpus/$1"
	printf "$3" >"corpus/$1/$2"
}

rm -rf corpus/fuzz_request corpus/fuzz_reply

R=fuzz_request
seed $R team-show 00 '{"v":1,"id":1,"op":"team.show","args":{"team":"team0"}}'
seed $R team-show-all 35 '{"v":1,"id":2,"op":"team.show"}'
seed $R stats 7f '{"v":1,"id":3,"op":"stats","args":{"team":"team0"}}'
seed $R config-export 11 '{"v":1,"id":4,"op":"config.export","args":{}}'
seed $R monitor 00 '{"v":1,"id":5,"op":"monitor","args":{}}'
seed $R team-add 58 '{"v":1,"id":6,"op":"team.add","args":{"name":"team0","mode":"static","lb":"address-hash","hash":["ip","ports"],"members":[{"name":"eth0"},{"name":"eth1","role":"standby"}]}}'
seed $R team-set 9c '{"v":1,"id":7,"op":"team.set","args":{"name":"team0","lb":"dynamic","flowlet_gap_us":500,"probe_targets":["192.0.2.1","2001:db8::1"],"probe_interval_ms":100,"probe_missed":3,"updelay_ms":200,"downdelay_ms":0}}'
seed $R team-del 23 '{"v":1,"id":8,"op":"team.del","args":{"name":"team0"}}'
seed $R member-add 46 '{"v":1,"id":9,"op":"member.add","args":{"team":"team0","name":"eth2","role":"standby","admin":"up","weight":1000}}'
seed $R member-set c3 '{"v":1,"id":10,"op":"member.set","args":{"team":"team0","name":"eth1","admin":"down"}}'
seed $R member-set-weight 00 '{"v":1,"id":11,"op":"member.set","args":{"team":"team0","name":"eth1","weight":2500}}'
seed $R member-del 5a '{"v":1,"id":12,"op":"member.del","args":{"team":"team0","name":"eth1"}}'
seed $R config-apply 77 '{"v":1,"id":13,"op":"config.apply","args":{"config":{"teams":[{"name":"t0"}]},"prune":false,"dry_run":true}}'
seed $R config-apply-full e1 '{"v":1,"id":14,"op":"config.apply","args":{"config":{"teams":[{"name":"team0","mode":"switch-independent","lb":"hyperv-port","balance_interval_ms":100,"balance_threshold_pct":10,"members":[{"name":"eth0","weight":0},{"name":"eth1","role":"standby","admin":"down"}]},{"name":"team1","hash":["mac","inner"]}]},"prune":true,"dry_run":false}}'
seed $R pipelined 84 '{"v":1,"id":15,"op":"team.show"}' \
	'{"v":1,"id":16,"op":"member.set","args":{"team":"t0","name":"e1","role":"active"}}' \
	'{"v":1,"id":17,"op":"stats"}'
seed $R unknown-op 00 '{"v":1,"id":18,"op":"team.list"}'
seed $R bad-args 31 '{"v":1,"id":19,"op":"member.set","args":{"team":"team0","name":"eth1"}}'
seed $R version-2 00 '{"v":2,"id":20,"op":"stats"}'
seed $R dup-key 00 '{"v":1,"id":21,"id":22,"op":"stats"}'
seed $R bad-utf8 00 '{"v":1,"id":23,"op":"team.show","args":{"team":"t\xc3"}}'
raw $R too-large '\x00\x00\x04\x00\x01{"v":1}'
raw $R too-small '\x00\x00\x00\x00\x01'
raw $R truncated '\x08\x00\x00\x00\x30{"v":1,"id":24,"op"'

P=fuzz_reply
seed $P ok-team-show 00 '{"v":1,"id":1,"status":0,"result":{"teams":[{"name":"team0","ifindex":4,"mode":"static","lb":"address-hash","hash":["ip","ports"],"primary":"eth0","carrier":true,"carriers":2,"counters":{"tx_packets":10,"tx_bytes":1000,"rx_packets":9,"rx_bytes":900,"tx_dropped":0,"rx_dropped":0},"members":[{"name":"eth0","ifindex":2,"driver":"e1000","speed_mbps":1000,"role":"active","admin":"up","state":"up","buckets":1024}]}]}}'
seed $P ok-empty 35 '{"v":1,"id":2,"status":0}'
seed $P ok-messages 11 '{"v":1,"id":3,"status":0,"result":null,"messages":["dry run: nothing changed"]}'
seed $P error-denied 7f '{"v":1,"id":4,"status":1,"error":"denied","messages":["permission denied: member.set with a weight needs the admin role"]}'
seed $P error-null-id 00 '{"v":1,"id":null,"status":2,"error":"bad-request","messages":["request: '"'"'op'"'"' must be a string"]}'
seed $P event 58 '{"v":1,"id":5,"event":{"event":"failover","team":"team0","member":"eth1","state":"down","old_state":"up","reason":"link-down"}}'
seed $P notice 9c '{"v":1,"id":5,"notice":"events were lost"}'
seed $P monitor-stream 84 '{"v":1,"id":6,"event":{"event":"member-state","team":"t0","member":"e0","state":"up"}}' \
	'{"v":1,"id":6,"notice":"events were lost"}' \
	'{"v":1,"id":6,"event":{"event":"team-del","team":"t0"}}' \
	'{"v":1,"id":6,"status":0}'
seed $P bad-status 00 '{"v":1,"id":7,"status":3,"error":"failed"}'
seed $P unknown-key 23 '{"v":1,"id":8,"status":0,"extra":1}'
seed $P missing-error 00 '{"v":1,"id":9,"status":1}'
seed $P result-and-error 46 '{"v":1,"id":10,"status":1,"error":"failed","result":{}}'
seed $P bad-messages 00 '{"v":1,"id":11,"status":2,"error":"usage","messages":["a",2]}'
seed $P event-no-id 00 '{"v":1,"id":null,"event":{}}'
seed $P bad-utf8 00 '{"v":1,"id":12,"notice":"\xed\xa0\x80"}'
raw $P too-large '\x00\xff\xff\xff\xff{}'
raw $P truncated '\x80\x00\x00\x00\x20{"v":1,"id":13,"status":0'
