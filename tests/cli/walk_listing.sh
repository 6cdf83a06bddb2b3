#!/bin/sh
# walk_listing.sh — what a directory walk has listed stands in for asking
# the file system again, with the same results: a server's files are found
# from the listing (also one the policy excludes from the walk, read as
# context), a PG_VERSION beside them (a file or a link) still sets the
# version, a walked file in a tree reached through a symbolic link stays
# inside it, and a missing include is judged by where its deepest existing
# directory leads. A file whose size stat() does not know (/proc) is read
# to its end.
set -u
. "$TOP_SRCDIR/tests/cli/tap.sh"
tap_scratch
P=$PGCONFLINT

mkdir -p "$t/tree/srv" "$t/tree/v12" "$t/tree/v12l" "$t/outside/dir" "$t/real" "$t/via"
printf 'ssl = off\n' > "$t/tree/srv/postgresql.conf"
printf 'hostssl all all 0.0.0.0/0 scram-sha-256\n' > "$t/tree/srv/pg_hba.conf"
printf 'exclude:\n  - "srv/postgresql.conf"\n' > "$t/tree/.pgconflint.yaml"
printf 'wal_summary_keep_time = 10min\n' > "$t/tree/v12/postgresql.conf"
echo 12 > "$t/tree/v12/PG_VERSION"
printf 'wal_summary_keep_time = 10min\n' > "$t/tree/v12l/postgresql.conf"
echo 12 > "$t/real/PG_VERSION"
ln -s ../../real/PG_VERSION "$t/tree/v12l/PG_VERSION"
ln -s ../../outside/dir "$t/tree/srv/out"
cat > "$t/tree/srv/extra.conf" <<'CONF'
include 'out/missing.conf'
include 'in/missing.conf'
ssl = on
CONF
ln -s ../tree "$t/via/tree"

cd "$t/tree" || exit 1
"$P" check --color never . > "$out" 2>&1
is "$?" 1 "a walked tree with findings exits 1"
is "$(has 'srv/pg_hba.conf:1:1: warning: hostssl line while ssl is off in postgresql.conf')" yes \
    "a postgresql.conf the policy keeps out of the walk is still read as its server's context"
is "$(has 'srv/postgresql.conf:')" no "and is not reported"
is "$(has 'v12/postgresql.conf:1:1: error: "wal_summary_keep_time" only exists from PostgreSQL 17 on (checking for 12)')" yes \
    "PG_VERSION in a walked directory sets the version"
is "$(has 'v12l/postgresql.conf:1:1: error: "wal_summary_keep_time" only exists from PostgreSQL 17 on (checking for 12)')" yes \
    "a PG_VERSION that is a symbolic link is followed"
is "$(has "srv/extra.conf:1:9: warning: included file \"$t/tree/srv/out/missing.conf\" (it leads to \"$t/outside/dir/missing.conf\") is outside the checked tree")" yes \
    "a missing include under a link leading out is outside the tree"
is "$(has "srv/extra.conf:2:9: error: could not open configuration file \"$t/tree/srv/in/missing.conf\"")" yes \
    "a missing include inside the tree cannot be opened"

# the same tree reached through a symbolic link: its files are inside it
cd "$t/via" || exit 1
"$P" check --color never tree > "$out" 2>&1
is "$?" 1 "a tree reached through a link exits 1"
is "$(grep -c 'include-outside-tree' "$out")" 1 "only the include leading out is outside the tree"
is "$(has 'tree/v12/postgresql.conf:1:1: error: "wal_summary_keep_time"')" yes "its walked files are read"

# a file named on the command line is not in any listing: found on disk
cd "$t/tree" || exit 1
"$P" check --color never --select hba-hostssl-with-ssl-off srv/pg_hba.conf > "$out" 2>&1
is "$(has 'srv/pg_hba.conf:1:1: warning: hostssl line while ssl is off')" yes \
    "a named pg_hba.conf reads the postgresql.conf beside it"

# st_size 0 yet not empty: read until read() says the end
if [ -r /proc/version ] && [ ! -s /proc/version ]; then
    "$P" parse --format source --kind conf /proc/version > "$out" 2>&1
    # through a pipe: cmp -s trusts the size stat() gives, 0 here
    is "$(cat /proc/version | cmp -s "$out" - && echo same)" same "a file longer than stat() says is read whole"
else
    echo "ok 12 # SKIP no /proc/version of size 0"
    tap_n=$((tap_n + 1))
fi
done_testing
