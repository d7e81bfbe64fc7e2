// SPDX-License-Identifier: GPL-2.0
/*
 * teamctld's listeners, connections and poll loop (see server.h). Each
 * wake-up: accept, drive every connection that is ready (handshake, write
 * what is queued, read and handle whole frames), read the kernel's events
 * and family notices, then enforce the deadlines.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "conn.h"
#include "server.h"

static volatile sig_atomic_t stop, reload;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		reload = 1;
	else
		stop = 1;
}

int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("teamctld: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* ---- listeners ---- */

/*
 * What is at the socket's path: nothing, or a socket nobody answers on (a
 * daemon that died), which is removed. A live daemon's socket, or anything
 * that is not a socket, is left alone and refused.
 */
static int clear_socket(const char *path, char *msg, size_t size)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct stat st;
	int fd, live;

	if (lstat(path, &st))
		return 0;
	if (!S_ISSOCK(st.st_mode)) {
		snprintf(msg, size, "socket %s: something else is there; not removing it",
			 path);
		return -1;
	}
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	live = fd >= 0 && !connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	if (fd >= 0)
		close(fd);
	if (live) {
		snprintf(msg, size, "socket %s: another teamctld is serving on it",
			 path);
		return -1;
	}
	unlink(path);
	return 0;
}

/* The unix socket, in a directory only root (and the group) can enter. */
static int listen_unix(struct server *s, char *msg, size_t size)
{
	const struct conf *c = s->conf;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	mode_t mode = c->has_group ? 0660 : 0600;
	char dir[PATH_MAX];
	struct stat st;
	int fd;

	if (strlen(c->socket) >= sizeof(sa.sun_path)) {
		snprintf(msg, size, "socket %s: path too long", c->socket);
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s", c->socket);
	dirname(dir);
	if (mkdir(dir, c->has_group ? 0750 : 0700) && errno != EEXIST) {
		snprintf(msg, size, "socket directory %s: %s", dir,
			 strerror(errno));
		return -1;
	}
	if (c->has_group && chown(dir, 0, c->group))
		say("socket directory %s: chown: %s", dir, strerror(errno));
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", c->socket);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(msg, size, "socket: %s", strerror(errno));
		return -1;
	}
	if (clear_socket(c->socket, msg, size)) {
		close(fd);
		return -1;
	}
	if (fchmod(fd, mode) || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    chmod(c->socket, mode) ||
	    (c->has_group && chown(c->socket, 0, c->group)) ||
	    listen(fd, 64) || stat(c->socket, &st)) {
		snprintf(msg, size, "socket %s: %s", c->socket,
			 strerror(errno));
		close(fd);
		return -1;
	}
	s->unix_fd = fd;
	s->unix_ino = st.st_ino;
	return 0;
}

/* "HOST:PORT" or "[ADDR]:PORT" into host and port. */
static bool split_addr(const char *addr, char *host, size_t hsize,
		       char *port, size_t psize)
{
	const char *colon;

	if (addr[0] == '[') {
		colon = strstr(addr, "]:");
		if (!colon || (size_t)(colon - addr - 1) >= hsize)
			return false;
		snprintf(host, hsize, "%.*s", (int)(colon - addr - 1), addr + 1);
		colon++;
	} else {
		colon = strrchr(addr, ':');
		if (!colon || (size_t)(colon - addr) >= hsize)
			return false;
		snprintf(host, hsize, "%.*s", (int)(colon - addr), addr);
	}
	snprintf(port, psize, "%s", colon + 1);
	return port[0] && strspn(port, "0123456789") == strlen(port);
}

static int listen_tcp(struct server *s, const char *addr, char *msg,
		      size_t size)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_PASSIVE | AI_NUMERICSERV };
	char host[256], port[16];
	struct addrinfo *res;
	int fd, ret, one = 1;

	if (!split_addr(addr, host, sizeof(host), port, sizeof(port))) {
		snprintf(msg, size, "listen %s: expected HOST:PORT or [ADDR]:PORT",
			 addr);
		return -1;
	}
	ret = getaddrinfo(host[0] ? host : NULL, port, &hints, &res);
	if (ret) {
		snprintf(msg, size, "listen %s: %s", addr, gai_strerror(ret));
		return -1;
	}
	fd = socket(res->ai_family,
		    res->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_IP, IP_FREEBIND, &one, sizeof(one)) ||
	    (res->ai_family == AF_INET6 &&
	     setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one))) ||
	    bind(fd, res->ai_addr, res->ai_addrlen) || listen(fd, 64)) {
		snprintf(msg, size, "listen %s: %s", addr, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(res);
		return -1;
	}
	freeaddrinfo(res);
	s->tcp_fd[s->n_tcp++] = fd;
	return 0;
}

int server_new(struct conf *c, const char *file, struct audit *a,
	       struct server **out, char *msg, size_t size)
{
	struct server *s = calloc(1, sizeof(*s));
	struct kernel_err err;

	*out = NULL;
	if (!s) {
		conf_free(c);
		free(c);
		snprintf(msg, size, "out of memory");
		return -1;
	}
	s->conf = c;
	s->conf_file = file;
	s->audit = a;
	s->unix_fd = -1;
	/* Another daemon serving: refuse before touching anything. */
	if (c->socket[0] && clear_socket(c->socket, msg, size))
		goto out_free;
	if (desired_load(&s->desired, c->state, msg, size)) {
		/* Kept aside when it was not valid; still there: unreadable. */
		if (!s->desired.doc || !access(c->state, F_OK))
			goto out_free;
		say("%s; starting with no teams to restore", msg);
	}
	if (c->n_listen &&
	    tls_server_new(c->cert, c->key, c->ca, c->crl, &s->tls, msg, size))
		goto out_free;
	if (kernel_watch_open(&s->watch, &err)) {
		snprintf(msg, size, "%s", err.msg);
		goto out_free;
	}
	*out = s;
	return 0;
out_free:
	server_free(s);
	return -1;
}

int server_listen(struct server *s, char *msg, size_t size)
{
	size_t i;

	if (s->conf->socket[0] && listen_unix(s, msg, size))
		return -1;
	for (i = 0; i < s->conf->n_listen; i++)
		if (listen_tcp(s, s->conf->listen[i], msg, size))
			return -1;
	return 0;
}

/* Same strings, both NULL, or both the same list of them? */
static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static bool same_listeners(const struct conf *a, const struct conf *b)
{
	size_t i;

	if (!same(a->socket, b->socket) || a->n_listen != b->n_listen ||
	    a->has_group != b->has_group || a->group != b->group)
		return false;
	for (i = 0; i < a->n_listen; i++)
		if (!same(a->listen[i], b->listen[i]))
			return false;
	return true;
}

/* A string of old into *dst (a copy); false: out of memory. */
static bool take_str(char **dst, const char *old)
{
	char *dup = old ? strdup(old) : NULL;

	if (old && !dup)
		return false;
	free(*dst);
	*dst = dup;
	return true;
}

/*
 * The listeners of old into c, which a reload cannot change: socket,
 * socket_group, listen, and with listeners the TLS files when c has none.
 */
static bool keep_listeners(struct conf *c, const struct conf *old)
{
	size_t i;

	for (i = 0; i < c->n_listen; i++) {
		free(c->listen[i]);
		c->listen[i] = NULL;
	}
	c->n_listen = 0;
	for (i = 0; i < old->n_listen; i++) {
		c->listen[i] = strdup(old->listen[i]);
		if (!c->listen[i])
			return false;
		c->n_listen++;
	}
	c->has_group = old->has_group;
	c->group = old->group;
	memcpy(c->group_name, old->group_name, sizeof(c->group_name));
	if (!take_str(&c->socket, old->socket))
		return false;
	if (c->n_listen && (!c->cert || !c->key || !c->ca))
		return take_str(&c->cert, old->cert) &&
		       take_str(&c->key, old->key) &&
		       take_str(&c->ca, old->ca) &&
		       take_str(&c->crl, old->crl);
	return true;
}

static void close_conn_later(struct conn *c, const char *why);

/* Close c once it has been told why. */
static void close_conn_later(struct conn *c, const char *why)
{
	c->active_ms = now_ms();
	if (c->state == CONN_HANDSHAKE) {
		c->state = CONN_CLOSING;
		return;
	}
	conn_close_after(c, c->monitor ? notice_new(c->monitor_id, why) :
			 response_errorf(false, 0, 1, PROTO_E_FAILED, "%s", why));
}

/* SIGHUP: the configuration file again (see server.h). */
static void server_reload(struct server *s)
{
	struct conf *c = calloc(1, sizeof(*c));
	struct tls_server *tls = NULL;
	char msg[512] = "out of memory";
	bool moved = false;
	struct conn *conn;

	if (!c || !conf_init(c))
		goto refused;
	if (!conf_load(c, s->conf_file ? s->conf_file : CONF_FILE,
		       !s->conf_file, msg, sizeof(msg)))
		goto refused;
	if (!same_listeners(s->conf, c)) {
		moved = true;
		snprintf(msg, sizeof(msg), "out of memory");
		if (!keep_listeners(c, s->conf))
			goto refused;
	}
	if (c->n_listen && tls_server_new(c->cert, c->key, c->ca, c->crl,
					  &tls, msg, sizeof(msg)))
		goto refused;
	if (moved)
		say("reload: socket, socket_group and listen stay as they are until a restart");
	if (strcmp(c->state, s->conf->state) || strcmp(c->audit, s->conf->audit))
		say("reload: state and audit stay as they are until a restart");
	if (!take_str(&c->state, s->conf->state) ||
	    !take_str(&c->audit, s->conf->audit)) {
		tls_server_free(tls);
		goto refused;
	}
	conf_free(s->conf);
	free(s->conf);
	s->conf = c;
	if (tls) {
		tls_server_free(s->tls);
		s->tls = tls;
	}
	for (conn = s->conns; conn; conn = conn->next)
		if (conn->tls)
			close_conn_later(conn, "teamctld reloaded its configuration; connect again");
	say("configuration reloaded");
	return;
refused:
	say("reload refused, going on as before: %s", msg);
	if (c)
		conf_free(c);
	free(c);
}

/* ---- connections ---- */

static struct conn *conn_new(struct server *s, int fd)
{
	struct conn *c = calloc(1, sizeof(*c)), **p;

	if (!c)
		return NULL;
	c->fd = fd;
	c->state = CONN_OPEN;
	frame_reader_init(&c->in, s->conf->max_request);
	c->tokens = s->conf->burst;
	c->refill_ms = now_ms();
	c->active_ms = c->refill_ms;
	/* At the tail: the loop walks connections in the order it polls them. */
	for (p = &s->conns; *p; p = &(*p)->next)
		;
	*p = c;
	s->n_conns++;
	return c;
}

static void conn_free(struct server *s, struct conn *c)
{
	struct conn **p;

	for (p = &s->conns; *p; p = &(*p)->next) {
		if (*p == c) {
			*p = c->next;
			break;
		}
	}
	if (c->monitor)
		monitor_stop(s, c);
	if (c->tls) {
		tls_conn_shutdown(c->tls);
		tls_conn_free(c->tls);
	}
	close(c->fd);
	frame_reader_free(&c->in);
	free(c->out);
	free(c);
	s->n_conns--;
}

void conn_send(struct conn *c, const json_t *v)
{
	unsigned char *frame, *out;
	size_t len, queued;

	if (c->state == CONN_CLOSING)
		return;
	if (frame_encode(v, PROTO_RESPONSE_MAX, &frame, &len)) {
		say("%s: cannot encode a reply; closing", c->peer);
		c->state = CONN_CLOSING;
		return;
	}
	queued = c->out_len - c->out_off;
	if (queued + len > CONN_OUT_MAX) {
		say("%s: %zu bytes not read; closing", c->peer, queued);
		c->state = CONN_CLOSING;
		c->out_len = c->out_off = 0;
		free(frame);
		return;
	}
	if (c->out_off) {	/* make room at the front once in a while */
		memmove(c->out, c->out + c->out_off, queued);
		c->out_len = queued;
		c->out_off = 0;
	}
	out = realloc(c->out, c->out_len + len);
	if (!out) {
		c->state = CONN_CLOSING;
		free(frame);
		return;
	}
	memcpy(out + c->out_len, frame, len);
	c->out = out;
	c->out_len += len;
	free(frame);
}

void conn_send_new(struct conn *c, json_t *v)
{
	if (v)
		conn_send(c, v);
	json_decref(v);
}

void conn_close_after(struct conn *c, json_t *v)
{
	conn_send_new(c, v);
	c->state = CONN_CLOSING;
}

/* Who is at the other end of a unix connection, and their role. */
static bool unix_peer(struct server *s, struct conn *c)
{
	const struct conf *cf = s->conf;
	gid_t groups[256];
	struct ucred cred;
	socklen_t len = sizeof(cred);
	struct passwd *pw;
	size_t i, n;

	if (getsockopt(c->fd, SOL_SOCKET, SO_PEERCRED, &cred, &len))
		return false;
	pw = getpwuid(cred.uid);
	snprintf(c->who, sizeof(c->who), "uid:%u(%s)", (unsigned int)cred.uid,
		 pw ? pw->pw_name : "?");
	snprintf(c->peer, sizeof(c->peer), "unix:pid %d", (int)cred.pid);
	if (cred.uid == 0) {
		c->role = ROLE_ADMIN;
		return true;
	}
	c->role = ROLE_NONE;
	if (!cf->has_group)
		return true;
	if (cred.gid == cf->group) {
		c->role = cf->group_role;
		return true;
	}
	/* The peer's supplementary groups, as they were at connect(). */
	len = sizeof(groups);
	if (getsockopt(c->fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len))
		return true;
	n = len / sizeof(groups[0]);
	for (i = 0; i < n; i++)
		if (groups[i] == cf->group)
			c->role = cf->group_role;
	return true;
}

static void tcp_peer(struct conn *c, const struct sockaddr_storage *sa)
{
	char host[INET6_ADDRSTRLEN] = "?";
	unsigned int port = 0;

	if (sa->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
		port = ntohs(in->sin_port);
		snprintf(c->peer, sizeof(c->peer), "tls:%s:%u", host, port);
	} else {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
		port = ntohs(in6->sin6_port);
		snprintf(c->peer, sizeof(c->peer), "tls:[%s]:%u", host, port);
	}
}

static void accept_one(struct server *s, int lfd, bool tls)
{
	struct sockaddr_storage sa;
	socklen_t len = sizeof(sa);
	struct conn *c;
	int fd;

	fd = accept4(lfd, (struct sockaddr *)&sa, &len,
		     SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		if (errno != EAGAIN && errno != EINTR)
			say("accept: %s", strerror(errno));
		return;
	}
	c = conn_new(s, fd);
	if (!c) {
		close(fd);
		return;
	}
	if (!tls) {
		if (!unix_peer(s, c)) {
			conn_free(s, c);
			return;
		}
	} else {
		tcp_peer(c, &sa);
		snprintf(c->who, sizeof(c->who), "-");
		c->tls = tls_conn_new(s->tls, fd);
		c->state = CONN_HANDSHAKE;
		c->deadline_ms = now_ms() + 1000LL * s->conf->request_timeout;
		if (!c->tls) {
			conn_free(s, c);
			return;
		}
	}
	if (s->n_conns > s->conf->max_clients) {
		say("%s: refused: %u clients already", c->peer,
		    s->conf->max_clients);
		if (c->tls) {	/* nothing can be said before the handshake */
			conn_free(s, c);
			return;
		}
		conn_close_after(c, response_errorf(false, 0, 1, PROTO_E_BUSY,
						    "too many clients (%u); try again later",
						    s->conf->max_clients));
		return;
	}
	if (!tls && c->role == ROLE_NONE) {
		audit_refusal(s, c, "not root and not in socket_group");
		conn_close_after(c, response_errorf(false, 0, 1, PROTO_E_DENIED,
						    "permission denied: %s may not use teamctld",
						    c->who));
	}
}

/* Bytes read into c->in: >0, 0 at the end, TLS_WANT_*, or -1. */
static ssize_t conn_read(struct conn *c, void *buf, size_t n)
{
	ssize_t r;

	if (c->tls)
		return tls_conn_read(c->tls, buf, n);
	r = recv(c->fd, buf, n, 0);
	if (r < 0)
		return errno == EAGAIN || errno == EINTR ? TLS_WANT_READ : -1;
	return r;
}

static ssize_t conn_write(struct conn *c, const void *buf, size_t n)
{
	ssize_t w;

	if (c->tls)
		return tls_conn_write(c->tls, buf, n);
	w = send(c->fd, buf, n, MSG_NOSIGNAL);
	if (w < 0)
		return errno == EAGAIN || errno == EINTR ? TLS_WANT_WRITE : -1;
	return w;
}

/* Write what is queued. false: the connection is broken. */
static bool flush(struct conn *c)
{
	ssize_t w;

	c->tls_wants_write = false;
	while (c->out_off < c->out_len) {
		w = conn_write(c, c->out + c->out_off, c->out_len - c->out_off);
		if (w == TLS_WANT_WRITE || w == TLS_WANT_READ) {
			c->tls_wants_write = true;
			return true;
		}
		if (w <= 0)
			return false;
		c->out_off += (size_t)w;
	}
	c->out_off = c->out_len = 0;
	return true;
}

static bool handshake(struct server *s, struct conn *c)
{
	int ret = tls_conn_handshake(c->tls);

	if (ret == TLS_WANT_READ || ret == TLS_WANT_WRITE) {
		c->tls_wants_write = ret == TLS_WANT_WRITE;
		return true;
	}
	if (ret) {
		audit_refusal(s, c, tls_conn_error(c->tls));
		return false;
	}
	c->state = CONN_OPEN;
	c->deadline_ms = 0;
	c->active_ms = now_ms();
	snprintf(c->who, sizeof(c->who), "cert:%s", tls_conn_identity(c->tls));
	c->role = conf_client_role(s->conf, tls_conn_identity(c->tls));
	say("%s: %s connected, role %s", c->peer, c->who, role_name(c->role));
	return true;
}

/*
 * Everything c is ready for. false: close it now. A connection that is
 * closing is only flushed; it is closed once its queue is empty.
 */
static bool drive(struct server *s, struct conn *c)
{
	unsigned char buf[16384];
	ssize_t r;

	if (c->state == CONN_HANDSHAKE && !handshake(s, c))
		return false;
	if (c->state == CONN_HANDSHAKE)
		return true;
	if (!flush(c))
		return false;
	while (c->state == CONN_OPEN) {
		r = conn_read(c, buf, sizeof(buf));
		if (r == TLS_WANT_READ)
			break;
		if (r == TLS_WANT_WRITE) {
			c->tls_wants_write = true;
			break;
		}
		if (r <= 0)
			return false;	/* the client is gone, or broke TLS */
		if (frame_reader_feed(&c->in, buf, (size_t)r))
			return false;
		handle_frames(s, c);
	}
	if (!flush(c))
		return false;
	return c->state != CONN_CLOSING || c->out_off < c->out_len;
}

/* The deadlines of c: false to close it now. */
static bool check_time(struct server *s, struct conn *c, int64_t now)
{
	const struct conf *cf = s->conf;

	if (c->state == CONN_HANDSHAKE) {
		if (now < c->deadline_ms)
			return true;
		say("%s: no TLS handshake within %u s; closing", c->peer,
		    cf->request_timeout);
		return false;
	}
	if (c->state == CONN_CLOSING)	/* one more chance to flush */
		return now < c->active_ms + 1000LL * cf->request_timeout;
	if (c->partial_ms &&
	    now >= c->partial_ms + 1000LL * cf->request_timeout) {
		say("%s: request not finished within %u s; closing", c->peer,
		    cf->request_timeout);
		conn_close_after(c, response_errorf(false, 0, 1, PROTO_E_TIMEOUT,
						    "request not finished within %u s",
						    cf->request_timeout));
		c->active_ms = now;
		return true;
	}
	if (cf->idle_timeout && !c->monitor &&
	    now >= c->active_ms + 1000LL * cf->idle_timeout) {
		conn_close_after(c, response_errorf(false, 0, 1, PROTO_E_TIMEOUT,
						    "idle for %u s; closing",
						    cf->idle_timeout));
		c->active_ms = now;
	}
	return true;
}

/* The next deadline of c, or INT64_MAX. */
static int64_t next_time(const struct server *s, const struct conn *c)
{
	const struct conf *cf = s->conf;
	int64_t t = INT64_MAX;

	if (c->state == CONN_HANDSHAKE)
		return c->deadline_ms;
	if (c->state == CONN_CLOSING)
		return c->active_ms + 1000LL * cf->request_timeout;
	if (c->partial_ms)
		t = c->partial_ms + 1000LL * cf->request_timeout;
	if (cf->idle_timeout && !c->monitor &&
	    c->active_ms + 1000LL * cf->idle_timeout < t)
		t = c->active_ms + 1000LL * cf->idle_timeout;
	return t;
}

/* ---- the loop ---- */

void server_restore(struct server *s)
{
	int failed;

	if (!json_array_size(json_object_get(s->desired.doc, "teams")))
		return;
	failed = desired_apply(&s->desired, say);
	if (failed && s->restore_tries < 5) {
		/* lbfo.ko just came: give it a moment, then try again. */
		s->restore_ms = now_ms() + (200LL << s->restore_tries);
		s->restore_tries++;
	} else {
		s->restore_ms = 0;
		s->restore_tries = 0;
	}
}

static void on_family(struct server *s)
{
	struct kernel_err err;
	int what = kernel_watch_read(s->watch, &err);

	if (what < 0) {
		say("%s", err.msg);
		return;
	}
	if (what & KERNEL_FAMILY_GONE)
		say("the lbfo family is gone (lbfo.ko unloaded)");
	/* Monitors subscribe again first: they see the restore's events. */
	handle_family(s, what);
	if (what & KERNEL_FAMILY_NEW) {
		say("the lbfo family is back: restoring the desired state");
		s->restore_tries = 0;
		server_restore(s);
	}
}

/* Room for the fixed descriptors and every connection. */
static struct pollfd *poll_set(struct server *s, size_t *n)
{
	struct pollfd *p = calloc(4 + CONF_MAX_LISTEN + s->n_conns,
				  sizeof(*p));
	struct conn *c;
	size_t i = 0, j;

	if (!p)
		return NULL;
	p[i].fd = s->unix_fd;
	p[i++].events = POLLIN;
	for (j = 0; j < s->n_tcp; j++) {
		p[i].fd = s->tcp_fd[j];
		p[i++].events = POLLIN;
	}
	p[i].fd = kernel_watch_fd(s->watch);
	p[i++].events = POLLIN;
	p[i].fd = s->events ? kernel_events_fd(s->events) : -1;
	p[i++].events = POLLIN;
	for (c = s->conns; c; c = c->next) {
		p[i].fd = c->fd;
		p[i].events = POLLIN;
		if (c->tls_wants_write || c->out_off < c->out_len)
			p[i].events |= POLLOUT;
		i++;
	}
	*n = i;
	return p;
}

int server_run(struct server *s)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t wait_mask;
	struct conn *c, *next;
	struct timespec ts;
	struct pollfd *p;
	int64_t now, t;
	size_t n, i;

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigprocmask(SIG_SETMASK, NULL, &wait_mask);
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGHUP);
	while (!stop) {
		if (reload) {
			reload = 0;
			server_reload(s);
		}
		p = poll_set(s, &n);
		if (!p)
			return -1;
		t = s->restore_ms ? s->restore_ms : INT64_MAX;
		for (c = s->conns; c; c = c->next)
			if (next_time(s, c) < t)
				t = next_time(s, c);
		now = now_ms();
		t = t == INT64_MAX ? 60000 : t > now ? t - now : 0;
		ts.tv_sec = t / 1000;
		ts.tv_nsec = (t % 1000) * 1000000;
		if (ppoll(p, n, &ts, &wait_mask) < 0 && errno != EINTR) {
			say("poll: %s", strerror(errno));
			free(p);
			return -1;
		}
		i = 0;
		if (p[i++].revents & POLLIN)
			accept_one(s, s->unix_fd, false);
		for (; i < 1 + s->n_tcp; i++)
			if (p[i].revents & POLLIN)
				accept_one(s, p[i].fd, true);
		if (p[i++].revents & POLLIN)
			on_family(s);
		if (p[i++].revents & POLLIN && s->events)
			handle_events(s);
		/* Connections accepted above are not in p: drive them next time. */
		for (c = s->conns; c; c = next) {
			next = c->next;
			for (; i < n && p[i].fd != c->fd; i++)
				;
			if (i < n && p[i].revents && !drive(s, c)) {
				conn_free(s, c);
				continue;
			}
			if (!check_time(s, c, now_ms()) ||
			    (c->state == CONN_CLOSING && c->out_off >= c->out_len))
				conn_free(s, c);
		}
		free(p);
		if (s->restore_ms && now_ms() >= s->restore_ms)
			server_restore(s);
	}
	say("stopping (signal)");
	return 0;
}

void server_free(struct server *s)
{
	struct stat st;
	size_t i;

	if (!s)
		return;
	while (s->conns)
		conn_free(s, s->conns);
	if (s->unix_fd >= 0) {
		close(s->unix_fd);
		/* Only our own socket: not one a later daemon has bound. */
		if (!stat(s->conf->socket, &st) && st.st_ino == s->unix_ino)
			unlink(s->conf->socket);
	}
	for (i = 0; i < s->n_tcp; i++)
		close(s->tcp_fd[i]);
	tls_server_free(s->tls);
	kernel_watch_close(s->watch);
	kernel_close(s->events);
	desired_free(&s->desired);
	conf_free(s->conf);
	free(s->conf);
	free(s);
}
