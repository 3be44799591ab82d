#!/usr/bin/env python3
"""`make bench`: generate a corpus (gen.py), time `budgetlint check` over it
with -j 1 and -j 2, print filings/s and MB/s, peak RSS for two corpus sizes,
and check the results: every injected error reported as an error at its
line, and no error anywhere else (the variation keeps the templates
consistent).  Exits non-zero when a check fails.

    bench.py BUDGETLINT [N] [WORKDIR]
"""
import json
import os
import resource
import shutil
import subprocess
import sys
import time

import gen

RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rules")


def generate(n, outdir):
    shutil.rmtree(outdir, ignore_errors=True)
    sys.argv = ["gen.py", str(n), outdir, "7"]
    gen.main()
    files = sorted(f for f in os.listdir(outdir) if f.endswith(".yaml"))
    size = sum(os.path.getsize(os.path.join(outdir, f)) for f in files)
    injected = {}
    with open(os.path.join(outdir, "injected.tsv"), encoding="utf-8") as log:
        for line in log:
            name, at, what = line.rstrip("\n").split("\t")
            injected.setdefault(name, []).append((int(at), what))
    return files, size, injected


def run(binary, outdir, jobs, fmt="text"):
    """Wall time and peak RSS (KiB, by GNU time when there is one) of one
    check run."""
    cmd = [binary, "check", "--rules", RULES, "-j", str(jobs), "--format", fmt, outdir]
    rss_file = os.path.join(os.path.dirname(outdir), "rss")
    timed = os.path.exists("/usr/bin/time")
    if timed:
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd
    start = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.monotonic() - start
    if proc.returncode not in (0, 1):
        sys.exit("bench: check exited %d: %s" % (proc.returncode, proc.stderr.decode()[:500]))
    if timed:
        rss = int(open(rss_file).read().split()[-1])
    else:
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, rss, proc.stdout


def verify(output, injected):
    report = json.loads(output)
    missed, stray = [], []
    for f in report["filings"]:
        name = os.path.basename(f["path"])
        if "error" in f:
            stray.append("%s: unusable: %s" % (name, f["error"]["message"]))
            continue
        lines = {}
        for d in f["diagnostics"]:
            if d["severity"] == "error":
                for loc in d["locations"]:
                    lines.setdefault(loc["line"], []).append(d["rule"])
        want = injected.get(name, [])
        for at, what in want:
            if at not in lines:
                missed.append("%s:%d %s" % (name, at, what))
        if not want and lines:
            stray.append("%s: errors in a consistent filing: %s" % (name, sorted(lines.items())[:3]))
    return missed, stray


def main():
    binary = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
    work = sys.argv[3] if len(sys.argv) > 3 else "build/bench"
    corpus = os.path.join(work, "corpus")
    files, size, injected = generate(n, corpus)
    n_injected = sum(len(v) for v in injected.values())
    print("bench: %d canonical YAML filings (%.1f MB, 5 template families), "
          "%d injected errors in %d of them" % (len(files), size / 1e6, n_injected, len(injected)))

    _, _, out = run(binary, corpus, 2, "json")
    missed, stray = verify(out, injected)
    print("bench: %d of %d injected errors reported; %d filings with unexpected errors"
          % (n_injected - len(missed), n_injected, len(stray)))
    for m in missed[:10]:
        print("  missed: " + m)
    for s in stray[:10]:
        print("  stray: " + s)

    for jobs in (1, 2):
        best = min(run(binary, corpus, jobs)[0] for _ in range(3))
        print("bench: -j %d: %6.2f s, %6.0f filings/s, %5.1f MB/s"
              % (jobs, best, len(files) / best, size / 1e6 / best))

    small = os.path.join(work, "corpus-small")
    small_files, _, _ = generate(max(n // 8, 1), small)
    _, rss_small, _ = run(binary, small, 2)
    _, rss_big, _ = run(binary, corpus, 2)
    print("bench: peak RSS %d KiB for %d filings, %d KiB for %d filings"
          % (rss_small, len(small_files), rss_big, len(files)))
    if missed or stray:
        sys.exit(1)


if __name__ == "__main__":
    main()
