#!/bin/sh
# The manual pages (and the README) against the programs they describe:
#
#   - every option a command's --help lists is documented in the OPTIONS
#     subsection of budgetlint(1) for that command, and every option
#     documented there is one the command takes;
#   - every example whose output shows a summary line (`5 errors, 0
#     warnings, 6 notices in 1 filing`, `rule cases (...): N passed`, the
#     example program's `N finding(s)`) prints that line when run.
#
#   tests/run-docs.sh BUDGETLINT LINT-EXAMPLE
set -u
bin=${1:?usage: run-docs.sh BUDGETLINT LINT-EXAMPLE}
example=${2:?usage: run-docs.sh BUDGETLINT LINT-EXAMPLE}
export LC_ALL=C.UTF-8 NO_COLOR=1
unset BUDGETLINT_RULES
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
for c in check rules explain convert; do
  "$bin" "$c" --help > "$tmp/help-$c" || { echo "docs: $c --help failed"; exit 1; }
done

python3 - "$bin" "$example" "$tmp" <<'EOF'
import os, re, shlex, subprocess, sys

binary, example, tmp = [os.path.abspath(p) for p in sys.argv[1:4]]
fails = []

def roff(text):
    """Roff escapes to plain text: \\- is -, \\e a backslash, \\& nothing."""
    return (text.replace("\\-", "-").replace("\\e", "\\").replace("\\&", "")
            .replace("\\fR", "").replace("\\fP", "").replace("\\fI", "").replace("\\fB", ""))

def options_in(text):
    """Long and short options named in a line of text."""
    longs = set(re.findall(r"--([a-z][a-z-]*[a-z])", text))
    shorts = set(re.findall(r"(?:^|[\s\"(])-([A-Za-z])(?=[\s\",)]|$)", text))
    return longs, shorts

# --help: the options after "Application Options:"
helps = {}
for cmd in ("check", "rules", "explain", "convert"):
    text = open(os.path.join(tmp, "help-" + cmd), encoding="utf-8").read()
    body = text.split("Application Options:", 1)[-1]
    longs, shorts = set(), set()
    for line in body.splitlines():
        m = re.match(r"\s+(?:-(\w), )?--([\w-]+)", line)
        if m:
            longs.add(m.group(2))
            if m.group(1):
                shorts.add(m.group(1))
    helps[cmd] = (longs, shorts)

# budgetlint(1): the tags of `.SS "Options of CMD, CMD and CMD"`
page = open("man/budgetlint.1", encoding="utf-8").read().splitlines()
documented = {}
i = 0
while i < len(page):
    m = re.match(r'\.SS "Options of (.*)"', page[i])
    i += 1
    if not m:
        continue
    cmds = {w.split()[0] for w in re.split(r", | and ", m.group(1))}
    longs, shorts = set(), set()
    while i < len(page) and not page[i].startswith((".SS", ".SH")):
        if page[i] == ".TP" and i + 1 < len(page):
            l, s = options_in(roff(page[i + 1]))
            longs |= l
            shorts |= s
        i += 1
    for c in cmds:
        documented[c] = (longs, shorts)

for cmd, (longs, shorts) in helps.items():
    if cmd not in documented:
        fails.append("budgetlint(1) has no \"Options of %s\" subsection" % cmd)
        continue
    dl, ds = documented[cmd]
    for o in sorted(longs - dl):
        fails.append("%s --%s: in --help, not in budgetlint(1)" % (cmd, o))
    for o in sorted(dl - longs):
        fails.append("%s --%s: in budgetlint(1), not in --help" % (cmd, o))
    for o in sorted(shorts - ds):
        fails.append("%s -%s: in --help, not in budgetlint(1)" % (cmd, o))
    for o in sorted(ds - shorts):
        fails.append("%s -%s: in budgetlint(1), not in --help" % (cmd, o))

# Examples: `$ command` lines in .EX blocks (``` blocks of the README),
# the output below each up to the next command.
SUMMARY = re.compile(r"^(\d+ errors?, \d+ warnings?, \d+ notices? in \d+ filings?\b"
                     r"|rule cases \(.*\): \d+ passed"
                     r"|.*: \d+ finding\(s\), \d+ error\(s\))")
PROGRAMS = {"budgetlint": binary, "./lint-example": example}

def blocks(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    start, end = (".EX", ".EE") if not path.endswith(".md") else ("```", "```")
    block = None
    for line in lines:
        if block is None and line.startswith(start):
            block = []
        elif block is not None and line.startswith(end):
            yield block
            block = None
        elif block is not None:
            block.append(roff(line) if start == ".EX" else line)

def examples(path):
    for block in blocks(path):
        joined = []
        for line in block:      # a command continued with a backslash
            if joined and joined[-1].startswith("$ ") and joined[-1].endswith("\\"):
                joined[-1] = joined[-1][:-1] + line.strip()
            else:
                joined.append(line)
        for k, line in enumerate(joined):
            if not line.startswith("$ "):
                continue
            out = []
            for after in joined[k + 1:]:
                if after.startswith("$ "):
                    break
                out.append(after)
            said = [o for o in out if SUMMARY.match(o)]
            if said:
                yield line[2:], said[-1]

# The files the examples name: the repository's samples and rules, and
# budgetlint-filing(5)'s example.yaml, which is the page's EXAMPLE.
work = os.path.join(tmp, "examples")
os.mkdir(work)
for d in ("samples", "rules"):
    os.symlink(os.path.abspath(d), os.path.join(work, d))
filing_page = open("man/budgetlint-filing.5", encoding="utf-8").read()
section = filing_page.split(".SH EXAMPLE", 1)[1]
yaml = section.split(".EX\n", 1)[1].split("\n.EE", 1)[0]
open(os.path.join(work, "example.yaml"), "w", encoding="utf-8").write(roff(yaml) + "\n")

ran = 0
for path in ("man/budgetlint.1", "man/budgetlint-filing.5", "man/libbudgetlint.3", "README.md"):
    for command, said in examples(path):
        argv = shlex.split(command)
        if argv[0] not in PROGRAMS:
            continue
        argv[0] = PROGRAMS[argv[0]]
        run = subprocess.run(argv, cwd=work, capture_output=True, text=True)
        got = run.stdout.strip().splitlines()[-1:] or [""]
        ran += 1
        if got[0] != said:
            fails.append("%s: `%s` prints\n      %s\n    the page says\n      %s"
                         % (path, command, got[0], said))
if ran < 5:
    fails.append("only %d examples found to run" % ran)
if fails:
    print("docs: " + "\ndocs: ".join(fails))
    sys.exit(1)
print("docs: options of %d commands match their --help; %d examples print what the pages say"
      % (len(helps), ran))
EOF
