// SPDX-License-Identifier: GPL-2.0
/*
 * teamctl: configure and watch lbfo teams. This file is main, the global
 * options and the table of subcommands; each group lives in its own file
 * (team.c, member.c, stats.c, monitor.c, config.c).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "params.h"
#include "parse.h"
#include "print.h"
#include "teamctl.h"

struct command {
	const char *group;
	const char *name;	/* NULL: the group is the command (stats) */
	cmd_fn run;
	const char *usage;	/* the words after "teamctl GROUP NAME" */
	const char *help;
	bool reads;		/* takes -j */
};

static const struct command commands[] = {
	{ "team", "add", cmd_team_add,
	  "NAME [PARAM VALUE]... [members IF[,IF...]] [standby IF[,IF...]]",
	  "create a team, with parameters and members; all or nothing", false },
	{ "team", "del", cmd_team_del, "NAME",
	  "delete a team; its members are released as they were", false },
	{ "team", "set", cmd_team_set, "NAME PARAM VALUE [PARAM VALUE]...",
	  "change team parameters (mode, load balancing, link monitoring, LACP); all or none",
	  false },
	{ "team", "show", cmd_team_show, "[NAME]",
	  "show teams, their members and counters", true },
	{ "member", "add", cmd_member_add,
	  "TEAM IF [standby] [role ROLE] [admin up|down] [weight N] [lacp-prio N] [lacp-key N]",
	  "add a device to a team (active unless standby)", false },
	{ "member", "del", cmd_member_del, "TEAM IF",
	  "remove a member from its team", false },
	{ "member", "set", cmd_member_set,
	  "TEAM IF [standby on|off] [role ROLE] [admin up|down] [weight N] [lacp-prio N] [lacp-key N]",
	  "change a member's role, administrative state, weight or LACP port priority and key",
	  false },
	{ "stats", NULL, cmd_stats, "[TEAM]",
	  "team and per-member counters", true },
	{ "monitor", NULL, cmd_monitor, "",
	  "print events as they happen, until interrupted", true },
	{ "config", "apply", cmd_config_apply, "FILE [--prune] [--dry-run]",
	  "make the running teams what FILE describes; all or nothing", true },
	{ "config", "export", cmd_config_export, "[TEAM]",
	  "write the running configuration in the format apply reads", false },
	{ "pki", NULL, cmd_pki, "init|host|client|revoke|list ...",
	  "manage the private CA of teamctld (teamctl-pki(8))", false },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

#define DEFAULT_TIMEOUT_MS	10000

/* "  WORD ARG   " of a value line, aligned. */
static void print_word(FILE *f, const char *word, const char *arg)
{
	char both[64];

	snprintf(both, sizeof(both), "%s %s", word, arg);
	fprintf(f, "  %-33s ", both);
}

/* The names of t as "a | b | c". */
static void print_names(FILE *f, const struct name_table *t)
{
	size_t i;
	bool first = true;

	for (i = 0; i < t->n; i++) {
		if (!t->names[i])
			continue;
		fprintf(f, "%s%s", first ? "" : " | ", t->names[i]);
		first = false;
	}
	fputc('\n', f);
}

/* "  min-links N   1 to 64 (members), default 1" */
static void print_num(FILE *f, const struct num_param *d)
{
	char range[96];

	num_range(d, range, sizeof(range));
	print_word(f, d->word, d->arg);
	fprintf(f, "%s, default %lld\n", range, d->def);
}

/* "  lacp-rate slow|fast   default fast" */
static void print_opt(FILE *f, const struct opt_param *d)
{
	char arg[64] = "on|off";
	size_t i, len = 0;

	for (i = 0; d->names && i < d->names->n; i++)
		len += (size_t)snprintf(arg + len, sizeof(arg) - len, "%s%s",
					i ? "|" : "", name_of(d->names, (int)i));
	print_word(f, d->word, arg);
	fprintf(f, "default %s\n", opt_name(d, d->def));
}

/* The words of team add and team set, with their values and ranges. */
static void print_team_values(FILE *f)
{
	int i;

	fprintf(f, "PARAM VALUE:\n");
	print_word(f, "mode", "MODE");
	print_names(f, &names_mode);
	print_word(f, "lb", "ALGO");
	print_names(f, &names_lb);
	print_word(f, "hash", "FIELD[,FIELD...]");
	print_names(f, &names_hash);
	for (i = 0; i < N_NUMS; i++) {
		print_num(f, &team_nums[i]);
		if (i == NUM_PROBE_MISSED) {
			print_word(f, "probe-targets", "IP[,IP...]");
			fprintf(f, "IPv4/IPv6 unicast addresses (at most %d), or none\n",
				LBFO_PROBE_TARGETS_MAX);
		} else if (i == NUM_LACP_SYS_PRIO) {
			print_word(f, "lacp-system", "MAC|auto");
			fprintf(f, "unicast, default auto (the team's address)\n");
		}
	}
	for (i = 0; i < N_OPTS; i++)
		print_opt(f, &team_opts[i]);
}

static void print_member_values(FILE *f)
{
	fprintf(f, "ROLE := ");
	print_names(f, &names_role);
	print_num(f, &member_weight);
	print_num(f, &member_lacp_prio);
	print_num(f, &member_lacp_key);
}

int usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("teamctl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs(" (see teamctl --help)\n", stderr);
	va_end(ap);
	return EXIT_USAGE;
}

static void command_usage(FILE *f, const struct command *c)
{
	fprintf(f, "  teamctl %s%s%s%s%s\n", c->group, c->name ? " " : "",
		c->name ? c->name : "", c->usage[0] ? " " : "", c->usage);
}

static void usage(FILE *f, const char *group)
{
	size_t i;

	fprintf(f, "Usage: teamctl [-j|--json] [REMOTE] COMMAND [ARGS]\n"
		   "       teamctl -h|--help | -V|--version\n\n"
		   "Commands:\n");
	for (i = 0; i < N_COMMANDS; i++)
		if (!group || !strcmp(group, commands[i].group))
			command_usage(f, &commands[i]);
	fputc('\n', f);
	print_team_values(f);
	print_member_values(f);
	fprintf(f, "\nOptions:\n"
		   "  -j, --json     JSON output (team show, stats, monitor, config apply)\n"
		   "  -h, --help     this help; COMMAND --help: that command's\n"
		   "  -V, --version  the version\n\n"
		   "REMOTE (run the command through teamctld; see teamctld(8)):\n"
		   "  -r, --remote HOST:PORT|[ADDR]:PORT|unix:PATH   the daemon\n"
		   "      --cert FILE, --key FILE   our client certificate and key\n"
		   "      --ca FILE      the CA that signed the daemon's certificate\n"
		   "      --timeout MS   for the connection and each reply (default %d)\n"
		   "  or the environment: TEAMCTL_REMOTE, TEAMCTL_CERT, TEAMCTL_KEY,\n"
		   "  TEAMCTL_CA.\n\n"
		   "See teamctl(8).\n", DEFAULT_TIMEOUT_MS);
}

static int command_help(const struct command *c)
{
	printf("Usage:\n");
	command_usage(stdout, c);
	printf("\n%s.\n", c->help);
	if (c->reads)
		printf("-j, --json: JSON output.\n");
	if (strstr(c->usage, "PARAM")) {
		putchar('\n');
		print_team_values(stdout);
	}
	if (strstr(c->usage, "ROLE")) {
		putchar('\n');
		print_member_values(stdout);
	}
	return EXIT_OK;
}

/*
 * Take -j/--json out of argv (for the commands that read), and say whether
 * a help word is among the words.
 */
static int strip_options(int argc, char **argv, struct opts *o, bool *help)
{
	int i, n = 0;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			o->json = true;
			continue;
		}
		if (is_help_word(argv[i]))
			*help = true;
		argv[n++] = argv[i];
	}
	return n;
}

static const struct command *find(const char *group, const char *name,
				  bool *group_known)
{
	size_t i;

	*group_known = false;
	for (i = 0; i < N_COMMANDS; i++) {
		if (strcmp(commands[i].group, group))
			continue;
		*group_known = true;
		if (!commands[i].name ||
		    (name && !strcmp(commands[i].name, name)))
			return &commands[i];
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "remote", required_argument, NULL, 'r' },
		{ "cert", required_argument, NULL, 'C' },
		{ "key", required_argument, NULL, 'K' },
		{ "ca", required_argument, NULL, 'A' },
		{ "timeout", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = {
		.remote = getenv("TEAMCTL_REMOTE"),
		.cert = getenv("TEAMCTL_CERT"),
		.key = getenv("TEAMCTL_KEY"),
		.ca = getenv("TEAMCTL_CA"),
		.timeout_ms = DEFAULT_TIMEOUT_MS,
	};
	const struct command *c;
	bool known, help = false;
	const char *group, *name;
	int opt, rest;
	char *end;
	long ms;

	if (o.remote && !o.remote[0])
		o.remote = NULL;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:jhVr:", long_opts, NULL)) != -1) {
		switch (opt) {
		case 'j':
			o.json = true;
			break;
		case 'r':
			o.remote = optarg;
			break;
		case 'C':
			o.cert = optarg;
			break;
		case 'K':
			o.key = optarg;
			break;
		case 'A':
			o.ca = optarg;
			break;
		case 'T':
			errno = 0;
			ms = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || ms < 1 ||
			    ms > 3600000)
				return usage_error("invalid --timeout '%s': expected 1 to 3600000 (milliseconds)",
						   optarg);
			o.timeout_ms = (int)ms;
			break;
		case 'h':
			usage(stdout, NULL);
			return EXIT_OK;
		case 'V':
			printf("teamctl %s\n", TEAMCTL_VERSION);
			return EXIT_OK;
		case ':':
			return usage_error("option '%s' needs a value",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind == argc) {
		usage(stderr, NULL);
		return EXIT_USAGE;
	}
	group = argv[optind++];
	if (!strcmp(group, "help")) {
		usage(stdout, NULL);
		return EXIT_OK;
	}
	if (!strcmp(group, "pki"))	/* its words are teamctl-pki's */
		return cmd_pki(argc - optind, argv + optind, &o);
	name = optind < argc ? argv[optind] : NULL;
	c = find(group, name, &known);
	if (!known)
		return usage_error("unknown command '%s'", group);
	if (!c) {
		if (!name && !strcmp(group, "team"))	/* like ip: show */
			c = find("team", "show", &known);
		else if (!name || is_help_word(name)) {
			usage(name ? stdout : stderr, group);
			return name ? EXIT_OK : EXIT_USAGE;
		} else {
			return usage_error("unknown command '%s %s'", group,
					   name);
		}
	}
	if (c->name && name)
		optind++;
	rest = strip_options(argc - optind, argv + optind, &o, &help);
	if (help)
		return command_help(c);
	if (o.remote && strncmp(o.remote, "unix:", 5) &&
	    (!o.cert || !o.key || !o.ca))
		return usage_error("--remote %s needs --cert, --key and --ca (a client certificate and the CA of the daemon)",
				   o.remote);
	return c->run(rest, argv + optind, &o);
}
