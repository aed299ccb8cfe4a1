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
    xs = [float(r[col]) for r in rows if r["variant"] == v
          and (r["mode"], int(r["size_mb"]), int(r["procs"])) == case]
    return [x for x in xs if x >= 0]    # -1: not measured


def cell(xs):
    return f"{statistics.median(xs):8.2f} [{min(xs):.2f}-{max(xs):.2f}]"


for col, title in (("munmap_ms", "munmap() time, ms (mean over processes)"),
                   ("return_ms", "time until compressed memory returned, ms")):
    print(f"\n{title}: median [min-max], n per cell; ratio = {ref} / variant")
    head = f"{'case':<18}" + "".join(f"{v:>28}" for v in variants)
    head += "".join(f"  {'ratio ' + v:>16}" for v in variants[1:])
    print(head)
    for case in cases:
        if not any(vals(v, case, col) for v in variants):
            continue    # not measured in this run (noreturn)
        line = f"{case[0]:<6}{case[1]:>5}MB P={case[2]:<2}"
        meds = {}
        for v in variants:
            xs = vals(v, case, col)
            meds[v] = statistics.median(xs) if xs else None
            line += f"{cell(xs) + f' n={len(xs)}' if xs else '-':>28}"
        for v in variants[1:]:
            ok = meds[ref] and meds[v]
            line += f"  {meds[ref] / meds[v] if ok else float('nan'):>15.2f}x"
        print(line)

# Plot: median munmap time per case and variant, with min/max error bars.
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
set ylabel 'munmap ms (median, min-max)'
set title 'swap release: munmap of swapped-out anonymous memory'
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
