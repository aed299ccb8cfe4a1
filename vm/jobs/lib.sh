# Helpers shared by the guest jobs (sourced).
# The reason also goes to /tmp/fail.why: a suite can repeat it in its summary.
fail() { echo "FAIL: $*"; echo "$*" >> /tmp/fail.why; exit 1; }

zram_on() {	# zram_on DISKSIZE [DEVICE, default zram0]
	z=${2:-zram0}
	echo lzo-rle > /sys/block/$z/comp_algorithm || fail "$z comp_algorithm"
	echo "$1" > /sys/block/$z/disksize || fail "$z disksize"
	mkswap /dev/$z >/dev/null || fail "mkswap $z"
	swapon /dev/$z || fail "swapon $z"
}

zram_off() {
	swapoff /dev/zram0 || fail "swapoff zram0"
	zram_reset zram0
}

# Reset zram device $1; after a reset it must hold nothing at all.
zram_reset() {
	echo 1 > /sys/block/$1/reset || fail "$1 reset"
	read -r _ _ used _ < /sys/block/$1/mm_stat
	[ "${used:-0}" = 0 ] || fail "$1 mem_used_total $used after reset"
}

zswap_on() {	# zswap in front of a RAM disk (brd)
	p=/sys/module/zswap/parameters
	echo lzo-rle > $p/compressor || fail "zswap compressor"
	echo 60 > $p/max_pool_percent
	echo Y > $p/enabled || fail "zswap enable"
	mkswap /dev/ram0 >/dev/null || fail "mkswap ram0"
	swapon /dev/ram0 || fail "swapon ram0"
}

zswap_off() {
	swapoff /dev/ram0 || fail "swapoff ram0"
	echo N > /sys/module/zswap/parameters/enabled
}

# Kernel reports that must never appear.
dmesg_clean() {
	if dmesg | grep -E 'WARNING:|BUG:|Oops|KASAN|possible .*deadlock|INFO: task .* blocked|circular locking|kmemleak: .* new suspected|Out of memory|oom-kill|Killed process|is not empty|detected stalls|kernel BUG at|UBSAN:'; then
		fail "kernel reported a problem (see above)"
	fi
}

# Apply "set:PATH=VALUE" arguments: PATH is absolute (a debugfs or sysfs
# file) or relative to /proc/sys (a sysctl).
apply_sets() {
	for a in "$@"; do
		case "$a" in
		set:/*) kv=${a#set:}; f=${kv%%=*} ;;
		set:*) kv=${a#set:}; f=/proc/sys/${kv%%=*} ;;
		*) continue ;;
		esac
		echo "${kv#*=}" > "$f" || fail "cannot set $f"
	done
}

# wait_progress WHAT CMD...: run CMD every 0.1 s until it succeeds; what it
# prints is the state waited on. Fails only after 30 s (WAIT_TICKS tenths)
# in which that state did not change: guest progress, not time, so a slow
# host only waits longer. Leaves the last state in W_STATE and the time
# waited in W_MS.
wait_progress() {
	w_what=$1 w_i=0 w_n=0 w_last='' w_max=${WAIT_TICKS:-300}
	shift
	while ! W_STATE=$("$@"); do
		[ "$W_STATE" != "$w_last" ] && w_i=0 w_last=$W_STATE
		w_i=$((w_i + 1)) w_n=$((w_n + 1))
		[ $w_i -gt "$w_max" ] &&
			fail "$w_what, no progress for $((w_max / 10)).$((w_max % 10)) s: $W_STATE"
		sleep 0.1
	done
	W_MS=$((w_n * 100))
}

# After swapoff, zram device $1 must come to hold nothing but what the base
# kernel keeps too: the swap header that mkswap wrote (one page) and any
# slot whose lock was busy when its entry was freed (miss_free in
# debug_stat); nothing may stay pending. zram_left prints its counters and
# fails until then.
zram_left() {
	read -r orig compr used _ _ _ _ _ _ pending < /sys/block/"$1"/mm_stat
	miss=$(sed -n '2s/^0 *//p' /sys/block/"$1"/debug_stat)
	echo "orig $orig compr $compr mem_used_total $used pending ${pending:-?} miss_free ${miss:-?}"
	[ "${pending:-0}" = 0 ] && [ "$orig" -le $(((${miss:-0} + 1) * 4096)) ] &&
		[ "$used" -le $(((${miss:-0} + 1) * 8 * 4096)) ]
}
zram_drained() {
	wait_progress "$1 not drained after swapoff" zram_left "$1"
	echo "$1 after swapoff: $W_STATE (after $W_MS ms)"
}

# kmemleak: fail on any unreferenced object, then forget what was seen.
# An object is reported only once it is 5 s old and a second scan finds it
# unchanged: scan, wait, scan again. KMEMLEAK overrides the file's path
# (selftest.sh points it at none, whatever the host has).
kmemleak_clean() {
	k=${KMEMLEAK:-/sys/kernel/debug/kmemleak}
	[ -w "$k" ] || fail "no $k: the test kernel must have kmemleak (vm/debug.config)"
	echo scan > "$k" || fail "kmemleak scan"
	sleep 5
	echo scan > "$k" || fail "kmemleak scan"
	n=$(grep -c 'unreferenced object' "$k")
	echo "kmemleak: $n unreferenced objects"
	[ "$n" = 0 ] || { head -40 "$k"; echo clear > "$k"; fail "kmemleak"; }
	echo clear > "$k"
}

# One round of memory compaction, system-wide and of zram0's pool; counts
# itself in /tmp/compact.count when both succeeded.
compact_once() {
	echo 1 > /proc/sys/vm/compact_memory &&
		echo 1 > /sys/block/zram0/compact &&
		echo x >> /tmp/compact.count
}
