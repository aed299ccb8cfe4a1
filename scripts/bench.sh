#!/bin/bash
# bench.sh: run the swap-release benchmark on several kernels, interleaved.
# Environment:
#   VARIANTS  "label=kbuild-name[+set:PATH=V...] ..." (default "base=base patched=patched");
#             the first is the reference for ratios; PATH is a sysctl under
#             /proc/sys (vm/KNOB) or an absolute path (debugfs, sysfs)
#   SPECS     "mode:size_mb:procs[:flag] ..." (default: zram and zswap, 256 MB,
#             P=1 and P=4); flag "noreturn" skips the return-time measures,
#             "aged" pages out in a shuffled order (short runs of slots),
#             "compact" runs compaction in a loop during the run, "exit"
#             times the exit path instead of munmap() (mode MODE+exit)
#   REPS      repetitions per variant (default 7)
#   VM_MODE   icount (default here) or smp
#   RESULTS   output directory (default results/<date>-<mode>)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
. "$top/scripts/variants.sh"
export VM_MODE=${VM_MODE:-icount}
variants=${VARIANTS:-base=base patched=patched}
specs=${SPECS:-zram:256:1 zram:256:4 zswap:256:1 zswap:256:4 zram:256:1:exit zswap:256:1:exit}
reps=${REPS:-7}
res=${RESULTS:-$top/results/$(date +%Y%m%d-%H%M%S)-$VM_MODE}
mkdir -p "$res"
csv=$res/swapbench.csv
meta "$variants" "specs $specs" "reps $reps" "vm_mode $VM_MODE" > "$res/meta"
echo "rep,variant,mode,size_mb,procs,munmap_ms,munmap_max_ms,return_ms,swapped_pct,ratio,memfree_ms,median_run" > "$csv"
failed=
# boot OUTDIR ARGS...: one guest run. Under multi-threaded TCG (QEMU 7.2),
# about one 2-vCPU boot in 30 dies in early boot on the int3 that
# text_poke_bp() had just written for a static key and the other vCPU hit,
# before or just after init prints its first line. A guest that measured
# nothing and either printed nothing or died of that int3 is booted once
# more, with the first boot's logs kept beside and a line in meta. Any
# other death, or one after a measurement, is a failed run.
boot() {
	local out=$1; shift
	"$top/scripts/vm.sh" "$v_kernel" bench "$out" "$@" && return
	if [ -s "$out/result.log" ]; then
		grep -q '^swapbench,' "$out/result.log" && return 1
		grep -q 'Oops: int3' "$out/console.log" 2>/dev/null || return 1
	fi
	echo "[bench]   the guest died before it measured anything (before init, or of the early-boot int3); booting it again (first boot: $out.died)" >&2
	rm -rf "$out.died" && mv "$out" "$out.died"
	echo "reboot $label rep $r: the first boot died before measuring (logs in ${out##*/}.died)" >> "$res/meta"
	"$top/scripts/vm.sh" "$v_kernel" bench "$out" "$@"
}
for r in $(seq 1 "$reps"); do
	[ -n "$failed" ] && break
	for v in $variants; do
		variant "$v"; label=$v_label
		echo "[bench] rep $r/$reps $label ($VM_MODE): $specs"
		start=$(date +%s)
		# shellcheck disable=SC2086
		if ! boot "$res/vm-$label-$r" $v_sets $specs; then
			failed="run $r of $label failed (logs in $res/vm-$label-$r)"
			echo "[bench] ERROR: $failed; the table shows what was measured before" >&2
			break
		fi
		# A boot that printed no result is a failed run: the table and
		# results/latest still follow.
		if ! grep '^swapbench,' "$res/vm-$label-$r/result.log" | tr -d '\r' |
			sed "s/^swapbench,/$r,$label,/" >> "$csv"; then
			failed="run $r of $label printed no swapbench line (logs in $res/vm-$label-$r)"
			echo "[bench] ERROR: $failed; the table shows what was measured before" >&2
			break
		fi
		# The run-length histograms swapbench printed, per boot.
		grep '^# runs ' "$res/vm-$label-$r/result.log" | tr -d '\r' |
			sed "s/^# runs /$r,$label,/" >> "$res/runs.txt" || true
		echo "[bench]   done in $(( $(date +%s) - start )) s"
	done
done
mkdir -p "$top/results" && ln -sfn "$res" "$top/results/latest"
python3 "$top/scripts/summarize.py" "$csv" | tee "$res/summary.txt" ||
	failed="${failed:+$failed; }no summary of $csv"
[ -z "$failed" ] || { echo "[bench] ERROR: $failed" >&2; exit 1; }
