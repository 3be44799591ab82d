#!/bin/sh
# Golden tests: each tests/golden/<case>/ holds `args` (the arguments of
# `budgetlint check`, relative to the repository root), and the expected
# `expected.txt` (text report), `expected.json` (JSON report), `expected.err`
# (standard error, if any) and `exit` (exit status).  Case names say the
# outcome: ok-* exit 0, find-* exit 1, bad-* exit 2.  A case may list more
# formats in `formats` (e.g. `sarif junit`): each is compared with
# `expected.FORMAT`.
#
#   tests/run-golden.sh BIN            compare
#   tests/run-golden.sh --update BIN   rewrite the expected files for review
set -u
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
bin=${1:?usage: run-golden.sh [--update] BUDGETLINT}
export LC_ALL=C NO_COLOR=1
unset BUDGETLINT_RULES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

for dir in tests/golden/*/; do
  name=$(basename "$dir")
  args=$(cat "$dir/args")
  # shellcheck disable=SC2086
  "$bin" check $args > "$tmp/txt" 2> "$tmp/err"; status=$?
  # shellcheck disable=SC2086
  "$bin" check --format json $args > "$tmp/json" 2>/dev/null
  case "$name" in
    ok-*) want=0 ;; find-*) want=1 ;; bad-*) want=2 ;; *) want=x ;;
  esac
  formats=$(cat "$dir/formats" 2>/dev/null)
  for f in $formats; do
    # shellcheck disable=SC2086
    "$bin" check --format "$f" $args > "$tmp/out.$f" 2>/dev/null
  done
  if [ $update -eq 1 ]; then
    cp "$tmp/txt" "$dir/expected.txt"; cp "$tmp/json" "$dir/expected.json"
    for f in $formats; do cp "$tmp/out.$f" "$dir/expected.$f"; done
    if [ -s "$tmp/err" ]; then cp "$tmp/err" "$dir/expected.err"; else rm -f "$dir/expected.err"; fi
    echo "$status" > "$dir/exit"
    echo "updated $name (exit $status)"
    continue
  fi
  ok=1
  [ "$status" = "$(cat "$dir/exit")" ] || { echo "  exit $status, expected $(cat "$dir/exit")"; ok=0; }
  [ "$want" = x ] || [ "$status" = "$want" ] || { echo "  case name says exit $want"; ok=0; }
  diff -u "$dir/expected.txt" "$tmp/txt" > "$tmp/d1" || { cat "$tmp/d1"; ok=0; }
  diff -u "$dir/expected.json" "$tmp/json" > "$tmp/d2" || { cat "$tmp/d2"; ok=0; }
  for f in $formats; do
    diff -u "$dir/expected.$f" "$tmp/out.$f" > "$tmp/d4" || { cat "$tmp/d4"; ok=0; }
  done
  if [ -f "$dir/expected.err" ]; then
    diff -u "$dir/expected.err" "$tmp/err" > "$tmp/d3" || { cat "$tmp/d3"; ok=0; }
  elif [ -s "$tmp/err" ]; then
    echo "  unexpected stderr:"; cat "$tmp/err"; ok=0
  fi
  if [ $ok -eq 1 ]; then pass=$((pass + 1)); else echo "FAIL golden/$name"; fail=$((fail + 1)); fi
done
[ $update -eq 1 ] && exit 0
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
