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

# After swapoff, wait until zram device $1 holds nothing but what the base
# kernel keeps too: the swap header that mkswap wrote (one page) and any
# slot whose lock was busy when its entry was freed (miss_free in
# debug_stat); nothing may stay pending. Fails after 30 s.
zram_drained() {
	i=0
	while :; do
		read -r orig compr used _ _ _ _ _ _ pending < /sys/block/$1/mm_stat
		miss=$(sed -n '2s/^0 *//p' /sys/block/$1/debug_stat)
		[ "${pending:-0}" = 0 ] && [ "$orig" -le $(((${miss:-0} + 1) * 4096)) ] &&
			[ "$used" -le $(((${miss:-0} + 1) * 8 * 4096)) ] && break
		i=$((i + 1))
		[ $i -gt 300 ] && fail "$1 after swapoff: orig $orig compr $compr used $used pending ${pending:-?} miss_free ${miss:-?}"
		sleep 0.1
	done
	echo "$1 after swapoff: orig $orig (miss_free ${miss:-0}), mem_used_total $used, pending ${pending:-0} (after $((i * 100)) ms)"
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
