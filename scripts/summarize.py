#!/usr/bin/env python3
"""Summarise swapbench CSV: medians, spread and ratios; plot with gnuplot."""
import csv
import os
import statistics
import subprocess
import sys

path = sys.argv[1]
rows = list(csv.DictReader(open(path)))
if not rows:
    print(f"\nno rows in {path}, only the header: nothing was measured (did the first boot fail?)")
    print("case\n(none)")
    sys.exit(0)
variants = list(dict.fromkeys(r["variant"] for r in rows))
cases = list(dict.fromkeys((r["mode"], int(r["size_mb"]), int(r["procs"])) for r in rows))
ref = variants[0]


def vals(v, case, col):
    xs = [float(r[col]) for r in rows if r["variant"] == v and r.get(col)
          and (r["mode"], int(r["size_mb"]), int(r["procs"])) == case]
    return [x for x in xs if x >= 0]    # -1: not measured (no column: older CSV)


def cell(xs):
    return f"{statistics.median(xs):.2f} [{min(xs):.2f}-{max(xs):.2f}] n={len(xs)}"


# The parts of a case's label padded to the widest of this run's.
lw = [max(len(str(c[i])) for c in cases) for i in range(3)]


def label(case):
    return f"{case[0]:<{lw[0]}} {case[1]:>{lw[1]}}MB P={case[2]:<{lw[2]}}"


def table(lines):
    """Print lines of cells, each column as wide as its widest cell: the
    first left-aligned, the others right-aligned, two spaces apart."""
    ws = [max(len(l[i]) for l in lines) for i in range(len(lines[0]))]
    for l in lines:
        print("  ".join([l[0].ljust(ws[0])] + [c.rjust(w) for c, w in zip(l[1:], ws[1:])]))


def is_exit(case):
    return case[0].endswith("+exit")


# munmap_ms holds the munmap() time, or for MODE+exit the time from the go
# signal until the parent's waitpid() returned the process.
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
    lines = [["case"] + variants + [f"ratio {v}" for v in variants[1:]]]
    for case in shown:
        line = [label(case)]
        meds = {}
        for v in variants:
            xs = vals(v, case, col)
            meds[v] = statistics.median(xs) if xs else None
            line.append(cell(xs) if xs else "-")
        for v in variants[1:]:
            line.append(f"{meds[ref] / meds[v]:.2f}x" if meds[ref] and meds[v] else "-")
        lines.append(line)
    table(lines)

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
