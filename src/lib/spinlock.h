/* SPDX-License-Identifier: Apache-2.0 */
#ifndef TESSERA_LIB_SPINLOCK_H
#define TESSERA_LIB_SPINLOCK_H

#include <stdint.h>

/*
 * A ticket lock: fair, so one CPU hammering the console cannot starve the
 * others. Waiting is delegated to arch_cpu_relax() (WFE on Arm) because under
 * QEMU -icount a pure spin burns the whole time slice of every other CPU.
 */
typedef struct {
	uint32_t next;
	uint32_t owner;
} spinlock_t;

#define SPINLOCK_INIT \
	{             \
		0, 0  \
	}

void arch_cpu_relax(void);
void arch_cpu_wake_all(void);

static inline void spin_lock(spinlock_t *l)
{
	uint32_t ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket)
		arch_cpu_relax();
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
	arch_cpu_wake_all();
}

#endif
