/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Synchronous exceptions from guests, classified once by exception class and
 * handed to exactly one owner. Anything a guest does that has no owner stops
 * that guest's VM, never the hypervisor.
 */
#include "../../core/arch.h"
#include "../../core/vm.h"
#include "../../core/vmstack.h"
#include "smccc.h"
#include "sysreg.h"
#include "tee_arm.h"
#include "vgic.h"

#define ESR_ISV		(1u << 24)
#define ESR_WNR		(1u << 6)
#define DFSC_PERMISSION 0x0c

/* Encoding of ICC_SGI1R_EL1 / ICC_ASGI1R_EL1 / ICC_SGI0R_EL1 in an EC 0x18 ISS.
 */
#define ISS_SYSREG_MASK 0x3ffc1eu
#define ISS_SYSREG(op0, op1, crn, crm, op2) \
	((op0) << 20 | (op2) << 17 | (op1) << 14 | (crn) << 10 | (crm) << 1)
#define ISS_ICC_SGI1R  ISS_SYSREG(3u, 0u, 12u, 11u, 5u)
#define ISS_ICC_ASGI1R ISS_SYSREG(3u, 0u, 12u, 11u, 6u)
#define ISS_ICC_SGI0R  ISS_SYSREG(3u, 0u, 12u, 11u, 7u)

static inline uint64_t guest_pc(void)
{
	return sysreg_read(elr_el2);
}

static inline void skip_instruction(void)
{
	sysreg_write(elr_el2, sysreg_read(elr_el2) + 4);
}

static uint64_t fault_ipa(void)
{
	return (sysreg_read(hpfar_el2) >> 4) << 12 |
	       (sysreg_read(far_el2) & 0xfff);
}

static uint64_t sign_extend(uint64_t v, unsigned width, bool to64)
{
	unsigned bits = width * 8;
	uint64_t sign = 1ull << (bits - 1);

	if (bits == 64)
		return v;
	v = (v ^ sign) - sign;
	return to64 ? v : v & 0xffffffffu;
}

/* What a load puts in its register: `width` bytes of the device's value,
 * sign-extended when the instruction says so (ISS.SSE, to 64 bits if SF). */
static uint64_t load_value(uint64_t v, unsigned width, uint64_t esr)
{
	if (width < 8)
		v &= (1ull << (width * 8)) - 1;
	if ((esr >> 21) & 1)
		v = sign_extend(v, width, (esr >> 15) & 1);
	return v;
}

static bool data_abort(struct vcpu *vcpu, uint64_t esr)
{
	uint64_t ipa = fault_ipa();
	const struct mmio_range *r = mmio_find(&vcpu->vm->mmio, ipa);
	unsigned srt = (esr >> 16) & 0x1f;
	struct mmio_access a = {
	    .width = 1u << ((esr >> 22) & 3),
	    .write = esr & ESR_WNR,
	};

	if (!r) {
		vcpu_fault(vcpu, guest_pc(), ipa,
			   (esr & 0x3c) == DFSC_PERMISSION
			       ? "write to read-only memory"
			       : "access outside the VM's memory");
	}
	if (!(esr & ESR_ISV))
		vcpu_fault(vcpu, guest_pc(), ipa,
			   "device access with an instruction that cannot be "
			   "emulated");
	a.offset = ipa - r->base;
	if (a.write)
		a.value = srt == 31 ? 0 : vcpu->regs.x[srt];
	if (!r->handler(vcpu, r->dev, &a))
		vcpu_fault(vcpu, guest_pc(), ipa, "bad emulated device access");
	if (!(esr & ESR_WNR) && srt != 31)
		vcpu->regs.x[srt] = load_value(a.value, a.width, esr);
	skip_instruction();
	return true;
}

static bool sysreg_trap(struct vcpu *vcpu, uint64_t esr)
{
	uint32_t iss = esr & ISS_SYSREG_MASK;
	bool read = esr & 1;
	unsigned rt = (esr >> 5) & 0x1f;

	if (!read && (iss == ISS_ICC_SGI1R || iss == ISS_ICC_ASGI1R ||
		      iss == ISS_ICC_SGI0R)) {
		vgic_sgi1r_write(vcpu, rt == 31 ? 0 : vcpu->regs.x[rt]);
		skip_instruction();
		return true;
	}
	if (tee_arm_timer_access(vcpu, esr)) {
		skip_instruction();
		return true;
	}
	vcpu_fault(
	    vcpu, guest_pc(), esr,
	    "access to a trapped system register (ESR in the address field)");
}

/*
 * A trap handled on the partial frame boot.S saves (x0-x8, x16, x17 and
 * x30) may use only those registers of the guest's (31 is XZR).
 */
static bool in_partial_frame(unsigned reg)
{
	return reg <= 8 || reg == 16 || reg == 17 || reg >= 30;
}

/*
 * One dispatch for every synchronous trap. Without `full`, a handler that
 * needs the guest's whole register file answers false before it does
 * anything, and runs again once boot.S has saved the rest.
 */
static __attribute__((noinline)) bool guest_sync(struct vcpu *vcpu,
						 uint64_t esr, bool full)
{
	switch (esr >> 26) {
	case EC_HVC64:
		/* SMCCC calls use HVC #0; other immediates mean nothing to us.
		 */
		if (esr & 0xffff)
			vcpu_fault(vcpu, guest_pc() - 4, esr & 0xffff,
				   "HVC with a non-zero immediate (in the "
				   "address field)");
		return smccc_call(vcpu, full);
	case EC_SMC64:
		/* The TEE's conduit: always the whole frame. */
		if (!full)
			return false;
		skip_instruction();
		return smccc_call(vcpu, true);
	case EC_IABT_LOW:
		vcpu_fault(vcpu, guest_pc(), fault_ipa(),
			   (esr & 0x3c) == DFSC_PERMISSION
			       ? "instruction fetch from non-executable memory"
			       : "instruction fetch outside the VM's memory");
	case EC_WFX:
		skip_instruction();
		return true;
	default:
		vcpu_fault(vcpu, guest_pc(), esr >> 26,
			   "unhandled trap (exception class in address field)");
	}
}

/*
 * The hot paths first and with no stack frame of their own: a well-formed
 * HVC, emulated MMIO, SGIs. The compiler's order of cases is no use here.
 */
static inline bool sync_trap(struct vcpu *vcpu, bool full)
{
	uint64_t esr = sysreg_read(esr_el2);

	if (esr >> 26 == EC_HVC64 && !(esr & 0xffff))
		return smccc_call(vcpu, full);
	if (esr >> 26 == EC_DABT_LOW) {
		if (!full && !in_partial_frame((esr >> 16) & 0x1f))
			return false;
		return data_abort(vcpu, esr);
	}
	if (esr >> 26 == EC_SYSREG) { /* SGIs, a TEE's secure timer */
		if (!full && !in_partial_frame((esr >> 5) & 0x1f))
			return false;
		return sysreg_trap(vcpu, esr);
	}
	return guest_sync(vcpu, esr, full);
}

bool trap_guest_sync(struct vcpu *vcpu)
{
	return sync_trap(vcpu, false);
}

void trap_guest_sync_full(struct vcpu *vcpu)
{
	sync_trap(vcpu, true);
}

/*
 * Interrupts are taken on the partial frame; only a vCPU stacked on others
 * may have to give the CPU back to one below it, which needs the whole frame.
 */
bool trap_guest_irq(struct vcpu *vcpu)
{
	(void)vcpu;
	arch_irq_handle_pending();
	return !vmstack_preempt_possible();
}

void trap_guest_irq_full(struct vcpu *vcpu)
{
	(void)vcpu;
	vmstack_preempt_check();
}

void trap_guest_serror(struct vcpu *vcpu)
{
	vcpu_fault(vcpu, guest_pc(), sysreg_read(esr_el2), "SError");
}

noreturn void trap_hyp(uint64_t esr, uint64_t elr, uint64_t far)
{
	panic("exception in the hypervisor: ESR %llx ELR %llx FAR %llx",
	      (unsigned long long)esr, (unsigned long long)elr,
	      (unsigned long long)far);
}
