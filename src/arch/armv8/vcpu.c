/* SPDX-License-Identifier: Apache-2.0 */
/* Stage 2, vCPU entry and exit, and interrupt dispatch on a physical CPU. */
#include "../../core/arch.h"
#include "../../core/mem.h"
#include "../../core/platform.h"
#include "../../core/vmstack.h"
#include "../../lib/string.h"
#include "gic.h"
#include "pt.h"
#include "sysreg.h"
#include "tee_arm.h"
#include "vgic.h"

/* Start level 1 with a 39-bit IPA space (VTCR_EL2.T0SZ = 25, SL0 = 1). */
#define S2_START_LEVEL	 1
#define SPSR_EL1H_MASKED 0x3c5ull
#define SCTLR_EL1_RESET	 0x30d00800ull

noreturn void vcpu_enter_fresh(void);

int arch_vm_init(struct vm *vm)
{
	vm->arch.s2_root = page_alloc_zeroed();
	if (!vm->arch.s2_root)
		return -1;
	vm->arch.vmid = (uint16_t)(vm->id + 1);
	return vgic_vm_init(vm);
}

static uint64_t s2_attr(uint32_t flags)
{
	uint64_t attr = (flags & STAGE2_DEVICE) ? PT_S2_DEVICE : PT_S2_NORMAL;

	if (flags & VMDESC_MEM_R)
		attr |= PT_S2_R;
	if (flags & VMDESC_MEM_W)
		attr |= PT_S2_W;
	if (!(flags & VMDESC_MEM_X))
		attr |= PT_S2_XN;
	return attr;
}

static uint64_t vttbr_of(const struct vm *vm)
{
	return (uint64_t)vm->arch.vmid << 48 | hva_pa(vm->arch.s2_root);
}

/* Forget every translation of `vm` on every CPU (inner shareable). */
static void stage2_tlb_flush(const struct vm *vm)
{
	uint64_t current = sysreg_read(vttbr_el2);

	dsb(ishst);
	sysreg_write(vttbr_el2, vttbr_of(vm));
	isb();
	__asm__ volatile("tlbi vmalls12e1is" ::: "memory");
	dsb(ish);
	sysreg_write(vttbr_el2, current);
	isb();
}

static void page_free(void *page)
{
	page_release(page);
}

static void stage2_flush_cb(void *vm)
{
	stage2_tlb_flush(vm);
}

/* Tables a child's return left split go back to being blocks. */
int arch_stage2_map(struct vm *vm, ipa_t ipa, paddr_t pa, uint64_t size,
		    uint32_t flags)
{
	int ret = pt_map(vm->arch.s2_root, S2_START_LEVEL, ipa, pa, size,
			 s2_attr(flags), page_alloc_zeroed);

	if (!ret)
		pt_collapse(vm->arch.s2_root, S2_START_LEVEL, ipa, size,
			    page_free, stage2_flush_cb, vm);
	return ret;
}

int arch_stage2_unmap(struct vm *vm, ipa_t ipa, uint64_t size)
{
	int ret = pt_unmap(vm->arch.s2_root, S2_START_LEVEL, ipa, size,
			   page_alloc_zeroed);

	stage2_tlb_flush(vm);
	return ret;
}

void arch_vm_destroy(struct vm *vm)
{
	pt_destroy(vm->arch.s2_root, S2_START_LEVEL, page_free);
	stage2_tlb_flush(vm);
	vm->arch.s2_root = NULL;
}

/* The earliest timer deadline of the vCPUs under the running child, or the
 * bound on the running entry. */
void arch_parent_timer_arm(void)
{
	struct cpu *c = this_cpu();
	uint64_t deadline = UINT64_MAX, offset = sysreg_read(cntvoff_el2);

	for (unsigned k = 0; k + 1 < c->depth; k++) {
		const struct vcpu *v = c->stack[k];

		/* ENABLE set, IMASK clear: the guest waits for this timer. */
		if ((v->arch.cntv_ctl & 3) == 1 &&
		    !__atomic_load_n(&v->wake, __ATOMIC_ACQUIRE))
			deadline = MIN(deadline,
				       v->arch.ctx.el1[EL1_CNTV_CVAL] + offset);
	}
	if (c->entry_bound_us)
		deadline = MIN(deadline, c->entry_bound_us *
					     sysreg_read(cntfrq_el0) / 1000000);
	if (deadline == UINT64_MAX)
		return;
	sysreg_write(cnthp_cval_el2, deadline);
	sysreg_write(cnthp_ctl_el2, 1);
}

void arch_parent_timer_disarm(void)
{
	sysreg_write(cnthp_ctl_el2, 0);
}

static void parent_timer_expired(void)
{
	struct cpu *c = this_cpu();

	arch_parent_timer_disarm();
	for (unsigned k = 0; k + 1 < c->depth; k++)
		__atomic_store_n(&c->stack[k]->wake, true, __ATOMIC_RELEASE);
}

/* EL1 state a fresh vCPU starts from: as after a reset, MMU off. */
static void el1_state_reset(void)
{
	sysreg_write(sctlr_el1, SCTLR_EL1_RESET);
	sysreg_write(cpacr_el1, 0);
	sysreg_write(ttbr0_el1, 0);
	sysreg_write(ttbr1_el1, 0);
	sysreg_write(tcr_el1, 0);
	sysreg_write(mair_el1, 0);
	sysreg_write(vbar_el1, 0);
	sysreg_write(contextidr_el1, 0);
	sysreg_write(tpidr_el1, 0);
	sysreg_write(tpidr_el0, 0);
	sysreg_write(tpidrro_el0, 0);
	sysreg_write(sp_el1, 0);
	sysreg_write(sp_el0, 0);
	sysreg_write(cntkctl_el1, 0);
	sysreg_write(cntv_ctl_el0, 0);
	sysreg_write(cntv_cval_el0, 0);
}

/* The guest numbers its vCPUs 0..n-1 in Aff0, whatever CPUs they run on. */
void arch_vcpu_init(struct vcpu *vcpu)
{
	vcpu->arch.vmpidr = (1ull << 31) | vcpu->id;
}

void arch_vcpu_reset(struct vcpu *vcpu, uint64_t entry, uint64_t arg)
{
	memset(&vcpu->regs, 0, sizeof(vcpu->regs));
	vcpu->regs.x[0] = arg;
	sysreg_write(vmpidr_el2, vcpu->arch.vmpidr);
	sysreg_write(vpidr_el2, sysreg_read(midr_el1));
	el1_state_reset();
	sysreg_write(elr_el2, entry);
	sysreg_write(spsr_el2, SPSR_EL1H_MASKED);
	vgic_vcpu_reset(vcpu);
}

noreturn void arch_vcpu_run(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;

	sysreg_write(vttbr_el2, vttbr_of(vm));
	sysreg_write(tpidr_el2, (uintptr_t)vcpu);
	isb();
	spin_lock(&vm->arch.vgic_lock);
	vgic_flush(vcpu);
	spin_unlock(&vm->arch.vgic_lock);
	vcpu_enter_fresh();
}

void arch_vcpu_park(struct vcpu *vcpu)
{
	/* A parked vCPU's timer must not keep interrupting this CPU. */
	sysreg_write(cntv_ctl_el0, 0);
	vgic_park(vcpu);
	sysreg_write(tpidr_el2, 0);
}

void arch_vcpu_sync_irqs(struct vcpu *vcpu)
{
	spin_lock(&vcpu->vm->arch.vgic_lock);
	vgic_flush(vcpu);
	spin_unlock(&vcpu->vm->arch.vgic_lock);
}

void arch_ipi_send(unsigned cpu)
{
	gic_send_ipi(cpu);
}

static void console_irq(void)
{
	int c;

	while ((c = platform_console_getc()) >= 0)
		console_input((uint8_t)c);
}

/* Route one acknowledged interrupt to its single owner. */
static void irq_dispatch(uint32_t iar)
{
	uint32_t intid = iar & 0x3ff;
	struct vcpu *loaded = this_cpu()->loaded;
	struct vm *owner = arch_irq_owner(intid);

	gic_priority_drop(iar);
	if (intid == GIC_PTIMER_PPI) { /* a TEE's secure timer (tee_arm.c) */
		tee_arm_timer_irq();
		gic_deactivate(iar);
		return;
	}
	if (intid == GIC_VTIMER_PPI && loaded) {
		vgic_hw_irq(loaded, intid);
		return;
	}
	if (owner && owner->state == VM_RUNNING) {
		struct virq *v = &owner->arch.spi[intid - VGIC_LOCAL_IRQS];

		vgic_hw_irq(&owner->vcpus[v->target], intid);
		return;
	}
	gic_deactivate(iar);
	if (intid == GIC_IPI_SGI)
		cpu_handle_work();
	else if (intid == GIC_HYP_TIMER_PPI)
		parent_timer_expired();
	else if (intid == GIC_MAINT_PPI && loaded)
		vgic_maintenance(loaded);
	else if (intid == platform_console_irq())
		console_irq();
	else if (intid >= VGIC_LOCAL_IRQS)
		gic_irq_enable(intid, false); /* nobody's: silence it */
}

void arch_irq_handle_pending(void)
{
	for (;;) {
		uint32_t iar = gic_ack();

		if ((iar & 0x3ff) >= GIC_SPURIOUS)
			return;
		irq_dispatch(iar);
	}
}
