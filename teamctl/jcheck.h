/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checked reads of JSON objects (the config file, request args): each
 * returns true, or false with a message naming the place ("teams[0].role:
 * must be a string") in msg. Keys that are absent leave *out as it is
 * unless said otherwise. Pure, unit tested through cfg and args.
 */
#ifndef TEAMCTL_JCHECK_H
#define TEAMCTL_JCHECK_H

#include <jansson.h>
#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>

#include "names.h"

/* Format the message into msg and return false. */
bool jc_fail(char *msg, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * An interface name the kernel would take: 1..15 bytes, no '/', ':', '%',
 * white space (the kernel's isspace(): also byte 0xa0) or control
 * characters, not "." or "..".
 */
bool jc_ifname_valid(const char *s);

/* Only the keys in allowed[] (NULL-terminated), or that also() accepts. */
bool jc_known_keys(const json_t *o, const char *const *allowed,
		   bool (*also)(const char *key), const char *where,
		   char *msg, size_t size);

/* The interface name at key: required, or left as is when absent. */
bool jc_ifname(const json_t *o, const char *key, bool required,
	       const char *where, char out[IF_NAMESIZE], char *msg,
	       size_t size);

/* A name of table t at key, into *out as its value. */
bool jc_enum(const json_t *o, const char *key, const struct name_table *t,
	     const char *where, int *out, char *msg, size_t size);

/* true or false at key. */
bool jc_bool(const json_t *o, const char *key, const char *where, bool *out,
	     char *msg, size_t size);

#endif /* TEAMCTL_JCHECK_H */
