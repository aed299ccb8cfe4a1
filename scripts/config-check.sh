#!/bin/bash
# config-check.sh [-s] SRC CONFIG FRAGMENT...: every CONFIG_X=y/m line of the
# fragments that the tree SRC declares (config or menuconfig in a Kconfig
# file) must be in CONFIG, the final .config. With -s, an option of the
# fragments (any value) that SRC does not declare at all fails too: a
# typo, when SRC is the tree the fragments are written for. Prints each
# missing option; exits 1 if there is any.
set -uo pipefail
strict=
[ "${1:-}" = -s ] && { strict=1; shift; }
src=$1 cfg=$2; shift 2
# Every symbol the tree declares, in one pass over it.
known=$(find "$src" -name 'Kconfig*' -type f -print0 | xargs -0 grep -hoE '^(menu)?config [A-Z0-9_]+' |
	sed 's/^.* /CONFIG_/' | sort -u)
missing=0
while IFS= read -r l; do
	sym=${l%%=*}
	if ! grep -qxF "$sym" <<< "$known"; then
		[ -n "$strict" ] && { echo "unknown to $src: $l (a typo? no Kconfig declares it)"; missing=1; }
		continue
	fi
	case $l in *=[ym]) ;; *) continue ;; esac
	grep -qx "$l" "$cfg" && continue
	echo "missing from $cfg: $l (a dependency is off? see 'make menuconfig')"
	missing=1
done < <(sed -nE 's/^# (CONFIG_[A-Z0-9_]+) is not set$/\1=n/p; /^CONFIG_[A-Z0-9_]+=/p' "$@")
exit $missing
