#!/bin/sh
# bigfile_bench.sh — time and peak memory of `pgconflint check` and
# `pgconflint parse` on large inputs: realistic 100 MB postgresql.conf,
# pg_hba.conf and pg_ident.conf, and hostile ones (one 100 MB line, 100 MB
# of random bytes, a file over the size limit). Prints one line per run:
# seconds, peak RSS, and RSS per input byte. A benchmark, not a test: it
# prints figures and fails only on a crash or an unexpected exit status.
#
#   tests/hostile/bigfile_bench.sh [PGCONFLINT] [MB]      (default: ./pgconflint 100)
set -u
bin=${1:-./pgconflint}
mb=${2:-100}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bytes=$((mb * 1024 * 1024))
status=0

gen() {  # gen FILE PYTHON-EXPRESSION-FOR-LINE-i
    python3 - "$1" "$bytes" "$2" <<'PY'
import sys
path, limit, expr = sys.argv[1], int(sys.argv[2]), sys.argv[3]
code = compile(expr, "line", "eval")
with open(path, 'w') as f:
    n = i = 0
    while n < limit:
        chunk = []
        for _ in range(10000):
            line = eval(code, {"i": i}) + "\n"
            chunk.append(line)
            n += len(line)
            i += 1
        f.write("".join(chunk))
PY
}

run() {  # run LABEL EXPECTED-EXIT-CODES ARGS...
    label=$1 want=$2
    shift 2
    file=$(eval echo \${$#})
    size=$(stat -c %s "$file")
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$bin" "$@" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    # GNU time puts "Command exited with non-zero status N" first
    secs=$(tail -n 1 "$tmp/time" | cut -d' ' -f1)
    kb=$(tail -n 1 "$tmp/time" | cut -d' ' -f2)
    case "$kb" in ''|*[!0-9]*) secs=?; kb=0 ;; esac
    ratio=$(awk -v k="$kb" -v s="$size" 'BEGIN { printf "%.1f", k * 1024 / (s ? s : 1) }')
    case " $want " in *" $rc "*) ok=ok ;; *) ok="UNEXPECTED exit"; status=1 ;; esac
    printf '%-34s %6s MB in %6ss, peak RSS %5d MB (%5sx input), exit %d %s, %d output lines\n' \
        "$label" $((size / 1048576)) "$secs" $((kb / 1024)) "$ratio" "$rc" "$ok" \
        "$(wc -l < "$tmp/out")"
    [ "$rc" -ge 128 ] && { tail -3 "$tmp/err"; status=1; }
}

mkdir -p "$tmp/hba" "$tmp/conf" "$tmp/ident" "$tmp/odd"
gen "$tmp/hba/pg_hba.conf" '"host    db%d    user%d    10.%d.%d.0/24    scram-sha-256" % (i, i, i % 256, (i // 256) % 256)'
gen "$tmp/conf/postgresql.conf" '"param_%d = %d  # comment" % (i % 5, i) if i % 2 else "work_mem = %dkB" % (i % 9000 + 64)'
gen "$tmp/ident/pg_ident.conf" '"map%d  sys%d  pg%d" % (i % 100, i, i)'
gen "$tmp/odd/unknown.conf" '"zz_unknown_param_%d = 1" % i'
python3 -c "
import sys
open(sys.argv[1], 'w').write('host all all 0.0.0.0/0 md5 # ' + 'x' * $bytes + '\n')" "$tmp/odd/longline_pg_hba.conf"
head -c "$bytes" /dev/urandom > "$tmp/odd/random_pg_hba.conf"
head -c $((130 * 1024 * 1024)) /dev/zero | tr '\0' '#' > "$tmp/odd/toobig.conf"

run "check pg_hba.conf" "0 1" check --color never "$tmp/hba/pg_hba.conf"
run "parse pg_hba.conf" "0" parse --format source "$tmp/hba/pg_hba.conf"
run "check postgresql.conf" "0 1" check --color never "$tmp/conf/postgresql.conf"
run "parse postgresql.conf" "0" parse --format source "$tmp/conf/postgresql.conf"
run "check pg_ident.conf" "0 1" check --color never "$tmp/ident/pg_ident.conf"
run "parse pg_ident.conf" "0" parse --format source "$tmp/ident/pg_ident.conf"
run "check unknown names (conf)" "1" check --color never "$tmp/odd/unknown.conf"
run "check one 100 MB line (hba)" "0 1" check --color never "$tmp/odd/longline_pg_hba.conf"
run "check random bytes (hba)" "1" check --color never "$tmp/odd/random_pg_hba.conf"
run "check file over the limit" "2" check --color never "$tmp/odd/toobig.conf"
exit $status
