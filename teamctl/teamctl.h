/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the subcommand files share: the options of one run, the exit
 * statuses and the handlers of the subcommand table (teamctl.c).
 */
#ifndef TEAMCTL_TEAMCTL_H
#define TEAMCTL_TEAMCTL_H

#include <stdbool.h>

#include "kernel.h"

#define TEAMCTL_VERSION "0.1"

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* the kernel refused, or a runtime error */
	EXIT_USAGE = 2,		/* wrong words, invalid values */
};

struct opts {
	bool json;
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

/* kernel_open() with its error printed; EXIT_OK or EXIT_FAIL. */
int open_kernel(struct kernel **k);

/* "unexpected word 'x'" and friends: print, return EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* TEAMCTL_TEAMCTL_H */
