/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What both ends of teamctld's TLS share: a TLS 1.3-only OpenSSL context
 * with our certificate chain and key and one CA as the only trust anchor,
 * and messages that say which file is wrong and why. Used by tls.c (the
 * daemon) and client.c (teamctl --remote).
 */
#ifndef REMOTE_TLSCTX_H
#define REMOTE_TLSCTX_H

#include <stddef.h>

#include <openssl/ssl.h>

/* How each file is named in messages: "certificate" or "--cert"... */
struct tls_names {
	const char *cert;
	const char *key;
	const char *ca;
};

/*
 * A context of method (TLS_server_method() or TLS_client_method()), TLS
 * 1.3 only, with cert (a PEM chain), key (which must match it, and may not
 * need a passphrase) and ca loaded. NULL with msg ("certificate FILE: no
 * PEM certificate in it", "key K does not match certificate C").
 */
SSL_CTX *tls_ctx_new(const SSL_METHOD *method, const char *cert,
		     const char *key, const char *ca,
		     const struct tls_names *names, char *msg, size_t size);

/*
 * "WHAT FILE: why" for a file (of kind "certificate", "private key",
 * "CRL") OpenSSL could not use, from its error queue, which is emptied.
 * Returns -1.
 */
int tls_file_error(char *msg, size_t size, const char *what,
		   const char *file, const char *kind);

#endif /* REMOTE_TLSCTX_H */
