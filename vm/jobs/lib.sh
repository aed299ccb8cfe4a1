# Helpers shared by the guest jobs (sourced).
fail() { echo "FAIL: $*"; exit 1; }

zram_on() {	# zram_on DISKSIZE
	echo lzo-rle > /sys/block/zram0/comp_algorithm || fail "zram comp_algorithm"
	echo "$1" > /sys/block/zram0/disksize || fail "zram disksize"
	mkswap /dev/zram0 >/dev/null || fail "mkswap zram0"
	swapon /dev/zram0 || fail "swapon zram0"
}

zram_off() {
	swapoff /dev/zram0 || fail "swapoff zram0"
	echo 1 > /sys/block/zram0/reset || fail "zram reset"
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
	if dmesg | grep -E 'WARNING:|BUG:|Oops|KASAN|possible .*deadlock|INFO: task .* blocked|circular locking|kmemleak: .* new suspected'; then
		fail "kernel reported a problem (see above)"
	fi
}

# Apply "set:PATH=VALUE" arguments; print the rest.
apply_sets() {
	for a in "$@"; do
		case "$a" in
		set:*) kv=${a#set:}; echo "${kv#*=}" > "/proc/sys/${kv%%=*}" ||
			fail "cannot set ${kv%%=*}" ;;
		esac
	done
}
