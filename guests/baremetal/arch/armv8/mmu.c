/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The identity map that start.S installs before any C runs. It is a
 * constant in the image, not built at run time: anything written with the
 * MMU off goes straight to RAM and could sit behind stale cache lines once
 * the caches are on, while the loaded image is clean.
 *
 * The MMU is on for what C needs of memory: exclusives and atomics (they
 * need Normal cacheable memory), and unaligned accesses the compiler may
 * emit (Device memory faults on them).
 */
#include <stdint.h>

#include <arch/mmu.h>

#define GIB (1ull << 30)

#define PTE_BLOCK     1ull /* valid level-1 block */
#define PTE_ATTR(idx) ((uint64_t)(idx) << 2)
#define PTE_SH_INNER  (3ull << 8)
#define PTE_AF	      (1ull << 10)
#define PTE_PXN	      (1ull << 53)
#define PTE_UXN	      (1ull << 54)

#define DEVICE_BLOCK(gib)                                             \
	((gib)*GIB | PTE_BLOCK | PTE_ATTR(MAIR_DEVICE_IDX) | PTE_AF | \
	 PTE_PXN | PTE_UXN)
#define NORMAL_BLOCK(gib)                                                   \
	((gib)*GIB | PTE_BLOCK | PTE_ATTR(MAIR_NORMAL_IDX) | PTE_SH_INNER | \
	 PTE_AF)

/*
 * 0-1 GiB: devices. 1-4 GiB: RAM and whatever lies past the VM's end,
 * mapped on purpose so a stray access there reaches stage 2 (the attack
 * test depends on it) instead of faulting in the guest's own tables.
 */
const uint64_t boot_pgtable[512] __attribute__((aligned(4096))) = {
    [0] = DEVICE_BLOCK(0),
    [1] = NORMAL_BLOCK(1),
    [2] = NORMAL_BLOCK(2),
    [3] = NORMAL_BLOCK(3),
};
