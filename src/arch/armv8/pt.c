/* SPDX-License-Identifier: Apache-2.0 */
#include "pt.h"

#include <stddef.h>

static inline uint64_t *table_of(uint64_t desc)
{
	return (uint64_t *)(uintptr_t)(desc & PT_ADDR_MASK);
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
				*entry =
				    (uint64_t)(uintptr_t)next | PT_TYPE_TABLE;
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
	*entry = (uint64_t)(uintptr_t)next | PT_TYPE_TABLE;
	return 0;
}

static int unmap_level(uint64_t *table, unsigned level, uint64_t va,
		       uint64_t size, pt_alloc_t alloc)
{
	while (size) {
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
