// SPDX-License-Identifier: GPL-2.0
/*
 * Data model -> JSON, and JSON -> JSON or text (see print.h). Text is
 * derived from the JSON value alone, so both outputs always show the same
 * fields under the same names.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/lbfo.h>

#include "names.h"
#include "params.h"
#include "print.h"

/* A member's LACP state: an object of objects, shown its own way in text. */
#define LACP_KEY	"lacp"

void pr_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("teamctl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* json_object_set_new that remembers a failure in *ok. */
static void put(json_t *o, const char *key, json_t *v, bool *ok)
{
	if (!v || json_object_set_new(o, key, v))
		*ok = false;
}

static json_t *done(json_t *o, bool ok)
{
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *json_counters(const struct lbfo_counters *c, bool team)
{
	json_t *o = json_object();
	bool ok = o;

	if (!o)
		return NULL;
	put(o, "tx_packets", json_integer((json_int_t)c->tx_packets), &ok);
	put(o, "tx_bytes", json_integer((json_int_t)c->tx_bytes), &ok);
	put(o, "rx_packets", json_integer((json_int_t)c->rx_packets), &ok);
	put(o, "rx_bytes", json_integer((json_int_t)c->rx_bytes), &ok);
	if (team) {
		put(o, "tx_dropped", json_integer((json_int_t)c->tx_dropped),
		    &ok);
		put(o, "rx_dropped", json_integer((json_int_t)c->rx_dropped),
		    &ok);
	}
	return done(o, ok);
}

/* The integer v under key, unless it is -1 (not reported). */
static void put_int(json_t *o, const char *key, long long v, bool *ok)
{
	if (v >= 0)
		put(o, key, json_integer(v), ok);
}

/* The name of v in t under key, unless it is -1. */
static void put_name(json_t *o, const char *key, const struct name_table *t,
		     int v, bool *ok)
{
	if (v >= 0)
		put(o, key, json_string(name_of(t, v)), ok);
}

/* true/false under key, unless v is -1. */
static void put_bool(json_t *o, const char *key, int v, bool *ok)
{
	if (v >= 0)
		put(o, key, json_boolean(v), ok);
}

static json_t *json_lacp_end(const struct lbfo_lacp_end *e)
{
	char mac[MAC_TEXT_MAX];
	json_t *o = json_object();
	bool ok = o;

	if (!o)
		return NULL;
	put_int(o, "system_priority", e->sys_prio, &ok);
	if (e->system >= 0) {
		mac_text(e->system, mac, sizeof(mac));
		put(o, "system", json_string(mac), &ok);
	}
	put_int(o, "key", e->key, &ok);
	put_int(o, "port_priority", e->port_prio, &ok);
	put_int(o, "port", e->port, &ok);
	if (e->state >= 0)
		put(o, "state", bits_json(&names_lacp_bits, e->state), &ok);
	return done(o, ok);
}

json_t *json_lacp(const struct lbfo_lacp_port *l)
{
	json_t *o = json_object();
	bool ok = o;

	if (!o)
		return NULL;
	if (l->actor.present)
		put(o, "actor", json_lacp_end(&l->actor), &ok);
	if (l->partner.present)
		put(o, "partner", json_lacp_end(&l->partner), &ok);
	put_name(o, "rx", &names_lacp_rx, l->rx, &ok);
	put_name(o, "mux", &names_lacp_mux, l->mux, &ok);
	put_bool(o, "selected", l->selected, &ok);
	put_int(o, "aggregator", l->aggregator, &ok);
	put_name(o, "why", &names_lacp_why, l->why, &ok);
	put_bool(o, "actor_churn", l->actor_churn, &ok);
	put_bool(o, "partner_churn", l->partner_churn, &ok);
	put_int(o, "rx_pdus", l->rx_pdus, &ok);
	put_int(o, "tx_pdus", l->tx_pdus, &ok);
	put_int(o, "rx_errors", l->rx_errors, &ok);
	return done(o, ok);
}

/*
 * A member's LACP settings: where the kernel reported them and, unless all
 * is true, outside mode lacp (no LACP state from the kernel) only if they
 * are not at their defaults.
 */
static void put_member_lacp(json_t *o, const struct lbfo_member_info *m,
			    bool all, bool *ok)
{
	bool lacp = all || m->lacp.present;

	put_int(o, member_lacp_prio.key,
		lacp_shown(m->lacp_prio, member_lacp_prio.def, lacp), ok);
	put_int(o, member_lacp_key.key,
		lacp_shown(m->lacp_key, member_lacp_key.def, lacp), ok);
}

json_t *json_member(const struct lbfo_member_info *m)
{
	json_t *o = json_object();
	bool ok = o;

	if (!o)
		return NULL;
	put(o, "name", json_string(m->name), &ok);
	put(o, "ifindex", json_integer(m->ifindex), &ok);
	put(o, "driver", json_string(m->driver), &ok);
	put(o, "speed_mbps", json_integer(m->speed_mbps), &ok);
	put(o, "role", json_string(name_of(&names_role, m->role)), &ok);
	put(o, "admin", json_string(name_of(&names_admin, m->admin_up)), &ok);
	put_int(o, "weight", m->weight, &ok);
	put_member_lacp(o, m, false, &ok);
	put(o, "state", json_string(name_of(&names_state, m->state)), &ok);
	put_int(o, "buckets", m->buckets, &ok);
	put(o, "counters", json_counters(&m->counters, false), &ok);
	if (m->lacp.present)
		put(o, LACP_KEY, json_lacp(&m->lacp), &ok);
	return done(o, ok);
}

/* t's members, each as one() makes it, as o's "members" array. */
static void put_members(json_t *o, const struct lbfo_team_info *t,
			json_t *(*one)(const struct lbfo_member_info *),
			bool *ok)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && *ok && i < t->n_members; i++)
		if (json_array_append_new(a, one(&t->members[i])))
			*ok = false;
	put(o, "members", a, ok);
}

/* The team's LACP state, for a team in mode lacp (else it is "off"). */
static void put_lacp_state(json_t *o, const struct lbfo_team_info *t,
			   bool *ok)
{
	put_name(o, "lacp_state", &names_lacp_state,
		 (int)lacp_shown(t->lacp_state, LBFO_LACP_TEAM_OFF,
				 t->p.mode == LBFO_MODE_LACP), ok);
}

json_t *json_team(const struct lbfo_team_info *t)
{
	json_t *o = json_object();
	bool ok = o;

	if (!o)
		return NULL;
	put(o, "name", json_string(t->name), &ok);
	put(o, "ifindex", json_integer(t->ifindex), &ok);
	ok = params_show(o, &t->p) && ok;
	put(o, "primary", t->primary[0] ? json_string(t->primary) : json_null(),
	    &ok);
	put(o, "carrier", json_boolean(t->carrier), &ok);
	put(o, "carriers", json_integer(t->carriers), &ok);
	put_lacp_state(o, t, &ok);
	put(o, "counters", json_counters(&t->counters, true), &ok);
	put_members(o, t, json_member, &ok);
	return done(o, ok);
}

json_t *json_teams(const struct lbfo_team_list *l)
{
	json_t *a = json_array();
	size_t i;

	if (!a)
		return NULL;
	for (i = 0; i < l->n_teams; i++) {
		if (json_array_append_new(a, json_team(&l->teams[i]))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/* What stats shows of a team or a member: its name and counters. */
static json_t *name_counters(const char *name, const struct lbfo_counters *c,
			     bool team)
{
	json_t *o = json_object();
	bool ok = o;

	if (!o)
		return NULL;
	put(o, "name", json_string(name), &ok);
	put(o, "counters", json_counters(c, team), &ok);
	return done(o, ok);
}

static json_t *member_stats(const struct lbfo_member_info *m)
{
	return name_counters(m->name, &m->counters, false);
}

json_t *json_stats(const struct lbfo_team_info *t)
{
	json_t *o = name_counters(t->name, &t->counters, true);
	bool ok = o;

	if (!o)
		return NULL;
	put_members(o, t, member_stats, &ok);
	return done(o, ok);
}

json_t *json_event(const struct lbfo_event *ev)
{
	json_t *o = json_object();
	bool ok = o;

	if (!o)
		return NULL;
	put(o, "event", json_string(name_of(&names_event, ev->cmd)), &ok);
	put(o, "team", json_string(ev->team), &ok);
	switch (ev->cmd) {
	case LBFO_CMD_TEAM_NEW:
	case LBFO_CMD_TEAM_SET:
		ok = params_show(o, &ev->team_info.p) && ok;
		if (ev->team_info.primary[0])
			put(o, "primary", json_string(ev->team_info.primary),
			    &ok);
		put_lacp_state(o, &ev->team_info, &ok);
		break;
	case LBFO_CMD_MEMBER_ADD:
	case LBFO_CMD_MEMBER_DEL:
	case LBFO_CMD_MEMBER_SET:
		put(o, "member", json_string(ev->member.name), &ok);
		put_name(o, "role", &names_role, ev->member.role, &ok);
		put_name(o, "admin", &names_admin, ev->member_admin, &ok);
		put_int(o, "weight", ev->member.weight, &ok);
		/*
		 * Whatever the kernel sent: a member event does not say
		 * whether the team is in mode lacp, and a change back to a
		 * default must show.
		 */
		put_member_lacp(o, &ev->member, true, &ok);
		put_name(o, "state", &names_state, ev->member.state, &ok);
		break;
	case LBFO_CMD_LACP:
		/* The team's state as it is now, whatever its mode says. */
		put_name(o, "lacp_state", &names_lacp_state,
			 ev->team_info.lacp_state, &ok);
		put(o, "member", json_string(ev->member.name), &ok);
		put_name(o, "state", &names_state, ev->member.state, &ok);
		if (ev->member.lacp.present)
			put(o, LACP_KEY, json_lacp(&ev->member.lacp), &ok);
		break;
	case LBFO_CMD_MEMBER_STATE:
		put(o, "member", json_string(ev->member.name), &ok);
		put(o, "state", json_string(name_of(&names_state,
						ev->member.state)), &ok);
		put(o, "old_state", json_string(name_of(&names_state,
						ev->old_state)), &ok);
		break;
	default:
		break;
	}
	if (ev->carriers >= 0)
		put(o, "carriers", json_integer(ev->carriers), &ok);
	if (ev->reason >= 0)
		put(o, "reason", json_string(name_of(&names_reason,
						ev->reason)), &ok);
	if (ev->trigger[0])
		put(o, "trigger", json_string(ev->trigger), &ok);
	return done(o, ok);
}

/* ---- rendering ---- */

static void scalar_text(const json_t *v, char *buf, size_t size)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		snprintf(buf, size, "%s", json_string_value(v));
		break;
	case JSON_INTEGER:
		snprintf(buf, size, "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		break;
	case JSON_REAL:
		snprintf(buf, size, "%g", json_real_value(v));
		break;
	case JSON_TRUE:
		snprintf(buf, size, "yes");
		break;
	case JSON_FALSE:
		snprintf(buf, size, "no");
		break;
	default:
		snprintf(buf, size, "-");
		break;
	}
}

static bool is_scalar(const json_t *v)
{
	return !json_is_object(v) && !json_is_array(v);
}

static bool is_table(const json_t *v)
{
	return json_is_array(v) && json_array_size(v) &&
	       json_is_object(json_array_get(v, 0));
}

/* A scalar, or an array of scalars ("a,b", "none" if empty), as text. */
static void value_text(FILE *f, const json_t *v)
{
	char buf[256];
	size_t i;
	json_t *e;

	if (is_scalar(v)) {
		scalar_text(v, buf, sizeof(buf));
		fputs(buf, f);
		return;
	}
	if (!json_array_size(v))
		fputs("none", f);
	json_array_foreach(v, i, e) {
		scalar_text(e, buf, sizeof(buf));
		fprintf(f, "%s%s", i ? "," : "", buf);
	}
}

/* " key value" for the key of o, if o has it. */
static void pair_text(FILE *f, const char *key, const json_t *o,
		      const char *sub)
{
	const json_t *v = json_object_get(o, sub);

	if (v) {
		fprintf(f, " %s ", key);
		value_text(f, v);
	}
}

/*
 * A member's LACP state on one line (events): " rx current mux ... why
 * none partner_system MAC partner_key N actor_state a,b partner_state a,b".
 */
static void lacp_pairs(FILE *f, const json_t *l)
{
	const json_t *actor = json_object_get(l, "actor");
	const json_t *partner = json_object_get(l, "partner");

	pair_text(f, "rx", l, "rx");
	pair_text(f, "mux", l, "mux");
	pair_text(f, "why", l, "why");
	pair_text(f, "partner_system", partner, "system");
	pair_text(f, "partner_key", partner, "key");
	pair_text(f, "actor_state", actor, "state");
	pair_text(f, "partner_state", partner, "state");
}

/* Scalars of o and of arrays of scalars, as " key value" pairs. */
static void text_pairs(FILE *f, const json_t *o, const char *skip)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)o, key, v) {
		if (skip && !strcmp(key, skip))
			continue;
		if (is_scalar(v) || (json_is_array(v) && !is_table(v))) {
			fprintf(f, " %s ", key);
			value_text(f, v);
		} else if (json_is_object(v) && !strcmp(key, LACP_KEY)) {
			lacp_pairs(f, v);
		}
	}
}

/* What of a LACP object is "-" when it is not there. */
static const char *str_of(const json_t *o, const char *key, char *buf,
			  size_t size)
{
	const json_t *v = json_object_get(o, key);

	if (!v)
		return "-";
	scalar_text(v, buf, size);
	return buf;
}

/* "actor   65535,52:54:00:12:34:56 key 1 port 255,1 [activity,...]" */
static void lacp_end_text(FILE *f, const char *who, const json_t *e,
			  int indent)
{
	char prio[32], sys[32], key[32], pprio[32], port[32], bit[32];
	const json_t *bits = json_object_get(e, "state"), *b;
	size_t i;

	if (!e)
		return;
	fprintf(f, "%*s%-7s %s,%s key %s port %s,%s [", indent, "", who,
		str_of(e, "system_priority", prio, sizeof(prio)),
		str_of(e, "system", sys, sizeof(sys)),
		str_of(e, "key", key, sizeof(key)),
		str_of(e, "port_priority", pprio, sizeof(pprio)),
		str_of(e, "port", port, sizeof(port)));
	json_array_foreach(bits, i, b) {
		scalar_text(b, bit, sizeof(bit));
		fprintf(f, "%s%s", i ? "," : "", bit);
	}
	fputs("]\n", f);
}

/*
 * A member's LACP state under its row of the members table:
 *   lacp: current, collecting-distributing, aggregator 1, lacpdus rx 9 tx 9
 *   actor   65535,52:54:00:12:34:56 key 1 port 255,1 [activity,...]
 *   partner 32768,00:11:22:33:44:55 key 17 port 32768,5 [activity,...]
 *   why: speed                      (when why is not none)
 */
static void lacp_block(FILE *f, const json_t *l, int indent)
{
	char rx[32], mux[32], agg[32], in[32], out[32], buf[32];
	const char *bad, *why;

	fprintf(f, "%*slacp: %s, %s, aggregator %s%s%s%s, lacpdus rx %s tx %s",
		indent, "", str_of(l, "rx", rx, sizeof(rx)),
		str_of(l, "mux", mux, sizeof(mux)),
		str_of(l, "aggregator", agg, sizeof(agg)),
		json_is_false(json_object_get(l, "selected")) ?
		" (not selected)" : "",
		json_is_true(json_object_get(l, "actor_churn")) ?
		", actor churn" : "",
		json_is_true(json_object_get(l, "partner_churn")) ?
		", partner churn" : "",
		str_of(l, "rx_pdus", in, sizeof(in)),
		str_of(l, "tx_pdus", out, sizeof(out)));
	bad = str_of(l, "rx_errors", buf, sizeof(buf));
	if (strcmp(bad, "0") && strcmp(bad, "-"))
		fprintf(f, " errors %s", bad);
	fputc('\n', f);
	lacp_end_text(f, "actor", json_object_get(l, "actor"), indent);
	lacp_end_text(f, "partner", json_object_get(l, "partner"), indent);
	why = str_of(l, "why", buf, sizeof(buf));
	if (strcmp(why, "none") && strcmp(why, "-"))
		fprintf(f, "%*swhy: %s\n", indent, "", why);
}

/* Columns of a table: the keys of its first row, nested objects flattened. */
struct column {
	const char *key;
	const char *sub;	/* key inside a nested object, or NULL */
	size_t width;
};

#define MAX_COLUMNS 32

static size_t table_columns(const json_t *row, struct column *cols)
{
	const char *key, *sub;
	json_t *v, *sv;
	size_t n = 0;

	json_object_foreach((json_t *)row, key, v) {
		if (is_scalar(v) && n < MAX_COLUMNS) {
			cols[n++] = (struct column){ key, NULL, strlen(key) };
		} else if (json_is_object(v) && strcmp(key, LACP_KEY)) {
			json_object_foreach(v, sub, sv)
				if (is_scalar(sv) && n < MAX_COLUMNS)
					cols[n++] = (struct column){
						key, sub, strlen(sub) };
		}
	}
	return n;
}

static void cell_text(const json_t *row, const struct column *c, char *buf,
		      size_t size)
{
	const json_t *v = json_object_get(row, c->key);

	if (v && c->sub)
		v = json_object_get(v, c->sub);
	if (!v) {
		snprintf(buf, size, "-");
		return;
	}
	scalar_text(v, buf, size);
}

static void text_table(FILE *f, const json_t *a, int indent)
{
	struct column cols[MAX_COLUMNS];
	size_t n, i, c;
	json_t *row;
	char buf[256];

	n = table_columns(json_array_get(a, 0), cols);
	json_array_foreach(a, i, row) {
		for (c = 0; c < n; c++) {
			cell_text(row, &cols[c], buf, sizeof(buf));
			if (strlen(buf) > cols[c].width)
				cols[c].width = strlen(buf);
		}
	}
	fprintf(f, "%*s", indent, "");
	for (c = 0; c < n; c++)
		fprintf(f, "%-*s%s", c + 1 < n ? (int)cols[c].width : 0,
			cols[c].sub ? cols[c].sub : cols[c].key,
			c + 1 < n ? "  " : "\n");
	json_array_foreach(a, i, row) {
		fprintf(f, "%*s", indent, "");
		for (c = 0; c < n; c++) {
			cell_text(row, &cols[c], buf, sizeof(buf));
			fprintf(f, "%-*s%s", c + 1 < n ? (int)cols[c].width : 0,
				buf, c + 1 < n ? "  " : "\n");
		}
		if (json_is_object(json_object_get(row, LACP_KEY)))
			lacp_block(f, json_object_get(row, LACP_KEY),
				   indent + 4);
	}
}

static void text_value(FILE *f, const json_t *v, int indent);

static void text_object(FILE *f, const json_t *o, int indent)
{
	const char *key, *first = NULL;
	json_t *v, *head = NULL;
	char buf[256];
	void *it = json_object_iter((json_t *)o);

	if (it) {
		first = json_object_iter_key(it);
		head = json_object_iter_value(it);
	}
	fprintf(f, "%*s", indent, "");
	if (first && json_is_string(head) &&
	    (!strcmp(first, "name") || !strcmp(first, "event"))) {
		scalar_text(head, buf, sizeof(buf));
		fprintf(f, "%s:", buf);
		text_pairs(f, o, first);
	} else {
		text_pairs(f, o, NULL);
	}
	fputc('\n', f);
	json_object_foreach((json_t *)o, key, v) {
		if (json_is_object(v) && strcmp(key, LACP_KEY)) {
			fprintf(f, "%*s%s:", indent + 4, "", key);
			text_pairs(f, v, NULL);
			fputc('\n', f);
		}
	}
	json_object_foreach((json_t *)o, key, v) {
		if (is_table(v)) {
			fprintf(f, "%*s%s:\n", indent + 4, "", key);
			text_table(f, v, indent + 4);
		}
	}
}

static void text_value(FILE *f, const json_t *v, int indent)
{
	size_t i;
	json_t *e;
	char buf[256];

	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			text_value(f, e, indent);
	} else if (json_is_object(v)) {
		text_object(f, v, indent);
	} else {
		scalar_text(v, buf, sizeof(buf));
		fprintf(f, "%*s%s\n", indent, "", buf);
	}
}

int print_doc(FILE *f, const json_t *v, bool json)
{
	if (json) {
		if (json_dumpf(v, f, JSON_COMPACT | JSON_ENCODE_ANY))
			return -1;
		fputc('\n', f);
	} else {
		text_value(f, v, 0);
	}
	return fflush(f) ? -1 : 0;
}

int print_pretty(FILE *f, const json_t *v)
{
	if (json_dumpf(v, f, JSON_INDENT(2)))
		return -1;
	fputc('\n', f);
	return fflush(f) ? -1 : 0;
}
