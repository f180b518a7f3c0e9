/* SPDX-License-Identifier: Apache-2.0 */
#ifndef TESSERA_CORE_VMSTACK_H
#define TESSERA_CORE_VMSTACK_H

#include <tessera/hypercall.h>

#include "hypercall.h"
#include "vm.h"

struct hc_result vmstack_create(struct vcpu *caller, ipa_t desc_ipa,
				uint64_t size);
struct hc_result vmstack_destroy(struct vcpu *caller, uint64_t id);
/* Runs the child's vCPU on this CPU; returns here only on an error. */
struct hc_result vmstack_invoke(struct vcpu *caller, uint64_t id,
				uint64_t vcpu_id);
struct hc_result vmstack_yield(struct vcpu *caller, uint64_t value);
struct hc_result vmstack_measurement(struct vcpu *caller, uint64_t id);
/* Give the CPU back to the vCPU below the running one. */
noreturn void vmstack_return(enum tessera_invoke_end end, uint64_t value,
			     bool keep);
/* Stacking without the invoke protocol (the TEE dispatcher): push `v` above
 * the loaded vCPU; pop the top one, returning the one below (not loaded);
 * load and run the top one. */
void vmstack_push(struct vcpu *v);
struct vcpu *vmstack_pop(bool keep);
noreturn void vmstack_resume(struct vcpu *v);
/* If a vCPU below the running one has an interrupt waiting, return to it. */
void vmstack_preempt_check(void);
/* Whether vmstack_preempt_check could switch: a vCPU is stacked here. */
bool vmstack_preempt_possible(void);
/*
 * A VM's cache colors: its own, or for a child without any, those of the
 * memory it took (its parent's); 0 = not colored.
 */
uint64_t vmstack_colors(const struct vm *vm);
/* Destroy every child of `vm` (its reset, or its own destroy). */
void vmstack_destroy_children(const struct vm *vm);

#endif
