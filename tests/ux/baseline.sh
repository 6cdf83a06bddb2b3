#!/bin/sh
# --write-baseline / --baseline: record today's findings, then report only
# new ones; fingerprints survive lines moving, re-indentation and edits
# elsewhere in the file, but not a change of the flagged line itself.
set -u
. "$TOP_SRCDIR/tests/cli/tap.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t" || exit 1
mkdir -p repo/main
SEL=--select=conf-duplicate-setting,conf-unknown-parameter,hba-shadowed-line,hba-syntax-error
check() { "$PGCONFLINT" check --color never "$SEL" "$@"; }
cat > repo/main/postgresql.conf <<'CONF'
work_mem = 4MB
lock_timout = 5s
work_mem = 8MB
CONF
cat > repo/main/pg_hba.conf <<'HBA'
local all all peer
local all all md5
HBA

check --write-baseline base.txt repo > out 2>&1
is "$?" 0 "--write-baseline exits 0 with findings"
head -n 1 base.txt | grep -q '^# pgconflint baseline v1$'
is "$?" 0 "the baseline file starts with its version line"
is "$(grep -vc '^#' base.txt)" 3 "three findings recorded"
grep -q '^[0-9a-f]\{16\}	repo/main/postgresql.conf	conf-unknown-parameter	unrecognized' base.txt
is "$?" 0 "entry: fingerprint, path, rule, message (tab-separated)"
grep -q "recorded in base.txt" out
is "$?" 0 "the summary says where they were recorded"

check --baseline base.txt repo > out 2>&1
is "$?" 0 "with the baseline nothing new: exit 0"
grep -q "3 in the baseline not shown" out
is "$?" 0 "the summary counts what the baseline hid ($(tail -n 1 out))"

# Move everything down, re-indent: still nothing new.
{ printf '# a new comment block\n\n\n'; sed 's/^/    /' repo/main/postgresql.conf; } > x && mv x repo/main/postgresql.conf
{ printf '# TYPE DATABASE USER ADDRESS METHOD\n'; cat repo/main/pg_hba.conf; } > x && mv x repo/main/pg_hba.conf
check --baseline base.txt repo > out 2>&1
is "$?" 0 "lines moved and re-indented: still nothing new"

# A new problem is reported, the old ones stay hidden.
printf 'statment_timeout = 1s\n' >> repo/main/postgresql.conf
check --baseline base.txt repo > out 2>&1
is "$?" 1 "a new finding fails"
is "$(grep -c '^repo/main/postgresql.conf:[0-9]*:[0-9]*: error' out)" 1 "only the new finding is shown"
grep -q statment_timeout out
is "$?" 0 "it is the new one"

# A second identical problem on another line is new: occurrences count.
printf 'lock_timout = 5s\n' >> repo/main/postgresql.conf
check --baseline base.txt repo > out 2>&1
is "$(grep -c 'error: unrecognized configuration parameter "lock_timout"' out)" 1 \
   "a second copy of a baselined line is reported, the first stays hidden"

# Fixing a baselined problem leaves a stale entry, which the summary names.
sed -i '/lock_timout/d; /statment/d' repo/main/postgresql.conf
check --baseline base.txt repo > out 2>&1
is "$?" 0 "fixed findings: exit 0"
grep -q "1 baseline entry no longer found" out
is "$?" 0 "stale baseline entries are counted ($(tail -n 1 out))"

# The baseline works from another directory when paths match: the path is
# part of the fingerprint.
(cd repo && check --baseline ../base.txt . > ../out 2>&1)
is "$?" 1 "paths relative to another directory do not match the baseline"

# Bad baselines are errors, never silently empty.
check --baseline missing.txt repo > out 2>&1
is "$?" 2 "a missing baseline file is an error"
printf 'hello\n' > bad.txt
check --baseline bad.txt repo > out 2>&1
is "$?" 2 "a file that is not a baseline is an error"
printf '# pgconflint baseline v1\nxyz\tp\tr\tm\n' > bad.txt
check --baseline bad.txt repo > out 2>&1
is "$?" 2 "a malformed entry is an error"

# JSON and SARIF carry the same fingerprints as the baseline file.
check --write-baseline base2.txt repo > /dev/null 2>&1
fp=$(grep -v '^#' base2.txt | head -n 1 | cut -f 1)
check --format json repo > out.json 2>&1
grep -q "\"fingerprint\": \"$fp\"" out.json
is "$?" 0 "JSON fingerprint matches the baseline entry"
check --format sarif repo > out.sarif 2>&1
grep -q "\"pgconflintFingerprint/v1\": \"$fp\"" out.sarif
is "$?" 0 "SARIF partialFingerprints match the baseline entry"

done_testing
