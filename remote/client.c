// SPDX-License-Identifier: GPL-2.0
/*
 * teamctl --remote's end of teamctld's protocol (see client.h): a TCP
 * connection with TLS 1.3 (OpenSSL 3.0) and a client certificate, or the
 * daemon's unix socket; frames (proto.h) sent and read with timeouts.
 *
 * The socket is non-blocking throughout and every wait is a poll (ppoll in
 * rclient_recv() when a signal mask was set), so that a timeout or a signal
 * can end it.
 *
 * SIGPIPE: OpenSSL writes to the socket with write(2), which raises
 * SIGPIPE if the daemon has gone. Rather than change the process's
 * disposition, SIGPIPE is blocked around each OpenSSL call and a SIGPIPE
 * that call raised is taken back (sigtimedwait) before it is unblocked, so
 * a dead daemon is an EPIPE error and teamctl keeps its default SIGPIPE
 * (for "teamctl monitor | head"). The unix socket uses send(MSG_NOSIGNAL).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "client.h"
#include "tlsctx.h"

#define RCLIENT_VERIFY_DEPTH	4
/* What one read takes at most: a TLS record's worth. */
#define RCLIENT_READ_CHUNK	16384
#define RCLIENT_HOST_MAX	256

struct rclient {
	int fd;
	SSL_CTX *ctx;
	SSL *ssl;			/* NULL: the unix socket */
	bool handshaken;		/* alerts now: about our certificate */
	int timeout_ms;			/* for rclient_send(); <= 0: none */
	bool has_sigmask;
	sigset_t sigmask;
	struct frame_reader rd;
};

/* Where --remote points. */
struct target {
	bool is_unix;
	bool is_ip;			/* host is an address literal */
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char host[RCLIENT_HOST_MAX];
	char port[6];
};

static const char remote_usage[] =
	"--remote: expected HOST:PORT, [ADDR]:PORT or unix:PATH";

/* Monotonic milliseconds. */
static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The deadline of a wait of timeout_ms (< 0: none, as -1). */
static int64_t deadline_of(int timeout_ms)
{
	return timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
}

/* Milliseconds left until deadline for poll(): -1 for none, >= 0. */
static int left_ms(int64_t deadline)
{
	int64_t left;

	if (deadline < 0)
		return -1;
	left = deadline - now_ms();
	if (left < 0)
		return 0;
	return left > INT_MAX ? INT_MAX : (int)left;
}

/*
 * Wait until fd is ready for events. mask: ppoll's signal mask, or NULL
 * for poll(). intr: return -EINTR when a signal interrupts (else wait
 * on). 0, -ETIMEDOUT, -EINTR or -errno.
 */
static int wait_fd(int fd, short events, int64_t deadline,
		   const sigset_t *mask, bool intr)
{
	struct pollfd p = { .fd = fd, .events = events };
	struct timespec ts;
	int left, n;

	for (;;) {
		left = left_ms(deadline);
		if (mask) {
			ts.tv_sec = left / 1000;
			ts.tv_nsec = (long)(left % 1000) * 1000000;
			n = ppoll(&p, 1, left < 0 ? NULL : &ts, mask);
		} else {
			n = poll(&p, 1, left);
		}
		if (n > 0)
			return 0;	/* errors and hangups: the I/O says */
		if (n == 0)
			return -ETIMEDOUT;
		if (errno != EINTR)
			return -errno;
		if (intr)
			return -EINTR;
	}
}

/* SIGPIPE held back around an OpenSSL call (see the top of the file). */
struct sigpipe_guard {
	sigset_t old;
	bool was_pending;
};

static void sigpipe_block(struct sigpipe_guard *g)
{
	sigset_t pipe_set, pending;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	sigemptyset(&pending);
	sigpending(&pending);
	g->was_pending = sigismember(&pending, SIGPIPE) == 1;
	pthread_sigmask(SIG_BLOCK, &pipe_set, &g->old);
}

static void sigpipe_unblock(struct sigpipe_guard *g)
{
	struct timespec zero = { 0 };
	int saved = errno;
	sigset_t pipe_set;

	if (!g->was_pending) {
		sigemptyset(&pipe_set);
		sigaddset(&pipe_set, SIGPIPE);
		while (sigtimedwait(&pipe_set, NULL, &zero) == SIGPIPE)
			;
	}
	pthread_sigmask(SIG_SETMASK, &g->old, NULL);
	errno = saved;
}

/* Parse --remote. 0, or -1 with msg. */
static int parse_remote(const char *s, struct target *t, char *msg,
			size_t size)
{
	const char *host, *port, *end;
	char addr[RCLIENT_HOST_MAX];
	unsigned char bin[16];
	size_t hlen, i;
	long val;

	memset(t, 0, sizeof(*t));
	if (!s || !*s)
		goto usage;
	if (!strncmp(s, "unix:", 5)) {
		if (!s[5]) {
			snprintf(msg, size, "--remote unix:PATH: no path");
			return -1;
		}
		if (strlen(s + 5) >= sizeof(t->path)) {
			snprintf(msg, size,
				 "--remote unix:PATH: the path is longer than %zu bytes",
				 sizeof(t->path) - 1);
			return -1;
		}
		t->is_unix = true;
		strcpy(t->path, s + 5);
		return 0;
	}
	if (s[0] == '[') {
		end = strchr(s, ']');
		if (!end || end[1] != ':')
			goto usage;
		host = s + 1;
		hlen = end - host;
		port = end + 2;
	} else {
		end = strrchr(s, ':');
		if (!end)
			goto usage;
		if (memchr(s, ':', end - s)) {
			snprintf(msg, size,
				 "--remote '%s': an IPv6 address goes in brackets: [ADDR]:PORT",
				 s);
			return -1;
		}
		host = s;
		hlen = end - s;
		port = end + 1;
	}
	if (!hlen)
		goto usage;
	if (hlen >= sizeof(t->host)) {
		snprintf(msg, size, "--remote: the host name is too long");
		return -1;
	}
	memcpy(t->host, host, hlen);
	t->host[hlen] = '\0';
	if (s[0] == '[') {
		/* The address without its zone ("fe80::1%eth0") is checked. */
		snprintf(addr, sizeof(addr), "%.*s",
			 (int)strcspn(t->host, "%"), t->host);
		if (inet_pton(AF_INET6, addr, bin) != 1) {
			snprintf(msg, size,
				 "--remote '%s': '%s' is not an IPv6 address",
				 s, t->host);
			return -1;
		}
		t->is_ip = true;
	} else {
		t->is_ip = inet_pton(AF_INET, t->host, bin) == 1;
	}
	val = 0;
	for (i = 0; port[i]; i++) {
		if (port[i] < '0' || port[i] > '9' || i >= 5)
			break;
		val = val * 10 + (port[i] - '0');
	}
	if (!i || port[i] || val < 1 || val > 65535) {
		snprintf(msg, size,
			 "--remote '%s': the port must be a number from 1 to 65535",
			 s);
		return -1;
	}
	snprintf(t->port, sizeof(t->port), "%ld", val);
	return 0;

usage:
	snprintf(msg, size, "%s (got '%s')", remote_usage, s ? s : "");
	return -1;
}

/* Connect to the unix socket. 0 or -1 with msg. */
static int unix_connect(struct rclient *c, const struct target *t,
			int timeout_ms, char *msg, size_t size)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct timeval tv = {
		.tv_sec = timeout_ms / 1000,
		.tv_usec = (timeout_ms % 1000) * 1000,
	};
	int flags;

	strcpy(sun.sun_path, t->path);
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->fd < 0) {
		snprintf(msg, size, "socket: %s", strerror(errno));
		return -1;
	}
	/*
	 * A unix connect waits only while the daemon's backlog is full, for
	 * at most SO_SNDTIMEO, then fails with EAGAIN.
	 */
	if (timeout_ms > 0)
		setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	while (connect(c->fd, (struct sockaddr *)&sun, sizeof(sun))) {
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN)
			snprintf(msg, size,
				 "cannot connect to unix:%s: the daemon accepted no connection within %d ms",
				 t->path, timeout_ms);
		else
			snprintf(msg, size, "cannot connect to unix:%s: %s",
				 t->path, strerror(errno));
		return -1;
	}
	flags = fcntl(c->fd, F_GETFL);
	if (flags < 0 || fcntl(c->fd, F_SETFL, flags | O_NONBLOCK)) {
		snprintf(msg, size, "unix:%s: %s", t->path, strerror(errno));
		return -1;
	}
	return 0;
}

/* The address of ai as text, for messages. */
static void addr_text(const struct addrinfo *ai, char *buf, size_t size)
{
	if (getnameinfo(ai->ai_addr, ai->ai_addrlen, buf, size, NULL, 0,
			NI_NUMERICHOST))
		snprintf(buf, size, "?");
}

/*
 * Connect to each address of the host in turn, until one answers or the
 * deadline passes. 0 or -1 with msg (the last address's failure).
 */
static int tcp_connect(struct rclient *c, const struct target *t,
		       int64_t deadline, char *msg, size_t size)
{
	struct addrinfo hints = {
		.ai_family = AF_UNSPEC,
		.ai_socktype = SOCK_STREAM,
		.ai_flags = AI_NUMERICSERV,
	};
	char addr[NI_MAXHOST] = "";
	struct addrinfo *res, *ai;
	int ret, err = 0, fd;
	socklen_t len;

	if (t->is_ip)
		hints.ai_flags |= AI_NUMERICHOST;
	ret = getaddrinfo(t->host, t->port, &hints, &res);
	if (ret) {
		snprintf(msg, size, "cannot resolve '%s': %s", t->host,
			 ret == EAI_SYSTEM ? strerror(errno) :
			 gai_strerror(ret));
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		addr_text(ai, addr, sizeof(addr));
		fd = socket(ai->ai_family,
			    SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			    ai->ai_protocol);
		if (fd < 0) {
			err = errno;
			continue;
		}
		if (!connect(fd, ai->ai_addr, ai->ai_addrlen)) {
			err = 0;
		} else if (errno != EINPROGRESS) {
			err = errno;
		} else {
			ret = wait_fd(fd, POLLOUT, deadline, NULL, false);
			len = sizeof(err);
			if (ret)
				err = -ret;
			else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err,
					    &len))
				err = errno;
		}
		if (!err) {
			c->fd = fd;
			freeaddrinfo(res);
			return 0;
		}
		close(fd);
		if (err == ETIMEDOUT)
			break;	/* the time is up for the others too */
	}
	freeaddrinfo(res);
	if (t->is_ip)
		snprintf(msg, size, "cannot connect to %s port %s: %s",
			 t->host, t->port, strerror(err));
	else
		snprintf(msg, size, "cannot connect to %s port %s (%s): %s",
			 t->host, t->port, addr, strerror(err));
	return -1;
}

static const struct tls_names file_names = {
	.cert = "--cert", .key = "--key", .ca = "--ca",
};

/*
 * The client's TLS context: TLS 1.3 only, the --ca file as the only trust
 * anchor (not the system's), our certificate and key. 0 or -1 with msg.
 */
static int tls_context(struct rclient *c, const struct rclient_opts *o,
		       char *msg, size_t size)
{
	c->ctx = tls_ctx_new(TLS_client_method(), o->cert, o->key, o->ca,
			     &file_names, msg, size);
	if (!c->ctx)
		return -1;
	SSL_CTX_set_verify(c->ctx, SSL_VERIFY_PEER, NULL);
	SSL_CTX_set_verify_depth(c->ctx, RCLIENT_VERIFY_DEPTH);
	SSL_CTX_set_session_cache_mode(c->ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_mode(c->ctx, SSL_MODE_ENABLE_PARTIAL_WRITE |
			 SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	return 0;
}

/*
 * The connection's TLS object, to check the daemon's certificate names
 * the host we asked for (subjectAltName only, never the CN): its address
 * for an address literal, else its DNS name (also sent as SNI).
 */
static int tls_session(struct rclient *c, const struct target *t,
		       char *msg, size_t size)
{
	char addr[RCLIENT_HOST_MAX];

	c->ssl = SSL_new(c->ctx);
	if (!c->ssl || !SSL_set_fd(c->ssl, c->fd))
		goto fail;
	if (t->is_ip) {
		snprintf(addr, sizeof(addr), "%.*s",
			 (int)strcspn(t->host, "%"), t->host);
		if (!X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c->ssl),
						   addr))
			goto fail;
	} else {
		SSL_set_hostflags(c->ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS |
				  X509_CHECK_FLAG_NEVER_CHECK_SUBJECT);
		if (!SSL_set1_host(c->ssl, t->host) ||
		    !SSL_set_tlsext_host_name(c->ssl, t->host))
			goto fail;
	}
	SSL_set_connect_state(c->ssl);
	return 0;

fail:
	ERR_clear_error();
	snprintf(msg, size, "tls: cannot set up the connection to '%s'",
		 t->host);
	return -1;
}

/* "tlsv1 alert unknown ca" -> "unknown ca". */
static const char *alert_text(unsigned long code)
{
	const char *r = ERR_reason_error_string(code), *p;

	if (!r)
		return "unknown";
	p = strstr(r, "alert ");
	return p ? p + strlen("alert ") : r;
}

/*
 * Why an SSL call failed, in msg; empties OpenSSL's error queue. -EPIPE if
 * the connection just ended (close_notify, end of file, reset), -EPROTO
 * if the daemon sent something else: an alert (it refused us) or what is
 * not TLS.
 */
static int tls_describe(struct rclient *c, int err, int saved_errno,
			char *msg, size_t size)
{
	unsigned long code = ERR_peek_error();
	int reason = ERR_GET_REASON(code);
	const char *hint = "";
	int ret = -EPROTO;
	long verify;

	if (err == SSL_ERROR_ZERO_RETURN ||
	    (err == SSL_ERROR_SYSCALL && (!saved_errno ||
					  saved_errno == EPIPE ||
					  saved_errno == ECONNRESET)) ||
	    (err == SSL_ERROR_SSL &&
	     reason == SSL_R_UNEXPECTED_EOF_WHILE_READING)) {
		snprintf(msg, size, "the daemon closed the connection%s",
			 !c->handshaken ? " during the TLS handshake" :
			 frame_reader_partial(&c->rd) ?
			 " in the middle of a reply" : "");
		ret = -EPIPE;
	} else if (err == SSL_ERROR_SYSCALL) {
		snprintf(msg, size, "tls: %s", strerror(saved_errno));
		ret = -EPIPE;
	} else if (ERR_GET_LIB(code) != ERR_LIB_SSL) {
		snprintf(msg, size, "tls: %s", ERR_reason_error_string(code) ?
			 ERR_reason_error_string(code) : "unknown error");
	} else if (reason == SSL_R_CERTIFICATE_VERIFY_FAILED &&
		   (verify = SSL_get_verify_result(c->ssl)) != X509_V_OK) {
		switch (verify) {
		case X509_V_ERR_HOSTNAME_MISMATCH:
		case X509_V_ERR_IP_ADDRESS_MISMATCH:
			hint = " (the certificate does not name the host "
			       "given to --remote)";
			break;
		case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
		case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
		case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
		case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
			hint = " (not signed by the CA of --ca)";
			break;
		}
		snprintf(msg, size,
			 "tls: server certificate verify failed: %s%s",
			 X509_verify_cert_error_string(verify), hint);
	} else if (reason == SSL_R_UNSUPPORTED_PROTOCOL ||
		   reason == SSL_AD_REASON_OFFSET + SSL_AD_PROTOCOL_VERSION) {
		snprintf(msg, size,
			 "tls: the daemon does not speak TLS 1.3 (%s)",
			 ERR_reason_error_string(code));
	} else if (reason == SSL_R_WRONG_VERSION_NUMBER ||
		   reason == SSL_R_PACKET_LENGTH_TOO_LONG) {
		snprintf(msg, size,
			 "tls: the other end does not speak TLS (%s)",
			 ERR_reason_error_string(code));
	} else if (reason > SSL_AD_REASON_OFFSET &&
		   reason < SSL_AD_REASON_OFFSET + 256) {
		/* After our Finished, only our certificate is left to judge. */
		snprintf(msg, size, "tls: the server refused %s (alert: %s)",
			 c->handshaken ? "our certificate" : "the handshake",
			 alert_text(code));
	} else {
		snprintf(msg, size, "tls: %s", ERR_reason_error_string(code) ?
			 ERR_reason_error_string(code) : "unknown error");
	}
	ERR_clear_error();
	return ret;
}

/* Drive the handshake to its end. 0 or -1 with msg. */
static int tls_handshake(struct rclient *c, const char *remote,
			 int timeout_ms, int64_t deadline, char *msg,
			 size_t size)
{
	struct sigpipe_guard g;
	int ret, err, saved;

	for (;;) {
		ERR_clear_error();
		errno = 0;
		sigpipe_block(&g);
		ret = SSL_connect(c->ssl);
		saved = errno;
		sigpipe_unblock(&g);
		if (ret == 1)
			break;
		err = SSL_get_error(c->ssl, ret);
		if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) {
			tls_describe(c, err, saved, msg, size);
			return -1;
		}
		ret = wait_fd(c->fd, err == SSL_ERROR_WANT_READ ? POLLIN :
			      POLLOUT, deadline, NULL, false);
		if (ret == -ETIMEDOUT) {
			snprintf(msg, size,
				 "tls: no handshake with %s within %d ms",
				 remote, timeout_ms);
			return -1;
		}
		if (ret) {
			snprintf(msg, size, "tls: %s", strerror(-ret));
			return -1;
		}
	}
	ERR_clear_error();
	c->handshaken = true;
	return 0;
}

int rclient_connect(const struct rclient_opts *o, struct rclient **out,
		    char *msg, size_t size)
{
	int timeout = o->timeout_ms > 0 ? o->timeout_ms : -1;
	struct rclient *c;
	struct target t;
	int64_t deadline;

	*out = NULL;
	if (parse_remote(o->remote, &t, msg, size))
		return -1;
	if (!t.is_unix && (!o->cert || !o->key)) {
		snprintf(msg, size,
			 "--remote %s needs --cert and --key (a client certificate signed by the daemon's CA)",
			 o->remote);
		return -1;
	}
	if (!t.is_unix && !o->ca) {
		snprintf(msg, size,
			 "--remote %s needs --ca (the CA that signed the daemon's certificate)",
			 o->remote);
		return -1;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		snprintf(msg, size, "out of memory");
		return -1;
	}
	c->fd = -1;
	c->timeout_ms = timeout;
	frame_reader_init(&c->rd, PROTO_RESPONSE_MAX);
	deadline = deadline_of(timeout);
	if (t.is_unix) {
		if (unix_connect(c, &t, timeout, msg, size))
			goto close_client;
	} else {
		/* The files first: their errors do not need a daemon. */
		ERR_clear_error();
		if (tls_context(c, o, msg, size) ||
		    tcp_connect(c, &t, deadline, msg, size) ||
		    tls_session(c, &t, msg, size) ||
		    tls_handshake(c, o->remote, timeout, deadline, msg, size))
			goto close_client;
	}
	*out = c;
	return 0;

close_client:
	rclient_close(c);
	return -1;
}

/*
 * After a failed write: the daemon may have said why it closed with an
 * alert (it refused our certificate) that is waiting to be read; if so,
 * that goes into msg instead. Bytes of a reply read meanwhile are kept.
 */
static void tls_write_failed(struct rclient *c, char *msg, size_t size)
{
	unsigned char buf[RCLIENT_READ_CHUNK];
	struct sigpipe_guard g;
	unsigned long code;
	int ret;

	for (;;) {
		ERR_clear_error();
		sigpipe_block(&g);
		ret = SSL_read(c->ssl, buf, sizeof(buf));
		sigpipe_unblock(&g);
		if (ret <= 0 || frame_reader_feed(&c->rd, buf, ret))
			break;
	}
	code = ERR_peek_error();
	if (ret <= 0 && SSL_get_error(c->ssl, ret) == SSL_ERROR_SSL &&
	    ERR_GET_REASON(code) > SSL_AD_REASON_OFFSET &&
	    ERR_GET_REASON(code) < SSL_AD_REASON_OFFSET + 256)
		tls_describe(c, SSL_ERROR_SSL, 0, msg, size);
	ERR_clear_error();
}

/* Write all of buf within the client's timeout. 0 or -1 with msg. */
static int write_all(struct rclient *c, const unsigned char *buf,
		     size_t len, char *msg, size_t size)
{
	int64_t deadline = deadline_of(c->timeout_ms);
	struct sigpipe_guard g;
	int ret, err, saved;
	short events;
	ssize_t n;

	while (len) {
		if (c->ssl) {
			ERR_clear_error();
			errno = 0;
			sigpipe_block(&g);
			ret = SSL_write(c->ssl, buf,
					len > INT_MAX ? INT_MAX : (int)len);
			saved = errno;
			sigpipe_unblock(&g);
			if (ret > 0) {
				buf += ret;
				len -= ret;
				continue;
			}
			err = SSL_get_error(c->ssl, ret);
			if (err != SSL_ERROR_WANT_READ &&
			    err != SSL_ERROR_WANT_WRITE) {
				tls_describe(c, err, saved, msg, size);
				tls_write_failed(c, msg, size);
				return -1;
			}
			events = err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
		} else {
			n = send(c->fd, buf, len, MSG_NOSIGNAL);
			if (n >= 0) {
				buf += n;
				len -= n;
				continue;
			}
			if (errno == EINTR)
				continue;
			if (errno == EPIPE || errno == ECONNRESET) {
				snprintf(msg, size,
					 "the daemon closed the connection");
				return -1;
			}
			if (errno != EAGAIN && errno != EWOULDBLOCK) {
				snprintf(msg, size, "send: %s",
					 strerror(errno));
				return -1;
			}
			events = POLLOUT;
		}
		ret = wait_fd(c->fd, events, deadline, NULL, false);
		if (ret == -ETIMEDOUT) {
			snprintf(msg, size,
				 "the daemon took no request for %d ms",
				 c->timeout_ms);
			return -1;
		}
		if (ret) {
			snprintf(msg, size, "send: %s", strerror(-ret));
			return -1;
		}
	}
	return 0;
}

int rclient_send(struct rclient *c, const json_t *v, char *msg, size_t size)
{
	unsigned char *frame;
	size_t len;
	int ret;

	/* The daemon's limit is its own (max_request): it says too-large. */
	ret = frame_encode(v, PROTO_RESPONSE_MAX, &frame, &len);
	if (ret == -EMSGSIZE) {
		snprintf(msg, size, "the request is larger than %d bytes",
			 PROTO_RESPONSE_MAX);
		return -1;
	}
	if (ret) {
		snprintf(msg, size, "out of memory");
		return -1;
	}
	ret = write_all(c, frame, len, msg, size);
	free(frame);
	return ret;
}

/* "The daemon closed the connection", and whether in a reply. */
static void closed_msg(struct rclient *c, char *msg, size_t size)
{
	snprintf(msg, size, "the daemon closed the connection%s",
		 frame_reader_partial(&c->rd) ? " in the middle of a reply" :
		 "");
}

/*
 * One read without waiting: bytes read (> 0), 0 if there is nothing yet
 * (wait for *events), or -EPIPE or -EPROTO (tls_describe()) with msg.
 */
static ssize_t read_once(struct rclient *c, void *buf, size_t n,
			 short *events, char *msg, size_t size)
{
	struct sigpipe_guard g;
	int ret, err, saved;
	ssize_t r;

	if (!c->ssl) {
		*events = POLLIN;
		r = recv(c->fd, buf, n, 0);
		if (r > 0)
			return r;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
			      errno == EINTR))
			return 0;
		if (r == 0 || errno == ECONNRESET)
			closed_msg(c, msg, size);
		else
			snprintf(msg, size, "recv: %s", strerror(errno));
		return -EPIPE;
	}
	/* SSL_read first, before any poll: it may hold decrypted bytes. */
	ERR_clear_error();
	errno = 0;
	sigpipe_block(&g);
	ret = SSL_read(c->ssl, buf, n > INT_MAX ? INT_MAX : n);
	saved = errno;
	sigpipe_unblock(&g);
	if (ret > 0)
		return ret;
	err = SSL_get_error(c->ssl, ret);
	if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
		*events = err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
		ERR_clear_error();
		return 0;
	}
	return tls_describe(c, err, saved, msg, size);
}

/*
 * Read what is there, waiting for it until deadline: bytes read (> 0),
 * -ETIMEDOUT, -EINTR, -EPIPE or -EPROTO, each with msg.
 */
static ssize_t read_some(struct rclient *c, void *buf, size_t n,
			 int timeout_ms, int64_t deadline, char *msg,
			 size_t size)
{
	short events = POLLIN;
	ssize_t r;
	int ret;

	for (;;) {
		r = read_once(c, buf, n, &events, msg, size);
		if (r)
			return r;
		ret = wait_fd(c->fd, events, deadline,
			      c->has_sigmask ? &c->sigmask : NULL, true);
		if (ret == -ETIMEDOUT) {
			snprintf(msg, size,
				 "no reply from the daemon within %d ms",
				 timeout_ms);
			return -ETIMEDOUT;
		}
		if (ret == -EINTR) {
			snprintf(msg, size, "interrupted");
			return -EINTR;
		}
		if (ret) {
			snprintf(msg, size, "poll: %s", strerror(-ret));
			return -EPIPE;
		}
	}
}

int rclient_recv(struct rclient *c, struct reply *out, int timeout_ms,
		 char *msg, size_t size)
{
	int64_t deadline = deadline_of(timeout_ms);
	unsigned char buf[RCLIENT_READ_CHUNK];
	const char *payload;
	char why[256];
	size_t len;
	ssize_t n;
	int ret;

	memset(out, 0, sizeof(*out));
	for (;;) {
		ret = frame_reader_next(&c->rd, &payload, &len);
		if (ret == 1) {
			why[0] = '\0';
			if (!reply_parse(payload, len, out, why, sizeof(why))) {
				snprintf(msg, size,
					 "the daemon sent a bad reply: %s",
					 why);
				return -EPROTO;
			}
			return 0;
		}
		if (ret == -EMSGSIZE) {
			snprintf(msg, size,
				 "the daemon sent a reply larger than %d bytes",
				 PROTO_RESPONSE_MAX);
			return -EPROTO;
		}
		if (ret < 0) {
			snprintf(msg, size,
				 "the daemon sent a malformed frame");
			return -EPROTO;
		}
		n = read_some(c, buf, sizeof(buf), timeout_ms, deadline, msg,
			      size);
		if (n < 0)
			return n;
		if (frame_reader_feed(&c->rd, buf, n)) {
			snprintf(msg, size, "out of memory");
			return -ENOMEM;
		}
	}
}

void rclient_set_sigmask(struct rclient *c, const void *sigset)
{
	c->has_sigmask = sigset != NULL;
	if (sigset)
		memcpy(&c->sigmask, sigset, sizeof(c->sigmask));
}

void rclient_close(struct rclient *c)
{
	struct sigpipe_guard g;

	if (!c)
		return;
	if (c->ssl && c->handshaken) {
		/* close_notify, best effort: the socket is non-blocking. */
		ERR_clear_error();
		sigpipe_block(&g);
		SSL_shutdown(c->ssl);
		sigpipe_unblock(&g);
		ERR_clear_error();
	}
	SSL_free(c->ssl);
	SSL_CTX_free(c->ctx);
	if (c->fd >= 0)
		close(c->fd);
	frame_reader_free(&c->rd);
	free(c);
}
