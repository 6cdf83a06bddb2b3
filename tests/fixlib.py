"""fixlib.py - what the fix and round-trip tests share (fix_cases.py,
fix_properties.py, roundtrip.py): their environment, reading files and trees
of files, making a copy of the source tree writable, running a command, the
kind a testdata file is read as, and the findings a `fix` report or a
`check` output names.

Import it after `sys.dont_write_bytecode = True`: the source tree may be
read-only (make distcheck) and must not collect __pycache__.
"""

import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def env():
    """(PGCONFLINT, TOP_SRCDIR, TOP_BUILDDIR); the trees default to the
    source tree this file is in and the working directory."""
    return (os.environ.get('PGCONFLINT'),
            os.environ.get('TOP_SRCDIR', os.path.dirname(HERE)),
            os.environ.get('TOP_BUILDDIR', os.getcwd()))


def no_program(pgconflint):
    """When PGCONFLINT is not an executable: say so as a failed TAP test."""
    if pgconflint and os.access(pgconflint, os.X_OK):
        return False
    print('1..1\nnot ok 1 - PGCONFLINT is not set to an executable (%r)' % pgconflint)
    return True


def read(p):
    with open(p, 'rb') as f:
        return f.read()


def writable(root):
    """Copies of a read-only source tree (make distcheck) must be writable."""
    for dp, dns, fns in os.walk(root):
        os.chmod(dp, 0o755)
        for fn in fns:
            q = os.path.join(dp, fn)
            if not os.path.islink(q):
                os.chmod(q, 0o644)


def tree(root):
    """{path relative to root: bytes} of every regular file below root."""
    out = {}
    for dp, dns, fns in os.walk(root):
        dns.sort()
        for fn in sorted(fns):
            p = os.path.join(dp, fn)
            if not os.path.islink(p) and os.path.isfile(p):
                out[os.path.relpath(p, root)] = read(p)
    return out


def run(cmd, cwd, timeout=120):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout)


def kind_of(rel):
    """The kind a file under testdata/ is read as: that of its directory
    (testdata/hba, testdata/ident, testdata/conf), else by its name."""
    parts = rel.split(os.sep)
    base = parts[-1]
    if len(parts) > 1 and parts[1] in ('hba', 'ident', 'conf'):
        return parts[1]
    if 'hba' in base:
        return 'hba'
    if 'ident' in base:
        return 'ident'
    return 'conf'


def _keys(text, pattern):
    keys = set()
    for line in text.decode('utf-8', 'replace').splitlines():
        m = re.match(pattern, line)
        if m:
            keys.add((m.group(1), m.group(2), m.group(3), m.group(4)))
    return keys


def fixed_keys(report):
    """(path, line, col, rule) of every fix the report says it made."""
    return _keys(report, r'^(.*?):(\d+):(\d+): (?:fixed|would fix) \[([^\]]+)\]')


def reported_keys(out):
    """(path, line, col, rule) of every finding of `check` text output."""
    return _keys(out, r'^(.*?):(\d+):(\d+): \w+: .*\[([a-z0-9-]+)\]$')
