/* SPDX-License-Identifier: Apache-2.0 */
#include "pt.h"

#include <stddef.h>

#include "../../core/hyp.h"

#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK  (((1ull << 44) - 1) << PTE_PPN_SHIFT)
#define PTE_LEAF      (PTE_R | PTE_W | PTE_X)

static inline unsigned shift_of(unsigned level)
{
	return 12 + 9 * level;
}

static inline paddr_t pa_of(uint64_t pte)
{
	return (pte & PTE_PPN_MASK) >> PTE_PPN_SHIFT << 12;
}

static inline uint64_t *table_of(uint64_t pte)
{
	return hva(pa_of(pte));
}

static inline uint64_t pte_make(uint64_t pa, uint64_t bits)
{
	return (pa >> 12) << PTE_PPN_SHIFT | bits | PTE_V;
}

static inline unsigned index_of(uint64_t va, unsigned level, unsigned root_bits)
{
	unsigned bits = level == 2 ? root_bits : 9;

	return (unsigned)(va >> shift_of(level)) & ((1u << bits) - 1);
}

/* A leaf of this level fits at (va, pa) with `size` bytes left. */
static bool leaf_fits(unsigned level, uint64_t va, uint64_t pa, uint64_t size)
{
	uint64_t page = 1ull << shift_of(level);

	return size >= page && !(va & (page - 1)) && !(pa & (page - 1));
}

static int map_level(uint64_t *table, unsigned level, unsigned root_bits,
		     uint64_t va, uint64_t pa, uint64_t size, uint64_t leaf,
		     pt_alloc_t alloc);

/* The next-level table under *pte, made when missing; NULL on failure. */
static uint64_t *next_table(uint64_t *pte, pt_alloc_t alloc)
{
	if (!(*pte & PTE_V)) {
		uint64_t *next = alloc();

		if (!next)
			return NULL;
		*pte = pte_make(hva_pa(next), 0);
	} else if (*pte & PTE_LEAF) {
		return NULL; /* already mapped by a larger page */
	}
	return table_of(*pte);
}

static int map_level(uint64_t *table, unsigned level, unsigned root_bits,
		     uint64_t va, uint64_t pa, uint64_t size, uint64_t leaf,
		     pt_alloc_t alloc)
{
	while (size) {
		uint64_t page = 1ull << shift_of(level);
		uint64_t chunk = page - (va & (page - 1));
		uint64_t *pte = &table[index_of(va, level, root_bits)];

		if (chunk > size)
			chunk = size;
		if (leaf_fits(level, va, pa, chunk)) {
			if (*pte & PTE_V)
				return -1;
			*pte = pte_make(pa, leaf);
		} else {
			uint64_t *next = level ? next_table(pte, alloc) : NULL;

			if (!next || map_level(next, level - 1, root_bits, va,
					       pa, chunk, leaf, alloc))
				return -1;
		}
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return 0;
}

int pt_map(uint64_t *root, unsigned root_bits, uint64_t va, uint64_t pa,
	   uint64_t size, uint64_t leaf, pt_alloc_t alloc)
{
	uint64_t reach = 1ull << (shift_of(2) + root_bits);

	if ((va | pa | size) & 0xfff || !(leaf & PTE_LEAF) || va >= reach ||
	    size > reach - va)
		return -1;
	return map_level(root, 2, root_bits, va, pa, size, leaf, alloc);
}

bool pt_translate(const uint64_t *root, unsigned root_bits, uint64_t va,
		  uint64_t *pa, uint64_t *leaf)
{
	const uint64_t *table = root;

	for (unsigned level = 3; level-- > 0;) {
		uint64_t pte = table[index_of(va, level, root_bits)];
		uint64_t mask = (1ull << shift_of(level)) - 1;

		if (!(pte & PTE_V))
			return false;
		if (pte & PTE_LEAF) {
			*pa = (pa_of(pte) & ~mask) | (va & mask);
			*leaf = pte & 0x3ff;
			return true;
		}
		table = table_of(pte);
	}
	return false;
}

/*
 * Replace the large page at *pte (level `level`) by a table of the next
 * level mapping the same range with the same bits, so part of it can go.
 */
static int split_leaf(uint64_t *pte, unsigned level, pt_alloc_t alloc)
{
	uint64_t *next = alloc();
	uint64_t sub = 1ull << shift_of(level - 1);
	uint64_t pa = pa_of(*pte);
	uint64_t bits = *pte & 0x3ff & ~PTE_V;

	if (!next)
		return -1;
	for (unsigned i = 0; i < PT_ENTRIES; i++)
		next[i] = pte_make(pa + i * sub, bits);
	*pte = pte_make(hva_pa(next), 0);
	return 0;
}

static int unmap_level(uint64_t *table, unsigned level, unsigned root_bits,
		       uint64_t va, uint64_t size, pt_alloc_t alloc)
{
	while (size) {
		uint64_t page = 1ull << shift_of(level);
		uint64_t chunk = page - (va & (page - 1));
		uint64_t *pte = &table[index_of(va, level, root_bits)];

		if (chunk > size)
			chunk = size;
		if (!(*pte & PTE_V))
			return -1;
		if (chunk == page && (*pte & PTE_LEAF)) {
			*pte = 0;
		} else {
			if ((*pte & PTE_LEAF) && split_leaf(pte, level, alloc))
				return -1;
			if (unmap_level(table_of(*pte), level - 1, root_bits,
					va, chunk, alloc))
				return -1;
		}
		va += chunk;
		size -= chunk;
	}
	return 0;
}

int pt_unmap(uint64_t *root, unsigned root_bits, uint64_t va, uint64_t size,
	     pt_alloc_t alloc)
{
	uint64_t reach = 1ull << (shift_of(2) + root_bits);

	if ((va | size) & 0xfff || va >= reach || size > reach - va)
		return -1;
	return unmap_level(root, 2, root_bits, va, size, alloc);
}

static void destroy_level(uint64_t *table, unsigned level, unsigned entries,
			  pt_free_t release)
{
	for (unsigned i = 0; level > 0 && i < entries; i++)
		if ((table[i] & PTE_V) && !(table[i] & PTE_LEAF))
			destroy_level(table_of(table[i]), level - 1, PT_ENTRIES,
				      release);
	if (level < 2)
		release(table);
}

void pt_destroy(uint64_t *root, unsigned root_bits, pt_free_t release)
{
	destroy_level(root, 2, 1u << root_bits, release);
}
