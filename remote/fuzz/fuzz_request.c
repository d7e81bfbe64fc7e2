// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for what teamctld does with the bytes a client sends:
 * frames (proto.h) in pieces, each read as a request, its op looked up and
 * its args decoded (args.h), and the response built and framed.
 *
 * Input: one byte that says where to cut the rest into three pieces, then
 * the stream. Beyond memory errors and leaks it checks that decoded args
 * encode to JSON that decodes to the same JSON and the same role, that no
 * call needs less than its op's role, that request_new() rebuilds what
 * was read, and that every response can be sent and read back by a client.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void __attribute__((noreturn)) broken(const char *what)
{
	fprintf(stderr, "fuzz_request: %s\n", what);
	abort();
}

/* Send v (stolen): it must frame, and a client must read it back. */
static void send_reply(json_t *v, int kind)
{
	unsigned char *out;
	struct reply reply;
	char msg[256];
	size_t len;

	if (!v)
		broken("no response built");
	if (frame_encode(v, PROTO_RESPONSE_MAX, &out, &len))
		broken("response cannot be framed");
	if (!reply_parse((const char *)out + PROTO_HDR_LEN,
			 len - PROTO_HDR_LEN, &reply, msg, sizeof(msg))) {
		fprintf(stderr, "%s\n", msg);
		broken("client refuses the response");
	}
	if ((int)reply.kind != kind)
		broken("response read back as another kind");
	reply_free(&reply);
	free(out);
	json_decref(v);
}

static void send_error(const struct request *req, int status,
		       const char *code, const char *msg)
{
	send_reply(response_errorf(req->has_id, req->id, status, code, "%s",
				   msg), REPLY_RESPONSE);
}

/* Decoded args to JSON and back: the same JSON, the same role. */
static json_t *round_trip(enum op_id op, const struct op_args *a)
{
	struct op_args b;
	json_t *e1, *e2;
	char msg[256];

	e1 = args_encode(a);
	if (!e1)
		broken("args_encode failed");
	if (!args_decode(op, e1, &b, msg, sizeof(msg))) {
		fprintf(stderr, "%s\n", msg);
		broken("args_encode made args that args_decode refuses");
	}
	e2 = args_encode(&b);
	if (!e2)
		broken("args_encode failed the second time");
	if (!json_equal(e1, e2))
		broken("args changed over an encode, decode, encode");
	if (args_role(&b) != args_role(a))
		broken("args need another role after a round trip");
	json_decref(e2);
	args_free(&b);
	return e1;
}

/* What a client makes of the request is read the same way. */
static void resend(const struct request *req)
{
	struct proto_err err;
	struct request again;
	unsigned char *out;
	size_t len;
	json_t *v;

	v = request_new(req->id, req->op, json_deep_copy(req->args));
	if (!v || frame_encode(v, PROTO_RESPONSE_MAX, &out, &len))
		broken("request_new() made nothing to send");
	if (!request_parse((const char *)out + PROTO_HDR_LEN,
			   len - PROTO_HDR_LEN, &again, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		broken("request_new() made a request that is refused");
	}
	if (!again.has_id || again.id != req->id ||
	    strcmp(again.op, req->op) || !json_equal(again.args, req->args))
		broken("request changed over request_new()");
	request_free(&again);
	free(out);
	json_decref(v);
}

static void serve(const char *payload, size_t len)
{
	struct proto_err err;
	struct request req;
	struct op_args a;
	char msg[256];
	json_t *result;
	int op;

	if (!request_parse(payload, len, &req, &err)) {
		if (req.root || req.op || req.args)
			broken("a refused request holds something");
		result = json_string(err.msg);
		if (!result)
			broken("refusal message is not UTF-8");
		json_decref(result);
		send_error(&req, err.status, err.code, err.msg);
		return;
	}
	if (!json_is_object(req.args) || !req.op || !*req.op ||
	    strlen(req.op) > PROTO_OP_MAX)
		broken("request_parse accepted a bad request");
	resend(&req);
	op = op_find(req.op);
	if (op < 0) {
		snprintf(msg, sizeof(msg), "unknown operation '%s'", req.op);
		send_error(&req, 2, PROTO_E_UNKNOWN_OP, msg);
	} else if (!args_decode(op, req.args, &a, msg, sizeof(msg))) {
		send_error(&req, 2, PROTO_E_USAGE, msg);
	} else {
		if (args_role(&a) < op_info[op].role)
			broken("a call needs less than its op's role");
		result = round_trip(op, &a);
		send_reply(response_ok(&req, result), REPLY_RESPONSE);
		args_free(&a);
	}
	request_free(&req);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct frame_reader r;
	const char *payload;
	size_t cut[4], len;
	struct request none;
	int i, ret = 0;

	if (!size)
		return 0;
	cut[0] = 0;
	cut[3] = size - 1;
	cut[1] = (data[0] & 0x0f) * cut[3] / 15;
	cut[2] = cut[1] + (data[0] >> 4) * (cut[3] - cut[1]) / 15;
	data++;

	frame_reader_init(&r, PROTO_REQUEST_MAX);
	for (i = 0; i < 3 && ret >= 0; i++) {
		if (frame_reader_feed(&r, data + cut[i], cut[i + 1] - cut[i]))
			broken("feed failed");
		while ((ret = frame_reader_next(&r, &payload, &len)) == 1) {
			if (len < PROTO_MIN_FRAME || len > PROTO_REQUEST_MAX)
				broken("frame of a bad length");
			serve(payload, len);
		}
	}
	if (ret < 0) {
		memset(&none, 0, sizeof(none));
		send_error(&none, 2, PROTO_E_TOO_LARGE,
			   "frame too large or too small");
	}
	frame_reader_free(&r);
	return 0;
}
