// SPDX-License-Identifier: GPL-2.0
/*
 * What a request goes through in teamctld (see server.h), and the events
 * that monitors get. Every refusal is a response with a clear message; a
 * request never takes the daemon or another connection down.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "conn.h"
#include "ops.h"
#include "print.h"

/* The status that goes with a result of ops_run(). */
static const char *code_of(int status)
{
	return status == EXIT_USAGE ? PROTO_E_USAGE : PROTO_E_FAILED;
}

/* A token for this request, or false (refill at conf->rate per second). */
static bool take_token(struct server *s, struct conn *c)
{
	int64_t now = now_ms();

	c->tokens += (double)(now - c->refill_ms) * s->conf->rate / 1000.0;
	if (c->tokens > s->conf->burst)
		c->tokens = s->conf->burst;
	c->refill_ms = now;
	if (c->tokens < 1.0)
		return false;
	c->tokens -= 1.0;
	return true;
}

static void deny(struct server *s, struct conn *c, const struct request *req,
		 enum op_id op, enum role need)
{
	json_t *m = json_pack("[s+++++++]", "permission denied: ",
			      op_info[op].name, " needs the role ",
			      role_name(need), "; ", c->who, " has ",
			      role_name(c->role));

	audit_log(s->audit, c->who, c->peer, c->role, op_info[op].name,
		  req->args, "denied", m);
	conn_send_new(c, response_error(true, req->id, EXIT_FAIL,
					PROTO_E_DENIED, m));
}

void audit_refusal(struct server *s, struct conn *c, const char *why)
{
	json_t *m = json_pack("[s]", why);

	audit_log(s->audit, c->who, c->peer, c->role, "connect", NULL,
		  "denied", m);
	json_decref(m);
}

/* Start sending events to c. */
static void monitor_start(struct server *s, struct conn *c,
			  const struct request *req)
{
	struct kernel_err err;

	if (c->monitor) {	/* again: the events keep their first id */
		conn_send_new(c, response_ok(req, NULL));
		return;
	}
	if (!s->events) {
		if (kernel_open(&s->events, &err) ||
		    kernel_events_subscribe(s->events, &err)) {
			kernel_close(s->events);
			s->events = NULL;
			conn_send_new(c, response_errorf(true, req->id,
							 EXIT_FAIL,
							 PROTO_E_FAILED, "%s",
							 err.msg));
			return;
		}
	}
	c->monitor = true;
	c->monitor_id = req->id;
	s->n_monitors++;
	conn_send_new(c, response_ok(req, NULL));
}

void monitor_stop(struct server *s, struct conn *c)
{
	c->monitor = false;
	if (--s->n_monitors)
		return;
	kernel_close(s->events);
	s->events = NULL;
}

/* Run a change or a read, answer, and for a change audit and save. */
static void run(struct server *s, struct conn *c, const struct request *req,
		const struct op_args *a)
{
	bool change = op_info[a->op].changes;
	struct op_result r;
	char msg[512];
	json_t *resp;

	if (!op_result_init(&r)) {
		conn_send_new(c, response_errorf(true, req->id, EXIT_FAIL,
						 PROTO_E_FAILED,
						 "out of memory"));
		return;
	}
	ops_run(a, &r);
	if (change)
		audit_log(s->audit, c->who, c->peer, c->role, op_info[a->op].name,
			  req->args, r.status ? code_of(r.status) : "ok",
			  r.messages);
	if (change && !r.status && !(a->op == OP_CONFIG_APPLY && a->dry_run) &&
	    desired_update(&s->desired, a, msg, sizeof(msg))) {
		say("desired state not saved: %s", msg);
		op_msg(&r, "warning: teamctld could not save the desired state: %s",
		       msg);
	}
	if (r.status) {
		resp = response_error(true, req->id, r.status,
				      code_of(r.status), json_incref(r.messages));
	} else {
		resp = response_ok(req, json_incref(r.result));
		if (resp && json_array_size(r.messages))
			json_object_set(resp, "messages", r.messages);
	}
	conn_send_new(c, resp);
	op_result_free(&r);
}

static void handle(struct server *s, struct conn *c, const char *payload,
		   size_t len)
{
	struct proto_err perr;
	struct request req;
	struct op_args a;
	char msg[512];
	enum role need;
	int op;

	bool parsed;

	c->active_ms = now_ms();
	parsed = request_parse(payload, len, &req, &perr);
	/* Every frame takes a token, whatever it holds. */
	if (!take_token(s, c)) {
		conn_send_new(c, response_errorf(req.has_id, req.id, EXIT_FAIL,
						 PROTO_E_RATE,
						 "rate limit: at most %g requests a second (bursts of %g); try again later",
						 s->conf->rate, s->conf->burst));
		goto out;
	}
	if (!parsed) {
		conn_send_new(c, response_error(req.has_id, req.id, perr.status,
						perr.code,
						json_pack("[s]", perr.msg)));
		return;
	}
	op = op_find(req.op);
	if (op < 0) {
		conn_send_new(c, response_errorf(true, req.id, EXIT_USAGE,
						 PROTO_E_UNKNOWN_OP,
						 "unknown operation '%s'",
						 req.op));
		goto out;
	}
	/* The role first, before anything of the args is read. */
	if (c->role < op_info[op].role) {
		deny(s, c, &req, op, op_info[op].role);
		goto out;
	}
	if (!args_decode(op, req.args, &a, msg, sizeof(msg))) {
		json_t *m = json_pack("[s]", msg);

		if (op_info[op].changes)
			audit_log(s->audit, c->who, c->peer, c->role,
				  op_info[op].name, req.args, "usage", m);
		conn_send_new(c, response_error(true, req.id, EXIT_USAGE,
						PROTO_E_USAGE, m));
		goto out;
	}
	need = args_role(&a);
	if (c->role < need)
		deny(s, c, &req, op, need);
	else if (op == OP_MONITOR)
		monitor_start(s, c, &req);
	else
		run(s, c, &req, &a);
	args_free(&a);
out:
	if (parsed)
		request_free(&req);
}

void handle_frames(struct server *s, struct conn *c)
{
	const char *payload;
	bool progress = false;
	size_t len;
	int ret;

	while (c->state == CONN_OPEN) {
		ret = frame_reader_next(&c->in, &payload, &len);
		if (ret == 0)
			break;
		if (ret < 0) {
			/* The stream cannot be read on from here: say why. */
			conn_close_after(c, response_errorf(false, 0, EXIT_USAGE,
							    ret == -EMSGSIZE ? PROTO_E_TOO_LARGE :
							    PROTO_E_BAD_REQUEST,
							    ret == -EMSGSIZE ?
							    "request larger than %zu bytes; closing" :
							    "frame shorter than a JSON object; closing",
							    s->conf->max_request));
			say("%s: %s: bad frame; closing", c->peer, c->who);
			return;
		}
		handle(s, c, payload, len);
		progress = true;
	}
	/* The deadline is for each request, from its first byte on. */
	if (!frame_reader_partial(&c->in))
		c->partial_ms = 0;
	else if (!c->partial_ms || progress)
		c->partial_ms = now_ms();
}

/* A frame for every monitor: build(id) gives it (a new reference). */
static void to_monitors(struct server *s, const json_t *event,
			const char *notice)
{
	struct conn *c;

	for (c = s->conns; c; c = c->next) {
		if (!c->monitor || c->state != CONN_OPEN)
			continue;
		if (event)
			conn_send_new(c, event_new(c->monitor_id,
						   json_incref((json_t *)event)));
		else
			conn_send_new(c, notice_new(c->monitor_id, notice));
	}
}

void handle_events(struct server *s)
{
	struct kernel_err err;
	struct lbfo_event ev;
	json_t *doc;
	int ret;

	for (;;) {
		ret = kernel_event_try(s->events, &ev, &err);
		if (ret == -EAGAIN)
			return;
		if (ret == -ENOBUFS) {
			to_monitors(s, NULL, err.msg);
			continue;
		}
		if (ret) {
			say("%s", err.msg);
			to_monitors(s, NULL, err.msg);
			kernel_close(s->events);
			s->events = NULL;
			return;
		}
		doc = json_event(&ev);
		if (doc)
			to_monitors(s, doc, NULL);
		json_decref(doc);
	}
}

void handle_family(struct server *s, int what)
{
	struct kernel_err err;

	if (!s->n_monitors)
		return;
	if (what & KERNEL_FAMILY_GONE) {
		kernel_close(s->events);
		s->events = NULL;
		to_monitors(s, NULL, "lbfo.ko was unloaded; events resume when it is loaded again");
	}
	if (!(what & KERNEL_FAMILY_NEW))
		return;
	kernel_close(s->events);
	s->events = NULL;
	if (kernel_open(&s->events, &err) ||
	    kernel_events_subscribe(s->events, &err)) {
		kernel_close(s->events);
		s->events = NULL;
		to_monitors(s, NULL, err.msg);
		return;
	}
	to_monitors(s, NULL, "lbfo.ko was loaded; events resume");
}
