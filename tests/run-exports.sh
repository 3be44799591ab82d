#!/bin/sh
# What libbudgetlint.so exports is its public API and nothing else: every
# dynamic symbol it defines is a function declared BL_API in the public
# headers (lib/include/budgetlint/), and every such function is exported.
#
#   tests/run-exports.sh build/libbudgetlint.so.VERSION
set -u
lib=${1:?usage: run-exports.sh LIBRARY.so}
command -v nm >/dev/null 2>&1 || { echo "exports: nm (binutils) is missing"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

nm -D --defined-only "$lib" | awk '{ print $NF }' | sed 's/@.*//' | sort -u > "$tmp/exported"
# BL_API declarations, each joined into one line up to its ';': the name
# is the first identifier followed by '('.
awk '/^BL_API/ { d = 1 } d { printf "%s ", $0 } d && /;/ { print ""; d = 0 }' \
    lib/include/budgetlint/*.h \
  | sed -n 's/^[^(]*\<\(bl_[a-z0-9_]*\) *(.*/\1/p' | sort -u > "$tmp/declared"
[ -s "$tmp/declared" ] || { echo "exports: no BL_API declaration found"; exit 1; }

extra=$(comm -23 "$tmp/exported" "$tmp/declared")
missing=$(comm -13 "$tmp/exported" "$tmp/declared")
[ -z "$extra" ] || echo "exports: exported but not public API:" $extra
[ -z "$missing" ] || echo "exports: public API not exported:" $missing
[ -z "$extra$missing" ] || exit 1
echo "exports: $(wc -l < "$tmp/exported") symbols, each a BL_API function of the headers"
