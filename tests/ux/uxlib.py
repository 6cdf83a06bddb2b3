"""uxlib.py - what the output-format tests share (json_output.py,
sarif_output.py): TAP output, the check that PGCONFLINT is a program, and a
writable copy of testdata/ to run in.

Import it after `sys.dont_write_bytecode = True`: the source tree may be
read-only (make distcheck) and must not collect __pycache__.
"""

import os
import shutil


class Tap:
    def __init__(self, why_lines):
        self.n = 0
        self.failed = 0
        self.why_lines = why_lines     # lines of `why` shown under a failure

    def ok(self, cond, name, why=''):
        self.n += 1
        print('%s %d - %s' % ('ok' if cond else 'not ok', self.n, name))
        if not cond:
            self.failed += 1
            for line in str(why).splitlines()[:self.why_lines]:
                print('#   ' + line)
        return cond

    def skip(self, name, why):
        self.n += 1
        print('ok %d - %s # SKIP %s' % (self.n, name, why))

    def done(self):
        """Print the plan; the exit status (1 when a test failed)."""
        print('1..%d' % self.n)
        return 1 if self.failed else 0


def top_srcdir():
    """The source tree: TOP_SRCDIR as make check sets it, else the tree
    this file sits in (tests/ux/ is two levels below the top), so a test run
    by hand finds docs/ and testdata/ too."""
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get('TOP_SRCDIR', os.path.dirname(os.path.dirname(here)))


def have_program(tap, pgconflint):
    """Whether PGCONFLINT is an executable; a failed test when it is not."""
    if pgconflint and os.access(pgconflint, os.X_OK):
        return True
    tap.ok(False, 'PGCONFLINT is set to an executable', repr(pgconflint))
    return False


def copy_testdata(top, work):
    """testdata/ copied into work, every file writable (the source tree may
    be read-only: make distcheck)."""
    shutil.copytree(os.path.join(top, 'testdata'), os.path.join(work, 'testdata'))
    for dp, dns, fns in os.walk(work):
        for n in dns + fns:
            os.chmod(os.path.join(dp, n), 0o755 if n in dns else 0o644)
