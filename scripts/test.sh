#!/bin/bash
# test.sh: every check of the project. Ends with "N passed, N failed".
#   0. the harness's own checks fail on canned broken input (selftest.sh)
#   1. the series applies to the pinned base (git am -3, one commit per patch)
#   2. checkpatch --strict on every patch; the ablation variants apply
#   3. KUnit on UML, one count per test case; the series' objects build
#      for i386 and arm64 with W=1 and no warning
#   4. the debug kernel (KASAN, lockdep, kmemleak, fault injection) builds,
#      and sparse finds nothing in the C files the series touches
#   5. SMP guest (2 vCPUs, TCG): the KUnit suites at boot, one count per case,
#      and the smoke test (zram swap, workload, counters back, clean dmesg)
#   6. the reliability suite in a second SMP boot of the debug kernel, one
#      count per scenario (scripts/reliability.sh)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
TREE=${TREE:-$BUILD/tree}
export BUILD TREE
# Where the steps' scripts are: selftest.sh swaps in stubs to check the
# counting itself.
S=${TEST_SCRIPTS:-$top/scripts}
# The ablation variants' patches (selftest.sh points it at an empty folder).
V=${TEST_VARIANTS:-$top/variants}
# The library's broken variants (scripts/broken.sh), likewise.
BV=${TEST_BROKEN:-$top/broken}
pass=0 fail=0
ok() { pass=$((pass + ${2:-1})); echo "[test] PASS: $1"; }
ko() { fail=$((fail + ${2:-1})); echo "[test] FAIL: $1"; }
check() { local n=$1; shift; if "$@"; then ok "$n"; else ko "$n"; fi; }
# Add the counts from a "name: P passed, F failed[, S skipped]" line;
# skipped cases count neither way but are reported.
count() {
	local l p f s
	l=$(grep -E '^[a-z0-9-]+: [0-9]+ passed, [0-9]+ failed' "$1" | tail -n1)
	p=$(echo "$l" | sed -nE 's/.*: ([0-9]+) passed.*/\1/p'); f=$(echo "$l" | sed -nE 's/.*, ([0-9]+) failed.*/\1/p')
	s=$(echo "$l" | sed -nE 's/.*, ([0-9]+) skipped.*/\1/p')
	if [ -z "$l" ]; then ko "$2 (no result)"; return; fi
	[ "$p" -gt 0 ] && ok "$2: $p cases" "$p"
	[ "$f" -gt 0 ] && ko "$2: $f cases" "$f"
	[ "${s:-0}" -gt 0 ] && echo "[test] SKIP: $2: $s cases"
	return 0
}
start=$(date +%s)
mkdir -p "$BUILD"
echo "[test] the harness's own checks fail on broken input (fixtures)"
bash "$S/selftest.sh" | tee "$BUILD/test-selftest.out"
count "$BUILD/test-selftest.out" "harness self-checks"
echo "[test] series applies to the pinned base"
if bash "$S/tree.sh"; then
	ok "series applies"
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		# From the kernel tree: in a git checkout with the patch file
		# modified, checkpatch would check the checkout's diff instead.
		check "checkpatch --strict $p" bash -c 'cd "$1" &&
			perl scripts/checkpatch.pl --strict --quiet --no-tree "$2"' _ "$TREE" "$top/patches/$p"
	done < "$top/patches/series"
	# The ablation variants (variants/README.md) apply on top of the series.
	for p in "$V"/*.patch; do
		[ -f "$p" ] || continue
		check "variant $(basename "$p" .patch) applies to the series, checkpatch --strict" \
			bash -c 'cd "$1" && patch -s -p1 --dry-run < "$2" &&
			perl scripts/checkpatch.pl --strict --quiet --no-tree --no-signoff "$2"' _ "$TREE" "$p"
	done
	# The broken variants still apply, so that scripts/broken.sh can run.
	n=$(find "$BV" -maxdepth 1 -name '*.patch' | wc -l)
	[ "$n" -gt 0 ] && check "the $n broken variants of the library apply to the series" \
		bash -c 'cd "$1" && for p in "$2"/*.patch; do
			patch -s -p1 --dry-run < "$p" || { echo "$p"; exit 1; }; done' _ "$TREE" "$BV"
	bash "$S/kunit.sh" uml | tee "$BUILD/test-kunit-uml.out"
	count "$BUILD/test-kunit-uml.out" "KUnit on UML"
	for arch in i386 arm64; do
		bash "$S/cross.sh" $arch | tee "$BUILD/test-cross-$arch.out"
		count "$BUILD/test-cross-$arch.out" "$arch build of the series' objects (W=1)"
	done
	if bash "$S/build-kernel.sh" debug "$TREE" \
		"$top/vm/kernel.config" "$top/vm/debug.config" "$top/vm/kunit.config"; then
		ok "debug kernel builds"
		check "sparse on the series' C files" bash "$S/sparse.sh" debug
		bash "$S/initramfs.sh" >/dev/null
		echo "[test] booting the debug kernel in an SMP guest (KUnit at boot, then smoke test; ~3 min)"
		check "VM smoke test (zram swap, counters, dmesg)" \
			env VM_MODE=smp VM_TIMEOUT=${VM_TIMEOUT:-1200} VM_APPEND="loglevel=7" bash "$S/vm.sh" \
			"$BUILD/kbuild/debug/arch/x86/boot/bzImage" smoke "$BUILD/vm-test"
		cat "$BUILD/vm-test/result.log" 2>/dev/null | tr -d '\r' | sed 's/^/[guest] /'
		bash "$S/kunit.sh" parse-vm | tee "$BUILD/test-kunit-vm.out"
		count "$BUILD/test-kunit-vm.out" "KUnit in SMP guest"
		echo "[test] reliability suite on the debug kernel in an SMP guest (~7-15 min)"
		bash "$S/reliability.sh" | tee "$BUILD/test-reliability.out"
		count "$BUILD/test-reliability.out" "reliability suite scenarios"
	else
		ko "debug kernel builds"
		# The checks that need it fail, rather than vanish from the count.
		for c in "sparse on the series' C files" "VM smoke test" \
			"KUnit in SMP guest" "reliability suite"; do
			ko "$c: not run, the debug kernel did not build"
		done
	fi
else
	ko "series applies"
	# Every check needs the tree: they fail, rather than vanish from the count.
	n=$(grep -cvE '^(#|$)' "$top/patches/series")
	[ "$n" -gt 0 ] && ko "checkpatch --strict on $n patches: not run, the series did not apply" "$n"
	n=$(find "$V" -maxdepth 1 -name '*.patch' 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] && ko "$n ablation variants: not run, the series did not apply" "$n"
	n=$(find "$BV" -maxdepth 1 -name '*.patch' 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] && ko "$n broken variants: not checked, the series did not apply"
	for c in "KUnit on UML" "i386 build" "arm64 build" "debug kernel builds" \
		"sparse on the series' C files" "VM smoke test" "KUnit in SMP guest" "reliability suite"; do
		ko "$c: not run, the series did not apply"
	done
fi
echo "[test] finished in $(( $(date +%s) - start )) s"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
