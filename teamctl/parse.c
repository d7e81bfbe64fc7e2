// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/lbfo.h>

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

bool parse_num(const struct num_param *d, const char *s, long long *out)
{
	size_t len = strlen(s), i;
	char range[96];
	long long v;

	/* Digits only (no sign, space or suffix); 18 of them fit. */
	for (i = 0; i < len && isdigit((unsigned char)s[i]); i++)
		;
	v = len && i == len && len <= 18 ? strtoll(s, NULL, 10) : -1;
	if (v < 0 || !num_check(d, v, range, sizeof(range))) {
		num_check(d, -1, range, sizeof(range));
		pr_err("invalid %s '%s': %s", d->word, s, range);
		return false;
	}
	*out = v;
	return true;
}

/*
 * The items of the comma list s, each checked by one(); an empty list or
 * item is refused. A copy is split (strsep), so s is left alone.
 */
static bool each_item(const char *s, const char *what,
		      bool (*one)(const char *item, void *arg), void *arg)
{
	char *copy = strdup(s), *rest = copy, *item;
	bool ok = true;

	if (!copy) {
		pr_err("out of memory");
		return false;
	}
	while (ok && (item = strsep(&rest, ","))) {
		if (!*item) {
			pr_err("empty %s in list '%s'", what, s);
			ok = false;
		} else {
			ok = one(item, arg);
		}
	}
	free(copy);
	return ok;
}

static bool hash_item(const char *item, void *arg)
{
	unsigned int bit = hash_bit(item);
	long long *mask = arg;
	char list[160];

	if (!bit) {
		name_list(&names_hash, list, sizeof(list));
		pr_err("invalid hash field '%s': expected %s", item, list);
		return false;
	}
	if (*mask & bit) {
		pr_err("hash field '%s' is listed twice", item);
		return false;
	}
	*mask |= bit;
	return true;
}

bool parse_hash(const char *s, long long *out)
{
	long long mask = 0;
	char list[160];

	if (!*s) {
		name_list(&names_hash, list, sizeof(list));
		pr_err("hash needs at least one field: %s", list);
		return false;
	}
	if (!each_item(s, "hash field", hash_item, &mask))
		return false;
	*out = mask;
	return true;
}

static bool target_item(const char *item, void *arg)
{
	struct team_params *p = arg;
	struct lbfo_addr a;
	const char *why;
	int i;

	why = addr_parse(item, &a);
	if (why) {
		pr_err("invalid probe target '%s': %s", item, why);
		return false;
	}
	for (i = 0; i < p->n_targets; i++) {
		if (addr_equal(&p->targets[i], &a)) {
			pr_err("probe target '%s' is listed twice", item);
			return false;
		}
	}
	if (p->n_targets == LBFO_PROBE_TARGETS_MAX) {
		pr_err("too many probe targets: at most %d",
		       LBFO_PROBE_TARGETS_MAX);
		return false;
	}
	p->targets[p->n_targets++] = a;
	return true;
}

bool parse_targets(const char *s, struct team_params *p)
{
	struct team_params t = { .n_targets = 0 };

	if (strcmp(s, "none") && !each_item(s, "probe target", target_item, &t))
		return false;
	p->n_targets = t.n_targets;
	memcpy(p->targets, t.targets, sizeof(t.targets));
	return true;
}

/* The number of team_nums[] that word names, or -1. */
static int num_of_word(const char *word)
{
	int i;

	for (i = 0; i < N_NUMS; i++)
		if (!strcmp(word, team_nums[i].word))
			return i;
	return -1;
}

/* The number of team_opts[] that word names, or -1. */
static int opt_of_word(const char *word)
{
	int i;

	for (i = 0; i < N_OPTS; i++)
		if (!strcmp(word, team_opts[i].word))
			return i;
	return -1;
}

bool is_team_param(const char *word)
{
	return !strcmp(word, "mode") || !strcmp(word, "lb") ||
	       !strcmp(word, "hash") || !strcmp(word, "probe-targets") ||
	       !strcmp(word, "lacp-system") || num_of_word(word) >= 0 ||
	       opt_of_word(word) >= 0;
}

bool parse_opt(const struct opt_param *d, const char *s, int *out)
{
	char list[160];
	bool on;
	int v;

	if (!d->names) {
		if (!parse_on_off(d->word, s, &on))
			return false;
		*out = on;
		return true;
	}
	v = name_find(d->names, s);
	if (v < 0) {
		name_list(d->names, list, sizeof(list));
		pr_err("invalid %s '%s': expected %s", d->word, s, list);
		return false;
	}
	*out = v;
	return true;
}

bool parse_lacp_system(const char *s, long long *out)
{
	const char *why = lacp_system_parse(s, out);

	if (why)
		pr_err("invalid lacp-system '%s': %s", s, why);
	return !why;
}

/* false (and a message) if the word key was given already. */
static bool once(const char *key, bool given)
{
	if (given)
		pr_err("'%s' is given twice", key);
	return !given;
}

bool parse_team_param(const char *key, const char *val, struct team_params *p)
{
	int i = num_of_word(key);

	if (i >= 0)
		return once(key, p->num[i] >= 0) &&
		       parse_num(&team_nums[i], val, &p->num[i]);
	i = opt_of_word(key);
	if (i >= 0)
		return once(key, p->opt[i] >= 0) &&
		       parse_opt(&team_opts[i], val, &p->opt[i]);
	if (!strcmp(key, "lacp-system"))
		return once(key, p->lacp_system >= 0) &&
		       parse_lacp_system(val, &p->lacp_system);
	if (!strcmp(key, "mode"))
		return once(key, p->mode >= 0) &&
		       parse_name(&names_mode, val, &p->mode);
	if (!strcmp(key, "lb"))
		return once(key, p->lb >= 0) &&
		       parse_name(&names_lb, val, &p->lb);
	if (!strcmp(key, "hash"))
		return once(key, p->hash >= 0) && parse_hash(val, &p->hash);
	if (!strcmp(key, "probe-targets"))
		return once(key, p->n_targets >= 0) && parse_targets(val, p);
	pr_err("unexpected word '%s'", key);
	return false;
}

bool is_help_word(const char *s)
{
	return !strcmp(s, "-h") || !strcmp(s, "--help") || !strcmp(s, "help");
}
