#!/bin/bash
# vm.sh KERNEL JOB OUTDIR [JOB ARGS...]
# Boot KERNEL in QEMU with the initramfs, run JOB (vm/jobs/JOB.sh), and exit
# with the job's status. The console goes to OUTDIR/console.log, the job's
# output (result port, ttyS1) to OUTDIR/result.log.
# Environment: VM_MODE=smp (default, VM_CPUS vCPUs, multi-threaded TCG) or
# icount (one vCPU, -icount shift=0,sleep=off),
# VM_MEM (2G), VM_TIMEOUT (seconds, 900), VM_APPEND (extra kernel arguments),
# VM_INITRD (default build/initramfs.cpio.gz). Every job but the benchmarks
# (bench, profile) is a test boot: panic_on_warn=1, so a WARN fails it.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
kernel=$1 job=$2 out=$3; shift 3
mode=${VM_MODE:-smp} accel=tcg mem=${VM_MEM:-2G} tmo=${VM_TIMEOUT:-900}
die() { echo "[vm] ERROR: $*" >&2; exit 1; }
. "$top/scripts/progress.sh"
[ -f "$kernel" ] || die "no kernel at $kernel"
initrd=${VM_INITRD:-$BUILD/initramfs.cpio.gz}
[ -f "$initrd" ] || die "no initramfs at $initrd; run scripts/initramfs.sh"
mkdir -p "$out"; rm -f "$out/console.log" "$out/result.log"
args=$(IFS=,; echo "$*")
case $mode in
smp) cpus=${VM_CPUS:-2}; opts=(-accel "$accel,thread=multi" -smp "$cpus") ;;
icount) cpus=1; opts=(-accel "$accel,thread=single" -smp 1 -icount shift=0,sleep=off) ;;
*) die "VM_MODE must be smp or icount" ;;
esac
append="console=ttyS0 panic=-1 oops=panic loglevel=6 df.job=$job df.cpus=$cpus"
[ -n "$args" ] && append="$append df.args=$args"
case $job in bench|profile) ;; *) append="$append panic_on_warn=1" ;; esac
append="$append ${VM_APPEND:-}"
rc=0
PROGRESS_INFO="for f in result console; do tail -n1 '$out/'\$f.log 2>/dev/null | tr -d '\\r' | cut -c1-50; done | paste -sd'|'" \
progress "[vm] $job" timeout -k 10 "$tmo" qemu-system-x86_64 "${opts[@]}" -m "$mem" \
	-kernel "$kernel" -initrd "$initrd" -append "$append" \
	-display none -no-reboot -monitor none -nodefaults \
	-serial "file:$out/console.log" -serial "file:$out/result.log" || rc=$?
[ $rc = 124 ] && die "guest ($job) did not finish within ${tmo}s; see $out/console.log"
[ $rc = 0 ] || die "qemu exited with $rc; see $out/console.log"
grep -q '^DF-RESULT rc=0' "$out/result.log" 2>/dev/null && exit 0
tail -20 "$out/result.log" 2>/dev/null >&2 || true
echo "[vm] job $job failed; console tail:" >&2; tail -25 "$out/console.log" >&2
# A WARN (panic_on_warn), BUG or panic: its trace, which the tail may miss.
grep -m1 -A40 -E '^\[ *[0-9.]+\] (WARNING:|BUG:|Kernel panic)' "$out/console.log" | sed 's/^/[vm] trace: /' >&2 || true
exit 1
