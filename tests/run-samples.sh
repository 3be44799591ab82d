#!/bin/sh
# Samples are tests: every samples/*.yaml and *.xlsx is checked with the
# bundled pack.
# A sample named *-broken* must report errors (exit 1); every other sample
# is a transcription of a real published filing and must give no error
# (exit 0: within-rounding notices are allowed).
set -u
bin=${1:?usage: run-samples.sh BUDGETLINT}
export LC_ALL=C NO_COLOR=1
pass=0 fail=0
for f in samples/*.yaml samples/*.xlsx; do
  out=$("$bin" check --rules rules "$f" 2>&1); status=$?
  case "$f" in *-broken*) want=1 ;; *) want=0 ;; esac
  if [ "$status" -eq "$want" ]; then
    pass=$((pass + 1))
  else
    echo "FAIL $f: exit $status, expected $want"; echo "$out"
    fail=$((fail + 1))
  fi
done
echo "samples: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
