#!/bin/bash
# Export the working tree's commits (base..HEAD) back to patches/: one
# format-patch file per commit, a plain series file and a regenerated cover
# letter (patches/cover.txt: first line subject, rest body; shortlog, diffstat
# and the base version are added here).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
TREE=${TREE:-$BUILD/tree}
. "$top/base.pin"
. "$top/scripts/series.sh"
die() { echo "[export] ERROR: $*" >&2; exit 1; }
g() { git -C "$TREE" "$@"; }
[ -d "$TREE/.git" ] || die "no tree in $TREE; run 'make tree' first"
[ -z "$(g status --porcelain --untracked-files=no)" ] || die "$TREE has uncommitted changes; commit them first"
n=$(g rev-list --count base..HEAD)
rm -f "$top"/patches/[0-9][0-9][0-9][0-9]-*.patch
{
	echo "# Apply in order on top of $BASE_PACKAGE $BASE_VERSION (see base.pin)."
} > "$top/patches/series"
[ "$n" = 0 ] && { echo "[export] no commits on top of base"; exit 0; }
cover=$top/patches/cover.txt
[ -f "$cover" ] || printf 'deferred_free\n\n(no description)\n' > "$cover"
{
	cat "$cover"
	printf '\nBased on Linux %s (%s %s, %s sha256 %s).\n' \
		"$BASE_VERSION" "$BASE_PACKAGE" "$BASE_VERSION" "$(basename "$BASE_TARBALL")" "$BASE_SHA256"
} > "$BUILD/cover.desc"
g config branch.work.description "$(cat "$BUILD/cover.desc")"
# shellcheck disable=SC2086
g -c user.name="deferred_free developers" -c user.email=deferred-free@lists.invalid \
	format-patch -q $PATCH_FORMAT --cover-letter \
	--cover-from-description=subject --base=base -o "$top/patches" base..HEAD
# The cover letter is dated like the newest commit, not "now": no churn.
sed -i "s/^Date: .*/Date: $(g log -1 --format=%aD HEAD)/" "$top/patches/0000-cover-letter.patch"
for p in "$top"/patches/[0-9][0-9][0-9][0-9]-*.patch; do
	b=$(basename "$p")
	[ "$b" = 0000-cover-letter.patch ] || echo "$b" >> "$top/patches/series"
done
echo "[export] exported $n patches to patches/"
