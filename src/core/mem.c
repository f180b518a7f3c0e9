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
	p->colors = 1;
	memset(owner_table, OWNER_FREE, pages * sizeof(*owner_table));
}

/* ---- color arithmetic (see mem.h) ---- */

static unsigned bits_set(uint64_t mask)
{
	unsigned n = 0;

	for (; mask; mask &= mask - 1)
		n++;
	return n;
}

/* The position of the `nth` (from 0) set bit of `mask`, which has one. */
static unsigned nth_bit(uint64_t mask, unsigned nth)
{
	while (nth--)
		mask &= mask - 1;
	return (unsigned)__builtin_ctzll(mask);
}

static uint64_t below(unsigned bit)
{
	return bit >= 64 ? ~0ull : (1ull << bit) - 1;
}

uint64_t mem_all_colors(const struct mem_pool *p)
{
	return below(p->colors);
}

unsigned mem_color(const struct mem_pool *p, paddr_t pa)
{
	return (unsigned)((pa >> PAGE_SHIFT) % p->colors);
}

paddr_t mem_next_colored(const struct mem_pool *p, paddr_t pa, uint64_t colors)
{
	pa = ALIGN_UP(pa, PAGE_SIZE);
	while (!(colors >> mem_color(p, pa) & 1))
		pa += PAGE_SIZE;
	return pa;
}

/*
 * Page numbers are counted in periods of `colors` pages, each holding one
 * page of every color: the set's page k is in period (k + skip) / m at the
 * ((k + skip) % m)-th of its m colors, where `skip` counts the set's colors
 * below the base's in the base's period.
 */
static uint64_t skip_of(const struct mem_pool *p, const struct frames *f)
{
	return bits_set(f->colors & below(mem_color(p, f->base)));
}

paddr_t frames_pa(const struct mem_pool *p, const struct frames *f,
		  uint64_t index)
{
	uint64_t period = (f->base >> PAGE_SHIFT) / p->colors;
	unsigned m = bits_set(f->colors);
	uint64_t k = index + skip_of(p, f);

	/* NOLINTNEXTLINE(clang-analyzer-core.DivideZero): a set has colors */
	return ((period + k / m) * p->colors +
		nth_bit(f->colors, (unsigned)(k % m)))
	       << PAGE_SHIFT;
}

bool frames_index(const struct mem_pool *p, const struct frames *f, paddr_t pa,
		  uint64_t *index)
{
	uint64_t period = (f->base >> PAGE_SHIFT) / p->colors;
	unsigned color = mem_color(p, pa);
	uint64_t k;

	if (pa < f->base || !(f->colors >> color & 1))
		return false;
	k = ((pa >> PAGE_SHIFT) / p->colors - period) * bits_set(f->colors) +
	    bits_set(f->colors & below(color)) - skip_of(p, f);
	*index = k;
	return k < f->pages;
}

struct frame_run frames_run(const struct mem_pool *p, const struct frames *f,
			    uint64_t index)
{
	struct frame_run run = {.index = index};
	unsigned color;

	if (index >= f->pages)
		return run;
	run.pa = frames_pa(p, f, index);
	if ((f->colors & mem_all_colors(p)) == mem_all_colors(p)) {
		run.pages = f->pages - index;
		return run;
	}
	color = mem_color(p, run.pa);
	run.pages = 1;
	while (index + run.pages < f->pages &&
	       f->colors >> ((color + run.pages) % p->colors) & 1)
		run.pages++;
	return run;
}

/* ---- the ownership table ---- */

/* The set is inside the pool and well formed. */
static bool frames_valid(const struct mem_pool *p, const struct frames *f)
{
	uint64_t colors = f->colors & mem_all_colors(p);

	if (!IS_ALIGNED(f->base, PAGE_SIZE) || f->pages == 0 ||
	    f->pages > p->pages || colors != f->colors ||
	    !(colors >> mem_color(p, f->base) & 1) || f->base < p->base)
		return false;
	return ((frames_pa(p, f, f->pages - 1) - p->base) >> PAGE_SHIFT) <
	       p->pages;
}

static size_t page_of(const struct mem_pool *p, paddr_t pa)
{
	return (size_t)((pa - p->base) >> PAGE_SHIFT);
}

/*
 * The address of the first page of the set not owned by `owner`, or 0 when
 * every page is.
 */
static paddr_t first_not_owned(const struct mem_pool *p, const struct frames *f,
			       owner_t owner)
{
	for_each_run (p, f, run)
		for (size_t i = 0; i < run.pages; i++)
			if (p->owner[page_of(p, run.pa) + i] != owner)
				return run.pa + ((paddr_t)i << PAGE_SHIFT);
	return 0;
}

bool mem_frames_owned(const struct mem_pool *p, const struct frames *f,
		      owner_t owner)
{
	return frames_valid(p, f) && !first_not_owned(p, f, owner);
}

/* Hand a valid set from one owner to another, if `from` owns all of it. */
static int change_owner(struct mem_pool *p, const struct frames *f,
			owner_t from, owner_t to)
{
	if (from == to || !frames_valid(p, f) || first_not_owned(p, f, from))
		return -1;
	for_each_run (p, f, run)
		memset(&p->owner[page_of(p, run.pa)], to,
		       run.pages * sizeof(owner_t));
	if (from == OWNER_FREE)
		p->free_pages -= f->pages;
	if (to == OWNER_FREE)
		p->free_pages += f->pages;
	return 0;
}

int mem_claim_frames(struct mem_pool *p, const struct frames *f, owner_t owner)
{
	return owner == OWNER_FREE ? -1 : change_owner(p, f, OWNER_FREE, owner);
}

int mem_release_frames(struct mem_pool *p, const struct frames *f,
		       owner_t owner)
{
	return owner == OWNER_FREE ? -1 : change_owner(p, f, owner, OWNER_FREE);
}

/* The page can start a set: free, and of one of its colors. */
static bool base_candidate(const struct mem_pool *p, size_t page,
			   uint64_t colors)
{
	return p->owner[page] == OWNER_FREE &&
	       (colors == mem_all_colors(p) ||
		colors >> mem_color(p, p->base + (page << PAGE_SHIFT)) & 1);
}

/*
 * The next base to try at or after `pa`: aligned, free and of one of the
 * set's colors (past the pool when there is none). Busy pages are skipped
 * here, a table entry at a time, not tried as bases one by one.
 */
static paddr_t next_base(const struct mem_pool *p, paddr_t pa, uint64_t colors,
			 uint64_t align)
{
	size_t page = page_of(p, ALIGN_UP(pa, align));

	while (page < p->pages && !base_candidate(p, page, colors)) {
		page++;
		if (align > PAGE_SIZE)
			page = page_of(
			    p, ALIGN_UP(p->base + (page << PAGE_SHIFT), align));
	}
	return p->base + ((paddr_t)page << PAGE_SHIFT);
}

int mem_alloc_frames(struct mem_pool *p, struct frames *f, uint64_t align,
		     owner_t owner)
{
	uint64_t all = mem_all_colors(p);
	paddr_t busy;

	if (owner == OWNER_FREE || align < PAGE_SIZE || (align & (align - 1)) ||
	    !f->colors || (f->colors & ~all) ||
	    (align > PAGE_SIZE && f->colors != all))
		return -1;
	/*
	 * A busy page rules out every base up to it: the next try starts past
	 * it, so the search is linear in the pool's size.
	 */
	for (f->base = next_base(p, p->base, f->colors, align);
	     frames_valid(p, f);
	     f->base = next_base(p, busy + PAGE_SIZE, f->colors, align)) {
		busy = first_not_owned(p, f, OWNER_FREE);
		if (!busy)
			return change_owner(p, f, OWNER_FREE, owner);
	}
	return -1;
}

/* A contiguous range as a set of every color. */
static bool range_frames(const struct mem_pool *p, paddr_t pa, uint64_t size,
			 struct frames *f)
{
	*f = (struct frames){pa, mem_all_colors(p), size >> PAGE_SHIFT};
	return IS_ALIGNED(size, PAGE_SIZE) && frames_valid(p, f);
}

int mem_claim(struct mem_pool *p, paddr_t pa, uint64_t size, owner_t owner)
{
	struct frames f;

	return range_frames(p, pa, size, &f) ? mem_claim_frames(p, &f, owner)
					     : -1;
}

paddr_t mem_alloc(struct mem_pool *p, uint64_t size, uint64_t align,
		  owner_t owner)
{
	struct frames f = {0, mem_all_colors(p), size >> PAGE_SHIFT};

	if (!IS_ALIGNED(size, PAGE_SIZE) ||
	    mem_alloc_frames(p, &f, align, owner))
		return 0;
	return f.base;
}

int mem_release(struct mem_pool *p, paddr_t pa, uint64_t size, owner_t owner)
{
	struct frames f;

	return range_frames(p, pa, size, &f) ? mem_release_frames(p, &f, owner)
					     : -1;
}

owner_t mem_owner(const struct mem_pool *p, paddr_t pa)
{
	if (pa < p->base || page_of(p, pa) >= p->pages)
		return OWNER_HYP; /* outside RAM: never a VM's to take */
	return p->owner[page_of(p, pa)];
}

size_t mem_count_owned(const struct mem_pool *p, owner_t owner)
{
	size_t n = 0;

	for (size_t i = 0; i < p->pages; i++)
		n += p->owner[i] == owner;
	return n;
}

/* Eight table entries read as one word (the table is 8-byte aligned). */
typedef uint64_t __attribute__((may_alias)) owner_word_t;

/* None of the 8 table entries from `i` on is `owner`'s. */
static bool none_of_8(const struct mem_pool *p, size_t i, owner_t owner)
{
	const uint64_t ones = 0x0101010101010101ull;
	uint64_t w;

	if (i % 8 || i + 8 > p->pages)
		return false;
	/* A zero byte where the owner is. */
	w = *(const owner_word_t *)(const void *)&p->owner[i] ^ (ones * owner);
	return !((w - ones) & ~w & (ones << 7));
}

/* A walk of the whole table, eight entries at a time where it can. */
struct mem_summary mem_summarize(const struct mem_pool *p, owner_t owner)
{
	struct mem_summary s = {0};

	for (size_t i = 0; i < p->pages; i++) {
		if (none_of_8(p, i, owner)) {
			i += 7;
			continue;
		}
		if (p->owner[i] != owner)
			continue;
		s.colors |= 1ull << mem_color(p, p->base + (i << PAGE_SHIFT));
		s.pages++;
		s.runs += i == 0 || p->owner[i - 1] != owner;
	}
	return s;
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
	struct frames f;

	if (!range_frames(&hyp_mem, pa, size, &f))
		return -1;
	return pool_transfer_frames(&f, from, to);
}

int pool_alloc_frames(struct frames *f, uint64_t align, owner_t owner)
{
	int ret;

	spin_lock(&hyp_mem_lock);
	ret = mem_alloc_frames(&hyp_mem, f, align, owner);
	spin_unlock(&hyp_mem_lock);
	return ret;
}

int pool_claim_frames(const struct frames *f, owner_t owner)
{
	int ret;

	spin_lock(&hyp_mem_lock);
	ret = mem_claim_frames(&hyp_mem, f, owner);
	spin_unlock(&hyp_mem_lock);
	return ret;
}

/* One step: a page is never free in between, so no one else can take it. */
int pool_transfer_frames(const struct frames *f, owner_t from, owner_t to)
{
	int ret;

	if (from == OWNER_FREE || to == OWNER_FREE)
		return -1;
	spin_lock(&hyp_mem_lock);
	ret = change_owner(&hyp_mem, f, from, to);
	spin_unlock(&hyp_mem_lock);
	return ret;
}

/* The colors of the hypervisor's own pages; 0 = any. */
static uint64_t hyp_page_colors;

void pool_set_hyp_colors(uint64_t colors)
{
	hyp_page_colors = colors;
}

void *page_alloc_zeroed(void)
{
	struct frames f = {0, hyp_page_colors, 1};

	if (!f.colors)
		f.colors = mem_all_colors(&hyp_mem);
	if (pool_alloc_frames(&f, PAGE_SIZE, OWNER_HYP))
		return NULL;
	memset(hva(f.base), 0, PAGE_SIZE);
	return hva(f.base);
}

void page_release(void *page)
{
	BUG_ON(pool_release(hva_pa(page), PAGE_SIZE, OWNER_HYP));
}
