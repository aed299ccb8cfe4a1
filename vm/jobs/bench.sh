#!/bin/sh
# bench.sh [set:vm/KNOB=VALUE ...] MODE:SIZE_MB:PROCS[:noreturn] ...
# Runs swapbench once per spec on a fresh zram device or zswap pool.
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
	/swapbench "$mode" "$size" "$procs" $flag || fail "swapbench $spec"
	for f in /sys/kernel/debug/deferred_free/*/stats; do
		[ -f "$f" ] && echo "# $spec $f: $(tr '\n' ' ' < "$f")"
	done
	${mode}_off
done
dmesg_clean
