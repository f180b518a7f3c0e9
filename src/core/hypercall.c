/* SPDX-License-Identifier: Apache-2.0 */
/* Tessera's own calls: one switch, one owner per function. */
#include "hypercall.h"

#include <tessera/hypercall.h>

#include "mem.h"
#include "vmstack.h"

#define MEM_REPORTS_LOGGED 4u

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

/*
 * The caller's physical frames as the ownership table has them: colors (a
 * bit each), frame count, physically contiguous runs. Logged the first few
 * times per VM, so a VM cannot flood the console with it.
 */
static struct hc_result mem_report(struct vcpu *vcpu)
{
	static uint8_t logged[MAX_VMS];
	const struct vm *vm = vcpu->vm;
	struct mem_summary s = mem_summarize(&hyp_mem, OWNER_VM(vm->id));

	if (logged[vm->id] < MEM_REPORTS_LOGGED) {
		logged[vm->id]++;
		vm_frames_log(vm, s);
	}
	return (struct hc_result){HS_OK, {s.colors, s.pages, s.runs}};
}

struct hc_result hypercall(struct vcpu *vcpu, unsigned fn,
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
	case HC_MEM_REPORT:
		return mem_report(vcpu);
	case HC_VM_MEASURE:
		return vmstack_measurement(vcpu, args[0]);
	case HC_HYP_STATS:
		return hyp_stats();
	default:
		return (struct hc_result){HS_NOT_SUPPORTED, {0}};
	}
}
