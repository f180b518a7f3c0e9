/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Switching a physical CPU between two vCPUs (the VM-stack): everything a
 * guest can observe that a trap leaves in hardware goes to memory and back.
 * A static VM that never shares its CPU never runs this code.
 */
#include "../../core/vm.h"
#include "gic.h"
#include "sysreg.h"

#define EL1_REGS(X)                     \
	X(0, sctlr_el1)                 \
	X(1, ttbr0_el1)                 \
	X(2, ttbr1_el1)                 \
	X(3, tcr_el1)                   \
	X(4, mair_el1)                  \
	X(5, amair_el1)                 \
	X(6, vbar_el1)                  \
	X(7, contextidr_el1)            \
	X(8, tpidr_el0)                 \
	X(9, tpidr_el1)                 \
	X(10, tpidrro_el0)              \
	X(11, sp_el0)                   \
	X(12, sp_el1)                   \
	X(13, elr_el1)                  \
	X(14, spsr_el1)                 \
	X(15, esr_el1)                  \
	X(16, far_el1)                  \
	X(17, afsr0_el1)                \
	X(18, afsr1_el1)                \
	X(19, par_el1)                  \
	X(20, cpacr_el1)                \
	X(21, cntkctl_el1)              \
	X(22, csselr_el1)               \
	X(EL1_CNTV_CVAL, cntv_cval_el0) \
	X(24, elr_el2)                  \
	X(25, spsr_el2)

/* Pointer-authentication keys, by encoding (APxxKey{Lo,Hi}_EL1). */
#define PAUTH_REGS(X)      \
	X(0, S3_0_C2_C1_0) \
	X(1, S3_0_C2_C1_1) \
	X(2, S3_0_C2_C1_2) \
	X(3, S3_0_C2_C1_3) \
	X(4, S3_0_C2_C2_0) \
	X(5, S3_0_C2_C2_1) \
	X(6, S3_0_C2_C2_2) \
	X(7, S3_0_C2_C2_3) \
	X(8, S3_0_C2_C3_0) \
	X(9, S3_0_C2_C3_1)

#define SAVE(i, reg)	   c->el1[i] = sysreg_read(reg);
#define LOAD(i, reg)	   sysreg_write(reg, c->el1[i]);
#define SAVE_PAUTH(i, reg) c->pauth[i] = sysreg_read(reg);
#define LOAD_PAUTH(i, reg) sysreg_write(reg, c->pauth[i]);

#define ICH_AP0R0_EL2 S3_4_C12_C8_0
#define ICH_AP1R0_EL2 S3_4_C12_C9_0
#define GICH_VMCR     0x08
#define GICH_APR      0xf0

extern bool arch_has_pauth;

static void fp_save(struct arch_context *c)
{
	__asm__ volatile("stp q0, q1, [%0, #0]\n stp q2, q3, [%0, #32]\n"
			 "stp q4, q5, [%0, #64]\n stp q6, q7, [%0, #96]\n"
			 "stp q8, q9, [%0, #128]\n stp q10, q11, [%0, #160]\n"
			 "stp q12, q13, [%0, #192]\n stp q14, q15, [%0, #224]\n"
			 "stp q16, q17, [%0, #256]\n stp q18, q19, [%0, #288]\n"
			 "stp q20, q21, [%0, #320]\n stp q22, q23, [%0, #352]\n"
			 "stp q24, q25, [%0, #384]\n stp q26, q27, [%0, #416]\n"
			 "stp q28, q29, [%0, #448]\n stp q30, q31, [%0, #480]\n"
			 :
			 : "r"(c->fp)
			 : "memory");
	c->fpcr = sysreg_read(fpcr);
	c->fpsr = sysreg_read(fpsr);
}

static void fp_load(const struct arch_context *c)
{
	__asm__ volatile("ldp q0, q1, [%0, #0]\n ldp q2, q3, [%0, #32]\n"
			 "ldp q4, q5, [%0, #64]\n ldp q6, q7, [%0, #96]\n"
			 "ldp q8, q9, [%0, #128]\n ldp q10, q11, [%0, #160]\n"
			 "ldp q12, q13, [%0, #192]\n ldp q14, q15, [%0, #224]\n"
			 "ldp q16, q17, [%0, #256]\n ldp q18, q19, [%0, #288]\n"
			 "ldp q20, q21, [%0, #320]\n ldp q22, q23, [%0, #352]\n"
			 "ldp q24, q25, [%0, #384]\n ldp q26, q27, [%0, #416]\n"
			 "ldp q28, q29, [%0, #448]\n ldp q30, q31, [%0, #480]\n"
			 :
			 : "r"(c->fp)
			 : "memory");
	sysreg_write(fpcr, c->fpcr);
	sysreg_write(fpsr, c->fpsr);
}

static void vgic_save(struct arch_context *c)
{
	/* Empty afterwards, so nothing of this vCPU's acts on the next one. */
	for (unsigned n = 0; n < gic_lr_count; n++) {
		c->lr[n] = gic_lr_raw_read(n);
		gic_lr_raw_write(n, 0);
	}
	c->hcr = gic_hcr_read();
	if (gic_version == 3) {
		c->vmcr = (uint32_t)sysreg_read(ICH_VMCR_EL2);
		c->apr0 = (uint32_t)sysreg_read(ICH_AP0R0_EL2);
		c->apr1 = (uint32_t)sysreg_read(ICH_AP1R0_EL2);
	} else {
		c->vmcr = *(volatile uint32_t *)(platform_gic.gich + GICH_VMCR);
		c->apr0 = *(volatile uint32_t *)(platform_gic.gich + GICH_APR);
	}
}

static void vgic_load(const struct arch_context *c)
{
	for (unsigned n = 0; n < gic_lr_count; n++)
		gic_lr_raw_write(n, c->lr[n]);
	gic_hcr_write(c->hcr);
	if (gic_version == 3) {
		sysreg_write(ICH_VMCR_EL2, c->vmcr);
		sysreg_write(ICH_AP0R0_EL2, c->apr0);
		sysreg_write(ICH_AP1R0_EL2, c->apr1);
	} else {
		*(volatile uint32_t *)(platform_gic.gich + GICH_VMCR) = c->vmcr;
		*(volatile uint32_t *)(platform_gic.gich + GICH_APR) = c->apr0;
	}
}

void arch_vcpu_save(struct vcpu *vcpu)
{
	struct arch_context *c = &vcpu->arch.ctx;

	EL1_REGS(SAVE)
	if (arch_has_pauth) {
		PAUTH_REGS(SAVE_PAUTH)
	}
	/* The timer is stopped so it cannot fire for the next vCPU. */
	vcpu->arch.cntv_ctl = (uint32_t)sysreg_read(cntv_ctl_el0);
	sysreg_write(cntv_ctl_el0, 0);
	fp_save(c);
	vgic_save(c);
}

void arch_vcpu_load(struct vcpu *vcpu)
{
	const struct arch_context *c = &vcpu->arch.ctx;

	EL1_REGS(LOAD)
	if (arch_has_pauth) {
		PAUTH_REGS(LOAD_PAUTH)
	}
	sysreg_write(vmpidr_el2, vcpu->arch.vmpidr);
	fp_load(c);
	vgic_load(c);
	sysreg_write(cntv_ctl_el0, vcpu->arch.cntv_ctl);
}
