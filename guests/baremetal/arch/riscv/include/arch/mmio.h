/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Device register access, in assembly with compressed encodings off: a
 * hypervisor emulating the device then always decodes one plain 32-bit
 * load or store, never a compressed one or something the compiler merged.
 */
#ifndef ARCH_MMIO_H
#define ARCH_MMIO_H

#include <stdint.h>

#define MMIO_INSN(insn) \
	".option push\n\t.option norvc\n\t" insn "\n\t.option pop"

static inline uint8_t mmio_read8(uintptr_t addr)
{
	uint8_t v;

	__asm__ volatile(MMIO_INSN("lbu %0, 0(%1)")
			 : "=r"(v)
			 : "r"(addr)
			 : "memory");
	return v;
}

static inline void mmio_write8(uintptr_t addr, uint8_t v)
{
	__asm__ volatile(MMIO_INSN("sb %z0, 0(%1)")
			 :
			 : "rJ"(v), "r"(addr)
			 : "memory");
}

static inline uint32_t mmio_read32(uintptr_t addr)
{
	uint32_t v;

	__asm__ volatile(MMIO_INSN("lw %0, 0(%1)")
			 : "=r"(v)
			 : "r"(addr)
			 : "memory");
	return v;
}

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
	__asm__ volatile(MMIO_INSN("sw %z0, 0(%1)")
			 :
			 : "rJ"(v), "r"(addr)
			 : "memory");
}

#endif
