#!/bin/bash
# broken.sh [NAME...]: show that the deferred_free KUnit cases can fail.
# Each broken/NAME.patch breaks one thing the library keeps; its "Fails:"
# line names the cases that must fail against it. For each one, the patch
# is applied to build/tree, the deferred_free suite runs on UML (in
# build/kunit-broken, so that the main KUnit build stays as it is), and
# the patch is reverted. Prints one line per variant and case, and
# "N caught, N missed" last; exits non-zero if any case passed. Not part
# of make test: about a minute per variant.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
TREE=${TREE:-$BUILD/tree}
die() { echo "[broken] ERROR: $*" >&2; exit 1; }
[ -d "$TREE/.git" ] || die "no tree in $TREE; run 'make tree' first"
[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
	die "$TREE has uncommitted changes; commit or stash them first"
names=${*:-$(cd "$top/broken" && ls -- *.patch | sed 's/\.patch$//')}
applied=
revert() { [ -z "$applied" ] || git -C "$TREE" apply -R "$applied"; applied=; }
trap revert EXIT
caught=0 missed=0
for n in $names; do
	p=$top/broken/$n.patch
	[ -f "$p" ] || die "no broken/$n.patch"
	cases=$(sed -n 's/^Fails: //p' "$p")
	[ -n "$cases" ] || die "broken/$n.patch has no 'Fails:' line"
	git -C "$TREE" apply "$p"
	applied=$p
	log=$BUILD/kunit-broken-$n.log
	(cd "$TREE" && python3 tools/testing/kunit/kunit.py run \
		--kunitconfig lib/tests/deferred_free.kunitconfig \
		--build_dir="$BUILD/kunit-broken" --jobs "$(nproc)" --timeout 300 \
		--make_options CC="ccache gcc" 'deferred_free') > "$log" 2>&1 || true
	revert
	grep -qE 'Ran [1-9][0-9]* tests' "$log" ||
		die "$n: the suite did not run (a build error?): see $log"
	for c in $cases; do
		if grep -qE "\[(FAILED|CRASHED)\] $c\b" "$log" ||
		   ! grep -qE "\[(PASSED|SKIPPED)\] $c\b" "$log"; then
			echo "$n: $c fails, as it must"
			caught=$((caught + 1))
		else
			echo "$n: $c PASSED against the broken variant (see $log)"
			missed=$((missed + 1))
		fi
	done
done
echo "$caught caught, $missed missed"
[ "$missed" = 0 ]
