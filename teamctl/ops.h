/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running the operations of args.h on the kernel: the one implementation
 * behind teamctl (local calls) and teamctld (remote ones). An operation
 * gives an exit status, the document it read (or the plan it carried out)
 * and the messages a user should see, in that order of lines; it prints
 * nothing itself, so whoever called it decides where each goes.
 */
#ifndef TEAMCTL_OPS_H
#define TEAMCTL_OPS_H

#include <jansson.h>

#include "args.h"
#include "diff.h"
#include "kernel.h"

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* the kernel refused, or a runtime error */
	EXIT_USAGE = 2,		/* wrong words, invalid values */
};

struct op_result {
	int status;		/* EXIT_* */
	json_t *result;		/* NULL, or what the op returns (args.h) */
	json_t *messages;	/* array of strings, maybe empty */
};

/* An empty result (status EXIT_OK); false if out of memory. */
bool op_result_init(struct op_result *r);
void op_result_free(struct op_result *r);

/* Add a message (and, for op_fail, set the status). */
void op_msg(struct op_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void op_fail(struct op_result *r, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Run a (decoded) operation other than monitor; r->status says how it
 * went. What each returns in r->result:
 *   team.show      the array of teams of `teamctl -j team show`
 *   stats          the array of `teamctl -j stats`
 *   config.export  the configuration ({"teams": [...]})
 *   config.apply   the plan carried out (or, dry_run, that would be): an
 *                  array of steps as teamctl commands; empty: no change
 *   the others     nothing (NULL)
 * A change that fails half way is undone (team.add, config.apply); the
 * messages say what was undone.
 */
void ops_run(const struct op_args *a, struct op_result *r);

/* Make the change s on an open kernel: 0 or a negative errno (kernel.h). */
int run_step(struct kernel *k, const struct step *s, struct kernel_err *err);

#endif /* TEAMCTL_OPS_H */
