#!/bin/sh
# limits.sh: a process's frees, then zram's mem_limit and zswap's
# max_pool_percent set under what they left plus the next process's data,
# and the next process. On a kernel with deferred_free the worker is held
# off, so that the first process's frees wait in limbo and only limbo is
# over the limit; the base kernel frees them at once. Prints one line:
#   limits,<kernel>,<zram failed writes>,<zswap pool limit hits>,
#   <zswap pages written back>,<frees in zram's limbo>,<frees in zswap's limbo>
# The pages a kernel does not keep are the sum of the first three; the
# frees in limbo when the limit is set are 0 on the base kernel.
. /jobs/lib.sh
SYS=/proc/sys/vm/deferred_free
if [ -f ${SYS}_max_delay_ms ]; then
	echo 60000 > ${SYS}_max_delay_ms &&
		echo 9223372036854775807 > ${SYS}_flush_threshold || fail "hold the worker"
fi
storm() { /dfstress storm 0 1 "$1" > /dev/null || fail "dfstress storm $1 MB"; }
# Frees queued and not done, as zram and zswap show them (none on base).
pending() {
	{ cat /sys/block/zram*/mm_stat 2>/dev/null | awk '{ print $10 }'
	  cat /sys/kernel/debug/zswap/pending_free 2>/dev/null; } |
		awk '{ s += $1 } END { print s + 0 }'
}

zram_on 1G
storm 96
lz=$(pending)
echo 40M > /sys/block/zram0/mem_limit || fail "set mem_limit"
w0=$(awk '{ print $2 }' /sys/block/zram0/io_stat)
storm 64
w=$(($(awk '{ print $2 }' /sys/block/zram0/io_stat) - w0))
zram_off

z=/sys/kernel/debug/zswap p=/sys/module/zswap/parameters
zswap_on
storm 96
lw=$(pending)
h0=$(cat $z/pool_limit_hit) b0=$(cat $z/written_back_pages)
echo 1 > $p/max_pool_percent || fail "set max_pool_percent"
storm 32
h=$(($(cat $z/pool_limit_hit) - h0)) b=$(($(cat $z/written_back_pages) - b0))
zswap_off
echo "limits,$(uname -r),$w,$h,$b,$lz,$lw"
dmesg_clean
