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

struct mem_pool {
	paddr_t base;
	size_t pages;
	size_t free_pages;
	owner_t *owner; /* one entry per page */
};

void mem_pool_init(struct mem_pool *p, paddr_t base, size_t pages,
		   owner_t *owner_table);
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
void *page_alloc_zeroed(void);
void page_release(void *page);

#endif
