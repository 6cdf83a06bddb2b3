#!/bin/sh
# `pgconflint check`: exit codes, located messages, and that one bad input
# never stops the others from being checked.
set -u
. "$TOP_SRCDIR/tests/cli/tap.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# (the none profile: only what PostgreSQL itself refuses; the default
# profile's hardening rules have something to say about any short file)
printf 'work_mem = 4MB\n' > "$t/postgresql.conf"
"$PGCONFLINT" check --color never --profile none "$t/postgresql.conf" > "$t/out" 2>&1
is "$?" 0 "clean file exits 0"

printf 'work_mem = 4MB\nthis is not valid\n' > "$t/bad.conf"
"$PGCONFLINT" check --color never "$t/bad.conf" > "$t/out" 2>&1
is "$?" 1 "syntax error exits 1"
grep -q "^$t/bad.conf:2:[0-9]*: error: .*\[conf-syntax-error\]\$" "$t/out"
is "$?" 0 "finding is file:line:col: error: message [rule-id]"

"$PGCONFLINT" check --color never "$t/missing.conf" "$t/bad.conf" > "$t/out" 2>&1
is "$?" 2 "unreadable file exits 2"
grep -q "bad.conf:2:" "$t/out"
is "$?" 0 "the other file is still checked after an unreadable one"
grep -q "missing.conf: error: could not read file" "$t/out"
is "$?" 0 "unreadable file is named with the reason"

printf 'work_mem = 4MB\n' | "$PGCONFLINT" check - > "$t/out" 2>&1
is "$?" 2 "stdin without --kind is a usage error"
printf 'work_mem = 4MB\n' | "$PGCONFLINT" check --kind conf - > "$t/out" 2>&1
is "$?" 0 "stdin with --kind conf"

# --kind names the kind of every file, whatever its name says
printf 'host all all 0.0.0.0/0 trust\n' > "$t/rules.conf"
"$PGCONFLINT" check --color never --kind hba "$t/rules.conf" > "$t/out" 2>&1
grep -q "rules.conf:1:24: error: .*\[hba-method-trust\]" "$t/out"
is "$?" 0 "--kind hba reads a .conf file as pg_hba.conf"
grep -q "conf-syntax-error" "$t/out"
is "$?" 1 "--kind hba: no postgresql.conf syntax error"

"$PGCONFLINT" check --bogus "$t/bad.conf" > "$t/out" 2>&1
is "$?" 2 "unknown option exits 2"
"$PGCONFLINT" check --pg-version 11 "$t/bad.conf" > "$t/out" 2>&1
is "$?" 2 "version out of range exits 2"
"$PGCONFLINT" frobnicate > "$t/out" 2>&1
is "$?" 2 "unknown command exits 2"

mkdir -p "$t/tree/a/.git" "$t/tree/b"
printf 'local all all bogus\n' > "$t/tree/b/pg_hba.conf"
printf 'x y z\n' > "$t/tree/a/.git/postgresql.conf"
printf 'x y z\n' > "$t/tree/a/notes.txt"
"$PGCONFLINT" check --color never "$t/tree" > "$t/out" 2>&1
is "$?" 1 "directory walk finds pg_hba.conf"
grep -q "pg_hba.conf:1:" "$t/out"
is "$?" 0 "hba finding is located"
grep -q ".git" "$t/out"
is "$?" 1 ".git is skipped"

"$PGCONFLINT" check --color always "$t/bad.conf" > "$t/out" 2>&1
grep -q "$(printf '\033')\[" "$t/out"
is "$?" 0 "--color always colours"
NO_COLOR=1 "$PGCONFLINT" check "$t/bad.conf" > "$t/out" 2>&1
grep -q "$(printf '\033')\[" "$t/out"
is "$?" 1 "NO_COLOR and no TTY: no colour"

done_testing
