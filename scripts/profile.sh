#!/bin/bash
# profile.sh: where the swap-release time goes, per kernel. Boots each
# variant once in icount mode with perf in the guest (vm/jobs/profile.sh)
# and prints, for munmap() and for the deferred_free drain, the guest
# milliseconds per run spent in each function with its callees.
# Environment:
#   VARIANTS  as for bench.sh (default "base=base patched=patched
#             off=patched+set:vm/deferred_free_max_bytes=0")
#   PROFILES  "mode:size_mb:procs:runs ..." (default "zram:256:1:4 zswap:256:1:4")
#   PERF_FREQ sampling rate in the guest, Hz (default 20000)
#   RESULTS   output directory (default results/<date>-profile)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
. "$top/scripts/variants.sh"
export VM_MODE=icount VM_INITRD=$BUILD/initramfs-perf.cpio.gz
variants=${VARIANTS:-base=base patched=patched off=patched+set:vm/deferred_free_max_bytes=0}
profiles=${PROFILES:-zram:256:1:4 zswap:256:1:4}
res=${RESULTS:-$top/results/$(date +%Y%m%d-%H%M%S)-profile}
"$top/scripts/initramfs.sh" perf >/dev/null
mkdir -p "$res"
meta "$variants" "profiles $profiles" "perf_freq ${PERF_FREQ:-20000}" "vm_mode $VM_MODE" \
	"perf $(perf --version 2>/dev/null)" > "$res/meta"
for p in $profiles; do
	for v in $variants; do
		variant "$v"
		out=$res/vm-$v_label-${p//:/-}
		echo "[profile] $v_label: $p"
		# shellcheck disable=SC2086
		"$top/scripts/vm.sh" "$v_kernel" profile "$out" $v_sets ${p//:/ } "${PERF_FREQ:-20000}" ||
			{ echo "[profile] ERROR: $v_label $p failed (logs in $out)" >&2; exit 1; }
	done
done
python3 "$top/scripts/profsum.py" "$res" $variants | tee "$res/summary.txt"
