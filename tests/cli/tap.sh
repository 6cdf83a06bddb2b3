# tap.sh — TAP helpers for shell tests (sourced).
tap_n=0
tap_failed=0
is() {  # is GOT WANT NAME
    tap_n=$((tap_n + 1))
    if [ "$1" = "$2" ]; then
        echo "ok $tap_n - $3"
    else
        tap_failed=$((tap_failed + 1))
        echo "not ok $tap_n - $3"
        echo "#   got: $1"
        echo "#   want: $2"
    fi
}
done_testing() {
    echo "1..$tap_n"
    [ "$tap_failed" = 0 ]
}
# tap_scratch: a scratch directory $t (removed on exit), $out for a
# command's output, and `has PATTERN` saying yes/no whether $out holds it.
tap_scratch() {
    t=$(mktemp -d)
    trap 'rm -rf "$t"' EXIT
    out="$t/out"
}
has() { grep -q -- "$1" "$out" && echo yes || echo no; }
