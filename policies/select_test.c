// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for member selection (policies/select.c).
 */
#include <kunit/test.h>

#include "select.h"

#define A LBFO_ROLE_ACTIVE
#define S LBFO_ROLE_STANDBY
#define ACT LBFO_STATE_ACTIVE
#define SBY LBFO_STATE_STANDBY
#define DWN LBFO_STATE_DOWN

struct select_case {
	const char *name;
	unsigned int n;
	struct lbfo_select_in in[4];
	u8 want[4];
	unsigned int carriers;
};

static const struct select_case select_cases[] = {
	{ "no members", 0, {}, {}, 0 },
	{ "all active, all up", 3,
	  { { A, true, true }, { A, true, true }, { A, true, true } }, { ACT, ACT, ACT }, 3 },
	{ "one active lost its link", 3,
	  { { A, true, true }, { A, false, true }, { A, true, true } }, { ACT, DWN, ACT }, 2 },
	{ "standby idle while an active is up", 3,
	  { { A, true, true }, { A, false, true }, { S, true, true } }, { ACT, DWN, SBY }, 1 },
	{ "standby takes over when no active is up", 3,
	  { { A, false, true }, { A, false, true }, { S, true, true } }, { DWN, DWN, ACT }, 1 },
	{ "every up standby takes over", 4,
	  { { A, false, true }, { S, true, true }, { S, false, true }, { S, true, true } },
	  { DWN, ACT, DWN, ACT }, 2 },
	{ "nothing up", 2,
	  { { A, false, true }, { S, false, true } }, { DWN, DWN }, 0 },
	{ "standby-only team uses its standbys", 2,
	  { { S, true, true }, { S, true, true } }, { ACT, ACT }, 2 },
	{ "admin down is down, whatever the link", 2,
	  { { A, true, false }, { A, true, true } }, { DWN, ACT }, 1 },
	{ "standby takes over from an admin-down active", 2,
	  { { A, true, false }, { S, true, true } }, { DWN, ACT }, 1 },
	{ "admin-down standby stays out", 3,
	  { { A, false, true }, { S, true, false }, { S, true, true } },
	  { DWN, DWN, ACT }, 1 },
	{ "active returns, standby steps back", 2,
	  { { S, true, true }, { A, true, true } }, { SBY, ACT }, 1 },
};

static void select_case_to_desc(const struct select_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(select, select_cases, select_case_to_desc);

static void lbfo_select_states_test(struct kunit *test)
{
	const struct select_case *c = test->param_value;
	u8 state[4];
	unsigned int i, carriers;

	memset(state, 0xff, sizeof(state));
	carriers = lbfo_select_states(c->in, c->n, state);
	KUNIT_EXPECT_EQ(test, carriers, c->carriers);
	for (i = 0; i < c->n; i++)
		KUNIT_EXPECT_EQ_MSG(test, state[i], c->want[i], "member %u", i);
	/* Nothing beyond n is written. */
	for (i = c->n; i < ARRAY_SIZE(state); i++)
		KUNIT_EXPECT_EQ(test, state[i], 0xff);
}

static struct kunit_case lbfo_select_test_cases[] = {
	KUNIT_CASE_PARAM(lbfo_select_states_test, select_gen_params),
	{}
};

static struct kunit_suite lbfo_select_test_suite = {
	.name = "lbfo_select",
	.test_cases = lbfo_select_test_cases,
};

kunit_test_suite(lbfo_select_test_suite);

MODULE_LICENSE("GPL");
