#!/usr/bin/env python3
"""The ablation's decision table, from swapbench CSVs.

Usage: ablation.py [--ref LABEL] [--within PCT] CSV...
Rows of every CSV are pooled (icount runs repeat to within 1%, so rows of
separate runs of the same kernels may be pooled; two-vCPU runs should come
from one interleaved run). For each case and measure (munmap or exit time,
compressed memory returned, free memory returned) it prints the median of
every variant and its cost relative to the reference (default: "series"):
median / reference median, "1.00" equal, above 1 dearer. A variant is
"within" on a cell when it is at most PCT percent (default 10) dearer than
the reference; the last line names, per variant, the cells it is not. A
-1 (free memory not back within 10 s) is shown as "(K not back)" beside
the median of the rest, and a variant with more of them than the
reference misses that cell.
"""
import csv
import statistics
import sys

args = sys.argv[1:]
ref, within = "series", 10.0
while args and args[0].startswith("--"):
    opt = args.pop(0)
    if opt == "--ref":
        ref = args.pop(0)
    elif opt == "--within":
        within = float(args.pop(0))
    else:
        sys.exit(f"ablation.py: unknown option {opt}")
if not args:
    sys.exit(__doc__)
rows = [r for p in args for r in csv.DictReader(open(p))]
variants = list(dict.fromkeys(r["variant"] for r in rows))
if ref not in variants:
    sys.exit(f"ablation.py: no rows of the reference variant {ref!r} in {' '.join(args)}")
cases = list(dict.fromkeys((r["mode"], r["size_mb"], r["procs"]) for r in rows))
measures = (("munmap_ms", "munmap/exit"), ("return_ms", "returned"), ("memfree_ms", "free mem"))


def med(v, case, col):
    """Median of the measured values, their count, and the count of -1s
    (not measured: free memory not back within 10 s)."""
    xs = [float(r[col]) for r in rows if r["variant"] == v and r.get(col)
          and (r["mode"], r["size_mb"], r["procs"]) == case]
    ok = [x for x in xs if x >= 0]
    return (statistics.median(ok) if ok else None, len(ok), len(xs) - len(ok))


misses = {v: [] for v in variants if v != ref}
lines = [["case", "measure"] + [f"{v} ms" for v in variants] +
         [f"{v}/{ref}" for v in variants if v != ref]]
for case in cases:
    for col, name in measures:
        meds = {v: med(v, case, col) for v in variants}
        if not any(n or k for _, n, k in meds.values()):
            continue
        r, _, rk = meds[ref]
        cells = [(f"{m:.2f} n={n}" if m is not None else "-") + (f" ({k} not back)" if k else "")
                 for m, n, k in meds.values()]
        for v in variants:
            if v == ref:
                continue
            m, n, k = meds[v]
            cells.append(f"{m / r:.2f}" if m is not None and r is not None else "-")
            # A boot whose free memory never came back counts against it.
            if k > rk or (m is not None and r is not None and m > r * (1 + within / 100)):
                misses[v].append(f"{case[0]} P={case[2]} {name}" +
                                 (f" ({k} not back, {ref} {rk})" if k > rk else ""))
        lines.append([f"{case[0]} {case[1]}MB P={case[2]}", name] + cells)
ws = [max(len(l[i]) for l in lines) for i in range(len(lines[0]))]
for l in lines:
    print("  ".join([l[0].ljust(ws[0]), l[1].ljust(ws[1])] +
                    [c.rjust(w) for c, w in zip(l[2:], ws[2:])]))
print(f"\nmore than {within:g}% dearer than {ref}:")
for v, m in misses.items():
    print(f"  {v}: {len(m)} cells" + (f" ({'; '.join(m)})" if m else ""))
