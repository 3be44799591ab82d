#!/usr/bin/env python3
"""Synthetic corpus for `make bench`: N canonical YAML filings made from the
bundled samples of each template family, with figures varied consistently
and errors injected at known places.

Consistent variation: every figure (a number written with decimals) is
multiplied by 10^m and written with m fewer decimals (m = 0, 1 or 2 as the
figure allows).  A value and its rounding interval scale alike, so every
identity, every within-rounding case and every ratio of the template holds
as before.  Percentages, codes and 行次 (numbers without decimals) stay.

Injected errors: a 合计/总计 figure raised by 10 (in its own precision),
which breaks the identity that sums to it.  Each is recorded as
`file<TAB>line<TAB>what` in injected.tsv.

    gen.py N OUTDIR [SEED]
"""
import os
import random
import re
import sys

TEMPLATES = ["zengdu-2023.yaml", "daning-2022.yaml", "national-2024.yaml",
             "shanghai-2024.yaml", "sichuan-2024.yaml"]
ROW = re.compile(r"^(\s*- \[)(.*)(\]\s*)$")
FIGURE = re.compile(r'^(\s*)("?)(-?[0-9,]*[0-9]\.[0-9]+)("?)(\s*)$')
NUMBER = re.compile(r'^(\s*)("?)(-?[0-9,]*[0-9](?:\.[0-9]+)?)("?)(\s*)$')
TOTAL = re.compile(r"合计|总计")


def split_row(body):
    """The items of a flow sequence row, quotes kept (no nesting here)."""
    items, cur, quoted = [], "", False
    for ch in body:
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            items.append(cur)
            cur = ""
        else:
            cur += ch
    items.append(cur)
    return items


def scale(text, m, bump=0):
    """text (digits, maybe ',' and '-') × 10^m, written with m fewer
    decimals, plus `bump` units of its last place."""
    neg = text.startswith("-")
    digits = text.lstrip("-").replace(",", "")
    whole, frac = digits.split(".") if "." in digits else (digits, "")
    m = min(m, len(frac))
    units = int(whole + frac) + bump        # in 10^-len(frac)
    keep = len(frac) - m
    s = str(abs(units)).rjust(keep + 1, "0")
    out = s[:len(s) - keep] + ("." + s[len(s) - keep:] if keep else "")
    return ("-" if neg != (units < 0) and units != 0 else "") + out


def vary(lines, m, rng, n_errors, name):
    out, totals = [], []
    in_header = True
    for line in lines:
        if in_header and line.startswith("#"):
            continue            # the sample's own header comments
        in_header = False
        match = ROW.match(line)
        if not match:
            out.append(line)
            continue
        items = split_row(match.group(2))
        figures = []
        for i, item in enumerate(items):
            f = FIGURE.match(item)
            if f:
                items[i] = f.group(1) + f.group(2) + scale(f.group(3).replace(",", ""), m) \
                    + f.group(4) + f.group(5)
                figures.append(i)
        if figures and TOTAL.search(items[0]):
            totals.append((len(out), items, figures))
        out.append(match.group(1) + ",".join(items) + match.group(3))
    injected = []
    for index, items, figures in rng.sample(totals, min(n_errors, len(totals))):
        i = figures[0]
        f = NUMBER.match(items[i])
        value = f.group(3).replace(",", "")
        frac = len(value.split(".")[1]) if "." in value else 0
        new = scale(value, 0, 10 * 10 ** frac)
        items = list(items)
        items[i] = f.group(1) + f.group(2) + new + f.group(4) + f.group(5)
        match = ROW.match(out[index])
        out[index] = match.group(1) + ",".join(items) + match.group(3)
        injected.append((index + 1, "%s %s → %s" % (items[0].strip(), value, new)))
    return out, injected


def main():
    n = int(sys.argv[1])
    outdir = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    here = os.path.dirname(os.path.abspath(__file__))
    samples = os.path.join(here, "..", "..", "samples")
    sources = {t: open(os.path.join(samples, t), encoding="utf-8").read().split("\n")
               for t in TEMPLATES}
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "injected.tsv"), "w", encoding="utf-8") as log:
        for k in range(n):
            template = TEMPLATES[k % len(TEMPLATES)]
            m = rng.choice([0, 1, 2])
            n_errors = rng.choice([0, 0, 1, 2])
            lines, injected = vary(sources[template], m, rng, n_errors, template)
            name = "%06d-%s" % (k, template)
            lines.insert(0, "# bench: %s ×10^%d, %d injected error(s)" % (template, m, len(injected)))
            injected = [(line + 1, what) for line, what in injected]
            with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
            for line, what in injected:
                log.write("%s\t%d\t%s\n" % (name, line, what))


if __name__ == "__main__":
    main()
