#!/usr/bin/env python3
"""policy_examples.py - the bundled example clusters under the default policy.

testdata/examples/hardened/ must check clean (exit 0, nothing above info);
testdata/examples/insecure/ must exit 1 and report every `FILE:LINE RULE` of
its expected-findings file, and each hardening rule it reports must be one
the file expects (so a rule that starts firing on the wrong line shows up).

Environment: PGCONFLINT, TOP_SRCDIR.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
import policylib  # noqa: E402


def findings(exe, d, cwd):
    p = subprocess.run([exe, 'check', '--format', 'json', d], capture_output=True, text=True,
                       cwd=cwd)
    doc = json.loads(p.stdout)
    return p.returncode, doc['findings']


def main():
    exe, top = policylib.env()
    ex = os.path.join(top, 'testdata', 'examples')
    cwd = tempfile.mkdtemp()
    results = []

    rc, fs = findings(exe, os.path.join(ex, 'hardened'), cwd)
    loud = ['%s:%d %s' % (os.path.basename(f['path']), f['span']['line'], f['rule'])
            for f in fs if f['severity'] != 'info']
    results.append((rc == 0, 'hardened: exit 0 under the default policy', 'exit %d' % rc))
    results.append((not loud, 'hardened: no warning or error', repr(loud)))

    d = os.path.join(ex, 'insecure')
    rc, fs = findings(exe, d, cwd)
    got = set('%s:%d %s' % (os.path.relpath(f['path'], d), f['span']['line'], f['rule'])
              for f in fs)
    with open(os.path.join(d, 'expected-findings')) as f:
        want = [l.strip() for l in f if l.strip() and not l.startswith('#')]
    results.append((rc == 1, 'insecure: exit 1', 'exit %d' % rc))
    for w in want:
        results.append((w in got, 'insecure: reports ' + w, 'not reported'))
    with open(os.path.join(top, 'rules', 'security_rules.def')) as f:
        mine = set(re.findall(r'^\{"([a-z0-9-]+)"', f.read(), re.M))
    extra = sorted(g for g in got if g.split()[1] in mine and g not in want)
    results.append((not extra, 'insecure: no hardening finding beyond the expected ones',
                    repr(extra)))
    os.rmdir(cwd)
    return policylib.report(results)


if __name__ == '__main__':
    sys.exit(main())
