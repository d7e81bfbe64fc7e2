// SPDX-License-Identifier: GPL-2.0
/* Checked reads of JSON objects (see jcheck.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "jcheck.h"

bool jc_fail(char *msg, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, size, fmt, ap);
	va_end(ap);
	return false;
}

bool jc_ifname_valid(const char *s)
{
	size_t len = strlen(s), i;

	if (!len || len >= IF_NAMESIZE || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (i = 0; i < len; i++)
		if (s[i] == '/' || s[i] == ':' || s[i] == '%' ||
		    (unsigned char)s[i] <= ' ' || s[i] == 0x7f ||
		    (unsigned char)s[i] == 0xa0)	/* the kernel's isspace() */
			return false;
	return true;
}

bool jc_known_keys(const json_t *o, const char *const *allowed,
		   bool (*also)(const char *key), const char *where,
		   char *msg, size_t size)
{
	const char *key;
	json_t *v;
	size_t i;

	json_object_foreach((json_t *)o, key, v) {
		for (i = 0; allowed[i]; i++)
			if (!strcmp(key, allowed[i]))
				break;
		if (!allowed[i] && !(also && also(key)))
			return jc_fail(msg, size, "%s: unknown key '%s'",
				       where, key);
	}
	return true;
}

/* A string for messages: at most 40 bytes of it, and only printable ones. */
static const char *shown(const char *s, char *buf, size_t size)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < size && i < 40; i++)
		buf[i] = (unsigned char)s[i] < ' ' || s[i] == 0x7f ? '?' : s[i];
	buf[i] = '\0';
	return buf;
}

bool jc_ifname(const json_t *o, const char *key, bool required,
	       const char *where, char out[IF_NAMESIZE], char *msg,
	       size_t size)
{
	json_t *v = json_object_get(o, key);
	char buf[48];

	if (!v && !required)
		return true;
	if (!v)
		return jc_fail(msg, size, "%s: '%s' is missing", where, key);
	if (!json_is_string(v))
		return jc_fail(msg, size, "%s.%s: must be a string", where, key);
	if (strlen(json_string_value(v)) != json_string_length(v) ||
	    !jc_ifname_valid(json_string_value(v)))
		return jc_fail(msg, size,
			       "%s.%s: '%s' is not a valid interface name",
			       where, key,
			       shown(json_string_value(v), buf, sizeof(buf)));
	snprintf(out, IF_NAMESIZE, "%s", json_string_value(v));
	return true;
}

bool jc_enum(const json_t *o, const char *key, const struct name_table *t,
	     const char *where, int *out, char *msg, size_t size)
{
	json_t *v = json_object_get(o, key);
	char list[160], buf[48];
	int val;

	if (!v)
		return true;
	if (!json_is_string(v))
		return jc_fail(msg, size, "%s.%s: must be a string", where, key);
	val = strlen(json_string_value(v)) == json_string_length(v) ?
	      name_find(t, json_string_value(v)) : -1;
	if (val < 0) {
		name_list(t, list, sizeof(list));
		return jc_fail(msg, size, "%s.%s: invalid %s '%s': expected %s",
			       where, key, t->what,
			       shown(json_string_value(v), buf, sizeof(buf)),
			       list);
	}
	*out = val;
	return true;
}

bool jc_bool(const json_t *o, const char *key, const char *where, bool *out,
	     char *msg, size_t size)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return true;
	if (!json_is_boolean(v))
		return jc_fail(msg, size, "%s.%s: must be true or false", where,
			       key);
	*out = json_is_true(v);
	return true;
}
