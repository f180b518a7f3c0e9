/* SPDX-License-Identifier: Apache-2.0 */
#include "mem.h"

#include "../lib/spinlock.h"
#include "../lib/string.h"

struct mem_pool hyp_mem;
static spinlock_t hyp_mem_lock = SPINLOCK_INIT;

void mem_pool_init(struct mem_pool *p, paddr_t base, size_t pages,
		   owner_t *owner_table)
{
	p->base = base;
	p->pages = pages;
	p->free_pages = pages;
	p->owner = owner_table;
	memset(owner_table, OWNER_FREE, pages * sizeof(*owner_table));
}

static bool range_pages(const struct mem_pool *p, paddr_t pa, uint64_t size,
			size_t *first, size_t *count)
{
	if (!IS_ALIGNED(pa, PAGE_SIZE) || !IS_ALIGNED(size, PAGE_SIZE) ||
	    size == 0 || pa < p->base)
		return false;
	*first = (pa - p->base) >> PAGE_SHIFT;
	*count = size >> PAGE_SHIFT;
	return *first < p->pages && *count <= p->pages - *first;
}

static bool all_owned_by(const struct mem_pool *p, size_t first, size_t count,
			 owner_t owner)
{
	for (size_t i = first; i < first + count; i++)
		if (p->owner[i] != owner)
			return false;
	return true;
}

static void set_owner(struct mem_pool *p, size_t first, size_t count,
		      owner_t owner)
{
	memset(&p->owner[first], owner, count * sizeof(owner_t));
	if (owner == OWNER_FREE)
		p->free_pages += count;
	else
		p->free_pages -= count;
}

int mem_claim(struct mem_pool *p, paddr_t pa, uint64_t size, owner_t owner)
{
	size_t first, count;

	if (owner == OWNER_FREE || !range_pages(p, pa, size, &first, &count) ||
	    !all_owned_by(p, first, count, OWNER_FREE))
		return -1;
	set_owner(p, first, count, owner);
	return 0;
}

paddr_t mem_alloc(struct mem_pool *p, uint64_t size, uint64_t align,
		  owner_t owner)
{
	size_t count = size >> PAGE_SHIFT;
	size_t step = align > PAGE_SIZE ? align >> PAGE_SHIFT : 1;
	/* The first candidate page whose address is a multiple of `align`. */
	size_t start = (ALIGN_UP(p->base, align) - p->base) >> PAGE_SHIFT;

	if (!IS_ALIGNED(size, PAGE_SIZE) || size == 0 || owner == OWNER_FREE)
		return 0;
	for (size_t i = start; i < p->pages && count <= p->pages - i;
	     i += step) {
		size_t run = 0;

		while (run < count && p->owner[i + run] == OWNER_FREE)
			run++;
		if (run == count) {
			set_owner(p, i, count, owner);
			return p->base + ((paddr_t)i << PAGE_SHIFT);
		}
	}
	return 0;
}

int mem_release(struct mem_pool *p, paddr_t pa, uint64_t size, owner_t owner)
{
	size_t first, count;

	if (owner == OWNER_FREE || !range_pages(p, pa, size, &first, &count) ||
	    !all_owned_by(p, first, count, owner))
		return -1;
	set_owner(p, first, count, OWNER_FREE);
	return 0;
}

owner_t mem_owner(const struct mem_pool *p, paddr_t pa)
{
	if (pa < p->base || ((pa - p->base) >> PAGE_SHIFT) >= p->pages)
		return OWNER_HYP; /* outside RAM: never a VM's to take */
	return p->owner[(pa - p->base) >> PAGE_SHIFT];
}

size_t mem_count_owned(const struct mem_pool *p, owner_t owner)
{
	size_t n = 0;

	for (size_t i = 0; i < p->pages; i++)
		n += p->owner[i] == owner;
	return n;
}

paddr_t pool_alloc(uint64_t size, uint64_t align, owner_t owner)
{
	paddr_t pa;

	spin_lock(&hyp_mem_lock);
	pa = mem_alloc(&hyp_mem, size, align, owner);
	spin_unlock(&hyp_mem_lock);
	return pa;
}

int pool_claim(paddr_t pa, uint64_t size, owner_t owner)
{
	int ret;

	spin_lock(&hyp_mem_lock);
	ret = mem_claim(&hyp_mem, pa, size, owner);
	spin_unlock(&hyp_mem_lock);
	return ret;
}

int pool_release(paddr_t pa, uint64_t size, owner_t owner)
{
	int ret;

	spin_lock(&hyp_mem_lock);
	ret = mem_release(&hyp_mem, pa, size, owner);
	spin_unlock(&hyp_mem_lock);
	return ret;
}

int pool_transfer(paddr_t pa, uint64_t size, owner_t from, owner_t to)
{
	int ret;

	spin_lock(&hyp_mem_lock);
	ret = mem_release(&hyp_mem, pa, size, from);
	if (!ret && mem_claim(&hyp_mem, pa, size, to))
		BUG_ON(mem_claim(&hyp_mem, pa, size, from)); /* undo */
	spin_unlock(&hyp_mem_lock);
	return ret;
}

void *page_alloc_zeroed(void)
{
	paddr_t pa = pool_alloc(PAGE_SIZE, PAGE_SIZE, OWNER_HYP);

	if (pa)
		memset((void *)(uintptr_t)pa, 0, PAGE_SIZE);
	return (void *)(uintptr_t)pa;
}

void page_release(void *page)
{
	BUG_ON(pool_release((paddr_t)(uintptr_t)page, PAGE_SIZE, OWNER_HYP));
}
