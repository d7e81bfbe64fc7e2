/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unit test harness over cmocka: every test binary lists its cases with
 * --list and runs one case when given its name (tests/run.sh runs each case
 * in its own process, so that ASan's leak check is per case), or all.
 */
#ifndef TEAMCTL_TESTS_HARNESS_H
#define TEAMCTL_TESTS_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

int harness_main(int argc, char **argv, const char *suite,
		 const struct CMUnitTest *tests, size_t n);

#define HARNESS_MAIN(suite, tests)					\
	int main(int argc, char **argv)					\
	{								\
		return harness_main(argc, argv, suite, tests,		\
				    sizeof(tests) / sizeof(tests[0]));	\
	}

#endif /* TEAMCTL_TESTS_HARNESS_H */
