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
	if (m->weight >= 0)
		put(o, "weight", json_integer(m->weight), &ok);
	put(o, "state", json_string(name_of(&names_state, m->state)), &ok);
	if (m->buckets >= 0)
		put(o, "buckets", json_integer(m->buckets), &ok);
	put(o, "counters", json_counters(&m->counters, false), &ok);
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

json_t *json_team(const struct lbfo_team_info *t)
{
	json_t *o = json_object();
	bool ok = o;

	if (!o)
		return NULL;
	put(o, "name", json_string(t->name), &ok);
	put(o, "ifindex", json_integer(t->ifindex), &ok);
	ok = params_to_json(o, &t->p) && ok;
	put(o, "primary", t->primary[0] ? json_string(t->primary) : json_null(),
	    &ok);
	put(o, "carrier", json_boolean(t->carrier), &ok);
	put(o, "carriers", json_integer(t->carriers), &ok);
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
		ok = params_to_json(o, &ev->team_info.p) && ok;
		if (ev->team_info.primary[0])
			put(o, "primary", json_string(ev->team_info.primary),
			    &ok);
		break;
	case LBFO_CMD_MEMBER_ADD:
	case LBFO_CMD_MEMBER_DEL:
	case LBFO_CMD_MEMBER_SET:
		put(o, "member", json_string(ev->member.name), &ok);
		if (ev->member.role >= 0)
			put(o, "role", json_string(name_of(&names_role,
						ev->member.role)), &ok);
		if (ev->member_admin >= 0)
			put(o, "admin", json_string(name_of(&names_admin,
						ev->member_admin)), &ok);
		if (ev->member.weight >= 0)
			put(o, "weight", json_integer(ev->member.weight), &ok);
		if (ev->member.state >= 0)
			put(o, "state", json_string(name_of(&names_state,
						ev->member.state)), &ok);
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

/* Scalars of o and of arrays of scalars, as " key value" pairs. */
static void text_pairs(FILE *f, const json_t *o, const char *skip)
{
	const char *key;
	json_t *v;
	char buf[256];

	json_object_foreach((json_t *)o, key, v) {
		if (skip && !strcmp(key, skip))
			continue;
		if (is_scalar(v)) {
			scalar_text(v, buf, sizeof(buf));
			fprintf(f, " %s %s", key, buf);
		} else if (json_is_array(v) && !is_table(v)) {
			size_t i;
			json_t *e;

			fprintf(f, " %s ", key);
			if (!json_array_size(v))
				fputs("none", f);
			json_array_foreach(v, i, e) {
				scalar_text(e, buf, sizeof(buf));
				fprintf(f, "%s%s", i ? "," : "", buf);
			}
		}
	}
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
		} else if (json_is_object(v)) {
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
		if (json_is_object(v)) {
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
