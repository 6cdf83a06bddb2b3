#!/bin/sh
# `pgconflint check` over a repository of configs: directory walks, the files
# of one server checked together (data directory, Debian /etc + /var/lib),
# included files reported once under their own path, a stable output order
# whatever --jobs says, --stdin-filename, --statistics, exit codes.
set -u
. "$TOP_SRCDIR/tests/cli/tap.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cp -R "$TOP_SRCDIR/testdata/batch" "$t/repo"
chmod -R u+w "$t/repo"
cd "$t/repo" || exit 1
# Rules whose findings on testdata/batch are part of the PostgreSQL model
# (stable whatever security rules are added later).
SEL=--select=conf-duplicate-setting,conf-unknown-parameter,hba-shadowed-line
check() { "$PGCONFLINT" check --color never "$SEL" "$@"; }

check . > "$t/out" 2>&1
is "$?" 1 "findings in a walked tree exit 1"
count() { grep -c "$1" "$t/out"; }
is "$(count 'lock_timout')" 1 "a file two roots include is reported once"
is "$(grep -c '^fragments/shared/common.conf:3:1: error: .*\[conf-unknown-parameter\]$' "$t/out")" 1 \
   "an included file's finding carries its own path"
grep -q '^debian/etc/postgresql/15/main/postgresql.conf:8:1: warning: "work_mem" is set again at debian/var/lib/postgresql/15/main/postgresql.auto.conf:3' "$t/out"
is "$?" 0 "Debian layout: /etc postgresql.conf and /var/lib postgresql.auto.conf are one server"
grep -q '^datadir/postgresql.conf:5:1: warning: "work_mem" is set again at datadir/postgresql.auto.conf:3' "$t/out"
is "$?" 0 "data directory: postgresql.auto.conf is read after postgresql.conf"
is "$(count 'effective_cache_szie')" 1 "a file reached by include_dir is reported once"
grep -q '^debian/etc/postgresql/15/main/conf.d/10-memory.conf:3:1: error' "$t/out"
is "$?" 0 "include_dir target reported under its own path"
is "$(grep -c '^\./' "$t/out")" 0 "walking . gives paths without ./"
tail -n 1 "$t/out" | grep -q '^12 files checked: 2 errors, 3 warnings, 0 info\($\| (\)'
is "$?" 0 "one-line summary counts files reached by include and auto.conf ($(tail -n 1 "$t/out"))"

# The same findings in the same order on one thread and on many.
check --jobs 1 . > "$t/j1" 2>&1
check --jobs 8 . > "$t/j8" 2>&1
check -j 3 fragments debian datadir > "$t/j3" 2>&1
cmp -s "$t/j1" "$t/j8"
is "$?" 0 "--jobs 1 and --jobs 8 print the same bytes"
is "$(wc -l < "$t/j1")" "$(wc -l < "$t/out")" "default jobs print as many lines"
grep -q "lock_timout" "$t/j3"
is "$?" 0 "-j N is accepted"

# Cross-file rules see the whole server: ssl = off in postgresql.conf makes
# pg_hba.conf's hostssl line dead, whether the server is walked or only its
# pg_hba.conf is named (pre-commit names changed files only).
X=--select=hba-hostssl-with-ssl-off
"$PGCONFLINT" check --color never "$X" . > "$t/out" 2>&1
grep -q '^datadir/pg_hba.conf:3:1: warning: .*\[hba-hostssl-with-ssl-off\]$' "$t/out"
is "$?" 0 "a cross-file finding in a walked data directory"
"$PGCONFLINT" check --color never "$X" datadir/pg_hba.conf > "$t/out" 2>&1
grep -q '^datadir/pg_hba.conf:3:1: warning: .*\[hba-hostssl-with-ssl-off\]$' "$t/out"
is "$?" 0 "pg_hba.conf named alone still reads its postgresql.conf"
printf 'local all all peer\nhostssl all all 0.0.0.0/0 cert\n' |
    "$PGCONFLINT" check --color never "$X" --stdin-filename datadir/pg_hba.conf > "$t/out" 2>&1
grep -q '^datadir/pg_hba.conf:2:1: warning: .*\[hba-hostssl-with-ssl-off\]$' "$t/out"
is "$?" 0 "--stdin-filename: the piped pg_hba.conf is checked with its server's postgresql.conf"

# Only the named file of a cluster is reported, its siblings are context.
check debian/etc/postgresql/15/main/pg_hba.conf > "$t/out" 2>&1
is "$?" 1 "a cluster member named alone is checked"
is "$(grep -c 'postgresql.conf' "$t/out")" 0 "its unnamed siblings are not reported"
tail -n 1 "$t/out" | grep -q '^1 file checked'
is "$?" 0 "one file checked"
check debian/var/lib/postgresql/15/main/postgresql.auto.conf > "$t/out" 2>&1
is "$?" 0 "postgresql.auto.conf named alone: its postgresql.conf is context, not reported"
grep -q 'postgresql.conf:8' "$t/out"
is "$?" 1 "no finding of the unnamed postgresql.conf"

# A file named twice, or both named and walked, is checked once.
check fragments/app.conf fragments/app.conf ./fragments > "$t/out" 2>&1
is "$(grep -c lock_timout "$t/out")" 1 "a file named twice and walked is reported once"

# --stdin-filename: the text on stdin stands in for the file, with its
# kind, its includes and its server taken from the name.
printf "include 'shared/common.conf'\nwork_mem = 1MB\nwork_mem = 2MB\n" |
    check --stdin-filename fragments/app.conf > "$t/out" 2>&1
is "$?" 1 "--stdin-filename exits 1 on findings"
grep -q '^fragments/app.conf:2:1: warning: "work_mem" is set again' "$t/out"
is "$?" 0 "stdin findings are reported under the given name"
grep -q '^fragments/shared/common.conf:3:1: error' "$t/out"
is "$?" 0 "relative includes resolve from the given name's directory"
printf 'local all all peer\nlocal all all md5\n' |
    check --stdin-filename debian/etc/postgresql/15/main/pg_hba.conf - > "$t/out" 2>&1
grep -q '^debian/etc/postgresql/15/main/pg_hba.conf:2:1: warning: .*\[hba-shadowed-line\]$' "$t/out"
is "$?" 0 "--stdin-filename takes the kind from the name (pg_hba.conf)"
grep -q 'line 5' "$t/out"
is "$?" 1 "the file on disk is not read instead of stdin"
printf 'x\n' | check --stdin-filename a.conf b.conf > "$t/out" 2>&1
is "$?" 2 "--stdin-filename with a PATH is a usage error"

# --statistics: counts per rule, most frequent first.
check --statistics . > "$t/out" 2>&1
is "$?" 1 "--statistics keeps the exit status"
head -n 1 "$t/out" | grep -q '^2  conf-duplicate-setting  *warning'
is "$?" 0 "--statistics lists the most frequent rule first ($(head -n 1 "$t/out"))"
is "$(grep -c 'lock_timout' "$t/out")" 0 "--statistics does not list each finding"
check --statistics --format json . > "$t/out" 2>&1
is "$?" 2 "--statistics with --format json is a usage error"

# Exit codes: --fail-on, --exit-zero, I/O errors beat findings.
check --select hba-shadowed-line debian > "$t/out" 2>&1
is "$?" 1 "a warning fails by default"
check --fail-on error --select=hba-shadowed-line debian/etc/postgresql/15/main/pg_hba.conf > "$t/out" 2>&1
is "$?" 0 "--fail-on error: a warning does not fail"
check --fail-on info --select=hba-shadowed-line debian/etc/postgresql/15/main/pg_hba.conf > "$t/out" 2>&1
is "$?" 1 "--fail-on info: a warning fails"
check --exit-zero . > "$t/out" 2>&1
is "$?" 0 "--exit-zero reports and exits 0"
check --exit-zero . nonexistent.conf > "$t/out" 2>&1
is "$?" 2 "--exit-zero still exits 2 when a file cannot be read"
grep -q 'could not be checked' "$t/out"
is "$?" 0 "the summary says a file could not be checked"
check --format nonsense . > "$t/out" 2>&1
is "$?" 2 "an unknown format is a usage error"
check --jobs 0 . > "$t/out" 2>&1
is "$?" 2 "--jobs 0 is a usage error"

# The policy's files: and exclude: globs pick what a walk checks.
mkdir -p "$t/pol/hba.d" "$t/pol/legacy" "$t/pol/app"
printf 'local all all peer\nlocal all all peer\n' > "$t/pol/hba.d/10-app.rules"
printf 'lock_timout = 1\n' > "$t/pol/legacy/postgresql.conf"
printf 'lock_timout = 1\n' > "$t/pol/app/postgresql.conf"
printf 'files:\n  hba: ["hba.d/*.rules"]\nexclude: ["legacy/"]\n' > "$t/pol/.pgconflint.yaml"
(cd "$t/pol" && "$PGCONFLINT" check --color never "$SEL" . > "$t/out" 2>&1)
grep -q '^hba.d/10-app.rules:2:1: warning: .*\[hba-shadowed-line\]$' "$t/out"
is "$?" 0 "files: globs give a walked file its kind"
grep -q 'legacy' "$t/out"
is "$?" 1 "exclude: drops a directory from the walk"
grep -q '^app/postgresql.conf:1:1: error' "$t/out"
is "$?" 0 "other files are still walked"
(cd "$t/pol" && "$PGCONFLINT" check --color never "$SEL" legacy/postgresql.conf > "$t/out" 2>&1)
is "$?" 1 "a file named on the command line is checked even if excluded"
(cd "$t/pol" && "$PGCONFLINT" check --color never "$SEL" --force-exclude legacy/postgresql.conf \
    app/postgresql.conf > "$t/out" 2>&1)
is "$(grep -c lock_timout "$t/out")" 1 "--force-exclude applies exclude: to named files (pre-commit)"
(cd "$t/pol" && "$PGCONFLINT" check --color never "$SEL" --force-exclude \
    --stdin-filename legacy/postgresql.conf < legacy/postgresql.conf > "$t/out" 2>&1)
is "$?" 0 "--force-exclude with --stdin-filename of an excluded file: nothing to report"

# github: workflow commands, escaped.
check --format github . > "$t/out" 2>&1
is "$?" 1 "github format exits 1 on findings"
grep -q '^::error file=fragments/shared/common.conf,line=3,col=1,endLine=3,endColumn=12,title=pgconflint (conf-unknown-parameter)::unrecognized configuration parameter "lock_timout"' "$t/out"
is "$?" 0 "github: ::error with file, line, columns and title"
grep -q '^::warning file=debian/etc/postgresql/15/main/pg_hba.conf,line=5,.*%0Adebian/etc/postgresql/15/main/pg_hba.conf:4: shadows line 5' "$t/out"
is "$?" 0 "github: related places go into the message, newline as %0A"
printf 'log_line_prefix = %%m [%%p]\n' > "$t/esc,1.conf"
"$PGCONFLINT" check --format github "$t/esc,1.conf" > "$t/out" 2>&1
grep -q 'near token "%25"$' "$t/out"
is "$?" 0 "github: % in a message is escaped as %25"
grep -q '^::error file=[^,]*esc%2C1.conf,line=1,' "$t/out"
is "$?" 0 "github: a comma in a file name is escaped as %2C"

done_testing
