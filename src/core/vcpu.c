/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Physical CPUs and the vCPUs stacked on them. There is no scheduler: a CPU
 * runs the vCPU on top of its stack, or sleeps until another CPU posts work
 * (a CPU_ON, a stop, interrupts to deliver) and wakes it with an IPI.
 */
#include "arch.h"
#include "tee.h"
#include "vm.h"
#include "vmstack.h"

struct cpu cpus[MAX_CPUS];

void cpu_post_work(unsigned cpu, uint32_t work)
{
	__atomic_fetch_or(&cpus[cpu].pending_work, work, __ATOMIC_RELEASE);
	if (cpu != arch_cpu_id())
		arch_ipi_send(cpu);
}

static struct vcpu *stack_top(const struct cpu *c)
{
	return c->depth ? c->stack[c->depth - 1] : NULL;
}

/* The running vCPU leaves this CPU; the CPU goes back to its loop. */
static noreturn void leave(struct vcpu *vcpu)
{
	struct cpu *c = this_cpu();

	arch_vcpu_park(vcpu);
	c->loaded = NULL;
	arch_cpu_wake_all(); /* someone may wait for the vCPU to be gone */
	arch_cpu_reschedule();
}

void cpu_handle_work(void)
{
	struct cpu *c = this_cpu();
	uint32_t work =
	    __atomic_exchange_n(&c->pending_work, 0, __ATOMIC_ACQUIRE);
	struct vcpu *v = c->loaded;

	if (!v)
		return; /* idle: core_cpu_loop looks at the stack itself */
	if (v->state != VCPU_RUNNING || v->vm->state != VM_RUNNING) {
		v->state = VCPU_OFF;
		leave(v);
	}
	/*
	 * A kick from another CPU may have marked the running vCPU to be woken;
	 * it is running, so its interrupts go straight to it and the mark would
	 * only cut short its next invoke of a child.
	 */
	__atomic_store_n(&v->wake, false, __ATOMIC_RELAXED);
	if (work & CPU_WORK_VGIC)
		arch_vcpu_sync_irqs(v);
	/* The trap path then looks for a vCPU below this one to wake. */
}

int vcpu_start(struct vcpu *vcpu, uint64_t entry, uint64_t arg)
{
	enum vcpu_state off = VCPU_OFF;

	if (vcpu->vm->state != VM_RUNNING)
		return -1;
	if (!__atomic_compare_exchange_n(&vcpu->state, &off, VCPU_PENDING,
					 false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return -1;
	vcpu->entry = entry;
	vcpu->entry_arg = arg;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	cpu_post_work(vcpu->pcpu, CPU_WORK_VCPU);
	return 0;
}

noreturn void vcpu_off(struct vcpu *vcpu)
{
	vcpu->state = VCPU_OFF;
	leave(vcpu);
}

noreturn void vcpu_fault(struct vcpu *vcpu, uint64_t pc, uint64_t addr,
			 const char *reason)
{
	struct vm *vm = vcpu->vm;

	log_info("vm %u (%s) stopped: vcpu %u, pc 0x%llx, address 0x%llx: %s",
		 vm->id, vm->name, vcpu->id, (unsigned long long)pc,
		 (unsigned long long)addr, reason);
	vm_stop(vm, reason);
	vcpu_off(vcpu);
}

struct vcpu *cpu_current_vcpu(void)
{
	return this_cpu()->loaded;
}

noreturn void core_cpu_loop(void)
{
	struct cpu *c = this_cpu();

	for (;;) {
		struct vcpu *v = stack_top(c);

		/* A child that stopped or went off hands the CPU back. */
		if (c->depth > 1 &&
		    (v->vm->state != VM_RUNNING || v->state == VCPU_OFF)) {
			if (tee_is_tee(v->vm))
				tee_vcpu_lost(v);
			vmstack_return(v->vm->state != VM_RUNNING
					   ? HC_INVOKE_STOPPED
					   : HC_INVOKE_VCPU_OFF,
				       0, false);
		}
		if (v && v->state == VCPU_PENDING &&
		    v->vm->state == VM_RUNNING) {
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
			tee_vcpu_start(v); /* its TEE's boot entry first */
			v->state = VCPU_RUNNING;
			arch_vcpu_reset(v, v->entry, v->entry_arg);
			c->loaded = v;
			arch_vcpu_run(v);
		}
		arch_cpu_wait();
		arch_irq_handle_pending();
		__atomic_exchange_n(&c->pending_work, 0, __ATOMIC_ACQUIRE);
	}
}
