// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "print.h"

bool parse_ifname(const char *s, char out[IF_NAMESIZE])
{
	size_t len = strlen(s), i;

	if (!len) {
		pr_err("an interface name cannot be empty");
		return false;
	}
	if (len >= IF_NAMESIZE) {
		pr_err("interface name '%s' is too long (at most %d characters)",
		       s, IF_NAMESIZE - 1);
		return false;
	}
	if (!strcmp(s, ".") || !strcmp(s, "..")) {
		pr_err("'%s' is not a valid interface name", s);
		return false;
	}
	if (strchr(s, '%')) {
		pr_err("'%s': interface name patterns (%%) are not accepted", s);
		return false;
	}
	for (i = 0; i < len; i++) {
		if (s[i] == '/' || s[i] == ':' ||
		    isspace((unsigned char)s[i]) ||
		    !isprint((unsigned char)s[i])) {
			pr_err("'%s' is not a valid interface name", s);
			return false;
		}
	}
	memcpy(out, s, len + 1);
	return true;
}

bool parse_name(const struct name_table *t, const char *s, int *out)
{
	char list[160];
	int v = name_find(t, s);

	if (v < 0) {
		name_list(t, list, sizeof(list));
		pr_err("invalid %s '%s': expected %s", t->what, s, list);
		return false;
	}
	*out = v;
	return true;
}

bool parse_on_off(const char *what, const char *s, bool *out)
{
	if (!strcmp(s, "on")) {
		*out = true;
		return true;
	}
	if (!strcmp(s, "off")) {
		*out = false;
		return true;
	}
	pr_err("invalid %s '%s': expected on or off", what, s);
	return false;
}

bool parse_iflist(const char *s, char (*out)[IF_NAMESIZE], size_t max,
		  size_t *n)
{
	const char *p = s;
	size_t count = 0, i;

	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char word[64];

		if (!len) {
			pr_err("empty interface name in list '%s'", s);
			return false;
		}
		if (len >= sizeof(word)) {
			pr_err("interface name '%.*s' is too long", (int)len, p);
			return false;
		}
		memcpy(word, p, len);
		word[len] = '\0';
		if (count == max) {
			pr_err("too many interfaces: at most %zu in a list", max);
			return false;
		}
		if (!parse_ifname(word, out[count]))
			return false;
		for (i = 0; i < count; i++) {
			if (!strcmp(out[i], word)) {
				pr_err("interface '%s' is listed twice", word);
				return false;
			}
		}
		count++;
		if (!end)
			break;
		p = end + 1;
	}
	*n = count;
	return true;
}

bool is_help_word(const char *s)
{
	return !strcmp(s, "-h") || !strcmp(s, "--help") || !strcmp(s, "help");
}
