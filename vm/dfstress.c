// SPDX-License-Identifier: GPL-2.0
/*
 * dfstress - workloads and probes for the reliability suite.
 *
 *   dfstress storm SECONDS PROCS MB [raw]
 *	Keep PROCS processes alive for SECONDS (at least one round of PROCS):
 *	each maps MB of anonymous memory, fills it with per-page verifiable
 *	data (compressing about 3:1, or not at all with "raw"), pushes it to
 *	swap with MADV_PAGEOUT (at least half must get there), reads every
 *	fourth page back and checks its contents, then exits (odd ones
 *	munmap() first).
 *	Fails if a process fails or is killed (an OOM kill, say).
 *   dfstress pin MB
 *	Map and mlock() MB of memory, that is, make the kernel find MB of
 *	unswappable memory now; fails if it cannot.
 *   dfstress symrange SYMBOL...
 *	Print the span of the text SYMBOLs in /proc/kallsyms that exist,
 *	from the lowest one's start to the start of the symbol after the
 *	highest one, as two hex numbers (for the fault-injection filters).
 *   dfstress badwrite [-s] FILE [VALUE...]
 *	Write malformed input to FILE, one write per open: at least 20
 *	built-in cases (negative, overflow, non-numeric, empty, huge, two
 *	numbers, writes at a non-zero offset) and each VALUE given (values
 *	out of this file's range). Each write must fail and leave the
 *	file's contents as they were. -s: FILE is a sysctl with a stock
 *	numeric handler, whose rules differ: it takes the first of two
 *	numbers (not tried), and ignores an empty write and a write at a
 *	non-zero offset (which must then leave the contents alone).
 *
 * Messages go to stderr; the exit status is non-zero on any failure.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROG "dfstress"
#include "guest.h"

static int raw;

/*
 * Page @idx of a region seeded with @seed: verifiable one page at a time.
 * Random bytes with @raw, else a 3-byte random prefix per 16 bytes.
 */
static void fill_page(unsigned char *p, unsigned int seed, size_t idx)
{
	unsigned long long x = (seed * 0x9e3779b97f4a7c15ULL) ^ (idx + 1);
	size_t i;

	for (i = 0; i < PAGE; i += raw ? 8 : 16) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (raw) {
			memcpy(p + i, &x, 8);
			continue;
		}
		memcpy(p + i, &x, 3);
		memset(p + i + 3, (int)(idx & 0xff), 13);
	}
}

static void storm_child(size_t bytes, unsigned int seed)
{
	unsigned char *p, want[PAGE];
	size_t i, pages = bytes / PAGE;

	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("child %u: mmap: %s", seed, strerror(errno));
	for (i = 0; i < pages; i++)
		fill_page(p + i * PAGE, seed, i);
	/*
	 * MADV_PAGEOUT skips pages that are off the LRU for the moment
	 * (isolated by compaction, say): try again before calling it a
	 * failure. Less than half in swap would mean the storm hardly swaps:
	 * fail rather than pass idly.
	 */
	for (i = 0; i < 3 && vmswap_kb() * 1024 < bytes / 2; i++)
		if (madvise(p, bytes, MADV_PAGEOUT))
			die("child %u: MADV_PAGEOUT: %s", seed,
			    strerror(errno));
	if (vmswap_kb() * 1024 < bytes / 2)
		die("child %u: only %lu of %zu kB went to swap after %zu tries",
		    seed, vmswap_kb(), bytes >> 10, i);
	for (i = 0; i < pages; i += 4) {
		fill_page(want, seed, i);
		if (memcmp(p + i * PAGE, want, PAGE))
			die("child %u: page %zu read back from swap differs",
			    seed, i);
	}
	if (seed & 1 && munmap(p, bytes))
		die("child %u: munmap: %s", seed, strerror(errno));
	exit(0);
}

/* Reap one child; die unless it exited with status 0. */
static void reap(void)
{
	int status;
	pid_t pid = wait(&status);

	if (pid < 0)
		die("wait: %s", strerror(errno));
	if (WIFSIGNALED(status))
		die("process %d killed by signal %d%s", pid, WTERMSIG(status),
		    WTERMSIG(status) == SIGKILL ? " (OOM kill?)" : "");
	if (WEXITSTATUS(status))
		die("process %d failed (status %d)", pid, WEXITSTATUS(status));
}

static int storm(int argc, char **argv)
{
	double end;
	unsigned int started = 0, running = 0, procs;
	size_t bytes;

	if (argc != 5 && !(argc == 6 && !strcmp(argv[5], "raw")))
		die("usage: dfstress storm SECONDS PROCS MB [raw]");
	raw = argc == 6;
	end = now_ms() + atof(argv[2]) * 1000;
	procs = atoi(argv[3]);
	bytes = strtoul(argv[4], NULL, 0) << 20;
	if (procs < 1 || procs > 64 || !bytes)
		die("bad process count or size");
	while (started < procs || now_ms() < end) {
		if (running == procs) {
			reap();
			running--;
			continue;
		}
		switch (fork()) {
		case -1:
			die("fork: %s", strerror(errno));
		case 0:
			storm_child(bytes, started + 1);
		}
		started++;
		running++;
	}
	while (running--)
		reap();
	printf("%u\n", started);
	return 0;
}

static int pin(int argc, char **argv)
{
	size_t bytes;
	void *p;

	if (argc != 3)
		die("usage: dfstress pin MB");
	bytes = strtoul(argv[2], NULL, 0) << 20;
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("mmap %zu MB: %s", bytes >> 20, strerror(errno));
	if (mlock(p, bytes))
		die("mlock %zu MB: %s", bytes >> 20, strerror(errno));
	return 0;
}

static int symrange(int argc, char **argv)
{
	unsigned long long a, start = ~0ULL, last = 0, next = ~0ULL;
	char type, name[256];
	FILE *f;
	int i;

	if (argc < 3)
		die("usage: dfstress symrange SYMBOL...");
	f = fopen("/proc/kallsyms", "r");
	if (!f)
		die("/proc/kallsyms: %s", strerror(errno));
	while (fscanf(f, "%llx %c %255s%*[^\n]", &a, &type, name) == 3)
		for (i = 2; i < argc; i++)
			if (a && !strcmp(name, argv[i]) &&
			    (type == 't' || type == 'T')) {
				start = a < start ? a : start;
				last = a > last ? a : last;
			}
	if (!last)
		die("no text symbol %s... in /proc/kallsyms (or addresses hidden)",
		    argv[2]);
	rewind(f);
	while (fscanf(f, "%llx %c %255s%*[^\n]", &a, &type, name) == 3)
		if (a > last && a < next)
			next = a;
	fclose(f);
	printf("0x%llx 0x%llx\n", start, next);
	return 0;
}

/* The whole contents of @path, NUL-terminated, in @buf. */
static void slurp(const char *path, char *buf, size_t size)
{
	ssize_t n, len = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		die("cannot read %s: %s", path, strerror(errno));
	while ((n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
}

struct bad {
	const char *desc;
	const char *data;
	size_t len;	/* 0: strlen(data) */
	off_t off;	/* -1: write(), else pwrite() at this offset */
	int stock;	/* under -s: 1 skipped, 2 need not fail */
};

static int badwrite(int argc, char **argv)
{
	static char huge[1 << 20], digits[4097], before[8192], after[8192];
	struct bad cases[64] = {
		{ "negative", "-1\n", 0, -1, 0 },
		{ "minus zero", "-0", 0, -1, 0 },
		{ "LONG_MIN", "-9223372036854775808", 0, -1, 0 },
		{ "2^64", "18446744073709551616", 0, -1, 0 },
		{ "ULONG_MAX", "18446744073709551615", 0, -1, 0 },
		{ "LONG_MAX + 1", "9223372036854775808", 0, -1, 0 },
		{ "30 digits", "999999999999999999999999999999", 0, -1, 0 },
		{ "4096 digits", digits, 0, -1, 0 },
		{ "letters", "abc\n", 0, -1, 0 },
		{ "trailing junk", "12abc", 0, -1, 0 },
		{ "decimal point", "1.5", 0, -1, 0 },
		{ "exponent", "1e3", 0, -1, 0 },
		{ "two signs", "+-3", 0, -1, 0 },
		{ "double minus", "--5", 0, -1, 0 },
		{ "bare 0x", "0x", 0, -1, 0 },
		{ "empty write", "", 0, -1, 2 },
		{ "newline only", "\n", 0, -1, 0 },
		{ "white space only", " \t \n", 0, -1, 0 },
		{ "two numbers", "1 2\n", 0, -1, 1 },
		{ "two lines", "7\n8\n", 0, -1, 1 },
		{ "NUL first", "\0" "5", 2, -1, 0 },
		{ "1 MiB string", huge, sizeof(huge), -1, 0 },
		{ "second piece (offset 1)", "5", 0, 1, 2 },
		{ "at offset 4096", "5\n", 0, 4096, 2 },
		{ NULL, NULL, 0, 0, 0 },
	};
	int i, n = 0, fd, failed = 0, stock = 0, tried = 0;
	const char *path;
	ssize_t r;

	if (argc > 2 && !strcmp(argv[2], "-s")) {
		stock = 1;
		argv++;
		argc--;
	}
	if (argc < 3)
		die("usage: dfstress badwrite [-s] FILE [VALUE...]");
	path = argv[2];
	while (cases[n].desc)
		n++;
	memset(digits, '9', sizeof(digits) - 1);
	memset(huge, 'x', sizeof(huge));
	for (i = 3; i < argc && n < 63; i++)
		cases[n++] = (struct bad){ "out of range", argv[i], 0, -1, 0 };

	for (i = 0; i < n; i++) {
		struct bad *c = &cases[i];
		size_t len = c->len ?: strlen(c->data);

		if (stock && c->stock == 1)
			continue;
		tried++;
		slurp(path, before, sizeof(before));
		fd = open(path, O_WRONLY);
		if (fd < 0) {
			r = -1;
		} else {
			r = c->off < 0 ? write(fd, c->data, len) :
					 pwrite(fd, c->data, len, c->off);
			close(fd);
		}
		slurp(path, after, sizeof(after));
		if (r >= 0 && !(stock && c->stock == 2)) {
			fprintf(stderr, "%s: %s (\"%.20s\"): accepted %zd of %zu bytes\n",
				path, c->desc, c->data, r, len);
			failed++;
		} else if (strcmp(before, after)) {
			fprintf(stderr, "%s: %s: rejected but contents changed\n",
				path, c->desc);
			failed++;
		}
	}
	printf("%d %d\n", tried, failed);
	return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && !strcmp(argv[1], "storm"))
		return storm(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "pin"))
		return pin(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "symrange"))
		return symrange(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "badwrite"))
		return badwrite(argc, argv);
	die("usage: dfstress storm|pin|symrange|badwrite ...");
	return 1;
}
