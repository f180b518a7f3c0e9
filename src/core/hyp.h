/* SPDX-License-Identifier: Apache-2.0 */
/* Definitions every part of the hypervisor uses. */
#ifndef TESSERA_HYP_H
#define TESSERA_HYP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TESSERA_VERSION "0.1.0"

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1ull << PAGE_SHIFT)
#define KiB	   (1ull << 10)
#define MiB	   (1ull << 20)
#define GiB	   (1ull << 30)

#define MAX_CPUS	 8u
#define MAX_VMS		 16u
#define MAX_VCPUS_PER_VM MAX_CPUS

#define ALIGN_UP(x, a)	 (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define ARRAY_SIZE(a)	 (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)	 ((a) < (b) ? (a) : (b))
#define MAX(a, b)	 ((a) > (b) ? (a) : (b))

#define noreturn _Noreturn

typedef uint64_t paddr_t;
typedef uint64_t ipa_t;

/*
 * The hypervisor reaches RAM (its pool: tables, VMs' memory) through a
 * second map at HVA_OFFSET + physical address, never through the 1:1 map,
 * because a recolored hypervisor's own image occupies its link addresses on
 * other frames (docs/cache-coloring.md). Both arches' 39-bit spaces have
 * room at 128 GiB. Host builds (unit tests) use the pointers as they are.
 */
#define HVA_OFFSET 0x2000000000ull

#ifdef TESSERA_HOST
static inline void *hva(paddr_t pa)
{
	return (void *)(uintptr_t)pa;
}

static inline paddr_t hva_pa(const void *p)
{
	return (uintptr_t)p;
}
#else
static inline void *hva(paddr_t pa)
{
	return (void *)(uintptr_t)(pa + HVA_OFFSET);
}

/*
 * The physical address of a pointer hva() made; below the map, a pointer
 * into the 1:1 map (the page tables the CPUs start on, before any pool).
 */
static inline paddr_t hva_pa(const void *p)
{
	uintptr_t v = (uintptr_t)p;

	return v >= HVA_OFFSET ? v - HVA_OFFSET : v;
}
#endif

/* The hypervisor's own messages, prefixed "tessera: " on the console. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An internal invariant broke: a hypervisor bug, never a guest's doing. */
noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define BUG_ON(cond)                                                          \
	do {                                                                  \
		if (cond)                                                     \
			panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)

#endif
