#!/usr/bin/env python3
"""fix_cases.py - `pgconflint fix` on the cases of testdata/fix/.

Each case is a directory named for the kind of fix it shows:

    testdata/fix/CASE/args           options and paths, relative to input/
    testdata/fix/CASE/input/...      the files before
    testdata/fix/CASE/expected/...   every file that the fix changes, after
    testdata/fix/CASE/expected.diff  what `fix --diff` prints
    testdata/fix/CASE/expected.report  what `fix --diff` says on stderr
                                     (fixed, not fixed and why, the summary)

For each case, in a copy of input/: `fix --diff` prints expected.diff and
expected.report and exits 1 exactly when there is a diff; `git apply --check`
and `patch -p1 --dry-run` accept the diff; `fix` writes exactly expected/
(every other byte of every file unchanged) and exits the same way; a second
`fix` changes nothing and exits 0; `check` no longer reports a fixed finding;
and for a single file, `fix --stdout` prints the expected text.

    fix_cases.py --regen CASE...   rewrite the expected files of the cases
                                   from the current build (then read them!)

Environment: PGCONFLINT, TOP_SRCDIR, TOP_BUILDDIR.
"""

import os
import shlex
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True
import fixlib  # noqa: E402
from fixlib import fixed_keys, read, reported_keys, run, tree, writable  # noqa: E402

FIX_ONLY = {'--diff', '--stdout', '--unsafe-fixes'}


def case_args(case_dir):
    with open(os.path.join(case_dir, 'args')) as f:
        return shlex.split(f.read())


def copy_input(case_dir, work):
    """A writable copy of the case's input/ at work."""
    shutil.copytree(os.path.join(case_dir, 'input'), work, symlinks=True)
    writable(work)


def check_args(args):
    return [a for a in args if a not in FIX_ONLY and not a.startswith('--backup')]


def regen(pgconflint, case_dir):
    args = case_args(case_dir)
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, 'w')
        copy_input(case_dir, work)
        before = tree(work)
        p = run([pgconflint, 'fix', '--diff'] + args, work)
        with open(os.path.join(case_dir, 'expected.diff'), 'wb') as f:
            f.write(p.stdout)
        with open(os.path.join(case_dir, 'expected.report'), 'wb') as f:
            f.write(p.stderr)
        run([pgconflint, 'fix'] + args, work)
        after = tree(work)
        exp = os.path.join(case_dir, 'expected')
        shutil.rmtree(exp, ignore_errors=True)
        for rel, data in after.items():
            if before.get(rel) != data:
                os.makedirs(os.path.dirname(os.path.join(exp, rel)), exist_ok=True)
                with open(os.path.join(exp, rel), 'wb') as f:
                    f.write(data)
    print('regenerated', case_dir)


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=None):
        self.n += 1
        if not cond:
            self.failed += 1
        print('%sok %d - %s' % ('' if cond else 'not ', self.n, name))
        if not cond and diag:
            for line in str(diag).splitlines()[:30]:
                print('#   ' + line)
        return cond


def one_case(t, pgconflint, case_dir, name):
    args = case_args(case_dir)
    exp_diff = read(os.path.join(case_dir, 'expected.diff'))
    exp_report = read(os.path.join(case_dir, 'expected.report'))
    exp_dir = os.path.join(case_dir, 'expected')
    expected = tree(exp_dir) if os.path.isdir(exp_dir) else {}
    want_rc = 1 if expected else 0
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, 'w')
        copy_input(case_dir, work)
        before = tree(work)

        p = run([pgconflint, 'fix', '--diff'] + args, work)
        t.ok(p.stdout == exp_diff, '%s: fix --diff prints the expected diff' % name,
             p.stdout.decode('utf-8', 'replace') + p.stderr.decode('utf-8', 'replace'))
        t.ok(p.stderr == exp_report, '%s: fix --diff reports what it fixes and refuses' % name,
             p.stderr.decode('utf-8', 'replace'))
        t.ok(p.returncode == want_rc, '%s: fix --diff exits %d' % (name, want_rc),
             'exit %d' % p.returncode)
        t.ok(tree(work) == before, '%s: fix --diff changes nothing' % name)
        if p.stdout:
            patch = os.path.join(tmp, 'fix.diff')
            with open(patch, 'wb') as f:
                f.write(p.stdout)
            # outside any repository, whatever TMPDIR is
            os.environ['GIT_CEILING_DIRECTORIES'] = tmp
            g = run(['git', 'apply', '--check', patch], work)
            t.ok(g.returncode == 0, '%s: git apply --check accepts the diff' % name,
                 g.stderr.decode('utf-8', 'replace'))
            q = run(['patch', '-p1', '--dry-run', '-s', '-i', patch], work)
            t.ok(q.returncode == 0, '%s: patch -p1 accepts the diff' % name,
                 q.stdout.decode('utf-8', 'replace') + q.stderr.decode('utf-8', 'replace'))

        p = run([pgconflint, 'fix'] + args, work)
        t.ok(p.returncode == want_rc, '%s: fix exits %d' % (name, want_rc),
             'exit %d\n%s' % (p.returncode, p.stderr.decode('utf-8', 'replace')))
        after = tree(work)
        want = dict(before)
        want.update(expected)
        bad = [k for k in sorted(set(want) | set(after)) if want.get(k) != after.get(k)]
        t.ok(not bad, '%s: fix writes the expected files, every other byte as it was' % name,
             '\n'.join('%s:\n  got:  %r\n  want: %r' % (k, after.get(k), want.get(k))
                       for k in bad))
        fixed = fixed_keys(p.stdout)

        p2 = run([pgconflint, 'fix'] + args, work)
        t.ok(p2.returncode == 0 and tree(work) == after,
             '%s: a second fix changes nothing (exit 0)' % name,
             'exit %d\n%s' % (p2.returncode, p2.stdout.decode('utf-8', 'replace')))

        c = run([pgconflint, 'check'] + check_args(args), work)
        still = fixed & reported_keys(c.stdout)
        t.ok(not still, '%s: check no longer reports the fixed findings' % name,
             '\n'.join(map(str, sorted(still))))

        paths = [a for a in args if not a.startswith('-')]
        singles = [a for a in paths if os.path.isfile(os.path.join(work, a))]
        if len(paths) == 1 and singles:
            shutil.rmtree(work)
            copy_input(case_dir, work)
            s = run([pgconflint, 'fix', '--stdout'] + args, work)
            want_text = expected.get(paths[0], before.get(paths[0]))
            # --stdout shows the one file: cases that change others are
            # covered by the refusal in the report instead
            if all(k == paths[0] for k in expected):
                t.ok(s.stdout == want_text, '%s: fix --stdout prints the fixed text' % name,
                     s.stdout.decode('utf-8', 'replace') + s.stderr.decode('utf-8', 'replace'))


def main():
    pgconflint, top_srcdir, _ = fixlib.env()
    if fixlib.no_program(pgconflint):
        return 1
    base = os.path.join(top_srcdir, 'testdata', 'fix')
    if len(sys.argv) > 2 and sys.argv[1] == '--regen':
        for c in sys.argv[2:]:
            regen(pgconflint, os.path.join(base, os.path.basename(c.rstrip('/'))))
        return 0
    t = Tap()
    cases = sorted(d for d in os.listdir(base) if os.path.isdir(os.path.join(base, d)))
    for name in cases:
        one_case(t, pgconflint, os.path.join(base, name), name)
    t.ok(len(cases) >= 30, 'testdata/fix has at least 30 cases (%d)' % len(cases))
    print('1..%d' % t.n)
    return 1 if t.failed else 0


if __name__ == '__main__':
    sys.exit(main())
