// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for what teamctl --remote does with the bytes a daemon
 * sends: frames (up to PROTO_RESPONSE_MAX) in pieces, each read as a reply.
 *
 * Input: one byte that says where to cut the rest into three pieces, then
 * the stream. Beyond memory errors and leaks it checks that what
 * reply_parse() accepts is consistent, and is what the daemon's own
 * constructors (response_*, event_new, notice_new) make of the same values.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void __attribute__((noreturn)) broken(const char *what)
{
	fprintf(stderr, "fuzz_reply: %s\n", what);
	abort();
}

/* The same reply, made the way the daemon makes it. */
static json_t *rebuild(const struct reply *r)
{
	struct request req = { .has_id = r->has_id, .id = r->id };
	json_t *v, *messages;

	switch (r->kind) {
	case REPLY_RESPONSE:
		messages = json_deep_copy(r->messages);
		if (r->status)
			return response_error(r->has_id, r->id, r->status,
					      r->error, messages);
		v = response_ok(&req, json_deep_copy(r->result));
		if (v && messages && json_object_set_new(v, "messages",
							 messages)) {
			json_decref(v);
			return NULL;
		}
		if (!v)
			json_decref(messages);
		return v;
	case REPLY_EVENT:
		return event_new(r->id, json_deep_copy(r->event));
	case REPLY_NOTICE:
		return notice_new(r->id, r->notice);
	}
	return NULL;
}

static bool printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

static void check(const struct reply *r)
{
	json_t *v;

	switch (r->kind) {
	case REPLY_RESPONSE:
		if (r->status < 0 || r->status > 2 || !r->status != !r->error ||
		    (r->status && r->result) || r->event || r->notice)
			broken("inconsistent response");
		break;
	case REPLY_EVENT:
		if (!json_is_object(r->event) || !r->has_id || r->notice)
			broken("inconsistent event");
		break;
	case REPLY_NOTICE:
		if (!r->notice || !r->has_id || r->event)
			broken("inconsistent notice");
		break;
	default:
		broken("unknown kind");
	}
	if (r->kind == REPLY_NOTICE && !printable(r->notice))
		return;		/* notice_new() would clean it */
	v = rebuild(r);
	if (!v)
		broken("cannot rebuild the reply");
	if (!json_equal(v, r->root))
		broken("reply differs from what the daemon would send");
	json_decref(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct frame_reader r;
	const char *payload;
	struct reply reply;
	char msg[256];
	size_t cut[4], len;
	json_t *s;
	int i, ret = 0;

	if (!size)
		return 0;
	cut[0] = 0;
	cut[3] = size - 1;
	cut[1] = (data[0] & 0x0f) * cut[3] / 15;
	cut[2] = cut[1] + (data[0] >> 4) * (cut[3] - cut[1]) / 15;
	data++;

	frame_reader_init(&r, PROTO_RESPONSE_MAX);
	for (i = 0; i < 3 && ret >= 0; i++) {
		if (frame_reader_feed(&r, data + cut[i], cut[i + 1] - cut[i]))
			broken("feed failed");
		while ((ret = frame_reader_next(&r, &payload, &len)) == 1) {
			if (!reply_parse(payload, len, &reply, msg,
					 sizeof(msg))) {
				if (reply.root)
					broken("a refused reply holds something");
				s = json_string(msg);
				if (!s)
					broken("refusal message is not UTF-8");
				json_decref(s);
				continue;
			}
			check(&reply);
			reply_free(&reply);
		}
	}
	frame_reader_free(&r);
	return 0;
}
