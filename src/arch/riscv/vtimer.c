/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Guest timers, and the hart's own supervisor timer.
 *
 * With Sstc (QEMU 7.2's default) henvcfg.STCE is set, so a guest writes its
 * own vstimecmp and takes its timer interrupt without us; SBI set_timer just
 * writes vstimecmp for it. Without Sstc the guest's deadline is kept here
 * and the hart's timer (the firmware's, through SBI TIME) is set for it; its
 * expiry is injected as VSTIP.
 *
 * The hart's own timer also serves the VM-stack: while a child runs, it is
 * set for the earliest deadline of the vCPUs under it, whose expiry hands
 * the CPU back to them. Whichever comes first of that and (without Sstc) the
 * running guest's deadline is what the hart's timer holds.
 */
#include <arch/timer.h>

#include "../../core/vm.h"
#include "csr.h"
#include "riscv.h"
#include "sbi.h"

#define TIMER_OFF (~0ull)

static uint64_t parent_deadline[MAX_CPUS];

static uint64_t time_now(void)
{
	uint64_t now;

	__asm__ volatile("rdtime %0" : "=r"(now));
	return now;
}

static void program(void)
{
	struct cpu *c = this_cpu();
	uint64_t when = parent_deadline[arch_cpu_id()];

	if (has_sstc) {
		csr_write(CSR_STIMECMP, when);
		return;
	}
	if (c->loaded)
		when = MIN(when, c->loaded->arch.deadline);
	sbi_ecall(SBI_EXT_TIME, 0, when, 0, 0);
}

void vtimer_cpu_init(void)
{
	parent_deadline[arch_cpu_id()] = TIMER_OFF;
	program();
}

/* The loaded vCPU's SBI set_timer; also clears its pending timer interrupt. */
void vtimer_set(struct vcpu *vcpu, uint64_t when)
{
	if (has_sstc) {
		csr_write(CSR_VSTIMECMP, when);
		return;
	}
	vcpu->arch.deadline = when;
	csr_clear(CSR_HVIP, IRQ_BIT(IRQ_VS_TIMER));
	program();
}

/* A vCPU's timer as after reset: no deadline. */
void vtimer_reset(struct vcpu *vcpu)
{
	if (has_sstc)
		csr_write(CSR_VSTIMECMP, TIMER_OFF);
	vcpu->arch.deadline = TIMER_OFF;
	program();
}

/* The vCPU now on this CPU may have a deadline of its own (no Sstc). */
void vtimer_load(void)
{
	program();
}

/* The hart's timer fired: the running guest's deadline, the parents', or both.
 */
void vtimer_expired(void)
{
	struct cpu *c = this_cpu();
	struct vcpu *v = c->loaded;
	uint64_t now = time_now();

	if (!has_sstc && v && now >= v->arch.deadline) {
		v->arch.deadline = TIMER_OFF;
		csr_set(CSR_HVIP, IRQ_BIT(IRQ_VS_TIMER));
	}
	if (now >= parent_deadline[arch_cpu_id()]) {
		parent_deadline[arch_cpu_id()] = TIMER_OFF;
		for (unsigned k = 0; k + 1 < c->depth; k++)
			__atomic_store_n(&c->stack[k]->wake, true,
					 __ATOMIC_RELEASE);
	}
	program();
}

/* A saved vCPU's deadline, if it waits for its timer interrupt at all. */
static uint64_t saved_deadline(const struct vcpu *v)
{
	if (!(v->arch.ctx.hie & IRQ_BIT(IRQ_VS_TIMER)))
		return TIMER_OFF;
	return has_sstc ? v->arch.ctx.vstimecmp : v->arch.deadline;
}

void arch_parent_timer_arm(void)
{
	struct cpu *c = this_cpu();
	uint64_t deadline = TIMER_OFF;

	for (unsigned k = 0; k + 1 < c->depth; k++)
		if (!__atomic_load_n(&c->stack[k]->wake, __ATOMIC_ACQUIRE))
			deadline = MIN(deadline, saved_deadline(c->stack[k]));
	if (c->entry_bound_us)
		deadline = MIN(deadline, c->entry_bound_us *
					     platform_timebase_hz / 1000000);
	parent_deadline[arch_cpu_id()] = deadline;
	program();
}

void arch_parent_timer_disarm(void)
{
	parent_deadline[arch_cpu_id()] = TIMER_OFF;
	program();
}
