/* SPDX-License-Identifier: Apache-2.0 */
#include "pt.h"

#include <stddef.h>

#include "../../core/hyp.h"

static inline uint64_t *table_of(uint64_t desc)
{
	return hva(desc & PT_ADDR_MASK);
}

static inline unsigned index_of(uint64_t va, unsigned level)
{
	return (va >> pt_shift(level)) & (PT_ENTRIES - 1);
}

/* A block of this level fits at (va, pa) with `size` bytes left. */
static bool block_fits(unsigned level, uint64_t va, uint64_t pa, uint64_t size)
{
	uint64_t block = 1ull << pt_shift(level);

	return level >= 1 && size >= block && !(va & (block - 1)) &&
	       !(pa & (block - 1));
}

static int map_level(uint64_t *table, unsigned level, uint64_t va, uint64_t pa,
		     uint64_t size, uint64_t attr, pt_alloc_t alloc)
{
	while (size) {
		uint64_t block = 1ull << pt_shift(level);
		uint64_t chunk = block - (va & (block - 1));
		uint64_t *entry = &table[index_of(va, level)];

		if (chunk > size)
			chunk = size;
		if (level == 3 || block_fits(level, va, pa, chunk)) {
			if (*entry & PT_VALID)
				return -1;
			*entry = (pa & PT_ADDR_MASK) | attr |
				 (level == 3 ? PT_TYPE_TABLE : PT_TYPE_BLOCK);
		} else {
			if (!(*entry & PT_VALID)) {
				uint64_t *next = alloc();

				if (!next)
					return -1;
				*entry = hva_pa(next) | PT_TYPE_TABLE;
			} else if ((*entry & 3) != PT_TYPE_TABLE) {
				return -1;
			}
			if (map_level(table_of(*entry), level + 1, va, pa,
				      chunk, attr, alloc))
				return -1;
		}
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return 0;
}

int pt_map(uint64_t *root, unsigned start_level, uint64_t va, uint64_t pa,
	   uint64_t size, uint64_t attr, pt_alloc_t alloc)
{
	if ((va | pa | size) & 0xfff)
		return -1;
	return map_level(root, start_level, va, pa, size, attr, alloc);
}

bool pt_translate(const uint64_t *root, unsigned start_level, uint64_t va,
		  uint64_t *pa, uint64_t *attr)
{
	const uint64_t *table = root;

	for (unsigned level = start_level; level <= 3; level++) {
		uint64_t desc = table[index_of(va, level)];
		uint64_t mask = (1ull << pt_shift(level)) - 1;

		if (!(desc & PT_VALID))
			return false;
		if (level == 3 || (desc & 3) == PT_TYPE_BLOCK) {
			*pa = (desc & PT_ADDR_MASK & ~mask) | (va & mask);
			*attr = desc & ~PT_ADDR_MASK;
			return true;
		}
		table = table_of(desc);
	}
	return false;
}

/*
 * Replace the block at `entry` (level `level`) by a table of the next level
 * mapping the same range with the same attributes, so part of it can go.
 */
static int split_block(uint64_t *entry, unsigned level, pt_alloc_t alloc)
{
	uint64_t *next = alloc();
	uint64_t sub = 1ull << pt_shift(level + 1);
	uint64_t attr = *entry & ~PT_ADDR_MASK & ~3ull;
	uint64_t pa = *entry & PT_ADDR_MASK;

	if (!next)
		return -1;
	for (unsigned i = 0; i < PT_ENTRIES; i++)
		next[i] = (pa + i * sub) | attr |
			  (level + 1 == 3 ? PT_TYPE_TABLE : PT_TYPE_BLOCK);
	*entry = hva_pa(next) | PT_TYPE_TABLE;
	return 0;
}

static int unmap_level(uint64_t *table, unsigned level, uint64_t va,
		       uint64_t size, pt_alloc_t alloc)
{
	while (size) {
		/* pt_unmap takes whole pages: a level-3 chunk is a whole page,
		 * so the walk never goes below level 3. */
		/* NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult) */
		uint64_t block = 1ull << pt_shift(level);
		uint64_t chunk = block - (va & (block - 1));
		uint64_t *entry = &table[index_of(va, level)];

		if (chunk > size)
			chunk = size;
		if (!(*entry & PT_VALID))
			return -1;
		if (chunk == block &&
		    (level == 3 || (*entry & 3) == PT_TYPE_BLOCK)) {
			*entry = 0;
		} else {
			if (level < 3 && (*entry & 3) == PT_TYPE_BLOCK &&
			    split_block(entry, level, alloc))
				return -1;
			if (unmap_level(table_of(*entry), level + 1, va, chunk,
					alloc))
				return -1;
		}
		va += chunk;
		size -= chunk;
	}
	return 0;
}

int pt_unmap(uint64_t *root, unsigned start_level, uint64_t va, uint64_t size,
	     pt_alloc_t alloc)
{
	if ((va | size) & 0xfff)
		return -1;
	return unmap_level(root, start_level, va, size, alloc);
}

static void destroy_level(uint64_t *table, unsigned level, pt_free_t release)
{
	for (unsigned i = 0; level < 3 && i < PT_ENTRIES; i++)
		if ((table[i] & 3) == PT_TYPE_TABLE)
			destroy_level(table_of(table[i]), level + 1, release);
	release(table);
}

void pt_destroy(uint64_t *root, unsigned start_level, pt_free_t release)
{
	destroy_level(root, start_level, release);
}

/*
 * The block descriptor that could replace the table at `entry` (a level
 * `level` entry), or 0: every entry of the table must map, with the same
 * attributes, consecutive addresses from an aligned start.
 */
static uint64_t collapsed(uint64_t entry, unsigned level)
{
	const uint64_t *t = table_of(entry);
	uint64_t sub = 1ull << pt_shift(level + 1);
	uint64_t type = level + 1 == 3 ? PT_TYPE_TABLE : PT_TYPE_BLOCK;
	uint64_t attr = t[0] & ~PT_ADDR_MASK;
	uint64_t base = t[0] & PT_ADDR_MASK;

	if ((t[0] & 3) != type || base & ((1ull << pt_shift(level)) - 1))
		return 0;
	for (unsigned i = 1; i < PT_ENTRIES; i++)
		if ((t[i] & ~PT_ADDR_MASK) != attr ||
		    (t[i] & PT_ADDR_MASK) != base + i * sub)
			return 0;
	return base | (attr & ~3ull) | PT_TYPE_BLOCK;
}

int pt_collapse(uint64_t *root, unsigned start_level, uint64_t va,
		uint64_t size, pt_free_t release, void (*flush)(void *),
		void *ctx)
{
	uint64_t *entries[16], blocks[16], *tables[16];
	unsigned n = 0;

	/* Only 2 MiB blocks are rebuilt: what a child's return splits. */
	for (uint64_t a = va & ~(2 * 1024 * 1024ull - 1); a < va + size;
	     a += 2 * 1024 * 1024ull) {
		uint64_t *table = root;
		uint64_t *entry = NULL;

		for (unsigned level = start_level; level <= 2; level++) {
			entry = &table[index_of(a, level)];
			if ((*entry & 3) != PT_TYPE_TABLE)
				break;
			table = table_of(*entry);
		}
		if (!entry || (*entry & 3) != PT_TYPE_TABLE ||
		    !(blocks[n] = collapsed(*entry, 2)))
			continue;
		tables[n] = table_of(*entry);
		entries[n] = entry;
		/* Break before make: no TLB may hold both translations. */
		*entry = 0;
		if (++n == 16)
			break;
	}
	if (!n)
		return 0;
	flush(ctx);
	for (unsigned i = 0; i < n; i++) {
		*entries[i] = blocks[i];
		release(tables[i]);
	}
	return (int)n;
}
