/* SPDX-License-Identifier: Apache-2.0 */
/* Register layout from the RISC-V PLIC specification (v1.0.0). */
#include "plic.h"

#include "../../lib/spinlock.h"

#define PLIC_PRIORITY	    0x0u
#define PLIC_ENABLE	    0x2000u
#define PLIC_ENABLE_STRIDE  0x80u
#define PLIC_CONTEXT	    0x200000u
#define PLIC_CONTEXT_STRIDE 0x1000u
#define PLIC_THRESHOLD	    0x0u
#define PLIC_CLAIM	    0x4u

/* Enable words are read-modify-written; two CPUs may touch one context. */
static spinlock_t enable_lock = SPINLOCK_INIT;

static inline volatile uint32_t *reg(uintptr_t off)
{
	return (volatile uint32_t *)(platform_plic.base + off);
}

static inline volatile uint32_t *context_reg(unsigned context, uintptr_t off)
{
	return reg(PLIC_CONTEXT + (uintptr_t)context * PLIC_CONTEXT_STRIDE +
		   off);
}

static inline volatile uint32_t *enable_word(unsigned context, uint32_t src)
{
	return reg(PLIC_ENABLE + (uintptr_t)context * PLIC_ENABLE_STRIDE +
		   (src / 32) * 4);
}

unsigned plic_context(uint64_t hart)
{
	return (unsigned)(hart * platform_plic.contexts_per_hart +
			  platform_plic.s_context);
}

void plic_cpu_init(unsigned context)
{
	for (uint32_t src = 0; src < platform_plic.sources; src += 32)
		*enable_word(context, src) = 0;
	*context_reg(context, PLIC_THRESHOLD) = 0;
}

void plic_enable(unsigned context, uint32_t src, bool on)
{
	volatile uint32_t *w = enable_word(context, src);

	if (src == 0 || src >= platform_plic.sources)
		return;
	spin_lock(&enable_lock);
	if (on) {
		*reg(PLIC_PRIORITY + src * 4) = 1;
		*w |= 1u << (src % 32);
	} else {
		*w &= ~(1u << (src % 32));
	}
	spin_unlock(&enable_lock);
}

uint32_t plic_claim(unsigned context)
{
	return *context_reg(context, PLIC_CLAIM);
}

void plic_complete(unsigned context, uint32_t src)
{
	*context_reg(context, PLIC_CLAIM) = src;
}
