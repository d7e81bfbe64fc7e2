/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TLS for teamctld and teamctl --remote, over OpenSSL: TLS 1.3 only, and
 * both ends authenticated against one private CA (no trust on first use).
 *
 * The server requires a client certificate signed by its CA (optionally
 * checked against a CRL); the client's identity is its certificate's
 * subject CN. The client checks the server's chain against its CA and the
 * server's name or IP address against the certificate's subjectAltName.
 *
 * Server connections are non-blocking: tls_conn_handshake/read/write
 * return TLS_WANT_READ or TLS_WANT_WRITE when the socket is not ready, and
 * the caller polls for that and calls again.
 */
#ifndef REMOTE_TLS_H
#define REMOTE_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define TLS_WANT_READ	(-1000)
#define TLS_WANT_WRITE	(-1001)

struct tls_server;
struct tls_conn;

/*
 * The server's context: its certificate chain and key (PEM files), the CA
 * that signs client certificates, and a CRL file or NULL. 0, or -1 with
 * msg saying which file is wrong and why.
 */
int tls_server_new(const char *cert, const char *key, const char *ca,
		   const char *crl, struct tls_server **out, char *msg,
		   size_t size);
void tls_server_free(struct tls_server *s);

/* A connection on an accepted, non-blocking socket fd (not closed by free). */
struct tls_conn *tls_conn_new(struct tls_server *s, int fd);
void tls_conn_free(struct tls_conn *c);

/*
 * Drive the handshake: 0 when done (the client is authenticated),
 * TLS_WANT_READ/WRITE, or -1 (refused or broken: tls_conn_error() says
 * why, e.g. "certificate verify failed: certificate has expired").
 */
int tls_conn_handshake(struct tls_conn *c);

/*
 * After the handshake: bytes read (>0), 0 at a clean end, TLS_WANT_READ,
 * TLS_WANT_WRITE, or -1 (tls_conn_error()).
 */
ssize_t tls_conn_read(struct tls_conn *c, void *buf, size_t n);

/* Bytes written (>0), TLS_WANT_READ, TLS_WANT_WRITE or -1. */
ssize_t tls_conn_write(struct tls_conn *c, const void *buf, size_t n);

/* Bytes OpenSSL has already decrypted and holds for tls_conn_read(). */
bool tls_conn_pending(struct tls_conn *c);

/* The client's identity (its certificate's subject CN), "" before. */
const char *tls_conn_identity(const struct tls_conn *c);

/* Why the last call failed, for the log. */
const char *tls_conn_error(const struct tls_conn *c);

/* Send close_notify, best effort (non-blocking). */
void tls_conn_shutdown(struct tls_conn *c);

#endif /* REMOTE_TLS_H */
