// SPDX-License-Identifier: GPL-2.0
/*
 * A team's parameters for people (see params.h). Every range and default
 * comes from include/uapi/linux/lbfo.h; the checks mirror what the kernel
 * refuses, so that a bad value is refused before anything is sent.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/lbfo.h>

#include "names.h"
#include "jcheck.h"
#include "params.h"

/* The LACP priorities and keys are u16, 0 excluded. */
#define LACP_U16_MAX	65535

const struct num_param team_nums[N_NUMS] = {
	[NUM_FLOWLET_GAP] = {
		.word = "flowlet-gap", .arg = "USEC", .key = "flowlet_gap_us",
		.unit = "microseconds",
		.min = LBFO_FLOWLET_GAP_MIN, .max = LBFO_FLOWLET_GAP_MAX,
		.def = LBFO_FLOWLET_GAP_DEFAULT },
	[NUM_BALANCE_INTERVAL] = {
		.word = "balance-interval", .arg = "MS",
		.key = "balance_interval_ms", .unit = "milliseconds",
		.min = LBFO_BALANCE_INTERVAL_MIN,
		.max = LBFO_BALANCE_INTERVAL_MAX,
		.def = LBFO_BALANCE_INTERVAL_DEFAULT },
	[NUM_BALANCE_THRESHOLD] = {
		.word = "balance-threshold", .arg = "PCT",
		.key = "balance_threshold_pct", .unit = "percent",
		.min = LBFO_BALANCE_THRESHOLD_MIN,
		.max = LBFO_BALANCE_THRESHOLD_MAX,
		.def = LBFO_BALANCE_THRESHOLD_DEFAULT },
	[NUM_PROBE_INTERVAL] = {
		.word = "probe-interval", .arg = "MS",
		.key = "probe_interval_ms", .unit = "milliseconds",
		.min = LBFO_PROBE_INTERVAL_MIN, .max = LBFO_PROBE_INTERVAL_MAX,
		.zero_off = true, .def = 0 },
	[NUM_PROBE_MISSED] = {
		.word = "probe-missed", .arg = "N", .key = "probe_missed",
		.unit = "intervals",
		.min = 1, .max = LBFO_PROBE_MISSED_MAX,
		.def = LBFO_PROBE_MISSED_DEFAULT },
	[NUM_UPDELAY] = {
		.word = "updelay", .arg = "MS", .key = "updelay_ms",
		.unit = "milliseconds",
		.min = 0, .max = LBFO_DELAY_MAX, .def = 0 },
	[NUM_DOWNDELAY] = {
		.word = "downdelay", .arg = "MS", .key = "downdelay_ms",
		.unit = "milliseconds",
		.min = 0, .max = LBFO_DELAY_MAX, .def = 0 },
	[NUM_MIN_LINKS] = {
		.word = "min-links", .arg = "N", .key = "min_links",
		.unit = "members",
		.min = 1, .max = LBFO_MAX_MEMBERS,
		.def = LBFO_MIN_LINKS_DEFAULT },
	[NUM_LACP_SYS_PRIO] = {
		.word = "lacp-sys-prio", .arg = "N", .key = "lacp_sys_prio",
		.unit = "lower wins",
		.min = 1, .max = LACP_U16_MAX,
		.def = LBFO_LACP_SYS_PRIO_DEFAULT },
};

const struct opt_param team_opts[N_OPTS] = {
	[OPT_LACP_RATE] = {
		.word = "lacp-rate", .key = "lacp_rate",
		.names = &names_lacp_rate, .def = LBFO_LACP_RATE_FAST },
	[OPT_LACP_ACTIVE] = {
		.word = "lacp-mode", .key = "lacp_mode",
		.names = &names_lacp_mode, .def = 1 },
	[OPT_LACP_INDEPENDENT] = {
		.word = "lacp-control", .key = "lacp_control",
		.names = &names_lacp_control, .def = 0 },
	[OPT_LACP_MIXED_SPEED] = {
		.word = "lacp-mixed-speed", .key = "lacp_mixed_speed",
		.def = 0 },
	[OPT_LACP_FALLBACK] = {
		.word = "lacp-fallback", .key = "lacp_fallback", .def = 0 },
};

const struct num_param member_weight = {
	.word = "weight", .arg = "N", .key = "weight",
	.unit = "0: its link speed in Mb/s",
	.min = 0, .max = LBFO_WEIGHT_MAX, .def = 0,
};

const struct num_param member_lacp_prio = {
	.word = "lacp-prio", .arg = "N", .key = "lacp_prio",
	.unit = "lower wins",
	.min = 1, .max = LACP_U16_MAX, .def = LBFO_LACP_PORT_PRIO_DEFAULT,
};

const struct num_param member_lacp_key = {
	.word = "lacp-key", .arg = "N", .key = "lacp_key",
	.min = 1, .max = LACP_U16_MAX, .def = LBFO_LACP_KEY_DEFAULT,
};

void team_params_unset(struct team_params *p)
{
	int i;

	memset(p, 0, sizeof(*p));
	p->mode = -1;
	p->lb = -1;
	p->hash = -1;
	for (i = 0; i < N_NUMS; i++)
		p->num[i] = -1;
	p->n_targets = -1;
	p->lacp_system = -1;
	for (i = 0; i < N_OPTS; i++)
		p->opt[i] = -1;
}

void team_params_default(struct team_params *p)
{
	int i;

	memset(p, 0, sizeof(*p));
	p->mode = DEFAULT_MODE;
	p->lb = DEFAULT_LB;
	p->hash = DEFAULT_HASH;
	for (i = 0; i < N_NUMS; i++)
		p->num[i] = team_nums[i].def;
	p->n_targets = 0;
	p->lacp_system = 0;
	for (i = 0; i < N_OPTS; i++)
		p->opt[i] = team_opts[i].def;
}

bool team_params_any(const struct team_params *p)
{
	int i;

	for (i = 0; i < N_NUMS; i++)
		if (p->num[i] >= 0)
			return true;
	for (i = 0; i < N_OPTS; i++)
		if (p->opt[i] >= 0)
			return true;
	return p->mode >= 0 || p->lb >= 0 || p->hash >= 0 ||
	       p->n_targets >= 0 || p->lacp_system >= 0;
}

bool member_change_any(const struct lbfo_member_change *c)
{
	return c->role >= 0 || c->admin_up >= 0 || c->weight >= 0 ||
	       c->lacp_prio >= 0 || c->lacp_key >= 0;
}

long long lacp_shown(long long v, long long def, bool lacp)
{
	return lacp || v != def ? v : -1;
}

void params_trim(struct team_params *p)
{
	bool lacp = p->mode == LBFO_MODE_LACP;
	int i;

	for (i = NUM_MIN_LINKS; i < N_NUMS; i++)
		p->num[i] = lacp_shown(p->num[i], team_nums[i].def, lacp);
	p->lacp_system = lacp_shown(p->lacp_system, 0, lacp);
	for (i = 0; i < N_OPTS; i++)
		p->opt[i] = (int)lacp_shown(p->opt[i], team_opts[i].def, lacp);
}

const char *opt_name(const struct opt_param *d, int v)
{
	if (!d->names)
		return v ? "on" : "off";
	return name_of(d->names, v);
}

void num_range(const struct num_param *d, char *buf, size_t size)
{
	snprintf(buf, size, "%s%lld to %lld%s%s%s",
		 d->zero_off ? "0 (off) or " : "", d->min, d->max,
		 d->unit ? " (" : "", d->unit ? d->unit : "",
		 d->unit ? ")" : "");
}

bool num_check(const struct num_param *d, long long v, char *msg,
	       size_t size)
{
	char range[80];

	if ((v >= d->min && v <= d->max) || (d->zero_off && v == 0))
		return true;
	num_range(d, range, sizeof(range));
	snprintf(msg, size, "expected %s", range);
	return false;
}

unsigned int hash_bit(const char *s)
{
	int bit = name_find(&names_hash, s);

	return bit < 0 ? 0 : 1U << bit;
}

void hash_text(long long mask, char *buf, size_t size)
{
	size_t len = 0;
	int bit;

	snprintf(buf, size, "none");
	for (bit = 0; bit < 32 && len < size; bit++)
		if (mask & (1LL << bit))
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						len ? "," : "",
						name_of(&names_hash, bit));
}

/* What the kernel refuses as a probe target: not a unicast address. */
static bool addr_unicast(const struct lbfo_addr *a)
{
	static const unsigned char any6[16];

	if (a->family == AF_INET)
		return a->addr[0] != 0 && a->addr[0] < 224 &&
		       memcmp(a->addr, "\xff\xff\xff\xff", 4);
	return a->addr[0] != 0xff && memcmp(a->addr, any6, 16);
}

const char *addr_parse(const char *s, struct lbfo_addr *out)
{
	struct lbfo_addr a = { 0 };

	if (inet_pton(AF_INET, s, a.addr) == 1)
		a.family = AF_INET;
	else if (inet_pton(AF_INET6, s, a.addr) == 1)
		a.family = AF_INET6;
	else
		return "not an IPv4 or IPv6 address";
	if (!addr_unicast(&a))
		return "not a unicast address";
	*out = a;
	return NULL;
}

void addr_text(const struct lbfo_addr *a, char *buf, size_t size)
{
	if (!inet_ntop(a->family, a->addr, buf, (socklen_t)size))
		snprintf(buf, size, "?");
}

void mac_text(long long mac, char *buf, size_t size)
{
	snprintf(buf, size, "%02llx:%02llx:%02llx:%02llx:%02llx:%02llx",
		 mac >> 40 & 0xff, mac >> 32 & 0xff, mac >> 24 & 0xff,
		 mac >> 16 & 0xff, mac >> 8 & 0xff, mac & 0xff);
}

/* The value of hex digit c, or -1. */
static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

const char *lacp_system_parse(const char *s, long long *out)
{
	long long mac = 0;
	int i, hi, lo;

	if (!strcmp(s, "auto")) {
		*out = 0;
		return NULL;
	}
	/* Exactly six pairs of hex digits, separated by colons. */
	for (i = 0; i < 6; i++, s += 3) {
		hi = hex_digit(s[0]);
		lo = hi < 0 ? -1 : hex_digit(s[1]);
		if (lo < 0 || s[2] != (i < 5 ? ':' : '\0'))
			return "not a MAC address (aa:bb:cc:dd:ee:ff) or auto";
		mac = mac << 8 | hi << 4 | lo;
	}
	if (!mac)
		return "the all-zero address (auto is the team's MAC address)";
	if (mac >> 40 & 1)
		return "not a unicast MAC address";
	*out = mac;
	return NULL;
}

void lacp_system_text(long long v, char *buf, size_t size)
{
	if (v)
		mac_text(v, buf, size);
	else
		snprintf(buf, size, "auto");
}

bool addr_equal(const struct lbfo_addr *a, const struct lbfo_addr *b)
{
	return a->family == b->family &&
	       !memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16);
}

bool targets_equal(const struct team_params *a, const struct team_params *b)
{
	int i;

	if (a->n_targets != b->n_targets)
		return false;
	for (i = 0; i < a->n_targets; i++)
		if (!addr_equal(&a->targets[i], &b->targets[i]))
			return false;
	return true;
}

void targets_text(const struct team_params *p, char *buf, size_t size)
{
	char one[ADDR_TEXT_MAX];
	size_t len = 0;
	int i;

	snprintf(buf, size, "none");
	for (i = 0; i < p->n_targets && len < size; i++) {
		addr_text(&p->targets[i], one, sizeof(one));
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					i ? "," : "", one);
	}
}

void params_text(const struct team_params *p, char *buf, size_t size)
{
	char text[LIST_TEXT_MAX];
	size_t len = 0;
	int i;

#define ADD(...)							\
	do {								\
		if (len < size)						\
			len += (size_t)snprintf(buf + len, size - len,	\
						__VA_ARGS__);		\
	} while (0)

	buf[0] = '\0';
	if (p->mode >= 0)
		ADD(" mode %s", name_of(&names_mode, p->mode));
	if (p->lb >= 0)
		ADD(" lb %s", name_of(&names_lb, p->lb));
	if (p->hash >= 0) {
		hash_text(p->hash, text, sizeof(text));
		ADD(" hash %s", text);
	}
	for (i = 0; i < N_NUMS; i++) {
		if (p->num[i] >= 0)
			ADD(" %s %lld", team_nums[i].word, p->num[i]);
		if (i == NUM_PROBE_MISSED && p->n_targets >= 0) {
			targets_text(p, text, sizeof(text));
			ADD(" probe-targets %s", text);
		}
		if (i == NUM_LACP_SYS_PRIO && p->lacp_system >= 0) {
			lacp_system_text(p->lacp_system, text, sizeof(text));
			ADD(" lacp-system %s", text);
		}
	}
	for (i = 0; i < N_OPTS; i++)
		if (p->opt[i] >= 0)
			ADD(" %s %s", team_opts[i].word,
			    opt_name(&team_opts[i], p->opt[i]));
#undef ADD
}

void member_text(const struct lbfo_member_change *c, char *buf, size_t size)
{
	const struct { const struct num_param *d; long long v; } nums[] = {
		{ &member_weight, c->weight },
		{ &member_lacp_prio, c->lacp_prio },
		{ &member_lacp_key, c->lacp_key },
	};
	size_t len = 0, i;

	buf[0] = '\0';
	if (c->role >= 0)
		len += (size_t)snprintf(buf, size, " role %s",
					name_of(&names_role, c->role));
	if (c->admin_up >= 0 && len < size)
		len += (size_t)snprintf(buf + len, size - len, " admin %s",
					name_of(&names_admin, c->admin_up));
	for (i = 0; i < sizeof(nums) / sizeof(nums[0]) && len < size; i++)
		if (nums[i].v >= 0)
			len += (size_t)snprintf(buf + len, size - len,
						" %s %lld", nums[i].d->word,
						nums[i].v);
}

/* ---- JSON ---- */

/* json_object_set_new() that says whether it worked (v may be NULL). */
static bool put(json_t *o, const char *key, json_t *v)
{
	return v && !json_object_set_new(o, key, v);
}

json_t *bits_json(const struct name_table *t, long long mask)
{
	json_t *a = json_array();
	int bit;

	for (bit = 0; a && bit < 32; bit++) {
		if (!(mask & (1LL << bit)))
			continue;
		if (json_array_append_new(a, json_string(name_of(t, bit)))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *targets_json(const struct team_params *p)
{
	json_t *a = json_array();
	char one[ADDR_TEXT_MAX];
	int i;

	for (i = 0; a && i < p->n_targets; i++) {
		addr_text(&p->targets[i], one, sizeof(one));
		if (json_array_append_new(a, json_string(one))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *opt_json(const struct opt_param *d, int v)
{
	return d->names ? json_string(name_of(d->names, v)) : json_boolean(v);
}

static json_t *lacp_system_json(long long v)
{
	char text[MAC_TEXT_MAX];

	lacp_system_text(v, text, sizeof(text));
	return json_string(text);
}

bool params_to_json(json_t *o, const struct team_params *p)
{
	bool ok = true;
	int i;

	if (p->mode >= 0)
		ok = put(o, "mode", json_string(name_of(&names_mode, p->mode))) && ok;
	if (p->lb >= 0)
		ok = put(o, "lb", json_string(name_of(&names_lb, p->lb))) && ok;
	if (p->hash >= 0)
		ok = put(o, "hash", bits_json(&names_hash, p->hash)) && ok;
	for (i = 0; i < N_NUMS; i++) {
		if (p->num[i] >= 0)
			ok = put(o, team_nums[i].key, json_integer(p->num[i])) &&
			     ok;
		/* The targets go with the other probe settings. */
		if (i == NUM_PROBE_MISSED && p->n_targets >= 0)
			ok = put(o, "probe_targets", targets_json(p)) && ok;
		/* The system ID is its priority and address. */
		if (i == NUM_LACP_SYS_PRIO && p->lacp_system >= 0)
			ok = put(o, "lacp_system",
				 lacp_system_json(p->lacp_system)) && ok;
	}
	for (i = 0; i < N_OPTS; i++)
		if (p->opt[i] >= 0)
			ok = put(o, team_opts[i].key,
				 opt_json(&team_opts[i], p->opt[i])) && ok;
	return ok;
}

bool params_show(json_t *o, const struct team_params *p)
{
	struct team_params shown = *p;

	params_trim(&shown);
	return params_to_json(o, &shown);
}

bool params_key(const char *key)
{
	int i;

	for (i = 0; i < N_NUMS; i++)
		if (!strcmp(key, team_nums[i].key))
			return true;
	for (i = 0; i < N_OPTS; i++)
		if (!strcmp(key, team_opts[i].key))
			return true;
	return !strcmp(key, "mode") || !strcmp(key, "lb") ||
	       !strcmp(key, "hash") || !strcmp(key, "probe_targets") ||
	       !strcmp(key, "lacp_system");
}

static bool hash_from_json(const json_t *o, const char *where,
			   long long *out, char *msg, size_t size)
{
	json_t *v = json_object_get(o, "hash"), *e;
	long long mask = 0;
	unsigned int bit;
	char list[160];
	size_t i;

	if (!v)
		return true;
	name_list(&names_hash, list, sizeof(list));
	if (!json_is_array(v))
		return jc_fail(msg, size, "%s.hash: must be an array of field names (%s)",
			    where, list);
	if (!json_array_size(v))
		return jc_fail(msg, size, "%s.hash: needs at least one field (%s)",
			    where, list);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e))
			return jc_fail(msg, size, "%s.hash[%zu]: must be a string",
				    where, i);
		bit = hash_bit(json_string_value(e));
		if (!bit)
			return jc_fail(msg, size, "%s.hash[%zu]: invalid hash field '%s': expected %s",
				    where, i, json_string_value(e), list);
		if (mask & bit)
			return jc_fail(msg, size, "%s.hash: '%s' is listed twice",
				    where, json_string_value(e));
		mask |= bit;
	}
	*out = mask;
	return true;
}

bool num_from_json(const json_t *o, const struct num_param *d,
		   const char *where, long long *out, char *msg, size_t size)
{
	json_t *v = json_object_get(o, d->key);
	char range[96];

	if (!v)
		return true;
	if (!json_is_integer(v))
		return jc_fail(msg, size, "%s.%s: must be an integer", where,
			    d->key);
	if (!num_check(d, json_integer_value(v), range, sizeof(range)))
		return jc_fail(msg, size, "%s.%s: invalid value %" JSON_INTEGER_FORMAT ": %s",
			    where, d->key, json_integer_value(v), range);
	*out = json_integer_value(v);
	return true;
}

static bool targets_from_json(const json_t *o, const char *where,
			      struct team_params *p, char *msg, size_t size)
{
	json_t *v = json_object_get(o, "probe_targets"), *e;
	struct lbfo_addr a;
	const char *why;
	size_t i, j;

	if (!v)
		return true;
	if (!json_is_array(v))
		return jc_fail(msg, size, "%s.probe_targets: must be an array of addresses",
			    where);
	if (json_array_size(v) > LBFO_PROBE_TARGETS_MAX)
		return jc_fail(msg, size, "%s.probe_targets: at most %d addresses",
			    where, LBFO_PROBE_TARGETS_MAX);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e))
			return jc_fail(msg, size, "%s.probe_targets[%zu]: must be a string",
				    where, i);
		why = addr_parse(json_string_value(e), &a);
		if (why)
			return jc_fail(msg, size, "%s.probe_targets[%zu]: '%s' is %s",
				    where, i, json_string_value(e), why);
		for (j = 0; j < i; j++)
			if (addr_equal(&p->targets[j], &a))
				return jc_fail(msg, size, "%s.probe_targets: '%s' is listed twice",
					    where, json_string_value(e));
		p->targets[i] = a;
	}
	p->n_targets = (int)json_array_size(v);
	return true;
}

static bool lacp_system_from_json(const json_t *o, const char *where,
				  long long *out, char *msg, size_t size)
{
	json_t *v = json_object_get(o, "lacp_system");
	const char *why;

	if (!v)
		return true;
	if (!json_is_string(v))
		return jc_fail(msg, size, "%s.lacp_system: must be a string",
			       where);
	why = strlen(json_string_value(v)) == json_string_length(v) ?
	      lacp_system_parse(json_string_value(v), out) :
	      "not a MAC address (aa:bb:cc:dd:ee:ff) or auto";
	if (why)
		return jc_fail(msg, size, "%s.lacp_system: '%.40s' is %s", where,
			       json_string_value(v), why);
	return true;
}

/* The setting d of o: a name of d->names, or true/false. */
static bool opt_from_json(const json_t *o, const struct opt_param *d,
			  const char *where, int *out, char *msg, size_t size)
{
	bool on;

	if (d->names)
		return jc_enum(o, d->key, d->names, where, out, msg, size);
	if (!json_object_get(o, d->key))
		return true;
	if (!jc_bool(o, d->key, where, &on, msg, size))
		return false;
	*out = on;
	return true;
}

bool params_from_json(const json_t *o, const char *where,
		      struct team_params *p, char *msg, size_t size)
{
	int i;

	if (!jc_enum(o, "mode", &names_mode, where, &p->mode, msg,
			    size) ||
	    !jc_enum(o, "lb", &names_lb, where, &p->lb, msg, size) ||
	    !hash_from_json(o, where, &p->hash, msg, size))
		return false;
	for (i = 0; i < N_NUMS; i++)
		if (!num_from_json(o, &team_nums[i], where, &p->num[i], msg,
				   size))
			return false;
	for (i = 0; i < N_OPTS; i++)
		if (!opt_from_json(o, &team_opts[i], where, &p->opt[i], msg,
				   size))
			return false;
	return lacp_system_from_json(o, where, &p->lacp_system, msg, size) &&
	       targets_from_json(o, where, p, msg, size);
}
