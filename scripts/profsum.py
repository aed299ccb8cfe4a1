#!/usr/bin/env python3
"""Summarise the profile job's output: guest ms per run in each function.

Usage: profsum.py RESULTS_DIR LABEL=KBUILD[+...] ...
Reads RESULTS_DIR/vm-LABEL-MODE-SIZE-PROCS-RUNS/result.log. A cell is
"incl (self)": milliseconds of guest time per run in the function with its
callees, and alone (samples x sampling period / runs; under icount this
counts instructions, 1 ns each). Under each section's total, the same time
per swap slot freed (pages x share swapped x processes): instructions per
slot, the figure a range interface or a batch is judged by. Functions shown: 3% or more of a section
in some kernel, but not the call chain above the work (in every sample of
every kernel, with no time of its own).
"""
import glob
import os
import re
import statistics
import sys

res, labels = sys.argv[1], [v.split("=")[0] for v in sys.argv[2:]]
head = re.compile(r"^## (munmap|drain), (\d+) runs: (\d+) samples at (\d+) Hz")
row = re.compile(r"^ *([\d.]+)% +([\d.]+)%  (\S+)")


def parse(path):
    """Return {section: (ms_per_run, {fn: (incl_ms, self_ms)})}, swapbench rows."""
    secs, runs, cur, tot = {}, [], None, 0.0
    for line in open(path, errors="replace"):
        line = line.rstrip("\r\n")
        if line.startswith("swapbench,"):
            runs.append([float(x) for x in line.split(",")[4:8]])
        elif m := head.match(line):
            nruns, samples, hz = int(m[2]), int(m[3]), int(m[4])
            tot, cur = samples * 1000.0 / hz / nruns, {}
            secs[m[1]] = (tot, cur)
        elif cur is not None and (m := row.match(line)):
            cur[m[3]] = (float(m[1]) / 100 * tot, float(m[2]) / 100 * tot)
    return secs, runs


# vm-LABEL-PROFILE, where a label may hold "-" (range-sync): longest first.
profiles = sorted({os.path.basename(d)[len(lab) + 4:]
                   for d in glob.glob(f"{res}/vm-*-*")
                   for lab in [max((lab for lab in labels
                                    if os.path.basename(d).startswith(f"vm-{lab}-")),
                                   key=len, default=None)] if lab})
for prof in profiles:
    data = {}
    for lab in labels:
        f = f"{res}/vm-{lab}-{prof}/result.log"
        if os.path.exists(f):
            data[lab] = parse(f)
    mode, size, procs, nruns = prof.split("-")[:4]
    print(f"\n{mode} {size} MB P={procs}, {nruns} runs per kernel: guest ms per run, "
          "incl (self)")
    print(f"{'':34}" + "".join(f"{lab:>16}" for lab in data))
    for i, name in enumerate(("munmap (measured)", "returned (measured)")):
        cells = [statistics.median(r[2 * i] for r in runs) if runs else None
                 for _, runs in data.values()]
        print(f"{name:34}" + "".join(f"{c:16.2f}" if c is not None else f"{'-':>16}"
                                     for c in cells))
    totals = {}
    for sec in ("munmap", "drain"):
        have = {lab: d[0][sec] for lab, d in data.items() if sec in d[0] and d[0][sec][0]}
        if not have:
            continue
        print(f"{sec + ' (sampled)':34}" + "".join(
            f"{have[lab][0]:16.2f}" if lab in have else f"{'-':>16}" for lab in data))
        # ms per run -> ns per slot; slots from the share that reached swap
        slots = {lab: int(size) * 256 * int(procs) *
                 statistics.median(r[3] for r in runs) / 100
                 for lab, (_, runs) in data.items() if runs}
        print(f"{'  per slot, instructions':34}" + "".join(
            f"{have[lab][0] * 1e6 / slots[lab]:16.0f}" if lab in have and slots.get(lab)
            else f"{'-':>16}" for lab in data))
        totals[sec] = {lab: have[lab][0] * 1e6 / slots[lab] for lab in have if slots.get(lab)}
        fns = {}
        for lab, (tot, fn) in have.items():
            for name, (inc, slf) in fn.items():
                if inc >= 0.03 * tot:
                    fns[name] = max(fns.get(name, 0), inc)
        # The call chain above the work: in every sample, no time of its own.
        common = [n for n in fns if all(n in f and f[n][0] >= 0.995 * t and f[n][1] < 0.03 * t
                                        for t, f in have.values())]
        for name in sorted(fns, key=fns.get, reverse=True):
            if name in common:
                continue
            line = f"  {name[:32]:32}"
            for lab in data:
                v = have.get(lab, (0, {}))[1].get(name)
                line += f"{f'{v[0]:.2f} ({v[1]:.2f})':>16}" if v else f"{'-':>16}"
            print(line)
    # The CPU counted whole: the unmapping task's share and the drain's.
    if totals:
        print(f"{'whole, per slot (munmap + drain)':34}" + "".join(
            f"{sum(t.get(lab, 0) for t in totals.values()):16.0f}"
            if any(lab in t for t in totals.values()) else f"{'-':>16}" for lab in data))
