// SPDX-License-Identifier: GPL-2.0
/* parse.c: the small parsers of command line words. */
#include <stdio.h>
#include <string.h>

#include <linux/lbfo.h>

#include "harness.h"
#include "parse.h"

static void ifnames(void **state)
{
	char out[IF_NAMESIZE];

	(void)state;
	assert_true(parse_ifname("eth0", out));
	assert_string_equal(out, "eth0");
	assert_true(parse_ifname("a23456789012345", out));	/* 15 */
	assert_true(parse_ifname("team0.100", out));
	assert_false(parse_ifname("a234567890123456", out));	/* 16 */
	assert_false(parse_ifname("", out));
	assert_false(parse_ifname(".", out));
	assert_false(parse_ifname("..", out));
	assert_false(parse_ifname("a/b", out));
	assert_false(parse_ifname("a b", out));
	assert_false(parse_ifname("a:1", out));
	assert_false(parse_ifname("a\tb", out));
	assert_false(parse_ifname("team%d", out));
}

static void enum_names(void **state)
{
	int v = -1;

	(void)state;
	assert_true(parse_name(&names_mode, "lacp", &v));
	assert_int_equal(v, LBFO_MODE_LACP);
	assert_true(parse_name(&names_mode, "switch-independent", &v));
	assert_int_equal(v, LBFO_MODE_SWITCH_INDEPENDENT);
	assert_true(parse_name(&names_lb, "dynamic", &v));
	assert_int_equal(v, LBFO_LB_DYNAMIC);
	assert_true(parse_name(&names_role, "standby", &v));
	assert_int_equal(v, LBFO_ROLE_STANDBY);
	assert_true(parse_name(&names_admin, "down", &v));
	assert_int_equal(v, 0);
	v = 42;
	assert_false(parse_name(&names_mode, "roundrobin", &v));
	assert_int_equal(v, 42);	/* untouched on failure */
	assert_false(parse_name(&names_lb, "", &v));
	assert_false(parse_name(&names_role, "ACTIVE", &v));
}

static void on_off(void **state)
{
	bool b = false;

	(void)state;
	assert_true(parse_on_off("standby", "on", &b));
	assert_true(b);
	assert_true(parse_on_off("standby", "off", &b));
	assert_false(b);
	assert_false(parse_on_off("standby", "yes", &b));
	assert_false(parse_on_off("standby", "", &b));
}

static void iflists(void **state)
{
	char out[LBFO_MAX_MEMBERS][IF_NAMESIZE];
	size_t n = 99;

	(void)state;
	assert_true(parse_iflist("eth0", out, LBFO_MAX_MEMBERS, &n));
	assert_int_equal(n, 1);
	assert_true(parse_iflist("eth0,eth1,veth2", out, LBFO_MAX_MEMBERS, &n));
	assert_int_equal(n, 3);
	assert_string_equal(out[0], "eth0");
	assert_string_equal(out[2], "veth2");
	assert_false(parse_iflist("", out, LBFO_MAX_MEMBERS, &n));
	assert_false(parse_iflist("a,,b", out, LBFO_MAX_MEMBERS, &n));
	assert_false(parse_iflist("a,", out, LBFO_MAX_MEMBERS, &n));
	assert_false(parse_iflist(",a", out, LBFO_MAX_MEMBERS, &n));
	assert_false(parse_iflist("a,b,a", out, LBFO_MAX_MEMBERS, &n));
	assert_false(parse_iflist("a,b/c", out, LBFO_MAX_MEMBERS, &n));
	assert_false(parse_iflist("a,b,c", out, 2, &n));
	assert_false(parse_iflist("a,averyveryverylongname0123456789012345678901234567890123456789012345",
				  out, LBFO_MAX_MEMBERS, &n));
}

static void full_team(void **state)
{
	char out[LBFO_MAX_MEMBERS][IF_NAMESIZE], list[LBFO_MAX_MEMBERS * 8];
	size_t n, len = 0;
	int i;

	(void)state;
	for (i = 0; i < LBFO_MAX_MEMBERS; i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%sd%d",
					i ? "," : "", i);
	assert_true(parse_iflist(list, out, LBFO_MAX_MEMBERS, &n));
	assert_int_equal(n, LBFO_MAX_MEMBERS);
	snprintf(list + len, sizeof(list) - len, ",d%d", LBFO_MAX_MEMBERS);
	assert_false(parse_iflist(list, out, LBFO_MAX_MEMBERS, &n));
}

static void help_words(void **state)
{
	(void)state;
	assert_true(is_help_word("-h"));
	assert_true(is_help_word("--help"));
	assert_true(is_help_word("help"));
	assert_false(is_help_word("-j"));
	assert_false(is_help_word("helpme"));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(ifnames),
	cmocka_unit_test(enum_names),
	cmocka_unit_test(on_off),
	cmocka_unit_test(iflists),
	cmocka_unit_test(full_team),
	cmocka_unit_test(help_words),
};

HARNESS_MAIN("parse", tests)
