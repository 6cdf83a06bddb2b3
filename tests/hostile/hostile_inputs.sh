#!/bin/sh
# hostile_inputs.sh — `pgconflint check` on broken and hostile input: each
# case gets a located message (file:line:col, or file: for the whole file),
# exit 2 only where the run cannot be trusted (a file not read), nothing
# that reaches the terminal as a control sequence, no hang, and every other
# file of the run still checked. Inputs are made here (some cannot live in
# a repository: FIFOs, unreadable files, symbolic-link loops, 100 MB).
set -u
. "$TOP_SRCDIR/tests/cli/tap.sh"
t=$(mktemp -d)
trap 'chmod -R u+rwx "$t" 2>/dev/null; rm -rf "$t"' EXIT
chmod 755 "$t"
P=$PGCONFLINT
good="$t/good/postgresql.conf"
mkdir -p "$t/good"
printf 'work_mem = 4MB\nthis is not valid\n' > "$good"

# check FILES... : run with the good file last; sets rc and out
check() {
    "$P" check --color never --select conf-syntax-error,hba-syntax-error,ident-syntax-error,include-error,include-outside-tree,conf-unknown-parameter "$@" "$good" > "$t/out" 2> "$t/err"
    rc=$?
}
has() { grep -q -- "$1" "$t/out" && echo yes || echo no; }
others_checked() { is "$(has "good/postgresql.conf:2:")" yes "$1: the other file is still checked"; }
no_controls() {  # nothing but printable text, tab and newline reaches the output
    if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$t/out" "$t/err"; then
        is "control bytes" "none" "$1: no control bytes in the output"
    else
        is none none "$1: no control bytes in the output"
    fi
    if iconv -f UTF-8 -t UTF-8 "$t/out" > /dev/null 2>&1; then
        is valid valid "$1: output is valid UTF-8"
    else
        is invalid valid "$1: output is valid UTF-8"
    fi
}

# --- binary files -----------------------------------------------------------
mkdir -p "$t/bin"
head -c 20000 /dev/urandom > "$t/bin/pg_hba.conf"
head -c 20000 /dev/urandom > "$t/bin/postgresql.conf"
check "$t/bin/pg_hba.conf" "$t/bin/postgresql.conf"
is "$rc" 1 "binary files: findings, exit 1"
is "$(has "bin/pg_hba.conf:[0-9]*:[0-9]*: error:")" yes "binary pg_hba.conf: located errors"
is "$(has "bin/postgresql.conf:[0-9]*:[0-9]*: error:")" yes "binary postgresql.conf: located errors"
no_controls "binary files"
others_checked "binary files"

# --- NUL bytes, invalid UTF-8, escape sequences ------------------------------
mkdir -p "$t/nul"
printf 'local all all trust\nlocal\000 all all md5\nhost all all 1.2.3.4/32 md\0005\n' > "$t/nul/pg_hba.conf"
printf "work_mem = 4MB\nshared\000buffers = 1GB\n" > "$t/nul/postgresql.conf"
check "$t/nul/pg_hba.conf" "$t/nul/postgresql.conf"
is "$rc" 1 "NUL bytes: findings, exit 1"
is "$(has "nul/postgresql.conf:2:[0-9]*: error:")" yes "NUL byte in postgresql.conf: located"
no_controls "NUL bytes"
others_checked "NUL bytes"

mkdir -p "$t/utf"
printf 'local all all tr\377\376st\nlocal all all trust\033]0;owned\007\033[2J\n' > "$t/utf/pg_hba.conf"
printf "\303\251t\303\251 = 1\nwork_mem = '\377'\n" > "$t/utf/postgresql.conf"
check "$t/utf/pg_hba.conf" "$t/utf/postgresql.conf"
is "$rc" 1 "invalid UTF-8: findings, exit 1"
is "$(has 'utf/pg_hba.conf:1:[0-9]*: error: .*\\xff\\xfe')" yes "invalid UTF-8 bytes shown as \\xNN"
is "$(has 'utf/pg_hba.conf:2:[0-9]*: error: .*\\x1b]0;owned\\x07')" yes "escape sequences shown as \\xNN"
is "$(has 'utf/postgresql.conf:1:1: error: .*été')" yes "valid UTF-8 passes unchanged"
no_controls "invalid UTF-8"
others_checked "invalid UTF-8"

# a file name with control bytes is escaped too
mkdir -p "$t/name"
printf 'x y z\n' > "$t/name/$(printf 'a\033[2Jb').conf"
check "$t/name"
is "$rc" 1 "control bytes in a file name: checked"
is "$(has 'name/a\\x1b\[2Jb.conf:1:')" yes "control bytes in a file name: escaped"
no_controls "file name"

# --- size -------------------------------------------------------------------
mkdir -p "$t/big"
python3 -c "
import sys
line = b'#' + b'x' * 1022 + b'\n'
with open(sys.argv[1], 'wb') as f:
    f.write(line * (100 * 1024))
    f.write(b'local all all bogus\n')" "$t/big/pg_hba.conf"
check "$t/big/pg_hba.conf"
is "$rc" 1 "100 MB pg_hba.conf: checked to the end"
is "$(has 'big/pg_hba.conf:102401:15: error: invalid authentication method "bogus"')" yes \
    "100 MB pg_hba.conf: the last line's error, located"
others_checked "100 MB file"
rm -f "$t/big/pg_hba.conf"

python3 -c "
import sys
open(sys.argv[1], 'w').write('local all all trust # ' + 'x' * (1 << 20) + '\nhost all all 1.2.3.4 md5\n')" "$t/big/pg_hba.conf"
python3 -c "
import sys
open(sys.argv[1], 'w').write(\"application_name = '\" + 'x' * (1 << 20) + \"'\nwork_mem = 4MB x\n\")" "$t/big/postgresql.conf"
check "$t/big/pg_hba.conf" "$t/big/postgresql.conf"
is "$rc" 1 "1 MB lines: checked"
is "$(has 'big/pg_hba.conf:2:22: error: invalid IP mask "md5"')" yes "1 MB line in pg_hba.conf: the next line is located"
is "$(has 'big/postgresql.conf:2:[0-9]*: error: syntax error')" yes "1 MB line in postgresql.conf: the next line is located"
others_checked "1 MB lines"

head -c $((129 * 1024 * 1024)) /dev/zero | tr '\0' '#' > "$t/big/huge.conf"
check "$t/big/huge.conf"
is "$rc" 2 "file over the size limit: exit 2"
is "$(has 'big/huge.conf: error: could not read file: file too large')" yes "file over the size limit: named, not read"
others_checked "file over the size limit"
rm -f "$t/big/huge.conf"

# --- empty and comment-only files ------------------------------------------
mkdir -p "$t/empty"
: > "$t/empty/postgresql.conf"
: > "$t/empty/pg_ident.conf"
printf '# nothing\n   # here\n\n' > "$t/empty/pg_hba.conf"
"$P" check --color never --select hba-syntax-error,conf-syntax-error,ident-syntax-error "$t/empty/postgresql.conf" "$t/empty/pg_ident.conf" > "$t/out" 2>&1
is "$?" 0 "empty postgresql.conf and pg_ident.conf: clean"
"$P" check --color never --select hba-syntax-error "$t/empty/pg_hba.conf" > "$t/out" 2>&1
is "$?" 1 "comment-only pg_hba.conf: PostgreSQL refuses it"
is "$(has 'empty/pg_hba.conf: error: configuration file .* contains no entries')" yes \
    "comment-only pg_hba.conf: a whole-file message"

# --- includes: depth, cycles, loops ----------------------------------------
mkdir -p "$t/deep"
for i in $(seq 1 15); do printf "include 'd%d.conf'\n" $((i + 1)) > "$t/deep/d$i.conf"; done
printf 'work_mem = 4MB\n' > "$t/deep/d16.conf"
cp "$t/deep/d1.conf" "$t/deep/postgresql.conf"
check "$t/deep/postgresql.conf"
is "$rc" 1 "deeply nested includes: an error, exit 1"
is "$(has 'deep/d1[01].conf:1:[0-9]*: error: could not open configuration file .*maximum nesting depth exceeded')" yes \
    "deeply nested includes: located at the directive too deep"
others_checked "deep includes"

mkdir -p "$t/cycle"
printf "include 'b.conf'\n" > "$t/cycle/postgresql.conf"
printf "include 'postgresql.conf'\n" > "$t/cycle/b.conf"
printf "include 'self.conf'\n" > "$t/cycle/self.conf"
check "$t/cycle/postgresql.conf" "$t/cycle/self.conf"
is "$rc" 1 "include cycles: errors, exit 1"
is "$(has 'cycle/[a-z]*.conf:1:[0-9]*: error: .*maximum nesting depth exceeded')" yes "two-file cycle: stops at the depth limit"
is "$(has 'cycle/self.conf:1:[0-9]*: error: configuration file recursion')" yes "self-include: recursion error"
others_checked "include cycles"

mkdir -p "$t/hcycle"
printf 'include "pg_hba.conf"\nlocal all all trust\n' > "$t/hcycle/pg_hba.conf"
printf 'local @me.txt all trust\n' > "$t/hcycle/at_pg_hba.conf"
printf '@me.txt\n' > "$t/hcycle/me.txt"
check --pg-version 16 "$t/hcycle/pg_hba.conf" "$t/hcycle/at_pg_hba.conf"
is "$rc" 1 "pg_hba.conf include and @file cycles: errors, exit 1"
is "$(has 'hcycle/pg_hba.conf:1:[0-9]*: error: .*maximum nesting depth exceeded')" yes "hba include cycle: depth limit"
is "$(has 'hcycle/at_pg_hba.conf:1:[0-9]*: error: .*maximum nesting depth exceeded')" yes "@file cycle: depth limit"
others_checked "hba cycles"

mkdir -p "$t/loop/conf.d"
ln -s . "$t/loop/conf.d/again.conf"          # a directory named like a file
ln -s loop.conf "$t/loop/conf.d/loop.conf"    # a link to itself
ln -s .. "$t/loop/up"
printf 'work_mem = 4MB\n' > "$t/loop/conf.d/a.conf"
printf "include_dir 'conf.d'\ninclude_dir 'up/loop/up/loop/conf.d'\n" > "$t/loop/postgresql.conf"
check "$t/loop"
is "$rc" 2 "symbolic-link loops: the walk finishes; a looping link is a file not read (exit 2)"
is "$(has 'loop/conf.d/loop.conf: error: could not read file: Too many levels of symbolic links')" yes \
    "walk: the looping link is named"
is "$(has 'again.conf')" no "walk: a link to a directory is not followed"
is "$(has 'loop/postgresql.conf:1:[0-9]*: error: could not stat file .*loop.conf.*symbolic links')" yes \
    "include_dir: a self-link is an error at the directive"
others_checked "symlink loops"

# --- unreadable, vanished, not a regular file ------------------------------
mkdir -p "$t/io/locked" "$t/io/dir" "$t/io2"
printf 'work_mem = 4MB\n' > "$t/io2/postgresql.conf"
printf 'work_mem = 8MB\n' > "$t/io2/postgresql.auto.conf"
chmod 000 "$t/io2/postgresql.auto.conf"
printf 'local all all trust\n' > "$t/io/dir/pg_hba.conf"
printf 'local all all trust\n' > "$t/io/locked/pg_hba.conf"
printf 'work_mem = 4MB\n' > "$t/io/postgresql.conf"
chmod 000 "$t/io/postgresql.conf" "$t/io/locked"
as_user=""
if [ "$(id -u)" = 0 ]; then
    # root reads everything; check as an unprivileged user instead
    command -v setpriv > /dev/null && as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
    $as_user "$P" check --color never --select hba-syntax-error,conf-syntax-error "$t/io" "$good" > "$t/out" 2>&1
    rc=$?
    is "$rc" 2 "unreadable file and directory: exit 2"
    is "$(has 'io/postgresql.conf: error: could not read file: Permission denied')" yes "unreadable file: named with the reason"
    is "$(has 'io/locked: error: could not open directory: Permission denied')" yes "unreadable directory: named with the reason"
    is "$(has 'good/postgresql.conf:2:')" yes "unreadable: the other files are still checked"
    $as_user "$P" check --color never --select include-error "$t/io2/postgresql.conf" > "$t/out" 2>&1
    is "$?" 1 "unreadable postgresql.auto.conf: an error PostgreSQL reports too"
    is "$(has 'io2/postgresql.conf: error: could not open configuration file .*postgresql.auto.conf.*Permission denied')" yes \
        "unreadable postgresql.auto.conf: named with the reason"
else
    for i in 1 2 3 4 5 6; do
        tap_n=$((tap_n + 1))
        echo "ok $tap_n - # SKIP unreadable files need a non-root user or setpriv"
    done
fi
chmod 755 "$t/io/locked"; chmod 644 "$t/io/postgresql.conf"

mkdir -p "$t/gone"
ln -s "$t/gone/deleted-after-walk.conf" "$t/gone/pg_hba.conf"   # walked, then nothing to read
check "$t/gone"
is "$rc" 2 "a file gone between walk and read: exit 2"
is "$(has 'gone/pg_hba.conf: error: could not read file: No such file or directory')" yes "vanished file: named with the reason"
others_checked "vanished file"

mkfifo "$t/gone/fifo.conf"
printf "include 'fifo.conf'\nwork_mem = 4MB\n" > "$t/gone/postgresql.conf"
check "$t/gone/fifo.conf" "$t/gone/postgresql.conf"
is "$rc" 2 "a FIFO: refused without waiting for a writer, exit 2"
is "$(has 'gone/fifo.conf: error: could not read file: not a regular file')" yes "FIFO named: not a regular file"
is "$(has "gone/postgresql.conf:1:[0-9]*: error: could not open configuration file .*fifo.conf.*not a regular file")" yes \
    "FIFO included: an include error at the directive"
others_checked "FIFO"

done_testing
