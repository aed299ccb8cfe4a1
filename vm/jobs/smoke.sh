#!/bin/sh
# Smoke test: zram swap under the workload; after swapoff nothing is stored
# or pending and the pool is empty again; the mm selftest zram_swap_release;
# no kernel report.
. /jobs/lib.sh
zram_on 1G
/swapbench zram 64 2 || fail "swapbench"
swapoff /dev/zram0 || fail "swapoff zram0"
# swapoff frees the remaining slots through the (deferred) notification:
# the worker must bring the pool back to empty on its own.
zram_drained zram0
zram_reset zram0
# The series' mm selftest (TAP), releasing by munmap() and by exit; a
# skip is a failure here, where zram and MADV_PAGEOUT are there.
for how in "" -e; do
	/zram_swap_release -t $how || fail "zram_swap_release $how (exit $?)"
done
kmemleak_clean
dmesg_clean
echo "smoke: ok"
