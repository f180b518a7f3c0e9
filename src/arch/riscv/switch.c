/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Switching a hart between two vCPUs (the VM-stack): everything a guest can
 * observe that a trap leaves in hardware goes to memory and back. The trap
 * frame (general registers, sepc, sstatus, hstatus) is in memory already. A
 * static VM that never shares its CPU never runs this code.
 */
#include "../../core/vm.h"
#include "../../lib/string.h"
#include "csr.h"
#include "riscv.h"

#define TIMER_OFF (~0ull)

/*
 * The hypervisor is built without F/D; the guests' floating-point registers
 * are moved with the D extension enabled for these lines only.
 */
#define FP_ALL                                                               \
	".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, " \
	"17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31\n"

static bool fp_on(void)
{
	return csr_read(CSR_SSTATUS) & SSTATUS_FS_MASK;
}

static void fp_save(struct arch_context *c)
{
	__asm__ volatile(".option push\n.option arch, +d\n" FP_ALL
			 "fsd f\\i, \\i * 8(%1)\n.endr\n"
			 "frcsr %0\n.option pop"
			 : "=r"(c->fcsr)
			 : "r"(c->fp)
			 : "memory");
}

static void fp_load(const struct arch_context *c)
{
	__asm__ volatile(".option push\n.option arch, +d\n" FP_ALL
			 "fld f\\i, \\i * 8(%0)\n.endr\n"
			 "fscsr %1\n.option pop"
			 :
			 : "r"(c->fp), "r"(c->fcsr)
			 : "memory");
}

/* A vCPU never starts with another's (or its parent's) FP values. */
void vcpu_fp_reset(struct vcpu *vcpu)
{
	struct arch_context *c = &vcpu->arch.ctx;

	memset(c->fp, 0, sizeof(c->fp));
	c->fcsr = 0;
	if (fp_on())
		fp_load(c);
}

void arch_vcpu_save(struct vcpu *vcpu)
{
	struct arch_context *c = &vcpu->arch.ctx;

	c->vsstatus = csr_read(CSR_VSSTATUS);
	c->hie = csr_read(CSR_HIE);
	c->vstvec = csr_read(CSR_VSTVEC);
	c->vsscratch = csr_read(CSR_VSSCRATCH);
	c->vsepc = csr_read(CSR_VSEPC);
	c->vscause = csr_read(CSR_VSCAUSE);
	c->vstval = csr_read(CSR_VSTVAL);
	c->vsatp = csr_read(CSR_VSATP);
	c->hvip = csr_read(CSR_HVIP);
	/* Nothing of this vCPU's may interrupt the next one. */
	csr_write(CSR_HVIP, 0);
	csr_write(CSR_HIE, 0);
	if (has_sstc) {
		c->vstimecmp = csr_read(CSR_VSTIMECMP);
		csr_write(CSR_VSTIMECMP, TIMER_OFF);
	}
	if (fp_on())
		fp_save(c);
}

void arch_vcpu_load(struct vcpu *vcpu)
{
	const struct arch_context *c = &vcpu->arch.ctx;

	csr_write(CSR_VSSTATUS, c->vsstatus);
	csr_write(CSR_HIE, c->hie);
	csr_write(CSR_VSTVEC, c->vstvec);
	csr_write(CSR_VSSCRATCH, c->vsscratch);
	csr_write(CSR_VSEPC, c->vsepc);
	csr_write(CSR_VSCAUSE, c->vscause);
	csr_write(CSR_VSTVAL, c->vstval);
	csr_write(CSR_VSATP, c->vsatp);
	csr_write(CSR_HVIP, c->hvip);
	if (has_sstc)
		csr_write(CSR_VSTIMECMP, c->vstimecmp);
	if (fp_on())
		fp_load(c);
}
