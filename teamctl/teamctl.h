/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the subcommand files share: the options of one run, the exit
 * statuses and the handlers of the subcommand table (teamctl.c).
 */
#ifndef TEAMCTL_TEAMCTL_H
#define TEAMCTL_TEAMCTL_H

#include <stdbool.h>

#include "args.h"
#include "client.h"
#include "ops.h"

#define TEAMCTL_VERSION "0.2"

struct opts {
	bool json;
	/* --remote and its credentials (remote/client.h); NULL: local */
	const char *remote;
	const char *cert;
	const char *key;
	const char *ca;
	int timeout_ms;
};

/*
 * A handler gets the words after its subcommand (global options and -j
 * removed) and returns an exit status.
 */
typedef int (*cmd_fn)(int argc, char **argv, const struct opts *o);

int cmd_team_add(int argc, char **argv, const struct opts *o);
int cmd_team_del(int argc, char **argv, const struct opts *o);
int cmd_team_set(int argc, char **argv, const struct opts *o);
int cmd_team_show(int argc, char **argv, const struct opts *o);
int cmd_member_add(int argc, char **argv, const struct opts *o);
int cmd_member_del(int argc, char **argv, const struct opts *o);
int cmd_member_set(int argc, char **argv, const struct opts *o);
int cmd_stats(int argc, char **argv, const struct opts *o);
int cmd_monitor(int argc, char **argv, const struct opts *o);
int cmd_config_apply(int argc, char **argv, const struct opts *o);
int cmd_config_export(int argc, char **argv, const struct opts *o);

int cmd_pki(int argc, char **argv, const struct opts *o);

/*
 * Run the operation a, here or (--remote) through teamctld: print its
 * messages on stderr and return its exit status. With EXIT_OK, *result
 * (if result is not NULL) holds what the operation returned (ops.h), to be
 * freed with json_decref (it may be NULL).
 */
int call(const struct op_args *a, const struct opts *o, json_t **result);

/*
 * --remote: connect to the daemon (EXIT_OK, or the error printed and
 * EXIT_FAIL); send one request (takes args) and read its response into
 * *rep, printing its messages. Returns the response's status (*rep to be
 * freed with reply_free when rep->root is set), or EXIT_FAIL.
 */
int remote_open(const struct opts *o, struct rclient **c);
int remote_request(struct rclient *c, const struct opts *o, const char *op,
		   json_t *args, struct reply *rep);

/* The words [TEAM] of a read into a (args_init'ed): EXIT_OK or _USAGE. */
int parse_read(int argc, char **argv, enum op_id op, struct op_args *a);

/* Print a read's result: text or JSON (o->json). EXIT_OK or EXIT_FAIL. */
int print_result(const json_t *doc, const struct opts *o);

/* "unexpected word 'x'" and friends: print, return EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* TEAMCTL_TEAMCTL_H */
