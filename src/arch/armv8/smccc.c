/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SMCCC calls from guests (both conduits: HVC, and SMC trapped by
 * HCR_EL2.TSC). Each owner range has exactly one handler; an id nobody
 * implements answers NOT_SUPPORTED as SMCCC requires, because guests such as
 * Linux probe optional services (TRNG, vendor hypervisor UIDs) that way.
 */
#include "smccc.h"

#include <tessera/hypercall.h>

#include "../../core/hypercall.h"
#include "../../core/tee.h"
#include "sysreg.h"

#define OWNER_ARCH	    0
#define OWNER_STANDARD	    4
#define OWNER_VENDOR_HYP    6
#define OWNER_TRUSTED_OS    50 /* 50..63: trusted OSes (the TEE dispatcher) */
#define SMCCC_VERSION	    0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_VERSION_1_1   0x10001u

static uint64_t arch_call(uint32_t fn, uint64_t arg)
{
	if (fn == SMCCC_VERSION)
		return SMCCC_VERSION_1_1;
	if (fn == SMCCC_ARCH_FEATURES)
		return arg == SMCCC_VERSION ? 0 : SMCCC_NOT_SUPPORTED;
	return SMCCC_NOT_SUPPORTED;
}

/*
 * Tessera's calls: SMC64 fast calls of the vendor-specific hypervisor range,
 * function number in the low 16 bits.
 */
#define TESSERA_CALL_MASK 0xffff0000u
#define TESSERA_CALL_BASE (0xc0000000u | OWNER_VENDOR_HYP << 24)

/* Out of line, so that the path of Tessera's calls stays short. */
static __attribute__((noinline)) bool other_call(struct vcpu *vcpu, uint32_t fn,
						 bool full)
{
	unsigned owner = (fn >> 24) & 0x3f;

	if (owner == OWNER_ARCH) {
		vcpu->regs.x[0] = arch_call(fn, vcpu->regs.x[1]);
		return true;
	}
	/* PSCI and the TEE's calls may leave this vCPU for another. */
	if (!full)
		return false;
	if (owner >= OWNER_TRUSTED_OS)
		tee_smc(vcpu, fn, (sysreg_read(esr_el2) >> 26) == EC_SMC64);
	else if (owner == OWNER_STANDARD && !tee_is_tee(vcpu->vm))
		psci_call(vcpu, fn);
	else /* 32-bit calls, UID and revision queries: not ours. */
		vcpu->regs.x[0] = SMCCC_NOT_SUPPORTED;
	return true;
}

/* Inlined into each trap path, where `full` is a constant. */
__attribute__((always_inline)) inline bool smccc_call(struct vcpu *vcpu,
						      bool full)
{
	uint32_t fn = (uint32_t)vcpu->regs.x[0];

	/* A trusted OS has no PSCI or Tessera calls: it serves one VM. */
	if ((fn & TESSERA_CALL_MASK) == TESSERA_CALL_BASE && !vcpu->vm->is_tee)
		return hypercall(vcpu, fn & 0xffff, &vcpu->regs.x[1],
				 vcpu->regs.x, full);
	return other_call(vcpu, fn, full);
}
