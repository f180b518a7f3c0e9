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

static void tessera_call(struct vcpu *vcpu, uint32_t fn)
{
	uint64_t *x = vcpu->regs.x;
	struct hc_result r = hypercall(vcpu, fn & 0xffff, &x[1]);

	x[0] = (uint64_t)r.status;
	x[1] = r.value[0];
	x[2] = r.value[1];
	x[3] = r.value[2];
	x[4] = r.value[3];
}

void smccc_call(struct vcpu *vcpu)
{
	uint32_t fn = (uint32_t)vcpu->regs.x[0];
	unsigned owner = (fn >> 24) & 0x3f;
	/* A trusted OS has no PSCI or Tessera calls: it serves one VM. */
	bool tee = tee_is_tee(vcpu->vm);

	if (owner >= OWNER_TRUSTED_OS) {
		tee_smc(vcpu, fn, (sysreg_read(esr_el2) >> 26) == EC_SMC64);
		return;
	}
	switch (owner) {
	case OWNER_ARCH:
		vcpu->regs.x[0] = arch_call(fn, vcpu->regs.x[1]);
		break;
	case OWNER_STANDARD:
		if (tee)
			vcpu->regs.x[0] = SMCCC_NOT_SUPPORTED;
		else
			psci_call(vcpu, fn);
		break;
	case OWNER_VENDOR_HYP:
		if ((fn & 0xc0000000u) == 0xc0000000u && !(fn & 0xff0000u) &&
		    !tee) {
			tessera_call(vcpu, fn);
			break;
		}
		/* 32-bit calls, UID and revision queries: not ours. */
		__attribute__((fallthrough));
	default:
		vcpu->regs.x[0] = SMCCC_NOT_SUPPORTED;
	}
}
