#!/bin/bash
# Fetch, verify and unpack the pinned base kernel source (see base.pin).
#
# Overrides:
#   BASE_TARBALL_FILE=/path/linux-source-7.3.tar.xz   use a local tarball (still verified)
#   BASE_TREE=/path/to/linux                          use an unpacked tree as is
# Output: $BUILD/base/linux (the pristine tree), $BUILD/base/.unpacked stamp.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
# shellcheck source=../base.pin
. "$top/base.pin"
pin="$top/base.pin"
dest=$BUILD/base
say() { echo "[fetch-base] $*"; }
die() { echo "[fetch-base] ERROR: $*" >&2; exit 1; }

if [ -n "${BASE_TREE:-}" ]; then
	[ -f "$BASE_TREE/Makefile" ] || die "BASE_TREE=$BASE_TREE is not a kernel tree"
	mkdir -p "$dest"; ln -sfn "$(cd "$BASE_TREE" && pwd)" "$dest/linux"
	touch "$dest/.unpacked"; say "using existing tree $BASE_TREE"; exit 0
fi
[ -f "$dest/.unpacked" ] && [ -f "$dest/linux/Makefile" ] && { say "base already unpacked in $dest/linux"; exit 0; }

mkdir -p "$dest"
tarball=$dest/linux-source.tar.xz
if [ -n "${BASE_TARBALL_FILE:-}" ]; then
	[ -f "$BASE_TARBALL_FILE" ] || die "BASE_TARBALL_FILE=$BASE_TARBALL_FILE does not exist"
	cp "$BASE_TARBALL_FILE" "$tarball"
elif ! { [ -f "$tarball" ] && echo "$BASE_SHA256  $tarball" | sha256sum -c --quiet - 2>/dev/null; }; then
	# Private apt configuration: the system's apt setup is only read, never changed.
	apt=$dest/apt
	mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" "$apt/deb"
	uri=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' |
		grep -v -- '-security' | grep -i debian | head -n1 || true)
	[ -n "$uri" ] || uri=$(grep -hsE '^deb ' /etc/apt/sources.list | awk '{print $2}' |
		grep -v -- '-security' | grep -i debian | head -n1 || true)
	[ -n "$uri" ] || die "no Debian mirror found in /etc/apt; set BASE_TARBALL_FILE or BASE_TREE"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $BASE_SUITE main" \
		> "$apt/sources.list"
	opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=$apt/parts"
	      -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")
	say "updating private package lists for $BASE_SUITE from $uri"
	apt-get "${opts[@]}" -q update >"$apt/update.log" 2>&1 ||
		die "apt-get update failed (see $apt/update.log)"
	say "downloading $BASE_PACKAGE=$BASE_VERSION (about 150 MB)"
	(cd "$apt/deb" && apt-get "${opts[@]}" -q download "$BASE_PACKAGE=$BASE_VERSION") ||
		die "cannot download $BASE_PACKAGE=$BASE_VERSION named in $pin; is it still in $BASE_SUITE? Or set BASE_TARBALL_FILE."
	deb=$(ls "$apt/deb/${BASE_PACKAGE}_"*.deb | head -n1)
	say "extracting $BASE_TARBALL from $(basename "$deb")"
	rm -rf "$apt/x"; mkdir -p "$apt/x"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$apt/x" "./$BASE_TARBALL"
	mv "$apt/x/$BASE_TARBALL" "$tarball"; rm -rf "$apt/x"
fi
got=$(sha256sum "$tarball" | awk '{print $1}')
[ "$got" = "$BASE_SHA256" ] ||
	die "sha256 of $tarball is $got, $pin expects $BASE_SHA256. Remove $tarball to fetch again, or update the pin only after checking the new source."
say "sha256 ok; unpacking"
rm -rf "$dest/linux" "$dest/unpack"; mkdir -p "$dest/unpack"
tar -xf "$tarball" -C "$dest/unpack"
mv "$dest/unpack"/linux-source-* "$dest/linux"; rmdir "$dest/unpack"
touch "$dest/.unpacked"
say "base tree ready in $dest/linux"
