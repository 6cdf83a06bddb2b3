#!/usr/bin/env python3
"""json_output.py - `pgconflint check --format json` against its published
schema, docs/json-schema/check-v1.json, with a small validator for the part
of JSON Schema the file uses (standard library only). A schema keyword the
validator does not know is an error, so the schema cannot quietly rely on
something nobody checks. Besides the schema, the output has to agree with
itself and with the files: counts, exit code, and every span's offset
landing on the line and column it claims.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
import uxlib  # noqa: E402

ANNOTATIONS = {'$schema', '$id', 'title', 'description', '$defs', '$comment', 'default',
               'examples'}
TYPES = {
    'object': lambda v: isinstance(v, dict),
    'array': lambda v: isinstance(v, list),
    'string': lambda v: isinstance(v, str),
    'integer': lambda v: isinstance(v, int) and not isinstance(v, bool),
    'number': lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    'boolean': lambda v: isinstance(v, bool),
    'null': lambda v: v is None,
}


class SchemaError(Exception):
    pass


def validate(root, schema, value, where='$'):
    """Yield 'where: problem' strings; none when `value` matches."""
    for key in schema:
        if key not in ANNOTATIONS and key not in (
                '$ref', 'type', 'const', 'enum', 'properties', 'required',
                'additionalProperties', 'items', 'minimum', 'minLength', 'pattern'):
            raise SchemaError('%s: keyword %r is not supported by this validator' % (where, key))
    if '$ref' in schema:
        ref = schema['$ref']
        if not ref.startswith('#/'):
            raise SchemaError('only local $ref: %s' % ref)
        target = root
        for part in ref[2:].split('/'):
            target = target[part]
        yield from validate(root, target, value, where)
    if 'type' in schema:
        types = schema['type'] if isinstance(schema['type'], list) else [schema['type']]
        if not any(TYPES[t](value) for t in types):
            yield '%s: %r is not of type %s' % (where, value, '/'.join(types))
            return
    if 'const' in schema and not (value == schema['const'] and type(value) is type(schema['const'])):
        yield '%s: %r is not %r' % (where, value, schema['const'])
    if 'enum' in schema and not any(value == e and type(value) is type(e) for e in schema['enum']):
        yield '%s: %r is not one of %r' % (where, value, schema['enum'])
    if isinstance(value, dict):
        props = schema.get('properties', {})
        for name in schema.get('required', []):
            if name not in value:
                yield '%s: %r is required' % (where, name)
        for k, v in value.items():
            if k in props:
                yield from validate(root, props[k], v, '%s.%s' % (where, k))
            elif 'additionalProperties' in schema:
                extra = schema['additionalProperties']
                if extra is False:
                    yield '%s: unexpected property %r' % (where, k)
                elif isinstance(extra, dict):
                    yield from validate(root, extra, v, '%s.%s' % (where, k))
    if isinstance(value, list) and 'items' in schema:
        for i, v in enumerate(value):
            yield from validate(root, schema['items'], v, '%s[%d]' % (where, i))
    if TYPES['number'](value) and 'minimum' in schema and value < schema['minimum']:
        yield '%s: %r is below %r' % (where, value, schema['minimum'])
    if isinstance(value, str):
        if 'minLength' in schema and len(value) < schema['minLength']:
            yield '%s: %r is shorter than %d' % (where, value, schema['minLength'])
        if 'pattern' in schema and not re.search(schema['pattern'], value):
            yield '%s: %r does not match %s' % (where, value, schema['pattern'])


def linecol(data, off):
    line = data.count(b'\n', 0, off) + 1
    start = data.rfind(b'\n', 0, off) + 1
    return line, off - start + 1


def consistency(doc, rc, cwd, held=None):
    """Problems where the output disagrees with itself or with the files."""
    out = []
    s = doc['summary']
    sev = {'error': 0, 'warning': 0, 'info': 0}
    for f in doc['findings']:
        sev[f['severity']] += 1
    for k, name in (('error', 'errors'), ('warning', 'warnings'), ('info', 'info')):
        if s[name] != sev[k]:
            out.append('summary.%s = %d, findings have %d' % (name, s[name], sev[k]))
    if sum(s['by_rule'].values()) != len(doc['findings']):
        out.append('by_rule adds up to %d, %d findings' % (sum(s['by_rule'].values()),
                                                           len(doc['findings'])))
    if s['exit_code'] != rc:
        out.append('summary.exit_code %d, process exited %d' % (s['exit_code'], rc))
    if s['unreadable'] != len(doc['errors']):
        out.append('unreadable %d, %d errors listed' % (s['unreadable'], len(doc['errors'])))
    fps = [f['fingerprint'] for f in doc['findings']]
    if len(set(fps)) != len(fps):
        out.append('fingerprints repeat')
    keys = [(f['path'], f['rule'], f['message'], json.dumps(f['span'])) for f in doc['findings']]
    if len(set(keys)) != len(keys):
        out.append('a finding is reported twice')
    cache = dict(held or {})

    def check_span(path, span, what):
        if span is None or 'offset' not in span:
            return
        p = path if path in cache else os.path.join(cwd, path)
        if p not in cache:
            try:
                with open(p, 'rb') as fh:
                    cache[p] = fh.read()
            except OSError:
                cache[p] = None
        data = cache[p]
        if data is None:
            return
        end = span['offset'] + span['length']
        if end > len(data):
            out.append('%s %s: span ends at byte %d, file has %d' % (what, path, end, len(data)))
            return
        if linecol(data, span['offset']) != (span['line'], span['column']):
            out.append('%s %s: offset %d is at %s, span says %s' % (
                what, path, span['offset'], linecol(data, span['offset']),
                (span['line'], span['column'])))
        if (span['end_line'], span['end_column']) < (span['line'], span['column']):
            out.append('%s %s: span ends before it starts' % (what, path))

    for f in doc['findings']:
        check_span(f['path'], f['span'], f['rule'])
        for r in f['related']:
            check_span(r['path'], r['span'], f['rule'] + ' related')
        if f['fix'] and f['fix'].get('edits'):
            for e in f['fix']['edits']:
                check_span(e['path'], e['span'], f['rule'] + ' edit')
    return out


def main():
    pgconflint = os.environ.get('PGCONFLINT')
    top = uxlib.top_srcdir()
    with open(os.path.join(top, 'docs', 'json-schema', 'check-v1.json')) as fh:
        schema = json.load(fh)
    tap = uxlib.Tap(20)

    def problems(doc):
        return list(validate(schema, schema, doc))

    # The validator itself: a valid document passes, each kind of breakage is caught.
    good = {
        'schema_version': 1, 'tool': {'name': 'pgconflint', 'version': '0.1.0'},
        'findings': [{
            'rule': 'hba-shadowed-line', 'severity': 'warning', 'message': 'm', 'detail': None,
            'path': 'pg_hba.conf',
            'span': {'line': 2, 'column': 1, 'end_line': 2, 'end_column': 5, 'offset': 3,
                     'length': 4},
            'related': [{'path': 'pg_hba.conf', 'span': None, 'message': 'x'}],
            'fingerprint': '0123456789abcdef',
            'fix': {'applicability': 'unsafe', 'description': 'd', 'edits': [
                {'path': 'pg_hba.conf', 'span': None, 'replacement': ''}]},
        }],
        'errors': [{'path': 'x', 'message': 'y', 'code': 'io-error'}],
        'summary': {'files': 1, 'errors': 0, 'warnings': 1, 'info': 0, 'unreadable': 1,
                    'fixable': 0, 'fixable_unsafe': 1, 'baselined': 0,
                    'stale_baseline_entries': 0, 'by_rule': {'hba-shadowed-line': 1},
                    'exit_code': 2},
    }
    tap.ok(problems(good) == [], 'validator accepts a valid document', problems(good))
    breakages = [
        ('a missing required key', lambda d: d['summary'].pop('files')),
        ('a wrong type', lambda d: d['summary'].__setitem__('files', '1')),
        ('a boolean where an integer belongs', lambda d: d['summary'].__setitem__('files', True)),
        ('an unknown property', lambda d: d['findings'][0].__setitem__('extra', 1)),
        ('a value outside an enum', lambda d: d['findings'][0].__setitem__('severity', 'fatal')),
        ('a pattern mismatch', lambda d: d['findings'][0].__setitem__('fingerprint', 'XYZ')),
        ('a wrong const', lambda d: d.__setitem__('schema_version', 2)),
        ('a negative count', lambda d: d['summary'].__setitem__('info', -1)),
        ('a bad span behind a $ref', lambda d: d['findings'][0]['span'].__setitem__('line', 0)),
        ('a bad item in a nested array',
         lambda d: d['findings'][0]['fix']['edits'][0].pop('replacement')),
        ('a bad additionalProperties value',
         lambda d: d['summary']['by_rule'].__setitem__('x', 0)),
    ]
    for name, breakage in breakages:
        d = json.loads(json.dumps(good))
        breakage(d)
        tap.ok(problems(d) != [], 'validator rejects %s' % name)
    try:
        list(validate({}, {'oneOf': []}, 1))
        tap.ok(False, 'validator refuses keywords it does not implement')
    except SchemaError:
        tap.ok(True, 'validator refuses keywords it does not implement')

    if not uxlib.have_program(tap, pgconflint):
        return tap.done()

    work = tempfile.mkdtemp()
    try:
        uxlib.copy_testdata(top, work)
        runs = [
            ('examples', ['testdata/examples'], None),
            ('batch (clusters, includes, auto.conf)', ['testdata/batch'], None),
            ('conf cases', ['testdata/conf'], None),
            ('hba cases', ['--kind', 'hba', 'testdata/hba'], None),
            ('ident cases', ['testdata/ident', '--kind', 'ident'], None),
            ('an unreadable file among others', ['testdata/examples', 'no/such/file.conf'], None),
            ('stdin under a file name',
             ['--stdin-filename', 'testdata/batch/datadir/pg_hba.conf'],
             b'local all all trust\nhost all all 0.0.0.0/0 md5\nhost all all 10.0.0.0/8 md5\n'),
            ('a clean file', ['testdata/examples/hardened/pg_ident.conf'], None),
            ('opt-in rules', ['--extend-select', 'conf-restart-required,hba-no-final-reject',
                              'testdata/conf', 'testdata/examples'], None),
        ]
        outputs = {}
        for name, args, stdin in runs:
            p = subprocess.run([pgconflint, 'check', '--format', 'json'] + args, cwd=work,
                               input=stdin if stdin is not None else b'', capture_output=True,
                               timeout=300)
            try:
                doc = json.loads(p.stdout)
            except ValueError as e:
                tap.ok(False, '%s: output is JSON' % name, '%s\n%s' % (e, p.stderr.decode()[:500]))
                continue
            outputs[name] = p.stdout
            probs = problems(doc)
            tap.ok(not probs, '%s: matches the schema (%d findings)' % (name, len(doc['findings'])),
                   '\n'.join(probs))
            held = {args[1]: stdin} if stdin is not None else None
            inc = consistency(doc, p.returncode, work, held)
            tap.ok(not inc, '%s: counts, exit code and spans agree with the files' % name,
                   '\n'.join(inc))
        tap.ok(json.loads(outputs['a clean file'])['findings'] == []
               if 'a clean file' in outputs else False, 'a clean file has no findings')
        unread = json.loads(outputs.get('an unreadable file among others', b'{}') or b'{}')
        tap.ok(any(e['path'] == 'no/such/file.conf' for e in unread.get('errors', [])),
               'an unreadable file is listed under errors')
        p = subprocess.run([pgconflint, 'check', '--format', 'json', '--jobs', '1',
                            'testdata/conf', 'testdata/batch'], cwd=work, capture_output=True)
        q = subprocess.run([pgconflint, 'check', '--format', 'json', '--jobs', '7',
                            'testdata/conf', 'testdata/batch'], cwd=work, capture_output=True)
        tap.ok(p.stdout == q.stdout and p.stdout, 'the same JSON with 1 job and with 7')
    finally:
        shutil.rmtree(work)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
