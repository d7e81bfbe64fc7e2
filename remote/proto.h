/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The teamctld wire protocol, version 1 (remote/PROTOCOL.md): frames, and
 * the envelopes of requests, responses, events and notices. Shared by the
 * daemon and by teamctl --remote. Pure: no I/O, unit tested and fuzzed.
 *
 * A frame is a 4-byte big-endian length N, then N bytes of UTF-8 JSON text
 * holding one object. N is at least 2 ("{}") and at most the reader's limit.
 *
 *   request   {"v": 1, "id": 7, "op": "team.show", "args": {"team": "t0"}}
 *   response  {"v": 1, "id": 7, "status": 0, "result": ...}
 *             {"v": 1, "id": 7, "status": 1, "error": "denied",
 *              "messages": ["permission denied: ..."]}
 *   event     {"v": 1, "id": 7, "event": {...}}   (after a monitor request)
 *   notice    {"v": 1, "id": 7, "notice": "..."}  (idem)
 *
 * "status" is teamctl's exit status (0 ok, 1 failed, 2 usage). "error" is
 * one of the PROTO_E_* codes below. "id" is echoed; it is null in the
 * response to a request whose id could not be read.
 */
#ifndef REMOTE_PROTO_H
#define REMOTE_PROTO_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define PROTO_VERSION		1
#define PROTO_HDR_LEN		4
#define PROTO_MIN_FRAME		2
/* What the daemon accepts by default (config "max_request"). */
#define PROTO_REQUEST_MAX	(256 * 1024)
/* What a client accepts (a team show of many big teams). */
#define PROTO_RESPONSE_MAX	(16 * 1024 * 1024)
/* The longest op name. */
#define PROTO_OP_MAX		32
/* Ids are JSON integers 0 .. 2^53 - 1 (exact in every JSON reader). */
#define PROTO_ID_MAX		9007199254740991LL

/* Error codes, with the status they go with. */
#define PROTO_E_BAD_REQUEST	"bad-request"	/* 2: not a valid request */
#define PROTO_E_VERSION		"version"	/* 2: "v" is not one we speak */
#define PROTO_E_UNKNOWN_OP	"unknown-op"	/* 2 */
#define PROTO_E_USAGE		"usage"		/* 2: args refused */
#define PROTO_E_TOO_LARGE	"too-large"	/* 2: then the daemon closes */
#define PROTO_E_DENIED		"denied"	/* 1: the role does not allow */
#define PROTO_E_FAILED		"failed"	/* 1: the kernel refused... */
#define PROTO_E_RATE		"rate-limited"	/* 1: try again later */
#define PROTO_E_BUSY		"busy"		/* 1: too many clients */
#define PROTO_E_TIMEOUT		"timeout"	/* 1: then the daemon closes */

/*
 * An incremental frame reader: bytes in (as they arrive, in any pieces),
 * whole frames out. max is the largest payload accepted.
 */
struct frame_reader {
	unsigned char *buf;
	size_t start;		/* the bytes held are buf[start, start + len) */
	size_t len;
	size_t cap;
	size_t max;
};

void frame_reader_init(struct frame_reader *r, size_t max);
void frame_reader_free(struct frame_reader *r);

/* Append n bytes. 0 or -ENOMEM. */
int frame_reader_feed(struct frame_reader *r, const void *data, size_t n);

/*
 * The next whole frame. Returns 1 with *payload and *len (valid until the
 * next call to feed or next), 0 if more bytes are needed, -EMSGSIZE if the
 * header announces more than max, -EBADMSG if it announces less than
 * PROTO_MIN_FRAME. After an error the stream cannot be resynchronised.
 */
int frame_reader_next(struct frame_reader *r, const char **payload,
		      size_t *len);

/* Bytes of a frame not yet complete are held (for the read timeout). */
bool frame_reader_partial(const struct frame_reader *r);

/*
 * v as a frame: header and compact JSON, in a malloc'd buffer. 0, -ENOMEM,
 * or -EMSGSIZE if the text exceeds max.
 */
int frame_encode(const json_t *v, size_t max, unsigned char **out,
		 size_t *len);

/* Why a request was refused: what goes into the error response. */
struct proto_err {
	int status;		/* 2 (or 1) */
	const char *code;	/* PROTO_E_* */
	char msg[256];
};

/*
 * A request read from a frame. root owns everything; op and args point
 * into it. args is an object (an empty one when the request had none).
 */
struct request {
	json_t *root;
	bool has_id;		/* false: the response's id is null */
	long long id;
	const char *op;
	const json_t *args;
};

/*
 * Read a request. true: *req is filled, free it with request_free(). false:
 * *err says why, and req->has_id and req->id hold the id if it could be
 * read (for the error response); nothing to free. Checks: one JSON object,
 * no duplicate keys, only the keys v, id, op, args; v the integer
 * PROTO_VERSION (else PROTO_E_VERSION); id an integer in 0..PROTO_ID_MAX;
 * op a string of 1..PROTO_OP_MAX characters [a-z.-]; args an object.
 * It does not look up op, nor read args (that is args.h's).
 */
bool request_parse(const char *payload, size_t len, struct request *req,
		   struct proto_err *err);
void request_free(struct request *req);

/* A request object (client side); steals args (NULL: no args). */
json_t *request_new(long long id, const char *op, json_t *args);

/*
 * Responses. Each returns a new object (NULL: out of memory). The ones
 * that take a json_t steal it. messages: an array of strings, or NULL.
 */
json_t *response_ok(const struct request *req, json_t *result);
json_t *response_error(bool has_id, long long id, int status,
		       const char *code, json_t *messages);
/* response_error() with the one message fmt... */
json_t *response_errorf(bool has_id, long long id, int status,
			const char *code, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
json_t *event_new(long long id, json_t *event);
json_t *notice_new(long long id, const char *text);

/* What a client reads: a response, an event or a notice. */
enum reply_kind {
	REPLY_RESPONSE,
	REPLY_EVENT,
	REPLY_NOTICE,
};

/* root owns the rest; result, messages, event may be NULL. */
struct reply {
	json_t *root;
	enum reply_kind kind;
	bool has_id;
	long long id;
	int status;		/* REPLY_RESPONSE */
	const char *error;	/* REPLY_RESPONSE with status != 0 */
	const json_t *result;	/* REPLY_RESPONSE with status 0 */
	const json_t *messages;	/* array of strings, or NULL */
	const json_t *event;	/* REPLY_EVENT */
	const char *notice;	/* REPLY_NOTICE */
};

/*
 * Read what the daemon sent. false: msg says what is wrong with it (a
 * client treats that as a broken connection).
 */
bool reply_parse(const char *payload, size_t len, struct reply *out,
		 char *msg, size_t size);
void reply_free(struct reply *r);

#endif /* REMOTE_PROTO_H */
