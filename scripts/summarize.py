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

# Plot: per case, the munmap (or exit) and memory-returned ratios of each
# variant to the reference: the ratio of medians, and as error bars the
# lowest and highest ratio of one repetition to the same repetition of the
# reference.
def rep_ratios(v, case, col):
    by_rep = {}
    for r in rows:
        if (r["mode"], int(r["size_mb"]), int(r["procs"])) == case and float(r[col]) > 0:
            by_rep.setdefault(r["rep"], {})[r["variant"]] = float(r[col])
    return [d[ref] / d[v] for d in by_rep.values() if ref in d and v in d]


if len(variants) < 2:
    print(f"\nCSV: {path}\nplot: none (one variant, no ratio)")
    sys.exit(0)
dat = os.path.splitext(path)[0] + ".dat"
panels = (("munmap_ms", "munmap or exit"), ("return_ms", "memory returned"))
with open(dat, "w") as f:
    for col, _ in panels:
        for case in cases:
            f.write(f'"{case[0]} {case[1]}MB P={case[2]}"')
            for v in variants[1:]:
                xs, rs = vals(v, case, col), rep_ratios(v, case, col)
                ys = vals(ref, case, col)
                if xs and ys and rs:
                    f.write(f" {statistics.median(ys) / statistics.median(xs)} {min(rs)} {max(rs)}")
                else:
                    f.write(" NaN NaN NaN")
            f.write("\n")
        f.write("\n\n")
png = os.path.splitext(path)[0] + ".png"
script = f"""set terminal png size 1000,800 noenhanced
set output '{png}'
set multiplot layout 2,1 title 'swap release, {ref} / variant (ratio of medians, per-repetition min-max)'
set style data histogram
set style histogram errorbars gap 2 lw 1
set style fill solid 0.6 border -1
set yrange [0:*]
set key top right
set datafile missing 'NaN'
set xtics rotate by -20 scale 0 font ',9'
"""
for i, (col, title) in enumerate(panels):
    plots = ", ".join(
        f"'{dat}' index {i} using {2 + 3 * j}:{3 + 3 * j}:{4 + 3 * j}"
        f"{':xtic(1)' if j == 0 else ''} title '{v}'" for j, v in enumerate(variants[1:]))
    script += f"set ylabel '{title}, x'\nplot {plots}, 1 notitle dt 2 lc 'black'\n"
script += "unset multiplot\n"
try:
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    print(f"\nCSV: {path}\nplot: {png}")
except (OSError, subprocess.CalledProcessError) as e:
    print(f"\nCSV: {path}\nplot failed: {e}", file=sys.stderr)
    sys.exit(1)
