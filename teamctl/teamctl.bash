# SPDX-License-Identifier: GPL-2.0
# bash completion for teamctl(8). Install as
# /usr/share/bash-completion/completions/teamctl, or source it.

# teamctl with the --remote options typed on the line (_teamctl_remote),
# so that teams and members come from where the command will run.
_teamctl_run()
{
	teamctl "${_teamctl_remote[@]+"${_teamctl_remote[@]}"}" "$@" 2>/dev/null
}

# Team names: the header lines of `teamctl team show` ("team0: ..."), or
# the lbfo links ip knows of (not for a remote team show).
_teamctl_teams()
{
	local names
	names=$(_teamctl_run team show | sed -n 's/^\([^ :]*\): .*/\1/p')
	[ -n "$names" ] || [ ${#_teamctl_remote[@]} -gt 0 ] ||
		names=$(ip -o link show type lbfo 2>/dev/null |
			awk -F': ' '{ sub(/@.*/, "", $2); print $2 }')
	echo "$names"
}

# Members of team $1: the first column of its members table (the rows,
# indented by four: a member's LACP lines under its row are by eight).
_teamctl_members()
{
	_teamctl_run team show "$1" |
		awk '/^    members:/ { m = 1; next } m && /^    [^ ]/ && $1 != "name" { print $1 }'
}

_teamctl_ifaces()
{
	local d
	for d in /sys/class/net/*; do
		[ -e "$d" ] && echo "${d##*/}"
	done
}

# The team parameter words of team add and team set.
_teamctl_params="mode lb hash flowlet-gap balance-interval balance-threshold probe-interval probe-missed probe-targets updelay downdelay min-links lacp-sys-prio lacp-system lacp-rate lacp-mode lacp-control lacp-mixed-speed lacp-fallback"

# Complete the last item of the comma-separated list $cur from the words $1.
_teamctl_list()
{
	local head="" last=$cur
	if [[ "$cur" == *,* ]]; then
		head=${cur%,*},
		last=${cur##*,}
	fi
	mapfile -t COMPREPLY < <(compgen -P "$head" -W "$1" -- "$last")
	compopt -o nospace 2>/dev/null
}

# The global options that take a value (the REMOTE options).
_teamctl_value_opts="-r --remote --cert --key --ca --timeout"

# bash splits words at ':' and '=' (COMP_WORDBREAKS): put "host", ":",
# "7640" back into "host:7640" and "--cert", "=", "x" into "--cert=x".
# Sets words, cword and, in strip, what of the current word bash will not
# replace (COMPREPLY must not repeat it).
_teamctl_join()
{
	local i w glue=0
	words=()
	cword=0
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		if [ ${#words[@]} -gt 1 ] && [[ "$w" =~ ^[:=]+$ ]]; then
			words[${#words[@]} - 1]+=$w
			glue=1
		elif [ "$glue" = 1 ]; then
			words[${#words[@]} - 1]+=$w
			glue=0
		else
			words+=("$w")
		fi
		[ "$i" -eq "$COMP_CWORD" ] && cword=$((${#words[@]} - 1))
	done
	[ "$cword" -lt ${#words[@]} ] || words+=("")
	# On a ':' or '=' itself, bash inserts after it: nothing is replaced.
	local raw=${COMP_WORDS[COMP_CWORD]:-}
	[[ "$raw" =~ ^[:=]+$ ]] && raw=""
	strip=${words[cword]%"$raw"}
}

# Complete the value $1 of the global option $2 ("--remote", "--cert"...);
# $3 is what goes before the value in the word ("--cert=" or "").
_teamctl_value()
{
	local v=$1 opt=$2 pre=$3 c
	case "$opt" in
	-r | --remote)
		mapfile -t COMPREPLY < <(compgen -W "unix:/run/lbfo/teamctld.sock" -- "$v") ;;
	--cert | --key | --ca)
		mapfile -t COMPREPLY < <(compgen -f -- "$v")
		compopt -o filenames 2>/dev/null ;;
	*) ;;	# --timeout: a number
	esac
	for c in "${!COMPREPLY[@]}"; do
		COMPREPLY[c]=$pre${COMPREPLY[c]}
	done
}

# teamctl pki: the words of teamctl-pki(8) after "pki" ($@).
_teamctl_pki()
{
	local w cmd="" n=0 expect_dir=0 dir=()
	for w in "$@"; do
		if [ "$expect_dir" = 1 ]; then
			expect_dir=0
			dir=(--dir "$w")
		elif [ -z "$cmd" ] && [ "$w" = --dir ]; then
			expect_dir=1
		elif [ -z "$cmd" ] && [[ "$w" == --dir=* ]]; then
			dir=(--dir "${w#*=}")
		elif [ -z "$cmd" ] && [[ "$w" != -* ]]; then
			cmd=$w
		elif [ -n "$cmd" ] && [[ "$w" != -* ]]; then
			n=$((n + 1))
		fi
	done
	case "$prev" in
	--dir)
		[ -z "$cmd" ] || return 0
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		compopt -o filenames 2>/dev/null
		return 0 ;;
	--cn | --days | --ip | --dns | --not-before | --not-after)
		return 0 ;;	# a value
	esac
	if [ -z "$cmd" ]; then
		if [[ "$cur" == --dir=* ]]; then
			mapfile -t COMPREPLY < <(compgen -P --dir= -d -- "${cur#*=}")
			compopt -o filenames 2>/dev/null
		elif [[ "$cur" == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "--dir --help" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "init host client revoke list" -- "$cur")
		fi
		return 0
	fi
	if [[ "$cur" == -* ]]; then
		case "$cmd" in
		init) mapfile -t COMPREPLY < <(compgen -W "--cn --days" -- "$cur") ;;
		host) mapfile -t COMPREPLY < <(compgen -W "--ip --dns --days" -- "$cur") ;;
		client) mapfile -t COMPREPLY < <(compgen -W "--days --not-before --not-after" -- "$cur") ;;
		esac
		return 0
	fi
	# revoke NAME: the names with a valid certificate (teamctl pki list).
	if [ "$cmd" = revoke ] && [ "$n" -eq 0 ]; then
		mapfile -t COMPREPLY < <(compgen -W "$(teamctl pki "${dir[@]+"${dir[@]}"}" list 2>/dev/null |
			awk 'NR > 1 && $4 == "valid" { print $1 }')" -- "$cur")
	fi
	return 0
}

_teamctl_words()
{
	local cur prev i w words_left=() group="" sub="" after=()
	cur=${words[cword]}
	prev=${words[cword - 1]:-}

	# The words before the cursor: the global options (those of REMOTE
	# kept for _teamctl_run), then the command and its words, -j and the
	# command's options left out (all of them kept in after: pki).
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		if [ ${#words_left[@]} -eq 0 ]; then
			case "$w" in
			-j | --json) ;;
			-r | --remote | --cert | --key | --ca | --timeout)
				if [ $((i + 1)) -eq "$cword" ]; then
					_teamctl_value "$cur" "$w" ""
					return 0
				fi
				i=$((i + 1))
				_teamctl_remote+=("$w" "${words[i]/#\~/${HOME:-\~}}") ;;
			--remote=* | --cert=* | --key=* | --ca=* | --timeout=*)
				_teamctl_remote+=("${w%%=*}" "${w#*=}") ;;
			-*) return 0 ;;	# -h, -V: nothing follows
			*) words_left+=("$w") ;;
			esac
			continue
		fi
		after+=("$w")
		case "$w" in
		-*) ;;
		*) words_left+=("$w") ;;
		esac
	done
	group=${words_left[0]:-}
	sub=${words_left[1]:-}

	if [ -z "$group" ]; then
		case "$cur" in
		--remote=* | --cert=* | --key=* | --ca=* | --timeout=*)
			_teamctl_value "${cur#*=}" "${cur%%=*}" "${cur%%=*}="
			;;
		-*)
			mapfile -t COMPREPLY < <(compgen -W "-j --json -h --help -V --version $_teamctl_value_opts" -- "$cur") ;;
		*)
			mapfile -t COMPREPLY < <(compgen -W "team member stats monitor config pki help" -- "$cur") ;;
		esac
		return 0
	fi
	if [ "$group" = pki ]; then
		_teamctl_pki "${after[@]+"${after[@]}"}"
		return 0
	fi
	if [[ "$cur" == -* ]]; then
		local opts="--help -j --json"
		[ "$group $sub" = "config apply" ] && opts+=" --prune --dry-run"
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return 0
	fi

	local n=${#words_left[@]}	# words typed so far, group included
	case "$group" in
	team)
		if [ "$n" -eq 1 ]; then
			mapfile -t COMPREPLY < <(compgen -W "add del set show" -- "$cur")
			return 0
		fi
		case "$sub" in
		del | show | set)
			if [ "$n" -eq 2 ]; then
				mapfile -t COMPREPLY < <(compgen -W "$(_teamctl_teams)" -- "$cur")
				return 0
			fi
			;;
		esac
		case "$prev" in
		mode)
			mapfile -t COMPREPLY < <(compgen -W "switch-independent static lacp" -- "$cur") ;;
		lb)
			mapfile -t COMPREPLY < <(compgen -W "address-hash hyperv-port dynamic" -- "$cur") ;;
		hash)
			_teamctl_list "mac ip ports inner" ;;
		probe-targets)
			mapfile -t COMPREPLY < <(compgen -W "none" -- "$cur") ;;
		lacp-system)
			mapfile -t COMPREPLY < <(compgen -W "auto" -- "$cur") ;;
		lacp-rate)
			mapfile -t COMPREPLY < <(compgen -W "slow fast" -- "$cur") ;;
		lacp-mode)
			mapfile -t COMPREPLY < <(compgen -W "active passive" -- "$cur") ;;
		lacp-control)
			mapfile -t COMPREPLY < <(compgen -W "coupled independent" -- "$cur") ;;
		lacp-mixed-speed | lacp-fallback)
			mapfile -t COMPREPLY < <(compgen -W "on off" -- "$cur") ;;
		flowlet-gap | balance-interval | balance-threshold | probe-interval | \
		probe-missed | updelay | downdelay | min-links | lacp-sys-prio)
			;;	# a number
		members | standby)
			_teamctl_list "$(_teamctl_ifaces)" ;;
		*)
			if [ "$sub" = add ] && [ "$n" -ge 3 ]; then
				mapfile -t COMPREPLY < <(compgen -W "$_teamctl_params members standby" -- "$cur")
			elif [ "$sub" = set ] && [ "$n" -ge 3 ]; then
				mapfile -t COMPREPLY < <(compgen -W "$_teamctl_params" -- "$cur")
			fi
			;;
		esac
		;;
	member)
		if [ "$n" -eq 1 ]; then
			mapfile -t COMPREPLY < <(compgen -W "add del set" -- "$cur")
			return 0
		fi
		if [ "$n" -eq 2 ]; then
			mapfile -t COMPREPLY < <(compgen -W "$(_teamctl_teams)" -- "$cur")
			return 0
		fi
		if [ "$n" -eq 3 ]; then
			if [ "$sub" = add ]; then
				mapfile -t COMPREPLY < <(compgen -W "$(_teamctl_ifaces)" -- "$cur")
			else
				mapfile -t COMPREPLY < <(compgen -W "$(_teamctl_members "${words_left[2]}")" -- "$cur")
			fi
			return 0
		fi
		case "$prev" in
		standby)
			[ "$sub" = set ] &&
				mapfile -t COMPREPLY < <(compgen -W "on off" -- "$cur") ;;
		role)
			mapfile -t COMPREPLY < <(compgen -W "active standby" -- "$cur") ;;
		admin)
			mapfile -t COMPREPLY < <(compgen -W "up down" -- "$cur") ;;
		weight | lacp-prio | lacp-key) ;;	# a number
		*)
			case "$sub" in
			add | set) mapfile -t COMPREPLY < <(compgen -W "standby role admin weight lacp-prio lacp-key" -- "$cur") ;;
			esac
			;;
		esac
		;;
	stats)
		[ "$n" -eq 1 ] &&
			mapfile -t COMPREPLY < <(compgen -W "$(_teamctl_teams)" -- "$cur")
		;;
	config)
		if [ "$n" -eq 1 ]; then
			mapfile -t COMPREPLY < <(compgen -W "apply export" -- "$cur")
		elif [ "$sub" = apply ]; then
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			compopt -o filenames 2>/dev/null
		elif [ "$sub" = export ] && [ "$n" -eq 2 ]; then
			mapfile -t COMPREPLY < <(compgen -W "$(_teamctl_teams)" -- "$cur")
		fi
		;;
	esac
	return 0
}

# The words are first joined again (_teamctl_join), completed
# (_teamctl_words), and what bash keeps of the current word taken off.
_teamctl()
{
	local words=() cword strip _teamctl_remote=()
	_teamctl_join
	_teamctl_words
	local c
	if [ -n "$strip" ]; then
		for c in "${!COMPREPLY[@]}"; do
			COMPREPLY[c]=${COMPREPLY[c]#"$strip"}
		done
	fi
	return 0
}

complete -F _teamctl teamctl
