/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The dynamic load balancer: moves flow buckets by measured load.
 */
#ifndef _LBFO_BALANCER_H
#define _LBFO_BALANCER_H

struct lbfo_team;

int lbfo_balancer_init(struct lbfo_team *team);
void lbfo_balancer_update(struct lbfo_team *team);
void lbfo_balancer_stop(struct lbfo_team *team);
void lbfo_balancer_free(struct lbfo_team *team);

#endif /* _LBFO_BALANCER_H */
