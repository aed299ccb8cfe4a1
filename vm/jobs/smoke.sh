#!/bin/sh
# Smoke test: zram swap under the workload; after swapoff nothing is stored
# or pending and the pool is empty again; no kernel report.
. /jobs/lib.sh
zram_on 1G
/swapbench zram 64 2 || fail "swapbench"
swapoff /dev/zram0 || fail "swapoff zram0"
# swapoff frees the remaining slots through the (deferred) notification:
# the worker must bring the pool back to empty on its own.
zram_drained zram0
zram_reset zram0
kmemleak_clean
dmesg_clean
echo "smoke: ok"
