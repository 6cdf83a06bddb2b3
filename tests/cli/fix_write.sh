# fix_write.sh — `pgconflint fix` writing files: exit status, in place with
# mode (and, as root, owner and group) kept, --backup[=SUFFIX], --diff and
# --stdout changing nothing, standard input; a file two servers include
# written once; the policy's exclude: and --force-exclude; a round that
# breaks parsing writing nothing of its files; and failures while writing (a
# read-only directory, a full disk, one of several files that cannot be
# written, a file replaced by another program mid-run) that leave every file
# as it was and say so. The disk-full and read-only cases mount a small
# tmpfs when run as root, and are skipped otherwise where they cannot be
# arranged. The mid-run replacement needs tests/pgconflint-test-hooks (a
# test-only build, see cli/fix_write.c) and is skipped without it.
. "$TOP_SRCDIR/tests/cli/tap.sh"
P=$PGCONFLINT
W=$(mktemp -d "${TMPDIR:-/tmp}/pgcl-fixw-XXXXXX")
MNT=
cleanup() {
    [ -n "$MNT" ] && umount "$MNT" 2>/dev/null
    chmod -R u+w "$W" 2>/dev/null
    rm -rf "$W"
}
trap cleanup EXIT

# a duplicate: the first assignment is commented out (a safe fix)
conf='work_mem = 4MB
work_mem = 8MB
'
fixed='#work_mem = 4MB
work_mem = 8MB
'
ARGS="--pg-version 16 --select conf-duplicate-setting"

mkdir "$W/a"
printf '%s' "$conf" > "$W/a/postgresql.conf"
chmod 0640 "$W/a/postgresql.conf"
cd "$W/a"

$P fix --diff $ARGS postgresql.conf > diff.out 2>/dev/null
is "$?" 1 "fix --diff exits 1 when it would change something"
is "$(cat postgresql.conf)" "$(printf '%s' "$conf")" "fix --diff changes nothing"
$P fix --stdout $ARGS postgresql.conf > stdout.out 2>/dev/null
is "$?" 1 "fix --stdout exits 1 when the text changes"
is "$(cat stdout.out)" "$(printf '%s' "$fixed")" "fix --stdout prints the fixed text"
is "$(cat postgresql.conf)" "$(printf '%s' "$conf")" "fix --stdout changes nothing"
out=$(printf '%s' "$conf" | $P fix --kind conf $ARGS - 2>/dev/null)
is "$?" 1 "fix - reads standard input and exits 1"
is "$out" "$(printf '%s' "$fixed")" "fix - prints the fixed text"
rm -f diff.out stdout.out

$P fix $ARGS --backup postgresql.conf > report.out 2>&1
is "$?" 1 "fix exits 1 when it changed a file"
is "$(cat postgresql.conf)" "$(printf '%s' "$fixed")" "fix writes the fixed text"
is "$(stat -c %a postgresql.conf)" 640 "the file keeps its mode"
is "$(cat postgresql.conf.orig)" "$(printf '%s' "$conf")" "--backup keeps the old text in FILE.orig"
is "$(grep -c 'fixed \[conf-duplicate-setting\]' report.out)" 1 "the report names the fix"
$P fix $ARGS postgresql.conf > /dev/null 2>&1
is "$?" 0 "a second fix has nothing to do: exit 0"
$P fix $ARGS --backup=.bak postgresql.conf > /dev/null 2>&1
is "$(ls postgresql.conf.bak 2>/dev/null)" "" "no backup when nothing changes"
$P fix --backup --diff postgresql.conf > /dev/null 2>&1
is "$?" 2 "--backup with --diff is a usage error"

printf '%s' "$conf" > postgresql.conf
$P fix $ARGS --backup=.bak postgresql.conf > /dev/null 2>&1
is "$(cat postgresql.conf.bak)" "$(printf '%s' "$conf")" "--backup=.bak keeps the old text in FILE.bak"
is "$(stat -c %a postgresql.conf.bak)" 640 "the backup has the file's mode"
if [ "$(id -u)" = 0 ]; then
    printf '%s' "$conf" > postgresql.conf
    chown 4321:4322 postgresql.conf
    $P fix $ARGS postgresql.conf > /dev/null 2>&1
    is "$(stat -c %u:%g:%a postgresql.conf)" 4321:4322:640 "the file keeps its owner, group and mode"
else
    echo "# SKIP owner and group: not root"
fi

# a symlink stays a link; its target is written
mkdir "$W/l" && printf '%s' "$conf" > "$W/l/real.conf" && ln -s real.conf "$W/l/postgresql.conf"
cd "$W/l"
# the diff names the target: git apply and patch do not patch through a link
$P fix --diff $ARGS postgresql.conf > ../l.diff 2>/dev/null
is "$(head -2 ../l.diff | tr '\n' ' ')" "--- a/real.conf +++ b/real.conf " "fix --diff through a symlink names its target"
is "$(GIT_CEILING_DIRECTORIES="$W" git apply --check ../l.diff 2>&1; echo $?)" 0 "git apply --check accepts it"
$P fix $ARGS postgresql.conf > /dev/null 2>&1
is "$( [ -L postgresql.conf ] && echo link)" link "a symlink stays a symlink"
is "$(cat real.conf)" "$(printf '%s' "$fixed")" "its target gets the fix"

# a file two servers include is written once: its backup holds the text
# as it was before the run, and the summary counts one file
mkdir -p "$W/sh/one" "$W/sh/two" "$W/sh/shared"
printf "include '../shared/auth.conf'\n" > "$W/sh/one/postgresql.conf"
printf "port = 5433\ninclude '../shared/auth.conf'\n" > "$W/sh/two/postgresql.conf"
printf 'password_encryption = md5\n' > "$W/sh/shared/auth.conf"
cd "$W/sh"
$P fix --pg-version 16 --select conf-password-encryption --backup one two > report.out 2>&1
is "$?" 1 "two servers sharing an include: exit 1"
is "$(cat shared/auth.conf)" "password_encryption = scram-sha-256" "the shared file is fixed (the value keeps its bare style)"
is "$(cat shared/auth.conf.orig)" "password_encryption = md5" "and written once (its backup is the original)"
is "$(grep -c '^1 fix applied in 1 file$' report.out)" 1 "the summary counts one fix in one file"

# the policy's exclude: and --force-exclude, as for check
mkdir -p "$W/ex/legacy"
cd "$W/ex"
printf 'exclude: ["legacy/**"]\n' > .pgconflint.yaml
printf '%s' "$conf" > legacy/postgresql.conf
printf '%s' "$conf" > postgresql.conf
$P fix $ARGS . > /dev/null 2>&1
is "$?" 1 "a walk fixes what the policy does not exclude"
is "$(cat postgresql.conf)" "$(printf '%s' "$fixed")" "postgresql.conf is fixed"
is "$(cat legacy/postgresql.conf)" "$(printf '%s' "$conf")" "legacy/ (excluded) is not"
$P fix $ARGS --force-exclude legacy/postgresql.conf > /dev/null 2>&1
is "$?" 0 "--force-exclude: an excluded file named explicitly is not fixed (exit 0)"
is "$(cat legacy/postgresql.conf)" "$(printf '%s' "$conf")" "and is as it was"
out=$($P fix $ARGS --force-exclude --stdin-filename legacy/postgresql.conf < legacy/postgresql.conf 2>/dev/null)
is "$?" 0 "--force-exclude --stdin-filename of an excluded file: exit 0"
is "$out" "$(printf '%s' "$conf")" "and the text comes back unchanged"
out=$($P fix $ARGS --force-exclude --stdout legacy/postgresql.conf 2>/dev/null)
is "$?" 0 "--force-exclude --stdout of an excluded file: exit 0"
is "$out" "$(printf '%s' "$conf")" "and its text is printed unchanged"
out=$($P fix $ARGS --force-exclude --stdin-filename postgresql.conf < legacy/postgresql.conf 2>/dev/null)
is "$out" "$(printf '%s' "$fixed")" "--stdin-filename of a file not excluded is fixed"
$P fix $ARGS legacy/postgresql.conf > /dev/null 2>&1
is "$?" 1 "without --force-exclude a file named explicitly is fixed, as check checks it"

# issue #5: if a round breaks parsing, nothing of its files is written. A
# policy remedy PostgreSQL rejects (ldap without its options) in one round
# with one that works; another server in the same run is still fixed.
mkdir -p "$W/brk/db" "$W/brk/ok"
cd "$W/brk"
printf '%s\n' 'hba:' '  - id: acme-no-password' '    forbid_methods: [password]' \
    '    severity: error' '    fix: {method: ldap}' > .pgconflint.yaml
hba='host all all 10.0.0.0/8 password
host all all ::1/128 md5
'
printf '%s' "$hba" > db/pg_hba.conf
printf '%s' "$conf" > ok/postgresql.conf
BRK="--pg-version 16 --unsafe-fixes --select acme-no-password,hba-method-md5,conf-duplicate-setting"
$P fix --diff $BRK db/pg_hba.conf > diff.out 2> err.out
is "$?" 2 "fix --diff: a round that breaks pg_hba.conf exits 2"
is "$(cat diff.out)" "" "and prints no diff for it"
$P fix $BRK db/pg_hba.conf ok/postgresql.conf > report.out 2> err.out
is "$?" 2 "fix: a round that breaks pg_hba.conf exits 2"
is "$(cat db/pg_hba.conf)" "$(printf '%s' "$hba")" "nothing of it is written, not even the md5 fix that works"
is "$(grep -c 'db/pg_hba.conf: not fixed: the fix for \[acme-no-password\] at db/pg_hba.conf:1: it would bring in a problem: .*"ldap" requires' err.out)" 1 \
    "the error names the fix and what it breaks"
is "$(grep -c 'no fix of these files is kept' err.out)" 1 "and says nothing of them is kept"
is "$(grep -c 'not fixed \[acme-no-password\].*refused' report.out)" 1 "the report lists the fix as refused"
is "$(grep -c 'fixed \[hba-method-md5\]' report.out)" 0 "and no fix of that file as made"
is "$(grep -c '^1 fix applied in 1 file; 1 refused; 1 file set left as it was (see the error)$' report.out)" 1 \
    "the summary counts the other server's fix and the file set left as it was"
is "$(cat ok/postgresql.conf)" "$(printf '%s' "$fixed")" "the other server's files are fixed"

# the target replaced by another program between reading and writing
HOOKS="$TOP_BUILDDIR/tests/pgconflint-test-hooks"
mkdir -p "$W/race/x" "$W/race/y"
cd "$W/race"
printf 'work_mem = 64MB\n' > theirs
if [ -x "$HOOKS" ]; then
    printf '%s' "$conf" > x/postgresql.conf
    PGCONFLINT_TEST_BEFORE_CHECK='cp theirs new && mv new x/postgresql.conf' \
        "$HOOKS" fix $ARGS --backup x/postgresql.conf > report.out 2> err.out
    is "$?" 2 "a file replaced mid-run: exit 2"
    is "$(cat x/postgresql.conf)" "work_mem = 64MB" "the other program's text is kept, not overwritten"
    is "$(grep -c 'cannot write "x/postgresql.conf": it changed on disk while it was being fixed' err.out)" 1 \
        "the error names the file and says it changed"
    is "$(grep -c 'nothing was written; every file is as it was' err.out)" 1 "and that nothing was written"
    is "$(grep -c '^1 fix not written' report.out)" 1 "the summary says the fix was not written"
    is "$(ls -a x | grep -c 'pgconflint\|\.orig')" 0 "no temporary file or backup is left"
    # two files, the second replaced: the first is not written either
    printf '%s' "$conf" > x/postgresql.conf
    printf '%s' "$conf" > y/postgresql.conf
    PGCONFLINT_TEST_BEFORE_CHECK='cp theirs new && mv new y/postgresql.conf' \
        "$HOOKS" fix $ARGS x/postgresql.conf y/postgresql.conf > report.out 2> err.out
    is "$?" 2 "one of two files replaced mid-run: exit 2"
    is "$(cat x/postgresql.conf)" "$(printf '%s' "$conf")" "the other file is not written either"
    is "$(cat y/postgresql.conf)" "work_mem = 64MB" "the replaced file keeps the new text"
else
    echo "# SKIP file replaced mid-run: $HOOKS was not built"
fi
# the hook is not in pgconflint itself
printf '%s' "$conf" > x/postgresql.conf
PGCONFLINT_TEST_BEFORE_CHECK='cp theirs new && mv new x/postgresql.conf' $P fix $ARGS x/postgresql.conf > /dev/null 2>&1
is "$(cat x/postgresql.conf)" "$(printf '%s' "$fixed")" "pgconflint itself has no test hook"

# two files, the second cannot be written: neither is
mkdir -p "$W/two/x" "$W/two/y"
printf '%s' "$conf" > "$W/two/x/postgresql.conf"
printf '%s' "$conf" > "$W/two/y/postgresql.conf"
cd "$W/two"
if [ "$(id -u)" = 0 ]; then
    MNT="$W/two/y"
    mount -t tmpfs -o size=64k tmpfs "$MNT" 2>/dev/null || MNT=
    if [ -n "$MNT" ]; then
        printf '%s' "$conf" > "$MNT/postgresql.conf"
        mount -o remount,ro "$MNT"
    fi
    ro_ok=$MNT
else
    chmod 0555 "$W/two/y" && ro_ok=yes
fi
if [ -n "$ro_ok" ]; then
    $P fix $ARGS x/postgresql.conf y/postgresql.conf > report.out 2> err.out
    is "$?" 2 "a read-only directory: exit 2"
    is "$(cat x/postgresql.conf)" "$(printf '%s' "$conf")" "the other file is not written either"
    is "$(cat y/postgresql.conf)" "$(printf '%s' "$conf")" "the file in the read-only directory is as it was"
    is "$(grep -c 'cannot write "y/postgresql.conf"' err.out)" 1 "the error names the file"
    is "$(grep -c 'nothing was written' err.out)" 1 "and says nothing was written"
    is "$(ls -a x | grep -c pgconflint)" 0 "no temporary file is left behind"
    [ -n "$MNT" ] && umount "$MNT"
    MNT=
else
    echo "# SKIP read-only directory: cannot make one"
fi

# a full disk: a tiny tmpfs, filled up (root only)
if [ "$(id -u)" = 0 ]; then
    MNT="$W/full"
    mkdir "$MNT"
    if mount -t tmpfs -o size=12k tmpfs "$MNT" 2>/dev/null; then
        # a file of many lines: its new version needs room it cannot get
        awk 'BEGIN { print "work_mem = 4MB"; for (i = 0; i < 200; i++) printf "# line %d of padding text\n", i; print "work_mem = 8MB" }' > "$MNT/postgresql.conf"
        head -c 100000 /dev/zero > "$MNT/filler" 2>/dev/null
        before=$(md5sum < "$MNT/postgresql.conf")
        $P fix $ARGS "$MNT/postgresql.conf" > /dev/null 2> err.out
        is "$?" 2 "a full disk: exit 2"
        is "$(md5sum < "$MNT/postgresql.conf")" "$before" "the file is as it was"
        is "$(grep -c 'No space left on device' err.out)" 1 "the error says the disk is full"
        is "$(ls -a "$MNT" | grep -c pgconflint)" 0 "the partial temporary file is removed"
        umount "$MNT"
    else
        echo "# SKIP full disk: cannot mount a tmpfs"
    fi
    MNT=
else
    echo "# SKIP full disk: needs root to mount a small tmpfs"
fi
cd /
done_testing
