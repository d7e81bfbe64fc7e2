// SPDX-License-Identifier: GPL-2.0
/*
 * One way to run an operation, wherever it runs: the args go through their
 * JSON form (args.h) both here and through teamctld, so that a command
 * means the same and prints the same locally and with --remote.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "print.h"
#include "proto.h"
#include "teamctl.h"

/* "teamctl: MESSAGE" for each of messages (an array of strings). */
static void print_messages(const json_t *messages)
{
	const json_t *m;
	size_t i;

	json_array_foreach(messages, i, m)
		if (json_is_string(m))
			pr_err("%s", json_string_value(m));
}

static int call_local(const json_t *args, enum op_id op, json_t **result)
{
	struct op_result r;
	struct op_args a;
	char msg[256];
	int status;

	if (!args_decode(op, args, &a, msg, sizeof(msg))) {
		pr_err("%s", msg);
		return EXIT_USAGE;
	}
	if (!op_result_init(&r)) {
		args_free(&a);
		pr_err("out of memory");
		return EXIT_FAIL;
	}
	ops_run(&a, &r);
	print_messages(r.messages);
	status = r.status;
	if (!status && result) {
		*result = r.result;
		r.result = NULL;
	}
	op_result_free(&r);
	args_free(&a);
	return status;
}

int remote_open(const struct opts *o, struct rclient **c)
{
	struct rclient_opts ro = {
		.remote = o->remote, .cert = o->cert, .key = o->key,
		.ca = o->ca, .timeout_ms = o->timeout_ms,
	};
	char msg[512];

	if (rclient_connect(&ro, c, msg, sizeof(msg))) {
		pr_err("%s: %s", o->remote, msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* The response to our request, skipping anything else. EXIT_OK or _FAIL. */
static int wait_response(struct rclient *c, const struct opts *o,
			 struct reply *rep)
{
	char msg[512];
	int ret;

	for (;;) {
		ret = rclient_recv(c, rep, o->timeout_ms, msg, sizeof(msg));
		if (ret == -ETIMEDOUT)
			snprintf(msg, sizeof(msg), "no reply within %d ms",
				 o->timeout_ms);
		else if (ret == -EPIPE)
			snprintf(msg, sizeof(msg),
				 "the daemon closed the connection");
		if (ret) {
			memset(rep, 0, sizeof(*rep));
			pr_err("%s: %s", o->remote, msg);
			return EXIT_FAIL;
		}
		if (rep->kind == REPLY_RESPONSE)
			return EXIT_OK;
		reply_free(rep);	/* nothing else is expected yet */
	}
}

int remote_request(struct rclient *c, const struct opts *o, const char *op,
		   json_t *args, struct reply *rep)
{
	char msg[512], reason[512];
	json_t *req;
	int ret;

	memset(rep, 0, sizeof(*rep));
	req = request_new(1, op, args);
	if (!req) {
		pr_err("out of memory");
		return EXIT_FAIL;
	}
	ret = rclient_send(c, req, msg, sizeof(msg));
	json_decref(req);
	if (!ret) {
		ret = wait_response(c, o, rep);
	} else if (rclient_recv(c, rep, 200, reason, sizeof(reason)) ||
		   rep->kind != REPLY_RESPONSE) {
		/*
		 * A daemon that refuses a connection says why and closes: the
		 * send can fail before that answer is read. Only without one
		 * is the send's error the news.
		 */
		if (rep->root)
			reply_free(rep);
		memset(rep, 0, sizeof(*rep));
		pr_err("%s: %s", o->remote, msg);
		ret = EXIT_FAIL;
	} else {
		ret = EXIT_OK;
	}
	if (ret)
		return ret;
	if (rep->messages)
		print_messages(rep->messages);
	if (rep->status && !rep->messages)
		pr_err("%s: the daemon refused the request (%s)", o->remote,
		       rep->error ? rep->error : "no reason given");
	return rep->status;
}

static int call_remote(json_t *args, enum op_id op, const struct opts *o,
		       json_t **result)
{
	struct rclient *c;
	struct reply rep;
	int status;

	status = remote_open(o, &c);
	if (status) {
		json_decref(args);
		return status;
	}
	status = remote_request(c, o, op_info[op].name, args, &rep);
	if (!status && result && rep.result)
		*result = json_incref((json_t *)rep.result);
	if (rep.root)
		reply_free(&rep);
	rclient_close(c);
	return status;
}

int call(const struct op_args *a, const struct opts *o, json_t **result)
{
	json_t *args = args_encode(a);
	int status;

	if (result)
		*result = NULL;
	if (!args) {
		pr_err("out of memory");
		return EXIT_FAIL;
	}
	if (o->remote)
		return call_remote(args, a->op, o, result);	/* takes args */
	status = call_local(args, a->op, result);
	json_decref(args);
	return status;
}

int print_result(const json_t *doc, const struct opts *o)
{
	if (!doc || print_doc(stdout, doc, o->json)) {
		pr_err("cannot print: %s", doc ? "write error" : "no data");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
