// SPDX-License-Identifier: GPL-2.0
/* The teamctld wire protocol: frames and envelopes (see proto.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"

/* The first allocation of a frame reader (less if max is smaller). */
#define FRAME_BUF_MIN		4096
/* The most of a peer's string a message quotes, in bytes. */
#define EXCERPT_MAX		40
#define EXCERPT_SIZE		(EXCERPT_MAX + sizeof("..."))

/*
 * The frames next() has handed out stay at the front of buf (their
 * payloads are valid until the next call) and are dropped only when feed()
 * needs the room and they are at least as many bytes as those held, so
 * that every byte fed is moved O(1) times.
 */

/* What one frame needs: the reader does not grow beyond it for one. */
static size_t frame_limit(const struct frame_reader *r)
{
	if (r->max > SIZE_MAX - PROTO_HDR_LEN)
		return SIZE_MAX;
	return r->max + PROTO_HDR_LEN;
}

static uint32_t get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

void frame_reader_init(struct frame_reader *r, size_t max)
{
	memset(r, 0, sizeof(*r));
	r->max = max;
}

void frame_reader_free(struct frame_reader *r)
{
	free(r->buf);
	frame_reader_init(r, r->max);
}

/* A new store of cap bytes holding the bytes held, then n of data. */
static int frame_regrow(struct frame_reader *r, size_t cap, const void *data,
			size_t n)
{
	unsigned char *buf = malloc(cap);

	if (!buf)
		return -ENOMEM;
	if (r->len)
		memcpy(buf, r->buf + r->start, r->len);
	memcpy(buf + r->len, data, n);
	free(r->buf);
	r->buf = buf;
	r->start = 0;
	r->cap = cap;
	r->len += n;
	return 0;
}

/*
 * The allocation grows by doubling up to what one frame of max bytes needs,
 * and beyond that only when one call hands over more than that (whole
 * frames and the start of another): the caller's read size bounds it.
 */
int frame_reader_feed(struct frame_reader *r, const void *data, size_t n)
{
	size_t limit = frame_limit(r);
	size_t start, need, cap;

	if (!n)
		return 0;
	/* Give back what one big feed took, once it has all been read. */
	if (!r->len && r->cap > limit)
		frame_reader_free(r);
	start = r->start;
	if (r->cap - start - r->len >= n) {
		memcpy(r->buf + start + r->len, data, n);
		r->len += n;
		return 0;
	}
	if (n > SIZE_MAX - r->len)
		return -ENOMEM;
	need = r->len + n;
	if (need <= r->cap && (start >= r->len || r->cap >= limit)) {
		memmove(r->buf, r->buf + start, r->len);
		r->start = 0;
		memcpy(r->buf + r->len, data, n);
		r->len += n;
		return 0;
	}
	cap = r->cap > FRAME_BUF_MIN / 2 ? r->cap : FRAME_BUF_MIN / 2;
	do
		cap = cap <= SIZE_MAX / 2 ? cap * 2 : SIZE_MAX;
	while (cap < need);
	if (cap > limit)
		cap = limit;
	if (cap < need)
		cap = need;
	return frame_regrow(r, cap, data, n);
}

int frame_reader_next(struct frame_reader *r, const char **payload,
		      size_t *len)
{
	const unsigned char *p;
	uint32_t n;

	if (r->len < PROTO_HDR_LEN)
		return 0;
	p = r->buf + r->start;
	n = get_be32(p);
	if (n > r->max)
		return -EMSGSIZE;
	if (n < PROTO_MIN_FRAME)
		return -EBADMSG;
	if (r->len - PROTO_HDR_LEN < n)
		return 0;
	*payload = (const char *)p + PROTO_HDR_LEN;
	*len = n;
	r->len -= PROTO_HDR_LEN + n;
	/* Nothing left: the next feed starts at the front, nothing moved. */
	r->start = r->len ? r->start + PROTO_HDR_LEN + n : 0;
	return 1;
}

bool frame_reader_partial(const struct frame_reader *r)
{
	const unsigned char *p;

	if (!r->len)
		return false;
	if (r->len < PROTO_HDR_LEN)
		return true;
	p = r->buf + r->start;
	return r->len - PROTO_HDR_LEN < get_be32(p);
}

int frame_encode(const json_t *v, size_t max, unsigned char **out,
		 size_t *len)
{
	unsigned char *buf;
	size_t n;
	char *text;

	*out = NULL;
	*len = 0;
	/* A caller's bug: no frame holds anything else. */
	if (!json_is_object(v))
		return -EINVAL;
	text = json_dumps(v, JSON_COMPACT);
	if (!text)
		return -ENOMEM;
	n = strlen(text);
	if (n > max || n > UINT32_MAX) {
		free(text);
		return -EMSGSIZE;
	}
	buf = malloc(PROTO_HDR_LEN + n);
	if (!buf) {
		free(text);
		return -ENOMEM;
	}
	put_be32(buf, n);
	memcpy(buf + PROTO_HDR_LEN, text, n);
	free(text);
	*out = buf;
	*len = PROTO_HDR_LEN + n;
	return 0;
}

/*
 * Make s printable UTF-8 in place: a byte that does not start a valid
 * sequence (RFC 3629: no overlongs, surrogates or code points past
 * U+10FFFF) and control characters become '?'. Messages quote what peers
 * sent, and jansson's own error texts quote the bytes it choked on, but
 * they go into JSON strings and logs.
 */
static void clean_text(char *s)
{
	unsigned char *p = (unsigned char *)s;
	unsigned char lo, hi;
	size_t i, n;

	while (*p) {
		lo = 0x80;
		hi = 0xbf;
		if (*p < 0x20 || *p == 0x7f) {
			*p++ = '?';
			continue;
		}
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf) {
			n = 1;
		} else if (*p >= 0xe0 && *p <= 0xef) {
			n = 2;
			if (*p == 0xe0)
				lo = 0xa0;
			else if (*p == 0xed)
				hi = 0x9f;
		} else if (*p >= 0xf0 && *p <= 0xf4) {
			n = 3;
			if (*p == 0xf0)
				lo = 0x90;
			else if (*p == 0xf4)
				hi = 0x8f;
		} else {
			*p++ = '?';
			continue;
		}
		for (i = 1; i <= n; i++) {
			if (p[i] < lo || p[i] > hi)
				break;
			lo = 0x80;
			hi = 0xbf;
		}
		if (i <= n) {
			*p++ = '?';
			continue;
		}
		p += n + 1;
	}
}

/* Cut, it may end in part of a character: clean_text() makes that '?'. */
static void __attribute__((format(printf, 3, 4)))
msgf(char *msg, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (!size)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, size, fmt, ap);
	va_end(ap);
	clean_text(msg);
}

/* s cut to EXCERPT_MAX bytes at a character boundary, for a message. */
static const char *excerpt(char buf[EXCERPT_SIZE], const char *s)
{
	size_t n = strlen(s);

	if (n <= EXCERPT_MAX)
		return s;
	n = EXCERPT_MAX;
	while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(buf, s, n);
	strcpy(buf + n, "...");
	return buf;
}

/*
 * One JSON object that is the whole of p (but white space): no duplicate
 * key, no NUL byte (named as such: jansson would call it a control
 * character or an invalid token).
 */
static json_t *load_object(const char *what, const char *p, size_t n,
			   char *msg, size_t size)
{
	json_error_t e;
	const char *nul;
	json_t *root;

	nul = memchr(p, '\0', n);
	if (nul) {
		msgf(msg, size, "%s: NUL byte at offset %zu", what,
		     (size_t)(nul - p));
		return NULL;
	}
	root = json_loadb(p, n, JSON_REJECT_DUPLICATES, &e);
	if (!root) {
		msgf(msg, size, "%s: invalid JSON at offset %d: %s", what,
		     e.position, e.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		msgf(msg, size, "%s: must be a JSON object", what);
		json_decref(root);
		return NULL;
	}
	return root;
}

/* An id: an integer in 0..PROTO_ID_MAX. */
static bool id_valid(const json_t *v)
{
	return json_is_integer(v) && json_integer_value(v) >= 0 &&
	       json_integer_value(v) <= PROTO_ID_MAX;
}

static bool __attribute__((format(printf, 3, 4)))
refuse(struct proto_err *err, const char *code, const char *fmt, ...)
{
	va_list ap;

	err->status = 2;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	clean_text(err->msg);
	return false;
}

static bool request_version(const json_t *root, struct proto_err *err)
{
	const json_t *v = json_object_get(root, "v");

	if (!v)
		return refuse(err, PROTO_E_VERSION,
			      "request: 'v' is missing (this daemon speaks version %d)",
			      PROTO_VERSION);
	if (!json_is_integer(v))
		return refuse(err, PROTO_E_VERSION,
			      "request: 'v' must be the integer %d",
			      PROTO_VERSION);
	if (json_integer_value(v) != PROTO_VERSION)
		return refuse(err, PROTO_E_VERSION,
			      "request: version %" JSON_INTEGER_FORMAT
			      " is not supported (this daemon speaks version %d)",
			      json_integer_value(v), PROTO_VERSION);
	return true;
}

static bool request_check(json_t *root, struct request *req,
			  struct proto_err *err)
{
	char q[EXCERPT_SIZE];
	const char *key, *s;
	json_t *v;
	size_t i;

	if (!request_version(root, err))
		return false;
	json_object_foreach(root, key, v) {
		if (strcmp(key, "v") && strcmp(key, "id") &&
		    strcmp(key, "op") && strcmp(key, "args"))
			return refuse(err, PROTO_E_BAD_REQUEST,
				      "request: unknown key '%s'",
				      excerpt(q, key));
	}

	v = json_object_get(root, "id");
	if (!v)
		return refuse(err, PROTO_E_BAD_REQUEST,
			      "request: 'id' is missing");
	if (!json_is_integer(v))
		return refuse(err, PROTO_E_BAD_REQUEST,
			      "request: 'id' must be an integer");
	if (!id_valid(v))
		return refuse(err, PROTO_E_BAD_REQUEST,
			      "request: invalid id %" JSON_INTEGER_FORMAT
			      ": expected 0 to %lld",
			      json_integer_value(v), PROTO_ID_MAX);

	v = json_object_get(root, "op");
	if (!v)
		return refuse(err, PROTO_E_BAD_REQUEST,
			      "request: 'op' is missing");
	if (!json_is_string(v))
		return refuse(err, PROTO_E_BAD_REQUEST,
			      "request: 'op' must be a string");
	s = json_string_value(v);
	if (!*s)
		return refuse(err, PROTO_E_BAD_REQUEST,
			      "request: 'op' is empty");
	if (json_string_length(v) > PROTO_OP_MAX)
		return refuse(err, PROTO_E_BAD_REQUEST,
			      "request: 'op' is longer than %d characters",
			      PROTO_OP_MAX);
	for (i = 0; s[i]; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z') && s[i] != '.' &&
		    s[i] != '-')
			return refuse(err, PROTO_E_BAD_REQUEST,
				      "request: invalid op '%s': expected lower case letters, '.' and '-'",
				      excerpt(q, s));
	req->op = s;

	v = json_object_get(root, "args");
	if (!v) {
		v = json_object();
		if (json_object_set_new(root, "args", v)) {
			refuse(err, PROTO_E_FAILED, "request: out of memory");
			err->status = 1;
			return false;
		}
	}
	if (!json_is_object(v))
		return refuse(err, PROTO_E_BAD_REQUEST,
			      "request: 'args' must be an object");
	req->args = v;
	return true;
}

bool request_parse(const char *payload, size_t len, struct request *req,
		   struct proto_err *err)
{
	json_t *root, *id;

	memset(req, 0, sizeof(*req));
	err->status = 2;
	err->code = PROTO_E_BAD_REQUEST;
	err->msg[0] = '\0';
	root = load_object("request", payload, len, err->msg,
			   sizeof(err->msg));
	if (!root)
		return false;
	/* Read first, so that any refusal can echo it. */
	id = json_object_get(root, "id");
	if (id_valid(id)) {
		req->has_id = true;
		req->id = json_integer_value(id);
	}
	if (!request_check(root, req, err)) {
		json_decref(root);
		req->op = NULL;
		req->args = NULL;
		return false;
	}
	req->root = root;
	return true;
}

void request_free(struct request *req)
{
	json_decref(req->root);
	memset(req, 0, sizeof(*req));
}

/* Set key in o to v, stealing v; on failure free both. NULL o: free v. */
static json_t *put(json_t *o, const char *key, json_t *v)
{
	if (!o) {
		json_decref(v);
		return NULL;
	}
	if (json_object_set_new(o, key, v)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *envelope(bool has_id, long long id)
{
	json_t *o = json_object();

	o = put(o, "v", json_integer(PROTO_VERSION));
	return put(o, "id", has_id ? json_integer(id) : json_null());
}

/* A JSON string of text made printable UTF-8 (clean_text()). */
static json_t *text_string(const char *text)
{
	json_t *s;
	char *t;

	t = strdup(text);
	if (!t)
		return NULL;
	clean_text(t);
	s = json_string(t);
	free(t);
	return s;
}

json_t *request_new(long long id, const char *op, json_t *args)
{
	json_t *o = envelope(true, id);

	o = put(o, "op", json_string(op));
	if (args)
		o = put(o, "args", args);
	return o;
}

json_t *response_ok(const struct request *req, json_t *result)
{
	json_t *o = envelope(req->has_id, req->id);

	o = put(o, "status", json_integer(0));
	if (result)
		o = put(o, "result", result);
	return o;
}

json_t *response_error(bool has_id, long long id, int status,
		       const char *code, json_t *messages)
{
	json_t *o = envelope(has_id, id);

	o = put(o, "status", json_integer(status));
	o = put(o, "error", json_string(code));
	if (messages)
		o = put(o, "messages", messages);
	return o;
}

json_t *response_errorf(bool has_id, long long id, int status,
			const char *code, const char *fmt, ...)
{
	json_t *messages;
	char *text;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	messages = json_array();
	if (messages && json_array_append_new(messages, text_string(text))) {
		json_decref(messages);
		messages = NULL;
	}
	free(text);
	if (!messages)
		return NULL;
	return response_error(has_id, id, status, code, messages);
}

json_t *event_new(long long id, json_t *event)
{
	return put(envelope(true, id), "event", event);
}

json_t *notice_new(long long id, const char *text)
{
	return put(envelope(true, id), "notice", text_string(text));
}

static bool __attribute__((format(printf, 4, 5)))
reply_refuse(json_t *root, char *msg, size_t size, const char *fmt, ...)
{
	char text[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	msgf(msg, size, "reply: %s", text);
	json_decref(root);
	return false;
}

static bool messages_valid(const json_t *v)
{
	const json_t *s;
	size_t i;

	if (!json_is_array(v))
		return false;
	json_array_foreach(v, i, s)
		if (!json_is_string(s))
			return false;
	return true;
}

/* The keys a reply of each kind may have, besides v and id. */
static const char *const reply_keys[][5] = {
	[REPLY_RESPONSE] = { "status", "error", "result", "messages" },
	[REPLY_EVENT] = { "event" },
	[REPLY_NOTICE] = { "notice" },
};

static bool reply_key_known(enum reply_kind kind, const char *key)
{
	const char *const *k;

	if (!strcmp(key, "v") || !strcmp(key, "id"))
		return true;
	for (k = reply_keys[kind]; *k; k++)
		if (!strcmp(key, *k))
			return true;
	return false;
}

/*
 * Strict, like the daemon with requests: a reply that is not exactly what
 * version 1 sends means the two ends do not understand each other.
 */
bool reply_parse(const char *payload, size_t len, struct reply *out,
		 char *msg, size_t size)
{
	const json_t *status, *event, *notice, *v;
	char q[EXCERPT_SIZE];
	const char *key;
	json_t *root;
	int kinds;

	memset(out, 0, sizeof(*out));
	root = load_object("reply", payload, len, msg, size);
	if (!root)
		return false;

	v = json_object_get(root, "v");
	if (!json_is_integer(v) || json_integer_value(v) != PROTO_VERSION)
		return reply_refuse(root, msg, size,
				    "'v' must be the integer %d",
				    PROTO_VERSION);
	v = json_object_get(root, "id");
	if (!v)
		return reply_refuse(root, msg, size, "'id' is missing");
	if (!json_is_null(v) && !id_valid(v))
		return reply_refuse(root, msg, size,
				    "'id' must be null or an integer from 0 to %lld",
				    PROTO_ID_MAX);
	if (!json_is_null(v)) {
		out->has_id = true;
		out->id = json_integer_value(v);
	}

	status = json_object_get(root, "status");
	event = json_object_get(root, "event");
	notice = json_object_get(root, "notice");
	kinds = !!status + !!event + !!notice;
	if (kinds != 1)
		return reply_refuse(root, msg, size,
				    "expected exactly one of 'status', 'event' and 'notice'");
	out->kind = status ? REPLY_RESPONSE : event ? REPLY_EVENT :
		    REPLY_NOTICE;
	json_object_foreach(root, key, v)
		if (!reply_key_known(out->kind, key))
			return reply_refuse(root, msg, size,
					    "unknown key '%s'",
					    excerpt(q, key));
	if (out->kind != REPLY_RESPONSE && !out->has_id)
		return reply_refuse(root, msg, size,
				    "an event or notice needs an integer 'id'");

	switch (out->kind) {
	case REPLY_RESPONSE:
		if (!json_is_integer(status) ||
		    json_integer_value(status) < 0 ||
		    json_integer_value(status) > 2)
			return reply_refuse(root, msg, size,
					    "'status' must be 0, 1 or 2");
		out->status = json_integer_value(status);
		v = json_object_get(root, "error");
		if (!out->status && v)
			return reply_refuse(root, msg, size,
					    "'error' with status 0");
		if (out->status && !v)
			return reply_refuse(root, msg, size,
					    "'error' is missing");
		if (v && (!json_is_string(v) || !json_string_length(v)))
			return reply_refuse(root, msg, size,
					    "'error' must be a non-empty string");
		out->error = v ? json_string_value(v) : NULL;
		out->result = json_object_get(root, "result");
		if (out->status && out->result)
			return reply_refuse(root, msg, size,
					    "'result' with status %d",
					    out->status);
		v = json_object_get(root, "messages");
		if (v && !messages_valid(v))
			return reply_refuse(root, msg, size,
					    "'messages' must be an array of strings");
		out->messages = v;
		break;
	case REPLY_EVENT:
		if (!json_is_object(event))
			return reply_refuse(root, msg, size,
					    "'event' must be an object");
		out->event = event;
		break;
	case REPLY_NOTICE:
		if (!json_is_string(notice))
			return reply_refuse(root, msg, size,
					    "'notice' must be a string");
		out->notice = json_string_value(notice);
		break;
	}
	out->root = root;
	return true;
}

void reply_free(struct reply *r)
{
	json_decref(r->root);
	memset(r, 0, sizeof(*r));
}
