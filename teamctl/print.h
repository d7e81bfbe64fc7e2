/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one print path. Every read builds a jansson value from the data model
 * (json_team(), json_event()...) and print_doc() renders that one value
 * either as JSON or as text; there is no other formatting of the data.
 *
 * Text rendering of a value:
 *  - an array: its elements in turn (strings one per line);
 *  - an object: one line, "NAME: key value key value ..." where NAME is the
 *    value of its first member if that is "name" or "event"; then each
 *    nested object on its own indented line ("counters: tx_packets 3 ...");
 *    then each array of objects as an indented, aligned table whose columns
 *    are the keys of the elements (nested objects flattened), e.g. members;
 *  - true/false as yes/no, null as "-";
 *  - a member's LACP state (the object "lacp", json_lacp()): not a column
 *    of the members table but a block of lines under the member's row
 *    ("lacp: current, collecting-distributing, aggregator 1, ...", "actor
 *    65535,52:54:00:12:34:56 key 1 port 255,1 [activity,...]", "partner
 *    ...", "why: speed"); in an event, pairs on its line ("rx current mux
 *    ... why none partner_system MAC partner_key N actor_state a,b
 *    partner_state a,b").
 */
#ifndef TEAMCTL_PRINT_H
#define TEAMCTL_PRINT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "kernel.h"

/* "teamctl: MESSAGE\n" on stderr. */
void pr_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The data model as JSON. All return a new reference (NULL: out of memory). */
json_t *json_counters(const struct lbfo_counters *c, bool team);
json_t *json_lacp(const struct lbfo_lacp_port *l);
json_t *json_member(const struct lbfo_member_info *m);
json_t *json_team(const struct lbfo_team_info *t);
json_t *json_teams(const struct lbfo_team_list *l);
json_t *json_stats(const struct lbfo_team_info *t);
json_t *json_event(const struct lbfo_event *ev);

/* Render v as compact JSON (one line) or as text, to f. 0 or -1. */
int print_doc(FILE *f, const json_t *v, bool json);

/* Render v as indented JSON (config export). 0 or -1. */
int print_pretty(FILE *f, const json_t *v);

#endif /* TEAMCTL_PRINT_H */
