/* SPDX-License-Identifier: Apache-2.0 */
/* Tessera's own calls: one table, one owner per function. */
#include "hypercall.h"

#include <tessera/hypercall.h>

#include "ipc.h"
#include "mem.h"
#include "tee.h"
#include "vmstack.h"

#define MEM_REPORTS_LOGGED 4u

typedef bool hc_handler(struct vcpu *vcpu, const uint64_t args[5],
			uint64_t res[5]);

static void put(uint64_t res[5], struct hc_result r)
{
	res[0] = (uint64_t)r.status;
	for (unsigned i = 0; i < 4; i++)
		res[1 + i] = r.value[i];
}

/* Nothing to do: what a round trip costs. */
static bool hc_null(struct vcpu *vcpu, const uint64_t args[5], uint64_t res[5])
{
	(void)vcpu;
	(void)args;
	put(res, (struct hc_result){HS_OK, {0}});
	return true;
}

static bool hc_vm_info(struct vcpu *vcpu, const uint64_t args[5],
		       uint64_t res[5])
{
	(void)args;
	put(res, (struct hc_result){
		     HS_OK, {vcpu->vm->id, vcpu->id, vcpu->vm->vcpu_count}});
	return true;
}

/* What a leak test compares before and after: free pages, VMs in use. */
static bool hc_hyp_stats(struct vcpu *vcpu, const uint64_t args[5],
			 uint64_t res[5])
{
	uint64_t in_use = 0;

	(void)vcpu;
	(void)args;
	for (unsigned i = 0; i < MAX_VMS; i++)
		in_use += vms[i].state != VM_FREE;
	put(res, (struct hc_result){HS_OK, {hyp_mem.free_pages, in_use}});
	return true;
}

static bool hc_vm_create(struct vcpu *vcpu, const uint64_t args[5],
			 uint64_t res[5])
{
	put(res, vmstack_create(vcpu, args[0], args[1]));
	return true;
}

static bool hc_vm_invoke(struct vcpu *vcpu, const uint64_t args[5],
			 uint64_t res[5])
{
	put(res, vmstack_invoke(vcpu, args[0], args[1]));
	return true;
}

static bool hc_vm_destroy(struct vcpu *vcpu, const uint64_t args[5],
			  uint64_t res[5])
{
	put(res, vmstack_destroy(vcpu, args[0]));
	return true;
}

static bool hc_vm_yield(struct vcpu *vcpu, const uint64_t args[5],
			uint64_t res[5])
{
	put(res, vmstack_yield(vcpu, args[0]));
	return true;
}

static bool hc_vm_measure(struct vcpu *vcpu, const uint64_t args[5],
			  uint64_t res[5])
{
	put(res, vmstack_measurement(vcpu, args[0]));
	return true;
}

static bool hc_ipc_notify(struct vcpu *vcpu, const uint64_t args[5],
			  uint64_t res[5])
{
	put(res, ipc_notify(vcpu, args[0], args[1]));
	return true;
}

static bool hc_tee_restart(struct vcpu *vcpu, const uint64_t args[5],
			   uint64_t res[5])
{
	put(res, tee_restart(vcpu, args[0]));
	return true;
}

/*
 * The caller's physical frames as the ownership table has them: colors (a
 * bit each), frame count, physically contiguous runs. Logged the first few
 * times per VM, so a VM cannot flood the console with it.
 */
static bool hc_mem_report(struct vcpu *vcpu, const uint64_t args[5],
			  uint64_t res[5])
{
	static uint8_t logged[MAX_VMS];
	const struct vm *vm = vcpu->vm;
	struct mem_summary s = mem_summarize(&hyp_mem, OWNER_VM(vm->id));

	(void)args;
	if (logged[vm->id] < MEM_REPORTS_LOGGED) {
		logged[vm->id]++;
		vm_frames_log(vm, s);
	}
	put(res, (struct hc_result){HS_OK, {s.colors, s.pages, s.runs}});
	return true;
}

/* Every entry is set: no number below the end goes unanswered. */
static hc_handler *const handlers[] = {
    [HC_NULL] = hc_null,
    [HC_VM_INFO] = hc_vm_info,
    [HC_VM_CREATE] = hc_vm_create,
    [HC_VM_INVOKE] = hc_vm_invoke,
    [HC_VM_DESTROY] = hc_vm_destroy,
    [HC_VM_YIELD] = hc_vm_yield,
    [HC_IPC_NOTIFY] = hc_ipc_notify,
    [HC_MEM_REPORT] = hc_mem_report,
    [HC_VM_MEASURE] = hc_vm_measure,
    [HC_HYP_STATS] = hc_hyp_stats,
    [HC_TEE_RESTART] = hc_tee_restart,
};

/* Inlined into each arch's trap path, where `whole_frame` is a constant. */
__attribute__((always_inline)) inline bool
hypercall(struct vcpu *vcpu, uint64_t fn, const uint64_t args[5],
	  uint64_t res[5], bool whole_frame)
{
	if (fn >= ARRAY_SIZE(handlers)) {
		put(res, (struct hc_result){HS_NOT_SUPPORTED, {0}});
		return true;
	}
	/* Invoke and yield leave the caller's vCPU for another. */
	if (!whole_frame && (fn == HC_VM_INVOKE || fn == HC_VM_YIELD))
		return false;
	return handlers[fn](vcpu, args, res);
}
