#!/bin/bash
# selftest.sh: the harness's own checks must be able to fail. Each case
# feeds a check a broken input (a canned log, an empty tree, a tree whose
# objects do not build) and expects it to fail; one good input must pass.
# No kernel is built or booted. Prints "harness-selftest: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
fx=$top/scripts/fixtures
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
expect() {	# expect fail|pass NAME CMD...: CMD must exit non-zero / zero
	local want=$1 name=$2 rc; shift 2
	"$@" >"$tmp/out" 2>&1; rc=$?
	if { [ "$want" = fail ] && [ $rc != 0 ]; } || { [ "$want" = pass ] && [ $rc = 0 ]; }; then
		pass=$((pass + 1)); echo "[selftest] ok: $name"
	else
		fail=$((fail + 1)); echo "[selftest] WRONG: $name (exit $rc, wanted $want)"; sed 's/^/    /' "$tmp/out"
	fi
}
# kunit.sh counts a crashed case as failed, and needs at least one pass.
expect fail "kunit summary with a crashed case" bash "$top/scripts/kunit.sh" summary "$fx/kunit-crash.log"
expect pass "kunit summary with every case passed" bash "$top/scripts/kunit.sh" summary "$fx/kunit-pass.log"
expect fail "kunit summary of a log with no summary" bash "$top/scripts/kunit.sh" summary /dev/null
# Without a kunitconfig in the tree, kunit.sh fails instead of "0 passed".
mkdir -p "$tmp/emptytree"
expect fail "kunit without a kunitconfig" env TREE="$tmp/emptytree" bash "$top/scripts/kunit.sh" uml
# sparse.sh fails when the objects cannot be built (no configured tree).
git -C "$tmp" init -q tree && printf 'int x;\n' > "$tmp/tree/a.c" && printf 'all:\n\tfalse\n' > "$tmp/tree/Makefile"
git -C "$tmp/tree" add -A && git -C "$tmp/tree" -c user.name=t -c user.email=t@t commit -q -m base &&
	git -C "$tmp/tree" tag base && printf 'int y;\n' >> "$tmp/tree/a.c" &&
	git -C "$tmp/tree" -c user.name=t -c user.email=t@t commit -q -am change
mkdir -p "$tmp/build/kbuild/debug"
expect fail "sparse when the objects do not build" env TREE="$tmp/tree" BUILD="$tmp/build" bash "$top/scripts/sparse.sh" debug
# config-check.sh fails when a requested option, menuconfig ones included,
# is missing from the final config, and passes when all are there.
mkdir -p "$tmp/kc" && printf 'config FOO\n\tbool "foo"\nmenuconfig BAR\n\tbool "bar"\n' > "$tmp/kc/Kconfig"
printf 'CONFIG_FOO=y\nCONFIG_BAR=y\nCONFIG_NOT_IN_TREE=y\n' > "$tmp/kc/frag.config"
printf 'CONFIG_FOO=y\n# CONFIG_BAR is not set\n' > "$tmp/kc/.config"
expect fail "config check with a menuconfig option missing" bash "$top/scripts/config-check.sh" "$tmp/kc" "$tmp/kc/.config" "$tmp/kc/frag.config"
printf 'CONFIG_FOO=y\nCONFIG_BAR=y\n' > "$tmp/kc/.config"
expect pass "config check with every option present" bash "$top/scripts/config-check.sh" "$tmp/kc" "$tmp/kc/.config" "$tmp/kc/frag.config"
# make -j runs one recipe at a time (.NOTPARALLEL): never two kernel builds.
# (grep -c reads it all: grep -q would stop make with SIGPIPE under pipefail)
serial() { [ "$(make -pn -f "$1" help 2>/dev/null | grep -c '^\.NOTPARALLEL:')" -gt 0 ]; }
sed '/^\.NOTPARALLEL:/d' "$top/Makefile" > "$tmp/Makefile.parallel"
expect fail "a Makefile that lets make -j run recipes side by side" serial "$tmp/Makefile.parallel"
expect pass "the Makefile runs one recipe at a time" serial "$top/Makefile"
# The guest's kmemleak check fails when the kernel has no kmemleak (fail()
# stubbed so that nothing is written to the host's /tmp).
if [ -e /sys/kernel/debug/kmemleak ]; then
	echo "[selftest] skipped: kmemleak_clean without kmemleak (this host has kmemleak)"
else
	expect fail "kmemleak_clean on a kernel without kmemleak" sh -c \
		'. "$1"; fail() { echo "FAIL: $*"; exit 1; }; kmemleak_clean' sh "$top/vm/jobs/lib.sh"
fi
echo "harness-selftest: $pass passed, $fail failed"
[ $fail = 0 ]
