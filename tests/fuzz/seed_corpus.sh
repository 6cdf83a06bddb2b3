#!/bin/sh
# seed_corpus.sh SRCDIR TARGET OUTDIR — the seed corpus of a fuzz target,
# taken from testdata/: the inputs of the target's kind, the examples, and
# the inputs that once broke it (testdata/fuzz-regressions/TARGET/). Each
# file is copied under a name made from its path, so seeds never collide.
set -eu
src=$1 target=$2 out=$3
mkdir -p "$out"
td=$src/testdata
case $target in
conf)  set -- "$td/conf" "$td/examples" "$td/pg15-samples" ;;
hba)   set -- "$td/hba" "$td/examples" "$td/pg15-samples" ;;
ident) set -- "$td/ident" "$td/examples" "$td/pg15-samples" ;;
policy) set -- "$td/policy" "$src/rules/policies" ;;
fix)   set -- "$td/conf" "$td/hba" "$td/fix" "$td/examples" ;;
*) echo "seed_corpus.sh: unknown target $target" >&2; exit 2 ;;
esac
n=0
for dir in "$@" "$td/fuzz-regressions/$target"; do
    [ -d "$dir" ] || continue
    for f in $(cd "$dir" && find . -type f ! -name Makefile.inc ! -name '*.md' | LC_ALL=C sort); do
        case $target:$f in
        conf:*hba*|conf:*ident*|hba:*postgresql*|hba:*ident*|ident:*postgresql*|ident:*hba*) continue ;;
        esac
        name=$(printf '%s' "${dir#"$src"/}/${f#./}" | tr '/' '_')
        cp "$dir/$f" "$out/$name"
        n=$((n + 1))
    done
done
echo "seed_corpus.sh: $n seeds for $target in $out"
