// SPDX-License-Identifier: GPL-2.0
/* The TLS context both ends share (see tlsctx.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "tlsctx.h"

/* Passphrase-protected keys are refused rather than prompted for. */
static int no_passphrase(char *buf, int size, int rwflag, void *data)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)data;
	return -1;
}

/*
 * Why OpenSSL could not use a file (of kind "certificate"...), from its
 * error queue, in words; the queue is emptied. Library prefixes and codes
 * are left out: they mean nothing to whoever reads the log.
 */
static const char *queue_reason(const char *kind, char *buf, size_t size)
{
	unsigned long code, first = ERR_peek_error();
	bool none = false, encrypted = false;
	const char *r;
	int lib, reason;

	while ((code = ERR_get_error())) {
		lib = ERR_GET_LIB(code);
		reason = ERR_GET_REASON(code);
		if ((lib == ERR_LIB_PEM && reason == PEM_R_NO_START_LINE) ||
		    (lib == ERR_LIB_OSSL_DECODER &&
		     reason == ERR_R_UNSUPPORTED) ||
		    (lib == ERR_LIB_X509 &&
		     reason == X509_R_NO_CERTIFICATE_OR_CRL_FOUND))
			none = true;
		if (lib == ERR_LIB_PEM && (reason == PEM_R_BAD_PASSWORD_READ ||
		    reason == PEM_R_PROBLEMS_GETTING_PASSWORD))
			encrypted = true;
	}
	if (encrypted) {
		snprintf(buf, size,
			 "the key is encrypted (passphrases are not supported)");
	} else if (none) {
		snprintf(buf, size, "no PEM %s in it", kind);
	} else if (!first) {
		snprintf(buf, size, "unknown error");
	} else {
		r = ERR_reason_error_string(first);
		if (r)
			snprintf(buf, size, "%s", r);
		else
			ERR_error_string_n(first, buf, size);
	}
	return buf;
}

/* Did the key just loaded fail for not being the certificate's? */
static bool key_mismatch(void)
{
	unsigned long code = ERR_peek_last_error();

	return ERR_GET_LIB(code) == ERR_LIB_X509 &&
	       (ERR_GET_REASON(code) == X509_R_KEY_VALUES_MISMATCH ||
		ERR_GET_REASON(code) == X509_R_KEY_TYPE_MISMATCH);
}

int tls_file_error(char *msg, size_t size, const char *what,
		   const char *file, const char *kind)
{
	char why[160];

	if (access(file, R_OK)) {
		snprintf(msg, size, "%s %s: %s", what, file, strerror(errno));
		ERR_clear_error();
	} else {
		snprintf(msg, size, "%s %s: %s", what, file,
			 queue_reason(kind, why, sizeof(why)));
	}
	return -1;
}

SSL_CTX *tls_ctx_new(const SSL_METHOD *method, const char *cert,
		     const char *key, const char *ca,
		     const struct tls_names *names, char *msg, size_t size)
{
	SSL_CTX *ctx = SSL_CTX_new(method);
	char why[160];

	if (!ctx) {
		snprintf(msg, size, "tls: cannot create a context: %s",
			 queue_reason("", why, sizeof(why)));
		return NULL;
	}
	if (!SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) ||
	    !SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION)) {
		snprintf(msg, size, "tls: this OpenSSL has no TLS 1.3");
		goto free_ctx;
	}
	SSL_CTX_set_default_passwd_cb(ctx, no_passphrase);
	if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
		tls_file_error(msg, size, names->cert, cert, "certificate");
		goto free_ctx;
	}
	if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1 &&
	    !key_mismatch()) {
		tls_file_error(msg, size, names->key, key, "private key");
		goto free_ctx;
	}
	if (key_mismatch() || SSL_CTX_check_private_key(ctx) != 1) {
		ERR_clear_error();
		snprintf(msg, size, "%s %s does not match %s %s", names->key,
			 key, names->cert, cert);
		goto free_ctx;
	}
	if (SSL_CTX_load_verify_locations(ctx, ca, NULL) != 1) {
		tls_file_error(msg, size, names->ca, ca, "certificate");
		goto free_ctx;
	}
	return ctx;
free_ctx:
	SSL_CTX_free(ctx);
	ERR_clear_error();
	return NULL;
}
