/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The team's state: member states, transmit map, bucket tables.
 */
#ifndef _LBFO_STATE_H
#define _LBFO_STATE_H

#include <linux/types.h>

struct lbfo_member;
struct lbfo_team;

int lbfo_state_init(struct lbfo_team *team);
void lbfo_state_stop(struct lbfo_team *team);
void lbfo_state_free(struct lbfo_team *team);
int lbfo_slot_alloc(struct lbfo_team *team);
void lbfo_slot_free(struct lbfo_team *team, unsigned int slot);
u32 lbfo_member_weight(const struct lbfo_member *member);
void lbfo_member_read_speed(struct lbfo_member *member);
unsigned int lbfo_member_buckets(const struct lbfo_member *member);

#endif /* _LBFO_STATE_H */
