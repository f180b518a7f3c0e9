/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A test-and-test-and-set lock. RISC-V has no WFE to sleep in, so a waiter
 * polls with plain loads (no AMO traffic on the line while it is held) and
 * a PAUSE hint between them.
 */
#ifndef ARCH_SPINLOCK_H
#define ARCH_SPINLOCK_H

#include <arch/guest_arch.h>

/* Zero, as in .bss, is unlocked. */
typedef struct {
	unsigned int locked;
} spinlock_t;

static inline void spin_lock(spinlock_t *l)
{
	unsigned int busy;

	for (;;) {
		__asm__ volatile("amoswap.w.aq %0, %2, %1"
				 : "=r"(busy), "+A"(l->locked)
				 : "r"(1u)
				 : "memory");
		if (!busy)
			return;
		while (*(volatile unsigned int *)&l->locked)
			cpu_relax();
	}
}

static inline void spin_unlock(spinlock_t *l)
{
	__asm__ volatile("amoswap.w.rl zero, zero, %0"
			 : "+A"(l->locked)
			 :
			 : "memory");
}

#endif
