#!/bin/sh
# Every sample and corpus document under valgrind's memcheck, checked
# once: the five report formats take turns, each written with -o.  One
# document of each kind (by extension) is also converted, to YAML and
# JSON by turns: convert reads with the same readers check does, so one
# of each is enough for what it adds.  `rules` and `rules test` run too.
# A definite leak, an invalid read or write, or a decision on
# uninitialised memory fails the run, with valgrind's report.  Two
# processes at a time (xargs -P 2).
#
# GSlice keeps its blocks in magazines of its own, where memcheck cannot
# tell a leaked one from a free one (GLib < 2.76): G_SLICE=always-malloc
# hands every block to malloc, and gc-friendly clears the pointers GLib
# leaves in freed memory, which would otherwise keep a leak "reachable".
# Only allocation stacks are kept (--keep-stacktraces=alloc: a leak needs
# them, and the ASan run names where a block was freed); it saves a tenth.
#
# Usage: tests/run-valgrind.sh BUDGETLINT
set -u
bin=${1:?usage: run-valgrind.sh BUDGETLINT}
# Run one job; its name says where its log goes.  Exit 99 is valgrind's
# (--error-exitcode); budgetlint's own 0, 1 and 2 are results, not errors.
if [ "${2:-}" = --job ]; then
  name=$3; shift 3
  valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=definite --suppressions=tests/valgrind.supp \
    --keep-stacktraces=alloc --num-callers=30 --log-file="$VG_LOGS/$name.log" \
    "$bin" "$@" >/dev/null 2>&1
  status=$?
  if [ $status -eq 99 ] || [ $status -gt 2 ]; then
    echo "FAIL: valgrind $name (exit $status): budgetlint $*"
    cat "$VG_LOGS/$name.log"
    exit 1
  fi
  exit 0
fi

command -v valgrind >/dev/null 2>&1 \
  || { echo "check-valgrind: valgrind is missing (make deps installs it)"; exit 1; }
export LC_ALL=C NO_COLOR=1 G_SLICE=always-malloc G_DEBUG=gc-friendly
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# The documents, sorted so that each format gets a mix of kinds.  Names
# in the tree have no white space (a job list below is split on it).
find samples tests/corpus -type f ! -name README.md | LC_ALL=C sort > "$tmp/docs"
if grep -q '[[:space:]]' "$tmp/docs"; then
  echo "check-valgrind: a document name holds white space"; exit 1
fi

# One job a line: its name, then budgetlint's arguments.
{
  n=0
  for f in text json sarif junit xlsx; do
    echo "check-$f check --rules rules -j 1 -f $f -o $tmp/report.$f" \
      $(awk -v n=$n 'NR % 5 == n' "$tmp/docs")
    n=$((n + 1))
  done
  echo "rules rules --rules rules"
  echo "rules-test rules test --rules rules"
  awk -F. '!seen[$NF]++' "$tmp/docs" | while read -r doc; do
    n=$((n + 1)); to=$([ $((n % 2)) = 0 ] && echo yaml || echo json)
    name=$(echo "$doc" | tr / _)
    echo "convert-$name convert -t $to -o $tmp/converted.$name.$to $doc"
  done
} > "$tmp/jobs"

export VG_LOGS=$tmp
docs=$(wc -l < "$tmp/docs")
if xargs -P 2 -L 1 "$0" "$bin" --job < "$tmp/jobs"; then
  echo "valgrind: $docs documents checked, $(grep -c ' convert ' "$tmp/jobs") converted, rules listed and tested: no leak, no invalid access"
else
  exit 1
fi
