#!/bin/sh
# tests/dist/complete.sh TARBALL — is every file git tracks in the release
# tarball?  A test input missing from EXTRA_DIST does not fail distcheck: the
# unpacked suite simply never sees it, so the case stops being tested there.
# Run from a git checkout of the source (dev.sh does, after distcheck).
# Files that belong to the repository only are listed below.
set -eu
tarball=$1
repo_only='^(\.gitignore|build-aux/\.keep|m4/\.keep|dev\.sh)$'
tracked=$(mktemp) shipped=$(mktemp)
trap 'rm -f "$tracked" "$shipped"' EXIT
git ls-files | grep -Ev "$repo_only" | sort >"$tracked"
tar tzf "$tarball" | sed 's|^[^/]*/||' | sort >"$shipped"
missing=$(comm -23 "$tracked" "$shipped")
if [ -n "$missing" ]; then
    echo "tracked by git but not in $tarball (add them to EXTRA_DIST):"
    echo "$missing" | sed 's/^/  /'
    exit 1
fi
echo "every tracked file is in $(basename "$tarball") ($(wc -l <"$tracked") files)"
