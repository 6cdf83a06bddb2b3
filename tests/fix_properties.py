#!/usr/bin/env python3
"""fix_properties.py - what must hold for every fix, on every input:
every config file of testdata/ (testdata/fix has its own test) and a
seeded generated corpus (tests/gen_corpus.py), each fixed with and without
--unsafe-fixes.

For each input, `pgconflint fix --diff` is run on a pristine copy. When it
prints a diff:
  - `git apply --check` accepts it, and applying it gives byte for byte what
    `pgconflint fix` writes in place;
  - a file keeps its line endings (CRLF stays CRLF) and its final newline or
    the lack of one, and changes only on lines the diff names;
  - re-linting the fixed files reports none of the findings that were fixed;
  - a second `fix` changes nothing and exits 0 (idempotent);
  - PostgreSQL (../shared/oracle/pg-oracle, 15) reports no error for the
    fixed postgresql.conf / pg_hba.conf / pg_ident.conf that it did not
    report for the original.
Without a diff, `fix` must exit 0 and change nothing.

One TAP line per input and mode. Everything runs with --pg-version 15, the
oracle's version, and the default profile.

Environment: PGCONFLINT, TOP_SRCDIR, TOP_BUILDDIR; PG_ORACLE (default
$TOP_SRCDIR/../shared/oracle/pg-oracle; the oracle checks are skipped when
it is missing unless PGCL_REQUIRE_ORACLE=1); PGCL_FIX_COUNT generated inputs
per kind (default 30), PGCL_FIX_SEED (default "fix"), PGCL_FIX_JOBS inputs
fixed at once (default: one per core; the oracle serializes its own calls).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import fixlib  # noqa: E402
from fixlib import fixed_keys, read, reported_keys, run, tree, writable  # noqa: E402

VERSION = '15'
STANDARD = {'postgresql.conf': 'conf', 'postgresql.auto.conf': 'conf',
            'pg_hba.conf': 'hba', 'pg_ident.conf': 'ident'}


def kind_of(rel):
    """A standard file name says the kind, wherever the file is."""
    return STANDARD.get(os.path.basename(rel)) or fixlib.kind_of(rel)


def case_root(td, d):
    """The directory a case is copied from: the file's own, or its parent
    when a file there climbs out with '..' (include, @file), never above
    testdata/<top>."""
    top = os.path.join(td, os.path.relpath(d, td).split(os.sep)[0])
    for dp, dns, fns in os.walk(d):
        for fn in fns:
            try:
                if b'..' in read(os.path.join(dp, fn)):
                    parent = os.path.dirname(d)
                    return parent if parent.startswith(top) else top
            except OSError:
                pass
    return d


def testdata_inputs(top_srcdir):
    """(root dir, path relative to it, kind) of every config file of testdata/."""
    td = os.path.join(top_srcdir, 'testdata')
    out = []
    for dp, dns, fns in os.walk(td):
        dns.sort()
        rel_dir = os.path.relpath(dp, td)
        if rel_dir.split(os.sep)[0] in ('fix', 'oracle-selftest'):
            continue
        for fn in sorted(fns):
            if not (fn.endswith('.conf') or fn.endswith('.inc')):
                continue
            rel = os.path.relpath(os.path.join(dp, fn), td)
            root = case_root(td, dp)
            out.append((root, os.path.relpath(os.path.join(dp, fn), root),
                        kind_of(os.path.join('testdata', rel))))
    return out


def diff_files(diff):
    return re.findall(rb'^\+\+\+ b/(.*)$', diff, re.M)


def ending(line):
    return b'\r\n' if line.endswith(b'\r\n') else b'\n' if line.endswith(b'\n') else b''


def shape_problems(before, after, name):
    """Line endings and the final newline kept; only some lines changed."""
    probs = []
    if before.endswith(b'\n') != after.endswith(b'\n') and before:
        probs.append('%s: the final newline changed' % name)
    crlf_before = b'\r\n' in before and before.count(b'\r\n') == before.count(b'\n')
    if crlf_before:
        for ln in after.splitlines(keepends=True):
            if ln.endswith(b'\n') and not ln.endswith(b'\r\n'):
                probs.append('%s: a CRLF file got an LF line: %r' % (name, ln))
                break
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    common = 0
    old_set = {}
    for ln in old:
        old_set[ln] = old_set.get(ln, 0) + 1
    for ln in new:
        if old_set.get(ln, 0) > 0:
            old_set[ln] -= 1
            common += 1
    # every line that is gone was changed by a fix; far more changed lines
    # than fixes would mean the file was rewritten
    if len(old) - common > max(50, len(old) // 2):
        probs.append('%s: %d of %d lines changed' % (name, len(old) - common, len(old)))
    return probs


class Oracle:
    def __init__(self, path, require):
        self.path = path
        self.ok = os.access(path, os.X_OK)
        self.require = require
        self.started = False
        self.cache = {}
        self.lock = threading.Lock()

    def errors_cached(self, kind, path):
        """errors() of a pristine input, asked once for both modes."""
        key = (kind, path)
        with self.lock:
            if key in self.cache:
                return self.cache[key]
        r = self.errors(kind, path)
        with self.lock:
            self.cache[key] = r
        return r

    def errors(self, kind, path):
        """The error texts PostgreSQL reports for the file, line numbers
        left out (an appended block moves nothing, but be safe)."""
        with self.lock:
            if not self.started:
                p = run([self.path, 'start'], None, timeout=300)
                if p.returncode != 0:
                    self.ok = False
                    return None
                self.started = True
        p = run([self.path, kind, path], os.path.dirname(path), timeout=120)
        if p.returncode == 3:
            return []
        if p.returncode != 0:
            return None
        rows = p.stdout.decode('utf-8', 'replace').splitlines()[1:]
        errs = []
        for r in rows:
            cols = r.split('\t')
            # error and message are the last two columns in every layout
            err = cols[-2] if len(cols) >= 2 else ''
            msg = cols[-1] if cols else ''
            if not err or err == '\\N':
                continue
            # a restart-only parameter whose value differs from the oracle
            # server's own is valid (pg-oracle's README)
            if 'cannot be changed without restarting the server' in msg:
                continue
            errs.append(re.sub(r'line \d+', 'line N', err) + ' | ' +
                        re.sub(r'line \d+', 'line N', msg))
        return sorted(errs)


def new_errors(before, after):
    rest = list(before)
    out = []
    for e in after:
        if e in rest:
            rest.remove(e)
        else:
            out.append(e)
    return out


def both(pgconflint, oracle, src_root, rel, kind, scratch):
    """Problems without and with --unsafe-fixes; the second mode is only
    checked again when it changes more than the first."""
    safe, diff = one(pgconflint, oracle, src_root, rel, kind, 0, scratch, None)
    unsafe, _ = one(pgconflint, oracle, src_root, rel, kind, 1, scratch,
                    None if safe else diff)
    return safe, unsafe


def one(pgconflint, oracle, src_root, rel, kind, unsafe, scratch, same_as):
    """Fix one input; returns (problems, diff). `same_as`: a diff whose
    checks already passed — an equal diff needs no second look."""
    # an explicit profile: a .pgconflint.yaml above the pristine input would
    # not be above its copy
    args = ['--pg-version', VERSION, '--profile', 'default']
    if os.path.basename(rel) not in STANDARD:
        args += ['--kind', kind]
    if unsafe:
        args.append('--unsafe-fixes')
    args.append(rel)
    probs = []
    d = run([pgconflint, 'fix', '--diff'] + args, src_root)
    if same_as is not None and d.stdout == same_as and d.returncode in (0, 1):
        return probs, d.stdout
    if d.returncode not in (0, 1):
        # refusing a file (exit 2) is allowed, but it must have said why
        if b'not fixed' not in d.stderr and b'could not' not in d.stderr and \
                b'cannot' not in d.stderr:
            probs.append('fix --diff exit %d without a reason: %s' %
                         (d.returncode, d.stderr.decode('utf-8', 'replace')[-300:]))
        return probs, d.stdout
    if not d.stdout:
        if d.returncode != 0:
            probs.append('no diff but exit %d' % d.returncode)
        return probs, d.stdout
    if d.returncode != 1:
        probs.append('a diff but exit %d' % d.returncode)
    fixed = fixed_keys(d.stderr)

    # a: only the files the diff names, patched by git apply; b: the whole
    # directory, fixed in place by pgconflint
    a_dir = os.path.join(scratch, 'a')
    b_dir = os.path.join(scratch, 'b')
    for x in (a_dir, b_dir):
        shutil.rmtree(x, ignore_errors=True)
    shutil.copytree(src_root, b_dir, symlinks=True)
    writable(b_dir)
    touched = [f.decode() for f in diff_files(d.stdout)]
    for fn in touched:
        os.makedirs(os.path.dirname(os.path.join(a_dir, fn)) or a_dir, exist_ok=True)
        if os.path.isfile(os.path.join(src_root, fn)):
            shutil.copyfile(os.path.join(src_root, fn), os.path.join(a_dir, fn))
    patch = os.path.join(scratch, 'fix.diff')
    with open(patch, 'wb') as f:
        f.write(d.stdout)
    # outside any repository, whatever TMPDIR is: git apply must act like patch
    os.environ['GIT_CEILING_DIRECTORIES'] = os.path.dirname(a_dir)
    g = run(['git', 'apply', '--check', patch], a_dir)
    if g.returncode != 0:
        probs.append('git apply --check: %s' % g.stderr.decode('utf-8', 'replace')[:300])
        return probs, d.stdout
    run(['git', 'apply', patch], a_dir)
    orig = tree(src_root)
    w = run([pgconflint, 'fix'] + args, b_dir)
    if w.returncode != 1:
        probs.append('fix exit %d: %s' % (w.returncode, w.stderr.decode('utf-8', 'replace')[-300:]))
    ta, tb = tree(a_dir), tree(b_dir)
    bad = [k for k in sorted(set(orig) | set(tb))
           if tb.get(k) != ta.get(k, orig.get(k))]
    if bad:
        probs.append('the diff applied and fix in place differ: %s' % ', '.join(bad[:5]))
    for fn in touched:
        if fn in orig and fn in tb:
            probs += shape_problems(orig[fn], tb[fn], fn)

    c = run([pgconflint, 'check'] + [x for x in args if x != '--unsafe-fixes'], b_dir)
    still = fixed & reported_keys(c.stdout)
    if still:
        probs.append('still reported after the fix: %s' % sorted(still)[:3])

    s = run([pgconflint, 'fix'] + args, b_dir)
    if s.returncode != 0 or tree(b_dir) != tb:
        probs.append('a second fix changed something (exit %d): %s' %
                     (s.returncode, s.stdout.decode('utf-8', 'replace')[:300]))

    if oracle.ok:
        for f in diff_files(d.stdout):
            fn = f.decode()
            k = kind_of(os.path.join('testdata', fn))
            if os.path.basename(fn) == 'postgresql.auto.conf':
                continue   # read only as part of its postgresql.conf
            if k == 'conf' and fn != rel:
                continue   # an included file: the root below covers it
            before = oracle.errors_cached(k, os.path.join(src_root, fn))
            after = oracle.errors(k, os.path.join(b_dir, fn))
            if before is None or after is None:
                if oracle.require:
                    probs.append('pg-oracle failed on %s' % fn)
                continue
            n = new_errors(before, after)
            if n:
                probs.append('PostgreSQL reports new errors for %s: %s' % (fn, n[:3]))
        if kind == 'conf' and not any(f.decode() == rel for f in diff_files(d.stdout)):
            before = oracle.errors_cached('conf', os.path.join(src_root, rel))
            after = oracle.errors('conf', os.path.join(b_dir, rel))
            if before is not None and after is not None and new_errors(before, after):
                probs.append('PostgreSQL reports new errors for %s (through its includes): %s'
                             % (rel, new_errors(before, after)[:3]))
    return probs, d.stdout


def main():
    pgconflint, top_srcdir, top_builddir = fixlib.env()
    if fixlib.no_program(pgconflint):
        return 1
    oracle_path = os.environ.get('PG_ORACLE',
                                 os.path.join(top_srcdir, '..', 'shared', 'oracle', 'pg-oracle'))
    require = os.environ.get('PGCL_REQUIRE_ORACLE') == '1'
    oracle = Oracle(oracle_path, require)
    if require and not oracle.ok:
        print('1..1\nnot ok 1 - oracle not found at %s (PGCL_REQUIRE_ORACLE=1)' % oracle_path)
        return 1
    count = int(os.environ.get('PGCL_FIX_COUNT', '30'))
    seed = os.environ.get('PGCL_FIX_SEED', 'fix')

    inputs = testdata_inputs(top_srcdir)
    import gen_corpus
    gen = os.path.join(top_builddir, 'fix-corpus')
    shutil.rmtree(gen, ignore_errors=True)
    for kind in ('conf', 'hba', 'ident'):
        for p in gen_corpus.generate(seed, count, kind, os.path.join(gen, kind), version=15):
            inputs.append((os.path.dirname(p), os.path.basename(p), kind))

    jobs = max(1, int(os.environ.get('PGCL_FIX_JOBS', str(os.cpu_count() or 2))))
    work = inputs
    scratch = tempfile.mkdtemp(prefix='pgcl-fixprop-')
    # the oracle's server runs as another user and must read the copies
    os.chmod(scratch, 0o755)
    slots = threading.local()

    def task(item):
        src_root, rel, kind = item
        if not hasattr(slots, 'dir'):
            slots.dir = tempfile.mkdtemp(dir=scratch)
            os.chmod(slots.dir, 0o755)
        try:
            return both(pgconflint, oracle, src_root, rel, kind, slots.dir)
        except subprocess.TimeoutExpired as e:
            return ['timed out: %s' % e], ['timed out']

    failed = 0
    try:
        with ThreadPoolExecutor(max_workers=jobs) as ex:
            n = 0
            for (src_root, rel, kind), results in zip(work, ex.map(task, work)):
                path = os.path.join(src_root, rel)
                shown = os.path.relpath(path, top_srcdir if path.startswith(top_srcdir)
                                        else top_builddir)
                for unsafe, probs in enumerate(results):
                    n += 1
                    label = '%s%s (%s)' % (shown, ' --unsafe-fixes' if unsafe else '', kind)
                    if probs:
                        failed += 1
                        print('not ok %d - %s' % (n, label))
                        for p in probs:
                            print('#   ' + p.replace('\n', '\n#   '))
                    else:
                        print('ok %d - %s' % (n, label))
                sys.stdout.flush()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if not oracle.ok:
        print('# the PostgreSQL checks were skipped: no oracle at %s' % oracle_path)
    print('1..%d' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
