#!/bin/bash
# reliability.sh [SECONDS] [SCENARIO...]: boot the debug kernel (KASAN,
# lockdep, kmemleak, fault injection) in an SMP guest, 2 vCPUs under TCG,
# and run the reliability suite there (vm/jobs/reliability.sh; storms of
# SECONDS, default 30; all scenarios by default). Prints the guest's output
# with its table, then "reliability: P passed, F failed", one count per
# scenario; a scenario without a table line (guest hung or crashed) fails.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
k=$BUILD/kbuild/debug/arch/x86/boot/bzImage
out=$BUILD/vm-reliability
# The scenario list is the guest script's default: one place to add one.
all=$(sed -n 's/^only=\${\*:-\(.*\)}$/\1/p' "$top/vm/jobs/reliability.sh")
[ -n "$all" ] || { echo "[reliability] ERROR: no scenario list in vm/jobs/reliability.sh" >&2; exit 1; }
die() { echo "[reliability] ERROR: $*" >&2; exit 1; }
[ -f "$k" ] || die "no debug kernel at $k; run 'make debug-kernel'"
want=${*:2}
n=$(echo ${want:-$all} | wc -w)
rm -f "$out/result.log"
# KUnit ran at the smoke boot; here it would only cost time.
VM_MODE=smp VM_TIMEOUT=${VM_TIMEOUT:-1500} VM_APPEND="kunit.enable=0 ${VM_APPEND:-}" \
	bash "$top/scripts/vm.sh" "$k" reliability "$out" "$@"
tr -d '\r' < "$out/result.log" 2>/dev/null | sed 's/^/[guest] /'
rows=$(tr -d '\r' < "$out/result.log" 2>/dev/null | grep -E '^[a-z]+ .* (PASS|FAIL)$')
p=$(echo "$rows" | grep -c ' PASS$')
f=$(echo "$rows" | grep -c ' FAIL$')
[ $((p + f)) -lt "$n" ] && echo "[reliability] $((n - p - f)) scenario(s) without a result: see $out/console.log"
f=$((n - p))
[ "$f" -lt 0 ] && { echo "[reliability] $p results for $n scenarios asked"; f=1; }
echo "reliability: $p passed, $f failed"
[ "$f" = 0 ]
