/* SPDX-License-Identifier: GPL-2.0 */
/*
 * guest.h - helpers shared by the static guest programs (swapbench,
 * dfstress). Each program defines PROG before including this file.
 */
#ifndef DF_GUEST_H
#define DF_GUEST_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

#define PAGE 4096UL

static __attribute__((noreturn, format(printf, 1, 2))) void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, PROG ": FAIL: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

static inline double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Field FIELD (from 0) of a file of white-space separated numbers. */
static inline unsigned long long read_field(const char *path, int field)
{
	unsigned long long v = 0;
	FILE *f = fopen(path, "r");
	int i;

	if (!f)
		die("cannot open %s: %s", path, strerror(errno));
	for (i = 0; i <= field; i++)
		if (fscanf(f, "%llu", &v) != 1)
			die("cannot parse field %d of %s", field, path);
	fclose(f);
	return v;
}

static inline unsigned long vmswap_kb(void)
{
	char line[256];
	unsigned long kb = 0;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		die("cannot open /proc/self/status");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmSwap: %lu kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/*
 * Per page: a 3-byte random prefix in every 16 bytes, the rest a repeating
 * pattern.  lzo-rle stores this at roughly a third of its size.
 */
static inline void fill(unsigned char *p, size_t len, unsigned int seed)
{
	unsigned long long x = 0x9e3779b97f4a7c15ULL ^ seed;
	size_t i;

	for (i = 0; i < len; i += 16) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(p + i, &x, 3);
		memset(p + i + 3, (int)(i >> 12) & 0xff, 13);
	}
}

#endif
