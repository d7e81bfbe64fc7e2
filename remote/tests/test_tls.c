// SPDX-License-Identifier: GPL-2.0
/*
 * tls.c and client.c: each case makes a PKI with the openssl command in a
 * temporary directory, runs a server thread on 127.0.0.1 (tls_server_new,
 * tls_conn_*) or on a unix socket, and connects to it with
 * rclient_connect() or with openssl s_client. Both ends' messages are
 * checked.
 */
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "harness.h"
#include "proto.h"
#include "tls.h"

/*
 * client.c is compiled in, not linked: some cases reach into struct
 * rclient (its socket) to make the connection fail in a chosen way.
 */
#include "client.c"

/* No wait in a case lasts longer (a hung peer fails the case). */
#define T_WAIT_MS	10000
#define T_MIB		(1024 * 1024)

static char pki[64];

/* The path of a file of the PKI (8 at a time). */
static const char *pf(const char *name)
{
	static char bufs[8][PATH_MAX];
	static int next;
	char *p = bufs[next++ % 8];

	snprintf(p, PATH_MAX, "%s/%s", pki, name);
	return p;
}

static void want_msg(const char *msg, const char *want)
{
	if (!strstr(msg, want))
		fail_msg("message '%s' lacks '%s'", msg, want);
}

/*
 * The PKI: CA ca1 signs the servers "server" (localhost, 127.0.0.1) and
 * "other" (other.example only) and the clients alice, bob (revoked in
 * ca1.crl), carol (expired) and nocn (no CN); CA ca2 signs mallory.
 * alice-enc.key is alice's key under a passphrase.
 */
static const char pki_script[] =
	"set -e\n"
	"cat > ca.cnf <<'EOF'\n"
	"[ca]\n"
	"default_ca = ca_default\n"
	"[ca_default]\n"
	"dir = $ENV::CADIR\n"
	"database = $dir/index.txt\n"
	"new_certs_dir = $dir\n"
	"serial = $dir/serial\n"
	"crlnumber = $dir/crlnumber\n"
	"default_md = sha256\n"
	"default_days = 30\n"
	"default_crl_days = 30\n"
	"policy = policy_any\n"
	"unique_subject = no\n"
	"[policy_any]\n"
	"commonName = optional\n"
	"organizationName = optional\n"
	"[req]\n"
	"distinguished_name = dn\n"
	"prompt = no\n"
	"[dn]\n"
	"[v3_ca]\n"
	"basicConstraints = critical,CA:TRUE\n"
	"keyUsage = critical,keyCertSign,cRLSign\n"
	"subjectKeyIdentifier = hash\n"
	"[client]\n"
	"basicConstraints = CA:FALSE\n"
	"keyUsage = critical,digitalSignature\n"
	"extendedKeyUsage = clientAuth\n"
	"[server]\n"
	"basicConstraints = CA:FALSE\n"
	"keyUsage = critical,digitalSignature\n"
	"extendedKeyUsage = serverAuth\n"
	"subjectAltName = $ENV::SAN\n"
	"EOF\n"
	"export CADIR=ca1 SAN=DNS:localhost\n"
	"newkey='-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes'\n"
	"newca() {\n"
	"	mkdir $1\n"
	"	: > $1/index.txt\n"
	"	echo 01 > $1/serial\n"
	"	echo 01 > $1/crlnumber\n"
	"	openssl req -config ca.cnf -x509 $newkey -keyout $1/ca.key \\\n"
	"		-out $1/ca.crt -subj \"/CN=$2\" -days 30 -extensions v3_ca\n"
	"}\n"
	"issue() {\n"
	"	CADIR=$1\n"
	"	openssl req -config ca.cnf -new $newkey -keyout $2.key \\\n"
	"		-out $2.csr -subj \"$3\"\n"
	"	openssl ca -config ca.cnf -batch -notext -cert $1/ca.crt \\\n"
	"		-keyfile $1/ca.key -in $2.csr -out $2.crt \\\n"
	"		-extensions $4 $5 $6 $7 $8\n"
	"}\n"
	"newca ca1 lbfo-test-ca1\n"
	"newca ca2 lbfo-test-ca2\n"
	"SAN=DNS:localhost,IP:127.0.0.1\n"
	"issue ca1 server /CN=localhost server\n"
	"SAN=DNS:other.example\n"
	"issue ca1 other /CN=other.example server\n"
	"issue ca1 alice /CN=alice client\n"
	"issue ca1 bob /CN=bob client\n"
	"issue ca1 carol /CN=carol client \\\n"
	"	-startdate 20200101000000Z -enddate 20200102000000Z\n"
	"issue ca1 nocn /O=lbfo client\n"
	"issue ca2 mallory /CN=mallory client\n"
	"openssl pkey -in alice.key -aes256 -passout pass:x -out alice-enc.key\n"
	"CADIR=ca1\n"
	"openssl ca -config ca.cnf -cert ca1/ca.crt -keyfile ca1/ca.key \\\n"
	"	-revoke bob.crt\n"
	"openssl ca -config ca.cnf -cert ca1/ca.crt -keyfile ca1/ca.key \\\n"
	"	-gencrl -out ca1.crl\n"
	"CADIR=ca2\n"
	"openssl ca -config ca.cnf -cert ca2/ca.crt -keyfile ca2/ca.key \\\n"
	"	-gencrl -out ca2.crl\n";

static int setup(void **state)
{
	char cmd[256];
	FILE *f;

	(void)state;
	snprintf(pki, sizeof(pki), "/tmp/lbfo-test-tls.XXXXXX");
	if (!mkdtemp(pki))
		return -1;
	f = fopen(pf("gen.sh"), "w");
	if (!f)
		return -1;
	fputs(pki_script, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "cd %s && sh gen.sh > gen.log 2>&1", pki);
	if (system(cmd)) {
		snprintf(cmd, sizeof(cmd), "cat %s/gen.log >&2", pki);
		if (system(cmd))
			return -1;
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", pki);
	return system(cmd) ? -1 : 0;
}

/*
 * A client certificate of ca1 whose CN is the len bytes of cn, as is
 * (what the openssl command would refuse to make), in name.crt/.key.
 */
static void make_cert(const char *name, const char *cn, int len)
{
	char file[64];
	EVP_PKEY *cakey, *key;
	X509_NAME_ENTRY *e;
	X509 *ca, *x;
	FILE *f;

	f = fopen(pf("ca1/ca.key"), "r");
	assert_non_null(f);
	cakey = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	f = fopen(pf("ca1/ca.crt"), "r");
	assert_non_null(f);
	ca = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	assert_non_null(cakey);
	assert_non_null(ca);
	key = EVP_EC_gen("P-256");
	assert_non_null(key);
	x = X509_new();
	assert_non_null(x);
	assert_true(X509_set_version(x, X509_VERSION_3));
	assert_true(ASN1_INTEGER_set(X509_get_serialNumber(x), 1000 + len));
	assert_non_null(X509_gmtime_adj(X509_getm_notBefore(x), -3600));
	assert_non_null(X509_gmtime_adj(X509_getm_notAfter(x), 86400));
	assert_true(X509_set_issuer_name(x, X509_get_subject_name(ca)));
	e = X509_NAME_ENTRY_create_by_NID(NULL, NID_commonName,
					  V_ASN1_UTF8STRING,
					  (const unsigned char *)cn, len);
	assert_non_null(e);
	assert_true(X509_NAME_add_entry(X509_get_subject_name(x), e, -1, 0));
	X509_NAME_ENTRY_free(e);
	assert_true(X509_set_pubkey(x, key));
	assert_true(X509_sign(x, cakey, EVP_sha256()));
	snprintf(file, sizeof(file), "%s.crt", name);
	f = fopen(pf(file), "w");
	assert_non_null(f);
	assert_true(PEM_write_X509(f, x));
	fclose(f);
	snprintf(file, sizeof(file), "%s.key", name);
	f = fopen(pf(file), "w");
	assert_non_null(f);
	assert_true(PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL));
	fclose(f);
	X509_free(x);
	X509_free(ca);
	EVP_PKEY_free(key);
	EVP_PKEY_free(cakey);
}

/* What the server thread does after the handshake. */
enum srv_mode {
	SRV_ECHO,	/* answer each request with its data and "pad" bytes */
	SRV_SILENT,	/* read requests, answer nothing */
	SRV_CLOSE,	/* close (close_notify) at once */
	SRV_RAW,	/* send raw bytes for each request */
};

struct srv {
	struct tls_server *tls;		/* NULL: plain, on a unix socket */
	int lfd;
	int port;
	enum srv_mode mode;
	const char *raw;
	size_t raw_len;
	pthread_t thread;
	/* Results, to read after srv_join(). */
	int hs;				/* the handshake's end: 0 or -1 */
	char identity[80];
	char error[320];
	int requests;			/* answered */
	bool clean_end;			/* the client closed with close_notify */
	bool pending_before;		/* tls_conn_pending() before any read */
	bool pending_after_1;		/* ... after reading one byte */
};

/* Wait for fd; 0, or -1 after T_WAIT_MS. */
static int srv_wait(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, T_WAIT_MS) == 1 ? 0 : -1;
}

static short srv_events(int want)
{
	return want == TLS_WANT_WRITE ? POLLOUT : POLLIN;
}

/* Read some: > 0 bytes, 0 at the end, -1 on error (s->error). */
static ssize_t srv_read(struct srv *s, struct tls_conn *c, int fd,
			void *buf, size_t n)
{
	ssize_t r;

	for (;;) {
		r = c ? tls_conn_read(c, buf, n) : read(fd, buf, n);
		if (r >= 0)
			return r;
		if (c && r != TLS_WANT_READ && r != TLS_WANT_WRITE) {
			snprintf(s->error, sizeof(s->error), "%s",
				 tls_conn_error(c));
			return -1;
		}
		if (!c && errno != EAGAIN)
			return -1;
		if (srv_wait(fd, c ? srv_events(r) : POLLIN))
			return -1;
	}
}

static int srv_write(struct tls_conn *c, int fd, const void *buf, size_t n)
{
	const char *p = buf;
	ssize_t w;

	while (n) {
		w = c ? tls_conn_write(c, p, n) : write(fd, p, n);
		if (w > 0) {
			p += w;
			n -= w;
			continue;
		}
		if (c && w != TLS_WANT_READ && w != TLS_WANT_WRITE)
			return -1;
		if (!c && errno != EAGAIN)
			return -1;
		if (srv_wait(fd, c ? srv_events(w) : POLLOUT))
			return -1;
	}
	return 0;
}

/* The answer to req: {"data": args.data, "pad": args.pad times 'x'}. */
static int srv_answer(struct srv *s, struct tls_conn *c, int fd,
		      const struct request *req)
{
	size_t pad = json_integer_value(json_object_get(req->args, "pad"));
	unsigned char *frame;
	json_t *resp;
	char *text;
	size_t len;
	int ret;

	if (s->mode == SRV_SILENT)
		return 0;
	if (s->mode == SRV_RAW)
		return srv_write(c, fd, s->raw, s->raw_len);
	text = malloc(pad + 1);
	assert_non_null(text);
	memset(text, 'x', pad);
	resp = response_ok(req, json_pack("{s:O?, s:s%}", "data",
					  json_object_get(req->args, "data"),
					  "pad", text, pad));
	free(text);
	assert_non_null(resp);
	assert_int_equal(frame_encode(resp, PROTO_RESPONSE_MAX, &frame,
				      &len), 0);
	json_decref(resp);
	ret = srv_write(c, fd, frame, len);
	free(frame);
	s->requests++;
	return ret;
}

/* Answer requests until the client leaves. */
static void srv_serve(struct srv *s, struct tls_conn *c, int fd)
{
	static unsigned char buf[65536];
	struct frame_reader rd;
	struct proto_err perr;
	struct request req;
	const char *payload;
	bool first = true;
	size_t len;
	ssize_t n;

	if (s->mode == SRV_CLOSE) {
		if (c)
			tls_conn_shutdown(c);
		return;
	}
	frame_reader_init(&rd, PROTO_REQUEST_MAX);
	for (;;) {
		if (c && first)
			s->pending_before = tls_conn_pending(c);
		n = srv_read(s, c, fd, buf, c && first ? 1 : sizeof(buf));
		if (n == 0)
			s->clean_end = true;
		if (n <= 0)
			break;
		if (c && first)
			s->pending_after_1 = tls_conn_pending(c);
		first = false;
		assert_int_equal(frame_reader_feed(&rd, buf, n), 0);
		while (frame_reader_next(&rd, &payload, &len) == 1) {
			if (!request_parse(payload, len, &req, &perr)) {
				snprintf(s->error, sizeof(s->error),
					 "bad request: %s", perr.msg);
				goto free_reader;
			}
			n = srv_answer(s, c, fd, &req);
			request_free(&req);
			if (n)
				goto free_reader;
		}
	}
	if (c)
		tls_conn_shutdown(c);
free_reader:
	frame_reader_free(&rd);
}

static void *srv_main(void *arg)
{
	struct tls_conn *c = NULL;
	struct srv *s = arg;
	int fd, ret;

	s->hs = -2;
	if (srv_wait(s->lfd, POLLIN)) {
		snprintf(s->error, sizeof(s->error), "no client came");
		return NULL;
	}
	fd = accept4(s->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		snprintf(s->error, sizeof(s->error), "accept: %s",
			 strerror(errno));
		return NULL;
	}
	if (s->tls) {
		c = tls_conn_new(s->tls, fd);
		if (!c)
			goto close_fd;
		assert_string_equal(tls_conn_identity(c), "");
		while ((ret = tls_conn_handshake(c)) == TLS_WANT_READ ||
		       ret == TLS_WANT_WRITE)
			if (srv_wait(fd, srv_events(ret)))
				break;
		s->hs = ret;
		if (ret) {
			snprintf(s->error, sizeof(s->error), "%s",
				 tls_conn_error(c));
			goto free_conn;
		}
		snprintf(s->identity, sizeof(s->identity), "%s",
			 tls_conn_identity(c));
	} else {
		s->hs = 0;
	}
	srv_serve(s, c, fd);
free_conn:
	tls_conn_free(c);
close_fd:
	close(fd);
	return NULL;
}

/* A TLS server on 127.0.0.1 with these files of the PKI (crl: or NULL). */
static void srv_start(struct srv *s, const char *cert, const char *crl,
		      enum srv_mode mode)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	char crt[64], key[64], msg[256] = "";
	socklen_t len = sizeof(sin);

	memset(s, 0, sizeof(*s));
	s->mode = mode;
	snprintf(crt, sizeof(crt), "%s.crt", cert);
	snprintf(key, sizeof(key), "%s.key", cert);
	if (tls_server_new(pf(crt), pf(key), pf("ca1/ca.crt"),
			   crl ? pf(crl) : NULL, &s->tls, msg, sizeof(msg)))
		fail_msg("tls_server_new: %s", msg);
	s->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(s->lfd >= 0);
	assert_int_equal(bind(s->lfd, (struct sockaddr *)&sin, sizeof(sin)),
			 0);
	assert_int_equal(listen(s->lfd, 4), 0);
	assert_int_equal(getsockname(s->lfd, (struct sockaddr *)&sin, &len),
			 0);
	s->port = ntohs(sin.sin_port);
	assert_int_equal(pthread_create(&s->thread, NULL, srv_main, s), 0);
}

/* A plain server on the unix socket path. */
static void srv_start_unix(struct srv *s, const char *path,
			   enum srv_mode mode)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };

	memset(s, 0, sizeof(*s));
	s->mode = mode;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	s->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(s->lfd >= 0);
	assert_int_equal(bind(s->lfd, (struct sockaddr *)&sun, sizeof(sun)),
			 0);
	assert_int_equal(listen(s->lfd, 4), 0);
	assert_int_equal(pthread_create(&s->thread, NULL, srv_main, s), 0);
}

static void srv_join(struct srv *s)
{
	assert_int_equal(pthread_join(s->thread, NULL), 0);
	close(s->lfd);
	tls_server_free(s->tls);
}

/* Options for connecting to s as the client cert (a name in the PKI). */
static struct rclient_opts opts(char *remote, size_t size, const char *host,
				const struct srv *s, const char *cert,
				const char *ca)
{
	static char crt[PATH_MAX], key[PATH_MAX];

	snprintf(remote, size, "%s:%d", host, s->port);
	snprintf(crt, sizeof(crt), "%s/%s.crt", pki, cert);
	snprintf(key, sizeof(key), "%s/%s.key", pki, cert);
	return (struct rclient_opts){
		.remote = remote,
		.cert = crt,
		.key = key,
		.ca = pf(ca),
		.timeout_ms = T_WAIT_MS,
	};
}

/* Send {"data": data, "pad": pad} as op "team.show" with id. */
static void send_req(struct rclient *c, long long id, json_t *data,
		     size_t pad)
{
	char msg[256] = "";
	json_t *req;

	req = request_new(id, "team.show",
			  json_pack("{s:o, s:I}", "data", data,
				    "pad", (json_int_t)pad));
	assert_non_null(req);
	if (rclient_send(c, req, msg, sizeof(msg)))
		fail_msg("rclient_send: %s", msg);
	json_decref(req);
}

/* Read the echo of send_req(): check id, data and pad. */
static void recv_echo(struct rclient *c, long long id, const json_t *data,
		      size_t pad)
{
	char msg[256] = "";
	struct reply r;
	const char *p;
	size_t i;
	int ret;

	ret = rclient_recv(c, &r, T_WAIT_MS, msg, sizeof(msg));
	if (ret)
		fail_msg("rclient_recv: %d %s", ret, msg);
	assert_int_equal(r.kind, REPLY_RESPONSE);
	assert_true(r.has_id);
	assert_int_equal(r.id, id);
	assert_int_equal(r.status, 0);
	assert_non_null(r.result);
	assert_true(json_equal(json_object_get(r.result, "data"), data));
	assert_int_equal(json_string_length(json_object_get(r.result, "pad")),
			 pad);
	p = json_string_value(json_object_get(r.result, "pad"));
	for (i = 0; i < pad; i++)
		if (p[i] != 'x')
			fail_msg("pad byte %zu is '%c'", i, p[i]);
	reply_free(&r);
}

/* Connect as a good client and make one round trip. */
static void client_ok(const struct rclient_opts *o)
{
	struct rclient *c = NULL;
	char msg[256] = "";
	json_t *data;

	if (rclient_connect(o, &c, msg, sizeof(msg)))
		fail_msg("rclient_connect: %s", msg);
	data = json_string("hello");
	send_req(c, 1, json_incref(data), 0);
	recv_echo(c, 1, data, 0);
	json_decref(data);
	rclient_close(c);
}

/*
 * Connect: the server must refuse us, during rclient_connect() or (TLS
 * 1.3: the server checks our certificate after our handshake ends) at
 * the first reply, with want in the message.
 */
static void client_refused(const struct rclient_opts *o, const char *want)
{
	struct rclient *c = NULL;
	char msg[256] = "";
	struct reply r;
	json_t *req;
	int ret;

	ret = rclient_connect(o, &c, msg, sizeof(msg));
	if (!ret) {
		/*
		 * The server's alert may come before the request is out
		 * (rclient_send() reads it after a failed write) or after.
		 */
		req = request_new(1, "team.show", NULL);
		assert_non_null(req);
		ret = rclient_send(c, req, msg, sizeof(msg));
		json_decref(req);
		if (!ret) {
			/* An alert is not a reply: -EPROTO, msg says why. */
			ret = rclient_recv(c, &r, T_WAIT_MS, msg, sizeof(msg));
			assert_int_equal(ret, -EPROTO);
		}
		rclient_close(c);
	}
	assert_int_not_equal(ret, 0);
	want_msg(msg, want);
}

/* The client as cert must be refused by the server (crl: or NULL). */
static void refused(const char *cert, const char *crl, const char *server_want,
		    const char *client_want)
{
	struct rclient_opts o;
	char remote[64];
	struct srv s;

	srv_start(&s, "server", crl, SRV_ECHO);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, cert, "ca1/ca.crt");
	client_refused(&o, client_want);
	srv_join(&s);
	assert_int_equal(s.hs, -1);
	want_msg(s.error, server_want);
	assert_string_equal(s.identity, "");
}

/* Run openssl s_client against s with args; its output in out. */
static void s_client(const struct srv *s, const char *args, char *out,
		     size_t size)
{
	char cmd[512];
	size_t n = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd),
		 "cd %s && timeout 20 openssl s_client -connect 127.0.0.1:%d "
		 "-CAfile ca1/ca.crt %s < /dev/null > s_client.out 2>&1",
		 pki, s->port, args);
	/* Its status says nothing we need: the server thread's result does. */
	if (system(cmd) < 0)
		fail_msg("cannot run %s", cmd);
	f = fopen(pf("s_client.out"), "r");
	assert_non_null(f);
	n = fread(out, 1, size - 1, f);
	out[n] = '\0';
	fclose(f);
}

static void server_files(void **state)
{
	struct tls_server *s = NULL;
	char msg[256];

	(void)state;
	assert_int_equal(tls_server_new(pf("server.crt"), pf("server.key"),
					pf("ca1/ca.crt"), pf("ca1.crl"), &s,
					msg, sizeof(msg)), 0);
	assert_non_null(s);
	tls_server_free(s);

	assert_int_equal(tls_server_new(pf("nope.crt"), pf("server.key"),
					pf("ca1/ca.crt"), NULL, &s, msg,
					sizeof(msg)), -1);
	assert_null(s);
	want_msg(msg, "certificate ");
	want_msg(msg, "nope.crt: No such file or directory");

	assert_int_equal(tls_server_new(pf("server.key"), pf("server.key"),
					pf("ca1/ca.crt"), NULL, &s, msg,
					sizeof(msg)), -1);
	want_msg(msg, "server.key: no PEM certificate in it");

	assert_int_equal(tls_server_new(pf("server.crt"), pf("alice.key"),
					pf("ca1/ca.crt"), NULL, &s, msg,
					sizeof(msg)), -1);
	want_msg(msg, "alice.key does not match certificate ");

	assert_int_equal(tls_server_new(pf("alice.crt"), pf("alice-enc.key"),
					pf("ca1/ca.crt"), NULL, &s, msg,
					sizeof(msg)), -1);
	want_msg(msg, "alice-enc.key: the key is encrypted (passphrases are not supported)");

	assert_int_equal(tls_server_new(pf("server.crt"), pf("server.crt"),
					pf("ca1/ca.crt"), NULL, &s, msg,
					sizeof(msg)), -1);
	want_msg(msg, "key ");
	want_msg(msg, "server.crt: no PEM private key in it");

	assert_int_equal(tls_server_new(pf("server.crt"), pf("server.key"),
					pf("nope/ca.crt"), NULL, &s, msg,
					sizeof(msg)), -1);
	want_msg(msg, "CA ");
	want_msg(msg, "nope/ca.crt: No such file or directory");

	assert_int_equal(tls_server_new(pf("server.crt"), pf("server.key"),
					pf("ca.cnf"), NULL, &s, msg,
					sizeof(msg)), -1);
	want_msg(msg, "CA ");
	want_msg(msg, "ca.cnf: no PEM certificate in it");

	/* ca2's CRL cannot speak for ca1's clients. */
	assert_int_equal(tls_server_new(pf("server.crt"), pf("server.key"),
					pf("ca1/ca.crt"), pf("ca2.crl"), &s,
					msg, sizeof(msg)), -1);
	want_msg(msg, "ca2.crl: not signed by the CA of the CA file");

	assert_int_equal(tls_server_new(pf("server.crt"), pf("server.key"),
					pf("ca1/ca.crt"), pf("alice.crt"), &s,
					msg, sizeof(msg)), -1);
	want_msg(msg, "alice.crt: no PEM CRL in it");

	assert_int_equal(tls_server_new(pf("server.crt"), pf("server.key"),
					pf("ca1/ca.crt"), pf("nope.crl"), &s,
					msg, sizeof(msg)), -1);
	want_msg(msg, "CRL ");
	want_msg(msg, "nope.crl: No such file or directory");
	assert_null(s);
}

static void good_client_ip(void **state)
{
	struct rclient_opts o;
	char remote[64];
	struct srv s;

	(void)state;
	srv_start(&s, "server", NULL, SRV_ECHO);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca1/ca.crt");
	client_ok(&o);
	srv_join(&s);
	assert_int_equal(s.hs, 0);
	assert_string_equal(s.identity, "alice");
	assert_int_equal(s.requests, 1);
	assert_true(s.clean_end);
	assert_string_equal(s.error, "");
}

/* By name (SNI, DNS SAN); localhost may be ::1 first, where no one is. */
static void good_client_name(void **state)
{
	struct rclient_opts o;
	char remote[64];
	struct srv s;

	(void)state;
	srv_start(&s, "server", NULL, SRV_ECHO);
	o = opts(remote, sizeof(remote), "localhost", &s, "alice",
		 "ca1/ca.crt");
	client_ok(&o);
	srv_join(&s);
	assert_int_equal(s.hs, 0);
	assert_string_equal(s.identity, "alice");
	assert_int_equal(s.requests, 1);
}

/* With a CRL: bob is refused, alice is not. */
static void revoked_client(void **state)
{
	struct rclient_opts o;
	char remote[64];
	struct srv s;

	(void)state;
	refused("bob", "ca1.crl",
		"client certificate verify failed: certificate revoked (subject 'CN=bob')",
		"tls: the server refused our certificate (alert: certificate revoked)");

	srv_start(&s, "server", "ca1.crl", SRV_ECHO);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca1/ca.crt");
	client_ok(&o);
	srv_join(&s);
	assert_int_equal(s.hs, 0);
	assert_string_equal(s.identity, "alice");

	/* Without the CRL, bob is just another client of the CA. */
	srv_start(&s, "server", NULL, SRV_ECHO);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "bob", "ca1/ca.crt");
	client_ok(&o);
	srv_join(&s);
	assert_string_equal(s.identity, "bob");
}

static void other_ca_client(void **state)
{
	(void)state;
	refused("mallory", NULL,
		"client certificate verify failed: unable to get local issuer certificate (subject 'CN=mallory')",
		"tls: the server refused our certificate (alert: unknown ca)");
}

static void expired_client(void **state)
{
	(void)state;
	refused("carol", NULL,
		"client certificate verify failed: certificate has expired (subject 'CN=carol')",
		"tls: the server refused our certificate (alert: certificate expired)");
}

static void no_cn_client(void **state)
{
	(void)state;
	refused("nocn", NULL,
		"client certificate refused: it has no subject CN (subject 'O=lbfo')",
		"tls: the server refused our certificate (alert: ");
}

/* A CN of 64 bytes is an identity; 65 bytes, or a control byte, is not. */
static void cn_limits(void **state)
{
	char cn[66], remote[64];
	struct rclient_opts o;
	struct srv s;

	(void)state;
	memset(cn, 'a', 65);
	cn[65] = '\0';
	make_cert("cn64", cn, 64);
	make_cert("cn65", cn, 65);
	make_cert("ctrl", "ali\x1b[2Jce", 9);
	make_cert("c1", "ali\xc2\x9b" "ce", 7);
	make_cert("empty", "", 0);

	srv_start(&s, "server", NULL, SRV_ECHO);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "cn64",
		 "ca1/ca.crt");
	client_ok(&o);
	srv_join(&s);
	assert_int_equal(s.hs, 0);
	cn[64] = '\0';
	assert_string_equal(s.identity, cn);

	refused("cn65", NULL,
		"client certificate refused: it has a subject CN of 65 bytes, over 64 (subject 'CN=aaaa",
		"tls: the server refused our certificate (alert: ");
	/* The subject in the message is escaped: no raw control byte. */
	refused("ctrl", NULL,
		"client certificate refused: it has a control character in its subject CN (subject 'CN=ali\\1B[2Jce')",
		"tls: the server refused our certificate (alert: ");
	refused("c1", NULL,
		"client certificate refused: it has a control character in its subject CN",
		"tls: the server refused our certificate (alert: ");
	refused("empty", NULL,
		"client certificate refused: it has an empty subject CN",
		"tls: the server refused our certificate (alert: ");
}

/* openssl s_client without -cert; and rclient will not go without one. */
static void no_client_cert(void **state)
{
	struct rclient *c = NULL;
	struct rclient_opts o;
	char out[16384];
	char remote[64];
	struct srv s;

	(void)state;
	srv_start(&s, "server", NULL, SRV_ECHO);
	s_client(&s, "", out, sizeof(out));
	srv_join(&s);
	assert_int_equal(s.hs, -1);
	assert_string_equal(s.error, "client sent no certificate");
	want_msg(out, "TLSv1.3");

	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca1/ca.crt");
	o.cert = NULL;
	assert_int_equal(rclient_connect(&o, &c, out, sizeof(out)), -1);
	assert_null(c);
	want_msg(out, "needs --cert and --key");
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca1/ca.crt");
	o.ca = NULL;
	assert_int_equal(rclient_connect(&o, &c, out, sizeof(out)), -1);
	want_msg(out, "needs --ca");
}

/* The good client through openssl s_client: the server side alone. */
static void s_client_good(void **state)
{
	char out[16384];
	struct srv s;

	(void)state;
	srv_start(&s, "server", NULL, SRV_ECHO);
	s_client(&s, "-cert alice.crt -key alice.key -verify_return_error "
		 "-verify_ip 127.0.0.1", out, sizeof(out));
	srv_join(&s);
	assert_int_equal(s.hs, 0);
	assert_string_equal(s.identity, "alice");
	want_msg(out, "Verify return code: 0 (ok)");
	want_msg(out, "TLSv1.3");
}

static void tls12_client(void **state)
{
	char out[16384];
	struct srv s;

	(void)state;
	srv_start(&s, "server", NULL, SRV_ECHO);
	s_client(&s, "-tls1_2 -cert alice.crt -key alice.key", out,
		 sizeof(out));
	srv_join(&s);
	assert_int_equal(s.hs, -1);
	assert_string_equal(s.error,
			    "the client does not offer TLS 1.3 (unsupported protocol)");
	want_msg(out, "alert protocol version");
}

/* Something that is not TLS at all. */
static void not_tls_client(void **state)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	static const char get[] = "GET / HTTP/1.0\r\n\r\n";
	struct srv s;
	int fd;

	(void)state;
	srv_start(&s, "server", NULL, SRV_ECHO);
	sin.sin_port = htons(s.port);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(write(fd, get, strlen(get)), strlen(get));
	srv_join(&s);
	close(fd);
	assert_int_equal(s.hs, -1);
	assert_string_equal(s.error,
			    "the client does not speak TLS (http request)");
}

/* The client checks the server's name or address in its SAN. */
static void server_name_mismatch(void **state)
{
	struct rclient *c = NULL;
	struct rclient_opts o;
	char remote[64];
	char msg[256];
	struct srv s;

	(void)state;
	srv_start(&s, "other", NULL, SRV_ECHO);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca1/ca.crt");
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	assert_null(c);
	assert_string_equal(msg,
			    "tls: server certificate verify failed: IP address mismatch (the certificate does not name the host given to --remote)");
	srv_join(&s);
	assert_int_equal(s.hs, -1);
	want_msg(s.error, "the client refused our certificate (alert: ");

	srv_start(&s, "other", NULL, SRV_ECHO);
	o = opts(remote, sizeof(remote), "localhost", &s, "alice",
		 "ca1/ca.crt");
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	want_msg(msg, "tls: server certificate verify failed: hostname mismatch");
	srv_join(&s);
	assert_int_equal(s.hs, -1);
}

/* A client trusting ca2 refuses the server of ca1. */
static void server_other_ca(void **state)
{
	struct rclient *c = NULL;
	struct rclient_opts o;
	char remote[64];
	char msg[256];
	struct srv s;

	(void)state;
	srv_start(&s, "server", NULL, SRV_ECHO);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca2/ca.crt");
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	assert_string_equal(msg,
			    "tls: server certificate verify failed: self-signed certificate in certificate chain (not signed by the CA of --ca)");
	srv_join(&s);
	assert_int_equal(s.hs, -1);
	assert_string_equal(s.error,
			    "the client refused our certificate (alert: unknown ca)");
}

/* Frames both ways: 200 KiB up, 1 MiB down, several in a row. */
static void round_trip(void **state)
{
	struct rclient *c = NULL;
	struct rclient_opts o;
	char remote[64];
	char msg[256];
	json_t *data;
	struct srv s;
	char *big;

	(void)state;
	srv_start(&s, "server", NULL, SRV_ECHO);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca1/ca.crt");
	if (rclient_connect(&o, &c, msg, sizeof(msg)))
		fail_msg("rclient_connect: %s", msg);

	big = malloc(200 * 1024 + 1);
	assert_non_null(big);
	memset(big, 'y', 200 * 1024);
	big[200 * 1024] = '\0';
	data = json_pack("{s:s, s:[i,i,i]}", "big", big, "n", 1, 2, 3);
	free(big);
	assert_non_null(data);
	send_req(c, 7, json_incref(data), 0);
	recv_echo(c, 7, data, 0);
	send_req(c, 8, json_string("small"), T_MIB);
	json_decref(data);
	data = json_string("small");
	recv_echo(c, 8, data, T_MIB);
	/* Two requests before either answer is read. */
	send_req(c, 9, json_incref(data), 3);
	send_req(c, PROTO_ID_MAX, json_incref(data), T_MIB);
	recv_echo(c, 9, data, 3);
	recv_echo(c, PROTO_ID_MAX, data, T_MIB);
	json_decref(data);
	rclient_close(c);

	srv_join(&s);
	assert_int_equal(s.hs, 0);
	assert_string_equal(s.identity, "alice");
	assert_int_equal(s.requests, 4);
	assert_true(s.clean_end);
	assert_string_equal(s.error, "");
	/* One byte read of a record: the rest is held, decrypted. */
	assert_false(s.pending_before);
	assert_true(s.pending_after_1);
}

/* No answer: -ETIMEDOUT after the time given, and no sooner. */
static void recv_timeout(void **state)
{
	struct timespec t0, t1;
	struct rclient *c = NULL;
	struct rclient_opts o;
	char remote[64];
	char msg[256];
	struct reply r;
	struct srv s;
	long ms;

	(void)state;
	srv_start(&s, "server", NULL, SRV_SILENT);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca1/ca.crt");
	if (rclient_connect(&o, &c, msg, sizeof(msg)))
		fail_msg("rclient_connect: %s", msg);
	send_req(c, 1, json_null(), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(rclient_recv(c, &r, 300, msg, sizeof(msg)),
			 -ETIMEDOUT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	     (t1.tv_nsec - t0.tv_nsec) / 1000000;
	assert_true(ms >= 290 && ms < 3000);
	assert_string_equal(msg, "no reply from the daemon within 300 ms");
	assert_int_equal(rclient_recv(c, &r, 0, msg, sizeof(msg)),
			 -ETIMEDOUT);
	rclient_close(c);
	srv_join(&s);
	assert_int_equal(s.requests, 0);
	assert_true(s.clean_end);
}

/* The daemon closes: -EPIPE. */
static void recv_closed(void **state)
{
	struct rclient *c = NULL;
	struct rclient_opts o;
	char remote[64];
	char msg[256];
	struct reply r;
	struct srv s;

	(void)state;
	srv_start(&s, "server", NULL, SRV_CLOSE);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca1/ca.crt");
	if (rclient_connect(&o, &c, msg, sizeof(msg)))
		fail_msg("rclient_connect: %s", msg);
	assert_int_equal(rclient_recv(c, &r, T_WAIT_MS, msg, sizeof(msg)),
			 -EPIPE);
	assert_string_equal(msg, "the daemon closed the connection");
	rclient_close(c);
	srv_join(&s);
	assert_int_equal(s.hs, 0);
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static void *send_usr1(void *arg)
{
	usleep(100 * 1000);
	pthread_kill(*(pthread_t *)arg, SIGUSR1);
	return NULL;
}

/* A signal the mask lets through ends the wait with -EINTR. */
static void recv_signal(void **state)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	pthread_t self = pthread_self(), kicker;
	sigset_t usr1, old, none;
	struct rclient *c = NULL;
	struct rclient_opts o;
	char remote[64];
	char msg[256];
	struct reply r;
	struct srv s;

	(void)state;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigemptyset(&none);
	assert_int_equal(sigaction(SIGUSR1, &sa, NULL), 0);
	assert_int_equal(pthread_sigmask(SIG_BLOCK, &usr1, &old), 0);

	srv_start(&s, "server", NULL, SRV_SILENT);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca1/ca.crt");
	if (rclient_connect(&o, &c, msg, sizeof(msg)))
		fail_msg("rclient_connect: %s", msg);
	rclient_set_sigmask(c, &none);
	send_req(c, 1, json_null(), 0);
	assert_int_equal(pthread_create(&kicker, NULL, send_usr1, &self), 0);
	assert_int_equal(rclient_recv(c, &r, T_WAIT_MS, msg, sizeof(msg)),
			 -EINTR);
	assert_int_equal(got_usr1, 1);
	assert_int_equal(pthread_join(kicker, NULL), 0);
	/* Blocked again and no mask: the wait is not interrupted. */
	rclient_set_sigmask(c, NULL);
	assert_int_equal(rclient_recv(c, &r, 200, msg, sizeof(msg)),
			 -ETIMEDOUT);
	rclient_close(c);
	srv_join(&s);
	assert_int_equal(pthread_sigmask(SIG_SETMASK, &old, NULL), 0);
}

/* Is SIGPIPE pending for this thread or the process? */
static bool sigpipe_pending(void)
{
	sigset_t set;

	sigemptyset(&set);
	assert_int_equal(sigpending(&set), 0);
	return sigismember(&set, SIGPIPE) == 1;
}

/* Send until the gone daemon's socket refuses: an error, no SIGPIPE. */
static void send_until_refused(struct rclient *c, char *msg, size_t size)
{
	json_t *req;
	char *big;
	int i, ret = 0;

	big = calloc(1, 200 * 1024 + 1);
	assert_non_null(big);
	memset(big, 'z', 200 * 1024);
	for (i = 0; i < 50 && !ret; i++) {
		req = request_new(i, "team.show",
				  json_pack("{s:s}", "data", big));
		ret = rclient_send(c, req, msg, size);
		json_decref(req);
	}
	free(big);
	assert_int_equal(ret, -1);
}

/*
 * Writing to a daemon that has gone is an error, not SIGPIPE (which is
 * left at its default, and would end this process), over TLS and unix.
 */
static void send_to_closed(void **state)
{
	struct rclient_opts u = { .timeout_ms = T_WAIT_MS };
	struct sigaction sa;
	struct rclient *c = NULL;
	struct rclient_opts o;
	char remote[PATH_MAX];
	char msg[256];
	struct srv s;

	(void)state;
	assert_int_equal(sigaction(SIGPIPE, NULL, &sa), 0);
	assert_ptr_equal(sa.sa_handler, SIG_DFL);

	srv_start(&s, "server", NULL, SRV_CLOSE);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca1/ca.crt");
	if (rclient_connect(&o, &c, msg, sizeof(msg)))
		fail_msg("rclient_connect: %s", msg);
	srv_join(&s);
	send_until_refused(c, msg, sizeof(msg));
	assert_string_equal(msg, "the daemon closed the connection");
	assert_false(sigpipe_pending());
	rclient_close(c);

	srv_start_unix(&s, pf("sock"), SRV_CLOSE);
	snprintf(remote, sizeof(remote), "unix:%s", pf("sock"));
	u.remote = remote;
	if (rclient_connect(&u, &c, msg, sizeof(msg)))
		fail_msg("rclient_connect: %s", msg);
	srv_join(&s);
	send_until_refused(c, msg, sizeof(msg));
	assert_string_equal(msg, "the daemon closed the connection");
	assert_false(sigpipe_pending());
	rclient_close(c);

	assert_int_equal(sigaction(SIGPIPE, NULL, &sa), 0);
	assert_ptr_equal(sa.sa_handler, SIG_DFL);
}

/* --remote's forms and what is wrong with each bad one. */
static void remote_syntax(void **state)
{
	static const struct {
		const char *remote;
		const char *want;
	} bad[] = {
		{ "", "--remote: expected HOST:PORT, [ADDR]:PORT or unix:PATH" },
		{ "host", "--remote: expected HOST:PORT, [ADDR]:PORT or unix:PATH (got 'host')" },
		{ ":80", "--remote: expected HOST:PORT" },
		{ "[::1]80", "--remote: expected HOST:PORT" },
		{ "[::1", "--remote: expected HOST:PORT" },
		{ "[]:80", "--remote: expected HOST:PORT" },
		{ "host:", "the port must be a number from 1 to 65535" },
		{ "host:0", "the port must be a number from 1 to 65535" },
		{ "host:65536", "the port must be a number from 1 to 65535" },
		{ "host:123456", "the port must be a number from 1 to 65535" },
		{ "host:http", "the port must be a number from 1 to 65535" },
		{ "host:-1", "the port must be a number from 1 to 65535" },
		{ "::1:80", "an IPv6 address goes in brackets: [ADDR]:PORT" },
		{ "[host]:80", "'host' is not an IPv6 address" },
		{ "[127.0.0.1]:80", "'127.0.0.1' is not an IPv6 address" },
		{ "unix:", "--remote unix:PATH: no path" },
	};
	struct rclient_opts o = {
		.cert = pf("alice.crt"),
		.key = pf("alice.key"),
		.ca = pf("ca1/ca.crt"),
		.timeout_ms = T_WAIT_MS,
	};
	struct rclient *c = NULL;
	char path[200], msg[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o.remote = bad[i].remote;
		msg[0] = '\0';
		assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
		assert_null(c);
		want_msg(msg, bad[i].want);
	}
	o.remote = NULL;
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	want_msg(msg, "--remote: expected HOST:PORT");
	snprintf(path, sizeof(path), "unix:/%0150d", 0);
	o.remote = path;
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	want_msg(msg, "the path is longer than 107 bytes");
	o.remote = "unix:/nonexistent/teamctld.sock";
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	assert_string_equal(msg,
			    "cannot connect to unix:/nonexistent/teamctld.sock: No such file or directory");
	o.remote = "no-such-host.invalid:4433";
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	want_msg(msg, "cannot resolve 'no-such-host.invalid': ");
}

/* A port of 127.0.0.1 no one listens on: bound to *fd, not listening. */
static int unheard_port(int *fd)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	socklen_t len = sizeof(sin);

	*fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(*fd >= 0);
	assert_int_equal(bind(*fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(getsockname(*fd, (struct sockaddr *)&sin, &len), 0);
	return ntohs(sin.sin_port);
}

/* Client files, and a port where no one listens. */
static void client_files(void **state)
{
	struct srv s = { .lfd = -1 };
	struct rclient *c = NULL;
	struct rclient_opts o;
	char remote[64];
	char msg[256];
	int fd;

	(void)state;
	s.port = unheard_port(&fd);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca1/ca.crt");
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	snprintf(remote, sizeof(remote),
		 "cannot connect to 127.0.0.1 port %d: Connection refused",
		 s.port);
	assert_string_equal(msg, remote);
	close(fd);

	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "nope",
		 "ca1/ca.crt");
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	want_msg(msg, "--cert ");
	want_msg(msg, "nope.crt: No such file or directory");
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "nope/ca.crt");
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	want_msg(msg, "--ca ");
	want_msg(msg, "nope/ca.crt: No such file or directory");
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca1/ca.crt");
	o.key = pf("bob.key");
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	want_msg(msg, "bob.key does not match --cert ");
	o.key = pf("alice-enc.key");
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	want_msg(msg, "--key ");
	want_msg(msg, "alice-enc.key: the key is encrypted (passphrases are not supported)");
	o.key = pf("alice.crt");
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	want_msg(msg, "alice.crt: no PEM private key in it");
	assert_null(c);
}

/* A peer that takes the connection and says nothing: a timeout. */
static void handshake_timeout(void **state)
{
	struct srv s = { .lfd = -1 };
	struct timespec t0, t1;
	struct rclient *c = NULL;
	struct rclient_opts o;
	char remote[64];
	char msg[256];
	int fd;
	long ms;

	(void)state;
	s.port = unheard_port(&fd);
	assert_int_equal(listen(fd, 4), 0);
	o = opts(remote, sizeof(remote), "127.0.0.1", &s, "alice",
		 "ca1/ca.crt");
	o.timeout_ms = 300;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(rclient_connect(&o, &c, msg, sizeof(msg)), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_null(c);
	snprintf(remote, sizeof(remote),
		 "tls: no handshake with 127.0.0.1:%d within 300 ms", s.port);
	assert_string_equal(msg, remote);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	     (t1.tv_nsec - t0.tv_nsec) / 1000000;
	assert_true(ms >= 290 && ms < 3000);
	close(fd);
}

/* unix:PATH: no TLS, no certificate needed. */
static void unix_round_trip(void **state)
{
	struct rclient_opts o = { .timeout_ms = T_WAIT_MS };
	struct rclient *c = NULL;
	char remote[PATH_MAX];
	char msg[256];
	json_t *data;
	struct srv s;

	(void)state;
	srv_start_unix(&s, pf("sock"), SRV_ECHO);
	snprintf(remote, sizeof(remote), "unix:%s", pf("sock"));
	o.remote = remote;
	if (rclient_connect(&o, &c, msg, sizeof(msg)))
		fail_msg("rclient_connect: %s", msg);
	data = json_pack("{s:b}", "unix", 1);
	send_req(c, 3, json_incref(data), T_MIB);
	recv_echo(c, 3, data, T_MIB);
	json_decref(data);
	rclient_close(c);
	srv_join(&s);
	assert_int_equal(s.requests, 1);
	assert_true(s.clean_end);
}

/* A daemon that accepts no connection: the connect times out. */
static void unix_busy(void **state)
{
	struct rclient_opts o = { .timeout_ms = 300 };
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct rclient *c1 = NULL, *c2 = NULL;
	char remote[PATH_MAX];
	char msg[256];
	int lfd;

	(void)state;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", pf("sock"));
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(lfd >= 0);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	/* Backlog 0: one connection waits, the next one cannot. */
	assert_int_equal(listen(lfd, 0), 0);
	snprintf(remote, sizeof(remote), "unix:%s", pf("sock"));
	o.remote = remote;
	if (rclient_connect(&o, &c1, msg, sizeof(msg)))
		fail_msg("rclient_connect: %s", msg);
	assert_int_equal(rclient_connect(&o, &c2, msg, sizeof(msg)), -1);
	assert_null(c2);
	want_msg(msg, "the daemon accepted no connection within 300 ms");
	rclient_close(c1);
	close(lfd);
}

/* What is not a reply: -EPROTO, with why. */
static void bad_replies(void **state)
{
	static const struct {
		const char *bytes;
		size_t len;
		int ret;
		const char *want;
	} cases[] = {
		{ "\0\0\0\1{", 5, -EPROTO, "the daemon sent a malformed frame" },
		{ "\x01\0\0\x01{", 5, -EPROTO,
		  "the daemon sent a reply larger than 16777216 bytes" },
		{ "\0\0\0\2[]", 6, -EPROTO, "the daemon sent a bad reply: " },
		{ "\0\0\0\x0a{\"v\": 1,", 12, -EPIPE,
		  "the daemon closed the connection in the middle of a reply" },
	};
	struct rclient_opts o = { .timeout_ms = T_WAIT_MS };
	struct rclient *c = NULL;
	char remote[PATH_MAX];
	char msg[256];
	struct reply r;
	struct srv s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unlink(pf("sock"));
		srv_start_unix(&s, pf("sock"), SRV_RAW);
		s.raw = cases[i].bytes;
		s.raw_len = cases[i].len;
		snprintf(remote, sizeof(remote), "unix:%s", pf("sock"));
		o.remote = remote;
		if (rclient_connect(&o, &c, msg, sizeof(msg)))
			fail_msg("rclient_connect: %s", msg);
		send_req(c, 1, json_null(), 0);
		if (cases[i].ret == -EPIPE) {
			/* The server answers, then the client leaves... */
			shutdown(c->fd, SHUT_WR);
		}
		msg[0] = '\0';
		assert_int_equal(rclient_recv(c, &r, T_WAIT_MS, msg,
					      sizeof(msg)), cases[i].ret);
		want_msg(msg, cases[i].want);
		rclient_close(c);
		srv_join(&s);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(server_files, setup, teardown),
	cmocka_unit_test_setup_teardown(good_client_ip, setup, teardown),
	cmocka_unit_test_setup_teardown(good_client_name, setup, teardown),
	cmocka_unit_test_setup_teardown(revoked_client, setup, teardown),
	cmocka_unit_test_setup_teardown(other_ca_client, setup, teardown),
	cmocka_unit_test_setup_teardown(expired_client, setup, teardown),
	cmocka_unit_test_setup_teardown(no_cn_client, setup, teardown),
	cmocka_unit_test_setup_teardown(cn_limits, setup, teardown),
	cmocka_unit_test_setup_teardown(no_client_cert, setup, teardown),
	cmocka_unit_test_setup_teardown(s_client_good, setup, teardown),
	cmocka_unit_test_setup_teardown(tls12_client, setup, teardown),
	cmocka_unit_test_setup_teardown(not_tls_client, setup, teardown),
	cmocka_unit_test_setup_teardown(server_name_mismatch, setup, teardown),
	cmocka_unit_test_setup_teardown(server_other_ca, setup, teardown),
	cmocka_unit_test_setup_teardown(round_trip, setup, teardown),
	cmocka_unit_test_setup_teardown(recv_timeout, setup, teardown),
	cmocka_unit_test_setup_teardown(recv_closed, setup, teardown),
	cmocka_unit_test_setup_teardown(recv_signal, setup, teardown),
	cmocka_unit_test_setup_teardown(send_to_closed, setup, teardown),
	cmocka_unit_test_setup_teardown(remote_syntax, setup, teardown),
	cmocka_unit_test_setup_teardown(client_files, setup, teardown),
	cmocka_unit_test_setup_teardown(handshake_timeout, setup, teardown),
	cmocka_unit_test_setup_teardown(unix_round_trip, setup, teardown),
	cmocka_unit_test_setup_teardown(unix_busy, setup, teardown),
	cmocka_unit_test_setup_teardown(bad_replies, setup, teardown),
};

HARNESS_MAIN("tls", tests)
