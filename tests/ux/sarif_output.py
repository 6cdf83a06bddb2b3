#!/usr/bin/env python3
"""sarif_output.py - `pgconflint check --format sarif` against a real SARIF
validator, the SARIF Multitool's `validate` (npm package
@microsoft/sarif-multitool) with its SARIF and GitHub rule sets, and against
the facts GitHub code scanning needs when it ingests a file (required
properties, limits, relative URIs, fingerprints).

The Multitool is installed with npm into the build tree on first use
($TOP_BUILDDIR/sarif-multitool), or taken from $PGCL_SARIF_MULTITOOL. Without
npm (or without network for the first install) the validator checks are
skipped with the reason, unless PGCL_REQUIRE_ORACLE=1 makes them required.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
import uxlib  # noqa: E402

# Validator findings that do not apply: SARIF2005 asks for the tool's web
# page (informationUri), which pgconflint writes only when configure knows
# a project URL.
TOLERATED = {'SARIF2005'}


def find_multitool(builddir):
    """(path, None) or (None, reason)."""
    env = os.environ.get('PGCL_SARIF_MULTITOOL')
    if env:
        return (env, None) if os.access(env, os.X_OK) else (None, '%s is not executable' % env)
    prefix = os.path.join(builddir, 'sarif-multitool')
    pkg = os.path.join(prefix, 'node_modules', '@microsoft', 'sarif-multitool')
    if not os.path.isdir(pkg):
        npm = shutil.which('npm')
        if not npm:
            return None, 'npm is not installed (Debian: apt-get install npm)'
        p = subprocess.run([npm, 'install', '--prefix', prefix, '--no-audit', '--no-fund',
                            '--loglevel=error', '@microsoft/sarif-multitool@5'],
                           capture_output=True, timeout=600)
        if p.returncode != 0 or not os.path.isdir(pkg):
            return None, 'npm install @microsoft/sarif-multitool failed: %s' % (
                p.stderr.decode('utf-8', 'replace').strip().splitlines()[-1:] or ['?'])[0]
    node = shutil.which('node') or shutil.which('nodejs')
    if not node:
        return None, 'node is not installed'
    p = subprocess.run([node, '-e', 'process.stdout.write(require(process.argv[1]))', pkg],
                       capture_output=True)
    path = p.stdout.decode()
    if p.returncode != 0 or not os.path.isfile(path):
        return None, 'the Multitool has no binary for this platform'
    os.chmod(path, os.stat(path).st_mode | 0o100)   # npm may skip its postinstall chmod
    return path, None


def validate(tool, files, work):
    """Run `validate` on the files; -> (list of (file, ruleId, level, text), error)."""
    log = os.path.join(work, 'validation.sarif')
    if os.path.exists(log):
        os.unlink(log)
    p = subprocess.run([tool, 'validate', '--rule-kind', 'Sarif;Gh', '-o', log] + files,
                       capture_output=True, timeout=600, cwd=work)
    if not os.path.exists(log):
        return None, 'validate wrote no log (exit %d): %s' % (
            p.returncode, (p.stdout + p.stderr).decode('utf-8', 'replace')[-800:])
    with open(log) as fh:
        doc = json.load(fh)
    found = []
    for run in doc.get('runs', []):
        for inv in run.get('invocations', []):
            if not inv.get('executionSuccessful', False):
                return None, 'validate did not run successfully: %s' % json.dumps(inv)[:800]
        rules = {r.get('id'): r for r in run.get('tool', {}).get('driver', {}).get('rules', [])}
        for r in run.get('results', []):
            loc = r.get('locations', [{}])[0].get('physicalLocation', {})
            uri = loc.get('artifactLocation', {}).get('uri', '?')
            msg = r.get('message', {})
            text = msg.get('text')
            if text is None:
                rule = rules.get(r.get('ruleId'), {})
                fmt = rule.get('messageStrings', {}).get(msg.get('id', ''), {}).get('text', '')
                text = fmt
                for i, a in enumerate(msg.get('arguments', [])):
                    text = text.replace('{%d}' % i, str(a))
            found.append((os.path.basename(uri), r.get('ruleId'), r.get('level', 'warning'), text))
    return found, None


def github_facts(doc):
    """Problems with what GitHub code scanning requires of an uploaded file."""
    out = []
    if doc.get('version') != '2.1.0' or not doc.get('$schema'):
        out.append('version 2.1.0 and $schema are required')
    runs = doc.get('runs', [])
    if len(runs) != 1:
        out.append('one run per file (%d)' % len(runs))
        return out
    run = runs[0]
    drv = run['tool']['driver']
    if not drv.get('name') or 'rules' not in drv:
        out.append('tool.driver needs name and rules')
    rules = drv.get('rules', [])
    ids = [r['id'] for r in rules]
    if len(set(ids)) != len(ids):
        out.append('rule ids repeat')
    for r in rules:
        for k in ('shortDescription', 'fullDescription', 'help'):
            t = r.get(k, {}).get('text', '')
            if not t or len(t) > 1024:
                out.append('rule %s: %s.text must be 1..1024 characters' % (r['id'], k))
        if len(r.get('name', '')) > 255:
            out.append('rule %s: name over 255 characters' % r['id'])
        if r.get('defaultConfiguration', {}).get('level') not in ('note', 'warning', 'error'):
            out.append('rule %s: defaultConfiguration.level' % r['id'])
        if len(r.get('properties', {}).get('tags', [])) > 20:
            out.append('rule %s: more than 20 tags' % r['id'])
    results = run.get('results', [])
    if len(results) > 25000:
        out.append('more than 25,000 results')
    for i, res in enumerate(results):
        where = 'result %d (%s)' % (i, res.get('ruleId'))
        if res.get('ruleId') not in ids:
            out.append('%s: ruleId not in tool.driver.rules' % where)
        elif 'ruleIndex' in res and ids[res['ruleIndex']] != res['ruleId']:
            out.append('%s: ruleIndex points at %s' % (where, ids[res['ruleIndex']]))
        if res.get('level') not in ('note', 'warning', 'error'):
            out.append('%s: level' % where)
        if not res.get('message', {}).get('text'):
            out.append('%s: message.text is required' % where)
        locs = res.get('locations', [])
        if not 1 <= len(locs) <= 10:
            out.append('%s: 1 to 10 locations' % where)
        if not res.get('partialFingerprints'):
            out.append('%s: partialFingerprints' % where)
        if len(res.get('relatedLocations', [])) > 1000:
            out.append('%s: more than 1000 related locations' % where)
        for loc in locs + res.get('relatedLocations', []):
            pl = loc.get('physicalLocation', {})
            uri = pl.get('artifactLocation', {}).get('uri', '')
            if not uri or uri.startswith('./') or '\\' in uri or ' ' in uri:
                out.append('%s: uri %r is not a clean relative or file: URI' % (where, uri))
            if not uri.startswith('file://') and pl.get('artifactLocation', {}).get(
                    'uriBaseId') not in run.get('originalUriBaseIds', {}):
                out.append('%s: relative uri %r without a known uriBaseId' % (where, uri))
            reg = pl.get('region')
            if not reg or reg.get('startLine', 0) < 1:
                out.append('%s: region.startLine >= 1 is required' % where)
            elif 'endLine' in reg and (reg['endLine'], reg.get('endColumn', 0)) < (
                    reg['startLine'], reg.get('startColumn', 0)):
                out.append('%s: region ends before it starts' % where)
    return out


def main():
    pgconflint = os.environ.get('PGCONFLINT')
    top = uxlib.top_srcdir()
    builddir = os.environ.get('TOP_BUILDDIR', os.getcwd())
    required = os.environ.get('PGCL_REQUIRE_ORACLE') == '1'
    tap = uxlib.Tap(25)
    if not uxlib.have_program(tap, pgconflint):
        return tap.done()
    work = tempfile.mkdtemp()
    try:
        uxlib.copy_testdata(top, work)
        # a file with multi-byte characters before a finding: columns in code points
        with open(os.path.join(work, 'testdata', 'utf8 name.conf'), 'wb') as fh:
            fh.write("application_name = 'h\u00e9llo' x\n".encode())
        runs = {
            'examples': ['testdata/examples'],
            'batch': ['testdata/batch'],
            'conf': ['testdata/conf'],
            'hba': ['--kind', 'hba', 'testdata/hba', '--extend-select', 'hba-no-final-reject'],
            'ident': ['--kind', 'ident', 'testdata/ident'],
            'unreadable': ['testdata/examples/insecure', 'missing/pg_hba.conf'],
            'utf8': ['testdata/utf8 name.conf'],
            'clean': ['testdata/examples/hardened/pg_ident.conf'],
        }
        files = []
        for name, args in runs.items():
            p = subprocess.run([pgconflint, 'check', '--format', 'sarif'] + args, cwd=work,
                               capture_output=True, timeout=300)
            path = os.path.join(work, name + '.sarif')
            with open(path, 'wb') as fh:
                fh.write(p.stdout)
            try:
                doc = json.loads(p.stdout)
            except ValueError as e:
                tap.ok(False, '%s: SARIF output is JSON' % name, e)
                continue
            files.append(path)
            probs = github_facts(doc)
            tap.ok(not probs, '%s: what GitHub code scanning requires (%d results)' % (
                name, len(doc['runs'][0]['results'])), '\n'.join(probs))
            inv = doc['runs'][0].get('invocations', [{}])[0]
            tap.ok(inv.get('exitCode') == p.returncode,
                   '%s: invocation exitCode is the exit status (%d)' % (name, p.returncode),
                   json.dumps(inv)[:300])
        unread = json.load(open(os.path.join(work, 'unreadable.sarif')))
        notes = unread['runs'][0]['invocations'][0].get('toolExecutionNotifications', [])
        tap.ok(any('missing/pg_hba.conf' in n['message']['text'] for n in notes) and
               unread['runs'][0]['invocations'][0]['executionSuccessful'] is False,
               'an unreadable file is a tool execution notification, not silence')
        utf8 = json.load(open(os.path.join(work, 'utf8.sarif')))
        res = [r for r in utf8['runs'][0]['results'] if 'near token "x"' in r['message']['text']]
        reg = res[0]['locations'][0]['physicalLocation'] if res else {}
        tap.ok(res and reg['region']['startColumn'] == 28 and reg['region']['byteOffset'] == 28 and
               reg['artifactLocation']['uri'] == 'testdata/utf8%20name.conf',
               'columns count code points (byteOffset counts bytes); URIs are percent-encoded',
               json.dumps(reg))

        tool, why = find_multitool(builddir)
        if not tool:
            if required:
                tap.ok(False, 'the SARIF Multitool is available (PGCL_REQUIRE_ORACLE=1)', why)
            else:
                tap.skip('the SARIF Multitool validates our SARIF', why)
                tap.skip('the SARIF Multitool catches a broken file', why)
        else:
            found, err = validate(tool, files, work)
            if err:
                tap.ok(False, 'the SARIF Multitool validates our SARIF', err)
            else:
                bad = [f for f in found if f[2] in ('error', 'warning') and f[1] not in TOLERATED]
                tap.ok(not bad, 'the SARIF Multitool (rules Sarif;Gh) finds no error or warning '
                                'in %d files' % len(files),
                       '\n'.join('%s: %s %s: %s' % f for f in bad))
            # the validator can fail: a file with a region on line 0
            broken = json.load(open(files[0]))
            r0 = broken['runs'][0]['results'][0] if broken['runs'][0]['results'] else None
            if r0:
                r0['locations'][0]['physicalLocation']['region']['startLine'] = 0
            broken['runs'][0]['tool']['driver'].pop('rules')
            bpath = os.path.join(work, 'broken.sarif')
            with open(bpath, 'w') as fh:
                json.dump(broken, fh)
            found, err = validate(tool, [bpath], work)
            tap.ok(not err and any(f[2] == 'error' for f in found),
                   'the SARIF Multitool catches a broken file', err or found)
    finally:
        shutil.rmtree(work)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
