#!/bin/bash
# build-kernel.sh NAME SRC FRAGMENT...
# Configure (x86_64 tinyconfig + fragments via merge_config.sh) and build a
# kernel out of tree in build/kbuild/NAME, with ccache.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
name=$1 src=$2; shift 2
out=$BUILD/kbuild/$name
jobs=${JOBS:-$(nproc)}
die() { echo "[build $name] ERROR: $*" >&2; exit 1; }
. "$top/scripts/progress.sh"
[ -f "$src/Makefile" ] || die "$src is not a kernel tree (run 'make tree')"
mkdir -p "$out"
mk() { make -s -C "$src" O="$out" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" -j"$jobs" "$@"; }
# Every y/m request that the tree knows must have survived: a debug
# kernel without KASAN must not pass for one. The debug kernel's tree is
# the series' own, which knows every option its fragments name: one it
# does not know is a typo (-s). (The base tree lacks the series' options.)
strict=; [ "$name" = debug ] && strict=-s
cfgcheck() { "$top/scripts/config-check.sh" $strict "$src" "$out/.config" "$@" ||
	die "options of $* are missing from the final config or unknown (above)"; }
cat "$@" > "$out/fragments.config.new"
if ! cmp -s "$out/fragments.config.new" "$out/fragments.config" || [ ! -f "$out/.config" ]; then
	echo "[build $name] configuring: tinyconfig + $*"
	mk tinyconfig >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$@" >"$out/merge.log" 2>&1 ||
		die "merge_config failed (see $out/merge.log)"
	mk olddefconfig >/dev/null
	cfgcheck "$@"
	mv "$out/fragments.config.new" "$out/fragments.config"
fi
echo "[build $name] building in $out (first build ~3-6 min here)"
start=$(date +%s)
PROGRESS_INFO="echo \$(find '$out' -name '*.o' -newer '$out/fragments.config' | wc -l) objects built" \
	progress "[build $name]" mk bzImage 2>"$out/build.err" ||
	{ tail -30 "$out/build.err"; die "build failed"; }
grep -E 'warning:' "$out/build.err" | head -20 || true
# Again on every build, on the config it used: the fragments may be the
# same while the tree's Kconfig changed (kbuild's syncconfig drops what a
# new dependency turns off) or .config was edited.
cfgcheck "$@"
echo "[build $name] done in $(( $(date +%s) - start )) s: $out/arch/x86/boot/bzImage"
