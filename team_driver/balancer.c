// SPDX-License-Identifier: GPL-2.0
/*
 * The dynamic load balancer.
 *
 * The data path counts the bytes of each flow bucket per CPU. Every balance
 * interval this work sums them, asks lbfo_balance() (policies/) which
 * buckets to move, and records each move as the bucket's next slot; the
 * data path makes it at the bucket's next flowlet. The work runs only while
 * the team is up with lb dynamic, takes RTNL with rtnl_trylock() (so that
 * cancelling it under RTNL cannot deadlock) and never sleeps holding it.
 */
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "balancer.h"
#include "device.h"
#include "member.h"
#include "state.h"
#include "policies/balance.h"

/* Most buckets moved per interval: load moves gradually, at flowlets. */
#define LBFO_BALANCE_MOVES	8

static void lbfo_balance_once(struct lbfo_team *team)
{
	struct lbfo_txmap *map = rtnl_dereference(team->txmap);
	struct lbfo_move moves[LBFO_BALANCE_MOVES];
	u32 weights[LBFO_MAX_MEMBERS] = {};
	u64 *delta = team->bucket_delta;
	u8 *slots = team->bucket_scratch;
	unsigned int b, i, n;
	int cpu;

	if (!map || map->count < 2)
		return;
	for (i = 0; i < map->count; i++)
		weights[map->members[i]->slot] =
			lbfo_member_weight(map->members[i]);
	for (b = 0; b < LBFO_BUCKETS; b++) {
		u64 sum = 0;

		for_each_possible_cpu(cpu)
			sum += READ_ONCE(per_cpu_ptr(team->bucket_bytes, cpu)[b]);
		delta[b] = sum - team->bucket_prev[b];
		team->bucket_prev[b] = sum;
		slots[b] = READ_ONCE(team->buckets[b].next);
	}
	n = lbfo_balance(slots, delta, weights, LBFO_MAX_MEMBERS,
			 team->p.balance_threshold, moves, LBFO_BALANCE_MOVES);
	for (i = 0; i < n; i++)
		WRITE_ONCE(team->buckets[moves[i].bucket].next, moves[i].to);
}

static void lbfo_balance_work(struct work_struct *work)
{
	struct lbfo_team *team = container_of(to_delayed_work(work),
					      struct lbfo_team, balance_work);

	if (!rtnl_trylock()) {
		mod_delayed_work(system_wq, &team->balance_work, 1);
		return;
	}
	if (team->p.lb == LBFO_LB_DYNAMIC && netif_running(team->dev)) {
		lbfo_balance_once(team);
		mod_delayed_work(system_wq, &team->balance_work,
				 msecs_to_jiffies(team->p.balance_interval_ms));
	}
	rtnl_unlock();
}

/**
 * lbfo_balancer_init() - allocate a new team's load counters
 * @team: the team
 *
 * Return: 0 or -ENOMEM (nothing left allocated then).
 */
int lbfo_balancer_init(struct lbfo_team *team)
{
	team->bucket_bytes = __alloc_percpu(LBFO_BUCKETS * sizeof(u64),
					    sizeof(u64));
	team->bucket_prev = kvcalloc(LBFO_BUCKETS, sizeof(u64), GFP_KERNEL);
	team->bucket_delta = kvcalloc(LBFO_BUCKETS, sizeof(u64), GFP_KERNEL);
	if (!team->bucket_bytes || !team->bucket_prev || !team->bucket_delta) {
		lbfo_balancer_free(team);
		return -ENOMEM;
	}
	INIT_DELAYED_WORK(&team->balance_work, lbfo_balance_work);
	return 0;
}

/* Run the balancer while the team is up with lb dynamic. RTNL. */
void lbfo_balancer_update(struct lbfo_team *team)
{
	ASSERT_RTNL();
	if (team->p.lb == LBFO_LB_DYNAMIC && netif_running(team->dev))
		mod_delayed_work(system_wq, &team->balance_work,
				 msecs_to_jiffies(team->p.balance_interval_ms));
}

/* The work takes RTNL only by trylock: cancelling it under RTNL is safe. */
void lbfo_balancer_stop(struct lbfo_team *team)
{
	cancel_delayed_work_sync(&team->balance_work);
}

void lbfo_balancer_free(struct lbfo_team *team)
{
	free_percpu(team->bucket_bytes);
	kvfree(team->bucket_prev);
	kvfree(team->bucket_delta);
	team->bucket_bytes = NULL;
	team->bucket_prev = NULL;
	team->bucket_delta = NULL;
}
