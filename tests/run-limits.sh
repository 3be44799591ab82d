#!/bin/sh
# Hostile and huge input in a batch (budgetlint(1), LIMITS): a YAML filing
# nested 100,000 deep (libyaml alone took half a minute on it), a text
# file over the size limit and
# a NUL in text are each exit 2 with their message and position, and the
# good filing beside them is still checked.  A rule pack nested too deep
# is refused with its position.
set -u
bin=${1:?usage: run-limits.sh BUDGETLINT}
export LC_ALL=C NO_COLOR=1
sample=samples/zengdu-2023-broken.yaml
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok () { pass=$((pass + 1)); }
bad () { echo "FAIL: $*"; fail=$((fail + 1)); }
# N times the string $1
rep () { awk -v s="$1" -v n="$2" 'BEGIN { while (n-- > 0) printf "%s", s }'; }

{ printf 'budgetlint: 1\ntables: '; rep '[' 100000; rep ']' 100000; echo; } > "$tmp/deep.yaml"
yes '收入支出决算总表 合计 12.00' | head -c 34000000 > "$tmp/huge.md"
printf '收入支出决算总表\n单位：万元\n合计 12\0000.00\n' > "$tmp/nul.txt"

"$bin" check --rules rules "$tmp/deep.yaml" "$sample" "$tmp/huge.md" "$tmp/nul.txt" \
  > "$tmp/out" 2> "$tmp/err"; status=$?
# the message may be in the report and on stderr: either will do
cat "$tmp/err" >> "$tmp/out"
[ "$status" -eq 2 ] && ok || bad "batch with unusable files: exit $status, want 2"
# the first element past the limit: the root mapping is level 1, so the
# 1000th '[' (column 8 + 1000) opens level 1001
grep -q "deep.yaml:2:1008: YAML: 嵌套超过 1000 层" "$tmp/out" && ok \
  || bad "deep YAML: $(grep deep "$tmp/out")"
grep -q "huge.md: 文件过大（34000000 字节），超过 32 MiB 的上限" "$tmp/out" && ok \
  || bad "huge text: $(grep huge "$tmp/out")"
grep -q "nul.txt:3:6: 二进制数据，不是报表：第 51 字节是 NUL" "$tmp/out" && ok \
  || bad "NUL: $(grep nul "$tmp/out")"
# the good filing's own findings, as it gives them alone
"$bin" check --rules rules "$sample" | grep "^$sample:" > "$tmp/alone"
[ -s "$tmp/alone" ] && grep "^$sample:" "$tmp/out" | cmp -s - "$tmp/alone" && ok \
  || bad "the good filing's findings lost in the batch"

{ printf 'rules:\n  - id: X\n    check: '; rep '{a: ' 100000; printf 1; rep '}' 100000; echo; } > "$tmp/deep-rules.yaml"
"$bin" check --rules "$tmp/deep-rules.yaml" "$sample" > "$tmp/err" 2>&1; status=$?
{ [ "$status" -eq 2 ] && grep -q "deep-rules.yaml:3:4000: YAML: 嵌套超过 1000 层" "$tmp/err"; } && ok \
  || bad "deep rule pack: exit $status, $(cat "$tmp/err")"

# a baseline over its limit (a sparse file: refused before it is read)
truncate -s 300M "$tmp/huge-baseline.yaml"
"$bin" check --rules rules --baseline "$tmp/huge-baseline.yaml" "$sample" > "$tmp/err" 2>&1; status=$?
{ [ "$status" -eq 2 ] && grep -q "huge-baseline.yaml: 文件过大（314572800 字节），超过 256 MiB 的上限" "$tmp/err"; } && ok \
  || bad "huge baseline: exit $status, $(cat "$tmp/err")"

# standard input that never ends: read no further than the largest size
# any format may have, then refused (the guard only stops a hang)
yes '收入支出决算总表 合计 12.00' | timeout 120 "$bin" check --rules rules - > "$tmp/err" 2>&1; status=$?
{ [ "$status" -eq 2 ] && grep -q "<stdin>: 文件过大" "$tmp/err"; } && ok \
  || bad "endless standard input: exit $status, $(head -c 300 "$tmp/err")"

echo "limits: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
