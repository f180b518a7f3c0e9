/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Control and status registers of the privileged architecture (v1.12) and
 * the H extension (v1.0), by number: the assembler's names for the newer
 * ones (Sstc, henvcfg) depend on its version, the numbers do not.
 */
#ifndef TESSERA_RISCV_CSR_H
#define TESSERA_RISCV_CSR_H

#define CSR_SSTATUS  0x100
#define CSR_SIE	     0x104
#define CSR_STVEC    0x105
#define CSR_SSCRATCH 0x140
#define CSR_SEPC     0x141
#define CSR_SCAUSE   0x142
#define CSR_STVAL    0x143
#define CSR_SIP	     0x144
#define CSR_STIMECMP 0x14d
#define CSR_SATP     0x180

#define CSR_VSSTATUS  0x200
#define CSR_VSIE      0x204
#define CSR_VSTVEC    0x205
#define CSR_VSSCRATCH 0x240
#define CSR_VSEPC     0x241
#define CSR_VSCAUSE   0x242
#define CSR_VSTVAL    0x243
#define CSR_VSIP      0x244
#define CSR_VSTIMECMP 0x24d
#define CSR_VSATP     0x280

#define CSR_HSTATUS    0x600
#define CSR_HEDELEG    0x602
#define CSR_HIDELEG    0x603
#define CSR_HIE	       0x604
#define CSR_HTIMEDELTA 0x605
#define CSR_HCOUNTEREN 0x606
#define CSR_HGEIE      0x607
#define CSR_HENVCFG    0x60a
#define CSR_HTVAL      0x643
#define CSR_HIP	       0x644
#define CSR_HVIP       0x645
#define CSR_HTINST     0x64a
#define CSR_HGATP      0x680

/* sstatus */
#define SSTATUS_SIE	   (1ull << 1)
#define SSTATUS_SPIE	   (1ull << 5)
#define SSTATUS_SPP	   (1ull << 8)
#define SSTATUS_FS_INITIAL (1ull << 13)
#define SSTATUS_FS_MASK	   (3ull << 13)
#define SSTATUS_UXL_64	   (2ull << 32)

/* hstatus */
#define HSTATUS_GVA  (1ull << 6)
#define HSTATUS_SPV  (1ull << 7)
#define HSTATUS_SPVP (1ull << 8)
#define HSTATUS_VTW  (1ull << 21)

/* Interrupt numbers: bits of sip / sie / hip / hie / hvip / hideleg. */
#define IRQ_S_SOFT   1
#define IRQ_VS_SOFT  2
#define IRQ_S_TIMER  5
#define IRQ_VS_TIMER 6
#define IRQ_S_EXT    9
#define IRQ_VS_EXT   10
#define IRQ_BIT(n)   (1ull << (n))

/* scause */
#define CAUSE_INTERRUPT		   (1ull << 63)
#define EXC_INST_MISALIGNED	   0
#define EXC_INST_ACCESS		   1
#define EXC_ILLEGAL_INST	   2
#define EXC_BREAKPOINT		   3
#define EXC_LOAD_MISALIGNED	   4
#define EXC_LOAD_ACCESS		   5
#define EXC_STORE_MISALIGNED	   6
#define EXC_STORE_ACCESS	   7
#define EXC_ECALL_U		   8
#define EXC_ECALL_VS		   10
#define EXC_INST_PAGE_FAULT	   12
#define EXC_LOAD_PAGE_FAULT	   13
#define EXC_STORE_PAGE_FAULT	   15
#define EXC_INST_GUEST_PAGE_FAULT  20
#define EXC_LOAD_GUEST_PAGE_FAULT  21
#define EXC_VIRTUAL_INST	   22
#define EXC_STORE_GUEST_PAGE_FAULT 23

/* henvcfg */
#define HENVCFG_STCE (1ull << 63)

/* satp / hgatp */
#define SATP_MODE_SV39	  (8ull << 60)
#define SATP_PPN_MASK	  ((1ull << 44) - 1)
#define HGATP_MODE_SV39X4 (8ull << 60)
#define HGATP_VMID_SHIFT  44
#define HGATP_VMID_MASK	  0x3fffull

#ifndef __ASSEMBLY__
#include <stdint.h>

#define CSR_STR_(x) #x
#define CSR_STR(x)  CSR_STR_(x)

#define csr_read(csr)                                     \
	({                                                \
		uint64_t v_;                              \
		__asm__ volatile("csrr %0, " CSR_STR(csr) \
				 : "=r"(v_)::"memory");   \
		v_;                                       \
	})
#define csr_write(csr, val)                                                 \
	__asm__ volatile("csrw " CSR_STR(csr) ", %0" ::"r"((uint64_t)(val)) \
			 : "memory")
#define csr_set(csr, bits)                                                   \
	__asm__ volatile("csrs " CSR_STR(csr) ", %0" ::"r"((uint64_t)(bits)) \
			 : "memory")
#define csr_clear(csr, bits)                                                 \
	__asm__ volatile("csrc " CSR_STR(csr) ", %0" ::"r"((uint64_t)(bits)) \
			 : "memory")

/* The H-extension fences; the assembler only knows them with +h. */
static inline void hfence_gvma_all(void)
{
	__asm__ volatile(".option push\n.option arch, +h\n"
			 "hfence.gvma zero, zero\n.option pop" ::
			     : "memory");
}

/* Guest-virtual translations of the VMID in hgatp, on this hart. */
static inline void hfence_vvma_all(void)
{
	__asm__ volatile(".option push\n.option arch, +h\n"
			 "hfence.vvma zero, zero\n.option pop" ::
			     : "memory");
}

static inline void fence_i(void)
{
	__asm__ volatile("fence.i" ::: "memory");
}
#endif

#endif
