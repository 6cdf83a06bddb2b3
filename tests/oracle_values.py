#!/usr/bin/env python3
"""oracle_values.py — does our value checker accept and reject exactly what
PostgreSQL does?

Generates a fixed set of NAME/VALUE pairs per version from the catalog (every
type, every unit family, range boundaries +-1, hex/octal, fractions, bad and
mis-cased units, empty values, enum hidden aliases, check-hook inputs), asks
`pg-oracle --pg V check-value NAME VALUE` and tests/unit/value_probe, and
requires the same accept/reject for every pair. Messages and normalized values
are compared too and reported, but only accept/reject is required.

Version 15 always; 16-18 when PGCL_ORACLE_VERSIONS names them ("16 17 18").
Oracle answers are cached in $TOP_BUILDDIR/tests/oracle-cache/check-value-V.tsv,
so a re-run only asks for pairs it has not seen.

Environment: TOP_SRCDIR, TOP_BUILDDIR (set by make check), PG_ORACLE (default
$TOP_SRCDIR/../shared/oracle/pg-oracle), PGCL_REQUIRE_ORACLE=1 turns a missing
oracle into a failure instead of a skip.
"""
import os
import subprocess
import sys
import time

TOP_SRCDIR = os.environ.get("TOP_SRCDIR", os.path.join(os.path.dirname(__file__), ".."))
TOP_BUILDDIR = os.environ.get("TOP_BUILDDIR", ".")
ORACLE = os.environ.get("PG_ORACLE",
                        os.path.join(TOP_SRCDIR, "..", "shared", "oracle", "pg-oracle"))
PROBE = os.path.join(TOP_BUILDDIR, "tests", "unit", "value_probe")
CACHE_DIR = os.environ.get("PGCL_ORACLE_CACHE") or os.path.join(TOP_BUILDDIR, "tests", "oracle-cache")

# Parameters whose verdict depends on the server's machine or state rather
# than on the value: installed locales, time zone data, the text search
# configurations in the catalogs, the stack ulimit, custom WAL resource
# managers from shared_preload_libraries, a full timestamp parser with zone
# names. Their pairs are still run and reported, never required.
ENVIRONMENT = {
    "lc_messages": "installed locales",
    "lc_monetary": "installed locales",
    "lc_numeric": "installed locales",
    "lc_time": "installed locales",
    "timezone": "time zone data",
    "log_timezone": "time zone data",
    "timezone_abbreviations": "timezonesets files",
    "default_text_search_config": "catalog lookup",
    "max_stack_depth": "stack ulimit",
    "wal_consistency_checking": "custom resource managers (15+)",
    "recovery_target_time": "timestamp parser and time zone data",
}

# Values that only some builds accept: the oracle's 16-18 are upstream
# release builds without lz4, zstd and liburing, Debian's 15 has lz4 and zstd.
BUILD_DEPENDENT_VALUES = {"lz4", "zstd", "io_uring"}

INT_SYNTAX = ["0x10", "0X1F", "010", "08", "2.5", "3.5", "1e3", "1E2", ".5", "-.5", " 5",
              "5 ", "+7", "99999999999", "-99999999999", "99999999999999999999", "1e400",
              "abc", "", "100abc", "0x", "1e", "inf", "nan", "0x1.8p1", "1_000", "5\x0b",
              "12 34", "-0"]
MEM_UNITS = ["1kB", "1kb", "1MB", "1.5MB", "1 GB", "1TB", "1B", "1024B", "1K", "8kB",
             "1mb", "1KB", "2GB", "0.5kB", "64 kB ", "1 MBx", "1GiB", "100000000TB",
             "3B", "1.5GB", "16MB"]
TIME_UNITS = ["1s", "1S", "1.5min", "1500us", "100us", "1h", "1d", "1 min", "1sec", "1m",
              "10 s", "0.5s", "1ms", "1.5ms", "2min", "1h30min", "1H", "1 d ", "1.5d",
              "999us", "36h", "1e3ms"]
BOOL_VALUES = ["on", "off", "ON", "Off", "of", "o", "OF", "t", "tr", "TRUE", "truex", "f",
               "FALSE", "y", "yes", "YES", "n", "no", "1", "0", "01", "00", "", " on", "on ",
               "maybe", "2", "yess", "nO", "offf"]
REAL_VALUES = ["inf", "-inf", "Infinity", "nan", "NaN", "1e400", "1e-400", ".5", "0x1p-2",
               "1e-1", "1,5", "abc", "", "5 ", " 5", "1e5", "0.000001", "-0", "1e308",
               "1.7976931348623157e308", "2e308"]

# Inputs for parameters whose check hooks we model.
HOOK_VALUES = {
    "application_name": ["héllo", "a" * 70, "é" * 40, "tab\there", "plain", ""],
    "cluster_name": ["héllo", "main", "x" * 64],
    "search_path": ['"$user", public', "a,,b", '"a', "a b", "a,", "", "  ", '""',
                    'a, "B C"'],
    "temp_tablespaces": ["a b", "ts1, ts2", "", "x,"],
    "log_destination": ["stderr,foo", "eventlog", "stderr", "csvlog, syslog", "jsonlog",
                        "STDERR", "", "stderr,"],
    "DateStyle": ["iso", "iso, dmy", "foo", "iso, german", "german", "sql, ymd", "euro",
                  "Postgres", "nonEuro", "us", "default", "default, dmy", "iso,sql", "",
                  "postgresql", "europe"],
    "primary_slot_name": ["A", "ok_slot", "", "s" * 64, "slot-1", "s" * 63],
    "default_table_access_method": ["", "heap", "whatever"],
    "backtrace_functions": ["a-b", "foo,bar", "", "f.c"],
    "client_encoding": ["foo", "UTF8", "unicode", "UNICODE", "sql_ascii", "latin1",
                        "UTF-8", "iso-8859-1", "win1252", "koi8", "", "Shift_JIS",
                        "euc-jis-2004", "big5", "utf16"],
    "synchronous_standby_names": ["FIRST 0 (a)", "a b", "2 (a,b)", "*", "ANY 1 (a, b)",
                                  "first 1 (a)", "any", "FIRST (a)", "2 (a", "a,",
                                  '"quoted name", b', "1", "3 (a)", "a.b", "  ",
                                  'ANY 2 ("a b", c)', "first", "0 (a)", "s1, 2"],
    "recovery_target_lsn": ["xx", "0/0", "16/B374D848", "123456789/0", "0/", "0/1x", ""],
    "recovery_target_xid": ["abc", "123", "99999999999999999999999", "", "-1"],
    "recovery_target_timeline": ["foo", "0", "latest", "current", "99999999999999999999999"],
    "recovery_target_name": ["a" * 70, "a" * 63, "a" * 64, "restore_point"],
    "recovery_target": ["bogus", "immediate", "", "IMMEDIATE"],
    "role": ["none", "x", "NONE"],
    "session_authorization": ["x"],
    "restrict_nonsystem_relation_kind": ["foo", "View,foreign-table", "view", "", "a b"],
    "createrole_self_grant": ["foo", "a b", "SET, inherit", ""],
    "debug_io_direct": ["data", "foo", "a b", "DATA, wal", "", "wal_init"],
    "log_connections": ["on", "of", "ON", "all,receipt", "foo", "", "receipt, authentication",
                        "all", "a b", "false"],
    "synchronized_standby_slots": ["foo", "*", "a,B", "", "a b"],
    "log_directory": ["log", "log/", "/var//log/./x/", "./x/."],
    "lc_messages": ["C", "POSIX", "", "xx_YY.UTF-8"],
    "timezone": ["UTC", "utc", "Mars/Base", "Europe/Berlin"],
    "max_connections": ["262121", "262122", "262130"],
    "autovacuum_max_workers": ["262000", "10"],
    "max_worker_processes": ["262122", "262124"],
    "wal_buffers": ["-1", "0", "1", "3", "4"],
    "autovacuum_work_mem": ["0", "100", "-1", "2000"],
    "vacuum_buffer_usage_limit": ["100", "128", "0", "1", "16GB"],
    "commit_timestamp_buffers": ["17", "16", "0", "32"],
    "default_with_oids": ["on", "off"],
    "bonjour": ["on", "off"],
    "wal_consistency_checking": ["foo", "heap", "all", "Heap, btree", "a b"],
    "max_stack_depth": ["7680kB", "8MB", "2MB"],
}

# The server makes these absolute against its own directory, so only their
# accept/reject is compared, not the stored value.
NORMALIZED_BY_SERVER = {"data_directory", "hba_file", "ident_file"}

NUMBER_TYPES = ("integer", "real")


def read_catalog(version):
    path = os.path.join(TOP_SRCDIR, "rules", "catalog", "pg%d.tsv" % version)
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    return rows


def pick(pool, index, count):
    """A deterministic rotating window, so every pool value is used somewhere."""
    return [pool[(index * count + k) % len(pool)] for k in range(count)]


def fmt_number(x, is_int):
    if is_int:
        return str(int(x))
    return repr(x) if x != int(x) else str(int(x))


def pairs_for(version):
    rows = read_catalog(version)
    out = []
    for index, r in enumerate(rows):
        name, vartype, unit = r["name"], r["vartype"], r["unit"]
        values = []
        if r["context"] == "internal":
            values = [r["boot_val"] if r["boot_val"] != "\\N" else ""]
        elif vartype == "bool":
            values = pick(BOOL_VALUES, index, 4)
        elif vartype in NUMBER_TYPES:
            is_int = vartype == "integer"
            lo, hi = float(r["min_val"]), float(r["max_val"])
            if is_int:
                values += [fmt_number(v, True) for v in (lo, hi, lo - 1, hi + 1)]
                values += pick(INT_SYNTAX, index, 4)
            else:
                step = 0.5 if hi - lo < 100 else 1
                values += [r["min_val"], r["max_val"]]
                if hi < 1e300:
                    values += [fmt_number(hi + step, False)]
                values += [fmt_number(lo - step, False)]
                values += pick(REAL_VALUES, index, 5)
            if unit and unit[-1] == "B":
                values += pick(MEM_UNITS, index, 4)
            elif unit:
                values += pick(TIME_UNITS, index, 4)
        elif vartype == "enum":
            listed = [v for v in r["enumvals"].split(",")] if r["enumvals"] else []
            hidden = [v for v in r["hidden_enumvals"].split(",") if v]
            values = listed + hidden
            if listed and listed[0]:
                values += [listed[0].upper(), listed[0][:2], listed[0] + " "]
            values += ["bogus", ""]
        else:
            values = ["abc", ""]
        values += [v for k, v in HOOK_VALUES.items() if k.lower() == name.lower()
                   for v in v]
        seen = set()
        for v in values:
            if v not in seen:
                seen.add(v)
                out.append((name, v))
    # aliases and case variants of names
    out += [("sort_mem", "2MB"), ("VACUUM_MEM", "64MB"), ("Work_Mem", "1"),
            ("SORT_MEM", "abc"), ("ssl_ecdh_curve", "prime256v1"), ("Enable_SeqScan", "maybe"),
            ("TIMEZONE", "UTC"), ("datestyle", "sql")]
    return out


def escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def load_cache(path):
    cache = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t", 2)
                if len(parts) == 3:
                    cache[(parts[0], parts[1])] = parts[2]
    return cache


def ask_oracle(version, name, value):
    p = subprocess.run([ORACLE, "--pg", str(version), "check-value", name, value],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        # e.g. default_text_search_config='' makes the oracle's own query fail
        err = p.stderr.decode("utf-8", "replace").strip().replace("\n", " | ")
        return "unanswered\t" + err.replace("\t", " ")
    return p.stdout.decode("utf-8", "surrogateescape").rstrip("\n")


def oracle_answers(version, pairs):
    os.makedirs(CACHE_DIR, exist_ok=True)
    path = os.path.join(CACHE_DIR, "check-value-%d.tsv" % version)
    cache = load_cache(path)
    missing = [p for p in pairs if (p[0], escape(p[1])) not in cache]
    if missing:
        subprocess.run([ORACLE, "--pg", str(version), "start"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(path, "a", encoding="utf-8", errors="surrogateescape") as f:
            for name, value in missing:
                ans = ask_oracle(version, name, value)
                cache[(name, escape(value))] = ans
                f.write("%s\t%s\t%s\n" % (name, escape(value), ans))
    return [cache[(n, escape(v))] for n, v in pairs], len(missing)


def probe_answers(version, pairs):
    data = "".join("%s\t%s\n" % (n, v) for n, v in pairs).encode("utf-8", "surrogateescape")
    p = subprocess.run([PROBE, str(version)], input=data, stdout=subprocess.PIPE, check=True)
    lines = p.stdout.decode("utf-8", "surrogateescape").split("\n")
    if len(lines) < len(pairs):
        raise RuntimeError("value_probe answered %d of %d pairs" % (len(lines), len(pairs)))
    return lines[:len(pairs)]


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=()):
        self.n += 1
        if not cond:
            self.failed += 1
        print("%sok %d - %s" % ("" if cond else "not ", self.n, name))
        for d in diag:
            print("#   " + d)

    def done(self):
        print("1..%d" % self.n)
        return 1 if self.failed else 0


def run_version(tap, version):
    t0 = time.time()
    pairs = pairs_for(version)
    oracle, asked = oracle_answers(version, pairs)
    mine = probe_answers(version, pairs)
    by_param = {}
    agree = total = 0
    msg_same = msg_total = norm_same = norm_total = 0
    excluded = {}
    env_pairs = 0
    norm_diffs = []
    msg_diffs = []
    for (name, value), o, m in zip(pairs, oracle, mine):
        o_cols, m_cols = o.split("\t"), m.split("\t")
        o_ok, m_ok = o_cols[0] == "ok", m_cols[0] == "ok"
        same = o_ok == m_ok
        key = name.lower()
        reason = ENVIRONMENT.get(key)
        if not reason and m_cols[-1] == "env":
            reason = "flagged by the checker"
        if not reason and not o_ok and len(o_cols) > 1 \
                and o_cols[1].startswith("unrecognized configuration parameter") and m_ok:
            # the catalog follows the newest minor release; e.g. 16.14 lacks
            # output_plugin_libraries, which later 16.x releases have
            reason = "not in the oracle's minor release"
        if not reason and o_cols[0] == "unanswered":
            reason = "the oracle could not answer"
        if not reason and version != 15 and value.lower() in BUILD_DEPENDENT_VALUES:
            reason = "build-dependent value"
        if reason:
            excluded.setdefault(reason, [0, 0, set()])
            excluded[reason][0] += 1
            excluded[reason][1] += same
            excluded[reason][2].add(name)
            env_pairs += 1
            continue
        session_only = len(o_cols) > 3 and "not normalized" in o_cols[3]
        total += 1
        agree += same
        entry = by_param.setdefault(name, [0, []])
        entry[0] += 1
        if not same:
            entry[1].append("%s = %r: oracle %s | ours %s" % (name, value, o, m))
        elif o_ok and len(o_cols) > 1 and o_cols[1] != m_cols[1] and not session_only \
                and key not in NORMALIZED_BY_SERVER and len(norm_diffs) < 20:
            norm_diffs.append("%s = %r: oracle %s | ours %s" % (name, value, o_cols[1], m_cols[1]))
        build_hint = version != 15 and any(w in m_cols[1] and w not in o_cols[1]
                                           for w in BUILD_DEPENDENT_VALUES)
        if same and not o_ok and not build_hint:
            msg_total += 1
            msg_same += o_cols[1] == m_cols[1]
            if o_cols[1] != m_cols[1] and len(msg_diffs) < 20:
                msg_diffs.append("%s = %r: oracle %s | ours %s" % (name, value, o_cols[1], m_cols[1]))
        if same and o_ok and not session_only and key not in NORMALIZED_BY_SERVER:
            norm_total += 1
            norm_same += o_cols[1] == m_cols[1]
    for name, (count, bad) in by_param.items():
        tap.ok(not bad, "pg%d %s (%d pairs)" % (version, name, count), bad)
    secs = time.time() - t0
    print("# agreement %d: %d/%d" % (version, agree, total))
    print("# pg%d: %d pairs generated, %d asked of the oracle (rest cached), %.1f s"
          % (version, len(pairs), asked, secs))
    print("# pg%d: identical messages on rejected pairs %d/%d; identical normalized "
          "values on accepted pairs %d/%d" % (version, msg_same, msg_total, norm_same,
                                              norm_total))
    for d in msg_diffs:
        print("# pg%d message differs: %s" % (version, d))
    for d in norm_diffs:
        print("# pg%d normalized differs: %s" % (version, d))
    for reason, (n, same, names) in sorted(excluded.items()):
        print("# pg%d not required (%s): %d pairs, %d agree; %s"
              % (version, reason, n, same, ", ".join(sorted(names))))


def main():
    if not os.path.exists(ORACLE):
        if os.environ.get("PGCL_REQUIRE_ORACLE") == "1":
            print("1..1")
            print("not ok 1 - oracle not found at %s (PGCL_REQUIRE_ORACLE=1)" % ORACLE)
            return 1
        print("1..0 # SKIP oracle not found")
        return 0
    versions = [15]
    for v in os.environ.get("PGCL_ORACLE_VERSIONS", "").split():
        if v.isdigit() and 12 <= int(v) <= 18 and int(v) not in versions:
            versions.append(int(v))
    tap = Tap()
    for v in versions:
        run_version(tap, v)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
