#!/usr/bin/env python3
"""roundtrip.py - `pgconflint parse --format source` gives back every input
byte for byte (the syntax tree is lossless, DESIGN.md).

Inputs: every file under testdata/ (read with the kind of its directory:
testdata/hba -> hba, testdata/ident -> ident, samples and examples by file
name, everything else as conf), then inputs written under
$TOP_BUILDDIR/roundtrip/ that are hard on a lexer, each read as conf, hba and
ident: CRLF, lone CR, no final newline, NUL bytes, invalid UTF-8, a UTF-8 BOM,
a 1 MB line, an empty file, only comments, unterminated quotes, a backslash at
the end of the file, seeded random bytes, and a slice of the generated corpus
(tests/gen_corpus.py).  One TAP line per input and kind.

Environment: PGCONFLINT, TOP_SRCDIR, TOP_BUILDDIR.
"""

import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True       # never write into a (read-only) source tree
import fixlib  # noqa: E402
from fixlib import kind_of  # noqa: E402


def tricky_inputs():
    rng = random.Random('pgconflint-roundtrip')
    t = {
        'empty': b'',
        'only-newline': b'\n',
        'only-comments': b'# one\n# two\n   # three\n',
        'crlf': b'work_mem = 4MB\r\nlocal all all trust\r\n# c\r\n',
        'lone-cr': b'work_mem = 4MB\rtemp_buffers = 8MB\r',
        'cr-before-eof': b'local all all trust\r',
        'no-final-newline': b'work_mem = 4MB\nlocal all all trust',
        'no-final-newline-incomplete': b'work_mem =',
        'nul-bytes': b'work_mem = 4MB\n\x00\nlocal all\x00 all trust\n\x00',
        'invalid-utf8': b"application_name = '\xff\xfe\xc3\x28'\nlocal \xe9 \x80 trust\nmymap \xc0\xaf x\n",
        'utf8-bom': b'\xef\xbb\xbfwork_mem = 4MB\n',
        'utf8-text': "application_name = 'h\u00e9llo \u2603'\n".encode(),
        'long-line-1mb': b'application_name = \'' + b'x' * (1 << 20) + b"'\n",
        'long-token-1mb-no-newline': b'local all ' + b'a' * (1 << 20),
        'unterminated-quotes': b"work_mem = '4MB\nlocal all \"unterminated trust\nx 'y\n",
        'backslash-at-eof': b'local all all trust \\',
        'backslash-newline-chain': b'local all \\\n\\\n\\\nall trust\n',
        'comment-ends-in-backslash': b'local all all trust # c \\\nhost all all 1.2.3.4/32 md5\n',
        'tabs-and-form-feeds': b'\twork_mem\t=\t4MB\t\n\x0c\n\x0b\x0c local all all trust\n',
        'only-whitespace': b'   \t \r\n\t\n  ',
        'control-bytes': bytes(range(0, 32)) + b'\n' + bytes(range(127, 256)) + b'\n',
        'many-empty-lines': b'\n' * 10000,
        'quotes-and-escapes': b"a = 'it''s \\' \\\\ \\n \\101'\nlocal \"a\"\"b\" all trust\n",
        'include-lines': b"include 'nowhere.conf'\ninclude_dir 'nodir'\ninclude_if_exists 'x'\n@missing.txt\n",
    }
    for i in range(8):
        n = rng.choice([1, 10, 100, 5000])
        t['random-bytes-%d' % i] = bytes(rng.randrange(256) for _ in range(n))
    for i in range(4):
        alphabet = b" \t\r\n#'\"\\=,@/+.azAZ09_-\x00\xe9"
        t['random-syntax-%d' % i] = bytes(rng.choice(alphabet) for _ in range(rng.choice([50, 500, 5000])))
    return t


def main():
    pgconflint, top_srcdir, top_builddir = fixlib.env()
    if fixlib.no_program(pgconflint):
        return 0
    cases = []                                   # (label, path, kind)
    td = os.path.join(top_srcdir, 'testdata')
    for dp, dns, fns in os.walk(td):
        dns.sort()
        for fn in sorted(fns):
            p = os.path.join(dp, fn)
            if os.path.islink(p) or not os.path.isfile(p):
                continue
            rel = os.path.relpath(p, top_srcdir)
            cases.append((rel, p, kind_of(rel)))
    out = os.path.join(top_builddir, 'roundtrip')
    os.makedirs(out, exist_ok=True)
    for name, data in sorted(tricky_inputs().items()):
        p = os.path.join(out, name + '.in')
        with open(p, 'wb') as f:
            f.write(data)
        for kind in ('conf', 'hba', 'ident'):
            cases.append(('%s (as %s)' % (name, kind), p, kind))
    import gen_corpus
    for kind in ('conf', 'hba', 'ident'):
        for p in gen_corpus.generate('roundtrip', 25, kind, os.path.join(out, 'gen-' + kind)):
            cases.append((os.path.relpath(p, top_builddir), p, kind))

    print('1..%d' % len(cases))
    for n, (label, path, kind) in enumerate(cases, 1):
        with open(path, 'rb') as f:
            want = f.read()
        try:
            p = subprocess.run([pgconflint, 'parse', path, '--format', 'source', '--kind', kind],
                               capture_output=True, timeout=120)
        except subprocess.TimeoutExpired:
            print('not ok %d - %s %s\n#   timed out' % (n, kind, label))
            continue
        if p.returncode == 0 and p.stdout == want:
            print('ok %d - %s %s' % (n, kind, label))
            continue
        print('not ok %d - %s %s' % (n, kind, label))
        if p.returncode != 0:
            print('#   exit %d: %s' % (p.returncode, p.stderr.decode('utf-8', 'replace').strip()[:300]))
        got = p.stdout
        i = 0
        while i < min(len(got), len(want)) and got[i] == want[i]:
            i += 1
        print('#   %d bytes expected, %d printed; first difference at byte %d: expected %r, printed %r'
              % (len(want), len(got), i, want[i:i + 20], got[i:i + 20]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
