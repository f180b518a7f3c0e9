/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Supervisor CSR accessors, read_<csr>(), write_<csr>(), set_<csr>(bits)
 * and clear_<csr>(bits), and the bits the guest uses. In VS-mode under a
 * hypervisor the same names reach the vs* copies. Plain defines before the
 * accessors: the assembly includes this file for the bits.
 */
#ifndef ARCH_CSR_H
#define ARCH_CSR_H

#define SSTATUS_SIE (1ul << 1)

/* Local interrupt causes: scause codes and sie/sip bit numbers. */
#define IRQ_S_SOFT  1
#define IRQ_S_TIMER 5
#define IRQ_S_EXT   9

#define SIE_SSIE (1ul << IRQ_S_SOFT)
#define SIE_STIE (1ul << IRQ_S_TIMER)
#define SIE_SEIE (1ul << IRQ_S_EXT)
#define SIP_SSIP SIE_SSIE
#define SIP_STIP SIE_STIE
#define SIE_SEIE (1ul << IRQ_S_EXT)
#define SIP_SEIP SIE_SEIE

/* scause: the top bit tells an interrupt from an exception. */
#define SCAUSE_IRQ_SHIFT 63

#ifndef __ASSEMBLER__

#define CSR_READ(name)                                                      \
	static inline unsigned long read_##name(void)                       \
	{                                                                   \
		unsigned long v;                                            \
		__asm__ volatile("csrr %0, " #name : "=r"(v) : : "memory"); \
		return v;                                                   \
	}

#define CSR_WRITE(name)                                                       \
	static inline void write_##name(unsigned long v)                      \
	{                                                                     \
		__asm__ volatile("csrw " #name ", %0" : : "r"(v) : "memory"); \
	}                                                                     \
	static inline void set_##name(unsigned long bits)                     \
	{                                                                     \
		__asm__ volatile("csrs " #name ", %0"                         \
				 :                                            \
				 : "r"(bits)                                  \
				 : "memory");                                 \
	}                                                                     \
	static inline void clear_##name(unsigned long bits)                   \
	{                                                                     \
		__asm__ volatile("csrc " #name ", %0"                         \
				 :                                            \
				 : "r"(bits)                                  \
				 : "memory");                                 \
	}

#define CSR_RW(name) CSR_READ(name) CSR_WRITE(name)

CSR_RW(sstatus)
CSR_RW(sie)
CSR_RW(sip)
CSR_READ(scause)
CSR_READ(sepc)
CSR_READ(stval)

/* The time CSR, at the platform's timebase frequency. */
static inline unsigned long read_time(void)
{
	unsigned long v;

	__asm__ volatile("rdtime %0" : "=r"(v));
	return v;
}

#endif
#endif
