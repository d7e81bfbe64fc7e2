// SPDX-License-Identifier: GPL-2.0
/* parse.c: the small parsers of command line words. */
#include <stdio.h>
#include <string.h>

#include <linux/lbfo.h>

#include <sys/socket.h>

#include "diff.h"
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

static void numbers(void **state)
{
	const struct num_param *gap = &team_nums[NUM_FLOWLET_GAP];
	const struct num_param *probe = &team_nums[NUM_PROBE_INTERVAL];
	long long v = 42;

	(void)state;
	assert_true(parse_num(gap, "500", &v));
	assert_int_equal(v, 500);
	assert_true(parse_num(gap, "50", &v));
	assert_int_equal(v, LBFO_FLOWLET_GAP_MIN);
	assert_true(parse_num(gap, "1000000", &v));
	assert_int_equal(v, LBFO_FLOWLET_GAP_MAX);
	v = 42;
	assert_false(parse_num(gap, "49", &v));
	assert_false(parse_num(gap, "1000001", &v));
	assert_false(parse_num(gap, "0", &v));
	assert_false(parse_num(gap, "", &v));
	assert_false(parse_num(gap, "-500", &v));
	assert_false(parse_num(gap, "+500", &v));
	assert_false(parse_num(gap, " 500", &v));
	assert_false(parse_num(gap, "500us", &v));
	assert_false(parse_num(gap, "0x100", &v));
	assert_false(parse_num(gap, "99999999999999999999999", &v));
	assert_int_equal(v, 42);	/* untouched on failure */

	/* 0 turns probing off; 1..9 is neither off nor a valid interval. */
	assert_true(parse_num(probe, "0", &v));
	assert_int_equal(v, 0);
	assert_false(parse_num(probe, "9", &v));
	assert_true(parse_num(probe, "10", &v));
	assert_false(parse_num(probe, "60001", &v));

	assert_true(parse_num(&team_nums[NUM_UPDELAY], "0", &v));
	assert_true(parse_num(&team_nums[NUM_DOWNDELAY], "600000", &v));
	assert_false(parse_num(&team_nums[NUM_DOWNDELAY], "600001", &v));
	assert_false(parse_num(&team_nums[NUM_PROBE_MISSED], "0", &v));
	assert_true(parse_num(&team_nums[NUM_PROBE_MISSED], "255", &v));
	assert_false(parse_num(&team_nums[NUM_BALANCE_THRESHOLD], "0", &v));
	assert_true(parse_num(&team_nums[NUM_BALANCE_INTERVAL], "10", &v));
	assert_true(parse_num(&member_weight, "0", &v));
	assert_true(parse_num(&member_weight, "1000000", &v));
	assert_false(parse_num(&member_weight, "1000001", &v));
}

static void ranges_from_the_uapi(void **state)
{
	char buf[96];

	(void)state;
	num_range(&team_nums[NUM_FLOWLET_GAP], buf, sizeof(buf));
	assert_string_equal(buf, "50 to 1000000 (microseconds)");
	num_range(&team_nums[NUM_PROBE_INTERVAL], buf, sizeof(buf));
	assert_string_equal(buf, "0 (off) or 10 to 60000 (milliseconds)");
	assert_false(num_check(&team_nums[NUM_BALANCE_THRESHOLD], 1001, buf,
			       sizeof(buf)));
	assert_string_equal(buf, "expected 1 to 1000 (percent)");
	assert_true(num_check(&team_nums[NUM_BALANCE_THRESHOLD], 1000, buf,
			      sizeof(buf)));
}

static void hash_fields(void **state)
{
	long long v = 42;
	char text[64];

	(void)state;
	assert_true(parse_hash("ports", &v));
	assert_int_equal(v, LBFO_HASH_PORTS);
	assert_true(parse_hash("mac,ip,ports,inner", &v));
	assert_int_equal(v, LBFO_HASH_ALL);
	assert_true(parse_hash("inner,mac", &v));
	assert_int_equal(v, LBFO_HASH_INNER | LBFO_HASH_MAC);
	v = 42;
	assert_false(parse_hash("", &v));		/* no field */
	assert_false(parse_hash("none", &v));
	assert_false(parse_hash("l4", &v));
	assert_false(parse_hash("MAC", &v));
	assert_false(parse_hash("ip,", &v));
	assert_false(parse_hash(",ip", &v));
	assert_false(parse_hash("ip,,mac", &v));
	assert_false(parse_hash("ip,ip", &v));
	assert_int_equal(v, 42);

	hash_text(LBFO_HASH_IP | LBFO_HASH_PORTS, text, sizeof(text));
	assert_string_equal(text, "ip,ports");
	hash_text(0, text, sizeof(text));
	assert_string_equal(text, "none");
	hash_text(1LL << 9, text, sizeof(text));	/* a bit of a newer kernel */
	assert_string_equal(text, "unknown");
}

static void probe_targets(void **state)
{
	struct team_params p;
	char text[LIST_TEXT_MAX];
	char list[17 * 16];
	size_t len = 0;
	int i;

	(void)state;
	team_params_unset(&p);
	assert_true(parse_targets("192.0.2.1,2001:db8::1", &p));
	assert_int_equal(p.n_targets, 2);
	assert_int_equal(p.targets[0].family, AF_INET);
	assert_memory_equal(p.targets[0].addr, "\xc0\x00\x02\x01", 4);
	assert_int_equal(p.targets[1].family, AF_INET6);
	assert_int_equal(p.targets[1].addr[15], 1);
	targets_text(&p, text, sizeof(text));
	assert_string_equal(text, "192.0.2.1,2001:db8::1");

	/* Refused: p keeps its targets. */
	assert_false(parse_targets("", &p));
	assert_false(parse_targets("192.0.2", &p));
	assert_false(parse_targets("192.0.2.1,", &p));
	assert_false(parse_targets("192.0.2.300", &p));
	assert_false(parse_targets("eth0", &p));
	assert_false(parse_targets("224.0.0.1", &p));	/* multicast */
	assert_false(parse_targets("0.0.0.0", &p));
	assert_false(parse_targets("255.255.255.255", &p));
	assert_false(parse_targets("::", &p));
	assert_false(parse_targets("ff02::1", &p));
	assert_false(parse_targets("192.0.2.1,192.0.2.1", &p));
	assert_false(parse_targets("2001:db8::1,2001:DB8:0::1", &p));
	assert_int_equal(p.n_targets, 2);

	assert_true(parse_targets("none", &p));
	assert_int_equal(p.n_targets, 0);
	targets_text(&p, text, sizeof(text));
	assert_string_equal(text, "none");

	for (i = 1; i <= LBFO_PROBE_TARGETS_MAX; i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len,
					"%s10.0.0.%d", i > 1 ? "," : "", i);
	assert_true(parse_targets(list, &p));
	assert_int_equal(p.n_targets, LBFO_PROBE_TARGETS_MAX);
	snprintf(list + len, sizeof(list) - len, ",10.0.0.99");
	assert_false(parse_targets(list, &p));
	assert_int_equal(p.n_targets, LBFO_PROBE_TARGETS_MAX);
}

/* The words of team add/set, as team.c hands them over, pair by pair. */
static bool team_words(const char *const *words, struct team_params *p)
{
	size_t i;

	team_params_unset(p);
	for (i = 0; words[i]; i += 2)
		if (!is_team_param(words[i]) ||
		    !parse_team_param(words[i], words[i + 1], p))
			return false;
	return true;
}

static void team_param_words(void **state)
{
	static const char *const all[] = {
		"mode", "static", "lb", "hyperv-port", "hash", "mac,ip",
		"flowlet-gap", "1000", "balance-interval", "200",
		"balance-threshold", "50", "probe-interval", "100",
		"probe-missed", "5", "probe-targets", "192.0.2.9",
		"updelay", "300", "downdelay", "400", NULL,
	};
	static const char *const twice[] = {
		"flowlet-gap", "1000", "flowlet-gap", "1000", NULL };
	static const char *const twice_hash[] = {
		"hash", "mac", "hash", "ip", NULL };
	static const char *const twice_targets[] = {
		"probe-targets", "none", "probe-targets", "none", NULL };
	static const char *const bad_gap[] = {
		"mode", "static", "flowlet-gap", "10", NULL };
	static const char *const no_field[] = { "hash", "", NULL };
	static const char *const bad_target[] = {
		"probe-targets", "192.0.2.1,nope", NULL };
	struct team_params p;
	char buf[STEP_TEXT_MAX];

	(void)state;
	assert_true(team_words(all, &p));
	params_text(&p, buf, sizeof(buf));
	assert_string_equal(buf,
		" mode static lb hyperv-port hash mac,ip flowlet-gap 1000"
		" balance-interval 200 balance-threshold 50 probe-interval 100"
		" probe-missed 5 probe-targets 192.0.2.9 updelay 300 downdelay 400");
	assert_false(team_words(twice, &p));
	assert_false(team_words(twice_hash, &p));
	assert_false(team_words(twice_targets, &p));
	assert_false(team_words(bad_gap, &p));
	assert_false(team_words(no_field, &p));
	assert_false(team_words(bad_target, &p));

	assert_false(is_team_param("members"));
	assert_false(is_team_param("weight"));
	assert_false(is_team_param("lacp-prio"));
	assert_false(is_team_param("lacp_rate"));
	assert_false(is_team_param("lacp-state"));
	assert_true(is_team_param("lacp-system"));
	assert_true(is_team_param("lacp-fallback"));
	assert_true(is_team_param("min-links"));
	assert_false(is_team_param("flowlet_gap_us"));
	assert_false(is_team_param("primary"));
	assert_true(is_team_param("downdelay"));
	team_params_unset(&p);
	assert_false(parse_team_param("colour", "blue", &p));
	assert_false(team_params_any(&p));
}

static void param_text(void **state)
{
	struct team_params p;
	char buf[STEP_TEXT_MAX];

	(void)state;
	team_params_unset(&p);
	assert_false(team_params_any(&p));
	params_text(&p, buf, sizeof(buf));
	assert_string_equal(buf, "");
	p.num[NUM_DOWNDELAY] = 0;
	assert_true(team_params_any(&p));
	params_text(&p, buf, sizeof(buf));
	assert_string_equal(buf, " downdelay 0");

	team_params_default(&p);
	params_text(&p, buf, sizeof(buf));
	assert_string_equal(buf,
		" mode switch-independent lb dynamic hash ports flowlet-gap 500"
		" balance-interval 100 balance-threshold 25 probe-interval 0"
		" probe-missed 3 probe-targets none updelay 0 downdelay 0"
		" min-links 1 lacp-sys-prio 65535 lacp-system auto lacp-rate fast"
		" lacp-mode active lacp-control coupled lacp-mixed-speed off"
		" lacp-fallback off");

	/* Not in mode lacp, what has the defaults of LACP is left out. */
	params_trim(&p);
	params_text(&p, buf, sizeof(buf));
	assert_string_equal(buf,
		" mode switch-independent lb dynamic hash ports flowlet-gap 500"
		" balance-interval 100 balance-threshold 25 probe-interval 0"
		" probe-missed 3 probe-targets none updelay 0 downdelay 0");
	team_params_default(&p);
	p.num[NUM_MIN_LINKS] = 2;
	p.opt[OPT_LACP_FALLBACK] = 1;
	params_trim(&p);
	assert_int_equal(p.num[NUM_MIN_LINKS], 2);
	assert_int_equal(p.num[NUM_LACP_SYS_PRIO], -1);
	assert_int_equal(p.lacp_system, -1);
	assert_int_equal(p.opt[OPT_LACP_RATE], -1);
	assert_int_equal(p.opt[OPT_LACP_FALLBACK], 1);
	assert_int_equal(p.num[NUM_DOWNDELAY], 0);	/* not LACP's */
	/* In mode lacp, all of them. */
	team_params_default(&p);
	p.mode = LBFO_MODE_LACP;
	params_trim(&p);
	assert_int_equal(p.num[NUM_MIN_LINKS], 1);
	assert_int_equal(p.lacp_system, 0);
	assert_int_equal(p.opt[OPT_LACP_MIXED_SPEED], 0);
	/* What is not set stays so. */
	team_params_unset(&p);
	params_trim(&p);
	assert_false(team_params_any(&p));
}

static void lacp_words(void **state)
{
	static const char *const all[] = {
		"mode", "lacp", "min-links", "64", "lacp-rate", "slow",
		"lacp-mode", "passive", "lacp-sys-prio", "1",
		"lacp-system", "02:00:5E:10:00:01", "lacp-control", "independent",
		"lacp-mixed-speed", "on", "lacp-fallback", "off", NULL,
	};
	static const char *const bad[][3] = {
		{ "min-links", "0" }, { "min-links", "65" },
		{ "lacp-sys-prio", "0" }, { "lacp-sys-prio", "65536" },
		{ "lacp-rate", "medium" }, { "lacp-rate", "Fast" },
		{ "lacp-mode", "on" }, { "lacp-control", "both" },
		{ "lacp-mixed-speed", "yes" }, { "lacp-fallback", "1" },
		{ "lacp-system", "" }, { "lacp-system", "none" },
		{ "lacp-system", "01:00:5e:00:00:01" },
		{ "lacp-system", "00:00:00:00:00:00" },
		{ "lacp-system", "52:54:00:12:34" },
		{ "lacp-system", "52:54:00:12:34:56:78" },
		{ "lacp-system", "52-54-00-12-34-56" },
		{ "lacp-system", "5:54:00:12:34:56" },
		{ "lacp-system", "52:54:00:12:34:5g" },
		{ "lacp-system", "52:54:00:12:34:56 " },
	};
	static const char *const twice[] = {
		"lacp-system", "auto", "lacp-system", "auto", NULL };
	static const char *const twice_opt[] = {
		"lacp-fallback", "on", "lacp-fallback", "off", NULL };
	struct team_params p;
	char buf[STEP_TEXT_MAX];
	const char *one[3] = { NULL };
	size_t i;

	(void)state;
	assert_true(team_words(all, &p));
	assert_int_equal(p.mode, LBFO_MODE_LACP);
	assert_int_equal(p.num[NUM_MIN_LINKS], LBFO_MAX_MEMBERS);
	assert_int_equal(p.num[NUM_LACP_SYS_PRIO], 1);
	assert_int_equal(p.lacp_system, 0x02005e100001LL);
	assert_int_equal(p.opt[OPT_LACP_RATE], LBFO_LACP_RATE_SLOW);
	assert_int_equal(p.opt[OPT_LACP_ACTIVE], 0);
	assert_int_equal(p.opt[OPT_LACP_INDEPENDENT], 1);
	assert_int_equal(p.opt[OPT_LACP_MIXED_SPEED], 1);
	assert_int_equal(p.opt[OPT_LACP_FALLBACK], 0);
	params_text(&p, buf, sizeof(buf));
	assert_string_equal(buf,
		" mode lacp min-links 64 lacp-sys-prio 1 lacp-system 02:00:5e:10:00:01"
		" lacp-rate slow lacp-mode passive lacp-control independent"
		" lacp-mixed-speed on lacp-fallback off");

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		one[0] = bad[i][0];
		one[1] = bad[i][1];
		if (team_words(one, &p))
			fail_msg("%s '%s' accepted", one[0], one[1]);
	}
	assert_false(team_words(twice, &p));
	assert_false(team_words(twice_opt, &p));

	/* auto: 0, the team's own address. */
	one[0] = "lacp-system";
	one[1] = "auto";
	assert_true(team_words(one, &p));
	assert_int_equal(p.lacp_system, 0);
	params_text(&p, buf, sizeof(buf));
	assert_string_equal(buf, " lacp-system auto");
	assert_true(team_params_any(&p));
}

static void lacp_values(void **state)
{
	long long mac = 42;
	char text[MAC_TEXT_MAX];
	int v = 42;

	(void)state;
	assert_null(lacp_system_parse("aa:bb:cc:dd:ee:ff", &mac));
	assert_int_equal(mac, 0xaabbccddeeffLL);
	mac_text(mac, text, sizeof(text));
	assert_string_equal(text, "aa:bb:cc:dd:ee:ff");
	lacp_system_text(0, text, sizeof(text));
	assert_string_equal(text, "auto");
	lacp_system_text(0x525400123456LL, text, sizeof(text));
	assert_string_equal(text, "52:54:00:12:34:56");
	mac = 42;
	assert_string_equal(lacp_system_parse("01:00:00:00:00:00", &mac),
			    "not a unicast MAC address");
	assert_string_equal(lacp_system_parse("00:00:00:00:00:00", &mac),
			    "the all-zero address (auto is the team's MAC address)");
	assert_string_equal(lacp_system_parse("Auto", &mac),
			    "not a MAC address (aa:bb:cc:dd:ee:ff) or auto");
	assert_int_equal(mac, 42);	/* untouched on failure */

	assert_true(parse_opt(&team_opts[OPT_LACP_RATE], "fast", &v));
	assert_int_equal(v, LBFO_LACP_RATE_FAST);
	assert_true(parse_opt(&team_opts[OPT_LACP_ACTIVE], "active", &v));
	assert_int_equal(v, 1);
	assert_true(parse_opt(&team_opts[OPT_LACP_INDEPENDENT], "coupled", &v));
	assert_int_equal(v, 0);
	assert_true(parse_opt(&team_opts[OPT_LACP_MIXED_SPEED], "on", &v));
	assert_int_equal(v, 1);
	v = 42;
	assert_false(parse_opt(&team_opts[OPT_LACP_FALLBACK], "true", &v));
	assert_false(parse_opt(&team_opts[OPT_LACP_RATE], "", &v));
	assert_int_equal(v, 42);
	assert_string_equal(opt_name(&team_opts[OPT_LACP_FALLBACK], 0), "off");
	assert_string_equal(opt_name(&team_opts[OPT_LACP_ACTIVE], 0), "passive");

	/* Members: priority and key. */
	assert_true(parse_num(&member_lacp_prio, "1", &mac));
	assert_true(parse_num(&member_lacp_prio, "65535", &mac));
	assert_false(parse_num(&member_lacp_prio, "0", &mac));
	assert_false(parse_num(&member_lacp_key, "65536", &mac));
	assert_int_equal(member_lacp_prio.def, LBFO_LACP_PORT_PRIO_DEFAULT);
	assert_int_equal(member_lacp_key.def, LBFO_LACP_KEY_DEFAULT);
	assert_int_equal(team_nums[NUM_MIN_LINKS].def, LBFO_MIN_LINKS_DEFAULT);
	assert_int_equal(team_nums[NUM_LACP_SYS_PRIO].def,
			 LBFO_LACP_SYS_PRIO_DEFAULT);
}

static void member_words_text(void **state)
{
	struct lbfo_member_change c = MEMBER_CHANGE_NONE;
	char buf[128];

	(void)state;
	assert_false(member_change_any(&c));
	member_text(&c, buf, sizeof(buf));
	assert_string_equal(buf, "");
	c.lacp_key = 7;
	assert_true(member_change_any(&c));
	member_text(&c, buf, sizeof(buf));
	assert_string_equal(buf, " lacp-key 7");
	c.role = LBFO_ROLE_STANDBY;
	c.admin_up = 1;
	c.weight = 0;
	c.lacp_prio = 255;
	member_text(&c, buf, sizeof(buf));
	assert_string_equal(buf,
		" role standby admin up weight 0 lacp-prio 255 lacp-key 7");
	assert_int_equal(lacp_shown(255, 255, false), -1);
	assert_int_equal(lacp_shown(255, 255, true), 255);
	assert_int_equal(lacp_shown(7, 255, false), 7);
	assert_int_equal(lacp_shown(-1, 255, true), -1);
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
	cmocka_unit_test(numbers),
	cmocka_unit_test(ranges_from_the_uapi),
	cmocka_unit_test(hash_fields),
	cmocka_unit_test(probe_targets),
	cmocka_unit_test(team_param_words),
	cmocka_unit_test(param_text),
	cmocka_unit_test(lacp_words),
	cmocka_unit_test(lacp_values),
	cmocka_unit_test(member_words_text),
	cmocka_unit_test(help_words),
};

HARNESS_MAIN("parse", tests)
