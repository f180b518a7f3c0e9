/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Sv39 page tables, shared by the hypervisor's own map (Sv39) and every VM's
 * G-stage map (Sv39x4, whose root has four times the entries). They differ
 * only in the root's index width and the leaf bits. Tables are reached
 * through their physical address (the hypervisor maps RAM 1:1).
 */
#ifndef TESSERA_RISCV_PT_H
#define TESSERA_RISCV_PT_H

#include <stdbool.h>
#include <stdint.h>

#define PT_ENTRIES 512u
#define PTE_V	   (1ull << 0)
#define PTE_R	   (1ull << 1)
#define PTE_W	   (1ull << 2)
#define PTE_X	   (1ull << 3)
#define PTE_U	   (1ull << 4)
#define PTE_G	   (1ull << 5)
#define PTE_A	   (1ull << 6)
#define PTE_D	   (1ull << 7)

/* Index bits of the root: Sv39 9, Sv39x4 11 (a 41-bit guest-physical space). */
#define PT_ROOT_BITS_SV39   9u
#define PT_ROOT_BITS_SV39X4 11u

typedef void *(*pt_alloc_t)(void);

/*
 * Map [va, va + size) to [pa, ...) with the largest pages that fit (1 GiB,
 * 2 MiB, else 4 KiB), leaves carrying `leaf` (R/W/X/U/G/A/D). Addresses and
 * size must be page aligned, the range inside the root's reach and not
 * mapped already. Returns 0, or -1 (a table could not be allocated, or the
 * range is bad or overlaps a mapping).
 */
int pt_map(uint64_t *root, unsigned root_bits, uint64_t va, uint64_t pa,
	   uint64_t size, uint64_t leaf, pt_alloc_t alloc);
/*
 * Unmap [va, va + size), splitting larger pages that it covers only in
 * part (which may allocate). -1 when part of the range was not mapped.
 */
int pt_unmap(uint64_t *root, unsigned root_bits, uint64_t va, uint64_t size,
	     pt_alloc_t alloc);
typedef void (*pt_free_t)(void *table);
/* Release every table below the root (the root is the caller's). */
void pt_destroy(uint64_t *root, unsigned root_bits, pt_free_t release);
/* The physical address `va` maps to and its leaf bits; false when unmapped. */
bool pt_translate(const uint64_t *root, unsigned root_bits, uint64_t va,
		  uint64_t *pa, uint64_t *leaf);

#endif
