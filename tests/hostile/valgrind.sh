#!/bin/sh
# valgrind.sh — a subset of real runs under valgrind (memcheck): check,
# parse, fix, policy and hba-match on the bundled examples and on hostile
# input, each with zero memory errors and no leaks (definite, indirect or
# possible). One TAP line per run. Skipped when valgrind is missing (a
# failure under PGCL_REQUIRE_ORACLE=1, as in CI) and in a sanitizer build,
# where valgrind cannot run the binary.
set -u
. "$TOP_SRCDIR/tests/cli/tap.sh"
P=$PGCONFLINT
td=$TOP_SRCDIR/testdata
skip_all() {
    echo "1..0 # SKIP $1"
    exit 0
}
if ! command -v valgrind > /dev/null 2>&1; then
    if [ "${PGCL_REQUIRE_ORACLE:-}" = 1 ]; then
        is missing present "valgrind is installed (PGCL_REQUIRE_ORACLE=1)"
        done_testing
        exit 1
    fi
    skip_all "valgrind is not installed"
fi
if ldd "$P" 2>/dev/null | grep -q 'lib[at]san' || grep -q '__asan_init\|__tsan_init' "$P" 2>/dev/null; then
    skip_all "a sanitizer build (valgrind cannot run it)"
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

vg() {  # vg NAME EXPECTED-EXITS ARGS...: run pgconflint under valgrind
    name=$1 want=$2
    shift 2
    valgrind -q --error-exitcode=99 --leak-check=full \
        --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible \
        --log-file="$t/vg.log" "$P" "$@" > "$t/out" 2>&1
    rc=$?
    case " $want " in
    *" $rc "*) is ok ok "$name: no memory errors, no leaks (exit $rc)" ;;
    *)  is "exit $rc" "exit in ($want)" "$name: no memory errors, no leaks"
        sed 's/^/# /' "$t/vg.log" | head -40
        sed 's/^/# out: /' "$t/out" | tail -5 ;;
    esac
}

cp -R "$td/examples" "$t/examples"
printf 'local all all trust\nlocal\000 all all md5\nhost all @../outside.txt 1.2.3.4/32 md5\n' > "$t/nul_pg_hba.conf"
printf "include '/etc/passwd'\ninclude 'missing.conf'\nwork_mem = 4\001MB\n" > "$t/hostile.conf"

vg "check examples (text, several threads)" "1" check --color never -j 2 "$t/examples"
vg "check examples --format sarif" "1" check --format sarif "$t/examples/insecure"
vg "check examples --format json" "0 1" check --format json "$t/examples/hardened"
vg "check hostile input" "1" check --color never "$t/nul_pg_hba.conf" "$t/hostile.conf"
vg "parse conf with includes" "0" parse --format json "$td/conf/include-relative-nested/main.conf"
vg "parse hba 16 include directives" "0" parse --pg-version 16 --format tree "$td/hba/include-directives/main.conf"
vg "parse ident" "0" parse --format json "$td/ident/regex-system-user.conf"
vg "fix --diff insecure example" "1" fix --diff --unsafe-fixes "$t/examples/insecure"
vg "fix in place insecure example" "1" fix --unsafe-fixes "$t/examples/insecure"
vg "policy show --resolved" "0" policy show --resolved --profile cis-16
vg "hba-match" "0 1" hba-match --type hostssl --user alice --database app --address 10.1.2.3 "$td/examples/insecure/pg_hba.conf"
done_testing
