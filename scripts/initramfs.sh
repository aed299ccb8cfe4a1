#!/bin/bash
# Build the guest initramfs: static busybox, vm/init.sh, vm/jobs, the static
# C workloads, and the series' mm selftest from the patched tree
# (tools/testing/selftests/mm/zram_swap_release.c). Output:
# build/initramfs.cpio.gz
# With "perf" as argument, also Debian's perf and the libraries it links:
# build/initramfs-perf.cpio.gz, for the profile job (scripts/profile.sh).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
src=${SRC:-$BUILD/base/linux}
out=$BUILD/initramfs
with_perf=${1:-}
die() { echo "[initramfs] ERROR: $*" >&2; exit 1; }
[ -x /bin/busybox ] || die "/bin/busybox missing: run 'make deps' (busybox-static)"
mkdir -p "$out"
# compile OUT SRC FLAGS...: gcc, unless OUT is newer than every file its last
# compile read (gcc -MD's list in OUT.d) and was made with the same flags
# (OUT.cmd): make's check, by hand.
compile() {
	local o=$1 s=$2 f; shift 2
	if [ -f "$o" ] && [ -f "$o.d" ] && [ "$(cat "$o.cmd" 2>/dev/null)" = "$* $s" ]; then
		# shellcheck disable=SC2013 # words: gcc's list of files
		for f in $(sed 's/^[^:]*://; s/\\$//' "$o.d"); do [ "$f" -nt "$o" ] && break; f=; done
		[ -z "$f" ] && return 0
	fi
	gcc "$@" -MD -MF "$o.d" -o "$o" "$s" && echo "$* $s" > "$o.cmd"
}
compile "$out/gen_init_cpio" "$src/usr/gen_init_cpio.c" -O2
for prog in swapbench dfstress; do
	compile "$out/$prog" "$top/vm/$prog.c" -O2 -static -Wall -Wextra -Werror -I"$top/vm"
done
kst=${TREE:-$BUILD/tree}/tools/testing/selftests
[ -f "$kst/mm/zram_swap_release.c" ] ||
	die "no $kst/mm/zram_swap_release.c: run 'make tree' (the series adds it)"
compile "$out/zram_swap_release" "$kst/mm/zram_swap_release.c" -O2 -static -Wall -Werror -I"$kst"
{
	echo "dir /dev 755 0 0"
	echo "nod /dev/console 600 0 0 c 5 1"
	for d in bin sbin proc sys tmp jobs; do echo "dir /$d 755 0 0"; done
	echo "file /bin/busybox /bin/busybox 755 0 0"
	for a in $(/bin/busybox --list | grep -vx busybox); do echo "slink /bin/$a busybox 777 0 0"; done
	echo "file /init $top/vm/init.sh 755 0 0"
	echo "file /swapbench $out/swapbench 755 0 0"
	echo "file /dfstress $out/dfstress 755 0 0"
	echo "file /zram_swap_release $out/zram_swap_release 755 0 0"
	for j in "$top"/vm/jobs/*.sh; do echo "file /jobs/$(basename "$j") $j 755 0 0"; done
} > "$out/list"
img=$BUILD/initramfs.cpio.gz
if [ "$with_perf" = perf ]; then
	perf=$(command -v perf) || die "perf missing: run 'make deps' (linux-perf)"
	# perf at its own path, each library it links at the path ldd resolves.
	libs=$(ldd "$perf" | grep -oE '/[^ ]+' | sort -u)
	{
		for f in $perf $libs; do dirname "$f"; done | sort -u |
			while read -r d; do
				p=
				for c in $(echo "${d#/}" | tr / ' '); do
					p=$p/$c; echo "dir $p 755 0 0"
				done
			done | sort -u
		for f in $perf $libs; do echo "file $f $(readlink -f "$f") 755 0 0"; done
	} >> "$out/list"
	img=$BUILD/initramfs-perf.cpio.gz
fi
# Renamed into place: a guest booting meanwhile keeps the old image.
"$out/gen_init_cpio" "$out/list" | gzip -1 > "$img.tmp"
mv "$img.tmp" "$img"
echo "[initramfs] $img"
