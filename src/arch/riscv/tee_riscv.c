/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The TEE dispatcher's RISC-V side: not there yet (docs/tee.md). No image
 * is accepted as a TEE, so a TEE VM is refused at boot and its client's
 * calls fail; the other hooks are then never reached.
 */
#include "../../core/tee.h"

int arch_tee_image_prepare(struct vm *tee)
{
	log_info("vm %u (%s): no TEE support on RISC-V yet", tee->id,
		 tee->name);
	return -1;
}

void arch_tee_vm_init(struct vm *tee, struct vm *client)
{
	(void)tee;
	(void)client;
}

uint64_t arch_tee_vector(enum tee_entry entry)
{
	(void)entry;
	return 0;
}

void arch_tee_entry(struct vcpu *tee_vcpu, uint64_t pc, const uint64_t *args,
		    unsigned nargs, bool fresh)
{
	(void)tee_vcpu;
	(void)pc;
	(void)args;
	(void)nargs;
	(void)fresh;
}

void arch_tee_foreign_irq(struct vcpu *tee_vcpu, bool on)
{
	(void)tee_vcpu;
	(void)on;
}

bool arch_vcpu_irq_deliverable(struct vcpu *vcpu)
{
	(void)vcpu;
	return false;
}

uint64_t arch_vcpu_pc(const struct vcpu *vcpu)
{
	return vcpu->regs.sepc;
}

void arch_vcpu_repeat_call(struct vcpu *vcpu)
{
	vcpu->regs.sepc -= 4;
}
