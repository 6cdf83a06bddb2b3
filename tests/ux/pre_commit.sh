#!/bin/sh
# The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit
# program in a throw-away git repository: a commit with a bad pg_hba.conf
# fails the hook, the corrected file passes; the fix hook changes a fixable
# file and the check hook passes afterwards.
# Skipped (with the reason) without git or pre-commit, unless
# PGCL_REQUIRE_ORACLE=1 (CI) makes them required.
set -u
. "$TOP_SRCDIR/tests/cli/tap.sh"
need() {
    if ! command -v "$1" >/dev/null 2>&1; then
        if [ "${PGCL_REQUIRE_ORACLE:-}" = 1 ]; then
            echo "not ok 1 - $1 is installed (PGCL_REQUIRE_ORACLE=1; Debian package $2)"
            echo "1..1"
            exit 1
        fi
        echo "1..0 # SKIP $1 is not installed (Debian package $2)"
        exit 0
    fi
}
need git git
need pre-commit pre-commit

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
# is, and on failure show what pre-commit printed
is_out() {
    is "$@"
    [ "$1" = "$2" ] || sed 's/^/#   | /' "$t/out"
}
# Nothing from the user's own git or pre-commit set-up leaks in.
export HOME="$t/home" PRE_COMMIT_HOME="$t/cache" GIT_CONFIG_NOSYSTEM=1 XDG_CONFIG_HOME="$t/home"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t \
    GIT_COMMITTER_EMAIL=t@example.invalid
mkdir -p "$HOME"
bindir=$(cd "$(dirname "$PGCONFLINT")" && pwd)
PATH="$bindir:$PATH"
export PATH

# The hook repository: our manifest, committed.
hooks="$t/hooks"
mkdir -p "$hooks"
cp "$TOP_SRCDIR/.pre-commit-hooks.yaml" "$hooks/"
(cd "$hooks" && git init -q && git add .pre-commit-hooks.yaml && git commit -qm hooks) || exit 1
rev=$(cd "$hooks" && git rev-parse HEAD)

grep -q '^  require_serial: true$' "$hooks/.pre-commit-hooks.yaml"
is_out "$?" 0 "the hooks set require_serial (cross-file rules, internal parallelism)"

# The project that uses them.
repo="$t/repo"
mkdir -p "$repo/db"
cd "$repo" || exit 1
git init -q
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: pgconflint
        args: [--select=hba-syntax-error]
YAML
printf '# TYPE DATABASE USER METHOD\nlocal all all bogus\n' > db/pg_hba.conf
printf 'not a config file\n' > notes.txt
git add -A

pre-commit run --files db/pg_hba.conf notes.txt > "$t/out" 2>&1
is_out "$?" 1 "a bad pg_hba.conf fails the hook"
grep -q 'db/pg_hba.conf:2:[0-9]*: error: .*\[hba-syntax-error\]' "$t/out"
is_out "$?" 0 "the hook output names the file, line and rule"
grep -q 'notes.txt' "$t/out"
is_out "$?" 1 "files the regex does not take are not passed"

printf '# TYPE DATABASE USER METHOD\nlocal all all peer\n' > db/pg_hba.conf
git add -A
pre-commit run --files db/pg_hba.conf > "$t/out" 2>&1
is_out "$?" 0 "the corrected pg_hba.conf passes"
grep -q 'Passed' "$t/out"
is_out "$?" 0 "pre-commit reports Passed"

# A real commit goes through the installed git hook.
pre-commit install > "$t/out" 2>&1 || sed 's/^/#   /' "$t/out"
printf '# TYPE DATABASE USER METHOD\nlocal all all bogus\n' > db/pg_hba.conf
git add -A
git commit -qm bad > "$t/out" 2>&1
is_out "$?" 1 "git commit with a bad pg_hba.conf is refused"
printf '# TYPE DATABASE USER METHOD\nlocal all all peer\n' > db/pg_hba.conf
git add -A
git commit -qm good > "$t/out" 2>&1
is_out "$?" 0 "git commit with the corrected file goes through"

# The fix hook: `pgconflint fix` changes the file (pre-commit fails the run
# because files were modified), then the check hook passes.
if "$PGCONFLINT" fix --help > /dev/null 2>&1; then
    cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: pgconflint-fix
        args: [--select=hba-shadowed-line]
      - id: pgconflint
        args: [--select=hba-shadowed-line]
YAML
    # the second line can never be reached: the fix comments it out
    printf 'local all all peer\nlocal all all peer\n' > db/pg_hba.conf
    git add -A
    pre-commit run --files db/pg_hba.conf > "$t/out" 2>&1
    is_out "$?" 1 "the fix hook changes a file with a fixable finding (pre-commit fails the run)"
    grep -q 'files were modified by this hook' "$t/out"
    is_out "$?" 0 "pre-commit says the fix hook modified files"
    grep -q '^#local all all peer$' db/pg_hba.conf
    is_out "$?" 0 "the unreachable line is commented out"
    git add -A
    pre-commit run --files db/pg_hba.conf > "$t/out" 2>&1
    is_out "$?" 0 "after the fix both hooks pass"
    pre-commit run --files db/pg_hba.conf > "$t/out" 2>&1
    is_out "$?" 0 "the fix hook is idempotent: a second run changes nothing"
else
    for n in 1 2 3 4 5; do
        tap_n=$((tap_n + 1))
        echo "ok $tap_n - pgconflint-fix hook # SKIP this build has no pgconflint fix"
    done
fi

done_testing
