#!/bin/sh
# regressions.sh — the fuzz targets (built with their standalone driver and
# the normal compiler, so also under the sanitizer build) over every input
# that once broke one (testdata/fuzz-regressions/TARGET/) and over the whole
# of testdata/ read as each kind: no crash, the tree prints back to the
# input, every location inside its file. One TAP line per input and target.
set -u
. "$TOP_SRCDIR/tests/cli/tap.sh"
td=$TOP_SRCDIR/testdata
for t in conf hba ident policy fix; do
    bin=$TOP_BUILDDIR/tests/fuzz/regress_$t
    out=$("$bin" "$td" 2>&1)
    rc=$?
    # renumber the driver's own "ok N - path" lines into this script's plan
    printf '%s\n' "$out" | sed -n 's/^ok [0-9]* - //p' > "${TMPDIR:-/tmp}/pgcl-fuzz-ok.$$"
    while IFS= read -r name; do
        is ok ok "$t: ${name#"$td"/}"
    done < "${TMPDIR:-/tmp}/pgcl-fuzz-ok.$$"
    rm -f "${TMPDIR:-/tmp}/pgcl-fuzz-ok.$$"
    if [ $rc -ne 0 ] || printf '%s\n' "$out" | grep -q '^not ok'; then
        last=$(printf '%s\n' "$out" | sed -n 's/^# running //p' | tail -1)
        is "exit $rc" "exit 0" "$t: target failed (last input: ${last#"$td"/})"
        printf '%s\n' "$out" | grep -v '^ok ' | sed 's/^/# /' | tail -20
    fi
done
done_testing
