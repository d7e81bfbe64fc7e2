// SPDX-License-Identifier: GPL-2.0
/* proto.c: frames, and the envelopes of requests, responses and replies. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "proto.h"

/* A frame around text (its length in the header), appended to buf. */
static size_t put_frame(unsigned char *buf, const char *text)
{
	size_t n = strlen(text);

	buf[0] = n >> 24;
	buf[1] = n >> 16;
	buf[2] = n >> 8;
	buf[3] = n;
	memcpy(buf + PROTO_HDR_LEN, text, n);
	return PROTO_HDR_LEN + n;
}

/* Pull every whole frame, appending "payload|" to out. Returns the count. */
static int pull_all(struct frame_reader *r, char *out, size_t size)
{
	const char *p;
	size_t n;
	int count = 0;
	int ret;

	while ((ret = frame_reader_next(r, &p, &n)) == 1) {
		assert_true(strlen(out) + n + 2 <= size);
		strncat(out, p, n);
		strcat(out, "|");
		count++;
	}
	assert_int_equal(ret, 0);
	return count;
}

static const char *const texts[] = {
	"{}",
	"{\"v\":1,\"id\":7,\"op\":\"team.show\"}",
	"{\"a\":\"\xc3\xa9t\xc3\xa9\"}",
};
static const char expect_all[] =
	"{}|{\"v\":1,\"id\":7,\"op\":\"team.show\"}|{\"a\":\"\xc3\xa9t\xc3\xa9\"}|";

static size_t stream(unsigned char *buf)
{
	size_t n = 0, i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		n += put_frame(buf + n, texts[i]);
	return n;
}

static void frames_split_everywhere(void **state)
{
	struct frame_reader r;
	unsigned char buf[256];
	char out[512];
	size_t n, i, j;
	int count;

	(void)state;
	n = stream(buf);
	/* In two pieces, cut at every byte. */
	for (i = 0; i <= n; i++) {
		frame_reader_init(&r, 64);
		out[0] = '\0';
		assert_int_equal(frame_reader_feed(&r, buf, i), 0);
		count = pull_all(&r, out, sizeof(out));
		assert_int_equal(frame_reader_feed(&r, buf + i, n - i), 0);
		count += pull_all(&r, out, sizeof(out));
		assert_int_equal(count, 3);
		assert_string_equal(out, expect_all);
		assert_false(frame_reader_partial(&r));
		assert_int_equal(r.len, 0);
		frame_reader_free(&r);
	}
	/* In three pieces, cut at every pair of places. */
	for (i = 0; i <= n; i++) {
		for (j = i; j <= n; j++) {
			frame_reader_init(&r, 64);
			out[0] = '\0';
			assert_int_equal(frame_reader_feed(&r, buf, i), 0);
			count = pull_all(&r, out, sizeof(out));
			assert_int_equal(frame_reader_feed(&r, buf + i, j - i),
					 0);
			count += pull_all(&r, out, sizeof(out));
			assert_int_equal(frame_reader_feed(&r, buf + j, n - j),
					 0);
			count += pull_all(&r, out, sizeof(out));
			assert_int_equal(count, 3);
			assert_string_equal(out, expect_all);
			frame_reader_free(&r);
		}
	}
}

static void frames_byte_by_byte(void **state)
{
	struct frame_reader r;
	unsigned char buf[256];
	char out[512] = "";
	size_t n, i;
	int count = 0;

	(void)state;
	n = stream(buf);
	frame_reader_init(&r, 64);
	for (i = 0; i < n; i++) {
		assert_int_equal(frame_reader_feed(&r, buf + i, 1), 0);
		count += pull_all(&r, out, sizeof(out));
		/* Partial unless the byte just fed ended a frame. */
		assert_int_equal(frame_reader_partial(&r), r.len != 0);
	}
	assert_int_equal(count, 3);
	assert_string_equal(out, expect_all);
	frame_reader_free(&r);
	assert_null(r.buf);
	assert_int_equal(r.max, 64);
}

static void frames_in_one_feed(void **state)
{
	const char *p[3];
	struct frame_reader r;
	unsigned char buf[256];
	size_t n, len[3];
	int i;

	(void)state;
	n = stream(buf);
	frame_reader_init(&r, 64);
	assert_int_equal(frame_reader_feed(&r, buf, n), 0);
	for (i = 0; i < 3; i++) {
		assert_int_equal(frame_reader_next(&r, &p[i], &len[i]), 1);
		assert_int_equal(len[i], strlen(texts[i]));
		assert_memory_equal(p[i], texts[i], len[i]);
	}
	/* Handed out in place, one after the other: nothing was moved. */
	assert_ptr_equal(p[1], p[0] + len[0] + PROTO_HDR_LEN);
	assert_ptr_equal(p[2], p[1] + len[1] + PROTO_HDR_LEN);
	assert_int_equal(frame_reader_next(&r, &p[0], &len[0]), 0);
	assert_false(frame_reader_partial(&r));
	/* All read: the next frame goes to the front again. */
	assert_int_equal(frame_reader_feed(&r, buf, n), 0);
	assert_int_equal(frame_reader_next(&r, &p[0], &len[0]), 1);
	assert_ptr_equal(p[0], (const char *)r.buf + PROTO_HDR_LEN);
	frame_reader_free(&r);
}

/*
 * Many small frames in a stream cut into pieces of 1 to 13 bytes: read
 * back in order, and the reader stays at what one frame needs.
 */
static void frames_many_small(void **state)
{
	unsigned char *buf = malloc(10000 * 16);
	size_t n = 0, fed = 0, step = 0, len;
	struct frame_reader r;
	char text[32];
	const char *p;
	int i, next = 0;

	(void)state;
	assert_non_null(buf);
	for (i = 0; i < 10000; i++) {
		snprintf(text, sizeof(text), "{\"i\":%d}", i);
		n += put_frame(buf + n, text);
	}
	frame_reader_init(&r, 12);
	while (fed < n) {
		step = step % 13 + 1;
		if (step > n - fed)
			step = n - fed;
		assert_int_equal(frame_reader_feed(&r, buf + fed, step), 0);
		fed += step;
		while (frame_reader_next(&r, &p, &len) == 1) {
			snprintf(text, sizeof(text), "{\"i\":%d}", next++);
			assert_int_equal(len, strlen(text));
			assert_memory_equal(p, text, len);
		}
		assert_true(r.cap <= 12 + PROTO_HDR_LEN + 12);
	}
	assert_int_equal(next, 10000);
	assert_int_equal(r.len, 0);
	frame_reader_free(&r);
	free(buf);
}

static void frames_too_large(void **state)
{
	unsigned char hdr[4] = { 0, 0, 0, 101 };
	struct frame_reader r;
	unsigned char buf[128];
	const char *p;
	size_t n;

	(void)state;
	frame_reader_init(&r, 100);
	/* Refused as soon as the header is whole, before the payload. */
	assert_int_equal(frame_reader_feed(&r, hdr, 3), 0);
	assert_int_equal(frame_reader_next(&r, &p, &n), 0);
	assert_int_equal(frame_reader_feed(&r, hdr + 3, 1), 0);
	assert_int_equal(frame_reader_next(&r, &p, &n), -EMSGSIZE);
	assert_int_equal(frame_reader_next(&r, &p, &n), -EMSGSIZE);
	frame_reader_free(&r);

	/* The biggest header there is. */
	memset(hdr, 0xff, sizeof(hdr));
	frame_reader_init(&r, PROTO_RESPONSE_MAX);
	assert_int_equal(frame_reader_feed(&r, hdr, 4), 0);
	assert_int_equal(frame_reader_next(&r, &p, &n), -EMSGSIZE);
	/* What a frame of max bytes needs is not allocated up front. */
	assert_true(r.cap <= 4096);
	frame_reader_free(&r);

	/* Exactly max is fine. */
	frame_reader_init(&r, 100);
	memset(buf, ' ', sizeof(buf));
	buf[0] = buf[1] = buf[2] = 0;
	buf[3] = 100;
	buf[4] = '{';
	buf[103] = '}';
	assert_int_equal(frame_reader_feed(&r, buf, 104), 0);
	assert_int_equal(frame_reader_next(&r, &p, &n), 1);
	assert_int_equal(n, 100);
	assert_int_equal(p[0], '{');
	assert_int_equal(p[99], '}');
	assert_true(r.cap <= 100 + PROTO_HDR_LEN);
	frame_reader_free(&r);
}

static void frames_too_small(void **state)
{
	unsigned char zero[4] = { 0, 0, 0, 0 };
	unsigned char one[5] = { 0, 0, 0, 1, '{' };
	unsigned char two[6] = { 0, 0, 0, 2, '{', '}' };
	struct frame_reader r;
	const char *p;
	size_t n;

	(void)state;
	frame_reader_init(&r, 100);
	assert_int_equal(frame_reader_feed(&r, zero, sizeof(zero)), 0);
	assert_int_equal(frame_reader_next(&r, &p, &n), -EBADMSG);
	frame_reader_free(&r);

	frame_reader_init(&r, 100);
	assert_int_equal(frame_reader_feed(&r, one, sizeof(one)), 0);
	assert_int_equal(frame_reader_next(&r, &p, &n), -EBADMSG);
	frame_reader_free(&r);

	frame_reader_init(&r, 100);
	assert_int_equal(frame_reader_feed(&r, two, sizeof(two)), 0);
	assert_int_equal(frame_reader_next(&r, &p, &n), 1);
	assert_int_equal(n, 2);
	assert_memory_equal(p, "{}", 2);
	frame_reader_free(&r);
}

static void frames_partial(void **state)
{
	unsigned char buf[64];
	struct frame_reader r;
	const char *p;
	size_t n, i, len;

	(void)state;
	n = put_frame(buf, "{\"a\":1}");
	frame_reader_init(&r, 64);
	assert_false(frame_reader_partial(&r));
	for (i = 0; i < n - 1; i++) {
		assert_int_equal(frame_reader_feed(&r, buf + i, 1), 0);
		assert_true(frame_reader_partial(&r));
		assert_int_equal(frame_reader_next(&r, &p, &len), 0);
	}
	assert_int_equal(frame_reader_feed(&r, buf + n - 1, 1), 0);
	/* Whole, not yet read: nothing is waiting for more bytes. */
	assert_false(frame_reader_partial(&r));
	assert_int_equal(frame_reader_next(&r, &p, &len), 1);
	assert_int_equal(len, 7);
	assert_false(frame_reader_partial(&r));
	/* A header and a part of the next one. */
	assert_int_equal(frame_reader_feed(&r, buf, 5), 0);
	assert_true(frame_reader_partial(&r));
	frame_reader_free(&r);
}

/* Three frames of max bytes, fed step bytes at a time; the largest cap. */
static size_t feed_big(struct frame_reader *r, const unsigned char *buf,
		       size_t max, size_t step)
{
	size_t total = 3 * (max + PROTO_HDR_LEN), fed = 0, cap = 0, n;
	const char *p;
	int frames = 0;

	while (fed < total) {
		n = total - fed < step ? total - fed : step;
		assert_int_equal(frame_reader_feed(r, buf + fed, n), 0);
		fed += n;
		if (r->cap > cap)
			cap = r->cap;
		while (frame_reader_next(r, &p, &n) == 1) {
			assert_int_equal(n, max);
			assert_int_equal(p[0], '{');
			assert_int_equal(p[1], '"');
			assert_int_equal(p[max - 1], '}');
			frames++;
		}
	}
	assert_int_equal(frames, 3);
	assert_int_equal(r->len, 0);
	return cap;
}

/*
 * While it waits for a frame the reader holds no more than a frame of max
 * bytes needs, plus what one feed brought beyond it.
 */
static void frames_bounded(void **state)
{
	size_t max = 10000, total = 3 * (max + PROTO_HDR_LEN), k;
	struct frame_reader r;
	unsigned char *buf;
	const char *p;
	size_t n;

	(void)state;
	buf = malloc(total);
	assert_non_null(buf);
	for (k = 0; k < 3; k++) {
		unsigned char *f = buf + k * (max + PROTO_HDR_LEN);

		f[0] = 0;
		f[1] = 0;
		f[2] = max >> 8;
		f[3] = max & 0xff;
		memset(f + 4, ' ', max);
		memcpy(f + 4, "{\"", 2);
		f[4 + max - 1] = '}';
	}
	frame_reader_init(&r, max);
	/* Pieces that end where frames end. */
	assert_int_equal(feed_big(&r, buf, max, 4), max + PROTO_HDR_LEN);
	assert_int_equal(feed_big(&r, buf, max, 1), max + PROTO_HDR_LEN);
	/* Pieces across the end of a frame: a piece more at most. */
	assert_true(feed_big(&r, buf, max, 7) <= max + PROTO_HDR_LEN + 6);
	assert_true(feed_big(&r, buf, max, 4096) <=
		    max + PROTO_HDR_LEN + 4095);

	/* One feed of all three: held, read, then the memory given back. */
	assert_int_equal(frame_reader_feed(&r, buf, total), 0);
	assert_int_equal(r.cap, total);
	for (k = 0; k < 3; k++) {
		assert_int_equal(frame_reader_next(&r, &p, &n), 1);
		assert_int_equal(n, max);
	}
	assert_int_equal(frame_reader_feed(&r, buf, 4), 0);
	assert_true(r.cap <= max + PROTO_HDR_LEN);
	assert_int_equal(r.len, 4);
	assert_true(frame_reader_partial(&r));
	frame_reader_free(&r);
	free(buf);
}

static void encode_round_trip(void **state)
{
	json_t *v = json_pack("{s:i,s:s,s:[i,b]}", "v", 1, "op",
			      "t\xc3\xa9", "x", 3, 1);
	struct frame_reader r;
	unsigned char *out;
	const char *p;
	size_t len, n;
	json_t *back;

	(void)state;
	assert_non_null(v);
	assert_int_equal(frame_encode(v, 1000, &out, &len), 0);
	/* Compact text, its length in the header. */
	n = strlen("{\"v\":1,\"op\":\"t\xc3\xa9\",\"x\":[3,true]}");
	assert_int_equal(len, PROTO_HDR_LEN + n);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 0);
	assert_int_equal(out[2], 0);
	assert_int_equal(out[3], n);

	frame_reader_init(&r, 1000);
	assert_int_equal(frame_reader_feed(&r, out, len), 0);
	assert_int_equal(frame_reader_next(&r, &p, &n), 1);
	back = json_loadb(p, n, 0, NULL);
	assert_non_null(back);
	assert_true(json_equal(v, back));
	json_decref(back);
	frame_reader_free(&r);
	free(out);

	/* The limit is on the text: exactly n fits, n - 1 does not. */
	n = len - PROTO_HDR_LEN;
	assert_int_equal(frame_encode(v, n, &out, &len), 0);
	free(out);
	assert_int_equal(frame_encode(v, n - 1, &out, &len), -EMSGSIZE);
	assert_null(out);
	assert_int_equal(len, 0);
	json_decref(v);

	/* Only objects are frames. */
	v = json_array();
	assert_int_equal(frame_encode(v, 1000, &out, &len), -EINVAL);
	json_decref(v);
}

/* Parse text as a request: expect it to be refused with code and msg. */
static void refused(const char *text, size_t len, const char *code,
		    const char *msg, bool has_id, long long id)
{
	struct proto_err err;
	struct request req;

	if (!len)
		len = strlen(text);
	if (request_parse(text, len, &req, &err))
		fail_msg("'%s' was accepted", text);
	assert_string_equal(err.code, code);
	assert_int_equal(err.status, 2);
	if (!strstr(err.msg, msg))
		fail_msg("'%s': message '%s' lacks '%s'", text, err.msg, msg);
	assert_null(req.root);
	assert_null(req.op);
	assert_null(req.args);
	assert_int_equal(req.has_id, has_id);
	assert_int_equal(req.id, has_id ? id : 0);
}

static void request_accepted(void **state)
{
	const char *text = "{\"v\":1,\"id\":7,\"op\":\"team.show\","
			   "\"args\":{\"team\":\"t0\"}}";
	struct proto_err err;
	struct request req;

	(void)state;
	assert_true(request_parse(text, strlen(text), &req, &err));
	assert_true(req.has_id);
	assert_int_equal(req.id, 7);
	assert_string_equal(req.op, "team.show");
	assert_true(json_is_object(req.args));
	assert_int_equal(json_object_size(req.args), 1);
	assert_string_equal(json_string_value(json_object_get(req.args, "team")),
			    "t0");
	request_free(&req);
	assert_null(req.root);

	/* No args: an empty object; keys in any order; white space. */
	text = " {\"op\" : \"member.set\", \"id\": 9007199254740991,\n\"v\":1} \n";
	assert_true(request_parse(text, strlen(text), &req, &err));
	assert_int_equal(req.id, PROTO_ID_MAX);
	assert_string_equal(req.op, "member.set");
	assert_true(json_is_object(req.args));
	assert_int_equal(json_object_size(req.args), 0);
	request_free(&req);

	text = "{\"v\":1,\"id\":0,\"op\":\"abcdefghijklmnopqrstuvwxyz.-abcd\"}";
	assert_true(request_parse(text, strlen(text), &req, &err));
	assert_int_equal(req.id, 0);
	assert_int_equal(strlen(req.op), PROTO_OP_MAX);
	request_free(&req);
}

static void request_not_json(void **state)
{
	(void)state;
	refused("[]", 0, PROTO_E_BAD_REQUEST, "request: must be a JSON object",
		false, 0);
	refused("[{\"v\":1,\"id\":1,\"op\":\"stats\"}]", 0, PROTO_E_BAD_REQUEST,
		"request: must be a JSON object", false, 0);
	refused("\"x\"", 0, PROTO_E_BAD_REQUEST, "request: invalid JSON", false,
		0);
	refused("{\"v\":1,\"id\":1,\"op\":\"stats\"}x", 0, PROTO_E_BAD_REQUEST,
		"request: invalid JSON at offset", false, 0);
	refused("{\"v\":1,\"id\":1,\"op\":\"stats\"}{}", 0, PROTO_E_BAD_REQUEST,
		"end of file expected", false, 0);
	refused("{\"v\":1,\"id\":1,\"op\":\"stats\"", 0, PROTO_E_BAD_REQUEST,
		"request: invalid JSON", false, 0);
	refused("{\"v\":1,\"id\":1,\"id\":2,\"op\":\"stats\"}", 0,
		PROTO_E_BAD_REQUEST, "duplicate object key", false, 0);
	refused("{\"v\":1,\"id\":1,\"op\":\"stats\",\"args\":{\"a\":1,\"a\":1}}",
		0, PROTO_E_BAD_REQUEST, "duplicate object key", false, 0);
	/* A NUL byte in the frame, and as an escape. */
	refused("{\"v\":1,\"id\":1,\"op\":\"stats\"}\0", 28, PROTO_E_BAD_REQUEST,
		"request: NUL byte at offset 27", false, 0);
	refused("{\"v\":1,\"id\":1,\"op\":\"st\0ts\"}", 27, PROTO_E_BAD_REQUEST,
		"request: NUL byte at offset 22", false, 0);
	refused("{\"v\":1,\"id\":1,\"op\":\"st\\u0000ts\"}", 0,
		PROTO_E_BAD_REQUEST, "request: invalid JSON", false, 0);
	/* Invalid UTF-8: refused, and the message itself is clean. */
	refused("{\"v\":1,\"id\":1,\"op\":\"st\xff\"}", 0, PROTO_E_BAD_REQUEST,
		"request: invalid JSON", false, 0);
	refused("{\"v\":1,\"id\":1,\"op\":\"\xc0\xaf\"}", 0, PROTO_E_BAD_REQUEST,
		"request: invalid JSON", false, 0);
	refused("{\"v\":1,\"id\":1,\"op\":\"\xed\xa0\x80\"}", 0,
		PROTO_E_BAD_REQUEST, "request: invalid JSON", false, 0);
}

static void request_bad_messages_clean(void **state)
{
	const char *text = "{\"v\":1,\"id\":1,\"op\":\"\xff\xfe\"}";
	struct proto_err err;
	struct request req;
	json_t *s;

	(void)state;
	assert_false(request_parse(text, strlen(text), &req, &err));
	/* Quotes no byte that is not UTF-8: it can go in a JSON string. */
	s = json_string(err.msg);
	assert_non_null(s);
	assert_null(strchr(err.msg, '\xff'));
	json_decref(s);

	/* A long key is quoted in part, cut at a character boundary. */
	text = "{\"v\":1,\"id\":3,\"op\":\"stats\",\"\xc3\xa9\xc3\xa9\xc3\xa9"
	       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\":1}";
	assert_false(request_parse(text, strlen(text), &req, &err));
	assert_string_equal(err.msg,
			    "request: unknown key '\xc3\xa9\xc3\xa9\xc3\xa9"
			    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...'");
	assert_true(req.has_id);
	assert_int_equal(req.id, 3);

	/* Cut before a character that does not fit whole. */
	text = "{\"v\":1,\"id\":3,\"op\":\"stats\",\"a\xc3\xa9\xc3\xa9\xc3\xa9"
	       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	       "\xc3\xa9\xc3\xa9\xc3\xa9\":1}";
	assert_false(request_parse(text, strlen(text), &req, &err));
	assert_string_equal(err.msg,
			    "request: unknown key 'a\xc3\xa9\xc3\xa9\xc3\xa9"
			    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...'");

	/* A control character in a key is shown as '?'. */
	text = "{\"v\":1,\"id\":3,\"op\":\"stats\",\"a\\nb\":1}";
	assert_false(request_parse(text, strlen(text), &req, &err));
	assert_string_equal(err.msg, "request: unknown key 'a?b'");
}

static void request_bad_version(void **state)
{
	(void)state;
	refused("{\"id\":4,\"op\":\"stats\"}", 0, PROTO_E_VERSION,
		"request: 'v' is missing (this daemon speaks version 1)", true,
		4);
	refused("{\"v\":2,\"id\":4,\"op\":\"stats\"}", 0, PROTO_E_VERSION,
		"request: version 2 is not supported (this daemon speaks version 1)",
		true, 4);
	refused("{\"v\":\"1\",\"id\":4,\"op\":\"stats\"}", 0, PROTO_E_VERSION,
		"request: 'v' must be the integer 1", true, 4);
	refused("{\"v\":1.0,\"id\":4,\"op\":\"stats\"}", 0, PROTO_E_VERSION,
		"request: 'v' must be the integer 1", true, 4);
	/* Before anything else: a newer request may have other keys. */
	refused("{\"v\":2,\"id\":5,\"op\":\"stats\",\"trace\":true}", 0,
		PROTO_E_VERSION, "request: version 2 is not supported", true, 5);
}

static void request_bad_id(void **state)
{
	(void)state;
	refused("{\"v\":1,\"op\":\"stats\"}", 0, PROTO_E_BAD_REQUEST,
		"request: 'id' is missing", false, 0);
	refused("{\"v\":1,\"id\":-1,\"op\":\"stats\"}", 0, PROTO_E_BAD_REQUEST,
		"request: invalid id -1: expected 0 to 9007199254740991", false,
		0);
	refused("{\"v\":1,\"id\":9007199254740992,\"op\":\"stats\"}", 0,
		PROTO_E_BAD_REQUEST,
		"request: invalid id 9007199254740992: expected 0 to 9007199254740991",
		false, 0);
	refused("{\"v\":1,\"id\":99999999999999999999,\"op\":\"stats\"}", 0,
		PROTO_E_BAD_REQUEST, "request: invalid JSON", false, 0);
	refused("{\"v\":1,\"id\":1.5,\"op\":\"stats\"}", 0, PROTO_E_BAD_REQUEST,
		"request: 'id' must be an integer", false, 0);
	refused("{\"v\":1,\"id\":1e3,\"op\":\"stats\"}", 0, PROTO_E_BAD_REQUEST,
		"request: 'id' must be an integer", false, 0);
	refused("{\"v\":1,\"id\":\"7\",\"op\":\"stats\"}", 0, PROTO_E_BAD_REQUEST,
		"request: 'id' must be an integer", false, 0);
	refused("{\"v\":1,\"id\":null,\"op\":\"stats\"}", 0, PROTO_E_BAD_REQUEST,
		"request: 'id' must be an integer", false, 0);
}

static void request_bad_op(void **state)
{
	(void)state;
	refused("{\"v\":1,\"id\":1}", 0, PROTO_E_BAD_REQUEST,
		"request: 'op' is missing", true, 1);
	refused("{\"v\":1,\"id\":1,\"op\":\"\"}", 0, PROTO_E_BAD_REQUEST,
		"request: 'op' is empty", true, 1);
	refused("{\"v\":1,\"id\":1,\"op\":\"abcdefghijklmnopqrstuvwxyz.-abcde\"}",
		0, PROTO_E_BAD_REQUEST,
		"request: 'op' is longer than 32 characters", true, 1);
	refused("{\"v\":1,\"id\":1,\"op\":\"Team.show\"}", 0, PROTO_E_BAD_REQUEST,
		"request: invalid op 'Team.show': expected lower case letters, '.' and '-'",
		true, 1);
	refused("{\"v\":1,\"id\":1,\"op\":\"team_show\"}", 0, PROTO_E_BAD_REQUEST,
		"request: invalid op 'team_show'", true, 1);
	refused("{\"v\":1,\"id\":1,\"op\":\"team show\"}", 0, PROTO_E_BAD_REQUEST,
		"request: invalid op 'team show'", true, 1);
	refused("{\"v\":1,\"id\":1,\"op\":\"t\xc3\xa9\"}", 0, PROTO_E_BAD_REQUEST,
		"request: invalid op 't\xc3\xa9'", true, 1);
	refused("{\"v\":1,\"id\":1,\"op\":7}", 0, PROTO_E_BAD_REQUEST,
		"request: 'op' must be a string", true, 1);
	refused("{\"v\":1,\"id\":1,\"op\":[\"stats\"]}", 0, PROTO_E_BAD_REQUEST,
		"request: 'op' must be a string", true, 1);
}

static void request_bad_args(void **state)
{
	(void)state;
	refused("{\"v\":1,\"id\":2,\"op\":\"stats\",\"args\":[]}", 0,
		PROTO_E_BAD_REQUEST, "request: 'args' must be an object", true,
		2);
	refused("{\"v\":1,\"id\":2,\"op\":\"stats\",\"args\":null}", 0,
		PROTO_E_BAD_REQUEST, "request: 'args' must be an object", true,
		2);
	refused("{\"v\":1,\"id\":2,\"op\":\"stats\",\"args\":\"team0\"}", 0,
		PROTO_E_BAD_REQUEST, "request: 'args' must be an object", true,
		2);
	refused("{\"v\":1,\"id\":2,\"op\":\"stats\",\"foo\":1}", 0,
		PROTO_E_BAD_REQUEST, "request: unknown key 'foo'", true, 2);
	refused("{\"v\":1,\"id\":-2,\"op\":\"stats\",\"foo\":1}", 0,
		PROTO_E_BAD_REQUEST, "request: unknown key 'foo'", false, 0);
}

/* json as compact text with sorted keys, to compare. */
static void assert_json(json_t *v, const char *want)
{
	char *text;

	assert_non_null(v);
	text = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
	assert_non_null(text);
	assert_string_equal(text, want);
	free(text);
	json_decref(v);
}

static void request_new_shape(void **state)
{
	const char *text;
	struct proto_err err;
	struct request req;
	unsigned char *out;
	size_t len;
	json_t *v;

	(void)state;
	assert_json(request_new(5, "team.show", json_pack("{s:s}", "team", "t0")),
		    "{\"args\":{\"team\":\"t0\"},\"id\":5,\"op\":\"team.show\",\"v\":1}");
	assert_json(request_new(6, "monitor", NULL),
		    "{\"id\":6,\"op\":\"monitor\",\"v\":1}");

	/* What request_new() makes, request_parse() reads back. */
	v = request_new(PROTO_ID_MAX, "member.set",
			json_pack("{s:s,s:s,s:s}", "team", "team0", "name",
				  "eth1", "admin", "down"));
	assert_int_equal(frame_encode(v, PROTO_REQUEST_MAX, &out, &len), 0);
	text = (const char *)out + PROTO_HDR_LEN;
	assert_true(request_parse(text, len - PROTO_HDR_LEN, &req, &err));
	assert_int_equal(req.id, PROTO_ID_MAX);
	assert_string_equal(req.op, "member.set");
	assert_int_equal(json_object_size(req.args), 3);
	assert_string_equal(json_string_value(json_object_get(req.args, "admin")),
			    "down");
	request_free(&req);
	free(out);
	json_decref(v);
}

static void response_shapes(void **state)
{
	const char *text = "{\"v\":1,\"id\":12,\"op\":\"stats\"}";
	struct proto_err err;
	struct request req;
	json_t *msgs;

	(void)state;
	assert_true(request_parse(text, strlen(text), &req, &err));
	assert_json(response_ok(&req, json_pack("{s:i}", "rx", 3)),
		    "{\"id\":12,\"result\":{\"rx\":3},\"status\":0,\"v\":1}");
	assert_json(response_ok(&req, NULL), "{\"id\":12,\"status\":0,\"v\":1}");
	request_free(&req);

	msgs = json_pack("[s,s]", "permission denied: a", "b");
	assert_json(response_error(true, 12, 1, PROTO_E_DENIED, msgs),
		    "{\"error\":\"denied\",\"id\":12,\"messages\":"
		    "[\"permission denied: a\",\"b\"],\"status\":1,\"v\":1}");
	assert_json(response_error(false, 12, 2, PROTO_E_BAD_REQUEST, NULL),
		    "{\"error\":\"bad-request\",\"id\":null,\"status\":2,\"v\":1}");
	assert_json(response_errorf(true, 0, 2, PROTO_E_USAGE,
				    "args.%s: must be %d", "name", 3),
		    "{\"error\":\"usage\",\"id\":0,\"messages\":"
		    "[\"args.name: must be 3\"],\"status\":2,\"v\":1}");
	/* Whatever the text holds, the response can be sent. */
	assert_json(response_errorf(false, 0, 1, PROTO_E_FAILED, "a\xff\nb%s",
				    "\xc3\xa9"),
		    "{\"error\":\"failed\",\"id\":null,\"messages\":"
		    "[\"a??b\xc3\xa9\"],\"status\":1,\"v\":1}");

	/* An error response for a request that was refused. */
	text = "{\"v\":1,\"id\":77,\"op\":\"stats\",\"x\":1}";
	assert_false(request_parse(text, strlen(text), &req, &err));
	assert_json(response_errorf(req.has_id, req.id, err.status, err.code,
				    "%s", err.msg),
		    "{\"error\":\"bad-request\",\"id\":77,\"messages\":"
		    "[\"request: unknown key 'x'\"],\"status\":2,\"v\":1}");
}

/* Text that goes into JSON is made valid UTF-8 (RFC 3629), and printable. */
static void text_cleaned(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "plain", "plain" },
		{ "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf",
		  "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf" },
		{ "\xed\x9f\xbf \xe0\xa0\x80 \xf0\x90\x80\x80",
		  "\xed\x9f\xbf \xe0\xa0\x80 \xf0\x90\x80\x80" },
		/* Overlong, surrogate, past U+10FFFF, not a lead byte. */
		{ "a\xc1\xbfz", "a??z" },
		{ "a\xe0\x9f\xbfz", "a???z" },
		{ "a\xed\xa0\x80z", "a???z" },
		{ "a\xf0\x8f\xbf\xbfz", "a????z" },
		{ "a\xf4\x90\x80\x80z", "a????z" },
		{ "a\xf5\x80\x80\x80z", "a????z" },
		{ "a\x80z\xbf", "a?z?" },
		/* Cut short, at the end or before another character. */
		{ "a\xe2\x82", "a??" },
		{ "a\xf0\x9f\x98z", "a???z" },
		{ "tab\tdel\x7f", "tab?del?" },
	};
	json_t *v;
	char *want;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = notice_new(1, cases[i].in);
		assert_non_null(v);
		assert_string_equal(json_string_value(json_object_get(v, "notice")),
				    cases[i].out);
		json_decref(v);
		assert_true(asprintf(&want, "{\"error\":\"failed\",\"id\":1,"
				     "\"messages\":[\"%s\"],\"status\":1,"
				     "\"v\":1}", cases[i].out) > 0);
		assert_json(response_errorf(true, 1, 1, PROTO_E_FAILED, "%s",
					    cases[i].in), want);
		free(want);
	}
}

static void event_notice_shapes(void **state)
{
	(void)state;
	assert_json(event_new(3, json_pack("{s:s,s:s}", "event", "failover",
					   "team", "t0")),
		    "{\"event\":{\"event\":\"failover\",\"team\":\"t0\"},\"id\":3,\"v\":1}");
	assert_json(notice_new(3, "events were lost"),
		    "{\"id\":3,\"notice\":\"events were lost\",\"v\":1}");
	assert_json(notice_new(4, "bad \xc3"),
		    "{\"id\":4,\"notice\":\"bad ?\",\"v\":1}");
	/* Out of memory for the event: no object, nothing leaked. */
	assert_null(event_new(3, NULL));
}

/* Parse text as a reply, expect success. */
static void reply_ok(const char *text, struct reply *r)
{
	char msg[256] = "";

	if (!reply_parse(text, strlen(text), r, msg, sizeof(msg)))
		fail_msg("'%s' refused: %s", text, msg);
}

static void reply_kinds(void **state)
{
	struct reply r;

	(void)state;
	reply_ok("{\"v\":1,\"id\":7,\"status\":0,\"result\":{\"teams\":[]}}", &r);
	assert_int_equal(r.kind, REPLY_RESPONSE);
	assert_true(r.has_id);
	assert_int_equal(r.id, 7);
	assert_int_equal(r.status, 0);
	assert_null(r.error);
	assert_true(json_is_array(json_object_get(r.result, "teams")));
	assert_null(r.messages);
	reply_free(&r);
	assert_null(r.root);

	reply_ok("{\"v\":1,\"id\":7,\"status\":0}", &r);
	assert_null(r.result);
	reply_free(&r);

	reply_ok("{\"v\":1,\"id\":null,\"status\":2,\"error\":\"bad-request\","
		 "\"messages\":[\"request: 'op' must be a string\"]}", &r);
	assert_int_equal(r.kind, REPLY_RESPONSE);
	assert_false(r.has_id);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.error, PROTO_E_BAD_REQUEST);
	assert_null(r.result);
	assert_int_equal(json_array_size(r.messages), 1);
	assert_string_equal(json_string_value(json_array_get(r.messages, 0)),
			    "request: 'op' must be a string");
	reply_free(&r);

	reply_ok("{\"v\":1,\"id\":1,\"status\":1,\"error\":\"denied\"}", &r);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.error, "denied");
	assert_null(r.messages);
	reply_free(&r);

	reply_ok("{\"v\":1,\"id\":9,\"event\":{\"event\":\"failover\"}}", &r);
	assert_int_equal(r.kind, REPLY_EVENT);
	assert_int_equal(r.id, 9);
	assert_string_equal(json_string_value(json_object_get(r.event, "event")),
			    "failover");
	reply_free(&r);

	reply_ok("{\"v\":1,\"id\":9,\"notice\":\"events were lost\"}", &r);
	assert_int_equal(r.kind, REPLY_NOTICE);
	assert_string_equal(r.notice, "events were lost");
	reply_free(&r);
}

/* What the daemon sends, the client reads back. */
static void reply_round_trip(void **state)
{
	struct reply r;
	unsigned char *out;
	char msg[256];
	size_t len;
	json_t *v;

	(void)state;
	v = response_errorf(true, 42, 1, PROTO_E_RATE, "slow down");
	assert_int_equal(frame_encode(v, PROTO_RESPONSE_MAX, &out, &len), 0);
	assert_true(reply_parse((const char *)out + PROTO_HDR_LEN,
				len - PROTO_HDR_LEN, &r, msg, sizeof(msg)));
	assert_int_equal(r.kind, REPLY_RESPONSE);
	assert_int_equal(r.id, 42);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.error, PROTO_E_RATE);
	assert_string_equal(json_string_value(json_array_get(r.messages, 0)),
			    "slow down");
	reply_free(&r);
	free(out);
	json_decref(v);

	v = notice_new(43, "bye");
	assert_int_equal(frame_encode(v, PROTO_RESPONSE_MAX, &out, &len), 0);
	assert_true(reply_parse((const char *)out + PROTO_HDR_LEN,
				len - PROTO_HDR_LEN, &r, msg, sizeof(msg)));
	assert_int_equal(r.kind, REPLY_NOTICE);
	assert_int_equal(r.id, 43);
	assert_string_equal(r.notice, "bye");
	reply_free(&r);
	free(out);
	json_decref(v);
}

static void reply_refused(const char *text, const char *want)
{
	char msg[256] = "";
	struct reply r;

	if (reply_parse(text, strlen(text), &r, msg, sizeof(msg)))
		fail_msg("'%s' was accepted", text);
	if (!strstr(msg, want))
		fail_msg("'%s': message '%s' lacks '%s'", text, msg, want);
	assert_null(r.root);
}

static void reply_malformed(void **state)
{
	char msg[8];
	struct reply r;

	(void)state;
	reply_refused("[]", "reply: must be a JSON object");
	reply_refused("{\"v\":1,\"id\":1,\"status\":0}}", "reply: invalid JSON");
	reply_refused("{\"v\":1,\"v\":1,\"id\":1,\"status\":0}",
		      "duplicate object key");
	reply_refused("{\"id\":1,\"status\":0}", "reply: 'v' must be the integer 1");
	reply_refused("{\"v\":2,\"id\":1,\"status\":0}",
		      "reply: 'v' must be the integer 1");
	reply_refused("{\"v\":1,\"status\":0}", "reply: 'id' is missing");
	reply_refused("{\"v\":1,\"id\":-1,\"status\":0}",
		      "reply: 'id' must be null or an integer from 0 to 9007199254740991");
	reply_refused("{\"v\":1,\"id\":\"1\",\"status\":0}",
		      "reply: 'id' must be null or an integer");
	reply_refused("{\"v\":1,\"id\":1}",
		      "reply: expected exactly one of 'status', 'event' and 'notice'");
	reply_refused("{\"v\":1,\"id\":1,\"status\":0,\"notice\":\"x\"}",
		      "reply: expected exactly one of");
	reply_refused("{\"v\":1,\"id\":1,\"status\":0,\"extra\":1}",
		      "reply: unknown key 'extra'");
	reply_refused("{\"v\":1,\"id\":1,\"event\":{},\"result\":1}",
		      "reply: unknown key 'result'");
	reply_refused("{\"v\":1,\"id\":1,\"status\":3,\"error\":\"x\"}",
		      "reply: 'status' must be 0, 1 or 2");
	reply_refused("{\"v\":1,\"id\":1,\"status\":\"0\"}",
		      "reply: 'status' must be 0, 1 or 2");
	reply_refused("{\"v\":1,\"id\":1,\"status\":1}", "reply: 'error' is missing");
	reply_refused("{\"v\":1,\"id\":1,\"status\":0,\"error\":\"failed\"}",
		      "reply: 'error' with status 0");
	reply_refused("{\"v\":1,\"id\":1,\"status\":1,\"error\":\"\"}",
		      "reply: 'error' must be a non-empty string");
	reply_refused("{\"v\":1,\"id\":1,\"status\":1,\"error\":7}",
		      "reply: 'error' must be a non-empty string");
	reply_refused("{\"v\":1,\"id\":1,\"status\":1,\"error\":\"x\",\"result\":{}}",
		      "reply: 'result' with status 1");
	reply_refused("{\"v\":1,\"id\":1,\"status\":1,\"error\":\"x\",\"messages\":\"m\"}",
		      "reply: 'messages' must be an array of strings");
	reply_refused("{\"v\":1,\"id\":1,\"status\":1,\"error\":\"x\",\"messages\":[\"m\",1]}",
		      "reply: 'messages' must be an array of strings");
	reply_refused("{\"v\":1,\"id\":1,\"event\":[]}",
		      "reply: 'event' must be an object");
	reply_refused("{\"v\":1,\"id\":null,\"event\":{}}",
		      "reply: an event or notice needs an integer 'id'");
	reply_refused("{\"v\":1,\"id\":1,\"notice\":1}",
		      "reply: 'notice' must be a string");

	/* A small buffer: the message is cut, not overrun. */
	assert_false(reply_parse("[]", 2, &r, msg, sizeof(msg)));
	assert_string_equal(msg, "reply: ");
	assert_false(reply_parse("[]", 2, &r, NULL, 0));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(frames_split_everywhere),
	cmocka_unit_test(frames_byte_by_byte),
	cmocka_unit_test(frames_in_one_feed),
	cmocka_unit_test(frames_many_small),
	cmocka_unit_test(frames_too_large),
	cmocka_unit_test(frames_too_small),
	cmocka_unit_test(frames_partial),
	cmocka_unit_test(frames_bounded),
	cmocka_unit_test(encode_round_trip),
	cmocka_unit_test(request_accepted),
	cmocka_unit_test(request_not_json),
	cmocka_unit_test(request_bad_messages_clean),
	cmocka_unit_test(request_bad_version),
	cmocka_unit_test(request_bad_id),
	cmocka_unit_test(request_bad_op),
	cmocka_unit_test(request_bad_args),
	cmocka_unit_test(request_new_shape),
	cmocka_unit_test(response_shapes),
	cmocka_unit_test(text_cleaned),
	cmocka_unit_test(event_notice_shapes),
	cmocka_unit_test(reply_kinds),
	cmocka_unit_test(reply_round_trip),
	cmocka_unit_test(reply_malformed),
};

HARNESS_MAIN("proto", tests)
