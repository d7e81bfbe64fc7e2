// SPDX-License-Identifier: GPL-2.0
/* names.c: every uapi value has its one name, and back. */
#include <string.h>

#include <linux/lbfo.h>

#include "harness.h"
#include "names.h"

static void every_value_named(void **state)
{
	const struct { const struct name_table *t; int n; } all[] = {
		{ &names_mode, __LBFO_MODE_MAX },
		{ &names_lb, __LBFO_LB_MAX },
		{ &names_role, __LBFO_ROLE_MAX },
		{ &names_state, __LBFO_STATE_MAX },
		{ &names_reason, __LBFO_REASON_MAX },
		{ &names_admin, 2 },
		{ &names_hash, __builtin_popcount(LBFO_HASH_ALL) },
		{ &names_lacp_rate, __LBFO_LACP_RATE_MAX },
		{ &names_lacp_mode, 2 },
		{ &names_lacp_control, 2 },
		{ &names_lacp_state, LBFO_LACP_TEAM_FALLBACK + 1 },
		{ &names_lacp_rx, LBFO_LACP_RX_S_CURRENT + 1 },
		{ &names_lacp_mux, LBFO_LACP_MUX_S_COLLECTING_DISTRIBUTING + 1 },
		{ &names_lacp_why, __LBFO_LACP_WHY_MAX },
		{ &names_lacp_bits, 8 },
	};
	size_t i;
	int v;

	(void)state;
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		assert_int_equal(all[i].t->n, all[i].n);
		for (v = 0; v < all[i].n; v++) {
			const char *s = name_of(all[i].t, v);

			assert_string_not_equal(s, "unknown");
			assert_int_equal(name_find(all[i].t, s), v);
		}
	}
}

static void uapi_spellings(void **state)
{
	(void)state;
	assert_string_equal(name_of(&names_mode, LBFO_MODE_SWITCH_INDEPENDENT),
			    "switch-independent");
	assert_string_equal(name_of(&names_mode, LBFO_MODE_STATIC), "static");
	assert_string_equal(name_of(&names_mode, LBFO_MODE_LACP), "lacp");
	assert_string_equal(name_of(&names_lb, LBFO_LB_ADDRESS_HASH),
			    "address-hash");
	assert_string_equal(name_of(&names_lb, LBFO_LB_HYPERV_PORT),
			    "hyperv-port");
	assert_string_equal(name_of(&names_lb, LBFO_LB_DYNAMIC), "dynamic");
	assert_string_equal(name_of(&names_state, LBFO_STATE_DOWN), "down");
	assert_string_equal(name_of(&names_reason, LBFO_REASON_LINK_DOWN),
			    "link-down");
	assert_string_equal(name_of(&names_reason, LBFO_REASON_ADMIN_UP),
			    "admin-up");
	assert_string_equal(name_of(&names_reason, LBFO_REASON_LEAVE), "leave");
	assert_string_equal(name_of(&names_hash, __builtin_ctz(LBFO_HASH_MAC)),
			    "mac");
	assert_string_equal(name_of(&names_hash, __builtin_ctz(LBFO_HASH_IP)),
			    "ip");
	assert_string_equal(name_of(&names_hash,
				    __builtin_ctz(LBFO_HASH_PORTS)), "ports");
	assert_string_equal(name_of(&names_hash,
				    __builtin_ctz(LBFO_HASH_INNER)), "inner");
	assert_string_equal(name_of(&names_reason, LBFO_REASON_PROBE_DOWN),
			    "probe-down");
	assert_string_equal(name_of(&names_admin, 1), "up");
	assert_string_equal(name_of(&names_admin, 0), "down");
	assert_string_equal(name_of(&names_event, LBFO_CMD_MEMBER_STATE),
			    "member-state");
	assert_string_equal(name_of(&names_event, LBFO_CMD_FAILOVER),
			    "failover");
	assert_string_equal(name_of(&names_event, LBFO_CMD_LACP), "lacp");
	assert_string_equal(name_of(&names_reason, LBFO_REASON_LACP), "lacp");
	assert_string_equal(name_of(&names_lacp_rate, LBFO_LACP_RATE_SLOW),
			    "slow");
	assert_string_equal(name_of(&names_lacp_rate, LBFO_LACP_RATE_FAST),
			    "fast");
	assert_string_equal(name_of(&names_lacp_state,
				    LBFO_LACP_TEAM_NEGOTIATING), "negotiating");
	assert_string_equal(name_of(&names_lacp_rx,
				    LBFO_LACP_RX_S_LACP_DISABLED),
			    "lacp-disabled");
	assert_string_equal(name_of(&names_lacp_mux,
				    LBFO_LACP_MUX_S_COLLECTING_DISTRIBUTING),
			    "collecting-distributing");
	assert_string_equal(name_of(&names_lacp_why, LBFO_LACP_WHY_OTHER_GROUP),
			    "other-group");
	assert_string_equal(name_of(&names_lacp_why, LBFO_LACP_WHY_PARTNER_SYNC),
			    "partner-sync");
	assert_string_equal(name_of(&names_lacp_bits,
				    __builtin_ctz(LBFO_LACP_STATE_SYNC)), "sync");
	assert_string_equal(name_of(&names_lacp_bits,
				    __builtin_ctz(LBFO_LACP_STATE_EXPIRED)),
			    "expired");
	assert_string_equal(name_of(&names_lacp_mode, 1), "active");
	assert_string_equal(name_of(&names_lacp_control, 1), "independent");
}

static void unknown_values(void **state)
{
	(void)state;
	assert_string_equal(name_of(&names_mode, -1), "unknown");
	assert_string_equal(name_of(&names_mode, __LBFO_MODE_MAX), "unknown");
	assert_string_equal(name_of(&names_event, LBFO_CMD_TEAM_GET),
			    "unknown");
	assert_int_equal(name_find(&names_mode, "Static"), -1);
	assert_int_equal(name_find(&names_mode, ""), -1);
	assert_int_equal(name_find(&names_lb, "address_hash"), -1);
}

static void list_for_messages(void **state)
{
	char buf[128], tiny[8];

	(void)state;
	name_list(&names_mode, buf, sizeof(buf));
	assert_string_equal(buf, "switch-independent, static or lacp");
	name_list(&names_role, buf, sizeof(buf));
	assert_string_equal(buf, "active or standby");
	name_list(&names_hash, buf, sizeof(buf));
	assert_string_equal(buf, "mac, ip, ports or inner");
	name_list(&names_mode, tiny, sizeof(tiny));
	assert_int_equal(strlen(tiny), sizeof(tiny) - 1);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(every_value_named),
	cmocka_unit_test(uapi_spellings),
	cmocka_unit_test(unknown_values),
	cmocka_unit_test(list_for_messages),
};

HARNESS_MAIN("names", tests)
