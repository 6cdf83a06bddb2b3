#!/bin/sh
# confine.sh — include targets outside the checked tree are not read: an
# include, include_if_exists, include_dir or @file that names (or reaches
# through a symbolic link) a file elsewhere gives an include-outside-tree
# finding at the directive, and nothing of the file reaches the output;
# --allow-include-outside reads them. The tree is the directory checked, or
# the directory of the file checked. `parse` shows PostgreSQL's view and
# follows every include unless --confine-includes is given.
set -u
. "$TOP_SRCDIR/tests/cli/tap.sh"
tap_scratch
P=$PGCONFLINT
leaks() { grep -q 'SECRET' "$out" && echo leaked || echo clean; }

mkdir -p "$t/outside/conf.d" "$t/tree/sub" "$t/tree/conf.d"
# what must never be read: every line names the marker
printf 'SECRET_a = 1\nSECRET line two\n' > "$t/outside/secret.conf"
printf 'SECRET_b = 2\n' > "$t/outside/conf.d/x.conf"
printf 'SECRET_user\n' > "$t/outside/users.txt"
printf 'SECRETmap SECRETsys SECRETpg\n' > "$t/outside/map.conf"

cat > "$t/tree/postgresql.conf" <<CONF
include '$t/outside/secret.conf'
include '../outside/secret.conf'
include_if_exists '../outside/secret.conf'
include 'link.conf'
include_dir '../outside/conf.d'
include_dir 'conf.d'
include 'sub/inside.conf'
work_mem = 4MB
CONF
printf 'shared_buffers = 128MB\n' > "$t/tree/sub/inside.conf"
ln -s ../outside/secret.conf "$t/tree/link.conf.target"
ln -s "$t/outside/secret.conf" "$t/tree/link.conf"
ln -s "$t/outside/secret.conf" "$t/tree/conf.d/evil.conf"
printf 'temp_buffers = 16MB\n' > "$t/tree/conf.d/ok.conf"

sel="--select include-outside-tree,include-error,conf-syntax-error,conf-unknown-parameter,hba-syntax-error,ident-syntax-error"
"$P" check --color never $sel "$t/tree/postgresql.conf" > "$out" 2>&1
rc=$?
is "$rc" 1 "conf: outside includes are findings (exit 1)"
is "$(leaks)" clean "conf: nothing of an outside file in the output"
for n in 1 2 3 4 5; do
    is "$(has "tree/postgresql.conf:$n:[0-9]*: warning: .*is outside the checked tree .*\[include-outside-tree\]")" yes \
        "conf: line $n (include/include_if_exists/link/include_dir outside) is a located finding"
done
is "$(has 'tree/postgresql.conf:4:.*it leads to ')" yes "conf: a symbolic link says where it leads"
is "$(has 'tree/postgresql.conf:6:.*evil.conf.*it leads to ')" yes "conf: include_dir: a linked file leading out is not read"
is "$(has 'tree/postgresql.conf:7:')" no "conf: an include inside the tree is read"

"$P" check --color never --allow-include-outside $sel "$t/tree/postgresql.conf" > "$out" 2>&1
is "$(has 'include-outside-tree')" no "--allow-include-outside: no confinement findings"
is "$(leaks)" leaked "--allow-include-outside: the outside files are read"

# the tree is the directory checked: a sibling directory inside it is fine
mkdir -p "$t/repo/a" "$t/repo/shared"
printf "include '../shared/common.conf'\n" > "$t/repo/a/postgresql.conf"
printf 'SECRET_common = 1\n' > "$t/repo/shared/common.conf"
"$P" check --color never $sel "$t/repo" > "$out" 2>&1
is "$(has 'include-outside-tree')" no "check DIR: includes anywhere under DIR are read"
"$P" check --color never $sel "$t/repo/a/postgresql.conf" > "$out" 2>&1
is "$(has 'a/postgresql.conf:1:[0-9]*: warning: .*outside the checked tree')" yes \
    "check FILE: the tree is the file's directory"

# pg_hba.conf and pg_ident.conf: @file, include, include_dir
cat > "$t/tree/pg_hba.conf" <<HBA
local @../outside/users.txt all trust
host all @$t/outside/users.txt 0.0.0.0/0 scram-sha-256
include ../outside/secret.conf
include_dir ../outside/conf.d
local all all peer
HBA
cat > "$t/tree/pg_ident.conf" <<IDENT
include ../outside/map.conf
m @../outside/users.txt pg
IDENT
"$P" check --color never --pg-version 16 $sel "$t/tree/pg_hba.conf" "$t/tree/pg_ident.conf" > "$out" 2>&1
is "$(leaks)" clean "hba/ident: nothing of an outside file in the output"
for n in 1 2 3 4; do
    is "$(has "tree/pg_hba.conf:$n:[0-9]*: warning: .*outside the checked tree")" yes \
        "hba: line $n (@file, include, include_dir outside) is a located finding"
done
is "$(has 'tree/pg_ident.conf:1:[0-9]*: warning: .*outside the checked tree')" yes "ident: include outside"
is "$(has 'tree/pg_ident.conf:2:[0-9]*: warning: .*outside the checked tree')" yes "ident: @file outside"

# a walked file that is a link leading out of the tree is not read
mkdir -p "$t/walk"
ln -s "$t/outside/secret.conf" "$t/walk/postgresql.conf"
printf 'local all all peer\n' > "$t/walk/pg_hba.conf"
"$P" check --color never $sel "$t/walk" > "$out" 2>&1
is "$?" 2 "walked link leading out: exit 2 (a file not read)"
is "$(has 'walk/postgresql.conf: error: file .*it leads to .*outside the checked tree')" yes \
    "walked link leading out: named, not read"
is "$(leaks)" clean "walked link leading out: nothing of it in the output"

# postgresql.auto.conf beside it, linked out of the tree: not read
mkdir -p "$t/auto"
printf 'work_mem = 4MB\n' > "$t/auto/postgresql.conf"
ln -s "$t/outside/secret.conf" "$t/auto/postgresql.auto.conf"
"$P" check --color never $sel "$t/auto/postgresql.conf" > "$out" 2>&1
is "$(leaks)" clean "a linked postgresql.auto.conf leading out is not read"

# parse: PostgreSQL's view follows includes; --confine-includes does not
"$P" parse --format json "$t/tree/postgresql.conf" > "$out" 2>&1
is "$(leaks)" leaked "parse follows every include, as PostgreSQL does"
"$P" parse --format json --confine-includes "$t/tree/postgresql.conf" > "$out" 2>&1
is "$(leaks)" clean "parse --confine-includes reads nothing outside"

# fix never writes outside the tree
before=$(cksum < "$t/outside/secret.conf")
"$P" fix "$t/tree/postgresql.conf" > "$out" 2>&1
is "$(cksum < "$t/outside/secret.conf")" "$before" "fix: an outside include is left untouched"

# fix never writes a file whose real path is outside the tree, even when
# --allow-include-outside let it read one: nothing is written at all
mkdir -p "$t/fx/tree"
printf 'work_mem = 1MB\nwork_mem = 2MB\n' > "$t/fx/dup.conf"
printf "include '../dup.conf'\nwork_mem = 4MB\nwork_mem = 8MB\n" > "$t/fx/tree/postgresql.conf"
before_out=$(cksum < "$t/fx/dup.conf")
before_in=$(cksum < "$t/fx/tree/postgresql.conf")
"$P" fix --unsafe-fixes --allow-include-outside --select conf-duplicate-setting \
    "$t/fx/tree/postgresql.conf" > "$out" 2>&1
is "$?" 2 "fix: a change to a file outside the tree is refused (exit 2)"
is "$(has 'dup.conf: not written: .*outside the checked tree')" yes "fix: the refusal names the file"
is "$(cksum < "$t/fx/dup.conf")" "$before_out" "fix: the outside file is untouched"
is "$(cksum < "$t/fx/tree/postgresql.conf")" "$before_in" "fix: all or nothing: the tree's file is untouched too"
"$P" fix --unsafe-fixes --select conf-duplicate-setting "$t/fx/tree/postgresql.conf" > "$out" 2>&1
is "$?" 1 "fix: confined, the tree's own file is fixed"
is "$(cksum < "$t/fx/dup.conf")" "$before_out" "fix: confined, the outside file is not even read"

done_testing
