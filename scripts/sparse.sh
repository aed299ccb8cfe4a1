#!/bin/bash
# sparse.sh KBUILD_NAME: run sparse (C=2) on every .c file the series
# touches, in an already configured and built tree (build/kbuild/NAME).
# Debian's sparse 0.6.4 predates __typeof_unqual__ (mapped to __typeof__
# here) and cannot parse MODULE_*() and module_param() lines, which it
# reports as "bad constant expression" in untouched code; those reports
# are dropped, anything else fails.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
TREE=${TREE:-$BUILD/tree}
out=$BUILD/kbuild/${1:-debug}
n=$(git -C "$TREE" rev-list --count base..HEAD) || { echo "[sparse] ERROR: no tree in $TREE (run 'make tree')"; exit 1; }
. "$top/scripts/series.sh"
mapfile -t files < <(series_c_files)
if [ ${#files[@]} = 0 ]; then
	# Nothing to check is fine for an empty series only.
	[ "$n" = 0 ] && { echo "[sparse] empty series: no C file to check"; exit 0; }
	echo "[sparse] ERROR: the series' $n commits in $TREE touch no kernel C file"; exit 1
fi
objs=("${files[@]/%.c/.o}")
echo "[sparse] ${files[*]}"
make -C "$TREE" O="$out" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" C=2 \
	CHECK="sparse -D__typeof_unqual__=__typeof__" "${objs[@]}" > "$out/sparse.log" 2>&1 || {
	tail -20 "$out/sparse.log"; echo "[sparse] ERROR: building the series' objects failed (see $out/sparse.log)"; exit 1; }
nchk=0
for f in "${files[@]}"; do grep -q "^  CHECK  *$f\$" "$out/sparse.log" && nchk=$((nchk + 1)); done
[ "$nchk" = ${#files[@]} ] || { echo "[sparse] ERROR: checked $nchk of ${#files[@]} files (see $out/sparse.log)"; exit 1; }
bad=0
while IFS= read -r l; do
	f=${l%%:*}; rest=${l#*:}; n=${rest%%:*}
	if [[ $l == *"bad constant expression"* ]] && [ -f "$f" ] &&
	   sed -n "${n}p" "$f" | grep -qE '^(MODULE_|module_param|EXPORT_)'; then
		continue
	fi
	echo "$l"; bad=1
done < <(grep -E ': (warning|error):' "$out/sparse.log" || true)
[ $bad = 0 ] && echo "[sparse] clean: $nchk files checked"
exit $bad
