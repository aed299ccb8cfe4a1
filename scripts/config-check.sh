#!/bin/bash
# config-check.sh SRC CONFIG FRAGMENT...: every CONFIG_X=y/m line of the
# fragments that the tree SRC declares (config or menuconfig in a Kconfig
# file) must be in CONFIG, the final .config. Prints each missing option;
# exits 1 if there is any.
set -uo pipefail
src=$1 cfg=$2; shift 2
missing=0
while IFS= read -r l; do
	sym=${l%%=*}
	grep -qrwE --include='Kconfig*' "^(menu)?config ${sym#CONFIG_}" "$src" || continue
	grep -qx "$l" "$cfg" && continue
	echo "missing from $cfg: $l (a dependency is off? see 'make menuconfig')"
	missing=1
done < <(grep -hE '^CONFIG_[A-Z0-9_]+=[ym]$' "$@")
exit $missing
