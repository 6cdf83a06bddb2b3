#!/bin/sh
# Each parameter/value finding of the catalog issue has a case that triggers
# it (every line marked "# expect: RULE" must be reported with RULE, no other
# line may be) and a case that must not (RULE nowhere). Checked for 15.
set -u
. "$TOP_SRCDIR/tests/cli/tap.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
for dir in "$TOP_SRCDIR"/testdata/conf/findings/*/; do
    rule=$(basename "$dir")
    for kind in trigger clean; do
        f="$dir$kind.conf"
        # Copy under a neutral name so no sibling postgresql.auto.conf is read.
        cp "$f" "$t/case.conf"
        "$PGCONFLINT" check --color never --pg-version 15 --extend-select "$rule" \
            --select "$rule" "$t/case.conf" > "$t/out" 2>&1
        got=$(grep "\[$rule\]\$" "$t/out" | sed -n 's/^[^:]*:\([0-9]*\):.*/\1/p' | sort -n | tr '\n' ' ')
        want=$(grep -n "# expect: $rule\$" "$f" | cut -d: -f1 | sort -n | tr '\n' ' ')
        is "$got" "$want" "$rule $kind: reported on lines [${want}]"
    done
done
done_testing
