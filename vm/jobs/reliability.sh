#!/bin/sh
# reliability.sh [SECONDS] [SCENARIO...]: the reliability suite, run on the
# debug kernel (KASAN, lockdep, kmemleak, fault injection) with 2+ vCPUs.
# Each scenario runs in a subshell, then the same checks follow every one:
# nothing is left queued for freeing, zram and zswap are back to empty, kmemleak finds nothing new and
# dmesg holds no report. Storms last SECONDS (default 30). Prints one table
# line per scenario: name, iterations (processes, or writes for bad input),
# frees checked (values handed to deferred_free, queued or freed at once),
# result. Scenario names: storm teardown pressure compaction faults
# killswitch badinput limits (default: all).
. /jobs/lib.sh
T=${1:-30}
[ $# -gt 0 ] && shift
only=${*:-storm teardown pressure compaction faults killswitch badinput limits}
TR=/sys/kernel/tracing
EV=$TR/events/deferred_free
SYS=/proc/sys/vm/deferred_free
CPU1=/sys/devices/system/cpu/cpu1/online
FI=/sys/kernel/debug
RES=/tmp/result
BG=/tmp/bg.pids
[ -d $TR/events ] || mount -t tracefs tracefs $TR || fail "mount tracefs"
[ -d $EV ] || fail "no $EV: not a kernel with the deferred_free series and tracing"
DEF_THRESHOLD=$(cat ${SYS}_flush_threshold) || fail "read flush_threshold"
DEF_BYTES=$(cat ${SYS}_max_bytes) || fail "read max_bytes"
DEF_DELAY=$(cat ${SYS}_max_delay_ms) || fail "read max_delay_ms"

# The library's trace events, summed per reason by histogram triggers:
# deferred_free_drain (values freed by the worker, a shrinker, the owner's
# drain or a flush) and deferred_free_refuse (values an add left to its
# caller, for lack of a spare block or at the bound).
for e in deferred_free_drain deferred_free_refuse; do
	echo 'hist:keys=why:vals=nr' > $EV/$e/trigger ||
		fail "no histogram on $e: CONFIG_HIST_TRIGGERS?"
done
# tsum [FIELD] EVENT:WHY...: the sum of FIELD (default nr; hitcount counts
# the events) over the events so far, EVENT drain or refuse, WHY one of
# worker shrinker owner flush no_spare at_bound, or all.
tsum() {
	f=nr
	case $1 in *:*) ;; *) f=$1; shift ;; esac
	t=0
	for a in "$@"; do
		case ${a#*:} in
		worker) k=0 ;; shrinker) k=1 ;; owner) k=2 ;; flush) k=3 ;;
		no_spare) k=4 ;; at_bound) k=5 ;; all) k=all ;;
		*) fail "tsum: no reason ${a#*:}" ;;
		esac
		v=$(awk -v k=$k -v f="$f:" '$1 == "{" && (k == "all" || $3 == k) {
			for (i = 4; i < NF; i++) if ($i == f) s += $(i + 1) }
			END { print s + 0 }' $EV/deferred_free_${a%%:*}/hist)
		t=$((t + v))
	done
	echo $t
}
# Values handed to deferred_free so far: freed from a queue, or refused.
qtotal() { tsum drain:all refuse:all; }
# Values queued and not freed yet, as zram (mm_stat) and zswap show them:
# blocks being filled count as full.
pending() {
	{ cat /sys/block/zram*/mm_stat 2>/dev/null | awk '{ print $10 }'
	  cat $FI/zswap/pending_free 2>/dev/null; } | awk '{ s += $1 } END { print s + 0 }'
}

# Nothing is left queued: unsettled prints what is, and fails if anything.
unsettled() {
	p=$(pending)
	echo "pending_free: $p"
	[ "$p" = 0 ]
}
settle() { wait_progress "queues not drained" unsettled; }

# Keep frees pending: the worker is due only after a minute.
hold() {
	echo 60000 > ${SYS}_max_delay_ms || fail "set max_delay_ms"
	echo 9223372036854775807 > ${SYS}_flush_threshold || fail "set flush_threshold"
}
defaults() {
	echo "$DEF_DELAY" > ${SYS}_max_delay_ms &&
		echo "$DEF_THRESHOLD" > ${SYS}_flush_threshold &&
		echo "$DEF_BYTES" > ${SYS}_max_bytes || fail "restore the sysctls"
}
# Back to the defaults after hold(): the new delay re-arms the worker; and
# let reclaim (the queues' shrinker, through drop_caches) free some now.
release() {
	defaults
	echo 2 > /proc/sys/vm/drop_caches
}

# Run "$@" in a loop in the background until stop_bg.
bg_loop() {
	( while :; do "$@"; done ) &
	echo $! >> $BG
}
stop_bg() {
	[ -f $BG ] && kill $(cat $BG) 2>/dev/null
	rm -f $BG
	wait 2>/dev/null
}

storm() {	# storm SECONDS PROCS MB: prints the number of processes run
	n=$(/dfstress storm "$@" 2>/tmp/storm.err)
	r=$?
	cat /tmp/storm.err
	[ $r = 0 ] || fail "storm $*: $(sed -n '1p;$p' /tmp/storm.err | uniq | tr '\n' ' ')"
	echo "storm $*: $n processes"
	ITER=$((ITER + n))
}

pending_now() {
	p=$(pending)
	[ "$p" -gt 0 ] || fail "nothing pending $1: the scenario would prove nothing"
	echo "$p frees pending $1"
}

# zram device $1: swapoff, wait for it to empty, check that frees were
# queued at all, count, reset.
zram_done() {
	swapoff /dev/$1 || fail "swapoff $1"
	zram_drained $1
	settle
	[ "$(tsum drain:all)" -gt "$A0" ] || fail "no free was deferred: the scenario would prove nothing"
	FREES=$(($(qtotal) - F0))
	zram_reset $1
}

cpu_cycle() {
	echo 0 > $CPU1 || { sleep 0.2; return; }
	sleep 0.2
	echo 1 > $CPU1 && echo x >> /tmp/hotplug.count
	sleep 0.2
}

count() { cat "/tmp/$1.count" 2>/dev/null | wc -l; }

s_storm() {	# 1. swap-exit storm, CPU 1 offline/online loop
	zram_on 1G
	bg_loop cpu_cycle
	storm "$T" 4 2
	stop_bg
	echo 1 > $CPU1 || fail "CPU 1 does not come back online"
	c=$(count hotplug)
	echo "CPU 1 offline/online cycles: $c"
	[ "$c" -gt 0 ] || fail "CPU 1 never went offline"
	zram_done zram0
}

# Wait until the zsmalloc pools $* are gone (zswap destroys a pool that is
# no longer current once its last entry is freed, its queue with it):
# pool_left prints zswap's pending_free while pool $1 is there, and fails.
ZS=$FI/zsmalloc
zswap_pools() { ls $ZS | grep '^zswap'; }
pool_left() {
	[ -d "$ZS/$1" ] || return 0
	echo "pending_free $(cat $FI/zswap/pending_free)"
	return 1
}
gone() {
	for g in "$@"; do
		wait_progress "zswap pool $g not destroyed" pool_left "$g"
		echo "zswap pool $g destroyed (it held the frees pending above)"
	done
}

s_teardown() {	# 2. swapoff, reset, hot_remove, zswap switch, pending
	hold
	zram_on 512M
	storm 0 4 8
	pending_now "before swapoff of zram0"
	swapoff /dev/zram0 || fail "swapoff zram0"
	pending_now "before reset of zram0"
	echo 1 > /sys/block/zram0/reset || fail "zram0 reset"
	read -r _ _ used _ < /sys/block/zram0/mm_stat
	[ "${used:-0}" = 0 ] || fail "zram0 mem_used_total $used after reset"

	id=$(cat /sys/class/zram-control/hot_add) || fail "zram hot_add"
	zram_on 256M zram$id
	storm 0 2 8
	swapoff /dev/zram$id || fail "swapoff zram$id"
	pending_now "before hot_remove of zram$id"
	echo "$id" > /sys/class/zram-control/hot_remove || fail "hot_remove zram$id"
	[ -e /sys/block/zram$id ] && fail "zram$id still there after hot_remove"

	zswap_on
	storm 0 4 8
	pending_now "before the zswap compressor switch"
	old=$(zswap_pools) || fail "no zswap pool in $ZS"
	echo lz4 > /sys/module/zswap/parameters/compressor || fail "switch zswap to lz4"
	gone $old
	storm 0 2 8
	pending_now "before swapoff of zswap"
	zswap_off
	old=$(zswap_pools) || fail "no zswap pool in $ZS"
	echo lzo-rle > /sys/module/zswap/parameters/compressor || fail "switch zswap back"
	gone $old
	release
	settle
	# Counted at the end: what was held is freed by the destroys.
	FREES=$(($(qtotal) - F0))
}

s_pressure() {	# 3. towards OOM with frees pending, no OOM kill
	hold
	# All 256 MB in limbo: over the default cap (an eighth of RAM), whose
	# refusals would run the worker at once.
	echo 1073741824 > ${SYS}_max_bytes || fail "set max_bytes"
	zram_on 1500M
	# Incompressible: zram holds the whole 256 MB, all of it pending.
	storm 0 4 64 raw
	pending_now "before the allocation"
	p0=$p
	read -r _ _ limbo _ < /sys/block/zram0/mm_stat
	avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
	# Five eighths of limbo beyond MemAvailable: well over what reclaim
	# found elsewhere here (KASAN's quarantine, say: up to 70 MB), and well
	# under limbo, so that the drain makes room with a margin.
	want=$((avail + limbo * 5 / 8 / 1048576))
	d0=$(tsum drain:shrinker)
	w0=$(tsum drain:worker)
	echo "pinning $want MB: MemAvailable $avail MB, zram holds $((limbo >> 20)) MB"
	/dfstress pin $want || fail "could not pin $want MB with $((limbo >> 20)) MB in limbo"
	d=$(($(tsum drain:shrinker) - d0))
	w=$(($(tsum drain:worker) - w0))
	echo "freed under pressure: $d of $p0 values by the shrinker, $w by the worker"
	release
	zram_done zram0
	# The pin needs 5/8 of limbo beyond MemAvailable, of which reclaim
	# finds at most 70 MB elsewhere here, so at least a third of limbo
	# must come back, with no OOM kill (the checks after every scenario).
	# The worker is held by its delay and threshold, but an add that finds
	# no spare block runs it (to allocate more), and the storm's do: it
	# may be draining when the pin starts, and free limbo before reclaim
	# needs the shrinker. Assert that a quarter came back during the pin,
	# from either; the KUnit cases test the shrinker itself.
	[ $(((d + w) * 4)) -ge "$p0" ] ||
		fail "$((d + w)) of $p0 values in limbo freed during the pin, under a quarter"
}

s_compaction() {	# 4. compact_memory and zram compact in a storm
	zram_on 1G
	bg_loop compact_once
	storm "$T" 4 2
	stop_bg
	c=$(count compact)
	read -r _ _ _ _ _ _ compacted _ < /sys/block/zram0/mm_stat
	echo "compaction rounds: $c, zram pages compacted: $compacted"
	[ "$c" -gt 0 ] || fail "compaction never ran"
	zram_done zram0
}

inject() {	# inject fail_page_alloc|OFF: fail every spare block allocation
	d=fail_page_alloc
	echo 0 > $FI/$d/probability || fail "cannot stop $d"
	[ "$1" = OFF ] && return
	# The worker allocates the spares in df_fill(), which may be inlined.
	r=$(/dfstress symrange df_fill df_work_fn) || fail "symrange"
	echo "${r% *}" > $FI/$d/require-start && echo "${r#* }" > $FI/$d/require-end &&
	echo N > $FI/$d/ignore-gfp-wait && echo 0 > $FI/$d/verbose &&
	echo 0 > $FI/$d/space && echo 1 > $FI/$d/interval &&
	echo 0 > $FI/$d/min-order && echo N > $FI/$d/ignore-gfp-highmem &&
	echo 1000000 > $FI/$d/times && echo 100 > $FI/$d/probability ||
		fail "cannot set up $d"
}

# 5. Blocks are pages the worker allocates once an add finds no spare.
# Reclaim (drop_caches) takes the spares; then every allocation of a new
# one fails, for the whole storm: adds must fall back to synchronous frees.
s_faults() {	# 5. fail_page_alloc on every spare block allocation
	zram_on 1G
	# Some frees deferred first; then reclaim takes the spares, and no
	# new one may be allocated until the end.
	storm $((T / 3)) 4 24
	n0=$(tsum refuse:no_spare)
	inject fail_page_alloc
	echo 3 > /proc/sys/vm/drop_caches
	storm $((T - T / 3)) 4 24
	inject OFF
	release
	page=$((1000000 - $(cat $FI/fail_page_alloc/times)))
	n=$(($(tsum refuse:no_spare) - n0))
	echo "spare allocations failed: $page; values that fell back (no spare block): $n"
	[ "$page" -gt 0 ] || fail "fail_page_alloc made no allocation of a spare fail"
	[ "$n" -gt 0 ] || fail "no add fell back for lack of a block"
	zram_done zram0
}

toggle() {
	echo 0 > ${SYS}_max_bytes
	sleep 0.2
	echo "$DEF_BYTES" > ${SYS}_max_bytes
	echo x >> /tmp/toggle.count
	sleep 0.2
}

# Blocks the library holds, as its shrinkers count them: pending values
# (open blocks as full) and spare blocks; 0 when it holds no block.
blocks() {
	cat $FI/shrinker/deferred_free-*/count 2>/dev/null |
		awk '{ s += $2 } END { print s + 0 }'
}

s_killswitch() {	# 6. a storm with max_bytes 0, then one toggling it
	zram_on 1G
	storm 0 1 2	# some blocks, spare or queued, to give back
	[ "$(blocks)" -gt 0 ] || fail "no block held before the switch: the check below would prove nothing"
	echo 0 > ${SYS}_max_bytes || fail "set max_bytes 0"
	# Everything queued before is freed: what is freed after was queued
	# with max_bytes 0. The next shrinker call frees the spares.
	settle
	echo 3 > /proc/sys/vm/drop_caches
	b0=$(blocks)
	a0=$(tsum drain:all)
	storm $((T / 2)) 4 2
	b=$(blocks)
	settle
	off=$(($(tsum drain:all) - a0))
	echo "blocks held with max_bytes 0: $b0 after drop_caches, $b after the storm"
	[ "$b0" = 0 ] && [ "$b" = 0 ] || fail "blocks held with max_bytes 0: $b0, then $b"
	bg_loop toggle
	storm $((T / 2)) 4 2
	stop_bg
	defaults
	settle
	c=$(count toggle)
	a=$(($(tsum drain:all) - a0 - off))
	echo "toggles: $c; queued with max_bytes 0: $off, while toggling: $a"
	[ "$off" = 0 ] || fail "$off values queued with max_bytes 0"
	[ "$a" -gt 0 ] || fail "nothing queued while toggling"
	zram_done zram0
}

badwrite() {	# badwrite [-s] FILE [OUT-OF-RANGE VALUE...]
	r=$(/dfstress badwrite "$@") || fail "bad input accepted: badwrite $* (see above)"
	echo "$*: ${r% *} bad writes rejected"
	ITER=$((ITER + ${r% *}))
}

s_badinput() {	# 7. bad writes to each new sysctl/debugfs file
	zram_on 64M
	zswap_on
	storm 0 1 4
	settle
	# The vm knobs follow the stock rules, as every vm knob does.
	badwrite -s ${SYS}_flush_threshold 0
	badwrite -s ${SYS}_max_bytes
	badwrite -s ${SYS}_max_delay_ms 0 60001 4294967296
	for f in $FI/zswap/pending_free /sys/block/zram0/mm_stat; do
		badwrite "$f"
	done
	b=/sys/kernel/debug/zsmalloc/deferred_batch
	if [ -f $b ]; then
		badwrite $b 2 256
		echo 0 > $b && echo 1 > $b || fail "a valid write to $b was refused"
	fi
	for k in flush_threshold max_bytes max_delay_ms; do
		v=$(cat ${SYS}_$k)
		echo " $v" > ${SYS}_$k || fail "a valid write to $k was refused"
		echo "$v $v" > ${SYS}_$k && [ "$(cat ${SYS}_$k)" = "$v" ] ||
			fail "$k did not take the first of two numbers"
	done
	echo "$ITER bad writes rejected, old values kept"
	ITER="$ITER writes"
	release
	zswap_off
	settle
	FREES=$(($(qtotal) - F0))
	zram_off
}

# 8. mem_limit with limbo over it. One process's frees are held pending
# (25-35 MB of compressed data); then a limit under limbo plus the next
# process's data (23 MB), but over that data alone. The writes must not
# fail: at the limit limbo counts as free, as on a kernel that frees at
# once. The limit check, not the held worker, must have freed the limbo.
s_limits() {	# 8. zram mem_limit, zswap max_pool_percent hit with limbo alone over them
	# The script make limits runs on the base kernel too: one process's
	# frees held in limbo, the limit set under limbo plus the next
	# process's data, the next process.
	f0=$(tsum drain:all) s0=$(tsum drain:shrinker)
	/jobs/limits.sh > /tmp/limits.out; r=$?
	cat /tmp/limits.out
	[ $r = 0 ] || fail "limits.sh failed"
	# limits,KERNEL,zram failed writes,zswap rejections,written back,limbo zram,limbo zswap
	set -- $(grep '^limits,' /tmp/limits.out | tr , ' ')
	w=$3 h=$4 b=$5 lz=${6:-0} lw=${7:-0}
	f=$(($(tsum drain:all) - f0 - ($(tsum drain:shrinker) - s0)))
	release
	# zram's queue went with its reset: $f is zswap's. zram's limbo alone
	# and the next process's data are over mem_limit, so a write that did
	# not fail is one the limit check made room for.
	echo "held in limbo: zram $lz, zswap $lw; frees zswap's limit check made: $f"
	[ "$lz" -gt 0 ] && [ "$lw" -gt 0 ] || fail "nothing held in limbo: the scenario would prove nothing"
	[ "$w" = 0 ] || fail "$w zram writes failed while only limbo was over mem_limit"
	[ "$h" = 0 ] || fail "zswap rejected $h stores while only limbo was over its limit"
	[ "$b" = 0 ] || fail "zswap wrote $b pages back while only limbo was over its limit"
	[ "$f" -gt 0 ] || fail "zswap's limit was never hit: the scenario would prove nothing"
	ITER=4 FREES=$(($(qtotal) - F0))
}

# Back to a clean state whatever the scenario left behind.
cleanup() {
	stop_bg
	echo 1 > $CPU1 2>/dev/null
	inject OFF 2>/dev/null
	release 2>/dev/null
	swapoff -a 2>/dev/null
	echo N > /sys/module/zswap/parameters/enabled 2>/dev/null
	for z in /sys/block/zram*; do
		echo 1 > $z/reset 2>/dev/null
		id=${z#/sys/block/zram}
		[ "$id" != 0 ] && echo "$id" > /sys/class/zram-control/hot_remove 2>/dev/null
	done
	rm -f /tmp/*.count
}

# The checks after every scenario.
# (zram was checked empty after swapoff and after reset by the scenario.)
after() {
	settle
	zs=$(cat $FI/zswap/stored_pages) zp=$(cat $FI/zswap/pool_total_size)
	[ "$zs" = 0 ] && [ "$zp" = 0 ] || fail "zswap: stored_pages $zs pool_total_size $zp after swapoff"
	echo "after $1: queues drained, zswap empty"
	kmemleak_clean
	dmesg_clean
}

# Each scenario's row is printed as soon as it ends (the host counts these
# rows), and the whole table again at the end, indented.
row() { printf '%-11s %-46s %11s %13s  %s\n' "$@" | tee -a /tmp/table; }
row scenario what iterations "frees checked" result
bad=0
for s in $only; do
	echo "=== $s"
	rm -f $RES /tmp/fail.why
	(
		ITER=0 FREES=0 F0=$(qtotal) A0=$(tsum drain:all)
		s_$s
		echo "$ITER|$FREES" > $RES
	)
	rc=$?
	cleanup
	( after $s ) || rc=1
	dmesg -c > /dev/null
	iter= frees=
	[ -f $RES ] && IFS='|' read -r iter frees < $RES
	res=PASS
	[ $rc = 0 ] && [ -f $RES ] || { res=FAIL; bad=$((bad + 1)); }
	what=$(sed -n "s/^s_$s() {[[:space:]]*# [0-9]*\. //p" /jobs/reliability.sh | cut -c1-46)
	row "$s" "$what" "${iter:--}" "${frees:--}" $res
	# Why it failed, under its row: the end of the output is what is read.
	[ $res = FAIL ] && sed "s/^/            why: /" /tmp/fail.why 2>/dev/null | tee -a /tmp/table
done
echo
sed 's/^/  /' /tmp/table
[ $bad = 0 ] || fail "$bad scenario(s) failed"
echo "reliability: ok"
