// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "harness.h"

int harness_main(int argc, char **argv, const char *suite,
		 const struct CMUnitTest *tests, size_t n)
{
	size_t i;

	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (i = 0; i < n; i++)
			printf("%s\n", tests[i].name);
		return 0;
	}
	if (argc == 2) {
		for (i = 0; i < n; i++)
			if (!strcmp(tests[i].name, argv[1]))
				return _cmocka_run_group_tests(suite, &tests[i],
							       1, NULL, NULL);
		fprintf(stderr, "%s: no test case '%s'\n", suite, argv[1]);
		return 2;
	}
	return _cmocka_run_group_tests(suite, tests, n, NULL, NULL);
}
