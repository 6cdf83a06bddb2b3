#!/bin/sh
# fuzz.sh — build the fuzz targets with clang and libFuzzer (plus ASan and
# UBSan) and run each, one after the other, for FUZZ_SECONDS; `make fuzz`
# calls it with the build's flags (CI: `make -C build fuzz FUZZ_SECONDS=60`).
# Prints one summary line per target:
#
#   fuzz_hba: ok, 14825 executions in 60 s, cov 1353 ft 7312, corpus 1004/902Kb
#   fuzz_fix: FAILED (crash), 211 executions in 3 s, ... -> fuzz/crashes/fix/crash-…
#
# and exits 1 if any target found a crash, a leak, a timeout, an
# out-of-memory or a broken property (the input is then in
# fuzz/crashes/TARGET/; copy it into testdata/fuzz-regressions/TARGET/ once
# fixed, so `make check` keeps it), 2 if the targets could not be built.
#
# Environment (make passes these): FUZZ_CC, FUZZ_SECONDS, FUZZ_TARGETS,
# FUZZ_CPPFLAGS, FUZZ_LIBS, FUZZ_LIB_SOURCES (the library's .c files,
# relative to the source or build directory), srcdir. Optional: FUZZ_JOBS
# (parallel compiles), FUZZ_MAX_LEN (largest input, default 8192),
# FUZZ_ENGINE=afl (build fuzz/afl/fuzz_TARGET with afl-clang-fast and the
# standalone driver instead, see tests/fuzz/README.md; nothing is run).
set -u
: "${FUZZ_CC:=clang}" "${FUZZ_SECONDS:=60}" "${FUZZ_TARGETS:=conf hba ident policy fix}"
: "${FUZZ_ENGINE:=libfuzzer}" "${srcdir:=.}" "${FUZZ_MAX_LEN:=8192}"
: "${FUZZ_JOBS:=$(nproc 2>/dev/null || echo 2)}"
out=fuzz
obj=$out/obj-$FUZZ_ENGINE

san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
if [ "$FUZZ_ENGINE" = afl ]; then
    # not AFL_CC: afl-clang-fast reads that as the compiler it wraps
    : "${FUZZ_AFL_CC:=afl-clang-fast}"
    cc=$FUZZ_AFL_CC
    cov=""
    link="$srcdir/tests/fuzz/standalone_main.c"
    # apart from the libFuzzer binaries, so both builds can sit side by side
    bindir=$out/afl
else
    cc=$FUZZ_CC
    cov="-fsanitize=fuzzer-no-link"
    link="-fsanitize=fuzzer"
    bindir=$out
fi
# A missing compiler is a build failure with its name, not a wall of
# "command not found" from every parallel compile.
if ! command -v "$cc" > /dev/null 2>&1; then
    echo "fuzz: $cc is not installed (libFuzzer: clang; AFL++: afl-clang-fast, Debian package afl++)" >&2
    exit 2
fi
mkdir -p "$obj" "$bindir" "$out/crashes" "$out/corpus"
cflags="-std=c11 -g -O1 $san $cov $FUZZ_CPPFLAGS -I$srcdir/tests/fuzz"

# Compile the library once per run (in parallel); a source may be generated
# into the build directory, or sit in the source directory.
for f in $FUZZ_LIB_SOURCES; do
    if [ -f "$f" ]; then echo "$f"; else echo "$srcdir/$f"; fi
done > "$obj/sources"
rm -f "$obj"/*.o
# shellcheck disable=SC2086
xargs -P "$FUZZ_JOBS" -I{} sh -c 'o="$1/$(echo "$2" | tr / _).o"; exec $3 $4 -c "$2" -o "$o"' \
    sh "$obj" {} "$cc" "$cflags" < "$obj/sources" || { echo "fuzz: compiling the library failed" >&2; exit 2; }
util=$out/fuzz_util-$FUZZ_ENGINE.o   # outside $obj: not in its *.o
$cc $cflags -c "$srcdir/tests/fuzz/fuzz_util.c" -o "$util" || exit 2

# Link every target before running any: a target that does not build fails
# the step at once instead of after the others have run for minutes.
for t in $FUZZ_TARGETS; do
    # shellcheck disable=SC2086
    $cc $cflags $link "$srcdir/tests/fuzz/fuzz_$t.c" "$util" "$obj"/*.o \
        $FUZZ_LIBS -o "$bindir/fuzz_$t" || { echo "fuzz: linking $bindir/fuzz_$t failed" >&2; exit 2; }
    [ "$FUZZ_ENGINE" = afl ] && echo "built $bindir/fuzz_$t (afl-fuzz -i SEEDS -o OUT -x tests/fuzz/$t.dict -- $bindir/fuzz_$t @@)"
done
[ "$FUZZ_ENGINE" = afl ] && exit 0

status=0
summary=""
for t in $FUZZ_TARGETS; do
    bin=$bindir/fuzz_$t
    corpus=$out/corpus/$t
    seeds=$out/seeds/$t
    crashes=$out/crashes/$t
    rm -rf "$seeds"
    "$srcdir/tests/fuzz/seed_corpus.sh" "$srcdir" "$t" "$seeds" > /dev/null || exit 2
    mkdir -p "$corpus" "$crashes"
    # Inputs left from an earlier run must not hide or fake this run's
    # verdict: remember which were there.
    ls "$crashes" > "$out/crashes.before"
    dict=""
    [ -f "$srcdir/tests/fuzz/$t.dict" ] && dict="-dict=$srcdir/tests/fuzz/$t.dict"
    log=$out/fuzz_$t.log
    echo "fuzz: running fuzz_$t for ${FUZZ_SECONDS}s (log: $log)"
    # shellcheck disable=SC2086
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len="$FUZZ_MAX_LEN" \
        -print_final_stats=1 -artifact_prefix="$crashes/" $dict \
        "$corpus" "$seeds" > "$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    covline=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(printf '%s\n' "$covline" | sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\) corp: \([^ ]*\).*/cov \1 ft \2, corpus \3/p')
    new=$(ls "$crashes" | grep -vxF -f "$out/crashes.before" | sed "s|^|$crashes/|" | tr '\n' ' ' | sed 's/ $//')
    if [ $rc -eq 0 ] && [ -z "$new" ]; then
        line="fuzz_$t: ok, ${execs:-?} executions in ${secs:-?} s, ${cov:-no coverage line}"
    else
        status=1
        # what libFuzzer called it: deadly signal, leak, timeout, out-of-memory
        # (the most precise first: a broken property or UBSan's report comes
        # before libFuzzer's "deadly signal" for the abort that follows it)
        kind=$(sed -n 's/^fuzz property violated: \(.*\)/property: \1/p' "$log" | head -1)
        [ -n "$kind" ] || kind=$(grep -m1 -o 'runtime error: .*' "$log")
        [ -n "$kind" ] || kind=$(sed -n 's/^==[0-9]*== *ERROR: \(libFuzzer: \)\{0,1\}\([^(]*\).*/\2/p' "$log" | head -1)
        kind=$(printf '%s' "$kind" | cut -c1-120)
        line="fuzz_$t: FAILED (${kind:-exit $rc}), ${execs:-?} executions, ${cov:-no coverage line} -> ${new:-see $log}"
        grep -E 'ERROR|property violated|SUMMARY|runtime error' "$log" | head -5 | sed 's/^/    /' >&2
    fi
    echo "$line"
    summary="$summary$line
"
done
rm -f "$out/crashes.before"
echo "--- fuzz summary (${FUZZ_SECONDS}s per target)"
printf '%s' "$summary"
exit $status
