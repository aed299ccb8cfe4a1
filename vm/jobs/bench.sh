#!/bin/sh
# bench.sh [set:PATH=VALUE ...] MODE:SIZE_MB:PROCS[:noreturn|:compact|:exit|:aged] ...
# Runs swapbench once per spec on a fresh zram device or zswap pool. With
# "compact", memory compaction (and zram's compaction) runs in a loop in the
# background during the whole run; the result is reported as MODE+compact.
# With "exit", the processes exit instead of calling munmap() (swapbench's
# exit run); the result is reported as MODE+exit.
. /jobs/lib.sh
apply_sets "$@"
echo 3 > /proc/sys/vm/drop_caches
for spec in "$@"; do
	case "$spec" in set:*) continue ;; esac
	mode=${spec%%:*}; rest=${spec#*:}; size=${rest%%:*}; procs=${rest#*:}
	flag=; case $procs in *:*) flag=${procs#*:}; procs=${procs%%:*} ;; esac
	case $mode in
	zram) zram_on 3G ;;
	zswap) zswap_on ;;
	*) fail "bad spec $spec" ;;
	esac
	if [ "$flag" = compact ]; then
		( while :; do
			echo 1 > /proc/sys/vm/compact_memory
			[ $mode = zram ] && echo 1 > /sys/block/zram0/compact
		done ) &
		/swapbench "$mode" "$size" "$procs" > /tmp/out || fail "swapbench $spec"
		kill $!
		wait
		sed "s/^swapbench,$mode,/swapbench,$mode+compact,/" /tmp/out
	elif [ "$flag" = exit ] || [ "$flag" = aged ]; then
		/swapbench "$mode" "$size" "$procs" $flag > /tmp/out || fail "swapbench $spec"
		sed "s/^swapbench,$mode,/swapbench,$mode+$flag,/" /tmp/out
	else
		/swapbench "$mode" "$size" "$procs" $flag || fail "swapbench $spec"
	fi
	# Frees still queued when the case ends (zram's mm_stat, zswap's debugfs)
	z=$(awk '{ print $10 }' /sys/block/zram0/mm_stat 2>/dev/null)
	w=$(cat /sys/kernel/debug/zswap/pending_free 2>/dev/null)
	[ -n "$z$w" ] && echo "# $spec pending_free: zram ${z:--} zswap ${w:--}"
	${mode}_off
done
dmesg_clean
