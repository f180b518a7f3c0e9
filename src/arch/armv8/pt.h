/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Armv8 VMSA translation tables with the 4 KiB granule, shared by the EL2
 * stage-1 map and every VM's stage-2 map: they differ only in the attribute
 * bits and the start level. Tables are reached through their physical address
 * (the hypervisor maps RAM 1:1), and the code also builds on the host for
 * unit tests.
 */
#ifndef TESSERA_ARMV8_PT_H
#define TESSERA_ARMV8_PT_H

#include <stdbool.h>
#include <stdint.h>

#define PT_ENTRIES    512u
#define PT_TYPE_BLOCK 0x1ull
#define PT_TYPE_TABLE 0x3ull /* also a level-3 page */
#define PT_VALID      0x1ull
#define PT_ADDR_MASK  0x0000fffffffff000ull

/* Stage-1 (EL2) attributes: MAIR index 0 = Device-nGnRnE, 1 = Normal WB. */
#define PT_S1_DEVICE ((0ull << 2) | (1ull << 10) | (1ull << 54))
#define PT_S1_NORMAL ((1ull << 2) | (3ull << 8) | (1ull << 10))
/* Stage-2 attributes. */
#define PT_S2_NORMAL ((0xfull << 2) | (3ull << 8) | (1ull << 10))
#define PT_S2_DEVICE ((0x1ull << 2) | (1ull << 10) | (2ull << 53))
#define PT_S2_R	     (1ull << 6)
#define PT_S2_W	     (1ull << 7)
#define PT_S2_XN     (2ull << 53)

typedef void *(*pt_alloc_t)(void);
typedef void (*pt_free_t)(void *table);

static inline unsigned pt_shift(unsigned level)
{
	return 12 + 9 * (3 - level);
}

/*
 * Map [va, va + size) to [pa, ...) with the largest blocks that fit (1 GiB at
 * level 1, 2 MiB at level 2, else 4 KiB pages). Addresses and size must be
 * page aligned; the range must not be mapped already. Returns 0, or -1 when
 * a table could not be allocated or the range overlaps an existing mapping.
 */
int pt_map(uint64_t *root, unsigned start_level, uint64_t va, uint64_t pa,
	   uint64_t size, uint64_t attr, pt_alloc_t alloc);
/*
 * Remove the mapping of [va, va + size), splitting blocks that straddle its
 * ends (which may allocate tables). Every page of the range must be mapped.
 * Returns 0 or -1; the caller invalidates the TLBs.
 */
int pt_unmap(uint64_t *root, unsigned start_level, uint64_t va, uint64_t size,
	     pt_alloc_t alloc);
/*
 * Replace level-3 tables under [va, va + size) that map a whole 2 MiB block
 * contiguously with one block entry again (after an unmap split it and the
 * range came back), so tables do not accumulate. The replaced entries are
 * made invalid first, then `flush(ctx)` must invalidate the TLBs, then the
 * blocks are written and the tables released. Returns how many merged.
 */
int pt_collapse(uint64_t *root, unsigned start_level, uint64_t va,
		uint64_t size, pt_free_t release, void (*flush)(void *),
		void *ctx);
/* Give every table of the tree, the root last, to `release`. */
void pt_destroy(uint64_t *root, unsigned start_level, pt_free_t release);
/* The physical address `va` maps to; false when it is not mapped. */
bool pt_translate(const uint64_t *root, unsigned start_level, uint64_t va,
		  uint64_t *pa, uint64_t *attr);

#endif
