# fix_write.sh — `pgconflint fix` writing files: exit status, in place with
# mode kept, --backup, --diff and --stdout changing nothing, standard input;
# and failures while writing (a read-only directory, a full disk, one of
# several files that cannot be written) that leave every file as it was and
# say so. The disk-full and read-only cases mount a small tmpfs when run as
# root, and are skipped otherwise where they cannot be arranged.
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

# a symlink stays a link; its target is written
mkdir "$W/l" && printf '%s' "$conf" > "$W/l/real.conf" && ln -s real.conf "$W/l/postgresql.conf"
cd "$W/l"
$P fix $ARGS postgresql.conf > /dev/null 2>&1
is "$( [ -L postgresql.conf ] && echo link)" link "a symlink stays a symlink"
is "$(cat real.conf)" "$(printf '%s' "$fixed")" "its target gets the fix"

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
