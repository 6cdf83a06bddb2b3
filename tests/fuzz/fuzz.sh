#!/bin/sh
# fuzz.sh — build the fuzz targets with clang and libFuzzer (plus ASan and
# UBSan) and run each for FUZZ_SECONDS; `make fuzz` calls it with the
# build's flags. Prints, per target, the executions, the coverage reached
# (libFuzzer's "cov" edges and "ft" features) and the corpus size, and exits
# 1 if any target found a crash, a leak, a timeout or a broken property:
# the input is then in fuzz/crashes/TARGET/; copy it into
# testdata/fuzz-regressions/TARGET/ once fixed, so `make check` keeps it.
#
# Environment (make passes these): FUZZ_CC, FUZZ_SECONDS, FUZZ_TARGETS,
# FUZZ_CPPFLAGS, FUZZ_LIBS, FUZZ_LIB_SOURCES (the library's .c files,
# relative to the source or build directory), srcdir. Optional: FUZZ_JOBS
# (parallel compiles), FUZZ_MAX_LEN (largest input, default 8192), FUZZ_ENGINE=afl (build with afl-clang-fast and the
# standalone driver instead, see tests/fuzz/README.md; nothing is run).
set -u
: "${FUZZ_CC:=clang}" "${FUZZ_SECONDS:=60}" "${FUZZ_TARGETS:=conf hba ident}"
: "${FUZZ_ENGINE:=libfuzzer}" "${srcdir:=.}" "${FUZZ_MAX_LEN:=8192}"
: "${FUZZ_JOBS:=$(nproc 2>/dev/null || echo 2)}"
out=fuzz
obj=$out/obj-$FUZZ_ENGINE
mkdir -p "$obj" "$out/crashes" "$out/corpus"

san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
if [ "$FUZZ_ENGINE" = afl ]; then
    : "${AFL_CC:=afl-clang-fast}"
    cc=$AFL_CC
    cov=""
    link="$srcdir/tests/fuzz/standalone_main.c"
else
    cc=$FUZZ_CC
    cov="-fsanitize=fuzzer-no-link"
    link="-fsanitize=fuzzer"
fi
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
util=$out/fuzz_util-$FUZZ_ENGINE.o
$cc $cflags -c "$srcdir/tests/fuzz/fuzz_util.c" -o "$util" || exit 2

status=0
summary=""
for t in $FUZZ_TARGETS; do
    bin=$out/fuzz_$t
    # shellcheck disable=SC2086
    $cc $cflags $link "$srcdir/tests/fuzz/fuzz_$t.c" "$util" "$obj"/*.o \
        $FUZZ_LIBS -o "$bin" || { echo "fuzz: linking $bin failed" >&2; exit 2; }
    [ "$FUZZ_ENGINE" = afl ] && { echo "built $bin (AFL++: afl-fuzz -i SEEDS -o OUT -- $bin @@)"; continue; }
    corpus=$out/corpus/$t
    seeds=$out/seeds/$t
    rm -rf "$seeds"
    "$srcdir/tests/fuzz/seed_corpus.sh" "$srcdir" "$t" "$seeds" || exit 2
    mkdir -p "$corpus" "$out/crashes/$t"
    dict=""
    [ -f "$srcdir/tests/fuzz/$t.dict" ] && dict="-dict=$srcdir/tests/fuzz/$t.dict"
    log=$out/fuzz_$t.log
    echo "fuzz: running fuzz_$t for ${FUZZ_SECONDS}s"
    # shellcheck disable=SC2086
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len="$FUZZ_MAX_LEN" \
        -print_final_stats=1 -artifact_prefix="$out/crashes/$t/" $dict \
        "$corpus" "$seeds" > "$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\) corp: \([^ ]*\).*/cov \1 ft \2 corp \3/p')
    line="fuzz_$t: ${execs:-?} executions, ${cov:-no coverage line} (exit $rc)"
    if [ $rc -ne 0 ]; then
        status=1
        line="$line FAILED: $(ls "$out/crashes/$t" | head -3 | tr '\n' ' ')"
        grep -E 'ERROR|property violated|SUMMARY' "$log" | head -5 >&2
    fi
    echo "$line"
    summary="$summary$line
"
done
[ "$FUZZ_ENGINE" = afl ] && exit 0
echo "---"
printf '%s' "$summary"
exit $status
