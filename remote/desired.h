/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The desired state in memory: the configuration of the teams changed
 * through teamctld (cfg.h's JSON form, {"teams": [...]}), persisted with
 * state.h after every change and applied to the kernel at start and when
 * lbfo.ko comes back. Teams made by other means (teamctl on the host) are
 * not in it until a change through the daemon touches them.
 */
#ifndef REMOTE_DESIRED_H
#define REMOTE_DESIRED_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "args.h"

struct desired {
	char *path;		/* the state file */
	json_t *doc;		/* {"teams": [...]}, in the order first changed */
};

/*
 * Read the state file (a missing one is an empty state). 0, or -1 with
 * msg (a file that is not valid is kept aside, see state_load(), and the
 * state starts empty).
 */
int desired_load(struct desired *d, const char *path, char *msg,
		 size_t size);
void desired_free(struct desired *d);

/*
 * After the change a succeeded, read back the teams it touched and update
 * the state: a touched team that runs replaces its entry (or joins the
 * state). One that does not run leaves the state only when it was deleted
 * on purpose (team.del, config.apply with prune); otherwise (a member
 * was missing when the state was applied at start) its entry is kept. A
 * change that failed was undone and leaves the state as it is. config.apply touches the teams of its file and every
 * team of the state (a device may have moved). Then save. 0, or -1 with
 * msg (the kernel could not be read: the state is left as it was; or the
 * file could not be written).
 */
int desired_update(struct desired *d, const struct op_args *a, char *msg,
		   size_t size);

/*
 * Apply the state, one config.apply per team (without prune), so that a
 * team that cannot be made (a member missing) does not hold back the
 * others. Returns the number of teams that failed; log() gets a line per
 * team.
 */
int desired_apply(const struct desired *d,
		  void (*log)(const char *fmt, ...));

#endif /* REMOTE_DESIRED_H */
