#!/usr/bin/env python3
"""Summarise swapbench CSV: medians, spread and ratios; plot with gnuplot."""
import csv
import os
import statistics
import subprocess
import sys

path = sys.argv[1]
rows = list(csv.DictReader(open(path)))
variants = list(dict.fromkeys(r["variant"] for r in rows))
cases = list(dict.fromkeys((r["mode"], int(r["size_mb"]), int(r["procs"])) for r in rows))
ref = variants[0]


def vals(v, case, col):
    xs = [float(r[col]) for r in rows if r["variant"] == v and r.get(col)
          and (r["mode"], int(r["size_mb"]), int(r["procs"])) == case]
    return [x for x in xs if x >= 0]    # -1: not measured (no column: older CSV)


def cell(xs):
    return f"{statistics.median(xs):8.2f} [{min(xs):.2f}-{max(xs):.2f}]"


def label(case):
    return f"{case[0]:<6}{case[1]:>5}MB P={case[2]:<2}"


def is_exit(case):
    return case[0].endswith("+exit")


# munmap_ms holds the munmap() time, or for MODE+exit the time from the go
# signal until the parent's waitpid() returned the process.
width = max([18] + [len(label(c)) for c in cases])
for col, title, pick in (
        ("munmap_ms", "munmap() time, ms (mean over processes)",
         lambda c: not is_exit(c)),
        ("munmap_ms", "exit time (go to waitpid() return), ms (mean over processes)",
         is_exit),
        ("return_ms", "time until compressed memory returned, ms", None),
        ("memfree_ms", "time until free memory (MemFree + per-CPU lists) returned, ms",
         None)):
    shown = [c for c in cases if (pick is None or pick(c))
             and any(vals(v, c, col) for v in variants)]
    if not shown:
        continue    # not measured in this run (noreturn, no exit spec, older CSV)
    print(f"\n{title}: median [min-max], n per cell; ratio = {ref} / variant")
    head = f"{'case':<{width}}" + "".join(f"{v:>28}" for v in variants)
    head += "".join(f"  {'ratio ' + v:>16}" for v in variants[1:])
    print(head)
    for case in shown:
        line = f"{label(case):<{width}}"
        meds = {}
        for v in variants:
            xs = vals(v, case, col)
            meds[v] = statistics.median(xs) if xs else None
            line += f"{cell(xs) + f' n={len(xs)}' if xs else '-':>28}"
        for v in variants[1:]:
            if meds[ref] and meds[v]:
                line += f"  {meds[ref] / meds[v]:>15.2f}x"
            else:
                line += f"  {'-':>16}"
        print(line)

# Plot: median munmap (or exit) time per case and variant, min/max error bars.
dat = os.path.splitext(path)[0] + ".dat"
with open(dat, "w") as f:
    for i, case in enumerate(cases):
        f.write(f'"{case[0]} {case[1]}MB P={case[2]}"')
        for v in variants:
            xs = vals(v, case, "munmap_ms")
            f.write(f" {statistics.median(xs)} {min(xs)} {max(xs)}")
        f.write("\n")
png = os.path.splitext(path)[0] + ".png"
n = len(variants)
plots = ", ".join(
    f"'{dat}' using {2 + 3 * i}:{3 + 3 * i}:{4 + 3 * i}"
    f"{':xtic(1)' if i == 0 else ''} title '{v}'" for i, v in enumerate(variants))
script = f"""set terminal png size 900,500 noenhanced
set output '{png}'
set style data histogram
set style histogram errorbars gap 2 lw 1
set style fill solid 0.6 border -1
set ylabel 'munmap or exit ms (median, min-max)'
set title 'swap release: munmap (or exit) of swapped-out anonymous memory'
set yrange [0:*]
set key top right
plot {plots}
"""
try:
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    print(f"\nCSV: {path}\nplot: {png}")
except (OSError, subprocess.CalledProcessError) as e:
    print(f"\nCSV: {path}\nplot failed: {e}", file=sys.stderr)
    sys.exit(1)
