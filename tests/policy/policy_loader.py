#!/usr/bin/env python3
"""policy_loader.py - loading policies: every error path, every constraint
kind, discovery, and the bound on catastrophic patterns.

* testdata/policy/errors/NAME.yaml: `pgconflint policy check NAME.yaml` must
  print exactly NAME.expect (errors located as NAME.yaml:LINE:COL) and exit
  2; `pgconflint check --policy NAME.yaml` must exit 2 with the same lines on
  standard error and nothing checked.
* testdata/policy/constraints/CASE/: `check --policy CASE/policy.yaml CASE`
  must report exactly the `FILE:LINE RULE SEVERITY` lines of CASE/expect.
* testdata/policy/discovery/: .pgconflint.yaml is found from sub/ upward;
  --profile and --policy take its place.

Environment: PGCONFLINT, TOP_SRCDIR.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
import policylib  # noqa: E402


def main():
    exe, top = policylib.env()
    base = os.path.join(top, 'testdata', 'policy')
    tmp = tempfile.mkdtemp()
    results = []
    check = policylib.checker(results)

    edir = os.path.join(base, 'errors')
    empty = os.path.join(tmp, 'postgresql.conf')
    with open(empty, 'w') as f:
        f.write('work_mem = 4MB\n')
    for fn in sorted(os.listdir(edir)):
        if not fn.endswith('.yaml'):
            continue
        name = fn[:-5]
        with open(os.path.join(edir, name + '.expect')) as f:
            want = f.read()
        p = subprocess.run([exe, 'policy', 'check', fn], capture_output=True, text=True, cwd=edir)
        check('%s: policy check exits 2' % name, p.returncode == 2, 'exit %d' % p.returncode)
        check('%s: located errors' % name, p.stdout == want,
              'got:\n#   ' + p.stdout.replace('\n', '\n#   ') + '\n# want:\n#   ' +
              want.replace('\n', '\n#   '))
        p = subprocess.run([exe, 'check', '--policy', fn, empty], capture_output=True, text=True,
                           cwd=edir)
        check('%s: check --policy exits 2 before checking' % name,
              p.returncode == 2 and p.stderr == want and p.stdout == '',
              'exit %d, stderr %r, stdout %r' % (p.returncode, p.stderr[:200], p.stdout[:200]))

    p = subprocess.run([exe, 'check', '--policy', os.path.join(tmp, 'none.yaml'), empty],
                       capture_output=True, text=True)
    check('a missing policy file is exit 2', p.returncode == 2 and 'cannot read policy' in p.stderr,
          p.stderr)
    p = subprocess.run([exe, 'check', '--profile', 'cis-99', empty], capture_output=True, text=True)
    check('an unknown --profile is exit 2', p.returncode == 2 and 'unknown profile' in p.stderr,
          p.stderr)

    cdir = os.path.join(base, 'constraints')
    for case in sorted(os.listdir(cdir)):
        d = os.path.join(cdir, case)
        p = subprocess.run([exe, 'check', '--format', 'json', '--policy',
                            os.path.join(d, 'policy.yaml'), d],
                           capture_output=True, text=True, cwd=tmp)
        try:
            fs = json.loads(p.stdout)['findings']
        except ValueError:
            check(case, False, 'exit %d: %s %s' % (p.returncode, p.stdout[:200], p.stderr[:300]))
            continue
        got = set('%s:%d %s %s' % (os.path.relpath(f['path'], d), f['span']['line'], f['rule'],
                                   f['severity']) for f in fs)
        with open(os.path.join(d, 'expect')) as f:
            want = set(l.strip() for l in f if l.strip())
        check('constraint %s' % case, got == want,
              'got %s, want %s' % (sorted(got), sorted(want)))

    # a settings rule's message is the finding's message
    d = os.path.join(cdir, 'max-unit-aware')
    p = subprocess.run([exe, 'check', '--format', 'json', '--policy',
                        os.path.join(d, 'policy.yaml'), d], capture_output=True, text=True, cwd=tmp)
    msgs = [f['message'] for f in json.loads(p.stdout)['findings']
            if f['rule'] == 'acme-work-mem-cap']
    check('a settings rule reports its own message',
          len(msgs) == 1 and msgs[0].startswith('work_mem above 64MB risks OOM'), repr(msgs))

    d = os.path.join(cdir, 'version-precedence')
    p = subprocess.run([exe, 'check', '--format', 'json', '--pg-version', '15', '--policy',
                        os.path.join(d, 'policy.yaml'), d], capture_output=True, text=True, cwd=tmp)
    rules = sorted(f['rule'] for f in json.loads(p.stdout)['findings'])
    check('--pg-version wins over PG_VERSION and the policy', rules == ['acme-up-to-16'],
          repr(rules))

    sub = os.path.join(base, 'discovery', 'sub')
    p = subprocess.run([exe, 'check', '--format', 'json', '.'], capture_output=True, text=True,
                       cwd=sub)
    rules = sorted(f['rule'] for f in json.loads(p.stdout)['findings'])
    check('.pgconflint.yaml is found in a parent directory', rules == ['acme-discovered'],
          repr(rules))
    p = subprocess.run([exe, 'check', '--format', 'json', '--profile', 'default', '.'],
                       capture_output=True, text=True, cwd=sub)
    rules = set(f['rule'] for f in json.loads(p.stdout)['findings'])
    check('--profile replaces the discovered policy',
          'conf-ssl-off' in rules and 'acme-discovered' not in rules, repr(sorted(rules)))

    # an error inside an extended file is located in that file
    ext = os.path.join(tmp, 'ext')
    os.makedirs(ext)
    with open(os.path.join(ext, 'top.yaml'), 'w') as f:
        f.write('extends: ./base.yaml\n')
    with open(os.path.join(ext, 'base.yaml'), 'w') as f:
        f.write('# the layer below\nrules:\n  hba-method-md5: {severity: fatal}\n')
    p = subprocess.run([exe, 'policy', 'check', 'top.yaml'], capture_output=True, text=True,
                       cwd=ext)
    fatal = ': error: "severity" must be error, warning or info, not "fatal"\n'
    check('an error in an extended file is located there (base.yaml:3:30)',
          p.returncode == 2 and p.stdout == 'base.yaml:3:30' + fatal,
          'exit %d: %r' % (p.returncode, p.stdout))
    # ... and named beside the file that extends it, as the user named that
    # one, normalised: never the absolute path nor "./" or "sub/.." in it
    os.makedirs(os.path.join(ext, 'sub'))
    with open(os.path.join(ext, 'sub', 'inner.yaml'), 'w') as f:
        f.write('rules:\n  hba-method-md5: {severity: fatal}\n')
    with open(os.path.join(ext, 'via-sub.yaml'), 'w') as f:
        f.write('extends: sub/./inner.yaml\n')
    with open(os.path.join(ext, 'sub', 'up.yaml'), 'w') as f:
        f.write('extends: ../base.yaml\n')
    with open(os.path.join(ext, 'sub', 'round.yaml'), 'w') as f:
        f.write('extends: ../sub/../base.yaml\n')
    with open(os.path.join(ext, 'sub', 'two.yaml'), 'w') as f:
        f.write('extends: ./round.yaml\n')
    for cwd, arg, want in [(ext, 'via-sub.yaml', 'sub/inner.yaml:2:30'),
                           (ext, './via-sub.yaml', 'sub/inner.yaml:2:30'),
                           (os.path.join(ext, 'sub'), 'up.yaml', '../base.yaml:3:30'),
                           (ext, 'sub/round.yaml', 'base.yaml:3:30'),
                           (ext, 'sub/two.yaml', 'base.yaml:3:30'),
                           (os.path.join(ext, 'sub'), '../via-sub.yaml',
                            '../sub/inner.yaml:2:30'),
                           (tmp, os.path.join(ext, 'sub', 'up.yaml'),
                            os.path.join(ext, 'base.yaml') + ':3:30')]:
        p = subprocess.run([exe, 'policy', 'check', arg], capture_output=True, text=True,
                           cwd=cwd)
        check('policy check %s (in %s) names the extended file %s' %
              (arg, os.path.relpath(cwd, tmp), want),
              p.returncode == 2 and p.stdout == want + fatal,
              'exit %d: %r' % (p.returncode, p.stdout))
    # a cycle through two files is reported where it closes
    with open(os.path.join(ext, 'a.yaml'), 'w') as f:
        f.write('extends: b.yaml\n')
    with open(os.path.join(ext, 'b.yaml'), 'w') as f:
        f.write('rules:\n  hba-method-md5: {severity: error}\nextends: a.yaml\n')
    p = subprocess.run([exe, 'policy', 'check', 'a.yaml'], capture_output=True, text=True,
                       cwd=ext)
    check('an extends cycle through two files is located in the second (b.yaml:3:10)',
          p.returncode == 2 and p.stdout ==
          'b.yaml:3:10: error: "extends" cycle: "a.yaml" is already being loaded\n',
          'exit %d: %r' % (p.returncode, p.stdout))
    # an extends chain longer than 16 files is refused
    for i in range(20):
        with open(os.path.join(ext, 'chain%d.yaml' % i), 'w') as f:
            f.write('extends: chain%d.yaml\n' % (i + 1) if i < 19 else 'extends: none\n')
    p = subprocess.run([exe, 'policy', 'check', 'chain0.yaml'], capture_output=True, text=True,
                       cwd=ext)
    check('an extends chain deeper than 16 files is an error',
          p.returncode == 2 and 'chain17.yaml:1:1: error: "extends" chain is deeper than 16 files'
          in p.stdout, 'exit %d: %r' % (p.returncode, p.stdout))
    p = subprocess.run([exe, 'policy', 'check', 'chain4.yaml'], capture_output=True, text=True,
                       cwd=ext)
    check('a chain of 16 files loads', p.returncode == 0, 'exit %d: %r' % (p.returncode, p.stdout))

    # a catastrophic pattern is cut short by the match limit, never a hang
    pol = os.path.join(tmp, 'slow.yaml')
    with open(pol, 'w') as f:
        f.write("extends: none\nsettings:\n  - id: acme-slow\n    name: cluster_name\n"
                "    not_matches: '^(a+)+$'\n")
    conf = os.path.join(tmp, 'slow', 'postgresql.conf')
    os.makedirs(os.path.dirname(conf))
    with open(conf, 'w') as f:
        f.write("cluster_name = '%sb'\n" % ('a' * 60))
    try:
        p = subprocess.run([exe, 'check', '--format', 'json', '--policy', pol, conf],
                           capture_output=True, text=True, timeout=120)
        msgs = [x['message'] for x in json.loads(p.stdout)['findings'] if x['rule'] == 'acme-slow']
        check('a catastrophic pattern is bounded and reported', len(msgs) == 1 and
              'match limit' in msgs[0], repr(msgs))
    except subprocess.TimeoutExpired:
        check('a catastrophic pattern is bounded and reported', False, 'still running after 120 s')

    # the built-in profiles print as written, each of them
    pdir = os.path.join(top, 'rules', 'policies')
    for fn in sorted(os.listdir(pdir)):
        if not fn.endswith('.yaml'):
            continue
        p = subprocess.run([exe, 'policy', 'show', '--profile', fn[:-5]], capture_output=True,
                           text=True)
        with open(os.path.join(pdir, fn)) as f:
            check('policy show --profile %s prints rules/policies/%s' % (fn[:-5], fn),
                  p.returncode == 0 and p.stdout == f.read(), 'exit %d' % p.returncode)

    shutil.rmtree(tmp)
    return policylib.report(results)


if __name__ == '__main__':
    sys.exit(main())
