// SPDX-License-Identifier: GPL-2.0
/*
 * swapbench - time the release of swapped-out anonymous memory.
 *
 * P processes each map N MB of anonymous memory, fill it with deterministic
 * data that compresses about 3:1, push it to swap with MADV_PAGEOUT and check
 * from VmSwap that at least 95% went there.  Then all of them munmap() at the
 * same moment; each times its own munmap() with CLOCK_MONOTONIC.  The parent
 * also times how long it takes until the compressed store (zram mem_used_total
 * or zswap pool_total_size) is back to its level before the run.
 *
 * Output, one CSV line per run on stdout:
 *   swapbench,<mode>,<size_mb>,<procs>,<munmap_ms_mean>,<munmap_ms_max>,
 *   <return_ms>,<swapped_pct>,<ratio>
 * With a fourth argument "noreturn", return_ms is not measured (-1): for
 * runs that hold the deferred-free worker off on purpose.
 * If SWAPBENCH_PERF_CTL and SWAPBENCH_PERF_ACK name the control and ack
 * FIFOs of a "perf record --control=fifo:CTL,ACK -D -1", sampling is
 * enabled just before the munmap() calls and disabled once the store is
 * back to its start: the profile covers only what the benchmark times.
 * Exit status is non-zero, with a message on stderr, on any failure.
 */
#define _GNU_SOURCE
#include <sys/wait.h>
#include <unistd.h>

#define PROG "swapbench"
#include "guest.h"

#define MAXP 64

static const char *mode = "zram";

/* Bytes the compressed store occupies now. */
static unsigned long long store_bytes(void)
{
	if (!strcmp(mode, "zram"))
		return read_field("/sys/block/zram0/mm_stat", 2);
	return read_field("/sys/kernel/debug/zswap/pool_total_size", 0);
}

/* Compression ratio of what is stored now (orig / compressed). */
static double store_ratio(void)
{
	unsigned long long orig, compr;

	if (!strcmp(mode, "zram")) {
		orig = read_field("/sys/block/zram0/mm_stat", 0);
		compr = read_field("/sys/block/zram0/mm_stat", 1);
	} else {
		orig = read_field("/sys/kernel/debug/zswap/stored_pages", 0) * PAGE;
		compr = read_field("/sys/kernel/debug/zswap/pool_total_size", 0);
	}
	return compr ? (double)orig / compr : 0;
}

/* Child: fill, page out, verify, report ready, wait for go, time munmap. */
static void child(size_t bytes, int idx, int ready_fd, int go_fd, int res_fd)
{
	unsigned long kb;
	unsigned char *p;
	double t0, t1, res[2];
	char c;
	int try;

	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("mmap %zu bytes: %s", bytes, strerror(errno));
	fill(p, bytes, idx + 1);
	for (try = 0; try < 3; try++) {
		if (madvise(p, bytes, MADV_PAGEOUT))
			die("MADV_PAGEOUT: %s (CONFIG_ADVISE_SYSCALLS?)",
			    strerror(errno));
		kb = vmswap_kb();
		if (kb * 1024 >= bytes * 95 / 100)
			break;
	}
	if (kb * 1024 < bytes * 95 / 100)
		die("only %lu of %zu kB went to swap", kb, bytes >> 10);
	res[0] = 100.0 * kb * 1024 / bytes;
	if (write(ready_fd, &res[0], sizeof(double)) != sizeof(double))
		die("ready pipe");
	if (read(go_fd, &c, 1) != 1)
		die("go pipe");
	t0 = now_ms();
	if (munmap(p, bytes))
		die("munmap: %s", strerror(errno));
	t1 = now_ms();
	res[1] = t1 - t0;
	if (write(res_fd, &res[1], sizeof(double)) != sizeof(double))
		die("result pipe");
	exit(0);
}

/* Send @cmd to perf's control FIFO, if any, and wait for its ack. */
static void perf_ctl(const char *cmd)
{
	const char *ctl = getenv("SWAPBENCH_PERF_CTL");
	const char *ack = getenv("SWAPBENCH_PERF_ACK");
	char buf[8];
	FILE *f;

	if (!ctl || !ack)
		return;
	f = fopen(ctl, "w");
	if (!f || fprintf(f, "%s\n", cmd) < 0 || fclose(f))
		die("perf control fifo %s: %s", ctl, strerror(errno));
	f = fopen(ack, "r");
	if (!f || !fgets(buf, sizeof(buf), f) || strncmp(buf, "ack", 3))
		die("no ack from perf on %s", ack);
	fclose(f);
}

int main(int argc, char **argv)
{
	int ready[2], go[2], res[2], procs, i, status, failed = 0;
	double sum = 0, max = 0, pct, minpct = 100, t0, ret_ms, ratio, v;
	unsigned long long base, stored, slack;
	size_t bytes;

	if (argc != 4 && !(argc == 5 && !strcmp(argv[4], "noreturn")))
		die("usage: swapbench zram|zswap SIZE_MB PROCS [noreturn]");
	mode = argv[1];
	bytes = strtoul(argv[2], NULL, 0) << 20;
	procs = atoi(argv[3]);
	if (strcmp(mode, "zram") && strcmp(mode, "zswap"))
		die("mode must be zram or zswap, not %s", mode);
	if (!bytes || procs < 1 || procs > MAXP)
		die("bad size or process count");
	if (pipe(ready) || pipe(go) || pipe(res))
		die("pipe");

	base = store_bytes();
	for (i = 0; i < procs; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (!pid)
			child(bytes, i, ready[1], go[0], res[1]);
	}
	for (i = 0; i < procs; i++) {
		if (read(ready[0], &pct, sizeof(pct)) != sizeof(pct))
			die("a child failed before munmap");
		if (pct < minpct)
			minpct = pct;
	}
	ratio = store_ratio();
	stored = store_bytes();
	/* "Returned" = within 1% of what the run added, or 256 KiB. */
	slack = stored > base ? (stored - base) / 100 : 0;
	if (slack < (256 << 10))
		slack = 256 << 10;

	perf_ctl("enable");
	t0 = now_ms();
	for (i = 0; i < procs; i++)
		if (write(go[1], "g", 1) != 1)
			die("go pipe");
	for (i = 0; i < procs; i++) {
		if (read(res[0], &v, sizeof(v)) != sizeof(v))
			die("a child failed in munmap");
		sum += v;
		if (v > max)
			max = v;
	}
	while (argc == 4 && store_bytes() > base + slack) {
		if (now_ms() - t0 > 60000)
			die("store still holds %llu bytes over its start after 60 s",
			    store_bytes() - base);
		/* Poll gently: each read costs guest time the drain could use. */
		usleep(1000);
	}
	ret_ms = argc == 4 ? now_ms() - t0 : -1;
	perf_ctl("disable");
	for (i = 0; i < procs; i++) {
		wait(&status);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			failed = 1;
	}
	if (failed)
		die("a child exited with an error");
	printf("swapbench,%s,%zu,%d,%.3f,%.3f,%.3f,%.1f,%.2f\n", mode,
	       bytes >> 20, procs, sum / procs, max, ret_ms, minpct, ratio);
	return 0;
}
