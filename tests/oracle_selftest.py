#!/usr/bin/env python3
"""oracle_selftest.py - tests the comparison logic of oracle_compare.py.

No server and no pgconflint needed: testdata/oracle-selftest/ holds answers
the oracle gave for some testdata/ files (conf view + startup log, hba and
ident views, one 16 answer with file names) and, for each, a hand-written
JSON of what docs/parse-json.md says pgconflint must print.  Each JSON must
agree with its answer; each listed mutation of it (a dropped or moved error,
a changed field, a flipped `applied`, ...) must be reported as a difference,
and the mutations PostgreSQL cannot see (quoting flags, message wording,
settings after a syntax error, `applied` when values were never checked)
must not.  Then the decoders: COPY escapes, array literals, \\u00XX bytes in
JSON, the "near end of line" off-by-one.  TAP output.
"""

import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True       # never write into a (read-only) source tree
import oracle_compare as oc  # noqa: E402

TOP_SRCDIR = os.environ.get('TOP_SRCDIR', os.path.dirname(HERE))
TD = os.path.join(TOP_SRCDIR, 'testdata')
ST = os.path.join(TD, 'oracle-selftest')

results = []


def check(ok, name, why=''):
    results.append((bool(ok), name, why))


def load_case(case):
    root = os.path.join(TD, case['input'])
    with open(os.path.join(ST, case['name'] + '.json'), 'rb') as f:
        text = f.read()
    text = text.replace(b'@ROOT@', root.encode()).replace(b'@DIR@', os.path.dirname(root).encode())
    ours = oc.load_ours(text)
    answers = {}
    cmds = ['conf', 'startup'] if case['kind'] == 'conf' else [case['kind']]
    if case.get('derived'):
        cmds.append('derived')
    for cmd in cmds:
        with open(os.path.join(ST, '%s.%s.out' % (case['name'], cmd)), 'rb') as f:
            answers[cmd] = f.read()
    return root, ours, answers


def compare(case, root, ours, answers):
    if case['kind'] == 'conf':
        return oc.compare_conf(root, answers['conf'], answers['startup'], ours, case['version'],
                               answers.get('derived'))
    return oc.compare_auth(case['kind'], root, answers[case['kind']], ours, case['version'])


def mutate(ours, m, root):
    j = copy.deepcopy(ours)
    op, _, arg = m.partition(':')
    i = int(arg) if arg else 0
    other = os.path.join(os.path.dirname(root), 'other.conf')
    items = j.get('settings') or j.get('rules') or j.get('mappings') or []
    if op == 'drop-setting' or op == 'drop-rule' or op == 'drop-map':
        del items[i]
    elif op == 'value':
        items[i]['value'] += 'x'
    elif op == 'name':
        items[i]['name'] += 'x'
    elif op == 'applied':
        items[i]['applied'] = not items[i]['applied']
    elif op == 'setting-line':
        items[i]['line'] += 1
    elif op in ('setting-file', 'rule-file'):
        items[i]['file'] = other
    elif op == 'add-setting-late':
        items.append({'file': root, 'line': 9999, 'name': 'work_mem', 'value': '1MB', 'applied': True})
    elif op == 'error-line':
        j['errors'][i]['line'] += 1
    elif op == 'error-line-minus':
        j['errors'][i]['line'] -= 1
    elif op == 'drop-error':
        del j['errors'][i]
    elif op == 'add-error':
        j['errors'].append({'file': root, 'line': 9999, 'column': 1, 'message': 'invented'})
    elif op == 'error-file':
        j['errors'][i]['file'] = other
    elif op == 'message':
        j['errors'][i]['message'] = 'some other wording'
    elif op == 'rule-order':
        items[0], items[1] = items[1], items[0]
    elif op.startswith('rule-') or op.startswith('map-'):
        field = op.split('-', 1)[1]
        x = items[i]
        if field in ('databases', 'users'):
            x[field] = x[field] + ['zz']
        elif field == 'quoted':
            x['users_quoted'] = [not q for q in x['users_quoted']]
        elif field == 'options':
            x['options'] = dict(x['options'] or {}, extra='1')
        elif field == 'netmask':
            x['netmask'] = '255.255.255.254'
        else:
            x[field] = (x[field] or '') + '2'
    else:
        raise ValueError('unknown mutation ' + m)
    return j


def selftest_cases():
    with open(os.path.join(ST, 'cases.json')) as f:
        cases = json.load(f)
    for case in cases:
        try:
            _selftest_case(case)
        except Exception as e:  # a crash is a failed test, not a lost one
            check(False, '%s: runs' % case['name'], '%s: %s' % (type(e).__name__, e))


def _selftest_case(case):
    root, ours, answers = load_case(case)
    r = compare(case, root, ours, answers)
    name = case['name'] + (' (with the blanked copy)' if case.get('derived') else '')
    check(r.agree and r.skip_case is None, '%s: the contract JSON agrees' % name, '; '.join(r.diffs))
    if 'skips' in case:
        check(r.skipped_lines == case['skips'], '%s: %d line(s) not compared' % (name, case['skips']),
              '; '.join(r.skips))
    for m in case['disagree']:
        r2 = compare(case, root, mutate(ours, m, root), answers)
        check(not r2.agree, '%s: mutation %s is a difference' % (name, m), 'no difference found')
    for m in case['agree']:
        r2 = compare(case, root, mutate(ours, m, root), answers)
        check(r2.agree, '%s: mutation %s is invisible to PostgreSQL' % (name, m), '; '.join(r2.diffs))


def selftest_decoders():
    check(oc.copy_unescape(b'\\N') is None, 'COPY: \\N is NULL')
    check(oc.copy_unescape(b'a\\tb\\\\c\\nd\\r') == b'a\tb\\c\nd\r', 'COPY: \\t \\\\ \\n \\r')
    check(oc.copy_unescape(b'\\101\\x42') == b'AB', 'COPY: octal and hex escapes')
    check(oc.parse_pg_array(b'{"db1,db2",db3}') == [b'db1,db2', b'db3'], 'array: quoted element with a comma')
    check(oc.parse_pg_array(b'{""}') == [b''], 'array: empty string element')
    check(oc.parse_pg_array(b'{"user\\"quote","a\\\\b"}') == [b'user"quote', b'a\\b'], 'array: backslash escapes')
    check(oc.parse_pg_array(b'{map=,"ldapsuffix=, dc=x",ldapscope=2}') ==
          [b'map=', b'ldapsuffix=, dc=x', b'ldapscope=2'], 'array: options')
    # a TSV cell holding {"/^db_\\\\d+$"} (COPY escaping of an array literal)
    cell = oc.copy_unescape(b'{"/^db_\\\\\\\\d+$"}')
    check(oc.parse_pg_array(cell) == [b'/^db_\\d+$'], 'array: regex after COPY and array unescaping', repr(cell))
    j = oc.load_ours(b'{"a": "caf\\u00e9", "b": "caf\xc3\xa9", "c": "x\\\\u00e9", "d": "\\u0001\\n"}')
    check(oc.B(j['a']) == b'caf\xe9', 'JSON: \\u00e9 is the byte 0xE9', repr(oc.B(j['a'])))
    check(oc.B(j['b']) == b'caf\xc3\xa9', 'JSON: raw UTF-8 stays UTF-8', repr(oc.B(j['b'])))
    check(oc.B(j['c']) == b'x\\u00e9', 'JSON: an escaped backslash before u00e9 is literal', repr(oc.B(j['c'])))
    check(oc.B(j['d']) == b'\x01\n', 'JSON: control characters')
    for line, want in ((b'work_mem =', True), (b'work_mem', True), (b'a.b =  # c', True), (b'work_mem = 4MB', False),
                       (b'# x', False), (b'', False), (b'a-b', False), (b"'x' =", False), (b'a.b.c', False),
                       (b'work_mem = =', False), (b'\xe9 =', True)):
        check(oc.conf_line_ends_early(line) == want, 'conf lexer: %r ends early: %s' % (line, want))
    # the off-by-one, on testdata files
    p = oc.Paths(os.path.join(TD, 'conf', 'no-final-newline-errors-on-last-two-lines.conf'))
    check(oc._fix_eof_line(p, p.base, 2) == [3, 2], 'EOF fix: both of the last two lines end early')
    p = oc.Paths(os.path.join(TD, 'conf', 'no-final-newline-incomplete-last-line.conf'))
    check(oc._fix_eof_line(p, p.base, 2) == [3], 'EOF fix: the last line ends early')
    p = oc.Paths(os.path.join(TD, 'conf', 'syntax-error-missing-value.conf'))
    check(oc._fix_eof_line(p, p.base, 2) == [2], 'EOF fix: a file with a final newline is left alone')
    p = oc.Paths('/x/y/main.conf')
    check(p.show(b'/x/y/main.conf') == b'main.conf' and p.show(b'/x/y/conf.d/a.conf') == b'conf.d/a.conf'
          and p.show(b'/x/z.conf') == b'../z.conf' and p.show(b'/other/a.conf') == b'/other/a.conf'
          and p.show(b'sub/../b.conf') == b'b.conf', 'paths shown as the oracle shows them')
    check(p.message(b'could not open configuration file "/x/y/missing.conf": No such file')
          == b'could not open configuration file "missing.conf": No such file', 'paths in messages')
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(ST, 'conf-syntax-errors-several-lines.startup.out'), 'rb') as f:
            d = oc.derive_conf(os.path.join(TD, 'conf', 'syntax-errors-several-lines.conf'), f.read(), 15, tmp)
        with open(d, 'rb') as f:
            lines = f.read().split(b'\n')
        check([i + 1 for i, x in enumerate(lines) if x == b''] == [3, 5, 6, 8, 9, 10]
              and lines[3] == b'enable_seqscan = on', 'the blanked copy empties exactly the syntax-error lines',
              repr(lines))
    p = oc.Paths(os.path.join(TD, 'conf', 'include-self-direct', 'main.conf'))
    check(oc.root_self_include(p), 'a main file that includes itself is recognised')
    p = oc.Paths(os.path.join(TD, 'conf', 'include-self-nested', 'main.conf'))
    check(not oc.root_self_include(p), 'a nested self-include is not the oracle artefact')


def main():
    if not os.path.isdir(ST):
        print('1..0 # SKIP %s not found' % ST)
        return 0
    selftest_cases()
    selftest_decoders()
    print('1..%d' % len(results))
    for n, (ok, name, why) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', n, name))
        if not ok and why:
            print('#   ' + why[:500])
    return 0


if __name__ == '__main__':
    sys.exit(main())
