#!/bin/bash
# kunit.sh uml|vm|parse-vm|summary LOG : run the series' KUnit suites.
#   uml: tools/testing/kunit/kunit.py on UML (out-of-tree build dir, ccache).
#   vm:  the suites built into the debug kernel, run at boot in an SMP guest
#        (UML is uniprocessor; the concurrency and hotplug cases need CPUs).
#   parse-vm: only parse the console of the last guest run.
# Prints "kunit-<where>: P passed, F failed[, S skipped]" last; exits non-zero
# on failure. A skipped case fails nothing but is reported.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
TREE=${TREE:-$BUILD/tree}
where=${1:-uml}
log=$BUILD/kunit-$where.log
die() { echo "[kunit] ERROR: $*" >&2; exit 1; }
. "$top/scripts/progress.sh"
summ() {	# parse kunit.py's summary into our line
	local s
	s=$(grep -E 'Ran [0-9]+ tests' "$1" | tail -n1)
	[ -n "$s" ] || { echo "kunit-$where: 0 passed, 1 failed (no KUnit summary in $1)"; return 1; }
	echo "$s"
	p=$(echo "$s" | sed -nE 's/.*passed: ([0-9]+).*/\1/p'); f=$(echo "$s" | sed -nE 's/.*failed: ([0-9]+).*/\1/p')
	e=$(echo "$s" | sed -nE 's/.*errors: ([0-9]+).*/\1/p')
	c=$(echo "$s" | sed -nE 's/.*crashed: ([0-9]+).*/\1/p')
	k=$(echo "$s" | sed -nE 's/.*skipped: ([0-9]+).*/\1/p')
	f=$(( ${f:-0} + ${e:-0} + ${c:-0} ))
	echo "kunit-$where: ${p:-0} passed, $f failed${k:+, $k skipped}"
	[ "$f" = 0 ] && [ "${p:-0}" != 0 ]
}
# kunit.sh summary LOG: only turn a parsed kunit.py log into our line.
[ "$where" = summary ] && { where=${3:-log}; summ "$2"; exit; }
cfgs=()
for c in lib/tests/deferred_free.kunitconfig mm/zsmalloc.kunitconfig \
	drivers/block/zram/.kunitconfig mm/zswap.kunitconfig; do
	[ -f "$TREE/$c" ] && cfgs+=(--kunitconfig "$c")
done
[ ${#cfgs[@]} -gt 0 ] || { echo "[kunit] no kunitconfig in $TREE: run 'make tree' first"; echo "kunit-$where: 0 passed, 1 failed"; exit 1; }
case $where in
uml)
	echo "[kunit] building and running on UML (first build ~3 min)"
	PROGRESS_INFO="tail -n1 '$log.raw' | cut -c1-100" progress "[kunit] uml" \
	bash -c 'cd "$0" && exec python3 tools/testing/kunit/kunit.py run "${@:2}" > "$1" 2>&1' \
		"$TREE" "$log.raw" "${cfgs[@]}" \
		--build_dir="$BUILD/kunit-uml" --jobs "$(nproc)" --timeout 900 \
		--make_options CC="ccache gcc" --raw_output=all || true
	(cd "$TREE" && python3 tools/testing/kunit/kunit.py parse "$log.raw") > "$log" 2>&1 || true
	grep -E '^\[.*(PASSED|FAILED|SKIPPED|CRASHED)' "$log" | tail -n 60 || true
	summ "$log"
	;;
vm|parse-vm)
	where=vm
	k=$BUILD/kbuild/debug/arch/x86/boot/bzImage
	[ -f "$k" ] || die "no debug kernel; run 'make debug-kernel'"
	# loglevel=7: KUnit prints its KTAP lines at KERN_INFO.
	[ "$1" = vm ] && { VM_MODE=smp VM_APPEND="loglevel=7" "$top/scripts/vm.sh" "$k" smoke "$BUILD/vm-test" || true; }
	(cd "$TREE" && python3 tools/testing/kunit/kunit.py parse "$BUILD/vm-test/console.log") > "$log" 2>&1 || true
	grep -E '^\[.*(PASSED|FAILED|SKIPPED|CRASHED)' "$log" | tail -n 60 || true
	summ "$log"
	;;
*) die "usage: kunit.sh uml|vm" ;;
esac
