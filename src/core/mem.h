/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Physical memory: one ownership table for every page of RAM. Every transfer
 * (boot assignment, create, destroy) is a change in this table followed by a
 * mapping change, so "who owns this page?" has exactly one answer and a leak
 * is a difference of counts.
 */
#ifndef TESSERA_CORE_MEM_H
#define TESSERA_CORE_MEM_H

#include "hyp.h"

typedef uint8_t owner_t;
#define OWNER_FREE   0u
#define OWNER_HYP    1u
#define OWNER_VM(id) ((owner_t)((id) + 2u))
/* Shared memory of the boot configuration: no single VM's, never freed. */
#define OWNER_SHARED 0xffu

/*
 * Cache colors. A physically indexed last-level cache of S bytes and W ways
 * picks a line's set from address bits [log2(line size), log2(S / W)). The
 * bits of that range above the page offset are the same for every byte of a
 * page: they are the page's color, and pages of different colors never
 * compete for a set. With `colors` = S / (W * PAGE_SIZE):
 *
 *     color(pa) = (pa / PAGE_SIZE) % colors
 *
 * (QEMU virt as described: 1 MiB, 16 ways -> 16 colors, bits 12..15 of the
 * address). A pool with 1 color is not colored.
 */
struct mem_pool {
	paddr_t base;
	size_t pages;
	size_t free_pages;
	owner_t *owner;	 /* one entry per page */
	unsigned colors; /* number of colors, 1..64 */
};

/*
 * A set of physical pages: the first `pages` pages at or above `base` whose
 * color is in the mask `colors`, in address order (page `index` 0 is at
 * `base`, whose color must be in the mask). With every color that is plain
 * contiguous memory; a VM's region is one such set, so its guest-physical
 * pages map onto them in order.
 */
struct frames {
	paddr_t base;
	uint64_t colors;
	uint64_t pages;
};

/* A physically contiguous piece of a set: its pages [index, index + pages). */
struct frame_run {
	uint64_t index;
	paddr_t pa;
	uint64_t pages;
};

/* The owner table: one entry a page, 8-byte aligned. */
void mem_pool_init(struct mem_pool *p, paddr_t base, size_t pages,
		   owner_t *owner_table);
/* Every color of the pool, as a mask. */
uint64_t mem_all_colors(const struct mem_pool *p);
unsigned mem_color(const struct mem_pool *p, paddr_t pa);
/* The first page at or above `pa` whose color is in `colors` (non-zero). */
paddr_t mem_next_colored(const struct mem_pool *p, paddr_t pa, uint64_t colors);
paddr_t frames_pa(const struct mem_pool *p, const struct frames *f,
		  uint64_t index);
/* Where the page at `pa` is in the set; false when it is not one of its. */
bool frames_index(const struct mem_pool *p, const struct frames *f, paddr_t pa,
		  uint64_t *index);
/* The longest contiguous run from page `index` on (0 pages: past the end). */
struct frame_run frames_run(const struct mem_pool *p, const struct frames *f,
			    uint64_t index);
/* NOLINTBEGIN(bugprone-macro-parentheses): `run` names the loop variable */
#define for_each_run(pool, f, run)                                         \
	for (struct frame_run run = frames_run((pool), (f), 0); run.pages; \
	     run = frames_run((pool), (f), run.index + run.pages))
/* NOLINTEND(bugprone-macro-parentheses) */

/*
 * Claim a set whose colors and page count are given: the lowest free one
 * whose base is a multiple of `align` (a power of two; above a page only
 * with every color). Sets f->base; -1 (nothing changes) when none is free.
 */
int mem_alloc_frames(struct mem_pool *p, struct frames *f, uint64_t align,
		     owner_t owner);
/* Claim a given set for `owner`: every page must be free. */
int mem_claim_frames(struct mem_pool *p, const struct frames *f, owner_t owner);
/* Give back a set: every page must be owned by `owner`. */
int mem_release_frames(struct mem_pool *p, const struct frames *f,
		       owner_t owner);
/* Every page of the set belongs to `owner`. */
bool mem_frames_owned(const struct mem_pool *p, const struct frames *f,
		      owner_t owner);
/* Every page of `owner` according to the table: what HC_MEM_REPORT says. */
struct mem_summary {
	uint64_t colors; /* the colors of its pages, a bit each */
	uint64_t pages;
	uint64_t runs; /* maximal runs of physically contiguous pages */
};
struct mem_summary mem_summarize(const struct mem_pool *p, owner_t owner);
/* Claim [pa, pa + size) for `owner`; fails (nothing changes) unless all free.
 */
int mem_claim(struct mem_pool *p, paddr_t pa, uint64_t size, owner_t owner);
/*
 * A free, physically contiguous range of `size` bytes aligned to `align`
 * (a power of two, at least a page), claimed for `owner`. 0 when none.
 */
paddr_t mem_alloc(struct mem_pool *p, uint64_t size, uint64_t align,
		  owner_t owner);
/* Give back a range; every page must be owned by `owner`. */
int mem_release(struct mem_pool *p, paddr_t pa, uint64_t size, owner_t owner);
owner_t mem_owner(const struct mem_pool *p, paddr_t pa);
size_t mem_count_owned(const struct mem_pool *p, owner_t owner);

/*
 * The machine's pool, shared by every CPU: these take its lock around the
 * mem_* functions above (which work on any pool, for the unit tests).
 */
extern struct mem_pool hyp_mem;
paddr_t pool_alloc(uint64_t size, uint64_t align, owner_t owner);
int pool_claim(paddr_t pa, uint64_t size, owner_t owner);
int pool_release(paddr_t pa, uint64_t size, owner_t owner);
/* Every page from one owner to another in one step, or nothing changes. */
int pool_transfer(paddr_t pa, uint64_t size, owner_t from, owner_t to);
int pool_alloc_frames(struct frames *f, uint64_t align, owner_t owner);
int pool_claim_frames(const struct frames *f, owner_t owner);
int pool_transfer_frames(const struct frames *f, owner_t from, owner_t to);
/*
 * The hypervisor's own map, range by range (core/layout.c): `map` makes
 * [va, va + size) reach [pa, ...) as one of these kinds; the image goes on
 * `image` (its load frames when NULL). Returns 0, or -1 at the first failure.
 */
enum hyp_map_kind {
	HYP_MAP_DEVICE, /* MMIO: read-write, never executed */
	HYP_MAP_DATA,	/* the RAM map at hva(): read-write */
	HYP_MAP_CODE,	/* the image and the 1:1 RAM map: read-write-execute */
};
typedef int (*hyp_map_fn)(void *ctx, uint64_t va, paddr_t pa, uint64_t size,
			  enum hyp_map_kind kind);
struct platform_desc;
/* The hypervisor image's bounds, linker symbols: only their addresses count. */
extern char hyp_image_start, hyp_image_end;
int hyp_map_layout(const struct platform_desc *p, const struct frames *image,
		   hyp_map_fn map, void *ctx);
/* The hypervisor's own pages (tables) come from these colors (0: any). */
void pool_set_hyp_colors(uint64_t colors);
void *page_alloc_zeroed(void);
void page_release(void *page);

#endif
