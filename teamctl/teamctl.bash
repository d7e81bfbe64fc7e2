# SPDX-License-Identifier: GPL-2.0
# bash completion for teamctl(8). Install as
# /usr/share/bash-completion/completions/teamctl, or source it.

# Team names: the header lines of `teamctl team show` ("team0: ..."), or
# the lbfo links ip knows of.
_teamctl_teams()
{
	local names
	names=$(teamctl team show 2>/dev/null | sed -n 's/^\([^ :]*\): .*/\1/p')
	[ -n "$names" ] ||
		names=$(ip -o link show type lbfo 2>/dev/null |
			awk -F': ' '{ sub(/@.*/, "", $2); print $2 }')
	echo "$names"
}

# Members of team $1: the first column of its members table.
_teamctl_members()
{
	teamctl team show "$1" 2>/dev/null |
		awk '/^    members:/ { m = 1; next } m && $1 != "name" { print $1 }'
}

_teamctl_ifaces()
{
	local d
	for d in /sys/class/net/*; do
		[ -e "$d" ] && echo "${d##*/}"
	done
}

# The team parameter words of team add and team set.
_teamctl_params="mode lb hash flowlet-gap balance-interval balance-threshold probe-interval probe-missed probe-targets updelay downdelay"

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

_teamctl()
{
	local cur prev i w words_left=() group="" sub=""
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}

	# The words before the cursor, global options left out.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case "$w" in
		-j | --json) ;;
		-*) [ -z "$group" ] && return 0 ;;	# -h, -V: nothing follows
		*) words_left+=("$w") ;;
		esac
	done
	group=${words_left[0]:-}
	sub=${words_left[1]:-}

	if [ -z "$group" ]; then
		if [[ "$cur" == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "-j --json -h --help -V --version" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "team member stats monitor config help" -- "$cur")
		fi
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
		flowlet-gap | balance-interval | balance-threshold | probe-interval | \
		probe-missed | updelay | downdelay)
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
		weight) ;;	# a number
		*)
			case "$sub" in
			add | set) mapfile -t COMPREPLY < <(compgen -W "standby role admin weight" -- "$cur") ;;
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

complete -F _teamctl teamctl
