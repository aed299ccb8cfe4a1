#!/bin/bash
# Install the Debian packages the harness needs (idempotent; root).
set -euo pipefail
pkgs=(build-essential gcc make flex bison bc libelf-dev libssl-dev dwarves cpio
      xz-utils ccache python3 perl git rsync kmod patch qemu-system-x86 busybox-static
      gnuplot-nox sparse linux-perf gcc-aarch64-linux-gnu)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} = 0 ] && { echo "[deps] all ${#pkgs[@]} packages present"; exit 0; }
[ "$(id -u)" = 0 ] || { echo "[deps] ERROR: missing ${missing[*]}; run as root or install them" >&2; exit 1; }
echo "[deps] installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null || { echo "[deps] ERROR: apt-get update failed" >&2; exit 1; }
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
	{ echo "[deps] ERROR: apt-get install ${missing[*]} failed" >&2; exit 1; }
echo "[deps] done"
