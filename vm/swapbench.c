// SPDX-License-Identifier: GPL-2.0
/*
 * swapbench - time the release of swapped-out anonymous memory.
 *
 * P processes each map N MB of anonymous memory, fill it with deterministic
 * data that compresses about 3:1, push it to swap with MADV_PAGEOUT and check
 * from VmSwap that at least 95% went there.  Then all of them munmap() at the
 * same moment; each times its own munmap() with CLOCK_MONOTONIC.  The parent
 * also times how long it takes until the compressed store (zram mem_used_total
 * or zswap pool_total_size) is back to its level before the run, and then
 * until free memory (MemFree plus the per-CPU free lists, from
 * /proc/zoneinfo) is back to its level before the processes were forked,
 * within 1% of what the run took from it or 1 MiB.
 *
 * Output, one CSV line per run on stdout:
 *   swapbench,<mode>,<size_mb>,<procs>,<munmap_ms_mean>,<munmap_ms_max>,
 *   <return_ms>,<swapped_pct>,<ratio>,<memfree_ms>,<median_run>
 * With a fourth argument "noreturn", return_ms and memfree_ms are not
 * measured (-1): for runs that hold the deferred-free worker off on purpose.
 * memfree_ms is also -1 when free memory is not back 10 s after the start.
 * With a fourth argument "exit", the exit path of a low-memory kill: each
 * process pages out only the second half of its mapping (at least 95% of
 * that half must be in swap, all of the first half resident, by mincore())
 * and on the go signal calls _exit(0) without munmap(); munmap_ms_mean and
 * munmap_ms_max are then the mean and max over the processes of the time
 * from the go signal until the parent's waitpid() returns that process, and
 * swapped_pct is the share of the second half in swap.
 * If SWAPBENCH_PERF_CTL and SWAPBENCH_PERF_ACK name the control and ack
 * FIFOs of a "perf record --control=fifo:CTL,ACK -D -1", sampling is
 * enabled just before the munmap() calls (or the go signal of an exit run)
 * and disabled once the store is back to its start: the profile covers only
 * what the benchmark times.
 * With a fourth argument "aged", the swap of an aged system: each process
 * pages its mapping out in pieces of 1 to 4 pages taken in a shuffled order
 * (a fixed seed per process), so that its swap slots are not contiguous
 * with its addresses and munmap() releases many short runs, as on a system
 * whose swap has been in use for a while; then it times munmap() as usual.
 * Before the go signal each process reads its swap entries from
 * /proc/self/pagemap and prints, as a line "# runs ...", the histogram of
 * the lengths of its runs of consecutive slots (in address order); the
 * largest median run over the processes is the CSV's median_run.
 * Exit status is non-zero, with a message on stderr, on any failure.
 */
#define _GNU_SOURCE
#include <sys/wait.h>
#include <unistd.h>

#define PROG "swapbench"
#include "guest.h"

#define MAXP 64

static const char *mode = "zram";
static int exit_run, aged_run;

/*
 * Free memory in kB: MemFree, the zones' free pages, plus the pages on the
 * per-CPU free lists, which MemFree counts as used.  The kernel lets those
 * lists grow while a burst of frees lasts (here up to about 200 MB on one
 * CPU) and drains them only seconds later, so MemFree alone stays far below
 * its start long after everything was freed.  Both come from one read of
 * /proc/zoneinfo: a zone's free pages are printed before its lists.
 */
static unsigned long long free_kb(void)
{
	unsigned long long pages = 0, n;
	char line[256];
	FILE *f = fopen("/proc/zoneinfo", "r");

	if (!f)
		die("cannot open /proc/zoneinfo: %s", strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, " pages free %llu", &n) == 1 ||
		    sscanf(line, " count: %llu", &n) == 1)
			pages += n;
	fclose(f);
	if (!pages)
		die("no free pages in /proc/zoneinfo");
	return pages * (PAGE >> 10);
}

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

/* Pages of [@p, @p + @len) in memory, by mincore(). */
static size_t resident_pages(unsigned char *p, size_t len)
{
	unsigned char *vec = malloc(len / PAGE);
	size_t i, n = 0;

	if (!vec)
		die("no memory for the mincore() vector");
	if (mincore(p, len, vec))
		die("mincore: %s", strerror(errno));
	for (i = 0; i < len / PAGE; i++)
		n += vec[i] & 1;
	free(vec);
	return n;
}

/*
 * Page out [@p, @p + @len) in pieces of 1 to 4 pages, in a shuffled order
 * (Fisher-Yates with a fixed seed): the swap allocator hands out slots in
 * the order pages reach it, so neighbouring pieces get distant slots.
 */
static void page_out_aged(unsigned char *p, size_t len, unsigned int seed)
{
	size_t pages = len / PAGE, n = 0, i, j, at;
	unsigned int *start = malloc((pages + 1) * sizeof(*start)), t;
	unsigned int *order = malloc(pages * sizeof(*order));

	if (!start || !order)
		die("no memory for the page-out order");
	srandom(seed);
	for (at = 0; at < pages; at += 1 + random() % 4)
		start[n++] = at;
	start[n] = pages;
	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = n - 1; i > 0; i--) {
		j = random() % (i + 1);
		t = order[i], order[i] = order[j], order[j] = t;
	}
	for (i = 0; i < n; i++) {
		at = start[order[i]];
		if (madvise(p + at * PAGE, (start[order[i] + 1] - at) * PAGE,
			    MADV_PAGEOUT))
			die("MADV_PAGEOUT: %s", strerror(errno));
	}
	free(order);
	free(start);
}

/*
 * Runs of consecutive swap slots in [@p, @p + @len), in address order, from
 * /proc/self/pagemap (bit 62: swapped; bits 0-4 type, 5-54 offset): print
 * their length histogram as "# runs ..." and return the median run length.
 */
static unsigned int swap_runs(unsigned char *p, size_t len, int procs,
			      int idx, const char *tag)
{
	size_t pages = len / PAGE, i, runs = 0, seen = 0, run = 0;
	unsigned long long *pm = malloc(pages * sizeof(*pm)), prev = 0;
	unsigned long *count = calloc(pages + 1, sizeof(*count));
	unsigned int median = 0, lo, hi;
	FILE *f = fopen("/proc/self/pagemap", "r");

	if (!pm || !count || !f)
		die("cannot read /proc/self/pagemap: %s", strerror(errno));
	if (fseek(f, (unsigned long)p / PAGE * 8, SEEK_SET) ||
	    fread(pm, 8, pages, f) != pages)
		die("short read of /proc/self/pagemap");
	fclose(f);
	for (i = 0; i <= pages; i++) {
		unsigned long long e = i < pages ? pm[i] : 0;
		int swapped = (e >> 62 & 3) == 1;
		unsigned long long slot = e & ((1ULL << 55) - 1);

		if (run && swapped && slot == prev + (1 << 5)) {
			run++;
		} else {
			if (run)
				count[run]++, runs++;
			run = swapped;
		}
		prev = slot;
	}
	free(pm);
	for (i = 1; i <= pages; i++) {
		seen += count[i];
		if (!median && runs && seen * 2 >= runs)
			median = i;
	}
	printf("# runs %s%s%s P=%d #%d: %zu runs, median %u; length:count",
	       mode, tag ? "+" : "", tag ? tag : "", procs, idx, runs, median);
	/* Buckets 1, 2, 3-4, 5-8, 9-16, ...: powers of two. */
	for (lo = 1; lo <= pages; lo = hi + 1) {
		unsigned long c = 0;

		hi = 2 * lo - 2 > lo ? 2 * lo - 2 : lo;
		for (i = lo; i <= hi && i <= pages; i++)
			c += count[i];
		if (!c)
			continue;
		if (lo == hi)
			printf(" %u:%lu", lo, c);
		else
			printf(" %u-%u:%lu", lo, hi, c);
	}
	printf("\n");
	fflush(stdout);
	free(count);
	return median;
}

/*
 * Child: fill, page out (all of it, or the second half for an exit run),
 * verify, report ready, wait for go, then time munmap() or just _exit().
 */
static void child(size_t bytes, int procs, int idx, int ready_fd, int go_fd,
		  int res_fd)
{
	size_t out = exit_run ? bytes / 2 : bytes, in;
	unsigned long kb;
	unsigned char *p;
	double t0, t1, res[3];
	char c;
	int try;

	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("mmap %zu bytes: %s", bytes, strerror(errno));
	fill(p, bytes, idx + 1);
	if (aged_run)
		page_out_aged(p, bytes, idx + 1);
	for (try = 0; try < 3; try++) {
		if (madvise(p + bytes - out, out, MADV_PAGEOUT))
			die("MADV_PAGEOUT: %s (CONFIG_ADVISE_SYSCALLS?)",
			    strerror(errno));
		kb = vmswap_kb();
		if (kb * 1024 >= out * 95 / 100)
			break;
	}
	if (kb * 1024 < out * 95 / 100)
		die("only %lu of %zu kB went to swap", kb, out >> 10);
	if (exit_run) {
		in = resident_pages(p, bytes - out);
		if (in < (bytes - out) / PAGE)
			die("only %zu of the %zu pages of the first half are resident",
			    in, (bytes - out) / PAGE);
	}
	res[0] = 100.0 * kb * 1024 / out;
	res[1] = swap_runs(p + bytes - out, out, procs, idx,
			   exit_run ? "exit" : aged_run ? "aged" : NULL);
	if (write(ready_fd, res, 2 * sizeof(double)) != 2 * sizeof(double))
		die("ready pipe");
	if (read(go_fd, &c, 1) != 1)
		die("go pipe");
	if (exit_run)
		_exit(0);
	t0 = now_ms();
	if (munmap(p, bytes))
		die("munmap: %s", strerror(errno));
	t1 = now_ms();
	res[2] = t1 - t0;
	if (write(res_fd, &res[2], sizeof(double)) != sizeof(double))
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
	int ready[2], go[2], res[2], procs, i, status, failed = 0, noreturn;
	double sum = 0, max = 0, ready_msg[2], minpct = 100, t0, ret_ms, free_ms;
	double ratio, v, median_run = 0;
	unsigned long long base, stored, slack, free0, taken, free_slack;
	size_t bytes;

	exit_run = argc == 5 && !strcmp(argv[4], "exit");
	noreturn = argc == 5 && !strcmp(argv[4], "noreturn");
	aged_run = argc == 5 && !strcmp(argv[4], "aged");
	if (argc != 4 && !exit_run && !noreturn && !aged_run)
		die("usage: swapbench zram|zswap SIZE_MB PROCS [noreturn|exit|aged]");
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
	free0 = free_kb();
	for (i = 0; i < procs; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (!pid)
			child(bytes, procs, i, ready[1], go[0], res[1]);
	}
	/* Only the children write: a read ends once every child is gone. */
	close(ready[1]);
	close(res[1]);
	for (i = 0; i < procs; i++) {
		if (read(ready[0], ready_msg, sizeof(ready_msg)) !=
		    sizeof(ready_msg))
			die("a child failed before munmap");
		if (ready_msg[0] < minpct)
			minpct = ready_msg[0];
		if (ready_msg[1] > median_run)
			median_run = ready_msg[1];
	}
	ratio = store_ratio();
	stored = store_bytes();
	/* "Returned" = within 1% of what the run added, or 256 KiB. */
	slack = stored > base ? (stored - base) / 100 : 0;
	if (slack < (256 << 10))
		slack = 256 << 10;
	/* Free memory: within 1% of what the run took from it, or 1 MiB. */
	taken = free_kb();
	taken = free0 > taken ? free0 - taken : 0;
	free_slack = taken / 100;
	if (free_slack < 1024)
		free_slack = 1024;

	perf_ctl("enable");
	t0 = now_ms();
	for (i = 0; i < procs; i++)
		if (write(go[1], "g", 1) != 1)
			die("go pipe");
	for (i = 0; i < procs; i++) {
		if (exit_run) {
			if (waitpid(-1, &status, 0) < 0)
				die("waitpid: %s", strerror(errno));
			v = now_ms() - t0;
			if (!WIFEXITED(status) || WEXITSTATUS(status))
				failed = 1;
		} else if (read(res[0], &v, sizeof(v)) != sizeof(v)) {
			die("a child failed in munmap");
		}
		sum += v;
		if (v > max)
			max = v;
	}
	while (!noreturn && store_bytes() > base + slack) {
		if (now_ms() - t0 > 60000)
			die("store still holds %llu bytes over its start after 60 s",
			    store_bytes() - base);
		/* Poll gently: each read costs guest time the drain could use. */
		usleep(1000);
	}
	ret_ms = noreturn ? -1 : now_ms() - t0;
	perf_ctl("disable");
	for (i = 0; !exit_run && i < procs; i++) {
		wait(&status);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			failed = 1;
	}
	if (failed)
		die("a child exited with an error");
	/*
	 * Free memory only now: the store's pages are part of what the run
	 * took from it, so it is not back before the store is, and reading
	 * /proc/zoneinfo earlier would cost the drain time.  Not back after
	 * 10 s (a debug kernel's quarantine, say) is not a failure: -1.
	 */
	for (free_ms = -1; !noreturn; usleep(1000)) {
		if (free_kb() + free_slack >= free0) {
			free_ms = now_ms() - t0;
			break;
		}
		if (now_ms() - t0 > 10000) {
			fprintf(stderr, PROG ": free memory %llu kB under its start after 10 s\n",
				free0 - free_kb());
			break;
		}
	}
	printf("swapbench,%s,%zu,%d,%.3f,%.3f,%.3f,%.1f,%.2f,%.3f,%.0f\n", mode,
	       bytes >> 20, procs, sum / procs, max, ret_ms, minpct, ratio,
	       free_ms, median_run);
	return 0;
}
