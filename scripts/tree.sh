#!/bin/bash
# Materialise the working kernel tree: base commit, then one commit per patch in
# patches/series (git am -3). The tree is build/tree (override: TREE=...).
#   tree.sh          create or refresh the tree (refuses to drop unexported work)
#   FORCE=1 tree.sh  rebuild it even if it holds commits or changes not in patches/
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
TREE=${TREE:-$BUILD/tree}
. "$top/base.pin"
. "$top/scripts/series.sh"
say() { echo "[tree] $*"; }
die() { echo "[tree] ERROR: $*" >&2; exit 1; }
export GIT_AUTHOR_NAME="Linux base" GIT_AUTHOR_EMAIL="base@localhost"
export GIT_COMMITTER_NAME="deferred_free series" GIT_COMMITTER_EMAIL="series@localhost"
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"

"$top/scripts/fetch-base.sh"
g() { git -C "$TREE" "$@"; }

if [ ! -d "$TREE/.git" ]; then
	say "creating $TREE from the base (one-off, about a minute)"
	rm -rf "$TREE"; mkdir -p "$TREE"
	cp -a "$BUILD/base/linux/." "$TREE/"
	g init -q -b work
	g config core.autocrlf false; g config gc.auto 0
	# Debian's .gitignore ignores every top-level entry ("/*"), which would
	# hide new files from git; drop that rule (patches never touch it).
	sed -i '/^# Debian packaging: ignore everything/,/^!\/debian\/$/d' "$TREE/.gitignore"
	sed -i '${/^#$/d}' "$TREE/.gitignore"
	g add -A -f .
	g commit -q -m "Linux $BASE_VERSION base ($BASE_PACKAGE)" \
		-m "Unpacked $BASE_TARBALL, sha256 $BASE_SHA256; Debian's top-level ignore-all rule dropped from .gitignore."
	g tag -f base >/dev/null
elif [ -z "${FORCE:-}" ]; then
	[ -z "$(g status --porcelain)" ] ||
		die "$TREE has uncommitted changes or new files; commit and run 'make export', or FORCE=1"
	if [ "$(g rev-list --count base..HEAD)" != "0" ]; then
		tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
		# shellcheck disable=SC2086
		g format-patch -q $PATCH_FORMAT -o "$tmp" base..HEAD
		for p in "$tmp"/*.patch; do
			f="$top/patches/$(basename "$p")"
			[ -f "$f" ] && diff -q <(sed '/^From 0\{40\}/d' "$p") <(sed '/^From 0\{40\}/d' "$f") >/dev/null ||
				die "$TREE has commits not exported to patches/ ($(basename "$p")); run 'make export' or FORCE=1"
		done
		# The tree already is base + the series, in order: leave it (and
		# its files' mtimes) alone, so that nothing built from it rebuilds.
		if [ "$(cd "$tmp" && ls)" = "$(grep -vE '^(#|$)' "$top/patches/series")" ]; then
			say "tree up to date: base + $(g rev-list --count base..HEAD) patches in $TREE"
			exit 0
		fi
	fi
fi
g am --abort >/dev/null 2>&1 || true
g checkout -q -f -B work base
g clean -q -fd
n=0
while read -r p; do
	case "$p" in ''|'#'*) continue ;; esac
	[ -f "$top/patches/$p" ] || die "patches/series lists $p, which is not in patches/"
	g am -q -3 --committer-date-is-author-date "$top/patches/$p" >/dev/null 2>&1 || {
		g am --abort >/dev/null 2>&1 || true
		die "patch $p does not apply to $(g log -1 --format=%s HEAD); fix it in the tree and re-export"
	}
	n=$((n + 1))
done < "$top/patches/series"
say "tree ready: base + $n patches in $TREE"
