#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the raw UML kernel log of a kunit.py run into lbfo's test format.

    report.py KSRC TEST_LOG [KUNIT_PY_EXIT_STATUS]

Parses TEST_LOG (<build_dir>/test.log, written by kunit.py) with the kernel
tree's own KTAP parser (tools/testing/kunit/kunit_parser.py, the same code
that makes kunit.py's --json output), and prints

    PASS: kunit/<suite>/<case>
    FAIL: kunit/<suite>/<case>
        <failure detail lines>
    SKIP: kunit/<suite>/<case>
    N passed, N failed

The last line is always the summary. A crash, a missing result, a suite-level
error or a run with no test case at all counts as a failure. Exit status is 1
when anything failed, 0 otherwise.
"""

import io
import os
import sys


def fail_alone(msg, detail=()):
    print(f'FAIL: kunit/run: {msg}')
    for line in detail:
        print(f'    {line}')
    print('0 passed, 1 failed')
    sys.exit(1)


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    ksrc, log_path = sys.argv[1], sys.argv[2]
    kunit_rc = int(sys.argv[3]) if len(sys.argv) == 4 else 0
    sys.path.insert(0, os.path.join(ksrc, 'tools', 'testing', 'kunit'))
    try:
        import kunit_parser
        import kunit_printer
    except ImportError as e:
        fail_alone(f'cannot import the KTAP parser from {ksrc}: {e}')

    try:
        with open(log_path, errors='replace') as f:
            lines = f.readlines()
    except OSError as e:
        fail_alone(f'no kernel log: {e}')

    # The parser prints kunit.py's own summary; we print ours instead, but
    # keep its "[ERROR] Test: <name>: <what>" lines (missing results, no
    # KTAP output at all...) as detail.
    printed = io.StringIO()
    kunit_printer.stdout._output = printed
    kunit_printer.stdout._use_color = False
    top = kunit_parser.parse_run_tests(lines)
    errors = [line.split('] ', 1)[-1] for line in printed.getvalue().splitlines()
              if '[ERROR]' in line]

    def errors_of(name):
        return [e for e in errors if f' Test: {name}: ' in e]

    ok = (kunit_parser.TestStatus.SUCCESS, kunit_parser.TestStatus.SKIPPED)
    skipped = kunit_parser.TestStatus.SKIPPED
    passed = failed = 0

    def clean(line):
        # Paths in KUnit messages are relative to the kernel tree; show
        # them relative to the repository.
        return line.strip().replace('drivers/net/lbfo_kunit/', '')

    def detail(test, prefix=''):
        out = [f'{prefix}{clean(line)}' for line in test.log if line.strip()]
        for sub in test.subtests:
            if sub.status not in ok or sub.log:
                out.append(f'{prefix}[{sub.status.name}] {sub.name}')
                out.extend(detail(sub, prefix + '  '))
        return out

    def emit(word, name, lines=()):
        print(f'{word}: kunit/{name}')
        for line in lines:
            print(f'    {line}')

    def label(test, number):
        # kunit_parser gives an empty name to a test whose result line never
        # came: the kernel died (a panic in an earlier case) or timed out.
        return test.name or f'#{number} (no result: the kernel crashed or hung)'

    for snum, suite in enumerate(top.subtests, 1):
        suite_failed = 0
        suite.name = label(suite, snum)
        if not suite.subtests and suite.status not in ok:
            # A suite whose cases never reported (it crashed, or it has
            # none): kunit_parser records that as a failed leaf.
            emit('FAIL', suite.name,
                 detail(suite) or [f'status {suite.status.name}'])
            failed += 1
            continue
        for cnum, case in enumerate(suite.subtests, 1):
            name = f'{suite.name}/{label(case, cnum)}'
            if case.status == skipped:
                emit('SKIP', name, [clean(line) for line in case.log
                                    if 'SKIP' in line])
            elif case.status in ok:
                emit('PASS', name)
                passed += 1
            else:
                emit('FAIL', name,
                     detail(case) or [f'status {case.status.name}'])
                failed += 1
                suite_failed += 1
        if suite.status not in ok and not suite_failed:
            # Every case passed, yet the suite is not ok: missing results
            # (a crash mid-suite), a failing suite_init/exit, a bad plan.
            emit('FAIL', f'{suite.name} (suite)',
                 [clean(line) for line in suite.log if line.strip()]
                 + errors_of(suite.name)
                 or [f'status {suite.status.name}'])
            failed += 1

    if passed + failed == 0:
        emit('FAIL', 'run', ['no KUnit test case ran: no suite registered '
                             '(is kunit_test_suites() missing?), or every '
                             'case was skipped']
             + [clean(line) for line in top.log if line.strip()] + errors)
        failed += 1
    elif top.status not in ok and not failed:
        emit('FAIL', 'run',
             [clean(line) for line in top.log if line.strip()] + errors
             or [f'status {top.status.name}'])
        failed += 1
    if kunit_rc and not failed:
        emit('FAIL', 'run', [f'kunit.py exited with status {kunit_rc} '
                             'although no case failed'])
        failed += 1

    print(f'{passed} passed, {failed} failed')
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
