/* SPDX-License-Identifier: Apache-2.0 */
/*
 * System register accessors, read_<name>() and write_<name>(). The GIC CPU
 * interface registers are spelled by encoding so that the assembler accepts
 * them whatever -march says.
 */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#define SYSREG_READ(name, reg)                              \
	static inline unsigned long read_##name(void)       \
	{                                                   \
		unsigned long v;                            \
		__asm__ volatile("mrs %0, " reg : "=r"(v)); \
		return v;                                   \
	}

#define SYSREG_WRITE(name, reg)                                            \
	static inline void write_##name(unsigned long v)                   \
	{                                                                  \
		__asm__ volatile("msr " reg ", %0" : : "r"(v) : "memory"); \
	}

#define SYSREG_RW(name, reg) SYSREG_READ(name, reg) SYSREG_WRITE(name, reg)

SYSREG_READ(mpidr, "mpidr_el1")
SYSREG_READ(id_aa64pfr0, "id_aa64pfr0_el1")
SYSREG_READ(esr, "esr_el1")
SYSREG_READ(elr, "elr_el1")
SYSREG_READ(far, "far_el1")
SYSREG_RW(tpidr, "tpidr_el1")
SYSREG_RW(daif, "daif")

SYSREG_READ(cntfrq, "cntfrq_el0")
SYSREG_READ(cntvct, "cntvct_el0")
SYSREG_RW(cntv_ctl, "cntv_ctl_el0")
SYSREG_RW(cntv_cval, "cntv_cval_el0")
SYSREG_RW(cntkctl, "cntkctl_el1")

SYSREG_RW(icc_pmr, "s3_0_c4_c6_0")
SYSREG_READ(icc_iar1, "s3_0_c12_c12_0")
SYSREG_WRITE(icc_eoir1, "s3_0_c12_c12_1")
SYSREG_RW(icc_bpr1, "s3_0_c12_c12_3")
SYSREG_RW(icc_sre, "s3_0_c12_c12_5")
SYSREG_RW(icc_igrpen1, "s3_0_c12_c12_7")
SYSREG_WRITE(icc_sgi1r, "s3_0_c12_c11_5")

static inline void isb(void)
{
	__asm__ volatile("isb" : : : "memory");
}

/* Orders earlier stores before a write that signals another CPU. */
static inline void dsb_ishst(void)
{
	__asm__ volatile("dsb ishst" : : : "memory");
}

#endif
