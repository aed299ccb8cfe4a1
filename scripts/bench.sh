#!/bin/bash
# bench.sh: run the swap-release benchmark on several kernels, interleaved.
# Environment:
#   VARIANTS  "label=kbuild-name[+set:PATH=V...] ..." (default "base=base patched=patched");
#             the first is the reference for ratios; PATH is a sysctl under
#             /proc/sys (vm/KNOB) or an absolute path (debugfs, sysfs)
#   SPECS     "mode:size_mb:procs[:flag] ..." (default: zram and zswap, 256 MB,
#             P=1 and P=4); flag "noreturn" skips the return-time measure,
#             "compact" runs compaction in a loop during the run
#   REPS      repetitions per variant (default 7)
#   VM_MODE   icount (default here) or smp
#   RESULTS   output directory (default results/<date>-<mode>)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
. "$top/scripts/variants.sh"
export VM_MODE=${VM_MODE:-icount}
variants=${VARIANTS:-base=base patched=patched}
specs=${SPECS:-zram:256:1 zram:256:4 zswap:256:1 zswap:256:4}
reps=${REPS:-7}
res=${RESULTS:-$top/results/$(date +%Y%m%d-%H%M%S)-$VM_MODE}
mkdir -p "$res"
csv=$res/swapbench.csv
echo "rep,variant,mode,size_mb,procs,munmap_ms,munmap_max_ms,return_ms,swapped_pct,ratio" > "$csv"
for r in $(seq 1 "$reps"); do
	for v in $variants; do
		variant "$v"; label=$v_label
		echo "[bench] rep $r/$reps $label ($VM_MODE): $specs"
		start=$(date +%s)
		# shellcheck disable=SC2086
		"$top/scripts/vm.sh" "$v_kernel" bench "$res/vm-$label-$r" $v_sets $specs ||
			{ echo "[bench] ERROR: run $r of $label failed (logs in $res/vm-$label-$r)" >&2; exit 1; }
		grep '^swapbench,' "$res/vm-$label-$r/result.log" | tr -d '\r' |
			sed "s/^swapbench,/$r,$label,/" >> "$csv"
		echo "[bench]   done in $(( $(date +%s) - start )) s"
	done
done
python3 "$top/scripts/summarize.py" "$csv" | tee "$res/summary.txt"
ln -sfn "$res" "$top/results/latest"
