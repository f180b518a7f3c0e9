/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A test-and-set lock that sleeps in WFE. The waiter's LDAXR arms the
 * exclusive monitor, so the owner's releasing store is itself the wake-up
 * event: no SEV needed, and never a bare spin (under QEMU -icount a spinning
 * vCPU burns the time slices of the others).
 */
#ifndef ARCH_SPINLOCK_H
#define ARCH_SPINLOCK_H

/* Zero, as in .bss, is unlocked. */
typedef struct {
	unsigned int locked;
} spinlock_t;

static inline void spin_lock(spinlock_t *l)
{
	unsigned int busy, failed;

	__asm__ volatile("	sevl\n"
			 "1:	wfe\n"
			 "2:	ldaxr	%w0, %2\n"
			 "	cbnz	%w0, 1b\n"
			 "	stxr	%w1, %w3, %2\n"
			 "	cbnz	%w1, 2b\n"
			 : "=&r"(busy), "=&r"(failed), "+Q"(l->locked)
			 : "r"(1u)
			 : "memory");
}

static inline void spin_unlock(spinlock_t *l)
{
	__asm__ volatile("stlr wzr, %0" : "=Q"(l->locked) : : "memory");
}

#endif
