#!/bin/bash
# limits.sh [RUNS]: the limits script (vm/jobs/limits.sh) on the base and
# the patched benchmark kernels, RUNS boots each (default 5), interleaved,
# side by side: the pages each kernel did not keep (zram writes failed,
# zswap stores rejected at its pool limit, zswap pages written back) right
# after an exit whose frees the patched kernel holds in limbo. Fails if the
# patched kernel's exceed the base kernel's by more than 1% of the pages
# stored after the limits are set (64 + 32 MB).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
runs=${1:-5}
out=$BUILD/vm-limits
die() { echo "[limits] ERROR: $*" >&2; exit 1; }
for v in base patched; do
	[ -f "$BUILD/kbuild/$v/arch/x86/boot/bzImage" ] || die "no $v kernel; run 'make kernels'"
done
declare -A lost
for i in $(seq "$runs"); do
	for v in base patched; do
		VM_MODE=smp bash "$top/scripts/vm.sh" "$BUILD/kbuild/$v/arch/x86/boot/bzImage" \
			limits "$out/$v-$i" || die "$v boot $i failed (logs in $out/$v-$i)"
		line=$(tr -d '\r' < "$out/$v-$i/result.log" | grep '^limits,') ||
			die "$v boot $i printed no result (see $out/$v-$i/result.log)"
		IFS=, read -r _ _ w h b lz lw <<< "$line"
		lost[$v]="${lost[$v]:-} $((w + h + b))"
		printf '[limits] %-8s run %d: zram failed writes %s, zswap pool limit hits %s, written back %s (frees in limbo: zram %s, zswap %s)\n' \
			"$v" "$i" "$w" "$h" "$b" "$lz" "$lw"
		[ "$v" = patched ] && { [ "$lz" -gt 0 ] && [ "$lw" -gt 0 ]; } ||
			[ "$v" = base ] || die "patched boot $i held nothing in limbo: the run would prove nothing"
	done
done
stored=$(((64 + 32) * 256))
max() { printf '%s\n' $1 | sort -n | tail -1; }
printf '%-8s %s\n' kernel "pages not kept per run (of $stored stored)" base "${lost[base]}" patched "${lost[patched]}"
b=$(max "${lost[base]}") p=$(max "${lost[patched]}")
if [ $((p - b)) -gt $((stored / 100)) ]; then
	echo "limits: FAIL: patched lost up to $p pages, base up to $b: more than 1% of $stored over the base"
	exit 1
fi
echo "limits: ok: patched lost at most $p pages, base at most $b (1% of stored: $((stored / 100)))"
