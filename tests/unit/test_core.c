// SPDX-License-Identifier: Apache-2.0
/*
 * Host unit tests of the hypervisor's own building blocks: the page
 * ownership table and allocator, the Armv8 translation-table code, bitmaps
 * and the formatter. The sources are the hypervisor's, compiled for the host.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/armv8/pt.h"
#include "core/mem.h"
#include "lib/bitmap.h"
#include "lib/format.h"
#include "lib/sha256.h"
#include "unit.h"

/* mem.c's locking waits through these; nothing runs concurrently here. */
void arch_cpu_relax(void)
{
}

void arch_cpu_wake_all(void)
{
}

/* The hypervisor's invariant checks end the test run here. */
void panic(const char *fmt, ...)
{
	printf("panic: %s\n", fmt);
	abort();
}

#define POOL_BASE  0x40000000ull
#define POOL_PAGES 4096u /* 16 MiB */

static owner_t owners[POOL_PAGES] __attribute__((aligned(8)));

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void test_mem_claim_release(void)
{
	struct mem_pool p;

	mem_pool_init(&p, POOL_BASE, POOL_PAGES, owners);
	CHECK(p.free_pages == POOL_PAGES);
	CHECK(mem_claim(&p, POOL_BASE, 2 * MiB, OWNER_HYP) == 0);
	CHECK(mem_claim(&p, POOL_BASE + MiB, PAGE_SIZE, OWNER_VM(0)) != 0);
	CHECK(mem_owner(&p, POOL_BASE + MiB) == OWNER_HYP);
	CHECK(mem_claim(&p, POOL_BASE + 3 * MiB, 100, OWNER_VM(0)) != 0);
	CHECK(mem_claim(&p, POOL_BASE - PAGE_SIZE, PAGE_SIZE, OWNER_VM(0)) !=
	      0);
	CHECK(mem_claim(&p, POOL_BASE + 15 * MiB, 2 * MiB, OWNER_VM(0)) != 0);
	CHECK(mem_claim(&p, POOL_BASE + 4 * MiB, PAGE_SIZE, OWNER_FREE) != 0);
	CHECK(mem_release(&p, POOL_BASE, 2 * MiB, OWNER_VM(0)) != 0);
	CHECK(mem_count_owned(&p, OWNER_HYP) == 512);
	CHECK(mem_release(&p, POOL_BASE, 2 * MiB, OWNER_HYP) == 0);
	CHECK(p.free_pages == POOL_PAGES);
	CHECK(mem_owner(&p, POOL_BASE + 64 * MiB) == OWNER_HYP);
}

static void test_mem_alloc_alignment(void)
{
	struct mem_pool p;
	paddr_t a, b;

	mem_pool_init(&p, POOL_BASE, POOL_PAGES, owners);
	CHECK(mem_claim(&p, POOL_BASE, PAGE_SIZE, OWNER_HYP) == 0);
	a = mem_alloc(&p, 2 * MiB, 2 * MiB, OWNER_VM(1));
	CHECKF(a == POOL_BASE + 2 * MiB, "a = %llx", (unsigned long long)a);
	b = mem_alloc(&p, PAGE_SIZE, PAGE_SIZE, OWNER_VM(1));
	CHECKF(b == POOL_BASE + PAGE_SIZE, "b = %llx", (unsigned long long)b);
	CHECK(mem_alloc(&p, 32 * MiB, PAGE_SIZE, OWNER_VM(1)) == 0);
	CHECK(mem_alloc(&p, 0, PAGE_SIZE, OWNER_VM(1)) == 0);
	CHECK(mem_alloc(&p, PAGE_SIZE, PAGE_SIZE, OWNER_FREE) == 0);
}

/* Random allocations and releases: no page twice, counts always add up. */
static void test_mem_random(void)
{
	struct mem_pool p;
	struct {
		paddr_t pa;
		uint64_t size;
		owner_t owner;
	} live[64] = {0};

	mem_pool_init(&p, POOL_BASE, POOL_PAGES, owners);
	for (int round = 0; round < 20000; round++) {
		unsigned k = rnd() % 64;

		if (live[k].pa) {
			CHECK(mem_release(&p, live[k].pa, live[k].size,
					  live[k].owner) == 0);
			live[k].pa = 0;
			continue;
		}
		live[k].size = (1 + rnd() % 64) * PAGE_SIZE;
		live[k].owner = OWNER_VM(rnd() % 8);
		live[k].pa =
		    mem_alloc(&p, live[k].size,
			      (rnd() & 1) ? 2 * MiB : PAGE_SIZE, live[k].owner);
		for (uint64_t off = 0; live[k].pa && off < live[k].size;
		     off += PAGE_SIZE)
			CHECK(mem_owner(&p, live[k].pa + off) == live[k].owner);
	}
	size_t used = 0;

	for (unsigned k = 0; k < 64; k++)
		used += live[k].pa ? live[k].size / PAGE_SIZE : 0;
	CHECK(used + p.free_pages == POOL_PAGES);
	CHECK(mem_count_owned(&p, OWNER_FREE) == p.free_pages);
}

/* The pages of a set, by brute force: each page from the base on, in order. */
static paddr_t brute_pa(const struct mem_pool *p, const struct frames *f,
			uint64_t index)
{
	paddr_t pa = f->base;

	for (;; pa += PAGE_SIZE)
		if ((f->colors >> ((pa / PAGE_SIZE) % p->colors) & 1) &&
		    index-- == 0)
			return pa;
}

/* A random non-empty color mask of a pool with `colors` colors. */
static uint64_t random_colors(unsigned colors)
{
	uint64_t all = colors == 64 ? ~0ull : (1ull << colors) - 1;
	uint64_t mask = rnd() & all;

	return mask ? mask : 1ull << (rnd() % colors);
}

/* frames_pa, frames_index and frames_run against counting page by page. */
/* NOLINTNEXTLINE(readability-function-cognitive-complexity): nested sweeps */
static void test_color_arithmetic(void)
{
	static const unsigned counts[] = {1, 2, 3, 7, 16, 64};
	struct mem_pool p = {.base = POOL_BASE};

	for (unsigned c = 0; c < sizeof(counts) / sizeof(counts[0]); c++) {
		p.colors = counts[c];
		for (int round = 0; round < 300; round++) {
			uint64_t colors = random_colors(p.colors);
			struct frames f = {
			    mem_next_colored(
				&p, POOL_BASE + rnd() % 512 * PAGE_SIZE,
				colors),
			    colors, 1 + rnd() % 200};
			uint64_t next = 0, index;

			CHECK(mem_color(&p, f.base) < p.colors);
			for (uint64_t k = 0; k < f.pages; k++) {
				paddr_t pa = brute_pa(&p, &f, k);

				CHECKF(frames_pa(&p, &f, k) == pa,
				       "colors %u mask 0x%llx page %llu",
				       p.colors, (unsigned long long)colors,
				       (unsigned long long)k);
				CHECK(frames_index(&p, &f, pa, &index) &&
				      index == k);
				CHECK(!frames_index(&p, &f, pa + PAGE_SIZE,
						    &index) ||
				      index == k + 1);
			}
			CHECK(
			    !frames_index(&p, &f, f.base - PAGE_SIZE, &index));
			for_each_run (&p, &f, run) {
				CHECK(run.index == next);
				for (uint64_t i = 0; i < run.pages; i++)
					CHECK(brute_pa(&p, &f, run.index + i) ==
					      run.pa + i * PAGE_SIZE);
				/* Maximal: the next page is elsewhere. */
				CHECK(run.index + run.pages == f.pages ||
				      brute_pa(&p, &f, run.index + run.pages) !=
					  run.pa + run.pages * PAGE_SIZE);
				next += run.pages;
			}
			CHECK(next == f.pages);
		}
	}
}

/*
 * Random colored and contiguous allocations and releases in pools of random
 * geometry: no page given twice, every page of its set's colors, the table's
 * summary agrees, and every count comes back after release.
 */
/* NOLINTNEXTLINE(readability-function-cognitive-complexity): one scenario */
static void test_mem_colored_random(void)
{
	struct mem_pool p;
	struct {
		struct frames f;
		owner_t owner;
	} live[32];
	static owner_t shadow[POOL_PAGES];

	for (int pool = 0; pool < 20; pool++) {
		mem_pool_init(&p, POOL_BASE, POOL_PAGES, owners);
		p.colors = 1 + rnd() % 32;
		memset(live, 0, sizeof(live));
		memset(shadow, OWNER_FREE, sizeof(shadow));
		for (int round = 0; round < 1500; round++) {
			unsigned k = rnd() % 32;
			struct frames *f = &live[k].f;

			if (f->pages) {
				CHECK(mem_release_frames(&p, f, OWNER_VM(1)) !=
				      0);
				CHECK(mem_release_frames(&p, f,
							 live[k].owner) == 0);
				for_each_run (&p, f, run)
					for (uint64_t i = 0; i < run.pages; i++)
						shadow[(run.pa - POOL_BASE) /
							   PAGE_SIZE +
						       i] = OWNER_FREE;
				f->pages = 0;
				continue;
			}
			*f = (struct frames){0,
					     rnd() % 4 ? random_colors(p.colors)
						       : mem_all_colors(&p),
					     1 + rnd() % 300};
			live[k].owner = OWNER_VM(2 + k % 8);
			if (mem_alloc_frames(&p, f, PAGE_SIZE, live[k].owner)) {
				f->pages = 0;
				continue;
			}
			for (uint64_t i = 0; i < f->pages; i++) {
				paddr_t pa = frames_pa(&p, f, i);
				size_t page = (pa - POOL_BASE) / PAGE_SIZE;

				CHECK(f->colors >> mem_color(&p, pa) & 1);
				CHECKF(shadow[page] == OWNER_FREE,
				       "page 0x%llx given twice",
				       (unsigned long long)pa);
				shadow[page] = live[k].owner;
				CHECK(mem_owner(&p, pa) == live[k].owner);
			}
		}
		CHECK(memcmp(shadow, owners, sizeof(shadow)) == 0);
		for (unsigned k = 0; k < 32; k++) {
			struct mem_summary s =
			    mem_summarize(&p, OWNER_VM(2 + k % 8));
			uint64_t pages = 0;

			for (unsigned j = k % 8; j < 32; j += 8)
				pages += live[j].f.pages;
			CHECK(s.pages == pages);
			if (live[k].f.pages)
				CHECK(s.colors & live[k].f.colors);
		}
		for (unsigned k = 0; k < 32; k++)
			if (live[k].f.pages)
				CHECK(mem_release_frames(&p, &live[k].f,
							 live[k].owner) == 0);
		CHECK(p.free_pages == POOL_PAGES);
		CHECK(mem_count_owned(&p, OWNER_FREE) == POOL_PAGES);
	}
}

/* A colored set lands on its colors only, and the summary says so. */
static void test_mem_colored_summary(void)
{
	struct mem_pool p;
	struct frames f = {0, 0x3f, 1024};
	struct mem_summary s;

	mem_pool_init(&p, POOL_BASE, POOL_PAGES, owners);
	p.colors = 16;
	CHECK(mem_claim(&p, POOL_BASE, PAGE_SIZE * 5, OWNER_HYP) == 0);
	CHECK(mem_alloc_frames(&p, &f, 2 * MiB, OWNER_VM(0)) != 0);
	CHECK(mem_alloc_frames(&p, &f, PAGE_SIZE, OWNER_VM(0)) == 0);
	/* Page 5 (color 5), then colors 0..5 of every 16 pages. */
	CHECK(f.base == POOL_BASE + 5 * PAGE_SIZE);
	s = mem_summarize(&p, OWNER_VM(0));
	CHECK(s.colors == 0x3f && s.pages == 1024 && s.runs == 1 + 171);
	f.colors = 0;
	CHECK(mem_alloc_frames(&p, &f, PAGE_SIZE, OWNER_VM(1)) != 0);
	f.colors = 1ull << 16;
	CHECK(mem_alloc_frames(&p, &f, PAGE_SIZE, OWNER_VM(1)) != 0);
	f = (struct frames){0, 0xc0, 256};
	CHECK(mem_alloc_frames(&p, &f, PAGE_SIZE, OWNER_VM(1)) == 0);
	CHECK(f.base == POOL_BASE + 6 * PAGE_SIZE);
	s = mem_summarize(&p, OWNER_VM(1));
	CHECK(s.colors == 0xc0 && s.pages == 256 && s.runs == 128);
	/* Too many pages of one color for the pool. */
	f = (struct frames){0, 1, POOL_PAGES / 16};
	CHECK(mem_alloc_frames(&p, &f, PAGE_SIZE, OWNER_VM(2)) != 0);
	CHECK(p.free_pages == POOL_PAGES - 5 - 1024 - 256);
}

/* A transfer between owners (parent to child) frees nothing. */
static void test_pool_transfer_frames(void)
{
	struct frames f = {0, 0x5, 100};

	mem_pool_init(&hyp_mem, POOL_BASE, POOL_PAGES, owners);
	hyp_mem.colors = 4;
	CHECK(pool_alloc_frames(&f, PAGE_SIZE, OWNER_VM(0)) == 0);
	CHECK(pool_transfer_frames(&f, OWNER_VM(1), OWNER_VM(2)) != 0);
	CHECK(pool_transfer_frames(&f, OWNER_VM(0), OWNER_FREE) != 0);
	CHECK(pool_transfer_frames(&f, OWNER_VM(0), OWNER_VM(1)) == 0);
	CHECK(hyp_mem.free_pages == POOL_PAGES - 100);
	CHECK(mem_summarize(&hyp_mem, OWNER_VM(1)).pages == 100);
	CHECK(mem_summarize(&hyp_mem, OWNER_VM(1)).colors == 0x5);
	CHECK(mem_release_frames(&hyp_mem, &f, OWNER_VM(1)) == 0);
	CHECK(hyp_mem.free_pages == POOL_PAGES);
}

static unsigned tables_allocated;
static void *tables[1024];
static unsigned tables_live;

static void *table_alloc(void)
{
	void *t = aligned_alloc(4096, 4096);

	memset(t, 0, 4096);
	tables_allocated++;
	if (tables_live < 1024)
		tables[tables_live++] = t;
	return t;
}

static void tables_free(void)
{
	while (tables_live)
		free(tables[--tables_live]);
}

static void test_pt_blocks_and_translate(void)
{
	uint64_t *root = table_alloc();
	uint64_t pa, attr;

	tables_allocated = 0;
	/* 1 GiB + 2 MiB + 4 KiB at aligned addresses: one of each size. */
	CHECK(pt_map(root, 1, 0x40000000, 0x80000000, GiB + 2 * MiB + 4096,
		     PT_S2_NORMAL, table_alloc) == 0);
	CHECKF(tables_allocated == 2, "%u tables", tables_allocated);
	CHECK(pt_translate(root, 1, 0x40001234, &pa, &attr) &&
	      pa == 0x80001234);
	CHECK(pt_translate(root, 1, 0x80100010, &pa, &attr) &&
	      pa == 0xc0100010);
	CHECK(pt_translate(root, 1, 0x80200ff8, &pa, &attr) &&
	      pa == 0xc0200ff8);
	CHECK(!pt_translate(root, 1, 0x80201000, &pa, &attr));
	CHECK(!pt_translate(root, 1, 0x3ffff000, &pa, &attr));
	/* Overlaps and misalignment are refused. */
	CHECK(pt_map(root, 1, 0x80200000, 0, 4096, PT_S2_NORMAL, table_alloc) !=
	      0);
	CHECK(pt_map(root, 1, 0x90000100, 0, 4096, PT_S2_NORMAL, table_alloc) !=
	      0);
	tables_free();
}

/* Random ranges: every page translates to where it was mapped. */
static void test_pt_random(void)
{
	uint64_t *root = table_alloc();
	uint64_t va = 0;

	for (int i = 0; i < 200; i++) {
		uint64_t size = ((rnd() % 1024) + 1) * 4096;
		uint64_t pa = (rnd() % 4096) * 2 * MiB + (rnd() % 2) * 4096;
		uint64_t got, attr;
		uint64_t align = (rnd() & 1) ? 2 * MiB : 4096;

		va = ALIGN_UP(va, align);
		CHECK(pt_map(root, 1, va, pa, size, PT_S2_NORMAL | PT_S2_R,
			     table_alloc) == 0);
		for (uint64_t off = 0; off < size; off += 4096 * 37)
			CHECK(pt_translate(root, 1, va + off, &got, &attr) &&
			      got == pa + off && (attr & PT_S2_R));
		va += size;
	}
	tables_free();
}

static void count_free(void *table)
{
	tables_allocated--;
	for (unsigned i = 0; i < tables_live; i++)
		if (tables[i] == table)
			tables[i] = NULL;
	free(table);
}

static unsigned flushes;

static void count_flush(void *ctx)
{
	(void)ctx;
	flushes++;
}

/* Unmapping inside blocks splits them; everything else stays mapped. */
static void test_pt_unmap_and_destroy(void)
{
	uint64_t *root;
	uint64_t pa, attr;

	tables_allocated = 0;
	root = table_alloc();
	CHECK(pt_map(root, 1, 0x40000000, 0x80000000, GiB, PT_S2_NORMAL,
		     table_alloc) == 0);
	CHECK(tables_allocated == 1);
	/* 1 MiB in the middle of the 1 GiB block: a 2 MiB split, then 4 KiB. */
	CHECK(pt_unmap(root, 1, 0x40300000, MiB, table_alloc) == 0);
	CHECK(tables_allocated == 3);
	CHECK(!pt_translate(root, 1, 0x40300000, &pa, &attr));
	CHECK(!pt_translate(root, 1, 0x403ff000, &pa, &attr));
	CHECK(pt_translate(root, 1, 0x402ff000, &pa, &attr) &&
	      pa == 0x802ff000);
	CHECK(pt_translate(root, 1, 0x40400000, &pa, &attr) &&
	      pa == 0x80400000);
	CHECK(pt_translate(root, 1, 0x7fffffff, &pa, &attr) &&
	      pa == 0xbfffffff);
	/* Unmapping what is not mapped fails; mapping the hole back works. */
	CHECK(pt_unmap(root, 1, 0x40300000, PAGE_SIZE, table_alloc) != 0);
	CHECK(pt_map(root, 1, 0x40300000, 0x80300000, MiB, PT_S2_NORMAL,
		     table_alloc) == 0);
	CHECK(pt_translate(root, 1, 0x40300000, &pa, &attr) &&
	      pa == 0x80300000);
	/* The whole 2 MiB is contiguous again: one block, one table fewer. */
	flushes = 0;
	CHECK(pt_collapse(root, 1, 0x40300000, MiB, count_free, count_flush,
			  NULL) == 1);
	CHECK(flushes == 1 && tables_allocated == 2);
	CHECK(pt_translate(root, 1, 0x403ff123, &pa, &attr) &&
	      pa == 0x803ff123);
	CHECK(pt_collapse(root, 1, 0x40300000, MiB, count_free, count_flush,
			  NULL) == 0);
	pt_destroy(root, 1, count_free);
	CHECKF(tables_allocated == 0, "%u tables left", tables_allocated);
	tables_live = 0;
}

static void test_sha256_vectors(void)
{
	static const struct {
		const char *in;
		const char *hex;
	} v[] = {
	    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b"
		 "855"},
	    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f2"
		    "0015ad"},
	    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c"
	     "1"},
	};

	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct sha256 s;
		uint8_t d[32];
		char hex[65];

		sha256_init(&s);
		/* Byte by byte: the buffering path, not only whole blocks. */
		for (const char *p = v[i].in; *p; p++)
			sha256_update(&s, p, 1);
		sha256_final(&s, d);
		for (unsigned k = 0; k < 32; k++)
			snprintf(hex + 2 * k, 3, "%02x", d[k]);
		CHECKF(!strcmp(hex, v[i].hex), "\"%s\": %s", v[i].in, hex);
	}
}

static void test_bitmap(void)
{
	bitmap_t map[BITMAP_WORDS(300)] = {0};

	CHECK(bitmap_next_set(map, 300, 0) == 300);
	bitmap_set(map, 0);
	bitmap_set(map, 63);
	bitmap_set(map, 64);
	bitmap_set(map, 299);
	CHECK(bitmap_next_set(map, 300, 0) == 0);
	CHECK(bitmap_next_set(map, 300, 1) == 63);
	CHECK(bitmap_next_set(map, 300, 64) == 64);
	CHECK(bitmap_next_set(map, 300, 65) == 299);
	bitmap_clear(map, 299);
	CHECK(bitmap_next_set(map, 300, 65) == 300);
	CHECK(bitmap_test(map, 63) && !bitmap_test(map, 62));
}

static void test_format_matches_libc(void)
{
	char ours[64], libc[64];
	static const char *fmts[] = {"%d",   "%5d", "%05d", "%x",
				     "%08x", "%u",  "[%3d]"};

	for (unsigned i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++)
		for (int v = -70000; v < 70000; v += 997) {
			format(ours, sizeof(ours), fmts[i], v);
			snprintf(libc, sizeof(libc), fmts[i], v);
			CHECKF(!strcmp(ours, libc), "%s: %s vs %s", fmts[i],
			       ours, libc);
		}
	format(ours, sizeof(ours), "%s|%c|%llx|%lu", "ab", 'z',
	       0x123456789abcull, 42ul);
	CHECK(!strcmp(ours, "ab|z|123456789abc|42"));
	CHECK(format(ours, 4, "%s", "abcdef") == 6 && !strcmp(ours, "abc"));
}

int main(void)
{
	unit_run("mem_claim_release", test_mem_claim_release);
	unit_run("mem_alloc_alignment", test_mem_alloc_alignment);
	unit_run("mem_random", test_mem_random);
	unit_run("color_arithmetic", test_color_arithmetic);
	unit_run("mem_colored_random", test_mem_colored_random);
	unit_run("mem_colored_summary", test_mem_colored_summary);
	unit_run("pool_transfer_frames", test_pool_transfer_frames);
	unit_run("pt_blocks_and_translate", test_pt_blocks_and_translate);
	unit_run("pt_random", test_pt_random);
	unit_run("pt_unmap_and_destroy", test_pt_unmap_and_destroy);
	unit_run("sha256_vectors", test_sha256_vectors);
	unit_run("bitmap", test_bitmap);
	unit_run("format_matches_libc", test_format_matches_libc);
	return unit_summary("core");
}
