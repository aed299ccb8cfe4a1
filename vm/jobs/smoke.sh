#!/bin/sh
# Smoke test: zram swap under the workload; after swapoff nothing is stored
# or pending and the pool is empty again; no kernel report.
. /jobs/lib.sh
zram_on 1G
/swapbench zram 64 2 || fail "swapbench"
swapoff /dev/zram0 || fail "swapoff zram0"
# swapoff frees the remaining slots through the (deferred) notification:
# the worker must bring the pool back to empty on its own.
# Until reset, zram keeps the swap header that mkswap wrote (one page) and
# any slot whose lock was busy when its entry was freed (miss_free in
# debug_stat), as on the base kernel.
i=0
while :; do
	read -r orig compr used _ _ _ _ _ _ pending < /sys/block/zram0/mm_stat
	miss=$(sed -n '2s/^0 *//p' /sys/block/zram0/debug_stat)
	[ "${pending:-0}" = 0 ] && [ "$orig" -le $(((${miss:-0} + 1) * 4096)) ] &&
		[ "$used" -le $(((${miss:-0} + 1) * 8 * 4096)) ] && break
	i=$((i + 1))
	[ $i -gt 300 ] && fail "after swapoff: orig $orig compr $compr used $used pending ${pending:-?} miss_free ${miss:-?}"
	sleep 0.1
done
echo "zram after swapoff: orig $orig (miss_free ${miss:-0}), mem_used_total $used, pending ${pending:-0} (after $((i * 100)) ms)"
echo 1 > /sys/block/zram0/reset || fail "zram reset"
read -r orig _ used _ < /sys/block/zram0/mm_stat
[ "${used:-0}" = 0 ] || fail "zram mem_used_total $used after reset"
if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan > /sys/kernel/debug/kmemleak
	n=$(grep -c 'unreferenced object' /sys/kernel/debug/kmemleak)
	echo "kmemleak: $n unreferenced objects"
	[ "$n" = 0 ] || { head -40 /sys/kernel/debug/kmemleak; fail "kmemleak"; }
fi
dmesg_clean
echo "smoke: ok"
