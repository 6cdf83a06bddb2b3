#!/usr/bin/env python3
"""policy_profiles.py - the built-in profiles, each proven on two clusters.

testdata/profiles/PROFILE/pass/ must check clean under --profile PROFILE
(exit 0); fail/ must exit 1 and report every `FILE:LINE RULE` of its `expect`
file: the items that set the profile apart (CIS 17's TLS 1.3, DevSec's
log_hostname = on and exact cipher string, the STIG's log_line_prefix, ...).
Also: every profile's YAML loads without error as a user policy (built in,
a profile is loaded trusted, from tables frozen at build time, and its rules
are not validated again: this is where they are), `policy show --resolved`
of a profile loads back to the same text, and the rule table's `profiles`
column says exactly which profiles enable each rule.

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


def main():
    exe, top = policylib.env()
    base = os.path.join(top, 'testdata', 'profiles')
    cwd = tempfile.mkdtemp()
    results = []
    check = policylib.checker(results)

    listed = subprocess.run([exe, 'policy', 'list'], capture_output=True, text=True, cwd=cwd).stdout
    profiles = [l.split()[0] for l in listed.splitlines() if l.strip() and l.split()[0] != 'builtin']
    check('policy list names the 11 profiles', profiles == ['cis-13', 'cis-14', 'cis-15', 'cis-16', 'cis-17', 'cis-18', 'default', 'devsec', 'none', 'pgdsat', 'stig-16']
          or sorted(profiles) == sorted(['default', 'none', 'cis-13', 'cis-14', 'cis-15', 'cis-16', 'cis-17', 'cis-18', 'devsec', 'stig-16', 'pgdsat']), repr(profiles))

    # each profile's own text, untrusted: every check of a user policy applies
    pdir = os.path.join(top, 'rules', 'policies')
    yamls = sorted(fn for fn in os.listdir(pdir) if fn.endswith('.yaml'))
    check('rules/policies holds builtin and the listed profiles',
          sorted(fn[:-5] for fn in yamls) == sorted(profiles + ['builtin']), repr(yamls))
    for fn in yamls:
        p = subprocess.run([exe, 'policy', 'check', fn], capture_output=True, text=True, cwd=pdir)
        check('rules/policies/%s loads as a user policy with no error' % fn,
              p.returncode == 0 and p.stdout == fn + ': ok\n' and p.stderr == '',
              'exit %d: %r %r' % (p.returncode, p.stdout[:300], p.stderr[:300]))
        p = subprocess.run([exe, 'check', '--policy', os.path.join(pdir, fn), cwd],
                           capture_output=True, text=True, cwd=cwd)
        check('check --policy rules/policies/%s runs' % fn, p.returncode == 0 and p.stderr == '',
              'exit %d: %r' % (p.returncode, p.stderr[:300]))

    for prof in sorted(os.listdir(base)):
        for kind in ('pass', 'fail'):
            d = os.path.join(base, prof, kind)
            p = subprocess.run([exe, 'check', '--format', 'json', '--profile', prof, d],
                               capture_output=True, text=True, cwd=cwd)
            try:
                doc = json.loads(p.stdout)
            except ValueError:
                check('%s %s' % (prof, kind), False, 'not JSON: %s %s' % (p.stdout[:200], p.stderr[:200]))
                continue
            got = set('%s:%d %s' % (os.path.relpath(f['path'], d), f['span']['line'], f['rule'])
                      for f in doc['findings'])
            if kind == 'pass':
                bad = sorted('%s:%d %s' % (os.path.relpath(f['path'], d), f['span']['line'], f['rule'])
                             for f in doc['findings'] if f['severity'] != 'info')
                check('%s pass: exit 0' % prof, p.returncode == 0 and not bad, 'exit %d, %s' % (p.returncode, bad))
            else:
                with open(os.path.join(d, 'expect')) as f:
                    want = set(l.strip() for l in f if l.strip())
                check('%s fail: exit 1' % prof, p.returncode == 1, 'exit %d' % p.returncode)
                check('%s fail: reports its distinguishing items' % prof, want <= got,
                      'missing %s' % sorted(want - got))

    # rules.md section 4: where the anchors disagree, each profile takes its side
    cbase = os.path.join(top, 'testdata', 'profiles-conflicts')
    for case in sorted(os.listdir(cbase)):
        d = os.path.join(cbase, case)
        if not os.path.isdir(d):
            continue
        found = {}
        with open(os.path.join(d, 'expect')) as f:
            wants = [l.split() for l in f if l.strip()]
        for w in wants:
            prof = w[0]
            if prof not in found:
                p = subprocess.run([exe, 'check', '--format', 'json', '--profile', prof, d],
                                   capture_output=True, text=True, cwd=cwd)
                try:
                    fs = json.loads(p.stdout)['findings']
                except ValueError:
                    fs = None
                found[prof] = None if fs is None else set(
                    '%s:%d %s' % (os.path.relpath(x['path'], d), x['span']['line'], x['rule'])
                    for x in fs)
            got = found[prof]
            if got is None:
                check('%s: %s' % (case, ' '.join(w)), False, 'not JSON')
            elif w[1] == '+':
                check('%s: %s reports %s %s' % (case, prof, w[3], w[2]), w[2] + ' ' + w[3] in got,
                      'got %s' % sorted(got))
            else:
                hits = sorted(g for g in got if g.endswith(' ' + w[2]))
                check('%s: %s does not report %s' % (case, prof, w[2]), not hits, 'got %s' % hits)

    # the rule table's profiles column against the profiles themselves
    members = {}
    for prof in profiles:
        out = subprocess.run([exe, 'policy', 'show', '--resolved', '--profile', prof],
                             capture_output=True, text=True, cwd=cwd).stdout
        inrules = False
        for line in out.splitlines():
            if line.startswith('rules:'):
                inrules = True
                continue
            if inrules and not line.startswith('  '):
                inrules = False
            m = re.match(r'  (\S+): \{enabled: (true|false)', line) if inrules else None
            if m:
                members.setdefault(m.group(1), set())
                if m.group(2) == 'true':
                    members[m.group(1)].add(prof)
        # the resolved text is itself a policy that resolves to the same thing
        with tempfile.NamedTemporaryFile('w', suffix='.yaml', delete=False) as f:
            f.write(out)
        again = subprocess.run([exe, 'policy', 'show', '--resolved', '--policy', f.name],
                               capture_output=True, text=True, cwd=cwd)
        os.unlink(f.name)
        strip = lambda t: t.split('\n', 1)[1] if '\n' in t else t
        check('%s: policy show --resolved loads back to itself' % prof,
              again.returncode == 0 and strip(again.stdout) == strip(out), again.stderr[:300])
    table = subprocess.run([exe, 'rules'], capture_output=True, text=True, cwd=cwd).stdout
    # what PostgreSQL refuses to read runs under every profile: the rules a
    # resolved policy does not list are those, and the table says so
    for line in table.splitlines()[1:]:
        if line.split() and line.split()[0] not in members:
            members[line.split()[0]] = set(profiles)
    for rule, profs in sorted(members.items()):
        info = subprocess.run([exe, 'rules', rule], capture_output=True, text=True, cwd=cwd).stdout
        m = re.search(r'^  profiles    (.*)$', info, re.M)
        listed = set()
        for tok in (m.group(1).split() if m else []):
            r = re.match(r'cis-(\d+)\.\.(\d+)$', tok)
            if r:
                listed |= {'cis-%d' % v for v in range(int(r.group(1)), int(r.group(2)) + 1)}
            elif tok != '-':
                listed.add(tok)
        check('%s: the rule table names its profiles' % rule, listed == profs,
              'table %s, profiles %s' % (sorted(listed), sorted(profs)))
        # `rules ID` explains the rule: its table columns, why, and how to fix
        missing = [k for k in (r'^  severity    (error|warning|info)$', r'^  fix         ',
                               r'^  versions    ', r'^Why$', r'^How to fix$')
                   if not re.search(k, info, re.M)]
        check('%s: pgconflint rules %s explains it' % (rule, rule), not missing,
              'missing %s' % missing)
    p = subprocess.run([exe, 'rules', 'hba-method-trst'], capture_output=True, text=True, cwd=cwd)
    check('rules with an unknown id is exit 2 with a suggestion',
          p.returncode == 2 and 'did you mean "hba-method-trust"' in p.stderr,
          'exit %d: %r' % (p.returncode, p.stderr))
    os.rmdir(cwd)
    return policylib.report(results)


if __name__ == '__main__':
    sys.exit(main())
