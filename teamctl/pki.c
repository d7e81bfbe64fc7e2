// SPDX-License-Identifier: GPL-2.0
/*
 * teamctl pki ...: the private CA helper of teamctld, remote/teamctl-pki,
 * run with the same words. It is looked for next to teamctl (installed
 * side by side), then in the source tree (../remote), then in PATH.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "print.h"
#include "teamctl.h"

#define PKI "teamctl-pki"

int cmd_pki(int argc, char **argv, const struct opts *o)
{
	static const char *const where[] = { "/" PKI, "/../remote/" PKI };
	char self[PATH_MAX], path[PATH_MAX + 32], **args;
	ssize_t n;
	size_t i;
	char *dir;

	(void)o;
	args = calloc((size_t)argc + 2, sizeof(*args));
	if (!args) {
		pr_err("out of memory");
		return EXIT_FAIL;
	}
	args[0] = PKI;
	for (i = 0; i < (size_t)argc; i++)
		args[i + 1] = argv[i];
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		dir = strrchr(self, '/');
		if (dir)
			*dir = '\0';
		for (i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
			snprintf(path, sizeof(path), "%s%s", self, where[i]);
			if (!access(path, X_OK))
				execv(path, args);
		}
	}
	execvp(PKI, args);
	pr_err("cannot run %s: %s", PKI, strerror(errno));
	free(args);
	return EXIT_FAIL;
}
