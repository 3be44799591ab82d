#!/bin/sh
# `convert --to yaml` keeps everything `check` looks at: for every sample
# and every real report in tests/corpus, the findings on the converted
# filing equal those on the original (positions aside, lines or sheet!cell;
# READ.* findings are about reading the original and do not carry over).  A workbook sample
# (samples/X.xlsx) must also give the findings of its YAML twin.
set -u
bin=${1:?usage: run-roundtrip.sh BUDGETLINT}
export LC_ALL=C NO_COLOR=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
findings () {
  "$bin" check --rules rules "$1" | sed -n 's/^.*: \(error\|warning\|notice\)\[/\1[/p' | grep -v '\[READ\.' | sort
}
for f in samples/*.yaml samples/*.xlsx tests/corpus/text/* tests/corpus/pdf/*.pdf tests/corpus/variants/*.txt; do
  [ -f "$f" ] || continue
  if ! "$bin" convert "$f" > "$tmp/converted.yaml" 2> "$tmp/err"; then
    echo "FAIL $f: convert failed"; cat "$tmp/err"; fail=$((fail + 1)); continue
  fi
  findings "$f" > "$tmp/a"
  findings "$tmp/converted.yaml" > "$tmp/b"
  if diff -u "$tmp/a" "$tmp/b" > "$tmp/d"; then
    pass=$((pass + 1))
  else
    echo "FAIL $f: findings differ after convert"; cat "$tmp/d"; fail=$((fail + 1))
  fi
done
for x in samples/*.xlsx; do
  y=${x%.xlsx}.yaml
  [ -f "$x" ] && [ -f "$y" ] || continue
  findings "$y" > "$tmp/a"
  findings "$x" > "$tmp/b"
  if diff -u "$tmp/a" "$tmp/b" > "$tmp/d"; then
    pass=$((pass + 1))
  else
    echo "FAIL $x: findings differ from $y"; cat "$tmp/d"; fail=$((fail + 1))
  fi
done
echo "round-trip: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
