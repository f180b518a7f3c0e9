/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The hooks the core calls into the architecture layer. The core decides
 * policy (which VM owns what, when a vCPU runs or stops); the arch layer
 * implements mechanisms behind these functions.
 */
#ifndef TESSERA_CORE_ARCH_H
#define TESSERA_CORE_ARCH_H

#include "../lib/spinlock.h" /* arch_cpu_relax, arch_cpu_wake_all */
#include "hyp.h"

struct vm;
struct vcpu;
struct cpu;

/* CPUs */
unsigned arch_cpu_id(void);
/* Start physical CPU `cpu` at the hypervisor's secondary entry. */
int arch_cpu_start(unsigned cpu);
/* Sleep until an interrupt is pending (interrupts stay masked in the
 * hypervisor). */
void arch_cpu_wait(void);
noreturn void arch_system_off(void);
/*
 * Write back data the hypervisor put in a guest's memory, so that a guest
 * starting with caches off (and its instruction fetches) sees it.
 */
void arch_cache_clean(const void *p, size_t size);
/* Abandon the current call chain and continue in core_cpu_loop() on a fresh
 * stack. */
noreturn void arch_cpu_reschedule(void);

/*
 * The hypervisor onto frames of its colors (boot CPU, before the others
 * start): new tables map its image's addresses onto `image`, the rest as
 * before; page i of the image is copied to to[i] (page i of `image`, through
 * the RAM map) and the tables are switched with nothing written in between.
 * The old frames are the caller's to release.
 */
struct frames;
void arch_hyp_recolor(const struct frames *image, void *const *to);
/* Where the hypervisor's own address `va` is in physical memory. */
paddr_t arch_hyp_pa(const void *va);

/* Microseconds since the machine was reset (the architectural counter). */
uint64_t arch_time_us(void);

/* Per-CPU interrupt handling, called from the idle loop and the trap path. */
void arch_irq_handle_pending(void);
void arch_ipi_send(unsigned cpu);

/* VMs and vCPUs */
int arch_vm_init(struct vm *vm);
/* arch_stage2_map flags: VMDESC_MEM_R/W/X, and this for device memory. */
#define STAGE2_DEVICE (1u << 8)
int arch_stage2_map(struct vm *vm, ipa_t ipa, paddr_t pa, uint64_t size,
		    uint32_t flags);
void arch_vcpu_init(struct vcpu *vcpu);
/* Load the reset state of `vcpu` into this CPU, to start at `entry`. */
void arch_vcpu_reset(struct vcpu *vcpu, uint64_t entry, uint64_t arg);
/* Enter (or re-enter) `vcpu` on this CPU; returns only through traps. */
noreturn void arch_vcpu_run(struct vcpu *vcpu);
/* This CPU stops running `vcpu` for good (VM stopped, CPU_OFF). */
void arch_vcpu_park(struct vcpu *vcpu);
/* Move every piece of state `vcpu` left in this CPU to memory, and back. */
void arch_vcpu_save(struct vcpu *vcpu);
void arch_vcpu_load(struct vcpu *vcpu);
/*
 * While a child runs, the timers of the vCPUs below it must still interrupt:
 * arm a hypervisor timer for their earliest deadline, or the CPU's
 * entry_bound_us if sooner (and disarm it). A vCPU already marked to wake
 * needs no timer.
 */
void arch_parent_timer_arm(void);
void arch_parent_timer_disarm(void);
int arch_stage2_unmap(struct vm *vm, ipa_t ipa, uint64_t size);
/* Free the VM's stage-2 tables and forget its virtual interrupt state. */
void arch_vm_destroy(struct vm *vm);
/* The VM that owns the physical interrupt `irq`, or NULL. */
struct vm *arch_irq_owner(uint32_t irq);
/* Hand a physical interrupt from one VM to another (disabled, as at reset). */
void arch_irq_transfer(uint32_t irq, struct vm *from, struct vm *to);
/* Deliver virtual interrupts queued for `vcpu` while it runs on this CPU. */
void arch_vcpu_sync_irqs(struct vcpu *vcpu);
/* The physical interrupt `irq`, owned by `vm`, follows the VM's routing. */
void arch_irq_assign(struct vm *vm, uint32_t irq);
void arch_irq_release(uint32_t irq);
/*
 * Drive a purely virtual interrupt line of `vm` (an emulated device's): a
 * level-sensitive input of the VM's virtual interrupt controller.
 */
void arch_virq_set_level(struct vm *vm, uint32_t irq, bool level);
/*
 * A purely virtual edge interrupt of `vm` (a doorbell): declare it once at
 * build, then raise it. Raising one already pending changes nothing, so a
 * burst of raises costs its target no more than one.
 */
void arch_vm_add_virq(struct vm *vm, uint32_t irq);
void arch_vm_raise_virq(struct vm *vm, uint32_t irq);
/* Print the interrupt-controller flavour for the banner. */
const char *arch_intc_name(void);

#endif
