#!/bin/sh
# Smoke test: zram swap under the workload, counters back to baseline after
# swapoff, no kernel report.
. /jobs/lib.sh
zram_on 1G
read -r _ _ used0 _ < /sys/block/zram0/mm_stat
/swapbench zram 64 2 || fail "swapbench"
read -r orig compr used _ _ _ _ _ < /sys/block/zram0/mm_stat
[ "$orig" = 0 ] || fail "zram still stores $orig bytes after munmap"
echo "zram mem_used_total: before $used0, after $used"
zram_off
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
