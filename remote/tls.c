// SPDX-License-Identifier: GPL-2.0
/*
 * TLS for teamctld over OpenSSL 3.0 (see tls.h): TLS 1.3 only, client
 * certificates required and checked against the CA (and a CRL), no session
 * resumption (no tickets, no session cache) so that every connection
 * presents and verifies its certificate again.
 *
 * OpenSSL's socket BIO writes with write(2), which raises SIGPIPE when the
 * client has gone: the daemon must ignore SIGPIPE (signal(SIGPIPE,
 * SIG_IGN) before serving), then a write to a closed connection is an
 * EPIPE error, reported by tls_conn_write() as -1.
 *
 * OpenSSL's error queue is per thread; every call here empties it before
 * and after use, so one connection's errors never show in another's.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "tls.h"
#include "tlsctx.h"

/* Client chains: leaf, intermediates, CA; 4 is plenty for a private CA. */
#define TLS_VERIFY_DEPTH	4
/* The longest identity (CN) accepted, in bytes of UTF-8 (RFC 5280's 64). */
#define TLS_IDENTITY_MAX	64
#define TLS_ERR_MAX		256
/* How much of a refused certificate's subject goes into the error. */
#define TLS_SUBJECT_MAX		96

struct tls_server {
	SSL_CTX *ctx;
};

struct tls_conn {
	SSL *ssl;
	bool done;			/* handshake finished, identity set */
	bool refused;			/* the verify callback refused the CN */
	char subject[TLS_SUBJECT_MAX];	/* the certificate verify failed on */
	char identity[TLS_IDENTITY_MAX + 1];
	char err[TLS_ERR_MAX];
};

/*
 * Load the PEM CRLs of file into the store and turn on revocation checks
 * of client certificates. Each CRL must be signed by a CA of the store
 * and not be out of date: a CRL that can never verify would refuse every
 * client, better said at start.
 */
static int load_crl(X509_STORE *store, const char *file, char *msg,
		    size_t size)
{
	STACK_OF(X509_OBJECT) *objs;
	X509_CRL *crl;
	int n = 0, i;
	bool signed_ok;
	BIO *bio;
	X509 *ca;

	bio = BIO_new_file(file, "r");
	if (!bio)
		return tls_file_error(msg, size, "CRL", file, "CRL");
	while ((crl = PEM_read_bio_X509_CRL(bio, NULL, NULL, NULL))) {
		signed_ok = false;
		objs = X509_STORE_get0_objects(store);
		for (i = 0; i < sk_X509_OBJECT_num(objs); i++) {
			ca = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objs,
									i));
			if (ca && !X509_NAME_cmp(X509_get_subject_name(ca),
						 X509_CRL_get_issuer(crl)) &&
			    X509_CRL_verify(crl, X509_get0_pubkey(ca)) == 1) {
				signed_ok = true;
				break;
			}
		}
		if (!signed_ok) {
			snprintf(msg, size,
				 "CRL %s: not signed by the CA of the CA file",
				 file);
			goto free_crl;
		}
		if (X509_CRL_get0_nextUpdate(crl) &&
		    X509_cmp_current_time(X509_CRL_get0_nextUpdate(crl)) < 0) {
			snprintf(msg, size,
				 "CRL %s: out of date (past its next update)",
				 file);
			goto free_crl;
		}
		if (!X509_STORE_add_crl(store, crl)) {
			tls_file_error(msg, size, "CRL", file, "CRL");
			goto free_crl;
		}
		X509_CRL_free(crl);
		n++;
	}
	/* The loop ends on "no start line" at the end of the file. */
	ERR_clear_error();
	BIO_free(bio);
	if (!n) {
		snprintf(msg, size, "CRL %s: no PEM CRL in it", file);
		return -1;
	}
	X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK);
	return 0;

free_crl:
	X509_CRL_free(crl);
	ERR_clear_error();
	BIO_free(bio);
	return -1;
}

/*
 * The identity a certificate gives: its one subject CN, 1..64 bytes of
 * UTF-8 without control characters (it goes into logs and role tables).
 * 0 with out filled, or -1 with why ("has no subject CN").
 */
static int cert_identity(X509 *x, char *out, char *why, size_t size)
{
	const X509_NAME *name = X509_get_subject_name(x);
	unsigned char *utf8 = NULL;
	int i, len, k;

	i = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
	if (i < 0) {
		snprintf(why, size, "has no subject CN");
		return -1;
	}
	if (X509_NAME_get_index_by_NID(name, NID_commonName, i) >= 0) {
		snprintf(why, size, "has more than one subject CN");
		return -1;
	}
	len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(
					  X509_NAME_get_entry(name, i)));
	if (len < 0) {
		ERR_clear_error();
		snprintf(why, size, "has a subject CN that is not text");
		return -1;
	}
	if (len == 0) {
		snprintf(why, size, "has an empty subject CN");
		goto free_utf8;
	}
	if (len > TLS_IDENTITY_MAX) {
		snprintf(why, size, "has a subject CN of %d bytes, over %d",
			 len, TLS_IDENTITY_MAX);
		goto free_utf8;
	}
	for (k = 0; k < len; k++) {
		/* C0, DEL, and C1 (U+0080..U+009F: 0xc2 0x80..0x9f). */
		if (utf8[k] < 0x20 || utf8[k] == 0x7f ||
		    (utf8[k] == 0xc2 && k + 1 < len && utf8[k + 1] >= 0x80 &&
		     utf8[k + 1] <= 0x9f)) {
			snprintf(why, size,
				 "has a control character in its subject CN");
			goto free_utf8;
		}
	}
	memcpy(out, utf8, len);
	out[len] = '\0';
	OPENSSL_free(utf8);
	return 0;

free_utf8:
	OPENSSL_free(utf8);
	return -1;
}

/* A subject for the log, escaped (RFC 2253: no control or 8-bit bytes). */
static void subject_text(X509 *x, char *buf, size_t size)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data;
	long n;

	buf[0] = '\0';
	if (!bio)
		return;
	if (X509_NAME_print_ex(bio, X509_get_subject_name(x), 0,
			       XN_FLAG_RFC2253) >= 0) {
		n = BIO_get_mem_data(bio, &data);
		if (n >= (long)size) {
			n = size - 4;
			snprintf(buf, size, "%.*s...", (int)n, data);
		} else if (n > 0) {
			snprintf(buf, size, "%.*s", (int)n, data);
		}
	}
	BIO_free(bio);
}

/*
 * Record which certificate failed, and refuse a client certificate that
 * gives no usable identity during the handshake, so that the client is
 * told with an alert rather than a closed connection.
 */
static int verify_cb(int ok, X509_STORE_CTX *store)
{
	SSL *ssl = X509_STORE_CTX_get_ex_data(store,
				SSL_get_ex_data_X509_STORE_CTX_idx());
	X509 *x = X509_STORE_CTX_get_current_cert(store);
	char id[TLS_IDENTITY_MAX + 1], why[96];
	struct tls_conn *c;

	c = ssl ? SSL_get_app_data(ssl) : NULL;
	if (!c)
		return ok;
	if (!ok) {
		if (x && !c->subject[0])
			subject_text(x, c->subject, sizeof(c->subject));
		return 0;
	}
	if (X509_STORE_CTX_get_error_depth(store) == 0 && x &&
	    cert_identity(x, id, why, sizeof(why))) {
		subject_text(x, c->subject, sizeof(c->subject));
		snprintf(c->err, sizeof(c->err),
			 "client certificate refused: it %s (subject '%s')",
			 why, c->subject);
		c->refused = true;
		X509_STORE_CTX_set_error(store,
					 X509_V_ERR_APPLICATION_VERIFICATION);
		return 0;
	}
	return 1;
}

static const struct tls_names file_names = {
	.cert = "certificate", .key = "key", .ca = "CA",
};

int tls_server_new(const char *cert, const char *key, const char *ca,
		   const char *crl, struct tls_server **out, char *msg,
		   size_t size)
{
	STACK_OF(X509_NAME) *names;
	struct tls_server *s;
	SSL_CTX *ctx;

	*out = NULL;
	ERR_clear_error();
	s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(msg, size, "out of memory");
		return -1;
	}
	ctx = tls_ctx_new(TLS_server_method(), cert, key, ca, &file_names,
			  msg, size);
	if (!ctx)
		goto free_server;
	/* The CA's name in the CertificateRequest, for clients that choose. */
	names = SSL_load_client_CA_file(ca);
	if (!names) {
		tls_file_error(msg, size, "CA", ca, "certificate");
		goto free_ctx;
	}
	SSL_CTX_set_client_CA_list(ctx, names);
	if (crl && load_crl(SSL_CTX_get_cert_store(ctx), crl, msg, size))
		goto free_ctx;
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER |
			   SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verify_cb);
	SSL_CTX_set_verify_depth(ctx, TLS_VERIFY_DEPTH);
	/* No resumption: every connection shows its certificate. */
	SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
	SSL_CTX_set_num_tickets(ctx, 0);
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE |
			 SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	s->ctx = ctx;
	*out = s;
	return 0;

free_ctx:
	SSL_CTX_free(ctx);
free_server:
	free(s);
	ERR_clear_error();
	return -1;
}

void tls_server_free(struct tls_server *s)
{
	if (!s)
		return;
	SSL_CTX_free(s->ctx);
	free(s);
}

struct tls_conn *tls_conn_new(struct tls_server *s, int fd)
{
	struct tls_conn *c;

	ERR_clear_error();
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->ssl = SSL_new(s->ctx);
	if (!c->ssl)
		goto free_conn;
	/* The socket BIO does not close fd (BIO_NOCLOSE). */
	if (!SSL_set_fd(c->ssl, fd))
		goto free_ssl;
	SSL_set_app_data(c->ssl, c);
	SSL_set_accept_state(c->ssl);
	return c;

free_ssl:
	SSL_free(c->ssl);
free_conn:
	free(c);
	ERR_clear_error();
	return NULL;
}

void tls_conn_free(struct tls_conn *c)
{
	if (!c)
		return;
	SSL_free(c->ssl);
	free(c);
}

/* Alerts a client sends when it does not accept our certificate. */
static bool cert_alert(int alert)
{
	switch (alert) {
	case SSL_AD_BAD_CERTIFICATE:
	case SSL_AD_UNSUPPORTED_CERTIFICATE:
	case SSL_AD_CERTIFICATE_REVOKED:
	case SSL_AD_CERTIFICATE_EXPIRED:
	case SSL_AD_CERTIFICATE_UNKNOWN:
	case SSL_AD_UNKNOWN_CA:
	case SSL_AD_ACCESS_DENIED:
		return true;
	}
	return false;
}

/* The text of an alert's reason ("tlsv1 alert unknown ca" -> "unknown ca"). */
static const char *alert_text(unsigned long code)
{
	const char *r = ERR_reason_error_string(code), *p;

	if (!r)
		return "unknown";
	p = strstr(r, "alert ");
	return p ? p + strlen("alert ") : r;
}

/* Why a failed SSL call failed, into c->err. */
static void conn_describe(struct tls_conn *c, int err, int saved_errno)
{
	unsigned long code = ERR_peek_error();
	int reason = ERR_GET_REASON(code);
	long verify;

	if (c->refused)
		goto clear;	/* c->err says it (verify_cb) */
	if (err == SSL_ERROR_SYSCALL) {
		if (saved_errno)
			snprintf(c->err, sizeof(c->err), "socket: %s",
				 strerror(saved_errno));
		else
			snprintf(c->err, sizeof(c->err),
				 "the client closed the connection%s",
				 c->done ? " without close_notify" :
				 " during the handshake");
		goto clear;
	}
	if (err == SSL_ERROR_ZERO_RETURN) {
		snprintf(c->err, sizeof(c->err),
			 "the client closed the connection%s",
			 c->done ? "" : " during the handshake");
		goto clear;
	}
	if (ERR_GET_LIB(code) != ERR_LIB_SSL) {
		snprintf(c->err, sizeof(c->err), "tls: %s",
			 ERR_reason_error_string(code) ?
			 ERR_reason_error_string(code) : "unknown error");
		goto clear;
	}
	verify = SSL_get_verify_result(c->ssl);
	if (reason == SSL_R_CERTIFICATE_VERIFY_FAILED && verify != X509_V_OK) {
		snprintf(c->err, sizeof(c->err),
			 "client certificate verify failed: %s%s%s%s",
			 X509_verify_cert_error_string(verify),
			 c->subject[0] ? " (subject '" : "", c->subject,
			 c->subject[0] ? "')" : "");
	} else if (reason == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE) {
		snprintf(c->err, sizeof(c->err), "client sent no certificate");
	} else if (reason == SSL_R_UNSUPPORTED_PROTOCOL) {
		snprintf(c->err, sizeof(c->err),
			 "the client does not offer TLS 1.3 (unsupported protocol)");
	} else if (reason == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
		snprintf(c->err, sizeof(c->err),
			 "the client closed the connection%s",
			 c->done ? " without close_notify" :
			 " during the handshake");
	} else if (reason == SSL_R_WRONG_VERSION_NUMBER ||
		   reason == SSL_R_HTTP_REQUEST) {
		snprintf(c->err, sizeof(c->err),
			 "the client does not speak TLS (%s)",
			 ERR_reason_error_string(code));
	} else if (reason > SSL_AD_REASON_OFFSET &&
		   reason < SSL_AD_REASON_OFFSET + 256) {
		snprintf(c->err, sizeof(c->err), "the client %s (alert: %s)",
			 cert_alert(reason - SSL_AD_REASON_OFFSET) ?
			 "refused our certificate" : "sent an alert",
			 alert_text(code));
	} else {
		snprintf(c->err, sizeof(c->err), "tls: %s",
			 ERR_reason_error_string(code) ?
			 ERR_reason_error_string(code) : "unknown error");
	}
clear:
	ERR_clear_error();
}

/* The result of a failed SSL call: TLS_WANT_*, or -1 (or 0 at a clean end). */
static int conn_result(struct tls_conn *c, int ret, int saved_errno)
{
	int err = SSL_get_error(c->ssl, ret);

	switch (err) {
	case SSL_ERROR_WANT_READ:
		ERR_clear_error();
		return TLS_WANT_READ;
	case SSL_ERROR_WANT_WRITE:
		ERR_clear_error();
		return TLS_WANT_WRITE;
	case SSL_ERROR_ZERO_RETURN:
		conn_describe(c, err, 0);
		return c->done ? 0 : -1;
	}
	conn_describe(c, err, saved_errno);
	return -1;
}

int tls_conn_handshake(struct tls_conn *c)
{
	char why[96];
	X509 *peer;
	int ret;

	if (c->done)
		return 0;
	ERR_clear_error();
	errno = 0;
	ret = SSL_do_handshake(c->ssl);
	if (ret != 1)
		return conn_result(c, ret, errno);
	/* Checked already (verify_cb, FAIL_IF_NO_PEER_CERT): to be sure. */
	peer = SSL_get0_peer_certificate(c->ssl);
	if (!peer) {
		snprintf(c->err, sizeof(c->err), "client sent no certificate");
		return -1;
	}
	if (SSL_get_verify_result(c->ssl) != X509_V_OK) {
		snprintf(c->err, sizeof(c->err),
			 "client certificate verify failed: %s",
			 X509_verify_cert_error_string(
				 SSL_get_verify_result(c->ssl)));
		return -1;
	}
	if (cert_identity(peer, c->identity, why, sizeof(why))) {
		c->identity[0] = '\0';
		snprintf(c->err, sizeof(c->err),
			 "client certificate refused: it %s", why);
		return -1;
	}
	c->done = true;
	c->err[0] = '\0';
	return 0;
}

ssize_t tls_conn_read(struct tls_conn *c, void *buf, size_t n)
{
	int ret;

	if (!c->done) {
		snprintf(c->err, sizeof(c->err), "read before the handshake");
		return -1;
	}
	if (!n)
		return 0;
	if (n > INT_MAX)
		n = INT_MAX;
	ERR_clear_error();
	errno = 0;
	ret = SSL_read(c->ssl, buf, n);
	if (ret > 0)
		return ret;
	return conn_result(c, ret, errno);
}

ssize_t tls_conn_write(struct tls_conn *c, const void *buf, size_t n)
{
	int ret;

	if (!c->done) {
		snprintf(c->err, sizeof(c->err), "write before the handshake");
		return -1;
	}
	if (!n)
		return 0;
	if (n > INT_MAX)
		n = INT_MAX;
	ERR_clear_error();
	errno = 0;
	ret = SSL_write(c->ssl, buf, n);
	if (ret > 0)
		return ret;
	ret = conn_result(c, ret, errno);
	/* SSL_write() never ends cleanly: a close_notify read is an end. */
	return ret == 0 ? -1 : ret;
}

bool tls_conn_pending(struct tls_conn *c)
{
	/*
	 * Decrypted bytes only: SSL_has_pending() also counts a record not
	 * yet complete, which would have the caller spin instead of poll.
	 */
	return SSL_pending(c->ssl) > 0;
}

const char *tls_conn_identity(const struct tls_conn *c)
{
	return c->done ? c->identity : "";
}

const char *tls_conn_error(const struct tls_conn *c)
{
	return c->err;
}

void tls_conn_shutdown(struct tls_conn *c)
{
	if (!c->done)
		return;
	ERR_clear_error();
	/* One try: close_notify goes out if the socket takes it now. */
	SSL_shutdown(c->ssl);
	ERR_clear_error();
}
