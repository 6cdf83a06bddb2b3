#!/usr/bin/env python3
"""gen_corpus.py - a seeded generator of postgresql.conf / pg_hba.conf /
pg_ident.conf files that mix valid and invalid lines.

    gen_corpus.py --seed S --count N --kind conf|hba|ident --out DIR [--pg-version V]

Each case goes into its own directory, DIR/gen-NNNN/, together with the files
it references (includes, @files), so that a case never depends on another one.
The main file is DIR/gen-NNNN/gen-NNNN.conf (conf), gen-NNNN-hba.conf (hba) or
gen-NNNN-ident.conf (ident).  DIR/index.txt lists the main files, one a line,
relative to DIR.

Case i depends only on (seed, kind, version, i): raising --count keeps the
earlier cases byte-identical, so cached oracle answers stay valid.

The values stay where PostgreSQL's decision does not depend on the machine:
no locale names, no time zones other than UTC, no DNS lookups at load time
(RADIUS servers are numeric; hba host names are never resolved when the file
is read), no lz4, no data_directory/config_file/hba_file/ident_file.
--pg-version only changes the mix: for versions other than 15 the features
that changed between versions (continuation lines, /regex, include lines in
hba/ident, methods added and removed, clientcert/clientname) are more
frequent.  PostgreSQL decides what is valid; the generator never claims to
know.

Standard library only (python3.11).
"""

import argparse
import os
import random
import re
import shutil
import sys

# ---------------------------------------------------------------------------
# helpers


def pick(rng, weighted):
    """weighted: list of (weight, value)."""
    total = sum(w for w, _ in weighted)
    x = rng.uniform(0, total)
    for w, v in weighted:
        x -= w
        if x <= 0:
            return v
    return weighted[-1][1]


def chance(rng, p):
    return rng.random() < p


# ---------------------------------------------------------------------------
# postgresql.conf

# name -> (type, [valid values], [invalid values]); values are the semantic
# strings (before quoting).  "Valid" is only the generator's intent.
MEM = 'mem'
TIME = 'time'
CONF_PARAMS = {
    # booleans
    'enable_seqscan': ('bool', ['on', 'off', 'true', 'false', 'yes', 'no', '1', '0', 'tr', 'of', 'y', 'n', 'ON', 'Off'],
                       ['maybe', 'o', '01', 'truex', '2', '', ' on']),
    'enable_indexscan': ('bool', ['on', 'off', 'TRUE', 'f'], ['onn', 'yess']),
    'enable_hashjoin': ('bool', ['on', 'off'], ['enable']),
    'enable_sort': ('bool', ['on', 'off', 'fa', 'ye'], ['x']),
    'fsync': ('bool', ['on', 'off'], ['sometimes']),
    'autovacuum': ('bool', ['on', 'off'], ['auto']),
    'log_checkpoints': ('bool', ['on', 'off'], ['always']),
    'log_disconnections': ('bool', ['on', 'off'], ['2']),
    'jit': ('bool', ['on', 'off'], ['fast']),
    'hot_standby': ('bool', ['on', 'off'], ['hot']),
    'track_counts': ('bool', ['on', 'off'], ['counting']),
    'log_lock_waits': ('bool', ['on', 'off'], ['wait']),
    # memory (base kB, 8kB blocks or 8kB-block pages)
    'work_mem': (MEM, ['4MB', '64kB', '1GB', '4096', '8192kB', '1TB', '1024B', '2 MB', '0x1000', '010000',
                       '1.5MB', '64.5'],
                 ['4mb', '10XB', '1KB', '5M', '63', '-1', '4 M B', '3000000000', '0x', '1e400', '08']),
    'maintenance_work_mem': (MEM, ['64MB', '1GB', '1024'], ['512', '1 gb', '64Mb']),
    'temp_buffers': (MEM, ['8MB', '16MB', '1000'], ['10', '8 KB']),
    'shared_buffers': (MEM, ['128MB', '256MB', '16384'], ['1', '1.5XB']),
    'effective_cache_size': (MEM, ['4GB', '1TB', '524288'], ['0', 'big']),
    'wal_buffers': (MEM, ['-1', '16MB', '64kB'], ['-2', '8 mb']),
    'log_temp_files': (MEM, ['-1', '0', '10MB'], ['-5', '10 mB']),
    # time
    'statement_timeout': (TIME, ['0', '30s', '1500ms', '1min', '2h', '1d', '500us', '1.5min', '5 s', '+100'],
                          ['10sec', '1hr', '5m', '-1', '1h30min', '30 S', '1e3s']),
    'lock_timeout': (TIME, ['0', '10s', '100'], ['10 seconds', '-10']),
    'idle_in_transaction_session_timeout': (TIME, ['0', '10min'], ['-1', '10 mins']),
    'checkpoint_timeout': (TIME, ['5min', '30s', '300'], ['10', '2d', '1ms']),
    'autovacuum_naptime': (TIME, ['1min', '15s'], ['0', '30d']),
    'deadlock_timeout': (TIME, ['1s', '500ms'], ['0', '1 sec']),
    'log_min_duration_statement': (TIME, ['-1', '0', '250ms'], ['-2', 'fast']),
    'authentication_timeout': (TIME, ['1min', '30s'], ['0', '11min']),
    'wal_writer_delay': (TIME, ['200ms', '1s'], ['0', '20s']),
    'log_rotation_age': (TIME, ['1d', '60'], ['1y', '-1']),
    # plain integers
    'max_connections': ('int', ['100', '200', '0x64', '010', '+50', '1.4', "'1e2'"], ['0', '08', '300000', '1_000', 'many']),
    'max_wal_senders': ('int', ['10', '0'], ['-1', '263000']),
    'autovacuum_max_workers': ('int', ['3', '5'], ['0', '1000']),
    'geqo_threshold': ('int', ['12', '2'], ['1', '0x']),
    'default_statistics_target': ('int', ['100', '10000', '2.5', '3.5'], ['0', '10001', '100kB']),
    'extra_float_digits': ('int', ['1', '-15', '3'], ['4', '-16']),
    'max_locks_per_transaction': ('int', ['64', '128'], ['5', 'lots']),
    # reals
    'random_page_cost': ('real', ['4', '1.1', '.5', '1.', '2.5E-3', '0x10', 'inf'],
                         ['-1', '-1.0', '1e400', 'nan', 'fast', '1.5kB']),
    'seq_page_cost': ('real', ['1.0', '0'], ['-0.5', 'cheap']),
    'cpu_tuple_cost': ('real', ['0.01', '1e-2'], ['-1e-2', 'x']),
    'autovacuum_vacuum_scale_factor': ('real', ['0.2', '0'], ['101', '-0.1']),
    'checkpoint_completion_target': ('real', ['0.9', '0.5', '1'], ['1.1', '-0.1']),
    'geqo_selection_bias': ('real', ['2.0', '1.5'], ['1.4', '2.1']),
    # enums
    'wal_level': ('enum', ['replica', 'logical', 'minimal', 'archive', 'hot_standby', 'REPLICA'], ['full', 'none', 'archiv']),
    'log_min_messages': ('enum', ['warning', 'debug1', 'error', 'panic', 'DEBUG5'], ['verbose', 'debug6', 'warn']),
    'client_min_messages': ('enum', ['notice', 'debug', 'log', 'warning'], ['fatal', 'panic', 'loud']),
    'synchronous_commit': ('enum', ['on', 'off', 'local', 'remote_write', 'remote_apply', 'true', 'yes', '1', 'TRUE'],
                           ['t', 'of', 'remote', 'y']),
    'log_statement': ('enum', ['none', 'ddl', 'mod', 'all'], ['some', 'select']),
    'password_encryption': ('enum', ['scram-sha-256', 'md5'], ['on', 'sha256', 'scram']),
    'ssl_min_protocol_version': ('enum', ['TLSv1.2', 'TLSv1.3', 'TLSv1', 'tlsv1.2'], ['TLSv1.4', 'SSLv3']),
    'huge_pages': ('enum', ['try', 'off'], ['maybe', 'always']),
    'default_transaction_isolation': ('enum', ['read committed', 'serializable', 'repeatable read'],
                                      ['snapshot', 'read_committed']),
    'bytea_output': ('enum', ['hex', 'escape'], ['base64']),
    'track_functions': ('enum', ['none', 'pl', 'all'], ['some']),
    'constraint_exclusion': ('enum', ['on', 'off', 'partition'], ['auto']),
    'log_error_verbosity': ('enum', ['terse', 'default', 'verbose'], ['quiet']),
    'session_replication_role': ('enum', ['origin', 'replica', 'local'], ['primary']),
    # strings
    'application_name': ('string', ['app', 'my app', "it's", 'caf\xe9', 'x' * 70, '', 'tab\there', 'a,b'], []),
    'cluster_name': ('string', ['main', 'ts-1', '15/main', 'na\xefve'], []),
    'log_line_prefix': ('string', ['%m [%p] ', '%t [%p]: [%l-1] user=%u,db=%d ', '%m [%p] %q%u@%d '], []),
    'search_path': ('string', ['"$user", public', 'public', '', 'a.b'], []),
    'log_directory': ('string', ['log', 'pg_log', '/var/log/postgresql'], []),
    'log_filename': ('string', ['postgresql-%Y-%m-%d.log', 'postgresql.log'], []),
    'archive_command': ('string', ['cp %p /archive/%f', '', 'test ! -f /a/%f && cp %p /a/%f'], []),
    'ssl_ciphers': ('string', ['HIGH:MEDIUM:+3DES:!aNULL', 'HIGH:!aNULL', 'DEFAULT'], []),
    'listen_addresses': ('string', ['*', 'localhost', '127.0.0.1,::1', ''], []),
    'datestyle': ('string', ['iso, mdy', 'ISO, DMY', 'postgres'], ['iso, mdy, dmy', 'foo']),
    'timezone': ('string', ['UTC'], []),
    'log_destination': ('string', ['stderr', 'stderr,csvlog', 'syslog'], ['stdout', 'csv']),
    'default_text_search_config': ('string', ['pg_catalog.english', 'pg_catalog.simple'], []),
    'ssl_cert_file': ('string', ['server.crt', '/etc/ssl/certs/server.crt'], []),
    'shared_preload_libraries': ('string', ['pg_stat_statements', 'pg_stat_statements,auto_explain'], []),
}
# names that changed across versions (for the version runs), and internal ones
CONF_VERSIONED = {
    'wal_keep_segments': ('int', ['64'], ['-1']),
    'wal_keep_size': (MEM, ['1GB', '0'], ['-1']),
    'vacuum_defer_cleanup_age': ('int', ['0', '100'], ['-1']),
    'stats_temp_directory': ('string', ['pg_stat_tmp'], []),
    'ssl_ecdh_curve': ('string', ['prime256v1'], []),
    'log_connections': ('bool', ['on', 'off'], ['receipt', 'maybe']),
    'old_snapshot_threshold': (TIME, ['-1', '1h'], ['-2']),
    'promote_trigger_file': ('string', ['/tmp/promote'], []),
    'db_user_namespace': ('bool', ['off'], ['maybe']),
    'sort_mem': (MEM, ['4MB'], ['4mb']),
    'vacuum_mem': (MEM, ['64MB'], ['64XB']),
    'block_size': ('int', ['8192'], []),
    'server_version': ('string', ['99'], []),
}
UNKNOWN_NAMES = ['shared_bufers', 'work_meme', 'effective_cache_szie', 'checkpoint_segments', 'foo',
                 'enable_seqscans', 'max_conections', 'caf\xe9', 'logging', 'listen_address']
CUSTOM_NAMES = ['my_ext.setting', 'pg_stat_statements.max', 'auto_explain.log_min_duration', 'a.b',
                'x.y_1', 'My_Ext.Setting', 'ext\xe9.opt']
BAD_NAMES = ['work-mem', 'a.b.c', 'a.', '1abc', '-x', "'quoted'", '"dq"', 'work mem x', 'a..b', '.x']

ID_RE = r'[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*'
RE_QUALIFIED = re.compile(r'%s\.%s\Z' % (ID_RE, ID_RE), re.S)
RE_UNQUOTED = re.compile(r'[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff\-.:/]*\Z', re.S)
RE_INTEGER = re.compile(r'[+-]?(?:0x[0-9A-Fa-f]+|[0-9]+)[A-Za-z]*\Z', re.S)
RE_REAL = re.compile(r'[+-]?[0-9]*\.[0-9]*(?:[eE][+-]?[0-9]+)?\Z', re.S)


def conf_single_value_token(v):
    """True if v, written unquoted, lexes as exactly one value token."""
    if v == '':
        return False
    if RE_QUALIFIED.match(v):
        return False
    return bool(RE_UNQUOTED.match(v) or RE_INTEGER.match(v) or RE_REAL.match(v))


def conf_quote(rng, v):
    """Quote v as a STRING token, with a random mix of the escapes
    PostgreSQL understands.  v must not contain LF."""
    out = ["'"]
    for ch in v:
        if ch == "'":
            out.append(pick(rng, [(3, "''"), (1, "\\'")]))
        elif ch == '\\':
            out.append('\\\\')
        elif ch == '\t':
            out.append(pick(rng, [(1, '\\t'), (1, '\t')]))
        elif ch == '\r':
            out.append('\\r')
        elif ch.isalpha() and ch.isascii() and ch not in 'bfnrt' and chance(rng, 0.04):
            out.append('\\' + ch)                      # \q is q
        elif chance(rng, 0.03):
            out.append('\\%03o' % ord(ch))             # octal
        else:
            out.append(ch)
    out.append("'")
    return ''.join(out)


def conf_render_value(rng, v, strict):
    """Render v as a value token; strict=True only produces lexically valid
    text (quoted when needed)."""
    if '\n' in v:
        v = v.replace('\n', ' ')
    if conf_single_value_token(v) and chance(rng, 0.6):
        return v
    if not strict and chance(rng, 0.25):
        return v                                      # unquoted, maybe a syntax error
    return conf_quote(rng, v)


CONF_SYNTAX_ERRORS = [
    "work_mem = 4MB extra",
    "work_mem = = 4MB",
    "work_mem =",
    "temp_buffers",
    "x y z",
    "work_mem = 64 MB",
    "temp_buffers = 1.5MB",
    "log_directory = /var/log/x",
    "search_path = public.x",
    "log_filename = postgresql-%Y.log",
    "ssl_ciphers = HIGH:MEDIUM:+3DES:!aNULL",
    "datestyle = iso, mdy",
    "listen_addresses = 127.0.0.1",
    "geqo_threshold = 1e3",
    "max_connections = 0X1F",
    "application_name = 'unterminated",
    "data_directory = 'C:\\data\\'",
    "shared_preload_libraries = \"pg_stat_statements\"",
    "work_mem = 4MB;",
    "= 5",
    "include special.conf",
    "work-mem = 4MB",
    "a.b.c = 1",
    "max_connections = 1_000",
    "enable_seqscan = on \x0c",
    "work_mem = 4MB \x0b",
    "work_mem = $x",
    "work_mem 'a' 'b'",
    "'quoted_name' = 1",
    "caf\xe9.x.y = 1",
]


def conf_setting_line(rng, profile, version):
    """One setting line (without EOL) for the given profile."""
    r = rng.random()
    if profile == 'names' and r < 0.25:
        name = rng.choice(UNKNOWN_NAMES)
        ptype, valid, invalid = 'string', ['1', 'on', '128MB'], []
    elif r < 0.10:
        name = rng.choice(CUSTOM_NAMES)
        ptype, valid, invalid = 'string', ['42', 'on', 'some value', '5s', ''], []
    elif r < 0.16 or (version != 15 and r < 0.30):
        name = rng.choice(sorted(CONF_VERSIONED))
        ptype, valid, invalid = CONF_VERSIONED[name]
    else:
        name = rng.choice(sorted(CONF_PARAMS))
        ptype, valid, invalid = CONF_PARAMS[name]
    # case variants of the name
    if chance(rng, 0.08):
        name = pick(rng, [(1, name.upper()), (1, name.title()), (1, name.capitalize())])
    if profile == 'syntax' and chance(rng, 0.06):
        name = rng.choice(BAD_NAMES)                 # not an ID or QUALIFIED_ID
    if invalid and profile in ('values', 'names') and chance(rng, 0.3):
        value = rng.choice(invalid)
    else:
        value = rng.choice(valid)
    if value.startswith("'") and value.endswith("'"):
        value = value[1:-1]
        tok = conf_quote(rng, value)
    else:
        tok = conf_render_value(rng, value, strict=(profile != 'syntax'))
    sep = pick(rng, [(5, ' = '), (2, '='), (2, ' '), (1, '\t=\t'), (1, '  =   '), (1, '\t')])
    lead = pick(rng, [(10, ''), (1, '  '), (1, '\t')])
    tail = pick(rng, [(10, ''), (2, '  # comment'), (1, '#x'), (1, '   '), (1, "\t# it's 'quoted' here")])
    return lead + name + sep + tok + tail


def conf_comment_line(rng):
    return pick(rng, [(3, ''), (3, '# ' + rng.choice(['comment', 'work_mem = 4MB', "it's fine", 'caf\xe9'])),
                      (1, '   '), (1, '\t# indented'), (1, '#'), (1, '#work_mem = 1MB  # old')])


def conf_include_block(rng, casedir, version, files):
    """Return include lines for the main file, writing the files they name."""
    lines = []
    kind = pick(rng, [(4, 'include'), (2, 'include_dir'), (2, 'include_if_exists'), (1, 'missing'),
                      (1, 'nested'), (1, 'self_nested'), (1, 'dotdot'), (1, 'case')])
    q = lambda p: pick(rng, [(3, "'%s'" % p), (1, p if conf_single_value_token(p) else "'%s'" % p)])
    eq = lambda: pick(rng, [(2, ' '), (1, ' = '), (1, '=')])

    def body(n, allow_err):
        out = []
        for _ in range(n):
            out.append(conf_setting_line(rng, 'values', version) if not (allow_err and chance(rng, 0.15))
                       else rng.choice(CONF_SYNTAX_ERRORS))
        return '\n'.join(out) + '\n'

    if kind == 'include':
        files['inc1.conf'] = body(rng.randint(1, 4), True)
        lines.append('include' + eq() + q('inc1.conf'))
    elif kind == 'case':
        files['inc_case.conf'] = body(2, False)
        lines.append(rng.choice(['INCLUDE', 'Include', 'iNcLuDe']) + eq() + q('inc_case.conf'))
    elif kind == 'include_dir':
        names = rng.sample(['10.conf', '9.conf', 'B.conf', 'a.conf', '00-first.conf', 'z.conf', '.hidden.conf',
                            'x.CONF', 'notes.txt', 'a.conf.bak', 'ab.conf'], rng.randint(2, 6))
        for n in names:
            files['conf.d/' + n] = body(rng.randint(1, 2), True)
        if chance(rng, 0.3):
            files['conf.d/subdir.conf/keep.conf'] = body(1, False)
        lines.append('include_dir' + eq() + q('conf.d'))
    elif kind == 'include_if_exists':
        if chance(rng, 0.5):
            files['maybe.conf'] = body(2, True)
        lines.append('include_if_exists' + eq() + q('maybe.conf'))
    elif kind == 'missing':
        lines.append(rng.choice(["include 'missing.conf'", "include_dir 'no-such-dir'", "include ''",
                                 "include_dir ''", "include_if_exists 'nope.conf'",
                                 "include '/nonexistent-pgconflint/x.conf'"]))
    elif kind == 'nested':
        files['sub/a.conf'] = body(1, False) + "include 'b.conf'\n" + body(1, False)
        files['sub/b.conf'] = body(2, True)
        lines.append("include 'sub/a.conf'")
    elif kind == 'self_nested':
        files['loop.conf'] = body(1, False) + rng.choice(["include 'loop.conf'\n", "include 'loop2.conf'\n"])
        files['loop2.conf'] = body(1, False) + "include 'loop.conf'\n"
        lines.append("include 'loop.conf'")
    elif kind == 'dotdot':
        files['sub/c.conf'] = body(1, False)
        lines.append("include 'sub/../sub/c.conf'")
    return lines


def gen_conf(rng, casedir, base, version):
    profile = pick(rng, [(35, 'values'), (20, 'names'), (45, 'syntax')])
    files = {}
    lines = []
    n = rng.randint(1, 14)
    n_err = rng.randint(1, 3) if profile == 'syntax' else 0
    err_at = set(rng.sample(range(n), min(n, n_err)))
    for i in range(n):
        r = rng.random()
        if i in err_at:
            lines.append(rng.choice(CONF_SYNTAX_ERRORS))
        elif r < 0.2:
            lines.append(conf_comment_line(rng))
        elif r < 0.27 and profile != 'names':
            lines.extend(conf_include_block(rng, casedir, version, files))
        else:
            lines.append(conf_setting_line(rng, profile, version))
    # the incomplete last line without a newline: PostgreSQL's off-by-one
    if chance(rng, 0.06):
        lines.append(rng.choice(['work_mem =', 'temp_buffers', 'work_mem = 4MB', '# end']))
    eol = pick(rng, [(8, '\n'), (1, '\r\n'), (1, 'mixed')])
    text = ''
    for ln in lines:
        e = eol if eol != 'mixed' else rng.choice(['\n', '\r\n'])
        text += ln + e
    if chance(rng, 0.15) and text.endswith('\n'):
        text = text[:-1]
        if text.endswith('\r'):
            text = text[:-1]
    return {base: text, **files}


# ---------------------------------------------------------------------------
# pg_hba.conf

HBA_TYPES = [(30, 'host'), (20, 'local'), (15, 'hostssl'), (6, 'hostnossl'), (3, 'hostgssenc'),
             (3, 'hostnogssenc'), (2, '"host"'), (1, 'hots'), (1, 'Host'), (1, 'local,host'), (1, 'hostgss')]
DB_TOKENS = [(20, 'all'), (5, 'sameuser'), (3, 'samerole'), (2, 'samegroup'), (5, 'replication'),
             (8, 'db1'), (4, 'app_db'), (3, '"all"'), (2, '"replication"'), (2, '"sameuser"'),
             (2, '"db with space"'), (1, '"a""b"'), (1, 'ab"c d"e'), (1, 'caf\xe9'), (1, '""'),
             (2, '+grp'), (1, '"db#x"'), (1, 'db#comment')]
USER_TOKENS = [(20, 'all'), (8, 'alice'), (6, 'bob'), (5, '+admins'), (2, '"+admins"'), (2, '"all"'),
               (2, 'postgres'), (1, 'replication'), (1, '"user""quote"'), (1, 'na\xefve'), (1, '""'),
               (1, '@'), (1, '"@users.txt"')]
REGEX_TOKENS = [(3, '/^db_\\d+$'), (2, '/^.*admin$'), (2, '/^(bad'), (1, '"/^quoted$"'), (1, '/[z-a]'),
                (1, '/x'), (1, '/^(a|b)+$'), (1, '/'), (1, '"/^x,y$"')]
ADDRESSES_CIDR = [(10, '127.0.0.1/32'), (8, '10.0.0.0/8'), (6, '192.168.0.0/16'), (5, '0.0.0.0/0'),
                  (4, '::1/128'), (3, '::/0'), (2, 'fe80::/10'), (2, '10.0.0.1/24'), (1, '127.1/32'),
                  (1, '2001:db8::1/64'), (1, '"127.0.0.1/32"'), (1, '::ffff:10.0.0.1/128'),
                  (2, '127.0.0.1/33'), (1, '::1/129'), (1, '127.0.0.1/'), (1, '1.2.3.4/abc'),
                  (1, '10.0.0.0/8,192.168.0.0/16'), (1, '10.0.0.0/-1'), (1, '10.0.0.0/08')]
ADDRESSES_MASK = [(5, ('127.0.0.1', '255.255.255.255')), (3, ('10.0.0.0', '255.0.0.0')),
                  (1, ('10.0.0.0', '255.0.255.0')), (1, ('::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')),
                  (1, ('::1', '255.255.255.0')), (1, ('127.0.0.1', '256.0.0.0')),
                  (1, ('127.0.0.1', '255.255.255.0,255.0.0.0')), (1, ('10.0.0.0', 'ffff::'))]
ADDRESSES_NAME = [(3, 'samehost'), (3, 'samenet'), (2, 'all'), (1, '"samehost"'), (1, '"all"'),
                  (3, '.example.com'), (3, 'db.example.invalid'), (2, '300.1.1.1'), (1, 'host.example/24'),
                  (1, 'localhost.invalid'), (1, '"quoted.example.com"')]
METHODS = [(12, 'scram-sha-256'), (10, 'md5'), (8, 'trust'), (5, 'reject'), (4, 'password'), (5, 'peer'),
           (4, 'ident'), (4, 'cert'), (2, 'pam'), (2, 'gss'), (3, 'ldap'), (2, 'radius'), (2, 'oauth'),
           (1, 'MD5'), (1, 'crypt'), (1, 'krb5'), (1, 'sspi'), (1, 'bsd'), (1, 'md5,trust'), (1, 'Trust'),
           (1, '"md5"'), (1, 'scram-sha-1')]


def hba_token_list(rng, tokens, regex_weight, atfile, nmax=3):
    toks = []
    for _ in range(rng.choices([1, 2, 3], [8, 3, 1])[0] if nmax > 1 else 1):
        r = rng.random()
        if r < regex_weight:
            toks.append(pick(rng, REGEX_TOKENS))
        elif r < regex_weight + 0.06 and atfile is not None:
            toks.append(atfile())
        else:
            toks.append(pick(rng, tokens))
    sep = pick(rng, [(8, ','), (2, ', '), (1, ',,'), (1, ' ,')])   # ' ,' splits the field
    s = sep.join(toks)
    if chance(rng, 0.03):
        s += ','
    return s


def hba_options(rng, method, typ):
    opts = []
    if method == 'ldap':
        mode = pick(rng, [(3, 'simple'), (3, 'search'), (1, 'mixed'), (1, 'none'), (1, 'filter_both')])
        opts.append('ldapserver=ldap.example.invalid')
        if mode == 'simple':
            opts += ['ldapprefix="cn="', rng.choice(['ldapsuffix=", dc=example, dc=net"', 'ldapsuffix=,dc=x'])]
        elif mode == 'search':
            opts += ['ldapbasedn="dc=example,dc=net"',
                     pick(rng, [(2, 'ldapsearchattribute=uid'), (1, 'ldapsearchfilter="(uid=$username)"'),
                                (1, '"ldapbinddn=cn=admin,dc=x"')])]
        elif mode == 'mixed':
            opts += ['ldapprefix=a', 'ldapbasedn=b']
        elif mode == 'filter_both':
            opts += ['ldapbasedn="dc=x"', 'ldapsearchattribute=uid', 'ldapsearchfilter="(uid=$username)"']
        if chance(rng, 0.3):
            opts.append(rng.choice(['ldapport=389', 'ldapport=389x', 'ldapport=abc', 'ldapport=0', 'ldaptls=1',
                                    'ldapscheme=ldaps', 'ldapscheme=http']))
    elif method == 'radius':
        srv = rng.choice(['127.0.0.1', '"127.0.0.1,127.0.0.2"', '::1', '""'])
        opts.append('radiusservers=' + srv)
        if chance(rng, 0.85):
            opts.append('radiussecrets=' + rng.choice(['s', '"s1,s2"', '"s1,s2,s3"', 'secret']))
        if chance(rng, 0.3):
            opts.append('radiusports=' + rng.choice(['1812', '0', '"1812,1813"', 'abc']))
        if chance(rng, 0.1):
            opts.append('radiusidentifiers=' + rng.choice(['pg', '"a,b,c"']))
    elif method == 'oauth':
        if chance(rng, 0.8):
            opts.append('issuer=https://issuer.example.invalid')
        if chance(rng, 0.8):
            opts.append('scope=openid')
    elif method == 'pam':
        if chance(rng, 0.6):
            opts.append('pamservice=postgresql')
        if chance(rng, 0.3):
            opts.append('pam_use_hostname=' + rng.choice(['1', '0', 'yes']))
    elif method == 'gss':
        if chance(rng, 0.5):
            opts.append('include_realm=' + rng.choice(['0', '1', 'true']))
        if chance(rng, 0.4):
            opts.append('krb_realm=EXAMPLE.COM')
    if method in ('peer', 'ident', 'cert', 'gss') and chance(rng, 0.4):
        opts.append('map=' + rng.choice(['mymap', '""', 'm', '"map with space"']))
    if typ == 'hostssl' or chance(rng, 0.08):
        if chance(rng, 0.35):
            opts.append('clientcert=' + rng.choice(['verify-ca', 'verify-full', '1', '0', 'no-verify', 'yes']))
        if chance(rng, 0.15):
            opts.append('clientname=' + rng.choice(['CN', 'DN', 'cn']))
    if chance(rng, 0.06):
        opts.append(rng.choice(['extra_token', 'foo=bar', 'map=x', 'Map=x', 'include_realm=0', 'map=a,map=b',
                                'krb_realm=X']))
    rng.shuffle(opts)
    return opts


def hba_at_file(rng, files, casedir_files_prefix=''):
    """An @file token; writes the file (or not: missing)."""
    n = len([k for k in files if k.startswith('list')]) + 1
    name = 'list%d.txt' % n
    if chance(rng, 0.85):
        lines = []
        for _ in range(rng.randint(1, 3)):
            toks = [pick(rng, [(5, 'alice'), (3, 'bob'), (2, '"bob smith"'), (2, '+grp'), (1, 'db_a'),
                               (1, '"all"'), (1, 'all'), (1, '# comment')]) for _ in range(rng.randint(1, 3))]
            lines.append(pick(rng, [(2, ', '), (2, ' '), (1, ',')]).join(toks))
        if chance(rng, 0.15):
            lines.append('')
        files[name] = '\n'.join(lines) + '\n'
    return '@' + name if chance(rng, 0.9) else '@"%s"' % name


def hba_record(rng, version, files, regex_w, weird):
    typ = pick(rng, HBA_TYPES)
    atfile = (lambda: hba_at_file(rng, files))
    db = hba_token_list(rng, DB_TOKENS, regex_w, atfile)
    user = hba_token_list(rng, USER_TOKENS, regex_w, atfile)
    fields = [typ, db, user]
    bare = typ.strip('"')
    if bare.startswith('host') or (weird and chance(rng, 0.05)):
        r = rng.random()
        if r < 0.6:
            fields.append(pick(rng, ADDRESSES_CIDR))
        elif r < 0.8:
            a, m = pick(rng, ADDRESSES_MASK)
            fields += [a, m]
        else:
            fields.append(pick(rng, ADDRESSES_NAME))
    method = pick(rng, METHODS)
    if version != 15 and chance(rng, 0.5) and method in ('pam', 'gss', 'ldap'):
        method = rng.choice(['scram-sha-256', 'md5', 'trust', 'oauth'])     # build-dependent on npm builds
    fields.append(method)
    fields += hba_options(rng, method.strip('"'), bare)
    # missing fields
    if weird and chance(rng, 0.06):
        fields = fields[:rng.randint(1, len(fields) - 1)]
    return fields


def join_fields(rng, fields):
    out = fields[0]
    for f in fields[1:]:
        out += pick(rng, [(6, ' '), (3, '   '), (1, '\t'), (1, ' \t ')]) + f
    return out


def continue_line(rng, line):
    """Split a logical line into physical lines ending in a backslash."""
    pos = [i for i, c in enumerate(line) if c == ' ']
    if not pos:
        return line
    k = rng.choice(pos)
    if chance(rng, 0.75):
        first, rest = line[:k + 1], line[k + 1:]          # keeps a blank before the backslash
    else:
        first, rest = line[:k], line[k:]
        if chance(rng, 0.5):
            first, rest = line[:k], line[k + 1:]          # no separator: tokens join
    indent = pick(rng, [(2, ''), (2, '    '), (1, '\t')])
    return first + '\\\n' + indent + rest


def auth_include_lines(rng, files, kind_base, body_fn):
    """include / include_if_exists / include_dir lines (16+) with their files."""
    what = pick(rng, [(4, 'include'), (2, 'include_if_exists'), (2, 'include_dir'), (1, 'missing'),
                      (1, 'three_fields'), (1, 'nested'), (1, 'case')])
    if what == 'include':
        files['inc/extra.conf'] = body_fn(rng.randint(1, 3))
        return ['include inc/extra.conf']
    if what == 'case':
        files['inc/case.conf'] = body_fn(1)
        return ['INCLUDE inc/case.conf']          # case-sensitive: not a directive
    if what == 'include_if_exists':
        if chance(rng, 0.5):
            files['inc/maybe.conf'] = body_fn(2)
        return ['include_if_exists inc/maybe.conf']
    if what == 'include_dir':
        for n in rng.sample(['10-a.conf', '20-b.conf', '9.conf', 'B.conf', 'skip.txt', '.dot.conf'], 3):
            files['inc.d/' + n] = body_fn(1)
        return ['include_dir inc.d']
    if what == 'missing':
        return [rng.choice(['include inc/missing.conf', 'include_dir no-such-dir', 'include_if_exists x/y.conf'])]
    if what == 'nested':
        files['inc/outer.conf'] = body_fn(1) + 'include sub/inner.conf\n'
        files['inc/sub/inner.conf'] = body_fn(1)
        return ['include "inc/outer.conf"']
    return ['include a b']


def gen_hba(rng, casedir, base, version):
    files = {}
    lines = []
    weird = chance(rng, 0.6)
    regex_w = 0.05 if version == 15 else 0.15
    cont_p = 0.08 if version == 15 else 0.2
    incl_p = 0.04 if version == 15 else 0.12
    n = rng.randint(1, 12)

    def body(k):
        return ''.join(join_fields(rng, hba_record(rng, version, files, regex_w, False)) + '\n' for _ in range(k))

    for _ in range(n):
        r = rng.random()
        if r < 0.12:
            lines.append(pick(rng, [(3, ''), (3, '# comment'), (1, '   '), (1, '# TYPE DATABASE USER ADDRESS METHOD'),
                                    (1, '# ends with a backslash \\')]))
            continue
        if r < 0.12 + incl_p:
            lines.extend(auth_include_lines(rng, files, base, body))
            continue
        line = join_fields(rng, hba_record(rng, version, files, regex_w, weird))
        if chance(rng, 0.08):
            line += pick(rng, [(3, '  # comment'), (1, '#c'), (1, ' # comment \\')])
        if chance(rng, cont_p):
            line = continue_line(rng, line)
        if chance(rng, 0.02):
            line += ' \\ '                                 # backslash + blank: no continuation
        if chance(rng, 0.01):
            line = 'local all ' + 'a' * rng.choice([300, 10240, 10300]) + ' trust'
        lines.append(line)
    eol = pick(rng, [(8, '\n'), (1, '\r\n')])
    text = eol.join(lines) + eol
    if chance(rng, 0.12):
        text = text.rstrip('\r\n')
        if chance(rng, 0.2):
            text += ' \\'                                  # backslash at end of file
    return {base: text, **files}


# ---------------------------------------------------------------------------
# pg_ident.conf

def gen_ident(rng, casedir, base, version):
    files = {}
    lines = []
    regex_p = 0.25
    cont_p = 0.08 if version == 15 else 0.2
    incl_p = 0.04 if version == 15 else 0.12

    def mapping(weird):
        m = pick(rng, [(10, 'mymap'), (3, 'krb'), (2, '"quoted map"'), (1, 'caf\xe9'), (1, 'm1,m2'), (1, '""')])
        if chance(rng, regex_p):
            s = pick(rng, [(4, '/^(.*)@EXAMPLE\\.COM$'), (2, '/^(.*)$'), (1, '"/^(.*) x$"'), (2, '/^(.*'),
                           (1, '/[z-a]'), (1, '/^x$'), (1, '/(a)(b)')])
        else:
            s = pick(rng, [(10, 'alice'), (5, 'bob'), (2, '"sys user"'), (1, 'a,b'), (1, 'na\xefve'),
                           (1, '"a""b"'), (1, 'x#comment')])
        if chance(rng, 0.05):
            s = hba_at_file(rng, files)
        p = pick(rng, [(10, 'alice'), (5, '\\1'), (3, 'guest_\\1'), (2, '+admins'), (2, 'all'), (1, '"all"'),
                       (2, '/^pg_.*$'), (1, '\\2'), (1, 'b,c'), (1, '"pg user"'), (1, '\\1_\\1'), (1, '""')])
        fields = [m, s, p]
        if weird and chance(rng, 0.12):
            fields = fields[:rng.randint(1, 2)]
        if weird and chance(rng, 0.06):
            fields.append(rng.choice(['extra', 'extra, more']))
        return fields

    def body(k):
        return ''.join(join_fields(rng, mapping(False)) + '\n' for _ in range(k))

    weird = chance(rng, 0.6)
    for _ in range(rng.randint(1, 10)):
        r = rng.random()
        if r < 0.12:
            lines.append(pick(rng, [(3, ''), (3, '# MAPNAME SYSTEM-USERNAME PG-USERNAME'), (1, '  '),
                                    (1, '# comment \\')]))
            continue
        if r < 0.12 + incl_p:
            lines.extend(auth_include_lines(rng, files, base, body))
            continue
        line = join_fields(rng, mapping(weird))
        if chance(rng, 0.06):
            line += '   # comment'
        if chance(rng, cont_p):
            line = continue_line(rng, line)
        lines.append(line)
    eol = pick(rng, [(8, '\n'), (1, '\r\n')])
    text = eol.join(lines) + eol
    if chance(rng, 0.12):
        text = text.rstrip('\r\n')
    return {base: text, **files}


# ---------------------------------------------------------------------------

GENERATORS = {'conf': gen_conf, 'hba': gen_hba, 'ident': gen_ident}
SUFFIX = {'conf': '.conf', 'hba': '-hba.conf', 'ident': '-ident.conf'}


def generate(seed, count, kind, out, version=15, start=0):
    """Write cases start..start+count-1 under out; return the main files."""
    os.makedirs(out, exist_ok=True)
    mains = []
    for i in range(start, start + count):
        rng = random.Random('pgconflint:%s:%s:%s:%d' % (seed, kind, version, i))
        name = 'gen-%04d' % i
        casedir = os.path.join(out, name)
        if os.path.isdir(casedir):
            shutil.rmtree(casedir)
        os.makedirs(casedir)
        base = name + SUFFIX[kind]
        files = GENERATORS[kind](rng, casedir, base, version)
        for rel, text in sorted(files.items()):
            path = os.path.join(casedir, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'wb') as f:
                f.write(text.encode('latin-1'))
        mains.append(os.path.join(name, base))
    with open(os.path.join(out, 'index.txt'), 'w') as f:
        f.write(''.join(m + '\n' for m in mains))
    return [os.path.join(out, m) for m in mains]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--seed', required=True)
    ap.add_argument('--count', type=int, required=True)
    ap.add_argument('--kind', choices=sorted(GENERATORS), required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--pg-version', type=int, default=15)
    ap.add_argument('--start', type=int, default=0, help='index of the first case (default 0)')
    a = ap.parse_args(argv)
    if a.count < 0 or not 12 <= a.pg_version <= 19:
        ap.error('bad --count or --pg-version')
    generate(a.seed, a.count, a.kind, a.out, a.pg_version, a.start)
    return 0


if __name__ == '__main__':
    sys.exit(main())
