#!/bin/bash
# keep.sh RESULTS_DIR NAME: copy what a reader needs to check a run's
# figures from RESULTS_DIR (under the ignored results/) to data/NAME, which
# git tracks: a benchmark's swapbench.csv, meta, summary.txt and runs.txt
# (the run-length histograms); a profile's meta, summary.txt and each
# boot's result.log (the sampled shares, from which scripts/profsum.py
# prints the summary again). Boot consoles and plots are left behind.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "[keep] ERROR: $*" >&2; exit 1; }
[ $# = 2 ] || die "usage: keep.sh RESULTS_DIR NAME"
src=${1%/} dst=$top/data/$2
[ -f "$src/meta" ] || die "$src has no meta: not a results directory"
mkdir -p "$dst"
for f in swapbench.csv meta summary.txt runs.txt; do
	[ -f "$src/$f" ] && cp "$src/$f" "$dst/"
done
for d in "$src"/vm-*/; do
	[ -f "$d/result.log" ] && grep -q '^## ' "$d/result.log" || continue
	mkdir -p "$dst/$(basename "$d")"
	tr -d '\r' < "$d/result.log" > "$dst/$(basename "$d")/result.log"
done
echo "[keep] $src -> data/$2 ($(du -sh "$dst" | cut -f1))"
