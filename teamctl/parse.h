/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small parsers for command line words and config file values. Each returns
 * true on success; on failure it prints why on stderr ("teamctl: ...") and
 * returns false, so that a caller only has to return EXIT_USAGE.
 */
#ifndef TEAMCTL_PARSE_H
#define TEAMCTL_PARSE_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>

#include "names.h"

/*
 * An interface name: 1..15 bytes, no '/', ':', '%' (the kernel's name
 * patterns, "team%d") or white space, not . or ..
 */
bool parse_ifname(const char *s, char out[IF_NAMESIZE]);

/* A name of table t (mode, lb, role, admin...): *out is its value. */
bool parse_name(const struct name_table *t, const char *s, int *out);

/* "on" or "off". */
bool parse_on_off(const char *what, const char *s, bool *out);

/*
 * "a,b,c": at most max interface names into out, *n of them. Empty items
 * and repeated names are refused.
 */
bool parse_iflist(const char *s, char (*out)[IF_NAMESIZE], size_t max,
		  size_t *n);

/* true if s is one of the help words: -h, --help, help. */
bool is_help_word(const char *s);

#endif /* TEAMCTL_PARSE_H */
