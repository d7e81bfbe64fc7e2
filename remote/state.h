/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The desired state: the configuration of every lbfo team (cfg.h, the
 * format of `teamctl config export`) as of the last change made through
 * teamctld, kept in one file that is replaced atomically. It is written to
 * FILE.tmp, fsync'ed, renamed over FILE and the directory fsync'ed, so a
 * crash or kill -9 at any moment leaves either the old file or the new one,
 * whole. teamctld applies it at start and whenever lbfo.ko is loaded again.
 */
#ifndef REMOTE_STATE_H
#define REMOTE_STATE_H

#include <jansson.h>
#include <stddef.h>

#include "cfg.h"

/*
 * Replace path with doc (mode 0600). 0, or -1 with msg: path is then
 * untouched, unless only the final fsync of its directory failed (the new
 * file is in place but may not survive a power loss; msg says so).
 */
int state_save(const char *path, const json_t *doc, char *msg, size_t size);

/*
 * Read path into *out (cfg_free it). 1: read; 0: there is no state yet;
 * -1: it cannot be read or is not a valid configuration (msg). A file that
 * is not valid is renamed to path.bad-TIME and kept, never overwritten.
 */
int state_load(const char *path, struct cfg *out, char *msg, size_t size);

#endif /* REMOTE_STATE_H */
