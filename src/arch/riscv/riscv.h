/* SPDX-License-Identifier: Apache-2.0 */
/* What the RISC-V files share among themselves. */
#ifndef TESSERA_RISCV_RISCV_H
#define TESSERA_RISCV_RISCV_H

#include "../../core/vm.h"

/* Hart id of each of our CPU indexes (cpu.c). */
extern uint64_t cpu_hart[MAX_CPUS];
/* Sstc is usable: guests program vstimecmp themselves. */
extern bool has_sstc;

uintptr_t cpu_stack_top(void);
noreturn void vcpu_enter_fresh(struct vcpu *vcpu);

/* One halfword of guest code at a guest-virtual address (boot.S). */
struct guest_read {
	uint64_t value;
	uint64_t fault; /* non-zero: the read faulted */
};
struct guest_read guest_read_insn16(uint64_t gva);
/* The hart has Sstc and the firmware lets us use it (boot.S). */
bool stimecmp_readable(void);

/* `vcpu` runs on this CPU right now. */
static inline bool vcpu_is_loaded(const struct vcpu *vcpu)
{
	return vcpu->pcpu == arch_cpu_id() && cpus[vcpu->pcpu].loaded == vcpu;
}

/* Get the vCPU's virtual interrupt lines applied now or soon. */
void vcpu_kick(struct vcpu *vcpu);

/* Guest timers and the hart's own timer (vtimer.c). */
void vtimer_cpu_init(void);
void vtimer_set(struct vcpu *vcpu, uint64_t when);
void vtimer_reset(struct vcpu *vcpu);
void vtimer_load(void);
void vtimer_expired(void);

/* Zero the floating-point registers a vCPU starts with (switch.c). */
void vcpu_fp_reset(struct vcpu *vcpu);

#endif
