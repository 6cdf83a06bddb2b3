#!/bin/sh
# Help and documentation: `--version`, a help text per command, the man page
# (renders cleanly and documents every option `check --help` lists), and
# docs/rules.md (generated from the registry: the committed file must be
# what `pgconflint rules --format markdown` prints now).
set -u
. "$TOP_SRCDIR/tests/cli/tap.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

"$PGCONFLINT" --version > "$t/out" 2>&1
is "$?" 0 "--version exits 0"
grep -q '^pgconflint [0-9][0-9.]*$' "$t/out"
is "$?" 0 "--version prints the name and version ($(cat "$t/out"))"

for cmd in check fix parse describe rules policy; do
    "$PGCONFLINT" "$cmd" --help > "$t/$cmd" 2>&1
    is "$?" 0 "$cmd --help exits 0"
    head -n 1 "$t/$cmd" | grep -q "^usage: pgconflint $cmd "
    is "$?" 0 "$cmd --help is $cmd's own usage"
done
# `pgconflint help COMMAND` is COMMAND --help
for cmd in check fix parse describe rules policy hba-match; do
    "$PGCONFLINT" help "$cmd" > "$t/help-$cmd" 2>&1
    st=$?
    "$PGCONFLINT" "$cmd" --help > "$t/h" 2>&1
    cmp -s "$t/help-$cmd" "$t/h"
    is "$st:$?" "0:0" "help $cmd prints $cmd --help"
done
grep -q '^  exclude: ' "$t/help-policy"
is "$?" 0 "help policy outlines the policy keys (extends ... exclude)"
"$PGCONFLINT" help no-such-command > "$t/h" 2>&1
is "$?" 2 "help of an unknown command is a usage error"
"$PGCONFLINT" check -h > "$t/h" 2>&1
cmp -s "$t/h" "$t/check"
is "$?" 0 "-h is --help"
"$PGCONFLINT" check --select x -- --help > "$t/h" 2>&1
grep -q '^usage: pgconflint check' "$t/h"
is "$?" 1 "--help after -- is a path, not a request for help"
"$PGCONFLINT" --help > "$t/h" 2>&1
is "$?" 0 "pgconflint --help exits 0"
grep -q 'COMMAND --help' "$t/h"
is "$?" 0 "the overview points at the per-command help"

# Every long option check --help lists is in the man page, and every option
# the man page lists for check is accepted by check.
man="$TOP_SRCDIR/docs/pgconflint.1"
opts=$(grep -o -- '--[a-z][a-z-]*' "$t/check" | sort -u)
missing=""
for o in $opts; do
    esc=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
    grep -q -- "$esc" "$man" || missing="$missing $o"
done
is "$missing" "" "every option of check --help is in the man page"
unknown=""
for o in $(sed -n '/^\.SH CHECK OPTIONS/,/^\.SH EXIT STATUS/p' "$man" |
           grep -o '\\-\\-[a-z][a-z\\-]*' | sed 's/\\-/-/g' | sort -u); do
    grep -q -- "$o" "$t/check" || unknown="$unknown $o"
done
is "$unknown" "" "every check option in the man page is in check --help"

if command -v groff > /dev/null 2>&1; then
    groff -man -Tutf8 -ww -z "$man" > "$t/warn" 2>&1
    is "$(cat "$t/warn")" "" "the man page renders without groff warnings"
    groff -man -Tascii -P-bou "$man" 2>/dev/null | grep -q 'stdin-filename'
    is "$?" 0 "the man page renders the check options"
else
    tap_n=$((tap_n + 2))
    echo "ok $((tap_n - 1)) - man page warnings # SKIP groff is not installed"
    echo "ok $tap_n - man page renders # SKIP groff is not installed"
fi

# docs/rules.md is current.
"$PGCONFLINT" rules --format markdown > "$t/rules.md" 2>&1
is "$?" 0 "rules --format markdown exits 0"
if cmp -s "$t/rules.md" "$TOP_SRCDIR/docs/rules.md"; then
    is 0 0 "docs/rules.md is what the registry generates"
else
    is 1 0 "docs/rules.md is what the registry generates (run: make update-rules-doc)"
    diff -u "$TOP_SRCDIR/docs/rules.md" "$t/rules.md" | head -n 30 | sed 's/^/#   /'
fi
n=$("$PGCONFLINT" rules | tail -n +2 | grep -c .)
is "$(grep -c '^### ' "$t/rules.md")" "$n" "the reference has a section for each of the $n rules"
is "$(grep -c '^| \[`' "$t/rules.md")" "$n" "and a table row for each"

done_testing
