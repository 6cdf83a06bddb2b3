#!/bin/sh
# static_analysis.sh — cppcheck and clang-tidy (the checked-in .clang-tidy)
# over every C source of the tool and the fuzz targets; TAP, one case per
# tool, each finding as a "#" line. `make static-analysis` runs it (too slow
# for `make check`, which CI runs twice). A missing tool is a skip, unless
# PGCL_REQUIRE_ORACLE=1 (CI), where it fails.
#
#   tests/static/static_analysis.sh SRCDIR BUILDDIR
# Targeted suppressions are inline (// cppcheck-suppress ID, NOLINT(check))
# with a reason beside them; docs/security.md lists them.
set -u
src=${1:-.}
build=${2:-.}
. "$src/tests/cli/tap.sh"
jobs=$(nproc 2>/dev/null || echo 2)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$src" && find parser rules fixer cli tests/fuzz -name '*.c' | LC_ALL=C sort) > "$tmp/files"
flags="-std=c11 -D_GNU_SOURCE -DHAVE_CONFIG_H -I$build -I$src -I$src/parser -I$src/rules -I$src/fixer -I$src/cli -I$src/tests/fuzz"

need() {  # need TOOL: 0 if present; else a skip (or a failure under CI)
    command -v "$1" > /dev/null 2>&1 && return 0
    if [ "${PGCL_REQUIRE_ORACLE:-}" = 1 ]; then
        is "missing" "present" "$1 is installed (PGCL_REQUIRE_ORACLE=1)"
    else
        tap_n=$((tap_n + 1))
        echo "ok $tap_n - # SKIP $1 is not installed"
    fi
    return 1
}

# How long each tool took, as a "#" line: the step is slow (clang-tidy's
# static analyzer above all), and CI budgets its time.
elapsed() { echo "# $1 took $(( $(date +%s) - $2 )) s on $jobs jobs"; }

if need cppcheck; then
    t0=$(date +%s)
    (cd "$src" && cppcheck -q --enable=warning,performance,portability --std=c11 \
        --inline-suppr --error-exitcode=1 -j "$jobs" -D_GNU_SOURCE -DHAVE_CONFIG_H \
        -I"$build" -Iparser -Irules -Ifixer -Icli \
        --file-list="$tmp/files" > "$tmp/cppcheck" 2>&1)
    rc=$?
    sed 's/^/# /' "$tmp/cppcheck"
    elapsed cppcheck "$t0"
    is "$rc" 0 "cppcheck: no findings"
fi

if need clang-tidy; then
    t0=$(date +%s)
    # The static analyzer is most of clang-tidy's time; TIDY_ANALYZER_MODE=
    # shallow halves it for a quick look (CI and `make static-analysis` use
    # the default, deep).
    mode=${TIDY_ANALYZER_MODE:-deep}
    flags="$flags -Xclang -analyzer-config -Xclang mode=$mode"
    echo "# clang-tidy static analyzer mode: $mode"
    # shellcheck disable=SC2016
    (cd "$src" && xargs -P "$jobs" -I{} sh -c \
        'clang-tidy --quiet --config-file="$1/.clang-tidy" "$2" -- $3 > "$4/tidy.$(echo "$2" | tr / _)" 2>&1' \
        sh "$src" {} "$flags" "$tmp" < "$tmp/files")
    cat "$tmp"/tidy.* 2>/dev/null | grep -E '(warning|error):' > "$tmp/tidy" || true
    sed 's/^/# /' "$tmp/tidy"
    elapsed clang-tidy "$t0"
    is "$(wc -l < "$tmp/tidy" | tr -d ' ')" 0 "clang-tidy: no findings"
fi
done_testing
