#!/usr/bin/env python3
"""oracle_compare.py - does pgconflint read config files exactly as PostgreSQL does?

Feeds every conf/hba/ident file of testdata/ and a seeded generated corpus
(tests/gen_corpus.py) through the oracle (../shared/oracle/pg-oracle, a live
PostgreSQL) and through `$PGCONFLINT parse --format json` (docs/parse-json.md)
and compares:

  conf   the settings (file, line, name, value; `applied` when PostgreSQL
         validated values) and the lines that carry an error.  Errors come from
         `pg-oracle startup` (every syntax error with its line, as a postmaster
         logs it) and, for messages the log gives without a line (invalid values,
         include failures), from the line of the pg_file_settings row that
         carries the same message.
  hba    every rule, every field, and the lines with an error.
  ident  every mapping and the lines with an error.

One TAP line per file, then "# agreement: ...".  PostgreSQL 15 (the oracle's
default) on testdata/ plus PGCL_ORACLE_COUNT generated files (default 2000);
then, for each version in PGCL_ORACLE_VERSIONS (default "12 14 16 18"; empty
skips), testdata/ plus PGCL_ORACLE_VERSION_COUNT generated files (default 150).

Environment: PGCONFLINT, TOP_SRCDIR, TOP_BUILDDIR (set by `make check`);
PG_ORACLE (default $TOP_SRCDIR/../shared/oracle/pg-oracle); PGCL_REQUIRE_ORACLE=1
makes a missing oracle a failure instead of a skip; PGCL_ORACLE_SEED (default 1);
PGCL_ORACLE_JOBS (default 3); PGCL_ORACLE_CACHE (default
$TOP_BUILDDIR/oracle-cache); PGCL_ORACLE_ONLY (a regex on the case label);
PGCL_ORACLE_STOP=1 stops the version clusters this run started;
PGCL_ORACLE_MESSAGES=1 lists error messages worded differently (informational).

Oracle answers are cached, keyed by a hash of the oracle script, the version,
the command and the bytes of the file and of every file it can reach (its
directory, and the parent directory when the file mentions ".."), so a rerun
only asks again for inputs that changed.

The comparison functions are also used by tests/oracle_selftest.py, which
checks them against stored oracle answers and hand-written contract JSON.
"""

import concurrent.futures
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True       # never write into a (read-only) source tree

MAX_DIFF_LINES = 12

# ---------------------------------------------------------------------------
# decoding the oracle's output (COPY text format, PostgreSQL arrays)

_COPY_ESC = {ord('b'): b'\b', ord('f'): b'\f', ord('n'): b'\n', ord('r'): b'\r', ord('t'): b'\t',
             ord('v'): b'\v', ord('\\'): b'\\'}


def copy_unescape(field):
    """One COPY text field (bytes) -> bytes, or None for \\N."""
    if field == b'\\N':
        return None
    if b'\\' not in field:
        return field
    out = bytearray()
    i, n = 0, len(field)
    while i < n:
        c = field[i]
        if c != 0x5c or i + 1 == n:
            out.append(c)
            i += 1
            continue
        d = field[i + 1]
        if d in _COPY_ESC:
            out += _COPY_ESC[d]
            i += 2
        elif 0x30 <= d <= 0x37:
            j = i + 1
            v = 0
            while j < n and j < i + 4 and 0x30 <= field[j] <= 0x37:
                v = v * 8 + field[j] - 0x30
                j += 1
            out.append(v & 0xff)
            i = j
        elif d == ord('x') and i + 2 < n and re.match(rb'[0-9A-Fa-f]', field[i + 2:i + 3]):
            m = re.match(rb'[0-9A-Fa-f]{1,2}', field[i + 2:])
            out.append(int(m.group(0), 16))
            i += 2 + len(m.group(0))
        else:
            out.append(d)
            i += 2
    return bytes(out)


def parse_tsv(data):
    """Oracle view output -> (header list of str, rows as dicts of bytes|None)."""
    lines = data.split(b'\n')
    if lines and lines[-1] == b'':
        lines.pop()
    if not lines:
        raise ValueError('empty oracle output')
    header = lines[0].decode('ascii').split('\t')
    rows = []
    for ln in lines[1:]:
        f = ln.split(b'\t')
        if len(f) != len(header):
            raise ValueError('oracle row with %d fields, expected %d: %r' % (len(f), len(header), ln[:200]))
        rows.append({h: copy_unescape(v) for h, v in zip(header, f)})
    return header, rows


def parse_pg_array(text):
    """A one-dimensional PostgreSQL text array literal -> list of bytes|None."""
    if text is None:
        return None
    if not (text.startswith(b'{') and text.endswith(b'}')):
        raise ValueError('not an array literal: %r' % text[:80])
    body = text[1:-1]
    out = []
    if body == b'':
        return out
    i, n = 0, len(body)
    while True:
        if i < n and body[i:i + 1] == b'"':
            i += 1
            buf = bytearray()
            while i < n and body[i:i + 1] != b'"':
                if body[i:i + 1] == b'\\' and i + 1 < n:
                    i += 1
                buf += body[i:i + 1]
                i += 1
            i += 1                                           # closing quote
            out.append(bytes(buf))
        else:
            j = i
            while j < n and body[j:j + 1] != b',':
                j += 1
            tok = body[i:j].strip()
            out.append(None if tok.upper() == b'NULL' else tok)
            i = j
        if i >= n:
            break
        if body[i:i + 1] != b',':
            raise ValueError('bad array literal: %r' % text[:80])
        i += 1
    return out


def parse_startup(data):
    """`pg-oracle startup` output -> (messages, result).  A message is a dict
    with level (str), text (bytes, the first line of the message) and extra
    (HINT/DETAIL texts)."""
    lines = data.split(b'\n')
    if lines and lines[-1] == b'':
        lines.pop()
    if not lines or lines[0] != b'level\tmessage':
        raise ValueError('unexpected startup output: %r' % data[:100])
    msgs, result = [], None
    for ln in lines[1:]:
        level, _, text = ln.partition(b'\t')
        level = level.decode('ascii', 'replace')
        text = copy_unescape(text) or b''
        if level == 'RESULT':
            result = text.decode()
        elif level in ('HINT', 'DETAIL', 'CONTEXT', 'LOCATION', 'STATEMENT', 'QUERY'):
            if msgs:
                msgs[-1]['extra'].append(text)
        else:
            # log_error_verbosity = verbose (set by the file itself) adds the SQLSTATE
            text = re.sub(rb'^[0-9A-Z]{5}: +', b'', text)
            msgs.append({'level': level, 'text': text.split(b'\n')[0], 'full': text, 'extra': []})
    return msgs, result


# ---------------------------------------------------------------------------
# decoding pgconflint's JSON (strings are bytes; non-UTF-8 bytes are \u00XX)

_HIGH_ESC = re.compile(rb'\\(?:u00([89a-fA-F][0-9a-fA-F])|.)', re.S)


def load_ours(data):
    """JSON bytes -> object whose strings hold the original bytes as
    surrogate escapes (use B() to get bytes)."""
    def repl(m):
        if m.group(1):
            return b'\\udc' + m.group(1)
        return m.group(0)
    text = _HIGH_ESC.sub(repl, data).decode('utf-8', 'surrogateescape')
    return json.loads(text)


def B(s):
    """A string from load_ours -> bytes."""
    if s is None or isinstance(s, bytes):
        return s
    if isinstance(s, bool):
        return b'true' if s else b'false'
    if isinstance(s, (int, float)):
        return str(s).encode()
    return s.encode('utf-8', 'surrogateescape')


# ---------------------------------------------------------------------------
# paths as the oracle shows them: FILE by its base name, the rest relative to
# FILE's directory ("../x" one level up), absolute paths further out.

class Paths:
    def __init__(self, root):
        self.root = os.path.abspath(root).encode('utf-8', 'surrogateescape')
        self.dir = os.path.dirname(self.root)
        self.parent = os.path.dirname(self.dir)
        self.base = os.path.basename(self.root)

    def show(self, p):
        """A path from pgconflint's JSON (bytes) -> the oracle's way of showing it."""
        if p is None:
            return None
        a = os.path.normpath(os.path.join(self.dir, p))
        rel = os.path.relpath(a, self.dir)
        if rel.startswith(b'../../') or rel == b'../..':
            return a
        return rel

    def oracle(self, p):
        """A path as the oracle printed it -> canonical (12 leaves "sub/../x")."""
        if p is None:
            return None
        if p.startswith(b'<pg-oracle-dir>') or p.startswith(b'/'):
            return p
        p = os.path.normpath(p)
        # "../DIR/x" with DIR the main file's own directory: the oracle reached
        # it through its mirror of the parent directory; it is "x"
        own = b'../' + os.path.basename(self.dir) + b'/'
        if p.startswith(own):
            p = os.path.normpath(p[len(own):])
        return p

    def real(self, shown):
        """The file on disk for a path in the oracle's notation."""
        if shown.startswith(b'/'):
            return shown
        return os.path.normpath(os.path.join(self.dir, shown))

    def message(self, msg):
        """Rewrite absolute paths in one of our messages the oracle's way."""
        if msg is None:
            return None
        msg = msg.replace(self.root, self.base)
        msg = msg.replace(self.dir + b'/', b'')
        if self.parent not in (b'', b'/'):
            msg = msg.replace(self.parent + b'/', b'../')
        return msg


# ---------------------------------------------------------------------------
# a tiny postgresql.conf lexer, only to undo PostgreSQL's "near end of line"
# off-by-one for a last line without a newline (grammar.md section 1.5)

_ID = rb'[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*'
_TOKENS = [  # in the scanner's priority order
    ('NAME', re.compile(_ID)),
    ('NAME', re.compile(_ID + rb'\.' + _ID)),
    ('STRING', re.compile(rb"'(?:[^'\\\n]|\\[^\n]|'')*'")),
    ('VALUE', re.compile(rb'[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff\-._:/]*')),
    ('VALUE', re.compile(rb'[+-]?[0-9]+[A-Za-z]*')),
    ('VALUE', re.compile(rb'[+-]?0x[0-9A-Fa-f]+[A-Za-z]*')),
    ('VALUE', re.compile(rb'[+-]?[0-9]*\.[0-9]*(?:[eE][+-]?[0-9]+)?')),
    ('EQ', re.compile(rb'=')),
]


def conf_line_tokens(line):
    toks, i = [], 0
    while i < len(line):
        c = line[i:i + 1]
        if c in (b' ', b'\t', b'\r'):
            i += 1
            continue
        if c == b'#':
            break
        best, kind = 0, 'ERROR'
        for k, rx in _TOKENS:
            m = rx.match(line, i)
            if m and m.end() - i > best:
                best, kind = m.end() - i, k
        toks.append(kind)
        i += max(best, 1)
    return toks


def conf_line_ends_early(line):
    """Would PostgreSQL report "near end of line" for this line?"""
    return conf_line_tokens(line) in (['NAME'], ['NAME', 'EQ'])


# include directives, for the files a postgresql.conf can reach
_CONF_INCLUDE = re.compile(
    rb"^[ \t\r]*(include_if_exists|include_dir|include)(?![A-Za-z0-9_\x80-\xff])[ \t\r]*=?[ \t\r]*"
    rb"('(?:[^'\\\n]|\\[^\n]|'')*'|[^ \t\r#\n]+)", re.I | re.M)


def conf_includes(path):
    """[(line, directive, resolved path)] of one postgresql.conf (bytes path)."""
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError:
        return []
    out = []
    for m in _CONF_INCLUDE.finditer(data):
        line = data.count(b'\n', 0, m.start()) + 1
        tgt = m.group(2)
        if tgt.startswith(b"'"):
            tgt = tgt[1:-1].replace(b"''", b"'")
            tgt = re.sub(rb'\\(.)', rb'\1', tgt)
        if not tgt.strip():
            continue
        out.append((line, m.group(1).lower(), os.path.normpath(os.path.join(os.path.dirname(path), tgt))))
    return out


def conf_reachable(paths, start_files_and_lines):
    """Files (oracle notation) reachable from include lines found after the
    given (file, line) points."""
    seen = set()
    todo = []
    for shown, after in start_files_and_lines:
        for ln, directive, tgt in conf_includes(paths.real(shown)):
            if ln > after:
                todo.append((directive, tgt))
    while todo:
        directive, tgt = todo.pop()
        targets = []
        if directive == b'include_dir':
            if os.path.isdir(tgt):
                for dp, _, fns in os.walk(tgt):
                    targets += [os.path.join(dp, f) for f in fns]
        else:
            targets = [tgt]
        for t in targets:
            shown = paths.show(t)
            if shown in seen:
                continue
            seen.add(shown)
            for _, d2, t2 in conf_includes(t):
                todo.append((d2, t2))
    return seen


def conf_stays_inside(paths):
    """Does every existing file the main file can include lie in its directory?"""
    seen, todo = set(), [paths.root]
    while todo:
        f = todo.pop()
        if f in seen:
            continue
        seen.add(f)
        for _, directive, t in conf_includes(f):
            t = os.path.normpath(t)
            if not t.startswith(paths.dir + b'/') and t != paths.dir:
                if os.path.exists(t):
                    return False
                continue
            if directive == b'include_dir':
                if os.path.isdir(t):
                    for dp, _, fns in os.walk(t):
                        todo += [os.path.join(dp, fn) for fn in fns]
            elif os.path.isfile(t):
                todo.append(t)
    return True


def root_self_include(paths):
    """Does the main file include itself (or its own directory)?  The oracle
    copies FILE to a fixed name, so PostgreSQL there reads it once more."""
    for _, directive, tgt in conf_includes(paths.root):
        if directive == b'include_dir' and os.path.normpath(tgt) == paths.dir:
            return True
        if directive != b'include_dir' and os.path.normpath(tgt) == paths.root:
            return True
    return False


# ---------------------------------------------------------------------------
# comparison results

class Result:
    def __init__(self):
        self.diffs = []        # differences (strings)
        self.skips = []        # lines not compared, with the reason
        self.skip_case = None  # the whole case not compared, with the reason
        self.msg_same = 0      # informational: error messages identical
        self.msg_total = 0
        self.skipped_lines = 0 # lines not compared
        self.msg_diffs = []    # informational: differently worded messages

    @property
    def agree(self):
        return not self.diffs and self.skip_case is None

    def diff(self, s):
        self.diffs.append(s)


def show(b):
    if b is None:
        return 'NULL'
    if isinstance(b, (tuple, list)):
        return '[' + ', '.join(show(x) for x in b) + ']'
    s = b.decode('utf-8', 'backslashreplace') if isinstance(b, bytes) else str(b)
    s = s.replace('\n', '\\n').replace('\r', '\\r').replace('\t', '\\t')
    return s if len(s) <= 100 else s[:97] + '...'


def loc(k):
    return '%s:%s' % (show(k[0]), k[1])


def _check_header(ours, kind, version, res):
    if not isinstance(ours, dict):
        res.diff('pgconflint: JSON is not an object')
        return False
    if ours.get('kind') != kind:
        res.diff('pgconflint: kind %r, expected %r' % (ours.get('kind'), kind))
    if ours.get('pg_version') != version:
        res.diff('pgconflint: pg_version %r, expected %r' % (ours.get('pg_version'), version))
    for field in ('errors', {'conf': 'settings', 'hba': 'rules', 'ident': 'mappings'}[kind]):
        if not isinstance(ours.get(field), list):
            res.diff('pgconflint: no "%s" list' % field)
            return False
    return True


def _message_parts(msg):
    if msg is None:
        return []
    return [p for p in msg.split(b'\n') if p]


def _sortkey(k):
    return (k[0] or b'', k[1] if isinstance(k[1], int) else 0)


def _compare_error_sets(res, oracle_errs, ours_errs, what_oracle, what_ours):
    """oracle_errs/ours_errs: dict key -> list of message texts (bytes).  A
    file included twice has its errors twice: the counts must agree too."""
    for k in sorted(set(oracle_errs) | set(ours_errs), key=_sortkey):
        a, b = oracle_errs.get(k, []), ours_errs.get(k, [])
        if len(a) > len(b):
            res.diff('error only in PostgreSQL at %s%s: %s' % (loc(k), ' (%d times, pgconflint %d)' % (len(a), len(b))
                                                              if b else '', show(a[0])))
        elif len(b) > len(a):
            res.diff('error only in pgconflint at %s%s: %s' % (loc(k), ' (%d times, PostgreSQL %d)' % (len(b), len(a))
                                                              if a else '', show(b[0])))


# ---------------------------------------------------------------------------
# conf

_STARTUP_IGNORE = (b'skipping missing configuration file', b'too many syntax errors found')
_LINE_IN_FILE = re.compile(rb'in file "(.*)" line (\d+)')
_RESTART = b'cannot be changed without restarting the server'
_UNREADABLE = b': Permission denied'
_ERROR_LEVELS = ('LOG', 'WARNING', 'ERROR', 'FATAL', 'PANIC', 'stderr')
# parameters whose check hook behaves differently in the oracle's backend
# (inside a transaction) than at startup: only the startup log decides
_TXN_CONTEXT = (b'transaction_isolation', b'transaction_read_only', b'transaction_deferrable',
                b'default_text_search_config')
# startup message -> the short text pg_file_settings.error shows (grammar.md 1.6)
_INCLUDE_ERRORS = [
    (re.compile(rb'could not open configuration file ".*": maximum nesting depth exceeded$'), b'nesting depth exceeded'),
    (re.compile(rb'configuration file recursion in '), b'configuration file recursion'),
    (re.compile(rb'could not open configuration file "(.*)": '), b'could not open file "%s"'),
    (re.compile(rb'could not open configuration directory "(.*)": '), b'could not open directory "%s"'),
    (re.compile(rb'could not stat file "(.*)": '), b'could not stat file "%s"'),
    (re.compile(rb'empty configuration file name'), b'empty configuration file name'),
    (re.compile(rb'empty configuration directory name'), b'empty configuration directory name'),
]


def compare_conf(root, view_out, startup_out, ours, version, derived_view=None):
    """derived_view: pg_file_settings for a copy of the main file with its
    syntax-error lines blanked (see derive_conf); it shows the settings after
    the first syntax error, which the postmaster reads and the view of the
    file itself does not."""
    res = Result()
    paths = Paths(root)
    if root_self_include(paths):
        res.skip_case = ('oracle artefact: the main file includes itself; the oracle reads a copy under '
                         'another name, so the server follows the include one level deeper')
        return res
    if not _check_header(ours, 'conf', version, res):
        return res
    _, vrows = parse_tsv(view_out)
    msgs, result = parse_startup(startup_out)
    if any(_UNREADABLE in m['text'] for m in msgs):
        res.skip_case = 'the server cannot read a file that pgconflint can (Permission denied)'
        return res
    rows = []
    for r in vrows:
        rows.append({'file': paths.oracle(r['sourcefile']), 'line': int(r['sourceline'] or 0), 'name': r['name'],
                     'value': r['setting'], 'applied': r['applied'] == b't', 'error': r['error'],
                     'msgs': _message_parts(r['message']), 'used': False, 'startup_error': False})

    drows = None
    if derived_view is not None:
        _, dv = parse_tsv(derived_view)
        drows = [{'file': paths.oracle(r['sourcefile']), 'line': int(r['sourceline'] or 0), 'name': r['name'],
                  'value': r['setting'], 'error': r['error'], 'msgs': _message_parts(r['message']), 'used': False}
                 for r in dv]

    # --- the oracle's error lines
    oracle_errs = {}
    eof_turn = {}
    unlocated = []
    for m in msgs:
        t = m['text']
        if m['level'] not in _ERROR_LEVELS:
            continue                 # DEBUG lines when the file sets log_min_messages = debugN
        if m['level'] == 'FATAL' and re.match(rb'configuration file ".*" contains errors$', t):
            continue
        if any(t.startswith(p) for p in _STARTUP_IGNORE):
            continue
        mm = _LINE_IN_FILE.search(t)
        if mm:
            f, n = paths.oracle(mm.group(1)), int(mm.group(2))
            lines = [n]
            if b'near end of line' in t:
                lines = _fix_eof_line(paths, f, n)
            if len(lines) == 2:      # both of the last two lines end early: they come in order
                k2 = eof_turn[f] = eof_turn.get(f, -1) + 1
                lines = [sorted(lines)[k2 % 2]]
            for n2 in lines:
                oracle_errs.setdefault((f, n2), []).append(t)
            for r in rows:           # the view row of a syntax error / unknown name
                if r['file'] == f and r['line'] in lines + [n] and r['error'] is not None:
                    r['used'] = r['startup_error'] = True
            continue
        row = _locate(paths, t, rows)
        if row is None and drows is not None:
            # not in the view of the file (after a syntax error, say): the view
            # of the blanked copy has the include failures of every line
            row = _locate(paths, t, drows, values=False)
            if row is not None:
                row['used'] = True
                oracle_errs.setdefault((row['file'], row['line']), []).append(t)
                continue
        if row is not None:
            row['used'] = row['startup_error'] = True
            oracle_errs.setdefault((row['file'], row['line']), []).append(t)
        else:
            unlocated.append(t)

    # Value errors the startup log does not show: the file's own logging
    # settings (log_min_messages, log_destination) act on the messages of the
    # values after them.  pg_file_settings always has them.  (Only when the
    # postmaster did reject the file.)
    for r in rows if result == 'rejected' else []:
        if (not r['used'] and r['error'] == b'setting could not be applied' and r['name'] is not None
                and r['name'].lower() not in _TXN_CONTEXT and not any(_RESTART in x for x in r['msgs'])):
            r['used'] = r['startup_error'] = True
            oracle_errs.setdefault((r['file'], r['line']), []).append(r['msgs'][0] if r['msgs'] else r['error'])

    if result == 'rejected' and not oracle_errs and not unlocated:
        res.diff('PostgreSQL rejects the file at startup, but no error could be tied to it')
    elif result not in ('rejected', 'accepted'):
        res.diff('harness: the startup output has no RESULT line')

    # --- ours
    ours_errs = {}
    ours_err_list = []
    for e in ours['errors']:
        f = paths.show(B(e.get('file')) or paths.root)
        if os.path.basename(f) == b'postgresql.auto.conf':
            continue
        k = (f, e.get('line') or 0)
        msg = paths.message(B(e.get('message')))
        ours_err_list.append((k, msg))
    for t in unlocated:              # matched by text, wherever we put them
        hit = None
        for i, (k, msg) in enumerate(ours_err_list):
            if msg == t or (msg is not None and msg.split(b'\n')[0] == t):
                hit = i
                break
        if hit is None:
            res.diff('PostgreSQL reports (without a line): %s' % show(t))
        else:
            ours_err_list.pop(hit)
    for k, msg in ours_err_list:
        ours_errs.setdefault(k, []).append(msg)
    _compare_error_sets(res, oracle_errs, ours_errs, 'PostgreSQL', 'pgconflint')
    for k, msgs in ours_errs.items():
        if k in oracle_errs:
            msg, want = msgs[0], oracle_errs[k][0]
            res.msg_total += 1
            same = msg is not None and (msg == want or msg.split(b'\n')[0] == want)
            res.msg_same += same
            if not same:
                res.msg_diffs.append('%s: PostgreSQL %s; pgconflint %s' % (loc(k), show(want), show(msg)))

    # --- settings: pg_file_settings abandons a file after its first syntax error
    if drows is not None:
        if not any(r['error'] == b'syntax error' and r['file'] == paths.base for r in drows):
            rows_for_settings = drows
        else:                        # blanking did not remove the main file's errors: do not use it
            res.diff('harness: the copy with its syntax-error lines blanked still has a syntax error')
            rows_for_settings = rows
    else:
        rows_for_settings = rows
    check_applied = not any(r['error'] is not None and r['error'] != b'setting could not be applied' for r in rows)
    applied_of = {}
    if check_applied:
        for r in rows:
            if r['name'] is not None:
                applied_of.setdefault((r['file'], r['line'], r['name'], r['value']), []).append(r)
    rows = rows_for_settings
    abandon = {}
    for r in rows:
        if r['error'] == b'syntax error' and r['file'] not in abandon:
            abandon[r['file']] = r['line']
    hidden = conf_reachable(paths, abandon.items()) if abandon else set()
    orc = [r for r in rows if r['name'] is not None]
    mine = []
    for s in ours['settings']:
        if s.get('auto'):
            continue
        f = paths.show(B(s.get('file')) or paths.root)
        line = s.get('line')
        if f in abandon and isinstance(line, int) and line > abandon[f]:
            continue
        mine.append({'file': f, 'line': line, 'name': B(s.get('name')), 'value': B(s.get('value')),
                     'applied': s.get('applied'), 'hidden': f in hidden})
    okeys = [(r['file'], r['line'], r['name'], r['value']) for r in orc]
    mkeys = [(s['file'], s['line'], s['name'], s['value']) for s in mine]
    sm = difflib.SequenceMatcher(None, okeys, mkeys, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == 'equal':
            if not check_applied:
                continue
            for s, key in zip(mine[j1:j2], okeys[i1:i2]):
                r = applied_of.get(key, [None]).pop(0) if applied_of.get(key) else None
                if r is None:
                    continue
                want = r['applied'] or (r['error'] == b'setting could not be applied' and not r['startup_error'])
                if s['applied'] is not want:
                    res.diff('applied at %s %s: PostgreSQL %s, pgconflint %s'
                             % (loc(key), show(s['name']), 't' if want else 'f', json.dumps(s['applied'])))
            continue
        for key in okeys[i1:i2]:
            res.diff('setting only in PostgreSQL at %s: %s = %s' % (loc(key), show(key[2]), show(key[3])))
        for s, key in zip(mine[j1:j2], mkeys[j1:j2]):
            if s['hidden']:
                continue             # included after a syntax error: pg_file_settings never got there
            res.diff('setting only in pgconflint at %s: %s = %s' % (loc(key), show(key[2]), show(key[3])))
    return res


def derive_conf(root, startup_out, version, workdir):
    """If the main file has syntax errors, write a copy of its directory in
    which those lines of the main file are empty and return the copy of the
    main file (else None).  The grammar is line-based and the parser skips to
    the end of the line after an error (grammar.md 1.5), so every other line
    reads the same; pg_file_settings then shows the settings that follow the
    first error.  Not done when the file reaches outside its directory."""
    paths = Paths(root)
    msgs, _ = parse_startup(startup_out)
    bad = set()
    for m in msgs:
        if m['level'] not in _ERROR_LEVELS or not m['text'].startswith(b'syntax error in file'):
            continue
        mm = _LINE_IN_FILE.search(m['text'])
        if mm and paths.oracle(mm.group(1)) == paths.base:
            n = int(mm.group(2))
            bad.update(_fix_eof_line(paths, paths.base, n) if b'near end of line' in m['text'] else [n])
    if not bad:
        return None
    with open(paths.root, 'rb') as f:
        data = f.read()
    if not conf_stays_inside(paths):
        return None                  # the copy of the directory would not reach every included file
    lines = data.split(b'\n')
    for n in bad:
        if 1 <= n <= len(lines):
            lines[n - 1] = b''
    tag = hashlib.sha256(b'%d\0' % version + paths.root).hexdigest()[:16]
    dest = os.path.join(workdir.encode('utf-8', 'surrogateescape'), tag.encode(), os.path.basename(paths.dir))
    if os.path.isdir(dest):
        shutil.rmtree(dest)
    shutil.copytree(paths.dir, dest, symlinks=True)
    droot = os.path.join(dest, paths.base)
    with open(droot, 'wb') as f:
        f.write(b'\n'.join(lines))
    return droot.decode('utf-8', 'surrogateescape')


def _locate(paths, t, rows, values=True):
    """The view row a startup message without a line belongs to, or None."""
    for r in rows:                   # a view row that carries this message
        if not r['used'] and r['error'] is not None and t in r['msgs']:
            return r
    for rx, short in _INCLUDE_ERRORS:  # include failures: the view has a short text
        im = rx.match(t)
        if not im:
            continue
        want = short % tuple(paths.oracle(g) for g in im.groups()) if im.groups() else short
        for r in rows:
            if not r['used'] and r['error'] == want:
                return r
        for r in rows:               # same kind of failure, path written differently
            if not r['used'] and r['error'] is not None and r['error'].startswith(short.split(b'"')[0]):
                return r
        return None
    if values:
        pm = re.search(rb'parameter "([^"]*)"', t)
        if pm:
            for r in reversed(rows):
                if not r['used'] and r['name'] is not None and r['name'].lower() == pm.group(1).lower():
                    return r
    return None


def _fix_eof_line(paths, f, n):
    """PostgreSQL reports "near end of line" at the end of a file without a
    final newline one line too early; return the real line(s)."""
    try:
        with open(paths.real(f), 'rb') as fh:
            data = fh.read()
    except OSError:
        return [n]
    if data.endswith(b'\n') or data == b'':
        return [n]
    lines = data.split(b'\n')
    last = len(lines)
    if n != last - 1:
        return [n]
    out = []
    if conf_line_ends_early(lines[last - 1]):
        out.append(last)
    if last >= 2 and conf_line_ends_early(lines[last - 2]):
        out.append(last - 1)
    return out or [n]


# ---------------------------------------------------------------------------
# hba and ident

_BUILD_METHODS = (b'ldap', b'gss', b'pam')


def _auth_rows(paths, view_out):
    _, vrows = parse_tsv(view_out)
    for r in vrows:
        f = r.get('file_name')
        r['_file'] = paths.oracle(f) if f is not None else paths.base
        r['_line'] = int(r['line_number']) if r['line_number'] is not None else 0
    return vrows


def _skip_reason(r, version, kind):
    text = (r.get('error') or b'') + b'\n' + (r.get('message') or b'')
    if b'could not translate RADIUS server name' in text:
        return 'RADIUS server name needs DNS'
    if _UNREADABLE in text:
        return 'the server cannot read a file that pgconflint can (Permission denied)'
    if version != 15 and b'not supported by this build' in text:
        if b'GSSAPI' in text or any(b'"%s"' % m in text for m in _BUILD_METHODS):
            return 'the npm build of %d lacks LDAP/GSSAPI/PAM' % version
    return None


def _ours_line_key(paths, x):
    return (paths.show(B(x.get('file')) or paths.root), x.get('line') or 0)


def _opts(o):
    if o is None:
        return ()
    if isinstance(o, dict):
        return tuple((B(k), B(v)) for k, v in o.items())
    if isinstance(o, list):                     # tolerate ["k=v", ...]
        return tuple(tuple(B(x).split(b'=', 1)) + ((b'',) if b'=' not in B(x) else ()) for x in o)
    return (('?', B(str(o))),)


def _tuple(lst):
    if lst is None:
        return None
    return tuple(B(x) for x in lst)


def compare_auth(kind, root, view_out, ours, version):
    res = Result()
    paths = Paths(root)
    if not _check_header(ours, kind, version, res):
        return res
    rows = _auth_rows(paths, view_out)
    skip = {}
    oracle_items, oracle_errs = [], {}
    for r in rows:
        k = (r['_file'], r['_line'])
        why = _skip_reason(r, version, kind)
        if why:
            skip[k] = why
            continue
        valid = r['type'] is not None if kind == 'hba' else r['map_name'] is not None
        if r['error'] is not None or not valid:
            oracle_errs.setdefault(k, []).append(
                r['error'] or _message_parts(r['message'])[0] if (r['error'] or r['message']) else b'?')
            continue
        if kind == 'hba':
            oracle_items.append((k, (r['type'], _tuple(parse_pg_array(r['database'])),
                                     _tuple(parse_pg_array(r['user_name'])), r['address'], r['netmask'],
                                     r['auth_method'], tuple(tuple(o.split(b'=', 1)) for o in
                                                             (parse_pg_array(r['options']) or [])))))
        else:
            oracle_items.append((k, (r['map_name'], r['sys_name'], r['pg_username'])))
    def okey(x):
        return _ours_line_key(paths, x)

    ours_items = []
    for x in ours['rules' if kind == 'hba' else 'mappings']:
        k = okey(x)
        if k in skip:
            continue
        if kind == 'hba':
            ours_items.append((k, (B(x.get('type')), _tuple(x.get('databases')), _tuple(x.get('users')),
                                   B(x.get('address')), B(x.get('netmask')), B(x.get('method')),
                                   _opts(x.get('options')))))
        else:
            ours_items.append((k, (B(x.get('map')), B(x.get('system_user')), B(x.get('pg_user')))))
    ours_errs = {}
    no_entries = False
    for e in ours['errors']:
        k = okey(e)
        msg = paths.message(B(e.get('message')))
        if kind == 'hba' and msg and re.match(rb'configuration file ".*" contains no entries$', msg):
            no_entries = True        # a whole-file error, not one of a line
            continue
        if k in skip:
            continue
        ours_errs.setdefault(k, []).append(msg)
    # load_hba: a file without a single line (valid or not) "contains no
    # entries" and is rejected; the view then has no row at all
    if kind == 'hba' and no_entries != (not rows):
        res.diff('PostgreSQL: %s; pgconflint: %s' % (
            'no line at all, so "contains no entries"' if not rows else '%d lines' % len(rows),
            'contains no entries' if no_entries else 'does not say "contains no entries"'))
    by_reason = {}
    for k, why in sorted(skip.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        by_reason.setdefault(why, []).append(k)
    for why, keys in by_reason.items():
        files = sorted(set(k[0] for k in keys))
        where = '; '.join('%s line%s %s' % (show(f), 's' if len([k for k in keys if k[0] == f]) > 1 else '',
                                             ','.join(str(k[1]) for k in keys if k[0] == f)) for f in files)
        res.skips.append('%s: %s' % (where, why))
        res.skipped_lines += len(keys)

    # items, in order (a file included twice repeats its keys, hence an alignment)
    fields = (('type', 'databases', 'users', 'address', 'netmask', 'method', 'options') if kind == 'hba'
              else ('map', 'system_user', 'pg_user'))
    what = 'rule' if kind == 'hba' else 'mapping'
    sm = difflib.SequenceMatcher(None, [k for k, _ in oracle_items], [k for k, _ in ours_items], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == 'equal':
            for (k, a), (_, b) in zip(oracle_items[i1:i2], ours_items[j1:j2]):
                for name, x, y in zip(fields, a, b):
                    if x != y:
                        res.diff('%s %s: PostgreSQL %s, pgconflint %s' % (loc(k), name, show(x), show(y)))
            continue
        for k, a in oracle_items[i1:i2]:
            res.diff('%s only in PostgreSQL at %s: %s' % (what, loc(k), show(a)))
        for k, b in ours_items[j1:j2]:
            res.diff('%s only in pgconflint at %s: %s' % (what, loc(k), show(b)))

    _compare_error_sets(res, oracle_errs, ours_errs, 'PostgreSQL', 'pgconflint')
    rowmsg = {}
    for r in rows:
        rowmsg.setdefault((r['_file'], r['_line']), []).extend(
            ([r['error']] if r['error'] else []) + _message_parts(r['message']))
    for k, msgs in ours_errs.items():
        if k in oracle_errs:
            res.msg_total += 1
            same = msgs[0] is not None and msgs[0].split(b'\n')[0] in rowmsg.get(k, [])
            res.msg_same += same
            if not same:
                res.msg_diffs.append('%s: PostgreSQL %s; pgconflint %s' % (loc(k), show(rowmsg.get(k, [b''])[-1]),
                                                                    show(msgs[0])))
    return res


# ---------------------------------------------------------------------------
# running things

def env(name, default=None):
    v = os.environ.get(name)
    return default if v is None else v


class Oracle:
    def __init__(self, path, cache_dir):
        self.path = path
        self.cache_dir = cache_dir
        with open(path, 'rb') as f:
            self.script_hash = hashlib.sha256(f.read()).hexdigest()
        self.asked = 0
        self.cached = 0
        self.seconds = 0.0

    def argv(self, version, *args):
        return [self.path] + ([] if version == 15 else ['--pg', str(version)]) + list(args)

    def start(self, version):
        p = subprocess.run(self.argv(version, 'start'), capture_output=True, timeout=900)
        return p.returncode, (p.stdout + p.stderr).decode('utf-8', 'replace').strip()

    def status(self, version):
        return subprocess.run(self.argv(version, 'status'), capture_output=True, timeout=60).returncode == 0

    def stop(self, version):
        subprocess.run(self.argv(version, 'stop'), capture_output=True, timeout=120)

    def key(self, version, cmd, path):
        h = hashlib.sha256()
        h.update(('%s\0%s\0%s\0%s\0%s\0' % (self.script_hash, version, cmd, env('PG_ORACLE_BUILD', ''),
                                             env('PG_ORACLE_INCLUDES', ''))).encode())
        with open(path, 'rb') as f:
            data = f.read()
        h.update(os.path.basename(path).encode('utf-8', 'surrogateescape') + b'\0' + data + b'\0')
        dirs = [os.path.dirname(os.path.abspath(path))]
        if b'..' in data:
            dirs.append(os.path.dirname(dirs[0]))
        for d in dirs:
            for dp, dns, fns in os.walk(d):
                dns.sort()
                for fn in sorted(fns):
                    p = os.path.join(dp, fn)
                    h.update(os.path.relpath(p, d).encode('utf-8', 'surrogateescape') + b'\0')
                    try:
                        if os.path.islink(p):
                            h.update(b'link:' + os.readlink(p).encode('utf-8', 'surrogateescape'))
                        with open(p, 'rb') as f:
                            h.update(hashlib.sha256(f.read()).digest())
                    except OSError as e:
                        h.update(b'error:' + str(e.errno).encode())
                h.update(b'\0dir\0')
        return h.hexdigest()

    def ask(self, version, cmd, path):
        """-> (rc, stdout bytes, stderr bytes), from the cache when the inputs
        are unchanged."""
        k = self.key(version, cmd, path)
        cpath = os.path.join(self.cache_dir, str(version), k[:2], k + '.json')
        try:
            with open(cpath, 'r', encoding='latin-1') as f:
                c = json.load(f)
            self.cached += 1
            return c['rc'], c['out'].encode('latin-1'), c['err'].encode('latin-1')
        except (OSError, ValueError, KeyError):
            pass
        t0 = time.monotonic()
        p = subprocess.run(self.argv(version, cmd, path), capture_output=True, timeout=600)
        self.seconds += time.monotonic() - t0
        self.asked += 1
        if p.returncode in (0, 3):
            os.makedirs(os.path.dirname(cpath), exist_ok=True)
            tmp = cpath + '.%d.tmp' % os.getpid()
            with open(tmp, 'w', encoding='latin-1') as f:
                json.dump({'rc': p.returncode, 'out': p.stdout.decode('latin-1'),
                           'err': p.stderr.decode('latin-1')}, f)
            os.replace(tmp, cpath)
        return p.returncode, p.stdout, p.stderr


def run_ours(pgconflint, kind, path, version):
    p = subprocess.run([pgconflint, 'parse', path, '--format', 'json', '--pg-version', str(version),
                        '--kind', kind], capture_output=True, timeout=120, cwd=os.path.dirname(path))
    return p.returncode, p.stdout, p.stderr


class Case:
    def __init__(self, kind, path, label, version):
        self.kind, self.path, self.label, self.version = kind, path, label, version


def run_case(oracle, pgconflint, case, derive_dir):
    """-> Result (with .note for harness problems)"""
    res = Result()
    cmds = ['conf', 'startup'] if case.kind == 'conf' else [case.kind]
    answers = {}
    for cmd in cmds:
        rc, out, err = oracle.ask(case.version, cmd, case.path)
        if rc != 0:
            res.diff('oracle %s failed (exit %d): %s' % (cmd, rc, show(err.strip().split(b'\n')[-1] if err else b'')))
            return res
        answers[cmd] = out
    rc, out, err = run_ours(pgconflint, case.kind, case.path, case.version)
    if rc not in (0, 1) or not out.strip():
        res.diff('pgconflint parse exit %d, %s%s' % (rc, 'no JSON output' if not out.strip() else 'output',
                                                    (': ' + show(err.strip().split(b'\n')[0])) if err.strip() else ''))
        return res
    try:
        ours = load_ours(out)
    except ValueError as e:
        res.diff('pgconflint JSON does not parse: %s' % e)
        return res
    try:
        if case.kind == 'conf':
            derived = None
            dpath = derive_conf(case.path, answers['startup'], case.version, derive_dir)
            if dpath:
                rc, out, err = oracle.ask(case.version, 'conf', dpath)
                if rc != 0:
                    res.diff('oracle conf failed on the copy without syntax errors (exit %d)' % rc)
                    return res
                derived = out
            return compare_conf(case.path, answers['conf'], answers['startup'], ours, case.version, derived)
        return compare_auth(case.kind, case.path, answers[case.kind], ours, case.version)
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        res.diff('comparison failed on unexpected data: %s: %s' % (type(e).__name__, e))
        return res


def testdata_cases(top_srcdir, version):
    """(kind, path, label) of every main file in testdata/."""
    td = os.path.join(top_srcdir, 'testdata')
    out = []
    for kind in ('conf', 'hba', 'ident'):
        d = os.path.join(td, kind)
        if not os.path.isdir(d):
            continue
        for fn in sorted(os.listdir(d)):
            p = os.path.join(d, fn)
            if fn.endswith('.conf') and os.path.isfile(p):
                out.append((kind, p))
            elif os.path.isdir(p) and os.path.isfile(os.path.join(p, 'main.conf')):
                out.append((kind, os.path.join(p, 'main.conf')))
    for sub in ('pg15-samples', 'examples'):
        base = os.path.join(td, sub)
        for dp, dns, fns in sorted(os.walk(base)):
            dns.sort()
            for fn, kind in (('postgresql.conf', 'conf'), ('pg_hba.conf', 'hba'), ('pg_ident.conf', 'ident')):
                if fn in fns:
                    out.append((kind, os.path.join(dp, fn)))
    if version < 15:
        out = [x for x in out if x[0] != 'ident']
    return [(k, p, os.path.relpath(p, top_srcdir)) for k, p in out]


def split_count(total, version):
    if version < 15:
        return {'conf': total * 2 // 5, 'hba': total - total * 2 // 5, 'ident': 0}
    conf, hba = total * 2 // 5, total * 2 // 5
    return {'conf': conf, 'hba': hba, 'ident': total - conf - hba}


def main():
    pgconflint = env('PGCONFLINT')
    top_srcdir = env('TOP_SRCDIR', os.path.dirname(HERE))
    top_builddir = env('TOP_BUILDDIR', os.getcwd())
    oracle_path = env('PG_ORACLE', os.path.join(top_srcdir, '..', 'shared', 'oracle', 'pg-oracle'))
    require = env('PGCL_REQUIRE_ORACLE', '') == '1'
    if not pgconflint or not os.access(pgconflint, os.X_OK):
        print('1..1\nnot ok 1 - PGCONFLINT is not set to an executable (%r)' % pgconflint)
        return 1
    if not os.access(oracle_path, os.X_OK):
        if require:
            print('1..1\nnot ok 1 - oracle not found at %s (PGCL_REQUIRE_ORACLE=1)' % oracle_path)
            return 1
        print('1..0 # SKIP oracle not found')
        return 0
    count = int(env('PGCL_ORACLE_COUNT', '2000'))
    vcount = int(env('PGCL_ORACLE_VERSION_COUNT', '150'))
    versions = [int(v) for v in env('PGCL_ORACLE_VERSIONS', '12 14 16 18').split()]
    seed = env('PGCL_ORACLE_SEED', '1')
    jobs = max(1, int(env('PGCL_ORACLE_JOBS', '3')))
    only = re.compile(env('PGCL_ORACLE_ONLY', ''))
    show_messages = env('PGCL_ORACLE_MESSAGES', '') == '1'
    cache = env('PGCL_ORACLE_CACHE', os.path.join(top_builddir, 'oracle-cache'))
    corpus = os.path.join(top_builddir, 'oracle-corpus')
    t_start = time.monotonic()

    import gen_corpus
    oracle = Oracle(oracle_path, cache)
    rc, text = oracle.start(15)
    if rc != 0:
        if require:
            print('1..1\nnot ok 1 - pg-oracle start failed: %s' % text)
            return 1
        print('1..0 # SKIP pg-oracle start failed: %s' % text.replace('\n', ' ')[:200])
        return 0

    plan = []                  # (version, Case or None, skip reason)
    for version in [15] + [v for v in versions if v != 15]:
        total = count if version == 15 else vcount
        tag = '' if version == 15 else 'pg%d ' % version
        unavailable = None
        started_here = False
        if version != 15:
            was_running = oracle.status(version)
            rc, text = oracle.start(version)
            if rc != 0:
                unavailable = 'the oracle for PostgreSQL %d did not start: %s' % (version, text.replace('\n', ' ')[:150])
            started_here = not was_running
        for kind, path, rel in testdata_cases(top_srcdir, version):
            plan.append((version, Case(kind, path, '%s%s %s' % (tag, kind, rel), version), unavailable))
        for kind, n in split_count(total, version).items():
            if n <= 0:
                continue
            out = os.path.join(corpus, str(version), kind)
            for p in gen_corpus.generate(seed, n, kind, out, version):
                plan.append((version, Case(kind, p, '%s%s %s' % (tag, kind, os.path.basename(p)), version),
                             unavailable))
        if version < 15:
            plan.append((version, None, 'no ident cases: pg_ident_file_mappings needs PostgreSQL 15'))
        if started_here and env('PGCL_ORACLE_STOP', '') == '1':
            plan.append((version, 'stop', None))
    cases = [(v, c, u) for v, c, u in plan if isinstance(c, Case) and only.search(c.label)]
    print('1..%d' % len(cases))
    for v, c, u in plan:
        if c is None:
            print('# pg%d: %s' % (v, u))
    sys.stdout.flush()

    def work(item):
        version, case, unavailable = item
        if unavailable:
            r = Result()
            r.skip_case = unavailable
            if require:
                r.skip_case = None
                r.diff(unavailable)
            return r
        return run_case(oracle, pgconflint, case, os.path.join(top_builddir, 'oracle-derived'))

    tally = {}
    skipped_lines = 0
    skipped_cases = {}
    msg_same = msg_total = 0
    failures = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        futures = [ex.submit(work, item) for item in cases]
        for n, (item, fut) in enumerate(zip(cases, futures), 1):
            version, case, _ = item
            try:
                r = fut.result()
            except Exception as e:       # a harness bug must show, not hide a case
                r = Result()
                r.diff('harness error: %s: %s' % (type(e).__name__, e))
            t = tally.setdefault(version, {}).setdefault(case.kind, [0, 0])
            msg_same += r.msg_same
            msg_total += r.msg_total
            if r.skip_case:
                skipped_cases[r.skip_case] = skipped_cases.get(r.skip_case, 0) + 1
                print('ok %d - %s # SKIP %s' % (n, case.label, r.skip_case))
                continue
            t[1] += 1
            skipped_lines += r.skipped_lines
            if r.agree:
                t[0] += 1
                if r.skips:
                    print('ok %d - %s # SKIP not compared: %s' % (n, case.label, '; '.join(r.skips)[:300]))
                else:
                    print('ok %d - %s' % (n, case.label))
                if show_messages:
                    for d in r.msg_diffs:
                        print('#   message wording: ' + d)
            else:
                failures += 1
                print('not ok %d - %s' % (n, case.label))
                for d in r.diffs[:MAX_DIFF_LINES]:
                    print('#   ' + d)
                if len(r.diffs) > MAX_DIFF_LINES:
                    print('#   ... %d more differences' % (len(r.diffs) - MAX_DIFF_LINES))
                for s in r.skips:
                    print('#   not compared: ' + s)
            sys.stdout.flush()
    for v, c, u in plan:
        if c == 'stop':
            oracle.stop(v)

    def line(version):
        t = tally.get(version, {})
        parts, a, b = [], 0, 0
        for kind in ('conf', 'hba', 'ident'):
            x = t.get(kind, [0, 0])
            parts.append('%s %d/%d' % (kind, x[0], x[1]))
            a += x[0]
            b += x[1]
        pct = 100.0 * a / b if b else 0.0
        return '%s, total %d/%d (%.1f%%)' % (', '.join(parts), a, b, pct)

    print('# agreement: %s' % line(15))
    for v in versions:
        if v != 15 and v in tally:
            print('# agreement pg%d: %s' % (v, line(v)))
    for why, k in sorted(skipped_cases.items()):
        print('# skipped %d case(s): %s' % (k, why))
    print('# lines not compared (machine- or build-dependent): %d' % skipped_lines)
    print('# error messages identical where the lines agree: %d/%d' % (msg_same, msg_total))
    print('# oracle: %d asked (%.1f s), %d from the cache; total %.1f s'
          % (oracle.asked, oracle.seconds, oracle.cached, time.monotonic() - t_start))
    return 0


if __name__ == '__main__':
    sys.exit(main())
