/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The round trips to the kernel that subcommands share, each a whole one:
 * open the kernel, ask, close, print the kernel's error ("teamctl: ...")
 * and return an exit status.
 */
#ifndef TEAMCTL_REQUEST_H
#define TEAMCTL_REQUEST_H

#include "diff.h"
#include "kernel.h"

/*
 * The words [TEAM] of a read: that team (as a list of one) or, without a
 * word, every team, into *out. EXIT_OK, then free *out with
 * lbfo_team_list_free; else EXIT_USAGE or EXIT_FAIL and *out is empty.
 */
int read_teams(int argc, char **argv, struct lbfo_team_list *out);

/* Make the change s on an open kernel: 0 or a negative errno, as kernel.h. */
int run_step(struct kernel *k, const struct step *s, struct kernel_err *err);

/* The change s alone (team del, member add...): EXIT_OK or EXIT_FAIL. */
int do_step(const struct step *s);

#endif /* TEAMCTL_REQUEST_H */
