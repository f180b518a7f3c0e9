/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PSCI 1.1 for guests. Every call acts on the caller's own VM: CPU_ON can
 * only start the VM's own vCPUs, and SYSTEM_OFF / SYSTEM_RESET switch off or
 * restart that VM alone.
 */
#include "smccc.h"

#include "../../core/arch.h"
#include "../../core/tee.h"

#define PSCI_VERSION	       0x84000000u
#define PSCI_CPU_SUSPEND       0x84000001u
#define PSCI_CPU_OFF	       0x84000002u
#define PSCI_CPU_ON	       0x84000003u
#define PSCI_AFFINITY_INFO     0x84000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF	       0x84000008u
#define PSCI_SYSTEM_RESET      0x84000009u
#define PSCI_FEATURES	       0x8400000au
#define PSCI_64		       0x40000000u

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_INVALID_ADDRESS	(-9)
#define PSCI_1_1		0x10001u
#define MIGRATE_NOT_REQUIRED	2

/* The vCPU of the caller's VM with this MPIDR affinity, if any. */
static struct vcpu *vcpu_by_mpidr(struct vm *vm, uint64_t mpidr)
{
	uint64_t aff = mpidr & 0xff00ffffffull;

	for (unsigned i = 0; i < vm->vcpu_count; i++)
		if ((vm->vcpus[i].arch.vmpidr & 0xff00ffffffull) == aff)
			return &vm->vcpus[i];
	return NULL;
}

static int64_t cpu_on(struct vcpu *caller, uint64_t mpidr, uint64_t entry,
		      uint64_t ctx)
{
	struct vcpu *target = vcpu_by_mpidr(caller->vm, mpidr);

	if (!target)
		return PSCI_INVALID_PARAMETERS;
	if (entry & 3)
		return PSCI_INVALID_PARAMETERS;
	if (!vm_ipa_to_hva(caller->vm, entry, 4, false))
		return PSCI_INVALID_ADDRESS;
	return vcpu_start(target, entry, ctx) ? PSCI_ALREADY_ON : PSCI_SUCCESS;
}

static int64_t affinity_info(struct vcpu *caller, uint64_t mpidr,
			     uint64_t level)
{
	struct vcpu *target = vcpu_by_mpidr(caller->vm, mpidr);

	if (!target || level != 0)
		return PSCI_INVALID_PARAMETERS;
	switch (target->state) {
	case VCPU_RUNNING:
		return 0;
	case VCPU_PENDING:
		return 2; /* ON_PENDING */
	default:
		return 1;
	}
}

static bool implemented(uint32_t fn)
{
	switch (fn & ~PSCI_64) {
	case PSCI_VERSION:
	case PSCI_CPU_SUSPEND:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
		return true;
	default:
		return fn == 0x80000000u; /* SMCCC_VERSION */
	}
}

void psci_call(struct vcpu *vcpu, uint32_t fn)
{
	uint64_t *x = vcpu->regs.x;
	int64_t ret;

	switch (fn & ~PSCI_64) {
	case PSCI_VERSION:
		ret = PSCI_1_1;
		break;
	case PSCI_CPU_SUSPEND:
		/* Standby: the caller's WFI-like wait ends at its next
		 * interrupt. */
		ret = PSCI_SUCCESS;
		break;
	case PSCI_CPU_OFF:
		tee_power_event(vcpu, TEE_ENTRY_CPU_OFF); /* its TEE first */
		vcpu_off(vcpu);
	case PSCI_CPU_ON:
		ret = cpu_on(vcpu, x[1], x[2], x[3]);
		break;
	case PSCI_AFFINITY_INFO:
		ret = affinity_info(vcpu, x[1], x[2]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = MIGRATE_NOT_REQUIRED;
		break;
	case PSCI_SYSTEM_OFF:
		tee_power_event(vcpu, TEE_ENTRY_SYSTEM_OFF);
		vm_power_off(vcpu->vm);
		vcpu_off(vcpu);
	case PSCI_SYSTEM_RESET:
		tee_power_event(vcpu, TEE_ENTRY_SYSTEM_RESET);
		vm_reset(vcpu->vm);
		arch_cpu_reschedule();
	case PSCI_FEATURES:
		ret = implemented((uint32_t)x[1]) ? PSCI_SUCCESS
						  : PSCI_NOT_SUPPORTED;
		break;
	default:
		ret = PSCI_NOT_SUPPORTED;
	}
	x[0] = (uint64_t)ret;
}
