#!/bin/sh
# The command line as a pipeline meets it.  Where the output goes (-o
# FILE, standard output), tried on real files:
#   - a symbolic link stays a link, its target replaced whole, its mode kept;
#   - a new file gets 0666 less the umask;
#   - a FIFO (like /dev/null, not a regular file) is written in place,
#     never renamed over — as root that turned /dev/null into a file;
#   - a failed write (standard output on /dev/full) is exit 2 with a
#     message, for every command;
#   - an unusable input is said on stderr whatever the report's format
#     and place;
#   - a mistyped --color, --select, --ignore, --severity or rules --table
#     is exit 2 with a message (the nearest rule id), never a silent
#     default or an empty selection; so is a directory with nothing to
#     check.
# Nothing here names a device with -o: a regression would replace it.
set -u
bin=${1:?usage: run-cli.sh BUDGETLINT}
export LC_ALL=C NO_COLOR=1
sample=samples/zengdu-2023.yaml
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok () { pass=$((pass + 1)); }
bad () { echo "FAIL: $*"; fail=$((fail + 1)); }
mode () { stat -c %a "$1"; }

# a link and its target
echo old > "$tmp/target.txt"; chmod 640 "$tmp/target.txt"
ln -s target.txt "$tmp/link.txt"
"$bin" check --rules rules -o "$tmp/link.txt" "$sample"
if [ -L "$tmp/link.txt" ] && grep -q notice "$tmp/target.txt" && [ "$(mode "$tmp/target.txt")" = 640 ]
then ok; else bad "-o LINK: the link replaced, or its target not written whole with its mode"; fi
"$bin" convert -o "$tmp/link.txt" "$sample"
if [ -L "$tmp/link.txt" ] && grep -q '^tables:' "$tmp/target.txt"
then ok; else bad "convert -o LINK"; fi

# a new file
(umask 027; "$bin" check --rules rules -o "$tmp/new.txt" "$sample")
if [ "$(mode "$tmp/new.txt")" = 640 ]; then ok; else bad "-o NEW: mode $(mode "$tmp/new.txt"), umask 027 wants 640"; fi
ls "$tmp" | grep -q 'XXXXXX\|\.txt\.' && bad "a temporary file left behind: $(ls "$tmp")" || ok

# a FIFO: written in place
mkfifo "$tmp/fifo"
timeout 20 cat "$tmp/fifo" > "$tmp/from-fifo" &
reader=$!
"$bin" check --rules rules -o "$tmp/fifo" "$sample"
if [ -p "$tmp/fifo" ]; then wait $reader; else kill $reader 2>/dev/null; fi
if [ -p "$tmp/fifo" ] && grep -q notice "$tmp/from-fifo"; then ok; else bad "-o FIFO: replaced, or nothing came through"; fi

# standard output that fails
if [ -c /dev/full ]; then
  for cmd in "check --rules rules $sample" "convert $sample" "rules --rules rules"; do
    # shellcheck disable=SC2086
    "$bin" $cmd > /dev/full 2> "$tmp/err"; status=$?
    if [ "$status" -eq 2 ] && grep -q '无法写出' "$tmp/err"; then ok
    else bad "$cmd > /dev/full: exit $status, $(cat "$tmp/err")"; fi
  done
else
  echo "cli: /dev/full missing, write errors not tried"
fi
# a file that cannot be read is said on stderr also when the report goes
# elsewhere (-o, --format json)
for opts in "--format json" "-o $tmp/r.txt"; do
  # shellcheck disable=SC2086
  "$bin" check --rules rules $opts "$tmp/missing.pdf" > /dev/null 2> "$tmp/err"; status=$?
  if [ "$status" -eq 2 ] && grep -q 'missing.pdf' "$tmp/err"; then ok
  else bad "check $opts MISSING: exit $status, stderr: $(cat "$tmp/err")"; fi
done

# a mistyped --color is an error, not the default
"$bin" check --rules rules --color=sometimes "$sample" > /dev/null 2> "$tmp/err"; status=$?
if [ "$status" -eq 2 ] && grep -q -- '--color' "$tmp/err"; then ok
else bad "--color=sometimes: exit $status"; fi

for opt in "--select=js.01.*" "--ignore=JS.01.incom_total" "--severity=js.3g.*=error"; do
  "$bin" check --rules rules "$opt" "$sample" > /dev/null 2> "$tmp/err"; status=$?
  if [ "$status" -eq 2 ] && grep -q 'JS\.' "$tmp/err"; then ok
  else bad "$opt: exit $status, stderr: $(cat "$tmp/err")"; fi
done
"$bin" check --rules rules --select 'JS.01.*' --select 'READ.*' --ignore 'NR.*' "$sample" > /dev/null
[ $? -eq 0 ] && ok || bad "patterns that name rules (and READ.*) refused"
"$bin" rules --rules rules --table nope > /dev/null 2> "$tmp/err"; status=$?
if [ "$status" -eq 2 ] && grep -q 'income' "$tmp/err"; then ok; else bad "rules --table nope: exit $status"; fi

# a directory with nothing to check is not a clean run
mkdir "$tmp/empty"
"$bin" check --rules rules "$tmp/empty" > /dev/null 2> "$tmp/err"; status=$?
if [ "$status" -eq 2 ] && grep -q 'empty' "$tmp/err"; then ok; else bad "check EMPTY-DIR: exit $status"; fi

# File names that are not UTF-8 (GBK names from archives made on Chinese
# Windows): every report format, the baseline and stderr stay UTF-8 and
# parse; the baseline written matches the same file again.
gbk="$tmp/gbk"; mkdir "$gbk"
cp samples/zengdu-2023-broken.yaml "$gbk/$(printf '\262\306\325\376').yaml"
printf 'budgetlint: 1\ntables: [\n' > "$gbk/$(printf '\262\306').yaml"
utf8 () { python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$1" 2>/dev/null; }
for format in text json sarif junit; do
  "$bin" check --rules rules --format "$format" --write-baseline "$tmp/gbk-baseline.yaml" "$gbk" \
    > "$tmp/gbk.$format" 2> "$tmp/gbk-err"; status=$?
  for f in "$tmp/gbk.$format" "$tmp/gbk-err" "$tmp/gbk-baseline.yaml"; do
    utf8 "$f" && ok || bad "GBK file names, --format $format: $(basename "$f") is not UTF-8"
  done
  [ "$status" -eq 2 ] && cat "$tmp/gbk.$format" "$tmp/gbk-err" | grep -q '\.yaml:3:1' && ok \
    || bad "GBK file names, --format $format: exit $status, stderr $(cat "$tmp/gbk-err")"
done
python3 -m json.tool "$tmp/gbk.json" > /dev/null && ok || bad "GBK file names: the JSON does not parse"
python3 -m json.tool "$tmp/gbk.sarif" > /dev/null && ok || bad "GBK file names: the SARIF does not parse"
python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$tmp/gbk.junit" \
  && ok || bad "GBK file names: the JUnit XML does not parse"
grep -q 'yaml:52: error\[JS.01.balance\]' "$tmp/gbk.text" && ok || bad "GBK file names: text report $(head -2 "$tmp/gbk.text")"
rm "$gbk/$(printf '\262\306').yaml"
"$bin" check --rules rules --write-baseline "$tmp/gbk-baseline.yaml" "$gbk" > /dev/null
"$bin" check --rules rules --baseline "$tmp/gbk-baseline.yaml" "$gbk" > "$tmp/gbk.text"; status=$?
[ "$status" -eq 0 ] && grep -q '^0 errors, 0 warnings, 0 notices' "$tmp/gbk.text" && ok \
  || bad "GBK file names: the baseline does not match its file again (exit $status): $(tail -1 "$tmp/gbk.text")"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
  "$bin" check --rules rules --format xlsx -o "$tmp/gbk.xlsx" "$gbk" 2> /dev/null
  /usr/bin/python3 -c 'import sys, openpyxl; openpyxl.load_workbook(sys.argv[1])' "$tmp/gbk.xlsx" 2> /dev/null \
    && ok || bad "GBK file names: the workbook does not open"
else
  echo "cli: python3-openpyxl missing, the workbook with a GBK file name not tried"
fi

# A directory scan takes filings: what else it meets (an image, a README
# in English, a rule pack and a baseline in YAML, which read as Chinese
# prose) is skipped, counted after the summary and named with --verbose.
scan="$tmp/scan"; mkdir "$scan"
cp "$sample" "$scan/filing.yaml"
cp rules/juesuan.yaml "$scan/pack.yaml"
"$bin" check --rules rules --write-baseline "$scan/baseline.yml" samples/zengdu-2023-broken.yaml > /dev/null
printf 'Budget filings of 2023, see the YAML files.\n' > "$scan/README.md"
printf '\211PNG\r\n' > "$scan/logo.png"
others="pack.yaml baseline.yml README.md logo.png"
"$bin" check --rules rules "$scan" > "$tmp/out" 2> "$tmp/err"; status=$?
n=$(echo $others | wc -w)
if [ "$status" -eq 0 ] && grep -q ' in 1 filing\(;\|$\)' "$tmp/out" && grep -q "^$n 个文件已跳过：不是报表" "$tmp/out"
then ok; else bad "check DIR with $n files that are not filings: exit $status, $(tail -2 "$tmp/out")"; fi
"$bin" check --rules rules --verbose --format json "$scan" > /dev/null 2> "$tmp/err"
for f in $others; do
  grep -q "已跳过 $scan/$f：" "$tmp/err" && ok || bad "check --verbose DIR does not name $f: $(cat "$tmp/err")"
done
grep -q "budgetlint: $n 个文件已跳过" "$tmp/err" && ok || bad "check --format json DIR: no count of the skipped on stderr"

# A directory holding links to itself: each real directory is walked
# once, each file checked once (one link reported the file 41 times; two
# made 2^40 paths: no output, memory growing; the guard only ends a hang).
loop="$tmp/loop"; mkdir "$loop"
cp "$sample" "$loop/filing.yaml"
ln -s . "$loop/self"
"$bin" check --rules rules "$loop" > "$tmp/out"; status=$?
tail -1 "$tmp/out" | grep -q ' in 1 filing\(;\|$\)' && ok || bad "a self-link: $(tail -1 "$tmp/out")"
ln -s . "$loop/again"; mkdir "$loop/sub"; ln -s .. "$loop/sub/back"
timeout 120 "$bin" check --rules rules -j 2 "$loop" "$loop/self" > "$tmp/out"; status=$?
[ "$status" -eq 0 ] && tail -1 "$tmp/out" | grep -q ' in 1 filing\(;\|$\)' && ok \
  || bad "two self-links and the directory named twice: exit $status, $(tail -1 "$tmp/out")"

# "-" is standard input, its content recognised as a file's, named <stdin>
for f in "$sample" samples/zengdu-2023-broken.xlsx; do
  "$bin" check --rules rules "$f" > "$tmp/named"
  "$bin" check --rules rules - < "$f" > "$tmp/stdin"
  if [ "$(tail -1 "$tmp/named")" = "$(tail -1 "$tmp/stdin")" ] && grep -q '^<stdin>:' "$tmp/stdin" \
     && ! grep -q "^$f" "$tmp/stdin"
  then ok; else bad "check - < $f: $(head -1 "$tmp/stdin")"; fi
done
"$bin" convert samples/zengdu-2023.xlsx | grep -v '^source:' > "$tmp/named"
"$bin" convert - < samples/zengdu-2023.xlsx > "$tmp/stdin"
grep -q '^source: "<stdin>"' "$tmp/stdin" && grep -v '^source:' "$tmp/stdin" | cmp -s "$tmp/named" - \
  && ok || bad "convert - < FILE.xlsx differs from convert FILE.xlsx (but for its source)"
printf 'not a filing\n' | "$bin" check --rules rules --format json - > "$tmp/out" 2> "$tmp/err"; status=$?
[ "$status" -eq 2 ] && grep -q '^budgetlint: <stdin>: ' "$tmp/err" && ok \
  || bad "check - < not a filing: exit $status, $(cat "$tmp/err")"

# The progress bar on a terminal that is also standard output (a pseudo-
# terminal): every finding is a line of its own as the terminal shows it,
# never written after the bar; the bar's last frame counts every file.
for jobs in 1 2; do
  python3 - "$bin" "$jobs" "$sample" > "$tmp/pty" 2>&1 <<'EOF'
import os, pty, re, subprocess, sys

binary, jobs, sample = sys.argv[1:4]
files = [sample] * 3
master, slave = pty.openpty()
proc = subprocess.Popen([binary, "check", "--rules", "rules", "-j", jobs] + files,
                        stdin=slave, stdout=slave, stderr=slave, close_fds=True)
os.close(slave)
raw = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:             # the other end closed
        break
    if not chunk:
        break
    raw += chunk
proc.wait()
text = raw.decode("utf-8", "replace")

def shown(line):
    """The line as the terminal leaves it: \r returns, ESC[K erases."""
    cells, col, i = [], 0, 0
    while i < len(line):
        if line.startswith("\x1b[K", i):
            del cells[col:]
            i += 3
            continue
        if line[i] == "\r":
            col = 0
        else:
            cells[col:col + 1] = [line[i]]
            col += 1
        i += 1
    return "".join(cells)

lines = [shown(l) for l in text.split("\n")]
findings = [l for l in lines if re.search(r"(notice|warning|error)\[", l)]
bad = [l for l in findings if not l.startswith(sample + ":")]
frames = re.findall(r"\[[#-]{30}\] (\d+)/(\d+) files", text)
if not findings or bad:
    print("a finding written after the bar: %r" % (bad[:1] or "no findings"))
elif not frames:
    print("no progress bar drawn")
elif frames[-1] != (str(len(files)), str(len(files))):
    print("the last frame says %s/%s files" % frames[-1])
EOF
  [ -s "$tmp/pty" ] && bad "progress bar, -j $jobs: $(cat "$tmp/pty")" || ok
done

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
