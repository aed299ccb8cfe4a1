#!/bin/bash
# kernels.sh FRAGMENT...: build every benchmark kernel that VARIANTS names
# (default "base=base patched=patched"), with the same fragments:
#   base     the pinned base tree
#   patched  build/tree, the base plus the series
#   NAME     the series plus variants/NAME.patch (an ablation variant, not
#            part of the series), built from a copy of build/tree in
#            build/variants/NAME: hard links but for the files the patch
#            changes, and the same layout relative to its output
#            directory as build/tree's, so that ccache serves every object
#            the patch does not touch. Its version string ends in -NAME.
#   other    a kernel built otherwise in build/kbuild/NAME (the debug
#            kernel, say): used as it is
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
TREE=${TREE:-$BUILD/tree}
die() { echo "[kernels] ERROR: $*" >&2; exit 1; }
names=
for v in ${VARIANTS:-base=base patched=patched}; do
	k=${v#*=}; k=${k%%+*}
	case " $names " in *" $k "*) ;; *) names="$names $k" ;; esac
done
for k in $names; do
	case $k in
	base) "$top/scripts/build-kernel.sh" base "$BUILD/base/linux" "$@" ;;
	patched) "$top/scripts/build-kernel.sh" patched "$TREE" "$@" ;;
	*)
		p=$top/variants/$k.patch
		if [ ! -f "$p" ] && [ -f "$BUILD/kbuild/$k/arch/x86/boot/bzImage" ]; then
			echo "[kernels] $k: the kernel already built in $BUILD/kbuild/$k"
			continue
		fi
		[ -f "$p" ] || die "VARIANTS names kernel '$k': not base, patched or one of variants/*.patch ($(cd "$top/variants" && ls -- *.patch | sed 's/\.patch$//' | xargs))"
		dst=$BUILD/variants/$k
		stamp="$(git -C "$TREE" rev-parse HEAD) $(sha256sum < "$p")"
		if [ "$(cat "$dst/tree.stamp" 2>/dev/null)" != "$stamp" ]; then
			echo "[kernels] $k: build/tree plus variants/$k.patch in $dst/tree"
			rm -rf "$dst/tree" "$dst/tree.stamp"; mkdir -p "$dst"
			cp -al "$TREE" "$dst/tree"; rm -rf "$dst/tree/.git"
			# A file the previous patch changed and this one may not:
			# a copy of build/tree's, newer than its object, so that
			# kbuild rebuilds it (touching the link would touch
			# build/tree's file).
			if [ -f "$dst/applied.patch" ]; then
				for f in $(sed -n 's|^+++ b/||p' "$dst/applied.patch"); do
					if [ -f "$TREE/$f" ]; then
						cp --remove-destination "$TREE/$f" "$dst/tree/$f"
						touch "$dst/tree/$f"
					fi
				done
			fi
			# patch(1) writes a new file: the hard link to build/tree breaks.
			patch -s -p1 -d "$dst/tree" < "$p" || die "variants/$k.patch does not apply to build/tree"
			cp "$p" "$dst/applied.patch"
			echo "$stamp" > "$dst/tree.stamp"
		fi
		BUILD=$dst LOCALVERSION=-$k "$top/scripts/build-kernel.sh" "$k" "$dst/tree" "$@"
		;;
	esac
done
