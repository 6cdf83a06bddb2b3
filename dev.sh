#!/usr/bin/env bash
# dev.sh — the two set-up commands of the README, and what CI runs.
#
#   ./dev.sh examples   install missing build dependencies, build, and run
#                       `pgconflint check` on the bundled examples
#   ./dev.sh test       the same set-up, then every test: the normal build's
#                       `make check` (incl. the PostgreSQL oracle comparison),
#                       the suite again under AddressSanitizer/UBSan, and
#                       `make distcheck`; ends with "N passed, N failed"
#
# Builds happen out of tree in build/ (normal) and build-asan/ (sanitizers).
set -euo pipefail
cd "$(dirname "$0")"
top=$(pwd)

need_pkgs() {
    local missing=()
    command -v autoreconf >/dev/null || missing+=(autoconf automake libtool)
    command -v automake >/dev/null || missing+=(automake)
    command -v pkg-config >/dev/null || missing+=(pkg-config)
    command -v cc >/dev/null || missing+=(build-essential)
    command -v make >/dev/null || missing+=(make)
    pkg-config --exists libpcre2-8 2>/dev/null || missing+=(libpcre2-dev)
    pkg-config --exists yaml-0.1 2>/dev/null || missing+=(libyaml-dev)
    command -v python3 >/dev/null || missing+=(python3)
    if [ "${1:-}" = test ]; then
        # The oracle runs a real PostgreSQL 15; git and patch check our diffs.
        [ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
        command -v git >/dev/null || missing+=(git)
        command -v patch >/dev/null || missing+=(patch)
        command -v npm >/dev/null || missing+=(npm)
        # the fuzzers (clang's libFuzzer), static analysis, the valgrind
        # subset and the real pre-commit program
        command -v clang >/dev/null || missing+=(clang)
        ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 ||
            missing+=(libclang-rt-14-dev)
        command -v cppcheck >/dev/null || missing+=(cppcheck)
        command -v clang-tidy >/dev/null || missing+=(clang-tidy)
        command -v valgrind >/dev/null || missing+=(valgrind)
        command -v pre-commit >/dev/null || missing+=(pre-commit)
        command -v groff >/dev/null || missing+=(groff-base)
    fi
    if [ ${#missing[@]} -gt 0 ]; then
        echo "dev.sh: installing ${missing[*]}" >&2
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo=sudo
        if [ ! -f /etc/postgresql-common/createcluster.d/pg-oracle.conf ] && [ -d /etc ]; then
            # Keep Debian from creating and starting a default cluster.
            $sudo mkdir -p /etc/postgresql-common/createcluster.d
            echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.d/pg-oracle.conf >/dev/null
        fi
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

build() {  # build DIR [configure args...]
    local dir=$1; shift
    [ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi >/dev/null
    mkdir -p "$dir"
    (cd "$dir" && { [ -f Makefile ] || "$top/configure" -q --enable-werror "$@"; } && make -s -j"$(nproc)")
}

# Count every TAP case the automake driver recorded in DIR's .trs files.
count_results() {
    find "$1" -name '*.trs' -exec cat {} + 2>/dev/null |
        awk '/^:test-result: (PASS|XFAIL)/{p++} /^:test-result: (FAIL|XPASS|ERROR)/{f++}
             /^:test-result: SKIP/{s++} END{printf "%d %d %d\n", p, f, s}'
}

case "${1:-}" in
examples)
    need_pkgs
    build build
    set +e
    build/pgconflint check testdata/examples/
    rc=$?
    echo "pgconflint check testdata/examples/ exited with $rc (0 clean, 1 findings, 2 errors)"
    [ $rc -le 1 ] || exit $rc
    ;;
test)
    need_pkgs test
    export PGCL_ORACLE_CACHE="${PGCL_ORACLE_CACHE:-$top/build/oracle-cache}"
    export PG_ORACLE="${PG_ORACLE:-$(cd .. && pwd)/shared/oracle/pg-oracle}"
    if [ "${CI:-}" = true ]; then export PGCL_REQUIRE_ORACLE=1; fi
    stage() { echo "== $1 ($(date -u +%H:%M:%S), $SECONDS s in)"; }
    stage "build"
    build build
    set +e
    stage "make check (normal build, with the PostgreSQL oracle)"
    (cd build && make -s check -j"$(nproc)")
    rc1=$?
    # The sanitizer pass runs every test again; the generated corpora were
    # already compared with the server above, so it takes fewer of them.
    stage "make check (ASan/UBSan build)"
    san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
    build build-asan CFLAGS="-g -O1 $san" LDFLAGS="$san"
    # PostgreSQL's agreement is proven by the normal pass; this one is about
    # memory errors, leaks and undefined behaviour, so it runs without the
    # oracle (its comparisons are skipped) and with smaller generated sets.
    (cd build-asan && ASAN_OPTIONS=detect_leaks=1 PG_ORACLE=/nonexistent PGCL_REQUIRE_ORACLE= \
        PGCL_FIX_COUNT="${PGCL_ASAN_FIX_COUNT:-8}" PGCL_ORACLE_COUNT=300 make -s check -j"$(nproc)")
    rc2=$?
    # The fuzzers run for a fixed time on one core each, one after another;
    # distcheck builds and tests serially, and clang-tidy takes what is left:
    # side by side they keep CI inside its time budget.
    stage "fuzzing (${PGCL_FUZZ_SECONDS:-60} s per target, in the background)"
    (cd build && make -s fuzz FUZZ_SECONDS="${PGCL_FUZZ_SECONDS:-60}" >fuzz.out 2>&1) &
    fuzz_pid=$!
    # The packaging check: the oracle comparisons already ran twice above, so
    # the unpacked tarball's suite runs without them.
    stage "make distcheck"
    (cd build && PG_ORACLE=/nonexistent PGCL_REQUIRE_ORACLE= PGCL_FIX_COUNT=4 PGCL_ORACLE_COUNT=50 \
        make -s distcheck >distcheck.out 2>&1)
    rc3=$?
    # distcheck passes with a test input left out of EXTRA_DIST (the unpacked
    # suite just never sees it), so the tarball is checked against git too.
    if [ $rc3 = 0 ] && [ -d .git ]; then
        tests/dist/complete.sh build/pgconflint-*.tar.gz || rc3=1
    fi
    [ $rc3 = 0 ] && echo "make distcheck: ok" || { tail -40 build/distcheck.out; echo "make distcheck: FAILED"; }
    stage "static analysis (cppcheck, clang-tidy)"
    (cd build && make -s static-analysis >static.out 2>&1)
    rc5=$?
    grep '^# .* took ' build/static.out
    [ $rc5 = 0 ] && echo "static analysis: ok" || { grep -v '^ok' build/static.out | tail -40; echo "static analysis: FAILED"; }
    stage "waiting for the fuzzers"
    wait $fuzz_pid
    rc4=$?
    sed -n '/^--- fuzz summary/,$p' build/fuzz.out
    [ $rc4 = 0 ] && echo "fuzzing: ok" || { tail -30 build/fuzz.out; echo "fuzzing: FAILED"; }
    stage "done"
    set -e
    read -r p1 f1 s1 < <(count_results build)
    read -r p2 f2 s2 < <(count_results build-asan)
    for d in build build-asan; do
        grep -l -E '^:test-result: (FAIL|XPASS|ERROR)' $(find "$d" -name '*.trs' ! -path '*/pgconflint-*') 2>/dev/null |
            sed 's/^/failed cases in: /; s/\.trs$/.log/' || true
    done
    echo "normal build: $p1 passed, $f1 failed, $s1 skipped; sanitizer build: $p2 passed, $f2 failed, $s2 skipped"
    # distcheck, fuzzing and static analysis count as one check each
    extra_p=0 extra_f=0
    for rc in $rc3 $rc4 $rc5; do
        if [ "$rc" = 0 ]; then extra_p=$((extra_p + 1)); else extra_f=$((extra_f + 1)); fi
    done
    failed=$((f1 + f2 + (rc1 != 0 && f1 == 0) + (rc2 != 0 && f2 == 0) + extra_f))
    echo "$((p1 + p2 + extra_p)) passed, $failed failed, $((s1 + s2)) skipped"
    [ $failed = 0 ]
    ;;
*)
    echo "usage: ./dev.sh examples | test" >&2
    exit 2
    ;;
esac
