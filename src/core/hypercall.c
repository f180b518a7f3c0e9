/* SPDX-License-Identifier: Apache-2.0 */
#include "hypercall.h"

#include <tessera/hypercall.h>

#include "mem.h"
#include "vmstack.h"

static struct hc_result vm_info(struct vcpu *vcpu)
{
	return (struct hc_result){
	    HS_OK, {vcpu->vm->id, vcpu->id, vcpu->vm->vcpu_count}};
}

struct hc_result hypercall(struct vcpu *vcpu, unsigned fn,
			   const uint64_t args[5])
{
	(void)args;
	switch (fn) {
	case HC_NULL:
		return (struct hc_result){HS_OK, {0}};
	case HC_VM_INFO:
		return vm_info(vcpu);
	default:
		return (struct hc_result){HS_NOT_SUPPORTED, {0}};
	}
}
