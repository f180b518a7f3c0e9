/* SPDX-License-Identifier: Apache-2.0 */
/* Tessera's own calls: one switch, one owner per function. */
#include "hypercall.h"

#include <tessera/hypercall.h>

#include "mem.h"
#include "vmstack.h"

static struct hc_result vm_info(struct vcpu *vcpu)
{
	return (struct hc_result){
	    HS_OK, {vcpu->vm->id, vcpu->id, vcpu->vm->vcpu_count}};
}

/* What a leak test compares before and after: free pages, VMs in use. */
static struct hc_result hyp_stats(void)
{
	uint64_t in_use = 0;

	for (unsigned i = 0; i < MAX_VMS; i++)
		in_use += vms[i].state != VM_FREE;
	return (struct hc_result){HS_OK, {hyp_mem.free_pages, in_use}};
}

struct hc_result hypercall(struct vcpu *vcpu, uint64_t fn,
			   const uint64_t args[5])
{
	switch (fn) {
	case HC_NULL:
		return (struct hc_result){HS_OK, {0}};
	case HC_VM_INFO:
		return vm_info(vcpu);
	case HC_VM_CREATE:
		return vmstack_create(vcpu, args[0], args[1]);
	case HC_VM_INVOKE:
		return vmstack_invoke(vcpu, args[0], args[1]);
	case HC_VM_DESTROY:
		return vmstack_destroy(vcpu, args[0]);
	case HC_VM_YIELD:
		return vmstack_yield(vcpu, args[0]);
	case HC_VM_MEASURE:
		return vmstack_measurement(vcpu, args[0]);
	case HC_HYP_STATS:
		return hyp_stats();
	default:
		return (struct hc_result){HS_NOT_SUPPORTED, {0}};
	}
}
