#!/bin/sh
# The discrepancy workbook read back by openpyxl (and opened by LibreOffice
# when it is installed): sheets and their names, the list's header, frozen
# row and filter, figures stored as numbers with their format, severity
# fills, the finding's comment on the table cell and the link to it, the
# summary's counts against the JSON report of the same run.
#
#   tests/run-xlsx.sh BUDGETLINT
#
# Needs Debian's python3-openpyxl (apt-get install python3-openpyxl);
# without it the test says so and is skipped.
set -u
bin=${1:?usage: run-xlsx.sh BUDGETLINT}
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! "$py" -c 'import openpyxl' 2>/dev/null; then
  echo "xlsx: skipped (python3-openpyxl is not installed: apt-get install python3-openpyxl)"
  exit 0
fi
export LC_ALL=C.UTF-8 NO_COLOR=1
unset BUDGETLINT_RULES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
set -- --rules rules samples/zengdu-2023-broken.yaml tests/golden/bad-filing-syntax/filing.yaml \
       samples/daning-2022.yaml

# Never to a terminal or a pipe.
if "$bin" check --format xlsx "$@" > "$tmp/out" 2> "$tmp/err"; then
  echo "xlsx: --format xlsx without -o should fail"; exit 1
fi
grep -q -- "-o FILE.xlsx" "$tmp/err" || { echo "xlsx: no hint about -o:"; cat "$tmp/err"; exit 1; }

"$bin" check --format xlsx -o "$tmp/r.xlsx" "$@"; status=$?
[ "$status" = 2 ] || { echo "xlsx: exit $status, expected 2 (one file unusable)"; exit 1; }
"$bin" check --format json "$@" > "$tmp/r.json" 2>/dev/null

"$py" - "$tmp/r.xlsx" "$tmp/r.json" <<'EOF' || exit 1
import json, sys, openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
report = json.load(open(sys.argv[2], encoding="utf-8"))
fails = []
def expect(cond, what):
    if not cond:
        fails.append(what)

names = wb.sheetnames
expect(names[:2] == ["问题清单", "汇总"], "first sheets: %s" % names[:2])
tables = sum(len(f.get("tables", [])) for f in report["filings"])
expect(len(names) == 2 + tables, "%d sheets for %d tables" % (len(names), tables))
expect(len(set(n.casefold() for n in names)) == len(names), "sheet names not unique")
expect(all(len(n) <= 31 for n in names), "a sheet name is longer than 31")
expect("1·01 收入支出决算总表" in names, "no sheet for 曾都's 公开01表: %s" % names)

ws = wb["问题清单"]
head = [c.value for c in ws[1]]
expect(head == ["文件", "规则", "级别", "置信度", "表", "行（科目编码/名称）", "列", "报告值",
                "应为", "差额", "单位", "说明", "位置"], "header %s" % head)
expect(ws.freeze_panes == "A2", "frozen at %s" % ws.freeze_panes)
expect(ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:M"), "filter %s" % ws.auto_filter.ref)
rows = list(ws.iter_rows(min_row=2))
n_diags = sum(len(f.get("diagnostics", [])) for f in report["filings"])
n_failed = sum(1 for f in report["filings"] if "error" in f)
expect(len(rows) == n_diags + n_failed, "%d rows for %d findings and %d failures"
       % (len(rows), n_diags, n_failed))

balance = [r for r in rows if r[1].value == "JS.01.balance"]
expect(len(balance) == 1, "JS.01.balance rows: %d" % len(balance))
if balance:
    r = balance[0]
    expect(r[2].value == "错误", "level %r" % r[2].value)
    expect(r[2].fill.fgColor.rgb.endswith("FFC7CE"), "error fill %s" % r[2].fill.fgColor.rgb)
    expect(isinstance(r[7].value, float) and r[7].value == 11229.01, "actual %r" % r[7].value)
    expect(r[8].value == 11229.51 and r[9].value == -0.5, "expected/diff %r %r" % (r[8].value, r[9].value))
    expect(r[7].number_format == "#,##0.00", "number format %r" % r[7].number_format)
    expect(r[10].value == "万元" and r[12].value == "第52行；第86行", "unit/place %r %r" % (r[10].value, r[12].value))
    link = r[4].hyperlink
    expect(link is not None and link.location, "no link to the table cell")
    if link is not None and link.location:
        sheet, cell = link.location.rsplit("!", 1)
        target = wb[sheet.strip("'")][cell]
        expect(target.value == 11229.01, "link lands on %r" % target.value)
        expect(target.comment is not None and "JS.01.balance" in target.comment.text,
               "no comment on the linked cell")
        expect(target.fill.fgColor.rgb.endswith("FFC7CE"), "table cell fill %s" % target.fill.fgColor.rgb)
unusable = [r for r in rows if r[1].value == "无法读取"]
expect(len(unusable) == 1 and "filing.yaml:8:5" in unusable[0][11].value, "the unusable file's row")

# The table sheet: laid out like the published table, figures as numbers.
t = wb["1·01 收入支出决算总表"]
expect(t["A1"].value == "公开01表 收入支出决算总表", "title %r" % t["A1"].value)
labels = {c.value for row in t.iter_rows(min_row=5) for c in row if isinstance(c.value, str)}
expect({"收入", "支出", "项目", "行次", "金额", "总计"} <= labels, "headers/labels %s" % sorted(labels)[:10])
figures = [c for row in t.iter_rows(min_row=5) for c in row if c.value == 11229.51]
expect(len(figures) == 1 and figures[0].fill.fgColor.rgb.endswith("FFC7CE"), "支出总计 cell")
noted = [c for row in t.iter_rows() for c in row if c.comment is not None]
expect(len(noted) >= 3, "comments on the 01 sheet: %d" % len(noted))

s = wb["汇总"]
head = [c.value for c in s[1]]
col = {}
for i, name in enumerate(head):
    col.setdefault(name, i)
by_path = {r[0].value: r for r in s.iter_rows(min_row=2)}
for f in report["filings"]:
    r = by_path.get(f["path"])
    expect(r is not None, "no summary row for %s" % f["path"])
    if r is None:
        continue
    if "error" in f:
        expect(r[col["结果"]].value == "无法读取", "failure status %r" % r[col["结果"]].value)
        continue
    got = tuple(r[col[k]].value for k in ("错误", "警告", "提示"))
    want = (f["summary"]["error"], f["summary"]["warning"], f["summary"]["notice"])
    expect(got == want, "%s counts %s, JSON says %s" % (f["path"], got, want))
    # what was checked: the same three counts as the JSON summary
    got = tuple(r[col[k]].value for k in ("规则已运行", "规则不适用", "规则未能完整运行"))
    want = tuple(f["summary"]["rules"][k] for k in ("ran", "not_applicable", "not_run"))
    expect(got == want, "%s rule outcomes %s, JSON says %s" % (f["path"], got, want))
    expect(sum(got) > 0 and got[0] > 0, "%s: no rule ran %s" % (f["path"], got))
expect("合计" in by_path, "no total row")
first = head.index("文件", 1)
rules_head = head[first:first + 6]
expect(rules_head == ["文件", "规则", "标题", "错误", "警告", "提示"], "by-rule header %s" % rules_head)

if fails:
    print("xlsx: " + "\nxlsx: ".join(fails))
    sys.exit(1)
print("xlsx: workbook read back: %d sheets, %d findings listed" % (len(names), n_diags))
EOF

# The table sheets as published: a column group path (决算数/公务用车购置
# 及运行维护费) is one header row per level, each header merged over the
# columns that share it; a header's rows are tall enough for its text in
# its columns' width; a cell's comment never says it should be its own
# value (the other side of a comparison).
"$bin" check --rules rules --format xlsx -o "$tmp/z.xlsx" samples/zengdu-2023-broken.yaml
"$bin" convert --to json samples/zengdu-2023-broken.yaml > "$tmp/z.json"
"$py" - "$tmp/z.xlsx" "$tmp/z.json" <<'EOF' || exit 1
import json, math, sys, unicodedata, openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
filing = json.load(open(sys.argv[2], encoding="utf-8"))
fails = []
def expect(cond, what):
    if not cond:
        fails.append(what)

def width(text):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

table = next(t for t in filing["tables"] if t["kind"] == "three_public")
columns = table["parts"][0]["columns"]
levels = [c["group"].split("/") for c in columns]
ws = next(wb[n] for n in wb.sheetnames if n.endswith(table["title"]))
merged = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
top, first = next((c.row, c.column) for row in ws.iter_rows(max_row=12) for c in row
                  if c.value == levels[0][0])
for level in range(max(len(g) for g in levels)):
    c = 0
    while c < len(columns):
        path = levels[c][:level + 1]
        e = c + 1
        while e < len(columns) and levels[e][:level + 1] == path:
            e += 1
        if len(levels[c]) > level:
            cell = ws.cell(top + level, first + c)
            span = merged.get((cell.row, cell.column))
            end = span.max_col if span else cell.column
            expect(cell.value == path[-1], "%s: %r, not the group %r"
                   % (cell.coordinate, cell.value, path[-1]))
            expect(end == first + e - 1, "%s: %r spans to column %d, its group to %d"
                   % (cell.coordinate, path[-1], end, first + e - 1))
        c = e

def col_width(c):
    d = ws.column_dimensions[openpyxl.utils.get_column_letter(c)]
    return d.width if d.width else 8.43

for row in ws.iter_rows(min_row=top, max_row=top + len(levels[0]) + 1):
    for cell in row:
        if not isinstance(cell.value, str):
            continue
        span = merged.get((cell.row, cell.column))
        r1, c1 = (span.max_row, span.max_col) if span else (cell.row, cell.column)
        room = sum(col_width(c) for c in range(cell.column, c1 + 1))
        lines = math.ceil(width(cell.value) / room)
        height = sum(ws.row_dimensions[r].height or 15 for r in range(cell.row, r1 + 1))
        expect(height >= 14 * lines, "%s %r: %d lines in %.0f pt"
               % (cell.coordinate, cell.value, lines, height))

for name in wb.sheetnames[2:]:
    for row in wb[name].iter_rows():
        for cell in row:
            if cell.comment is None or not isinstance(cell.value, float):
                continue
            for line in cell.comment.text.splitlines():
                if line.startswith("应为 "):
                    said = float(line[3:].split("，")[0])
                    expect(said != cell.value, "%s!%s (%s): its comment says 应为 %s"
                           % (name, cell.coordinate, cell.value, said))
if fails:
    print("xlsx: " + "\nxlsx: ".join(fails))
    sys.exit(1)
print("xlsx: the 三公 header laid out by level; comments on both sides of a comparison")
EOF

# A document's text in the workbook: control characters in a title, a
# label and the department (the workbook did not open), a label of 40,000
# characters (over Excel's 32,767: exit 2, and blank cells left at -o).
"$py" - samples/zengdu-2023-broken.yaml "$tmp/ctl.yaml" <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
s = s.replace("title: 收入支出决算总表", 'title: "收入支出\\x01决算\\e[31m总表"', 1)
s = s.replace("[一、一般公共预算财政拨款收入, 1,", '["一、一般公共\\e]0;title\\a预算财政拨款收入", 1,', 1)
s = s.replace("[八、其他收入, 8,", '["八、其他收入' + "长" * 40000 + '", 8,', 1)
s = s.replace("department: 随州市曾都区医疗保障服务中心", 'department: "随州市\\x02曾都区"', 1)
open(sys.argv[2], "w", encoding="utf-8").write(s)
EOF
"$bin" check --rules rules --format xlsx -o "$tmp/ctl.xlsx" "$tmp/ctl.yaml" 2> "$tmp/err"; status=$?
[ "$status" = 1 ] || { echo "xlsx: control characters, a long label: exit $status"; cat "$tmp/err"; exit 1; }
"$py" - "$tmp/ctl.xlsx" <<'EOF' || exit 1
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
fails = []
def expect(cond, what):
    if not cond:
        fails.append(what)
cells = [c for n in wb.sheetnames for row in wb[n].iter_rows() for c in row]
texts = [c.value for c in cells if isinstance(c.value, str)]
texts += [c.comment.text for c in cells if c.comment is not None]
def control(ch):
    return (ord(ch) < 32 and ch not in "\n\t") or 0x7f <= ord(ch) <= 0x9f
bad = [t[:40] for t in texts + wb.sheetnames if any(control(ch) for ch in t)]
expect(not bad, "control characters left: %r" % bad[:3])
long = [t for t in texts if t.startswith("八、其他收入长")]
expect(long and len(long[0]) == 32767 and long[0].endswith("…"),
       "the long label: %s" % [(len(t), t[-2:]) for t in long])
expect(any("收入支出\\x01决算\\x1b[31m总表" in t for t in texts), "the title's controls not written out")
expect(any("随州市\\x02曾都区" in t for t in texts), "the department's control not written out")
if fails:
    print("xlsx: " + "\nxlsx: ".join(fails))
    sys.exit(1)
print("xlsx: control characters written out, a 40,000-character label cut at 32,767")
EOF

# LibreOffice, when installed, must open it too.
if command -v soffice >/dev/null 2>&1; then
  timeout 120 soffice -env:UserInstallation=file://"$tmp"/lo --headless \
    --convert-to pdf --outdir "$tmp" "$tmp/r.xlsx" >/dev/null 2>&1
  [ -s "$tmp/r.pdf" ] || { echo "xlsx: LibreOffice could not convert the workbook"; exit 1; }
  echo "xlsx: LibreOffice opened and converted it"
fi
