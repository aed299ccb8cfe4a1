#!/bin/bash
# cross.sh ARCH: build the C files the series touches (objects only) for
# ARCH (i386, or arm64 with Debian's gcc-aarch64-linux-gnu) with W=1, on
# the target's tinyconfig plus vm/cross.config. Fails on any warning, on a
# build error and on a requested option missing from the final config.
# Prints "cross-ARCH: N passed, N failed" last.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
TREE=${TREE:-$BUILD/tree}
arch=${1:?usage: cross.sh i386|arm64}
case $arch in
i386) cross= ;;
arm64) cross=aarch64-linux-gnu- ;;
*) echo "[cross] ERROR: unknown arch $arch (i386 or arm64)" >&2; exit 2 ;;
esac
out=$BUILD/kbuild/cross-$arch
frag=$top/vm/cross.config
res() { echo "cross-$arch: $1"; }
fail() { echo "[cross $arch] ERROR: $*" >&2; res "0 passed, 1 failed"; exit 1; }
command -v "${cross}gcc" >/dev/null || fail "${cross}gcc not found: run 'make deps'"
. "$top/scripts/series.sh"
mapfile -t files < <(series_c_files | grep -v '/tests/')
[ ${#files[@]} -gt 0 ] || fail "no C files in the series (run 'make tree')"
mkdir -p "$out"
mk() { make -C "$TREE" O="$out" ARCH=$arch CROSS_COMPILE=$cross CC="ccache ${cross}gcc" \
	HOSTCC="ccache gcc" -j"$(nproc)" "$@"; }
if ! cmp -s "$frag" "$out/fragment.config" || [ ! -f "$out/.config" ]; then
	mk -s tinyconfig >/dev/null
	"$TREE/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$frag" >"$out/merge.log" 2>&1 ||
		fail "merge_config failed (see $out/merge.log)"
	mk -s olddefconfig >/dev/null
	cp "$frag" "$out/fragment.config"
fi
while IFS= read -r l; do
	grep -qx "$l" "$out/.config" || { rm -f "$out/fragment.config"; fail "$l requested but not in the $arch config"; }
done < <(grep -E '^CONFIG_[A-Z0-9_]+=y$' "$frag")
mk -s prepare >"$out/prepare.log" 2>&1 || { tail -20 "$out/prepare.log"; fail "make prepare failed"; }
# Objects only: touch them so that W=1 really compiles them each time.
objs=("${files[@]/%.c/.o}")
for o in "${objs[@]}"; do rm -f "$out/$o"; done
if ! mk W=1 "${objs[@]}" >"$out/w1.log" 2>&1; then
	grep -E 'error|warning' "$out/w1.log" | head -20
	fail "building ${objs[*]} failed (see $out/w1.log)"
fi
if grep -E 'warning:' "$out/w1.log"; then
	fail "W=1 warnings in the series' objects (see above)"
fi
echo "[cross $arch] ${#objs[@]} objects built with W=1, no warning: ${objs[*]}"
res "1 passed, 0 failed"
