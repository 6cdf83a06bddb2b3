#!/usr/bin/env python3
"""policy_rules.py - every hardening rule fires where it should and only there.

testdata/rules/RULE/ holds one directory per case: trigger*/ must report RULE
exactly at the FILE:LINE places listed in its `expect` file, clean*/ must not
report RULE at all. A case directory is a small cluster (postgresql.conf,
pg_hba.conf, a PG_VERSION file when the version matters) and may hold an
`args` file with more options ({dir} stands for the case directory). The
rule is switched on with --extend-select, so opt-in rules are tested the same
way. Finally every hardening rule (rules/security_rules.def) must have both
kinds of case, and the remedies its trigger cases carry must be of the fix
class the rule table gives it (none: no remedy at all).

Environment: PGCONFLINT, TOP_SRCDIR.
"""

import json
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
import policylib  # noqa: E402

def hardening_rules(top):
    """The ids of rules/security_rules.def: the rules these cases prove."""
    import re
    with open(os.path.join(top, 'rules', 'security_rules.def')) as f:
        return re.findall(r'^\{"([a-z0-9-]+)"', f.read(), re.M)


def run_check(pgconflint, case_dir, rule, cwd):
    args = []
    af = os.path.join(case_dir, 'args')
    if os.path.exists(af):
        with open(af) as f:
            args = f.read().replace('{dir}', case_dir).split()
    cmd = [pgconflint, 'check', '--format', 'json', '--extend-select', rule] + args + [case_dir]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=60)
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        return None, 'not JSON (exit %d): %s %s' % (p.returncode, p.stdout[:300], p.stderr[:300])
    got = set()
    fixes = set()
    for f in doc.get('findings', []):
        if f.get('rule') == rule:
            rel = os.path.relpath(f['path'], case_dir)
            got.add('%s:%d' % (rel, f['span']['line']))
            if f.get('fix'):
                fixes.add(f['fix'].get('applicability'))
    run_check.fixes = fixes
    return got, None


def fix_classes(exe):
    """rule id -> fix class (none, safe, unsafe) from `pgconflint rules`."""
    out = subprocess.run([exe, 'rules'], capture_output=True, text=True).stdout
    return dict((l.split()[0], l.split()[2]) for l in out.splitlines()[1:] if l.strip())


def main():
    pgconflint, top = policylib.env()
    base = os.path.join(top, 'testdata', 'rules')
    results = []
    cwd = tempfile.mkdtemp()   # no .pgconflint.yaml is discovered from here
    classes = fix_classes(pgconflint)
    fixes_seen = {}
    for rule in sorted(os.listdir(base)):
        rdir = os.path.join(base, rule)
        for case in sorted(os.listdir(rdir)):
            cdir = os.path.join(rdir, case)
            if not os.path.isdir(cdir):
                continue
            got, err = run_check(pgconflint, cdir, rule, cwd)
            name = '%s %s' % (rule, case)
            if err:
                results.append((False, name, err))
                continue
            if case.startswith('trigger'):
                fixes_seen.setdefault(rule, set()).update(run_check.fixes)
                with open(os.path.join(cdir, 'expect')) as f:
                    want = set(l.strip() for l in f if l.strip())
                ok = got == want and want
                results.append((ok, name, 'got %s, want %s' % (sorted(got), sorted(want))))
            else:
                results.append((not got, name, 'reported at %s' % sorted(got)))
    have = set(os.listdir(base))
    rules = hardening_rules(top)
    results.append((len(rules) > 60, 'security_rules.def lists the hardening rules', repr(len(rules))))
    for rule in rules:
        cases = os.listdir(os.path.join(base, rule)) if rule in have else []
        ok = any(c.startswith('trigger') for c in cases) and any(c.startswith('clean') for c in cases)
        results.append((ok, '%s has trigger and clean cases' % rule, 'missing in testdata/rules'))
        # the remedies its findings carry match the rule table's fix class
        want = classes.get(rule, 'none')
        seen = fixes_seen.get(rule, set())
        ok = seen == set() if want == 'none' else want in seen and seen <= {want}
        if rule.startswith('suppression-'):
            ok = seen == set()
        results.append((ok, '%s: remedies are %s' % (rule, want), 'seen %s' % sorted(seen)))
    os.rmdir(cwd)
    return policylib.report(results)


if __name__ == '__main__':
    sys.exit(main())
