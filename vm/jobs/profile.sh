#!/bin/sh
# profile.sh [set:PATH=VALUE ...] MODE[+aged] SIZE_MB PROCS RUNS [FREQ]
# Profile the swap release with perf: cpu-clock samples with call graphs of
# the whole guest, enabled by swapbench only from its munmap() calls until
# the compressed store is back to its start (see SWAPBENCH_PERF_CTL), over
# RUNS runs. Prints the samples per task, then, for the samples taken in
# munmap() and for those in the deferred_free drain, the share of each
# function with its callees (incl) and alone (self). Under icount,
# cpu-clock counts instructions: a share of samples is a share of
# instructions. FREQ is the sampling rate (default 20000 Hz). MODE+aged
# runs swapbench's aged case (short runs of swap slots).
. /jobs/lib.sh
apply_sets "$@"
for a in "$@"; do case "$a" in set:*) shift ;; esac; done
[ $# = 4 ] || [ $# = 5 ] || fail "usage: profile.sh [set:PATH=V ...] MODE SIZE_MB PROCS RUNS [FREQ]"
mode=${1%+aged} size=$2 procs=$3 runs=$4 flag=
[ "$mode" != "$1" ] && flag=aged
perf=/usr/bin/perf freq=${5:-20000}
[ -x $perf ] || fail "no perf in this initramfs (scripts/initramfs.sh perf)"
echo 0 > /proc/sys/kernel/kptr_restrict
echo -1 > /proc/sys/kernel/perf_event_paranoid
case $mode in
zram) zram_on 3G ;;
zswap) zswap_on ;;
*) fail "bad mode $mode" ;;
esac
mkfifo /tmp/perf.ctl /tmp/perf.ack || fail "mkfifo"
export SWAPBENCH_PERF_CTL=/tmp/perf.ctl SWAPBENCH_PERF_ACK=/tmp/perf.ack
$perf record -q -a -g -e cpu-clock -F "$freq" -D -1 \
	--control=fifo:/tmp/perf.ctl,/tmp/perf.ack -o /tmp/perf.data -- \
	sh -c "for i in \$(seq $runs); do /swapbench $mode $size $procs $flag || exit 1; done" ||
	fail "perf record / swapbench"
${mode}_off
# prof TITLE REGEX: of the samples whose call chain has a function matching
# REGEX, the share in each function and its callees (incl) and in the
# function itself (self); functions at 0.5% or more.
prof() {
	awk -v title="$1" -v pat="$2" -v freq="$freq" '
	function flush(	i, hit, s, seen) {
		for (i = 0; i < n; i++)
			if (st[i] ~ pat)
				hit = 1
		if (hit) {
			tot++
			self[st[0]]++
			for (i = 0; i < n; i++)
				if (!((s = st[i]) in seen)) {
					seen[s] = 1
					incl[s]++
				}
		}
		n = 0
	}
	NF == 0 { flush(); next }
	$3 == "([kernel.kallsyms])" { st[n++] = $2 }
	END {
		flush()
		printf "## %s: %d samples at %d Hz\n", title, tot, freq
		if (!tot)
			exit
		printf "%7s %7s  %s\n", "incl", "self", "function"
		for (s in incl)
			if (incl[s] * 200 >= tot)
				printf "%6.1f%% %6.1f%%  %s\n", 100 * incl[s] / tot, 100 * self[s] / tot, s | "sort -rn"
	}' /tmp/perf.txt
}
# Kernel frames only: user frames are unwound without frame pointers.
$perf script -i /tmp/perf.data -F ip,sym,dso > /tmp/perf.txt 2>/dev/null ||
	fail "perf script"
echo "## samples by task"
$perf report -i /tmp/perf.data --stdio -g none --sort comm -F overhead,sample,comm 2>/dev/null |
	grep -E '^ +[0-9.]+%'
prof "munmap, $runs runs" '^__x64_sys_munmap$'
# The drain: the deferred_free worker, or zsmalloc's own zspage free work.
prof "drain, $runs runs" '^(df_work_fn|deferred_free_flush|deferred_free_drain|async_free_zspage)$'
dmesg_clean
